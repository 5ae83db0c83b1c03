import { EventEmitter } from 'node:events';
import type { SipParseError } from './errors';
import { formatVia, parseVia } from './fields';
import { createResponse, cseqOf, newBranch, type SipMessage, type SipRequest, type SipResponse } from './message';
import { DEFAULT_LIMITS, parseMessage, type ParseLimits } from './parser';
import { serialize } from './serializer';
import { DEFAULT_TIMERS, type TimerConfig } from './timers';
import { ClientInviteTransaction } from './transaction/client-invite';
import { ClientNonInviteTransaction } from './transaction/client-non-invite';
import { clientKey, inviteKeyForCancel, serverKey } from './transaction/keys';
import { ServerInviteTransaction } from './transaction/server-invite';
import { ServerNonInviteTransaction } from './transaction/server-non-invite';
import type { ClientTransaction, ClientTransactionUser, ServerTransaction, TransactionHost } from './transaction/types';
import type { Flow, Transport, TransportProtocol } from './transport/types';
import { parseUri, uriTransport } from './uri';

export interface EndpointOptions {
  transports: Transport[];
  timers?: Partial<TimerConfig>;
  limits?: ParseLimits;
  /** Called for every packet before parsing; false drops it (per-source rate limiting). */
  admit?: (flow: Flow) => boolean;
}

export interface EndpointEvents {
  /** A new request with its server transaction (never ACK, never CANCEL). */
  request: [req: SipRequest, tx: ServerTransaction];
  /** CANCEL with its own transaction and the INVITE transaction it names, if still known. */
  cancel: [tx: ServerTransaction, invite: ServerTransaction | undefined];
  /** ACK that matched no transaction: the ACK of a 2xx, handled by the dialog. */
  ack: [req: SipRequest, flow: Flow];
  /** A response with no client transaction, e.g. a 2xx retransmitted after Timer M. */
  stray: [res: SipResponse, flow: Flow];
  /** Parse failures and dropped packets, for logs and tests. */
  dropped: [reason: string, flow: Flow, error?: SipParseError];
}

/** Transport and transaction layers (RFC 3261 §17, §18): everything below the dialog. */
export class Endpoint extends EventEmitter<EndpointEvents> implements TransactionHost {
  readonly timers: TimerConfig;
  private readonly limits: ParseLimits;
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();

  constructor(private readonly opts: EndpointOptions) {
    super();
    this.timers = { ...DEFAULT_TIMERS, ...opts.timers };
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    for (const t of opts.transports) {
      t.on('packet', (data, flow) => this.receive(data, flow));
      t.on('fatal', (error, flow) => this.answerParseError(error, flow));
    }
  }

  get transports(): readonly Transport[] {
    return this.opts.transports;
  }

  transport(protocol: TransportProtocol): Transport | undefined {
    return this.opts.transports.find((t) => t.protocol === protocol);
  }

  isReliable(flow: Flow): boolean {
    return flow.transport !== 'udp';
  }

  terminated(key: string): void {
    this.servers.delete(key);
    this.clients.delete(key);
  }

  /** Pending transaction count; tests use it to prove nothing leaks. */
  get transactionCount(): number {
    return this.servers.size + this.clients.size;
  }

  receive(data: Buffer, flow: Flow): void {
    if (this.opts.admit && !this.opts.admit(flow)) {
      this.emit('dropped', 'rate-limited', flow);
      return;
    }
    const parsed = parseMessage(data, this.limits, flow.transport === 'tcp');
    if (parsed.type === 'keepalive') return;
    if (parsed.type === 'error') {
      this.answerParseError(parsed.error, flow);
      return;
    }
    try {
      if (parsed.message.kind === 'response') this.receiveResponse(parsed.message, flow);
      else this.receiveRequest(parsed.message, flow);
    } catch (err) {
      // A handler bug must not take the listener down; the peer will retransmit or time out.
      this.emit('dropped', err instanceof Error ? err.message : 'handler failure', flow);
    }
  }

  private answerParseError(error: SipParseError, flow: Flow): void {
    this.emit('dropped', error.message, flow, error);
    const head = error.head;
    if (!head || head.kind !== 'request' || head.method === 'ACK') return;
    const h = head.headers;
    if (!['via', 'from', 'to', 'call-id', 'cseq'].every((n) => h.has(n))) return;
    try {
      // Without a readable Via and CSeq the peer could not match our answer: stay silent.
      parseVia(h.get('via') ?? '');
      cseqOf(head);
    } catch {
      return;
    }
    this.stampVia(head, flow);
    this.send(createResponse(head, error.status, { reason: error.status === 400 ? `Bad Request (${error.message})` : undefined }), flow).catch(() => undefined);
  }

