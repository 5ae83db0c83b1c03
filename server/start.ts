import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { AgentDirectory } from '../core/agents/directory';
import { SkillService } from '../core/agents/skills';
import { AuditLog } from '../core/audit/audit-log';
import { systemClock, type Clock } from '../core/clock';
import type { Jobs } from '../core/jobs/jobs';
import { BusinessHoursService } from '../core/calendar/hours-service';
import { ContactService } from '../core/contacts/contact-service';
import { KnowledgeBase } from '../core/knowledge/kb-service';
import { QueueService } from '../core/queues/queue-service';
import { ReportService } from '../core/reports/report-service';
import { TicketService } from '../core/tickets/ticket-service';
import { UserService } from '../core/users/users';
import { migrateLatest } from '../migrations';
import { FlowStore } from '../telephony/ivr/flow-store';
import { PromptLibrary } from '../telephony/ivr/prompts';
import type { Config } from './config';
import { createDatabase } from './db';
import { Readiness } from './health';
import { createHttpApp } from './http/app';
import { agentRoutes } from './http/routes/agents';
import { crmRoutes } from './http/routes/crm';
import { ivrRoutes } from './http/routes/ivr';
import { queueRoutes } from './http/routes/queues';
import { reportRoutes } from './http/routes/reports';
import { authRoutes } from './http/routes/auth';
import { userRoutes } from './http/routes/users';
import { Sessions } from './http/session';
import { BullJobs } from './jobs/bull-jobs';
import { LocalJobs } from './jobs/local-jobs';
import { agentNamespace } from './realtime/agent-namespace';
import { RealtimeGateway } from './realtime/gateway';
import { supervisorNamespace } from './realtime/supervisor-namespace';
import { RoutingHub } from './routing/routing-hub';
import { seedDemo } from './seed';
import { WebimChannel } from './channels/webim';
import { callRoutes } from './http/routes/calls';
import { startVoice, type VoiceModule } from './voice/voice-module';
import { webVideoRoutes } from './http/routes/web-video';
import { recordWrapUpEnds } from './routing/wrap-up-times';

export interface RunningServer {
  url: string;
  port: number;
  db: Knex;
  jobs: Jobs;
  http: HttpServer;
  hub: RoutingHub;
  voice: VoiceModule | undefined;
  /** Set when the first start generated the admin password. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

/** The session secret: from the environment, or made once and kept in the database (single node). */
async function sessionSecret(db: Knex, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const row = (await db('settings').where({ key: 'session_secret' }).first()) as { value: string } | undefined;
  if (row) return JSON.parse(row.value) as string;
  const secret = randomBytes(32).toString('hex');
  await db('settings').insert({ key: 'session_secret', value: JSON.stringify(secret) });
  return secret;
}

/** The composition root: builds every service from the config and starts listening. */
export async function startServer(config: Config, log: Logger, clock: Clock = systemClock): Promise<RunningServer> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = createDatabase(config.DATABASE_URL);
  await migrateLatest(db);

  const jobs: Jobs = config.REDIS_URL ? new BullJobs(config.REDIS_URL, log.child({ mod: 'jobs' })) : new LocalJobs(db, clock, log.child({ mod: 'jobs' }));
  const audit = new AuditLog(db, clock);
  const users = new UserService(db, clock, audit);
  const admin = await users.ensureAdmin(config.ADMIN_PASSWORD);
  const sipRealm = config.SIP_DOMAIN ?? new URL(config.PUBLIC_URL).hostname;
  const agents = new AgentDirectory(db, clock, audit, users, sipRealm);
  const skills = new SkillService(db, audit);
  const queues = new QueueService(db, clock, audit);
  const contacts = new ContactService(db, clock);
  const tickets = new TicketService(db, clock);
  const kb = new KnowledgeBase(db, clock, audit);
  const hours = new BusinessHoursService(db, clock);
  const flows = new FlowStore(db, clock);
  const promptUploads = join(config.DATA_DIR, 'prompts');
  const prompts = new PromptLibrary(resolve(process.cwd(), 'telephony/prompts'), promptUploads);
  if (config.SEED_DEMO) await seedDemo(db, clock, sipRealm, log);
  const sessions = new Sessions(await sessionSecret(db, config.SESSION_SECRET), db);

