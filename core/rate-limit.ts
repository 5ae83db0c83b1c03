import type { Clock } from './clock';

/**
 * Token buckets keyed by caller (IP, IP+username, SIP source): `capacity` tries at once,
 * refilled at `perSecond`. Idle buckets are forgotten so a flood of sources cannot grow memory forever.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; false when the key is over its limit. */
  take(key: string): boolean {
    const bucket = this.refill(key);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return allowed;
  }

  /** Whether the key has a token, without spending it (for limits that count failures only). */
  allows(key: string): boolean {
    return this.refill(key).tokens >= 1;
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.evictOldest();
    return bucket;
  }

  /** Seconds until the key may try again (0 when it may now). */
  retryAfter(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil((1 - bucket.tokens) / this.perSecond);
  }

  /** Sources tracked now (bounded by maxKeys). */
  get size(): number {
    return this.buckets.size;
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private evictOldest(): void {
    // Map keeps insertion order and take() re-inserts, so the first key is the least recently used.
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
