import { ValidationError } from '../../../core/errors';

/** RFC 3550 section 6.4.1 report block (one per source heard). */
export interface ReportBlock {
  ssrc: number;
  fractionLost: number;
  cumulativeLost: number;
  highestSequence: number;
  jitter: number;
  lastSr: number;
  delaySinceLastSr: number;
}

export interface SenderReport {
  type: 'sr';
  ssrc: number;
  ntpSeconds: number;
  ntpFraction: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
  reports: ReportBlock[];
}

export interface ReceiverReport {
  type: 'rr';
  ssrc: number;
  reports: ReportBlock[];
}

export interface SourceDescription {
  type: 'sdes';
  chunks: { ssrc: number; cname: string | null }[];
}

export interface Goodbye {
  type: 'bye';
  ssrcs: number[];
}

export interface OtherRtcp {
  type: 'other';
  packetType: number;
}

export type RtcpPacket = SenderReport | ReceiverReport | SourceDescription | Goodbye | OtherRtcp;

const PT_SR = 200;
const PT_RR = 201;
const PT_SDES = 202;
const PT_BYE = 203;
const NTP_EPOCH_OFFSET = 2208988800;

/** Wall-clock milliseconds to the 64-bit NTP timestamp carried by SRs. */
export function toNtp(unixMs: number): { seconds: number; fraction: number } {
  const seconds = Math.floor(unixMs / 1000);
  const fraction = Math.floor(((unixMs - seconds * 1000) / 1000) * 0x100000000);
  return { seconds: (seconds + NTP_EPOCH_OFFSET) >>> 0, fraction: fraction >>> 0 };
}

/** The middle 32 bits of the NTP time, as echoed in the LSR field of report blocks. */
export function ntpMiddle(seconds: number, fraction: number): number {
  return (((seconds & 0xffff) << 16) | (fraction >>> 16)) >>> 0;
}

function header(view: DataView, offset: number, count: number, type: number, words: number): void {
  view.setUint8(offset, 0x80 | count);
  view.setUint8(offset + 1, type);
  view.setUint16(offset + 2, words);
}

function writeBlocks(view: DataView, offset: number, reports: ReportBlock[]): void {
  for (const r of reports) {
    view.setUint32(offset, r.ssrc);
    // Cumulative loss is a signed 24-bit field (duplicates can make it negative).
    const lost = Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost)) & 0xffffff;
    view.setUint32(offset + 4, ((r.fractionLost & 0xff) << 24 | lost) >>> 0);
    view.setUint32(offset + 8, r.highestSequence >>> 0);
    view.setUint32(offset + 12, r.jitter >>> 0);
    view.setUint32(offset + 16, r.lastSr >>> 0);
    view.setUint32(offset + 20, r.delaySinceLastSr >>> 0);
    offset += 24;
  }
}

