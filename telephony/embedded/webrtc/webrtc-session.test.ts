import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goertzel, rms } from '../../../test/support/audio';
import { launchMediaChromium, openMediaPage, servePages, type ChromiumPage, type PageServer } from '../../../test/support/chromium-sip';
import { MediaClock } from '../media/media-clock';
import { ToneGenerator } from '../media/tone';
import { WebRtcSession } from './webrtc-session';

interface Echo {
  start(o: { audio?: boolean; video?: boolean }): Promise<void>;
  offer(): Promise<string>;
  accept(sdp: string): Promise<void>;
  answer(sdp: string): Promise<string>;
  listen(ms: number, hz: number): Promise<{ peakHz: number; peakDb: number; atHzDb: number; rms: number }>;
  audioCodecs(): Promise<Record<string, string | null>>;
  dtmf(tones: string): Promise<void>;
}
declare const echo: Echo;

function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (cond()) resolve();
      else if (Date.now() > end) reject(new Error('timed out waiting'));
      else setTimeout(check, 50);
    };
    check();
  });
}

/** Strongest frequency (5 Hz steps, 200..3800 Hz) in `samples` by Goertzel, with its amplitude. */
function dominant(samples: Int16Array): { hz: number; amplitude: number } {
  let best = { hz: 0, amplitude: 0 };
  for (let hz = 200; hz <= 3800; hz += 5) {
    const amplitude = goertzel(samples, hz);
    if (amplitude > best.amplitude) best = { hz, amplitude };
  }
  return best;
}

describe('WebRtcSession with Chromium (DTLS-SRTP, G.711 only)', () => {
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

  async function openEcho(): Promise<ChromiumPage> {
    const p = await openMediaPage(browser, `${pages.origin}/webrtc-echo.html`);
    await p.page.evaluate(() => echo.start({ audio: true }));
    return p;
  }

  it('answers a browser offer with PCMU, carries audio both ways and decodes RFC 4733 digits', async () => {
    const p = await openEcho();
    const offer = await p.page.evaluate(() => echo.offer());
    expect(offer).toMatch(/opus/);
    const session = await WebRtcSession.answer(offer, { clock });
    try {
      const audioLine = session.localSdp.split('\r\n').find((l) => l.startsWith('m=audio'))!;
      expect(audioLine).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 126$/);
      expect(session.localSdp).not.toMatch(/opus|telephone-event\/48000/);
      const heard: Int16Array[] = [];
      session.on('frame', (pcm) => heard.push(pcm.slice()));
      const digits: string[] = [];
      session.on('dtmf', (d) => digits.push(d.digit));
      await p.page.evaluate((sdp) => echo.accept(sdp), session.localSdp);
      await until(() => session.connected);

      // Browser -> server: Chromium's fake microphone beeps (measured: a ~400 Hz square-ish
      // burst of 40-60 ms every 500 ms), so look at the loud frames and at their spacing.
      await until(() => heard.length >= 150);
      const loud = heard.map((f, i) => ({ i, level: rms(f) })).filter((f) => f.level > 1000);
      const onsets = loud.filter((f, k) => k === 0 || f.i - loud[k - 1]!.i > 1).map((f) => f.i);
      const beeps = new Int16Array(loud.flatMap((f) => [...heard[f.i]!]));
      const tone = dominant(beeps);
      const level = Math.max(...loud.map((f) => f.level));
      console.log('browser->server', { frames: heard.length, loudFrames: loud.length, onsets, peakFrameRms: Math.round(level), tone });
      expect(onsets.length).toBeGreaterThanOrEqual(5);
      expect(Math.abs(tone.hz - 400)).toBeLessThanOrEqual(20);
      expect(level).toBeGreaterThan(3000);

      // Server -> browser: a 440 Hz tone, measured with WebAudio on the remote track.
      session.setSource(new ToneGenerator({ frequencies: [440], levelDbfs: -10 }));
      await new Promise((r) => setTimeout(r, 500));
      const listened = await p.page.evaluate(() => echo.listen(1500, 440));
      console.log('server->browser', listened, 'sent', session.sentPackets);
      expect(listened.rms).toBeGreaterThan(0.05);
      expect(Math.abs(listened.peakHz - 440)).toBeLessThan(25);

      const codecs = await p.page.evaluate(() => echo.audioCodecs());
      expect(codecs).toEqual({ 'inbound-rtp': 'audio/PCMU', 'outbound-rtp': 'audio/PCMU' });
      expect(session.payloadType).toBe(0);

      await p.page.evaluate(() => echo.dtmf('123#'));
      await until(() => digits.length >= 4);
      await new Promise((r) => setTimeout(r, 300));
      expect(digits.join('')).toBe('123#');
    } finally {
      await session.close();
      await p.close();
    }
  });

  it('answers an audio+video offer audio-only when no video codec is wanted: video inactive', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/webrtc-echo.html`);
    await p.page.evaluate(() => echo.start({ audio: true, video: true }));
    const session = await WebRtcSession.answer(await p.page.evaluate(() => echo.offer()), { clock });
    try {
      const video = session.localSdp.split('m=video')[1] ?? '';
      expect(video).toMatch(/a=inactive/);
      expect(session.videoCodec).toBeNull();
      let frames = 0;
      session.on('frame', () => frames++);
      await p.page.evaluate((sdp) => echo.accept(sdp), session.localSdp);
      await until(() => frames > 25);
    } finally {
      await session.close();
      await p.close();
    }
  });

  it("offers to a browser (PCMU, PCMA, telephone-event), takes its answer, and reports 'timeout' when it goes", async () => {
    const p = await openEcho();
    const session = await WebRtcSession.offer({ clock, inactivityTimeoutMs: 600 });
    try {
      expect(session.localSdp).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8 101/);
      const answer = await p.page.evaluate((sdp) => echo.answer(sdp), session.localSdp);
      await session.acceptAnswer(answer);
      let frames = 0;
      session.on('frame', () => frames++);
      const digits: string[] = [];
      session.on('dtmf', (d) => digits.push(d.digit));
      await until(() => session.connected && frames > 25);
      session.setSource(new ToneGenerator({ frequencies: [440], levelDbfs: -10 }));
      await new Promise((r) => setTimeout(r, 300));
      const listened = await p.page.evaluate(() => echo.listen(1000, 440));
      expect(Math.abs(listened.peakHz - 440)).toBeLessThan(25);
      await p.page.evaluate(() => echo.dtmf('9*'));
      await until(() => digits.length >= 2);
      expect(digits.join('')).toBe('9*');
      const timedOut = new Promise<void>((resolve) => session.once('timeout', resolve));
      await p.close();
      await timedOut;
    } finally {
      await session.close();
      await p.close();
    }
  });
});
