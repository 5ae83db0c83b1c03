import pino from 'pino';
import { systemClock } from '../core/clock';
import { migrateLatest } from '../migrations';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db';
import { seedDemo } from './seed';

// `npm run seed`: add the demo data to the configured database.
async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== 'seed') {
    console.error('usage: cli seed');
    process.exit(2);
  }
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const db = createDatabase(config.DATABASE_URL);
  try {
    await migrateLatest(db);
    await seedDemo(db, systemClock, config.SIP_DOMAIN ?? new URL(config.PUBLIC_URL).hostname, log);
    console.log('Demo data ready. Sign in as supervisor / demo-supervisor, or agent1 / demo-agent1 (extension 1001, SIP password sip-1001).');
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
