import { describe, expect, it } from 'vitest';
import { StreamFramer } from './framer';

const msg = (body: string): string => `MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('StreamFramer (TCP)', () => {
  it('joins split chunks and splits coalesced messages by Content-Length', () => {
    const f = new StreamFramer();
    const two = Buffer.from(msg('héllo') + msg(''));
    expect(f.push(two.subarray(0, 30))).toEqual([]);
    const frames = f.push(two.subarray(30));
    expect(frames.map((x) => x.type)).toEqual(['message', 'message']);
    expect(frames[0]?.type === 'message' && frames[0].bytes.toString().endsWith('héllo')).toBe(true);
  });

  it('answers double-CRLF pings and skips single CRLFs', () => {
    const f = new StreamFramer();
    expect(f.push(Buffer.from('\r\n\r\n')).map((x) => x.type)).toEqual(['ping']);
    expect(f.push(Buffer.from('\r\n' + msg('x'))).map((x) => x.type)).toEqual(['message']);
  });

  it('fails the stream on a missing or oversized Content-Length, keeping the head to answer', () => {
    const missing = new StreamFramer().push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n'));
    expect(missing[0]).toMatchObject({ type: 'fatal', error: { status: 400 } });
    const huge = new StreamFramer().push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 999999\r\n\r\n'));
    expect(huge[0]).toMatchObject({ type: 'fatal', error: { status: 413 } });
    const endless = new StreamFramer().push(Buffer.alloc(70_000, 0x41));
    expect(endless[0]).toMatchObject({ type: 'fatal', error: { status: 513 } });
  });
});
