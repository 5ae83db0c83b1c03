import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock';
import { DigestAuthenticator } from './auth';
import { authorize, computeDigestResponse, computeHa1 } from './digest';
import { Headers } from './headers';
import type { SipRequest } from './message';

describe('digest', () => {
  it('matches the RFC 2617 §3.5 example', () => {
    const ha1 = computeHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life');
    const response = computeDigestResponse({ algorithm: 'MD5', ha1, method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth', nc: '00000001', cnonce: '0a4f113b' });
    expect(response).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('verifies good credentials (password or HA1), refuses bad ones, marks old nonces stale', async () => {
    const clock = new ManualClock();
    const ha1 = computeHa1('MD5', '1002', 'r', 'pw2');
    const auth = new DigestAuthenticator({ realm: 'r', clock, nonceTtlMs: 60_000, lookup: async (u) => (u === '1001' ? { password: 'pw' } : u === '1002' ? { ha1 } : undefined) });
    const req = (authorization?: string): SipRequest => {
      const headers = new Headers();
      if (authorization) headers.append('authorization', authorization);
      return { kind: 'request', method: 'REGISTER', uri: 'sip:r', headers, body: '' };
    };
    const first = await auth.verify(req(), '10.0.0.1');
    if (first.ok) throw new Error('expected a challenge');
    const challenge = first.headers['WWW-Authenticate'] ?? '';
    expect(challenge).toMatch(/qop="auth"/);
    expect(await auth.verify(req(authorize(challenge, { username: '1001', password: 'pw' }, 'REGISTER', 'sip:r')), '10.0.0.1')).toEqual({ ok: true, username: '1001' });
    expect(await auth.verify(req(authorize(challenge, { username: '1002', password: 'pw2' }, 'REGISTER', 'sip:r')), '10.0.0.1')).toMatchObject({ ok: true });
    expect(await auth.verify(req(authorize(challenge, { username: '1001', password: 'no' }, 'REGISTER', 'sip:r')), '10.0.0.1')).toMatchObject({ ok: false, status: 403 });
    clock.advance(61_000);
    const stale = await auth.verify(req(authorize(challenge, { username: '1001', password: 'pw' }, 'REGISTER', 'sip:r')), '10.0.0.1');
    expect(stale.ok ? '' : stale.headers['WWW-Authenticate']).toMatch(/stale=true/);
    const forged = challenge.replace(/nonce="[^"]+"/, 'nonce="bm90LW91cnM"');
    expect(await auth.verify(req(authorize(forged, { username: '1001', password: 'pw' }, 'REGISTER', 'sip:r')), '10.0.0.1')).toMatchObject({ ok: false, status: 401 });
  });
});
