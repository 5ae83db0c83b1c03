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
  SIP_DOMAIN: z.string().min(1).optional(),
  RTP_PORT_MIN: port.default(20000),
  RTP_PORT_MAX: port.default(20999),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TELEPHONY_ENGINE: z.enum(['embedded', 'freeswitch', 'none']).default('embedded'),
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
  const dataDir = resolve(e.DATA_DIR);
  return {
    ...e,
    DATA_DIR: dataDir,
    DATABASE_URL: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'callcentre.sqlite')}`,
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.HTTP_PORT}`).replace(/\/$/, ''),
  };
}
