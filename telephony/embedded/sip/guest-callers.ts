import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../../core/clock';
import { Unavailable } from '../../../core/errors';
import { computeHa1 } from './digest';
import { parseNameAddr } from './fields';
import type { SipMiddleware } from './middleware';
import { parseUri } from './uri';

/** What a guest gets once, to put into its SIP user agent. */
export interface GuestCredential {
  username: string;
  password: string;
  realm: string;
  /** The only number it may call. */
  target: string;
  expiresAt: number;
}

interface Entry {
  ha1: string;
  target: string;
  expiresAt: number;
  /** Who it was issued to: a new credential for the same key replaces the old one. */
  key: string;
}

export interface GuestCallerOptions {
  realm: string;
  clock?: Clock;
  /** How long an issued credential can start a call (default 2 minutes). */
  ttlMs?: number;
  /** Credentials outstanding at once; more is a flood, refused rather than grown into. */
  maxOutstanding?: number;
}

/** Guest usernames never look like an extension (digits), so they cannot shadow an agent. */
const PREFIX = 'guest-';

/**
 * Short-lived, single-use SIP credentials for callers who are not agents (a web visitor's video
 * call). Each allows exactly one INVITE, to one number, within its lifetime, with the guest's own
 * name in From; it can never REGISTER (the registrar does not consult this table), so a guest
 * cannot receive calls or pose as an extension. Only the HA1 is kept, in memory: a restart
 * simply voids what is outstanding, which costs a visitor one retry.
 */
export class GuestCallers {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;

  constructor(private readonly opts: GuestCallerOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  static isGuest(username: string): boolean {
    return username.startsWith(PREFIX);
  }

  /** Issues a credential for `key` (e.g. a visitor), voiding the one it had. */
  issue(key: string, target: string): GuestCredential {
    this.sweep();
    for (const [name, e] of this.entries) if (e.key === key) this.entries.delete(name);
    if (this.entries.size >= (this.opts.maxOutstanding ?? 500)) throw new Unavailable('too many video calls are being set up; try again shortly');
    const username = PREFIX + randomBytes(9).toString('base64url');
    const password = randomBytes(18).toString('base64url');
    const expiresAt = this.clock.now() + (this.opts.ttlMs ?? 120_000);
    this.entries.set(username, { ha1: computeHa1('MD5', username, this.opts.realm, password), target, expiresAt, key });
    return { username, password, realm: this.opts.realm, target, expiresAt };
  }

  /** For the INVITE digest check: the HA1 while the credential is unused and unexpired. */
  lookup(username: string, realm: string): { ha1: string } | undefined {
    const e = this.entries.get(username);
    if (!e || realm !== this.opts.realm) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(username);
      return undefined;
    }
    return { ha1: e.ha1 };
  }

  get outstanding(): number {
    this.sweep();
    return this.entries.size;
  }

  /**
   * Admission step after digest auth: a guest's INVITE must dial its one number and name itself
   * in From (the ACD reads the caller from From); it uses the credential up. Others pass.
   */
  middleware(): SipMiddleware {
    return (req, res, next) => {
      const user = req.locals.authUser;
      if (user === undefined || !GuestCallers.isGuest(user)) return next();
      const e = this.entries.get(user);
      let dialled: string | undefined;
      let from: string | undefined;
      try {
        dialled = parseUri(req.uri).user;
        from = parseUri(parseNameAddr(req.header('from') ?? '').uri).user;
      } catch {
        // Unreadable URIs are refused below like any other mismatch.
      }
      if (!e || dialled !== e.target || from !== user) {
        res.send(403, { reason: 'Guest Not Allowed Here' });
        return;
      }
      this.entries.delete(user);
      next();
    };
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [name, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(name);
  }
}
