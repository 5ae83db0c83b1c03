import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerDirection, buildSdp, direction, fmtp, mediaAddress, parseSdp, ptime, rtpMaps } from './sdp';
import { buildOffer, negotiate } from './sdp-negotiate';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const sippOffer = fixture('sipp-uac-offer.sdp');
const chromeOffer = fixture('chrome-offer.sdp');

describe('SDP parse/build', () => {
  it("parses sipp's offer: PCMA + telephone-event 101", () => {
    const sd = parseSdp(sippOffer);
    expect(sd.connection?.address).toBe('127.0.0.1');
    const [audio] = sd.media;
    expect(audio).toMatchObject({ type: 'audio', port: 6000, protocol: 'RTP/AVP', formats: ['8', '101'] });
    expect(rtpMaps(audio!)).toEqual([
      { payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: null },
      { payloadType: 101, encoding: 'telephone-event', clockRate: 8000, channels: null },
    ]);
    expect(fmtp(audio!, 101)).toBe('0-11,16');
    expect(direction(audio!, sd)).toBe('sendrecv');
  });

  it('round-trips a Chrome offer (audio + video, every attribute kept, CRLF)', () => {
    const sd = parseSdp(chromeOffer);
    expect(sd.media.map((m) => m.type)).toEqual(['audio', 'video']);
    expect(rtpMaps(sd.media[1]!).find((r) => r.encoding === 'VP8')?.clockRate).toBe(90000);
    const rebuilt = buildSdp(sd);
    expect(rebuilt.replace(/\r\n/g, '\n').trim()).toBe(chromeOffer.replace(/\r\n/g, '\n').trim());
  });

  it('answers directions per RFC 3264', () => {
    expect(answerDirection('sendonly')).toBe('recvonly');
    expect(answerDirection('recvonly')).toBe('sendonly');
    expect(answerDirection('inactive')).toBe('inactive');
    expect(answerDirection('sendrecv', 'sendonly')).toBe('sendonly');
  });
});

describe('negotiate', () => {
  it("answers sipp with PCMA and telephone-event 101, ptime 20, sendrecv", () => {
    const { answer, audio, video } = negotiate(parseSdp(sippOffer), { address: '10.0.0.5', audioPort: 20000, sessionId: '1' });
    expect(audio).toEqual({
      payloadType: 8, codec: 'PCMA', telephoneEventPt: 101, remote: { address: '127.0.0.1', port: 6000 }, direction: 'sendrecv', ptime: 20,
    });
    expect(video).toBeNull();
    expect(buildSdp(answer)).toBe([
      'v=0', 'o=- 1 1 IN IP4 10.0.0.5', 's=-', 'c=IN IP4 10.0.0.5', 't=0 0',
      'm=audio 20000 RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-11,16', 'a=ptime:20', 'a=sendrecv', '',
    ].join('\r\n'));
  });

  it('picks PCMU and the 8 kHz telephone-event from a Chrome offer, and keeps video for pass-through', () => {
    const offer = parseSdp(chromeOffer);
    const { answer, audio, video } = negotiate(offer, {
      address: '10.0.0.5', audioPort: 20000, videoPort: 20002, protocols: ['UDP/TLS/RTP/SAVPF'],
    });
    expect(audio).toMatchObject({ payloadType: 0, codec: 'PCMU', telephoneEventPt: 126 });
    expect(video?.index).toBe(1);
    const [a, v] = answer.media;
    expect(a!.formats).toEqual(['0', '126']);
    expect(v!.port).toBe(20002);
    expect(v!.formats).toEqual(offer.media[1]!.formats);
    expect(v!.attributes.filter((x) => x.name === 'rtpmap')).toHaveLength(offer.media[1]!.formats.length);
    expect(answer.media.map((m) => m.attributes.find((x) => x.name === 'mid')?.value)).toEqual(['0', '1']);
  });

  it('rejects media it cannot do with port 0, keeping the m-line count', () => {
    const { answer, audio } = negotiate(parseSdp(chromeOffer), { address: '10.0.0.5', audioPort: 20000 });
    expect(audio).toBeNull(); // SAVPF is not plain RTP
    expect(answer.media.map((m) => m.port)).toEqual([0, 0]);
    const hold = parseSdp(sippOffer.replace('a=fmtp:101 0-11,16', 'a=fmtp:101 0-11,16\r\na=sendonly'));
    expect(negotiate(hold, { address: '10.0.0.5', audioPort: 1 }).audio?.direction).toBe('recvonly');
  });

  it('builds an offer that our own negotiate accepts', () => {
    const offer = parseSdp(buildSdp(buildOffer({ address: '192.0.2.1', audioPort: 30000, codecs: ['PCMA', 'PCMU'] })));
    expect(ptime(offer.media[0]!)).toBe(20);
    expect(mediaAddress(offer.media[0]!, offer)).toBe('192.0.2.1');
    const { audio } = negotiate(offer, { address: '10.0.0.5', audioPort: 20000 });
    expect(audio).toMatchObject({ codec: 'PCMA', telephoneEventPt: 101, remote: { address: '192.0.2.1', port: 30000 } });
  });
});
