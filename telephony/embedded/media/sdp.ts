import { ValidationError } from '../../../core/errors';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpConnection {
  netType: string;
  addrType: string;
  address: string;
}

export interface SdpOrigin {
  username: string;
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

export interface SdpAttribute {
  name: string;
  value: string | null;
}

export interface SdpMedia {
  type: string;
  port: number;
  protocol: string;
  formats: string[];
  connection: SdpConnection | null;
  /** Other media-level lines (b=, i=, k=) kept verbatim, e.g. "b=AS:64". */
  lines: string[];
  /** Every a= line in order, so unknown attributes survive a parse/build round trip. */
  attributes: SdpAttribute[];
}

export interface SessionDescription {
  version: number;
  origin: SdpOrigin;
  name: string;
  connection: SdpConnection | null;
  /** Session-level lines other than v, o, s, c, a (t=, b=, ...) kept verbatim in order. */
  lines: string[];
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

export interface RtpMap {
  payloadType: number;
  encoding: string;
  clockRate: number;
  channels: number | null;
}

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

function parseConnection(value: string): SdpConnection {
  const [netType, addrType, address] = value.split(' ');
  if (!netType || !addrType || !address) throw new ValidationError(`bad SDP c= line: ${value}`);
  // Multicast TTL suffixes (/127) are not meaningful for unicast telephony.
  return { netType, addrType, address: address.split('/')[0]! };
}

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  return colon < 0 ? { name: value, value: null } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}

export function parseSdp(text: string): SessionDescription {
  const sd: SessionDescription = {
    version: 0, origin: { username: '-', sessionId: '0', sessionVersion: '0', netType: 'IN', addrType: 'IP4', address: '0.0.0.0' },
    name: '-', connection: null, lines: [], attributes: [], media: [],
  };
  let media: SdpMedia | null = null;
  let sawVersion = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line[1] !== '=') throw new ValidationError(`bad SDP line: ${line}`);
    const type = line[0]!;
    const value = line.slice(2);
    if (type === 'm') {
      const [mediaType, port, protocol, ...formats] = value.split(' ');
      if (!mediaType || !port || !protocol) throw new ValidationError(`bad SDP m= line: ${value}`);
      media = { type: mediaType, port: Number.parseInt(port, 10), protocol, formats, connection: null, lines: [], attributes: [] };
      sd.media.push(media);
    } else if (type === 'a') {
      (media ?? sd).attributes.push(parseAttribute(value));
    } else if (type === 'c') {
      if (media) media.connection = parseConnection(value);
      else sd.connection = parseConnection(value);
    } else if (media) {
      media.lines.push(line);
    } else if (type === 'v') {
      sawVersion = true;
      sd.version = Number.parseInt(value, 10);
    } else if (type === 'o') {
      const [username, sessionId, sessionVersion, netType, addrType, address] = value.split(' ');
      if (!address) throw new ValidationError(`bad SDP o= line: ${value}`);
      sd.origin = { username: username!, sessionId: sessionId!, sessionVersion: sessionVersion!, netType: netType!, addrType: addrType!, address };
    } else if (type === 's') {
      sd.name = value;
    } else {
      sd.lines.push(line);
    }
  }
  if (!sawVersion) throw new ValidationError('not an SDP body: no v= line');
  return sd;
}

function connectionLine(c: SdpConnection): string {
  return `c=${c.netType} ${c.addrType} ${c.address}`;
}

function attributeLine(a: SdpAttribute): string {
  return a.value === null ? `a=${a.name}` : `a=${a.name}:${a.value}`;
}

export function buildSdp(sd: SessionDescription): string {
  const o = sd.origin;
  const out = [`v=${sd.version}`, `o=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`, `s=${sd.name}`];
  if (sd.connection) out.push(connectionLine(sd.connection));
  out.push(...sd.lines);
  if (!sd.lines.some((l) => l.startsWith('t='))) out.push('t=0 0');
  out.push(...sd.attributes.map(attributeLine));
  for (const m of sd.media) {
    out.push(`m=${m.type} ${m.port} ${m.protocol} ${m.formats.join(' ')}`);
    if (m.connection) out.push(connectionLine(m.connection));
    out.push(...m.lines, ...m.attributes.map(attributeLine));
  }
  return out.join('\r\n') + '\r\n';
}

/** rtpmap entries of a media section, including the implied static ones (0 PCMU, 8 PCMA...). */
export function rtpMaps(m: SdpMedia): RtpMap[] {
  const maps: RtpMap[] = [];
  for (const f of m.formats) {
    const pt = Number.parseInt(f, 10);
    const attr = m.attributes.find((a) => a.name === 'rtpmap' && a.value?.split(' ')[0] === f);
    if (attr?.value) {
      const [encoding = '', rate = '0', channels] = (attr.value.split(' ')[1] ?? '').split('/');
      maps.push({ payloadType: pt, encoding, clockRate: Number(rate), channels: channels ? Number(channels) : null });
    } else if (pt === 0) maps.push({ payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: null });
    else if (pt === 8) maps.push({ payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: null });
  }
  return maps;
}

export function fmtp(m: SdpMedia, payloadType: number): string | null {
  const prefix = `${payloadType} `;
  return m.attributes.find((a) => a.name === 'fmtp' && a.value?.startsWith(prefix))?.value?.slice(prefix.length) ?? null;
}

/** The media direction, falling back to the session level, then sendrecv (RFC 4566). */
export function direction(m: SdpMedia, sd?: SessionDescription): Direction {
  const own = m.attributes.find((a) => DIRECTIONS.includes(a.name));
  const session = sd?.attributes.find((a) => DIRECTIONS.includes(a.name));
  return (own?.name ?? session?.name ?? 'sendrecv') as Direction;
}

export function ptime(m: SdpMedia): number | null {
  const v = m.attributes.find((a) => a.name === 'ptime')?.value;
  return v ? Number(v) : null;
}

/** The address a media stream is sent to: media-level c= over session-level c=. */
export function mediaAddress(m: SdpMedia, sd: SessionDescription): string | null {
  return (m.connection ?? sd.connection)?.address ?? null;
}

/** What this side does given the other side's direction (RFC 3264 section 6.1). */
export function answerDirection(offered: Direction, wanted: Direction = 'sendrecv'): Direction {
  const canSend = offered === 'sendrecv' || offered === 'recvonly';
  const canRecv = offered === 'sendrecv' || offered === 'sendonly';
  const send = canSend && (wanted === 'sendrecv' || wanted === 'sendonly');
  const recv = canRecv && (wanted === 'sendrecv' || wanted === 'recvonly');
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
}
