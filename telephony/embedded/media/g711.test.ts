import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PCMA, PCMU } from './g711';

describe('G.711', () => {
  it('matches the reference values of the G.711 tables', () => {
    expect([0xff, 0x7f, 0x00, 0x80, 0xef].map(PCMU.decodeSample)).toEqual([0, 0, -32124, 32124, 132]);
    expect([0xd5, 0x55, 0xaa, 0x2a].map(PCMA.decodeSample)).toEqual([8, -8, 32256, -32256]);
    expect(PCMU.encodeSample(0)).toBe(0xff);
    expect(PCMA.encodeSample(0)).toBe(0xd5);
    expect(PCMU.encodeSample(32767)).toBe(0x80);
    expect(PCMU.encodeSample(-32768)).toBe(0x00);
    expect(PCMA.encodeSample(32767)).toBe(0xaa);
    expect(PCMA.encodeSample(-32768)).toBe(0x2a);
  });

  it('round-trips every code and keeps quantisation error within the segment step', () => {
    for (const codec of [PCMU, PCMA]) {
      for (let code = 0; code < 256; code++) {
        const linear = codec.decodeSample(code);
        expect(codec.decodeSample(codec.encodeSample(linear))).toBe(linear);
      }
      for (let s = -32768; s < 32768; s += 7) {
        const err = Math.abs(codec.decodeSample(codec.encodeSample(s)) - s);
        // Logarithmic coding: the error stays within one step, about 1/16 of the magnitude.
        expect(err).toBeLessThanOrEqual(Math.max(32, Math.abs(s) / 15));
      }
    }
  });

  it('encodes a sine exactly as sox does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'g711-'));
    const raw = join(dir, 'x.raw');
    // sox rounds to 13/14 bits before the G.711 step where the reference coder truncates; samples
    // on a multiple of 8 make both agree, so any remaining difference is a real coding error.
    const pcm = Int16Array.from({ length: 4000 }, (_, i) => Math.round(26000 * Math.sin((2 * Math.PI * 697 * i) / 8000)) & ~7);
    writeFileSync(raw, new Uint8Array(pcm.buffer));
    for (const [codec, encoding] of [[PCMU, 'u-law'], [PCMA, 'a-law']] as const) {
      const ref = join(dir, `${encoding}.raw`);
      execFileSync('sox', ['-D', '-r', '8000', '-c', '1', '-e', 'signed', '-b', '16', raw, '-e', encoding, '-b', '8', ref]);
      const expected = readFileSync(ref);
      const ours = new Uint8Array(pcm.length);
      codec.encode(pcm, ours);
      let differing = 0;
      for (let i = 0; i < ours.length; i++) if (ours[i] !== expected[i]) differing++;
      expect(differing).toBe(0);
      const decoded = new Int16Array(ours.length);
      codec.decode(ours, decoded);
      expect(decoded[100]).toBe(codec.decodeSample(expected[100]!));
    }
  });
});
