import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt, screenshots, signIn } from '../support/console';
import { seedReportData, type ReportFixture } from '../support/report-data';
import { startTestServer, type TestServer } from '../support/server';

// The supervisor's reports page (报表) in Chromium over the interactions of
// test/support/report-data.ts (figures worked out in server/http/routes/reports.test.ts): the KPI
// cards, the SVG chart, switching the grouping, and the CSV download.

describe('supervisor reports (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;
  let page: Page;
  let fixture: ReportFixture;
  /** API requests the page made that failed: there must be none. */
  const failedApi: string[] = [];
  /** Uncaught errors and console errors; failed loads are checked by URL in failedApi. */
  const pageErrors = () => tab.errors.filter((e) => !e.includes('Failed to load resource'));

  beforeAll(async () => {
    ensureConsoleBuilt();
    // The default engine, as in production: the wallboard the supervisor lands on asks for live calls.
    server = await startTestServer();
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    fixture = await seedReportData(server, admin);
    browser = await launchChromium();
    tab = await openPage(browser, { acceptDownloads: true });
    page = tab.page;
    page.setDefaultTimeout(10_000);
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      // /api/auth/me answers 401 before signing in, as it should.
      if (res.status() >= 400 && path.startsWith('/api/') && path !== '/api/auth/me') failedApi.push(`${res.status()} ${path}`);
    });
  }, 180_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  const kpi = (id: string) => page.getByTestId(`kpi-${id}-value`);
  /** Waits until the table shows the server's rows for that grouping (row keys alone can repeat: queue 1, agent 1). */
  const grouped = (groupBy: string) => page.locator(`[data-testid="report-table"][data-group="${groupBy}"]`).waitFor();
  const rowKeys = () => page.getByTestId('report-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

  it('shows the seeded figures as KPI cards, a chart and a table', async () => {
    await page.goto(server.url + '/');
    await signIn(page, 'sup', 'sup-pass-1234');
    await page.getByTestId('subnav-reports').click();
    await page.waitForURL('**/supervisor/reports');
    expect(await page.getByTestId('page-title').textContent()).toBe('报表');
    await page.getByTestId('report-to').fill('2026-03-02');
    await page.getByTestId('report-from').fill('2026-03-01');
    await page.waitForURL(/from=2026-03-01&to=2026-03-02/);

    await kpi('offered').and(page.getByText('6', { exact: true })).waitFor();
    const values: Record<string, string | null> = {};
    for (const id of ['offered', 'answered', 'asa', 'aht', 'abandonment', 'sl', 'fcr', 'csat']) values[id] = await kpi(id).textContent();
    // ASA 20 s; AHT 287.5 s shown as 4:47; abandonment (2-1)/(6-1); service level 3/5; FCR 2/3; CSAT (5+4+2)/3.
    expect(values).toEqual({ offered: '6', answered: '4', asa: '0:20', aht: '4:47', abandonment: '20.0%', sl: '60.0%', fcr: '66.7%', csat: '3.67' });
    expect(await page.getByTestId('kpi-offered').textContent()).toContain('放弃 2，其中短时放弃 1');

    const svg = page.getByTestId('report-chart-svg');
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.locator('title#report-chart-title').textContent()).toBe('进线、接通与放弃');
    expect(await svg.locator('desc').textContent()).toBe('2026-03-01 至 2026-03-02，2 个时段：进线 6，接通 4，放弃 2；服务水平 60.0%。');
    // Two days, three bars each; the service level line has a point per day.
    expect(await page.getByTestId('chart-bar').count()).toBe(6);
    expect(await page.getByTestId('chart-bar').evaluateAll((bars) => bars.map((b) => `${b.getAttribute('data-series')}=${b.getAttribute('data-value')}`))).toEqual([
      'offered=4', 'answered=2', 'abandoned=2', 'offered=2', 'answered=2', 'abandoned=0',
    ]);
    expect(await page.getByTestId('chart-sl-point').count()).toBe(2);

    expect(await rowKeys()).toEqual(['2026-03-01', '2026-03-02']);
    const firstDay = await page.getByTestId('report-row').first().locator('th, td').allTextContents();
    expect(firstDay).toEqual(['2026-03-01', '4', '2', '2', '1', '0:17', '6:15', '33.3%', '66.7%', '50.0%', '100.0%', '4.50']);
    expect(await page.getByTestId('report-total').locator('th, td').allTextContents()).toEqual(['合计', '6', '4', '2', '1', '0:20', '4:47', '20.0%', '60.0%', '66.7%', '75.0%', '3.67']);
    await screenshots(page, 'reports-day');
    expect(pageErrors()).toEqual([]);
    expect(failedApi).toEqual([]);
  });

  it('switches the grouping to queue, agent and hour', async () => {
    await page.getByTestId('report-group').selectOption('queue');
    await page.waitForURL(/groupBy=queue/);
    await grouped('queue');
    expect(await rowKeys()).toEqual([String(fixture.sales), String(fixture.chat)]);
    expect(await page.getByTestId('report-row').locator('th').allTextContents()).toEqual(['售前', '在线客服']);
    expect(await page.getByTestId('report-table').locator('thead th').first().textContent()).toBe('队列');
    // The chart stays a series over the days.
    expect(await page.getByTestId('chart-bar').count()).toBe(6);

    await page.getByTestId('report-group').selectOption('agent');
    await grouped('agent');
    expect(await rowKeys()).toEqual([String(fixture.alice), String(fixture.bob), '']);
    expect(await page.getByTestId('report-row').locator('th').allTextContents()).toEqual(['王芳', '李雷', '未分配坐席']);

    await page.getByTestId('report-group').selectOption('hour');
    await grouped('hour');
    expect(await page.getByTestId('report-row').count()).toBe(48);
    expect(await page.getByTestId('chart-bar').count()).toBe(144);

    await page.getByTestId('report-queue').selectOption(String(fixture.chat));
    await kpi('offered').and(page.getByText('2', { exact: true })).waitFor();
    expect(pageErrors()).toEqual([]);
    expect(failedApi).toEqual([]);
  });

  it('downloads the table as CSV with a BOM', async () => {
    await page.getByTestId('report-queue').selectOption('');
    await page.getByTestId('report-group').selectOption('queue');
    await grouped('queue');
    await kpi('offered').and(page.getByText('6', { exact: true })).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(download.suggestedFilename()).toBe('report-2026-03-01-2026-03-02-queue.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('队列,进线量,接通量,放弃量')).toBe(true);
    expect(lines.slice(1)).toEqual([
      '售前,4,2,2,1,7.5,125.0,33.3,66.7,50.0,100.0,5.00,100.0',
      '在线客服,2,2,0,0,32.5,450.0,0.0,50.0,100.0,50.0,3.00,50.0',
      '合计,6,4,2,1,20.0,287.5,20.0,60.0,66.7,75.0,3.67,66.7',
      '',
    ]);
  });

  it('explains a reversed range instead of asking the server, and fits a phone', async () => {
    await page.getByTestId('report-from').fill('2026-03-05');
    expect(await page.getByTestId('report-range-error').textContent()).toBe('结束日期不能早于开始日期。');
    expect(await page.getByTestId('report-from').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('report-from').fill('2026-03-01');
    await page.getByTestId('report-range-error').waitFor({ state: 'detached' });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="report-chart-svg"]')?.getAttribute('width')) < 390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors()).toEqual([]);
    expect(failedApi).toEqual([]);
  });
});
