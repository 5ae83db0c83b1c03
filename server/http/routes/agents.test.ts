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
});
