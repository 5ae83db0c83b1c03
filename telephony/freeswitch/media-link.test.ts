import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { loadDrachtio, type FsMediaServer, type Srf } from './drachtio-types';
import { SupervisedLink } from './link';
import { connectMediaServer } from './media-server';

// A stand-in for FreeSWITCH's event socket that speaks just enough of the protocol (auth,
// `api sofia status`, `event plain …`) for drachtio-fsmrf's MediaServer to come up. Used only to
// prove reconnection: the engine contract suite runs against a real FreeSWITCH.
const SOFIA = '         drachtio_mrf\tprofile\t           sip:mod_sofia@127.0.0.1:5080\tRUNNING (0)\n';

class FakeEsl {
  server: Server | undefined;
  readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly password: string) {}

  async listen(port = 0): Promise<void> {
    const server = createServer((s) => this.accept(s));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** FreeSWITCH restarting: every connection drops and nothing listens. */
  async crash(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = undefined;
  }

  private accept(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
    s.write('Content-Type: auth/request\n\n');
    let buffer = '';
    s.on('data', (d) => {
      buffer += d.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const cmd = buffer.slice(0, end).split('\n')[0] ?? '';
        buffer = buffer.slice(end + 2);
        this.command(s, cmd);
      }
    });
  }

  private command(s: Socket, cmd: string): void {
    const reply = (text: string): void => void s.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
    if (cmd.startsWith('auth ')) {
      if (cmd === `auth ${this.password}`) reply('+OK accepted');
      else {
        reply('-ERR invalid');
        s.end();
      }
    } else if (cmd.startsWith('api sofia status')) {
      s.write(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(SOFIA)}\n\n${SOFIA}`);
    } else if (cmd.startsWith('event ') || cmd.startsWith('filter ')) reply('+OK');
    else if (cmd === 'exit') s.end();
  }
}

const log = pino({ level: process.env.FAKE_ESL_LOG ?? 'silent' });
const policy = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0, stableMs: 60_000 };
const mods = loadDrachtio();
// MediaServer only needs an Srf to create endpoints; none are created here.
const srf = {} as Srf;

function waitFor(link: SupervisedLink, up: boolean, ms = 8000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (link.up === up) return resolve();
    const timer = setTimeout(() => reject(new Error(`link not ${up ? 'up' : 'down'} after ${ms} ms`)), ms);
    const on = (h: boolean): void => {
      if (h !== up) return;
      clearTimeout(timer);
      link.off('health', on);
      resolve();
    };
    link.on('health', on);
  });
}

describe('FreeSWITCH control connection: loss and reconnection with backoff', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  function supervise(esl: FakeEsl, password: string): { link: SupervisedLink; servers: FsMediaServer[] } {
    const servers: FsMediaServer[] = [];
    const fs = { host: '127.0.0.1', port: esl.port, secret: password, profile: 'drachtio_mrf', listenAddress: '127.0.0.1', listenPort: 0 };
    const link: SupervisedLink = new SupervisedLink(
      'freeswitch',
      async () => {
        servers.push(await connectMediaServer(mods, srf, fs, 2000, (reason) => link.lost(reason)));
      },
      systemClock,
      log,
      policy,
      2500,
    );
    cleanups.push(() => {
      link.stop();
      for (const ms of servers) {
        try {
          ms.disconnect();
        } catch {
          // Already closed.
        }
      }
    });
    return { link, servers };
  }

  it('reports down when FreeSWITCH goes away and comes back up on its own when it returns', async () => {
    const esl = new FakeEsl('s3cret');
    await esl.listen();
    cleanups.push(() => esl.crash());
    const { link, servers } = supervise(esl, 's3cret');
    const health: boolean[] = [];
    link.on('health', (h) => health.push(h));
    link.start();
    await waitFor(link, true);

    const port = esl.port;
    await esl.crash();
    await waitFor(link, false);
    // A few attempts fail against the closed port while it is down.
    await new Promise((r) => setTimeout(r, 150));
    expect(link.up).toBe(false);

    await esl.listen(port);
    await waitFor(link, true);
    expect(health).toEqual([true, false, true]);
    expect(servers).toHaveLength(2);
  });

  it('starts degraded when FreeSWITCH is not there yet, and connects once it is', async () => {
    const esl = new FakeEsl('s3cret');
    await esl.listen();
    const port = esl.port;
    await esl.crash();
    cleanups.push(() => esl.crash());
    const { link } = supervise(esl, 's3cret');
    link.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(link.up).toBe(false);
    await esl.listen(port);
    await waitFor(link, true);
  });

  it('a wrong password never counts as up, and keeps retrying without leaking connections', async () => {
    const esl = new FakeEsl('s3cret');
    await esl.listen();
    cleanups.push(() => esl.crash());
    const { link } = supervise(esl, 'wrong');
    let ups = 0;
    link.on('health', (h) => (ups += h ? 1 : 0));
    link.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(ups).toBe(0);
    expect(link.up).toBe(false);
    expect(esl.sockets.size).toBeLessThanOrEqual(1);
  });
});
