import { EventEmitter } from 'node:events';
import { formatDtmfRelay, parseDtmfRelay, parseSipfragStatus, sipfrag } from './bodies';
import type { DialogEndReason, DialogEvents, ReferEvent } from './dialog-events';
import type { Endpoint } from './endpoint';
import { SipError } from './errors';
import { formatNameAddr, parseNameAddr, type NameAddr } from './fields';
import { Headers } from './headers';
import { applyExtraHeaders, createResponse, cseqOf, REASONS, type SipRequest, type SipResponse } from './message';
import { Timer, transactionTimeout } from './timers';
import type { ServerTransaction } from './transaction/types';
import type { Flow } from './transport/types';

/** What a dialog needs from the stack. */
export interface DialogHost {
  readonly endpoint: Endpoint;
  contactFor(flow: Flow): string;
  readonly allow: string;
  forget(dialog: Dialog): void;
}

export interface DialogInit {
  role: 'uac' | 'uas';
  callId: string;
  local: NameAddr;
  remote: NameAddr;
  localTag: string;
  remoteTag: string;
  remoteTarget: string;
  routeSet: string[];
  localSeq: number;
  remoteSeq: number;
  flow: Flow;
  localSdp?: string;
  remoteSdp?: string;
}

export interface RequestOptions {
  body?: string;
  contentType?: string;
  headers?: Record<string, string | string[]>;
}

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** A confirmed SIP dialog (RFC 3261 §12) and its in-dialog requests, either side. */
export class Dialog extends EventEmitter<DialogEvents> {
  readonly role: 'uac' | 'uas';
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly local: NameAddr;
  readonly remote: NameAddr;
  remoteTarget: string;
  readonly routeSet: string[];
  localSdp: string | undefined;
  remoteSdp: string | undefined;
  state: 'confirmed' | 'terminated' = 'confirmed';
  private localSeq: number;
  private remoteSeq: number;
  private readonly flow: Flow;
  /** The ACK we sent per INVITE CSeq, re-sent when the 2xx is retransmitted. */
  private readonly acks = new Map<number, SipRequest>();
  private pending2xx: { seq: number; timer: Timer; giveUp: Timer; done: (ack: SipRequest | undefined) => void } | undefined;
  private inviteInProgress = false;

  constructor(
    private readonly host: DialogHost,
    init: DialogInit,
  ) {
    super();
    this.role = init.role;
    this.callId = init.callId;
    this.local = init.local;
    this.remote = init.remote;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = init.routeSet;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.flow = init.flow;
    this.localSdp = init.localSdp;
    this.remoteSdp = init.remoteSdp;
  }

