import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavFile } from '../../../telephony/embedded/media';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/support/server';

const flow = (greeting: 'welcome' | 'please_hold') => ({
  name: 'hotline',
  locale: 'en',
  start: 'hours',
  nodes: [
    { id: 'hours', type: 'condition', rules: [{ when: { kind: 'business_hours', hoursName: 'office', open: false }, next: 'closed' }], otherwise: 'hello' },
    { id: 'hello', type: 'play', prompts: [{ kind: 'builtin', name: greeting }], next: 'menu' },
    { id: 'menu', type: 'menu', prompts: [{ kind: 'builtin', name: 'menu' }], options: { '1': 'sales' }, onFail: 'closed' },
    { id: 'sales', type: 'queue', queueName: 'sales' },
    { id: 'closed', type: 'hangup', prompts: [{ kind: 'builtin', name: 'closed' }] },
  ],
});

describe('IVR flows, numbers, test-run and prompt upload over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = server.client();
    await admin.login('admin', server.adminPassword);
    await admin.json('PUT', '/api/business-hours', { name: 'office', timezone: 'Asia/Shanghai', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })) });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('versions each save and attaches a number to the live version', async () => {
    expect((await admin.json<{ version: number }>('POST', '/api/ivr/flows', flow('welcome'))).version).toBe(1);
    expect((await admin.json<{ version: number }>('POST', '/api/ivr/flows', flow('please_hold'))).version).toBe(2);
    const versions = await admin.json<Array<{ version: number }>>('GET', '/api/ivr/flows/hotline/versions');
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const list = await admin.json<Array<{ name: string; numbers: string[] }>>('PUT', '/api/ivr/numbers/4008001234', { flow: 'hotline' });
    expect(list).toEqual([{ name: 'hotline', version: 2, numbers: ['4008001234'] }]);
    expect((await admin.request('PUT', '/api/ivr/numbers/4008001235', { flow: 'nope' })).status).toBe(404);
  });

  it('refuses a broken flow with the path of the problem', async () => {
    const broken = flow('welcome');
    (broken.nodes[2] as { options: Record<string, string> }).options = { '1': 'missing' };
    const res = await admin.request('POST', '/api/ivr/flows', broken);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Array<{ path: string; message: string }> } };
    expect(body.error.details[0]).toEqual({ path: 'body.nodes.2.options.1', message: 'no node missing' });
  });

  it('test-runs a flow against a simulated caller, in and out of hours', async () => {
    const open = await admin.json<{ outcome: unknown; heard: string[]; path: Array<{ node: string; digits?: string }> }>('POST', '/api/ivr/test-run', {
      flow: flow('welcome'),
      script: [{ press: '1' }],
      at: '2026-11-25T02:00:00Z',
    });
    expect(open.outcome).toEqual({ kind: 'queue', queueName: 'sales' });
    expect(open.heard).toEqual(['en/welcome.wav', 'en/menu.wav']);
    expect(open.path.find((p) => p.node === 'menu')?.digits).toBe('1');
    const closed = await admin.json<{ outcome: unknown; heard: string[] }>('POST', '/api/ivr/test-run', { flow: flow('welcome'), script: [], at: '2026-11-25T13:00:00Z' });
    expect(closed).toMatchObject({ outcome: { kind: 'hangup' }, heard: ['en/closed.wav'] });
  });

  it('converts an uploaded prompt to 8 kHz mono and refuses what is not a WAV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-prompt-'));
    const src = join(dir, 'in.wav');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', src, 'synth', '0.5', 'sine', '440']);
    const res = await fetch(`${server.url}/api/ivr/prompts/greeting.wav`, { method: 'POST', headers: { cookie: admin.cookieHeader, 'content-type': 'audio/wav' }, body: readFileSync(src) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ file: 'greeting.wav', seconds: 0.5 });
    const stored = readWavFile(join(server.dataDir, 'prompts', 'greeting.wav'));
    expect(stored.sampleRate).toBe(8000);
    expect(stored.channels).toBe(1);
    const bad = await fetch(`${server.url}/api/ivr/prompts/bad.wav`, { method: 'POST', headers: { cookie: admin.cookieHeader }, body: 'hello' });
    expect(bad.status).toBe(400);
    const traversal = await fetch(`${server.url}/api/ivr/prompts/..%2F..%2Fetc.wav`, { method: 'POST', headers: { cookie: admin.cookieHeader }, body: readFileSync(src) });
    expect(traversal.status).toBe(400);
  });
});
