import { goertzel, rms } from '../../test/support/audio';
import { readWavFile, writeWavFile } from '../embedded/media/wav';
import type { CallLeg, TelephonyEngine } from '../engine';
import type { EngineHarness } from './factory';

/** The next inbound leg, optionally handled (answered, rung) before the test sees it. */
export function nextInbound(engine: TelephonyEngine, timeoutMs = 10_000): Promise<CallLeg> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('inbound', on);
      reject(new Error('no inbound call'));
    }, timeoutMs);
    const on = (leg: CallLeg): void => {
      clearTimeout(timer);
      engine.off('inbound', on);
      resolve(leg);
    };
    engine.on('inbound', on);
  });
}

export function ended(leg: CallLeg, timeoutMs = 10_000): Promise<{ cause: string; side: string }> {
  if (leg.state === 'ended') return Promise.resolve({ cause: 'already', side: 'already' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`leg ${leg.info.id} did not end`)), timeoutMs);
    leg.once('ended', (e) => {
      clearTimeout(timer);
      resolve(e);
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until nothing is left: no call, no media port. */
export async function expectNoLeaks(h: EngineHarness, timeoutMs = 3000): Promise<{ calls: number; mediaPorts: number }> {
  const deadline = Date.now() + timeoutMs;
  let l = h.leaks();
  while ((l.calls > 0 || l.mediaPorts > 0) && Date.now() < deadline) {
    await sleep(50);
    l = h.leaks();
  }
  return l;
}

/** Writes a mono 8 kHz sine WAV (what a baresip phone "says" via aufile). */
export function toneWav(path: string, frequency: number, seconds = 30): string {
  const samples = new Int16Array(8000 * seconds);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / 8000));
  writeWavFile(path, [samples], 8000);
  return path;
}

/** Goertzel amplitude per frequency on one channel of a WAV, between two offsets. */
export function toneLevels(path: string, channel: number, frequencies: number[], fromMs = 300, toMs?: number): Record<number, number> {
  const wav = readWavFile(path);
  const data = wav.channelData[channel] ?? new Int16Array(0);
  const rate = wav.sampleRate;
  const slice = data.subarray(Math.floor((fromMs * rate) / 1000), toMs === undefined ? undefined : Math.floor((toMs * rate) / 1000));
  return Object.fromEntries(frequencies.map((f) => [f, Math.round(goertzel(slice, f, rate))]));
}

/** RMS of one channel of a WAV after `fromMs`: is anything audible at all (hold music)? */
export function channelRms(path: string, channel: number, fromMs = 300): number {
  const wav = readWavFile(path);
  const data = wav.channelData[channel] ?? new Int16Array(0);
  return Math.round(rms(data.subarray(Math.floor((fromMs * wav.sampleRate) / 1000))));
}

/** Records `leg` for `ms` and returns the file. */
export async function recordFor(leg: CallLeg, path: string, ms: number): Promise<string> {
  const rec = await leg.record(path);
  await sleep(ms);
  await rec.stop();
  return rec.path;
}