function sdesCname(ssrc: number, cname: string): Uint8Array {
  const text = new TextEncoder().encode(cname);
  // chunk = SSRC + item(type, len, text) + null terminator, padded to 32 bits.
  const chunkLength = Math.ceil((4 + 2 + text.length + 1) / 4) * 4;
  const buf = new Uint8Array(4 + chunkLength);
  const view = new DataView(buf.buffer);
  header(view, 0, 1, PT_SDES, buf.length / 4 - 1);
  view.setUint32(4, ssrc);
  buf[8] = 1;
  buf[9] = text.length;
  buf.set(text, 10);
  return buf;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Builds a compound SR + SDES(CNAME) packet (RFC 3550 requires CNAME in every compound). */
export function buildSenderReport(sr: Omit<SenderReport, 'type'>, cname: string): Uint8Array {
  if (sr.reports.length > 31) throw new ValidationError('at most 31 report blocks');
  const buf = new Uint8Array(28 + sr.reports.length * 24);
  const view = new DataView(buf.buffer);
  header(view, 0, sr.reports.length, PT_SR, buf.length / 4 - 1);
  view.setUint32(4, sr.ssrc);
  view.setUint32(8, sr.ntpSeconds);
  view.setUint32(12, sr.ntpFraction);
  view.setUint32(16, sr.rtpTimestamp >>> 0);
  view.setUint32(20, sr.packetCount >>> 0);
  view.setUint32(24, sr.octetCount >>> 0);
  writeBlocks(view, 28, sr.reports);
  return concat([buf, sdesCname(sr.ssrc, cname)]);
}

/** Builds a compound RR + SDES(CNAME) packet, for endpoints that receive but do not send. */
export function buildReceiverReport(rr: Omit<ReceiverReport, 'type'>, cname: string): Uint8Array {
  if (rr.reports.length > 31) throw new ValidationError('at most 31 report blocks');
  const buf = new Uint8Array(8 + rr.reports.length * 24);
  const view = new DataView(buf.buffer);
  header(view, 0, rr.reports.length, PT_RR, buf.length / 4 - 1);
  view.setUint32(4, rr.ssrc);
  writeBlocks(view, 8, rr.reports);
  return concat([buf, sdesCname(rr.ssrc, cname)]);
}

function readBlocks(view: DataView, offset: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0; i < count; i++, offset += 24) {
    const word = view.getUint32(offset + 4);
    const lost = word & 0xffffff;
    blocks.push({
      ssrc: view.getUint32(offset),
      fractionLost: word >>> 24,
      cumulativeLost: lost & 0x800000 ? lost - 0x1000000 : lost,
      highestSequence: view.getUint32(offset + 8),
      jitter: view.getUint32(offset + 12),
      lastSr: view.getUint32(offset + 16),
      delaySinceLastSr: view.getUint32(offset + 20),
    });
  }
  return blocks;
}

function parseSdes(buf: Uint8Array, start: number, end: number, count: number): SourceDescription {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const chunks: SourceDescription['chunks'] = [];
  let offset = start;
  for (let i = 0; i < count && offset + 4 <= end; i++) {
    const ssrc = view.getUint32(offset);
    let cname: string | null = null;
    offset += 4;
    while (offset < end && buf[offset] !== 0) {
      const type = buf[offset]!;
      const length = buf[offset + 1] ?? 0;
      if (type === 1) cname = new TextDecoder().decode(buf.subarray(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    offset = (Math.floor(offset / 4) + 1) * 4; // skip the null item and pad to a word
    chunks.push({ ssrc, cname });
  }
  return { type: 'sdes', chunks };
}

/** Parses a (compound) RTCP datagram into its packets; malformed input throws ValidationError. */
export function parseRtcp(buf: Uint8Array): RtcpPacket[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const packets: RtcpPacket[] = [];
  let offset = 0;
  while (offset + 4 <= buf.length) {
    const b0 = buf[offset]!;
    if (b0 >> 6 !== 2) throw new ValidationError('RTCP version is not 2');
    const count = b0 & 0x1f;
    const type = buf[offset + 1]!;
    const end = offset + (view.getUint16(offset + 2) + 1) * 4;
    if (end > buf.length) throw new ValidationError('RTCP packet truncated');
    if (type === PT_SR) {
      if (end - offset < 28 + count * 24) throw new ValidationError('RTCP SR too short');
      packets.push({
        type: 'sr', ssrc: view.getUint32(offset + 4), ntpSeconds: view.getUint32(offset + 8),
        ntpFraction: view.getUint32(offset + 12), rtpTimestamp: view.getUint32(offset + 16),
        packetCount: view.getUint32(offset + 20), octetCount: view.getUint32(offset + 24),
        reports: readBlocks(view, offset + 28, count),
      });
    } else if (type === PT_RR) {
      if (end - offset < 8 + count * 24) throw new ValidationError('RTCP RR too short');
      packets.push({ type: 'rr', ssrc: view.getUint32(offset + 4), reports: readBlocks(view, offset + 8, count) });
    } else if (type === PT_SDES) {
      packets.push(parseSdes(buf, offset + 4, end, count));
    } else if (type === PT_BYE) {
      const ssrcs: number[] = [];
      for (let i = 0; i < count && offset + 8 + i * 4 <= end; i++) ssrcs.push(view.getUint32(offset + 4 + i * 4));
      packets.push({ type: 'bye', ssrcs });
    } else {
      packets.push({ type: 'other', packetType: type });
    }
    offset = end;
  }
  if (packets.length === 0) throw new ValidationError('empty RTCP datagram');
  return packets;
}
