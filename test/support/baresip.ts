import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const MODULE_DIRS = ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules'];

export interface BaresipOptions {
  user: string;
  password: string;
  /** `host:port` of the registrar (the engine's UDP listener). */
  registrar: string;
  /** What this phone "says": a WAV looped by the aufile source (8 kHz mono is simplest). */
  sourceWav: string;
  /** Register on start (regint=60); false for a phone that only dials out. */
  register?: boolean;
  /** Answer incoming calls at once. */
  autoAnswer?: boolean;
}

/** A ctrl_tcp event: `{event: true, type: 'CALL_ESTABLISHED', ...}`. */
export interface BaresipEvent {
  type: string;
  class?: string;
  param?: string;
  peeruri?: string;
  [key: string]: unknown;
}

/**
 * A headless baresip: its own config dir, audio from a WAV (aufile), what it hears and says
 * dumped to WAVs by the sndfile filter, controlled over ctrl_tcp (netstring JSON).
 */
export class Baresip extends EventEmitter<{ event: [BaresipEvent] }> {
  private buffer = Buffer.alloc(0);
  private readonly waiters = new Map<string, (r: { ok: boolean; data: string }) => void>();
  private token = 0;

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly ctrl: Socket,
    readonly sipPort: number,
    /** stdout and stderr, for a failing test's message. */
    readonly log: string[],
  ) {
    super();
    ctrl.on('data', (d: Buffer) => this.onData(d));
  }

  /**
   * baresip also binds TLS on the SIP port + 1, which freePort() cannot promise is free: when another
   * test holds it, baresip exits ("Address already in use") and another pair of ports is tried.
   */
  static async start(o: BaresipOptions): Promise<Baresip> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Baresip.attempt(o);
      } catch (err) {
        if (attempt >= 4 || !/Address already in use/.test((err as Error).message)) throw err;
      }
    }
  }

  private static async attempt(o: BaresipOptions): Promise<Baresip> {
    const modules = MODULE_DIRS.find((d) => existsSync(join(d, 'aufile.so')));
    if (!modules) throw new Error('baresip modules not found');
    const dir = await mkdtemp(join(tmpdir(), 'baresip-'));
    const sipPort = await freePort();
    const ctrlPort = await freePort();
    // Below the kernel's ephemeral range (32768+) where freePort() and sipp's ports live, and
    // above the 20000-28199 the contract engines use.
    const rtpBase = 28400 + 20 * Math.floor(Math.random() * 210);
    const config = [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      // aubridge with no partner source is a sink: headless playback that still decodes.
      'audio_player aubridge,nowhere',
      'audio_alert aubridge,nowhere',
      `audio_source aufile,${o.sourceWav}`,
      `module_path ${modules}`,
      'module g711.so', 'module aufile.so', 'module aubridge.so', 'module sndfile.so',
      'module_app account.so', 'module_app menu.so', 'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      `snd_path ${dir}`,
      'audio_srate 8000', 'audio_channels 1',
      `rtp_ports ${rtpBase}-${rtpBase + 19}`,
      'rtp_timeout 0',
    ].join('\n');
    await writeFile(join(dir, 'config'), config + '\n');
    const params = [`auth_pass=${o.password}`, `regint=${o.register === false ? 0 : 60}`, `answermode=${o.autoAnswer === false ? 'manual' : 'auto'}`, 'audio_codecs=PCMU,PCMA'];
    await writeFile(join(dir, 'accounts'), `<sip:${o.user}@${o.registrar};transport=udp>;${params.join(';')}\n`);
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    // A baresip that could not bind exits at once: no need to wait out the connect retries.
    const exited = new Promise<never>((_, reject) => child.once('close', (code) => reject(new Error(`baresip exited (${String(code)})`))));
    exited.catch(() => undefined);
    const ctrl = await Promise.race([connectWithRetry(ctrlPort, 15_000), exited]).catch((err: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}; baresip said: ${log.join('').slice(-1500)}`);
    });
    return new Baresip(dir, child, ctrl, sipPort, log);
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    // Netstrings: `<len>:<json>,` — read every complete one.
    for (let guard = 0; guard < 1000; guard++) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + len + 1) return;
      const json = this.buffer.subarray(colon + 1, colon + 1 + len).toString();
      this.buffer = this.buffer.subarray(colon + 2 + len);
      const msg = JSON.parse(json) as Record<string, unknown>;
      if (msg.event === true) this.emit('event', msg as BaresipEvent);
      else if (msg.response === true && typeof msg.token === 'string') {
        this.waiters.get(msg.token)?.({ ok: msg.ok === true, data: String(msg.data ?? '') });
        this.waiters.delete(msg.token);
      }
    }
  }

  /** Runs a long command (`dial`, `hangup`, `hold`, `resume`, `transfer`, `accept`). */
  command(command: string, params = ''): Promise<{ ok: boolean; data: string }> {
    const token = String(++this.token);
    const json = JSON.stringify({ command, params, token });
    this.ctrl.write(`${Buffer.byteLength(json)}:${json},`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip ${command} timed out`)), 5000);
      this.waiters.set(token, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** Resolves with the first event of `type` (e.g. REGISTER_OK, CALL_ESTABLISHED, CALL_CLOSED). */
  waitFor(type: string, timeoutMs = 10_000): Promise<BaresipEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('event', on);
        reject(new Error(`baresip: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const on = (ev: BaresipEvent): void => {
        if (ev.type !== type) return;
        clearTimeout(timer);
        this.off('event', on);
        resolve(ev);
      };
      this.on('event', on);
    });
  }

  /** WAVs the sndfile filter wrote: `dec` is what the phone heard, `enc` what it sent. */
  async dumps(kind: 'dec' | 'enc'): Promise<string[]> {
    const files = await readdir(this.dir);
    return files.filter((f) => f.endsWith(`-${kind}.wav`)).sort().map((f) => join(this.dir, f));
  }

  async stop(): Promise<void> {
    this.ctrl.destroy();
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function connectWithRetry(port: number, timeoutMs: number): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline && attempt < 300; attempt++) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`baresip ctrl_tcp did not open on ${port}`);
}
