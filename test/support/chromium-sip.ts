import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';

/**
 * Browser peers for WebRTC and SIP.js tests: an http://127.0.0.1 origin (getUserMedia refuses
 * about:blank and file:), Debian Chromium with fake camera and microphone, and a SIP.js phone
 * driven from the test.
 */

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));
const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8' };

export interface PageServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  port: number;
  /** The node http server, e.g. to attach the SIP WebSocket transport to the same origin. */
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves test/support/pages/* and `/sip.js` (SIP.js bundled for the browser) on 127.0.0.1.
 * `port` 0 picks a free one. Other requests may be handled by `fallback` (404 without it).
 */
export async function servePages(options: { port?: number; fallback?: (url: string) => string | undefined } = {}): Promise<PageServer> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
    const send = (status: number, body: string, type = 'text/plain'): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    // Chromium asks for an icon; a 404 would show up as a console error in the page.
    if (name === 'favicon.ico') return send(204, '');
    const served = name === 'sip.js'
      ? sipJsBundle()
      : /^[\w.-]+\.(html|js)$/.test(name) ? readFile(pagesDir + name, 'utf8') : Promise.reject(new Error('not a page'));
    served.then(
      (body) => send(200, body, types[name.split('.').pop() ?? ''] ?? 'text/plain'),
      () => {
        const other = options.fallback?.(req.url ?? '/');
        if (other === undefined) send(404, 'not found');
        else send(200, other, types.html);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let bundle: Promise<string> | null = null;

/** SIP.js as one browser script defining `window.SIP`, built once per test process with esbuild. */
export function sipJsBundle(): Promise<string> {
  bundle ??= build({
    stdin: { contents: "export * from 'sip.js';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true, format: 'iife', globalName: 'SIP', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** Beyond browser.ts's flags: WebAudio must run without a click. */
const mediaArgs = ['--autoplay-policy=no-user-gesture-required'];

export function launchMediaChromium(): Promise<Browser> {
  return launchChromium({ args: mediaArgs });
}

export interface ChromiumPage {
  page: Page;
  /** Page errors and console.error lines. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context on `browser` (its own getUserMedia grant) with `url` loaded. */
export async function openMediaPage(browser: Browser, url: string): Promise<ChromiumPage> {
  const origin = new URL(url).origin;
  const opened = await openPage(browser, { permissions: ['microphone', 'camera'], locale: 'en-US' });
  await opened.context.grantPermissions(['microphone', 'camera'], { origin });
  await opened.page.goto(url);
  return { page: opened.page, errors: opened.errors, close: opened.close };
}

export interface PhoneEvent {
  type: 'connected' | 'registration' | 'invite' | 'session' | 'rejected';
  /** Registerer or Session state as SIP.js names it: 'Registered', 'Established', 'Terminated'... */
  state?: string;
  status?: number;
  from?: string;
  video?: boolean;
}

export interface SipJsPhoneOptions {
  /** ws://127.0.0.1:PORT/path of the SIP WebSocket transport. */
  wsUrl: string;
  extension: string;
  /** Domain of the AOR (sip:extension@realm); the WebSocket host when absent. */
  realm?: string;
  password?: string;
  /** MD5(extension:realm:password), what the agents table stores, instead of the password. */
  ha1?: string;
  /** Register on start (default); false only connects, for calling out anonymously. */
  register?: boolean;
}

export interface AudioLevel {
  /** Loudest FFT bin (Hz), its level (dBFS), the level near the asked frequency, and RMS (0..1). */
  peakHz: number;
  peakDb: number;
  atHzDb: number;
  rms: number;
}

/** Video counters of the call's peer connection and the size of the remote <video> (media-probe.js). */
export interface VideoStats {
  framesDecoded: number;
  framesSent: number;
  /** PLIs this page sent (it could not decode) and received (the far end asked it for a key frame). */
  pliSent: number;
  pliReceived: number;
  codec: string | null;
  videoWidth: number;
}

export interface SipJsPhone {
  /** Every event so far, oldest first. */
  readonly events: PhoneEvent[];
  waitFor(match: (e: PhoneEvent) => boolean, timeoutMs?: number): Promise<PhoneEvent>;
  call(target: string, options?: { video?: boolean }): Promise<void>;
  /** Answers the pending incoming call (wait for an 'invite' event first). */
  answer(options?: { video?: boolean }): Promise<void>;
  hangup(): Promise<void>;
  /** RFC 4733 digits through the page's RTCDTMFSender. */
  dtmf(tones: string): Promise<void>;
  listen(ms: number, hz: number): Promise<AudioLevel>;
  audioCodecs(): Promise<Record<string, string | null>>;
  remoteSdp(): Promise<string>;
  videoStats(): Promise<VideoStats>;
  stop(): Promise<void>;
}

interface PhonePage {
  start(o: SipJsPhoneOptions): Promise<void>;
  call(target: string, o: { video?: boolean }): Promise<void>;
  answer(o: { video?: boolean }): Promise<void>;
  hangup(): Promise<void>;
  dtmf(tones: string): Promise<boolean>;
  listen(ms: number, hz: number): Promise<AudioLevel>;
  audioCodecs(): Promise<Record<string, string | null>>;
  remoteSdp(): string;
  videoStats(): Promise<VideoStats>;
  stop(): Promise<void>;
}
declare const phone: PhonePage;

/**
 * Starts a SIP.js phone in `page` (which must show /sipjs-phone.html from `servePages`) and,
 * unless `register` is false, resolves once the registrar accepted it.
 */
export async function startSipJsPhone(page: Page, options: SipJsPhoneOptions): Promise<SipJsPhone> {
  if (!page.url().endsWith('/sipjs-phone.html')) throw new Error(`startSipJsPhone needs /sipjs-phone.html, the page shows ${page.url()}`);
  const events: PhoneEvent[] = [];
  const waiters = new Set<() => void>();
  await page.exposeFunction('__phoneEvent', (e: PhoneEvent) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  const waitFor = (match: (e: PhoneEvent) => boolean, timeoutMs = 10_000): Promise<PhoneEvent> => new Promise((resolve, reject) => {
    const check = (): void => {
      const found = events.find(match);
      if (!found) return;
      cleanup();
      resolve(found);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no matching phone event in ${timeoutMs} ms; got ${JSON.stringify(events)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
  await page.evaluate((o) => phone.start(o), options);
  if (options.register !== false) {
    const outcome = await waitFor((e) => e.type === 'registration' && (e.state === 'Registered' || e.state === 'Rejected'));
    if (outcome.state !== 'Registered') throw new Error(`registration rejected: ${outcome.status}`);
  }
  return {
    events,
    waitFor,
    call: (target, o = {}) => page.evaluate(([t, v]) => phone.call(t, v), [target, o] as const),
    answer: (o = {}) => page.evaluate((v) => phone.answer(v), o),
    hangup: () => page.evaluate(() => phone.hangup()),
    dtmf: async (tones) => {
      const sent = await page.evaluate((t) => phone.dtmf(t), tones);
      if (!sent) throw new Error('the browser refused to send DTMF');
    },
    listen: (ms, hz) => page.evaluate(([m, h]) => phone.listen(m, h), [ms, hz] as const),
    audioCodecs: () => page.evaluate(() => phone.audioCodecs()),
    remoteSdp: () => page.evaluate(() => phone.remoteSdp()),
    videoStats: () => page.evaluate(() => phone.videoStats()),
    stop: () => page.evaluate(() => phone.stop()),
  };
}
