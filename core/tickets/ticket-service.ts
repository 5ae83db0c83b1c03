import type { Knex } from 'knex';
import { z } from 'zod';
import type { Clock } from '../clock';
import { NotFound, ValidationError } from '../errors';
import { isoTime } from '../time';
import { transaction } from '../transaction';

export const ticketStatusSchema = z.enum(['open', 'pending', 'resolved', 'closed']);
export const ticketPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const ticketSourceSchema = z.enum(['manual', 'voice', 'voicemail', 'callback', 'webim', 'offline_form', 'wechat', 'sms', 'email']);

export const createTicketSchema = z.object({
  subject: z.string().trim().min(1).max(255),
  description: z.string().max(20_000).default(''),
  priority: ticketPrioritySchema.default('normal'),
  source: ticketSourceSchema.default('manual'),
  contactId: z.number().int().positive().nullable().default(null),
  interactionId: z.string().max(36).nullable().default(null),
  assigneeId: z.number().int().positive().nullable().default(null),
});
export type CreateTicket = z.input<typeof createTicketSchema>;

export const updateTicketSchema = z
  .object({ status: ticketStatusSchema, priority: ticketPrioritySchema, assigneeId: z.number().int().positive().nullable(), subject: z.string().trim().min(1).max(255) })
  .partial();
export type UpdateTicket = z.infer<typeof updateTicketSchema>;

export interface TicketEvent {
  id: number;
  /** created | comment | status | priority | assigned */
  type: string;
  actorId: number | null;
  /** Names ride along because agents may not list users; null for the system or a deleted user. */
  actorName: string | null;
  /** For `assigned`: the new assignee's name (null when unassigned). */
  assigneeName: string | null;
  body: string | null;
  data: unknown;
  at: string | null;
}

export interface Ticket {
  id: number;
  subject: string;
  description: string;
  status: z.infer<typeof ticketStatusSchema>;
  priority: z.infer<typeof ticketPrioritySchema>;
  source: z.infer<typeof ticketSourceSchema>;
  contactId: number | null;
  assigneeId: number | null;
  assigneeName: string | null;
  interactionId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  resolvedAt: string | null;
}

interface TicketRow {
  id: number;
  subject: string;
  description: string;
  status: Ticket['status'];
  priority: Ticket['priority'];
  source: Ticket['source'];
  contact_id: number | null;
  assignee_id: number | null;
  assignee_name: string | null;
  interaction_id: string | null;
  created_at: unknown;
  updated_at: unknown;
  resolved_at: unknown;
}

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  subject: r.subject,
  description: r.description,
  status: r.status,
  priority: r.priority,
  source: r.source,
  contactId: r.contact_id,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  interactionId: r.interaction_id,
  createdAt: isoTime(r.created_at),
  updatedAt: isoTime(r.updated_at),
  resolvedAt: isoTime(r.resolved_at),
});

