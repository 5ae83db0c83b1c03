import { ValidationError } from '../../../core/errors';
import { SAMPLE_RATE, type FrameSource } from './frame';

export interface ToneSpec {
  /** One frequency for a single tone, two for dual-frequency (e.g. 440 + 480 Hz). */
  frequencies: number[];
  /** Alternating on/off durations in ms, repeated; omitted means continuous. */
  cadenceMs?: number[];
  /** Stops the source after this long; omitted means forever. */
  durationMs?: number;
  /** Level of each component in dBFS. */
  levelDbfs?: number;
}

/** Common call-progress tones. China: 450 Hz; North America: the precise tone plan. */
export const TONES = {
  ringbackCn: { frequencies: [450], cadenceMs: [1000, 4000] },
  ringbackUs: { frequencies: [440, 480], cadenceMs: [2000, 4000] },
  busyCn: { frequencies: [450], cadenceMs: [350, 350] },
  busyUs: { frequencies: [480, 620], cadenceMs: [500, 500] },
  congestionUs: { frequencies: [480, 620], cadenceMs: [250, 250] },
  dialCn: { frequencies: [450] },
  dialUs: { frequencies: [350, 440] },
  beep: { frequencies: [1000], durationMs: 250 },
} satisfies Record<string, ToneSpec>;

/** Generates a tone frame by frame with continuous phase, so cadence edges do not click. */
export class ToneGenerator implements FrameSource {
  private readonly increments: Float64Array;
  private readonly phases: Float64Array;
  private readonly amplitude: number;
  private readonly cadence: number[];
  private readonly cycle: number;
  private readonly limit: number;
  private sample = 0;

  constructor(spec: ToneSpec, private readonly sampleRate = SAMPLE_RATE) {
    if (spec.frequencies.length === 0) throw new ValidationError('a tone needs at least one frequency');
    this.increments = Float64Array.from(spec.frequencies, (f) => (2 * Math.PI * f) / sampleRate);
    this.phases = new Float64Array(spec.frequencies.length);
    this.amplitude = 32767 * 10 ** ((spec.levelDbfs ?? -16) / 20);
    this.cadence = (spec.cadenceMs ?? []).map((ms) => Math.round((ms * sampleRate) / 1000));
    if (this.cadence.length % 2 === 1) throw new ValidationError('cadence needs on/off pairs');
    this.cycle = this.cadence.reduce((a, b) => a + b, 0);
    this.limit = spec.durationMs === undefined ? Infinity : Math.round((spec.durationMs * sampleRate) / 1000);
  }

  private isOn(n: number): boolean {
    if (this.cycle === 0) return true;
    let t = n % this.cycle;
    for (let i = 0; i < this.cadence.length; i++) {
      if (t < this.cadence[i]!) return i % 2 === 0;
      t -= this.cadence[i]!;
    }
    return false;
  }

  read(out: Int16Array): boolean {
    if (this.sample >= this.limit) {
      out.fill(0);
      return false;
    }
    const count = this.increments.length;
    for (let i = 0; i < out.length; i++) {
      const n = this.sample++;
      let v = 0;
      if (n < this.limit && this.isOn(n)) {
        for (let k = 0; k < count; k++) v += Math.sin(this.phases[k]!);
      }
      for (let k = 0; k < count; k++) this.phases[k] = (this.phases[k]! + this.increments[k]!) % (2 * Math.PI);
      out[i] = Math.round(v * this.amplitude);
    }
    return true;
  }
}
