import { join, resolve } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AgentDirectory } from '../../core/agents/directory';
import type { BusinessHoursService } from '../../core/calendar/hours-service';
import type { Clock } from '../../core/clock';
import type { ContactService } from '../../core/contacts/contact-service';
import type { Jobs } from '../../core/jobs/jobs';
import { CdrWriter, processCdrJobs } from '../../core/records/cdr';
import type { TicketService } from '../../core/tickets/ticket-service';
import { VoiceCentre } from '../../telephony/acd/voice-centre';
import type { TelephonyEngine } from '../../telephony/engine';
import { EmbeddedEngine } from '../../telephony/embedded';
import { GuestCallers } from '../../telephony/embedded/sip/guest-callers';
import type { TrunkConfig } from '../../telephony/embedded/sip/trunk';
import { MediaClock } from '../../telephony/embedded/media';
import { WebRtcMediaFactory } from '../../telephony/embedded/webrtc/media-factory';
import { FreeswitchEngine } from '../../telephony/freeswitch';
import type { FlowStore } from '../../telephony/ivr/flow-store';
import { fetchLookup } from '../../telephony/ivr/nodes/logic-nodes';
import type { PromptLibrary } from '../../telephony/ivr/prompts';
import type { Config } from '../config';
import type { RoutingHub } from '../routing/routing-hub';
import { scheduleRecordingRetention } from './retention';

export interface VoiceModule {
  engine: TelephonyEngine;
  centre: VoiceCentre;
  sipRealm: string;
  /** Single-use credentials for widget video calls; the embedded engine only. */
  guests: GuestCallers | undefined;
  stop(): Promise<void>;
}

export const outboundTrunkId = 'pstn';

function trunksFrom(config: Config): TrunkConfig[] {
  const addresses = config.SIP_TRUNK_PEERS.split(',').map((a) => a.trim()).filter(Boolean);
  if (addresses.length === 0 && !config.SIP_TRUNK_PROXY) return [];
  const proxy = config.SIP_TRUNK_PROXY ?? `${addresses[0]}:5060`;
  return [{ kind: 'peer', id: outboundTrunkId, addresses, proxy: `sip:${proxy};transport=udp` }];
}

interface EngineDeps {
  config: Config;
  http: HttpServer;
  agents: AgentDirectory;
  clock: Clock;
  log: Logger;
  sipRealm: string;
  trunks: TrunkConfig[];
  recordingsDir: string;
  guests: GuestCallers;
}

/** drachtio-server + FreeSWITCH (docker compose): SIP, WebSocket SIP and RTP are theirs, not ours. */
function freeswitchEngine(deps: EngineDeps): TelephonyEngine {
  const { config } = deps;
  if (!config.SIP_WS_URL) deps.log.warn('SIP_WS_URL is not set: browser softphones cannot reach drachtio-server (docs/deploy.md, section 3)');
  const builtinPrompts = resolve(process.cwd(), 'telephony/prompts');
  const uploads = join(config.DATA_DIR, 'prompts');
  return new FreeswitchEngine({
    drachtio: { host: config.DRACHTIO_HOST, port: config.DRACHTIO_PORT, secret: config.DRACHTIO_SECRET ?? '' },
    freeswitch: {
      host: config.FREESWITCH_HOST,
      port: config.FREESWITCH_PORT,
      secret: config.FREESWITCH_SECRET ?? '',
      profile: config.FREESWITCH_PROFILE,
      listenAddress: config.FREESWITCH_LISTEN_ADDRESS,
      listenPort: config.FREESWITCH_LISTEN_PORT,
      ...(config.FREESWITCH_ADVERTISED_ADDRESS ? { advertisedAddress: config.FREESWITCH_ADVERTISED_ADDRESS } : {}),
      ...(config.FREESWITCH_ADVERTISED_PORT ? { advertisedPort: config.FREESWITCH_ADVERTISED_PORT } : {}),
    },
    realm: deps.sipRealm,
    credentials: (extension, realm) => deps.agents.sipCredentials(extension, realm),
    trunks: deps.trunks.flatMap((t) => (t.kind === 'peer' ? [t] : [])),
    recordings: { app: deps.recordingsDir, fs: config.FREESWITCH_RECORDINGS_DIR ?? deps.recordingsDir },
    prompts: [
      { app: builtinPrompts, fs: config.FREESWITCH_PROMPTS_DIR ?? builtinPrompts },
      { app: uploads, fs: config.FREESWITCH_UPLOADS_DIR ?? uploads },
    ],
    ...(config.FREESWITCH_MOH ? { moh: config.FREESWITCH_MOH } : {}),
    rtpTimeoutMs: config.RTP_TIMEOUT_SECONDS * 1000,
    logger: deps.log.child({ mod: 'freeswitch' }),
    clock: deps.clock,
  });
}

