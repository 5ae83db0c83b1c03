import {
  PictureLossIndication, RTCPeerConnection, RTCRtpCodecParameters, RTP_EXTENSION_URI,
  RtcpPayloadSpecificFeedback, RtpHeader, RtpPacket, serializeSdesMid, useFIR, useNACK, usePLI, useSdesMid,
  type MediaStreamTrack, type RTCRtpTransceiver, type RtcpPacket,
} from 'werift';
import { RELAYABLE_VIDEO, type VideoCodecName } from './sdp-policy';

/**
 * Everything that touches werift lives here, so the rest of webrtc/ sees a small typed surface
 * (SDP strings in, RTP datagrams out and in) and a werift upgrade is checked in one file.
 */

export interface IceOptions {
  /** UDP port range for ICE candidates (the RTP range in production). */
  portRange?: [number, number];
  /** Addresses werift leaves out by default but that should be offered, e.g. '127.0.0.1'. */
  additionalHostAddresses?: string[];
  /** Gather IPv6 host candidates too; off by default (most contact-centre LANs are IPv4). */
  useIpv6?: boolean;
  /** STUN/TURN servers, for agents outside the LAN. */
  servers?: { urls: string; username?: string; credential?: string }[];
}

export interface LinkHandlers {
  audioRtp(packet: Uint8Array): void;
  videoRtp(packet: Buffer): void;
  /** The browser asked us for a key frame of the video we send it (PLI or FIR). */
  keyframeRequest(): void;
  connected(): void;
  failed(reason: string): void;
}

const AUDIO_CODECS = [
  { mimeType: 'audio/PCMU', clockRate: 8000, payloadType: 0 },
  { mimeType: 'audio/PCMA', clockRate: 8000, payloadType: 8 },
  { mimeType: 'audio/telephone-event', clockRate: 8000, payloadType: 101 },
];

// Payload types Chromium also uses for these, which keeps relayed streams' numbers unchanged.
const VIDEO_CODECS: Record<VideoCodecName, { mimeType: string; payloadType: number; rtx: number; parameters?: string }> = {
  VP8: { mimeType: 'video/VP8', payloadType: 96, rtx: 97 },
  H264: { mimeType: 'video/H264', payloadType: 102, rtx: 103, parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' },
};

/** The wanted codecs first, then the other relayable ones (for answering unwanted video inactive). */
function videoCodecs(wanted: readonly VideoCodecName[]): RTCRtpCodecParameters[] {
  const names = [...wanted, ...RELAYABLE_VIDEO.filter((n) => !wanted.includes(n))];
  return names.flatMap((name) => {
    const c = VIDEO_CODECS[name];
    return [
      new RTCRtpCodecParameters({ mimeType: c.mimeType, clockRate: 90000, payloadType: c.payloadType, parameters: c.parameters, rtcpFeedback: [useNACK(), usePLI(), useFIR()] }),
      new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000, payloadType: c.rtx, parameters: `apt=${c.payloadType}` }),
    ];
  });
}

/** A PLI or FIR about the stream with SSRC `ssrc`. */
function isKeyframeRequest(packet: RtcpPacket, ssrc: number): boolean {
  if (!(packet instanceof RtcpPayloadSpecificFeedback)) return false;
  const f = packet.feedback;
  if (f instanceof PictureLossIndication) return f.mediaSsrc === ssrc;
  // FIR (RFC 5104) names the stream in its entries; werift does not export its class.
  return 'fir' in f && f.fir.some((e) => e.ssrc === ssrc);
}

/** One browser peer connection: audio always, one video stream when negotiated. */
export class WeriftLink {
  private readonly pc: RTCPeerConnection;
  private remoteVideoSsrc: number | null = null;
  private isConnected = false;

