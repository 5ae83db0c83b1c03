import { authorize, type DigestCredentials } from './digest';
import type { Endpoint } from './endpoint';
import { formatNameAddr, parseNameAddr, type NameAddr } from './fields';
import { Headers } from './headers';
import { applyExtraHeaders, randomToken, type SipRequest, type SipResponse } from './message';
import type { Flow } from './transport/types';

/** Options shared by out-of-dialog requests we originate (INVITE, REGISTER, OPTIONS...). */
export interface OriginateOptions {
  /** From URI or name-addr; defaults to `sip:<fromUser>@<our sent-by>`. */
  from?: string;
  /** To URI or name-addr; defaults to the target. */
  to?: string;
  headers?: Record<string, string | string[]>;
  body?: string;
  contentType?: string;
  /** Used once per challenge when the peer answers 401/407. */
  credentials?: DigestCredentials;
  /** Send over this flow (a registered client's connection) instead of resolving the target. */
  flow?: Flow;
  /** Keep Call-ID and CSeq across requests (REGISTER refreshes). */
  callId?: string;
  cseq?: number;
  fromTag?: string;
}

/** What building and re-sending a request needs from the stack. */
export interface OriginateHost {
  readonly endpoint: Endpoint;
  readonly userAgent: string;
  contactFor(flow: Flow, user?: string): string;
  localUri(flow: Flow, user?: string): string;
}

function asNameAddr(value: string): NameAddr {
  return value.includes('<') ? parseNameAddr(value) : { uri: value, params: new Map() };
}

/** Builds the first request of a transaction we originate (RFC 3261 §8.1.1). */
export function buildRequest(host: OriginateHost, method: string, target: string, opts: OriginateOptions): { req: SipRequest; flow: Flow } {
  const headers = new Headers();
  const probe: SipRequest = { kind: 'request', method, uri: target, headers, body: '' };
  const flow = opts.flow ?? host.endpoint.resolve(probe);
  const from = asNameAddr(opts.from ?? host.localUri(flow));
  from.params.set('tag', opts.fromTag ?? randomToken());
  headers.append('max-forwards', '70');
  headers.append('from', formatNameAddr(from));
  headers.append('to', formatNameAddr(asNameAddr(opts.to ?? target)));
  headers.append('call-id', opts.callId ?? `${randomToken(12)}@${host.endpoint.transportFor(flow).sentBy().host}`);
  headers.append('cseq', `${opts.cseq ?? 1} ${method}`);
  if (method === 'INVITE' || method === 'REGISTER' || method === 'SUBSCRIBE') headers.append('contact', host.contactFor(flow));
  headers.append('user-agent', host.userAgent);
  if (opts.body) headers.append('content-type', opts.contentType ?? 'application/sdp');
  applyExtraHeaders(headers, opts.headers);
  probe.body = opts.body ?? '';
  return { req: probe, flow };
}

/**
 * The same request again with CSeq+1, a fresh Via and credentials for the challenge in `res`,
 * or undefined when the challenge cannot be met (RFC 3261 §22.2).
 */
export function withCredentials(prev: SipRequest, res: SipResponse, creds: DigestCredentials): SipRequest | undefined {
  const proxy = res.status === 407;
  const challenge = res.headers.get(proxy ? 'proxy-authenticate' : 'www-authenticate');
  if (!challenge) return undefined;
  const value = authorize(challenge, creds, prev.method, prev.uri);
  if (!value) return undefined;
  const headers = prev.headers.clone();
  headers.remove('via');
  headers.remove('authorization');
  headers.remove('proxy-authorization');
  const seq = Number((headers.get('cseq') ?? '1').split(/\s+/)[0]) + 1;
  headers.set('cseq', `${seq} ${prev.method}`);
  headers.append(proxy ? 'proxy-authorization' : 'authorization', value);
  return { ...prev, headers };
}
