import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { readTime } from '../../core/time';
import { toneLevels, toneWav } from '../../telephony/contract/support';
import { Baresip } from '../support/baresip';
import { scenarioFile, uasAnswer } from '../../telephony/contract/scenarios';
import { freePort } from '../support/ports';
import { runSipp } from '../support/sipp/run';
import { wavChannelTone } from '../support/audio';
import { until } from '../support/until';
import { startVoiceLab, voiceLabSkip, type VoiceLab } from '../support/voice';

// On the embedded engine by default; with TELEPHONY_ENGINE=freeswitch, on the live stack the environment names.
const skip = await voiceLabSkip('voice ACD');

async function available(lab: VoiceLab, cookie: string): Promise<Socket> {
  const socket = io(`${lab.server.url}/agent`, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  const reply = (await socket.timeout(5000).emitWithAck('presence:set', { presence: 'available' })) as { ok: boolean };
  expect(reply.ok).toBe(true);
  return socket;
}

/** Agents leaving at the end of a test go offline at once, so the next test's calls do not ring them. */
async function signOff(sockets: Socket[]): Promise<void> {
  for (const s of sockets.splice(0)) {
    await s.timeout(5000).emitWithAck('presence:set', { presence: 'offline' }).catch(() => undefined);
    s.disconnect();
  }
}

describe.skipIf(skip)('voice contact centre: sipp caller -> IVR by RFC 2833 -> queue -> baresip agent', () => {
  let lab: VoiceLab;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    lab = await startVoiceLab();
  });
  afterEach(async () => {
    await signOff(sockets);
    await lab.stopPhones();
  });
  afterAll(async () => {
    await lab.stop();
  });

  it('answers through the IVR and queue, records both sides in stereo, and writes the CDR and wallboard figures', async () => {
    const { agentId, client } = await lab.agent('1001', { toneHz: 1000 });
    sockets.push(await available(lab, client.cookieHeader));
    const result = await lab.call({ from: '13800001111', digits: ['1'], toneHz: 440, toneSeconds: 8, after: 'bye', holdMs: 7000 });
    expect(result.failed).toBe(0);
    expect(result.successful).toBe(1);

    const row = await until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: '13800001111' }).first();
      return r?.state === 'ended' ? r : undefined;
    });
    expect(row).toMatchObject({ media: 'voice', direction: 'inbound', queue_id: Number(lab.queueId), agent_id: agentId, hangup_side: 'caller', abandoned: expect.anything() });
    expect(Boolean(row.abandoned)).toBe(false);
    const t = (k: string) => readTime(row[k])!.getTime();
    expect(t('arrived_at')).toBeLessThanOrEqual(t('ivr_exited_at'));
    expect(t('ivr_exited_at')).toBeLessThanOrEqual(t('queued_at'));
    expect(t('queued_at')).toBeLessThanOrEqual(t('offered_at'));
    expect(t('offered_at')).toBeLessThanOrEqual(t('answered_at'));
    expect(t('answered_at')).toBeLessThan(t('ended_at'));
    expect(row.talk_ms).toBeGreaterThan(2000);
    expect(JSON.parse(row.ivr_path)).toContainEqual(expect.objectContaining({ node: 'menu', digits: '1' }));
    const legs = await lab.server.db('call_legs').where({ interaction_id: row.id }).orderBy('started_at');
    expect(legs.map((l: { role: string }) => l.role)).toEqual(['caller', 'agent']);
    expect(legs[1]).toMatchObject({ agent_id: agentId, hangup_cause: expect.any(String) });
    expect(legs[1].answered_at).not.toBeNull();

    const rec = await until(() => lab.server.db('recordings').where({ interaction_id: row.id }).whereNotNull('ended_at').first());
    const left = toneLevels(rec.path, 0, [440, 1000], 500);
    const right = toneLevels(rec.path, 1, [440, 1000], 500);
    expect(left[440]!).toBeGreaterThan(5 * left[1000]!); // the caller's voice on the left
    expect(right[1000]!).toBeGreaterThan(5 * right[440]!); // the agent, as the caller heard them, on the right
    expect(left[440]!).toBeGreaterThan(200);
    expect(right[1000]!).toBeGreaterThan(200);

    const stats = lab.server.hub.router.queueStats(lab.queueId);
    expect(stats).toMatchObject({ offered: 1, answered: 1, abandoned: 0, waiting: 0 });
    expect(stats.serviceLevel).toBe(1);
  });
});

