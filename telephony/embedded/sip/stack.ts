import { EventEmitter } from 'node:events';
import type { Dialog } from './dialog';
import { dialogKey, type DialogHost } from './dialog';
import { Endpoint } from './endpoint';
import { SipError } from './errors';
import { callIdOf, createResponse, cseqOf, fromOf, tagOf, toOf, type SipRequest, type SipResponse } from './message';
import { IncomingCall } from './incoming-call';
import { contextFor, runChain, type MiddlewareEntry, type SipMiddleware, type SipRequestContext } from './middleware';
import { OutgoingCall } from './outgoing-call';
import { buildRequest, withCredentials, type OriginateOptions } from './outgoing';
import { DEFAULT_LIMITS, type ParseLimits } from './parser';
import type { RateLimiter } from '../../../core/rate-limit';
import type { TimerConfig } from './timers';
import type { ServerTransaction } from './transaction/types';
import type { Flow, HostPort, Transport, TransportProtocol } from './transport/types';

export interface SipStackOptions {
  /** Constructed transports (UdpTransport, TcpTransport, WsTransport...); `start()` opens them. */
  transports: Array<Transport & { listen?(): Promise<HostPort> }>;
  timers?: Partial<TimerConfig>;
  limits?: Partial<ParseLimits>;
  /** Per-source-IP packet budget checked before parsing; over it, packets are dropped. */
  rateLimit?: RateLimiter;
  userAgent?: string;
  /** User part of our Contact and default From. */
  contactUser?: string;
}

export interface InviteOptions extends OriginateOptions {
  /** Give up (CANCEL) when nobody answers in time. */
  timeoutMs?: number;
}

export interface SipStackEvents {
  /** An INVITE that passed admission; nobody listening means 404. */
  call: [call: IncomingCall, req: SipRequestContext];
  /** A dialog was established, either direction. */
  dialog: [dialog: Dialog];
}

const KNOWN = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'REGISTER', 'INFO', 'REFER', 'NOTIFY', 'SUBSCRIBE', 'MESSAGE', 'UPDATE', 'PRACK', 'PUBLISH'];
const IN_DIALOG_ONLY = new Set(['BYE', 'INFO', 'REFER', 'NOTIFY', 'UPDATE', 'PRACK']);

/** The SIP user agent facade: admission middleware, calls in and out, dialogs, plain requests. */
export class SipStack extends EventEmitter<SipStackEvents> implements DialogHost {
  readonly endpoint: Endpoint;
  readonly userAgent: string;
  private readonly middleware: MiddlewareEntry[] = [];
  private readonly dialogs = new Map<string, Dialog>();
  private readonly calls = new WeakMap<ServerTransaction, IncomingCall>();
  private readonly contactUser: string;

  constructor(private readonly opts: SipStackOptions) {
    super();
    this.userAgent = opts.userAgent ?? 'callcentre-embedded';
    this.contactUser = opts.contactUser ?? 'cc';
    const limiter = opts.rateLimit;
    this.endpoint = new Endpoint({
      transports: opts.transports,
      timers: opts.timers,
      limits: { ...DEFAULT_LIMITS, ...opts.limits },
      admit: limiter ? (flow) => limiter.take(flow.address) : undefined,
    });
    this.endpoint.on('request', (req, tx) => this.onRequest(req, tx));
    this.endpoint.on('cancel', (tx, invite) => this.onCancel(tx, invite));
    this.endpoint.on('ack', (req) => this.findDialog(req, 'request')?.receiveAck(req));
    this.endpoint.on('stray', (res) => this.onStray(res));
  }

  async start(): Promise<Partial<Record<TransportProtocol, HostPort>>> {
    const out: Partial<Record<TransportProtocol, HostPort>> = {};
    for (const t of this.opts.transports) out[t.protocol] = t.listen ? await t.listen() : t.sentBy();
    return out;
  }

  async stop(): Promise<void> {
    for (const d of [...this.dialogs.values()]) d.end('stopped');
    this.endpoint.stop();
    await Promise.all(this.opts.transports.map((t) => t.close()));
  }

  /** Adds an admission step for one method (`'REGISTER'`) or, without a method, for all. */
  use(methodOrHandler: string | SipMiddleware, handler?: SipMiddleware): this {
    if (typeof methodOrHandler === 'function') this.middleware.push({ method: undefined, handler: methodOrHandler });
    else if (handler) this.middleware.push({ method: methodOrHandler.toUpperCase(), handler });
    return this;
  }

