import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactService } from '../../../core/contacts/contact-service';
import { systemClock } from '../../../core/clock';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/support/server';

describe('CRM, tickets and knowledge base over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  let agent: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = server.client();
    await admin.login('admin', server.adminPassword);
    await admin.json('POST', '/api/users', { username: 'crm_agent', displayName: 'CRM Agent', password: 'crm-agent-pw', role: 'agent' });
    agent = server.client();
    await agent.login('crm_agent', 'crm-agent-pw');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('finds or creates a contact by identity, once, even when two arrive together', async () => {
    const contacts = new ContactService(server.db, systemClock);
    const [a, b] = await Promise.all([contacts.findOrCreate('phone', '+8613800138000'), contacts.findOrCreate('phone', '+8613800138000')]);
    expect(a.contact.id).toBe(b.contact.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(a.contact.phone).toBe('+8613800138000');
    const edited = await agent.json<{ name: string }>('PATCH', `/api/contacts/${a.contact.id}`, { name: '陈先生', tags: ['vip'] });
    expect(edited.name).toBe('陈先生');
    const found = await agent.json<Array<{ id: number }>>('GET', `/api/contacts?q=${encodeURIComponent('陈')}`);
    expect(found.map((c) => c.id)).toContain(a.contact.id);
    const bad = await agent.request('PATCH', `/api/contacts/${a.contact.id}`, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
  });

  it('takes a ticket through its life with every change recorded', async () => {
    const t = await agent.json<{ id: number; status: string }>('POST', '/api/tickets', { subject: '发票未收到', description: '客户来电', source: 'voice' });
    expect(t.status).toBe('open');
    await agent.json('POST', `/api/tickets/${t.id}/comments`, { body: '已联系财务' });
    const resolved = await agent.json<{ status: string; resolvedAt: string | null }>('PATCH', `/api/tickets/${t.id}`, { status: 'resolved' });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    const full = await agent.json<{ events: Array<{ type: string; body: string | null }> }>('GET', `/api/tickets/${t.id}`);
    expect(full.events.map((e) => e.type)).toEqual(['created', 'comment', 'status']);
    expect((await agent.request('PATCH', `/api/tickets/${t.id}`, { status: 'done' })).status).toBe(400);
  });

  it('names the assignee and the actors, records priority changes and refuses an unknown assignee', async () => {
    const me = await agent.json<{ user: { id: number } }>('GET', '/api/auth/me');
    const t = await agent.json<{ id: number }>('POST', '/api/tickets', { subject: '回电：发票', priority: 'low' });
    const assigned = await agent.json<{ assigneeId: number; assigneeName: string }>('PATCH', `/api/tickets/${t.id}`, { assigneeId: me.user.id, priority: 'urgent' });
    expect(assigned).toMatchObject({ assigneeId: me.user.id, assigneeName: 'CRM Agent' });
    const mine = await agent.json<Array<{ id: number; assigneeName: string | null }>>('GET', '/api/tickets?mine=true');
    expect(mine.find((x) => x.id === t.id)?.assigneeName).toBe('CRM Agent');
    const full = await agent.json<{ events: Array<{ type: string; actorName: string | null; assigneeName: string | null; data: unknown }> }>('GET', `/api/tickets/${t.id}`);
    expect(full.events.map((e) => [e.type, e.actorName])).toEqual([['created', 'CRM Agent'], ['priority', 'CRM Agent'], ['assigned', 'CRM Agent']]);
    expect(full.events[1]?.data).toEqual({ from: 'low', to: 'urgent' });
    expect(full.events[2]?.assigneeName).toBe('CRM Agent');
    const bad = await agent.request('PATCH', `/api/tickets/${t.id}`, { assigneeId: 99_999 });
    expect(bad.status).toBe(400);
    expect((await agent.request('POST', '/api/tickets', { subject: 'x', contactId: 99_999 })).status).toBe(400);
    expect((await fetch(`${server.url}/api/tickets/${t.id}`)).status).toBe(401);
  });

  it('searches the knowledge base in Chinese and English, publicly, and only admins edit it', async () => {
    await admin.json('POST', '/api/kb/admin/articles', { title: '如何申请退款', body: '在订单页面申请退款，三个工作日内退回。', tags: ['售后'] });
    await admin.json('POST', '/api/kb/admin/articles', { title: 'Reset your password', body: 'Use Forgot password on the sign-in page.', locale: 'en' });
    await admin.json('POST', '/api/kb/admin/articles', { title: '内部草稿 退款', body: '不公开', published: false });
    const zh = await (await fetch(`${server.url}/api/kb/search?q=${encodeURIComponent('我要退款')}`)).json() as Array<{ title: string }>;
    expect(zh[0]?.title).toBe('如何申请退款');
    expect(zh.map((a) => a.title)).not.toContain('内部草稿 退款');
    const en = await (await fetch(`${server.url}/api/kb/search?q=forgot+my+password`)).json() as Array<{ title: string }>;
    expect(en[0]?.title).toBe('Reset your password');
    expect((await agent.request('POST', '/api/kb/admin/articles', { title: 'x', body: 'y' })).status).toBe(403);
    expect((await fetch(`${server.url}/api/kb/search`)).status).toBe(400);
  });
});
