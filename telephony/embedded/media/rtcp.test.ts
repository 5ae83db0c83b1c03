import { describe, expect, it } from 'vitest';
import { buildReceiverReport, buildSenderReport, ntpMiddle, parseRtcp, toNtp } from './rtcp';
import { ReceptionStats } from './reception-stats';

const block = { ssrc: 7, fractionLost: 25, cumulativeLost: -3, highestSequence: 0x1_0005, jitter: 12, lastSr: 0xabcd1234, delaySinceLastSr: 65536 };

describe('RTCP', () => {
  it('builds an SR + SDES compound that parses back to the same values', () => {
    const ntp = toNtp(Date.UTC(2026, 0, 1, 12, 0, 0, 500));
    const bytes = buildSenderReport({
      ssrc: 0x11223344, ntpSeconds: ntp.seconds, ntpFraction: ntp.fraction, rtpTimestamp: 160_000,
      packetCount: 1000, octetCount: 160_000, reports: [block],
    }, 'leg-1@host');
    expect(bytes.length % 4).toBe(0);
    const [sr, sdes] = parseRtcp(bytes);
    expect(sr).toMatchObject({ type: 'sr', ssrc: 0x11223344, rtpTimestamp: 160_000, packetCount: 1000, reports: [block] });
    expect(ntp.fraction).toBe(0x80000000); // half a second
    expect(sdes).toEqual({ type: 'sdes', chunks: [{ ssrc: 0x11223344, cname: 'leg-1@host' }] });
  });

  it('builds and parses a receiver report', () => {
    const [rr] = parseRtcp(buildReceiverReport({ ssrc: 9, reports: [block] }, 'x'));
    expect(rr).toEqual({ type: 'rr', ssrc: 9, reports: [block] });
  });

  it('reception stats count loss across a sequence wrap and echo the last SR', () => {
    const stats = new ReceptionStats();
    const seqs = [65533, 65534, 65535, 1, 2, 4]; // 0 and 3 lost
    seqs.forEach((s, i) => stats.onPacket(5, s, i * 160, i * 160 + 800));
    stats.onSenderReport(ntpMiddle(0x12345678, 0x9abc0000), 1000);
    const r = stats.reportBlock(1500)!;
    expect(r.cumulativeLost).toBe(2);
    expect(r.highestSequence).toBe(0x1_0004);
    expect(r.fractionLost).toBe(Math.floor((2 * 256) / 8));
    expect(r.lastSr).toBe(0x56789abc);
    expect(r.delaySinceLastSr).toBe(32768);
    expect(r.jitter).toBe(0);
  });
});
