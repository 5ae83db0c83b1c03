import { systemClock, type Clock } from '../../../core/clock';

export interface TokenBucketOptions {
  /** Burst size: tokens a fresh source starts with. */
  capacity: number;
  refillPerSecond: number;
  clock?: Clock;
  /** Tracked sources; the oldest are forgotten first so a spoofed-source flood cannot grow memory. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token bucket per key (the source IP). Pure apart from the injected clock. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;

  constructor(private readonly opts: TokenBucketOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** Takes `n` tokens if available. */
  take(key: string, n = 1): boolean {
    const bucket = this.refill(key);
    if (bucket.tokens < n) return false;
    bucket.tokens -= n;
    return true;
  }

  isEmpty(key: string): boolean {
    return this.refill(key).tokens < 1;
  }

  private refill(key: string): Bucket {
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.opts.capacity, at: now };
      if (this.buckets.size >= (this.opts.maxKeys ?? 10_000)) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    } else {
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.opts.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.opts.refillPerSecond);
      bucket.at = now;
    }
    // Re-inserting keeps Map order as least-recently-seen first.
    this.buckets.set(key, bucket);
    return bucket;
  }

  get size(): number {
    return this.buckets.size;
  }
}
