import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { RateLimiter } from './rate-limit';

describe('RateLimiter (token bucket per key)', () => {
  it('allows a burst, then refills with time, per key', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(3, 1, clock);
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
    expect(limiter.take('10.0.0.2')).toBe(true);
    expect(limiter.retryAfter('10.0.0.1')).toBe(1);
    clock.advance(1000);
    expect(limiter.allows('10.0.0.1')).toBe(true);
    expect(limiter.take('10.0.0.1')).toBe(true);
    expect(limiter.take('10.0.0.1')).toBe(false);
  });

  it('forgets the least recently seen sources beyond maxKeys, so a spoofed flood cannot grow memory', () => {
    const limiter = new RateLimiter(1, 0, new ManualClock(), 100);
    for (let i = 0; i < 1000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
  });
});
