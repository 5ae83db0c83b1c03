/**
 * The narrow, typed face of drachtio-srf 5 and drachtio-fsmrf 4.1.2 (plain JavaScript, no types):
 * only what this engine calls, checked against their sources in node_modules. The modules are
 * loaded here and nowhere else, so the rest of telephony/freeswitch never sees an untyped value.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

export interface NameAddrHeader {
  uri: string;
  name?: string;
  params: Record<string, string | undefined>;
}

/** A SIP request as drachtio-srf hands it over (incoming) or sends it (outgoing). */
export interface SrfRequest extends EventEmitter {
  readonly method: string;
  readonly uri: string;
  readonly body: string;
  /** The whole message as it arrived; our digest check re-parses it. */
  readonly raw: string;
  readonly source_address: string;
  readonly source_port: number;
  /** 'udp' | 'tcp' | 'ws' | 'wss' | 'tls' as drachtio-server saw it. */
  readonly protocol: string;
  readonly callingNumber: string;
  readonly calledNumber: string;
  readonly headers: Record<string, string>;
  get(name: string): string | undefined;
  has(name: string): boolean;
  getParsedHeader(name: 'from' | 'to'): NameAddrHeader;
  /** Outgoing INVITE only: sends CANCEL. */
  cancel(opts?: { headers?: Record<string, string> }): void;
}

export interface SrfResponse {
  readonly status: number;
  readonly finalResponseSent: boolean;
  send(status: number, opts?: { headers?: Record<string, string>; body?: string }): void;
  send(status: number, reason: string, opts?: { headers?: Record<string, string>; body?: string }): void;
  get(name: string): string | undefined;
}

export interface SrfDialog extends EventEmitter {
  readonly id: string;
  readonly sip: { callId: string; localTag: string; remoteTag: string };
  readonly local: { sdp: string; uri: string; contact: string };
  readonly remote: { sdp: string; uri: string };
  connected: boolean;
  /** BYE; resolves when the far end answered it (or the dialog was already gone). */
  destroy(opts?: { headers?: Record<string, string> }): Promise<unknown>;
  /** re-INVITE with this offer; resolves with the answer SDP. */
  modify(sdp: string): Promise<string>;
  /** A request inside the dialog (NOTIFY, INFO). */
  request(opts: { method: string; headers?: Record<string, string>; body?: string }): Promise<unknown>;
}

/** What createUAC rejects with: a SipError carrying the final status. */
export interface SrfSipError extends Error {
  status: number;
}

export interface UacOptions {
  localSdp?: string;
  headers?: Record<string, string>;
  /** Send to this hop instead of the Request-URI host (registered contact's flow, trunk proxy). */
  proxy?: string;
}

/**
 * createUAC without an offer (3pcc): the callee offers in its 200 OK, which stays un-ACKed until
 * `ack` carries our answer; `destroy` ACKs and hangs up a callee we no longer want.
 */
export interface SrfLateOffer {
  readonly sdp: string;
  ack(answer: string): Promise<SrfDialog>;
  destroy(): Promise<void>;
}

export type SrfHandler = (req: SrfRequest, res: SrfResponse) => void;

export interface SrfConnectOptions {
  host: string;
  port: number;
  secret: string;
  /** drachtio-srf's own retry; we set maxAttempts 1 and run our own backoff (backoff.ts). */
  reconnect?: { maxAttempts?: number; retryMaxDelay?: number };
}

export interface Srf extends EventEmitter {
  connect(opts: SrfConnectOptions): void;
  disconnect(): void;
  invite(handler: SrfHandler): void;
  register(handler: SrfHandler): void;
  options(handler: SrfHandler): void;
  createUAS(req: SrfRequest, res: SrfResponse, opts: { localSdp: string; headers?: Record<string, string> }): Promise<SrfDialog>;
  createUAC(uri: string, opts: UacOptions & { noAck: true }, progress?: UacProgress): Promise<SrfLateOffer>;
  createUAC(uri: string, opts: UacOptions, progress?: UacProgress): Promise<SrfDialog>;
}

export interface UacProgress {
  cbRequest?: (err: Error | null, req: SrfRequest) => void;
  cbProvisional?: (res: SrfResponse) => void;
}

/** A FreeSWITCH event as modesl parsed it. */
export interface EslEvent {
  getHeader(name: string): string | undefined;
  getBody(): string;
}

/** The outbound event-socket connection FreeSWITCH opened for one channel (or the inbound one). */
export interface EslConnection {
  on(event: string, listener: (evt: EslEvent) => void): void;
  off(event: string, listener: (evt: EslEvent) => void): void;
  subscribe(events: string | string[]): void;
}

