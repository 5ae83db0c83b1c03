import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Baresip } from '../../test/support/baresip';
import { contractSkip, makeEngine, type EngineHarness } from './factory';
import { ended, expectNoLeaks, nextInbound, sleep, toneLevels, toneWav } from './support';

const skip = await contractSkip('audio with baresip');

describe.skipIf(skip !== undefined)('engine contract: a baresip agent registers, is originated to, and audio flows both ways', () => {
  let h: EngineHarness;
  let dir: string;
  const phones: Baresip[] = [];
  beforeAll(async () => {
    h = await makeEngine();
    dir = await mkdtemp(join(tmpdir(), 'contract-audio-'));
  });
  afterAll(async () => {
    await Promise.all(phones.map((p) => p.stop()));
    await h?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('bridges a 440 Hz caller with a 1000 Hz agent; the stereo recording and the agent hear the right tones', async () => {
    const registered = new Promise<{ extension: string; contacts: number }>((r) => h.engine.once('registered', r));
    const agent = await Baresip.start({ user: '1001', password: h.passwords['1001']!, registrar: h.sipTarget, sourceWav: toneWav(join(dir, 'a1000.wav'), 1000) });
    phones.push(agent);
    expect(await registered).toEqual({ extension: '1001', contacts: 1 });
    expect(h.engine.isRegistered('1001')).toBe(true);

    const caller = await Baresip.start({ user: '1002', password: h.passwords['1002']!, registrar: h.sipTarget, sourceWav: toneWav(join(dir, 'c440.wav'), 440), register: false });
    phones.push(caller);
    const inbound = nextInbound(h.engine);
    await caller.command('dial', `sip:500@${h.sipTarget}`);
    const callerLeg = await inbound;
    await callerLeg.answer();
    const agentLeg = await h.engine.originate({ kind: 'extension', destination: '1001' }, { callerId: { user: callerLeg.info.from.user, uri: callerLeg.info.from.uri }, timeoutMs: 5000 });
    expect(agentLeg.info.direction).toBe('outbound');
    await h.engine.bridge(callerLeg, agentLeg);
    const rec = await callerLeg.record('bridge/caller.wav');
    await sleep(1500);
    const summary = await rec.stop();
    expect(summary.durationMs).toBeGreaterThanOrEqual(1400);

    const left = toneLevels(rec.path, 0, [440, 1000]);
    const right = toneLevels(rec.path, 1, [440, 1000]);
    // Left = what the caller says (440), right = what it hears (the agent's 1000).
    expect(left[440]).toBeGreaterThan(1000);
    expect(left[1000]).toBeLessThan(200);
    expect(right[1000]).toBeGreaterThan(1000);
    expect(right[440]).toBeLessThan(200);

    const callerGone = ended(callerLeg);
    const agentGone = ended(agentLeg);
    await caller.command('hangup');
    expect(await callerGone).toMatchObject({ side: 'remote' });
    await agentLeg.hangup();
    await agentGone;
    await sleep(300);
    // What the agent's phone decoded: the caller's 440 Hz.
    const heard = await agent.dumps('dec');
    expect(heard.length).toBeGreaterThan(0);
    const atAgent = toneLevels(heard[heard.length - 1]!, 0, [440, 1000]);
    expect(atAgent[440]).toBeGreaterThan(1000);
    expect(await expectNoLeaks(h)).toEqual({ calls: 0, mediaPorts: 0 });
  });
});
