import { EventEmitter } from 'node:events';
import { Dialog, type DialogHost } from './dialog';
import type { DigestCredentials } from './digest';
import { SipError } from './errors';
import { parseNameAddr } from './fields';
import { callIdOf, cseqOf, fromOf, tagOf, toOf, type SipRequest, type SipResponse } from './message';
import { withCredentials } from './outgoing';
import type { ClientTransaction } from './transaction/types';
import type { Flow } from './transport/types';

export interface ProgressEvent {
  status: number;
  reason: string;
  /** Early-media SDP on a 183. */
  sdp: string | undefined;
}

export interface OutgoingCallEvents {
  progress: [ev: ProgressEvent];
}

/**
 * An INVITE we sent. `result` resolves with the dialog after the 2xx is ACKed, or rejects with
 * SipError(status) for a failure, a timeout (408) or our own CANCEL (487).
 */
export class OutgoingCall extends EventEmitter<OutgoingCallEvents> {
  readonly result: Promise<Dialog>;
  readonly callId: string;
  private resolve!: (d: Dialog) => void;
  private reject!: (e: SipError) => void;
  private tx: ClientTransaction | undefined;
  private invite: SipRequest;
  private dialog: Dialog | undefined;
  private provisional = false;
  private cancelWanted = false;
  private finished = false;
  private authTried = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: DialogHost & { adopt(dialog: Dialog): void },
    invite: SipRequest,
    private readonly flow: Flow,
    private readonly credentials: DigestCredentials | undefined,
    timeoutMs: number | undefined,
  ) {
    super();
    this.invite = invite;
    this.callId = callIdOf(invite);
    this.result = new Promise<Dialog>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Callers that only listen to events must not see an unhandled rejection.
    this.result.catch(() => undefined);
    if (timeoutMs) this.timer = setTimeout(() => this.cancel(), timeoutMs);
    this.send(invite);
  }

  private send(req: SipRequest): void {
    this.invite = req;
    this.provisional = false;
    this.tx = this.host.endpoint.request(req, { onResponse: (res) => this.onResponse(res), onFailure: (s) => this.fail(s, 'INVITE failed') }, this.flow);
  }

  /** CANCEL before the answer; it goes out once a provisional has arrived (RFC 3261 §9.1). */
  cancel(): void {
    if (this.finished) return;
    this.cancelWanted = true;
    if (this.provisional) this.sendCancel();
  }

  private sendCancel(): void {
    const inv = this.invite;
    const headers = inv.headers.clone();
    headers.remove('contact');
    headers.remove('content-type');
    headers.remove('authorization');
    headers.remove('proxy-authorization');
    headers.set('cseq', `${cseqOf(inv).seq} CANCEL`);
    // CANCEL reuses the INVITE's top Via so the peer matches it to the INVITE (§9.1).
    headers.set('via', inv.headers.get('via') ?? '');
    const cancel: SipRequest = { kind: 'request', method: 'CANCEL', uri: inv.uri, headers, body: '' };
    this.host.endpoint.request(cancel, { onResponse: () => undefined, onFailure: () => undefined }, this.tx?.flow ?? this.flow);
  }

  private onResponse(res: SipResponse): void {
    if (res.status < 200) {
      if (this.finished) return;
      const first = !this.provisional;
      this.provisional = true;
      if (first && this.cancelWanted) this.sendCancel();
      if (res.status > 100) this.emit('progress', { status: res.status, reason: res.reason, sdp: res.body || undefined });
      return;
    }
    if (res.status < 300) return this.on2xx(res);
    if ((res.status === 401 || res.status === 407) && this.credentials && !this.authTried && !this.cancelWanted) {
      const next = withCredentials(this.invite, res, this.credentials);
      if (next) {
        this.authTried = true;
        this.send(next);
        return;
      }
    }
    this.fail(res.status, `call failed: ${res.status} ${res.reason}`);
  }

  private on2xx(res: SipResponse): void {
    const to = toOf(res);
    const remoteTag = tagOf(to) ?? '';
    if (this.dialog && this.dialog.remoteTag === remoteTag) {
      this.dialog.ack2xx(this.invite);
      return;
    }
    const contact = res.headers.get('contact');
    const dialog = new Dialog(this.host, {
      role: 'uac',
      callId: this.callId,
      local: { ...fromOf(this.invite), params: new Map() },
      remote: { ...to, params: new Map() },
      localTag: tagOf(fromOf(this.invite)) ?? '',
      remoteTag,
      remoteTarget: contact ? parseNameAddr(contact).uri : this.invite.uri,
      routeSet: res.headers.getAll('record-route').reverse(),
      localSeq: cseqOf(this.invite).seq,
      remoteSeq: 0,
      flow: this.tx?.flow ?? this.flow,
      localSdp: this.invite.body || undefined,
      remoteSdp: res.body || undefined,
    });
    dialog.ack2xx(this.invite);
    if (this.dialog || this.finished || this.cancelWanted) {
      // A second fork answered, or the 2xx crossed our CANCEL: ACK it and hang it up (§13.2.2.4).
      dialog.bye().catch(() => undefined);
      this.fail(487, 'cancelled');
      return;
    }
    this.dialog = dialog;
    this.host.adopt(dialog);
    this.finish();
    this.resolve(dialog);
  }

  private fail(status: number, message: string): void {
    if (this.finished) return;
    this.finish();
    this.reject(new SipError(status, message));
  }

  private finish(): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