  const hub = await RoutingHub.start({ queueService: queues, directory: agents, db, clock, log: log.child({ mod: 'routing' }) });
  recordWrapUpEnds(hub.router.events, db, log.child({ mod: 'wrap-up' }));
  const reloadRouting = () => hub.reload();

  const webim = await WebimChannel.start({ db, clock, log: log.child({ mod: 'webim' }), hub, contacts, tickets, kb, hours, dataDir: config.DATA_DIR, widgetDir: resolve(process.cwd(), 'dist/widget') });

  const readiness = new Readiness();
  readiness.add('database', async () => {
    await db.raw('select 1');
    return true;
  });
  readiness.add('jobs', () => jobs.ready());

  const consoleDir = resolve(process.cwd(), 'console/dist');
  const web = createHttpApp({ log, sessions, readiness, consoleDir, trustProxy: true });
  authRoutes(web.api, { users, sessions, clock, secureCookies: config.PUBLIC_URL.startsWith('https:') });
  userRoutes(web.api, users);
  agentRoutes(web.api, { agents, skills, audit, onChange: reloadRouting, db, sip: { realm: sipRealm, wsPath: config.SIP_WS_PATH, wsUrl: config.SIP_WS_URL ?? null } });
  queueRoutes(web.api, queues, reloadRouting);
  crmRoutes(web.api, { contacts, tickets, kb });
  reportRoutes(web.api, new ReportService(db, queues));
  ivrRoutes(web.api, { flows, hours, prompts, clock, log: log.child({ mod: 'ivr' }), uploadDir: promptUploads });
  webim.routes(web.api, web.app);

  const tls = config.TLS_CERT_FILE && config.TLS_KEY_FILE ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) } : undefined;
  const http = tls ? createHttpsServer(tls, web.app) : createServer(web.app);
  const realtime = new RealtimeGateway(http, sessions, log.child({ mod: 'realtime' }), config.REDIS_URL);
  readiness.add('realtime', () => realtime.ready());

  // Voice shares the HTTP server (SIP over WebSocket at SIP_WS_PATH) and registers its routes before the 404 handler.
  let voice: VoiceModule | undefined;
  if (config.TELEPHONY_ENGINE !== 'none') {
    const notifyAgent = (agentId: string, event: 'call:monitored', payload: { interactionId: string; mode: 'listen' | 'whisper' | 'barge' }) =>
      realtime.io.of('/agent').to(`agent:${agentId}`).emit(event, payload);
    voice = await startVoice({ config, http, db, jobs, hub, agents, flows, prompts, hours, contacts, tickets, clock, log, sipRealm, notifyAgent });
    const { engine, centre } = voice;
    readiness.add('telephony', () => engine.ready());
    callRoutes(web.api, { centre, hub, db, agentExtension: async (userId) => (await agents.byUserId(userId))?.extension });
  }
  // Always routed: without the embedded engine the widget hears "no video" rather than a 404.
  webVideoRoutes(web.api, web.app, { db, clock, sites: webim.sites, guests: voice?.guests, wsPath: config.SIP_WS_PATH, widgetDir: resolve(process.cwd(), 'dist/widget') });
  web.finish();
  const wrapUp = voice?.centre;
  agentNamespace(realtime, hub, log.child({ mod: 'agent-ns' }), { ...(wrapUp ? { wrapUp: (id, data) => wrapUp.wrapUp(id, data) } : {}) });
  const wallboard = supervisorNamespace(realtime, hub, clock);
  webim.realtime(realtime);

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(config.HTTP_PORT, config.HTTP_HOST, () => ok());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  mkdirSync(join(config.DATA_DIR, 'recordings'), { recursive: true });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop taking new work first, let in-flight requests and jobs finish, then close the database.
      wallboard.stop();
      await voice?.stop();
      await realtime.close();
      await webim.close();
      await new Promise<void>((ok) => http.close(() => ok()));
      await jobs.close();
      await db.destroy();
    })());

  return {
    url: config.PUBLIC_URL.replace(`:${config.HTTP_PORT}`, `:${port}`),
    port,
    db,
    jobs,
    http,
    hub,
    voice,
    ...(admin.generatedPassword ? { generatedAdminPassword: admin.generatedPassword } : {}),
    close,
  };
}
