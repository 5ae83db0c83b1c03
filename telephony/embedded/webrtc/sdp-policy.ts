import { ValidationError } from '../../../core/errors';
import {
  answerDirection, buildSdp, direction, fmtp, parseSdp, rtpMaps,
  type Direction, type SdpMedia, type SessionDescription,
} from '../media/sdp';

/** Video codecs we relay without decoding. H.264 only in packetization-mode 1 (what browsers send). */
export type VideoCodecName = 'VP8' | 'H264';

/** Every video codec we can relay, by preference. */
export const RELAYABLE_VIDEO: readonly VideoCodecName[] = ['VP8', 'H264'];

/** The codecs one WebRTC leg agreed on, read from the final SDP. */
export interface AgreedCodecs {
  audio: { payloadType: number; codec: 'PCMU' | 'PCMA'; telephoneEventPt: number | null };
  /** Null when video was not offered, not wanted or had no codec in common. */
  video: { payloadType: number; codec: VideoCodecName } | null;
}

const PER_FORMAT = ['rtpmap', 'fmtp', 'rtcp-fb'];

function keepFormats(m: SdpMedia, formats: string[]): void {
  m.formats = formats;
  m.attributes = m.attributes.filter((a) => !PER_FORMAT.includes(a.name) || formats.includes(a.value?.split(' ')[0] ?? ''));
}

function isG711(encoding: string, clockRate: number): boolean {
  return clockRate === 8000 && /^PCM[UA]$/i.test(encoding);
}

/** The payload types of the first acceptable video codec (by our preference) and its RTX. */
function chooseVideo(m: SdpMedia, wanted: readonly VideoCodecName[]): string[] | null {
  const maps = rtpMaps(m);
  for (const name of wanted) {
    const candidates = maps.filter((r) => r.encoding.toUpperCase() === name && r.clockRate === 90000 && (name !== 'H264' || /packetization-mode=1/.test(fmtp(m, r.payloadType) ?? '')));
    // Constrained baseline (42e01f) decodes everywhere; other profiles only when it is absent.
    const chosen = candidates.find((r) => /profile-level-id=42e01f/i.test(fmtp(m, r.payloadType) ?? '')) ?? candidates[0];
    if (!chosen) continue;
    const rtx = maps.find((r) => r.encoding.toLowerCase() === 'rtx' && fmtp(m, r.payloadType) === `apt=${chosen.payloadType}`);
    return [String(chosen.payloadType), ...(rtx ? [String(rtx.payloadType)] : [])];
  }
  return null;
}

/**
 * Narrows a browser's offer to what we answer, before the WebRTC stack sees it: audio keeps only
 * PCMU/PCMA and telephone-event/8000 (browsers put opus first; we never transcode), video keeps
 * one codec plus its RTX. `video` is true when that codec is one of `videoCodecs`; otherwise the
 * video m-line is to be answered inactive (werift cannot answer with port 0, so it still needs a
 * codec it knows, any relayable one).
 */
export function narrowOffer(offerSdp: string, videoCodecs: readonly VideoCodecName[]): { sdp: string; video: boolean } {
  const offer = parseSdp(offerSdp);
  let audio = false;
  let video = false;
  for (const m of offer.media) {
    if (m.port === 0) continue;
    if (m.type === 'audio' && !audio) {
      const maps = rtpMaps(m);
      const g711 = maps.filter((r) => isG711(r.encoding, r.clockRate)).map((r) => String(r.payloadType));
      if (g711.length === 0) throw new ValidationError('offer has no PCMU/PCMA audio');
      const event = maps.find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === 8000);
      keepFormats(m, [...g711, ...(event ? [String(event.payloadType)] : [])]);
      audio = true;
    } else if (m.type === 'video' && !video) {
      const wanted = chooseVideo(m, videoCodecs);
      const formats = wanted ?? chooseVideo(m, RELAYABLE_VIDEO);
      if (!formats) throw new ValidationError('offer has video without VP8 or H.264 (packetization-mode 1)');
      keepFormats(m, formats);
      video = wanted !== null;
    }
  }
  if (!audio) throw new ValidationError('offer has no audio');
  return { sdp: buildSdp(offer), video };
}

