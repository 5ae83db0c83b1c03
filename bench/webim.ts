import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
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

// WebIM under load: N widget connections (default 10,000) chatting with agents, beside a bare
// socket.io relay (each customer message relayed to a paired agent socket) under the same client
// load. Each server has its own client process (open files: 20,000 per process); the relay runs
// in a child process, ours here. Both loads stay connected and take turns measuring, window after
// window, so noise from other work on the machine falls on both alike. Both servers run with the
// V8 flags this process was given (`npm run bench` passes the production start's).
// 10,000 chats is a production load, so ours stores them in MySQL, as production does, when a
// server answers at WEBIM_MYSQL_URL (default root@127.0.0.1:3306; the run uses a fresh database
// `bench_webim`), else in SQLite on tmpfs, where every write runs on the event loop.
// Env: WEBIM_CONNECTIONS, WEBIM_INTERVAL_MS (per customer), WEBIM_WINDOW_MS, WEBIM_ROUNDS,
// WEBIM_MYSQL_URL, WEBIM_DATABASE=sqlite to measure the embedded database.

interface Window {
  connections: number;
  sent: number;
  acked: number;
  received: number;
  msgsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const customers = Number(process.env.WEBIM_CONNECTIONS ?? 10_000);
const intervalMs = Number(process.env.WEBIM_INTERVAL_MS ?? 10_000);
const windowMs = Number(process.env.WEBIM_WINDOW_MS ?? 12_000);
const rounds = Number(process.env.WEBIM_ROUNDS ?? 5);
const setupTimeoutMs = 300_000;
const perAgent = 50; // the largest chat capacity an agent may have
const agentCount = Math.ceil(customers / perAgent);

/** A child process that answers one JSON line per request on stdout. */
class Lines {
  private buffer = '';
  private waiting: Array<(line: string) => void> = [];
  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (c: Buffer) => {
      this.buffer += c.toString();
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
  }
  next<T>(timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('child process did not answer in time')), timeoutMs);
      this.child.once('exit', (code) => reject(new Error(`child process exited ${code}`)));
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      });
    });
  }
  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }
}

