import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { goertzel, wavChannelTone } from '../../../test/support/audio';
import { MediaBridge, PayloadQueue } from './bridge';
import { FRAME_SAMPLES } from './frame';
import { PCMU } from './g711';
import { MediaClock } from './media-clock';
import { PortPool } from './port-pool';
import { StereoRecorder } from './recorder';
import { RtpSession } from './rtp-session';
import { ToneGenerator } from './tone';

describe('PayloadQueue', () => {
  it('passes bytes through for the same codec and re-chunks 30 ms packets into 20 ms frames', () => {
    const q = new PayloadQueue();
    const bytes = Uint8Array.from({ length: 480 }, (_, i) => i & 0xff);
    q.push(bytes.subarray(0, 240), 8);
    q.push(bytes.subarray(240), 8);
    expect([...q.readPayload(8)!]).toEqual([...bytes.subarray(0, 160)]);
    expect([...q.readPayload(8)!]).toEqual([...bytes.subarray(160, 320)]);
    expect(q.readPayload(0)).toBeNull(); // other codec: the session falls back to read()
  });

  it('decodes to linear when the other leg needs another codec', () => {
    const q = new PayloadQueue();
    const tone = new ToneGenerator({ frequencies: [800] });
    const pcm = new Int16Array(FRAME_SAMPLES);
    const ulaw = new Uint8Array(FRAME_SAMPLES);
    for (let i = 0; i < 3; i++) {
      tone.read(pcm);
      PCMU.encode(pcm, ulaw);
      q.push(ulaw, 0);
    }
    const out = new Int16Array(FRAME_SAMPLES);
    q.read(out);
    expect(goertzel(out, 800)).toBeGreaterThan(4000);
  });
});

const clock = new MediaClock();
const base = 40000 + 2 * Math.floor(Math.random() * 5000);
const ports = new PortPool({ min: base, max: base + 40 });
const sessions: RtpSession[] = [];
const open = async (payloadType: number): Promise<RtpSession> => {
  const s = await RtpSession.open({ clock, ports, bindAddress: '127.0.0.1', payloadType, telephoneEventPt: 101 });
  sessions.push(s);
  return s;
};
const pair = (x: RtpSession, y: RtpSession): void => {
  x.setRemote({ address: '127.0.0.1', port: y.localPort });
  y.setRemote({ address: '127.0.0.1', port: x.localPort });
};
const heard = (s: RtpSession): Int16Array[] => {
  const frames: Int16Array[] = [];
  s.on('frame', (f) => frames.push(f.slice()));
  return frames;
};
const flat = (frames: Int16Array[]): Int16Array => Int16Array.from(frames.flatMap((f) => [...f]));

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe('MediaBridge', () => {
  for (const [label, agentPt] of [['transcoding PCMU <-> PCMA', 8], ['pass-through PCMU', 0]] as const) {
    it(`${label}: caller and agent hear each other and the taps record both directions`, async () => {
      const caller = await open(0);
      const leg1 = await open(0);
      const leg2 = await open(agentPt);
      const agent = await open(agentPt);
      pair(caller, leg1);
      pair(leg2, agent);
      const bridge = new MediaBridge(leg1, leg2);
      expect(bridge.passThrough).toBe(agentPt === 0);
      const path = join(mkdtempSync(join(tmpdir(), 'bridge-')), 'call.wav');
      const rec = await StereoRecorder.start(path, clock);
      bridge.tap((side, frame) => rec.onFrame(side === 'a' ? 'caller' : 'agent', frame));
      bridge.start();
      const atCaller = heard(caller);
      const atAgent = heard(agent);
      caller.setSource(new ToneGenerator({ frequencies: [440] }));
      agent.setSource(new ToneGenerator({ frequencies: [1000] }));
      await new Promise((r) => setTimeout(r, 800));
      bridge.stop();
      await rec.stop();
      const c = flat(atCaller).subarray(-3200);
      const a = flat(atAgent).subarray(-3200);
      expect(goertzel(c, 1000)).toBeGreaterThan(3000);
      expect(goertzel(c, 440)).toBeLessThan(100);
      expect(goertzel(a, 440)).toBeGreaterThan(3000);
      expect(goertzel(a, 1000)).toBeLessThan(100);
      const [left440, right440] = wavChannelTone(path, 440);
      const [left1000, right1000] = wavChannelTone(path, 1000);
      expect(left440).toBeGreaterThan(1000);
      expect(right1000).toBeGreaterThan(1000);
      expect(left1000).toBeLessThan(50);
      expect(right440).toBeLessThan(50);
    });
  }
});
