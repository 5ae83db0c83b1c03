import { describe, expect, it } from 'vitest';
import { businessHoursSchema, isHoliday, isOpen } from './business-hours';

const office = businessHoursSchema.parse({
  name: 'office',
  timezone: 'Asia/Shanghai',
  weekly: [1, 2, 3, 4, 5].flatMap((day) => [
    { day, open: '09:00', close: '12:00' },
    { day, open: '13:00', close: '18:00' },
  ]),
  holidays: ['2026-10-01'],
});

describe('business hours in Asia/Shanghai, evaluated from UTC instants', () => {
  it('opens at 09:00 Beijing time (01:00 UTC) on a Wednesday', () => {
    // 2026-11-25 is a Wednesday. 01:30 UTC = 09:30 Beijing.
    expect(isOpen(office, new Date('2026-11-25T01:30:00Z'))).toBe(true);
    // 00:59 UTC = 08:59 Beijing: not yet.
    expect(isOpen(office, new Date('2026-11-25T00:59:00Z'))).toBe(false);
  });

  it('closes for lunch and at 18:00 local', () => {
    expect(isOpen(office, new Date('2026-11-25T04:30:00Z'))).toBe(false); // 12:30
    expect(isOpen(office, new Date('2026-11-25T09:59:00Z'))).toBe(true); // 17:59
    expect(isOpen(office, new Date('2026-11-25T10:00:00Z'))).toBe(false); // 18:00
  });

  it('uses the local date across the UTC midnight boundary, for weekends and holidays', () => {
    // Friday 2026-11-27 17:00 UTC = Saturday 01:00 Beijing.
    expect(isOpen(office, new Date('2026-11-27T03:00:00Z'))).toBe(true); // Fri 11:00
    expect(isOpen(office, new Date('2026-11-28T03:00:00Z'))).toBe(false); // Sat 11:00
    // 2026-09-30 20:00 UTC is already 2026-10-01 04:00 in Beijing: a holiday there.
    expect(isHoliday(office, new Date('2026-09-30T20:00:00Z'))).toBe(true);
    expect(isOpen(office, new Date('2026-10-01T02:00:00Z'))).toBe(false); // a Thursday, but National Day
  });

  it('refuses unknown zones and malformed times', () => {
    expect(businessHoursSchema.safeParse({ name: 'x', timezone: 'Mars/Base', weekly: [] }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ name: 'x', weekly: [{ day: 1, open: '9:00', close: '18:00' }] }).success).toBe(false);
  });
});
