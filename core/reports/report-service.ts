import type { Knex } from 'knex';
import { z } from 'zod';
import { isTimeZone } from '../calendar/business-hours';
import { mediaSchema } from '../media';
import type { QueueService } from '../queues/queue-service';
import { readTime } from '../time';
import type { ReportInteraction } from './metrics';
import { buildPeriods, daysInclusive, isCalendarDate } from './periods';
import { FCR_WINDOW_MS, groupBys, summarize, type ContactVisit, type ReportSummary } from './summary';

/** Longest report: a quarter, so one request never reads years of interactions. */
export const MAX_REPORT_DAYS = 92;
/** Hourly buckets beyond a week are too many to read or chart. */
export const MAX_HOURLY_DAYS = 7;
export const DEFAULT_REPORT_ZONE = 'Asia/Shanghai';
/** The queue model's default, for interactions whose queue was deleted since. */
const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

// Query strings carry empty values for unset filters (`queueId=&media=`): they mean "all".
const blank = (value: unknown) => (value === '' ? undefined : value);
const localDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

/** The report's filters as a plain object, so the HTTP layer can add its own fields before the range check. */
export const reportFiltersObject = z.object({
  from: localDate,
  to: localDate,
  zone: z.preprocess(blank, z.string().refine(isTimeZone, 'unknown time zone').default(DEFAULT_REPORT_ZONE)),
  groupBy: z.preprocess(blank, z.enum(groupBys).default('day')),
  queueId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  media: z.preprocess(blank, mediaSchema.optional()),
});

/** Refuses a range that ends before it starts, or is longer than the report allows. */
export function checkReportRange(value: { from: string; to: string; groupBy: string }, ctx: z.RefinementCtx): void {
  if (!isCalendarDate(value.from) || !isCalendarDate(value.to)) return;
  const days = daysInclusive(value.from, value.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  else if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range is ${days} days; a report covers at most ${MAX_REPORT_DAYS}` });
  else if (value.groupBy === 'hour' && days > MAX_HOURLY_DAYS) ctx.addIssue({ code: 'custom', path: ['groupBy'], message: `hourly reports cover at most ${MAX_HOURLY_DAYS} days; this range is ${days}` });
}

export const reportFiltersSchema = reportFiltersObject.superRefine(checkReportRange);
export type ReportFilters = z.output<typeof reportFiltersObject>;

interface InteractionRow {
  id: string;
  media: string;
  queue_id: number | null;
  agent_id: number | null;
  contact_id: number | null;
  arrived_at: unknown;
  queued_at: unknown;
  answered_at: unknown;
  ended_at: unknown;
  wrap_up_ended_at: unknown;
  abandoned: unknown;
  wait_ms: number | null;
  talk_ms: number | null;
  resolved: unknown;
  csat_score: number | null;
}

const ms = (value: unknown): number | null => readTime(value)?.getTime() ?? null;
// SQLite and MySQL both return booleans as 0/1.
const flag = (value: unknown): boolean | null => (value === null || value === undefined ? null : Boolean(Number(value)));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function toInteraction(r: InteractionRow): ReportInteraction {
  return {
    id: r.id,
    media: r.media,
    queueId: num(r.queue_id),
    agentId: num(r.agent_id),
    contactId: num(r.contact_id),
    arrivedAt: ms(r.arrived_at) ?? 0,
    queuedAt: ms(r.queued_at),
    answeredAt: ms(r.answered_at),
    endedAt: ms(r.ended_at),
    wrapUpEndedAt: ms(r.wrap_up_ended_at),
    abandoned: flag(r.abandoned) === true,
    waitMs: num(r.wait_ms),
    talkMs: num(r.talk_ms),
    resolved: flag(r.resolved),
    csatScore: num(r.csat_score),
  };
}

/**
 * Reads the interactions of a report's range and hands them to the pure summary. The range is
 * local midnight to local midnight in the chosen zone, turned into UTC bounds for the query, so
 * the same plain comparison works on SQLite (epoch ms) and MySQL (UTC DATETIME).
 */
export class ReportService {
  constructor(
    private readonly db: Knex,
    private readonly queues: QueueService,
  ) {}

  async summary(input: z.input<typeof reportFiltersSchema>): Promise<ReportSummary> {
    const f = reportFiltersSchema.parse(input);
    const periods = buildPeriods(f.from, f.to, f.zone, f.groupBy === 'hour' ? 'hour' : 'day');
    const start = periods[0]?.start ?? 0;
    const end = periods[periods.length - 1]?.end ?? start;

    const query = this.db('interactions')
      .whereNotNull('queued_at')
      .where('arrived_at', '>=', new Date(start))
      .where('arrived_at', '<', new Date(end))
      .select('id', 'media', 'queue_id', 'agent_id', 'contact_id', 'arrived_at', 'queued_at', 'answered_at', 'ended_at', 'wrap_up_ended_at', 'abandoned', 'wait_ms', 'talk_ms', 'resolved', 'csat_score');
    if (f.queueId !== undefined) query.where('queue_id', f.queueId);
    if (f.media !== undefined) query.where('media', f.media);
    const rows = ((await query) as InteractionRow[]).map(toInteraction);

    const [visits, queueList, agents] = await Promise.all([this.visits(start, end), this.queues.list(), this.agentNames(rows)]);
    const thresholds = new Map(queueList.map((q) => [Number(q.id), q.serviceLevelSeconds]));
    return summarize({
      from: f.from,
      to: f.to,
      zone: f.zone,
      groupBy: f.groupBy,
      periods,
      rows,
      visits,
      thresholdSeconds: (queueId) => (queueId === null ? undefined : thresholds.get(queueId)) ?? DEFAULT_SERVICE_LEVEL_SECONDS,
      labels: { queues: new Map(queueList.map((q) => [Number(q.id), q.name])), agents },
    });
  }

  /**
   * Every answered interaction with a contact from 7 days before the range to 7 days after it, in
   * any queue or media: a repeat through another channel still means the first one did not resolve it.
   */
  private async visits(start: number, end: number): Promise<ContactVisit[]> {
    const rows = (await this.db('interactions')
      .whereNotNull('queued_at')
      .whereNotNull('answered_at')
      .whereNotNull('contact_id')
      .where('arrived_at', '>=', new Date(start - FCR_WINDOW_MS))
      .where('arrived_at', '<', new Date(end + FCR_WINDOW_MS))
      .select('id', 'contact_id', 'arrived_at')) as Array<{ id: string; contact_id: number; arrived_at: unknown }>;
    return rows.map((r) => ({ id: r.id, contactId: Number(r.contact_id), arrivedAt: ms(r.arrived_at) ?? 0 }));
  }

  private async agentNames(rows: readonly ReportInteraction[]): Promise<Map<number, string>> {
    const ids = [...new Set(rows.flatMap((r) => (r.agentId === null ? [] : [r.agentId])))];
    if (ids.length === 0) return new Map();
    const found = (await this.db('agents').join('users', 'users.id', 'agents.user_id').whereIn('agents.id', ids).select('agents.id as id', 'users.display_name as name')) as Array<{ id: number; name: string }>;
    return new Map(found.map((a) => [Number(a.id), a.name]));
  }
}
