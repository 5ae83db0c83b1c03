import type { Knex } from 'knex';

// Video calls from the chat widget, per site: off unless an admin names the number the widget
// dials (an IVR number whose flow queues on a video queue). Its own table, so the WebIM site
// schema is untouched.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webim_site_video', (t) => {
    t.integer('site_id').unsigned().primary().references('webim_sites.id').onDelete('CASCADE');
    t.boolean('enabled').notNullable().defaultTo(false);
    t.string('number', 32).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('webim_site_video');
}