/** The first video m-line's direction, or null when there is none (or it is rejected). */
export function videoDirection(sdp: string): Direction | null {
  const sd = parseSdp(sdp);
  const m = sd.media.find((x) => x.type === 'video' && x.port !== 0);
  return m ? direction(m, sd) : null;
}

/** Reads the codecs a completed offer/answer settled on from one side's description (inactive video counts as none). */
export function agreedCodecs(sdp: string): AgreedCodecs {
  const sd = parseSdp(sdp);
  const audioLine = sd.media.find((m) => m.type === 'audio' && m.port !== 0);
  const maps = audioLine ? rtpMaps(audioLine) : [];
  const first = maps.find((r) => isG711(r.encoding, r.clockRate));
  if (!first) throw new ValidationError('no PCMU/PCMA audio was agreed');
  const event = maps.find((r) => r.encoding.toLowerCase() === 'telephone-event' && r.clockRate === 8000);
  const videoLine = sd.media.find((m) => m.type === 'video' && m.port !== 0 && direction(m, sd) !== 'inactive');
  const v = videoLine ? rtpMaps(videoLine).find((r) => /^(VP8|H264)$/i.test(r.encoding)) : undefined;
  return {
    audio: { payloadType: first.payloadType, codec: first.encoding.toUpperCase() as 'PCMU' | 'PCMA', telephoneEventPt: event?.payloadType ?? null },
    video: v ? { payloadType: v.payloadType, codec: v.encoding.toUpperCase() as VideoCodecName } : null,
  };
}

/** ICE credentials and DTLS fingerprint: when a re-offer changes them the transport must restart. */
export function transportIdentity(sdp: string): string {
  const sd = parseSdp(sdp);
  const pick = (name: string): string => {
    const own = sd.media.find((m) => m.port !== 0)?.attributes.find((a) => a.name === name)?.value;
    return own ?? sd.attributes.find((a) => a.name === name)?.value ?? '';
  };
  return [pick('ice-ufrag'), pick('ice-pwd'), pick('fingerprint')].join(' ');
}

/**
 * Our description with new directions and the next session version: a hold re-offer from us, or
 * the answer to a browser's hold/resume re-offer, where ICE, DTLS and codecs stay as they were.
 * `audio` and `video` give the direction per kind; omitted kinds keep theirs.
 */
export function withDirections(local: SessionDescription, dirs: { audio?: Direction; video?: Direction }, version: number): SessionDescription {
  const media = local.media.map((m): SdpMedia => {
    const dir = m.port === 0 ? undefined : m.type === 'audio' ? dirs.audio : m.type === 'video' ? dirs.video : undefined;
    if (!dir) return m;
    const isDir = (name: string): boolean => ['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(name);
    const line = { name: dir, value: null };
    if (m.attributes.some((a) => isDir(a.name))) return { ...m, attributes: m.attributes.map((a) => (isDir(a.name) ? line : a)) };
    return { ...m, attributes: [...m.attributes, line] };
  });
  return { ...local, origin: { ...local.origin, sessionVersion: String(version) }, media };
}

/** Our directions answering `offer` (RFC 3264 6.1) per kind, from what we would like to do. */
export function answerDirections(offer: SessionDescription, wanted: Direction = 'sendrecv'): { audio?: Direction; video?: Direction } {
  const out: { audio?: Direction; video?: Direction } = {};
  for (const m of offer.media) {
    if (m.port === 0 || (m.type !== 'audio' && m.type !== 'video') || out[m.type]) continue;
    out[m.type] = answerDirection(direction(m, offer), wanted);
  }
  return out;
}
