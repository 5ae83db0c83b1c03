import { randomFillSync } from 'node:crypto';
import { SipParseError } from './errors';
import { parseCSeq, parseNameAddr, parseVia, type CSeq, type NameAddr, type Via } from './fields';
import { Headers } from './headers';

export const MAGIC_COOKIE = 'z9hG4bK';

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: Headers;
  /** Bodies are passed through as text (SDP, sipfrag, dtmf-relay); the stack never interprets SDP. */
  body: string;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: Headers;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

export const REASONS: Record<number, string> = {
  100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued', 183: 'Session Progress',
  200: 'OK', 202: 'Accepted', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 416: 'Unsupported URI Scheme',
  420: 'Bad Extension', 423: 'Interval Too Brief', 480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist', 483: 'Too Many Hops', 486: 'Busy Here', 487: 'Request Terminated',
  488: 'Not Acceptable Here', 491: 'Request Pending', 500: 'Server Internal Error', 501: 'Not Implemented',
  503: 'Service Unavailable', 505: 'Version Not Supported', 513: 'Message Too Large', 603: 'Decline',
};

// Every call draws several tags and branches; one getrandom per 4 KiB instead of one per token.
const entropy = Buffer.alloc(4096);
let entropyAt = entropy.length;

export function randomToken(bytes = 8): string {
  if (entropyAt + bytes > entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const token = entropy.toString('hex', entropyAt, entropyAt + bytes);
  entropyAt += bytes;
  return token;
}

export function newBranch(): string {
  return `${MAGIC_COOKIE}${randomToken(10)}`;
}

/** Typed accessors over the mandatory headers; they throw SipParseError(400) when malformed. */
export function topVia(msg: SipMessage): Via {
  const v = msg.headers.get('via');
  if (v === undefined) throw new SipParseError(400, 'missing Via');
  return parseVia(v);
}

export function cseqOf(msg: SipMessage): CSeq {
  const v = msg.headers.get('cseq');
  if (v === undefined) throw new SipParseError(400, 'missing CSeq');
  return parseCSeq(v);
}

export function fromOf(msg: SipMessage): NameAddr {
  const v = msg.headers.get('from');
  if (v === undefined) throw new SipParseError(400, 'missing From');
  return parseNameAddr(v);
}

export function toOf(msg: SipMessage): NameAddr {
  const v = msg.headers.get('to');
  if (v === undefined) throw new SipParseError(400, 'missing To');
  return parseNameAddr(v);
}

export function callIdOf(msg: SipMessage): string {
  const v = msg.headers.get('call-id');
  if (!v) throw new SipParseError(400, 'missing Call-ID');
  return v;
}

export function tagOf(na: NameAddr): string | undefined {
  return na.params.get('tag') ?? undefined;
}

export interface ResponseOptions {
  reason?: string;
  headers?: Record<string, string | string[]>;
  body?: string;
  contentType?: string;
  /** The To tag to add when the request had none (dialog-creating responses need one). */
  toTag?: string;
}

/** Builds a response copying Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2). */
export function createResponse(req: SipRequest, status: number, opts: ResponseOptions = {}): SipResponse {
  const headers = new Headers();
  for (const via of req.headers.getAll('via')) headers.append('via', via);
  for (const name of ['from', 'to', 'call-id', 'cseq']) {
    const v = req.headers.get(name);
    if (v !== undefined) headers.append(name, v);
  }
  const to = req.headers.get('to');
  if (to !== undefined && status > 100) {
    const tag = opts.toTag ?? randomToken();
    try {
      if (tagOf(parseNameAddr(to)) === undefined) headers.set('to', `${to};tag=${tag}`);
    } catch {
      // A malformed To is echoed unchanged: the response is already an error report.
    }
  }
  if (status === 100) {
    const ts = req.headers.get('timestamp');
    if (ts !== undefined) headers.append('timestamp', ts);
  }
  applyExtraHeaders(headers, opts.headers);
  const body = opts.body ?? '';
  if (body && opts.contentType) headers.set('content-type', opts.contentType);
  return { kind: 'response', status, reason: opts.reason ?? REASONS[status] ?? 'Unknown', headers, body };
}

export function applyExtraHeaders(headers: Headers, extra: Record<string, string | string[]> | undefined): void {
  if (!extra) return;
  for (const [name, value] of Object.entries(extra)) {
    headers.remove(name);
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
}
