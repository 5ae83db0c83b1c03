import { performance } from 'node:perf_hooks';
import type { ManualClock } from '../clock';
import { KeyHeap, type HeapItem } from './heap';

/** Timers are injected so the router stays deterministic under a ManualClock. */
export interface Scheduler {
  /** Runs `fn` after `ms`; the returned function cancels it (calling it twice is harmless). */
  setTimer(ms: number, fn: () => void): () => void;
}

/** One pending timer: ordered by due time, then creation. */
interface Pending extends HeapItem {
  readonly fn: () => void;
}

/** Longest delay setTimeout takes; a later timer just wakes up once more on the way. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Production scheduler: every router timer (offer timeouts, ring steps, wrap-ups, overflow) sits in
 * one heap, and a single Node timer is armed for the earliest. Setting or cancelling a timer is an
 * O(log n) heap operation with no Node timer object per offer.
 */
export class TimerHeapScheduler implements Scheduler {
  private seq = 0;
  private readonly pending = new KeyHeap<Pending>();
  private handle: ReturnType<typeof setTimeout> | null = null;
  private armedFor = Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get size(): number {
    return this.pending.size;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Pending = { key: this.now() + Math.max(0, ms), seq: this.seq++, pos: -1, fn };
    this.pending.push(timer);
    if (timer.key < this.armedFor) this.arm();
    // A cancelled timer leaves the heap at once; the wake-up, if it was for it, finds nothing due and re-arms.
    return () => {
      this.pending.remove(timer);
    };
  }

  private arm(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
    const next = this.pending.peek();
    this.armedFor = next ? next.key : Infinity;
    if (!next) return;
    this.handle = setTimeout(() => this.fire(), Math.min(MAX_DELAY, Math.max(0, next.key - this.now())));
    // A pending offer or wrap-up must not keep a stopping process alive.
    this.handle.unref?.();
  }

  private fire(): void {
    this.handle = null;
    this.armedFor = Infinity;
    try {
      const now = this.now();
      for (let next = this.pending.peek(); next && next.key <= now; next = this.pending.peek()) {
        this.pending.pop();
        next.fn();
      }
    } finally {
      this.arm();
    }
  }
}

export const realScheduler: Scheduler = new TimerHeapScheduler();

/** Test scheduler: `advance(ms)` moves the clock and fires due timers in (due time, creation) order. */
export class ManualScheduler implements Scheduler {
  private seq = 0;
  private readonly pending = new KeyHeap<Pending>();

  constructor(private readonly clock: ManualClock) {}

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Pending = { key: this.clock.now() + Math.max(0, ms), seq: this.seq++, pos: -1, fn };
    this.pending.push(timer);
    return () => {
      this.pending.remove(timer);
    };
  }

  /** Fires every timer due within `ms`, each at its own instant, then lands the clock at now + ms. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (let next = this.pending.peek(); next && next.key <= end; next = this.pending.peek()) {
      this.pending.pop();
      this.clock.advance(next.key - this.clock.now());
      next.fn();
    }
    this.clock.advance(end - this.clock.now());
  }
}