describe.skipIf(skip)('voice ACD: exits and agent changes', { timeout: 60_000 }, () => {
  let lab: VoiceLab;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    lab = await startVoiceLab({}, { offerTimeoutSeconds: 4, strategy: 'longest_idle' });
  });
  afterEach(async () => {
    await signOff(sockets);
    await lab.stopPhones();
  });
  afterAll(async () => {
    await lab.stop();
  });

  const ended = (from: string) =>
    until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: from }).first();
      return r?.ended_at ? r : undefined;
    });

  it('marks a caller who hangs up in the queue as abandoned, with the wait', async () => {
    const result = await lab.call({ from: '13900000001', digits: ['1'], toneSeconds: 1, after: 'bye', holdMs: 3000 });
    expect(result.failed).toBe(0);
    const row = await ended('13900000001');
    expect(Boolean(row.abandoned)).toBe(true);
    expect(row.state).toBe('abandoned');
    expect(row.wait_ms).toBeGreaterThan(1500);
    expect(row.answered_at).toBeNull();
    expect(lab.server.hub.router.queueStats(lab.queueId).abandoned).toBeGreaterThanOrEqual(1);
  });

  it('takes a voicemail when the caller presses 9, and files a ticket with the recording', async () => {
    const result = await lab.call({ from: '13900000002', digits: ['1', '9'], toneHz: 600, toneSeconds: 9, after: 'bye', holdMs: 8000 });
    expect(result.failed).toBe(0);
    const row = await ended('13900000002');
    expect(row.state).toBe('voicemail');
    const ticket = await until(() => lab.server.db('tickets').where({ interaction_id: row.id }).first());
    expect(ticket).toMatchObject({ source: 'voicemail', status: 'open' });
    const rec = await until(() => lab.server.db('recordings').where({ interaction_id: row.id }).first());
    expect(toneLevels(rec.path, 0, [600], 300)[600]!).toBeGreaterThan(200);
  });

  it('moves on to the next agent when the first does not answer', async () => {
    const first = await lab.agent('1011', { autoAnswer: false });
    sockets.push(await available(lab, first.client.cookieHeader));
    await new Promise((r) => setTimeout(r, 50)); // 1011 has been idle longest
    const second = await lab.agent('1012', { toneHz: 1000 });
    sockets.push(await available(lab, second.client.cookieHeader));
    const result = await lab.call({ from: '13900000003', digits: ['1'], toneSeconds: 12, after: 'bye', holdMs: 11_000 });
    expect(result.failed).toBe(0);
    const row = await ended('13900000003');
    expect(row.agent_id).toBe(second.agentId);
    const legs = await lab.server.db('call_legs').where({ interaction_id: row.id, role: 'agent' }).orderBy('started_at');
    expect(legs.map((l: { agent_id: number }) => l.agent_id)).toEqual([first.agentId, second.agentId]);
    expect(legs[0].answered_at).toBeNull();
    expect(legs[1].answered_at).not.toBeNull();
  });
});

