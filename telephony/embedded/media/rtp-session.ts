import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { DtmfDecoder, type DetectedDigit } from './dtmf';
import { FRAME_MS, FRAME_SAMPLES, type FrameSource } from './frame';
import { g711ForPayloadType } from './g711';
import type { MediaClock } from './media-clock';
import type { PortPool } from './port-pool';
import { ReceptionStats } from './reception-stats';
import { ReorderBuffer } from './reorder-buffer';
import { buildReceiverReport, buildSenderReport, ntpMiddle, parseRtcp, toNtp, type RtcpPacket } from './rtcp';
import { createRtpView, looksLikeRtcp, parseRtpInto } from './rtp';
import { RtpSender } from './rtp-sender';

export interface RtpAddress {
  address: string;
  port: number;
}

export interface RtpSessionOptions {
  clock: MediaClock;
  ports: PortPool;
  /** Local address to bind; '0.0.0.0' by default. */
  bindAddress?: string;
  /** Negotiated audio codec: 0 (PCMU) or 8 (PCMA). */
  payloadType: number;
  /** Negotiated telephone-event payload type (e.g. 101), or null if none. */
  telephoneEventPt?: number | null;
  /** Where to send, from the remote SDP; may be set later or learnt by latching. */
  remote?: RtpAddress;
  /** Latch onto the source of the first packet received (NAT traversal); on by default. */
  symmetric?: boolean;
  /** Emit 'timeout' after this long without a packet (0 disables). */
  inactivityTimeoutMs?: number;
  rtcpIntervalMs?: number;
  reorderDepth?: number;
  /** Wall clock for RTCP NTP timestamps. */
  wallClock?: () => number;
}

export interface FrameInfo {
  sequenceNumber: number;
  timestamp: number;
  payloadType: number;
}

export interface RtpSessionEvents {
  /** A decoded 20 ms frame; the array and info are reused, copy them to keep them. */
  frame: [pcm: Int16Array, info: FrameInfo];
  /** The encoded audio payload of each in-order packet (for pass-through bridging). */
  payload: [payload: Uint8Array, payloadType: number];
  dtmf: [digit: DetectedDigit];
  latched: [remote: RtpAddress];
  rtcp: [packets: RtcpPacket[]];
  timeout: [];
  /** `finished` is false when the source was replaced or the session closed first. */
  sourceEnded: [source: FrameSource, finished: boolean];
  digitSent: [digit: string];
  error: [err: Error];
}

const MAX_DECODE = 1024;

/**
 * A UDP RTP endpoint (RTCP on port + 1, rtcp-mux also understood) driven by the shared media
 * clock: each tick sends one packet from the current source and checks for inactivity.
 * Receiving reorders, decodes and emits frames; telephone-events go to the DTMF decoder.
 */
export class RtpSession extends EventEmitter<RtpSessionEvents> {
  readonly localPort: number;
  private readonly sender: RtpSender;
  private readonly decoder = new DtmfDecoder();
  private readonly reorder: ReorderBuffer<Buffer>;
  private readonly stats = new ReceptionStats();
  private readonly view = createRtpView();
  private readonly pcm = new Int16Array(MAX_DECODE);
  private readonly frameView = this.pcm.subarray(0, FRAME_SAMPLES);
  private readonly info: FrameInfo = { sequenceNumber: 0, timestamp: 0, payloadType: 0 };
  private readonly cname = randomUUID();
  private remote: RtpAddress | null;
  private latched = false;
  private lastReceiveTick: number | null = null;
  private startTick: number | null = null;
  private timedOut = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private readonly wallClock: () => number;
  private readonly emitFrame = (msg: Buffer): void => this.deliver(msg);

  private constructor(
    private readonly options: RtpSessionOptions,
    private readonly rtp: Socket,
    private readonly rtcp: Socket,
    port: number,
  ) {
    super();
    this.localPort = port;
    this.remote = options.remote ?? null;
    this.wallClock = options.wallClock ?? Date.now;
    this.reorder = new ReorderBuffer<Buffer>(options.reorderDepth ?? 4);
    this.sender = new RtpSender({ payloadType: options.payloadType, telephoneEventPt: options.telephoneEventPt ?? null });
    this.sender.onSourceEnd = (source, finished) => this.emit('sourceEnded', source, finished);
    this.sender.onDigitSent = (digit) => this.emit('digitSent', digit);
    rtp.on('message', (msg, rinfo) => this.onRtp(msg, rinfo));
    rtcp.on('message', (msg) => this.onRtcp(msg));
    for (const s of [rtp, rtcp]) s.on('error', (err) => this.emit('error', err));
    this.unsubscribe = options.clock.subscribe((tick) => this.onTick(tick));
  }

  /** Binds an even port from the pool (and port + 1 for RTCP), retrying ports in use. */
  static async open(options: RtpSessionOptions): Promise<RtpSession> {
    const address = options.bindAddress ?? '0.0.0.0';
    for (let attempt = 0; ; attempt++) {
      const port = options.ports.allocate();
      const rtp = createSocket('udp4');
      const rtcp = createSocket('udp4');
      try {
        await bind(rtp, port, address);
        await bind(rtcp, port + 1, address);
        return new RtpSession(options, rtp, rtcp, port);
      } catch (err) {
        rtp.close();
        rtcp.close();
        options.ports.release(port);
        if (attempt >= 10) throw err;
      }
    }
  }

