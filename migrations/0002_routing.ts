import type { Knex } from 'knex';

// The unified router's durable state (core/routing/knex-store.ts). Schema builder only, so it runs
// on MySQL/MariaDB and SQLite alike. Times are UTC epoch milliseconds in BIGINT columns.
export async function up(knex: Knex): Promise<void> {
  // Append-only log of every routing decision and agent state change; reports read it.
  await knex.schema.createTable('routing_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('at').notNullable();
    t.string('type', 32).notNullable();
    t.string('interaction_id', 64).nullable();
    t.string('agent_id', 64).nullable();
    t.string('queue_id', 64).nullable();
    t.text('payload').notNullable(); // the event as JSON
    t.index(['at']);
    t.index(['interaction_id']);
    t.index(['agent_id', 'at']);
    t.index(['queue_id', 'at']);
  });

  // Live interactions (waiting, ringing, answered); a row is deleted when the interaction ends.
  await knex.schema.createTable('routing_interactions', (t) => {
    t.string('id', 64).primary();
    t.string('queue_id', 64).notNullable();
    t.string('status', 16).notNullable();
    t.text('record').notNullable(); // JSON snapshot
    t.bigInteger('updated_at').notNullable();
    t.index(['queue_id']);
  });

  // Each agent's latest presence and work items.
  await knex.schema.createTable('routing_agents', (t) => {
    t.string('agent_id', 64).primary();
    t.text('state').notNullable(); // JSON snapshot
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('routing_agents');
  await knex.schema.dropTableIfExists('routing_interactions');
  await knex.schema.dropTableIfExists('routing_events');
}
