import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../../telephony/contract/factory';
import type { FreeswitchEngine } from '../../telephony/freeswitch/engine';
import { freePort } from '../support/ports';
import { SIPP_HEAD, uacInviteRefused } from '../support/sipp/blocks';
import { runSipp } from '../support/sipp/run';
import { TcpProxy } from '../support/tcp-proxy';
import { telephonyTestEnv } from '../support/telephony-env';
import { until } from '../support/until';
import { startVoiceLab, type VoiceLab } from '../support/voice';

// The production engine when its parts go away, on a live drachtio-server + FreeSWITCH
// (TELEPHONY_ENGINE=freeswitch and DRACHTIO_* / FREESWITCH_* as for the engine contract suite).
// The app reaches drachtio's command port, FreeSWITCH's event socket, and FreeSWITCH reaches the
// app's outbound-socket listener, each through a TCP proxy the test cuts: cutting the last two at
// once is FreeSWITCH vanishing as the app sees it (a crash, a partition). Elsewhere this file skips
// and says why.

async function why(): Promise<string | undefined> {
  if (telephonyTestEnv().engine !== 'freeswitch') return 'needs TELEPHONY_ENGINE=freeswitch and a live drachtio-server + FreeSWITCH';
  return skipReason();
}
const reason = await why();
if (reason) console.warn(`[freeswitch outage] SKIPPED: ${reason}`);

describe.skipIf(reason)('FreeSWITCH engine outages (live stack)', () => {
  const env = telephonyTestEnv();
  const drachtio = new TcpProxy(env.drachtio.host, env.drachtio.port);
  const esl = new TcpProxy(env.freeswitch.host, env.freeswitch.port);
  let outbound: TcpProxy;
  let lab: VoiceLab;

  const readyz = async () => {
    const res = await fetch(`${lab.server.url}/readyz`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, string> }).checks };
  };
  const waitReadyz = (status: number) => until(async () => (await readyz()).status === status, 30_000);
  /** A caller who must be turned away with 503 (and no call left behind). */
  const refusedCall = async (from: string) => {
    const file = join(lab.dir, `refused-${from}.xml`);
    await writeFile(file, `${SIPP_HEAD}<scenario name="refused">${uacInviteRefused({ from, status: 503 })}\n</scenario>\n`);
    return runSipp({ target: lab.sipTarget, scenario: file, localPort: await freePort(), service: '4000', timeoutSec: 15 });
  };

  beforeAll(async () => {
    const listenPort = await freePort();
    outbound = new TcpProxy('127.0.0.1', listenPort);
    lab = await startVoiceLab({
      TELEPHONY_ENGINE: 'freeswitch',
      DRACHTIO_HOST: '127.0.0.1',
      DRACHTIO_PORT: String(await drachtio.start()),
      DRACHTIO_SECRET: env.drachtio.secret,
      FREESWITCH_HOST: '127.0.0.1',
      FREESWITCH_PORT: String(await esl.start()),
      FREESWITCH_SECRET: env.freeswitch.secret,
      FREESWITCH_PROFILE: env.freeswitch.profile,
      FREESWITCH_LISTEN_ADDRESS: '127.0.0.1',
      FREESWITCH_LISTEN_PORT: String(listenPort),
      FREESWITCH_ADVERTISED_ADDRESS: '127.0.0.1',
      FREESWITCH_ADVERTISED_PORT: String(await outbound.start()),
    });
    await waitReadyz(200);
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
    for (const p of [drachtio, esl, outbound]) await p?.cut();
  });

  it('reports a lost drachtio connection on /readyz and reconnects by itself', async () => {
    await drachtio.cut();
    await waitReadyz(503);
    expect((await readyz()).checks).toMatchObject({ telephony: 'failing', database: 'ok' });
    // With no app connected, drachtio-server itself refuses the caller: nothing reaches a dead app.
    expect(await refusedCall('13900000000')).toMatchObject({ successful: 1, failed: 0 });
    await drachtio.restore();
    await waitReadyz(200);
  });

  it('turns new callers away with 503 while the event socket is down, and takes calls again once it is back', async () => {
    await esl.cut();
    await waitReadyz(503);
    const refused = await refusedCall('13900000001');
    expect(refused).toMatchObject({ successful: 1, failed: 0 });
    expect(await lab.server.db('interactions').where({ from_address: '13900000001' }).first()).toBeUndefined();
    await esl.restore();
    await waitReadyz(200);

    const call = await lab.call({ from: '13900000002', digits: ['1'], toneSeconds: 2, after: 'bye', holdMs: 2500 });
    expect(call).toMatchObject({ successful: 1, failed: 0 });
    // Nobody answers in this lab: the caller hangs up while waiting, an abandoned call in the CDR.
    const row = await until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: '13900000002' }).first();
      return r?.ended_at ? r : undefined;
    }, 20_000);
    expect(row).toMatchObject({ media: 'voice', state: 'abandoned', queue_id: Number(lab.queueId), hangup_side: 'caller', hangup_cause: 'normal_clearing' });
  });

  it('ends the calls of a FreeSWITCH that vanished, leaves nothing waiting in the router, and recovers', async () => {
    // No agent: the caller waits in the queue, hearing music on hold, until FreeSWITCH goes.
    const waiting = lab.call({ from: '13900000003', digits: ['1'], toneSeconds: 1, after: 'wait-bye', timeoutSec: 60 });
    await until(async () => lab.server.hub.queueView(lab.queueId).waiting === 1, 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // sipp is past its pauses, waiting for a BYE
    await Promise.all([esl.cut(), outbound.cut()]);
    // The caller is hung up on (sipp receives the BYE and answers it), not left in silence.
    expect(await waiting).toMatchObject({ successful: 1, failed: 0 });
    await until(async () => lab.server.hub.queueView(lab.queueId).waiting === 0, 20_000);
    const row = await until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: '13900000003' }).first();
      return r?.ended_at ? r : undefined;
    }, 20_000);
    expect(row).toMatchObject({ state: 'abandoned', hangup_cause: 'normal_temporary_failure', hangup_side: 'system' });
    expect((lab.server.voice?.engine as FreeswitchEngine).callCount).toBe(0);
    await waitReadyz(503);
    await Promise.all([esl.restore(), outbound.restore()]);
    await waitReadyz(200);
    const again = await lab.call({ from: '13900000004', digits: ['1'], toneSeconds: 1, after: 'bye', holdMs: 2000 });
    expect(again).toMatchObject({ successful: 1, failed: 0 });
  });
});
