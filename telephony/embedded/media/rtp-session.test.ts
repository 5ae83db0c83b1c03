import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { Unavailable } from '../../../core/errors';
import { goertzel } from '../../../test/support/audio';
import type { DetectedDigit } from './dtmf';
import { g711ForPayloadType } from './g711';
import { MediaClock } from './media-clock';
import { PortPool } from './port-pool';
import { serializeRtp } from './rtp';
import { RtpSession, type RtpSessionOptions } from './rtp-session';
import { ToneGenerator } from './tone';

const clock = new MediaClock();
const base = 30000 + 2 * Math.floor(Math.random() * 5000);
const ports = new PortPool({ min: base, max: base + 40 });
const open: RtpSession[] = [];

async function session(options: Partial<RtpSessionOptions> = {}): Promise<RtpSession> {
  const s = await RtpSession.open({ clock, ports, bindAddress: '127.0.0.1', payloadType: 0, telephoneEventPt: 101, ...options });
  open.push(s);
  return s;
}

function collect(s: RtpSession): Int16Array[] {
  const frames: Int16Array[] = [];
  s.on('frame', (f) => frames.push(f.slice()));
  return frames;
}

function join(frames: Int16Array[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of frames) {
    out.set(f, o);
    o += f.length;
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('RtpSession on loopback', () => {
  it('exchanges a 1-second tone both ways (PCMU one way, PCMA the other) and each side hears the right one', async () => {
    const a = await session({ payloadType: 0 });
    const b = await session({ payloadType: 8 });
    a.setRemote({ address: '127.0.0.1', port: b.localPort });
    b.setRemote({ address: '127.0.0.1', port: a.localPort });
    const atA = collect(a);
    const atB = collect(b);
    const played = Promise.all([
      a.play(new ToneGenerator({ frequencies: [440], durationMs: 1000 })),
      b.play(new ToneGenerator({ frequencies: [1000], durationMs: 1000 })),
    ]);
    expect(await played).toEqual([true, true]);
    await sleep(100);
    const heardByB = join(atB);
    const heardByA = join(atA);
    expect(heardByB.length).toBeGreaterThanOrEqual(8000);
    expect(goertzel(heardByB.subarray(0, 8000), 440)).toBeGreaterThan(4000);
    expect(goertzel(heardByB.subarray(0, 8000), 1000)).toBeLessThan(100);
    expect(goertzel(heardByA.subarray(0, 8000), 1000)).toBeGreaterThan(4000);
    expect(goertzel(heardByA.subarray(0, 8000), 440)).toBeLessThan(100);
  });

  it('an RFC 4733 digit sent by one side is detected exactly once by the other', async () => {
    const a = await session();
    const b = await session();
    a.setRemote({ address: '127.0.0.1', port: b.localPort });
    const digits: DetectedDigit[] = [];
    b.on('dtmf', (d) => digits.push(d));
    const sent: string[] = [];
    a.on('digitSent', (d) => sent.push(d));
    a.sendDigit('7', 120);
    a.sendDigit('#', 60);
    await sleep(500);
    expect(sent).toEqual(['7', '#']);
    expect(digits.map((d) => [d.digit, d.durationMs, d.ended])).toEqual([['7', 120, true], ['#', 60, true]]);
  });

  it('latches onto the source of the first packet (symmetric RTP) and answers there', async () => {
    const a = await session(); // no remote: behind NAT we only learn it from the first packet
    const b = await session();
    b.setRemote({ address: '127.0.0.1', port: a.localPort });
    const latched = new Promise((r) => a.once('latched', r));
    expect(await latched).toEqual({ address: '127.0.0.1', port: b.localPort });
    const atB = collect(b);
    a.setSource(new ToneGenerator({ frequencies: [600] }));
    await sleep(300);
    expect(goertzel(join(atB), 600)).toBeGreaterThan(3000);
  });

  it('a stale stream that reaches the port first does not silence the peer its SDP named', async () => {
    // A port's previous call (or another process's stream) can still be sending to it when it is
    // handed to a new call; latching onto that for good left the new call silent.
    const a = await session();
    const stale = await session();
    stale.setRemote({ address: '127.0.0.1', port: a.localPort });
    stale.setSource(new ToneGenerator({ frequencies: [300] }));
    const atA = collect(a);
    await sleep(200);
    expect(goertzel(join(atA), 300)).toBeGreaterThan(3000); // latched: nobody else had spoken

    const b = await session();
    a.setRemote({ address: '127.0.0.1', port: b.localPort });
    b.setRemote({ address: '127.0.0.1', port: a.localPort });
    const latched = new Promise<void>((r) => a.on('latched', (to) => to.port === b.localPort && r()));
    b.setSource(new ToneGenerator({ frequencies: [600] }));
    await latched;
    atA.length = 0;
    const atB = collect(b);
    a.setSource(new ToneGenerator({ frequencies: [1000] }));
    await sleep(400);
    const heard = join(atA);
    expect(goertzel(heard, 600)).toBeGreaterThan(3000);
    expect(goertzel(heard, 300)).toBeLessThan(300); // the stale stream, still sending, is shut out
    expect(goertzel(join(atB), 1000)).toBeGreaterThan(3000); // and a answers b, not the stale source
  });

  it('follows a new stream (another SSRC) even when its numbering is behind the old one', async () => {
    // An upstream B2BUA that transfers the call switches streams from the same address.
    const a = await session();
    const peer = createSocket('udp4');
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
    const atA = collect(a);
    const tone = (hz: number, i: number): Int16Array => Int16Array.from({ length: 160 }, (_, k) => Math.round(8000 * Math.sin((2 * Math.PI * hz * (i * 160 + k)) / 8000)));
    const send = (ssrc: number, seq: number, hz: number, i: number): void => {
      const payload = new Uint8Array(160);
      g711ForPayloadType(0)!.encode(tone(hz, i), payload);
      const header = { version: 2, padding: false, marker: false, payloadType: 0, sequenceNumber: seq & 0xffff, timestamp: i * 160, ssrc, csrcs: [], extension: null };
      peer.send(serializeRtp({ header, payload, paddingLength: 0 }), a.localPort, '127.0.0.1');
    };
    try {
      for (let i = 0; i < 10; i++) send(1111, 40000 + i, 300, i);
      await sleep(100);
      const before = atA.length;
      for (let i = 0; i < 25; i++) send(2222, 39000 + i, 600, i);
      await sleep(100);
      expect(before).toBe(10);
      expect(atA.length - before).toBe(25);
      expect(goertzel(join(atA.slice(before)), 600)).toBeGreaterThan(3000);
    } finally {
      peer.close();
    }
  });

  it("emits 'timeout' once the peer stops sending", async () => {
    const a = await session({ inactivityTimeoutMs: 200 });
    const b = await session();
    b.setRemote({ address: '127.0.0.1', port: a.localPort });
    await sleep(150);
    const started = Date.now();
    await b.close();
    await new Promise<void>((r) => a.once('timeout', () => r()));
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(600);
  });

  it('sends RTCP sender reports that the peer parses', async () => {
    const a = await session({ rtcpIntervalMs: 200 });
    const b = await session({ rtcpIntervalMs: 200 });
    a.setRemote({ address: '127.0.0.1', port: b.localPort });
    b.setRemote({ address: '127.0.0.1', port: a.localPort });
    const report = await new Promise<unknown[]>((r) => b.once('rtcp', r));
    expect(report[0]).toMatchObject({ type: 'sr', ssrc: a.ssrc });
    expect(report[1]).toMatchObject({ type: 'sdes' });
  });
});

describe('PortPool with sessions', () => {
  it('hands out even ports, refuses when exhausted, and gets every port back after close', async () => {
    const small = new PortPool({ min: base + 100, max: base + 103 });
    const opts = { clock, ports: small, bindAddress: '127.0.0.1', payloadType: 0 };
    const s1 = await RtpSession.open(opts);
    const s2 = await RtpSession.open(opts);
    expect([s1.localPort % 2, s2.localPort % 2, s1.rtcpPort]).toEqual([0, 0, s1.localPort + 1]);
    await expect(RtpSession.open(opts)).rejects.toBeInstanceOf(Unavailable);
    await s1.close();
    expect(small.available).toBe(1);
    const s3 = await RtpSession.open(opts);
    expect(s3.localPort).toBe(s1.localPort);
    await Promise.all([s2.close(), s3.close()]);
    expect([small.available, small.inUse]).toEqual([2, 0]);
  });

  it('skips a port that another process holds', async () => {
    const pool = new PortPool({ min: base + 110, max: base + 113 });
    const squatter = createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(base + 110, '127.0.0.1', () => r()));
    const s = await RtpSession.open({ clock, ports: pool, bindAddress: '127.0.0.1', payloadType: 0 });
    expect(s.localPort).toBe(base + 112);
    await s.close();
    squatter.close();
  });
});
