import type { Knex } from 'knex';
import { readTime } from '../../core/time';
import type { Media } from '../../core/media';
import type { ConversationState } from '../../core/realtime/chat-events';
import type { LiveConversation } from './live';

export interface InteractionRow {
  id: string;
  media: Media;
  state: string;
  queue_id: number | null;
  agent_id: number | null;
  contact_id: number | null;
  from_address: string | null;
  subject: string | null;
  arrived_at: unknown;
  answered_at: unknown;
  first_response_at: unknown;
  ended_at: unknown;
  exit_reason: string | null;
  csat_score: number | null;
  webim_site_id: number | null;
  variables: string | null;
}

/** Channel facts kept on the interaction row (`variables`), so a restart can carry on. */
interface Variables {
  locale: 'zh-CN' | 'en';
  siteName: string | null;
  selfService: boolean;
  businessHoursId: number | null;
  customerName: string;
}

const ms = (v: unknown) => readTime(v)?.getTime() ?? null;

/** Reads and writes the interaction rows of text conversations. */
export class ConversationRepo {
  constructor(private readonly db: Knex) {}

  async insert(c: LiveConversation, priority: number, skills: Record<string, number>): Promise<void> {
    const vars: Variables = { locale: c.locale, siteName: c.siteName, selfService: c.selfService, businessHoursId: c.businessHoursId, customerName: c.customerName };
    await this.db('interactions').insert({
      id: c.id,
      media: c.media,
      direction: 'inbound',
      state: c.state,
      queue_id: c.queueId === null ? null : Number(c.queueId),
      contact_id: c.contactId,
      priority,
      skills: JSON.stringify(skills),
      from_address: c.customerName.slice(0, 191) || null,
      subject: c.subject?.slice(0, 255) ?? null,
      arrived_at: new Date(c.arrivedAt),
      webim_site_id: c.siteId,
      variables: JSON.stringify(vars),
    });
  }

  async update(id: string, fields: Record<string, unknown>): Promise<void> {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) row[k] = typeof v === 'number' && k.endsWith('_at') ? new Date(v) : v;
    await this.db('interactions').where({ id }).update(row);
  }

  async get(id: string): Promise<InteractionRow | undefined> {
    return (await this.db('interactions').where({ id }).first()) as InteractionRow | undefined;
  }

  /** The conversation this contact still has open on this site, if any: a returning visitor carries on. */
  async openFor(contactId: number, siteId: number | null): Promise<string | undefined> {
    const q = this.db('interactions').where({ contact_id: contactId }).whereNull('ended_at').whereNot('media', 'voice').whereNot('media', 'video');
    if (siteId !== null) q.where({ webim_site_id: siteId });
    const row = (await q.orderBy('arrived_at', 'desc').first('id')) as { id: string } | undefined;
    return row?.id;
  }

  async unfinished(media: readonly Media[]): Promise<InteractionRow[]> {
    return (await this.db('interactions').whereIn('media', media).whereNull('ended_at')) as InteractionRow[];
  }

  toLive(r: InteractionRow, tail: { maxSeq: number; clientIds: Map<string, number> }): LiveConversation {
    const vars = (r.variables ? JSON.parse(r.variables) : {}) as Partial<Variables>;
    const state = (['bot', 'queued', 'offered', 'active'].includes(r.state) ? r.state : 'queued') as ConversationState;
    return {
      id: r.id,
      media: r.media,
      state,
      siteId: r.webim_site_id,
      siteName: vars.siteName ?? null,
      queueId: r.queue_id === null ? null : String(r.queue_id),
      agentId: r.agent_id === null ? null : String(r.agent_id),
      contactId: r.contact_id,
      customerName: vars.customerName ?? r.from_address ?? '',
      subject: r.subject,
      locale: vars.locale ?? 'zh-CN',
      arrivedAt: ms(r.arrived_at) ?? 0,
      answeredAt: ms(r.answered_at),
      firstResponseAt: ms(r.first_response_at),
      endedAt: ms(r.ended_at),
      exitReason: r.exit_reason,
      csatScore: r.csat_score,
      nextSeq: tail.maxSeq + 1,
      clientIds: tail.clientIds,
      customerReadSeq: 0,
      staffReadSeq: 0,
      participants: new Set(),
      invited: false,
      selfService: vars.selfService ?? false,
      businessHoursId: vars.businessHoursId ?? null,
    };
  }
}
