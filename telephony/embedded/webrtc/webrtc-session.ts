import { EventEmitter } from 'node:events';
import { AudioReceiver, type FrameInfo } from '../media/audio-receiver';
import type { DetectedDigit } from '../media/dtmf';
import type { FrameSource } from '../media/frame';
import { TICK_ORDER, type MediaClock } from '../media/media-clock';
import { RtpSender } from '../media/rtp-sender';
import { agreedCodecs, narrowOffer, type AgreedCodecs, type VideoCodecName } from './sdp-policy';
import { WeriftLink, type IceOptions } from './werift-adapter';

export interface WebRtcSessionOptions {
  clock: MediaClock;
  ice?: IceOptions;
  /**
   * Video codecs we accept or offer for pass-through, by preference. Empty (the default) makes
   * the leg audio-only: an offered video m-line is answered inactive.
   */
  videoCodecs?: VideoCodecName[];
  /** Emit 'timeout' after this long without audio from the browser (0 disables). */
  inactivityTimeoutMs?: number;
  reorderDepth?: number;
}

export interface WebRtcSessionEvents {
  /** A decoded 20 ms frame of 8 kHz audio; the array and info are reused, copy them to keep them. */
  frame: [pcm: Int16Array, info: FrameInfo];
  /** The encoded G.711 payload of each in-order packet (for pass-through bridging). */
  payload: [payload: Uint8Array, payloadType: number];
  dtmf: [digit: DetectedDigit];
  timeout: [];
  /** `finished` is false when the source was replaced or the session closed first. */
  sourceEnded: [source: FrameSource, finished: boolean];
  digitSent: [digit: string];
  /** ICE and DTLS are up: media flows from now on. */
  connected: [];
  /** One video RTP datagram from the browser, without header extensions, for `sendVideoRtp` on another leg. */
  videoRtp: [packet: Buffer];
  /** The browser lost video we send it and wants a key frame: ask the leg the video comes from. */
  keyframeRequest: [];
  error: [err: Error];
}

/**
 * A browser call leg's media: ICE, DTLS-SRTP, bundle and rtcp-mux through werift, G.711 audio
 * only (PCMU/PCMA + telephone-event/8000, never opus, so nothing is transcoded) and optionally
 * one video stream relayed as-is. It offers RtpSession's surface: audio goes out on the shared
 * media clock through the same RtpSender, comes in through the same AudioReceiver.
 */
export class WebRtcSession extends EventEmitter<WebRtcSessionEvents> {
  private readonly link: WeriftLink;
  private readonly receiver: AudioReceiver;
  private readonly sender: RtpSender;
  private agreed: AgreedCodecs | null = null;
  private unsubscribe: (() => void) | null;
  private closed = false;

  private constructor(options: WebRtcSessionOptions) {
    super();
    this.link = new WeriftLink(options.ice ?? {}, options.videoCodecs ?? [], {
      audioRtp: (packet) => this.receiver.receive(packet, options.clock.nextTick),
      videoRtp: (packet) => this.emit('videoRtp', packet),
      keyframeRequest: () => this.emit('keyframeRequest'),
      connected: () => this.emit('connected'),
      failed: (reason) => this.fail(new Error(reason)),
    });
    this.receiver = new AudioReceiver({ inactivityTimeoutMs: options.inactivityTimeoutMs, reorderDepth: options.reorderDepth }, {
      frame: (pcm, info) => this.emit('frame', pcm, info),
      payload: (payload, pt) => this.emit('payload', payload, pt),
      dtmf: (digit) => this.emit('dtmf', digit),
      timeout: () => this.emit('timeout'),
    });
    // PCMU and 101 until the offer/answer settles them (settle()).
    this.sender = new RtpSender({ payloadType: 0, telephoneEventPt: 101 });
    this.sender.onSourceEnd = (source, finished) => this.emit('sourceEnded', source, finished);
    this.sender.onDigitSent = (digit) => this.emit('digitSent', digit);
    this.unsubscribe = options.clock.subscribe((tick) => this.onTick(tick), TICK_ORDER.send);
  }

