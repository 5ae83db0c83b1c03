import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

// The admin console end to end in Debian Chromium: sign in, define a skill, create an agent with
// it through the UI, check the server has it, then sign in as that agent. Set CONSOLE_SCREENSHOTS
// to a directory to keep screenshots of the pages visited.

const root = resolve(__dirname, '../..');
const consoleDir = join(root, 'console');
const builtIndex = join(consoleDir, 'dist/index.html');
const screenshots = process.env.CONSOLE_SCREENSHOTS;

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

/** The server serves console/dist only if it exists when it starts, so build first (or rebuild when stale). */
function ensureConsoleBuilt(): void {
  const sources = Math.max(newestSource(join(consoleDir, 'src')), statSync(join(consoleDir, 'index.html')).mtimeMs, statSync(join(consoleDir, 'vite.config.ts')).mtimeMs);
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function text(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId).first();
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}

/** What the console shows for a UTC instant in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiClock(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

describe('console admin (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage | undefined;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  async function freshTab(options: Parameters<typeof openPage>[1] = {}): Promise<Page> {
    await tab?.close();
    tab = await openPage(browser, options);
    tab.page.setDefaultTimeout(10_000);
    await tab.page.goto(server.url + '/');
    return tab.page;
  }

  it('shows the error for a wrong password', async () => {
    const page = await freshTab();
    await signIn(page, 'admin', 'not-the-password');
    expect(await text(page, 'login-error')).toContain('用户名或密码错误');
    expect(await page.getByTestId('login-error').getAttribute('data-status')).toBe('401');
    expect(await page.getByTestId('navbar').count()).toBe(0);
  });

  it('shows how long to wait when sign-in is rate limited', async () => {
    const page = await freshTab({ locale: 'en' });
    // Answered in the browser: tripping the real limiter would lock 127.0.0.1 out for the next test.
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '42' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'too many sign-in attempts, wait and try again', details: 42 } }),
      }),
    );
    await signIn(page, 'admin', 'whatever-it-is');
    expect(await text(page, 'login-error')).toContain('42');
  });

  it('creates a skill and an agent, then that agent signs in to the agent area', async () => {
    const page = await freshTab();
    if (screenshots) await shot(page, 'login-desktop');
    await signIn(page, 'admin', server.adminPassword);
    await page.waitForURL('**/admin/users');
    await page.getByTestId('user-row-admin').waitFor();
    for (const area of ['admin', 'supervisor', 'agent']) expect(await page.getByTestId(`nav-${area}`).count()).toBe(1);

    // Times come from the server in UTC and show in the browser's zone (Asia/Shanghai here).
    const users = await page.evaluate(async () => (await fetch('/api/users')).json() as Promise<Array<{ username: string; lastLoginAt: string }>>);
    const adminLogin = users.find((u) => u.username === 'admin')?.lastLoginAt ?? '';
    expect(await page.getByTestId('user-row-admin').textContent()).toContain(shanghaiClock(adminLogin));

    await page.getByTestId('subnav-skills').click();
    await page.getByTestId('skill-name').fill('billing');
    await page.getByTestId('skill-description').fill('账单咨询');
    await page.getByTestId('skill-add').click();
    await page.getByTestId('skill-row-billing').waitFor();

    await page.getByTestId('subnav-agents').click();
    await page.waitForURL('**/admin/agents');
    await page.getByTestId('agent-new').click();
    await page.getByTestId('agent-username').fill('alice');
    await page.getByTestId('agent-display-name').fill('王小丽');
    await page.getByTestId('agent-password').fill('alice-pass-123');
    await page.getByTestId('agent-extension').fill('80x1');
    await page.getByTestId('agent-sip-password').fill('sip-secret-456');
    await page.getByTestId('skill-check-billing').check();
    await page.getByTestId('skill-level-billing').selectOption('7');
    await page.getByTestId('agent-capacity-webim').fill('3');
    await page.getByTestId('agent-capacity-email').fill('0');
    await page.getByTestId('agent-voice-blocks-chat').check();
    await page.getByTestId('agent-save').click();
    // The server's validation message lands next to the field it names (body.extension).
    expect(await text(page, 'agent-extension-error')).toContain('digits');
    expect(await page.getByTestId('agent-extension').getAttribute('class')).toContain('is-invalid');
    if (screenshots) await shot(page, 'admin-agent-form-error');

    await page.getByTestId('agent-extension').fill('8001');
    await page.getByTestId('agent-save').click();
    await page.getByTestId('agent-modal').waitFor({ state: 'detached' });
    const row = page.getByTestId('agent-row-alice');
    await row.waitFor();
    expect(await row.textContent()).toContain('8001');
    expect(await row.getByTestId('skill-billing').textContent()).toContain('7');
    expect(await row.getByTestId('capacity-webim').textContent()).toContain('3');
    expect(await row.getByTestId('capacity-email').count()).toBe(0);
    await shot(page, 'admin-agents');
    if (screenshots) {
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'admin-agents-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    const api = server.client();
    expect((await api.login('admin', server.adminPassword)).status).toBe(200);
    const agents = await api.json<Array<{ username: string; extension: string; skills: Record<string, number>; capacity: Record<string, number>; voiceBlocksChat: boolean }>>('GET', '/api/agents');
    const alice = agents.find((a) => a.username === 'alice');
    expect(alice).toMatchObject({ extension: '8001', skills: { billing: 7 }, voiceBlocksChat: true, capacity: { voice: 1, webim: 3, email: 0 } });

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();

    await signIn(page, 'alice', 'alice-pass-123');
    await page.waitForURL('**/agent');
    await page.getByTestId('agent-workspace').waitFor();
    expect(await text(page, 'profile-extension')).toBe('8001');
    expect(await text(page, 'profile-skills')).toContain('billing');
    expect(await page.getByTestId('nav-agent').count()).toBe(1);
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    expect(await page.getByTestId('nav-supervisor').count()).toBe(0);
    expect(await page.getByTestId('workspace-slot').count()).toBe(1);

    // An agent who types an admin address sees a refusal, not the page.
    await page.goto(server.url + '/admin/users');
    await page.getByTestId('status-page').waitFor();
    expect(await page.getByTestId('users-page').count()).toBe(0);
    await page.getByTestId('status-page').getByRole('link').click();
    await page.getByTestId('agent-workspace').waitFor();

    expect(await text(page, 'brand')).toContain('呼叫中心');
    await page.getByTestId('lang-en').click();
    expect(await text(page, 'page-title')).toBe('Agent workspace');
    expect(await text(page, 'nav-agent')).toBe('Agent desk');
    await page.reload();
    expect(await text(page, 'page-title')).toBe('Agent workspace'); // kept in localStorage
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('lang-zh-CN').click();
    expect(await text(page, 'page-title')).toBe('坐席工作台');
    expect(await text(page, 'brand')).toContain('呼叫中心');

    const unexpected = (tab?.errors ?? []).filter((e) => !e.includes('Failed to load resource'));
    expect(unexpected).toEqual([]);
  }, 120_000);

  it('fits the sign-in page on a phone', async () => {
    const page = await freshTab({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.getByTestId('login-form').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'login-phone');
  });
});
