import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView, MessageView } from '../../core/realtime/chat-events';
import type { OfferView } from '../../core/realtime/events';
import { userHash } from '../../omnichannel/webim/sites';
import { until } from '../../test/support/until';
import { ask, connected, staffSocket, startWebimServer, widgetSocket, type WebimServer } from '../../test/support/webim';

// The WebIM sockets and HTTP edges without a browser: handshake checks, zod-validated payloads,
// idempotent resends, the bot-then-person path, records on the interaction row, and attachments.

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa0d3b40000000049454e44ae426082', 'hex');

function refusal(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message)));
}

function next<T>(socket: Socket, event: string, pred: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const fn = (v: T, ack?: () => void) => {
      if (typeof ack === 'function') ack();
      if (!pred(v)) return;
      clearTimeout(timer);
      socket.off(event, fn);
      resolve(v);
    };
    socket.on(event, fn);
  });
}

describe('webim sockets', () => {
  let server: WebimServer;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);

  beforeAll(async () => {
    server = await startWebimServer({ agents: 1 });
  });
  afterAll(async () => {
    for (const s of open) s.disconnect();
    await server?.stop();
  });

  it('refuses an unknown site token, a bad or missing identity hash, and a malformed handshake', async () => {
    expect(await refusal(track(widgetSocket(server.url, { site: 'no-such-site-token' })))).toBe('invalid_site');
    expect(await refusal(track(widgetSocket(server.url, { site: '!' })))).toBe('invalid_handshake');
    expect(await refusal(track(widgetSocket(server.url, { site: server.site.token, userId: 'u-1', userHash: '0'.repeat(64) })))).toBe('bad_identity_hash');
    const strict = await server.client();
    await strict.login('admin', server.adminPassword);
    const site = await strict.json<{ id: number; token: string; secret: string }>('POST', '/api/webim/sites', { name: 'members', queueId: Number(server.queueId), requireIdentity: true });
    expect(await refusal(track(widgetSocket(server.url, { site: site.token })))).toBe('identity_required');
    const good = track(widgetSocket(server.url, { site: site.token, userId: 'u-1', userHash: userHash(site.secret, 'u-1') }));
    const session = await next<{ visitorToken: string }>(good, 'session');
    expect(session.visitorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bad = await fetch(`${server.url}/api/webim/public/no-such-site-token/config`);
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/site token/);
  });

  it('bot first, then a person: transcript, resend stored once, records on the interaction row', async () => {
    const customer = track(widgetSocket(server.url, { site: server.site.token }));
    const session = await next<{ visitorToken: string }>(customer, 'session');
    const agentFeed = track(await staffSocket(server.url, '/agent', 'agent1', 'agent-pass-1'));
    const desk = track(await staffSocket(server.url, '/chat', 'agent1', 'agent-pass-1'));
    expect((await ask(agentFeed, 'presence:set', { presence: 'available' })).ok).toBe(true);

    // Malformed payloads get a clear error and change nothing.
    expect(await ask(customer, 'chat:start', { fields: { name: 42 } })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ask(customer, 'message:send', { text: 'no client id' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ask(customer, 'message:send', 'just a string')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ask(customer, 'message:send', { clientId: 'abcdefgh1', text: 'before any chat' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const answers = next<MessageView>(customer, 'message', (m) => m.contentType === 'articles');
    const started = await ask<ConversationView>(customer, 'chat:start', { fields: { name: '张三', question: '怎么重置密码' }, locale: 'zh-CN' });
    expect(started.ok).toBe(true);
    const conversationId = (started as { data: ConversationView }).data.id;
    const articles = JSON.parse((await answers).body) as Array<{ title: string }>;
    expect(articles[0]?.title).toBe('如何重置密码');

    // A returning visitor (same token, e.g. a reload or another tab) carries on with the same chat.
    const returning = track(widgetSocket(server.url, { site: server.site.token, visitor: session.visitorToken }));
    expect((await next<{ conversation: ConversationView | null }>(returning, 'session')).conversation?.id).toBe(conversationId);
    returning.disconnect();

    const offered = next<OfferView>(agentFeed, 'offer');
    await ask(customer, 'message:send', { clientId: 'handoff-0001', text: '还是不行，转人工' });
    const offer = await offered;
    expect(offer).toMatchObject({ interactionId: conversationId, media: 'webim', contact: { name: '张三' } });
    // A console reloaded while the chat rings at the agent is shown the offer again.
    let reshown: Promise<OfferView> | undefined;
    track(await staffSocket(server.url, '/agent', 'agent1', 'agent-pass-1', (s) => (reshown = next<OfferView>(s, 'offer'))));
    expect(await reshown).toMatchObject({ interactionId: conversationId, expiresAt: offer.expiresAt });
    const assigned = next<{ conversation: ConversationView; messages: MessageView[] }>(desk, 'chat:assigned');
    expect((await ask(agentFeed, 'offer:accept', { interactionId: conversationId })).ok).toBe(true);
    const handed = await assigned;
    expect(handed.messages.map((m) => m.senderType)).toEqual(expect.arrayContaining(['bot', 'customer', 'system']));
    expect(handed.messages.some((m) => m.body === '怎么重置密码')).toBe(true);
    // A desk reloaded later gets the chat back with its transcript; an answered offer is not shown again.
    let handedBack: Promise<{ conversation: ConversationView; messages: MessageView[] }> | undefined;
    const reloadedDesk = track(await staffSocket(server.url, '/chat', 'agent1', 'agent-pass-1', (s) => (handedBack = next(s, 'chat:assigned'))));
    const back = await handedBack;
    expect(back?.conversation).toMatchObject({ id: conversationId, state: 'active' });
    expect(back?.messages.map((m) => m.seq)).toEqual(handed.messages.map((m) => m.seq));
    let offeredAgain = false;
    const reloadedFeed = track(await staffSocket(server.url, '/agent', 'agent1', 'agent-pass-1', (s) => s.on('offer', () => (offeredAgain = true))));
    await ask(reloadedFeed, 'presence:set', { presence: 'available' }); // one round trip: anything sent on connection came before
    expect(offeredAgain).toBe(false);
    reloadedDesk.disconnect();

    // Malformed staff payloads too.
    expect(await ask(desk, 'chat:send', { conversationId: 'nope', clientId: 'x', text: '' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ask(desk, 'chat:transfer', { conversationId, queueId: '1', agentId: '1' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });

    const seen = next<MessageView>(desk, 'chat:message', (m) => m.clientId === 'cust-msg-0001');
    const first = await ask<MessageView>(customer, 'message:send', { clientId: 'cust-msg-0001', text: '你好，在吗' });
    const again = await ask<MessageView>(customer, 'message:send', { clientId: 'cust-msg-0001', text: '你好，在吗' });
    expect(first.ok && again.ok).toBe(true);
    expect((again as { data: MessageView }).data.seq).toBe((first as { data: MessageView }).data.seq);
    await seen;
    // The desk acknowledged it: delivered (receipts are written together, every 250 ms), before anyone read it.
    await until('the customer message is marked delivered', async () => ((await server.db('messages').where({ client_id: 'cust-msg-0001' }).first()) as { delivered_at: unknown } | undefined)?.delivered_at ?? undefined);
    // Stored and read back, its time is the one the customer was given (UTC on both databases).
    const history = await ask<{ messages: MessageView[] }>(customer, 'sync', { since: 0 });
    const createdAt = (first as { data: MessageView }).data.createdAt;
    expect((history as { data: { messages: MessageView[] } }).data.messages.find((m) => m.clientId === 'cust-msg-0001')?.createdAt).toBe(createdAt);
    const reply = next<MessageView>(customer, 'message', (m) => m.senderType === 'agent');
    expect((await ask(desk, 'chat:send', { conversationId, clientId: 'agent-msg-0001', text: '您好，我是王小明' })).ok).toBe(true);
    expect((await reply).senderName).toBe('王小明');
    expect((await ask(desk, 'chat:note', { conversationId, clientId: 'note-000001', text: 'VIP 客户' })).ok).toBe(true);
    await ask(customer, 'message:read', { seq: 100 });
    await ask(desk, 'chat:read', { conversationId, seq: 100 });

    const closed = await ask<ConversationView>(desk, 'chat:close', { conversationId, disposition: 'solved', resolved: true });
    expect(closed.ok).toBe(true);
    expect(await ask(customer, 'chat:rate', { score: 9 })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect((await ask(customer, 'chat:rate', { score: 5, comment: '很好' })).ok).toBe(true);
    expect(await ask(customer, 'chat:rate', { score: 4 })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const row = (await server.db('interactions').where({ id: conversationId }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ media: 'webim', state: 'ended', disposition: 'solved', csat_score: 5, csat_comment: '很好' });
    expect(Boolean(row.resolved)).toBe(true);
    for (const col of ['answered_at', 'first_response_at', 'ended_at']) expect(row[col]).not.toBeNull();
    const messages = (await server.db('messages').where({ interaction_id: conversationId }).orderBy('seq')) as Array<Record<string, unknown>>;
    expect(messages.filter((m) => m.client_id === 'cust-msg-0001')).toHaveLength(1);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_m, i) => i + 1));
    const fromCustomer = messages.find((m) => m.client_id === 'cust-msg-0001');
    expect(fromCustomer?.delivered_at).not.toBeNull();
    expect(fromCustomer?.read_at).not.toBeNull();
    expect(messages.find((m) => m.client_id === 'agent-msg-0001')?.read_at).not.toBeNull();
    expect(messages.find((m) => m.sender_type === 'note')?.body).toBe('VIP 客户');

    // The customer never saw the note; the contact history has the chat.
    const sync = await ask<{ messages: MessageView[] }>(customer, 'sync', { since: 0 });
    expect((sync as { data: { messages: MessageView[] } }).data.messages.some((m) => m.senderType === 'note')).toBe(false);
    const api = server.client();
    await api.login('agent1', 'agent-pass-1');
    const contact = await api.json<{ history: Array<{ id: string }> }>('GET', `/api/contacts/${String(row.contact_id)}`);
    expect(contact.history.map((h) => h.id)).toContain(conversationId);
    expect(session.visitorToken).toBeTruthy();
  });

  it('a widget that comes back after its chat ended is shown it, ended, to rate; a stranger naming it is not', async () => {
    const first = track(widgetSocket(server.url, { site: server.site.token }));
    const { visitorToken } = await next<{ visitorToken: string }>(first, 'session');
    const started = await ask<ConversationView>(first, 'chat:start', { fields: { name: 'Wang' }, locale: 'en' });
    const id = (started as { data: ConversationView }).data.id;
    first.disconnect();
    // Meanwhile the visitor's other tab ends the chat.
    const other = track(widgetSocket(server.url, { site: server.site.token, visitor: visitorToken }));
    expect((await next<{ conversation: ConversationView | null }>(other, 'session')).conversation?.id).toBe(id);
    expect((await ask(other, 'chat:close', {})).ok).toBe(true);
    other.disconnect();

    const back = track(widgetSocket(server.url, { site: server.site.token, visitor: visitorToken, conversation: id }));
    expect((await next<{ conversation: ConversationView | null }>(back, 'session')).conversation).toMatchObject({ id, state: 'ended' });
    expect(await ask(back, 'sync', { since: 0 })).toMatchObject({ ok: true, data: { conversation: { id, state: 'ended' } } });
    expect((await ask(back, 'chat:rate', { score: 4 })).ok).toBe(true);
    const stranger = track(widgetSocket(server.url, { site: server.site.token, conversation: id }));
    expect((await next<{ conversation: ConversationView | null }>(stranger, 'session')).conversation).toBeNull();
    expect(await ask(stranger, 'chat:rate', { score: 1 })).toMatchObject({ ok: false });
    const row = (await server.db('interactions').where({ id }).first()) as { csat_score: number };
    expect(row.csat_score).toBe(4);
  });

  it('attachments: type and size limits, and only the parties may read them', async () => {
    const customer = track(widgetSocket(server.url, { site: server.site.token }));
    const { visitorToken } = await next<{ visitorToken: string }>(customer, 'session');
    await connected(customer);
    const upload = (body: Buffer, type: string, token = visitorToken) =>
      fetch(`${server.url}/api/webim/public/${server.site.token}/attachments?name=photo.png`, { method: 'POST', headers: { 'content-type': type, 'x-visitor-token': token }, body: new Uint8Array(body) });
    expect((await upload(png, 'image/png')).status).toBe(403); // no chat yet
    expect((await ask(customer, 'chat:start', { fields: { name: 'Li' }, locale: 'en' })).ok).toBe(true);
    const tooBig = await upload(Buffer.alloc(11 * 1024 * 1024, 1), 'image/png');
    expect(tooBig.status).toBe(413);
    const exe = await upload(Buffer.from('MZ\x90\x00binary'), 'image/png');
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { code: string } }).error.code).toBe('unsupported_type');
    const ok = await upload(png, 'application/octet-stream');
    expect(ok.status).toBe(201);
    const stored = (await ok.json()) as { id: string; mime: string };
    expect(stored.mime).toBe('image/png');
    const sent = await ask<MessageView>(customer, 'message:send', { clientId: 'image-00001', attachmentId: stored.id });
    expect(sent).toMatchObject({ ok: true, data: { contentType: 'image' } });

    const url = `${server.url}/api/attachments/${stored.id}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'x-visitor-token': 'A'.repeat(43) } })).status).toBe(403);
    const mine = await fetch(url, { headers: { 'x-visitor-token': visitorToken } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    const staff = server.client();
    await staff.login('agent1', 'agent-pass-1');
    expect((await staff.request('GET', `/api/attachments/${stored.id}`)).status).toBe(200);
  });
});
