import { SipParseError } from './errors';
import { formatParams, parseParams, type Params } from './params';

export interface SipUri {
  scheme: 'sip' | 'sips' | 'tel';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params: Params;
  /** `?h=v` headers, kept raw: they only matter for REFER targets. */
  headers?: string;
}

const URI_RE = /^(sips?):(?:([^:@;?]*)(?::([^@;?]*))?@)?(\[[0-9a-fA-F:.]+\]|[^:;?]+)(?::(\d{1,5}))?((?:;[^?]*)?)(?:\?(.*))?$/;

/** Parses a SIP/SIPS/TEL URI; other schemes give 416 as RFC 3261 §8.2.2.1 asks. */
export function parseUri(text: string): SipUri {
  const raw = text.trim();
  const colon = raw.indexOf(':');
  const scheme = raw.slice(0, colon).toLowerCase();
  if (scheme === 'tel') {
    const [num = '', ...rest] = raw.slice(colon + 1).split(';');
    if (!num) throw new SipParseError(400, 'empty tel URI');
    return { scheme: 'tel', user: num, host: '', params: parseParams(rest.join(';')) };
  }
  if (scheme !== 'sip' && scheme !== 'sips') throw new SipParseError(416, 'unsupported URI scheme');
  const m = URI_RE.exec(raw.slice(0, colon).toLowerCase() + raw.slice(colon));
  if (!m || !m[4]) throw new SipParseError(400, 'malformed SIP URI');
  const port = m[5] === undefined ? undefined : Number(m[5]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new SipParseError(400, 'bad port in URI');
  const uri: SipUri = { scheme: scheme as 'sip' | 'sips', host: m[4].toLowerCase(), params: parseParams(m[6] ?? '') };
  if (m[2] !== undefined) uri.user = decodeURIComponentSafe(m[2]);
  if (m[3] !== undefined) uri.password = m[3];
  if (port !== undefined) uri.port = port;
  if (m[7] !== undefined) uri.headers = m[7];
  return uri;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function formatUri(uri: SipUri): string {
  if (uri.scheme === 'tel') return `tel:${uri.user ?? ''}${formatParams(uri.params)}`;
  const user = uri.user === undefined ? '' : `${encodeUser(uri.user)}${uri.password !== undefined ? `:${uri.password}` : ''}@`;
  const port = uri.port === undefined ? '' : `:${uri.port}`;
  const headers = uri.headers === undefined ? '' : `?${uri.headers}`;
  return `${uri.scheme}:${user}${uri.host}${port}${formatParams(uri.params)}${headers}`;
}

/** Escapes only what would break the URI grammar; keeps `+`, `*`, `#`-free dial strings readable. */
function encodeUser(user: string): string {
  return user.replace(/[\s"<>@:;?%#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The transport a URI asks for (`;transport=`), defaulting as RFC 3263 does without DNS. */
export function uriTransport(uri: SipUri): string {
  const t = uri.params.get('transport');
  if (t) return t.toLowerCase();
  return uri.scheme === 'sips' ? 'tls' : 'udp';
}
