import { ValidationError } from '../../../core/errors';
import type { MediaFactory, NegotiatedMedia } from '../engine/media';
import type { MediaClock } from '../media/media-clock';
import { buildSdp, parseSdp, type Direction, type SessionDescription } from '../media/sdp';
import { agreedCodecs, answerDirections, transportIdentity, withDirections, type VideoCodecName } from './sdp-policy';
import type { VideoLeg } from './video-relay';
import type { IceOptions } from './werift-adapter';
import { WebRtcSession } from './webrtc-session';

export interface WebRtcMediaOptions {
  clock: MediaClock;
  inactivityTimeoutMs: number;
  ice?: IceOptions;
  /** Video codecs to accept or offer for pass-through, by preference; none: audio-only legs. */
  videoCodecs?: VideoCodecName[];
}

const PROTOCOLS = ['UDP/TLS/RTP/SAVPF'];

/** Browser legs (SIP over WebSocket with DTLS-SRTP) for the embedded engine. */
export class WebRtcMediaFactory implements MediaFactory {
  readonly protocols = PROTOCOLS;

  constructor(private readonly opts: WebRtcMediaOptions) {}

  get videoCodecs(): readonly VideoCodecName[] {
    return this.opts.videoCodecs ?? [];
  }

  async answer(offer: string): Promise<NegotiatedMedia> {
    const session = await WebRtcSession.answer(offer, this.sessionOptions());
    const asked = parseSdp(offer).media.some((m) => m.type === 'video' && m.port !== 0);
    return new WebRtcNegotiated(session, true, asked);
  }

  async offer(options: { video: boolean }): Promise<NegotiatedMedia> {
    const session = await WebRtcSession.offer({ ...this.sessionOptions(), video: options.video });
    return new WebRtcNegotiated(session, false, options.video);
  }

  private sessionOptions(): { clock: MediaClock; inactivityTimeoutMs: number; ice?: IceOptions; videoCodecs?: VideoCodecName[] } {
    const o = this.opts;
    return { clock: o.clock, inactivityTimeoutMs: o.inactivityTimeoutMs, ice: o.ice, videoCodecs: o.videoCodecs };
  }
}

/**
 * Offer/answer after the first exchange (hold, resume) rewrites only directions in our last
 * description: ICE, DTLS and codecs stay, so the running transport needs no renegotiation and
 * the engine's synchronous re-INVITE handling works. A re-offer that restarts ICE, changes the
 * DTLS certificate or adds media is refused (the engine answers 488).
 */
class WebRtcNegotiated implements NegotiatedMedia {
  readonly kind = 'webrtc';
  private local: SessionDescription;
  private version = 1;

  /** `video`: the call asked for video (whether it flows is `media.videoCodec`). */
  constructor(readonly media: WebRtcSession, private answered: boolean, readonly video: boolean) {
    this.local = parseSdp(media.localSdp);
  }

  get localSdp(): string {
    return buildSdp(this.local);
  }

  get videoLeg(): VideoLeg | null {
    return this.media.videoCodec ? this.media : null;
  }

  applyAnswer(sdp: string): void {
    agreedCodecs(sdp); // throws now, while the engine can still fail the call
    if (this.answered) {
      this.sameTransport(sdp);
      return;
    }
    this.answered = true;
    this.media.acceptAnswer(sdp).catch((err: unknown) => {
      // No media will flow, which the inactivity timeout reports; 'error' says why.
      if (this.media.listenerCount('error') > 0) this.media.emit('error', err instanceof Error ? err : new Error(String(err)));
    });
  }

  reoffer(direction: Direction): string {
    this.local = withDirections(this.local, { audio: direction, video: direction }, ++this.version);
    return buildSdp(this.local);
  }

  answerReoffer(offerSdp: string): string {
    this.sameTransport(offerSdp);
    const offer = parseSdp(offerSdp);
    if (offer.media.length !== this.local.media.length) throw new ValidationError('re-INVITE adds or removes media streams');
    this.local = withDirections(this.local, answerDirections(offer), ++this.version);
    return buildSdp(this.local);
  }

  private sameTransport(sdp: string): void {
    if (transportIdentity(sdp) !== transportIdentity(this.media.remoteSdp)) {
      throw new ValidationError('ICE restart or new DTLS certificate in a re-INVITE is not supported');
    }
  }
}
