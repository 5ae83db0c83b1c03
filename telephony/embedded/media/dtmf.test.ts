import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DtmfDecoder, dtmfPackets, parseTelephoneEvent, type DetectedDigit } from './dtmf';
import { parseRtp } from './rtp';
import { udpPayloads } from './fixtures/pcap';

const fixtures = join(__dirname, 'fixtures');

function decodeAll(packets: Uint8Array[]): DetectedDigit[] {
  const decoder = new DtmfDecoder();
  const digits: DetectedDigit[] = [];
  for (const bytes of packets) {
    const { header, payload } = parseRtp(bytes);
    const d = decoder.push(header.timestamp, payload);
    if (d) digits.push(d);
  }
  const tail = decoder.flush();
  if (tail) digits.push(tail);
  return digits;
}

describe('RFC 4733 decode', () => {
  it("finds exactly the one digit in each of sipp's dtmf_2833 captures, once, with its duration", () => {
    const files = readdirSync(fixtures).filter((f) => /^dtmf_2833_.*\.pcap$/.test(f));
    expect(files).toHaveLength(12);
    const names: Record<string, string> = { pound: '#', star: '*' };
    for (const file of files) {
      const key = /^dtmf_2833_(.*)\.pcap$/.exec(file)![1]!;
      const packets = udpPayloads(join(fixtures, file));
      expect(packets).toHaveLength(10); // 7 updates + the end packet three times
      const digits = decodeAll(packets);
      expect(digits.map((d) => d.digit)).toEqual([names[key] ?? key]);
      expect(digits[0]).toMatchObject({ duration: 2240, durationMs: 280, ended: true });
    }
  });

  it('ignores retransmits and reordering, and closes a digit whose end packets were lost', () => {
    const a = [...dtmfPackets('5', { timestamp: 1000, durationMs: 60 })];
    const b = [...dtmfPackets('9', { timestamp: 2000, durationMs: 60 })];
    const c = [...dtmfPackets('7', { timestamp: 3000, durationMs: 60 })].filter((p) => !p.end);
    const shuffled = [a[1]!, a[0]!, a[2]!, a[3]!, a[3]!, a[4]!, a[1]!, a[5]!, b[0]!, a[5]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, ...c];
    const decoder = new DtmfDecoder();
    const out = shuffled.map((p) => decoder.push(p.timestamp, p.payload)).filter((d) => d !== null);
    const tail = decoder.flush();
    expect(out.map((d) => [d.digit, d.duration])).toEqual([['5', 480], ['9', 480]]);
    expect(tail).toMatchObject({ digit: '7', ended: false });
  });
});

describe('RFC 4733 encode', () => {
  it('produces marker start, 20 ms updates and three end packets, all on one timestamp', () => {
    const packets = [...dtmfPackets('#', { timestamp: 4242, durationMs: 100 })];
    expect(packets.map((p) => p.offsetMs)).toEqual([0, 20, 40, 60, 80, 100, 120, 140]);
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false, false]);
    expect(packets.every((p) => p.timestamp === 4242)).toBe(true);
    const events = packets.map((p) => parseTelephoneEvent(p.payload));
    expect(events.map((e) => e.event)).toEqual(Array(8).fill(11));
    expect(events.map((e) => e.end)).toEqual([false, false, false, false, false, true, true, true]);
    expect(events.map((e) => e.duration)).toEqual([0, 160, 320, 480, 640, 800, 800, 800]);
  });

  it('rejects what is not a digit', () => {
    expect(() => [...dtmfPackets('x', { timestamp: 0 })]).toThrow();
  });
});
