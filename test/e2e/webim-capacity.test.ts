import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { ensureWidgetBuilt, startWebimServer, type WebimServer } from '../support/webim';

// One agent with capacity voice 1 / webim 2 and "no new chats while on a call". A voice call is
// put on the agent through the router directly (no telephony needed); chats from three customers
// then show the cross-media rule and the chat capacity: the third waits until one chat closes.

async function startChat(page: Page, base: string, token: string, name: string): Promise<void> {
  await page.goto(`${base}/demo/chat?site=${token}&lang=en`);
  await page.getByTestId('widget-launcher').click();
  await page.getByTestId('prechat-name').fill(name);
  await page.getByTestId('prechat-question').fill(`Question from ${name}`);
  await page.getByTestId('prechat-start').click();
}

describe('web chat capacity (Chromium)', () => {
  let server: WebimServer;
  let browser: Browser;
  const tabs: BrowserPage[] = [];
  const open = async () => {
    const tab = await openPage(browser, { locale: 'en-US' });
    tab.page.setDefaultTimeout(15_000);
    tabs.push(tab);
    return tab.page;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureWidgetBuilt();
    server = await startWebimServer({ agents: 1, capacity: { webim: 2, voice: 1 }, voiceBlocksChat: true, site: { botEnabled: false } });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await browser?.close();
    await server?.stop();
  });

  it('waits while the agent is on a call, fills two chat slots, queues the third until one closes', async () => {
    const { router } = server.hub;
    const agentId = server.agents[0]!.agentId;
    const desk = await open();
    await desk.goto(`${server.url}/agent`);
    await desk.getByTestId('login-username').fill('agent1');
    await desk.getByTestId('login-password').fill('agent-pass-1');
    await desk.getByTestId('login-submit').click();
    await desk.getByTestId('presence-available').click();
    await desk.locator('[data-testid="presence-state"][data-state="available"]').waitFor();

    // A voice call, answered: the agent is on the phone.
    expect(router.submit({ id: 'call-1', media: 'voice', queueId: server.queueId, contactId: 'caller-1' }).outcome).toBe('offered');
    router.accept(agentId, 'call-1');

    const a = await open();
    await startChat(a, server.url, server.site.token, 'Alice');
    await a.getByTestId('widget-queue').filter({ hasText: 'number 1 in line' }).waitFor();
    await a.waitForTimeout(500);
    expect(await desk.getByTestId('chat-offer').count()).toBe(0); // blocked by the call
    const chatA = [...router.waitingIn(server.queueId)].find((r) => r.media === 'webim');
    expect(chatA?.status).toBe('waiting');

    router.end('call-1');
    await desk.getByTestId('chat-offer').waitFor();
    await desk.getByTestId('offer-accept').click();
    await desk.locator('[data-testid="chat-tab"]').first().waitFor();

    const b = await open();
    await startChat(b, server.url, server.site.token, 'Bob');
    await desk.getByTestId('chat-offer').waitFor();
    await desk.getByTestId('offer-accept').click();
    await expect.poll(() => desk.getByTestId('chat-tab').count()).toBe(2);

    // Chats do not block calls here (chatInterruptibleByVoice): a call may still ring.
    expect(router.submit({ id: 'call-2', media: 'voice', queueId: server.queueId, contactId: 'caller-2' }).outcome).toBe('offered');
    router.abandon('call-2');

    const c = await open();
    await startChat(c, server.url, server.site.token, 'Carol');
    await c.getByTestId('widget-queue').filter({ hasText: 'number 1 in line' }).waitFor();
    await c.waitForTimeout(500);
    expect(await desk.getByTestId('chat-offer').count()).toBe(0); // webim capacity 2 is full
    expect(router.agentStates().find((s) => s.agentId === agentId)?.work.filter((w) => w.media === 'webim')).toHaveLength(2);

    // Unread and waiting time on the tab that is not in front.
    await b.getByTestId('widget-input').fill('Hello from Bob');
    await b.getByTestId('widget-input').press('Enter');
    const bobTab = desk.locator('[data-testid="chat-tab"]', { hasText: 'Bob' });
    if ((await bobTab.getAttribute('aria-selected')) !== 'true') await bobTab.getByTestId('chat-tab-unread').waitFor();
    await bobTab.getByTestId('chat-tab-wait').waitFor();

    await desk.locator('[data-testid="chat-tab"]', { hasText: 'Alice' }).click();
    await desk.getByTestId('chat-close').click();
    await desk.getByTestId('close-submit').click();
    await desk.getByTestId('chat-offer').waitFor();
    expect(await desk.getByTestId('chat-offer').textContent()).toContain('Carol');
    await desk.getByTestId('offer-accept').click();
    await desk.locator('[data-testid="chat-tab"]', { hasText: 'Carol' }).waitFor();
    await expect.poll(() => desk.getByTestId('chat-tab').count()).toBe(2);
    await c.locator('[data-testid="msg-system"]', { hasText: 'has joined' }).waitFor();
    await a.getByTestId('rating').waitFor();
    if (process.env.WEBIM_SCREENSHOTS) {
      await desk.screenshot({ path: `${process.env.WEBIM_SCREENSHOTS}/desk-two-chats.png` });
      await c.setViewportSize({ width: 390, height: 844 });
      await c.screenshot({ path: `${process.env.WEBIM_SCREENSHOTS}/widget-phone.png` });
    }
  });
});
