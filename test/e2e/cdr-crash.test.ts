import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db';
import { freePort } from '../support/ports';
import { ApiClient } from '../support/server';
import { runSipp } from '../support/sipp/run';

const root = join(__dirname, '../..');

/** The real server process on its own ports, so the test can kill it like a crash would. */
async function serverProcess(env: Record<string, string>): Promise<{ child: ChildProcess; exited: Promise<number | null>; url: string; sip: string }> {
  const httpPort = await freePort();
  const sipPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HTTP_PORT: String(httpPort), HTTP_HOST: '127.0.0.1', SIP_PORT: String(sipPort), SIP_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  for (let i = 0; i < 200 && !out.includes('Contact centre console'); i++) await new Promise((r) => setTimeout(r, 100));
  if (!out.includes('Contact centre console')) throw new Error(`server did not start: ${out}`);
  return { child, exited, url: `http://127.0.0.1:${httpPort}`, sip: `127.0.0.1:${sipPort}` };
}

describe('CDR durability: the process dies between hang-up and the CDR write', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-crash-'));
  const base = () => ({ DATABASE_URL: database.url, DATA_DIR: dataDir, ADMIN_PASSWORD: 'crash-admin-pw', SIP_TRUNK_PEERS: '127.0.0.1', RTP_PORT_MIN: '46000', RTP_PORT_MAX: '46199' });
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('writes the final CDR after a restart, from the job the dead process left behind', async () => {
    // First life: set up a queue nobody serves, then crash right after the caller's hang-up is queued for writing.
    const first = await serverProcess({ ...base(), FAULT_EXIT_AFTER_HANGUP_CDR: 'true' });
    const admin = new ApiClient(first.url);
    await admin.login('admin', 'crash-admin-pw');
    await admin.json('POST', '/api/queues', { name: 'nobody', media: ['voice'] });
    await admin.json('POST', '/api/ivr/flows', { name: 'straight', start: 'q', nodes: [{ id: 'q', type: 'queue', queueName: 'nobody' }] });
    await admin.json('PUT', '/api/ivr/numbers/4000', { flow: 'straight' });

    // The caller waits 2 s in the queue, then hangs up (sipp's built-in uac sends BYE after -d).
    const call = await runSipp({ target: first.sip, scenario: 'uac', service: '4000', localPort: await freePort(), durationMs: 2000, timeoutSec: 20 });
    expect(call.successful).toBe(1);
    expect(await first.exited).toBe(137);

    const stranded = await database.db('interactions').first();
    expect(stranded.ended_at).toBeNull(); // the final snapshot never reached the table...
    const pending = await database.db('jobs').where({ queue: 'cdr' });
    expect(pending.length).toBeGreaterThan(0); // ...but its job did

    // Second life: the job runs and the CDR is whole.
    const second = await serverProcess(base());
    try {
      // The job is deleted just after its write commits, in a statement of its own: wait for both.
      let row: { ended_at: unknown; abandoned: unknown; state: string; wait_ms: number | null } | undefined;
      let left: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        row = await database.db('interactions').first();
        left = await database.db('jobs').where({ queue: 'cdr' });
        if (row?.ended_at && left.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(row?.ended_at).not.toBeNull();
      expect(row?.state).toBe('abandoned');
      expect(Boolean(row?.abandoned)).toBe(true);
      expect(row?.wait_ms).toBeGreaterThan(1000);
      expect(left).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
