import { readFileSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ValidationError } from '../../../core/errors';
import { ALAW_TO_LINEAR, ULAW_TO_LINEAR } from './g711';
import { resample } from './resample';
import { SAMPLE_RATE } from './frame';

export type WavEncoding = 'pcm' | 'float' | 'alaw' | 'ulaw';

export interface WavData {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  encoding: WavEncoding;
  /** One array per channel, as 16-bit linear samples. */
  channelData: Int16Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_ULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

function ascii(buf: Uint8Array, offset: number): string {
  return String.fromCharCode(buf[offset]!, buf[offset + 1]!, buf[offset + 2]!, buf[offset + 3]!);
}

function encodingOf(format: number, bits: number): WavEncoding {
  if (format === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) return 'pcm';
  if (format === FORMAT_FLOAT && (bits === 32 || bits === 64)) return 'float';
  if (format === FORMAT_ALAW && bits === 8) return 'alaw';
  if (format === FORMAT_ULAW && bits === 8) return 'ulaw';
  throw new ValidationError(`unsupported WAV format ${format} with ${bits} bits`);
}

function readSample(view: DataView, offset: number, encoding: WavEncoding, bits: number): number {
  switch (encoding) {
    case 'alaw': return ALAW_TO_LINEAR[view.getUint8(offset)]!;
    case 'ulaw': return ULAW_TO_LINEAR[view.getUint8(offset)]!;
    case 'float': {
      const f = bits === 32 ? view.getFloat32(offset, true) : view.getFloat64(offset, true);
      return Math.max(-32768, Math.min(32767, Math.round(f * 32768)));
    }
    case 'pcm':
      if (bits === 8) return (view.getUint8(offset) - 128) << 8; // 8-bit WAV is unsigned
      if (bits === 16) return view.getInt16(offset, true);
      if (bits === 24) return (view.getInt8(offset + 2) << 8) | view.getUint8(offset + 1);
      return view.getInt32(offset, true) >> 16;
  }
}

/** Parses a RIFF/WAVE file: PCM 8/16/24/32-bit, float, A-law and µ-law, any channel count. */
export function readWav(buf: Uint8Array): WavData {
  if (buf.length < 12 || ascii(buf, 0) !== 'RIFF' || ascii(buf, 8) !== 'WAVE') {
    throw new ValidationError('not a RIFF/WAVE file');
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let fmt: { format: number; channels: number; sampleRate: number; bits: number; blockAlign: number } | null = null;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = ascii(buf, offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      let format = view.getUint16(body, true);
      if (format === FORMAT_EXTENSIBLE && size >= 40) format = view.getUint16(body + 24, true);
      fmt = {
        format, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true), bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new ValidationError('WAV data chunk before fmt chunk');
      // A writer that died before patching leaves 0 or 0xffffffff: take the rest of the file.
      if (size === 0 || size === 0xffffffff || body + size > buf.length) size = buf.length - body;
      const encoding = encodingOf(fmt.format, fmt.bits);
      const bytes = fmt.bits / 8;
      const frames = Math.floor(size / fmt.blockAlign);
      const channelData = Array.from({ length: fmt.channels }, () => new Int16Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < fmt.channels; c++) {
          channelData[c]![i] = readSample(view, body + i * fmt.blockAlign + c * bytes, encoding, fmt.bits);
        }
      }
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, bitsPerSample: fmt.bits, encoding, channelData };
    }
    offset = body + size + (size & 1); // chunks are padded to even length
  }
  throw new ValidationError('WAV has no data chunk');
}

export function readWavFile(path: string): WavData {
  return readWav(readFileSync(path));
}

/** Downmixes to mono and resamples to the telephony rate (8 kHz) as 16-bit samples. */
export function toTelephonyPcm(wav: WavData, targetRate = SAMPLE_RATE): Int16Array {
  const frames = wav.channelData[0]?.length ?? 0;
  const mono = new Float32Array(frames);
  for (const ch of wav.channelData) for (let i = 0; i < frames; i++) mono[i]! += ch[i]! / wav.channels;
  const converted = resample(mono, wav.sampleRate, targetRate);
  const out = new Int16Array(converted.length);
  for (let i = 0; i < converted.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(converted[i]!)));
  return out;
}