/** The embedded engine: SIP (UDP, TCP, WS on the app's HTTP server) and RTP in this process. */
function embeddedEngine(deps: EngineDeps): TelephonyEngine {
  const { config } = deps;
  const mediaClock = new MediaClock();
  return new EmbeddedEngine({
    mediaClock,
    sip: { host: config.SIP_HOST, port: config.SIP_PORT, websocket: { server: deps.http, path: config.SIP_WS_PATH } },
    realm: deps.sipRealm,
    credentials: (extension, realm) => deps.agents.sipCredentials(extension, realm),
    trunks: deps.trunks,
    guests: deps.guests,
    rtp: { portMin: config.RTP_PORT_MIN, portMax: config.RTP_PORT_MAX, inactivityTimeoutMs: config.RTP_TIMEOUT_SECONDS * 1000 },
    recordingsDir: deps.recordingsDir,
    logger: deps.log.child({ mod: 'sip' }),
    clock: deps.clock,
    webrtc: new WebRtcMediaFactory({ clock: mediaClock, inactivityTimeoutMs: config.RTP_TIMEOUT_SECONDS * 1000, videoCodecs: ['VP8', 'H264'] }),
  });
}

/** Voice: the engine chosen by TELEPHONY_ENGINE, the voice ACD on it, CDR jobs and recording retention. */
export async function startVoice(deps: {
  config: Config;
  http: HttpServer;
  db: Knex;
  jobs: Jobs;
  hub: RoutingHub;
  agents: AgentDirectory;
  flows: FlowStore;
  prompts: PromptLibrary;
  hours: BusinessHoursService;
  contacts: ContactService;
  tickets: TicketService;
  clock: Clock;
  log: Logger;
  sipRealm: string;
  /** Pushes an event to one agent's console (the `/agent` namespace room). */
  notifyAgent?: (agentId: string, event: 'call:monitored', payload: { interactionId: string; mode: 'listen' | 'whisper' | 'barge' }) => void;
}): Promise<VoiceModule> {
  const { config, log } = deps;
  const recordingsDir = join(config.DATA_DIR, 'recordings');
  processCdrJobs(deps.jobs, new CdrWriter(deps.db));
  const stopRetention = scheduleRecordingRetention({ db: deps.db, jobs: deps.jobs, clock: deps.clock, log: log.child({ mod: 'retention' }) });

  const trunks = trunksFrom(config);
  const guests = new GuestCallers({ realm: deps.sipRealm, clock: deps.clock });
  const engineDeps: EngineDeps = { config, http: deps.http, agents: deps.agents, clock: deps.clock, log, sipRealm: deps.sipRealm, trunks, recordingsDir, guests };
  const freeswitch = config.TELEPHONY_ENGINE === 'freeswitch';
  const engine = freeswitch ? freeswitchEngine(engineDeps) : embeddedEngine(engineDeps);
  // The router hears when the engine loses (or regains) what it needs to take calls.
  engine.on('health', (up) => log[up ? 'info' : 'warn']({ engine: engine.name, up }, 'telephony health'));
  await engine.start();
  deps.hub.useRegistrations((ext) => engine.isRegistered(ext));

  const centre = new VoiceCentre(
    {
      engine,
      get router() {
        return deps.hub.router;
      },
      directory: deps.hub,
      flows: deps.flows,
      prompts: deps.prompts,
      hours: deps.hours,
      contacts: deps.contacts,
      tickets: deps.tickets,
      jobs: deps.jobs,
      clock: deps.clock,
      log: log.child({ mod: 'acd' }),
      http: fetchLookup,
      recordingsDir,
      recordingRetentionDays: config.RECORDING_RETENTION_DAYS,
      ...(trunks.length > 0 ? { outboundTrunkId } : {}),
      keys: { callback: '1', voicemail: '9' },
      ...(deps.notifyAgent ? { onMonitor: (e: { interactionId: string; agentId: string; mode: 'listen' | 'whisper' | 'barge' }) => deps.notifyAgent?.(e.agentId, 'call:monitored', { interactionId: e.interactionId, mode: e.mode }) } : {}),
      ...(config.FAULT_EXIT_AFTER_HANGUP_CDR ? { afterHangupRecorded: () => process.exit(137) } : {}),
    },
    new CdrWriter(deps.db),
  );
  centre.start();
  return {
    engine,
    centre,
    sipRealm: deps.sipRealm,
    guests: freeswitch ? undefined : guests,
    stop: async () => {
      stopRetention();
      centre.stop();
      await engine.stop();
    },
  };
}
