import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createDatabase } from '../../server/db';
import { migrateLatest } from '../../migrations';

export interface TestDatabase {
  db: Knex;
  url: string;
  /** Another connection to the same database, as a restarted process would open. */
  open(): Knex;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a SQLite file in a temp dir, or — when the suite
 * runs with DATABASE_URL=mysql://… — a new database on that server, dropped afterwards.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base?.startsWith('mysql')) {
    const name = `cc_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = createDatabase(base);
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = createDatabase(url.toString());
    await migrateLatest(db);
    return {
      db,
      url: url.toString(),
      open: () => createDatabase(url.toString()),
      drop: async () => {
        await db.destroy();
        const again = createDatabase(base);
        await again.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await again.destroy();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cc-db-'));
  const url = `sqlite:${join(dir, 'test.sqlite')}`;
  const db = createDatabase(url);
  await migrateLatest(db);
  return {
    db,
    url,
    open: () => createDatabase(url),
    drop: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
