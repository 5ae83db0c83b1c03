import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHa1 } from '../../../telephony/embedded/sip/digest';
import { startTestServer, type TestServer } from '../../../test/support/server';
import { loadConfig } from '../../config';

// What the browser softphone is told about its registration: the HA1 (never the password) and
// where SIP over WebSocket is — this server, or drachtio-server's WSS when SIP_WS_URL says so.

describe('GET /api/agents/me/sip', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TELEPHONY_ENGINE: 'none', SIP_WS_URL: 'wss://sip.example.com:8443', SIP_DOMAIN: 'cc.example.com' });
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    await admin.json('POST', '/api/agents', { username: 'agent7', displayName: 'Agent 7', password: 'agent7-password', extension: '1007', sipPassword: 'sip-pass-1007' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives the agent their HA1 and the configured WebSocket URL; refuses strangers and bad settings', async () => {
    const agent = server.client();
    await agent.login('agent7', 'agent7-password');
    const sip = await agent.json<Record<string, unknown>>('GET', '/api/agents/me/sip');
    expect(sip).toEqual({ extension: '1007', realm: 'cc.example.com', domain: 'cc.example.com', ha1: computeHa1('MD5', '1007', 'cc.example.com', 'sip-pass-1007'), wsPath: '/sip', wsUrl: 'wss://sip.example.com:8443' });
    expect(JSON.stringify(sip)).not.toContain('sip-pass-1007');
    expect((await fetch(`${server.url}/api/agents/me/sip`)).status).toBe(401);
    expect(() => loadConfig({ SIP_WS_URL: 'https://sip.example.com' })).toThrow(/SIP_WS_URL/);
  });

  it('creates agents in one queue all at once (a bulk import, two admins): each exactly once, none lost to a deadlock', async () => {
    // On MariaDB concurrent inserts under the same foreign keys deadlock now and then; the victim
    // transaction is run again rather than failing the request.
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    const queue = await admin.json<{ id: string }>('POST', '/api/queues', { name: 'bulk', media: ['voice', 'webim'] });
    const names = Array.from({ length: 16 }, (_, i) => `bulk${i}`);
    const created = await Promise.all(
      names.map((username, i) =>
        admin.json<{ id: number }>('POST', '/api/agents', { username, displayName: username, password: 'bulk-password-1', extension: String(2100 + i), sipPassword: 'sip-pass-123', queueIds: [Number(queue.id)] }),
      ),
    );
    expect(new Set(created.map((a) => a.id)).size).toBe(16);
    const all = await admin.json<Array<{ username: string; queueIds: number[] }>>('GET', '/api/agents');
    const bulk = all.filter((a) => a.username.startsWith('bulk'));
    expect(bulk.map((a) => a.username).sort()).toEqual([...names].sort());
    expect(bulk.every((a) => a.queueIds.length === 1 && a.queueIds[0] === Number(queue.id))).toBe(true);
  });
});
