import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { ReconnectMachine } from './backoff';

const policy = { initialMs: 250, maxMs: 4000, factor: 2, jitter: 0.2, stableMs: 30_000 };

describe('reconnect backoff', () => {
  it('climbs 250, 500, 1000 … to the cap while the server stays down, connecting only when due', () => {
    const clock = new ManualClock(0);
    const m = new ReconnectMachine(policy, () => 0);
    expect(m.start()).toEqual({ do: 'connect', attempt: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const a = m.lost(clock.now());
      if (a.do !== 'wait') throw new Error('expected a wait');
      delays.push(a.delayMs);
      clock.advance(a.delayMs - 1);
      // A timer that fires a millisecond early is told to wait out the rest, not dropped.
      expect(m.tick(clock.now())).toMatchObject({ do: 'wait', delayMs: 1 });
      clock.advance(1);
      expect(m.tick(clock.now())).toMatchObject({ do: 'connect' });
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(m.up).toBe(false);
  });

  it('jitter only shortens a delay, by at most the jitter share', () => {
    const m = new ReconnectMachine(policy, () => 1);
    m.start();
    expect(m.lost(0)).toEqual({ do: 'wait', delayMs: 200, attempt: 2 });
  });

  it('a link that stayed up resets the ladder; a flapping one keeps climbing', () => {
    const clock = new ManualClock(0);
    const m = new ReconnectMachine(policy, () => 0);
    m.start();
    m.lost(clock.now());
    clock.advance(250);
    m.tick(clock.now());
    m.connected(clock.now());
    expect(m.up).toBe(true);
    clock.advance(1000);
    expect(m.lost(clock.now())).toMatchObject({ delayMs: 500 });
    clock.advance(500);
    m.tick(clock.now());
    m.connected(clock.now());
    clock.advance(31_000);
    expect(m.lost(clock.now())).toMatchObject({ delayMs: 250, attempt: 2 });
  });

  it('stop ends it: no more attempts, losses ignored', () => {
    const m = new ReconnectMachine(policy, () => 0);
    m.start();
    m.stop();
    expect(m.lost(0)).toEqual({ do: 'nothing' });
    expect(m.tick(1e9)).toEqual({ do: 'nothing' });
    expect(m.state).toBe('stopped');
  });
});
