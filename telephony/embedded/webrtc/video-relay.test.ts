import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchMediaChromium, openMediaPage, servePages, type ChromiumPage, type PageServer } from '../../../test/support/chromium-sip';
import { MediaClock } from '../media/media-clock';
import { relayVideo } from './video-relay';
import { WebRtcSession } from './webrtc-session';

interface VideoStats { framesDecoded: number; framesSent: number; pliSent: number; pliReceived: number; codec: string | null; videoWidth: number }
interface Echo {
  start(o: { audio?: boolean; video?: boolean }): Promise<void>;
  offer(): Promise<string>;
  accept(sdp: string): Promise<void>;
  videoStats(): Promise<VideoStats>;
}
declare const echo: Echo;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('video pass-through between two browsers', () => {
  let pages: PageServer;
  let browser: Browser;
  const clock = new MediaClock();

  beforeAll(async () => {
    pages = await servePages();
    browser = await launchMediaChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  async function leg(): Promise<{ page: ChromiumPage; session: WebRtcSession }> {
    const page = await openMediaPage(browser, `${pages.origin}/webrtc-echo.html`);
    await page.page.evaluate(() => echo.start({ audio: true, video: true }));
    const offer = await page.page.evaluate(() => echo.offer());
    const session = await WebRtcSession.answer(offer, { clock, videoCodecs: ['VP8', 'H264'] });
    await page.page.evaluate((sdp) => echo.accept(sdp), session.localSdp);
    await new Promise<void>((resolve) => (session.connected ? resolve() : session.once('connected', resolve)));
    return { page, session };
  }

  it('relays VP8 both ways without decoding and forwards key-frame requests', async () => {
    const a = await leg();
    const b = await leg();
    try {
      expect(a.session.videoCodec).toBe('VP8');
      expect(b.session.videoCodec).toBe('VP8');
      const video = a.session.localSdp.split('\r\n').find((l) => l.startsWith('m=video'));
      expect(video).toMatch(/^m=video \d+ UDP\/TLS\/RTP\/SAVPF 96 97$/);
      // Both browsers have been sending for a while: their first key frames are gone.
      await sleep(1000);
      const requests = { a: 0, b: 0 };
      a.session.on('keyframeRequest', () => requests.a++);
      b.session.on('keyframeRequest', () => requests.b++);
      const stop = relayVideo(a.session, b.session);
      expect(stop).not.toBeNull();

      const stats = (l: { page: ChromiumPage }): Promise<VideoStats> => l.page.page.evaluate(() => echo.videoStats());
      await sleep(2500);
      const first = { a: await stats(a), b: await stats(b) };
      await sleep(1500);
      const second = { a: await stats(a), b: await stats(b) };
      console.log('video', { first, second, requests });
      for (const side of ['a', 'b'] as const) {
        expect(second[side].codec).toBe('video/VP8');
        expect(second[side].videoWidth).toBe(320);
        expect(first[side].framesDecoded).toBeGreaterThan(0);
        expect(second[side].framesDecoded).toBeGreaterThan(first[side].framesDecoded);
        // Both streams were joined mid-way: each viewer's PLI had to reach the other browser.
        expect(second[side].pliSent).toBeGreaterThan(0);
        expect(second[side].pliReceived).toBeGreaterThan(0);
      }
      expect(requests.a).toBeGreaterThan(0);
      expect(requests.b).toBeGreaterThan(0);
      stop!();
    } finally {
      await a.session.close();
      await b.session.close();
      await a.page.close();
      await b.page.close();
    }
  });
});
