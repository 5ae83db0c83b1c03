import type { Knex } from 'knex';
import type { Clock } from '../clock';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

const secretKeys = /pass(word)?|secret|token|ha1|hash/i;

/** Drops anything that looks like a secret before it reaches the audit table. */
export function scrub(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (secretKeys.test(key)) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = scrub(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

export class AuditLog {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, trx: Knex = this.db): Promise<void> {
    await trx('audit_log').insert({
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      data: entry.data ? JSON.stringify(scrub(entry.data)) : null,
      ip: entry.ip ?? null,
      at: new Date(this.clock.now()),
    });
  }

  async list(filter: { entity?: string; limit?: number } = {}): Promise<Array<Record<string, unknown>>> {
    const q = this.db('audit_log').orderBy('id', 'desc').limit(filter.limit ?? 200);
    if (filter.entity) q.where({ entity: filter.entity });
    return q;
  }
}
