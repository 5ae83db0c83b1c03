import { ValidationError } from '../../../core/errors';

/** RFC 3550 section 5.1 fixed header plus CSRCs and the optional header extension. */
export interface RtpHeader {
  version: number;
  padding: boolean;
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension: RtpExtension | null;
}

export interface RtpExtension {
  profile: number;
  data: Uint8Array;
}

export interface RtpPacket {
  header: RtpHeader;
  payload: Uint8Array;
  paddingLength: number;
}

/**
 * A reusable parse target for the receive hot path: it carries offsets into the datagram
 * instead of copies, so parsing a packet allocates nothing.
 */
export interface RtpView extends RtpHeader {
  payloadOffset: number;
  payloadLength: number;
  paddingLength: number;
  extensionOffset: number;
  extensionLength: number;
  extensionProfile: number;
}

const FIXED_HEADER = 12;

export function createRtpView(): RtpView {
  return {
    version: 2, padding: false, marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0,
    ssrc: 0, csrcs: [], extension: null, payloadOffset: 0, payloadLength: 0, paddingLength: 0,
    extensionOffset: 0, extensionLength: 0, extensionProfile: 0,
  };
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

/**
 * True when the datagram looks like RTCP rather than RTP (RFC 5761 section 4): the second byte
 * of RTCP is a packet type 192..223, which as RTP would be marker + payload type 64..95.
 */
export function looksLikeRtcp(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[1]! >= 192 && buf[1]! <= 223;
}

/** Parses into `view` (reused by the caller). The extension object is left null on this path. */
export function parseRtpInto(buf: Uint8Array, view: RtpView): RtpView {
  if (buf.length < FIXED_HEADER) throw new ValidationError(`RTP packet too short: ${buf.length}`);
  const b0 = buf[0]!;
  const version = b0 >> 6;
  if (version !== 2) throw new ValidationError(`RTP version ${version} is not 2`);
  const csrcCount = b0 & 0x0f;
  let offset = FIXED_HEADER + csrcCount * 4;
  if (buf.length < offset) throw new ValidationError('RTP CSRC list truncated');
  view.version = version;
  view.padding = (b0 & 0x20) !== 0;
  view.marker = (buf[1]! & 0x80) !== 0;
  view.payloadType = buf[1]! & 0x7f;
  view.sequenceNumber = (buf[2]! << 8) | buf[3]!;
  view.timestamp = u32(buf, 4);
  view.ssrc = u32(buf, 8);
  view.csrcs.length = csrcCount;
  for (let i = 0; i < csrcCount; i++) view.csrcs[i] = u32(buf, FIXED_HEADER + i * 4);
  view.extension = null;
  view.extensionOffset = 0;
  view.extensionLength = 0;
  view.extensionProfile = 0;
  if (b0 & 0x10) {
    if (buf.length < offset + 4) throw new ValidationError('RTP extension header truncated');
    view.extensionProfile = (buf[offset]! << 8) | buf[offset + 1]!;
    view.extensionLength = ((buf[offset + 2]! << 8) | buf[offset + 3]!) * 4;
    view.extensionOffset = offset + 4;
    offset += 4 + view.extensionLength;
    if (buf.length < offset) throw new ValidationError('RTP extension truncated');
  }
  view.paddingLength = 0;
  if (view.padding) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || offset + pad > buf.length) throw new ValidationError('RTP padding invalid');
    view.paddingLength = pad;
  }
  view.payloadOffset = offset;
  view.payloadLength = buf.length - offset - view.paddingLength;
  return view;
}

/** Convenience parse for non-hot paths (tests, tooling): returns an owned packet. */
export function parseRtp(buf: Uint8Array): RtpPacket {
  const view = parseRtpInto(buf, createRtpView());
  const header: RtpHeader = {
    version: view.version, padding: view.padding, marker: view.marker, payloadType: view.payloadType,
    sequenceNumber: view.sequenceNumber, timestamp: view.timestamp, ssrc: view.ssrc,
    csrcs: [...view.csrcs],
    extension: view.extensionOffset
      ? { profile: view.extensionProfile, data: buf.slice(view.extensionOffset, view.extensionOffset + view.extensionLength) }
      : null,
  };
  const payload = buf.slice(view.payloadOffset, view.payloadOffset + view.payloadLength);
  return { header, payload, paddingLength: view.paddingLength };
}

export function rtpPacketSize(packet: RtpPacket): number {
  const ext = packet.header.extension ? 4 + packet.header.extension.data.length : 0;
  return FIXED_HEADER + packet.header.csrcs.length * 4 + ext + packet.payload.length + packet.paddingLength;
}

/** Serializes a full packet; writes into `out` when given (returns the written view). */
export function serializeRtp(packet: RtpPacket, out?: Uint8Array): Uint8Array {
  const { header, payload, paddingLength } = packet;
  if (header.csrcs.length > 15) throw new ValidationError('at most 15 CSRCs');
  if (header.extension && header.extension.data.length % 4 !== 0) {
    throw new ValidationError('RTP extension data must be a multiple of 4 bytes');
  }
  if (paddingLength > 255) throw new ValidationError('RTP padding is at most 255 bytes');
  const size = rtpPacketSize(packet);
  const buf = out ? out.subarray(0, size) : new Uint8Array(size);
  if (buf.length < size) throw new ValidationError('output buffer too small for RTP packet');
  buf[0] = 0x80 | (paddingLength > 0 ? 0x20 : 0) | (header.extension ? 0x10 : 0) | header.csrcs.length;
  buf[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  buf[2] = header.sequenceNumber >> 8;
  buf[3] = header.sequenceNumber;
  writeU32(buf, 4, header.timestamp);
  writeU32(buf, 8, header.ssrc);
  let offset = FIXED_HEADER;
  for (const csrc of header.csrcs) {
    writeU32(buf, offset, csrc);
    offset += 4;
  }
  if (header.extension) {
    const { profile, data } = header.extension;
    buf[offset] = profile >> 8;
    buf[offset + 1] = profile;
    buf[offset + 2] = (data.length / 4) >> 8;
    buf[offset + 3] = data.length / 4;
    buf.set(data, offset + 4);
    offset += 4 + data.length;
  }
  buf.set(payload, offset);
  offset += payload.length;
  if (paddingLength > 0) {
    buf.fill(0, offset, offset + paddingLength - 1);
    buf[offset + paddingLength - 1] = paddingLength;
  }
  return buf;
}

/** Hot-path sender: writes the 12-byte fixed header (no CSRC, no extension) and returns 12. */
export function writeRtpHeader(
  out: Uint8Array, marker: boolean, payloadType: number, sequenceNumber: number, timestamp: number, ssrc: number,
): number {
  out[0] = 0x80;
  out[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  out[2] = sequenceNumber >> 8;
  out[3] = sequenceNumber;
  writeU32(out, 4, timestamp);
  writeU32(out, 8, ssrc);
  return FIXED_HEADER;
}