  /** RFC 3261 §18.2.1 and RFC 3581: note where the request really came from. */
  private stampVia(req: SipRequest, flow: Flow): void {
    const via = parseVia(req.headers.get('via') ?? '');
    if (via.host !== flow.address) via.params.set('received', flow.address);
    if (via.params.has('rport')) {
      via.params.set('rport', String(flow.port));
      via.params.set('received', flow.address);
    }
    req.headers.replaceFirst('via', formatVia(via));
  }

  private receiveRequest(req: SipRequest, flow: Flow): void {
    this.stampVia(req, flow);
    const key = serverKey(req);
    const existing = this.servers.get(key);
    if (existing) {
      existing.receive(req);
      return;
    }
    if (req.method === 'ACK') {
      this.emit('ack', req, flow);
      return;
    }
    if (req.method === 'INVITE') {
      const tx = new ServerInviteTransaction(key, req, flow, this);
      this.servers.set(key, tx);
      tx.start();
      this.emit('request', req, tx);
      return;
    }
    const tx = new ServerNonInviteTransaction(key, req, flow, this);
    this.servers.set(key, tx);
    if (req.method === 'CANCEL') this.emit('cancel', tx, this.servers.get(inviteKeyForCancel(req)));
    else this.emit('request', req, tx);
  }

  private receiveResponse(res: SipResponse, flow: Flow): void {
    const tx = this.clients.get(clientKey(res));
    if (tx) tx.receive(res);
    else this.emit('stray', res, flow);
  }

  /** Sends a request in a new client transaction; `dest` overrides routing (a registered flow). */
  request(req: SipRequest, user: ClientTransactionUser, dest?: Flow): ClientTransaction {
    const flow = dest ?? this.resolve(req);
    this.addVia(req, flow);
    const key = clientKey(req);
    const tx =
      req.method === 'INVITE'
        ? new ClientInviteTransaction(key, req, flow, this, user)
        : new ClientNonInviteTransaction(key, req, flow, this, user);
    this.clients.set(key, tx);
    tx.start();
    return tx;
  }

  /** ACK for a 2xx travels outside any transaction (RFC 3261 §13.2.2.4). */
  sendAck(ack: SipRequest, dest?: Flow): Flow {
    const flow = dest ?? this.resolve(ack);
    if (!ack.headers.has('via')) this.addVia(ack, flow);
    this.send(ack, flow).catch(() => undefined);
    return flow;
  }

  private addVia(req: SipRequest, flow: Flow): void {
    const transport = this.transportFor(flow);
    const sentBy = transport.sentBy();
    const branch = req.headers.get('via') ? undefined : newBranch();
    if (branch === undefined) return;
    const proto = flow.transport.toUpperCase();
    req.headers.prepend('via', `SIP/2.0/${proto} ${sentBy.host}:${sentBy.port};branch=${branch};rport`);
  }

  /** Next hop from the first Route (loose routing) or the Request-URI; no DNS SRV. */
  resolve(req: SipRequest): Flow {
    const route = req.headers.get('route');
    const target = route ? (/<([^>]+)>/.exec(route)?.[1] ?? route) : req.uri;
    return flowForUri(target);
  }

  transportFor(flow: Flow): Transport {
    const t = this.transport(flow.transport);
    if (!t) throw new Error(`no ${flow.transport} transport`);
    return t;
  }

  /** Sends a request or response; responses follow Via per RFC 3261 §18.2.2 and RFC 3581. */
  send(msg: SipMessage, flow: Flow): Promise<void> {
    let target = flow;
    if (msg.kind === 'response' && flow.transport === 'udp') {
      const via = parseVia(msg.headers.get('via') ?? '');
      const rport = via.params.get('rport');
      const address = via.params.get('received') ?? via.host;
      const port = rport ? Number(rport) : (via.port ?? 5060);
      target = { transport: 'udp', address, port };
    }
    try {
      return this.transportFor(target).send(serialize(msg), target);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  stop(): void {
    for (const tx of [...this.servers.values(), ...this.clients.values()]) tx.stop();
    this.servers.clear();
    this.clients.clear();
  }
}

export function flowForUri(target: string): Flow {
  const uri = parseUri(target);
  const transport = uriTransport(uri);
  const proto: TransportProtocol = transport === 'tcp' || transport === 'ws' || transport === 'wss' ? transport : 'udp';
  return { transport: proto, address: uri.host.replace(/^\[|\]$/g, ''), port: uri.port ?? 5060 };
}
