import { EventEmitter } from 'node:events';
import type { Flow, HostPort, Transport, TransportEvents } from './types';

/** Connects in-process MemoryTransports by `host:port`, like a loss-free datagram network. */
export class MemoryNetwork {
  readonly nodes = new Map<string, MemoryTransport>();
}

/**
 * An in-process datagram transport for unit tests and in-process peers: no sockets, same
 * semantics as UDP (unreliable, so retransmission timers run). `sent` records every packet.
 */
export class MemoryTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;
  readonly sent: Array<{ data: Buffer; to: Flow }> = [];
  /** Return true to lose a packet on the way out (retransmission tests). */
  lose: (data: Buffer) => boolean = () => false;

  constructor(
    private readonly network: MemoryNetwork,
    private readonly local: HostPort,
  ) {
    super();
    network.nodes.set(`${local.host}:${local.port}`, this);
  }

  sentBy(): HostPort {
    return this.local;
  }

  async send(data: Buffer, to: Flow): Promise<void> {
    this.sent.push({ data, to });
    if (this.lose(data)) return;
    const peer = this.network.nodes.get(`${to.address}:${to.port}`);
    const from: Flow = { transport: 'udp', address: this.local.host, port: this.local.port };
    if (peer) setImmediate(() => peer.emit('packet', data, from));
  }

  hasConnection(): boolean {
    return false;
  }

  async close(): Promise<void> {
    this.network.nodes.delete(`${this.local.host}:${this.local.port}`);
  }
}
