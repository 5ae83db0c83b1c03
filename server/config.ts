import { resolve } from 'node:path';
import { z } from 'zod';

// 0 asks the OS for a free port (tests).
const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  HTTP_PORT: port.default(3000),
  HTTP_HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  SIP_PORT: port.default(5060),
  SIP_HOST: z.string().default('0.0.0.0'),
  SIP_WS_PATH: z.string().startsWith('/').default('/sip'),
  /**
   * Where browsers reach SIP over WebSocket when it is not this server (TELEPHONY_ENGINE=freeswitch:
   * drachtio-server's WSS, e.g. wss://sip.example.com:8443). Unset: this server's origin + SIP_WS_PATH.
   */
  SIP_WS_URL: z.string().regex(/^wss?:\/\/[^/\s]+(\/\S*)?$/, 'a ws:// or wss:// URL').optional(),
  SIP_DOMAIN: z.string().min(1).optional(),
  RTP_PORT_MIN: port.default(20000),
  RTP_PORT_MAX: port.default(20999),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TELEPHONY_ENGINE: z.enum(['embedded', 'freeswitch', 'none']).default('embedded'),
  /** Addresses of a SIP trunk peer whose INVITEs are accepted without digest auth (comma-separated IPs). */
  SIP_TRUNK_PEERS: z.string().regex(/^[0-9a-fA-F.:, ]*$/, 'comma-separated IP addresses').default(''),
  /** Where calls to outside numbers go (host:port of the trunk peer). */
  SIP_TRUNK_PROXY: z.string().regex(/^[\w.-]+(:\d+)?$/, 'host:port').optional(),
  RTP_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Fault injection for the CDR durability test only: exit right after a hang-up's CDR job is queued. */
  FAULT_EXIT_AFTER_HANGUP_CDR: z.stringbool().default(false),
  /** drachtio-server's command port (TELEPHONY_ENGINE=freeswitch). */
  DRACHTIO_HOST: z.string().min(1).default('127.0.0.1'),
  DRACHTIO_PORT: port.default(9022),
  DRACHTIO_SECRET: z.string().min(1).optional(),
  /** FreeSWITCH's event socket (mod_event_socket). */
  FREESWITCH_HOST: z.string().min(1).default('127.0.0.1'),
  FREESWITCH_PORT: port.default(8021),
  FREESWITCH_SECRET: z.string().min(1).optional(),
  /** The sofia profile drachtio-fsmrf sends INVITEs to. */
  FREESWITCH_PROFILE: z.string().regex(/^[\w-]+$/, 'a sofia profile name').default('drachtio_mrf'),
  /** Where FreeSWITCH's `socket` app connects back to us (drachtio-fsmrf's outbound-socket listener). */
  FREESWITCH_LISTEN_ADDRESS: z.string().min(1).default('0.0.0.0'),
  FREESWITCH_LISTEN_PORT: port.default(8085),
  /** The address FreeSWITCH should dial for that socket when the listen address is 0.0.0.0 (e.g. the app's service name). */
  FREESWITCH_ADVERTISED_ADDRESS: z.string().min(1).optional(),
  /** The port FreeSWITCH should dial for it when a NAT or port mapping sits in between (default: the listen port). */
  FREESWITCH_ADVERTISED_PORT: port.optional(),
  /** DATA_DIR/recordings, DATA_DIR/prompts and telephony/prompts as FreeSWITCH sees them (default: the same paths). */
  FREESWITCH_RECORDINGS_DIR: z.string().min(1).optional(),
  FREESWITCH_UPLOADS_DIR: z.string().min(1).optional(),
  FREESWITCH_PROMPTS_DIR: z.string().min(1).optional(),
  /** Hold music as a FreeSWITCH file string (e.g. local_stream://moh); a built-in tone melody when unset. */
  FREESWITCH_MOH: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: logLevel.default('info'),
  SEED_DEMO: z.stringbool().default(false),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'DATABASE_URL' | 'DATA_DIR'> {
  DATA_DIR: string;
  DATABASE_URL: string;
  PUBLIC_URL: string;
}

/** Thrown for a bad environment; main prints its one line and exits. */
export class ConfigError extends Error {}

/** The only place that reads process.env: validates it once, fills defaults, resolves paths. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${name}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  if (e.RTP_PORT_MIN >= e.RTP_PORT_MAX) throw new ConfigError('Invalid environment variable RTP_PORT_MAX: must be above RTP_PORT_MIN');
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(`Invalid environment variable ${e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: set both TLS_CERT_FILE and TLS_KEY_FILE`);
  }
  if (e.TELEPHONY_ENGINE === 'freeswitch') {
    // No defaults for secrets: a stack left on ClueCon is an open door to anyone on the network.
    if (!e.DRACHTIO_SECRET) throw new ConfigError('Invalid environment variable DRACHTIO_SECRET: required with TELEPHONY_ENGINE=freeswitch');
    if (!e.FREESWITCH_SECRET) throw new ConfigError('Invalid environment variable FREESWITCH_SECRET: required with TELEPHONY_ENGINE=freeswitch');
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    ...e,
    DATA_DIR: dataDir,
    DATABASE_URL: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'callcentre.sqlite')}`,
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.HTTP_PORT}`).replace(/\/$/, ''),
  };
}
