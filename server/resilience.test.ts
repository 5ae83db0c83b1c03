import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './db';
import { startTestServer, type TestServer } from '../test/support/server';
import { TcpProxy } from '../test/support/tcp-proxy';

const root = join(__dirname, '..');

describe('a database that goes away mid-run (MariaDB behind a proxy we cut)', () => {
  const proxy = new TcpProxy('127.0.0.1', 3306);
  const dbName = `cc_t_outage_${process.pid}`;
  let server: TestServer;

  beforeAll(async () => {
    const admin = createDatabase('mysql://root@127.0.0.1:3306/test');
    await admin.raw(`CREATE DATABASE IF NOT EXISTS \`${dbName}\``);
    await admin.destroy();
    const port = await proxy.start();
    server = await startTestServer({ DATABASE_URL: `mysql://root@127.0.0.1:${port}/${dbName}` });
  });
  afterAll(async () => {
    await server.stop();
    await proxy.cut();
    const admin = createDatabase('mysql://root@127.0.0.1:3306/test');
    await admin.raw(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.destroy();
  });

  it('gives 503 from /readyz and from the API, does not crash, and recovers when it returns', async () => {
    const client = server.client();
    expect((await client.login('admin', server.adminPassword)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await proxy.cut();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, checks: { database: 'failing' } });
    const during = await client.request('GET', '/api/auth/me');
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // the process is alive

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${server.url}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await client.request('GET', '/api/auth/me')).status).toBe(200);
  });
});

describe('the server process', () => {
  function run(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    return { child, exited, out: () => out, err: () => err };
  }

  it('stops at start-up with one line naming a bad variable', async () => {
    const p = run({ HTTP_PORT: 'not-a-port' });
    expect(await p.exited).toBe(2);
    expect(p.err().trim()).toBe('Invalid environment variable HTTP_PORT: Invalid input: expected number, received NaN');
  });

  it('starts on embedded defaults, prints the console URL and a generated admin password once, and exits cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-proc-'));
    const p = run({ DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'warn', SIP_PORT: '0' });
    for (let i = 0; i < 150 && !p.out().includes('sign in as admin'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(p.out()).toMatch(/Contact centre console: http:\/\/localhost:\d+/);
    expect(p.out()).toMatch(/sign in as admin \/ \S{16}/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);

    const again = run({ DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'warn', SIP_PORT: '0' });
    for (let i = 0; i < 150 && !again.out().includes('Sign in'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(again.out()).not.toMatch(/admin \/ \S{16}/); // printed once, on the first start only
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
