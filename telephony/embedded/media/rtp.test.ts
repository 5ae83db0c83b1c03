import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors';
import { createRtpView, looksLikeRtcp, parseRtp, parseRtpInto, serializeRtp, writeRtpHeader } from './rtp';

interface Fixture {
  packets: { hex: string; expected: Record<string, number | boolean> }[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/g711a-rtp.json'), 'utf8')) as Fixture;

describe('RTP parse/serialize', () => {
  it('decodes captured PCMA packets exactly as tshark does, and re-serializes them byte for byte', () => {
    for (const { hex, expected } of fixture.packets) {
      const bytes = Buffer.from(hex, 'hex');
      const p = parseRtp(bytes);
      expect({
        version: p.header.version, padding: p.header.padding, extension: p.header.extension !== null,
        csrcCount: p.header.csrcs.length, marker: p.header.marker, payloadType: p.header.payloadType,
        sequenceNumber: p.header.sequenceNumber, timestamp: p.header.timestamp, ssrc: p.header.ssrc,
        payloadLength: p.payload.length,
      }).toEqual(expected);
      expect(Buffer.from(serializeRtp(p)).toString('hex')).toBe(hex);
    }
  });

  it('handles CSRCs, a header extension and padding', () => {
    const packet = {
      header: {
        version: 2, padding: true, marker: true, payloadType: 101, sequenceNumber: 0xfffe, timestamp: 0xfffffff0,
        ssrc: 0xdeadbeef, csrcs: [1, 0x80000000], extension: { profile: 0xbede, data: Uint8Array.of(0x10, 0xff, 0, 0) },
      },
      payload: Uint8Array.of(9, 8, 7),
      paddingLength: 4,
    };
    const bytes = serializeRtp(packet);
    // V=2,P=1,X=1,CC=2 -> 0xb2; M=1,PT=101 -> 0xe5
    expect(Buffer.from(bytes.subarray(0, 4)).toString('hex')).toBe('b2e5fffe');
    expect(bytes.length).toBe(12 + 8 + 8 + 3 + 4);
    expect(bytes[bytes.length - 1]).toBe(4);
    const back = parseRtp(bytes);
    expect(back.header).toEqual(packet.header);
    expect([...back.payload]).toEqual([9, 8, 7]);
    expect(back.paddingLength).toBe(4);
  });

  it('the hot-path view reuses one object and reports payload offsets', () => {
    const view = createRtpView();
    const out = new Uint8Array(20);
    const len = writeRtpHeader(out, false, 0, 7, 1234, 42);
    expect(len).toBe(12);
    parseRtpInto(out, view);
    expect([view.sequenceNumber, view.timestamp, view.ssrc, view.payloadOffset, view.payloadLength]).toEqual([7, 1234, 42, 12, 8]);
  });

  it('rejects malformed packets with ValidationError and tells RTCP from RTP', () => {
    expect(() => parseRtp(new Uint8Array(5))).toThrow(ValidationError);
    expect(() => parseRtp(Uint8Array.of(0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toThrow(ValidationError);
    expect(() => parseRtp(Uint8Array.of(0x83, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toThrow(ValidationError);
    expect(looksLikeRtcp(Uint8Array.of(0x80, 200))).toBe(true);
    expect(looksLikeRtcp(Uint8Array.of(0x80, 0x08))).toBe(false);
  });
});
