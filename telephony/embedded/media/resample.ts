/**
 * Band-limited resampling with a Blackman-windowed sinc. Used offline (prompts and MOH files are
 * converted once when loaded), so clarity beats speed here; the low-pass sits just under the
 * lower of the two Nyquist frequencies so downsampling does not fold highs into the voice band.
 */
const ZERO_CROSSINGS = 16;
const CUTOFF = 0.95;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function blackman(x: number): number {
  // x in [-1, 1]; zero at the edges.
  const t = (x + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
}

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const outLength = Math.floor(input.length * ratio);
  const out = new Float32Array(outLength);
  // Cutoff as a fraction of the input rate's Nyquist.
  const fc = Math.min(1, ratio) * CUTOFF;
  const half = Math.ceil(ZERO_CROSSINGS / fc);
  const step = fromRate / toRate;
  for (let i = 0; i < outLength; i++) {
    const t = i * step;
    const center = Math.floor(t);
    let acc = 0;
    let norm = 0;
    for (let j = center - half + 1; j <= center + half; j++) {
      const d = t - j;
      const w = fc * sinc(fc * d) * blackman(d / half);
      norm += w;
      if (j >= 0 && j < input.length) acc += input[j]! * w;
    }
    // Normalising by the kernel sum keeps DC gain at exactly 1 whatever the fractional phase.
    out[i] = norm === 0 ? 0 : acc / norm;
  }
  return out;
}