  get rtcpPort(): number {
    return this.localPort + 1;
  }

  get remoteAddress(): RtpAddress | null {
    return this.remote;
  }

  get payloadType(): number {
    return this.sender.codec.payloadType;
  }

  get ssrc(): number {
    return this.sender.ssrc;
  }

  get sentPackets(): number {
    return this.sender.packets;
  }

  setRemote(remote: RtpAddress): void {
    this.remote = remote;
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
    return new Promise((resolve) => {
      const ended = (s: FrameSource, finished: boolean): void => {
        if (s !== source) return;
        this.off('sourceEnded', ended);
        resolve(finished);
      };
      this.on('sourceEnded', ended);
      this.setSource(source);
    });
  }

  /** Queues an RFC 4733 digit; it goes out on the following ticks. */
  sendDigit(digit: string, durationMs = 100): void {
    this.sender.sendDigit(digit, durationMs);
  }

  private onTick(tick: number): void {
    this.startTick ??= tick;
    const remote = this.remote;
    if (remote) this.sender.onTick(tick, (packet, length) => this.rtp.send(packet, 0, length, remote.port, remote.address));
    this.checkInactivity(tick);
    const interval = Math.round((this.options.rtcpIntervalMs ?? 5000) / FRAME_MS);
    if (remote && tick > this.startTick && (tick - this.startTick) % interval === 0) this.sendRtcp(remote);
  }

  private checkInactivity(tick: number): void {
    const limit = this.options.inactivityTimeoutMs ?? 30_000;
    if (limit <= 0 || this.timedOut) return;
    const since = this.lastReceiveTick ?? this.startTick ?? tick;
    if ((tick - since) * FRAME_MS < limit) return;
    this.timedOut = true;
    const pending = this.decoder.flush();
    if (pending) this.emit('dtmf', pending);
    this.emit('timeout');
  }

  private sendRtcp(remote: RtpAddress): void {
    const now = this.wallClock();
    const block = this.stats.reportBlock(now);
    const reports = block ? [block] : [];
    const ntp = toNtp(now);
    const packet = this.sender.packets > 0
      ? buildSenderReport({
        ssrc: this.sender.ssrc, ntpSeconds: ntp.seconds, ntpFraction: ntp.fraction,
        rtpTimestamp: this.sender.lastTimestamp, packetCount: this.sender.packets, octetCount: this.sender.octets, reports,
      }, this.cname)
      : buildReceiverReport({ ssrc: this.sender.ssrc, reports }, this.cname);
    this.rtcp.send(packet, remote.port + 1, remote.address);
  }

  private onRtp(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.closed) return;
    if (looksLikeRtcp(msg)) {
      this.onRtcp(msg);
      return;
    }
    if (this.options.symmetric !== false) {
      if (!this.latched) {
        this.latched = true;
        this.remote = { address: rinfo.address, port: rinfo.port };
        this.emit('latched', this.remote);
      } else if (rinfo.address !== this.remote?.address || rinfo.port !== this.remote.port) {
        return; // once latched, packets from elsewhere are injection attempts or stale
      }
    }
    const view = this.view;
    try {
      parseRtpInto(msg, view);
    } catch {
      return; // not RTP: ignore rather than fail the call
    }
    this.lastReceiveTick = this.options.clock.nextTick;
    this.timedOut = false;
    this.stats.onPacket(view.ssrc, view.sequenceNumber, view.timestamp, Math.round(this.wallClock() * 8));
    if (view.payloadType === this.options.telephoneEventPt) {
      const digit = this.decoder.push(view.timestamp, msg.subarray(view.payloadOffset, view.payloadOffset + view.payloadLength));
      if (digit) this.emit('dtmf', digit);
      return;
    }
    if (!g711ForPayloadType(view.payloadType)) return; // comfort noise and others: ignore
    this.reorder.push(view.sequenceNumber, msg, this.emitFrame);
  }

  private deliver(msg: Buffer): void {
    const view = parseRtpInto(msg, this.view);
    const codec = g711ForPayloadType(view.payloadType)!;
    const n = codec.decode(msg, this.pcm, view.payloadLength, view.payloadOffset);
    const payload = msg.subarray(view.payloadOffset, view.payloadOffset + view.payloadLength);
    this.emit('payload', payload, view.payloadType);
    const info = this.info;
    info.sequenceNumber = view.sequenceNumber;
    info.timestamp = view.timestamp;
    info.payloadType = view.payloadType;
    if (n === FRAME_SAMPLES) {
      this.emit('frame', this.frameView, info);
      return;
    }
    // Consumers work in 20 ms frames; other packetisation is split into 20 ms pieces.
    for (let off = 0; off < n; off += FRAME_SAMPLES) {
      this.emit('frame', this.pcm.subarray(off, Math.min(n, off + FRAME_SAMPLES)), info);
    }
  }

  private onRtcp(msg: Buffer): void {
    let packets: RtcpPacket[];
    try {
      packets = parseRtcp(msg);
    } catch {
      return;
    }
    for (const p of packets) {
      if (p.type === 'sr') this.stats.onSenderReport(ntpMiddle(p.ntpSeconds, p.ntpFraction), this.wallClock());
    }
    this.emit('rtcp', packets);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.sender.setSource(null);
    await Promise.all([closeSocket(this.rtp), closeSocket(this.rtcp)]);
    this.options.ports.release(this.localPort);
    this.removeAllListeners();
  }
}

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}
