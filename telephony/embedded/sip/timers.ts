/** RFC 3261 timer base values; tests shrink T1 to run retransmission paths in milliseconds. */
export interface TimerConfig {
  t1: number;
  t2: number;
  t4: number;
}

export const DEFAULT_TIMERS: TimerConfig = { t1: 500, t2: 4_000, t4: 5_000 };

/** 64*T1: Timers B, F, H, J, L, M and the 2xx-retransmission give-up; also D (32 s at T1=500). */
export function transactionTimeout(t: TimerConfig): number {
  return 64 * t.t1;
}

/** A single restartable timer so that state machines never leak handles. */
export class Timer {
  private handle: ReturnType<typeof setTimeout> | undefined;

  start(ms: number, fn: () => void): void {
    this.stop();
    this.handle = setTimeout(() => {
      this.handle = undefined;
      fn();
    }, ms);
  }

  stop(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
  }

  get running(): boolean {
    return this.handle !== undefined;
  }
}