  get allow(): string {
    const methods = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'REFER', 'NOTIFY'];
    if (this.middleware.some((m) => m.method === 'REGISTER')) methods.push('REGISTER');
    return methods.join(', ');
  }

  contactFor(flow: Flow, user = this.contactUser): string {
    const sentBy = this.endpoint.transportFor(flow).sentBy();
    const transport = flow.transport === 'udp' ? '' : `;transport=${flow.transport}`;
    return `<sip:${user}@${hostForUri(sentBy.host)}:${sentBy.port}${transport}>`;
  }

  localUri(flow: Flow, user = this.contactUser): string {
    const sentBy = this.endpoint.transportFor(flow).sentBy();
    return `sip:${user}@${hostForUri(sentBy.host)}:${sentBy.port}`;
  }

  adopt(dialog: Dialog): void {
    this.dialogs.set(dialog.id, dialog);
    this.emit('dialog', dialog);
  }

  forget(dialog: Dialog): void {
    this.dialogs.delete(dialog.id);
  }

  get dialogCount(): number {
    return this.dialogs.size;
  }

  /** Places a call. Progress comes as events; `result` settles with the dialog or a SipError. */
  invite(target: string, sdp: string, opts: InviteOptions = {}): OutgoingCall {
    const { req, flow } = buildRequest(this, 'INVITE', target, { ...opts, body: sdp, contentType: 'application/sdp' });
    req.headers.set('allow', this.allow);
    return new OutgoingCall(this, req, flow, opts.credentials, opts.timeoutMs);
  }

  /** Sends an out-of-dialog non-INVITE request (OPTIONS, REGISTER, MESSAGE), meeting one challenge. */
  request(method: string, target: string, opts: OriginateOptions = {}): Promise<SipResponse> {
    const { req, flow } = buildRequest(this, method.toUpperCase(), target, opts);
    return new Promise((resolve, reject) => {
      let authTried = false;
      const send = (r: SipRequest): void => {
        this.endpoint.request(
          r,
          {
            onResponse: (res) => {
              if (res.status < 200) return;
              if ((res.status === 401 || res.status === 407) && opts.credentials && !authTried) {
                const next = withCredentials(r, res, opts.credentials);
                if (next) {
                  authTried = true;
                  send(next);
                  return;
                }
              }
              resolve(res);
            },
            onFailure: (status) => reject(new SipError(status, `${method} to ${target} failed (${status})`)),
          },
          flow,
        );
      };
      send(req);
    });
  }

  private onRequest(req: SipRequest, tx: ServerTransaction): void {
    const toTag = tagOf(toOf(req));
    if (toTag !== undefined) {
      const dialog = this.findDialog(req, 'request');
      if (dialog) dialog.receive(req, tx);
      else tx.respond(createResponse(req, 481));
      return;
    }
    if (req.headers.get('max-forwards') === '0' && req.method !== 'OPTIONS') {
      tx.respond(createResponse(req, 483));
      return;
    }
    const required = req.headers.getAll('require');
    if (required.length > 0) {
      // We implement no extension that a peer could require (no 100rel, no timer).
      tx.respond(createResponse(req, 420, { headers: { Unsupported: required.join(', ') } }));
      return;
    }
    const { req: ctx, res } = contextFor(tx);
    runChain(this.middleware, ctx, res, () => this.terminal(ctx, tx));
  }

  /** What happens when no admission step answered: the built-in behaviour per method. */
  private terminal(ctx: SipRequestContext, tx: ServerTransaction): void {
    const req = tx.request;
    const method = req.method;
    if (method === 'INVITE') {
      if (this.listenerCount('call') === 0) {
        tx.respond(createResponse(req, 404));
        return;
      }
      const call = new IncomingCall(this, tx, ctx.locals);
      this.calls.set(tx, call);
      this.emit('call', call, ctx);
      return;
    }
    if (method === 'OPTIONS') tx.respond(createResponse(req, 200, { headers: { Allow: this.allow, Accept: 'application/sdp' } }));
    else if (IN_DIALOG_ONLY.has(method)) tx.respond(createResponse(req, 481));
    else if (KNOWN.includes(method)) tx.respond(createResponse(req, 405, { headers: { Allow: this.allow } }));
    else tx.respond(createResponse(req, 501));
  }

  private onCancel(tx: ServerTransaction, invite: ServerTransaction | undefined): void {
    if (!invite) {
      tx.respond(createResponse(tx.request, 481));
      return;
    }
    tx.respond(createResponse(tx.request, 200));
    const call = this.calls.get(invite);
    if (call) call.cancelled();
    else if (!invite.finalSent) invite.respond(createResponse(invite.request, 487));
  }

  private onStray(res: SipResponse): void {
    const cseq = cseqOf(res);
    if (cseq.method !== 'INVITE' || res.status < 200 || res.status >= 300) return;
    this.findDialog(res, 'response')?.resendAck(cseq.seq);
  }

  /** Our tag is To's in a request we receive and From's in a response to our request. */
  private findDialog(msg: SipRequest | SipResponse, side: 'request' | 'response'): Dialog | undefined {
    const from = tagOf(fromOf(msg)) ?? '';
    const to = tagOf(toOf(msg)) ?? '';
    const key = side === 'request' ? dialogKey(callIdOf(msg), to, from) : dialogKey(callIdOf(msg), from, to);
    return this.dialogs.get(key);
  }
}

function hostForUri(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
