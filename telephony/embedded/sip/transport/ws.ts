import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Flow, HostPort, Transport, TransportEvents } from './types';

export interface WsTransportOptions {
  /** The application's HTTP(S) server: SIP over WebSocket shares its port (RFC 7118). */
  server: HttpServer | HttpsServer;
  /** Upgrade path; other paths are left to other handlers (socket.io). */
  path?: string;
  advertise?: HostPort;
  maxMessageBytes?: number;
}

let nextId = 0;

export class WsTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly protocol: 'ws' | 'wss';
  readonly reliable = true;
  private readonly wss: WebSocketServer;
  private readonly conns = new Map<string, { ws: WebSocket; flow: Flow }>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.upgrade(req, socket, head);

  constructor(private readonly opts: WsTransportOptions) {
    super();
    this.protocol = opts.server instanceof HttpsServer ? 'wss' : 'ws';
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.maxMessageBytes ?? 65_535,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    opts.server.on('upgrade', this.onUpgrade);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== (this.opts.path ?? '/sip')) return;
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim().toLowerCase());
    if (!offered.includes('sip')) {
      // RFC 7118 §4: without the "sip" subprotocol the handshake must fail.
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.adopt(ws, req));
  }

  private adopt(ws: WebSocket, req: IncomingMessage): void {
    const id = `${this.protocol}-${++nextId}`;
    const flow: Flow = { transport: this.protocol, address: req.socket.remoteAddress ?? '', port: req.socket.remotePort ?? 0, connectionId: id };
    this.conns.set(id, { ws, flow });
    // Each WebSocket message carries exactly one SIP message (RFC 7118 §5.2), text or binary.
    ws.on('message', (data) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      this.emit('packet', buf, flow);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.conns.delete(id);
      this.emit('closed', flow);
    });
  }

  sentBy(): HostPort {
    if (this.opts.advertise) return this.opts.advertise;
    const addr = this.opts.server.address();
    if (addr && typeof addr === 'object') return { host: addr.address, port: addr.port };
    return { host: '127.0.0.1', port: 0 };
  }

  async send(data: Buffer, flow: Flow): Promise<void> {
    let conn = flow.connectionId ? this.conns.get(flow.connectionId) : undefined;
    if (!conn) {
      for (const candidate of this.conns.values()) {
        if (candidate.flow.address === flow.address && candidate.flow.port === flow.port) conn = candidate;
      }
    }
    // A browser cannot be dialled: without its live connection there is no way to reach it.
    if (!conn) throw new Error('no WebSocket connection to that peer');
    const target = conn.ws;
    await new Promise<void>((resolve, reject) => target.send(data.toString('utf8'), (err) => (err ? reject(err) : resolve())));
  }

  hasConnection(connectionId: string): boolean {
    return this.conns.has(connectionId);
  }

  async close(): Promise<void> {
    this.opts.server.off('upgrade', this.onUpgrade);
    for (const { ws } of this.conns.values()) ws.terminate();
    this.conns.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
