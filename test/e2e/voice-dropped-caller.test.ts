import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/until';
import { startVoiceLab, voiceLabSkip, type VoiceLab } from '../support/voice';

// On the embedded engine by default; with TELEPHONY_ENGINE=freeswitch, on the live stack the environment names.
const skip = await voiceLabSkip('dropped caller');

// A caller whose network dies while waiting in the queue: no BYE ever comes, only silence. The
// engine hangs up on the RTP timeout; the call must leave the router and the CDR must say why,
// not wait for an agent for ever.

describe.skipIf(skip)('a waiting caller who vanishes (sipp)', () => {
  let lab: VoiceLab;

  beforeAll(async () => {
    lab = await startVoiceLab({ RTP_TIMEOUT_SECONDS: '3' });
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('is hung up on the RTP timeout, leaves the queue and is recorded as abandoned by the system', async () => {
    // One second of tone after the menu choice, then nothing: sipp just waits for our BYE.
    const call = lab.call({ from: '13700000001', digits: ['1'], toneSeconds: 1, after: 'wait-bye', timeoutSec: 30 });
    await until(async () => lab.server.hub.queueView(lab.queueId).waiting === 1, 20_000);
    expect(await call).toMatchObject({ successful: 1, failed: 0 });
    await until(async () => lab.server.hub.queueView(lab.queueId).waiting === 0, 5_000);
    const row = await until(async () => {
      const r = await lab.server.db('interactions').where({ from_address: '13700000001' }).first();
      return r?.ended_at ? r : undefined;
    }, 20_000);
    expect(row).toMatchObject({ state: 'abandoned', hangup_cause: 'media_timeout', hangup_side: 'system', queue_id: Number(lab.queueId) });
    expect(Boolean(row.abandoned)).toBe(true);
  });
});
