import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * Node's default lookup answers even an IP literal on the next tick, so every datagram costs a
 * deferred callback and a second trip through dgram's send path. RTP sends 50 packets a second
 * per call to literal addresses; answering those at once cuts the user-space cost of a send by a
 * third (bench/sip). Host names still go through dns.lookup. One consequence: bind() to a literal
 * completes inside the call, so pass bind() its callback rather than awaiting 'listening' after.
 */
function literalFirst(hostname: string, options: LookupOneOptions, callback: LookupCallback): void {
  const family = isIP(hostname);
  if (family !== 0) callback(null, hostname, family);
  else dnsLookup(hostname, options, callback);
}

export function createUdpSocket(type: 'udp4' | 'udp6'): Socket {
  return createSocket({ type, reuseAddr: false, lookup: literalFirst });
}
