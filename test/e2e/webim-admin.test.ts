import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { ensureWidgetBuilt, startWebimServer, type WebimServer } from '../support/webim';

// Admins keep the knowledge base and the bot greeting in the console; customers search the
// knowledge base on /help without chatting, and the widget greets with the edited text.

describe('web chat administration (Chromium)', () => {
  let server: WebimServer;
  let browser: Browser;
  let admin: BrowserPage;
  let visitor: BrowserPage;

  beforeAll(async () => {
    ensureConsoleBuilt();
    ensureWidgetBuilt();
    server = await startWebimServer({ agents: 1 });
    browser = await launchChromium();
    admin = await openPage(browser);
    visitor = await openPage(browser);
    for (const tab of [admin, visitor]) tab.page.setDefaultTimeout(15_000);
  }, 240_000);

  afterAll(async () => {
    await admin?.close();
    await visitor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates, edits and deletes a knowledge-base article; /help finds it', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/admin/kb`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(server.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('kb-page').waitFor();
    await page.getByTestId('kb-new').click();
    await page.getByTestId('kb-title').fill('退款多久到账');
    await page.getByTestId('kb-body').fill('退款审核通过后 3 个工作日内原路退回。');
    await page.getByTestId('kb-save').click();
    await page.locator('[data-testid="kb-row"]', { hasText: '退款多久到账' }).waitFor();

    await visitor.page.goto(`${server.url}/help`);
    await visitor.page.getByTestId('help-q').fill('退款到账');
    await visitor.page.getByTestId('help-search').click();
    await visitor.page.locator('[data-testid="help-hit"] a', { hasText: '退款多久到账' }).click();
    expect(await visitor.page.getByTestId('help-article').textContent()).toContain('3 个工作日');

    await page.locator('[data-testid="kb-row"]', { hasText: '退款多久到账' }).getByTestId('kb-edit').click();
    await page.getByTestId('kb-body').fill('退款审核通过后 5 个工作日内原路退回。');
    await page.getByTestId('kb-save').click();
    await page.locator('[data-testid="kb-row"]', { hasText: '5 个工作日' }).waitFor();
    const row = page.locator('[data-testid="kb-row"]', { hasText: '退款多久到账' });
    await row.getByTestId('kb-delete').click();
    await row.getByTestId('kb-delete-confirm').click();
    await row.waitFor({ state: 'detached' });
    const after = (await (await fetch(`${server.url}/api/kb/search?q=${encodeURIComponent('退款到账')}`)).json()) as Array<{ title: string }>;
    expect(after.map((a) => a.title)).not.toContain('退款多久到账');
  });

  it('edits the site greeting; the widget greets with it, and the snippet is shown', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/admin/webim`);
    const card = page.getByTestId('site-card').first();
    expect(await card.getByTestId('site-snippet').textContent()).toContain(`data-site="${server.site.token}"`);
    await card.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('site-greeting-zh').fill('欢迎来到青禾云，有问题随时问我！');
    await page.getByTestId('site-save').click();
    await page.getByTestId('site-form').waitFor({ state: 'detached' });

    await visitor.page.goto(`${server.url}/demo/chat?site=${server.site.token}`);
    await visitor.page.getByTestId('widget-launcher').click();
    await visitor.page.getByTestId('prechat').filter({ hasText: '欢迎来到青禾云' }).waitFor();
    await visitor.page.getByTestId('prechat-start').click();
    await visitor.page.locator('[data-testid="msg-bot"]', { hasText: '欢迎来到青禾云' }).waitFor();
  });
});
