import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors';
import { buildSdp, direction, parseSdp, rtpMaps } from '../media/sdp';
import { agreedCodecs, answerDirections, narrowOffer, transportIdentity, withDirections } from './sdp-policy';

const chromeOffer = readFileSync(join(__dirname, '../media/fixtures/chrome-offer.sdp'), 'utf8');

describe('WebRTC SDP policy', () => {
  it('narrows a Chrome offer to PCMU/PCMA + telephone-event/8000 and VP8 with its RTX', () => {
    const { sdp, video } = narrowOffer(chromeOffer, ['VP8', 'H264']);
    const [audio, vid] = parseSdp(sdp).media;
    expect(audio!.formats).toEqual(['0', '8', '126']);
    expect(rtpMaps(audio!).map((r) => r.encoding)).toEqual(['PCMU', 'PCMA', 'telephone-event']);
    expect(audio!.attributes.some((a) => a.name === 'fmtp' && a.value?.startsWith('111'))).toBe(false);
    expect(video).toBe(true);
    expect(vid!.formats).toEqual(['96', '97']);
    expect(vid!.attributes.filter((a) => a.name === 'rtcp-fb').every((a) => a.value?.startsWith('96 '))).toBe(true);
    // ICE and DTLS lines are untouched.
    expect(transportIdentity(sdp)).toBe(transportIdentity(chromeOffer));
  });

  it('prefers constrained-baseline H.264 in packetization-mode 1 when asked for H.264', () => {
    const vid = parseSdp(narrowOffer(chromeOffer, ['H264']).sdp).media[1]!;
    expect(vid.formats).toEqual(['108', '109']);
  });

  it('still narrows unwanted video to one known codec, for the stack to answer it inactive', () => {
    const { sdp, video } = narrowOffer(chromeOffer, []);
    expect(video).toBe(false);
    expect(parseSdp(sdp).media[1]!.formats).toEqual(['96', '97']);
    expect(agreedCodecs(sdp.replace('a=sendrecv\r\na=msid:- 4b00', 'a=inactive\r\na=msid:- 4b00')).video).toBeNull();
  });

  it('refuses an offer without G.711 audio', () => {
    const opusOnly = chromeOffer.replace('m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126', 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63');
    expect(() => narrowOffer(opusOnly, [])).toThrow(ValidationError);
  });

  it('reads the agreed codecs from an answer', () => {
    const answer = narrowOffer(chromeOffer, ['VP8']).sdp;
    expect(agreedCodecs(answer)).toEqual({
      audio: { payloadType: 0, codec: 'PCMU', telephoneEventPt: 126 },
      video: { payloadType: 96, codec: 'VP8' },
    });
  });

  it('rewrites directions for hold and bumps the version, keeping everything else', () => {
    const local = parseSdp(chromeOffer);
    const held = withDirections(local, { audio: 'sendonly', video: 'sendonly' }, 7);
    expect(held.origin.sessionVersion).toBe('7');
    expect(held.media.map((m) => direction(m, held))).toEqual(['sendonly', 'sendonly']);
    expect(buildSdp(held).replace(/a=sendonly/g, 'a=sendrecv').replace(' 7 IN', ' 2 IN')).toBe(buildSdp(local));
    expect(answerDirections(held)).toEqual({ audio: 'recvonly', video: 'recvonly' });
  });
});
