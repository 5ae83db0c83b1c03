import { systemClock, type Clock } from '../../../core/clock';
import { computeDigestResponse, computeHa1, NonceFactory } from './digest';
import { parseAuthParams } from './fields';
import type { SipRequest } from './message';
import type { SipMiddleware } from './middleware';
import type { RateLimiter } from '../../../core/rate-limit';

/** The injected credential source (the agents table): a password or a precomputed HA1. */
export type CredentialLookup = (username: string, realm: string) => Promise<{ password: string } | { ha1: string } | undefined>;

export interface DigestAuthOptions {
  realm: string;
  lookup: CredentialLookup;
  clock?: Clock;
  /** How long a nonce stays good; older authentic nonces get `stale=true`. */
  nonceTtlMs?: number;
  /** Share it between nodes so a nonce from one verifies on another. */
  secret?: Buffer;
  /** 407/Proxy-Authenticate instead of 401/WWW-Authenticate. */
  proxy?: boolean;
  /** Per-source-IP budget of failed attempts; an empty bucket earns 403 without a lookup. */
  failures?: RateLimiter;
}

export type AuthOutcome =
  | { ok: true; username: string }
  | { ok: false; status: 401 | 403 | 407; headers: Record<string, string>; reason?: string };

/** Server-side digest (RFC 2617/7616, MD5, qop=auth) with stateless expiring nonces. */
export class DigestAuthenticator {
  private readonly nonces: NonceFactory;
  private readonly clock: Clock;

  constructor(private readonly opts: DigestAuthOptions) {
    this.nonces = new NonceFactory(opts.secret);
    this.clock = opts.clock ?? systemClock;
  }

  get realm(): string {
    return this.opts.realm;
  }

  challenge(stale = false): AuthOutcome {
    const nonce = this.nonces.create(this.clock.now());
    const value = `Digest realm="${this.opts.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
    return this.opts.proxy
      ? { ok: false, status: 407, headers: { 'Proxy-Authenticate': value } }
      : { ok: false, status: 401, headers: { 'WWW-Authenticate': value } };
  }

  async verify(req: SipRequest, sourceIp: string): Promise<AuthOutcome> {
    const header = req.headers.get(this.opts.proxy ? 'proxy-authorization' : 'authorization');
    if (!header) return this.challenge();
    const failures = this.opts.failures;
    if (failures && !failures.allows(sourceIp)) return { ok: false, status: 403, headers: {}, reason: 'Too Many Failed Attempts' };
    const outcome = await this.check(req, header);
    if (!outcome.ok && outcome.status === 403) failures?.take(sourceIp);
    return outcome;
  }

  private async check(req: SipRequest, header: string): Promise<AuthOutcome> {
    const { scheme, params } = parseAuthParams(header);
    const username = params.get('username');
    const nonce = params.get('nonce') ?? '';
    const response = params.get('response');
    const uri = params.get('uri');
    if (scheme !== 'digest' || !username || !response || !uri || params.get('realm') !== this.opts.realm) return this.challenge();
    const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5') return this.challenge();
    const age = this.nonces.age(nonce, this.clock.now());
    if (age === undefined) return this.challenge();
    const qop = params.get('qop');
    if (qop !== undefined && qop !== 'auth') return this.challenge();
    const creds = await this.opts.lookup(username, this.opts.realm);
    if (!creds) return forbidden();
    const ha1 = 'ha1' in creds ? creds.ha1 : computeHa1('MD5', username, this.opts.realm, creds.password);
    const expected = computeDigestResponse({ algorithm: 'MD5', ha1, method: req.method, uri, nonce, qop, nc: params.get('nc'), cnonce: params.get('cnonce') });
    if (expected !== response.toLowerCase()) return forbidden();
    // Right password on an old nonce: ask again without bothering the user (stale=true).
    if (age > (this.opts.nonceTtlMs ?? 300_000)) return this.challenge(true);
    return { ok: true, username };
  }

  /** Admission step: challenges, verifies and sets `req.locals.authUser`; trunk traffic passes. */
  middleware(): SipMiddleware {
    return async (req, res, next) => {
      if (req.locals.trunkId !== undefined) return next();
      const outcome = await this.verify(req.message, req.source.address);
      if (outcome.ok) {
        req.locals.authUser = outcome.username;
        next();
      } else res.send(outcome.status, { headers: outcome.headers, reason: outcome.reason });
    };
  }
}

function forbidden(): AuthOutcome {
  return { ok: false, status: 403, headers: {} };
}
