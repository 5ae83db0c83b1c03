// Figures and dates of the reports page. The console may import only types from core, so the
// little date arithmetic it needs is repeated here.

export const MAX_REPORT_DAYS = 92; // as core/reports/report-service.ts: the server refuses longer
export const MAX_HOURLY_DAYS = 7;

const DAY_MS = 86_400_000;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Today's date in `zone`, YYYY-MM-DD. */
export function todayIn(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  return new Date(utcDay(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included; NaN when either is not a date. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS) + 1;
}

export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function score(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** A round axis top: steps of 1, 2 or 5 times a power of ten, whole numbers, about four of them. */
export function axisTicks(max: number): number[] {
  const raw = Math.max(max, 1) / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  const count = Math.max(1, Math.ceil(Math.max(max, 1) / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