  get id(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** Where in-dialog requests go: the live connection, else the route set / remote target. */
  destination(req: SipRequest): Flow {
    const ep = this.host.endpoint;
    if (this.flow.transport !== 'udp') return this.flow;
    const resolved = ep.resolve(req);
    // Symmetric signalling: a peer whose Contact is not where its packets come from sits behind NAT.
    if (this.routeSet.length === 0 && resolved.address !== this.flow.address) return this.flow;
    return resolved;
  }

  createRequest(method: string, opts: RequestOptions = {}, seq?: number): SipRequest {
    const headers = new Headers();
    for (const r of this.routeSet) headers.append('route', r);
    headers.append('max-forwards', '70');
    headers.append('from', formatNameAddr({ ...this.local, params: new Map([['tag', this.localTag]]) }));
    headers.append('to', formatNameAddr({ ...this.remote, params: new Map([['tag', this.remoteTag]]) }));
    headers.append('call-id', this.callId);
    headers.append('cseq', `${seq ?? ++this.localSeq} ${method}`);
    if (method === 'INVITE' || method === 'REFER' || method === 'NOTIFY') headers.append('contact', this.host.contactFor(this.flow));
    if (opts.body && opts.contentType) headers.append('content-type', opts.contentType);
    applyExtraHeaders(headers, opts.headers);
    return { kind: 'request', method, uri: this.remoteTarget, headers, body: opts.body ?? '' };
  }

  /** Sends an in-dialog request; resolves with the final response, rejects on timeout. */
  request(method: string, opts: RequestOptions = {}): Promise<SipResponse> {
    if (this.state === 'terminated' && method !== 'BYE') return Promise.reject(new SipError(481, 'dialog terminated'));
    const req = this.createRequest(method, opts);
    return new Promise((resolve, reject) => {
      let final = false;
      this.host.endpoint.request(
        req,
        {
          onResponse: (res) => {
            if (res.status < 200) return;
            if (method === 'INVITE' && res.status < 300) this.ack2xx(req);
            if (final) return;
            final = true;
            // RFC 3261 §12.2.1.2: 481 and 408 to an in-dialog request end the dialog.
            if (res.status === 481 || res.status === 408) this.end('request-failed');
            resolve(res);
          },
          onFailure: (status) => {
            if (method !== 'BYE') this.end('request-failed');
            reject(new SipError(status, `${method} failed (${status})`));
          },
        },
        this.destination(req),
      );
    });
  }

  /** Hangs up. Resolves once the BYE is answered or timed out. */
  async bye(opts: RequestOptions = {}): Promise<void> {
    if (this.state === 'terminated') return;
    const p = this.request('BYE', opts);
    this.end('local-bye');
    await p.catch(() => undefined);
  }

  /** Sends a re-INVITE (hold/unhold: the caller builds the SDP). Resolves with the answer SDP. */
  async reinvite(sdp: string, opts: RequestOptions = {}): Promise<{ status: number; sdp: string | undefined }> {
    if (this.inviteInProgress) throw new SipError(491, 'another INVITE is pending');
    this.inviteInProgress = true;
    try {
      const res = await this.request('INVITE', { ...opts, body: sdp, contentType: 'application/sdp' });
      if (res.status >= 300) throw new SipError(res.status, `re-INVITE rejected (${res.status})`);
      this.localSdp = sdp;
      if (res.body) this.remoteSdp = res.body;
      this.refreshTarget(res.headers.get('contact'));
      return { status: res.status, sdp: res.body || undefined };
    } finally {
      this.inviteInProgress = false;
    }
  }

  info(contentType: string, body: string): Promise<SipResponse> {
    return this.request('INFO', { contentType, body });
  }

  sendDtmf(signal: string, durationMs = 160): Promise<SipResponse> {
    return this.info('application/dtmf-relay', formatDtmfRelay({ signal, durationMs }));
  }

  /** Blind transfer of the peer to `target`; the 202 is the answer, NOTIFYs follow as events. */
  refer(target: string, opts: RequestOptions = {}): Promise<SipResponse> {
    return this.request('REFER', { ...opts, headers: { ...opts.headers, 'Refer-To': `<${target}>` } });
  }

  /** UAC side: ACK a 2xx (or repeat our ACK for a retransmitted 2xx). */
  ack2xx(invite: SipRequest, body?: string): void {
    const seq = cseqOf(invite).seq;
    let ack = this.acks.get(seq);
    if (!ack) {
      ack = this.createRequest('ACK', body ? { body, contentType: 'application/sdp' } : {}, seq);
      this.acks.set(seq, ack);
      // Only recent INVITEs can still see a retransmitted 2xx.
      if (this.acks.size > 4) this.acks.delete(this.acks.keys().next().value ?? seq);
    }
    this.host.endpoint.sendAck(ack, this.destination(ack));
  }

  /** A 2xx retransmitted after its transaction ended: repeat the ACK we sent for it. */
  resendAck(seq: number): void {
    const ack = this.acks.get(seq);
    if (ack) this.host.endpoint.sendAck(ack, this.destination(ack));
  }

  /**
   * UAS side: sends a 2xx on the INVITE transaction and retransmits it (T1 doubling to T2)
   * until the ACK (RFC 3261 §13.3.1.4). Resolves with the ACK, or undefined after 64*T1.
   */
  send2xx(tx: ServerTransaction, res: SipResponse): Promise<SipRequest | undefined> {
    const seq = cseqOf(tx.request).seq;
    tx.respond(res);
    const ep = this.host.endpoint;
    const t = ep.timers;
    return new Promise((resolve) => {
      const timer = new Timer();
      const giveUp = new Timer();
      const done = (ack: SipRequest | undefined): void => {
        timer.stop();
        giveUp.stop();
        this.pending2xx = undefined;
        resolve(ack);
      };
      this.pending2xx = { seq, timer, giveUp, done };
      if (!ep.isReliable(tx.flow)) {
        let interval = t.t1;
        const again = (): void => {
          ep.send(res, tx.flow).catch(() => undefined);
          interval = Math.min(interval * 2, t.t2);
          timer.start(interval, again);
        };
        timer.start(interval, again);
      }
      giveUp.start(transactionTimeout(t), () => done(undefined));
    });
  }

  receiveAck(ack: SipRequest): void {
    const seq = cseqOf(ack).seq;
    if (!this.pending2xx || this.pending2xx.seq !== seq) return;
    if (ack.body) this.remoteSdp = ack.body;
    this.pending2xx.done(ack);
    this.emit('ack', ack);
  }

  /** Handles a request inside this dialog on its server transaction. */
  receive(req: SipRequest, tx: ServerTransaction): void {
    const seq = cseqOf(req).seq;
    if (seq <= this.remoteSeq) {
      tx.respond(createResponse(req, 500, { reason: 'CSeq out of order' }));
      return;
    }
    this.remoteSeq = seq;
    const ok = (): void => tx.respond(createResponse(req, 200));
    switch (req.method) {
      case 'BYE':
        ok();
        if (this.state !== 'terminated') {
          this.emit('bye', req);
          this.end('remote-bye');
        }
        return;
      case 'INVITE':
        return this.receiveReInvite(req, tx);
      case 'INFO': {
        const contentType = req.headers.get('content-type')?.toLowerCase();
        ok();
        this.emit('info', { request: req, contentType, body: req.body, dtmf: contentType === 'application/dtmf-relay' ? parseDtmfRelay(req.body) : undefined });
        return;
      }
      case 'REFER':
        return this.receiveRefer(req, tx);
      case 'NOTIFY':
        ok();
        this.emit('notify', { request: req, event: req.headers.get('event'), body: req.body, sipfragStatus: parseSipfragStatus(req.body) });
        return;
      case 'OPTIONS':
        tx.respond(createResponse(req, 200, { headers: { Allow: this.host.allow } }));
        return;
      default:
        tx.respond(createResponse(req, 405, { headers: { Allow: this.host.allow } }));
    }
  }

  private receiveReInvite(req: SipRequest, tx: ServerTransaction): void {
    if (this.inviteInProgress || this.pending2xx) {
      tx.respond(createResponse(req, 491));
      return;
    }
    this.refreshTarget(req.headers.get('contact'));
    const offer = req.body || undefined;
    let answered = false;
    const accept = (sdp: string): void => {
      if (answered) return;
      answered = true;
      if (offer) this.remoteSdp = offer;
      this.localSdp = sdp;
      const res = createResponse(req, 200, { body: sdp, contentType: 'application/sdp', headers: { Contact: this.host.contactFor(this.flow) } });
      this.send2xx(tx, res).then((ack) => {
        if (!ack) this.bye().catch(() => undefined);
      });
    };
    const reject = (status: number): void => {
      if (answered) return;
      answered = true;
      tx.respond(createResponse(req, status));
    };
    if (this.listenerCount('reinvite') === 0) {
      // Nobody renegotiates: keep the call up with the SDP we already gave.
      if (this.localSdp) accept(this.localSdp);
      else reject(488);
      return;
    }
    this.emit('reinvite', { request: req, sdp: offer, accept, reject });
  }

  private receiveRefer(req: SipRequest, tx: ServerTransaction): void {
    const referTo = req.headers.get('refer-to');
    if (!referTo) {
      tx.respond(createResponse(req, 400, { reason: 'Missing Refer-To' }));
      return;
    }
    let target: string;
    try {
      target = parseNameAddr(referTo).uri;
    } catch {
      tx.respond(createResponse(req, 400, { reason: 'Bad Refer-To' }));
      return;
    }
    const notify = async (status: number, reason?: string): Promise<void> => {
      const state = status >= 200 ? 'terminated;reason=noresource' : 'active;expires=60';
      await this.request('NOTIFY', {
        body: sipfrag(status, reason ?? REASONS[status] ?? ''),
        contentType: 'message/sipfrag;version=2.0',
        headers: { Event: 'refer', 'Subscription-State': state },
      }).catch(() => undefined);
    };
    const ev: ReferEvent = {
      request: req,
      referTo: target,
      referredBy: req.headers.get('referred-by'),
      accept: () => {
        tx.respond(createResponse(req, 202));
        void notify(100, 'Trying');
      },
      reject: (status) => tx.respond(createResponse(req, status)),
      notify,
    };
    if (this.listenerCount('refer') === 0) {
      tx.respond(createResponse(req, 603, { reason: 'Transfer Not Supported' }));
      return;
    }
    this.emit('refer', ev);
  }

  private refreshTarget(contact: string | undefined): void {
    if (!contact) return;
    try {
      this.remoteTarget = parseNameAddr(contact).uri;
    } catch {
      // A bad Contact in a target refresh leaves the old target in place.
    }
  }

  /** Ends the dialog locally without signalling (BYE sent or received, or stack stopping). */
  end(reason: DialogEndReason): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.pending2xx?.done(undefined);
    this.host.forget(this);
    this.emit('terminated', reason);
  }
}
