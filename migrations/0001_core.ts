import type { Knex } from 'knex';

// Portable between MySQL/MariaDB and SQLite: schema builder only, no engine-specific SQL.
// Every time column is UTC: DATETIME(3) on MySQL (the connection runs with timezone 'Z'),
// epoch milliseconds on SQLite (knex binds Dates as numbers there). `core/time.ts` reads both.

function timestamps(t: Knex.CreateTableBuilder): void {
  t.datetime('created_at', { precision: 3 }).notNullable();
  t.datetime('updated_at', { precision: 3 }).notNullable();
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().unique();
    t.string('display_name', 128).notNullable();
    t.string('password_hash', 255).notNullable();
    t.string('role', 16).notNullable(); // admin | supervisor | agent
    t.string('locale', 8).notNullable().defaultTo('zh-CN');
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('token_version').notNullable().defaultTo(0); // bumped to revoke sessions
    t.datetime('last_login_at', { precision: 3 }).nullable();
    timestamps(t);
  });

  await knex.schema.createTable('skills', (t) => {
    t.increments('id');
    t.string('name', 64).notNullable().unique();
    t.string('description', 255).notNullable().defaultTo('');
  });

  await knex.schema.createTable('agents', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().unique().references('users.id').onDelete('CASCADE');
    t.string('extension', 32).notNullable().unique();
    // SIP digest secret kept as HA1 = MD5(extension:realm:password): the password itself is never stored.
    t.string('sip_realm', 128).notNullable();
    t.string('sip_ha1', 32).notNullable();
    t.text('capacity').notNullable(); // JSON {voice:1, video:1, webim:5, ...}
    t.boolean('voice_blocks_chat').notNullable().defaultTo(false);
    t.boolean('chat_interruptible_by_voice').notNullable().defaultTo(true);
    timestamps(t);
  });

  await knex.schema.createTable('agent_skills', (t) => {
    t.integer('agent_id').unsigned().notNullable().references('agents.id').onDelete('CASCADE');
    t.integer('skill_id').unsigned().notNullable().references('skills.id').onDelete('CASCADE');
    t.integer('level').notNullable();
    t.primary(['agent_id', 'skill_id']);
  });

  await knex.schema.createTable('business_hours', (t) => {
    t.increments('id');
    t.string('name', 64).notNullable().unique();
    t.string('timezone', 64).notNullable().defaultTo('Asia/Shanghai');
    t.text('weekly').notNullable(); // JSON [{day:1..7, open:'09:00', close:'18:00'}]
    t.text('holidays').notNullable(); // JSON ['2026-10-01', ...]
    timestamps(t);
  });

  await knex.schema.createTable('queues', (t) => {
    t.increments('id');
    t.string('name', 64).notNullable().unique();
    t.text('config').notNullable(); // JSON of the router's queue model (media, strategy, thresholds, overflow)
    t.integer('business_hours_id').unsigned().nullable().references('business_hours.id').onDelete('SET NULL');
    t.string('recording_policy', 16).notNullable().defaultTo('always'); // always | on_demand | never
    timestamps(t);
  });

  await knex.schema.createTable('queue_members', (t) => {
    t.integer('queue_id').unsigned().notNullable().references('queues.id').onDelete('CASCADE');
    t.integer('agent_id').unsigned().notNullable().references('agents.id').onDelete('CASCADE');
    t.primary(['queue_id', 'agent_id']);
  });

  await knex.schema.createTable('contacts', (t) => {
    t.increments('id');
    t.string('name', 128).notNullable().defaultTo('');
    t.string('company', 128).notNullable().defaultTo('');
    t.string('email', 255).nullable();
    t.string('phone', 64).nullable().index();
    t.text('notes').notNullable();
    t.text('tags').notNullable(); // JSON string[]
    timestamps(t);
  });

  await knex.schema.createTable('contact_identities', (t) => {
    t.increments('id');
    t.integer('contact_id').unsigned().notNullable().references('contacts.id').onDelete('CASCADE');
    t.string('kind', 24).notNullable(); // phone | wechat_openid | webim_visitor | sms | email
    t.string('value', 191).notNullable();
    t.unique(['kind', 'value']);
  });

  await knex.schema.createTable('channels', (t) => {
    t.increments('id');
    t.string('kind', 24).notNullable(); // sip_trunk | webim | wechat | sms | email
    t.string('name', 64).notNullable().unique();
    t.text('config').notNullable(); // JSON, kind-specific; secrets referenced by env name, not stored
    t.boolean('active').notNullable().defaultTo(true);
    timestamps(t);
  });

  await knex.schema.createTable('ivr_flows', (t) => {
    t.increments('id');
    t.string('name', 64).notNullable();
    t.integer('version').notNullable();
    t.text('definition').notNullable(); // validated JSON flow
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['name', 'version']);
  });

  await knex.schema.createTable('dial_numbers', (t) => {
    t.increments('id');
    t.string('number', 64).notNullable().unique();
    t.string('flow_name', 64).notNullable();
    t.integer('channel_id').unsigned().nullable().references('channels.id').onDelete('SET NULL');
  });

  await knex.schema.createTable('interactions', (t) => {
    t.string('id', 36).primary();
    t.string('media', 16).notNullable();
    t.string('direction', 8).notNullable().defaultTo('inbound');
    t.string('state', 16).notNullable();
    t.integer('channel_id').unsigned().nullable().references('channels.id').onDelete('SET NULL');
    t.integer('queue_id').unsigned().nullable().references('queues.id').onDelete('SET NULL');
    t.integer('agent_id').unsigned().nullable().references('agents.id').onDelete('SET NULL');
    t.integer('contact_id').unsigned().nullable().references('contacts.id').onDelete('SET NULL');
    t.integer('priority').notNullable().defaultTo(0);
    t.text('skills').notNullable(); // JSON {skill: minLevel}
    t.string('from_address', 191).nullable();
    t.string('to_address', 191).nullable();
    t.string('subject', 255).nullable();
    // The timestamps reports are built from (ASA, AHT, abandonment, service level, FCR).
    t.datetime('arrived_at', { precision: 3 }).notNullable();
    t.datetime('ivr_exited_at', { precision: 3 }).nullable();
    t.datetime('queued_at', { precision: 3 }).nullable();
    t.datetime('offered_at', { precision: 3 }).nullable();
    t.datetime('answered_at', { precision: 3 }).nullable();
    t.datetime('first_response_at', { precision: 3 }).nullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.datetime('wrap_up_ended_at', { precision: 3 }).nullable();
    t.boolean('abandoned').notNullable().defaultTo(false);
    t.integer('wait_ms').nullable();
    t.integer('talk_ms').nullable();
    t.string('hangup_cause', 64).nullable();
    t.string('hangup_side', 16).nullable(); // caller | agent | system
    t.string('disposition', 64).nullable();
    t.text('notes').nullable();
    t.boolean('resolved').nullable();
    t.integer('csat_score').nullable();
    t.text('csat_comment').nullable();
    t.text('ivr_path').nullable(); // JSON [{node, digits?, at}]
    t.text('variables').nullable(); // JSON
    t.index(['queue_id', 'arrived_at']);
    t.index(['agent_id', 'arrived_at']);
    t.index(['contact_id', 'arrived_at']);
  });

  await knex.schema.createTable('call_legs', (t) => {
    t.string('id', 36).primary();
    t.string('interaction_id', 36).notNullable().references('interactions.id').onDelete('CASCADE');
    t.string('role', 16).notNullable(); // caller | agent | supervisor | transfer | outbound
    t.string('sip_call_id', 191).nullable();
    t.string('from_uri', 191).nullable();
    t.string('to_uri', 191).nullable();
    t.integer('agent_id').unsigned().nullable().references('agents.id').onDelete('SET NULL');
    t.string('codec', 16).nullable();
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('answered_at', { precision: 3 }).nullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.string('hangup_cause', 64).nullable();
    t.string('hangup_side', 16).nullable();
    t.index(['interaction_id']);
  });

  await knex.schema.createTable('call_events', (t) => {
    t.increments('id');
    t.string('interaction_id', 36).notNullable().references('interactions.id').onDelete('CASCADE');
    t.string('leg_id', 36).nullable();
    t.string('type', 32).notNullable(); // hold | unhold | transfer | monitor | recording_paused ...
    t.datetime('at', { precision: 3 }).notNullable();
    t.text('data').nullable();
    t.index(['interaction_id', 'at']);
  });

  await knex.schema.createTable('recordings', (t) => {
    t.string('id', 36).primary();
    t.string('interaction_id', 36).notNullable().references('interactions.id').onDelete('CASCADE');
    t.string('path', 255).notNullable();
    t.integer('channels').notNullable().defaultTo(2);
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.integer('duration_ms').nullable();
    t.integer('size_bytes').nullable();
    t.text('paused_intervals').nullable(); // JSON [{from, to}]
    t.datetime('retain_until', { precision: 3 }).nullable();
    t.datetime('deleted_at', { precision: 3 }).nullable();
    t.index(['interaction_id']);
  });

  await knex.schema.createTable('attachments', (t) => {
    t.string('id', 36).primary();
    t.string('interaction_id', 36).notNullable().references('interactions.id').onDelete('CASCADE');
    t.string('filename', 255).notNullable();
    t.string('mime', 128).notNullable();
    t.integer('size_bytes').notNullable();
    t.string('path', 255).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('messages', (t) => {
    t.string('id', 36).primary();
    t.string('interaction_id', 36).notNullable().references('interactions.id').onDelete('CASCADE');
    t.integer('seq').notNullable(); // order within the conversation
    t.string('client_id', 64).nullable(); // the sender's id, so a resent message is stored once
    t.string('sender_type', 16).notNullable(); // customer | agent | bot | system | note
    t.string('sender_id', 64).nullable();
    t.string('content_type', 16).notNullable().defaultTo('text'); // text | image | file | event
    t.text('body').notNullable();
    t.string('attachment_id', 36).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('delivered_at', { precision: 3 }).nullable();
    t.datetime('read_at', { precision: 3 }).nullable();
    t.unique(['interaction_id', 'seq']);
    t.unique(['interaction_id', 'client_id']);
  });

  await knex.schema.createTable('tickets', (t) => {
    t.increments('id');
    t.string('subject', 255).notNullable();
    t.text('description').notNullable();
    t.string('status', 16).notNullable().defaultTo('open'); // open | pending | resolved | closed
    t.string('priority', 16).notNullable().defaultTo('normal'); // low | normal | high | urgent
    t.string('source', 16).notNullable(); // voice | voicemail | webim | offline_form | manual ...
    t.integer('contact_id').unsigned().nullable().references('contacts.id').onDelete('SET NULL');
    t.integer('assignee_id').unsigned().nullable().references('users.id').onDelete('SET NULL');
    t.string('interaction_id', 36).nullable().references('interactions.id').onDelete('SET NULL');
    t.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL');
    timestamps(t);
    t.datetime('resolved_at', { precision: 3 }).nullable();
    t.index(['status', 'updated_at']);
  });

  await knex.schema.createTable('ticket_events', (t) => {
    t.increments('id');
    t.integer('ticket_id').unsigned().notNullable().references('tickets.id').onDelete('CASCADE');
    t.string('type', 24).notNullable(); // created | comment | status | assigned
    t.integer('actor_id').unsigned().nullable().references('users.id').onDelete('SET NULL');
    t.text('body').nullable();
    t.text('data').nullable();
    t.datetime('at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('kb_articles', (t) => {
    t.increments('id');
    t.string('title', 255).notNullable();
    t.text('body').notNullable();
    t.text('tags').notNullable(); // JSON string[]
    t.string('locale', 8).notNullable().defaultTo('zh-CN');
    t.boolean('published').notNullable().defaultTo(true);
    // Space-separated search terms (words, and CJK character bigrams) so one LIKE-free index works for both languages.
    t.text('search_terms').notNullable();
    timestamps(t);
  });

  await knex.schema.createTable('not_ready_reasons', (t) => {
    t.increments('id');
    t.string('code', 32).notNullable().unique();
    t.string('label_zh', 64).notNullable();
    t.string('label_en', 64).notNullable();
  });

  await knex.schema.createTable('dispositions', (t) => {
    t.increments('id');
    t.string('code', 32).notNullable().unique();
    t.string('label_zh', 64).notNullable();
    t.string('label_en', 64).notNullable();
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable(); // JSON
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL');
    t.string('action', 32).notNullable(); // create | update | delete | login ...
    t.string('entity', 32).notNullable();
    t.string('entity_id', 64).nullable();
    t.text('data').nullable(); // JSON, secrets removed
    t.string('ip', 64).nullable();
    t.datetime('at', { precision: 3 }).notNullable();
    t.index(['entity', 'entity_id']);
  });
}

const tables = [
  'audit_log', 'settings', 'dispositions', 'not_ready_reasons', 'kb_articles', 'ticket_events', 'tickets',
  'messages', 'attachments', 'recordings', 'call_events', 'call_legs', 'interactions', 'dial_numbers',
  'ivr_flows', 'channels', 'contact_identities', 'contacts', 'queue_members', 'queues', 'business_hours',
  'agent_skills', 'agents', 'skills', 'users',
];

export async function down(knex: Knex): Promise<void> {
  for (const table of tables) await knex.schema.dropTableIfExists(table);
}
