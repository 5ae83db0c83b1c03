/**
 * G.711 µ-law (PCMU, PT 0) and A-law (PCMA, PT 8). The segment arithmetic follows the classic
 * reference decoder; it runs once at load to fill lookup tables so the per-sample hot path is a
 * single indexed read.
 */

function ulawDecodeSlow(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const sample = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -sample : sample;
}

function alawDecodeSlow(code: number): number {
  const a = code ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

function buildDecode(fn: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let i = 0; i < 256; i++) table[i] = fn(i);
  return table;
}

const ULAW_SEG_END = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const ALAW_SEG_END = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segment(value: number, ends: number[]): number {
  for (let i = 0; i < ends.length; i++) if (value <= ends[i]!) return i;
  return ends.length;
}

function ulawEncodeSlow(pcm: number): number {
  let value = pcm >> 2; // µ-law works on 14 bits
  let mask = 0xff;
  if (value < 0) {
    value = -value;
    mask = 0x7f;
  }
  if (value > 8159) value = 8159;
  value += 0x84 >> 2;
  const seg = segment(value, ULAW_SEG_END);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((value >> (seg + 1)) & 0x0f)) ^ mask;
}

function alawEncodeSlow(pcm: number): number {
  let value = pcm >> 3; // A-law works on 13 bits
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  const seg = segment(value, ALAW_SEG_END);
  if (seg >= 8) return 0x7f ^ mask;
  const mantissa = seg < 2 ? (value >> 1) & 0x0f : (value >> seg) & 0x0f;
  return ((seg << 4) | mantissa) ^ mask;
}

/** Encode tables are indexed by the sample's 16-bit pattern (sample & 0xffff). */
function buildEncode(fn: (pcm: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = fn(i >= 32768 ? i - 65536 : i);
  return table;
}

export const ULAW_TO_LINEAR = buildDecode(ulawDecodeSlow);
export const ALAW_TO_LINEAR = buildDecode(alawDecodeSlow);
const LINEAR_TO_ULAW = buildEncode(ulawEncodeSlow);
const LINEAR_TO_ALAW = buildEncode(alawEncodeSlow);

export type G711Name = 'PCMU' | 'PCMA';

export interface G711Codec {
  readonly name: G711Name;
  readonly payloadType: number;
  /** Encodes `pcm` into `out` at `outOffset`; returns the number of bytes written. */
  encode(pcm: Int16Array, out: Uint8Array, length?: number, outOffset?: number): number;
  /** Decodes `payload` (from `offset`) into `out`; returns the number of samples written. */
  decode(payload: Uint8Array, out: Int16Array, length?: number, offset?: number): number;
  encodeSample(sample: number): number;
  decodeSample(code: number): number;
}

function makeCodec(name: G711Name, payloadType: number, enc: Uint8Array, dec: Int16Array): G711Codec {
  return {
    name,
    payloadType,
    encode(pcm, out, length = pcm.length, outOffset = 0) {
      const n = Math.min(length, pcm.length, out.length - outOffset);
      for (let i = 0; i < n; i++) out[outOffset + i] = enc[pcm[i]! & 0xffff]!;
      return n;
    },
    decode(payload, out, length = payload.length, offset = 0) {
      const n = Math.min(length, payload.length - offset, out.length);
      for (let i = 0; i < n; i++) out[i] = dec[payload[offset + i]!]!;
      return n;
    },
    encodeSample: (sample) => enc[sample & 0xffff]!,
    decodeSample: (code) => dec[code & 0xff]!,
  };
}

export const PCMU = makeCodec('PCMU', 0, LINEAR_TO_ULAW, ULAW_TO_LINEAR);
export const PCMA = makeCodec('PCMA', 8, LINEAR_TO_ALAW, ALAW_TO_LINEAR);

/** The static payload types of RFC 3551; other payload types are not G.711. */
export function g711ForPayloadType(payloadType: number): G711Codec | null {
  return payloadType === 0 ? PCMU : payloadType === 8 ? PCMA : null;
}

export function g711ByName(name: string): G711Codec | null {
  const upper = name.toUpperCase();
  return upper === 'PCMU' ? PCMU : upper === 'PCMA' ? PCMA : null;
}
