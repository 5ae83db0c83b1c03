import type { Knex } from 'knex';

// Reports read interactions by arrival time across all queues (and, for first-contact resolution,
// a week either side); the existing indexes all lead with queue, agent or contact.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('interactions', (t) => {
    t.index(['arrived_at'], 'interactions_arrived_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('interactions', (t) => {
    t.dropIndex(['arrived_at'], 'interactions_arrived_at_index');
  });
}
