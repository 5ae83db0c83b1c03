import { DtmfDecoder, type DetectedDigit } from './dtmf';
import { FRAME_MS, FRAME_SAMPLES } from './frame';
import { g711ForPayloadType } from './g711';
import { ReceptionStats } from './reception-stats';
import { ReorderBuffer } from './reorder-buffer';
import { createRtpView, parseRtpInto } from './rtp';

export interface FrameInfo {
  sequenceNumber: number;
  timestamp: number;
  payloadType: number;
}

export interface AudioReceiverOptions {
  /** Negotiated telephone-event payload type, or null if none. */
  telephoneEventPt?: number | null;
  /** Report 'timeout' after this long without a packet (0 disables). */
  inactivityTimeoutMs?: number;
  reorderDepth?: number;
  /** Wall clock (ms) for jitter in the reception statistics. */
  wallClock?: () => number;
}

/** Where the receiver delivers; a session forwards these as its events. */
export interface AudioReceiverSink {
  /** A decoded 20 ms frame; the array and info are reused, copy them to keep them. */
  frame(pcm: Int16Array, info: FrameInfo): void;
  payload(payload: Uint8Array, payloadType: number): void;
  dtmf(digit: DetectedDigit): void;
  timeout(): void;
}

const MAX_DECODE = 1024;

/**
 * The receiving half of a G.711 RTP stream, free of sockets (the counterpart of RtpSender), so
 * the UDP session and the WebRTC session share it: reception statistics, RFC 4733 digits,
 * reordering, decoding into 20 ms frames, and the inactivity check run on media clock ticks.
 */
export class AudioReceiver {
  readonly stats = new ReceptionStats();
  private readonly decoder = new DtmfDecoder();
  private readonly reorder: ReorderBuffer<Uint8Array>;
  private readonly view = createRtpView();
  private readonly pcm = new Int16Array(MAX_DECODE);
  private readonly frameView = this.pcm.subarray(0, FRAME_SAMPLES);
  private readonly info: FrameInfo = { sequenceNumber: 0, timestamp: 0, payloadType: 0 };
  private readonly wallClock: () => number;
  private eventPt: number | null;
  private lastReceiveTick: number | null = null;
  private startTick: number | null = null;
  private timedOut = false;
  private readonly emitFrame = (msg: Uint8Array): void => this.deliver(msg);

  constructor(private readonly options: AudioReceiverOptions, private readonly sink: AudioReceiverSink) {
    this.wallClock = options.wallClock ?? Date.now;
    this.eventPt = options.telephoneEventPt ?? null;
    this.reorder = new ReorderBuffer<Uint8Array>(options.reorderDepth ?? 4);
  }

  /** An outbound call learns the telephone-event payload type from the answer. */
  setTelephoneEventPt(payloadType: number | null): void {
    this.eventPt = payloadType;
  }

  /**
   * Feeds one RTP datagram (RTCP already split off) that arrived before clock tick `tick`.
   * Returns false when it was not RTP. The datagram is held while reordering, so pass one the
   * caller no longer writes to.
   */
  receive(msg: Uint8Array, tick: number): boolean {
    const view = this.view;
    try {
      parseRtpInto(msg, view);
    } catch {
      return false; // not RTP: ignore rather than fail the call
    }
    this.lastReceiveTick = tick;
    this.timedOut = false;
    // Another stream (a transfer upstream, a restarted phone) numbers its packets afresh.
    if (this.stats.onPacket(view.ssrc, view.sequenceNumber, view.timestamp, Math.round(this.wallClock() * 8))) this.reorder.restart();
    if (view.payloadType === this.eventPt) {
      const digit = this.decoder.push(view.timestamp, msg.subarray(view.payloadOffset, view.payloadOffset + view.payloadLength));
      if (digit) this.sink.dtmf(digit);
      return true;
    }
    if (!g711ForPayloadType(view.payloadType)) return true; // comfort noise and others: ignore
    this.reorder.push(view.sequenceNumber, msg, this.emitFrame);
    return true;
  }

  /** Called on every clock tick: reports 'timeout' once when nothing arrived for too long. */
  checkInactivity(tick: number): void {
    this.startTick ??= tick;
    const limit = this.options.inactivityTimeoutMs ?? 30_000;
    if (limit <= 0 || this.timedOut) return;
    const since = this.lastReceiveTick ?? this.startTick;
    if ((tick - since) * FRAME_MS < limit) return;
    this.timedOut = true;
    const pending = this.decoder.flush();
    if (pending) this.sink.dtmf(pending);
    this.sink.timeout();
  }

  private deliver(msg: Uint8Array): void {
    const view = parseRtpInto(msg, this.view);
    const codec = g711ForPayloadType(view.payloadType)!;
    const n = codec.decode(msg, this.pcm, view.payloadLength, view.payloadOffset);
    this.sink.payload(msg.subarray(view.payloadOffset, view.payloadOffset + view.payloadLength), view.payloadType);
    const info = this.info;
    info.sequenceNumber = view.sequenceNumber;
    info.timestamp = view.timestamp;
    info.payloadType = view.payloadType;
    if (n === FRAME_SAMPLES) {
      this.sink.frame(this.frameView, info);
      return;
    }
    // Consumers work in 20 ms frames; other packetisation is split into 20 ms pieces.
    for (let off = 0; off < n; off += FRAME_SAMPLES) {
      this.sink.frame(this.pcm.subarray(off, Math.min(n, off + FRAME_SAMPLES)), info);
    }
  }
}
