import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { AgentDirectory } from '../core/agents/directory';
import { AuditLog } from '../core/audit/audit-log';
import { systemClock } from '../core/clock';
import { QueueService } from '../core/queues/queue-service';
import { UserService } from '../core/users/users';
import { migrateLatest } from '../migrations';
import { SiteService } from '../omnichannel/webim/sites';
import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db';
import { startServer } from '../server/start';
import { startRelay } from './_webim-relay';

// WebIM under load: N widget connections (default 10,000) chatting with agents, against a bare
// socket.io relay with the same client load in the same run. Clients run in a child process
// (open-file limit 20,000 per process); the server runs here on SQLite with batched writes.
// Env: WEBIM_CONNECTIONS, WEBIM_INTERVAL_MS (per customer), WEBIM_MEASURE_MS.

interface ClientResult {
  mode: string;
  connections: number;
  sent: number;
  acked: number;
  received: number;
  msgsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  setupSeconds: number;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const customers = Number(process.env.WEBIM_CONNECTIONS ?? 10_000);
const intervalMs = Number(process.env.WEBIM_INTERVAL_MS ?? 10_000);
const measureMs = Number(process.env.WEBIM_MEASURE_MS ?? 30_000);
const setupTimeoutMs = 300_000;
const perAgent = 50; // the largest chat capacity an agent may have
const agentCount = Math.ceil(customers / perAgent);

function runClients(plan: Record<string, unknown>, dir: string): Promise<ClientResult> {
  const file = join(dir, `plan-${String(plan.mode)}.json`);
  writeFileSync(file, JSON.stringify({ ...plan, customers, intervalMs, measureMs, setupTimeoutMs }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, '_webim-clients.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), setupTimeoutMs + measureMs + 60_000);
    child.on('exit', (code) => {
      clearTimeout(kill);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ClientResult);
      } catch {
        reject(new Error(`clients (${String(plan.mode)}) exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

async function seed(dbUrl: string): Promise<{ site: string; agents: Array<{ username: string }> }> {
  const db = createDatabase(dbUrl);
  await migrateLatest(db);
  const audit = new AuditLog(db, systemClock);
  const users = new UserService(db, systemClock, audit);
  const q = await new QueueService(db, systemClock, audit).create({ name: 'bench', media: ['webim'], strategy: 'least_occupied', wrapUpSeconds: 0, offerTimeoutSeconds: 120 }, { userId: null });
  const directory = new AgentDirectory(db, systemClock, audit, users, 'localhost');
  const agents = Array.from({ length: agentCount }, (_v, i) => ({ username: `bench${i}` }));
  for (let i = 0; i < agents.length; i += 8) {
    await Promise.all(
      agents.slice(i, i + 8).map((a, j) =>
        directory.create({ username: a.username, displayName: `Bench ${i + j}`, password: 'bench-pass-1', role: 'agent', locale: 'en', extension: String(10_000 + i + j), sipPassword: 'sip-pass-123', skills: {}, capacity: { webim: perAgent }, voiceBlocksChat: false, chatInterruptibleByVoice: true, queueIds: [Number(q.id)] }, { userId: null }),
      ),
    );
  }
  const site = await new SiteService(db, systemClock).create({ name: 'bench', queueId: Number(q.id), botEnabled: false, preChatFields: [] });
  await db.destroy();
  return { site: site.token, agents };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-pass-1' }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export default async function main(): Promise<void> {
  // The database lives in tmpfs when there is one: better-sqlite3 writes (and WAL checkpoints) on
  // the event loop, where a database server would do its disk work in another process.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-webim-'));
  try {
    console.log(`webim bench: ${customers} customers, ${agentCount} agents x ${perAgent} chats, one message per customer every ${intervalMs} ms, ${measureMs / 1000} s measured`);

    const relay = await startRelay();
    const bare = await runClients({ mode: 'bare', url: `http://127.0.0.1:${relay.port}`, site: '', agents: Array.from({ length: agentCount }, () => ({ cookie: '' })) }, dir);
    await relay.close();
    console.log(`bare socket.io relay: ${bare.connections} connections, ${bare.msgsPerSec} msg/s, p50 ${bare.p50Ms?.toFixed(1)} ms, p99 ${bare.p99Ms?.toFixed(1)} ms`);

    const dbUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
    const seeded = await seed(dbUrl);
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: dbUrl, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', ADMIN_PASSWORD: 'admin-pass-123', LOG_LEVEL: 'error', TELEPHONY_ENGINE: 'none', SIP_PORT: '0' });
    const server = await startServer(config, pino({ level: 'error' }));
    // better-sqlite3 runs on the event loop: with synchronous=FULL every commit's fsync stalls all
    // sockets. NORMAL (WAL) keeps commits durable across a process crash; a database server (MySQL
    // in production) does its fsync in another process and never blocks ours.
    await server.db.raw('PRAGMA synchronous = NORMAL');
    const url = `http://127.0.0.1:${server.port}`;
    const cookies: string[] = [];
    for (let i = 0; i < seeded.agents.length; i += 8) cookies.push(...(await Promise.all(seeded.agents.slice(i, i + 8).map((a) => login(url, a.username)))));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const ours = await runClients({ mode: 'webim', url, site: seeded.site, agents: cookies.map((cookie) => ({ cookie })) }, dir);
    loop.disable();
    console.log(`server event loop delay during the run: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(0)} ms`);
    const stored = (await server.db('messages').where({ sender_type: 'customer' }).count({ n: '*' })) as Array<{ n: number }>;
    await server.close();
    console.log(`webim: ${ours.connections} connections (chats answered in ${ours.setupSeconds} s), ${ours.msgsPerSec} msg/s, p50 ${ours.p50Ms?.toFixed(1)} ms, p99 ${ours.p99Ms?.toFixed(1)} ms, ${ours.acked}/${ours.sent} acknowledged, ${Number(stored[0]?.n ?? 0)} customer messages stored`);

    const ratio = ours.p99Ms !== null && bare.p99Ms ? Math.round((ours.p99Ms / bare.p99Ms) * 100) / 100 : null;
    console.log(
      JSON.stringify({
        bench: 'webim',
        connections: ours.connections,
        msgsPerSec: ours.msgsPerSec,
        p50Ms: ours.p50Ms === null ? null : Math.round(ours.p50Ms * 10) / 10,
        p99Ms: ours.p99Ms === null ? null : Math.round(ours.p99Ms * 10) / 10,
        acked: ours.acked,
        sent: ours.sent,
        socketIoConnections: bare.connections,
        socketIoMsgsPerSec: bare.msgsPerSec,
        socketIoP50Ms: bare.p50Ms === null ? null : Math.round(bare.p50Ms * 10) / 10,
        socketIoP99Ms: bare.p99Ms === null ? null : Math.round(bare.p99Ms * 10) / 10,
        p99RatioToSocketIo: ratio,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
