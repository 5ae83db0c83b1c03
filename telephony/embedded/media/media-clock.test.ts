import { describe, expect, it } from 'vitest';
import { MediaClock, TICK_ORDER, type TimerPort } from './media-clock';
import { parseRtp } from './rtp';
import { RtpSender } from './rtp-sender';
import { ToneGenerator } from './tone';

/** A fake event loop: timers fire late by a pseudo-random 0-15 ms, with an occasional 150 ms stall. */
function laggyLoop(): { time: { now(): number }; timers: TimerPort; runUntil(ms: number): void } {
  let now = 0;
  let pending: { cb: () => void; at: number } | null = null;
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    time: { now: () => now },
    timers: {
      set: (cb, ms) => (pending = { cb, at: now + ms + (rand() < 0.001 ? 150 : rand() * 15) }),
      clear: () => (pending = null),
    },
    runUntil(end: number) {
      while (pending && pending.at <= end) {
        const p = pending;
        pending = null;
        now = p.at;
        p.cb();
      }
      now = end;
    },
  };
}

describe('MediaClock', () => {
  it('10 minutes of late timers still give 30,000 ticks and 30,000 packets, timestamps +160 each', () => {
    const loop = laggyLoop();
    const clock = new MediaClock({ time: loop.time, timers: loop.timers });
    const sender = new RtpSender({ payloadType: 0, telephoneEventPt: 101 });
    sender.setSource(new ToneGenerator({ frequencies: [440] }));
    const ticks: number[] = [];
    const headers: { seq: number; ts: number }[] = [];
    const stop = clock.subscribe((tick) => {
      ticks.push(tick);
      sender.onTick(tick, (packet) => {
        const { header } = parseRtp(packet);
        headers.push({ seq: header.sequenceNumber, ts: header.timestamp });
      });
    });
    // Tick 0 runs at start, so 10 minutes is ticks 0..29,999; stop just before tick 30,000.
    loop.runUntil(600_000 - 1);
    stop();
    expect(ticks).toHaveLength(30_000);
    expect(ticks.every((t, i) => t === i)).toBe(true);
    expect(headers).toHaveLength(30_000);
    for (let i = 1; i < headers.length; i++) {
      expect((headers[i]!.ts - headers[i - 1]!.ts) >>> 0).toBe(160);
      expect((headers[i]!.seq - headers[i - 1]!.seq) & 0xffff).toBe(1);
    }
    expect(clock.running).toBe(false);
  });

  it('catches up a late timer with a burst, and skips ahead past maxCatchUpTicks', () => {
    let now = 0;
    let cb: (() => void) | null = null;
    const clock = new MediaClock({
      time: { now: () => now }, maxCatchUpTicks: 5,
      timers: { set: (f) => (cb = f), clear: () => (cb = null) },
    });
    const ticks: number[] = [];
    clock.subscribe((t) => ticks.push(t));
    now = 60;
    cb!();
    expect(ticks).toEqual([0, 1, 2, 3]);
    now = 1000;
    cb!();
    expect(ticks.slice(4)).toEqual([4, 5, 6, 7, 8, 50]);
  });

  it('runs listeners in phase order: mix before send before record', () => {
    let cb: (() => void) | null = null;
    const clock = new MediaClock({ time: { now: () => 0 }, timers: { set: (f) => (cb = f), clear: () => undefined } });
    const order: string[] = [];
    clock.subscribe(() => order.push('record'), TICK_ORDER.record);
    clock.subscribe(() => order.push('send'), TICK_ORDER.send);
    clock.subscribe(() => order.push('mix'), TICK_ORDER.mix);
    cb!();
    expect(order).toEqual(['mix', 'send', 'record']);
  });
});
