import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/ports';
import { runSipp, scenario } from '../../../test/support/sipp/run';
import type { Dialog } from './dialog';
import type { IncomingCall } from './incoming-call';
import { Registrar } from './registrar';
import { SipStack } from './stack';
import { TcpTransport } from './transport/tcp';
import { UdpTransport } from './transport/udp';

const SDP = 'v=0\r\no=cc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

describe('SIP stack against sipp', () => {
  let stack: SipStack;
  let registrar: Registrar;
  let target: string;
  let tcpTarget: string;
  const calls: IncomingCall[] = [];
  const dialogs: Dialog[] = [];

  beforeAll(async () => {
    const udp = new UdpTransport({ host: '127.0.0.1', port: 0 });
    const tcp = new TcpTransport({ host: '127.0.0.1', port: 0 });
    stack = new SipStack({ transports: [udp, tcp], timers: { t1: 100, t2: 400, t4: 500 } });
    registrar = new Registrar({ realm: 'cc.test', lookup: async (user) => (user === '1001' ? { password: 'secret' } : undefined), minExpires: 1 }).attach(stack);
    stack.on('call', (call) => {
      calls.push(call);
      const user = /sip:([^@]+)@/.exec(call.request.uri)?.[1];
      call.ringing();
      if (user === 'answer') {
        call.answer(SDP).then((d) => dialogs.push(d), () => undefined);
      }
    });
    const addrs = await stack.start();
    target = `127.0.0.1:${addrs.udp?.port}`;
    tcpTarget = `127.0.0.1:${addrs.tcp?.port}`;
  });

  afterAll(async () => {
    registrar.close();
    await stack.stop();
  });

  it('answers a sipp OPTIONS with 200 over UDP', async () => {
    const r = await runSipp({ target, scenario: scenario('options'), localPort: await freePort(), service: 'ping', timeoutSec: 10 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.successful).toBe(1);
  });

  it('answers a sipp OPTIONS with 200 over TCP', async () => {
    const r = await runSipp({ target: tcpTarget, scenario: scenario('options'), localPort: await freePort(), transport: 't1', service: 'ping', timeoutSec: 10 });
    expect(r.code, r.stderr).toBe(0);
  });

  it('registers sipp with digest auth and refuses a bad password', async () => {
    const events: string[] = [];
    registrar.on('register', (b) => events.push(b.user));
    const good = await runSipp({ target, scenario: scenario('register-auth'), localPort: await freePort(), service: '1001', auth: { username: '1001', password: 'secret' }, timeoutSec: 10 });
    expect(good.code, good.stderr).toBe(0);
    expect(events).toEqual(['1001']);
    const [binding] = registrar.lookup('1001');
    expect(binding?.flow.transport).toBe('udp');
    expect(binding?.contact).toMatch(/^sip:1001@127\.0\.0\.1:\d+/);
    const bad = await runSipp({ target, scenario: scenario('register-auth'), localPort: await freePort(), service: '1001', auth: { username: '1001', password: 'wrong' }, timeoutSec: 10 });
    expect(bad.code).not.toBe(0);
    expect(bad.failed).toBe(1);
    expect(bad.stderr).toMatch(/403/);
  });

  it('registers over TCP and keeps the connection as the binding flow', async () => {
    const r = await runSipp({ target: tcpTarget, scenario: scenario('register-auth'), localPort: await freePort(), transport: 't1', service: '1001', auth: { username: '1001', password: 'secret' }, timeoutSec: 10 });
    expect(r.code, r.stderr).toBe(0);
  });

  it('takes a sipp -sn uac call: answers with SDP, then sipp hangs up with BYE', async () => {
    const before = calls.length;
    const byes: string[] = [];
    stack.once('dialog', (d) => d.on('bye', () => byes.push(d.callId)));
    const r = await runSipp({ target, scenario: 'uac', localPort: await freePort(), service: 'answer', durationMs: 200, timeoutSec: 15 });
    expect(r.code, r.stderr).toBe(0);
    expect(calls.length).toBe(before + 1);
    expect(calls[calls.length - 1]?.sdp).toContain('m=audio');
    expect(byes).toHaveLength(1);
    expect(stack.dialogCount).toBe(0);
  });

  it('answers 200 to a CANCEL and 487 to the INVITE', async () => {
    const cancelled: string[] = [];
    stack.once('call', (call) => call.on('cancel', () => cancelled.push(call.callId)));
    const r = await runSipp({ target, scenario: scenario('uac-cancel'), localPort: await freePort(), service: 'ring', timeoutSec: 10 });
    expect(r.code, r.stderr).toBe(0);
    expect(cancelled).toHaveLength(1);
  });

  it('absorbs a retransmitted INVITE: one IncomingCall, the 180 repeated', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((res) => socket.bind(0, '127.0.0.1', () => res()));
    const port = socket.address().port;
    const got: string[] = [];
    socket.on('message', (m) => got.push(m.toString()));
    const invite = [
      `INVITE sip:ring@${target} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bKretrans${port};rport`,
      'Max-Forwards: 70',
      `From: <sip:raw@127.0.0.1>;tag=r1`,
      `To: <sip:ring@${target}>`,
      `Call-ID: retrans-${port}@127.0.0.1`,
      'CSeq: 1 INVITE',
      `Contact: <sip:raw@127.0.0.1:${port}>`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const before = calls.length;
    const [host, p] = target.split(':');
    socket.send(invite, Number(p), host);
    await new Promise((r) => setTimeout(r, 100));
    socket.send(invite, Number(p), host);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBe(before + 1);
    expect(got.filter((m) => m.startsWith('SIP/2.0 180')).length).toBe(2);
    calls[calls.length - 1]?.reject(486);
    socket.close();
  });
});
