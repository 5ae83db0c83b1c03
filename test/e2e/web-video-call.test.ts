import type { Browser, Locator, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type BrowserPage } from '../support/browser';
import { launchMediaChromium } from '../support/chromium-sip';
import { ensureConsoleBuilt } from '../support/console-build';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';
import { ensureWidgetBuilt } from '../support/webim';
import { until } from '../support/until';

// A web visitor's video call end to end: the chat widget on the demo page gets a single-use SIP
// credential, calls the site's video number with SIP.js (fake camera and microphone), the IVR
// queues it on a video queue, the agent's console pops it up as a video call and answers with
// video, the embedded engine relays VP8 between the two browsers, and the CDR says 'video'.

const agentPassword = 'agent-pass-1001';

/** Frames shown by a <video> so far and its width: is the far end's picture there and moving? */
function picture(video: Locator): Promise<{ width: number; frames: number }> {
  return video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, frames: v.getVideoPlaybackQuality().totalVideoFrames }));
}

async function expectMoving(video: Locator, label: string): Promise<void> {
  const first = await until(`${label}: a picture`, async () => {
    const p = await picture(video);
    return p.width > 0 && p.frames > 0 ? p : undefined;
  });
  await until(`${label}: frames rising`, async () => ((await picture(video)).frames > first.frames + 10 ? true : undefined));
}

describe('web visitor video call (widget -> video queue -> agent console)', () => {
  let server: TestServer;
  let browser: Browser;
  let agentTab: BrowserPage;
  let visitorTab: BrowserPage;
  let admin: ApiClient;
  let presence: Socket | undefined;
  let siteToken: string;
  let agentId: number;

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureWidgetBuilt();
    const rtpBase = 30000 + 2 * Math.floor(Math.random() * 10000);
    server = await startTestServer({ RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 199) });
    admin = server.client();
    await admin.login('admin', server.adminPassword);
    const queue = await admin.json<{ id: string }>('POST', '/api/queues', { name: 'video-desk', media: ['video', 'voice'], strategy: 'longest_idle', offerTimeoutSeconds: 20, recordingPolicy: 'never', announceEverySeconds: 60, wrapUpSeconds: 0 });
    const agent = await admin.json<{ id: number }>('POST', '/api/agents', {
      username: 'agent1001', displayName: 'Video Agent', password: agentPassword, extension: '1001', sipPassword: 'sip-pass-1001', capacity: { voice: 1, video: 1 }, queueIds: [Number(queue.id)],
    });
    agentId = agent.id;
    await admin.json('POST', '/api/ivr/flows', { name: 'video', locale: 'en', start: 'q', nodes: [{ id: 'q', type: 'queue', queueName: 'video-desk' }] });
    await admin.json('PUT', '/api/ivr/numbers/4100', { flow: 'video' });
    const site = await admin.json<{ id: number; token: string }>('POST', '/api/webim/sites', { name: 'shop' });
    siteToken = site.token;
    await admin.json('PUT', `/api/webim/sites/${site.id}/video`, { enabled: true, number: '4100' });

    browser = await launchMediaChromium();
    agentTab = await openPage(browser, { permissions: ['microphone', 'camera'] });
    await agentTab.context.grantPermissions(['microphone', 'camera'], { origin: server.url });
    visitorTab = await openPage(browser, { permissions: ['microphone', 'camera'] });
    await visitorTab.context.grantPermissions(['microphone', 'camera'], { origin: server.url });
  }, 180_000);

  afterAll(async () => {
    presence?.disconnect();
    await agentTab?.close();
    await visitorTab?.close();
    await browser?.close();
    await server?.stop();
  });

  it('refuses a credential without a visitor token, or for a site without video', async () => {
    const anon = await fetch(`${server.url}/api/webim/public/${siteToken}/video-call`, { method: 'POST' });
    expect(anon.status).toBe(403);
    const other = await admin.json<{ token: string }>('POST', '/api/webim/sites', { name: 'blog' });
    const off = await fetch(`${server.url}/api/webim/public/${other.token}/video-call`, { method: 'POST', headers: { 'x-visitor-token': 'a'.repeat(43) } });
    expect(off.status).toBe(503);
    expect(await (await fetch(`${server.url}/api/webim/public/${other.token}/video`)).json()).toMatchObject({ enabled: false });
  });

  it('the visitor calls from the widget, the agent answers with video, both see each other', async () => {
    const page: Page = agentTab.page;
    page.setDefaultTimeout(20_000);
    await page.goto(server.url + '/');
    await page.getByTestId('login-username').fill('agent1001');
    await page.getByTestId('login-password').fill(agentPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/agent');
    await page.locator('[data-testid="softphone"][data-registration="registered"]').waitFor();
    if ((await page.getByTestId('presence-available').count()) > 0) {
      await page.getByTestId('presence-available').click();
      await page.locator('[data-testid="presence-state"][data-state="available"]').waitFor();
    } else {
      const agentClient = server.client();
      await agentClient.login('agent1001', agentPassword);
      presence = io(server.url + '/agent', { extraHeaders: { cookie: agentClient.cookieHeader }, transports: ['websocket'] });
      await new Promise<void>((ok, fail) => presence!.timeout(5000).emit('presence:set', { presence: 'available' }, (err: Error | null) => (err ? fail(err) : ok())));
    }

    const visitor = visitorTab.page;
    visitor.setDefaultTimeout(20_000);
    await visitor.goto(`${server.url}/demo/chat?lang=en&site=${siteToken}`);
    await visitor.getByTestId('widget-launcher').click();
    await visitor.getByTestId('widget-video-call').click();

    const pop = page.getByTestId('phone-incoming');
    await pop.waitFor();
    expect(await pop.textContent()).toMatch(/video call|视频来电/i);
    expect(await page.getByTestId('phone-incoming-queue').textContent()).toBe('video-desk');
    await page.getByTestId('phone-answer').click();
    await page.locator('[data-testid="phone-active-call"][data-call-phase="talking"]').waitFor();
    await visitor.locator('[data-testid="widget-video"][data-phase="talking"]').waitFor();

    await expectMoving(page.getByTestId('phone-video-remote'), 'agent sees the visitor');
    await expectMoving(visitor.getByTestId('widget-video-remote'), 'visitor sees the agent');
    await expectMoving(visitor.getByTestId('widget-video-local'), 'visitor preview');

    await visitor.getByTestId('widget-video-hangup').click();
    await page.getByTestId('phone-active-call').waitFor({ state: 'detached' });
    await visitor.locator('[data-testid="widget-video"][data-phase="ended"]').waitFor();

    const row = await until('the video CDR', async () => {
      const r = (await server.db('interactions').where({ direction: 'inbound' }).first()) as { media: string; state: string; agent_id: number | null; answered_at: unknown; to_address: string } | undefined;
      return r?.state === 'ended' ? r : undefined;
    });
    expect(row).toMatchObject({ media: 'video', agent_id: agentId, to_address: '4100' });
    expect(row.answered_at).not.toBeNull();
    // The credential was used up by the call: nothing is left outstanding.
    expect(server.voice?.guests?.outstanding).toBe(0);
    expect(visitorTab.errors).toEqual([]);
  }, 60_000);
});
