import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { startServer } from './start';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.LOG_LEVEL, redact: ['password', '*.password', 'sipPassword', '*.sipPassword'] });
  const server = await startServer(config, log);
  const lines = [`Contact centre console: ${server.url}`];
  if (server.generatedAdminPassword) lines.push(`First start: sign in as admin / ${server.generatedAdminPassword} (shown once; change it in the console)`);
  else lines.push('Sign in as admin with the ADMIN_PASSWORD you set (or the password printed at first start).');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
