import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goertzel, wavChannelEnergy } from '../../../test/support/audio';
import { FRAME_SAMPLES } from './frame';
import { MediaClock, type TimerPort } from './media-clock';
import { StereoAligner, StereoRecorder } from './recorder';
import { ToneGenerator } from './tone';
import { readWavFile } from './wav';

/** Timers that fire only when the test says so, with a time source the test moves. */
function manualTime(): { time: { now(): number }; timers: TimerPort; advance(ms: number): void } {
  let now = 0;
  let pending: { cb: () => void; at: number } | null = null;
  return {
    time: { now: () => now },
    timers: { set: (cb, ms) => (pending = { cb, at: now + ms }), clear: () => (pending = null) },
    advance(ms: number) {
      const end = now + ms;
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

describe('StereoAligner', () => {
  it('keeps channels aligned when one side is missing frames, and writes silence while paused', () => {
    const a = new StereoAligner();
    const one = new Int16Array(FRAME_SAMPLES).fill(1);
    const two = new Int16Array(FRAME_SAMPLES).fill(2);
    a.push('caller', one);
    a.push('agent', two);
    expect([...a.tick().subarray(0, 4)]).toEqual([1, 2, 1, 2]);
    a.push('caller', one); // agent sent nothing this tick
    expect([...a.tick().subarray(0, 2)]).toEqual([1, 0]);
    a.pause();
    a.push('caller', one);
    expect([...a.tick().subarray(0, 2)]).toEqual([0, 0]);
    a.resume();
    a.push('agent', two);
    expect([...a.tick().subarray(0, 2)]).toEqual([0, 2]);
    expect(a.finish()).toEqual([{ startMs: 40, endMs: 60 }]);
  });
});

describe('StereoRecorder', () => {
  it('records caller left and agent right on the media clock, with pauses kept in the timeline', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rec-')), 'call.wav');
    const t = manualTime();
    const clock = new MediaClock({ time: t.time, timers: t.timers });
    const rec = await StereoRecorder.start(path, clock);
    const caller = new ToneGenerator({ frequencies: [440] });
    const agent = new ToneGenerator({ frequencies: [1000] });
    const frame = new Int16Array(FRAME_SAMPLES);
    const step = (frames: number): void => {
      for (let i = 0; i < frames; i++) {
        caller.read(frame);
        rec.onFrame('caller', frame);
        agent.read(frame);
        rec.onFrame('agent', frame);
        t.advance(20);
      }
    };
    step(50);
    rec.pause();
    step(25);
    rec.resume();
    step(25);
    const summary = await rec.stop();
    expect(summary.durationMs).toBe(2020); // one extra tick: the clock fires on subscribe
    expect(summary.pauses).toEqual([{ startMs: 1020, endMs: 1520 }]);
    const wav = readWavFile(path);
    expect(wav.channels).toBe(2);
    const [left, right] = wav.channelData as [Int16Array, Int16Array];
    expect(goertzel(left.subarray(800, 7200), 440)).toBeGreaterThan(3000);
    expect(goertzel(left.subarray(800, 7200), 1000)).toBeLessThan(20);
    expect(goertzel(right.subarray(800, 7200), 1000)).toBeGreaterThan(3000);
    expect(goertzel(right.subarray(800, 7200), 440)).toBeLessThan(20);
    const [l, r] = wavChannelEnergy(path);
    expect(l).toBeGreaterThan(1000);
    expect(r).toBeGreaterThan(1000);
    expect(left.subarray(8400, 11600).every((v) => v === 0)).toBe(true);
  });
});
