import { describe, expect, it } from 'vitest';
import { DtmfCollector } from './dtmf-collector';

describe('DtmfCollector', () => {
  it('stops at maxDigits', () => {
    const c = new DtmfCollector({ maxDigits: 3, interDigitTimeoutMs: 3000 }, 0);
    expect(c.onDigit('1', 100)).toBeNull();
    expect(c.onDigit('2', 200)).toBeNull();
    expect(c.onDigit('3', 300)).toEqual({ digits: '123', reason: 'max', terminator: null, valid: true });
    expect(c.onDigit('4', 400)?.digits).toBe('123');
  });

  it('stops at a terminator, which is not part of the digits, and checks minDigits', () => {
    const c = new DtmfCollector({ minDigits: 4, maxDigits: 8, terminators: '#*', interDigitTimeoutMs: 3000 }, 0);
    c.onDigit('4', 10);
    c.onDigit('2', 20);
    expect(c.onDigit('#', 30)).toEqual({ digits: '42', reason: 'terminator', terminator: '#', valid: false });
  });

  it('times out between digits, measured from the last digit', () => {
    const c = new DtmfCollector({ maxDigits: 5, interDigitTimeoutMs: 2000, firstDigitTimeoutMs: 5000 }, 0);
    expect(c.tick(4999)).toBeNull();
    c.onDigit('7', 4000);
    expect(c.nextDeadline()).toBe(6000);
    expect(c.tick(5999)).toBeNull();
    expect(c.tick(6000)).toEqual({ digits: '7', reason: 'timeout', terminator: null, valid: true });
  });

  it('reports no input when the first digit never comes', () => {
    const c = new DtmfCollector({ maxDigits: 1, interDigitTimeoutMs: 3000 }, 1000);
    c.restartTimers(2000); // the prompt finished at 2000
    expect(c.tick(4999)).toBeNull();
    expect(c.tick(5000)?.reason).toBe('no-input');
  });

  it('enforces the total timeout even while digits keep coming', () => {
    const c = new DtmfCollector({ maxDigits: 20, interDigitTimeoutMs: 2000, totalTimeoutMs: 5000 }, 0);
    for (let t = 500; t < 5000; t += 1000) c.onDigit('1', t);
    expect(c.nextDeadline()).toBe(5000);
    expect(c.tick(5000)).toEqual({ digits: '11111', reason: 'total-timeout', terminator: null, valid: true });
  });

  it('can be cancelled and rejects impossible limits', () => {
    const c = new DtmfCollector({ maxDigits: 2, interDigitTimeoutMs: 1000 }, 0);
    expect(c.cancel().reason).toBe('cancelled');
    expect(() => new DtmfCollector({ minDigits: 3, maxDigits: 2, interDigitTimeoutMs: 1 }, 0)).toThrow();
  });
});
