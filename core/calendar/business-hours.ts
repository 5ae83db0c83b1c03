import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const businessHoursSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** IANA zone the opening times are written in; we store UTC and convert only here. */
  timezone: z.string().refine(isTimeZone, 'unknown time zone').default('Asia/Shanghai'),
  /** day: 1 = Monday … 7 = Sunday (ISO). Several ranges per day allowed (lunch closure). */
  weekly: z.array(z.object({ day: z.number().int().min(1).max(7), open: hhmm, close: hhmm })).max(50),
  /** Whole days closed, as local dates YYYY-MM-DD (法定节假日). */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400).default([]),
});
export type BusinessHours = z.output<typeof businessHoursSchema>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date, ISO weekday and minutes since midnight of an instant in a zone. */
export function localParts(at: Date, timezone: string): { date: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays[parts.weekday ?? 'Mon'] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export function isHoliday(hours: Pick<BusinessHours, 'holidays' | 'timezone'>, at: Date): boolean {
  return hours.holidays.includes(localParts(at, hours.timezone).date);
}

/** Open at this instant: not a holiday, and inside one of the day's ranges. */
export function isOpen(hours: BusinessHours, at: Date): boolean {
  const local = localParts(at, hours.timezone);
  if (hours.holidays.includes(local.date)) return false;
  return hours.weekly.some((r) => r.day === local.weekday && local.minutes >= toMinutes(r.open) && local.minutes < toMinutes(r.close));
}
