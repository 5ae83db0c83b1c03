import type { Knex } from 'knex';
import * as core from './0001_core';
import * as routing from './0002_routing';
import * as jobs from './0003_jobs';
import * as webim from './0004_webim';
import * as cdr from './0005_cdr';
import * as webVideo from './0006_web_video';
import * as reportIndex from './0007_report_index';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

// Listed statically so the bundled server and the tests run the same migrations without a directory scan.
const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_routing': routing,
  '0003_jobs': jobs,
  '0004_webim': webim,
  '0005_cdr': cdr,
  '0006_web_video': webVideo,
  '0007_report_index': reportIndex,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}
