import { randomInt } from 'node:crypto';
import { ValidationError } from '../../../core/errors';
import {
  answerDirection, direction, fmtp, mediaAddress, rtpMaps,
  type Direction, type SdpAttribute, type SdpMedia, type SessionDescription,
} from './sdp';

export interface NegotiationOptions {
  /** Our media address for c= and o=. */
  address: string;
  audioPort: number;
  /** Audio codecs we accept, by preference only as a tie-break; the offer's order wins. */
  codecs?: ('PCMU' | 'PCMA')[];
  telephoneEvent?: boolean;
  /** Transport profiles we answer; WebRTC legs add 'UDP/TLS/RTP/SAVPF' and their own ICE/DTLS lines. */
  protocols?: string[];
  /** Port for video to pass through a bridge; null rejects video (port 0). */
  videoPort?: number | null;
  direction?: Direction;
  sessionId?: string;
}

export interface NegotiatedAudio {
  payloadType: number;
  codec: 'PCMU' | 'PCMA';
  telephoneEventPt: number | null;
  remote: { address: string; port: number };
  /** Our direction in the answer. */
  direction: Direction;
  ptime: number;
}

export interface Negotiation {
  answer: SessionDescription;
  /** Null when no audio stream could be agreed. */
  audio: NegotiatedAudio | null;
  /** Index of the accepted video m-line and its remote address, for pass-through. */
  video: { index: number; remote: { address: string; port: number }; formats: string[] } | null;
}

const VIDEO_ATTRS = ['rtpmap', 'fmtp', 'rtcp-fb'];

function rejected(m: SdpMedia): SdpMedia {
  const mid = m.attributes.filter((a) => a.name === 'mid');
  return { type: m.type, port: 0, protocol: m.protocol, formats: m.formats, connection: null, lines: [], attributes: mid };
}

function forFormats(m: SdpMedia, formats: string[], names: string[]): SdpAttribute[] {
  return m.attributes.filter((a) => names.includes(a.name) && formats.includes(a.value?.split(' ')[0] ?? ''));
}

/**
 * Builds an RFC 3264 answer: one m-line per offered m-line, in order. Audio takes the first
 * offered G.711 codec we support plus telephone-event/8000; video, when a port is given, is
 * accepted as offered so a bridge can relay it; everything else is rejected with port 0.
 */
export function negotiate(offer: SessionDescription, options: NegotiationOptions): Negotiation {
  const codecs = options.codecs ?? ['PCMU', 'PCMA'];
  const protocols = options.protocols ?? ['RTP/AVP'];
  let audio: NegotiatedAudio | null = null;
  let video: Negotiation['video'] = null;
  const media = offer.media.map((m, index): SdpMedia => {
    const remoteAddress = mediaAddress(m, offer);
    if (m.port === 0 || !protocols.includes(m.protocol) || !remoteAddress) return rejected(m);
    const mid = m.attributes.filter((a) => a.name === 'mid');
    const dir = answerDirection(direction(m, offer), options.direction);
    if (m.type === 'audio' && !audio) {
      const maps = rtpMaps(m);
      const chosen = maps.find((r) => r.clockRate === 8000 && codecs.includes(r.encoding.toUpperCase() as 'PCMU'));
      if (!chosen) return rejected(m);
      const event = options.telephoneEvent === false
        ? undefined
        : maps.find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === 8000);
      const formats = [String(chosen.payloadType), ...(event ? [String(event.payloadType)] : [])];
      const codec = chosen.encoding.toUpperCase() as 'PCMU' | 'PCMA';
      const attributes: SdpAttribute[] = [
        ...mid,
        { name: 'rtpmap', value: `${chosen.payloadType} ${codec}/8000` },
      ];
      if (event) {
        attributes.push({ name: 'rtpmap', value: `${event.payloadType} telephone-event/8000` });
        attributes.push({ name: 'fmtp', value: `${event.payloadType} ${fmtp(m, event.payloadType) ?? '0-16'}` });
      }
      attributes.push({ name: 'ptime', value: '20' }, { name: dir, value: null });
      audio = {
        payloadType: chosen.payloadType, codec, telephoneEventPt: event?.payloadType ?? null,
        remote: { address: remoteAddress, port: m.port }, direction: dir, ptime: 20,
      };
      return { type: 'audio', port: options.audioPort, protocol: m.protocol, formats, connection: null, lines: [], attributes };
    }
    if (m.type === 'video' && !video && options.videoPort != null) {
      video = { index, remote: { address: remoteAddress, port: m.port }, formats: m.formats };
      const attributes = [...mid, ...forFormats(m, m.formats, VIDEO_ATTRS), { name: dir, value: null }];
      return { type: 'video', port: options.videoPort, protocol: m.protocol, formats: m.formats, connection: null, lines: [], attributes };
    }
    return rejected(m);
  });
  if (media.length === 0) throw new ValidationError('offer has no media');
  const sessionId = options.sessionId ?? String(randomInt(1, 2 ** 47));
  const connection = { netType: 'IN', addrType: options.address.includes(':') ? 'IP6' : 'IP4', address: options.address };
  const bundle = offer.attributes.filter((a) => a.name === 'group');
  const answer: SessionDescription = {
    version: 0,
    origin: { username: '-', sessionId, sessionVersion: '1', ...connection },
    name: '-', connection, lines: ['t=0 0'], attributes: bundle, media,
  };
  return { answer, audio, video };
}

/** A fresh audio (and optionally video) offer for outbound calls. */
export function buildOffer(options: NegotiationOptions): SessionDescription {
  const codecs = options.codecs ?? ['PCMU', 'PCMA'];
  const pts = codecs.map((c) => (c === 'PCMU' ? 0 : 8));
  const formats = [...pts.map(String), ...(options.telephoneEvent === false ? [] : ['101'])];
  const attributes: SdpAttribute[] = codecs.map((c, i) => ({ name: 'rtpmap', value: `${pts[i]} ${c}/8000` }));
  if (options.telephoneEvent !== false) {
    attributes.push({ name: 'rtpmap', value: '101 telephone-event/8000' }, { name: 'fmtp', value: '101 0-16' });
  }
  attributes.push({ name: 'ptime', value: '20' }, { name: options.direction ?? 'sendrecv', value: null });
  const connection = { netType: 'IN', addrType: options.address.includes(':') ? 'IP6' : 'IP4', address: options.address };
  return {
    version: 0,
    origin: { username: '-', sessionId: options.sessionId ?? String(randomInt(1, 2 ** 47)), sessionVersion: '1', ...connection },
    name: '-', connection, lines: ['t=0 0'], attributes: [],
    media: [{ type: 'audio', port: options.audioPort, protocol: 'RTP/AVP', formats, connection: null, lines: [], attributes }],
  };
}
