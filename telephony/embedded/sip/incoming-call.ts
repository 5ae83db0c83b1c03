import { EventEmitter } from 'node:events';
import { Dialog, type DialogHost } from './dialog';
import { SipError } from './errors';
import { parseNameAddr, type NameAddr } from './fields';
import { callIdOf, createResponse, cseqOf, fromOf, randomToken, tagOf, toOf, type SipRequest } from './message';
import type { RequestLocals } from './middleware';
import type { ServerTransaction } from './transaction/types';
import type { Flow } from './transport/types';

export interface IncomingCallEvents {
  /** The caller gave up (CANCEL) before an answer; the INVITE has been answered 487. */
  cancel: [];
}

export interface AnswerOptions {
  headers?: Record<string, string | string[]>;
}

type CallState = 'offered' | 'ringing' | 'answered' | 'rejected' | 'cancelled';

/** An INVITE waiting for the application: ring, answer with SDP, or reject. */
export class IncomingCall extends EventEmitter<IncomingCallEvents> {
  readonly callId: string;
  readonly from: NameAddr;
  readonly to: NameAddr;
  /** The SDP offer, or undefined for a late-offer INVITE. */
  readonly sdp: string | undefined;
  state: CallState = 'offered';
  private readonly localTag = randomToken();

  constructor(
    private readonly host: DialogHost & { adopt(dialog: Dialog): void },
    private readonly tx: ServerTransaction,
    readonly locals: RequestLocals,
  ) {
    super();
    const req = tx.request;
    this.callId = callIdOf(req);
    this.from = fromOf(req);
    this.to = toOf(req);
    this.sdp = req.body || undefined;
  }

  get request(): SipRequest {
    return this.tx.request;
  }

  get source(): Flow {
    return this.tx.flow;
  }

  /** 180 Ringing, or 183 Session Progress with early-media SDP. */
  ringing(opts: { sdp?: string; headers?: Record<string, string | string[]> } = {}): void {
    if (this.state !== 'offered' && this.state !== 'ringing') return;
    this.state = 'ringing';
    const status = opts.sdp ? 183 : 180;
    const contact = this.host.contactFor(this.tx.flow);
    this.tx.respond(
      createResponse(this.tx.request, status, { toTag: this.localTag, body: opts.sdp, contentType: 'application/sdp', headers: { Contact: contact, ...opts.headers } }),
    );
  }

  /**
   * Answers 200 with our SDP and resolves with the dialog once the ACK arrives (its body is the
   * answer when the INVITE carried no offer). Rejects with SipError(408) if no ACK ever comes.
   */
  async answer(sdp: string, opts: AnswerOptions = {}): Promise<Dialog> {
    if (this.state === 'cancelled') throw new SipError(487, 'call was cancelled');
    if (this.state !== 'offered' && this.state !== 'ringing') throw new SipError(500, `cannot answer in state ${this.state}`);
    this.state = 'answered';
    const req = this.tx.request;
    const contact = req.headers.get('contact');
    const dialog = new Dialog(this.host, {
      role: 'uas',
      callId: this.callId,
      local: { ...this.to, params: new Map() },
      remote: { ...this.from, params: new Map() },
      localTag: this.localTag,
      remoteTag: tagOf(this.from) ?? '',
      remoteTarget: contact ? parseNameAddr(contact).uri : this.from.uri,
      routeSet: req.headers.getAll('record-route'),
      localSeq: 0,
      remoteSeq: cseqOf(req).seq,
      flow: this.tx.flow,
      localSdp: sdp,
      remoteSdp: this.sdp,
    });
    this.host.adopt(dialog);
    const res = createResponse(req, 200, {
      toTag: this.localTag,
      body: sdp,
      contentType: 'application/sdp',
      headers: { Contact: this.host.contactFor(this.tx.flow), Allow: this.host.allow, ...opts.headers },
    });
    const ack = await dialog.send2xx(this.tx, res);
    if (!ack) {
      // RFC 3261 §13.3.1.4: no ACK within 64*T1 means the session must be torn down.
      if (dialog.state === 'confirmed') await dialog.bye();
      throw new SipError(408, 'no ACK for 200 OK');
    }
    return dialog;
  }

  reject(status: number, opts: { reason?: string; headers?: Record<string, string | string[]> } = {}): void {
    if (this.state === 'answered' || this.state === 'rejected' || this.state === 'cancelled') return;
    if (status < 300 || status > 699) throw new SipError(500, 'reject needs a 3xx-6xx status');
    this.state = 'rejected';
    this.tx.respond(createResponse(this.tx.request, status, { toTag: this.localTag, reason: opts.reason, headers: opts.headers }));
  }

  /** Called by the stack on CANCEL: 487 the INVITE unless it was already answered. */
  cancelled(): void {
    if (this.state !== 'offered' && this.state !== 'ringing') return;
    this.state = 'cancelled';
    this.tx.respond(createResponse(this.tx.request, 487, { toTag: this.localTag }));
    this.emit('cancel');
  }
}
