import { afterEach, describe, expect, it } from 'vitest';
import { Unavailable } from '../../../core/errors';
import { goertzel } from '../../../test/support/audio';
import type { DetectedDigit } from './dtmf';
import { MediaClock } from './media-clock';
import { PortPool } from './port-pool';
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
    const { createSocket } = await import('node:dgram');
    const squatter = createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(base + 110, '127.0.0.1', () => r()));
    const s = await RtpSession.open({ clock, ports: pool, bindAddress: '127.0.0.1', payloadType: 0 });
    expect(s.localPort).toBe(base + 112);
    await s.close();
    squatter.close();
  });
});
