import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { TcpProxy } from '../support/tcp-proxy';
import { ask, ensureWidgetBuilt, staffSocket, startWebimServer, type WebimServer } from '../support/webim';

// WebIM end to end in Chromium: a customer on the demo page (widget), two agents in the console.
// Customer and agent each reach the server through their own TCP proxy, which the test cuts to
// simulate a lost connection mid-conversation. Set WEBIM_SCREENSHOTS=dir to keep screenshots.

const shots = process.env.WEBIM_SCREENSHOTS;
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100802000000909168360000001c49444154789c63fccf4002b0e0a0f3e1fcb0f3e1fcb0f3e10000d6fe04f56f3a1e8b0000000049454e44ae426082', 'hex');

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/agent`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('presence-bar').waitFor();
  await page.getByTestId('presence-available').click();
  await page.locator('[data-testid="presence-state"][data-state="available"]').waitFor();
}

/** Bubble texts in screen order. */
const widgetBubbles = (page: Page) => page.locator('[data-testid="widget-thread"] .bubble').allTextContents();
const deskBubbles = (page: Page) => page.locator('[data-testid="chat-panel"] .chat-bubble').allTextContents();

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('widget-input').fill(text);
  await page.getByTestId('widget-input').press('Enter');
}

async function reply(page: Page, text: string): Promise<void> {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-input').press('Enter');
}

const once = (list: string[], text: string) => list.filter((t) => t.includes(text)).length;

describe('web chat (Chromium)', () => {
  let server: WebimServer;
  let browser: Browser;
  let customer: BrowserPage;
  let agent: BrowserPage;
  let agent2: BrowserPage | undefined;
  const customerProxy = { proxy: undefined as TcpProxy | undefined, url: '' };
  const agentProxy = { proxy: undefined as TcpProxy | undefined, url: '' };
  let conversationId = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureWidgetBuilt();
    server = await startWebimServer({ agents: 3 });
    for (const p of [customerProxy, agentProxy]) {
      p.proxy = new TcpProxy('127.0.0.1', server.port);
      p.url = `http://127.0.0.1:${await p.proxy.start()}`;
    }
    const supervisor = server.client();
    await supervisor.login('super1', 'super-pass-1');
    await supervisor.json('POST', '/api/canned', { shortcut: 'pw', title: '重置密码', body: '请在登录页点击“忘记密码”，按邮件提示操作。' });
    browser = await launchChromium();
    customer = await openPage(browser);
    agent = await openPage(browser);
    for (const tab of [customer, agent]) tab.page.setDefaultTimeout(15_000);
  }, 240_000);

  afterAll(async () => {
    await agent2?.close();
    await customer?.close();
    await agent?.close();
    await browser?.close();
    for (const p of [customerProxy, agentProxy]) await p.proxy?.cut();
    await server?.stop();
  });

  it('answers from the knowledge base first, then hands over to a person with the transcript', async () => {
    await signIn(agent.page, agentProxy.url, 'agent1', 'agent-pass-1');
    const page = customer.page;
    await page.goto(`${customerProxy.url}/demo/chat?site=${server.site.token}`);
    await shot(page, 'widget-closed');
    await page.getByTestId('widget-launcher').click();
    await page.getByTestId('prechat-name').fill('张三');
    await page.getByTestId('prechat-question').fill('怎么重置密码');
    await shot(page, 'widget-prechat');
    await page.getByTestId('prechat-start').click();
    await page.getByTestId('bot-articles').waitFor();
    expect(await page.getByTestId('bot-articles').textContent()).toContain('如何重置密码');
    await shot(page, 'widget-bot');
    await page.getByTestId('widget-human').click();

    await agent.page.getByTestId('chat-offer').waitFor();
    expect(await agent.page.getByTestId('chat-offer').textContent()).toContain('张三');
    await shot(agent.page, 'desk-offer');
    await agent.page.getByTestId('offer-accept').click();
    await agent.page.getByTestId('chat-panel').waitFor();
    conversationId = (await agent.page.getByTestId('chat-panel').getAttribute('data-conversation')) ?? '';
    await agent.page.getByTestId('desk-msg-bot').first().waitFor();
    expect(await deskBubbles(agent.page)).toEqual(expect.arrayContaining(['怎么重置密码']));
    expect(await agent.page.getByTestId('contact-name').textContent()).toBe('张三');
    await page.locator('[data-testid="msg-system"]', { hasText: '王小明' }).waitFor();
  });

  it('carries messages both ways, with canned replies, typing, read receipts and an image', async () => {
    const page = customer.page;
    await say(page, '链接收不到');
    await agent.page.locator('.chat-bubble', { hasText: '链接收不到' }).waitFor();
    await agent.page.getByTestId('chat-input').fill('/pw');
    await agent.page.getByTestId('canned-menu').waitFor();
    await agent.page.getByTestId('chat-input').press('Enter');
    expect(await agent.page.getByTestId('chat-input').inputValue()).toContain('忘记密码');
    await agent.page.getByTestId('chat-input').press('Enter');
    await page.locator('.bubble', { hasText: '忘记密码' }).waitFor();
    await page.getByTestId('widget-input').type('好的');
    await agent.page.getByTestId('desk-typing').waitFor();
    await page.getByTestId('widget-input').press('Enter');
    await agent.page.locator('.chat-bubble', { hasText: '好的' }).waitFor();
    await agent.page.getByTestId('desk-receipt').filter({ hasText: '已读' }).waitFor();
    await page.getByTestId('msg-read').waitFor();

    await page.getByTestId('widget-file').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('msg-image').waitFor();
    const img = agent.page.getByTestId('desk-image');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(16);
    const src = (await img.getAttribute('src')) ?? '';
    expect((await fetch(server.url + src)).status).toBe(403); // a stranger: no visitor token, no session
    await shot(page, 'widget-chat');
    await shot(agent.page, 'desk-chat');
  });

  it('loses no message when the customer and then the agent are cut off mid-conversation', async () => {
    const page = customer.page;
    await customerProxy.proxy!.cut();
    await page.getByTestId('widget-reconnecting').waitFor();
    await say(page, '断线时发的第一条');
    await say(page, '断线时发的第二条');
    await reply(agent.page, '客户断线期间的回复一');
    await reply(agent.page, '客户断线期间的回复二');
    await agent.page.locator('.chat-bubble', { hasText: '回复二' }).waitFor();
    await customerProxy.proxy!.restore();
    await page.locator('.bubble', { hasText: '回复二' }).waitFor({ timeout: 20_000 });
    await agent.page.locator('.chat-bubble', { hasText: '第二条' }).waitFor();

    await agentProxy.proxy!.cut();
    await agent.page.getByTestId('desk-reconnecting').waitFor();
    await say(page, '坐席断线时客户说的话');
    await reply(agent.page, '坐席断线时写的回复');
    await page.locator('[data-testid="msg-pending"]').waitFor({ state: 'detached' });
    await agentProxy.proxy!.restore();
    await agent.page.locator('.chat-bubble', { hasText: '坐席断线时客户说的话' }).waitFor({ timeout: 20_000 });
    await page.locator('.bubble', { hasText: '坐席断线时写的回复' }).waitFor({ timeout: 20_000 });

    const expected = ['断线时发的第一条', '断线时发的第二条', '客户断线期间的回复一', '客户断线期间的回复二', '坐席断线时客户说的话', '坐席断线时写的回复'];
    for (const list of [await widgetBubbles(page), await deskBubbles(agent.page)]) {
      for (const text of expected) expect(once(list, text), text).toBe(1);
      const customerOrder = list.filter((t) => t.startsWith('断线时发的'));
      expect(customerOrder).toEqual(['断线时发的第一条', '断线时发的第二条']);
    }
    const rows = (await server.db('messages').where({ interaction_id: conversationId }).orderBy('seq').select('seq', 'body')) as Array<{ seq: number; body: string }>;
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
    for (const text of expected) expect(rows.filter((r) => r.body === text)).toHaveLength(1);
    expect(rows.findIndex((r) => r.body === '断线时发的第一条')).toBeLessThan(rows.findIndex((r) => r.body === '断线时发的第二条'));

    // The agent reloads the console: the chat comes back on the desk with its whole transcript.
    await agent.page.reload();
    await agent.page.locator('[data-testid="chat-tab"]').first().waitFor({ timeout: 20_000 });
    await agent.page.locator('.chat-bubble', { hasText: '坐席断线时写的回复' }).waitFor();
    const afterReload = await deskBubbles(agent.page);
    for (const text of expected) expect(once(afterReload, text), text).toBe(1);
  });

  it('transfers to the named agent (not whoever the queue would pick) with a note the customer never sees', async () => {
    // Agent 3 signs in first: the queue (longest idle) would pick them, the transfer names Agent 2.
    const agent3 = await staffSocket(server.url, '/agent', 'agent3', 'agent-pass-1');
    const offersTo3: unknown[] = [];
    agent3.on('offer', (o) => offersTo3.push(o));
    expect(await ask(agent3, 'presence:set', { presence: 'available' })).toMatchObject({ ok: true });
    agent2 = await openPage(browser);
    agent2.page.setDefaultTimeout(15_000);
    await signIn(agent2.page, server.url, 'agent2', 'agent-pass-1');
    await agent.page.getByTestId('chat-transfer').click();
    await agent.page.getByTestId('transfer-dialog').waitFor();
    await agent.page.getByTestId('transfer-dialog').getByRole('button', { name: '坐席', exact: true }).click();
    const choices = await agent.page.getByTestId('transfer-target').locator('option').allTextContents();
    expect(choices.filter(Boolean).sort()).toEqual(['Agent 2 · 就绪 · 0 个会话', 'Agent 3 · 就绪 · 0 个会话']);
    await agent.page.getByTestId('transfer-target').selectOption({ label: 'Agent 2 · 就绪 · 0 个会话' });
    await agent.page.getByTestId('transfer-note').fill('客户要退款，请跟进');
    await agent.page.getByTestId('transfer-submit').click();
    await agent.page.getByTestId('chat-empty').waitFor();

    await agent2.page.getByTestId('chat-offer').waitFor();
    await agent2.page.getByTestId('offer-accept').click();
    await agent2.page.locator('[data-testid="desk-msg-note"]', { hasText: '客户要退款' }).waitFor();
    await customer.page.locator('[data-testid="msg-system"]', { hasText: 'Agent 2' }).waitFor();
    expect(await customer.page.getByText('客户要退款').count()).toBe(0);
    await reply(agent2.page, '我来继续为您处理');
    await customer.page.locator('.bubble', { hasText: '我来继续为您处理' }).waitFor();
    expect(offersTo3).toEqual([]);
    agent3.disconnect();
  });

  it('closes with a disposition; the customer rates it; the records are on the interaction', async () => {
    const page = agent2!.page;
    await page.getByTestId('chat-ticket').click();
    await page.getByTestId('chat-flash').filter({ hasText: '#' }).waitFor();
    await page.getByTestId('chat-close').click();
    await page.getByTestId('close-disposition').selectOption('solved');
    await page.getByTestId('close-submit').click();
    await page.getByTestId('chat-empty').waitFor();

    await customer.page.getByTestId('rating').waitFor();
    await customer.page.getByTestId('rate-star-5').click();
    await customer.page.getByTestId('rate-comment').fill('很专业');
    await shot(customer.page, 'widget-rating');
    await customer.page.getByTestId('rate-submit').click();
    await customer.page.getByTestId('rate-thanks').waitFor();

    const row = (await server.db('interactions').where({ id: conversationId }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ state: 'ended', disposition: 'solved', csat_score: 5, csat_comment: '很专业', agent_id: Number(server.agents[1]?.agentId) });
    expect(Boolean(row.resolved)).toBe(true);
    for (const col of ['answered_at', 'first_response_at', 'ended_at']) expect(row[col], col).not.toBeNull();
    const ticket = (await server.db('tickets').where({ interaction_id: conversationId }).first()) as { source: string; description: string };
    expect(ticket.source).toBe('webim');
    expect(ticket.description).toContain('链接收不到');
    expect(customer.errors.filter((e) => !/ERR_CONNECTION|WebSocket|net::/.test(e))).toEqual([]);
  });
});
