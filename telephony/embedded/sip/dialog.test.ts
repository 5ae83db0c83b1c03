import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestAuthenticator } from './auth';
import type { Dialog } from './dialog';
import type { NotifyEvent } from './dialog-events';
import { SipError } from './errors';
import { SipStack } from './stack';
import { MemoryNetwork, MemoryTransport } from './transport/memory';

const timers = { t1: 20, t2: 80, t4: 100 };
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const sentLines = (t: MemoryTransport, prefix: string): number => t.sent.filter((s) => s.data.toString().startsWith(prefix)).length;

describe('dialogs between two in-process stacks', () => {
  let net: MemoryNetwork;
  let ta: MemoryTransport;
  let tb: MemoryTransport;
  let a: SipStack;
  let b: SipStack;

  beforeEach(async () => {
    net = new MemoryNetwork();
    ta = new MemoryTransport(net, { host: '10.0.0.1', port: 5060 });
    tb = new MemoryTransport(net, { host: '10.0.0.2', port: 5060 });
    a = new SipStack({ transports: [ta], timers, contactUser: 'a' });
    b = new SipStack({ transports: [tb], timers, contactUser: 'b' });
    await a.start();
    await b.start();
  });

  afterEach(async () => {
    await a.stop();
    await b.stop();
  });

  it('calls with a 407 challenge, then re-INVITE (hold), INFO DTMF, REFER with NOTIFY, and BYE', async () => {
    const auth = new DigestAuthenticator({ realm: 'b', proxy: true, lookup: async (u) => (u === 'alice' ? { password: 'pw' } : undefined) });
    b.use('INVITE', auth.middleware());
    const answered = new Promise<Dialog>((resolve) => {
      b.on('call', (call, req) => {
        expect(req.locals.authUser).toBe('alice');
        call.ringing();
        call.answer('sdp-b').then(resolve);
      });
    });
    const out = a.invite('sip:agent@10.0.0.2:5060', 'sdp-a', { credentials: { username: 'alice', password: 'pw' } });
    const progress: number[] = [];
    out.on('progress', (p) => progress.push(p.status));
    const da = await out.result;
    const db = await answered;
    expect(progress).toEqual([180]);
    expect(da.remoteSdp).toBe('sdp-b');
    expect(db.remoteSdp).toBe('sdp-a');

    db.on('reinvite', (ev) => ev.accept(ev.sdp === 'sdp-a-hold' ? 'sdp-b-held' : 'sdp-b'));
    expect(await da.reinvite('sdp-a-hold')).toEqual({ status: 200, sdp: 'sdp-b-held' });
    expect(db.remoteSdp).toBe('sdp-a-hold');

    const infos = new Promise<string | undefined>((r) => db.once('info', (ev) => r(ev.dtmf?.signal)));
    expect((await da.sendDtmf('5')).status).toBe(200);
    expect(await infos).toBe('5');

    const notifies: NotifyEvent[] = [];
    da.on('notify', (n) => notifies.push(n));
    db.once('refer', (ev) => {
      expect(ev.referTo).toBe('sip:queue@10.0.0.3');
      ev.accept();
      setTimeout(() => void ev.notify(200), 10);
    });
    expect((await da.refer('sip:queue@10.0.0.3')).status).toBe(202);
    await wait(100);
    expect(notifies.map((n) => n.sipfragStatus)).toEqual([100, 200]);

    const ended = new Promise<string>((r) => da.once('terminated', r));
    await db.bye();
    expect(await ended).toBe('remote-bye');
    expect(a.dialogCount + b.dialogCount).toBe(0);
  });

  it('retransmits the 2xx until the ACK gets through', async () => {
    let lostAcks = 0;
    ta.lose = (d) => d.toString().startsWith('ACK') && lostAcks++ < 2;
    b.on('call', (call) => void call.answer('sdp-b'));
    await a.invite('sip:x@10.0.0.2:5060', 'sdp-a').result;
    await wait(200);
    expect(sentLines(tb, 'SIP/2.0 200')).toBeGreaterThanOrEqual(3);
    expect(b.dialogCount).toBe(1);
  });

  it('gives up and hangs up when the ACK never comes', async () => {
    ta.lose = (d) => d.toString().startsWith('ACK');
    const failure = new Promise<unknown>((r) => b.on('call', (call) => call.answer('sdp-b').catch(r)));
    await a.invite('sip:x@10.0.0.2:5060', 'sdp-a').result;
    const err = await failure;
    expect(err).toBeInstanceOf(SipError);
    expect((err as SipError).status).toBe(408);
    expect(sentLines(tb, 'BYE')).toBe(1);
  });

  it('cancels a ringing call: the caller sees 487, the callee a cancel event', async () => {
    const cancelled = new Promise<void>((r) => b.on('call', (call) => {
      call.ringing();
      call.on('cancel', r);
    }));
    const out = a.invite('sip:x@10.0.0.2:5060', 'sdp-a');
    out.on('progress', () => out.cancel());
    await expect(out.result).rejects.toMatchObject({ status: 487 });
    await cancelled;
  });

  it('retransmits a rejected INVITE response (Timer G) while the ACK is lost, until Timer H', async () => {
    ta.lose = (d) => d.toString().startsWith('ACK');
    b.on('call', (call) => call.reject(486));
    await expect(a.invite('sip:x@10.0.0.2:5060', 'sdp-a').result).rejects.toMatchObject({ status: 486 });
    await wait(64 * timers.t1 + 100);
    const n = sentLines(tb, 'SIP/2.0 486');
    expect(n).toBeGreaterThanOrEqual(5);
    await wait(200);
    expect(sentLines(tb, 'SIP/2.0 486')).toBe(n);
    expect(b.endpoint.transactionCount).toBe(0);
  });

  it('times out an unanswered INVITE (Timers A/B) and OPTIONS (Timers E/F) with 408', async () => {
    const started = Date.now();
    await expect(a.invite('sip:nobody@10.0.0.9:5060', 'sdp-a').result).rejects.toMatchObject({ status: 408 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(64 * timers.t1 - 5);
    // A doubles without a cap: 20, 40, 80, 160, 320, 640 ms within 1280 ms -> 7 sends.
    expect(sentLines(ta, 'INVITE')).toBe(7);
    await expect(a.request('OPTIONS', 'sip:nobody@10.0.0.9:5060')).rejects.toMatchObject({ status: 408 });
    // E doubles to T2 (80 ms) then stays: far more sends than INVITE in the same window.
    expect(sentLines(ta, 'OPTIONS')).toBeGreaterThanOrEqual(15);
  });
});
