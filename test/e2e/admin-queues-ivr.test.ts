import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt, screenshots, signIn } from '../support/console';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

// Admin pages end to end in Chromium: queues with overflow rules, business hours, agents' queue
// memberships, and an IVR flow built in the editor, checked, saved, attached and test-run.
// Each step is checked through the API as well as on screen.

interface Queue {
  id: string;
  name: string;
  serviceLevelSeconds: number;
  strategy: string;
  media: string[];
  overflow: Array<{ afterSeconds: number; action: string; targetQueueId?: string }>;
}

describe('admin queues, hours and IVR (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;
  let page: Page;
  let api: ApiClient;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    api = server.client();
    await api.login('admin', server.adminPassword);
    browser = await launchChromium();
    tab = await openPage(browser, { locale: 'en' });
    page = tab.page;
    page.setDefaultTimeout(10_000);
    await page.goto(server.url + '/');
    await signIn(page, 'admin', server.adminPassword);
    await page.getByTestId('lang-en').click(); // the admin's profile says zh-CN; messages are checked in English
  }, 180_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  const queues = () => api.json<Queue[]>('GET', '/api/queues');

  it('creates queues with overflow rules, showing server validation next to the field', async () => {
    await page.getByTestId('subnav-queues').click();
    await page.getByTestId('queues-page').waitFor();

    await page.getByTestId('queue-new').click();
    await page.getByTestId('queue-name').fill('sales');
    await page.getByTestId('queue-media-webim').check();
    await page.getByTestId('queue-strategy').selectOption('ring_all');
    await page.getByTestId('queue-serviceLevelSeconds').fill('');
    await page.getByTestId('overflow-add').click();
    await page.getByTestId('overflow-after-0').fill('90');
    await page.getByTestId('overflow-action-0').selectOption('voicemail');
    await page.getByTestId('queue-save').click();
    // The empty box goes to the server, whose message lands next to it.
    await page.getByTestId('queue-serviceLevelSeconds-error').waitFor();
    expect(await page.getByTestId('queue-serviceLevelSeconds').getAttribute('class')).toContain('is-invalid');
    expect(await queues()).toEqual([]);

    await page.getByTestId('queue-serviceLevelSeconds').fill('30');
    await page.getByTestId('queue-save').click();
    await page.getByTestId('queue-modal').waitFor({ state: 'detached' });
    await page.getByTestId('queue-row-sales').waitFor();
    const [sales] = await queues();
    expect(sales).toMatchObject({ name: 'sales', media: ['voice', 'webim'], strategy: 'ring_all', serviceLevelSeconds: 30, overflow: [{ afterSeconds: 90, action: 'voicemail' }] });

    // A second queue overflows into the first: the target is picked from the queue list.
    await page.getByTestId('queue-new').click();
    await page.getByTestId('queue-name').fill('support');
    await page.getByTestId('overflow-add').click();
    await page.getByTestId('overflow-add').click();
    await page.getByTestId('overflow-after-0').fill('60');
    await page.getByTestId('overflow-action-0').selectOption('move_queue');
    await page.getByTestId('overflow-target-0').selectOption({ label: 'sales' });
    await page.getByTestId('overflow-remove-1').click();
    await screenshots(page, 'admin-queue-form');
    await page.getByTestId('queue-save').click();
    await page.getByTestId('queue-row-support').waitFor();
    expect(await page.getByTestId('queue-row-support').getByTestId('queue-overflow-cell').textContent()).toContain('sales');
    const support = (await queues()).find((q) => q.name === 'support');
    expect(support?.overflow).toEqual([{ afterSeconds: 60, action: 'move_queue', targetQueueId: sales?.id }]);
    await screenshots(page, 'admin-queues');
  }, 60_000);

  it('sets an agent\'s queue memberships in the agent form', async () => {
    const agent = await api.json<{ id: number }>('POST', '/api/agents', { username: 'bob', displayName: 'Bob Li', password: 'bob-pass-1234', extension: '8002', sipPassword: 'sip-secret-789' });
    await page.getByTestId('subnav-agents').click();
    await page.getByTestId('agent-edit-bob').click();
    await page.getByTestId('agent-queue-sales').check();
    await screenshots(page, 'admin-agent-queues');
    await page.getByTestId('agent-save').click();
    await page.getByTestId('agent-modal').waitFor({ state: 'detached' });
    const sales = (await queues()).find((q) => q.name === 'sales');
    const bob = (await api.json<Array<{ id: number; queueIds: number[] }>>('GET', '/api/agents')).find((a) => a.id === agent.id);
    expect(bob?.queueIds).toEqual([Number(sales?.id)]);
    expect(await page.getByTestId('agent-row-bob').getByTestId('agent-queues-cell').textContent()).toBe('sales');
  });

  it('edits business hours: split days, holidays, time zone', async () => {
    await page.getByTestId('subnav-hours').click();
    await page.getByTestId('hours-form').waitFor();
    await page.getByTestId('hours-name').fill('office');
    expect(await page.getByTestId('hours-tz').inputValue()).toBe('Asia/Shanghai');
    // Monday closes for lunch: 09:00–12:00 and 13:30–18:00.
    await page.getByTestId('hours-close-1-0').fill('12:00');
    await page.getByTestId('hours-add-1').click();
    await page.getByTestId('hours-open-1-1').fill('13:30');
    await page.getByTestId('hours-add-6').click();
    await page.getByTestId('hours-holiday-input').fill('2026-10-01');
    await page.getByTestId('hours-holiday-add').click();
    await page.getByTestId('hours-tz').fill('Mars/Olympus');
    await page.getByTestId('hours-save').click();
    await page.locator('#hours-tz.is-invalid').waitFor();
    await page.getByTestId('hours-tz').fill('Asia/Shanghai');
    await page.getByTestId('hours-save').click();
    await page.getByTestId('hours-saved').waitFor();
    const [office] = await api.json<Array<{ name: string; timezone: string; weekly: Array<{ day: number; open: string; close: string }>; holidays: string[] }>>('GET', '/api/business-hours');
    expect(office).toMatchObject({ name: 'office', timezone: 'Asia/Shanghai', holidays: ['2026-10-01'] });
    expect(office?.weekly.filter((r) => r.day === 1)).toEqual([
      { day: 1, open: '09:00', close: '12:00' },
      { day: 1, open: '13:30', close: '18:00' },
    ]);
    expect(office?.weekly.filter((r) => r.day === 6)).toEqual([{ day: 6, open: '09:00', close: '18:00' }]);
    await screenshots(page, 'admin-hours');
  });

  it('builds an IVR flow, catches a dangling reference, saves, attaches 4000 and test-runs it', async () => {
    await page.getByTestId('subnav-ivr').click();
    await page.getByTestId('flow-workspace').waitFor();
    const node = (i: number) => page.getByTestId(`node-card-${i}`);
    await page.getByTestId('flow-name').fill('hotline');
    await page.getByTestId('flow-locale').selectOption('en');
    // Node 0 is a "play welcome" the new flow starts with.
    expect(await node(0).getByTestId('node-prompts-value-0').inputValue()).toBe('welcome');
    expect(await node(0).getByTestId('node-is-start').count()).toBe(1);

    await page.getByTestId('node-add-type').selectOption('menu');
    await page.getByTestId('node-add').click();
    await node(1).getByTestId('node-id').fill('menu');
    await node(0).getByTestId('node-next').selectOption('menu');
    await page.getByTestId('node-add-type').selectOption('queue');
    await page.getByTestId('node-add').click();
    await node(2).getByTestId('node-id').fill('sales');
    expect(await node(2).getByTestId('node-queue').inputValue()).toBe('sales');
    await node(1).getByTestId('option-target').selectOption('sales');
    await node(1).getByTestId('node-onfail').selectOption('welcome');
    expect(await page.getByTestId('flow-problems').count()).toBe(0);

    // Deleting the queue node leaves menu option 1 pointing nowhere: flagged on the option, save blocked.
    await node(2).getByTestId('node-remove').click();
    expect(await node(1).getByTestId('option-target-error').textContent()).toContain('There is no node sales');
    expect(await page.getByTestId('flow-problems').textContent()).toContain('options.1');
    expect(await page.getByTestId('flow-save').isDisabled()).toBe(true);
    await screenshots(page, 'admin-ivr-dangling');
    // Fixed by bringing the node back under the name the option still holds.
    await page.getByTestId('node-add').click();
    await node(2).getByTestId('node-id').fill('sales');
    expect(await node(1).getByTestId('option-target-error').count()).toBe(0);

    // What only the server checks (a URL) comes back with its path and lands on the field.
    await page.getByTestId('node-add-type').selectOption('http');
    await page.getByTestId('node-add').click();
    await node(3).getByTestId('node-url').fill('not a url');
    await node(3).getByTestId('node-next').selectOption('menu');
    await node(3).getByTestId('node-onerror').selectOption('menu');
    await page.getByTestId('flow-save').click();
    await node(3).getByTestId('node-url-error').waitFor();
    await page.getByTestId('flow-server-problems').waitFor();
    await node(3).getByTestId('node-remove').click();

    await page.getByTestId('flow-save').click();
    await page.getByTestId('flow-item-hotline').waitFor();
    await page.getByTestId('version-1').waitFor();
    const saved = await api.json<{ version: number; flow: { start: string; nodes: unknown[] } }>('GET', '/api/ivr/flows/hotline');
    expect(saved.version).toBe(1);
    expect(saved.flow).toMatchObject({
      start: 'welcome',
      locale: 'en',
      nodes: [
        { id: 'welcome', type: 'play', prompts: [{ kind: 'builtin', name: 'welcome' }], next: 'menu' },
        { id: 'menu', type: 'menu', options: { '1': 'sales' }, onFail: 'welcome' },
        { id: 'sales', type: 'queue', queueName: 'sales' },
      ],
    });

    await page.getByTestId('number-input').fill('4000');
    await page.getByTestId('number-attach').click();
    await page.getByTestId('number-4000').waitFor();
    expect(await api.json('GET', '/api/ivr/flows')).toEqual([{ name: 'hotline', version: 1, numbers: ['4000'] }]);
    expect(await page.getByTestId('flow-item-hotline').textContent()).toContain('4000');

    await page.getByTestId('script-digits-0').fill('1');
    await page.getByTestId('test-run-go').click();
    await page.getByTestId('test-run-result').waitFor();
    expect(await page.getByTestId('test-run-outcome').textContent()).toBe('queue sales');
    expect(await page.getByTestId('test-run-heard').textContent()).toContain('en/welcome.wav');
    expect(await page.getByTestId('test-run-path').getByTestId('path-digits').textContent()).toContain('1');
    await screenshots(page, 'admin-ivr');

    // A second save is a new version; "load" puts the live one back into the editor.
    await page.getByTestId('node-card-0').getByTestId('node-prompts-value-0').selectOption('please_hold');
    await page.getByTestId('flow-save').click();
    await page.getByTestId('version-2').waitFor();
    await page.getByTestId('node-card-0').getByTestId('node-prompts-value-0').selectOption('menu');
    await page.getByTestId('version-load-2').click();
    await expect.poll(() => page.getByTestId('node-card-0').getByTestId('node-prompts-value-0').inputValue()).toBe('please_hold');

    await page.getByTestId('number-detach-4000').click();
    await page.getByTestId('number-4000').waitFor({ state: 'detached' });
    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 90_000);
});
