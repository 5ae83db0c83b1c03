import { localParts } from '../calendar/business-hours';

/** A report bucket: [start, end) in UTC epoch ms, named by its local date (and hour) in the report's zone. */
export interface Period {
  /** The local date for days; the UTC start (ISO) for hours, since a DST fall-back repeats a local hour. */
  key: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, local to the zone. */
  label: string;
  start: number;
  end: number;
}

export type PeriodUnit = 'day' | 'hour';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is refused, not rolled over). */
export function isCalendarDate(value: string): boolean {
  const m = datePattern.exec(value);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === value;
}

function dateUtc(date: string): number {
  const m = datePattern.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function nextDate(date: string): string {
  return new Date(dateUtc(date) + DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day, 0 or less when `to` is earlier). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((dateUtc(to) - dateUtc(from)) / DAY_MS) + 1;
}

// Formatters are costly to build, and a report needs one per zone.
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at `at`, read as if it were UTC: the difference to `at` is the zone's offset. */
function wallClock(at: number, zone: string): number {
  let format = wallFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    wallFormatters.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

function offsetMs(at: number, zone: string): number {
  return wallClock(at, zone) - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The UTC instant of local midnight starting `date` in `zone`. The offset is read twice because
 * the offset at the naive guess can differ from the offset at midnight itself on a DST change day.
 */
export function localMidnight(date: string, zone: string): number {
  const wall = dateUtc(date);
  const guess = wall - offsetMs(wall, zone);
  return wall - offsetMs(guess, zone);
}

/** The buckets of a report from `from` to `to` (local dates, both included), every one of them, empty or not. */
export function buildPeriods(from: string, to: string, zone: string, unit: PeriodUnit): Period[] {
  const out: Period[] = [];
  for (let date = from; date <= to; date = nextDate(date)) {
    const start = localMidnight(date, zone);
    const end = localMidnight(nextDate(date), zone);
    if (unit === 'day') {
      out.push({ key: date, label: date, start, end });
      continue;
    }
    // Stepping real hours from midnight gives a DST day its 23 or 25 buckets.
    for (let at = start; at < end; at += HOUR_MS) {
      const local = localParts(new Date(at), zone);
      const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
      const mm = String(local.minutes % 60).padStart(2, '0');
      out.push({ key: new Date(at).toISOString(), label: `${local.date} ${hh}:${mm}`, start: at, end: Math.min(at + HOUR_MS, end) });
    }
  }
  return out;
}

/** Index of the period holding `at`, or -1 outside them all (periods are contiguous and sorted). */
export function periodIndex(periods: readonly Period[], at: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid];
    if (!p) return -1;
    if (at < p.start) hi = mid - 1;
    else if (at >= p.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
