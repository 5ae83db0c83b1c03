import type { Knex } from 'knex';
import { z } from 'zod';
import type { Clock } from '../clock';
import { NotFound } from '../errors';
import { isoTime } from '../time';
import { transaction } from '../transaction';

export const identityKindSchema = z.enum(['phone', 'wechat_openid', 'webim_visitor', 'sms', 'email']);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const contactPatchSchema = z
  .object({
    name: z.string().trim().max(128),
    company: z.string().trim().max(128),
    email: z.email().nullable(),
    phone: z.string().trim().max(64).nullable(),
    notes: z.string().max(10_000),
    tags: z.array(z.string().trim().min(1).max(32)).max(20),
  })
  .partial();
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export interface Contact {
  id: number;
  name: string;
  company: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  identities: Array<{ kind: IdentityKind; value: string }>;
  createdAt: string | null;
}

interface ContactRow {
  id: number;
  name: string;
  company: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string;
  created_at: unknown;
}

/** The CRM side: who the customer is, however they reached us (phone, WeChat, web, SMS). */
export class ContactService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async get(id: number): Promise<Contact> {
    const row = (await this.db('contacts').where({ id }).first()) as ContactRow | undefined;
    if (!row) throw new NotFound(`contact ${id} not found`);
    const identities = (await this.db('contact_identities').where({ contact_id: id }).select('kind', 'value')) as Contact['identities'];
    return {
      id: row.id,
      name: row.name,
      company: row.company,
      email: row.email,
      phone: row.phone,
      notes: row.notes,
      tags: JSON.parse(row.tags) as string[],
      identities,
      createdAt: isoTime(row.created_at),
    };
  }

  /** The contact owning this identity, created (with the identity) when it is new: screen-pop never misses. */
  async findOrCreate(kind: IdentityKind, value: string, defaults: { name?: string; phone?: string; email?: string } = {}): Promise<{ contact: Contact; created: boolean }> {
    const existing = (await this.db('contact_identities').where({ kind, value }).first()) as { contact_id: number } | undefined;
    if (existing) return { contact: await this.get(existing.contact_id), created: false };
    const now = new Date(this.clock.now());
    try {
      const id = await transaction(this.db, async (trx) => {
        const [contactId] = await trx('contacts').insert({
          name: defaults.name ?? '',
          company: '',
          email: defaults.email ?? null,
          phone: defaults.phone ?? (kind === 'phone' || kind === 'sms' ? value : null),
          notes: '',
          tags: '[]',
          created_at: now,
          updated_at: now,
        });
        await trx('contact_identities').insert({ contact_id: Number(contactId), kind, value });
        return Number(contactId);
      });
      return { contact: await this.get(id), created: true };
    } catch (err) {
      // Two first contacts at once: the other one created it; use theirs.
      const again = (await this.db('contact_identities').where({ kind, value }).first()) as { contact_id: number } | undefined;
      if (again) return { contact: await this.get(again.contact_id), created: false };
      throw err;
    }
  }

  async update(id: number, patch: ContactPatch): Promise<Contact> {
    await this.get(id);
    const changes: Record<string, unknown> = { ...patch, updated_at: new Date(this.clock.now()) };
    if (patch.tags) changes.tags = JSON.stringify(patch.tags);
    await this.db('contacts').where({ id }).update(changes);
    return this.get(id);
  }

  async search(q: string, limit = 20): Promise<Contact[]> {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const rows = (await this.db('contacts')
      .where('name', 'like', like)
      .orWhere('phone', 'like', like)
      .orWhere('email', 'like', like)
      .orWhere('company', 'like', like)
      .orderBy('id', 'desc')
      .limit(limit)
      .select('id')) as Array<{ id: number }>;
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  /** Past interactions of this contact, newest first, for the screen-pop and the chat desk. */
  async history(id: number, limit = 20): Promise<Array<Record<string, unknown>>> {
    const rows = (await this.db('interactions')
      .where({ contact_id: id })
      .orderBy('arrived_at', 'desc')
      .limit(limit)
      .select('id', 'media', 'direction', 'state', 'queue_id', 'agent_id', 'arrived_at', 'answered_at', 'ended_at', 'disposition', 'notes', 'csat_score')) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ ...r, arrived_at: isoTime(r.arrived_at), answered_at: isoTime(r.answered_at), ended_at: isoTime(r.ended_at) }));
  }
}
