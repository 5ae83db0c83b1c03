import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { authorize } from './digest';
import { parseMessage } from './parser';
import { Registrar } from './registrar';
import { SipStack } from './stack';
import { WsTransport } from './transport/ws';
import type { SipMessage } from './message';

function register(port: number, cseq: number, authorization?: string): string {
  return [
    `REGISTER sip:127.0.0.1:${port} SIP/2.0`,
    'Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKws' + cseq + ';rport',
    'Max-Forwards: 70',
    'From: <sip:1002@127.0.0.1>;tag=wsreg',
    'To: <sip:1002@127.0.0.1>',
    'Call-ID: ws-register@browser',
    `CSeq: ${cseq} REGISTER`,
    'Contact: <sip:x7kq@df7jal23ls0d.invalid;transport=ws>;expires=300',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('SIP over WebSocket (RFC 7118) on a shared HTTP server', () => {
  let http: Server;
  let stack: SipStack;
  let registrar: Registrar;
  let port: number;

  beforeAll(async () => {
    http = createServer((_req, res) => res.end('http still works'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const addr = http.address();
    port = addr && typeof addr === 'object' ? addr.port : 0;
    stack = new SipStack({ transports: [new WsTransport({ server: http, path: '/sip' })], timers: { t1: 100, t2: 400, t4: 500 } });
    registrar = new Registrar({ realm: 'cc.test', lookup: async (u) => (u === '1002' ? { password: 'pw1002' } : undefined) }).attach(stack);
    await stack.start();
  });

  afterAll(async () => {
    registrar.close();
    await stack.stop();
    await new Promise<void>((r) => http.close(() => r()));
  });

  function connect(protocol = 'sip'): Promise<{ ws: WebSocket; next: () => Promise<SipMessage> }> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/sip`, protocol);
    const queue: SipMessage[] = [];
    const waiters: Array<(m: SipMessage) => void> = [];
    ws.on('message', (data) => {
      const r = parseMessage(Buffer.from(data as Buffer));
      if (r.type !== 'message') return;
      const w = waiters.shift();
      if (w) w(r.message);
      else queue.push(r.message);
    });
    const next = (): Promise<SipMessage> => new Promise((res) => (queue.length ? res(queue.shift() as SipMessage) : waiters.push(res)));
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, next }));
      ws.once('error', reject);
    });
  }

  it('refuses a handshake without the sip subprotocol', async () => {
    await expect(connect('chat')).rejects.toThrow();
  });

  it('registers with digest over WS, reaches the browser back over its connection, forgets it on close', async () => {
    const { ws, next } = await connect();
    expect(ws.protocol).toBe('sip');
    ws.send(register(port, 1));
    const challenge = await next();
    if (challenge.kind !== 'response') throw new Error('expected a response');
    expect(challenge.status).toBe(401);
    const auth = authorize(challenge.headers.get('www-authenticate') ?? '', { username: '1002', password: 'pw1002' }, 'REGISTER', `sip:127.0.0.1:${port}`);
    ws.send(register(port, 2, auth));
    const ok = await next();
    expect(ok.kind === 'response' && ok.status).toBe(200);
    const [binding] = registrar.lookup('sip:1002@127.0.0.1');
    expect(binding?.flow.transport).toBe('ws');
    expect(binding?.flow.connectionId).toBeDefined();

    // The .invalid Contact cannot be dialled; the stored flow reaches the browser anyway.
    const pending = stack.request('OPTIONS', binding?.contact ?? '', { flow: binding?.flow });
    const options = await next();
    if (options.kind !== 'request') throw new Error('expected a request');
    expect(options.method).toBe('OPTIONS');
    const reply = options.headers.getAll('via').map((v) => `Via: ${v}`);
    ws.send(
      ['SIP/2.0 200 OK', ...reply, `From: ${options.headers.get('from')}`, `To: ${options.headers.get('to')};tag=b1`, `Call-ID: ${options.headers.get('call-id')}`, `CSeq: ${options.headers.get('cseq')}`, 'Content-Length: 0', '', ''].join('\r\n'),
    );
    expect((await pending).status).toBe(200);

    const gone = new Promise<string>((r) => registrar.once('unregister', (_b, reason) => r(reason)));
    ws.close();
    expect(await gone).toBe('flow-closed');
    expect(registrar.lookup('1002')).toEqual([]);
  });

  it('keeps plain HTTP on the same port working', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('http still works');
  });
});