function tsx(script: string, args: string[]): ChildProcess {
  const v8Flags = process.execArgv.filter((a) => /^--((max|min)-semi-space-size|no-memory-reducer)/.test(a));
  return spawn(process.execPath, [...v8Flags, '--import', 'tsx', join(here, script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** A fresh MySQL database when a server answers (dropped by `drop()`), else SQLite in `dir`. */
async function database(dir: string): Promise<{ url: string; kind: 'mysql' | 'sqlite'; drop(): Promise<void> }> {
  const sqlite = { url: `sqlite:${join(dir, 'bench.sqlite')}`, kind: 'sqlite' as const, drop: async () => undefined };
  if (process.env.WEBIM_DATABASE === 'sqlite') return sqlite;
  const server = (process.env.WEBIM_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
  const admin = createDatabase(`${server}/mysql`);
  try {
    await admin.raw('drop database if exists bench_webim');
    await admin.raw('create database bench_webim');
  } catch {
    return sqlite;
  } finally {
    await admin.destroy();
  }
  const drop = async () => {
    const db = createDatabase(`${server}/mysql`);
    await db.raw('drop database if exists bench_webim').finally(() => db.destroy());
  };
  return { url: `${server}/bench_webim`, kind: 'mysql', drop };
}

async function clients(plan: Record<string, unknown>, dir: string): Promise<{ lines: Lines; ready: { connections: number; setupSeconds: number } }> {
  const file = join(dir, `plan-${String(plan.mode)}.json`);
  writeFileSync(file, JSON.stringify({ ...plan, customers, intervalMs, setupTimeoutMs }));
  const lines = new Lines(tsx('_webim-clients.ts', [file]));
  return { lines, ready: await lines.next(setupTimeoutMs + 60_000) };
}

async function seed(dbUrl: string): Promise<{ site: string; agents: string[] }> {
  const db = createDatabase(dbUrl);
  await migrateLatest(db);
  const audit = new AuditLog(db, systemClock);
  const users = new UserService(db, systemClock, audit);
  const q = await new QueueService(db, systemClock, audit).create({ name: 'bench', media: ['webim'], strategy: 'least_occupied', wrapUpSeconds: 0, offerTimeoutSeconds: 120 }, { userId: null });
  const directory = new AgentDirectory(db, systemClock, audit, users, 'localhost');
  const agents = Array.from({ length: agentCount }, (_v, i) => `bench${i}`);
  for (let i = 0; i < agents.length; i += 8) {
    await Promise.all(
      agents.slice(i, i + 8).map((username, j) =>
        directory.create({ username, displayName: `Bench ${i + j}`, password: 'bench-pass-1', role: 'agent', locale: 'en', extension: String(10_000 + i + j), sipPassword: 'sip-pass-123', skills: {}, capacity: { webim: perAgent }, voiceBlocksChat: false, chatInterruptibleByVoice: true, queueIds: [Number(q.id)] }, { userId: null }),
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const show = (w: Window) => `${w.connections} connections, ${w.msgsPerSec} msg/s, p50 ${w.p50Ms?.toFixed(1)} ms, p99 ${w.p99Ms?.toFixed(1)} ms, ${w.acked}/${w.sent} acked`;

export default async function main(): Promise<void> {
  // SQLite lives in tmpfs when there is one (its writes and WAL checkpoints run on the event loop).
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-webim-'));
  const children: ChildProcess[] = [];
  let dropDatabase = async (): Promise<void> => undefined;
  try {
    console.log(`webim bench: ${customers} customers, ${agentCount} agents x ${perAgent} chats, one message per customer every ${intervalMs} ms; ${rounds} rounds of ${windowMs / 1000} s windows, taking turns`);

    const relay = new Lines(tsx('_webim-relay.ts', []));
    children.push(relay.child);
    const relayPort = await relay.next<number>(30_000);
    const bare = await clients({ mode: 'bare', url: `http://127.0.0.1:${relayPort}`, site: '', agents: Array.from({ length: agentCount }, () => ({ cookie: '' })) }, dir);
    children.push(bare.lines.child);
    console.log(`bare socket.io relay: ${bare.ready.connections} connections ready in ${bare.ready.setupSeconds} s`);

    const db = await database(dir);
    dropDatabase = db.drop;
    console.log(`our server stores in ${db.kind}`);
    const seeded = await seed(db.url);
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: db.url, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', ADMIN_PASSWORD: 'admin-pass-123', LOG_LEVEL: 'error', TELEPHONY_ENGINE: 'none', SIP_PORT: '0' });
    const server = await startServer(config, pino({ level: 'error' }));
    const url = `http://127.0.0.1:${server.port}`;
    const cookies: string[] = [];
    for (let i = 0; i < seeded.agents.length; i += 8) cookies.push(...(await Promise.all(seeded.agents.slice(i, i + 8).map((a) => login(url, a)))));
    const ours = await clients({ mode: 'webim', url, site: seeded.site, agents: cookies.map((cookie) => ({ cookie })) }, dir);
    children.push(ours.lines.child);
    console.log(`webim: ${ours.ready.connections} chats connected and answered by agents in ${ours.ready.setupSeconds} s`);

    // The setup wrote ~10,000 chats: let the database settle before anything is measured.
    await new Promise((ok) => setTimeout(ok, 10_000));
    const results = { bare: [] as Window[], webim: [] as Window[] };
    // Our server runs in this process: its event-loop stalls and GC pauses in each of its windows
    // say where a tail came from.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const gcPauses: number[] = [];
    let majorPauses = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gcPauses.push(e.duration);
        if (((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorPauses++;
      }
    });
    gc.observe({ entryTypes: ['gc'] });
    for (let r = 1; r <= rounds; r++) {
      // Which goes first alternates: anything that fades over the run (the database settling after
      // the setup's writes) must not fall on one side more than the other.
      const order = [['bare', bare], ['webim', ours]] as const;
      for (const [name, c] of r % 2 === 1 ? order : [order[1], order[0]]) {
        loop.reset();
        loop.enable();
        gcPauses.length = 0;
        majorPauses = 0;
        c.lines.send(`measure ${windowMs}`);
        const w = await c.lines.next<Window>(windowMs + 60_000);
        loop.disable();
        results[name].push(w);
        console.log(`round ${r} ${name.padEnd(5)}: ${show(w)}`);
        if (name === 'webim') {
          const ms = (ns: number) => (ns / 1e6).toFixed(1);
          console.log(`    our server: event-loop delay p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms; ${gcPauses.length} GC pauses (${majorPauses} full), longest ${Math.max(0, ...gcPauses).toFixed(1)} ms, ${gcPauses.reduce((a, b) => a + b, 0).toFixed(0)} ms in all; heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`);
        }
      }
    }
    gc.disconnect();
    const stored = (await server.db('messages').where({ sender_type: 'customer' }).count({ n: '*' })) as Array<{ n: number }>;
    for (const c of [bare, ours]) c.lines.send('quit');
    await server.close();

    const sum = (xs: Window[], k: 'sent' | 'acked') => xs.reduce((a, w) => a + w[k], 0);
    const p99 = median(results.webim.map((w) => w.p99Ms ?? Infinity));
    const baseP99 = median(results.bare.map((w) => w.p99Ms ?? Infinity));
    console.log(`webim stored ${Number(stored[0]?.n ?? 0)} customer messages; acknowledged ${sum(results.webim, 'acked')} of ${sum(results.webim, 'sent')} sent (medians over rounds below)`);
    console.log(
      JSON.stringify({
        bench: 'webim',
        database: db.kind,
        connections: Math.min(...results.webim.map((w) => w.connections)),
        msgsPerSec: median(results.webim.map((w) => w.msgsPerSec)),
        p50Ms: round1(median(results.webim.map((w) => w.p50Ms ?? Infinity))),
        p99Ms: round1(p99),
        sent: sum(results.webim, 'sent'),
        acked: sum(results.webim, 'acked'),
        socketIoConnections: Math.min(...results.bare.map((w) => w.connections)),
        socketIoMsgsPerSec: median(results.bare.map((w) => w.msgsPerSec)),
        socketIoP50Ms: round1(median(results.bare.map((w) => w.p50Ms ?? Infinity))),
        socketIoP99Ms: round1(baseP99),
        p99RatioToSocketIo: p99 !== null && baseP99 ? Math.round((p99 / baseP99) * 100) / 100 : null,
      }),
    );
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await dropDatabase().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
