import { describe, expect, it } from 'vitest';
import { buildPeriods, daysInclusive, isCalendarDate, localMidnight, periodIndex } from './periods';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('report periods: local days and hours computed in UTC', () => {
  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(iso(localMidnight('2026-03-01', 'Asia/Shanghai'))).toBe('2026-02-28T16:00:00.000Z');
    const days = buildPeriods('2026-03-01', '2026-03-02', 'Asia/Shanghai', 'day');
    expect(days.map((d) => [d.key, iso(d.start), iso(d.end)])).toEqual([
      ['2026-03-01', '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
      ['2026-03-02', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ]);
  });

  it('puts 2026-03-01 23:30 Shanghai (15:30 UTC) on 03-01 and 00:00 Shanghai on 03-02', () => {
    const days = buildPeriods('2026-03-01', '2026-03-02', 'Asia/Shanghai', 'day');
    expect(periodIndex(days, Date.parse('2026-03-01T15:30:00Z'))).toBe(0);
    expect(periodIndex(days, Date.parse('2026-03-01T15:59:59.999Z'))).toBe(0);
    expect(periodIndex(days, Date.parse('2026-03-01T16:00:00Z'))).toBe(1);
    expect(periodIndex(days, Date.parse('2026-02-28T15:59:59.999Z'))).toBe(-1);
    expect(periodIndex(days, Date.parse('2026-03-02T16:00:00Z'))).toBe(-1);
    expect(periodIndex([], Date.parse('2026-03-02T16:00:00Z'))).toBe(-1);
  });

  it('names hours by local time and keys them by their UTC start', () => {
    const hours = buildPeriods('2026-03-01', '2026-03-01', 'Asia/Shanghai', 'hour');
    expect(hours).toHaveLength(24);
    expect(hours[0]).toMatchObject({ key: '2026-02-28T16:00:00.000Z', label: '2026-03-01 00:00' });
    expect(hours[23]).toMatchObject({ key: '2026-03-01T15:00:00.000Z', label: '2026-03-01 23:00' });
    expect(periodIndex(hours, Date.parse('2026-03-01T15:30:00Z'))).toBe(23);
  });

  it('gives a DST day its 23 or 25 hours and the right midnights (New York)', () => {
    expect(iso(localMidnight('2026-03-08', 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(localMidnight('2026-03-09', 'America/New_York'))).toBe('2026-03-09T04:00:00.000Z');
    expect(buildPeriods('2026-03-08', '2026-03-08', 'America/New_York', 'hour')).toHaveLength(23);
    const fallBack = buildPeriods('2026-11-01', '2026-11-01', 'America/New_York', 'hour');
    expect(fallBack).toHaveLength(25);
    // 01:00 happens twice: same label, different keys.
    expect(fallBack.filter((h) => h.label === '2026-11-01 01:00').map((h) => h.key)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z']);
  });

  it('handles half-hour zones and UTC', () => {
    expect(iso(localMidnight('2026-03-01', 'Asia/Kolkata'))).toBe('2026-02-28T18:30:00.000Z');
    expect(buildPeriods('2026-03-01', '2026-03-01', 'Asia/Kolkata', 'hour')[1]?.label).toBe('2026-03-01 01:00');
    expect(iso(localMidnight('2026-03-01', 'UTC'))).toBe('2026-03-01T00:00:00.000Z');
  });

  it('checks dates and counts days inclusively', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInclusive('2026-01-01', '2026-04-02')).toBe(92);
    expect(daysInclusive('2026-03-02', '2026-03-01')).toBe(0);
    expect(buildPeriods('2026-03-02', '2026-03-01', 'UTC', 'day')).toEqual([]);
  });
});
