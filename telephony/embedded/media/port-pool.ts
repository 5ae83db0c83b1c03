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
  private readonly free: number[] = [];
  private readonly used = new Set<number>();

  constructor(range: PortRange) {
    const first = range.min + (range.min % 2);
    if (first < 1024 || range.max > 65535 || first + 1 > range.max) {
      throw new ValidationError(`bad RTP port range ${range.min}-${range.max}`);
    }
    for (let p = first; p + 1 <= range.max; p += 2) this.free.push(p);
  }

  allocate(): number {
    const port = this.free.shift();
    if (port === undefined) throw new Unavailable('no free RTP port');
    this.used.add(port);
    return port;
  }

  release(port: number): void {
    if (!this.used.delete(port)) return;
    this.free.push(port);
  }

  get available(): number {
    return this.free.length;
  }

  get inUse(): number {
    return this.used.size;
  }
}
