import { factsOf, Tally, type ReportInteraction, type ReportMetrics } from './metrics';
import { DAY_MS, periodIndex, type Period } from './periods';

export const groupBys = ['day', 'hour', 'queue', 'agent', 'media'] as const;
export type GroupBy = (typeof groupBys)[number];

/** A repeat within this long after an answered contact means it was not resolved the first time. */
export const FCR_WINDOW_MS = 7 * DAY_MS;

/** An answered interaction of a contact, from any queue or media: what FCR compares against. */
export interface ContactVisit {
  id: string;
  contactId: number;
  arrivedAt: number;
}

export interface ReportRow extends ReportMetrics {
  /** The local date, the hour's UTC start, the queue or agent id, or the media; '' for "none". */
  key: string;
  /** What to show: the local date or hour, the queue or agent name; null when unknown or none. */
  label: string | null;
  /** UTC ISO bounds of a time bucket; null for the other groupings. */
  start: string | null;
  end: string | null;
}

export interface ReportSummary {
  from: string;
  to: string;
  zone: string;
  groupBy: GroupBy;
  totals: ReportMetrics;
  rows: ReportRow[];
  /** The same figures over time (days, or hours when grouped by hour) for the chart. */
  series: ReportRow[];
}

export interface SummaryInput {
  from: string;
  to: string;
  zone: string;
  groupBy: GroupBy;
  /** The report's days, or hours when grouped by hour: the series' buckets; interactions arriving outside them are left out. */
  periods: readonly Period[];
  rows: readonly ReportInteraction[];
  visits: readonly ContactVisit[];
  /** Service-level threshold of a queue, in seconds. */
  thresholdSeconds(queueId: number | null): number;
  /** Names of queues and agents by id. */
  labels?: { queues?: ReadonlyMap<number, string>; agents?: ReadonlyMap<number, string> };
}

/**
 * First-contact resolution per answered interaction with a known contact: undefined when the
 * same contact had another answered interaction less than 7 days before it (it is a repeat, not a
 * first contact); otherwise true when it was marked resolved and the contact did not come back
 * (another answered interaction) within 7 days after it.
 */
export function firstContactOutcomes(rows: readonly ReportInteraction[], visits: readonly ContactVisit[]): Map<string, boolean> {
  const byContact = new Map<number, ContactVisit[]>();
  const seen = new Set<string>();
  const add = (v: ContactVisit) => {
    if (seen.has(v.id)) return;
    seen.add(v.id);
    const list = byContact.get(v.contactId) ?? [];
    list.push(v);
    byContact.set(v.contactId, list);
  };
  for (const v of visits) add(v);
  // The rows themselves are visits too, whatever the caller's visit query covered.
  for (const r of rows) if (r.contactId !== null && r.queuedAt !== null && r.answeredAt !== null) add({ id: r.id, contactId: r.contactId, arrivedAt: r.arrivedAt });
  for (const list of byContact.values()) list.sort((a, b) => a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const out = new Map<string, boolean>();
  for (const r of rows) {
    if (r.contactId === null || r.queuedAt === null || r.answeredAt === null) continue;
    const list = byContact.get(r.contactId) ?? [];
    const i = list.findIndex((v) => v.id === r.id);
    const before = list[i - 1];
    const after = list[i + 1];
    if (before && r.arrivedAt - before.arrivedAt < FCR_WINDOW_MS) continue;
    out.set(r.id, r.resolved === true && !(after && after.arrivedAt - r.arrivedAt < FCR_WINDOW_MS));
  }
  return out;
}

function groupKey(groupBy: GroupBy, row: ReportInteraction): string {
  if (groupBy === 'queue') return row.queueId === null ? '' : String(row.queueId);
  if (groupBy === 'agent') return row.agentId === null ? '' : String(row.agentId);
  return row.media;
}

function timeRows(periods: readonly Period[], tallies: readonly Tally[]): ReportRow[] {
  return periods.map((p, i) => ({
    key: p.key,
    label: p.label,
    start: new Date(p.start).toISOString(),
    end: new Date(p.end).toISOString(),
    ...(tallies[i] ?? new Tally()).result(),
  }));
}

/** Totals, grouped rows and a time series of the interactions, per the report's grouping. */
export function summarize(input: SummaryInput): ReportSummary {
  const fcr = firstContactOutcomes(input.rows, input.visits);
  const total = new Tally();
  const timed = input.groupBy === 'day' || input.groupBy === 'hour';
  const buckets = input.periods.map(() => new Tally());
  const groups = new Map<string, Tally>();

  for (const row of input.rows) {
    const at = periodIndex(input.periods, row.arrivedAt);
    if (at < 0) continue;
    const facts = factsOf(row, input.thresholdSeconds(row.queueId), fcr.get(row.id));
    total.add(facts);
    buckets[at]?.add(facts);
    if (timed) continue;
    const key = groupKey(input.groupBy, row);
    let tally = groups.get(key);
    if (!tally) groups.set(key, (tally = new Tally()));
    tally.add(facts);
  }

  const series = timeRows(input.periods, buckets);
  const names = input.groupBy === 'queue' ? input.labels?.queues : input.groupBy === 'agent' ? input.labels?.agents : undefined;
  const rows = timed
    ? series
    : [...groups.entries()]
        .map(([key, tally]): ReportRow => ({
          key,
          label: input.groupBy === 'media' ? key : key === '' ? null : (names?.get(Number(key)) ?? null),
          start: null,
          end: null,
          ...tally.result(),
        }))
        // Busiest first; the id breaks ties so the order never depends on the database's.
        .sort((a, b) => b.offered - a.offered || b.answered - a.answered || a.key.localeCompare(b.key));

  return { from: input.from, to: input.to, zone: input.zone, groupBy: input.groupBy, totals: total.result(), rows, series };
}
