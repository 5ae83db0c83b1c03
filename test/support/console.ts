import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

// Helpers for console end-to-end tests: sign in and screenshots (building lives in console-build).
export { ensureConsoleBuilt } from './console-build';

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('navbar').waitFor();
}

/** Set CONSOLE_SCREENSHOTS to a directory to keep full-page screenshots, desktop and phone width. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150); // let the layout (and Chart.js) settle at the new width
  await page.screenshot({ path: join(dir, `${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}
