import type { DetectedDigit } from '../media/dtmf';
import type { FrameSource } from '../media/frame';
import type { Direction } from '../media/sdp';
import type { VideoLeg } from '../webrtc/video-relay';

/** What the engine needs from a leg's media; RtpSession has it, and so will WebRtcSession. */
export interface LegMediaEvents {
  /** 20 ms of decoded 8 kHz audio from the far end; the buffer is reused after the call. */
  frame: [pcm: Int16Array];
  dtmf: [digit: DetectedDigit];
  /** Nothing arrived from the far end for the inactivity timeout. */
  timeout: [];
}

export interface LegMedia {
  /** What to send from the next tick on (the engine installs one source per leg, once). */
  setSource(source: FrameSource | null): void;
  sendDigit(digit: string, durationMs?: number): void;
  on(event: 'frame', listener: (...args: LegMediaEvents['frame']) => void): unknown;
  on(event: 'dtmf', listener: (...args: LegMediaEvents['dtmf']) => void): unknown;
  on(event: 'timeout', listener: (...args: LegMediaEvents['timeout']) => void): unknown;
  close(): Promise<void>;
}

/** A leg's media together with its side of the SDP offer/answer. */
export interface NegotiatedMedia {
  readonly kind: 'rtp' | 'webrtc';
  readonly media: LegMedia;
  /** The SDP we sent (answer to an inbound offer, or our offer on an outbound call). */
  readonly localSdp: string;
  /** The offer asked for video (whether it flows: `videoLeg`). */
  readonly video: boolean;
  /** Set once both sides agreed on a relayable video codec: what a bridge or conference relays. */
  readonly videoLeg?: VideoLeg | null;
  /** Applies the far end's answer to our offer. Throws when nothing usable was agreed. */
  applyAnswer(sdp: string): void;
  /** A new offer from us with this direction: sendonly puts the far end on hold. */
  reoffer(direction: Direction): string;
  /** Answers a re-INVITE offer from the far end (its own hold, a codec or address change). */
  answerReoffer(offer: string): string;
}

/** Builds a leg's media for one transport profile (RTP/AVP here; DTLS-SRTP in webrtc/). */
export interface MediaFactory {
  /** The m= protocols this factory can answer, e.g. ['UDP/TLS/RTP/SAVPF']. */
  readonly protocols: readonly string[];
  /** Video codecs this factory negotiates and relays; none (or absent): audio-only legs. */
  readonly videoCodecs?: readonly string[];
  answer(offer: string): Promise<NegotiatedMedia>;
  offer(options: { video: boolean }): Promise<NegotiatedMedia>;
}