/** Loads any supported WAV file as 8 kHz mono, ready to play into a call. */
export function loadPrompt(path: string): Int16Array {
  return toTelephonyPcm(readWavFile(path));
}

/** A canonical 44-byte header for 16-bit PCM. */
export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Uint8Array {
  const buf = new Uint8Array(44);
  const view = new DataView(buf.buffer);
  buf.set([0x52, 0x49, 0x46, 0x46], 0); // RIFF
  view.setUint32(4, 36 + dataBytes, true);
  buf.set([0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74, 0x20], 8); // WAVEfmt
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  buf.set([0x64, 0x61, 0x74, 0x61], 36); // data
  view.setUint32(40, dataBytes, true);
  return buf;
}

function toLittleEndian(samples: Int16Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    out[offset + 2 * i] = s;
    out[offset + 2 * i + 1] = s >> 8;
  }
}

/** Writes a whole 16-bit PCM WAV at once; `channels` are deinterleaved and equal in length. */
export function writeWavFile(path: string, channels: Int16Array[], sampleRate: number): void {
  const frames = channels[0]?.length ?? 0;
  const interleaved = new Int16Array(frames * channels.length);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels.length; c++) interleaved[i * channels.length + c] = channels[c]![i]!;
  }
  const out = new Uint8Array(44 + interleaved.length * 2);
  out.set(wavHeader(sampleRate, channels.length, interleaved.length * 2));
  toLittleEndian(interleaved, out, 44);
  writeFileSync(path, out);
}

const CHUNK_BYTES = 32 * 1024;

/**
 * Streams 16-bit PCM to disk: samples are batched into 32 KiB writes, and the RIFF and data
 * sizes are patched into the header on close (until then they read 0, which `readWav` treats
 * as "to end of file" so a crashed recording stays readable).
 */
export class WavFileWriter {
  private chunk = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private dataBytes = 0;
  private flushed = 0;
  private error: unknown = null;
  private pending: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly file: FileHandle, readonly sampleRate: number, readonly channels: number) {}

  static async create(path: string, sampleRate: number, channels: number): Promise<WavFileWriter> {
    const file = await open(path, 'w');
    await file.write(wavHeader(sampleRate, channels, 0), 0, 44, 0);
    return new WavFileWriter(file, sampleRate, channels);
  }

  get bytesWritten(): number {
    return this.dataBytes;
  }

  /** Appends interleaved samples; the caller may reuse `samples` as soon as this returns. */
  write(samples: Int16Array): void {
    if (this.closed) throw new ValidationError('WAV writer is closed');
    let i = 0;
    while (i < samples.length) {
      const n = Math.min(samples.length - i, (CHUNK_BYTES - this.used) >> 1);
      toLittleEndian(samples.subarray(i, i + n), this.chunk, this.used);
      this.used += n * 2;
      i += n;
      if (this.used === CHUNK_BYTES) this.flushChunk();
    }
    this.dataBytes += samples.length * 2;
  }

  private flushChunk(): void {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    const position = 44 + this.flushed;
    this.flushed += full.length;
    // Errors are kept for close() so a failing disk cannot become an unhandled rejection.
    this.pending = this.pending
      .then(() => this.file.write(full, 0, full.length, position))
      .catch((err: unknown) => {
        this.error ??= err;
      });
    // The queued write still reads `full`, so continue in a fresh chunk rather than reuse it.
    this.chunk = new Uint8Array(CHUNK_BYTES);
    this.used = 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flushChunk();
    this.closed = true;
    await this.pending;
    if (this.error) {
      await this.file.close();
      throw this.error;
    }
    const header = wavHeader(this.sampleRate, this.channels, this.dataBytes);
    await this.file.write(header, 0, 44, 0);
    await this.file.close();
  }
}
