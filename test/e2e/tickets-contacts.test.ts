import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTime } from '../../core/time';
import { launchChromium, openPage, type BrowserPage } from '../support/browser';
import { ensureConsoleBuilt, screenshots, signIn } from '../support/console';
import { startWebimServer, type WebimServer } from '../support/webim';

// An agent works a ticket in Chromium: a customer's offline message (web chat outside hours) is a
// ticket; the agent takes it, comments, resolves it, then corrects the customer's name on the
// contact page. Screen and database must agree; signed-out requests to these APIs are refused.

interface TicketRow {
  status: string;
  assignee_id: number | null;
  resolved_at: unknown;
}

describe('tickets and contacts (Chromium)', () => {
  let server: WebimServer;
  let browser: Browser;
  let tab: BrowserPage;
  let ticketId = 0;
  let contactId = 0;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startWebimServer({ agents: 1 });
    browser = await launchChromium();
    tab = await openPage(browser);
    tab.page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.stop();
  });

  it('takes an offline-form ticket to resolved and edits its contact', async () => {
    const { db } = server.database;
    const agent = server.agents[0];
    if (!agent) throw new Error('no seeded agent');

    const offline = await fetch(`${server.url}/api/webim/public/${server.site.token}/offline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张三', phone: '13900139000', question: '快递三天没到，请帮忙查一下' }),
    });
    expect(offline.status).toBe(201);
    ticketId = ((await offline.json()) as { ticketId: number }).ticketId;
    contactId = ((await db('tickets').where({ id: ticketId }).first('contact_id')) as { contact_id: number }).contact_id;
    // Someone else's ticket, to show the "mine" filter working.
    const supervisor = server.client();
    await supervisor.login(server.supervisor.username, server.supervisor.password);
    const superId = (await supervisor.json<{ user: { id: number } }>('GET', '/api/auth/me')).user.id;
    const other = await supervisor.json<{ id: number }>('POST', '/api/tickets', { subject: '班长跟进的工单', assigneeId: superId });

    const page = tab.page;
    await page.goto(`${server.url}/agent/tickets`);
    await signIn(page, agent.username, agent.password);
    await page.getByTestId('subnav-tickets').waitFor();
    const row = page.getByTestId(`ticket-row-${ticketId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('快递三天没到');
    expect(await row.getByTestId('ticket-source').textContent()).toBe('离线留言');
    expect(await row.getByTestId('ticket-row-assignee').textContent()).toBe('未分配');
    expect(await page.getByTestId(`ticket-row-${other.id}`).textContent()).toContain('Supervisor Li');

    await row.click();
    await page.waitForURL(`**/agent/tickets?id=${ticketId}`);
    const detail = page.getByTestId('ticket-detail');
    expect(await detail.getByTestId('ticket-description').textContent()).toContain('13900139000');
    expect(await detail.getByTestId('ticket-contact-name').textContent()).toBe('张三');

    await detail.getByTestId('ticket-assign-me').click();
    await detail.getByTestId('ticket-assignee').filter({ hasText: agent.displayName }).waitFor();
    await row.getByTestId('ticket-row-assignee').filter({ hasText: agent.displayName }).waitFor();
    await page.getByTestId('tickets-mine').check();
    await page.getByTestId(`ticket-row-${other.id}`).waitFor({ state: 'detached' });
    await row.waitFor();

    await detail.getByTestId('ticket-comment-input').fill('已联系快递公司，明天送达');
    await detail.getByTestId('ticket-comment-send').click();
    await detail.getByTestId('ticket-comment').filter({ hasText: '明天送达' }).waitFor();
    expect(await detail.getByTestId('ticket-comment-input').inputValue()).toBe('');

    await detail.getByTestId('ticket-status-select').selectOption('resolved');
    await detail.getByTestId('ticket-status').filter({ hasText: '已解决' }).waitFor();
    // The list shows open tickets by default: the resolved one leaves it and is under "resolved".
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('ticket-filter-resolved').click();
    await row.getByTestId('ticket-status').filter({ hasText: '已解决' }).waitFor();
    await screenshots(page, 'agent-tickets');
    const timeline = await detail.getByTestId('ticket-event').allTextContents();
    expect(timeline).toHaveLength(4);
    expect(timeline[0]).toContain('系统 创建了工单（离线留言）');
    expect(timeline[1]).toContain(`${agent.displayName} 分配给 ${agent.displayName}`);
    expect(timeline[3]).toContain('将状态从「待处理」改为「已解决」');

    const ticket = (await db('tickets').where({ id: ticketId }).first()) as TicketRow;
    expect(ticket.status).toBe('resolved');
    expect(ticket.assignee_id).toBe(agent.userId);
    expect(readTime(ticket.resolved_at)?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const events = (await db('ticket_events').where({ ticket_id: ticketId }).orderBy('id').select('type', 'actor_id', 'body', 'data')) as Array<{ type: string; actor_id: number | null; body: string | null; data: string | null }>;
    expect(events.map((e) => [e.type, e.actor_id])).toEqual([['created', null], ['assigned', agent.userId], ['comment', agent.userId], ['status', agent.userId]]);
    expect(events[2]?.body).toBe('已联系快递公司，明天送达');
    expect(JSON.parse(events[3]?.data ?? 'null')).toEqual({ from: 'open', to: 'resolved' });

    // Handed to a colleague by name (the list offers every active user but the current assignee).
    const choices = await detail.getByTestId('ticket-assign-to').locator('option').allTextContents();
    expect(choices).toContain('Supervisor Li');
    expect(choices).not.toContain(agent.displayName);
    await detail.getByTestId('ticket-assign-to').selectOption({ label: 'Supervisor Li' });
    await detail.getByTestId('ticket-assignee').filter({ hasText: 'Supervisor Li' }).waitFor();
    expect(((await db('tickets').where({ id: ticketId }).first()) as TicketRow).assignee_id).toBe(superId);

    await detail.getByTestId('ticket-contact-link').click();
    await page.waitForURL(`**/agent/contacts?id=${contactId}`);
    const contact = page.getByTestId('contact-detail');
    expect(await contact.getByTestId('contact-name-input').inputValue()).toBe('张三');
    expect(await contact.getByTestId('contact-identities').textContent()).toContain('13900139000');
    await contact.getByTestId(`contact-ticket-${ticketId}`).waitFor();
    await contact.getByTestId('contact-name-input').fill('张三丰');
    await contact.getByTestId('contact-company-input').fill('青禾物流');
    await contact.getByTestId('contact-save').click();
    await contact.getByTestId('contact-saved').waitFor();
    await contact.getByTestId('contact-detail-name').filter({ hasText: '张三丰' }).waitFor();
    await screenshots(page, 'agent-contact');
    expect(await db('contacts').where({ id: contactId }).first('name', 'company')).toEqual({ name: '张三丰', company: '青禾物流' });

    await page.getByTestId('contact-search').fill('青禾');
    await page.getByTestId('contact-search-submit').click();
    await page.getByTestId(`contact-row-${contactId}`).filter({ hasText: '张三丰' }).waitFor();
    // And back to the ticket from the contact's ticket list.
    await contact.getByTestId(`contact-ticket-${ticketId}`).click();
    await page.getByTestId('ticket-detail').getByTestId('ticket-detail-subject').filter({ hasText: '快递三天没到' }).waitFor();

    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 60_000);

  it('refuses the same APIs to a signed-out browser and to requests without a session', async () => {
    const page = tab.page;
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/tickets?status=open'],
      ['GET', `/api/tickets/${ticketId}`],
      ['GET', '/api/tickets/assignees'],
      ['POST', '/api/tickets', { subject: 'x' }],
      ['PATCH', `/api/tickets/${ticketId}`, { status: 'open' }],
      ['POST', `/api/tickets/${ticketId}/comments`, { body: 'x' }],
      ['GET', '/api/contacts?q='],
      ['GET', `/api/contacts/${contactId}`],
      ['PATCH', `/api/contacts/${contactId}`, { name: 'x' }],
    ];
    const inBrowser = await page.evaluate(
      (list) => Promise.all(list.map(async ([method, path, body]) => (await fetch(path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).status)),
      calls,
    );
    expect(inBrowser).toEqual(calls.map(() => 401));
    const anonymous = server.client();
    for (const [method, path, body] of calls) expect((await anonymous.request(method, path, body)).status, `${method} ${path}`).toBe(401);
    expect(((await server.database.db('contacts').where({ id: contactId }).first('name')) as { name: string }).name).toBe('张三丰');
  });
});
