import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goertzel, rms, wavChannelEnergy } from '../../../test/support/audio';
import { loadPrompt, readWavFile, toTelephonyPcm, WavFileWriter, writeWavFile } from './wav';

const dir = mkdtempSync(join(tmpdir(), 'wav-'));
const sox = (...args: string[]): void => {
  execFileSync('sox', args);
};

describe('WAV reading and conversion to 8 kHz mono', () => {
  it('reads 44.1 kHz stereo 16-bit from sox and converts it keeping the 440 Hz tone', () => {
    const path = join(dir, 'stereo.wav');
    sox('-n', '-r', '44100', '-c', '2', '-b', '16', path, 'synth', '1', 'sine', '440', 'vol', '0.5');
    const wav = readWavFile(path);
    expect([wav.sampleRate, wav.channels, wav.encoding, wav.channelData[0]!.length]).toEqual([44100, 2, 'pcm', 44100]);
    const pcm = toTelephonyPcm(wav);
    expect(pcm.length).toBe(8000);
    const mid = pcm.subarray(1000, 7000);
    expect(goertzel(mid, 440)).toBeGreaterThan(15000);
    expect(goertzel(mid, 440)).toBeLessThan(17500);
    expect(goertzel(mid, 1000)).toBeLessThan(100);
  });

  it('low-passes before decimating: a 6 kHz tone at 48 kHz does not alias into the voice band', () => {
    const path = join(dir, 'high.wav');
    sox('-n', '-r', '48000', '-c', '1', '-b', '16', path, 'synth', '1', 'sine', '6000', 'vol', '0.5');
    const pcm = loadPrompt(path);
    // Without filtering, 6 kHz folds to 2 kHz at an 8 kHz rate.
    expect(goertzel(pcm.subarray(1000, 7000), 2000)).toBeLessThan(50);
    expect(rms(pcm.subarray(1000, 7000))).toBeLessThan(50);
  });

  it('reads 8-bit unsigned, A-law and µ-law WAVs', () => {
    for (const [name, args] of [
      ['u8', ['-e', 'unsigned', '-b', '8']],
      ['alaw', ['-e', 'a-law']],
      ['ulaw', ['-e', 'u-law']],
    ] as const) {
      const path = join(dir, `${name}.wav`);
      sox('-n', '-r', '8000', '-c', '1', ...args, path, 'synth', '0.5', 'sine', '1000', 'vol', '0.5');
      const wav = readWavFile(path);
      expect(wav.encoding).toBe(name === 'u8' ? 'pcm' : name);
      const pcm = toTelephonyPcm(wav);
      expect(pcm.length).toBe(4000);
      expect(goertzel(pcm.subarray(400, 3600), 1000)).toBeGreaterThan(15000);
    }
  });

  it('reads espeak-ng speech at 22050 Hz and keeps its energy in the voice band', () => {
    const path = join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-w', path, 'Thank you for calling. Please hold.']);
    const wav = readWavFile(path);
    expect(wav.sampleRate).toBe(22050);
    const pcm = toTelephonyPcm(wav);
    expect(pcm.length).toBe(Math.floor((wav.channelData[0]!.length * 8000) / 22050));
    expect(rms(pcm)).toBeGreaterThan(0.6 * rms(wav.channelData[0]!));
  });
});

describe('WAV writing', () => {
  it('writes mono and stereo 16-bit files that sox accepts', () => {
    const path = join(dir, 'out.wav');
    const left = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 500 * i) / 8000)));
    writeWavFile(path, [left, new Int16Array(8000)], 8000);
    expect(execFileSync('soxi', ['-c', path]).toString().trim()).toBe('2');
    expect(execFileSync('soxi', ['-s', path]).toString().trim()).toBe('8000');
    const [l, r] = wavChannelEnergy(path);
    expect(l).toBeGreaterThan(5000);
    expect(r).toBe(0);
  });

  it('streams frames to disk and patches the header sizes on close', async () => {
    const path = join(dir, 'stream.wav');
    const writer = await WavFileWriter.create(path, 8000, 2);
    const frame = new Int16Array(320);
    for (let n = 0; n < 500; n++) {
      frame.fill(n % 2 ? 1000 : -1000); // the writer must copy: the frame is reused
      writer.write(frame);
    }
    await writer.close();
    expect(execFileSync('soxi', ['-s', path]).toString().trim()).toBe(String(500 * 160));
    const wav = readWavFile(path);
    expect(wav.channelData[0]![0]).toBe(-1000);
    expect(wav.channelData[1]![160]).toBe(1000);
  });
});
