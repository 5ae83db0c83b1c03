import { describe, expect, it } from 'vitest';
import { goertzel } from '../../../test/support/audio';
import { FRAME_SAMPLES } from './frame';
import { ConferenceMixer, type MonitorMode } from './mixer';
import { ToneGenerator } from './tone';

const FREQ = { caller: 440, agent: 1000, supervisor: 1500 } as const;
type Who = keyof typeof FREQ;
const WHO: Who[] = ['caller', 'agent', 'supervisor'];

/** Runs 0.5 s of a call with each member speaking its own tone; returns what each one heard. */
function run(mode: MonitorMode | null): Record<Who, Int16Array> {
  const mixer = new ConferenceMixer();
  for (const id of WHO) mixer.addMember(id);
  if (mode) mixer.monitor('supervisor', mode, 'agent');
  const tones = Object.fromEntries(WHO.map((w) => [w, new ToneGenerator({ frequencies: [FREQ[w]], levelDbfs: -12 })]));
  const heard = Object.fromEntries(WHO.map((w) => [w, new Int16Array(25 * FRAME_SAMPLES)])) as Record<Who, Int16Array>;
  const frame = new Int16Array(FRAME_SAMPLES);
  for (let t = 0; t < 25; t++) {
    for (const w of WHO) {
      tones[w]!.read(frame);
      mixer.put(w, frame);
    }
    mixer.mix();
    for (const w of WHO) heard[w].set(mixer.output(w), t * FRAME_SAMPLES);
  }
  return heard;
}

const level = (s: Int16Array, f: number): number => goertzel(s, f);
const LOUD = 5000;
const QUIET = 20;

describe('ConferenceMixer', () => {
  it('nobody hears their own voice; everyone hears the others', () => {
    const h = run('barge');
    for (const w of WHO) {
      expect(level(h[w], FREQ[w])).toBeLessThan(QUIET);
      for (const other of WHO.filter((o) => o !== w)) expect(level(h[w], FREQ[other])).toBeGreaterThan(LOUD);
    }
  });

  it('listen: the supervisor hears caller and agent, and nobody hears the supervisor', () => {
    const h = run('listen');
    expect(level(h.supervisor, FREQ.caller)).toBeGreaterThan(LOUD);
    expect(level(h.supervisor, FREQ.agent)).toBeGreaterThan(LOUD);
    expect(level(h.caller, FREQ.supervisor)).toBeLessThan(QUIET);
    expect(level(h.agent, FREQ.supervisor)).toBeLessThan(QUIET);
    expect(level(h.caller, FREQ.agent)).toBeGreaterThan(LOUD);
  });

  it('whisper: the agent hears the supervisor, the caller does not', () => {
    const h = run('whisper');
    expect(level(h.agent, FREQ.supervisor)).toBeGreaterThan(LOUD);
    expect(level(h.caller, FREQ.supervisor)).toBeLessThan(QUIET);
    expect(level(h.supervisor, FREQ.caller)).toBeGreaterThan(LOUD);
    expect(level(h.agent, FREQ.caller)).toBeGreaterThan(LOUD);
  });

  it('barge: caller and agent both hear the supervisor', () => {
    const h = run('barge');
    expect(level(h.agent, FREQ.supervisor)).toBeGreaterThan(LOUD);
    expect(level(h.caller, FREQ.supervisor)).toBeGreaterThan(LOUD);
  });

  it('saturates instead of wrapping when the sum exceeds 16 bits', () => {
    const mixer = new ConferenceMixer();
    for (const id of ['a', 'b', 'c']) mixer.addMember(id);
    mixer.put('a', new Int16Array(FRAME_SAMPLES).fill(30000));
    mixer.put('b', new Int16Array(FRAME_SAMPLES).fill(30000));
    mixer.put('c', new Int16Array(FRAME_SAMPLES).fill(-30000));
    mixer.mix();
    expect(mixer.output('c')[0]).toBe(32767);
    expect(mixer.output('a')[0]).toBe(0);
  });

  it('a member with nothing queued is silent, and members that do not hear get silence', () => {
    const mixer = new ConferenceMixer();
    mixer.addMember('a');
    mixer.addMember('b', { hear: false });
    mixer.put('a', new Int16Array(FRAME_SAMPLES).fill(100));
    mixer.mix();
    expect(mixer.output('b').every((v) => v === 0)).toBe(true);
    mixer.mix();
    mixer.setFlags('b', { hear: true });
    mixer.mix();
    expect(mixer.output('b').every((v) => v === 0)).toBe(true);
  });
});
