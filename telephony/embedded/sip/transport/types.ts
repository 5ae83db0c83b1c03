import type { EventEmitter } from 'node:events';
import type { SipParseError } from '../errors';

export type TransportProtocol = 'udp' | 'tcp' | 'ws' | 'wss';

/** SIP over WebSocket: a browser (WebRTC media, never a trunk, reached back on its own socket). */
export function isWebSocket(transport: TransportProtocol): boolean {
  return transport === 'ws' || transport === 'wss';
}

/**
 * Where a message came from or goes to. For TCP/WS `connectionId` names the connection so that
 * responses and later requests reuse it (a browser or NATed phone cannot be dialled back).
 */
export interface Flow {
  transport: TransportProtocol;
  address: string;
  port: number;
  connectionId?: string;
}

export interface HostPort {
  host: string;
  port: number;
}

export interface TransportEvents {
  /** One candidate message (datagram, WS frame or framed stream slice). */
  packet: [data: Buffer, flow: Flow];
  /** Stream framing failed; the stack may answer before the connection closes. */
  fatal: [error: SipParseError, flow: Flow];
  /** A TCP/WS connection went away (the registrar forgets flows bound to it). */
  closed: [flow: Flow];
}

export interface Transport extends EventEmitter<TransportEvents> {
  readonly protocol: TransportProtocol;
  /** Reliable transports retransmit nothing themselves and use zero-length wait timers. */
  readonly reliable: boolean;
  /** The address written in Via sent-by and Contact. */
  sentBy(): HostPort;
  send(data: Buffer, flow: Flow): Promise<void>;
  hasConnection(connectionId: string): boolean;
  close(): Promise<void>;
}
