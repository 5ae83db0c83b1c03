/** Further behind than this is not a late packet but perhaps a restarted sender (RFC 3550 A.1). */
const MAX_MISORDER = 100;

/**
 * Puts RTP packets back in sequence order. In-order packets pass straight through (no added
 * latency); a packet after a gap is held until the gap fills or more than `depth` packets are
 * waiting, at which point the missing ones are given up as lost. Late duplicates are dropped.
 */
export class ReorderBuffer<T> {
  private readonly slots: (T | undefined)[];
  private readonly seqs: Int32Array;
  private readonly mask: number;
  private expected = -1;
  private held = 0;
  /** The sequence that would confirm a sender restarted far behind: -1 when none is suspected. */
  private restartAt = -1;
  dropped = 0;

  constructor(private readonly depth = 4) {
    let size = 8;
    while (size <= depth * 2) size *= 2;
    this.slots = new Array<T | undefined>(size);
    this.seqs = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  push(seq: number, item: T, emit: (item: T) => void): void {
    if (this.expected < 0) this.expected = seq;
    const d = (((seq - this.expected + 0x8000) & 0xffff) - 0x8000);
    if (d < 0) {
      // One packet far behind may be a stray; two in sequence are a sender that started over.
      const restarted = d < -MAX_MISORDER && seq === this.restartAt;
      this.restartAt = d < -MAX_MISORDER ? (seq + 1) & 0xffff : -1;
      if (!restarted) {
        this.dropped++;
        return;
      }
    }
    if (d < 0 || d > this.mask) {
      // A restart confirmed, or a jump far beyond the window (a long outage): resynchronise.
      this.drain(emit);
      this.expected = seq;
    }
    const i = seq & this.mask;
    if (this.seqs[i] === seq) {
      this.dropped++;
      return;
    }
    this.slots[i] = item;
    this.seqs[i] = seq;
    this.held++;
    this.release(emit);
    while (this.held > this.depth) {
      this.skipToNextHeld();
      this.release(emit);
    }
  }

  private release(emit: (item: T) => void): void {
    for (;;) {
      const i = this.expected & this.mask;
      if (this.seqs[i] !== this.expected) return;
      const item = this.slots[i] as T;
      this.slots[i] = undefined;
      this.seqs[i] = -1;
      this.held--;
      this.expected = (this.expected + 1) & 0xffff;
      emit(item);
    }
  }

  private skipToNextHeld(): void {
    for (let k = 0; k <= this.mask; k++) {
      const seq = (this.expected + k) & 0xffff;
      if (this.seqs[seq & this.mask] === seq) {
        this.expected = seq;
        return;
      }
    }
  }

  /** A new stream (another SSRC): forgets what the old one left and follows the next packet. */
  restart(): void {
    this.slots.fill(undefined);
    this.seqs.fill(-1);
    this.held = 0;
    this.expected = -1;
    this.restartAt = -1;
  }

  /** Emits everything held, in order (used on resync). */
  drain(emit: (item: T) => void): void {
    while (this.held > 0) {
      this.skipToNextHeld();
      this.release(emit);
    }
  }
}
