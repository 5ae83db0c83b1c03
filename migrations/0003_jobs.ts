import type { Knex } from 'knex';

// The in-process jobs adapter keeps its queue in the database, so a crash between
// "hang up" and "write the CDR" loses nothing even without Redis.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (t) => {
    t.increments('id');
    t.string('queue', 64).notNullable();
    t.text('data').notNullable();
    t.integer('attempts_made').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable();
    t.integer('backoff_ms').notNullable();
    t.bigInteger('run_at').notNullable(); // epoch ms
    t.bigInteger('locked_until').nullable(); // epoch ms; a lease, so a crashed worker's job is taken again
    t.string('state', 8).notNullable().defaultTo('waiting'); // waiting | failed
    t.text('last_error').nullable();
    t.index(['queue', 'state', 'run_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('jobs');
}
