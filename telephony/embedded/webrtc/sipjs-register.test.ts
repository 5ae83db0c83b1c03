import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchMediaChromium, openMediaPage, servePages, startSipJsPhone, type PageServer } from '../../../test/support/chromium-sip';
import { computeHa1 } from '../sip/digest';
import { Registrar } from '../sip/registrar';
import { SipStack } from '../sip/stack';
import { WsTransport } from '../sip/transport/ws';

// SIP.js in Chromium, bundled on the fly, registers over WebSocket to the embedded SIP stack,
// which shares the page's HTTP server (as the application server will).
describe('SIP.js in Chromium registers to the embedded stack', () => {
  let pages: PageServer;
  let browser: Browser;
  let stack: SipStack;
  let registrar: Registrar;

  beforeAll(async () => {
    pages = await servePages();
    stack = new SipStack({ transports: [new WsTransport({ server: pages.server, path: '/sip' })] });
    registrar = new Registrar({ realm: 'cc.test', lookup: async (u) => (u === '1001' ? { ha1: computeHa1('MD5', '1001', 'cc.test', 'pw1001') } : undefined) }).attach(stack);
    await stack.start();
    browser = await launchMediaChromium();
  });

  afterAll(async () => {
    await browser?.close();
    registrar?.close();
    await stack?.stop();
    await pages?.close();
  });

  it('registers with digest credentials (HA1) and the binding points at the WebSocket flow', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/sipjs-phone.html`);
    try {
      const registered = new Promise<string>((resolve) => registrar.once('register', (b) => resolve(b.aor)));
      const phone = await startSipJsPhone(p.page, {
        wsUrl: `ws://127.0.0.1:${pages.port}/sip`, extension: '1001', realm: 'cc.test', ha1: computeHa1('MD5', '1001', 'cc.test', 'pw1001'),
      });
      expect(await registered).toContain('1001@cc.test');
      const [binding] = registrar.lookup('sip:1001@cc.test');
      expect(binding?.flow.transport).toBe('ws');
      expect(binding?.userAgent).toMatch(/SIP\.js/);

      const gone = new Promise<string>((resolve) => registrar.once('unregister', (_b, reason) => resolve(reason)));
      await phone.stop();
      expect(await gone).toBe('request');
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('is refused with a wrong password', async () => {
    const p = await openMediaPage(browser, `${pages.origin}/sipjs-phone.html`);
    try {
      await expect(startSipJsPhone(p.page, { wsUrl: `ws://127.0.0.1:${pages.port}/sip`, extension: '1001', realm: 'cc.test', password: 'wrong' }))
        .rejects.toThrow(/registration rejected/);
    } finally {
      await p.close();
    }
  });
});
