import type { Party } from '../engine';
import type { Flow } from '../embedded/sip/transport/types';
import { parseUri } from '../embedded/sip/uri';
import type { PeerTrunk } from './options';

/** Where one INVITE goes: the Request-URI and the next hop drachtio-server sends it through. */
export interface DialTarget {
  uri: string;
  /** `sip:address:port;transport=x`: the registered flow, or the trunk's proxy. */
  proxy?: string;
  transport: Flow['transport'];
  trunkId?: string;
}

/**
 * A registered contact is reached back over the flow it registered from (RFC 5626 spirit): a
 * browser's `sip:x@y.invalid;transport=ws` contact has no routable host, and a phone behind NAT
 * is only reachable at its source address. drachtio-server reuses the open WS/TCP connection to
 * that address, so the INVITE rides the socket the REGISTER came on.
 */
export function contactTarget(binding: { contact: string; flow: Flow }): DialTarget {
  const { transport, address, port } = binding.flow;
  const host = address.includes(':') ? `[${address}]` : address;
  return { uri: binding.contact, proxy: `sip:${host}:${port};transport=${transport}`, transport };
}

/** `sip:<number>@<trunk host:port>` sent to the trunk's proxy, keeping its transport. */
export function trunkTarget(trunk: PeerTrunk, number: string): DialTarget {
  const proxy = parseUri(trunk.proxy);
  const user = number.replace(/[^0-9A-Za-z+*#._-]/g, '');
  const hostPort = proxy.port === undefined ? proxy.host : `${proxy.host}:${proxy.port}`;
  const transportParam = proxy.params.get('transport') ?? undefined;
  const transport: Flow['transport'] = transportParam === 'tcp' || transportParam === 'ws' || transportParam === 'wss' ? transportParam : 'udp';
  const uri = `sip:${user}@${hostPort}${transportParam ? `;transport=${transportParam}` : ''}`;
  return { uri, proxy: trunk.proxy, transport, trunkId: trunk.id };
}

/** From for an originated call: the caller id as a name-addr in our domain. */
export function fromHeader(caller: Party, domain: string): string {
  const display = caller.displayName ? `"${caller.displayName.replace(/["\\]/g, '')}" ` : '';
  const user = caller.user.replace(/[^0-9A-Za-z+*#._-]/g, '') || 'anonymous';
  return `${display}<sip:${user}@${domain}>`;
}

/** Which trunk an INVITE came from, by source address (peer trunks are trusted by address). */
export function trunkOfSource(trunks: readonly PeerTrunk[], address: string): PeerTrunk | undefined {
  const plain = address.replace(/^::ffff:/, '');
  return trunks.find((t) => t.addresses.some((a) => a.trim() === plain));
}

/** The user part of a URI, or '' when it has none we can read. */
export function userOf(uri: string): string {
  try {
    return parseUri(uri).user ?? '';
  } catch {
    return '';
  }
}
