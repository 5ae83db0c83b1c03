import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { launchMediaChromium, openMediaPage, servePages, startSipJsPhone, type PageServer } from '../../test/support/chromium-sip';
import { testLog } from '../../test/support/log';
import { EmbeddedEngine } from '../embedded/engine/engine';
import { MediaClock } from '../embedded/media/media-clock';
import { computeHa1 } from '../embedded/sip/digest';
import { WebRtcMediaFactory } from '../embedded/webrtc/media-factory';
import { channelRms, ended, nextInbound, sleep, toneLevels } from './support';

// SIP.js in Chromium calls the embedded engine over WebSocket; the engine answers the browser leg
// with a WebRtcSession (DTLS-SRTP, PCMU), plays a tone and records. Embedded engine only: the
// FreeSWITCH engine's WebRTC legs are FreeSWITCH's own.
describe('engine contract: a browser (SIP.js over WebSocket) calls in, audio flows both ways', () => {
  let pages: PageServer;
  let browser: Browser;
  let engine: EmbeddedEngine;
  let dir: string;
  const realm = 'cc.test';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contract-webrtc-'));
    pages = await servePages();
    const mediaClock = new MediaClock();
    const rtpBase = 20000 + 2 * Math.floor(Math.random() * 4000);
    engine = new EmbeddedEngine({
      sip: { host: '127.0.0.1', port: 0, websocket: { server: pages.server, path: '/sip' }, timers: { t1: 100, t2: 400, t4: 500 } },
      realm,
      credentials: async (ext, r) => (ext === '1001' ? { ha1: computeHa1('MD5', ext, r, 'pw-1001') } : undefined),
      rtp: { portMin: rtpBase, portMax: rtpBase + 99, bindAddress: '127.0.0.1', inactivityTimeoutMs: 5000 },
      recordingsDir: dir,
      logger: testLog,
      clock: systemClock,
      mediaClock,
      webrtc: new WebRtcMediaFactory({ clock: mediaClock, inactivityTimeoutMs: 5000 }),
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

  it('answers with PCMU over DTLS-SRTP, the browser hears 440 Hz, the recording has both sides', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/sipjs-phone.html`);
    try {
      const phone = await startSipJsPhone(p.page, { wsUrl: `ws://127.0.0.1:${pages.port}/sip`, extension: '1001', realm, password: 'pw-1001' });
      expect(engine.isRegistered('1001')).toBe(true);
      const inbound = nextInbound(engine);
      await phone.call('500');
      const leg = await inbound;
      expect(leg.info.transport).toBe('webrtc');
      await leg.answer();
      await phone.waitFor((e) => e.type === 'session' && e.state === 'Established');
      expect(await phone.remoteSdp()).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 126\r\n/);

      const rec = await leg.record('webrtc/call.wav');
      const playing = leg.play([{ kind: 'tone', tone: { frequencies: [440], onMs: 1000, offMs: 0 }, durationMs: 3000 }]);
      await sleep(700);
      const heard = await phone.listen(1500, 440);
      await playing;
      const summary = await rec.stop();
      console.log('webrtc call', { heard, summary, left: toneLevels(rec.path, 0, [400, 440]), right: toneLevels(rec.path, 1, [400, 440]), leftRms: channelRms(rec.path, 0) });
      expect(Math.abs(heard.peakHz - 440)).toBeLessThan(25);
      expect(await phone.audioCodecs()).toEqual({ 'inbound-rtp': 'audio/PCMU', 'outbound-rtp': 'audio/PCMU' });
      // Right = what the browser hears (our 440 Hz); left = what it says (the fake microphone's beeps).
      expect(toneLevels(rec.path, 1, [440])[440]).toBeGreaterThan(1000);
      const left = toneLevels(rec.path, 0, [400, 440]);
      expect(left[400]).toBeGreaterThan(300);
      expect(left[400]).toBeGreaterThan(2 * left[440]!);

      const gone = ended(leg);
      await phone.hangup();
      expect(await gone).toMatchObject({ side: 'remote' });
      await sleep(200);
      expect(engine.callCount).toBe(0);
    } finally {
      await p.close();
    }
  });
});
