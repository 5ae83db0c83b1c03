import { FRAME_SAMPLES, type PayloadSource } from './frame';
import { g711ForPayloadType } from './g711';
import type { RtpSession } from './rtp-session';

const CAPACITY_FRAMES = 8;
/** Frames gathered before playing out (again, after an underrun) to ride over network jitter. */
const PREBUFFER_FRAMES = 2;

/**
 * A FIFO of G.711 bytes from one leg, played out on the other leg's clock. G.711 is one byte per
 * sample, so a byte FIFO also re-chunks any packetisation into 20 ms frames. When the other leg
 * uses the same codec the bytes pass through untouched; otherwise they are transcoded via linear.
 */
export class PayloadQueue implements PayloadSource {
  private readonly bytes = new Uint8Array(CAPACITY_FRAMES * FRAME_SAMPLES);
  private readonly frame = new Uint8Array(FRAME_SAMPLES);
  private head = 0;
  private size = 0;
  private payloadType = -1;
  private buffering = true;

  push(payload: Uint8Array, payloadType: number): void {
    if (payloadType !== this.payloadType) {
      this.size = 0; // the codec changed mid-stream: old bytes would decode as noise
      this.payloadType = payloadType;
    }
    const cap = this.bytes.length;
    for (let i = 0; i < payload.length; i++) {
      if (this.size === cap) {
        this.head = (this.head + 1) % cap; // overflow: drop the oldest to bound latency
        this.size--;
      }
      this.bytes[(this.head + this.size) % cap] = payload[i]!;
      this.size++;
    }
  }

  get queuedSamples(): number {
    return this.size;
  }

  private take(): Uint8Array | null {
    if (this.buffering) {
      if (this.size < PREBUFFER_FRAMES * FRAME_SAMPLES) return null;
      this.buffering = false;
    }
    if (this.size < FRAME_SAMPLES) {
      this.buffering = true;
      return null;
    }
    const cap = this.bytes.length;
    for (let i = 0; i < FRAME_SAMPLES; i++) this.frame[i] = this.bytes[(this.head + i) % cap]!;
    this.head = (this.head + FRAME_SAMPLES) % cap;
    this.size -= FRAME_SAMPLES;
    return this.frame;
  }

  readPayload(payloadType: number): Uint8Array | null {
    if (payloadType !== this.payloadType) return null;
    return this.take() ?? silencePayload(payloadType);
  }

  read(out: Int16Array): boolean {
    const codec = g711ForPayloadType(this.payloadType);
    const frame = codec ? this.take() : null;
    if (codec && frame) codec.decode(frame, out, FRAME_SAMPLES);
    else out.fill(0);
    return true;
  }
}

const SILENCE = { 0: new Uint8Array(FRAME_SAMPLES).fill(0xff), 8: new Uint8Array(FRAME_SAMPLES).fill(0xd5) };

function silencePayload(payloadType: number): Uint8Array | null {
  return payloadType === 0 ? SILENCE[0] : payloadType === 8 ? SILENCE[8] : null;
}

export type BridgeSide = 'a' | 'b';
/** Sees every decoded frame received from a leg: side 'a' is what leg a's peer said. */
export type BridgeTap = (side: BridgeSide, frame: Int16Array) => void;

/**
 * Connects two sessions' audio both ways. Each leg's received payloads are queued and become the
 * other leg's source; taps (e.g. a recorder: caller = a, agent = b) get both directions.
 */
export class MediaBridge {
  private readonly toB = new PayloadQueue();
  private readonly toA = new PayloadQueue();
  private readonly taps = new Set<BridgeTap>();
  private readonly onPayloadA = (p: Uint8Array, pt: number): void => this.toB.push(p, pt);
  private readonly onPayloadB = (p: Uint8Array, pt: number): void => this.toA.push(p, pt);
  private readonly onFrameA = (f: Int16Array): void => this.tapAll('a', f);
  private readonly onFrameB = (f: Int16Array): void => this.tapAll('b', f);
  private active = false;

  constructor(readonly a: RtpSession, readonly b: RtpSession) {}

  /** True when both legs use one codec, so audio is relayed without transcoding. */
  get passThrough(): boolean {
    return this.a.payloadType === this.b.payloadType;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.a.on('payload', this.onPayloadA);
    this.b.on('payload', this.onPayloadB);
    this.a.on('frame', this.onFrameA);
    this.b.on('frame', this.onFrameB);
    this.b.setSource(this.toB);
    this.a.setSource(this.toA);
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.a.off('payload', this.onPayloadA);
    this.b.off('payload', this.onPayloadB);
    this.a.off('frame', this.onFrameA);
    this.b.off('frame', this.onFrameB);
    // Only clear what we set: someone may already be playing something else to a leg.
    if (this.a.source === this.toA) this.a.setSource(null);
    if (this.b.source === this.toB) this.b.setSource(null);
  }

  /** Adds a tap; returns a function that removes it. */
  tap(listener: BridgeTap): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  private tapAll(side: BridgeSide, frame: Int16Array): void {
    for (const t of this.taps) t(side, frame);
  }
}
