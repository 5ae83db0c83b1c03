import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Scenario files in this folder: `scenario('register-auth')`. */
export function scenario(name: string): string {
  return resolve(__dirname, `${name}.xml`);
}

export interface SippOptions {
  /** `host:port` of the system under test. */
  target: string;
  /** Built-in scenario (`uac`, `uas`...) or a path to an XML scenario. */
  scenario: string;
  localPort: number;
  localHost?: string;
  /** Calls to place (-m); default 1. */
  calls?: number;
  /** Calls per second (-r). */
  rate?: number;
  /** `u1` (UDP) or `t1` (TCP). */
  transport?: 'u1' | 't1';
  /** -s: the user part of the Request-URI. */
  service?: string;
  /** -au/-ap for `[authentication]`. */
  auth?: { username: string; password: string };
  /** Wall-clock cap; sipp gets SIGINT (so it writes its stats) when it runs out. */
  timeoutSec?: number;
  /** Call duration for built-in scenarios (-d, ms). */
  durationMs?: number;
  extra?: string[];
}

export interface SippResult {
  /** 0 all calls succeeded, 1 some failed, 97/99 and others: sipp's own failures; null if killed. */
  code: number | null;
  successful: number;
  failed: number;
  stdout: string;
  stderr: string;
}

/** Runs sipp once, bounded by `timeout -s INT`, and reads its final statistics. */
export async function runSipp(o: SippOptions): Promise<SippResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sipp-'));
  const scenarioArgs = o.scenario.endsWith('.xml') ? ['-sf', o.scenario] : ['-sn', o.scenario];
  const args = [
    String(o.timeoutSec ?? 20), 'sipp', o.target, ...scenarioArgs,
    '-i', o.localHost ?? '127.0.0.1', '-p', String(o.localPort), '-m', String(o.calls ?? 1),
    '-r', String(o.rate ?? 10), '-t', o.transport ?? 'u1', '-nostdin', '-buff_size', '4194304',
    '-timeout_error', '-timeout', `${o.timeoutSec ?? 20}s`, '-trace_stat', '-stf', join(dir, 'stat.csv'),
    '-trace_err', '-error_file', join(dir, 'errors.log'), '-trace_screen', '-screen_file', join(dir, 'screen.log'),
  ];
  if (o.service) args.push('-s', o.service);
  if (o.auth) args.push('-au', o.auth.username, '-ap', o.auth.password);
  if (o.durationMs !== undefined) args.push('-d', String(o.durationMs));
  args.push(...(o.extra ?? []));
  // `timeout` sends SIGINT first so sipp exits cleanly; the -k backstop kills a wedged one.
  const child = spawn('timeout', ['-s', 'INT', '-k', '5', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  const stats = await readStats(join(dir, 'stat.csv'));
  const errors = await readFile(join(dir, 'errors.log'), 'utf8').catch(() => '');
  await rm(dir, { recursive: true, force: true });
  return { code, ...stats, stdout, stderr: stderr + errors };
}

async function readStats(file: string): Promise<{ successful: number; failed: number }> {
  const text = await readFile(file, 'utf8').catch(async () => {
    // sipp may suffix the stat file name; take any CSV it wrote.
    const dir = resolve(file, '..');
    const csv = (await readdir(dir)).find((f) => f.endsWith('.csv'));
    return csv ? readFile(join(dir, csv), 'utf8') : '';
  });
  const lines = text.trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    return i >= 0 ? Number(last[i] ?? 0) : 0;
  };
  return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}
