import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Baresip } from '../../test/support/baresip';
import type { CallLeg } from '../engine';
import { contractSkip, makeEngine, type EngineHarness } from './factory';
import { channelRms, ended, expectNoLeaks, nextInbound, recordFor, sleep, toneLevels, toneWav } from './support';

const skip = await contractSkip('hold, transfer, monitoring');

const CALLER = 440;
const AGENT = 1000;
const THIRD = 700;
const HEARD = 1000;
const SILENT = 200;

describe.skipIf(skip !== undefined)('engine contract: hold, transfer and listen/whisper/barge with baresip phones', () => {
  let h: EngineHarness;
  let dir: string;
  let caller: Baresip;
  const phones: Baresip[] = [];
  const byUser = new Map<string, Baresip>();
  const legs: CallLeg[] = [];

  beforeAll(async () => {
    h = await makeEngine();
    dir = await mkdtemp(join(tmpdir(), 'contract-features-'));
    const start = async (user: string, hz: number, register = true): Promise<Baresip> => {
      const registered = register ? new Promise<void>((r) => h.engine.on('registered', (e) => e.extension === user && r())) : Promise.resolve();
      const phone = await Baresip.start({ user, password: h.passwords[user]!, registrar: h.sipTarget, sourceWav: toneWav(join(dir, `${user}.wav`), hz), register });
      phones.push(phone);
      byUser.set(user, phone);
      await registered;
      return phone;
    };
    await Promise.all([start('1001', AGENT), start('1003', THIRD)]);
    caller = await start('1002', CALLER, false);
  });
  afterAll(async () => {
    await Promise.all(phones.map((p) => p.stop()));
    await h?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(legs.splice(0).map((l) => l.hangup()));
    expect(await expectNoLeaks(h)).toEqual({ calls: 0, mediaPorts: 0 });
  });

  const ring = async (extension: string): Promise<CallLeg> => {
    const leg = await h.engine.originate({ kind: 'extension', destination: extension }, { callerId: { user: '1002', uri: 'sip:1002@cc.test' }, timeoutMs: 5000 });
    legs.push(leg);
    return leg;
  };

  /** The caller dials in, is answered, and is bridged to the agent. */
  const connect = async (): Promise<{ callerLeg: CallLeg; agentLeg: CallLeg }> => {
    const inbound = nextInbound(h.engine);
    await caller.command('dial', `sip:500@${h.sipTarget}`);
    const callerLeg = await inbound;
    legs.push(callerLeg);
    await callerLeg.answer();
    const agentLeg = await ring('1001');
    await h.engine.bridge(callerLeg, agentLeg);
    return { callerLeg, agentLeg };
  };

  const levels = (file: string, channel: number): Record<number, number> => toneLevels(file, channel, [CALLER, AGENT, THIRD]);

  it('hold: the held caller hears music, not the agent, and the agent hears nothing; unhold restores both ways', async () => {
    const { callerLeg, agentLeg } = await connect();
    await callerLeg.hold();
    const [held, agentSide] = await Promise.all([recordFor(callerLeg, 'hold/caller.wav', 1200), recordFor(agentLeg, 'hold/agent.wav', 1200)]);
    expect(levels(held, 1)[AGENT]).toBeLessThan(SILENT);
    expect(channelRms(held, 1)).toBeGreaterThan(300);
    expect(levels(agentSide, 1)[CALLER]).toBeLessThan(SILENT);

    await callerLeg.unhold();
    const [back, agentBack] = await Promise.all([recordFor(callerLeg, 'unhold/caller.wav', 1200), recordFor(agentLeg, 'unhold/agent.wav', 1200)]);
    expect(levels(back, 1)[AGENT]).toBeGreaterThan(HEARD);
    expect(levels(agentBack, 1)[CALLER]).toBeGreaterThan(HEARD);
  });

  it('blind transfer: the agent phone REFERs to 1003, the caller ends up talking to 1003', async () => {
    const { callerLeg, agentLeg } = await connect();
    const refer = new Promise<{ target: string }>((r) => agentLeg.once('refer', r));
    const agentPhone = byUser.get('1001')!;
    await agentPhone.command('transfer', `sip:1003@${h.sipTarget}`);
    const { target } = await Promise.race([refer, sleep(5000).then(() => Promise.reject(new Error('no REFER from the agent phone')))]);
    expect(target).toMatch(/^sip:1003@/);
    const third = await ring('1003');
    await h.engine.bridge(callerLeg, third);
    await Promise.race([ended(agentLeg, 3000).catch(() => undefined), agentLeg.hangup('transfer')]);
    const file = await recordFor(callerLeg, 'transfer/caller.wav', 1200);
    const hears = levels(file, 1);
    expect(hears[THIRD]).toBeGreaterThan(HEARD);
    expect(hears[AGENT]).toBeLessThan(SILENT);
    expect(levels(file, 0)[CALLER]).toBeGreaterThan(HEARD);
  });

  it('a bridged call moves into a conference: listen, then whisper, then barge', async () => {
    const { callerLeg, agentLeg } = await connect();
    const supervisor = await ring('1003');
    const conf = await h.engine.conference('monitor-1');
    await conf.join(callerLeg, { speak: true, hear: true });
    await conf.join(agentLeg, { speak: true, hear: true });
    const sup = await conf.join(supervisor, { speak: false, hear: true });
    expect(conf.members()).toHaveLength(3);
    const phase = (name: string): Promise<[string, string, string]> =>
      Promise.all([recordFor(callerLeg, `${name}/caller.wav`, 1200), recordFor(agentLeg, `${name}/agent.wav`, 1200), recordFor(supervisor, `${name}/supervisor.wav`, 1200)]);

    const [c1, a1, s1] = await phase('listen');
    expect(levels(s1, 1)[CALLER]).toBeGreaterThan(HEARD);
    expect(levels(s1, 1)[AGENT]).toBeGreaterThan(HEARD);
    expect(levels(c1, 1)[AGENT]).toBeGreaterThan(HEARD);
    expect(levels(c1, 1)[THIRD]).toBeLessThan(SILENT);
    expect(levels(a1, 1)[CALLER]).toBeGreaterThan(HEARD);
    expect(levels(a1, 1)[THIRD]).toBeLessThan(SILENT);

    await sup.setFlags({ speak: true, hear: true, notHeardBy: [callerLeg] });
    const [c2, a2] = await phase('whisper');
    expect(levels(a2, 1)[THIRD]).toBeGreaterThan(HEARD);
    expect(levels(c2, 1)[THIRD]).toBeLessThan(SILENT);
    expect(levels(c2, 1)[AGENT]).toBeGreaterThan(HEARD);

    await sup.setFlags({ speak: true, hear: true });
    const [c3, a3] = await phase('barge');
    expect(levels(c3, 1)[THIRD]).toBeGreaterThan(HEARD);
    expect(levels(a3, 1)[THIRD]).toBeGreaterThan(HEARD);
    await conf.destroy();
  });
});
