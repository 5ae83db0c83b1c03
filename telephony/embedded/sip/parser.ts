import { SipParseError } from './errors';
import { parseCSeq, parseNameAddr, parseVia } from './fields';
import { Headers } from './headers';
import type { SipMessage } from './message';
import { parseUri } from './uri';

export interface ParseLimits {
  /** Whole message, headers plus body (64 KiB: the largest UDP payload and our stream cap). */
  maxMessageBytes: number;
  maxHeaders: number;
  /** One header after unfolding. */
  maxHeaderLineBytes: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxMessageBytes: 65_535, maxHeaders: 100, maxHeaderLineBytes: 8_192 };

export type ParseResult =
  | { type: 'message'; message: SipMessage }
  | { type: 'keepalive' }
  | { type: 'error'; error: SipParseError };

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const MANDATORY = ['via', 'from', 'to', 'call-id', 'cseq'] as const;

/**
 * Parses one complete message: a datagram, a WebSocket frame or a framed stream slice.
 * Never throws; errors carry the status to answer and whatever head could be read.
 * `framed` says the transport already cut the message (stream): the body is exactly what is left.
 */
export function parseMessage(buf: Buffer, limits: ParseLimits = DEFAULT_LIMITS, framed = false): ParseResult {
  try {
    return parseOrThrow(buf, limits, framed);
  } catch (err) {
    if (err instanceof SipParseError) return { type: 'error', error: err };
    return { type: 'error', error: new SipParseError(400, 'unparseable message') };
  }
}

function parseOrThrow(buf: Buffer, limits: ParseLimits, framed: boolean): ParseResult {
  if (isKeepalive(buf)) return { type: 'keepalive' };
  const split = headEnd(buf);
  const headBytes = split ? buf.subarray(0, split.index) : buf;
  if (buf.length > limits.maxMessageBytes) {
    throw new SipParseError(513, 'message too large', tryHead(headBytes.subarray(0, limits.maxMessageBytes), limits));
  }
  const head = readHead(headBytes, limits);
  if (!split) throw new SipParseError(400, 'truncated: no end of headers', head);
  validateMandatory(head);
  const body = buf.subarray(split.index + split.length);
  const cl = head.headers.get('content-length');
  let bodyBytes = body;
  if (cl !== undefined) {
    if (!/^\d{1,9}$/.test(cl)) throw new SipParseError(400, 'bad Content-Length', head);
    const len = Number(cl);
    if (len > limits.maxMessageBytes) throw new SipParseError(413, 'body too large', head);
    // RFC 3261 §18.3: a datagram shorter than its Content-Length is a 400; extra bytes are discarded.
    if (len > body.length) throw new SipParseError(400, 'Content-Length exceeds body', head);
    if (framed && len !== body.length) throw new SipParseError(400, 'Content-Length mismatch', head);
    bodyBytes = body.subarray(0, len);
  }
  head.body = bodyBytes.toString('utf8');
  return { type: 'message', message: head };
}

function isKeepalive(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0x0d && b !== 0x0a && b !== 0x20) return false;
  }
  return true;
}

/** Finds the blank line; accepts bare LF line ends as RFC 3261 §7.5 suggests tolerating. */
export function headEnd(buf: Buffer): { index: number; length: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf - 1)) return { index: crlf, length: 4 };
  if (lf >= 0) return { index: lf, length: 2 };
  return undefined;
}

/** Reads head for error responses; junk gives undefined so the message is dropped silently. */
export function tryHead(buf: Buffer, limits: ParseLimits): SipMessage | undefined {
  try {
    return readHead(buf, limits);
  } catch (err) {
    return err instanceof SipParseError ? err.head : undefined;
  }
}

function readHead(buf: Buffer, limits: ParseLimits): SipMessage {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    // Control bytes (NUL, ESC...) in the head are not SIP: drop without answering.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) throw new SipParseError(400, 'binary data');
  }
  const lines = buf.toString('utf8').replace(/^(\r?\n)+/, '').split(/\r?\n/);
  const { msg, versionOk } = readStartLine(lines[0] ?? '');
  let count = 0;
  let pending: SipParseError | undefined;
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i]!;
    // Folded continuation lines (leading space or tab) join the header above them.
    while (i + 1 < lines.length && isFolded(lines[i + 1]!)) line += ` ${lines[++i]!.trim()}`;
    const problem = addHeader(msg, line, ++count, limits);
    if (problem) pending ??= problem;
  }
  if (pending) throw new SipParseError(pending.status, pending.message, msg);
  if (!versionOk) throw new SipParseError(505, 'SIP version not supported', msg);
  return msg;
}

function isFolded(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 0x20 || c === 0x09;
}

/** Adds one unfolded header line, or says why it cannot be (the first problem is reported). */
function addHeader(msg: SipMessage, line: string, ordinal: number, limits: ParseLimits): SipParseError | undefined {
  // A UTF-8 character is at most 3 bytes per UTF-16 unit: only long lines need counting.
  if (line.length * 3 > limits.maxHeaderLineBytes && Buffer.byteLength(line) > limits.maxHeaderLineBytes) {
    return new SipParseError(513, 'header line too long');
  }
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (!TOKEN.test(name)) return new SipParseError(400, 'malformed header line');
  if (ordinal > limits.maxHeaders) return new SipParseError(513, 'too many headers');
  msg.headers.append(name, line.slice(colon + 1).trim());
  return undefined;
}

/** The version check is deferred so that a 505 can still be addressed from the headers. */
function readStartLine(line: string): { msg: SipMessage; versionOk: boolean } {
  const res = /^SIP\/(\d+\.\d+) (\d{3})(?: (.*))?$/.exec(line);
  if (res) {
    if (res[1] !== '2.0') throw new SipParseError(400, 'unsupported version in response');
    const status = Number(res[2]);
    if (status < 100 || status > 699) throw new SipParseError(400, 'bad status code');
    return { msg: { kind: 'response', status, reason: res[3] ?? '', headers: new Headers(), body: '' }, versionOk: true };
  }
  const parts = line.split(' ');
  if (parts.length !== 3 || !parts[0] || !TOKEN.test(parts[0]) || !parts[1] || !/^SIP\/\d+\.\d+$/i.test(parts[2] ?? '')) {
    throw new SipParseError(400, 'bad start line');
  }
  const msg: SipMessage = { kind: 'request', method: parts[0].toUpperCase(), uri: parts[1], headers: new Headers(), body: '' };
  return { msg, versionOk: parts[2]?.toUpperCase() === 'SIP/2.0' };
}

/** Checks the headers a transaction needs; status 400 unless the URI scheme is the problem. */
function validateMandatory(msg: SipMessage): void {
  for (const name of MANDATORY) {
    if (!msg.headers.has(name)) throw new SipParseError(400, `missing ${name}`, msg);
  }
  try {
    parseVia(msg.headers.get('via') ?? '');
    parseNameAddr(msg.headers.get('from') ?? '');
    parseNameAddr(msg.headers.get('to') ?? '');
    const cseq = parseCSeq(msg.headers.get('cseq') ?? '');
    if (msg.kind === 'request') {
      if (cseq.method !== msg.method) throw new SipParseError(400, 'CSeq method mismatch');
      const mf = msg.headers.get('max-forwards');
      if (mf !== undefined && !/^\d{1,3}$/.test(mf)) throw new SipParseError(400, 'bad Max-Forwards');
      parseUri(msg.uri);
    }
  } catch (err) {
    if (err instanceof SipParseError) throw new SipParseError(err.status, err.message, msg);
    throw err;
  }
}
