import { readWavFile } from '../../telephony/embedded/media/wav';

type Samples = ArrayLike<number>;

/**
 * Amplitude of one frequency in a signal (Goertzel filter), in sample units: a full-scale sine
 * of amplitude A at `frequency` yields about A; other frequencies yield close to 0 when the
 * block holds many cycles. Use blocks of at least ~400 samples at 8 kHz for 20 Hz resolution.
 */
export function goertzel(samples: Samples, frequency: number, sampleRate = 8000): number {
  const n = samples.length;
  if (n === 0) return 0;
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / n;
}

export function rms(samples: Samples): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}

/** RMS per channel of a WAV file (channel 0 = left), e.g. to check a stereo recording. */
export function wavChannelEnergy(path: string): number[] {
  return readWavFile(path).channelData.map((ch) => rms(ch));
}

/** Per-channel Goertzel amplitude of a WAV file at `frequency`. */
export function wavChannelTone(path: string, frequency: number): number[] {
  const wav = readWavFile(path);
  return wav.channelData.map((ch) => goertzel(ch, frequency, wav.sampleRate));
}