  constructor(ice: IceOptions, video: readonly VideoCodecName[], private readonly on: LinkHandlers) {
    this.pc = new RTCPeerConnection({
      codecs: { audio: AUDIO_CODECS.map((c) => new RTCRtpCodecParameters(c)), video: videoCodecs(video) },
      headerExtensions: { audio: [useSdesMid()], video: [useSdesMid()] },
      icePortRange: ice.portRange,
      iceAdditionalHostAddresses: ice.additionalHostAddresses,
      iceUseIpv6: ice.useIpv6 ?? false,
      iceServers: ice.servers ?? [],
      bundlePolicy: 'max-bundle',
    });
    this.pc.onTrack.subscribe((track) => this.attach(track));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && !this.isConnected) {
        this.isConnected = true;
        on.connected();
      } else if (state === 'failed') on.failed('ICE/DTLS connection failed');
    });
  }

  get connected(): boolean {
    return this.isConnected;
  }

  get localSdp(): string {
    return this.pc.localDescription?.sdp ?? '';
  }

  get remoteSdp(): string {
    return this.pc.remoteDescription?.sdp ?? '';
  }

  /** Answers an offer (already narrowed to our codecs); resolves once candidates are in the SDP. */
  async answer(offer: string, video: boolean): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    for (const t of this.pc.getTransceivers()) t.setDirection(t.kind === 'audio' || video ? 'sendrecv' : 'inactive');
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.localSdp;
  }

  async offer(video: boolean): Promise<string> {
    this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    if (video) this.pc.addTransceiver('video', { direction: 'sendrecv' });
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.localSdp;
  }

  async acceptAnswer(answer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  private transceiver(kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.kind === kind);
  }

  private attach(track: MediaStreamTrack): void {
    if (track.kind === 'audio') {
      track.onReceiveRtp.subscribe((p) => this.on.audioRtp(p.serialize()));
      return;
    }
    const sender = this.transceiver('video')?.sender;
    // werift routes a PLI by the browser's own SSRC to our receiver, so its sender never sees
    // it: watch all RTCP on the (bundled) transport instead.
    sender?.dtlsTransport.onRtcp.subscribe((p) => {
      if (isKeyframeRequest(p, sender.ssrc)) this.on.keyframeRequest();
    });
    track.onReceiveRtp.subscribe((p) => {
      this.remoteVideoSsrc = p.header.ssrc;
      // Extension ids are per-leg negotiation; the sending leg adds its own.
      p.header.extensions = [];
      p.header.extension = false;
      this.on.videoRtp(p.serialize());
    });
  }

  /**
   * Sends one audio datagram built by RtpSender. It goes straight to SRTP rather than through
   * werift's RTCRtpSender, which would overwrite every payload type with the first codec's and
   * so turn RFC 4733 events into noise; SSRC and MID are set to what our SDP announced.
   */
  sendAudio(packet: Buffer): void {
    const t = this.transceiver('audio');
    if (!t || !this.isConnected) return;
    const dtls = t.sender.dtlsTransport;
    if (dtls.state !== 'connected') return;
    const header = RtpHeader.deSerialize(packet);
    header.ssrc = t.sender.ssrc;
    const mid = t.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid);
    if (mid && t.mid) header.extensions = [{ id: mid.id, payload: serializeSdesMid(t.mid) }];
    const payload = Buffer.from(packet.subarray(header.payloadOffset));
    void dtls.sendRtp(payload, header);
  }

  /** Relays a video datagram from another leg; werift sets our SSRC and payload type. */
  sendVideo(packet: Uint8Array): void {
    const sender = this.transceiver('video')?.sender;
    if (!sender || !this.isConnected) return;
    const rtp = RtpPacket.deSerialize(Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength));
    rtp.header.extensions = [];
    rtp.header.extension = false;
    void sender.sendRtp(rtp);
  }

  /** Asks the browser for a key frame of the video it sends us. */
  requestKeyframe(): void {
    const receiver = this.transceiver('video')?.receiver;
    if (receiver && this.remoteVideoSsrc !== null) void receiver.sendRtcpPLI(this.remoteVideoSsrc);
  }

  async close(): Promise<void> {
    await this.pc.close();
  }
}
