import type { Knex } from 'knex';

// CDR snapshots are written by jobs that may be retried out of order; the version lets the
// writer keep the newest snapshot whatever order they land in.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('interactions', (t) => {
    t.integer('cdr_version').notNullable().defaultTo(0);
    t.string('exit_reason', 24).nullable(); // callback | voicemail | ticket | max_wait | queue_empty | join_refused | transfer
  });
  await knex.schema.alterTable('call_events', (t) => {
    t.integer('seq').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('callbacks', (t) => {
    t.string('interaction_id', 36).primary().references('interactions.id').onDelete('CASCADE');
    t.string('number', 64).notNullable();
    t.string('state', 16).notNullable(); // waiting | dialling | connected | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.datetime('requested_at', { precision: 3 }).notNullable();
    t.datetime('completed_at', { precision: 3 }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('callbacks');
  await knex.schema.alterTable('call_events', (t) => t.dropColumn('seq'));
  await knex.schema.alterTable('interactions', (t) => {
    t.dropColumn('exit_reason');
    t.dropColumn('cdr_version');
  });
}
