import type { Knex } from 'knex';

// WebIM: the sites that embed the widget, their visitors, and the agents' canned responses.
// Conversations themselves are interactions (media 'webim'), their messages and attachments
// live in the tables of 0001_core.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webim_sites', (t) => {
    t.increments('id');
    t.string('name', 64).notNullable().unique();
    t.string('token', 48).notNullable().unique(); // public, in the embed snippet
    t.string('secret', 64).notNullable(); // HMAC key for signed-in visitors; never sent to browsers
    t.text('allowed_origins').notNullable(); // JSON string[]
    t.integer('queue_id').unsigned().nullable().references('queues.id').onDelete('SET NULL');
    t.integer('business_hours_id').unsigned().nullable().references('business_hours.id').onDelete('SET NULL');
    t.boolean('require_identity').notNullable().defaultTo(false);
    t.boolean('bot_enabled').notNullable().defaultTo(true);
    t.text('pre_chat_fields').notNullable(); // JSON [{name, required}]
    t.text('greeting').notNullable(); // JSON {'zh-CN': string, en: string}
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('webim_visitors', (t) => {
    t.increments('id');
    t.integer('site_id').unsigned().notNullable().references('webim_sites.id').onDelete('CASCADE');
    // SHA-256 of the visitor token: a leaked table does not let anyone act as a visitor.
    t.string('token_hash', 64).notNullable().unique();
    t.string('external_user_id', 128).nullable();
    t.integer('contact_id').unsigned().nullable().references('contacts.id').onDelete('SET NULL');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['site_id', 'external_user_id']);
  });

  await knex.schema.createTable('canned_responses', (t) => {
    t.increments('id');
    t.string('shortcut', 32).notNullable().unique();
    t.string('title', 128).notNullable();
    t.text('body').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.alterTable('attachments', (t) => {
    // Who uploaded it: 'customer' or a staff user id; an attachment is readable by the parties only.
    t.string('uploaded_by', 32).notNullable().defaultTo('customer');
  });
  await knex.schema.alterTable('messages', (t) => {
    t.string('sender_name', 128).nullable(); // as shown when sent; a renamed agent does not rewrite transcripts
  });
  await knex.schema.alterTable('interactions', (t) => {
    t.integer('webim_site_id').unsigned().nullable().references('webim_sites.id').onDelete('SET NULL');
    t.index(['contact_id', 'ended_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('interactions', (t) => {
    t.dropIndex(['contact_id', 'ended_at']);
    t.dropForeign(['webim_site_id']);
    t.dropColumn('webim_site_id');
  });
  await knex.schema.alterTable('messages', (t) => t.dropColumn('sender_name'));
  await knex.schema.alterTable('attachments', (t) => t.dropColumn('uploaded_by'));
  await knex.schema.dropTableIfExists('canned_responses');
  await knex.schema.dropTableIfExists('webim_visitors');
  await knex.schema.dropTableIfExists('webim_sites');
}