  /** Answers a browser's offer (an INVITE body); `localSdp` is then the answer. Hold re-INVITEs: see media-factory.ts. */
  static async answer(offerSdp: string, options: WebRtcSessionOptions): Promise<WebRtcSession> {
    const narrowed = narrowOffer(offerSdp, options.videoCodecs ?? []);
    const session = new WebRtcSession(options);
    try {
      await session.link.answer(narrowed.sdp, narrowed.video);
      session.settle(session.link.localSdp);
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Creates our offer (calling a browser softphone); pass the browser's answer to `acceptAnswer`. */
  static async offer(options: WebRtcSessionOptions & { video?: boolean }): Promise<WebRtcSession> {
    const session = new WebRtcSession(options);
    try {
      await session.link.offer(options.video === true && (options.videoCodecs ?? []).length > 0);
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Applies the browser's answer to our offer; throws when it has no PCMU/PCMA audio. */
  async acceptAnswer(answerSdp: string): Promise<void> {
    const agreed = agreedCodecs(answerSdp);
    // Settled before the await: the engine bridges the leg as soon as the answer is applied and
    // must already see the agreed video codec (sends before DTLS is up are dropped anyway).
    this.settle(answerSdp, agreed);
    await this.link.acceptAnswer(answerSdp);
  }

  private settle(sdp: string, agreed = agreedCodecs(sdp)): void {
    this.agreed = agreed;
    this.sender.setPayloadTypes(agreed.audio.payloadType, agreed.audio.telephoneEventPt);
    this.receiver.setTelephoneEventPt(agreed.audio.telephoneEventPt);
  }

  /** Our SDP: the answer, or the offer until the answer arrives. */
  get localSdp(): string {
    return this.link.localSdp;
  }

  get remoteSdp(): string {
    return this.link.remoteSdp;
  }

  get connected(): boolean {
    return this.link.connected;
  }

  get payloadType(): number {
    return this.sender.codec.payloadType;
  }

  get telephoneEventPt(): number | null {
    return this.agreed?.audio.telephoneEventPt ?? null;
  }

  /** The video codec both sides agreed on, or null for an audio-only leg. */
  get videoCodec(): VideoCodecName | null {
    return this.agreed?.video?.codec ?? null;
  }

  get sentPackets(): number {
    return this.sender.packets;
  }

  get source(): FrameSource | null {
    return this.sender.currentSource;
  }

  /** What to send from the next tick on; null sends silence. */
  setSource(source: FrameSource | null): void {
    this.sender.setSource(source);
  }

  /** Plays a source; resolves true when it ends, false if replaced or the session closes. */
  play(source: FrameSource): Promise<boolean> {
    return this.sender.play(source);
  }

  /** Queues an RFC 4733 digit (sent over SRTP on the following ticks). */
  sendDigit(digit: string, durationMs = 100): void {
    this.sender.sendDigit(digit, durationMs);
  }

  /** Sends a video datagram from another leg; SSRC and payload type become this leg's. */
  sendVideoRtp(packet: Uint8Array): void {
    if (this.agreed?.video) this.link.sendVideo(packet);
  }

  /** Asks the browser for a key frame (forward a `keyframeRequest` from the leg we relay to). */
  requestKeyframe(): void {
    this.link.requestKeyframe();
  }

  private onTick(tick: number): void {
    // Until DTLS is up there is nowhere to send: a source played early starts with the media.
    if (this.link.connected) this.sender.onTick(tick, (packet) => this.link.sendAudio(packet));
    this.receiver.checkInactivity(tick);
  }

  private fail(err: Error): void {
    // A failed transport also stops the audio, which 'timeout' reports; 'error' is extra detail.
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.sender.setSource(null);
    await this.link.close();
    this.removeAllListeners();
  }
}
