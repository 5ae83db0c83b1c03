import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../core/clock';
import type { CustomerIdentity } from '../channel';
import { tokenHash } from './sites';

/** A visitor token: 256 random bits, base64url. The browser keeps it; we keep only its hash. */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isVisitorToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export interface Visitor {
  siteId: number;
  tokenHash: string;
  /** The site's own user id, when the page proved it with the HMAC. */
  userId: string | null;
}

/**
 * The CRM identity of a visitor: a signed-in user is the same contact on every device; an
 * anonymous visitor is one contact per browser (per token).
 */
export function visitorIdentity(v: Visitor, fields: { name?: string; phone?: string; email?: string }): CustomerIdentity {
  return {
    kind: 'webim_visitor',
    value: v.userId ? `site${v.siteId}:user:${v.userId}` : `site${v.siteId}:v:${v.tokenHash}`,
    ...(fields.name ? { displayName: fields.name } : {}),
    ...(fields.phone ? { phone: fields.phone } : {}),
    ...(fields.email ? { email: fields.email } : {}),
  };
}

/** Remembers which browsers have chatted, for "returning visitor" and to find their contact again. */
export class VisitorService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async contactOf(v: Visitor): Promise<number | undefined> {
    const identity = visitorIdentity(v, {});
    const row = (await this.db('contact_identities').where({ kind: identity.kind, value: identity.value }).first('contact_id')) as { contact_id: number } | undefined;
    return row?.contact_id;
  }

  /** The visitor a token belongs to, once that visitor has chatted. */
  async byToken(token: string): Promise<{ siteId: number; contactId: number | null } | undefined> {
    const row = (await this.db('webim_visitors').where({ token_hash: tokenHash(token) }).first('site_id', 'contact_id')) as { site_id: number; contact_id: number | null } | undefined;
    return row ? { siteId: row.site_id, contactId: row.contact_id } : undefined;
  }

  async remember(v: Visitor, contactId: number): Promise<void> {
    const exists = await this.db('webim_visitors').where({ token_hash: v.tokenHash }).first('id');
    if (exists) return;
    await this.db('webim_visitors')
      .insert({ site_id: v.siteId, token_hash: v.tokenHash, external_user_id: v.userId, contact_id: contactId, created_at: new Date(this.clock.now()) })
      .catch(() => undefined); // two tabs at once: the other one recorded it
  }
}

export { tokenHash };
