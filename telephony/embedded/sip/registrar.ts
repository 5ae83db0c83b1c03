import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../../../core/clock';
import { DigestAuthenticator, type CredentialLookup } from './auth';
import { formatNameAddr, parseNameAddr } from './fields';
import { callIdOf, cseqOf, toOf } from './message';
import type { SipMiddleware, SipRequestContext, SipResponder } from './middleware';
import type { RateLimiter } from '../../../core/rate-limit';
import type { SipStack } from './stack';
import type { Flow } from './transport/types';
import { parseUri } from './uri';

/** One registered contact and the flow that reaches it (a WS/TCP client is only reachable over it). */
export interface Binding {
  aor: string;
  user: string;
  contact: string;
  expiresAt: number;
  callId: string;
  cseq: number;
  flow: Flow;
  userAgent?: string;
}

export interface RegistrarOptions {
  realm: string;
  lookup: CredentialLookup;
  clock?: Clock;
  minExpires?: number;
  maxExpires?: number;
  defaultExpires?: number;
  /** Budget of failed authentications per source IP (floods of bad passwords). */
  failures?: RateLimiter;
  nonceTtlMs?: number;
  secret?: Buffer;
  /** How often expired bindings are swept; tests with a ManualClock call `sweep()` instead. */
  sweepIntervalMs?: number;
}

export interface RegistrarEvents {
  register: [binding: Binding];
  unregister: [binding: Binding, reason: 'request' | 'flow-closed'];
  expire: [binding: Binding];
}

/** Registrar for agent extensions (RFC 3261 §10.3) with digest authentication. */
export class Registrar extends EventEmitter<RegistrarEvents> {
  readonly authenticator: DigestAuthenticator;
  private readonly clock: Clock;
  private readonly bindings = new Map<string, Binding[]>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly opts: RegistrarOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.authenticator = new DigestAuthenticator({ realm: opts.realm, lookup: opts.lookup, clock: this.clock, failures: opts.failures, nonceTtlMs: opts.nonceTtlMs, secret: opts.secret });
  }

  /** Installs the REGISTER handler on the stack and forgets bindings whose connection closes. */
  attach(stack: SipStack): this {
    stack.use('REGISTER', this.middleware());
    for (const t of stack.endpoint.transports) t.on('closed', (flow) => this.dropFlow(flow));
    this.sweeper = setInterval(() => this.sweep(), this.opts.sweepIntervalMs ?? 1_000);
    this.sweeper.unref();
    return this;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  middleware(): SipMiddleware {
    return async (req, res) => {
      const outcome = await this.authenticator.verify(req.message, req.source.address);
      if (!outcome.ok) {
        res.send(outcome.status, { headers: outcome.headers, reason: outcome.reason });
        return;
      }
      this.register(req, res, outcome.username);
    };
  }

  /** Current bindings for `sip:user@domain`, `user@domain` or a bare user (any domain). */
  lookup(aorOrUser: string): Binding[] {
    const now = this.clock.now();
    const key = normaliseAor(aorOrUser);
    const lists = key.includes('@') ? [this.bindings.get(key) ?? []] : [...this.bindings.values()].map((l) => l.filter((b) => b.user === key));
    return lists.flat().filter((b) => b.expiresAt > now);
  }

  sweep(): void {
    const now = this.clock.now();
    for (const [aor, list] of this.bindings) {
      const alive = list.filter((b) => b.expiresAt > now);
      for (const b of list) if (b.expiresAt <= now) this.emit('expire', b);
      this.store(aor, alive);
    }
  }

  private register(req: SipRequestContext, res: SipResponder, username: string): void {
    const msg = req.message;
    const toUri = parseUri(toOf(msg).uri);
    if (toUri.user !== username) {
      res.send(403, { reason: 'Username does not match AoR' });
      return;
    }
    const aor = `${toUri.user}@${toUri.host}`;
    const callId = callIdOf(msg);
    const cseq = cseqOf(msg).seq;
    const current = this.bindings.get(aor) ?? [];
    const contacts = msg.headers.getAll('contact');
    const headerExpires = msg.headers.get('expires');
    if (contacts.length === 1 && contacts[0] === '*') {
      if (headerExpires !== '0') {
        res.send(400, { reason: 'Wildcard needs Expires: 0' });
        return;
      }
      this.store(aor, []);
      for (const b of current) this.emit('unregister', b, 'request');
      res.send(200);
      return;
    }
    const next = [...current];
    const now = this.clock.now();
    const events: Array<() => void> = [];
    for (const value of contacts) {
      const na = parseNameAddr(value);
      const raw = na.params.get('expires') ?? headerExpires;
      let expires = raw === undefined || raw === null || !/^\d+$/.test(raw) ? (this.opts.defaultExpires ?? 3600) : Number(raw);
      const at = next.findIndex((b) => b.contact === na.uri);
      const existing = at >= 0 ? next[at] : undefined;
      // RFC 3261 §10.3 step 7: an older CSeq on the same Call-ID is a reordered request.
      if (existing && existing.callId === callId && cseq <= existing.cseq) {
        res.send(500, { reason: 'Out of order REGISTER' });
        return;
      }
      if (expires === 0) {
        if (existing) {
          next.splice(at, 1);
          events.push(() => this.emit('unregister', existing, 'request'));
        }
        continue;
      }
      const min = this.opts.minExpires ?? 60;
      if (expires < min) {
        res.send(423, { headers: { 'Min-Expires': String(min) } });
        return;
      }
      expires = Math.min(expires, this.opts.maxExpires ?? 3600);
      const binding: Binding = { aor, user: username, contact: na.uri, expiresAt: now + expires * 1000, callId, cseq, flow: req.source, userAgent: msg.headers.get('user-agent') };
      if (existing) next[at] = binding;
      else next.push(binding);
      events.push(() => this.emit('register', binding));
    }
    this.store(aor, next);
    const listed = next.map((b) => `${formatNameAddr({ uri: b.contact, params: new Map() })};expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`);
    res.send(200, { headers: listed.length ? { Contact: listed } : {} });
    for (const emit of events) emit();
  }

  private dropFlow(flow: Flow): void {
    if (!flow.connectionId) return;
    for (const [aor, list] of this.bindings) {
      const gone = list.filter((b) => b.flow.connectionId === flow.connectionId);
      if (gone.length === 0) continue;
      this.store(aor, list.filter((b) => b.flow.connectionId !== flow.connectionId));
      for (const b of gone) this.emit('unregister', b, 'flow-closed');
    }
  }

  private store(aor: string, list: Binding[]): void {
    if (list.length === 0) this.bindings.delete(aor);
    else this.bindings.set(aor, list);
  }
}

function normaliseAor(value: string): string {
  const v = value.trim().replace(/^<|>$/g, '');
  if (!/^sips?:/i.test(v)) return v;
  const uri = parseUri(v);
  return `${uri.user ?? ''}@${uri.host}`;
}
