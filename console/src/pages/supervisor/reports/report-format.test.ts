import { describe, expect, it } from 'vitest';
import { addDays, axisTicks, daysInclusive, percent, score, todayIn } from './report-format';

describe('reports page formatting', () => {
  it('rounds the count axis to whole, round steps', () => {
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(6)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(250)).toEqual([0, 100, 200, 300]);
    expect(axisTicks(1001)).toEqual([0, 500, 1000, 1500]);
  });

  it('does date arithmetic on local dates', () => {
    // 2026-03-01 16:30 UTC is already 03-02 in Shanghai.
    expect(todayIn('Asia/Shanghai', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(todayIn('UTC', new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-01');
    expect(addDays('2026-03-01', -6)).toBe('2026-02-23');
    expect(daysInclusive('2026-03-01', '2026-03-02')).toBe(2);
  });

  it('shows missing figures as a dash', () => {
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('—');
    expect(score(11 / 3)).toBe('3.67');
    expect(score(null)).toBe('—');
  });
});
