import type { Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isIPv6 } from 'node:net';
import type { Flow, HostPort, Transport, TransportEvents } from './types';
import { createUdpSocket } from '../../udp-socket';

export interface UdpTransportOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Public address for Via/Contact when behind NAT or bound to 0.0.0.0. */
  advertise?: HostPort;
  /** Socket buffers; large ones absorb bursts of retransmissions and floods. */
  bufferBytes?: number;
}

export class UdpTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  private socket: Socket | undefined;
  private bound: HostPort | undefined;

  constructor(private readonly opts: UdpTransportOptions) {
    super();
  }

  async listen(): Promise<HostPort> {
    const socket = createUdpSocket(isIPv6(this.opts.host) ? 'udp6' : 'udp4');
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.opts.port, this.opts.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const size = this.opts.bufferBytes ?? 4 * 1024 * 1024;
    try {
      socket.setRecvBufferSize(size);
      socket.setSendBufferSize(size);
    } catch {
      // The kernel cap (net.core.rmem_max) may be lower; the default buffers still work.
    }
    socket.on('message', (data, rinfo) => this.emit('packet', data, { transport: 'udp', address: rinfo.address, port: rinfo.port }));
    // A send failing with ICMP unreachable surfaces here; it must not crash the process.
    socket.on('error', () => undefined);
    const addr = socket.address();
    this.bound = { host: addr.address, port: addr.port };
    return this.bound;
  }

  sentBy(): HostPort {
    return this.opts.advertise ?? this.bound ?? { host: this.opts.host, port: this.opts.port };
  }

  send(data: Buffer, flow: Flow): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('UDP transport not listening'));
    return new Promise((resolve, reject) => socket.send(data, flow.port, flow.address, (err) => (err ? reject(err) : resolve())));
  }

  hasConnection(): boolean {
    return false;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
