import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt, screenshots, signIn } from '../support/console';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

// The supervisor's wallboard in Chromium, fed by the real router: the test drives the router
// directly and watches the page follow without a reload; the supervisor's presence change on
// the page must reach the router.

describe('supervisor wallboard (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;
  let page: Page;
  let admin: ApiClient;
  let queueId = '';
  let agentId = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    admin = server.client();
    await admin.login('admin', server.adminPassword);
    const queue = await admin.json<{ id: string }>('POST', '/api/queues', { name: 'chat', media: ['webim'], serviceLevelSeconds: 30 });
    queueId = queue.id;
    const agent = await admin.json<{ id: number }>('POST', '/api/agents', {
      username: 'alice',
      displayName: 'Alice Wang',
      password: 'alice-pass-123',
      extension: '8001',
      sipPassword: 'sip-secret-456',
      capacity: { voice: 1, webim: 3 },
      queueIds: [Number(queue.id)],
    });
    agentId = String(agent.id);
    await admin.json('POST', '/api/users', { username: 'sup', displayName: 'Zhao Min', password: 'sup-pass-1234', role: 'supervisor', locale: 'en' });
    browser = await launchChromium();
    tab = await openPage(browser, { locale: 'en' });
    page = tab.page;
    page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  const card = () => page.getByTestId('agent-card-8001');
  const tile = () => page.getByTestId('queue-tile-chat');

  it('shows the queue tile and the agent, then follows the router live', async () => {
    await page.goto(server.url + '/');
    await signIn(page, 'sup', 'sup-pass-1234');
    await page.waitForURL('**/supervisor');
    await page.getByTestId('wallboard-connection').and(page.locator('[data-connected="true"]')).waitFor();
    expect(await tile().getByTestId('tile-waiting').textContent()).toBe('0');
    expect(await card().getAttribute('data-presence')).toBe('offline');
    expect(await card().getByTestId('agent-registered').getAttribute('data-registered')).toBe('false');

    // A chat arrives while nobody is logged in: it waits, and the tile says so within a second.
    server.hub.router.submit({ id: 'chat-1', media: 'webim', queueId, contactId: 'c1' });
    await tile().getByTestId('tile-waiting').and(page.getByText('1', { exact: true })).waitFor();
    expect(await tile().getByTestId('tile-offered').textContent()).toBe('1');
    // The longest wait ticks in the browser between server updates.
    const first = await tile().getByTestId('tile-longest').textContent();
    await page.waitForTimeout(2100);
    expect(await tile().getByTestId('tile-longest').textContent()).not.toBe(first);

    // The agent logs in: available, the waiting chat is offered to them, the queue empties.
    server.hub.router.login(agentId);
    await card().and(page.locator('[data-presence="available"]')).waitFor();
    await card().getByTestId('agent-work-webim').waitFor();
    await tile().getByTestId('tile-waiting').and(page.getByText('0', { exact: true })).waitFor();
    expect(await page.getByTestId('agents-count-available').textContent()).toContain('1');
    await screenshots(page, 'supervisor-wallboard');
    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 60_000);

  it('sets the agent not ready and available again from the wallboard', async () => {
    await card().getByTestId('agent-reason').selectOption('supervisor');
    await card().getByTestId('agent-set-not-ready').click();
    await card().and(page.locator('[data-presence="not_ready"]')).waitFor();
    expect(await card().getByTestId('agent-presence').textContent()).toContain('Set by supervisor');
    const state = server.hub.router.agentStates().find((s) => s.agentId === agentId);
    expect(state).toMatchObject({ presence: 'not_ready', reason: 'supervisor' });

    await card().getByTestId('agent-set-available').click();
    await card().and(page.locator('[data-presence="available"]')).waitFor();
    expect(server.hub.router.agentStates().find((s) => s.agentId === agentId)?.presence).toBe('available');
  });

  it('asks the server to monitor a talking call and shows its refusal', async () => {
    const callId = '4f1c2a8e-9b7d-4c3e-8a21-0d5e6f7a8b9c';
    // No real call here (audio is the telephony suite's job): the live list is answered in the
    // browser, the monitor request goes to the real server.
    await page.route('**/api/calls/live', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify([{ interactionId: callId, state: 'talking', from: '13800000000', queue: 'chat', agentId, answeredAt: Date.now() - 65_000, arrivedAt: Date.now() - 80_000, recording: true }]),
      }),
    );
    const row = page.getByTestId(`call-row-${callId}`);
    await row.waitFor();
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith(`/api/calls/${callId}/monitor`) && r.method() === 'POST'), row.getByTestId('monitor-listen').click()]);
    expect(request.postDataJSON()).toEqual({ mode: 'listen' });
    // This supervisor has no extension (and there is no such call): the server refuses, the page says why.
    const error = row.getByTestId('monitor-error');
    await error.waitFor();
    expect(['403', '404', '409']).toContain(await error.getAttribute('data-status'));
    await page.unroute('**/api/calls/live');
  });

  it('lists recordings for supervisors', async () => {
    await page.getByTestId('subnav-recordings').click();
    await page.getByTestId('recordings-table').waitFor();
    expect(await page.getByTestId('recordings-table').textContent()).toContain('Nothing here yet');

    // With a recording listed, the player streams it from the API and the link downloads it.
    const id = '0b6d6c1e-3f4a-4b7e-9c2d-5e8f1a2b3c4d';
    await page.route('**/api/recordings', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify([{ id, interactionId: id, startedAt: '2026-11-25T02:00:00.000Z', endedAt: '2026-11-25T02:03:05.000Z', durationMs: 185_000, sizeBytes: 2_960_044 }]) }),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByTestId(`rec-row-${id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('3:05');
    expect(await row.getByTestId('rec-download').getAttribute('href')).toBe(`/api/recordings/${id}?download=true`);
    await row.getByTestId('rec-play').click();
    expect(await row.getByTestId('rec-audio').getAttribute('src')).toBe(`/api/recordings/${id}`);
    await screenshots(page, 'supervisor-recordings');
    await page.unroute('**/api/recordings');
  });
});
