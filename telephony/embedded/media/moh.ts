import { SAMPLE_RATE, type FrameSource } from './frame';
import { PcmSource } from './sources';
import { loadPrompt } from './wav';

export interface MohOptions {
  /** A WAV file to loop (any common format; converted to 8 kHz mono once). */
  wavPath?: string;
}

// I-vi-IV-V in C, as arpeggiated triads over a soft bass; each note fades to zero so the
// loop joins without a click.
const CHORDS = [
  [261.63, 329.63, 392.0, 329.63],
  [220.0, 261.63, 329.63, 261.63],
  [174.61, 220.0, 261.63, 220.0],
  [196.0, 246.94, 293.66, 246.94],
];
const NOTE_SECONDS = 0.5;

let melody: Int16Array | null = null;

/** The built-in hold music, generated once per process and shared by every held call. */
export function builtInMelody(): Int16Array {
  if (melody) return melody;
  const noteSamples = Math.round(NOTE_SECONDS * SAMPLE_RATE);
  const notesPerChord = CHORDS[0]!.length;
  const out = new Int16Array(CHORDS.length * notesPerChord * noteSamples);
  let offset = 0;
  for (const chord of CHORDS) {
    const bass = chord[0]! / 2;
    const chordSamples = notesPerChord * noteSamples;
    for (let n = 0; n < notesPerChord; n++) {
      const f = chord[n]!;
      for (let i = 0; i < noteSamples; i++) {
        const t = i / SAMPLE_RATE;
        // Quick attack, exponential decay: a plucked, unobtrusive timbre.
        const env = Math.min(1, i / 80) * Math.exp(-4 * t) * (1 - i / noteSamples);
        const tone = Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t);
        const j = n * noteSamples + i;
        const bassEnv = Math.sin((Math.PI * j) / chordSamples);
        const pad = 0.35 * bassEnv * Math.sin((2 * Math.PI * bass * j) / SAMPLE_RATE);
        out[offset + j] = Math.round(6000 * (env * tone + pad));
      }
    }
    offset += chordSamples;
  }
  melody = out;
  return out;
}

/** A looping hold-music source: the configured WAV, or the generated melody. */
export function createMohSource(options: MohOptions = {}): FrameSource {
  const samples = options.wavPath ? loadPrompt(options.wavPath) : builtInMelody();
  return new PcmSource(samples, true);
}
