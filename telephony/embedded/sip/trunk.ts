import { EventEmitter } from 'node:events';
import type { DigestCredentials } from './digest';
import { SipError } from './errors';
import { parseNameAddr } from './fields';
import { randomToken } from './message';
import type { SipMiddleware } from './middleware';
import { flowForUri } from './endpoint';
import type { InviteOptions, SipStack } from './stack';
import { isWebSocket } from './transport/types';
import { formatUri, parseUri } from './uri';

/** A provider that sends from and receives at known addresses, trusted without auth. */
export interface PeerTrunk {
  kind: 'peer';
  id: string;
  /** Source IPs whose INVITEs are accepted as this trunk. */
  addresses: string[];
  /** Where outbound calls go: `sip:host:port;transport=udp`. */
  proxy: string;
}

/** A provider we register to (REGISTER with digest), refreshing before expiry. */
export interface RegisteredTrunk {
  kind: 'register';
  id: string;
  /** Registrar and outbound proxy, e.g. `sip:sip.provider.example:5060`. */
  registrar: string;
  /** Our AoR at the provider, e.g. `sip:4420000000@sip.provider.example`. */
  aor: string;
  credentials: DigestCredentials;
  expires?: number;
}

export type TrunkConfig = PeerTrunk | RegisteredTrunk;

export interface TrunkManagerOptions {
  trunks: TrunkConfig[];
  /** Backoff after a failed registration: doubles from min to max. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface TrunkEvents {
  registered: [trunkId: string, expiresSec: number];
  'registration-failed': [trunkId: string, status: number, retryInMs: number];
}

/** Inbound trunk matching by source IP and outbound registration upkeep. */
export class TrunkManager extends EventEmitter<TrunkEvents> {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly failures = new Map<string, number>();
  private readonly seq = new Map<string, { callId: string; cseq: number; fromTag: string }>();
  private stopped = false;

  constructor(
    private readonly stack: SipStack,
    private readonly opts: TrunkManagerOptions,
  ) {
    super();
  }

  /** INVITE admission step: tags requests from a peer trunk's address with its id. */
  middleware(): SipMiddleware {
    return (req, _res, next) => {
      // Browsers (SIP over WebSocket) are never a trunk, whatever address a proxy gives them:
      // otherwise a web visitor behind the trunk's address would skip authentication.
      const browser = isWebSocket(req.source.transport);
      const trunk = browser ? undefined : this.trunkForAddress(req.source.address);
      if (trunk) req.locals.trunkId = trunk.id;
      next();
    };
  }

  trunkForAddress(address: string): PeerTrunk | undefined {
    const ip = address.replace(/^::ffff:/, '');
    return this.opts.trunks.find((t): t is PeerTrunk => t.kind === 'peer' && t.addresses.includes(ip));
  }

  /** Request-URI and invite options for calling `number` out through a trunk. */
  route(trunkId: string, number: string): { target: string; options: InviteOptions } {
    const trunk = this.opts.trunks.find((t) => t.id === trunkId);
    if (!trunk) throw new SipError(404, `unknown trunk ${trunkId}`);
    const proxy = parseUri(trunk.kind === 'peer' ? trunk.proxy : trunk.registrar);
    const domain = trunk.kind === 'peer' ? proxy : parseUri(trunk.aor);
    const target = formatUri({ scheme: domain.scheme, user: number, host: domain.host, port: domain.port, params: new Map(proxy.params) });
    const options: InviteOptions = { flow: flowForUri(formatUri(proxy)) };
    if (trunk.kind === 'register') {
      options.from = trunk.aor;
      options.credentials = trunk.credentials;
    }
    return { target, options };
  }

  /** Starts registering every `register` trunk. */
  start(): void {
    this.stopped = false;
    for (const t of this.opts.trunks) if (t.kind === 'register') void this.register(t);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async register(trunk: RegisteredTrunk): Promise<void> {
    if (this.stopped) return;
    const state = this.seq.get(trunk.id) ?? { callId: `${randomToken(12)}@trunk`, cseq: 0, fromTag: randomToken() };
    this.seq.set(trunk.id, state);
    const expires = trunk.expires ?? 3600;
    let status: number;
    let granted = expires;
    try {
      const res = await this.stack.request('REGISTER', formatUri({ ...parseUri(trunk.registrar), user: undefined }), {
        from: trunk.aor,
        to: trunk.aor,
        callId: state.callId,
        cseq: state.cseq + 1,
        fromTag: state.fromTag,
        credentials: trunk.credentials,
        headers: { Expires: String(expires) },
      });
      state.cseq = Number((res.headers.get('cseq') ?? '0').split(/\s+/)[0]);
      status = res.status;
      granted = grantedExpires(res.headers.getAll('contact'), res.headers.get('expires'), expires);
      if (status === 423) {
        const min = Number(res.headers.get('min-expires') ?? expires);
        trunk.expires = Math.max(min, expires);
      }
    } catch (err) {
      status = err instanceof SipError ? err.status : 503;
    }
    if (this.stopped) return;
    if (status >= 200 && status < 300) {
      this.failures.set(trunk.id, 0);
      this.emit('registered', trunk.id, granted);
      // Refresh well before expiry: halfway for short intervals, a minute early for long ones.
      this.schedule(trunk, granted > 120 ? (granted - 60) * 1000 : Math.max(500, granted * 500));
      return;
    }
    const n = (this.failures.get(trunk.id) ?? 0) + 1;
    this.failures.set(trunk.id, n);
    const min = this.opts.retryMinMs ?? 5_000;
    const wait = Math.min(this.opts.retryMaxMs ?? 300_000, min * 2 ** (n - 1));
    this.emit('registration-failed', trunk.id, status, wait);
    this.schedule(trunk, wait);
  }

  private schedule(trunk: RegisteredTrunk, ms: number): void {
    const timer = setTimeout(() => void this.register(trunk), ms);
    timer.unref();
    this.timers.set(trunk.id, timer);
  }
}

/** The expiry the registrar granted: our Contact's `expires`, else the Expires header. */
function grantedExpires(contacts: string[], header: string | undefined, asked: number): number {
  for (const c of contacts) {
    try {
      const e = parseNameAddr(c).params.get('expires');
      if (e) return Number(e);
    } catch {
      // Ignore contacts we cannot read; another one or the header will tell.
    }
  }
  return header ? Number(header) : asked;
}
