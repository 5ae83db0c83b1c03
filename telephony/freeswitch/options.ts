import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import type { BackoffPolicy } from './backoff';

/** A provider that sends from and receives at known addresses (same shape as the embedded engine's). */
export interface PeerTrunk {
  kind: 'peer';
  id: string;
  /** Source IPs whose INVITEs are accepted as this trunk without digest auth. */
  addresses: string[];
  /** Where calls out go: `sip:host:port;transport=udp`. */
  proxy: string;
}

/** The same directory both sides see under different paths (a shared docker volume). */
export interface SharedDir {
  /** As this process sees it. */
  app: string;
  /** As FreeSWITCH sees it. */
  fs: string;
}

export interface FreeswitchEngineOptions {
  /** drachtio-server's command port (inbound connection from us). */
  drachtio: { host: string; port: number; secret: string };
  freeswitch: {
    host: string;
    /** Event socket (mod_event_socket). */
    port: number;
    secret: string;
    /** The sofia profile drachtio-fsmrf sends its INVITEs to (found via `sofia status`). */
    profile: string;
    /** Where FreeSWITCH's `socket` dialplan app connects back to this process. */
    listenAddress: string;
    listenPort: number;
    /** Address FreeSWITCH should dial for the outbound socket when it differs (docker, NAT). */
    advertisedAddress?: string;
    advertisedPort?: number;
  };
  realm: string;
  /** The agents table: only HA1 = MD5(extension:realm:password) is stored. */
  credentials: (extension: string, realm: string) => Promise<{ ha1: string } | undefined>;
  trunks?: PeerTrunk[];
  /** Challenge INVITEs that come from neither a trunk nor with valid credentials (default on). */
  authenticateInvites?: boolean;
  /** Recordings: relative paths land here; FreeSWITCH writes them through `fs`. */
  recordings: SharedDir;
  /** Prompt directories: a file under `app` is played by FreeSWITCH from under `fs`. */
  prompts?: SharedDir[];
  /** FreeSWITCH file string for hold music; a built-in tone melody when absent. */
  moh?: string;
  /** mod_conference profile for monitoring rooms (freeswitch-conf/ defines `cc-monitor`). */
  conferenceProfile?: string;
  /** Hang up with media_timeout after this long without RTP (FreeSWITCH `media_timeout`; 0: never). */
  rtpTimeoutMs: number;
  /** Bound on every ESL command; a command that never answers must not wedge a call. */
  commandTimeoutMs?: number;
  backoff?: BackoffPolicy;
  logger: Logger;
  clock: Clock;
}