describe.skipIf(skip)('voice ACD: callback, transfer and supervisor monitoring', { timeout: 90_000 }, () => {
  let lab: VoiceLab;
  let uasPort: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    uasPort = await freePort();
    lab = await startVoiceLab({ SIP_TRUNK_PROXY: `127.0.0.1:${uasPort}` }, { offerTimeoutSeconds: 8, notifyAgentOnMonitor: true });
  });
  afterEach(async () => {
    await signOff(sockets);
    await lab.stopPhones();
  });
  afterAll(async () => {
    await lab.stop();
  });

  const row = (from: string, state?: string) =>
    until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: from }).first();
      return r && (!state || r.state === state) ? r : undefined;
    });

  it('keeps the place of a caller who asks for a callback, and calls them back when an agent is reserved', async () => {
    const result = await lab.call({ from: '13700000001', digits: ['1', 'info:1'], toneSeconds: 2, after: 'wait-bye', timeoutSec: 20 });
    expect(result.failed).toBe(0); // we hung up on them after confirming the callback
    const waiting = await row('13700000001', 'callback');
    expect(lab.server.hub.router.interaction(waiting.id)?.status).toBe('waiting');
    // The customer's phone, reached through the trunk, answers the callback.
    const customer = runSipp({ target: lab.sipTarget, scenario: await scenarioFile('uas-answer', uasAnswer()), localPort: uasPort, timeoutSec: 30 });
    await new Promise((r) => setTimeout(r, 500));
    const { phone, client, agentId } = await lab.agent('1041', { toneHz: 1000 });
    sockets.push(await available(lab, client.cookieHeader));
    const talking = await row('13700000001', 'talking');
    expect(talking.agent_id).toBe(agentId);
    await phone.command('hangup');
    expect((await customer).successful).toBe(1);
    const done = await row('13700000001', 'ended');
    const events = await lab.server.db('call_events').where({ interaction_id: done.id }).orderBy('seq');
    expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['callback_requested', 'callback_connected']));
    const legs = await lab.server.db('call_legs').where({ interaction_id: done.id }).orderBy('started_at');
    expect(legs.map((l: { role: string }) => l.role)).toEqual(['caller', 'agent', 'callback']);
  });

  it('blind-transfers a call from one agent to another; the caller ends up talking to the second', async () => {
    const a = await lab.agent('1051', { toneHz: 1000 });
    sockets.push(await available(lab, a.client.cookieHeader));
    const call = lab.call({ from: '13700000002', digits: ['1'], toneHz: 440, toneSeconds: 14, after: 'bye', holdMs: 13_000 });
    const talking = await row('13700000002', 'talking');
    const b = await lab.agent('1052', { toneHz: 1500 });
    const res = await a.client.request('POST', `/api/calls/${talking.id}/transfer`, { kind: 'extension', value: '1052' });
    expect(res.status).toBe(204);
    expect((await call).failed).toBe(0);
    const done = await row('13700000002', 'ended');
    expect(done.agent_id).toBe(b.agentId);
    const legs = await lab.server.db('call_legs').where({ interaction_id: done.id }).orderBy('started_at');
    expect(legs.map((l: { role: string }) => l.role)).toEqual(['caller', 'agent', 'transfer']);
    expect(legs[1].hangup_cause).toBe('transfer');
    const rec = await until(() => lab.server.db('recordings').where({ interaction_id: done.id }).whereNotNull('ended_at').first());
    const heard = toneLevels(rec.path, 1, [1000, 1500], 500);
    expect(heard[1500]!).toBeGreaterThan(200); // after the transfer the caller hears the second agent
    const bHeard = wavChannelTone((await b.phone.dumps('dec'))[0]!, 440);
    expect(bHeard[0]!).toBeGreaterThan(100);
  });

  it('lets a supervisor listen unheard, then barge in heard by both sides', async () => {
    const agent = await lab.agent('1061', { toneHz: 1000 });
    const desk = await available(lab, agent.client.cookieHeader);
    sockets.push(desk);
    const notices: string[] = [];
    desk.on('call:monitored', (e: { mode: string }) => notices.push(e.mode)); // the queue's policy lets agents know
    const sup = await lab.agent('1069', { toneHz: 1500, role: 'supervisor', username: 'sup1069' });
    const call = lab.call({ from: '13700000003', digits: ['1'], toneHz: 440, toneSeconds: 20, after: 'bye', holdMs: 19_000 });
    const talking = await row('13700000003', 'talking');
    const listen = await sup.client.request('POST', `/api/calls/${talking.id}/monitor`, { mode: 'listen' });
    expect(listen.status).toBe(204);
    await new Promise((r) => setTimeout(r, 4000));
    const barge = await sup.client.request('POST', `/api/calls/${talking.id}/monitor`, { mode: 'barge' });
    expect(barge.status).toBe(204);
    const bargeAt = Date.now();
    expect((await call).failed).toBe(0);
    const done = await row('13700000003', 'ended');
    const rec = await until(() => lab.server.db('recordings').where({ interaction_id: done.id }).whereNotNull('ended_at').first());
    const answeredAt = readTime(done.answered_at)!.getTime();
    const bargeMs = bargeAt - answeredAt;
    // What the caller heard: no supervisor while listening, the supervisor once barged in.
    const whileListening = toneLevels(rec.path, 1, [1000, 1500], 1500, bargeMs - 1500);
    const afterBarge = toneLevels(rec.path, 1, [1000, 1500], bargeMs + 1500);
    expect(whileListening[1500]!).toBeLessThan(0.2 * whileListening[1000]!);
    expect(afterBarge[1500]!).toBeGreaterThan(200);
    // The supervisor heard the caller all along; the agent heard the supervisor after the barge.
    expect(wavChannelTone((await sup.phone.dumps('dec'))[0]!, 440)[0]!).toBeGreaterThan(100);
    expect(wavChannelTone((await agent.phone.dumps('dec'))[0]!, 1500)[0]!).toBeGreaterThan(50);
    const monitorEvents = await lab.server.db('call_events').where({ interaction_id: done.id, type: 'monitor' });
    expect(monitorEvents.map((e: { data: string }) => JSON.parse(e.data).mode)).toEqual(['listen', 'barge']);
    expect(notices).toEqual(['listen', 'barge']);
  });
});

