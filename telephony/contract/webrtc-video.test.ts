import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { launchMediaChromium, openMediaPage, servePages, startSipJsPhone, type PageServer, type SipJsPhone, type VideoStats } from '../../test/support/chromium-sip';
import { testLog } from '../../test/support/log';
import { EmbeddedEngine } from '../embedded/engine/engine';
import { MediaClock } from '../embedded/media/media-clock';
import { computeHa1 } from '../embedded/sip/digest';
import { WebRtcMediaFactory } from '../embedded/webrtc/media-factory';
import { ended, nextInbound, sleep } from './support';

// Two SIP.js browsers with fake cameras call each other through the embedded engine: one calls
// in, the engine rings the other (originate with video) and bridges them, then moves both into a
// conference as the ACD does. Video is relayed without decoding; key-frame requests (PLI) cross
// the engine. Embedded engine only: FreeSWITCH relays video itself.
describe('engine contract: video between two browser legs (VP8 pass-through, PLI forwarded)', () => {
  let pages: PageServer;
  let browser: Browser;
  let engine: EmbeddedEngine;
  let dir: string;
  const realm = 'cc.test';
  const passwords: Record<string, string> = { '1001': 'pw-1001', '1002': 'pw-1002' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contract-video-'));
    pages = await servePages();
    const mediaClock = new MediaClock();
    const rtpBase = 20000 + 2 * Math.floor(Math.random() * 4000);
    engine = new EmbeddedEngine({
      sip: { host: '127.0.0.1', port: 0, websocket: { server: pages.server, path: '/sip' }, timers: { t1: 100, t2: 400, t4: 500 } },
      realm,
      credentials: async (ext, r) => (passwords[ext] ? { ha1: computeHa1('MD5', ext, r, passwords[ext]) } : undefined),
      rtp: { portMin: rtpBase, portMax: rtpBase + 99, bindAddress: '127.0.0.1', inactivityTimeoutMs: 5000 },
      recordingsDir: dir,
      logger: testLog,
      clock: systemClock,
      mediaClock,
      webrtc: new WebRtcMediaFactory({ clock: mediaClock, inactivityTimeoutMs: 5000, videoCodecs: ['VP8', 'H264'] }),
    });
    await engine.start();
    browser = await launchMediaChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await pages?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function phone(extension: string): Promise<{ phone: SipJsPhone; close(): Promise<void> }> {
    const p = await openMediaPage(browser, `${pages.origin}/sipjs-phone.html`);
    const ph = await startSipJsPhone(p.page, { wsUrl: `ws://127.0.0.1:${pages.port}/sip`, extension, realm, password: passwords[extension] });
    return { phone: ph, close: p.close };
  }

  it('relays video both ways through a bridge and a 2-member conference, and forwards PLIs', async () => {
    const a = await phone('1001');
    const b = await phone('1002');
    try {
      const inbound = nextInbound(engine);
      await a.phone.call('500', { video: true });
      const caller = await inbound;
      expect(caller.info.video).toBe(true);
      await caller.answer();
      await a.phone.waitFor((e) => e.type === 'session' && e.state === 'Established');
      expect(await a.phone.remoteSdp()).toMatch(/m=video [1-9]\d* UDP\/TLS\/RTP\/SAVPF 96 97\r\n/);

      // The agent's case: the engine rings a registered browser with a video offer.
      const originated = engine.originate({ kind: 'extension', destination: '1002' }, { callerId: { user: '1001', uri: '' }, timeoutMs: 10_000, video: true });
      expect((await b.phone.waitFor((e) => e.type === 'invite')).video).toBe(true);
      await b.phone.answer({ video: true });
      const callee = await originated;
      expect(callee.info.video).toBe(true);
      // Both browsers have been sending: the relay joins their streams mid-way.
      await sleep(800);
      const bridge = await engine.bridge(caller, callee);

      const stats = async (): Promise<{ a: VideoStats; b: VideoStats }> => ({ a: await a.phone.videoStats(), b: await b.phone.videoStats() });
      await sleep(2500);
      const first = await stats();
      await sleep(1500);
      const second = await stats();
      console.log('video through a bridge', { first, second });
      for (const side of ['a', 'b'] as const) {
        expect(second[side].codec).toBe('video/VP8');
        expect(second[side].videoWidth).toBeGreaterThan(0);
        expect(first[side].framesDecoded).toBeGreaterThan(0);
        expect(second[side].framesDecoded).toBeGreaterThan(first[side].framesDecoded);
      }
      // Each viewer joined a stream mid-way and asked for a key frame; the engine never asks on
      // its own, so a PLI received by a sender is one the other browser sent.
      expect(second.a.pliSent).toBeGreaterThan(0);
      expect(second.b.pliReceived).toBeGreaterThan(0);
      expect(second.b.pliSent).toBeGreaterThan(0);
      expect(second.a.pliReceived).toBeGreaterThan(0);

      // The ACD's case: the same two legs in a conference; the relay moves with them.
      const conf = await engine.conference('call-video');
      await conf.join(caller, { speak: true, hear: true });
      await conf.join(callee, { speak: true, hear: true });
      await bridge.unbridge();
      await sleep(1000);
      const before = await stats();
      await sleep(1000);
      const after = await stats();
      expect(after.a.framesDecoded).toBeGreaterThan(before.a.framesDecoded);
      expect(after.b.framesDecoded).toBeGreaterThan(before.b.framesDecoded);

      const gone = [ended(caller), ended(callee)];
      await a.phone.hangup();
      await callee.hangup();
      await Promise.all(gone);
      await conf.destroy();
      await sleep(200);
      expect(engine.callCount).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 45_000);
});
