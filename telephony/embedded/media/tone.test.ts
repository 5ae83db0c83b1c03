import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goertzel, rms } from '../../../test/support/audio';
import { FRAME_SAMPLES } from './frame';
import { builtInMelody, createMohSource } from './moh';
import { PcmSource } from './sources';
import { TONES, ToneGenerator, type ToneSpec } from './tone';
import type { FrameSource } from './frame';

function render(source: FrameSource, ms: number): Int16Array {
  const out = new Int16Array((ms / 20) * FRAME_SAMPLES);
  const frame = new Int16Array(FRAME_SAMPLES);
  for (let i = 0; i < ms / 20; i++) {
    source.read(frame);
    out.set(frame, i * FRAME_SAMPLES);
  }
  return out;
}

const at = (s: Int16Array, fromMs: number, toMs: number): Int16Array => s.subarray(fromMs * 8, toMs * 8);

describe('tones', () => {
  it('China ringback is 450 Hz, 1 s on and 4 s off', () => {
    const s = render(new ToneGenerator(TONES.ringbackCn), 10_000);
    expect(goertzel(at(s, 100, 900), 450)).toBeGreaterThan(4000);
    expect(rms(at(s, 1000, 5000))).toBe(0);
    expect(goertzel(at(s, 5100, 5900), 450)).toBeGreaterThan(4000);
  });

  it('US ringback carries both 440 and 480 Hz for 2 s, then 4 s of silence', () => {
    const s = render(new ToneGenerator(TONES.ringbackUs), 6000);
    const on = at(s, 0, 2000);
    expect(goertzel(on, 440)).toBeGreaterThan(4000);
    expect(goertzel(on, 480)).toBeGreaterThan(4000);
    expect(goertzel(on, 1000)).toBeLessThan(50);
    expect(rms(at(s, 2000, 6000))).toBe(0);
  });

  it('busy tones alternate on the right cadence and a beep ends its source', () => {
    const busy = render(new ToneGenerator(TONES.busyUs), 2000);
    expect(goertzel(at(busy, 0, 500), 620)).toBeGreaterThan(4000);
    expect(rms(at(busy, 500, 1000))).toBe(0);
    const beep = new ToneGenerator(TONES.beep satisfies ToneSpec);
    const frame = new Int16Array(FRAME_SAMPLES);
    let frames = 0;
    while (beep.read(frame)) frames++;
    expect(frames).toBe(13); // 250 ms -> 12.5 frames
  });
});

describe('music on hold', () => {
  it('the built-in melody is audible, loops without a click, and stays below clipping', () => {
    const melody = builtInMelody();
    expect(rms(melody)).toBeGreaterThan(1000);
    expect(Math.max(...melody.map(Math.abs))).toBeLessThan(32000);
    expect(Math.abs(melody[melody.length - 1]! - melody[0]!)).toBeLessThan(200);
    const moh = createMohSource();
    const played = render(moh, (melody.length / 8000) * 1000 + 1000);
    expect([...played.subarray(melody.length, melody.length + 80)]).toEqual([...melody.subarray(0, 80)]);
  });

  it('loops a configured WAV file instead, converted to 8 kHz', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'moh-')), 'moh.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', path, 'synth', '0.5', 'sine', '523', 'vol', '0.5']);
    const played = render(createMohSource({ wavPath: path }), 1500);
    expect(goertzel(at(played, 1100, 1400), 523)).toBeGreaterThan(10000); // third pass of the loop
  });

  it('a prompt source pads its last frame with silence and then reports the end', () => {
    const prompt = new PcmSource(new Int16Array(200).fill(5));
    const frame = new Int16Array(FRAME_SAMPLES);
    expect(prompt.read(frame)).toBe(true);
    expect(prompt.read(frame)).toBe(true);
    expect([frame[39], frame[40]]).toEqual([5, 0]);
    expect(prompt.read(frame)).toBe(false);
  });
});
