import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../core/clock';
import { freePort } from '../../test/support/ports';
import { testLog } from '../../test/support/log';
import { telephonyTestEnv } from '../../test/support/telephony-env';
import type { TelephonyEngine } from '../engine';
import { EmbeddedEngine } from '../embedded/engine/engine';
import { computeHa1 } from '../embedded/sip/digest';
import { FreeswitchEngine } from '../freeswitch/engine';

/** What the contract tests may use besides the port itself: where to reach it, and leak counters. */
export interface EngineHarness {
  engine: TelephonyEngine;
  /** `host:port` for SIP peers (UDP). */
  sipTarget: string;
  realm: string;
  /** Extensions the engine knows, with their passwords (it stores HA1 only). */
  passwords: Record<string, string>;
  /** Trunk `lab`: calls from 127.0.0.1 arrive as it; calls out go to 127.0.0.1:`trunkPeerPort`. */
  trunkId: string;
  trunkPeerPort: number;
  recordingsDir: string;
  /** Live calls and media ports held; both must return to 0 after every call. */
  leaks(): { calls: number; mediaPorts: number };
  stop(): Promise<void>;
}

export const PASSWORDS: Record<string, string> = { '1001': 'pw-1001', '1002': 'pw-1002', '1003': 'pw-1003' };
const REALM = 'cc.test';
/** Short enough for the "peer vanished" test, longer than any pause in the other scenarios. */
export const RTP_TIMEOUT_MS = 2000;

async function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1500 }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * Why the suite cannot run here, or undefined. `TELEPHONY_ENGINE=freeswitch` needs drachtio and
 * FreeSWITCH (DRACHTIO_HOST/PORT/SECRET/SIP, FREESWITCH_HOST/PORT/SECRET) reachable; run it with
 * `--no-file-parallelism`, since drachtio-server shares its INVITEs among connected apps.
 */
export async function skipReason(): Promise<string | undefined> {
  const { engine: kind, drachtio, freeswitch: fs } = telephonyTestEnv();
  if (kind === 'embedded') return undefined;
  if (kind !== 'freeswitch') return `TELEPHONY_ENGINE=${kind} is not an engine`;
  if (!(await reachable(drachtio.host, drachtio.port))) return `drachtio at ${drachtio.host}:${drachtio.port} is unreachable`;
  if (!(await reachable(fs.host, fs.port))) return `FreeSWITCH event socket at ${fs.host}:${fs.port} is unreachable`;
  return undefined;
}

/** Prints the reason where CI logs show it; `describe.skipIf` alone would only count a skip. */
export async function contractSkip(suite: string): Promise<string | undefined> {
  const reason = await skipReason();
  if (reason) console.warn(`[engine contract] ${suite} SKIPPED: ${reason}`);
  return reason;
}

const credentials = async (ext: string, realm: string): Promise<{ ha1: string } | undefined> => {
  const pw = PASSWORDS[ext];
  return pw ? { ha1: computeHa1('MD5', ext, realm, pw) } : undefined;
};

/** The FreeSWITCH engine on the stack the environment names (drachtio + FreeSWITCH). */
async function makeFreeswitchEngine(recordingsDir: string, trunkPeerPort: number): Promise<EngineHarness> {
  const { drachtio, freeswitch } = telephonyTestEnv();
  const engine = new FreeswitchEngine({
    drachtio: { host: drachtio.host, port: drachtio.port, secret: drachtio.secret },
    freeswitch: { host: freeswitch.host, port: freeswitch.port, secret: freeswitch.secret, profile: freeswitch.profile, listenAddress: freeswitch.listenAddress, listenPort: freeswitch.listenPort },
    realm: REALM,
    credentials,
    trunks: [{ kind: 'peer', id: 'lab', addresses: ['127.0.0.1'], proxy: `sip:127.0.0.1:${trunkPeerPort}` }],
    recordings: { app: recordingsDir, fs: freeswitch.recordingsDir ?? recordingsDir },
    rtpTimeoutMs: RTP_TIMEOUT_MS,
    logger: testLog,
    clock: systemClock,
  });
  await engine.start();
  if (!(await engine.ready())) throw new Error('FreeSWITCH engine did not become ready (drachtio and FreeSWITCH reachable?)');
  return {
    engine,
    sipTarget: drachtio.sip,
    realm: REALM,
    passwords: PASSWORDS,
    trunkId: 'lab',
    trunkPeerPort,
    recordingsDir,
    leaks: () => ({ calls: engine.callCount, mediaPorts: engine.channelCount }),
    stop: async () => {
      await engine.stop();
      await rm(recordingsDir, { recursive: true, force: true });
    },
  };
}

/** The engine under contract: embedded by default, FreeSWITCH with TELEPHONY_ENGINE=freeswitch. */
export async function makeEngine(): Promise<EngineHarness> {
  const recordingsDir = await mkdtemp(join(tmpdir(), 'contract-rec-'));
  const trunkPeerPort = await freePort();
  if (telephonyTestEnv().engine === 'freeswitch') return makeFreeswitchEngine(recordingsDir, trunkPeerPort);
  const rtpBase = 20000 + 2 * Math.floor(Math.random() * 4000);
  const engine = new EmbeddedEngine({
    sip: { host: '127.0.0.1', port: 0, timers: { t1: 100, t2: 400, t4: 500 } },
    realm: REALM,
    credentials,
    trunks: [{ kind: 'peer', id: 'lab', addresses: ['127.0.0.1'], proxy: `sip:127.0.0.1:${trunkPeerPort}` }],
    rtp: { portMin: rtpBase, portMax: rtpBase + 199, bindAddress: '127.0.0.1', inactivityTimeoutMs: RTP_TIMEOUT_MS },
    recordingsDir,
    logger: testLog,
    clock: systemClock,
  });
  await engine.start();
  const { host, port } = engine.sipAddress;
  return {
    engine,
    sipTarget: `${host}:${port}`,
    realm: REALM,
    passwords: PASSWORDS,
    trunkId: 'lab',
    trunkPeerPort,
    recordingsDir,
    leaks: () => ({ calls: engine.callCount, mediaPorts: engine.ports.inUse }),
    stop: async () => {
      await engine.stop();
      await rm(recordingsDir, { recursive: true, force: true });
    },
  };
}
