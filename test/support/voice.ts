import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { EmbeddedEngine } from '../../telephony/embedded';
import { FreeswitchEngine } from '../../telephony/freeswitch/engine';
import { telephonyTestEnv } from './telephony-env';
import { skipReason } from '../../telephony/contract/factory';
import { Baresip } from './baresip';
import { freePort } from './ports';
import { writeTonePcap } from './rtp-pcap';
import { startTestServer, type ApiClient, type TestServer } from './server';
import { awaitBye, SIPP_HEAD, sendBye, sendInfoDigit, uacInvite } from './sipp/blocks';
import { runSipp, type SippResult } from './sipp/run';
import { toneWav } from '../../telephony/contract/support';

const DTMF_DIR = join(__dirname, '../../telephony/embedded/media/fixtures');

/** A server with a telephony engine (embedded unless `env` says otherwise), a voice queue, an IVR on number 4000 (1 -> sales), and helpers to call it. */
export interface VoiceLab {
  server: TestServer;
  admin: ApiClient;
  sipTarget: string;
  queueId: string;
  dir: string;
  agent(extension: string, opts?: { role?: 'agent' | 'supervisor'; toneHz?: number; autoAnswer?: boolean; username?: string }): Promise<{ phone: Baresip; agentId: number; client: ApiClient }>;
  /** A sipp caller: INVITE 4000, answer, the given DTMF digits (RFC 2833), then `toneSeconds` of `toneHz`, then the rest of `script`. */
  call(opts: { from?: string; digits: string[]; toneHz?: number; toneSeconds?: number; after: 'bye' | 'wait-bye'; holdMs?: number; timeoutSec?: number }): Promise<SippResult>;
  /** Stops every phone started so far (between tests, so a failed test cannot leave agents ringing). */
  stopPhones(): Promise<void>;
  stop(): Promise<void>;
}

export async function startVoiceLab(env: Record<string, string> = {}, queue: Record<string, unknown> = {}): Promise<VoiceLab> {
  const rtpBase = 40000 + 200 * Math.floor(Math.random() * 100);
  const server = await startTestServer({ SIP_TRUNK_PEERS: '127.0.0.1', RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 199), RTP_TIMEOUT_SECONDS: '20', ...(await liveStackEnv()), ...env });
  const admin = server.client();
  await admin.login('admin', server.adminPassword);
  const q = await admin.json<{ id: string }>('POST', '/api/queues', { name: 'sales', media: ['voice'], strategy: 'longest_idle', offerTimeoutSeconds: 8, recordingPolicy: 'always', announceEverySeconds: 30, wrapUpSeconds: 0, ...queue });
  await admin.json('POST', '/api/ivr/flows', {
    name: 'main',
    locale: 'en',
    start: 'menu',
    nodes: [
      { id: 'menu', type: 'menu', prompts: [{ kind: 'silence', ms: 200 }], options: { '1': 'sales' }, timeoutMs: 8000, retries: 1, onFail: 'bye' },
      { id: 'sales', type: 'queue', queueName: 'sales' },
      { id: 'bye', type: 'hangup', prompts: [] },
    ],
  });
  await admin.json('PUT', '/api/ivr/numbers/4000', { flow: 'main' });
  const sip = sipAddress(server);
  const dir = mkdtempSync(join(tmpdir(), 'voice-lab-'));
  const phones: Baresip[] = [];
  const stopPhones = async () => {
    for (const p of phones.splice(0)) await p.stop().catch(() => undefined);
  };

  return {
    server,
    admin,
    sipTarget: sip,
    queueId: q.id,
    dir,
    async agent(extension, opts = {}) {
      const username = opts.username ?? `agent${extension}`;
      const created = await admin.json<{ id: number }>('POST', '/api/agents', {
        username, displayName: `Agent ${extension}`, password: `${username}-pw`, role: opts.role ?? 'agent', extension, sipPassword: `sip-${extension}-pw`, capacity: { voice: 1 }, queueIds: [Number(q.id)],
      });
      const engine = server.voice!.engine;
      const registered = new Promise<void>((resolve) => {
        const on = (e: { extension: string }) => {
          if (e.extension !== extension) return;
          engine.off('registered', on);
          resolve();
        };
        engine.on('registered', on);
      });
      const phone = await Baresip.start({ user: extension, password: `sip-${extension}-pw`, registrar: sip, sourceWav: toneWav(join(dir, `tone-${extension}.wav`), opts.toneHz ?? 1000), autoAnswer: opts.autoAnswer ?? true });
      phones.push(phone);
      await Promise.race([registered, new Promise((_, fail) => setTimeout(() => fail(new Error(`${extension} did not register: ${phone.log.join('')}`)), 10_000))]);
      const client = server.client();
      await client.login(username, `${username}-pw`);
      return { phone, agentId: created.id, client };
    },
    async call(o) {
      const tone = writeTonePcap(join(dir, `tone-${o.toneHz ?? 440}.pcap`), o.toneHz ?? 440, o.toneSeconds ?? 6);
      // RFC 2833 from sipp's pcaps; a digit written 'info:N' goes as SIP INFO instead (a pcap replayed twice
      // repeats its RTP timestamp, which a receiver rightly takes for the same key press).
      let cseq = 2;
      const digits = o.digits
        .map((d) => (d.startsWith('info:') ? sendInfoDigit(d.slice(5), o.from ?? '13800001111', cseq++) : `\n  <nop><action><exec play_pcap_audio="${join(DTMF_DIR, `dtmf_2833_${d === '#' ? 'pound' : d === '*' ? 'star' : d}.pcap`)}" /></action></nop>`) + '\n  <pause milliseconds="600" />')
        .join('');
      const ending = o.after === 'bye' ? `\n  <pause milliseconds="${o.holdMs ?? 6000}" />${sendBye(o.from ?? '13800001111', 20)}` : awaitBye((o.timeoutSec ?? 30) * 1000);
      const xml = `${SIPP_HEAD}<scenario name="lab-call">${uacInvite({ from: o.from ?? '13800001111' })}
  <pause milliseconds="500" />${digits}
  <nop><action><exec play_pcap_audio="${tone}" /></action></nop>${ending}
</scenario>\n`;
      const file = join(dir, `call-${Math.random().toString(36).slice(2)}.xml`);
      await writeFile(file, xml);
      return runSipp({ target: sip, scenario: file, localPort: await freePort(), service: '4000', timeoutSec: o.timeoutSec ?? 40, extra: ['-mp', String(await freePort())] });
    },
    stopPhones,
    async stop() {
      await stopPhones();
      await server.stop();
    },
  };
}

