import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/clock';
import { RateLimiter } from '../../../core/rate-limit';
import { authorize } from './digest';
import { Registrar } from './registrar';
import { SipStack } from './stack';
import { UdpTransport } from './transport/udp';

describe('a flood of bad-credential REGISTERs', () => {
  let server: SipStack;
  let client: SipStack;
  let registrar: Registrar;
  let port: number;
  let lookups = 0;

  beforeAll(async () => {
    server = new SipStack({
      transports: [new UdpTransport({ host: '127.0.0.1', port: 0 })],
      rateLimit: new RateLimiter(100, 20, systemClock),
    });
    registrar = new Registrar({
      realm: 'cc.test',
      lookup: async (u) => {
        lookups++;
        return u === '1001' ? { password: 'secret' } : undefined;
      },
      failures: new RateLimiter(10, 0.1, systemClock),
    }).attach(server);
    port = (await server.start()).udp?.port ?? 0;
    client = new SipStack({ transports: [new UdpTransport({ host: '127.0.0.1', port: 0 })] });
    await client.start();
  });

  afterAll(async () => {
    registrar.close();
    await client.stop();
    await server.stop();
  });

  it('is limited (failure lockout then packet drops) while a good client on another address still registers', async () => {
    // Loopback is a /8: the attacker gets its own source IP, so per-IP limits can tell them apart.
    const attacker = createSocket('udp4');
    await new Promise<void>((r) => attacker.bind(0, '127.0.0.2', () => r()));
    const statuses: number[] = [];
    let nonceChallenge = '';
    attacker.on('message', (m) => {
      const text = m.toString();
      statuses.push(Number(text.slice(8, 11)));
      nonceChallenge ||= /WWW-Authenticate: (.*)\r\n/.exec(text)?.[1] ?? '';
    });
    const reg = (i: number, auth?: string): string =>
      [
        `REGISTER sip:127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.2:${attacker.address().port};branch=z9hG4bKflood${i}`,
        'Max-Forwards: 70',
        'From: <sip:1001@127.0.0.1>;tag=f',
        'To: <sip:1001@127.0.0.1>',
        `Call-ID: flood-${i}@127.0.0.2`,
        `CSeq: ${i + 1} REGISTER`,
        'Contact: <sip:1001@127.0.0.2:9>',
        ...(auth ? [`Authorization: ${auth}`] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    attacker.send(reg(0), port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 50));
    expect(nonceChallenge).toContain('nonce=');
    const wrong = authorize(nonceChallenge, { username: '1001', password: 'guess' }, 'REGISTER', `sip:127.0.0.1:${port}`);
    for (let i = 1; i <= 500; i++) attacker.send(reg(i, wrong), port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 500));

    const answered = statuses.slice(1);
    expect(answered.every((s) => s === 403)).toBe(true);
    // The packet bucket (100 + refill) drops most of the 500; the failure bucket caps lookups at 10.
    expect(answered.length).toBeLessThan(150);
    expect(lookups).toBeLessThanOrEqual(10);

    const ok = await client.request('REGISTER', `sip:127.0.0.1:${port}`, {
      from: 'sip:1001@127.0.0.1',
      to: 'sip:1001@127.0.0.1',
      credentials: { username: '1001', password: 'secret' },
    });
    expect(ok.status).toBe(200);
    expect(registrar.lookup('1001')).toHaveLength(1);
    attacker.close();
  });
});