export interface FsEndpoint extends EventEmitter {
  readonly uuid: string;
  readonly local: { sdp: string };
  readonly remote: { sdp: string };
  readonly dialog: SrfDialog;
  readonly connected: boolean;
  /** Null once the channel's socket closed. */
  readonly conn: EslConnection | null;
  api(command: string, args?: string | string[]): Promise<EslEvent>;
  execute(app: string, arg?: string): Promise<EslEvent>;
  join(conference: string, opts: { flags?: Record<string, boolean>; profile?: string }): Promise<{ memberId: number; confUuid: string }>;
  modify(sdp: string): Promise<string>;
  destroy(): Promise<void>;
}

/** A channel FreeSWITCH is opening for us, keyed by the uuid fsmrf puts in User-Agent. */
export interface FsPendingChannel {
  conn?: EslChannel;
  fn?: (conn: EslChannel) => void;
  connTimeout?: ReturnType<typeof setTimeout>;
}

/** The outbound event socket of one channel, before fsmrf wraps it in an Endpoint. */
export type EslChannel = EslConnection & { getInfo(): EslEvent };

export interface FsMediaServer extends EventEmitter {
  readonly address: string;
  /**
   * What fsmrf's connectCaller uses to pair an INVITE it sent with the outbound socket that
   * follows; answering a callee's DTLS offer (offered-channel.ts) needs the same steps.
   */
  readonly pendingConnections: Map<string, FsPendingChannel>;
  readonly sip: { ipv4: { udp: { address?: string } } };
  readonly advertisedAddress: string;
  readonly advertisedPort: number;
  readonly currentSessions: number;
  readonly maxSessions: number;
  connected(): boolean;
  connectCaller(req: SrfRequest, res: SrfResponse, opts?: { headers?: Record<string, string>; codecs?: string[] }): Promise<{ endpoint: FsEndpoint; dialog: SrfDialog }>;
  createEndpoint(opts?: { remoteSdp?: string; headers?: Record<string, string>; codecs?: string[] }): Promise<FsEndpoint>;
  api(command: string): Promise<string>;
  disconnect(): void;
}

/** drachtio-modesl's inbound connection (to FreeSWITCH's port 8021), as far as we drive it. */
export interface EslInbound {
  /** modesl retries by itself forever; we cap it at one attempt and run backoff.ts instead. */
  reconnectOpts: { maxAttempts?: number };
  reconnectVars: { attempts?: number };
  on(event: string, listener: (...args: unknown[]) => void): void;
  api(command: string, cb: (evt: EslEvent) => void): void;
  disconnect(): void;
}

export interface DrachtioModules {
  createSrf(): Srf;
  /** `new esl.Connection(host, port, password, onReady)` (inbound mode). */
  createEslInbound(host: string, port: number, password: string, onReady: () => void): EslInbound;
  /**
   * drachtio-fsmrf's MediaServer over a connection we made: Mrf#connect cannot be used because
   * its connection keeps retrying in the background after a failed first attempt.
   */
  createMediaServer(conn: EslInbound, srf: Srf, listen: { address: string; port: number; advertisedAddress: string | undefined; advertisedPort: number | undefined }, profile: string): FsMediaServer;
  /** fsmrf's Endpoint over a channel's socket and the dialog with FreeSWITCH; it emits 'ready'. */
  createEndpoint(conn: EslChannel, dialog: SrfDialog, ms: FsMediaServer): FsEndpoint;
}

type Ctor<T> = new (...args: unknown[]) => T;

/** Loads the CommonJS packages once; the casts here are the whole of the untyped boundary. */
export function loadDrachtio(): DrachtioModules {
  const require = createRequire(import.meta.url);
  const SrfClass = require('drachtio-srf') as Ctor<Srf>;
  // drachtio-modesl and the MediaServer class as drachtio-fsmrf itself resolves them.
  const fsmrfRequire = createRequire(require.resolve('drachtio-fsmrf'));
  const esl = fsmrfRequire('drachtio-modesl') as { Connection: Ctor<EslInbound> };
  const MediaServerClass = fsmrfRequire('./mediaserver') as Ctor<FsMediaServer>;
  const EndpointClass = fsmrfRequire('./endpoint') as Ctor<FsEndpoint>;
  return {
    createSrf: () => new SrfClass(),
    createEslInbound: (host, port, password, onReady) => new esl.Connection(host, port, password, onReady),
    createMediaServer: (conn, srf, listen, profile) =>
      new MediaServerClass(conn, { srf, customEvents: [] }, listen.address, listen.port, listen.advertisedAddress, listen.advertisedPort, profile),
    createEndpoint: (conn, dialog, ms) => new EndpointClass(conn, dialog, ms, {}),
  };
}
