import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:dgram';
import { createUdpSocket } from './udp-socket';

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function bound(): Promise<Socket> {
  const s = createUdpSocket('udp4');
  open.push(s);
  // Bound with a callback: with a literal the bind completes inside the call, before a later
  // once('listening') could attach.
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return s;
}

describe('createUdpSocket', () => {
  it('delivers to an IP literal and still resolves a host name', async () => {
    const [rx, tx] = [await bound(), await bound()];
    const port = rx.address().port;
    const got: string[] = [];
    const both = new Promise<void>((resolve) => rx.on('message', (m) => got.push(m.toString()) === 2 && resolve()));
    tx.send(Buffer.from('literal'), port, '127.0.0.1');
    tx.send(Buffer.from('name'), port, 'localhost');
    await both;
    expect(got.sort()).toEqual(['literal', 'name']);
  });

  it('reports an unresolvable name through the send callback instead of throwing', async () => {
    const tx = await bound();
    const err = await new Promise<Error | null>((resolve) => tx.send(Buffer.from('x'), 9, 'no-such-host.invalid', resolve));
    expect(err).toBeInstanceOf(Error);
  });
});