describe.skipIf(skip)('voice ACD: transfer to another queue', { timeout: 90_000 }, () => {
  let lab: VoiceLab;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    lab = await startVoiceLab({}, { offerTimeoutSeconds: 8 });
  });
  afterEach(async () => {
    await signOff(sockets);
    await lab.stopPhones();
  });
  afterAll(async () => {
    await lab.stop();
  });

  it('hands the caller to the support queue, where a support agent answers; the first agent wraps up', async () => {
    const support = await lab.admin.json<{ id: string }>('POST', '/api/queues', { name: 'support', media: ['voice'], offerTimeoutSeconds: 8, recordingPolicy: 'never' });
    const first = await lab.agent('1071', { toneHz: 1000 });
    sockets.push(await available(lab, first.client.cookieHeader));
    const call = lab.call({ from: '13600000001', digits: ['1'], toneSeconds: 16, after: 'bye', holdMs: 15_000 });
    const talking = await until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: '13600000001', state: 'talking' }).first();
      return r;
    });
    // The support agent exists only in the support queue.
    const created = await lab.admin.json<{ id: number }>('POST', '/api/agents', {
      username: 'agent1072', displayName: 'Support', password: 'agent1072-pw', extension: '1072', sipPassword: 'sip-1072-pw', capacity: { voice: 1 }, queueIds: [Number(support.id)],
    });
    const engine = lab.server.voice!.engine;
    const registered = new Promise<void>((ok) => engine.on('registered', (e) => e.extension === '1072' && ok()));
    const phone = await Baresip.start({ user: '1072', password: 'sip-1072-pw', registrar: lab.sipTarget, sourceWav: toneWav(`${lab.dir}/tone-1072.wav`, 1500) });
    await registered;
    const supportClient = lab.server.client();
    await supportClient.login('agent1072', 'agent1072-pw');
    sockets.push(await available(lab, supportClient.cookieHeader));

    const res = await first.client.request('POST', `/api/calls/${talking.id}/transfer`, { kind: 'queue', value: 'support' });
    expect(res.status).toBe(204);
    expect((await call).failed).toBe(0);
    const done = await until(async () => {
      const r = await lab.server.db('interactions').where({ id: talking.id }).first();
      return r?.state === 'ended' ? r : undefined;
    });
    expect(done.queue_id).toBe(Number(support.id));
    expect(done.agent_id).toBe(created.id);
    const legs = await lab.server.db('call_legs').where({ interaction_id: talking.id }).orderBy('started_at');
    expect(legs.map((l: { role: string; agent_id: number | null }) => [l.role, l.agent_id])).toEqual([['caller', null], ['agent', first.agentId], ['agent', created.id]]);
    expect(legs[1].hangup_cause).toBe('transfer');
    expect(legs[2].answered_at).not.toBeNull();
    const events = await lab.server.db('call_events').where({ interaction_id: talking.id, type: 'transfer' });
    expect(JSON.parse(events[0].data)).toEqual({ queue: 'support' });
    // The support agent heard the caller after the transfer.
    expect(wavChannelTone((await phone.dumps('dec'))[0]!, 440)[0]!).toBeGreaterThan(100);
    await phone.stop();
  });
});
