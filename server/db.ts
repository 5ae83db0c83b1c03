import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';

/** Builds the knex client for a DATABASE_URL (`sqlite:/path/file` or `mysql://user:pass@host:port/db`). */
export function createDatabase(url: string): Knex {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length) || ':memory:';
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    return knex({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        // WAL lets readers go on while the single writer writes; foreign keys are off by default in SQLite.
        // synchronous=NORMAL is WAL's usual pairing: a commit survives the process crashing, and only
        // an OS crash or power loss may roll back the last commits; FULL would fsync every chat message.
        afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return knex({
    client: 'mysql2',
    connection: {
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: parsed.pathname.replace(/^\//, ''),
      // Store and read DATETIME values as UTC whatever the server's time zone.
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      charset: 'utf8mb4',
    },
    pool: { min: 0, max: 10 },
  });
}
