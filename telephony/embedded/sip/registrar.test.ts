import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock';
import type { Binding } from './registrar';
import { Registrar } from './registrar';
import { SipStack } from './stack';
import { TrunkManager } from './trunk';
import { MemoryNetwork, MemoryTransport } from './transport/memory';

const timers = { t1: 20, t2: 80, t4: 100 };

describe('registrar and trunks (in-process)', () => {
  let clock: ManualClock;
  let server: SipStack;
  let client: SipStack;
  let registrar: Registrar;

  beforeEach(async () => {
    clock = new ManualClock();
    const net = new MemoryNetwork();
    server = new SipStack({ transports: [new MemoryTransport(net, { host: '10.0.0.2', port: 5060 })], timers });
    client = new SipStack({ transports: [new MemoryTransport(net, { host: '10.0.0.1', port: 5060 })], timers });
    registrar = new Registrar({ realm: 'pbx', clock, minExpires: 2, maxExpires: 600, lookup: async (u) => (u === '2001' ? { password: 'pw' } : undefined) }).attach(server);
    await server.start();
    await client.start();
  });

  afterEach(async () => {
    registrar.close();
    await client.stop();
    await server.stop();
  });

  const register = (expires: string, contact = '<sip:2001@10.0.0.1:5060>', cseq?: number): Promise<number> =>
    client
      .request('REGISTER', 'sip:10.0.0.2', { from: 'sip:2001@pbx', to: 'sip:2001@pbx', callId: 'reg-1', cseq, fromTag: 't', credentials: { username: '2001', password: 'pw' }, headers: { Contact: contact, Expires: expires } })
      .then((r) => r.status);

  it('binds, clamps to max Expires, answers 423 below min, expires bindings, unregisters with *', async () => {
    const events: string[] = [];
    registrar.on('register', (b: Binding) => events.push(`reg ${b.contact} ${Math.round((b.expiresAt - clock.now()) / 1000)}`));
    registrar.on('expire', (b) => events.push(`exp ${b.contact}`));
    registrar.on('unregister', (b, why) => events.push(`unreg ${b.contact} ${why}`));
    expect(await register('1', undefined, 1)).toBe(423);
    expect(await register('3600', undefined, 3)).toBe(200);
    expect(registrar.lookup('sip:2001@pbx')[0]?.flow).toMatchObject({ transport: 'udp', address: '10.0.0.1', port: 5060 });
    expect(await register('120', '<sip:2001@10.0.0.1:5062>', 5)).toBe(200);
    expect(registrar.lookup('2001')).toHaveLength(2);
    clock.advance(121_000);
    registrar.sweep();
    expect(registrar.lookup('2001').map((b) => b.contact)).toEqual(['sip:2001@10.0.0.1:5060']);
    expect(await register('0', '*', 7)).toBe(200);
    expect(registrar.lookup('2001')).toEqual([]);
    expect(events).toEqual(['reg sip:2001@10.0.0.1:5060 600', 'reg sip:2001@10.0.0.1:5062 120', 'exp sip:2001@10.0.0.1:5062', 'unreg sip:2001@10.0.0.1:5060 request']);
  });

  it('refuses a user registering someone else’s AoR', async () => {
    const status = await client
      .request('REGISTER', 'sip:10.0.0.2', { from: 'sip:2002@pbx', to: 'sip:2002@pbx', credentials: { username: '2001', password: 'pw' }, headers: { Contact: '<sip:x@10.0.0.1>' } })
      .then((r) => r.status);
    expect(status).toBe(403);
  });

  it('keeps a trunk registered (refresh before expiry) and backs off on failure', async () => {
    const trunks = new TrunkManager(client, {
      retryMinMs: 50,
      trunks: [
        { kind: 'register', id: 'good', registrar: 'sip:10.0.0.2:5060', aor: 'sip:2001@pbx', credentials: { username: '2001', password: 'pw' }, expires: 2 },
        { kind: 'register', id: 'bad', registrar: 'sip:10.0.0.2:5060', aor: 'sip:2001@pbx', credentials: { username: '2001', password: 'nope' }, expires: 60 },
      ],
    });
    const seen: string[] = [];
    trunks.on('registered', (id, exp) => seen.push(`${id} ok ${exp}`));
    trunks.on('registration-failed', (id, status, retry) => seen.push(`${id} ${status} ${retry}`));
    trunks.start();
    await new Promise((r) => setTimeout(r, 1300));
    trunks.stop();
    // Granted 2 s, refreshed after 1 s on the same Call-ID with a higher CSeq.
    expect(seen.filter((s) => s === 'good ok 2')).toHaveLength(2);
    expect(seen.filter((s) => s.startsWith('bad 403')).slice(0, 2)).toEqual(['bad 403 50', 'bad 403 100']);
    expect(trunks.route('good', '442071234567').target).toBe('sip:442071234567@pbx');
  });

  it('tags INVITEs from a peer trunk address and lets them through without auth', async () => {
    const trunks = new TrunkManager(server, { trunks: [{ kind: 'peer', id: 'carrier', addresses: ['10.0.0.1'], proxy: 'sip:10.0.0.1:5060' }] });
    server.use('INVITE', trunks.middleware());
    server.use('INVITE', registrar.authenticator.middleware());
    const tagged = new Promise<string | undefined>((r) => server.on('call', (call) => {
      r(call.locals.trunkId);
      call.reject(486);
    }));
    await expect(client.invite('sip:100@10.0.0.2', 'sdp').result).rejects.toMatchObject({ status: 486 });
    expect(await tagged).toBe('carrier');
  });
});
