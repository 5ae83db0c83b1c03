import type { PlayOptions, PlayResult, PlaySource } from '../../engine';
import { FRAME_SAMPLES, SAMPLE_RATE, type FrameSource } from '../media/frame';
import { builtInMelody } from '../media/moh';
import { PcmSource } from '../media/sources';
import { TONES, ToneGenerator, type ToneSpec } from '../media/tone';
import { loadPrompt } from '../media/wav';
import type { LegAudio } from './leg-audio';

const MAX_CACHED = 64;

/** Prompts decoded once and shared by every call that plays them (PcmSource keeps only a position). */
export class PromptCache {
  private readonly prompts = new Map<string, Int16Array>();
  private readonly tones = new Map<string, Int16Array>();
  private moh: Int16Array | null = null;

  constructor(private readonly mohPath: string | undefined) {}

  prompt(path: string): Int16Array {
    let samples = this.prompts.get(path);
    if (!samples) {
      samples = loadPrompt(path);
      if (this.prompts.size >= MAX_CACHED) this.prompts.delete(this.prompts.keys().next().value ?? path);
      this.prompts.set(path, samples);
    }
    return samples;
  }

  music(): Int16Array {
    this.moh ??= this.mohPath ? loadPrompt(this.mohPath) : builtInMelody();
    return this.moh;
  }

  /**
   * Tones are rendered once per spec (one cadence cycle, or 1 s when continuous: whole-Hz
   * frequencies loop seamlessly) and shared: computing sines per call per sample was the
   * largest media cost after the socket sends.
   */
  private tone(spec: ToneSpec, durationMs: number | undefined): FrameSource {
    const key = JSON.stringify(spec);
    let samples = this.tones.get(key);
    if (!samples) {
      const cycleMs = (spec.cadenceMs ?? []).reduce((a, b) => a + b, 0) || 1000;
      samples = new Int16Array(Math.round((cycleMs * SAMPLE_RATE) / 1000));
      const gen = new ToneGenerator(spec);
      for (let off = 0; off < samples.length; off += FRAME_SAMPLES) {
        const frame = new Int16Array(FRAME_SAMPLES);
        gen.read(frame);
        samples.set(frame.subarray(0, Math.min(FRAME_SAMPLES, samples.length - off)), off);
      }
      if (this.tones.size >= MAX_CACHED) this.tones.delete(this.tones.keys().next().value ?? key);
      this.tones.set(key, samples);
    }
    const loop = new PcmSource(samples, true);
    return durationMs === undefined ? loop : new LimitedSource(loop, Math.round((durationMs * SAMPLE_RATE) / 1000));
  }

  /** A fresh source for one play of `s`; files are read (and may throw) here, before playing. */
  source(s: PlaySource): FrameSource {
    switch (s.kind) {
      case 'file': return new PcmSource(this.prompt(s.path));
      case 'silence': return new PcmSource(new Int16Array(Math.round((s.durationMs * SAMPLE_RATE) / 1000)));
      case 'moh': return new PcmSource(this.music(), true);
      case 'tone': return this.tone(toneSpec(s.tone), s.durationMs);
    }
  }
}

function toneSpec(tone: Extract<PlaySource, { kind: 'tone' }>['tone']): ToneSpec {
  if (tone === 'ringback') return TONES.ringbackCn;
  if (tone === 'busy') return TONES.busyCn;
  if (tone === 'beep') return TONES.beep;
  return { frequencies: tone.frequencies, cadenceMs: tone.offMs > 0 ? [tone.onMs, tone.offMs] : undefined };
}

/** Cuts a source off after a number of samples (a tone with a duration). */
class LimitedSource implements FrameSource {
  constructor(private readonly inner: FrameSource, private left: number) {}

  read(out: Int16Array): boolean {
    if (this.left <= 0) {
      out.fill(0);
      return false;
    }
    const more = this.inner.read(out);
    if (this.left < out.length) out.fill(0, this.left);
    this.left -= out.length;
    return more;
  }
}

/** Plays a list of sources back to back, optionally forever; ends when the last one does. */
export class SequenceSource implements FrameSource {
  private queue: FrameSource[] = [];
  private current: FrameSource;

  constructor(private readonly make: () => FrameSource[], private readonly loop: boolean) {
    this.current = this.restart();
  }

  private restart(): FrameSource {
    const [first, ...rest] = this.make();
    this.queue = rest;
    return first ?? new PcmSource(new Int16Array(0));
  }

  read(out: Int16Array): boolean {
    // Bounded: a list of empty sources on loop must not spin the media clock.
    for (let guard = 0; guard < 64; guard++) {
      if (this.current.read(out)) return true;
      const next = this.queue.shift();
      if (next) this.current = next;
      else if (this.loop) this.current = this.restart();
      else return false;
    }
    out.fill(0, 0, FRAME_SAMPLES);
    return true;
  }
}

/** What playing needs from the leg. */
export interface PlayHost {
  readonly audio: LegAudio;
  readonly prompts: PromptCache;
  subscribe(listener: (digit: string) => void): () => void;
  /** Registers what stopMedia() or hang-up must do; returns the unregister function. */
  onStop(stop: () => void): () => void;
}

/** Plays on a leg until the end, a matching digit, stopMedia, or hang-up. */
export function playOn(host: PlayHost, sources: PlaySource[], options: PlayOptions): Promise<PlayResult> {
  const cache = host.prompts;
  // Build every source once now so a missing file rejects here rather than mid-call.
  for (const s of sources) cache.source(s);
  const sequence = new SequenceSource(() => sources.map((s) => cache.source(s)), options.loop === true);
  return new Promise((resolve) => {
    let interruptedBy: string | undefined;
    const interrupt = options.interruptOn;
    const unsubscribe = interrupt
      ? host.subscribe((digit) => {
        if (interrupt !== true && !interrupt.includes(digit)) return;
        interruptedBy ??= digit;
        host.audio.stop(sequence);
      })
      : () => undefined;
    const unregister = host.onStop(() => host.audio.stop(sequence));
    host.audio.play(sequence, (finished) => {
      unsubscribe();
      unregister();
      resolve(interruptedBy ? { interruptedBy, stopped: false } : { stopped: !finished });
    });
  });
}
