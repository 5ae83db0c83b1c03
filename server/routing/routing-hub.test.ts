import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView, OfferView, WallboardSnapshot } from '../../core/realtime/events';
import { startTestServer, type ApiClient, type TestServer } from '../../test/support/server';

function connect(server: TestServer, ns: string, cookie: string): Socket {
  // forceNew: each test user gets its own connection (sockets to one host otherwise share the first one's cookie).
  return io(`${server.url}${ns}`, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
}

function next<T>(socket: Socket, event: string, match: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} in time`)), ms);
    const on = (v: T) => {
      if (!match(v)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(v);
    };
    socket.on(event, on);
  });
}

function ack<T>(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; data?: T; error?: { code: string } }> {
  return socket.timeout(5000).emitWithAck(event, payload);
}

describe('routing hub: live configuration, agent and supervisor namespaces', () => {
  let server: TestServer;
  let admin: ApiClient;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ TELEPHONY_ENGINE: 'none' });
    admin = server.client();
    await admin.login('admin', server.adminPassword);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.stop();
  });

  it('routes to an agent created while the server runs, pushes the offer with a screen-pop, and updates the wallboard', async () => {
    const queue = await admin.json<{ id: string }>('POST', '/api/queues', { name: 'chat', media: ['webim'], strategy: 'longest_idle', offerTimeoutSeconds: 30 });
    const agent = await admin.json<{ id: number }>('POST', '/api/agents', {
      username: 'hub_agent', displayName: '周杰', password: 'hub-agent-pw', extension: '2101', sipPassword: 'sip-2101-pw', capacity: { webim: 2 }, queueIds: [Number(queue.id)],
    });
    const agentClient = server.client();
    await agentClient.login('hub_agent', 'hub-agent-pw');
    const desk = connect(server, '/agent', agentClient.cookieHeader);
    sockets.push(desk);
    const supervisor = connect(server, '/supervisor', admin.cookieHeader);
    sockets.push(supervisor);
    const snapshot = await next<WallboardSnapshot>(supervisor, 'wallboard:snapshot');
    expect(snapshot.queues.map((q) => q.name)).toContain('chat');
    await new Promise<void>((ok) => (desk.connected ? ok() : desk.once('connect', () => ok())));

    const available = await ack<AgentView>(desk, 'presence:set', { presence: 'available' });
    expect(available).toMatchObject({ ok: true, data: { presence: 'available', extension: '2101', displayName: '周杰' } });

    server.hub.describe('chat-1', { from: 'visitor-9', contact: { id: 1, name: '访客', phone: null, tags: [] }, ivrPath: [] });
    const offered = next<OfferView>(desk, 'offer');
    const queueUpdate = next<{ name: string; offered: number }>(supervisor, 'wallboard:queue', (q) => q.name === 'chat' && q.offered === 1);
    server.hub.router.submit({ id: 'chat-1', media: 'webim', queueId: queue.id, contactId: '1' });
    expect(await offered).toMatchObject({ interactionId: 'chat-1', media: 'webim', queueName: 'chat', from: 'visitor-9', contact: { name: '访客' } });
    expect(await queueUpdate).toMatchObject({ name: 'chat', offered: 1 });

    expect(await ack(desk, 'offer:accept', { interactionId: 'chat-1' })).toMatchObject({ ok: true });
    expect(server.hub.router.interaction('chat-1')).toMatchObject({ status: 'active', agentId: String(agent.id) });
  });

  it('keeps live interactions and agent states across a configuration reload', async () => {
    await admin.json('POST', '/api/queues', { name: 'later', media: ['webim'] });
    expect(server.hub.router.interaction('chat-1')).toMatchObject({ status: 'active' });
    expect(server.hub.router.agentStates().find((s) => s.presence === 'available')).toBeDefined();
  });

  it('refuses socket actions that are malformed or not the agent’s to take', async () => {
    const agentClient = server.client();
    await agentClient.login('hub_agent', 'hub-agent-pw');
    const desk = connect(server, '/agent', agentClient.cookieHeader);
    sockets.push(desk);
    await new Promise<void>((ok) => desk.once('connect', () => ok()));
    expect(await ack(desk, 'offer:accept', { interactionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ack(desk, 'presence:set', { presence: 'not_ready', reason: 'sunbathing' })).toMatchObject({ ok: false });
    const anonymous = io(`${server.url}/agent`, { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(anonymous);
    const err = await new Promise<Error>((ok) => anonymous.once('connect_error', ok));
    expect(err.message).toBe('unauthorized');
    const agentOnSupervisor = connect(server, '/supervisor', agentClient.cookieHeader);
    sockets.push(agentOnSupervisor);
    expect((await new Promise<Error>((ok) => agentOnSupervisor.once('connect_error', ok))).message).toBe('forbidden');
  });
});
