import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/clock';
import { Unavailable } from '../../../core/errors';
import { computeHa1 } from './digest';
import { GuestCallers } from './guest-callers';
import type { RequestLocals, SipRequestContext } from './middleware';

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) } as Clock & { advance(ms: number): void };
}

function invite(uri: string, from: string, authUser?: string): SipRequestContext {
  const locals: RequestLocals = authUser ? { authUser } : {};
  return { uri, method: 'INVITE', locals, header: (n: string) => (n === 'from' ? from : undefined) } as unknown as SipRequestContext;
}

function admit(g: GuestCallers, req: SipRequestContext): number | 'next' {
  let out: number | 'next' = 'next';
  void g.middleware()(req, { send: (status) => (out = status), finished: false }, () => undefined);
  return out;
}

describe('GuestCallers (short-lived single-use SIP credentials)', () => {
  it('issues a random credential whose HA1 verifies until it expires', () => {
    const clock = fakeClock();
    const g = new GuestCallers({ realm: 'cc.test', clock, ttlMs: 120_000 });
    const c = g.issue('visitor-a', '4100');
    expect(GuestCallers.isGuest(c.username)).toBe(true);
    expect(c).toMatchObject({ realm: 'cc.test', target: '4100', expiresAt: 1_000_000 + 120_000 });
    expect(g.lookup(c.username, 'cc.test')).toEqual({ ha1: computeHa1('MD5', c.username, 'cc.test', c.password) });
    expect(g.lookup(c.username, 'other.realm')).toBeUndefined();
    clock.advance(120_000);
    expect(g.lookup(c.username, 'cc.test')).toBeUndefined();
    expect(g.outstanding).toBe(0);
  });

  it('admits one INVITE to its number with its own From, then never again', () => {
    const g = new GuestCallers({ realm: 'cc.test', clock: fakeClock() });
    const c = g.issue('visitor-a', '4100');
    const from = `<sip:${c.username}@cc.test>;tag=1`;
    expect(admit(g, invite('sip:4200@cc.test', from, c.username))).toBe(403);
    expect(admit(g, invite('sip:4100@cc.test', '<sip:1001@cc.test>;tag=1', c.username))).toBe(403);
    expect(admit(g, invite('sip:4100@cc.test', from, c.username))).toBe('next');
    expect(g.lookup(c.username, 'cc.test')).toBeUndefined();
    expect(admit(g, invite('sip:4100@cc.test', from, c.username))).toBe(403);
    // Agents and unauthenticated (trunk) requests are not the guests' business.
    expect(admit(g, invite('sip:4200@cc.test', '<sip:1001@cc.test>', '1001'))).toBe('next');
    expect(admit(g, invite('sip:4200@cc.test', '<sip:x@cc.test>'))).toBe('next');
  });

  it('keeps one credential per visitor and bounds how many are outstanding', () => {
    const g = new GuestCallers({ realm: 'cc.test', clock: fakeClock(), maxOutstanding: 2 });
    const first = g.issue('visitor-a', '4100');
    const second = g.issue('visitor-a', '4100');
    expect(g.lookup(first.username, 'cc.test')).toBeUndefined();
    expect(g.lookup(second.username, 'cc.test')).toBeDefined();
    g.issue('visitor-b', '4100');
    expect(() => g.issue('visitor-c', '4100')).toThrow(Unavailable);
  });
});
