import { join } from 'node:path';
import { readTime } from '../../core/time';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavChannelEnergy, wavChannelTone } from '../support/audio';
import { openPage, type BrowserPage } from '../support/browser';
import { launchMediaChromium } from '../support/chromium-sip';
import { ensureConsoleBuilt } from '../support/console-build';
import { freePort } from '../support/ports';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';
import { callerScenario, toneWav, writeScenario } from '../support/sipp/caller';
import { runSipp } from '../support/sipp/run';
import { telephonyTestEnv } from '../support/telephony-env';
import { liveStackEnv, sipAddress, voiceLabSkip } from '../support/voice';
import { until } from '../support/until';

// The agent's softphone end to end: the console (SIP.js over WebSocket, WebRTC media) in Debian
// Chromium with a fake microphone, the ACD and an engine behind it (embedded; or, with
// TELEPHONY_ENGINE=freeswitch and DRACHTIO_WS_URL, drachtio-server's WebSocket and FreeSWITCH's
// DTLS-SRTP), and sipp as the PSTN (a caller through the trunk, and a callee for click-to-dial). Set CONSOLE_SCREENSHOTS to a
// directory to keep screenshots (desktop and phone width).

const screenshots = process.env.CONSOLE_SCREENSHOTS;
const caller = '13800138000';
const agentPassword = 'agent-pass-1001';

