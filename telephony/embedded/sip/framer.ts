import { SipParseError } from './errors';
import { DEFAULT_LIMITS, headEnd, tryHead, type ParseLimits } from './parser';

export type Frame =
  | { type: 'message'; bytes: Buffer }
  /** A double-CRLF ping (RFC 5626 §3.5.1); the transport answers with one CRLF. */
  | { type: 'ping' }
  /** Framing is lost: answer if the head allows, then close the connection. */
  | { type: 'fatal'; error: SipParseError };

/** Cuts a TCP byte stream into messages using Content-Length (RFC 3261 §18.3). */
export class StreamFramer {
  private buf: Buffer = Buffer.alloc(0);
  private dead = false;

  constructor(private readonly limits: ParseLimits = DEFAULT_LIMITS) {}

  push(chunk: Buffer): Frame[] {
    if (this.dead) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
      if (frame.type === 'fatal') {
        this.dead = true;
        this.buf = Buffer.alloc(0);
        break;
      }
    }
    return frames;
  }

  private next(): Frame | undefined {
    let skip = 0;
    while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
    if (skip > 0) {
      const ping = this.buf.subarray(0, skip).includes('\r\n\r\n');
      this.buf = this.buf.subarray(skip);
      if (ping) return { type: 'ping' };
    }
    if (this.buf.length === 0) return undefined;
    const end = headEnd(this.buf);
    if (!end) {
      if (this.buf.length > this.limits.maxMessageBytes) return { type: 'fatal', error: new SipParseError(513, 'header section too large') };
      return undefined;
    }
    const headBytes = this.buf.subarray(0, end.index);
    const text = headBytes.toString('latin1');
    const cl = /^(?:content-length|l)[ \t]*:[ \t]*(\S*)/im.exec(text)?.[1];
    if (cl === undefined || !/^\d{1,9}$/.test(cl)) {
      return { type: 'fatal', error: new SipParseError(400, 'missing or bad Content-Length on stream', tryHead(headBytes, this.limits)) };
    }
    const total = end.index + end.length + Number(cl);
    if (total > this.limits.maxMessageBytes) {
      return { type: 'fatal', error: new SipParseError(413, 'message too large for stream', tryHead(headBytes, this.limits)) };
    }
    if (this.buf.length < total) return undefined;
    const bytes = Buffer.from(this.buf.subarray(0, total));
    this.buf = this.buf.subarray(total);
    return { type: 'message', bytes };
  }
}
