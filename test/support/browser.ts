import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core downloads no browser of its own. */
export const chromiumPath = '/usr/bin/chromium';

/** Headless, quiet (no background updates or sync), and fake camera/microphone that need no prompt. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ ...options, executablePath: chromiumPath, args: [...chromiumArgs, ...(options.args ?? [])] });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console.error lines, for asserting a clean run. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh context (own cookies and storage) with one page. Defaults match our users: Chinese UI,
 * Asia/Shanghai time zone, a laptop-sized viewport.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserPage> {
  // Reduced motion turns off Bootstrap's transitions, so screenshots and clicks never catch one halfway.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return { context, page, errors, close: () => context.close() };
}

/** Runs `fn` with a launched browser and always closes it. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
