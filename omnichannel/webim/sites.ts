import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import { Conflict, NotFound } from '../../core/errors';
import { readTime } from '../../core/time';

export const preChatFieldSchema = z.object({ name: z.enum(['name', 'phone', 'email', 'question']), required: z.boolean().default(false) });

export const siteInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  allowedOrigins: z.array(z.string().trim().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://www.example.com')).max(20).default([]),
  queueId: z.number().int().positive().nullable().default(null),
  businessHoursId: z.number().int().positive().nullable().default(null),
  requireIdentity: z.boolean().default(false),
  botEnabled: z.boolean().default(true),
  preChatFields: z.array(preChatFieldSchema).max(4).default([{ name: 'name', required: false }, { name: 'question', required: true }]),
  greeting: z.object({ 'zh-CN': z.string().trim().max(500), en: z.string().trim().max(500) }).default({ 'zh-CN': '您好！请问有什么可以帮您？', en: 'Hello! How can we help?' }),
  active: z.boolean().default(true),
});
export type SiteInput = z.input<typeof siteInputSchema>;

export interface Site extends z.output<typeof siteInputSchema> {
  id: number;
  token: string;
  secret: string;
  updatedAt: string | null;
}

export type { PublicSite } from '../../core/realtime/chat-events';

interface SiteRow {
  id: number;
  name: string;
  token: string;
  secret: string;
  allowed_origins: string;
  queue_id: number | null;
  business_hours_id: number | null;
  require_identity: number | boolean;
  bot_enabled: number | boolean;
  pre_chat_fields: string;
  greeting: string;
  active: number | boolean;
  updated_at: unknown;
}

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  name: r.name,
  token: r.token,
  secret: r.secret,
  allowedOrigins: JSON.parse(r.allowed_origins) as string[],
  queueId: r.queue_id,
  businessHoursId: r.business_hours_id,
  requireIdentity: Boolean(r.require_identity),
  botEnabled: Boolean(r.bot_enabled),
  preChatFields: JSON.parse(r.pre_chat_fields) as Site['preChatFields'],
  greeting: JSON.parse(r.greeting) as Site['greeting'],
  active: Boolean(r.active),
  updatedAt: readTime(r.updated_at)?.toISOString() ?? null,
});

function columns(s: Partial<z.output<typeof siteInputSchema>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.name !== undefined) out.name = s.name;
  if (s.allowedOrigins !== undefined) out.allowed_origins = JSON.stringify(s.allowedOrigins);
  if (s.queueId !== undefined) out.queue_id = s.queueId;
  if (s.businessHoursId !== undefined) out.business_hours_id = s.businessHoursId;
  if (s.requireIdentity !== undefined) out.require_identity = s.requireIdentity;
  if (s.botEnabled !== undefined) out.bot_enabled = s.botEnabled;
  if (s.preChatFields !== undefined) out.pre_chat_fields = JSON.stringify(s.preChatFields);
  if (s.greeting !== undefined) out.greeting = JSON.stringify(s.greeting);
  if (s.active !== undefined) out.active = s.active;
  return out;
}

/** The HMAC a site's own back end computes for a signed-in user: hex SHA-256 keyed by the site secret. */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

export function verifyUserHash(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(userHash(secret, userId), 'hex');
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A page may embed the widget when its origin is listed; an empty list means the server's own pages
 * only (same host as the request, e.g. /demo/chat).
 */
export function originAllowed(site: Site, origin: string | undefined, ownHost: string | undefined): boolean {
  if (!origin) return true; // not a browser (browsers always send Origin on cross-origin and WebSocket requests)
  if (site.allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === ownHost;
  } catch {
    return false;
  }
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Web sites that embed the chat widget, as admins configure them. */
export class SiteService {
  private byTokenCache = new Map<string, Site>();
  private loaded = false;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Site[]> {
    return ((await this.db('webim_sites').orderBy('name')) as SiteRow[]).map(toSite);
  }

  async get(id: number): Promise<Site> {
    const row = (await this.db('webim_sites').where({ id }).first()) as SiteRow | undefined;
    if (!row) throw new NotFound(`site ${id} not found`);
    return toSite(row);
  }

  /** Active sites by their public token, cached: every widget connection asks. */
  async byToken(token: string): Promise<Site | undefined> {
    if (!this.loaded) {
      this.byTokenCache = new Map((await this.list()).filter((s) => s.active).map((s) => [s.token, s]));
      this.loaded = true;
    }
    return this.byTokenCache.get(token);
  }

  async create(input: SiteInput): Promise<Site> {
    const s = siteInputSchema.parse(input);
    const now = new Date(this.clock.now());
    const token = randomBytes(18).toString('base64url');
    const secret = randomBytes(32).toString('hex');
    try {
      const [id] = await this.db('webim_sites').insert({ ...columns(s), token, secret, created_at: now, updated_at: now });
      this.loaded = false;
      return this.get(Number(id));
    } catch (err) {
      if (await this.db('webim_sites').where({ name: s.name }).first()) throw new Conflict(`a site named ${s.name} exists`);
      throw err;
    }
  }

  async update(id: number, patch: Partial<z.output<typeof siteInputSchema>>): Promise<Site> {
    await this.get(id);
    await this.db('webim_sites').where({ id }).update({ ...columns(patch), updated_at: new Date(this.clock.now()) });
    this.loaded = false;
    return this.get(id);
  }

  async rotateSecret(id: number): Promise<Site> {
    await this.get(id);
    await this.db('webim_sites').where({ id }).update({ secret: randomBytes(32).toString('hex'), updated_at: new Date(this.clock.now()) });
    this.loaded = false;
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.db('webim_sites').where({ id }).delete();
    this.loaded = false;
  }
}
