import { EventEmitter } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { StreamFramer } from '../framer';
import { DEFAULT_LIMITS, type ParseLimits } from '../parser';
import type { Flow, HostPort, Transport, TransportEvents } from './types';

export interface TcpTransportOptions {
  host: string;
  port: number;
  advertise?: HostPort;
  limits?: ParseLimits;
  /** Connections silent this long are closed (clients keep them with CRLF pings). */
  idleTimeoutMs?: number;
}

let nextId = 0;

export class TcpTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly protocol = 'tcp' as const;
  readonly reliable = true;
  private server: Server | undefined;
  private bound: HostPort | undefined;
  private readonly conns = new Map<string, Socket>();
  /** `address:port` to connection id, so a request to a known peer reuses its connection. */
  private readonly byPeer = new Map<string, string>();

  constructor(private readonly opts: TcpTransportOptions) {
    super();
  }

  async listen(): Promise<HostPort> {
    const server = createServer((socket) => this.adopt(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.bound = { host: addr.address, port: addr.port };
    return this.sentBy();
  }

  sentBy(): HostPort {
    return this.opts.advertise ?? this.bound ?? { host: this.opts.host, port: this.opts.port };
  }

  /** `dialled` names the peer of an outgoing connection, whose remote address is not known yet. */
  private adopt(socket: Socket, dialled?: Flow): string {
    const id = `tcp-${++nextId}`;
    const address = dialled?.address ?? socket.remoteAddress ?? '';
    const flow: Flow = { transport: 'tcp', address, port: dialled?.port ?? socket.remotePort ?? 0, connectionId: id };
    const peer = `${flow.address}:${flow.port}`;
    this.conns.set(id, socket);
    this.byPeer.set(peer, id);
    const framer = new StreamFramer(this.opts.limits ?? DEFAULT_LIMITS);
    socket.setNoDelay(true);
    socket.setTimeout(this.opts.idleTimeoutMs ?? 300_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      for (const frame of framer.push(chunk)) {
        if (frame.type === 'message') this.emit('packet', frame.bytes, flow);
        else if (frame.type === 'ping') socket.write('\r\n');
        else {
          this.emit('fatal', frame.error, flow);
          socket.end();
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.conns.delete(id);
      if (this.byPeer.get(peer) === id) this.byPeer.delete(peer);
      this.emit('closed', flow);
    });
    return id;
  }

  async send(data: Buffer, flow: Flow): Promise<void> {
    let socket = flow.connectionId ? this.conns.get(flow.connectionId) : undefined;
    if (!socket) {
      const known = this.byPeer.get(`${flow.address}:${flow.port}`);
      socket = known ? this.conns.get(known) : undefined;
    }
    if (!socket) socket = await this.connect(flow);
    const s = socket;
    await new Promise<void>((resolve, reject) => s.write(data, (err) => (err ? reject(err) : resolve())));
  }

  private connect(flow: Flow): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: flow.address, port: flow.port }, () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
      this.adopt(socket, flow);
    });
  }

  hasConnection(connectionId: string): boolean {
    return this.conns.has(connectionId);
  }

  async close(): Promise<void> {
    for (const s of this.conns.values()) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
