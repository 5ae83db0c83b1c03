import { performance } from 'node:perf_hooks';
import { FRAME_MS } from './frame';

/** Monotonic milliseconds (performance.now by default: wall-clock steps must not move media). */
export interface TimeSource {
  now(): number;
}

export interface TimerPort {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export interface MediaClockOptions {
  time?: TimeSource;
  timers?: TimerPort;
  frameMs?: number;
  /**
   * Beyond this many overdue ticks the clock skips ahead instead of bursting (tick numbers jump).
   * 10 (200 ms) by default: a phone's jitter buffer discards anything later than that, so bursting
   * more only spends the CPU an overloaded engine lacks on audio nobody will play.
   */
  maxCatchUpTicks?: number;
  onError?: (err: unknown) => void;
}

/** `tick` counts frame periods since the clock started; a jump means periods were skipped. */
export type TickListener = (tick: number) => void;

/** Listener phases within one tick: mixers run before the sessions that send their output. */
export const TICK_ORDER = { mix: 0, send: 1, record: 2 } as const;

interface Entry {
  listener: TickListener;
  order: number;
}

const realTimers: TimerPort = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One 20 ms clock for every session in the process. Tick n is due at start + n * frameMs, an
 * absolute schedule, so timer lateness never accumulates into drift; a late timer runs all due
 * ticks at once (bounded by maxCatchUpTicks). It runs only while someone is subscribed.
 */
export class MediaClock {
  private readonly time: TimeSource;
  private readonly timers: TimerPort;
  private readonly frameMs: number;
  private readonly maxCatchUp: number;
  private readonly onError: (err: unknown) => void;
  // Replaced, never mutated, on (un)subscribe so a tick can iterate without copying.
  private entries: Entry[] = [];
  private startMs = 0;
  private next = 0;
  private handle: unknown = null;

  constructor(options: MediaClockOptions = {}) {
    this.time = options.time ?? performance;
    this.timers = options.timers ?? realTimers;
    this.frameMs = options.frameMs ?? FRAME_MS;
    this.maxCatchUp = options.maxCatchUpTicks ?? 10;
    this.onError = options.onError ?? ((err) => console.error('media clock listener failed', err));
  }

  /** The number of the next tick to run. */
  get nextTick(): number {
    return this.next;
  }

  get running(): boolean {
    return this.handle !== null;
  }

  subscribe(listener: TickListener, order: number = TICK_ORDER.send): () => void {
    const entry = { listener, order };
    this.entries = [...this.entries, entry].sort((a, b) => a.order - b.order);
    if (this.handle === null) this.start();
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
      if (this.entries.length === 0) this.stop();
    };
  }

  private start(): void {
    // Tick numbers continue across idle periods so listeners never see them go backwards.
    this.startMs = this.time.now() - this.next * this.frameMs;
    this.schedule();
  }

  private stop(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    const due = this.startMs + this.next * this.frameMs;
    this.handle = this.timers.set(() => this.run(), Math.max(0, due - this.time.now()));
  }

  private run(): void {
    const now = this.time.now();
    let ran = 0;
    while (this.entries.length > 0 && this.startMs + this.next * this.frameMs <= now) {
      if (ran === this.maxCatchUp) {
        this.next = Math.floor((now - this.startMs) / this.frameMs);
        ran = 0;
      }
      const tick = this.next++;
      for (const entry of this.entries) {
        try {
          entry.listener(tick);
        } catch (err) {
          this.onError(err);
        }
      }
      ran++;
    }
    if (this.entries.length > 0) this.schedule();
    else this.handle = null;
  }
}
