import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import { DEFAULT_BACKOFF, ReconnectMachine, type BackoffPolicy, type LinkAction } from './backoff';

export interface LinkEvents {
  /** true when the link came up, false when it went down (once per change). */
  health: [boolean];
}

/**
 * A connection kept alive by ReconnectMachine: `open` makes one attempt and resolves once usable;
 * the owner calls `lost()` when the connection reports its end. Timers live here and only here.
 */
export class SupervisedLink extends EventEmitter<LinkEvents> {
  private readonly machine: ReconnectMachine;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private healthy = false;

  constructor(
    readonly name: string,
    private readonly open: () => Promise<void>,
    private readonly clock: Clock,
    private readonly log: Logger,
    policy: BackoffPolicy = DEFAULT_BACKOFF,
    /** An attempt that neither succeeds nor fails in this time counts as failed. */
    private readonly attemptTimeoutMs = 15_000,
  ) {
    super();
    this.machine = new ReconnectMachine(policy);
  }

  get up(): boolean {
    return this.machine.up;
  }

  get state(): string {
    return this.machine.state;
  }

  start(): void {
    this.act(this.machine.start());
  }

  /** The live connection ended (socket closed, server restarted). */
  lost(reason: string): void {
    if (this.machine.state !== 'up' && this.machine.state !== 'connecting') return;
    this.log.warn({ link: this.name, reason }, 'connection lost');
    this.act(this.machine.lost(this.clock.now()));
  }

  stop(): void {
    this.machine.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.setHealth(false);
  }

  private act(action: LinkAction): void {
    if (action.do === 'connect') void this.attempt(action.attempt);
    else if (action.do === 'wait') {
      this.setHealth(false);
      this.log.info({ link: this.name, inMs: action.delayMs, attempt: action.attempt }, 'reconnecting');
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.act(this.machine.tick(this.clock.now()));
      }, action.delayMs);
      this.timer.unref?.();
    }
  }

  private async attempt(n: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Belt and braces: a library callback that never fires must not stall reconnection forever.
      await Promise.race([
        this.open(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`attempt ${n} timed out`)), this.attemptTimeoutMs);
        }),
      ]);
    } catch (err) {
      if (n === 1 || n % 10 === 0) this.log.warn({ link: this.name, err: (err as Error).message, attempt: n }, 'connect failed');
      this.act(this.machine.lost(this.clock.now()));
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.machine.state !== 'connecting') return;
    this.machine.connected(this.clock.now());
    this.log.info({ link: this.name, attempt: n }, 'connected');
    this.setHealth(true);
  }

  private setHealth(up: boolean): void {
    if (this.healthy === up) return;
    this.healthy = up;
    this.emit('health', up);
  }
}
