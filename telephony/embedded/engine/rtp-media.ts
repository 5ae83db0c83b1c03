import { ValidationError } from '../../../core/errors';
import type { MediaClock } from '../media/media-clock';
import type { PortPool } from '../media/port-pool';
import { RtpSession } from '../media/rtp-session';
import { buildSdp, direction as directionOf, mediaAddress, parseSdp, rtpMaps, type Direction, type SessionDescription } from '../media/sdp';
import { buildOffer, negotiate } from '../media/sdp-negotiate';
import type { MediaFactory, NegotiatedMedia } from './media';

export interface RtpMediaOptions {
  clock: MediaClock;
  ports: PortPool;
  bindAddress: string;
  /** Our address in c= and o=. */
  address: string;
  inactivityTimeoutMs: number;
}

const PROTOCOLS = ['RTP/AVP'];

/** Plain RTP/AVP G.711 legs (phones, trunks, sipp, baresip) on the shared media clock. */
export class RtpMediaFactory implements MediaFactory {
  readonly protocols = PROTOCOLS;

  constructor(private readonly opts: RtpMediaOptions) {}

  private open(payloadType: number, telephoneEventPt: number | null): Promise<RtpSession> {
    const o = this.opts;
    return RtpSession.open({ clock: o.clock, ports: o.ports, bindAddress: o.bindAddress, payloadType, telephoneEventPt, inactivityTimeoutMs: o.inactivityTimeoutMs });
  }

  async answer(offerSdp: string): Promise<NegotiatedMedia> {
    const offer = parseSdp(offerSdp);
    // Negotiate once with a placeholder port to learn the codec, then bind and fill it in.
    const probe = negotiate(offer, { address: this.opts.address, audioPort: 9, protocols: PROTOCOLS });
    const audio = probe.audio;
    if (!audio) throw new ValidationError('no common audio codec');
    const session = await this.open(audio.payloadType, audio.telephoneEventPt);
    session.setRemote(audio.remote);
    const audioLine = probe.answer.media.find((m) => m.type === 'audio' && m.port !== 0);
    if (audioLine) audioLine.port = session.localPort;
    return new RtpNegotiated(session, probe.answer, this.opts.address, hasVideo(offer));
  }

  async offer(options: { video: boolean }): Promise<NegotiatedMedia> {
    const session = await this.open(0, 101);
    const local = buildOffer({ address: this.opts.address, audioPort: session.localPort });
    return new RtpNegotiated(session, local, this.opts.address, options.video);
  }
}

function hasVideo(sd: SessionDescription): boolean {
  return sd.media.some((m) => m.type === 'video' && m.port !== 0);
}

class RtpNegotiated implements NegotiatedMedia {
  readonly kind = 'rtp';
  private version = 1;

  constructor(
    readonly media: RtpSession,
    private local: SessionDescription,
    private readonly address: string,
    readonly video: boolean,
  ) {}

  get localSdp(): string {
    return buildSdp(this.local);
  }

  applyAnswer(sdp: string): void {
    const answer = parseSdp(sdp);
    const m = answer.media.find((x) => x.type === 'audio' && x.port !== 0);
    const address = m ? mediaAddress(m, answer) : null;
    const codec = m ? rtpMaps(m).find((r) => r.clockRate === 8000 && (r.payloadType === 0 || r.payloadType === 8 || /^PCM[UA]$/i.test(r.encoding))) : undefined;
    if (!m || !address || !codec) throw new ValidationError('answer has no usable G.711 audio');
    const event = rtpMaps(m).find((r) => r.encoding.toLowerCase() === 'telephone-event');
    this.media.setPayloadTypes(/^PCMA$/i.test(codec.encoding) ? 8 : 0, event?.payloadType ?? null);
    this.media.setRemote({ address, port: m.port });
  }

  reoffer(dir: Direction): string {
    const audio = this.local.media.find((m) => m.type === 'audio' && m.port !== 0);
    if (audio) audio.attributes = [...audio.attributes.filter((a) => !isDirection(a.name)), { name: dir, value: null }];
    return this.bump();
  }

  answerReoffer(offerSdp: string): string {
    const offer = parseSdp(offerSdp);
    const n = negotiate(offer, { address: this.address, audioPort: this.media.localPort, protocols: PROTOCOLS, sessionId: this.local.origin.sessionId });
    if (!n.audio) throw new ValidationError('re-INVITE offer has no usable audio');
    this.media.setPayloadTypes(n.audio.payloadType, n.audio.telephoneEventPt);
    const m = offer.media.find((x) => x.type === 'audio');
    // 0.0.0.0 is the RFC 2543 way of saying hold: keep the old address for when it comes back.
    if (n.audio.remote.address !== '0.0.0.0' && m && directionOf(m, offer) !== 'inactive') this.media.setRemote(n.audio.remote);
    this.local = n.answer;
    return this.bump();
  }

  private bump(): string {
    this.version++;
    this.local.origin = { ...this.local.origin, sessionVersion: String(this.version) };
    return buildSdp(this.local);
  }
}

function isDirection(name: string): boolean {
  return name === 'sendrecv' || name === 'sendonly' || name === 'recvonly' || name === 'inactive';
}
