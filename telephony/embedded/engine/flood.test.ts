import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/clock';
import { testLog } from '../../../test/support/log';
import { EmbeddedEngine } from './engine';

function options(n: string, port: number): Buffer {
  return Buffer.from(
    [`OPTIONS sip:127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-flood-${n};rport`, 'Max-Forwards: 70', 'From: <sip:x@flood.invalid>;tag=f', `To: <sip:127.0.0.1:${port}>`, `Call-ID: flood-${n}`, 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'),
  );
}

/** Sends `count` OPTIONS from `source` and counts the answers that come back within a second. */
async function blast(source: string, port: number, count: number): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((ok) => socket.bind(0, source, () => ok()));
  let answers = 0;
  socket.on('message', () => answers++);
  for (let i = 0; i < count; i++) socket.send(options(`${source}-${i}`, port), port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 1000));
  socket.close();
  return answers;
}

describe('embedded engine: per-source limits are on by default', () => {
  let engine: EmbeddedEngine;
  beforeAll(async () => {
    engine = new EmbeddedEngine({
      sip: { host: '127.0.0.1', port: 0, udpOnly: true, messageLimit: { burst: 50, perSecond: 10 } },
      realm: 'flood.test',
      credentials: async () => undefined,
      rtp: { portMin: 47000, portMax: 47099, inactivityTimeoutMs: 0 },
      recordingsDir: mkdtempSync(join(tmpdir(), 'flood-')),
      logger: testLog,
      clock: systemClock,
    });
    await engine.start();
  });
  afterAll(async () => {
    await engine.stop();
  });

  it('drops a flood from one address and still answers another', async () => {
    const port = engine.sipAddress.port;
    const flooded = await blast('127.0.0.9', port, 400);
    expect(flooded).toBeGreaterThanOrEqual(50);
    expect(flooded).toBeLessThan(80);
    expect(await blast('127.0.0.1', port, 5)).toBe(5);
  });
});
