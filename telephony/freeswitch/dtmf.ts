import type { DtmfEvent } from '../engine';

/**
 * SIP INFO digits arrive at drachtio (our side of the caller's dialog), not at FreeSWITCH. The leg
 * injects them into the channel (`uuid_recv_dtmf`) so play_and_get_digits sees them, and
 * FreeSWITCH then reports them like any other DTMF event. This remembers which digits we
 * injected, so the one event per digit is reported with the method it really came by.
 */
export class DtmfMethods {
  private readonly injected: string[] = [];

  /** Called before uuid_recv_dtmf. */
  injectedInfo(digit: string): void {
    this.injected.push(digit.toUpperCase());
  }

  /** Method for a FreeSWITCH DTMF event (DTMF-Source RTP is RFC 4733; ours are INFO). */
  classify(digit: string, source: string): DtmfEvent['method'] {
    const d = digit.toUpperCase();
    if (source !== 'RTP' && this.injected[0] === d) {
      this.injected.shift();
      return 'info';
    }
    return 'rfc4733';
  }
}