/**
 * Why a lab test cannot run here (TELEPHONY_ENGINE=freeswitch with no reachable stack), printed
 * where CI logs show it; undefined on the embedded engine, which is always there.
 */
export async function voiceLabSkip(suite: string): Promise<string | undefined> {
  if (telephonyTestEnv().engine !== 'freeswitch') return undefined;
  const reason = await skipReason();
  if (reason) console.warn(`[voice lab] ${suite} SKIPPED: ${reason}`);
  return reason;
}

/**
 * With TELEPHONY_ENGINE=freeswitch (as for the engine contract suite), the lab's server drives the
 * live drachtio-server + FreeSWITCH the environment names; otherwise the embedded engine.
 */
export async function liveStackEnv(): Promise<Record<string, string>> {
  const { engine, drachtio, freeswitch } = telephonyTestEnv();
  if (engine !== 'freeswitch') return {};
  return {
    TELEPHONY_ENGINE: 'freeswitch',
    DRACHTIO_HOST: drachtio.host,
    DRACHTIO_PORT: String(drachtio.port),
    DRACHTIO_SECRET: drachtio.secret,
    FREESWITCH_HOST: freeswitch.host,
    FREESWITCH_PORT: String(freeswitch.port),
    FREESWITCH_SECRET: freeswitch.secret,
    FREESWITCH_PROFILE: freeswitch.profile,
    FREESWITCH_LISTEN_ADDRESS: freeswitch.listenAddress,
    FREESWITCH_LISTEN_PORT: String(freeswitch.listenPort || (await freePort())),
  };
}

/** Where callers and phones send SIP: the embedded engine's own socket, or drachtio-server's. */
export function sipAddress(server: TestServer): string {
  const engine = server.voice?.engine;
  if (engine instanceof EmbeddedEngine) return `${engine.sipAddress.host}:${engine.sipAddress.port}`;
  if (engine instanceof FreeswitchEngine) return telephonyTestEnv().drachtio.sip;
  throw new Error('this server runs no telephony engine');
}
