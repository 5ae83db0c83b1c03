import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../test/support/server';

describe('HTTPS and SIP over WSS when a certificate is configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    server = await startTestServer({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key, PUBLIC_URL: 'https://127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves the API over HTTPS', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/healthz', rejectUnauthorized: false }, (res) => resolve(res.statusCode ?? 0)).on('error', reject).end();
    });
    expect(status).toBe(200);
  });

  it('answers SIP OPTIONS over WSS on the same port', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${server.port}/sip`, 'sip', { rejectUnauthorized: false });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    const reply = new Promise<string>((ok) => ws.once('message', (d: Buffer) => ok(d.toString())));
    ws.send(
      [
        'OPTIONS sip:127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/WSS client.invalid;branch=z9hG4bK-tls-1',
        'Max-Forwards: 70',
        'From: <sip:probe@client.invalid>;tag=t1',
        'To: <sip:127.0.0.1>',
        'Call-ID: tls-options-1',
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    expect((await reply).split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    ws.close();
  });
});
