import type { RemoteInfo, Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { AudioReceiver, type FrameInfo } from './audio-receiver';
import type { DetectedDigit } from './dtmf';
import { FRAME_MS, type FrameSource } from './frame';
import type { MediaClock } from './media-clock';
import type { PortPool } from './port-pool';
import { buildReceiverReport, buildSenderReport, ntpMiddle, parseRtcp, toNtp, type RtcpPacket } from './rtcp';
import { looksLikeRtcp } from './rtp';
import { RtpSender } from './rtp-sender';
import { createUdpSocket } from '../udp-socket';

export type { FrameInfo } from './audio-receiver';

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
  /**
   * Symmetric RTP, on by default: packets from the address the peer's SDP named are always
   * taken; until one arrives, the first other source is latched (a peer behind NAT).
   */
  symmetric?: boolean;
  /** Emit 'timeout' after this long without a packet (0 disables). */
  inactivityTimeoutMs?: number;
  rtcpIntervalMs?: number;
  reorderDepth?: number;
  /** Wall clock for RTCP NTP timestamps. */
  wallClock?: () => number;
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

/**
 * A UDP RTP endpoint (RTCP on port + 1, rtcp-mux also understood) driven by the shared media
 * clock: each tick sends one packet from the current source and checks for inactivity.
 * Receiving reorders, decodes and emits frames; telephone-events go to the DTMF decoder.
 */
export class RtpSession extends EventEmitter<RtpSessionEvents> {
  readonly localPort: number;
  private readonly sender: RtpSender;
  private readonly receiver: AudioReceiver;
  private readonly cname = randomUUID();
  /** Where packets go: the signalled address, or the source latched onto. */
  private remote: RtpAddress | null;
  /** What the peer's SDP named. */
  private signalled: RtpAddress | null;
  private latch: 'none' | 'learnt' | 'signalled' = 'none';
  private startTick: number | null = null;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private readonly wallClock: () => number;
  // One closure for the session's life rather than one per tick.
  private readonly sendRtp = (packet: Buffer): void => {
    const remote = this.remote;
    if (remote) this.rtp.send(packet, remote.port, remote.address);
  };

  private constructor(
    private readonly options: RtpSessionOptions,
    private readonly rtp: Socket,
    private readonly rtcp: Socket,
    port: number,
  ) {
    super();
    this.localPort = port;
    this.remote = options.remote ?? null;
    this.signalled = this.remote;
    this.wallClock = options.wallClock ?? Date.now;
    this.receiver = new AudioReceiver(options, {
      frame: (pcm, info) => this.emit('frame', pcm, info),
      payload: (payload, pt) => this.emit('payload', payload, pt),
      dtmf: (digit) => this.emit('dtmf', digit),
      timeout: () => this.emit('timeout'),
    });
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
      const rtp = createUdpSocket('udp4');
      const rtcp = createUdpSocket('udp4');
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

  /** Outbound calls learn the codec from the answer, after the port was offered. */
  setPayloadTypes(payloadType: number, telephoneEventPt: number | null): void {
    this.sender.setPayloadTypes(payloadType, telephoneEventPt);
    this.receiver.setTelephoneEventPt(telephoneEventPt);
  }

  /** The peer's SDP named `remote` (an answer or a re-INVITE): send there and latch afresh. */
  setRemote(remote: RtpAddress): void {
    if (this.signalled && sameAddress(this.signalled, remote)) return;
    this.signalled = remote;
    this.remote = remote;
    this.latch = 'none';
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

  /** Queues an RFC 4733 digit; it goes out on the following ticks. */
  sendDigit(digit: string, durationMs = 100): void {
    this.sender.sendDigit(digit, durationMs);
  }

  private onTick(tick: number): void {
    this.startTick ??= tick;
    const remote = this.remote;
    if (remote) this.sender.onTick(tick, this.sendRtp);
    this.receiver.checkInactivity(tick);
    const interval = Math.round((this.options.rtcpIntervalMs ?? 5000) / FRAME_MS);
    if (remote && tick > this.startTick && (tick - this.startTick) % interval === 0) this.sendRtcp(remote);
  }

  private sendRtcp(remote: RtpAddress): void {
    const now = this.wallClock();
    const block = this.receiver.stats.reportBlock(now);
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
    if (this.options.symmetric !== false && !this.accepts(rinfo)) return;
    this.receiver.receive(msg, this.options.clock.nextTick);
  }

  /**
   * The signalled address wins over a source latched before it was heard from: a port's previous
   * call, or another process's stream, can reach a fresh port first, and latching onto it for
   * good would leave the call silent. Other sources are stale or injected.
   */
  private accepts(from: RemoteInfo): boolean {
    const signalled = this.signalled;
    if (signalled && sameAddress(signalled, from)) {
      if (this.latch !== 'signalled') this.latchOnto('signalled', signalled);
      return true;
    }
    if (this.latch === 'none') {
      this.latchOnto('learnt', { address: from.address, port: from.port });
      return true;
    }
    return this.latch === 'learnt' && this.remote !== null && sameAddress(this.remote, from);
  }

  private latchOnto(kind: 'learnt' | 'signalled', remote: RtpAddress): void {
    this.latch = kind;
    this.remote = remote;
    this.emit('latched', remote);
  }

  private onRtcp(msg: Buffer): void {
    let packets: RtcpPacket[];
    try {
      packets = parseRtcp(msg);
    } catch {
      return;
    }
    for (const p of packets) {
      if (p.type === 'sr') this.receiver.stats.onSenderReport(ntpMiddle(p.ntpSeconds, p.ntpFraction), this.wallClock());
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

function sameAddress(a: RtpAddress, b: RtpAddress): boolean {
  return a.address === b.address && a.port === b.port;
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
