import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import type { ApiClient } from '../support/server';
import { ask, ensureWidgetBuilt, startWebimServer, widgetSocket, type WebimServer } from '../support/webim';

// What a site's settings decide, in Chromium: business hours (closed: the offline form, which
// becomes a ticket), the origin allow-list (a page on another origin embeds the widget only where
// the site lists it), and a supervisor watching a live chat and writing the agent a private note.

interface SiteRow {
  token: string;
}

/** A company page on its own origin (another port) that embeds our snippet, as a customer's site would. */
async function hostPage(widgetBase: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const site = new URL(req.url ?? '/', 'http://x').searchParams.get('site') ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>shop</title></head><body><h1>商城</h1><script src="${widgetBase}/widget.js" data-site="${site}"></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function signIn(page: Page, url: string, username: string, password: string, ready: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(ready).waitFor();
}

describe('web chat site rules and supervision (Chromium)', () => {
  let server: WebimServer;
  let admin: ApiClient;
  let browser: Browser;
  let host: { origin: string; server: Server };
  const pages: BrowserPage[] = [];
  const open = async () => {
    const p = await openPage(browser);
    p.page.setDefaultTimeout(15_000);
    pages.push(p);
    return p;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureWidgetBuilt();
    server = await startWebimServer({ agents: 1 });
    admin = server.client();
    expect((await admin.login('admin', server.adminPassword)).status).toBe(200);
    host = await hostPage(server.url);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const p of pages) await p.close();
    await browser?.close();
    await new Promise((resolve) => host?.server.close(resolve));
    await server?.stop();
  });

  it('outside business hours shows the notice and an offline form; the message becomes a ticket for the contact', async () => {
    // A calendar with no opening times at all: closed whenever the test runs.
    const hours = await admin.json<{ id: number }>('PUT', '/api/business-hours', { name: 'never-open', weekly: [], holidays: [] });
    const site = await admin.json<SiteRow>('POST', '/api/webim/sites', { name: 'after-hours', queueId: Number(server.queueId), businessHoursId: hours.id });
    const { page } = await open();
    await page.goto(`${server.url}/demo/chat?site=${site.token}`);
    await page.getByTestId('widget-launcher').click();
    await page.getByTestId('widget-closed').waitFor();
    expect(await page.getByTestId('prechat').count()).toBe(0);
    await page.getByTestId('offline-name').fill('李四');
    await page.getByTestId('offline-question').fill('发票抬头写错了，怎么重开？');
    await page.getByTestId('offline-submit').click();
    // Neither a phone nor an email: the form says so and sends nothing.
    await page.locator('[data-testid="offline-form"] .error').waitFor();
    expect(await server.db('tickets').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    await page.getByTestId('offline-phone').fill('13800138000');
    await page.getByTestId('offline-submit').click();
    await page.getByTestId('offline-done').waitFor();

    const ticket = (await server.db('tickets').first()) as { id: number; source: string; subject: string; status: string; contact_id: number };
    expect(ticket).toMatchObject({ source: 'offline_form', subject: '发票抬头写错了，怎么重开？', status: 'open' });
    expect(await page.getByTestId('offline-done').textContent()).toContain(String(ticket.id));
    const contact = (await server.db('contacts').where({ id: ticket.contact_id }).first()) as { name: string; phone: string };
    expect(contact).toMatchObject({ name: '李四', phone: '13800138000' });
    // Bad input is refused whole; a flood from one address is cut off (burst of 5, then one a minute).
    const post = (body: unknown) => fetch(`${server.url}/api/webim/public/${site.token}/offline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ name: 'x', email: 'not-an-email', question: '?' })).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post({ phone: '13900000000', question: `第${i}条` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await server.db('tickets').count({ n: '*' }).first()).toMatchObject({ n: 5 });

    // While closed, a chat cannot be started through the socket either (a script skipping the form).
    const socket = widgetSocket(server.url, { site: site.token, locale: 'zh-CN' });
    await new Promise<void>((resolve) => socket.on('session', () => resolve()));
    expect(await ask(socket, 'chat:start', { fields: { name: '脚本', question: '现在能聊吗' }, locale: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'closed' } });
    socket.disconnect();
    expect(await server.db('interactions').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('embeds on an allowed origin, and refuses a page on any other origin (HTTP and socket)', async () => {
    const allowed = await admin.json<SiteRow>('POST', '/api/webim/sites', { name: 'shop', queueId: Number(server.queueId), allowedOrigins: [host.origin] });
    const strict = await admin.json<SiteRow>('POST', '/api/webim/sites', { name: 'elsewhere', queueId: Number(server.queueId), allowedOrigins: ['https://shop.example.com'] });

    const ok = (await open()).page;
    await ok.goto(`${host.origin}/?site=${allowed.token}`);
    await ok.getByTestId('widget-launcher').click();
    await ok.getByTestId('prechat').waitFor();
    expect(await ok.getByTestId('widget-refused').count()).toBe(0);

    const refused = (await open()).page;
    await refused.goto(`${host.origin}/?site=${strict.token}`);
    await refused.getByTestId('widget-launcher').click();
    await refused.getByTestId('widget-refused').waitFor();
    expect(await refused.getByTestId('prechat').count()).toBe(0);

    const config = await fetch(`${server.url}/api/webim/public/${strict.token}/config`, { headers: { origin: host.origin } });
    expect(config.status).toBe(403);
    const socket = io(`${server.url}/widget`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin: host.origin }, auth: { site: strict.token, locale: 'zh-CN' } });
    const refusal = await new Promise<{ code?: string }>((resolve) => socket.on('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data ?? {})));
    socket.disconnect();
    expect(refusal.code).toBe('origin_not_allowed');
  });

  it('fills a phone screen and speaks English where the page asks for it', async () => {
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    pages.push(phone);
    await phone.page.goto(`${server.url}/demo/chat?site=${server.site.token}&lang=en`);
    await phone.page.getByTestId('widget-launcher').click();
    const box = await phone.page.getByTestId('widget-panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    expect(await phone.page.getByTestId('prechat-start').textContent()).toBe('Start chat');
  });

  it('lets a supervisor watch a live chat and write the agent a note the customer never sees', async () => {
    const agent = (await open()).page;
    await signIn(agent, `${server.url}/agent`, 'agent1', 'agent-pass-1', 'presence-bar');
    await agent.getByTestId('presence-available').click();
    await agent.locator('[data-testid="presence-state"][data-state="available"]').waitFor();

    const customer = (await open()).page;
    await customer.goto(`${server.url}/demo/chat?site=${server.site.token}`);
    await customer.getByTestId('widget-launcher').click();
    await customer.getByTestId('prechat-name').fill('王五');
    await customer.getByTestId('prechat-question').fill('订单一直没发货');
    await customer.getByTestId('prechat-start').click();
    await customer.getByTestId('widget-human').click();
    await agent.getByTestId('offer-accept').click();
    await agent.getByTestId('chat-panel').waitFor();

    const supervisor = (await open()).page;
    await signIn(supervisor, `${server.url}/supervisor/chats`, 'super1', 'super-pass-1', 'live-chats');
    const row = supervisor.locator('[data-testid="live-row"]', { hasText: '王五' });
    await row.getByTestId('live-watch').click();
    const watching = supervisor.getByTestId('live-watching');
    await watching.locator('.chat-bubble', { hasText: '订单一直没发货' }).waitFor();
    // Live: what the customer writes next appears while the supervisor watches.
    await customer.getByTestId('widget-input').fill('能帮我查一下吗');
    await customer.getByTestId('widget-emoji').click();
    await customer.getByTestId('emoji-picker').getByText('🙏').click();
    await customer.getByTestId('widget-input').press('Enter');
    await watching.locator('.chat-bubble', { hasText: '能帮我查一下吗🙏' }).waitFor();

    await supervisor.getByTestId('live-note').fill('先查物流单号，别承诺时间');
    await supervisor.getByTestId('live-note-send').click();
    await agent.locator('[data-testid="desk-msg-note"]', { hasText: '先查物流单号' }).waitFor();
    await watching.locator('.chat-bubble', { hasText: '先查物流单号' }).waitFor();
    await agent.getByTestId('chat-input').fill('我马上为您查询');
    await agent.getByTestId('chat-input').press('Enter');
    await customer.locator('.bubble', { hasText: '我马上为您查询' }).waitFor();
    await watching.locator('.chat-bubble', { hasText: '我马上为您查询' }).waitFor();
    expect(await customer.getByText('先查物流单号').count()).toBe(0);

    // Watching is read-only until the agent invites a supervisor; then the supervisor may answer the customer.
    expect(await supervisor.getByTestId('live-reply').count()).toBe(0);
    await agent.getByTestId('chat-invite').click();
    await supervisor.getByTestId('chat-invite-alert').getByRole('button').click();
    await supervisor.getByTestId('live-reply').fill('我是值班主管，已为您加急');
    await supervisor.getByTestId('live-reply-send').click();
    await customer.locator('.bubble', { hasText: '已为您加急' }).waitFor();
    await agent.locator('.chat-bubble', { hasText: '已为您加急' }).waitFor();

    const note = (await server.db('messages').where({ body: '先查物流单号，别承诺时间' }).first()) as { sender_type: string; sender_name: string };
    expect(note).toMatchObject({ sender_type: 'note', sender_name: 'Supervisor Li' });
    // The visitor is remembered in a first-party cookie of the host page; after a reload the widget
    // finds the same conversation and fetches its history from the server: still no note in it.
    const cookie = (await customer.context().cookies(server.url)).find((c) => c.name === `cc_webim_${server.site.token}`);
    expect(cookie?.value).toMatch(/.{16,}/);
    expect(cookie?.sameSite).toBe('Lax');
    const conversationId = (await agent.getByTestId('chat-panel').getAttribute('data-conversation')) ?? '';
    await customer.reload();
    if ((await customer.getByTestId('widget-input').count()) === 0) await customer.getByTestId('widget-launcher').click();
    await customer.locator('.bubble', { hasText: '我马上为您查询' }).waitFor();
    expect(await customer.getByText('先查物流单号').count()).toBe(0);

    // The agent opens the tickets page mid-chat: the chat stays connected, the nav shows what came in.
    await agent.getByTestId('subnav-tickets').click();
    await agent.getByTestId('subnav-tickets').and(agent.locator('[aria-current="page"]')).waitFor();
    await customer.getByTestId('widget-input').fill('还在吗？');
    await customer.getByTestId('widget-input').press('Enter');
    await agent.getByTestId('attention-badge').filter({ hasText: '1' }).waitFor();
    await agent.getByTestId('subnav-agent').click();
    await agent.locator('.chat-bubble', { hasText: '还在吗？' }).waitFor();
    expect(await agent.getByTestId('attention-badge').count()).toBe(0);
    await agent.locator('[data-testid="presence-state"][data-state="available"]').waitFor();

    // The same customer comes back with a new question: the desk shows the earlier chat beside the new one.
    await agent.getByTestId('chat-close').click();
    await agent.getByTestId('close-disposition').selectOption('solved');
    await agent.getByTestId('close-submit').click();
    await agent.getByTestId('chat-empty').waitFor();
    await customer.getByTestId('widget-new').click();
    await customer.getByTestId('prechat-question').fill('还想改一下收货地址');
    // Nothing in the knowledge base about addresses: the bot hands over by itself.
    await customer.getByTestId('prechat-start').click();
    await agent.getByTestId('offer-accept').click();
    const second = agent.locator(`[data-testid="chat-panel"]:not([data-conversation="${conversationId}"])`);
    await second.waitFor();
    await agent.locator('[data-testid="contact-history"] li').first().waitFor();
    expect(await agent.locator('[data-testid="contact-history"] li').count()).toBe(1);
    expect(await agent.getByTestId('contact-name').textContent()).toBe('王五');
  });
});
