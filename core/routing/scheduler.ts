import type { ManualClock } from '../clock';
import { IndexedHeap } from './heap';

/** Timers are injected so the router stays deterministic under a ManualClock. */
export interface Scheduler {
  /** Runs `fn` after `ms`; the returned function cancels it (calling it twice is harmless). */
  setTimer(ms: number, fn: () => void): () => void;
}

export const realScheduler: Scheduler = {
  setTimer(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    // A pending offer or wrap-up must not keep a stopping process alive.
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

interface Pending {
  id: string;
  due: number;
  seq: number;
  fn: () => void;
}

/** Test scheduler: `advance(ms)` moves the clock and fires due timers in (due time, creation) order. */
export class ManualScheduler implements Scheduler {
  private seq = 0;
  private readonly pending = new IndexedHeap<Pending>(
    (a, b) => a.due < b.due || (a.due === b.due && a.seq < b.seq),
    (p) => p.id,
  );

  constructor(private readonly clock: ManualClock) {}

  setTimer(ms: number, fn: () => void): () => void {
    const seq = this.seq++;
    const id = String(seq);
    this.pending.push({ id, due: this.clock.now() + Math.max(0, ms), seq, fn });
    return () => {
      this.pending.remove(id);
    };
  }

  /** Fires every timer due within `ms`, each at its own instant, then lands the clock at now + ms. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (let next = this.pending.peek(); next && next.due <= end; next = this.pending.peek()) {
      this.pending.pop();
      this.clock.advance(next.due - this.clock.now());
      next.fn();
    }
    this.clock.advance(end - this.clock.now());
  }
}
