/**
 * Reconnection as a pure state machine: the driver (link.ts) reports what happened with the
 * current time and does what the returned action says. Delays grow geometrically with jitter up
 * to a cap; a connection that stayed up for `stableMs` resets the ladder, one that flaps keeps
 * climbing, so a crash-looping FreeSWITCH is not hammered every 200 ms.
 */

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: each delay is drawn from [d·(1-jitter), d]. Spreads many app nodes apart. */
  jitter: number;
  /** Up this long counts as recovered: the next loss starts again from initialMs. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 10_000, factor: 2, jitter: 0.2, stableMs: 30_000 };

export type LinkState = 'idle' | 'connecting' | 'up' | 'waiting' | 'stopped';

export type LinkAction =
  | { do: 'connect'; attempt: number }
  | { do: 'wait'; delayMs: number; attempt: number }
  | { do: 'nothing' };

export class ReconnectMachine {
  private current: LinkState = 'idle';
  private failures = 0;
  private upSince = 0;
  private dueAt = 0;

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  get state(): LinkState {
    return this.current;
  }

  get up(): boolean {
    return this.current === 'up';
  }

  /** Consecutive failed attempts since the link was last stable. */
  get attempts(): number {
    return this.failures;
  }

  start(): LinkAction {
    if (this.current !== 'idle') return { do: 'nothing' };
    this.current = 'connecting';
    return { do: 'connect', attempt: this.failures + 1 };
  }

  connected(now: number): LinkAction {
    if (this.current !== 'connecting') return { do: 'nothing' };
    this.current = 'up';
    this.upSince = now;
    return { do: 'nothing' };
  }

  /** The attempt failed, or the live link dropped. */
  lost(now: number): LinkAction {
    if (this.current === 'stopped' || this.current === 'waiting' || this.current === 'idle') return { do: 'nothing' };
    if (this.current === 'up' && now - this.upSince >= this.policy.stableMs) this.failures = 0;
    const delayMs = this.delayFor(this.failures);
    this.failures++;
    this.current = 'waiting';
    this.dueAt = now + delayMs;
    return { do: 'wait', delayMs, attempt: this.failures + 1 };
  }

  /** The wait timer fired (or the driver polls); connect when due, else wait out the rest (timers fire early). */
  tick(now: number): LinkAction {
    if (this.current !== 'waiting') return { do: 'nothing' };
    if (now < this.dueAt) return { do: 'wait', delayMs: this.dueAt - now, attempt: this.failures + 1 };
    this.current = 'connecting';
    return { do: 'connect', attempt: this.failures + 1 };
  }

  stop(): void {
    this.current = 'stopped';
  }

  private delayFor(failures: number): number {
    const base = Math.min(this.policy.maxMs, this.policy.initialMs * this.policy.factor ** failures);
    const spread = base * this.policy.jitter * this.random();
    return Math.round(base - spread);
  }
}
