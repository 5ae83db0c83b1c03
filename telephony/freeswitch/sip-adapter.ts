import type { SipRequest } from '../embedded/sip/message';
import type { SipRequestContext, SipResponder } from '../embedded/sip/middleware';
import { parseMessage } from '../embedded/sip/parser';
import type { Flow, TransportProtocol } from '../embedded/sip/transport/types';
import type { SrfRequest, SrfResponse } from './drachtio-types';

/**
 * drachtio-srf requests seen through the embedded stack's pure request/responder types, so the
 * registrar and digest authenticator (pure code in embedded/sip) run unchanged on them: one
 * implementation of RFC 3261 registration and RFC 7616 digest for both engines.
 */

/** drachtio-server's transport names; TLS is a stream like TCP for routing purposes. */
export function transportOf(protocol: string): TransportProtocol {
  const p = protocol.toLowerCase();
  if (p === 'ws' || p === 'wss' || p === 'tcp' || p === 'udp') return p;
  return p === 'tls' ? 'tcp' : 'udp';
}

/**
 * drachtio-server reports a WebSocket connection as 'tcp'; the top Via says what the client speaks
 * (`SIP/2.0/WS`), and a browser must be known as one: it is called with a late offer (DTLS-SRTP).
 */
export function flowOf(req: Pick<SrfRequest, 'protocol' | 'source_address' | 'source_port'>, topVia?: string): Flow {
  const via = /^\s*SIP\s*\/\s*2\.0\s*\/\s*(WSS?)\b/i.exec(topVia ?? '')?.[1]?.toLowerCase();
  const transport = via === 'ws' || via === 'wss' ? via : transportOf(req.protocol);
  return { transport, address: req.source_address, port: req.source_port };
}

/** Re-parses drachtio's raw text; undefined when it is not a request we can read. */
export function parseSrfRequest(raw: string): SipRequest | undefined {
  const parsed = parseMessage(Buffer.from(raw, 'utf8'));
  return parsed.type === 'message' && parsed.message.kind === 'request' ? parsed.message : undefined;
}

/** Flattens list-valued headers the way drachtio-srf takes them (one comma-joined value). */
export function flatHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function adaptRequest(req: SrfRequest, res: SrfResponse): { ctx: SipRequestContext; responder: SipResponder } | undefined {
  const message = parseSrfRequest(req.raw);
  if (!message) return undefined;
  const ctx: SipRequestContext = {
    message,
    method: message.method,
    uri: message.uri,
    source: flowOf(req, message.headers.get('via')),
    locals: {},
    header: (name) => message.headers.get(name),
  };
  const responder: SipResponder = {
    send: (status, opts) => {
      if (res.finalResponseSent) return;
      res.send(status, opts?.reason ?? '', { headers: flatHeaders(opts?.headers) });
    },
    get finished() {
      return res.finalResponseSent;
    },
  };
  return { ctx, responder };
}