async function shot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  await page.screenshot({ path: join(screenshots, `${name}-desktop.png`) });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(screenshots, `${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    socket.timeout(5000).emit(event, payload, (err: Error | null, reply: { ok: boolean; data?: T; error?: { message: string } }) => {
      if (err) reject(err);
      else if (!reply.ok) reject(new Error(reply.error?.message));
      else resolve(reply.data as T);
    }),
  );
}

/** drachtio-server's WebSocket SIP on the FreeSWITCH engine; null on the embedded engine (it serves its own). */
const liveWs = telephonyTestEnv().engine === 'freeswitch' ? (telephonyTestEnv().drachtio.ws ?? '') : null;
async function why(): Promise<string | undefined> {
  const lab = await voiceLabSkip('softphone');
  if (lab || liveWs !== '') return lab;
  const reason = "needs DRACHTIO_WS_URL, drachtio-server's SIP over WebSocket";
  console.warn(`[softphone] SKIPPED: ${reason}`);
  return reason;
}
const skip = await why();

describe.skipIf(skip)('softphone (Chromium, SIP.js, sipp)', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;
  let page: Page;
  let admin: ApiClient;
  let presence: Socket | undefined;
  let sipTarget: string;
  let trunkPort: number;
  let agentId: number;
  let contactId: number;

  beforeAll(async () => {
    ensureConsoleBuilt();
    trunkPort = await freePort();
    // Our own RTP range, so parallel suites on this machine do not fight over ports.
    const rtpBase = 30000 + 2 * Math.floor(Math.random() * 10000);
    const env = { SIP_TRUNK_PEERS: '127.0.0.1', SIP_TRUNK_PROXY: `127.0.0.1:${trunkPort}`, RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 199) };
    const live = await liveStackEnv();
    server = await startTestServer({ ...env, ...live, ...(liveWs ? { SIP_WS_URL: liveWs } : {}) });

    admin = server.client();
    await admin.login('admin', server.adminPassword);
    const create = <T,>(path: string, body: Record<string, unknown>): Promise<T> => admin.json<T>('POST', path, body);
    const queue = await create<{ id: string }>('/api/queues', {
      name: 'sales', media: ['voice'], strategy: 'longest_idle', offerTimeoutSeconds: 15, recordingPolicy: 'always', announceEverySeconds: 30, wrapUpSeconds: 30,
    });
    const agent = await create<{ id: number }>('/api/agents', {
      username: 'agent1001', displayName: '李坐席', password: agentPassword, extension: '1001', sipPassword: 'sip-pass-1001', queueIds: [Number(queue.id)],
    });
    agentId = agent.id;
    await admin.json('POST', '/api/ivr/flows', { name: 'main', locale: 'zh-CN', start: 'sales', nodes: [{ id: 'sales', type: 'queue', queueName: 'sales' }] });
    await admin.json('PUT', '/api/ivr/numbers/4000', { flow: 'main' });
    // No API creates these yet: dispositions come from the seed, contacts from the CRM's channels.
    await server.db('dispositions').insert([{ code: 'resolved', label_zh: '已解决', label_en: 'Resolved' }, { code: 'callback', label_zh: '需回电', label_en: 'Call back' }]);
    const now = new Date();
    const [insertedId] = await server.db('contacts').insert({ name: '张三', company: '', phone: caller, notes: '', tags: JSON.stringify(['VIP']), created_at: now, updated_at: now });
    contactId = Number(insertedId);
    await server.db('contact_identities').insert({ contact_id: contactId, kind: 'phone', value: caller });
    sipTarget = sipAddress(server);

    browser = await launchMediaChromium();
    tab = await openPage(browser, { permissions: ['microphone', 'camera'] });
    await tab.context.grantPermissions(['microphone', 'camera'], { origin: server.url });
    page = tab.page;
    page.setDefaultTimeout(15_000);
    await page.goto(server.url + '/');
    await page.getByTestId('login-username').fill('agent1001');
    await page.getByTestId('login-password').fill(agentPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/agent');
  }, 180_000);

  afterAll(async () => {
    presence?.disconnect();
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  it('registers the extension and shows it', async () => {
    await page.locator('[data-testid="softphone"][data-registration="registered"]').waitFor();
    expect(await page.getByTestId('phone-extension').textContent()).toBe('1001');
    await shot(page, 'softphone-idle');
    // Device choice: Chromium's fake microphone is listed by name once the page may use it.
    await page.getByTestId('phone-devices-toggle').click();
    const microphones = page.getByTestId('phone-device-microphone').locator('option');
    await until('the microphone list', async () => ((await microphones.count()) > 1 ? true : undefined));
    const fake = await microphones.nth(1).getAttribute('value');
    await page.getByTestId('phone-device-microphone').selectOption(fake ?? '');
    expect(await page.evaluate(() => localStorage.getItem('cc.phone.devices'))).toContain(fake ?? '-');
    await page.getByTestId('phone-devices-toggle').click();
  });

  it('pops the caller up, answers, holds, pauses recording, hangs up and stores the wrap-up', async () => {
    // The presence bar is another engineer's work in progress: use it when it is there, else the
    // agent's own socket does what its button does.
    if ((await page.getByTestId('presence-available').count()) > 0) {
      await page.getByTestId('presence-available').click();
      await page.locator('[data-testid="presence-state"][data-state="available"]').waitFor();
    } else {
      const agentClient = server.client();
      await agentClient.login('agent1001', agentPassword);
      presence = io(server.url + '/agent', { extraHeaders: { cookie: agentClient.cookieHeader }, transports: ['websocket'] });
      await emit(presence, 'presence:set', { presence: 'available' });
    }

    const wav = toneWav(1000, 90);
    const sipp = runSipp({
      target: sipTarget, scenario: writeScenario(callerScenario({ from: caller, wav })), service: '4000', localPort: await freePort(), timeoutSec: 120,
      extra: ['-mp', String(await freePort())],
    });

    const pop = page.getByTestId('phone-incoming');
    await pop.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('phone-incoming-number').textContent()).toContain(caller);
    await page.getByTestId('phone-incoming-tags').waitFor(); // the offer's CRM record
    expect(await page.getByTestId('phone-incoming-name').textContent()).toBe('张三');
    expect(await page.getByTestId('phone-incoming-queue').textContent()).toBe('sales');
    expect(await page.getByTestId('phone-incoming-ivr').textContent()).toContain('sales');
    expect(await page.getByTestId('phone-incoming-contact').getAttribute('href')).toBe(`/agent/contacts/${contactId}`);
    await shot(page, 'softphone-incoming');

    await page.getByTestId('phone-answer').click();
    await page.locator('[data-testid="phone-active-call"][data-call-phase="talking"]').waitFor();
    await pop.waitFor({ state: 'detached' });
    const t0 = await page.getByTestId('phone-timer').textContent();
    await page.waitForTimeout(2200);
    const t1 = await page.getByTestId('phone-timer').textContent();
    expect(t1).not.toBe(t0);
    expect(t1).toMatch(/^0:0[2-9]$/);
    await page.getByTestId('phone-recording-on').waitFor(); // the queue records always
    await shot(page, 'softphone-talking');

    await page.getByTestId('phone-hold').click();
    await page.locator('[data-testid="phone-active-call"][data-held="true"]').waitFor();
    await page.waitForTimeout(1000);
    await page.getByTestId('phone-hold').click();
    await page.locator('[data-testid="phone-active-call"][data-held="false"]').waitFor();

    await page.getByTestId('phone-recording').click();
    await page.getByTestId('phone-recording-paused').waitFor();
    await page.getByTestId('phone-recording').click();
    await page.getByTestId('phone-recording-on').waitFor();

    await page.getByTestId('phone-mute').click();
    await page.getByTestId('phone-muted-badge').waitFor();
    await page.getByTestId('phone-mute').click();
    await page.getByTestId('phone-keypad-toggle').click();
    await page.getByTestId('phone-dtmf-key-5').click();
    await page.waitForTimeout(1500); // both sides talk for a while with everything back on
    expect(await page.getByTestId('phone-call-error').count()).toBe(0);

    await page.getByTestId('phone-hangup').click();
    const result = await sipp;
    expect(result.successful, result.stderr).toBe(1);

    const form = page.getByTestId('phone-wrapup');
    await form.waitFor();
    expect(await page.getByTestId('phone-wrapup-countdown').textContent()).toMatch(/^0:[0-3]\d$/);
    await page.getByTestId('phone-wrapup-disposition').selectOption('resolved');
    await page.getByTestId('phone-wrapup-notes').fill('咨询发票，已解决');
    await shot(page, 'softphone-wrapup');
    await page.getByTestId('phone-wrapup-submit').click();
    await form.waitFor({ state: 'detached' });

    const row = await until('the disposition on the interaction', async () => {
      const r = (await server.db('interactions').where({ direction: 'inbound' }).first()) as { id: string; disposition: string | null; notes: string | null; agent_id: number; from_address: string } | undefined;
      return r?.disposition ? r : undefined;
    });
    expect(row).toMatchObject({ disposition: 'resolved', notes: '咨询发票，已解决', agent_id: agentId, from_address: caller });
    // Submitting the form ended the after-call work: the time is on the CDR, for handle-time reports.
    const times = await until('the end of wrap-up', async () => {
      const r = (await server.db('interactions').where({ id: row.id }).first('ended_at', 'wrap_up_ended_at')) as { ended_at: unknown; wrap_up_ended_at: unknown };
      return r.wrap_up_ended_at ? r : undefined;
    });
    const wrapMs = (readTime(times.wrap_up_ended_at)?.getTime() ?? 0) - (readTime(times.ended_at)?.getTime() ?? 0);
    expect(wrapMs).toBeGreaterThan(0);
    expect(wrapMs).toBeLessThan(30_000);
    const events = ((await server.db('call_events').where({ interaction_id: row.id }).orderBy('seq')) as Array<{ type: string }>).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['hold', 'unhold', 'recording_paused', 'recording_resumed']));

    // Audio both ways: the caller's leg is recorded in stereo, left = the caller (sipp's 1 kHz),
    // right = what the caller heard (the agent's fake microphone through WebRTC, and hold music).
    const recordings = await until('the finished recording', async () => {
      const list = await admin.json<Array<{ id: string; interactionId: string; endedAt: string | null }>>('GET', `/api/recordings?interactionId=${row.id}`);
      return list[0]?.endedAt ? list : undefined;
    });
    const stored = (await server.db('recordings').where({ id: recordings[0]!.id }).first('path')) as { path: string };
    const [left, right] = wavChannelEnergy(stored.path);
    const tone = wavChannelTone(stored.path, 1000);
    console.log('softphone call recording', { left, right, tone });
    expect(left).toBeGreaterThan(300);
    expect(right).toBeGreaterThan(300);
    expect(tone[0]).toBeGreaterThan(3 * (tone[1] ?? 0));
  }, 150_000);

  it('dials out from the softphone through the trunk and writes an outbound CDR', async () => {
    const callee = '02088886666';
    const uas = runSipp({ target: sipTarget, scenario: 'uas', localPort: trunkPort, timeoutSec: 60, extra: ['-mp', String(await freePort())] });
    await page.waitForTimeout(500); // sipp binds its port

    // The English dictionary is complete too (typed); this half of the suite reads it.
    await page.getByTestId('lang-en').first().click();
    expect(await page.getByTestId('phone-call').textContent()).toContain('Call');
    await page.getByTestId('phone-number').fill(callee);
    await page.getByTestId('phone-call').click();
    await page.locator('[data-testid="phone-active-call"][data-call-phase="talking"]').waitFor();
    expect(await page.getByTestId('phone-call-name').textContent()).toBe(callee);
    expect(await page.getByTestId('phone-call-status').textContent()).toBe('Talking');
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('phone-timer').textContent()).toMatch(/^0:0[1-9]$/);
    // Not an ACD call: hold is a re-INVITE from the softphone itself.
    await page.getByTestId('phone-hold').click();
    await page.locator('[data-testid="phone-active-call"][data-held="true"]').waitFor();
    await page.getByTestId('phone-hold').click();
    await page.locator('[data-testid="phone-active-call"][data-held="false"]').waitFor();
    expect(await page.getByTestId('phone-call-error').count()).toBe(0);
    await shot(page, 'softphone-outbound');
    await page.getByTestId('phone-hangup').click();
    await page.getByTestId('phone-active-call').waitFor({ state: 'detached' });
    const result = await uas;
    expect(result.successful, result.stderr).toBe(1);

    const cdr = await until('the outbound CDR', async () => {
      const r = (await server.db('interactions').where({ direction: 'outbound' }).first()) as { to_address: string; agent_id: number; state: string; answered_at: unknown } | undefined;
      return r?.state === 'ended' ? r : undefined;
    });
    expect(cdr).toMatchObject({ direction: 'outbound', to_address: callee, agent_id: agentId });
    expect(cdr.answered_at).not.toBeNull();
    // The one expected failure: the session check before sign-in (401).
    expect(tab.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 90_000);
  it('attended transfer: holds the caller, consults an outside number, then hands the caller over', async () => {
    const second = '13700137000';
    const target = '02166667777';
    // The trunk side answers twice: the consultation, then the transferred caller.
    const uas = runSipp({ target: sipTarget, scenario: 'uas', localPort: trunkPort, calls: 2, timeoutSec: 90, extra: ['-mp', String(await freePort())] });
    const wav = toneWav(800, 90);
    const sipp = runSipp({
      target: sipTarget, scenario: writeScenario(callerScenario({ from: second, wav })), service: '4000', localPort: await freePort(), timeoutSec: 90,
      extra: ['-mp', String(await freePort())],
    });
    await page.getByTestId('phone-incoming').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('phone-incoming-number').textContent()).toContain(second);
    await page.getByTestId('phone-answer').click();
    await page.locator('[data-testid="phone-active-call"][data-call-phase="talking"]').waitFor();

    await page.getByTestId('phone-transfer-toggle').click();
    await page.getByTestId('phone-transfer-target').fill(target);
    expect(await page.getByTestId('phone-transfer-kind-number').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('phone-transfer-consult').click();
    await page.locator('[data-testid="phone-consult-call"][data-call-phase="talking"]').waitFor();
    await page.locator('[data-testid="phone-active-call"][data-held="true"]').waitFor(); // the caller waits with music meanwhile
    await shot(page, 'softphone-consult');

    await page.getByTestId('phone-consult-complete').click();
    await page.getByTestId('phone-consult-call').waitFor({ state: 'detached' });
    await page.getByTestId('phone-active-call').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('phone-wrapup').waitFor();

    const row = (await server.db('interactions').where({ direction: 'inbound', from_address: second }).first()) as { id: string };
    // CDR snapshots land through the jobs queue, a moment after the fact.
    const legs = await until('the transfer leg in the CDR', async () => {
      const rows = (await server.db('call_legs').where({ interaction_id: row.id, role: 'transfer' })) as Array<{ to_uri: string; answered_at: unknown }>;
      return rows.some((l) => l.to_uri.includes(`sip:${target}@`) && l.answered_at) ? rows : undefined;
    });
    expect(legs.length).toBe(1);
    // The caller now talks to the target; ending it from a supervisor's seat releases both sipps.
    await admin.json('POST', `/api/calls/${row.id}/hangup`);
    expect((await sipp).successful).toBe(1);
    expect((await uas).successful).toBe(2);

    await page.getByTestId('phone-wrapup-disposition').selectOption('callback');
    await page.getByTestId('phone-wrapup-submit').click();
    await page.getByTestId('phone-wrapup').waitFor({ state: 'detached' });
    const events = ((await server.db('call_events').where({ interaction_id: row.id })) as Array<{ type: string }>).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['hold', 'transfer']));
    await until('the disposition', async () => ((await server.db('interactions').where({ id: row.id }).first('disposition')) as { disposition: string | null }).disposition === 'callback' || undefined);
  }, 120_000);
});
