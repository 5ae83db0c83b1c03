import { Unavailable, ValidationError } from '../../../core/errors';

export interface PortRange {
  /** First RTP port (made even); RTCP uses port + 1. */
  min: number;
  /** Last port that may be used (for RTCP too). */
  max: number;
}

/**
 * Hands out even RTP ports from a range. Released ports go to the back of the queue so a port is
 * not reused at once, which keeps stray packets of the call that just ended out of the next one.
 */
export class PortPool {
  // A ring of free ports: Array.shift on a range of thousands of ports was O(n) per call.
  private readonly ring: Uint16Array;
  private head = 0;
  private count = 0;
  private readonly used = new Set<number>();

  constructor(range: PortRange) {
    const first = range.min + (range.min % 2);
    if (first < 1024 || range.max > 65535 || first + 1 > range.max) {
      throw new ValidationError(`bad RTP port range ${range.min}-${range.max}`);
    }
    this.ring = new Uint16Array(Math.floor((range.max - first + 1) / 2));
    for (let p = first; p + 1 <= range.max; p += 2) this.ring[this.count++] = p;
  }

  allocate(): number {
    if (this.count === 0) throw new Unavailable('no free RTP port');
    const port = this.ring[this.head]!;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    this.used.add(port);
    return port;
  }

  release(port: number): void {
    if (!this.used.delete(port)) return;
    this.ring[(this.head + this.count) % this.ring.length] = port;
    this.count++;
  }

  get available(): number {
    return this.count;
  }

  get inUse(): number {
    return this.used.size;
  }
}
