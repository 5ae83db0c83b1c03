import { SipParseError } from './errors';
import { formatParams, parseParams, splitOutsideQuotes, type Params } from './params';

/** One Via entry: `SIP/2.0/UDP host:port;branch=...;received=...;rport=...`. */
export interface Via {
  transport: string;
  host: string;
  port?: number;
  params: Params;
}

export function parseVia(value: string): Via {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9-]+)\s+(\[[0-9a-fA-F:.]+\]|[^\s:;]+)(?:\s*:\s*(\d{1,5}))?\s*((?:;.*)?)$/i.exec(value.trim());
  if (!m || !m[1] || !m[2]) throw new SipParseError(400, 'malformed Via');
  const via: Via = { transport: m[1].toUpperCase(), host: m[2], params: parseParams(m[4] ?? '') };
  if (m[3] !== undefined) {
    const port = Number(m[3]);
    if (port < 1 || port > 65535) throw new SipParseError(400, 'bad Via port');
    via.port = port;
  }
  return via;
}

export function formatVia(via: Via): string {
  return `SIP/2.0/${via.transport} ${via.host}${via.port === undefined ? '' : `:${via.port}`}${formatParams(via.params)}`;
}

/** From/To/Contact/Route value: optional display name, URI text, header parameters. */
export interface NameAddr {
  display?: string;
  uri: string;
  params: Params;
}

export function parseNameAddr(value: string): NameAddr {
  const v = value.trim();
  const lt = findUnquoted(v, '<');
  if (lt >= 0) {
    const gt = v.indexOf('>', lt);
    if (gt < 0) throw new SipParseError(400, 'unterminated name-addr');
    const display = v.slice(0, lt).trim();
    const out: NameAddr = { uri: v.slice(lt + 1, gt).trim(), params: parseParams(v.slice(gt + 1)) };
    if (display) out.display = display.startsWith('"') ? display.slice(1, -1).replace(/\\(.)/g, '$1') : display;
    if (!out.uri) throw new SipParseError(400, 'empty URI in name-addr');
    return out;
  }
  // addr-spec form: parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
  const [uri = '', ...rest] = splitOutsideQuotes(v, ';');
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(uri.trim())) throw new SipParseError(400, 'malformed addr-spec');
  return { uri: uri.trim(), params: parseParams(rest.join(';')) };
}

export function formatNameAddr(na: NameAddr): string {
  const display = na.display ? `"${na.display.replace(/(["\\])/g, '\\$1')}" ` : '';
  return `${display}<${na.uri}>${formatParams(na.params)}`;
}

function findUnquoted(text: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) return i;
  }
  return -1;
}

export interface CSeq {
  seq: number;
  method: string;
}

export function parseCSeq(value: string): CSeq {
  const m = /^(\d{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)$/.exec(value.trim());
  if (!m || !m[1] || !m[2]) throw new SipParseError(400, 'malformed CSeq');
  const seq = Number(m[1]);
  if (seq > 2 ** 31 - 1) throw new SipParseError(400, 'CSeq out of range');
  return { seq, method: m[2].toUpperCase() };
}

/** Parses `Digest a=b, c="d"` challenge/credential values. */
export function parseAuthParams(value: string): { scheme: string; params: Map<string, string> } {
  const v = value.trim();
  const sp = v.search(/\s/);
  const scheme = (sp < 0 ? v : v.slice(0, sp)).toLowerCase();
  const params = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)/g;
  for (const m of (sp < 0 ? '' : v.slice(sp)).matchAll(re)) {
    const key = m[1]?.toLowerCase();
    const raw = m[2] ?? '';
    if (key) params.set(key, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return { scheme, params };
}
