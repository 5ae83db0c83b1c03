import { randomInt } from 'node:crypto';
import { dtmfEventCode, dtmfPackets, type DtmfPacketSpec } from './dtmf';
import { FRAME_SAMPLES, isPayloadSource, type FrameSource } from './frame';
import { g711ForPayloadType, type G711Codec } from './g711';
import { writeRtpHeader } from './rtp';
import { ValidationError } from '../../../core/errors';

export interface RtpSenderOptions {
  payloadType: number;
  telephoneEventPt?: number | null;
  ssrc?: number;
  /** Send encoded silence when there is no source, so NAT bindings and peer timers stay alive. */
  sendSilence?: boolean;
}

const RING = 8;
const AUDIO_PACKET = 12 + FRAME_SAMPLES;
const EVENT_PACKET = 12 + 4;

/**
 * The sending half of an RTP session, free of sockets: on every clock tick it reads one frame
 * from the current source (or the next DTMF event packet), encodes and packetizes it into a
 * reused buffer and hands it to `send`. Timestamps derive from the tick number, so skipped ticks
 * show up as a timestamp gap, as RTP expects.
 */
export class RtpSender {
  readonly ssrc: number;
  codec: G711Codec;
  private eventPt: number | null;
  private readonly sendSilence: boolean;
  // Sends are asynchronous, so successive packets go to successive buffers of a small ring. Each
  // buffer is exactly one packet long (every G.711 frame and every RFC 4733 event has a fixed
  // size), so a send takes it whole: slicing per packet allocated on the hottest path we have.
  // Views of one block from Node's buffer pool: every byte of a packet is written before it is sent.
  private readonly block = Buffer.allocUnsafe(RING * (AUDIO_PACKET + EVENT_PACKET));
  private readonly audioRing = Array.from({ length: RING }, (_, i) => this.block.subarray(i * AUDIO_PACKET, (i + 1) * AUDIO_PACKET));
  private readonly eventRing = Array.from({ length: RING }, (_, i) => this.block.subarray(RING * AUDIO_PACKET + i * EVENT_PACKET, RING * AUDIO_PACKET + (i + 1) * EVENT_PACKET));
  private ringIndex = 0;
  private readonly pcm = new Int16Array(FRAME_SAMPLES);
  private readonly timestampBase: number;
  private seq: number;
  private firstTick: number | null = null;
  private source: FrameSource | null = null;
  private digits: { digit: string; durationMs: number }[] = [];
  private event: Iterator<DtmfPacketSpec> | null = null;
  private pendingDigit = '';
  private marker = true;
  packets = 0;
  octets = 0;
  lastTimestamp = 0;
  /** `finished` is false when the source was replaced before it ran out. */
  onSourceEnd: ((source: FrameSource, finished: boolean) => void) | null = null;
  onDigitSent: ((digit: string) => void) | null = null;
  private readonly playing = new Map<FrameSource, (finished: boolean) => void>();

  constructor(options: RtpSenderOptions) {
    const codec = g711ForPayloadType(options.payloadType);
    if (!codec) throw new ValidationError(`payload type ${options.payloadType} is not PCMU/PCMA`);
    this.codec = codec;
    this.eventPt = options.telephoneEventPt ?? null;
    this.sendSilence = options.sendSilence ?? true;
    this.ssrc = options.ssrc ?? randomInt(0x100000000) >>> 0;
    // Random initial values per RFC 3550 section 5.1.
    this.seq = randomInt(0x10000);
    this.timestampBase = randomInt(0x100000000) >>> 0;
  }

  /** Switches codec after an answer or re-INVITE chose another one; the stream continues. */
  setPayloadTypes(payloadType: number, telephoneEventPt: number | null): void {
    const codec = g711ForPayloadType(payloadType);
    if (!codec) throw new ValidationError(`payload type ${payloadType} is not PCMU/PCMA`);
    this.codec = codec;
    this.eventPt = telephoneEventPt;
  }

  setSource(source: FrameSource | null): void {
    const previous = this.source;
    this.source = source;
    if (previous && previous !== source) this.ended(previous, false);
  }

  /** Plays a source; resolves true when it ends, false if replaced or the session closes. */
  play(source: FrameSource): Promise<boolean> {
    return new Promise((resolve) => {
      this.playing.set(source, resolve);
      this.setSource(source);
    });
  }

  private ended(source: FrameSource, finished: boolean): void {
    this.playing.get(source)?.(finished);
    this.playing.delete(source);
    this.onSourceEnd?.(source, finished);
  }

  get currentSource(): FrameSource | null {
    return this.source;
  }

  sendDigit(digit: string, durationMs = 100): void {
    if (this.eventPt === null) throw new ValidationError('telephone-event was not negotiated');
    dtmfEventCode(digit); // throws now for a bad digit rather than later on the clock
    this.digits.push({ digit, durationMs });
  }

  timestampFor(tick: number): number {
    return (this.timestampBase + (tick - (this.firstTick ?? tick)) * FRAME_SAMPLES) >>> 0;
  }

  onTick(tick: number, send: (packet: Buffer) => void): void {
    if (this.firstTick === null) this.firstTick = tick;
    const timestamp = this.timestampFor(tick);
    const slot = this.ringIndex;
    this.ringIndex = (slot + 1) % RING;
    const packet = this.event || this.digits.length > 0 ? this.eventPacket(slot, timestamp) : this.audioPacket(this.audioRing[slot]!, timestamp);
    if (packet === null) return;
    this.seq = (this.seq + 1) & 0xffff;
    this.packets++;
    this.octets += packet.length - 12;
    this.lastTimestamp = timestamp;
    send(packet);
  }

  private eventPacket(slot: number, timestamp: number): Buffer | null {
    if (!this.event) {
      const next = this.digits.shift()!;
      this.event = dtmfPackets(next.digit, { timestamp, durationMs: next.durationMs });
      this.pendingDigit = next.digit;
    }
    const step = this.event.next();
    if (step.done) {
      this.event = null;
      this.onDigitSent?.(this.pendingDigit);
      return this.digits.length > 0 ? this.eventPacket(slot, timestamp) : this.audioPacket(this.audioRing[slot]!, timestamp);
    }
    const spec = step.value;
    const out = this.eventRing[slot]!;
    writeRtpHeader(out, spec.marker, this.eventPt!, this.seq, spec.timestamp, this.ssrc);
    out.set(spec.payload, 12);
    return out;
  }

  private audioPacket(out: Buffer, timestamp: number): Buffer | null {
    const source = this.source;
    writeRtpHeader(out, this.marker, this.codec.payloadType, this.seq, timestamp, this.ssrc);
    if (source && isPayloadSource(source)) {
      const payload = source.readPayload(this.codec.payloadType);
      if (payload) {
        out.set(payload.subarray(0, FRAME_SAMPLES), 12);
        // A shorter frame from the far side (10 ms packets) is padded with silence.
        if (payload.length < FRAME_SAMPLES) out.fill(this.codec.encodeSample(0), 12 + payload.length);
        this.marker = false;
        return out;
      }
    }
    if (source) {
      if (!source.read(this.pcm)) {
        this.source = null;
        this.ended(source, true);
      }
    } else {
      if (!this.sendSilence) return null;
      this.pcm.fill(0);
    }
    this.codec.encode(this.pcm, out, FRAME_SAMPLES, 12);
    this.marker = false;
    return out;
  }
}
