import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNameAddr, parseVia } from './fields';
import { parseMessage } from './parser';
import { serialize } from './serializer';
import { SipStack } from './stack';
import { MemoryNetwork, MemoryTransport } from './transport/memory';
import { parseUri } from './uri';

const dir = join(__dirname, 'fixtures');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, number | 'drop'>;

describe('parser', () => {
  it('reads compact forms, folding, list headers and name-addr params', () => {
    const r = parseMessage(readFileSync(join(dir, 'compact-forms.sip')));
    if (r.type !== 'message' || r.message.kind !== 'request') throw new Error('expected a request');
    const m = r.message;
    expect(m.headers.get('call-id')).toBe('compact@127.0.0.1');
    expect(m.headers.getAll('supported')).toEqual(['timer', 'replaces']);
    expect(parseNameAddr(m.headers.get('from') ?? '')).toMatchObject({ display: 'Alice', uri: 'sip:a@127.0.0.1' });
    expect(parseNameAddr(m.headers.get('to') ?? '').uri).toBe('sip:svc@127.0.0.1');
    const folded = parseMessage(readFileSync(join(dir, 'folded-and-multi-via.sip')));
    if (folded.type !== 'message') throw new Error('expected a message');
    expect(folded.message.headers.getAll('via')).toHaveLength(2);
    expect(folded.message.headers.get('subject')).toBe('a subject folded over two lines');
  });

  it('parses Via params, URIs and addr-spec header params', () => {
    const via = parseVia('SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKx;received=1.2.3.4;rport=4000');
    expect(via).toMatchObject({ transport: 'UDP', host: '10.0.0.1', port: 5070 });
    expect(via.params.get('rport')).toBe('4000');
    expect(parseVia('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKy;rport').params.get('rport')).toBeNull();
    const uri = parseUri('sip:1001:pw@[::1]:5080;transport=tcp;lr?subject=x');
    expect(uri).toMatchObject({ user: '1001', password: 'pw', host: '[::1]', port: 5080, headers: 'subject=x' });
    expect(uri.params.get('lr')).toBeNull();
    const na = parseNameAddr('sip:bob@example.com;tag=88');
    expect(na.uri).toBe('sip:bob@example.com');
    expect(na.params.get('tag')).toBe('88');
  });

  it('round-trips through the serializer with a recomputed Content-Length', () => {
    const r = parseMessage(readFileSync(join(dir, 'content-length-shorter-than-body.sip')));
    if (r.type !== 'message') throw new Error('expected a message');
    expect(r.message.body).toBe('he');
    const again = parseMessage(serialize(r.message));
    if (again.type !== 'message') throw new Error('expected a message');
    expect(again.message.headers.get('content-length')).toBe('2');
  });

  it('never throws on hostile input', () => {
    for (let i = 0; i < 2000; i++) {
      const len = (i * 37) % 400;
      const buf = Buffer.alloc(len, 0);
      for (let j = 0; j < len; j++) buf[j] = (i * 131 + j * 17) % 256;
      expect(() => parseMessage(buf)).not.toThrow();
      expect(() => parseMessage(Buffer.concat([Buffer.from('INVITE sip:a@b SIP/2.0\r\nVia: '), buf]))).not.toThrow();
    }
  });
});

describe('fixture corpus through the stack', () => {
  let stack: SipStack | undefined;
  afterEach(async () => stack?.stop());

  it('answers each fixture with the expected status or drops it silently', async () => {
    const net = new MemoryNetwork();
    const server = new MemoryTransport(net, { host: '127.0.0.1', port: 5060 });
    const peer = new MemoryTransport(net, { host: '127.0.0.1', port: 6000 });
    const got: Buffer[] = [];
    peer.on('packet', (data) => got.push(data));
    stack = new SipStack({ transports: [server] });
    stack.on('call', (call) => call.reject(486));
    const files = readdirSync(dir).filter((f) => f.endsWith('.sip'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      got.length = 0;
      server.emit('packet', readFileSync(join(dir, file)), { transport: 'udp', address: '127.0.0.1', port: 6000 });
      await new Promise((r) => setTimeout(r, 5));
      // Read the status line only: a 400 may echo the very header that made the request malformed.
      const statuses = got.flatMap((b) => {
        const m = /^SIP\/2\.0 (\d{3}) /.exec(b.toString('latin1'));
        return m ? [Number(m[1])] : [];
      });
      const want = expected[file];
      if (want === 'drop') expect(statuses, file).toEqual([]);
      else expect(statuses.filter((s) => s >= 200), file).toEqual([want]);
    }
  });
});
