import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/ports';
import { runSipp } from '../../test/support/sipp/run';
import { contractSkip, makeEngine, type EngineHarness } from './factory';
import { uacDtmf, scenarioFile } from './scenarios';
import { expectNoLeaks, nextInbound } from './support';

const skip = await contractSkip('DTMF');

describe.skipIf(skip !== undefined)('engine contract: DTMF from a sipp caller', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await makeEngine();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('playCollect returns exactly the RFC 2833 digits from the pcaps and the SIP INFO digit, ending on #', async () => {
    const scenario = await scenarioFile('uac-dtmf', uacDtmf([{ rtp: '1' }, { rtp: '2' }, { rtp: '3' }, { info: '4' }, { rtp: '#' }]));
    const inbound = nextInbound(h.engine);
    const sipp = runSipp({ target: h.sipTarget, scenario, localPort: await freePort(), service: '4000', timeoutSec: 20, extra: ['-mp', String(await freePort())] });
    const leg = await inbound;
    expect(leg.info.direction).toBe('inbound');
    expect(leg.info.to.user).toBe('4000');
    expect(leg.info.headers['x-case']).toBe('contract');
    await leg.ring();
    await leg.answer();
    const methods: string[] = [];
    leg.on('dtmf', (d) => methods.push(`${d.digit}:${d.method}`));
    const result = await leg.playCollect([{ kind: 'tone', tone: 'beep' }], {
      minDigits: 1, maxDigits: 10, terminators: '#', firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 3000,
    });
    expect(result).toEqual({ digits: '1234', reason: 'terminator' });
    expect(methods).toEqual(['1:rfc4733', '2:rfc4733', '3:rfc4733', '4:info', '#:rfc4733']);
    await leg.hangup();
    const r = await sipp;
    expect(r.code, r.stderr).toBe(0);
    expect(await expectNoLeaks(h)).toEqual({ calls: 0, mediaPorts: 0 });
  });
});
