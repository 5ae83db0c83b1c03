import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/ports';
import { runSipp, scenario as builtIn } from '../../test/support/sipp/run';
import { OriginateError, type CallLeg } from '../engine';
import { contractSkip, makeEngine, RTP_TIMEOUT_MS, type EngineHarness } from './factory';
import { scenarioFile, uacSilentWaitBye, uasAnswer, uasBusy, uasNoAnswer } from './scenarios';
import { ended, expectNoLeaks, nextInbound, sleep } from './support';

const skip = await contractSkip('call lifecycle');

describe.skipIf(skip !== undefined)('engine contract: call lifecycle leaves nothing behind', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await makeEngine();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    expect(await expectNoLeaks(h)).toEqual({ calls: 0, mediaPorts: 0 });
  });

  const sipp = async (scenario: string, service: string, extra: string[] = [], durationMs?: number) =>
    runSipp({ target: h.sipTarget, scenario, localPort: await freePort(), service, timeoutSec: 15, durationMs, extra: ['-mp', String(await freePort()), ...extra] });

  it('CANCEL before answer: the leg ends originator_cancel/remote, the INVITE gets 487', async () => {
    const inbound = nextInbound(h.engine);
    const run = sipp(builtIn('uac-cancel'), 'ring');
    const leg = await inbound;
    const gone = ended(leg);
    await leg.ring();
    expect(await gone).toEqual({ cause: 'originator_cancel', side: 'remote' });
    expect(leg.state).toBe('ended');
    await expect(leg.answer()).resolves.toBeUndefined();
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
  });

  it('reject before answer sends the status and ends the leg', async () => {
    const inbound = nextInbound(h.engine);
    const run = sipp(builtIn('uac-cancel'), 'busy');
    const leg = await inbound;
    await leg.reject(486);
    expect(leg.state).toBe('ended');
    const r = await run;
    expect(r.stderr).toMatch(/486/);
  });

  it('BYE from the caller ends the leg normal_clearing/remote', async () => {
    const inbound = nextInbound(h.engine);
    const run = sipp('uac', 'bye-remote', [], 500);
    const leg = await inbound;
    const gone = ended(leg);
    await leg.answer();
    expect(leg.state).toBe('answered');
    expect(await gone).toEqual({ cause: 'normal_clearing', side: 'remote' });
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
  });

  it('hangup from the engine sends BYE and ends normal_clearing/local', async () => {
    const inbound = nextInbound(h.engine);
    const run = sipp(await scenarioFile('uac-silent', uacSilentWaitBye()), 'bye-local');
    const leg = await inbound;
    await leg.answer();
    const gone = ended(leg);
    await leg.hangup();
    expect(await gone).toEqual({ cause: 'normal_clearing', side: 'local' });
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
  });

  it('a peer that vanishes (no RTP) is hung up with media_timeout', async () => {
    const inbound = nextInbound(h.engine);
    const run = sipp(await scenarioFile('uac-silent', uacSilentWaitBye()), 'vanish');
    const leg = await inbound;
    let timedOut = false;
    leg.on('media-timeout', () => (timedOut = true));
    const gone = ended(leg, RTP_TIMEOUT_MS + 5000);
    const t0 = Date.now();
    await leg.answer();
    expect(await gone).toEqual({ cause: 'media_timeout', side: 'local' });
    expect(timedOut).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(RTP_TIMEOUT_MS - 100);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
  });

  it('a retransmitted INVITE (before and after the 200) makes one leg, and the call still ends cleanly', async () => {
    const socket: Socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    const port = socket.address().port;
    const got: string[] = [];
    socket.on('message', (m) => got.push(m.toString()));
    const [host, p] = h.sipTarget.split(':');
    const send = (text: string): void => socket.send(text, Number(p), host);
    const callId = `retrans-${port}@127.0.0.1`;
    const sdp = `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;
    const req = (method: string, cseq: number, branch: string, toTag = '', body = ''): string =>
      [
        `${method} sip:retrans@${h.sipTarget} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${branch};rport`,
        'Max-Forwards: 70',
        'From: <sip:raw@127.0.0.1>;tag=raw1',
        `To: <sip:retrans@${h.sipTarget}>${toTag ? `;tag=${toTag}` : ''}`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} ${method}`,
        `Contact: <sip:raw@127.0.0.1:${port}>`,
        ...(body ? ['Content-Type: application/sdp'] : []),
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n');
    const legs: CallLeg[] = [];
    const onInbound = (leg: CallLeg): void => void legs.push(leg);
    h.engine.on('inbound', onInbound);
    const invite = req('INVITE', 1, `inv${port}`, '', sdp);
    send(invite);
    await sleep(50);
    send(invite);
    await sleep(50);
    expect(legs).toHaveLength(1);
    const leg = legs[0]!;
    const answering = leg.answer();
    await sleep(50);
    send(invite);
    await sleep(100);
    const ok = got.find((m) => m.startsWith('SIP/2.0 200'));
    expect(ok).toBeDefined();
    const toTag = /^To:.*;tag=([^;\s]+)/im.exec(ok ?? '')?.[1] ?? '';
    send(req('ACK', 1, `ack${port}`, toTag));
    await answering;
    const gone = ended(leg);
    send(req('BYE', 2, `bye${port}`, toTag));
    expect(await gone).toEqual({ cause: 'normal_clearing', side: 'remote' });
    expect(legs).toHaveLength(1);
    h.engine.off('inbound', onInbound);
    socket.close();
  });

  it('originate through a trunk: sipp answers, the engine hangs up with BYE', async () => {
    const uas = runSipp({ target: '127.0.0.1:5060', scenario: await scenarioFile('uas-answer', uasAnswer()), localPort: h.trunkPeerPort, timeoutSec: 15, extra: ['-mp', String(await freePort())] });
    await sleep(300);
    const leg = await h.engine.originate({ kind: 'trunk', trunkId: h.trunkId, destination: '13800000000' }, { callerId: { user: '4000', uri: 'sip:4000@cc.test' }, timeoutMs: 5000 });
    expect(leg.state).toBe('answered');
    expect(leg.info).toMatchObject({ direction: 'outbound', trunkId: h.trunkId, to: { user: '13800000000' } });
    await leg.hangup();
    const r = await uas;
    expect(r.code, r.stderr).toBe(0);
  });

  it('originate with no answer: CANCEL at the timeout and OriginateError(no_answer)', async () => {
    const uas = runSipp({ target: '127.0.0.1:5060', scenario: await scenarioFile('uas-no-answer', uasNoAnswer()), localPort: h.trunkPeerPort, timeoutSec: 15 });
    await sleep(300);
    const t0 = Date.now();
    const err = await h.engine.originate({ kind: 'trunk', trunkId: h.trunkId, destination: '555' }, { callerId: { user: '4000', uri: 'sip:4000@cc.test' }, timeoutMs: 800 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OriginateError);
    expect((err as OriginateError).hangupCause).toBe('no_answer');
    expect(Date.now() - t0).toBeLessThan(3000);
    const r = await uas;
    expect(r.code, r.stderr).toBe(0);
  });

  it('originate aborted by its signal: CANCEL and OriginateError(originator_cancel)', async () => {
    const uas = runSipp({ target: '127.0.0.1:5060', scenario: await scenarioFile('uas-no-answer', uasNoAnswer()), localPort: h.trunkPeerPort, timeoutSec: 15 });
    await sleep(300);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const err = await h.engine.originate({ kind: 'trunk', trunkId: h.trunkId, destination: '557' }, { callerId: { user: '4000', uri: 'sip:4000@cc.test' }, timeoutMs: 5000, signal: abort.signal }).catch((e: unknown) => e);
    expect((err as OriginateError).hangupCause).toBe('originator_cancel');
    const r = await uas;
    expect(r.code, r.stderr).toBe(0);
  });

  it('originate to a busy callee: OriginateError(user_busy)', async () => {
    const uas = runSipp({ target: '127.0.0.1:5060', scenario: await scenarioFile('uas-busy', uasBusy()), localPort: h.trunkPeerPort, timeoutSec: 15 });
    await sleep(300);
    const err = await h.engine.originate({ kind: 'trunk', trunkId: h.trunkId, destination: '556' }, { callerId: { user: '4000', uri: 'sip:4000@cc.test' }, timeoutMs: 3000 }).catch((e: unknown) => e);
    expect((err as OriginateError).hangupCause).toBe('user_busy');
    const r = await uas;
    expect(r.code, r.stderr).toBe(0);
  });

  it('originate to an extension that is not registered: OriginateError(unallocated_number)', async () => {
    expect(h.engine.isRegistered('1003')).toBe(false);
    const err = await h.engine.originate({ kind: 'extension', destination: '1003' }, { callerId: { user: '4000', uri: 'sip:4000@cc.test' }, timeoutMs: 1000 }).catch((e: unknown) => e);
    expect((err as OriginateError).hangupCause).toBe('unallocated_number');
  });
});
