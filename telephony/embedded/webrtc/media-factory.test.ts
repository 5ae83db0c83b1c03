import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchMediaChromium, openMediaPage, servePages, type PageServer } from '../../../test/support/chromium-sip';
import type { LegMedia } from '../engine/media';
import { MediaClock } from '../media/media-clock';
import { WebRtcMediaFactory } from './media-factory';
import { WebRtcSession } from './webrtc-session';

interface Echo {
  start(o: { audio?: boolean; video?: boolean }): Promise<void>;
  offer(): Promise<string>;
  accept(sdp: string): Promise<void>;
  answer(sdp: string): Promise<string>;
  reoffer(dir: string): Promise<string>;
  currentDirections(): (string | null)[];
}
declare const echo: Echo;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('WebRtcMediaFactory (the engine port for browser legs)', () => {
  let pages: PageServer;
  let browser: Browser;
  const clock = new MediaClock();
  const factory = new WebRtcMediaFactory({ clock, inactivityTimeoutMs: 0 });

  beforeAll(async () => {
    pages = await servePages();
    browser = await launchMediaChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  it('holds and resumes both ways with re-offers that keep the DTLS transport', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/webrtc-echo.html`);
    await p.page.evaluate(() => echo.start({ audio: true }));
    const n = await factory.answer(await p.page.evaluate(() => echo.offer()));
    const leg: LegMedia = n.media;
    const session = n.media as WebRtcSession;
    try {
      expect(n.kind).toBe('webrtc');
      expect(n.video).toBe(false);
      expect(session.videoCodec).toBeNull();
      expect(factory.protocols).toEqual(['UDP/TLS/RTP/SAVPF']);
      let frames = 0;
      leg.on('frame', () => frames++);
      await p.page.evaluate((sdp) => echo.accept(sdp), n.localSdp);
      await sleep(1000);
      expect(frames).toBeGreaterThan(20);

      // We hold the browser: it stops sending to us, its transceivers become recvonly.
      const hold = n.reoffer('sendonly');
      expect(hold).toMatch(/a=sendonly/);
      n.applyAnswer(await p.page.evaluate((sdp) => echo.answer(sdp), hold));
      expect(await p.page.evaluate(() => echo.currentDirections())).toEqual(['recvonly']);
      await sleep(300);
      const held = frames;
      await sleep(1000);
      expect(frames - held).toBeLessThan(5);

      n.applyAnswer(await p.page.evaluate((sdp) => echo.answer(sdp), n.reoffer('sendrecv')));
      await sleep(1000);
      expect(frames - held).toBeGreaterThan(20);

      // The browser holds us (SIP.js hold is such a re-INVITE): we answer recvonly at once.
      const answer = n.answerReoffer(await p.page.evaluate(() => echo.reoffer('sendonly')));
      expect(answer).toMatch(/a=recvonly/);
      await p.page.evaluate((sdp) => echo.accept(sdp), answer);
      expect(await p.page.evaluate(() => echo.currentDirections())).toEqual(['sendonly']);
      expect(session.connected).toBe(true);
    } finally {
      await leg.close();
      await p.close();
    }
  });

  it('calls a browser: our offer, its answer applied, codec read from the answer', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/webrtc-echo.html`);
    const n = await factory.offer({ video: false });
    try {
      await p.page.evaluate(() => echo.start({ audio: true }));
      n.applyAnswer(await p.page.evaluate((sdp) => echo.answer(sdp), n.localSdp));
      const session = n.media as WebRtcSession;
      let frames = 0;
      session.on('frame', () => frames++);
      await sleep(1500);
      expect(session.connected).toBe(true);
      expect(session.payloadType).toBe(0);
      expect(frames).toBeGreaterThan(20);
      expect(() => n.applyAnswer('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n')).toThrow();
    } finally {
      await n.media.close();
      await p.close();
    }
  });
});
