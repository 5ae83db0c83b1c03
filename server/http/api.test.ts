import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/server';

describe('HTTP API: auth, roles, validation, errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('signs in with the first-start admin and sets an httpOnly session cookie', async () => {
    const client = server.client();
    const res = await client.login('admin', server.adminPassword);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/cc_session=.*HttpOnly/i);
    expect(await res.json()).toMatchObject({ user: { username: 'admin', role: 'admin' } });
    expect(await client.json('GET', '/api/auth/me')).toMatchObject({ user: { username: 'admin' } });
  });

  it('refuses a wrong password and an unknown user the same way', async () => {
    const a = await server.client().login('admin', 'wrong-password');
    const b = await server.client().login('nobody', 'wrong-password');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await a.json()).toEqual(await b.json());
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const row = await server.db('users').where({ username: 'admin' }).first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(server.adminPassword);
  });

  it('enforces roles on every route: anonymous 401, agent 403 on admin routes', async () => {
    expect((await server.client().request('GET', '/api/users')).status).toBe(401);
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    await admin.json('POST', '/api/users', { username: 'agent7', displayName: 'Agent 7', password: 'agent7-pass', role: 'agent' });
    const agent = server.client();
    expect((await agent.login('agent7', 'agent7-pass')).status).toBe(200);
    const denied = await agent.request('GET', '/api/users');
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await agent.request('GET', '/api/skills')).status).toBe(200);
  });

  it('ends old sessions when the password changes', async () => {
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    const created = await admin.json<{ id: number }>('POST', '/api/users', { username: 'sup1', displayName: 'Sup', password: 'sup1-pass-1', role: 'supervisor' });
    const sup = server.client();
    await sup.login('sup1', 'sup1-pass-1');
    expect((await sup.request('GET', '/api/auth/me')).status).toBe(200);
    await admin.json('PATCH', `/api/users/${created.id}`, { password: 'sup1-pass-2' });
    expect((await sup.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('answers invalid bodies with 400 naming the field, bad JSON with 400, unknown routes with 404 JSON', async () => {
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    const bad = await admin.request('POST', '/api/users', { username: 'ok_name', displayName: 'X', password: 'short', role: 'agent' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('body.password');
    expect(body.error.details.map((d) => d.path)).toEqual(['body.password']);

    const notJson = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'invalid_json' } });

    const missing = await admin.request('GET', '/api/no/such/thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const badId = await admin.request('PATCH', '/api/users/abc', { displayName: 'x' });
    expect(badId.status).toBe(400);
  });

  it('writes every admin change to the audit log without secrets', async () => {
    const admin = server.client();
    await admin.login('admin', server.adminPassword);
    const user = await admin.json<{ id: number }>('POST', '/api/users', { username: 'audited', displayName: 'A', password: 'very-secret-pw', role: 'agent' });
    await admin.json('PATCH', `/api/users/${user.id}`, { displayName: 'B' });
    await admin.request('DELETE', `/api/users/${user.id}`);
    const log = await admin.json<Array<{ action: string; entity_id: string; data: string | null }>>('GET', '/api/audit?entity=user');
    const mine = log.filter((e) => e.entity_id === String(user.id)).map((e) => e.action);
    expect(mine).toEqual(['delete', 'update', 'create']);
    expect(JSON.stringify(log)).not.toContain('very-secret-pw');
  });

  it('rate-limits failed sign-ins per username and per source', async () => {
    const client = server.client();
    const one: number[] = [];
    for (let i = 0; i < 12; i++) one.push((await client.login('admin', `guess-${i}`)).status);
    expect(one.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(one.slice(10)).toEqual([429, 429]);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await client.login(`spray${i}`, 'nope-nope')).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.at(-1)).toBe(429);
    const limited = await client.login('admin', server.adminPassword);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const doc = (await (await fetch(`${server.url}/api/docs`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; 'x-roles': unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/users']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/users/{id}']?.patch?.['x-roles']).toEqual(['admin']);
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: 'ok', jobs: 'ok' } });
  });
});
