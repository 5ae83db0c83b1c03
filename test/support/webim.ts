import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { AgentDirectory } from '../../core/agents/directory';
import { AuditLog } from '../../core/audit/audit-log';
import { systemClock } from '../../core/clock';
import { KnowledgeBase } from '../../core/knowledge/kb-service';
import { QueueService } from '../../core/queues/queue-service';
import type { Ack } from '../../core/realtime/events';
import { UserService } from '../../core/users/users';
import { SiteService, type Site, type SiteInput } from '../../omnichannel/webim/sites';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start';
import { freshDatabase, type TestDatabase } from './db';
import { testLog } from './log';
import { ApiClient } from './server';

// A server seeded for WebIM before it starts (so its router already knows the queue and agents):
// one queue taking web chat and voice, agents with chat capacity, a supervisor, a site, KB articles.

const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    n = Math.max(n, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return n;
}

/** Builds dist/widget when missing or older than its sources. */
export function ensureWidgetBuilt(): void {
  const out = join(root, 'dist/widget/widget.js');
  if (existsSync(out) && statSync(out).mtimeMs >= newest(join(root, 'console/widget'))) return;
  execFileSync('node', ['scripts/build-widget.mjs'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}

export interface SeededAgent {
  username: string;
  password: string;
  agentId: string;
  userId: number;
  displayName: string;
}

export interface WebimServer extends RunningServer {
  url: string;
  database: TestDatabase;
  site: Site;
  queueId: string;
  otherQueueId: string;
  agents: SeededAgent[];
  supervisor: { username: string; password: string };
  adminPassword: string;
  client(): ApiClient;
  stop(): Promise<void>;
}

export interface WebimOptions {
  agents?: number;
  capacity?: { webim: number; voice: number };
  voiceBlocksChat?: boolean;
  site?: Partial<SiteInput>;
  articles?: Array<{ title: string; body: string; locale?: 'zh-CN' | 'en' }>;
}

export async function startWebimServer(opts: WebimOptions = {}): Promise<WebimServer> {
  const database = await freshDatabase();
  const { db } = database;
  const audit = new AuditLog(db, systemClock);
  const users = new UserService(db, systemClock, audit);
  const queues = new QueueService(db, systemClock, audit);
  const directory = new AgentDirectory(db, systemClock, audit, users, 'localhost');
  const system = { userId: null };
  const queue = await queues.create({ name: 'webchat', media: ['webim', 'voice'], wrapUpSeconds: 0, offerTimeoutSeconds: 60 }, system);
  const other = await queues.create({ name: 'vip', media: ['webim'], wrapUpSeconds: 0, offerTimeoutSeconds: 60 }, system);
  const agents: SeededAgent[] = [];
  for (let i = 0; i < (opts.agents ?? 2); i++) {
    const username = `agent${i + 1}`;
    const displayName = i === 0 ? '王小明' : `Agent ${i + 1}`;
    const a = await directory.create(
      { username, displayName, password: 'agent-pass-1', role: 'agent', locale: 'zh-CN', extension: `80${i + 1}`, sipPassword: 'sip-pass-123', skills: {}, capacity: opts.capacity ?? { webim: 2, voice: 1 }, voiceBlocksChat: opts.voiceBlocksChat ?? true, chatInterruptibleByVoice: true, queueIds: [Number(queue.id), Number(other.id)] },
      system,
    );
    agents.push({ username, password: 'agent-pass-1', agentId: String(a.id), userId: a.userId, displayName });
  }
  await users.create({ username: 'super1', displayName: 'Supervisor Li', password: 'super-pass-1', role: 'supervisor', locale: 'zh-CN' }, system);
  const kb = new KnowledgeBase(db, systemClock, audit);
  for (const a of opts.articles ?? [
    { title: '如何重置密码', body: '在登录页点击“忘记密码”，输入注册邮箱，按邮件中的链接设置新密码。', locale: 'zh-CN' as const },
    { title: 'How do I reset my password?', body: 'On the sign-in page choose "Forgot password", enter your email and follow the link we send you.', locale: 'en' as const },
    { title: '发票怎么开', body: '在账单页面选择对应月份，点击“申请发票”，填写抬头和税号。', locale: 'zh-CN' as const },
  ]) {
    await kb.create({ title: a.title, body: a.body, locale: a.locale ?? 'zh-CN' }, system);
  }
  const site = await new SiteService(db, systemClock).create({ name: 'demo', queueId: Number(queue.id), preChatFields: [{ name: 'name', required: false }, { name: 'question', required: false }], ...opts.site });

  const dataDir = mkdtempSync(join(tmpdir(), 'cc-webim-'));
  const adminPassword = 'admin-pass-123';
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'silent', SIP_PORT: '0', SIP_HOST: '127.0.0.1', TELEPHONY_ENGINE: 'none' });
  const running = await startServer(config, testLog);
  const url = `http://127.0.0.1:${running.port}`;
  return {
    ...running,
    url,
    database,
    site,
    queueId: queue.id,
    otherQueueId: other.id,
    agents,
    supervisor: { username: 'super1', password: 'super-pass-1' },
    adminPassword,
    client: () => new ApiClient(url),
    stop: async () => {
      await running.close();
      await database.drop().catch(() => undefined);
    },
  };
}

/** Emits and resolves with the acknowledgement (ok or the server's error). */
export function ask<T = unknown>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<Ack<T> extends (r: infer R) => void ? R : never> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, reply: Ack<T> extends (r: infer R) => void ? R : never) => (err ? reject(err) : resolve(reply)));
  });
}

export function widgetSocket(url: string, auth: Record<string, string>): Socket {
  return io(`${url}/widget`, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
}

/** A staff socket on `/chat` or `/agent`, signed in as that user; `listen` attaches handlers before it connects, for what is sent at once on connection. */
export async function staffSocket(url: string, namespace: '/chat' | '/agent', username: string, password: string, listen?: (socket: Socket) => void): Promise<Socket> {
  const api = new ApiClient(url);
  const res = await api.login(username, password);
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status}`);
  const socket = io(`${url}${namespace}`, { transports: ['websocket'], extraHeaders: { cookie: api.cookieHeader }, forceNew: true, autoConnect: false });
  listen?.(socket);
  const up = new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  socket.connect();
  await up;
  return socket;
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((ok, fail) => {
    if (socket.connected) return ok();
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
}
