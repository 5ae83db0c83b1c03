import type { ReportBlock } from './rtcp';

/**
 * Receiver statistics per RFC 3550 appendix A.1/A.3/A.8: extended highest sequence, loss and
 * interarrival jitter, turned into a report block for our SR/RR.
 */
export class ReceptionStats {
  private started = false;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private transit = 0;
  private jitter = 0;
  private lastSrMiddle = 0;
  private lastSrAtMs = 0;
  ssrc = 0;

  /**
   * `arrivalRtpUnits` is the arrival time in timestamp units (ms * 8 for 8 kHz audio). True when
   * the packet begins a new stream (another SSRC) after an earlier one.
   */
  onPacket(ssrc: number, seq: number, rtpTimestamp: number, arrivalRtpUnits: number): boolean {
    const replaced = this.started && ssrc !== this.ssrc;
    if (!this.started || replaced) {
      this.started = true;
      this.ssrc = ssrc;
      this.baseSeq = seq;
      this.maxSeq = seq;
      this.cycles = 0;
      this.received = 0;
      this.expectedPrior = 0;
      this.receivedPrior = 0;
      this.jitter = 0;
      this.transit = arrivalRtpUnits - rtpTimestamp;
    }
    const delta = (seq - this.maxSeq) & 0xffff;
    if (delta > 0 && delta < 0x8000) {
      if (seq < this.maxSeq) this.cycles += 0x10000;
      this.maxSeq = seq;
    }
    this.received++;
    const transit = arrivalRtpUnits - rtpTimestamp;
    const d = Math.abs(transit - this.transit);
    this.transit = transit;
    this.jitter += (d - this.jitter) / 16;
    return replaced;
  }

  onSenderReport(ntpMiddle: number, nowMs: number): void {
    this.lastSrMiddle = ntpMiddle;
    this.lastSrAtMs = nowMs;
  }

  /** Null until a packet arrived; advances the "since last report" counters. */
  reportBlock(nowMs: number): ReportBlock | null {
    if (!this.started) return null;
    const extendedMax = this.cycles + this.maxSeq;
    const expected = extendedMax - this.baseSeq + 1;
    const lost = expected - this.received;
    const expectedInterval = expected - this.expectedPrior;
    const lostInterval = expectedInterval - (this.received - this.receivedPrior);
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
    const dlsr = this.lastSrAtMs ? Math.floor(((nowMs - this.lastSrAtMs) / 1000) * 65536) : 0;
    return {
      ssrc: this.ssrc, fractionLost: Math.min(fraction, 255), cumulativeLost: lost,
      highestSequence: extendedMax >>> 0, jitter: Math.floor(this.jitter),
      lastSr: this.lastSrMiddle, delaySinceLastSr: dlsr,
    };
  }
}
