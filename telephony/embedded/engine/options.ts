import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock';
import type { GuestCallers } from '../sip/guest-callers';
import type { TrunkConfig } from '../sip/trunk';
import type { TimerConfig } from '../sip/timers';
import type { MediaClock } from '../media/media-clock';
import type { MediaFactory } from './media';

export interface EmbeddedEngineOptions {
  sip: {
    /** Address for the UDP and TCP listeners (and, unless `mediaAddress` says otherwise, RTP). */
    host: string;
    /** 0 picks a free port (tests); UDP and TCP share it. */
    port: number;
    /** Skip the TCP listener (benchmarks that only speak UDP). */
    udpOnly?: boolean;
    /** Public address for Via/Contact when bound to 0.0.0.0 or behind NAT. */
    advertise?: { host: string; port: number };
    /** SIP over WebSocket on the application's HTTP(S) server. */
    websocket?: { server: HttpServer | HttpsServer; path: string };
    timers?: Partial<TimerConfig>;
    /** SIP messages accepted per source address before the rest are dropped; null: no limit (loopback benchmarks). */
    messageLimit?: { burst: number; perSecond: number } | null;
  };
  realm: string;
  /** The agents table: only HA1 = MD5(extension:realm:password) is stored. */
  credentials: (extension: string, realm: string) => Promise<{ ha1: string } | undefined>;
  trunks?: TrunkConfig[];
  /** Short-lived single-use credentials (web visitors' video calls): INVITE only, one number each. */
  guests?: GuestCallers;
  /**
   * INVITEs that come neither from a trunk address nor with valid digest credentials are
   * challenged. Off only for benchmarks and closed lab networks.
   */
  authenticateInvites?: boolean;
  rtp: {
    portMin: number;
    portMax: number;
    /** Address to bind RTP sockets; defaults to `sip.host`. */
    bindAddress?: string;
    /** Address written into SDP; defaults to the bind address (or the advertised SIP host). */
    mediaAddress?: string;
    /** Hang up with media_timeout after this long without a packet from the far end (0: never). */
    inactivityTimeoutMs: number;
  };
  recordingsDir: string;
  /** Hold music; the built-in melody when absent. */
  mohPath?: string;
  logger: Logger;
  clock: Clock;
  /** The 20 ms clock every leg sends on; pass one in to share it with the WebRTC media factory. */
  mediaClock?: MediaClock;
  /** Answers and offers UDP/TLS/RTP/SAVPF (browser) legs; without it such offers get 488. */
  webrtc?: MediaFactory;
}
