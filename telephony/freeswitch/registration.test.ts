import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { authorize, computeHa1 } from '../embedded/sip/digest';
import { Registrar } from '../embedded/sip/registrar';
import { contactTarget } from './dial';
import type { SrfRequest, SrfResponse } from './drachtio-types';
import { registerHandler } from './registration';

const RAW = readFileSync(join(__dirname, 'fixtures/register-baresip.sip'), 'utf8');

/** drachtio-srf hands over the raw text plus where it came from; only that is used. */
function request(raw: string): SrfRequest {
  return { raw, source_address: '203.0.113.7', source_port: 40123, protocol: 'udp' } as unknown as SrfRequest;
}

function response(): SrfResponse & { sent: Array<{ status: number; headers: Record<string, string> }> } {
  const sent: Array<{ status: number; headers: Record<string, string> }> = [];
  return {
    sent,
    get finalResponseSent() {
      return sent.length > 0;
    },
    send: (status: number, _reason?: unknown, opts?: { headers?: Record<string, string> }) => sent.push({ status, headers: opts?.headers ?? {} }),
  } as unknown as SrfResponse & { sent: typeof sent };
}

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe('REGISTER through drachtio into the shared registrar', () => {
  const clock = new ManualClock(Date.parse('2024-11-25T03:00:00Z'));
  const registrar = new Registrar({ realm: 'cc.test', clock, lookup: async (u, realm) => (u === '1001' ? { ha1: computeHa1('MD5', u, realm, 'pw-1001') } : undefined) });
  const handle = registerHandler(registrar, pino({ level: 'silent' }));

  it('challenges, then binds the contact to the flow it came from (NAT address, not the Contact host)', async () => {
    const first = response();
    handle(request(RAW), first);
    await flush();
    expect(first.sent[0]?.status).toBe(401);
    const challenge = first.sent[0]?.headers['WWW-Authenticate'] ?? '';
    expect(challenge).toMatch(/^Digest realm="cc.test", nonce="[^"]+", algorithm=MD5, qop="auth"$/);

    const auth = authorize(challenge, { username: '1001', password: 'pw-1001' }, 'REGISTER', 'sip:cc.test') ?? '';
    const second = response();
    handle(request(RAW.replace('CSeq: 1 REGISTER', `CSeq: 2 REGISTER\r\nAuthorization: ${auth}`)), second);
    await flush();
    expect(second.sent[0]?.status).toBe(200);
    expect(second.sent[0]?.headers.Contact).toBe('<sip:1001-0x55d5c6a8@192.168.1.23:5062;transport=udp>;expires=300');

    const [binding] = registrar.lookup('1001');
    expect(binding).toBeDefined();
    expect(contactTarget(binding!)).toEqual({
      uri: 'sip:1001-0x55d5c6a8@192.168.1.23:5062;transport=udp',
      proxy: 'sip:203.0.113.7:40123;transport=udp',
      transport: 'udp',
    });
  });

  it('refuses a wrong password with 403 and keeps no binding', async () => {
    const r = response();
    handle(request(RAW), r);
    await flush();
    const auth = authorize(r.sent[0]?.headers['WWW-Authenticate'] ?? '', { username: '1001', password: 'wrong' }, 'REGISTER', 'sip:cc.test') ?? '';
    const bad = response();
    handle(request(RAW.replace('Call-ID: 9b5e1f0c3d2a7e64', 'Call-ID: other').replace('CSeq: 1 REGISTER', `CSeq: 1 REGISTER\r\nAuthorization: ${auth}`)), bad);
    await flush();
    expect(bad.sent[0]?.status).toBe(403);
  });

  it('answers 400 to text that is not a SIP request', async () => {
    const r = response();
    handle(request('garbage'), r);
    await flush();
    expect(r.sent[0]?.status).toBe(400);
  });
});