/** 工单: work that outlives a call or chat (voicemails, offline messages, follow-ups), with its history. */
export class TicketService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateTicket, actorId: number | null): Promise<Ticket> {
    const t = createTicketSchema.parse(input);
    await this.checkAssignee(t.assigneeId);
    if (t.contactId !== null && !(await this.db('contacts').where({ id: t.contactId }).first('id'))) {
      throw new ValidationError('unknown contact', [{ path: 'body.contactId', message: 'unknown contact' }]);
    }
    const now = new Date(this.clock.now());
    const id = await transaction(this.db, async (trx) => {
      const [ticketId] = await trx('tickets').insert({
        subject: t.subject,
        description: t.description,
        priority: t.priority,
        source: t.source,
        status: 'open',
        contact_id: t.contactId,
        interaction_id: t.interactionId,
        assignee_id: t.assigneeId,
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      await trx('ticket_events').insert({ ticket_id: Number(ticketId), type: 'created', actor_id: actorId, body: null, data: JSON.stringify({ source: t.source }), at: now });
      return Number(ticketId);
    });
    return this.get(id);
  }

  /** Who a ticket can be given to: every active user, by name (agents have no user list otherwise). */
  async assignees(): Promise<Array<{ id: number; name: string }>> {
    const rows = (await this.db('users').where({ active: true }).orderBy('display_name').select('id', 'display_name')) as Array<{ id: number; display_name: string }>;
    return rows.map((r) => ({ id: r.id, name: r.display_name }));
  }

  /** Tickets with the assignee's display name joined in. */
  private rows(): Knex.QueryBuilder {
    return this.db('tickets').leftJoin('users', 'users.id', 'tickets.assignee_id').select('tickets.*', 'users.display_name as assignee_name');
  }

  /** An assignee must be an active user: a foreign-key failure would surface as a 500. */
  private async checkAssignee(userId: number | null | undefined): Promise<void> {
    if (userId === null || userId === undefined) return;
    if (!(await this.db('users').where({ id: userId, active: true }).first('id'))) {
      throw new ValidationError('unknown or inactive user', [{ path: 'body.assigneeId', message: 'unknown or inactive user' }]);
    }
  }

  async get(id: number): Promise<Ticket> {
    const row = (await this.rows().where('tickets.id', id).first()) as TicketRow | undefined;
    if (!row) throw new NotFound(`ticket ${id} not found`);
    return toTicket(row);
  }

  async list(filter: { status?: Ticket['status']; assigneeId?: number; contactId?: number; limit?: number } = {}): Promise<Ticket[]> {
    const q = this.rows().orderBy('tickets.updated_at', 'desc').orderBy('tickets.id', 'desc').limit(filter.limit ?? 100);
    if (filter.status) q.where('tickets.status', filter.status);
    if (filter.assigneeId) q.where('tickets.assignee_id', filter.assigneeId);
    if (filter.contactId) q.where('tickets.contact_id', filter.contactId);
    return ((await q) as TicketRow[]).map(toTicket);
  }

  async events(id: number): Promise<TicketEvent[]> {
    const rows = (await this.db('ticket_events').where({ ticket_id: id }).orderBy('id')) as Array<{ id: number; type: string; actor_id: number | null; body: string | null; data: string | null; at: unknown }>;
    const events = rows.map((r) => ({ row: r, data: r.data ? (JSON.parse(r.data) as unknown) : null }));
    const assignedTo = (data: unknown): number | null => (typeof data === 'object' && data !== null && 'to' in data && typeof data.to === 'number' ? data.to : null);
    const ids = new Set<number>();
    for (const e of events) {
      if (e.row.actor_id !== null) ids.add(e.row.actor_id);
      const to = e.row.type === 'assigned' ? assignedTo(e.data) : null;
      if (to !== null) ids.add(to);
    }
    const users = ids.size > 0 ? ((await this.db('users').whereIn('id', [...ids]).select('id', 'display_name')) as Array<{ id: number; display_name: string }>) : [];
    const name = (userId: number | null) => users.find((u) => u.id === userId)?.display_name ?? null;
    return events.map(({ row: r, data }) => ({
      id: r.id,
      type: r.type,
      actorId: r.actor_id,
      actorName: name(r.actor_id),
      assigneeName: r.type === 'assigned' ? name(assignedTo(data)) : null,
      body: r.body,
      data,
      at: isoTime(r.at),
    }));
  }

  async update(id: number, patch: UpdateTicket, actorId: number | null): Promise<Ticket> {
    const current = await this.get(id);
    await this.checkAssignee(patch.assigneeId);
    const now = new Date(this.clock.now());
    const changes: Record<string, unknown> = { updated_at: now };
    if (patch.subject !== undefined) changes.subject = patch.subject;
    if (patch.priority !== undefined) changes.priority = patch.priority;
    if (patch.assigneeId !== undefined) changes.assignee_id = patch.assigneeId;
    if (patch.status !== undefined) {
      changes.status = patch.status;
      changes.resolved_at = patch.status === 'resolved' || patch.status === 'closed' ? (current.resolvedAt ? new Date(current.resolvedAt) : now) : null;
    }
    await transaction(this.db, async (trx) => {
      await trx('tickets').where({ id }).update(changes);
      if (patch.status !== undefined && patch.status !== current.status) {
        await trx('ticket_events').insert({ ticket_id: id, type: 'status', actor_id: actorId, body: null, data: JSON.stringify({ from: current.status, to: patch.status }), at: now });
      }
      if (patch.priority !== undefined && patch.priority !== current.priority) {
        await trx('ticket_events').insert({ ticket_id: id, type: 'priority', actor_id: actorId, body: null, data: JSON.stringify({ from: current.priority, to: patch.priority }), at: now });
      }
      if (patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId) {
        await trx('ticket_events').insert({ ticket_id: id, type: 'assigned', actor_id: actorId, body: null, data: JSON.stringify({ to: patch.assigneeId }), at: now });
      }
    });
    return this.get(id);
  }

  async comment(id: number, body: string, actorId: number | null): Promise<TicketEvent[]> {
    await this.get(id);
    const now = new Date(this.clock.now());
    await this.db('ticket_events').insert({ ticket_id: id, type: 'comment', actor_id: actorId, body, data: null, at: now });
    await this.db('tickets').where({ id }).update({ updated_at: now });
    return this.events(id);
  }
}
