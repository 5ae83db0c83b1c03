// The engine as bench/sip.ts drives it: UDP only, no INVITE challenge (sipp does not answer
// one), a wide RTP range, and two tiny applications: answer-and-play, and bridge-and-record.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../core/clock';
import type { CallLeg } from '../telephony/engine';
import { EmbeddedEngine } from '../telephony/embedded/engine/engine';

export interface BenchEngine {
  engine: EmbeddedEngine;
  target: string;
  recordingsDir: string;
  /** The first few engine-side failures since the last `takeFailures`, for the log. */
  errors: string[];
  /** How many there were (errors keeps only the first 20). */
  failures: number;
  close(): Promise<void>;
}

export async function startEngine(trunkPort?: number): Promise<BenchEngine> {
  const recordingsDir = await mkdtemp(join(tmpdir(), 'bench-rec-'));
  const engine = new EmbeddedEngine({
    // One sipp source sends thousands of messages a second here: no per-source limit on loopback.
    sip: { host: '127.0.0.1', port: 0, udpOnly: true, messageLimit: null },
    realm: 'bench.test',
    credentials: async () => undefined,
    authenticateInvites: false,
    trunks: trunkPort ? [{ kind: 'peer', id: 'uas', addresses: [], proxy: `sip:127.0.0.1:${trunkPort}` }] : [],
    rtp: { portMin: 16000, portMax: 60000, bindAddress: '127.0.0.1', inactivityTimeoutMs: 0 },
    recordingsDir,
    logger: pino({ level: 'silent' }),
    clock: systemClock,
  });
  await engine.start();
  const { host, port } = engine.sipAddress;
  const errors: string[] = [];
  return {
    engine,
    target: `${host}:${port}`,
    recordingsDir,
    errors,
    failures: 0,
    close: async () => {
      await engine.stop();
      await rm(recordingsDir, { recursive: true, force: true });
    },
  };
}

/** Engine-side failures since the last call, and the first one's message. */
export function takeFailures(b: BenchEngine): { count: number; first: string | undefined } {
  const out = { count: b.failures, first: b.errors[0] };
  b.failures = 0;
  b.errors.splice(0);
  return out;
}

function note(b: BenchEngine, err: unknown): void {
  b.failures++;
  if (b.errors.length < 20) b.errors.push(err instanceof Error ? err.message : String(err));
}

/** (b): answer every call and play a tone until the caller hangs up. */
export function answerAndPlay(b: BenchEngine): void {
  b.engine.on('inbound', (leg) => {
    leg
      .answer()
      .then(() => leg.play([{ kind: 'tone', tone: { frequencies: [425], onMs: 1000, offMs: 0 } }], { loop: true }))
      .catch((err: unknown) => note(b, err));
  });
}

/** (c): answer, originate through the trunk, bridge, record the caller leg; either hang-up ends both. */
export function bridgeAndRecord(b: BenchEngine): void {
  let n = 0;
  b.engine.on('inbound', (caller) => {
    const run = async (): Promise<void> => {
      await caller.answer();
      const callee: CallLeg = await b.engine.originate({ kind: 'trunk', trunkId: 'uas', destination: 'agent' }, { callerId: caller.info.from, timeoutMs: 5000 });
      const both = [caller, callee];
      for (const leg of both) leg.once('ended', () => void Promise.all(both.map((l) => l.hangup())));
      if (caller.state === 'ended') return;
      await b.engine.bridge(caller, callee);
      const rec = await caller.record(`call-${++n}.wav`);
      caller.once('ended', () => void rec.stop().catch(() => undefined));
    };
    run().catch((err: unknown) => {
      note(b, err);
      void caller.hangup('normal_temporary_failure');
    });
  });
}
