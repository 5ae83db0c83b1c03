// Process helpers for bench/sip.ts: sipp runs bounded by `timeout -s INT`, servers started and
// stopped by PID, sipp and Kamailio pinned with taskset so the load generator never starves
// the system under test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The system under test runs on core 0, the load generators on core 1. */
export const SUT_CPU = '0';
export const LOAD_CPU = '1';

export interface SippRun {
  successful: number;
  failed: number;
  code: number | null;
  seconds: number;
}

export interface SippUacOptions {
  target: string;
  /** `-sn` built-in or a path to an XML file. */
  scenario: string;
  localPort: number;
  mediaPort: number;
  rate: number;
  calls: number;
  durationMs: number;
  capSec: number;
  cwd?: string;
  service?: string;
}

export async function runUac(o: SippUacOptions): Promise<SippRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-sipp-'));
  const scn = o.scenario.endsWith('.xml') ? ['-sf', o.scenario] : ['-sn', o.scenario];
  const args = [
    '-s', 'INT', '-k', '5', String(o.capSec), 'taskset', '-c', LOAD_CPU, 'sipp', o.target, ...scn,
    '-i', '127.0.0.1', '-p', String(o.localPort), '-mp', String(o.mediaPort), '-r', String(o.rate), '-m', String(o.calls),
    '-d', String(o.durationMs), '-s', o.service ?? 'bench', '-nostdin', '-buff_size', '4194304',
    '-default_behaviors', 'all,-abortunexp', '-timeout', `${o.capSec}s`, '-timeout_error',
    '-trace_stat', '-stf', join(dir, 'stat.csv'), '-l', '100000',
  ];
  const t0 = Date.now();
  const child = spawn('timeout', args, { stdio: 'ignore', cwd: o.cwd });
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  const stats = await readStats(dir);
  await rm(dir, { recursive: true, force: true });
  // Calls never placed (sipp cut short) count as failed: a partial run is not a pass.
  const failed = stats.failed + Math.max(0, o.calls - stats.successful - stats.failed);
  return { successful: stats.successful, failed, code, seconds: (Date.now() - t0) / 1000 };
}

async function readStats(dir: string): Promise<{ successful: number; failed: number }> {
  const csv = (await readdir(dir)).find((f) => f.endsWith('.csv'));
  const text = csv ? await readFile(join(dir, csv), 'utf8') : '';
  const lines = text.trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const col = (name: string): number => Number(last[header.indexOf(name)] ?? 0);
  return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}

/** A long-running child (sipp uas, Kamailio) that must be stopped by its PID. */
export class Server {
  private constructor(private readonly child: ChildProcess, readonly name: string, readonly output: string[]) {}

  static start(name: string, command: string, args: string[], cpu: string, cwd?: string): Server {
    const child = spawn('taskset', ['-c', cpu, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    const output: string[] = [];
    child.stdout?.on('data', (d: Buffer) => output.length < 200 && output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.length < 200 && output.push(d.toString()));
    return new Server(child, name, output);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGINT');
    const hard = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(hard);
  }
}

export function sippUas(port: number, mediaPort: number, scenario = 'uas'): Server {
  const scn = scenario.endsWith('.xml') ? ['-sf', scenario] : ['-sn', scenario];
  return Server.start('sipp-uas', 'sipp', [...scn, '-i', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort), '-nostdin', '-buff_size', '4194304', '-default_behaviors', 'all,-abortunexp'], LOAD_CPU);
}

/** Kamailio with one UDP worker doing stateless forward() to the uas: the signalling ceiling. */
export async function kamailio(port: number, forwardPort: number): Promise<{ server: Server; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-kamailio-'));
  const cfg = [
    '#!KAMAILIO',
    'debug=0', 'log_stderror=yes', 'children=1', 'auto_aliases=no', 'disable_tcp=yes',
    `listen=udp:127.0.0.1:${port}`, 'maxbuffer=4194304',
    'request_route {', `\tforward("127.0.0.1", ${forwardPort});`, '\texit;', '}',
  ].join('\n');
  await writeFile(join(dir, 'kamailio.cfg'), cfg + '\n');
  const server = Server.start('kamailio', 'kamailio', ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E'], SUT_CPU);
  return { server, dir };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Searches upward: a step passes when `runs` runs in a row have zero failed calls; the ceiling
 * is the last passing step. Bounded by the step list and by `deadline`.
 */
export async function searchCeiling(steps: number[], runs: number, deadline: number, once: (rate: number, run: number) => Promise<SippRun>, log: (line: string) => void): Promise<{ ceiling: number; failedCalls: number }> {
  let ceiling = 0;
  let failedCalls = 0;
  for (const rate of steps) {
    if (Date.now() > deadline) {
      log(`  time budget spent; stopping at ${ceiling}/s`);
      break;
    }
    let ok = true;
    for (let i = 0; i < runs && ok; i++) {
      const r = await once(rate, i);
      log(`  ${rate}/s run ${i + 1}: ${r.successful} ok, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
      if (r.failed > 0) {
        ok = false;
        failedCalls = r.failed;
      }
    }
    if (!ok) break;
    ceiling = rate;
  }
  return { ceiling, failedCalls };
}
