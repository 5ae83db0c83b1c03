import { describe, expect, it } from 'vitest';
import { PortPool } from './port-pool';
import { ReorderBuffer } from './reorder-buffer';

function feed(seqs: number[], depth = 4): number[] {
  const buf = new ReorderBuffer<number>(depth);
  const out: number[] = [];
  for (const s of seqs) buf.push(s, s, (x) => out.push(x));
  return out;
}

describe('ReorderBuffer', () => {
  it('passes in-order packets straight through and restores swapped ones', () => {
    expect(feed([1, 2, 4, 3, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(feed([65534, 0, 65535, 1])).toEqual([65534, 65535, 0, 1]);
  });

  it('drops duplicates and packets that arrive after their slot was given up', () => {
    expect(feed([1, 2, 2, 3, 1])).toEqual([1, 2, 3]);
    // 3 is lost: after more than 4 packets wait, the buffer moves on; a late 3 is dropped.
    expect(feed([1, 2, 4, 5, 6, 7, 8, 3, 9])).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
  });

  it('resynchronises on a large jump (sender restart)', () => {
    expect(feed([10, 11, 5000, 5001])).toEqual([10, 11, 5000, 5001]);
  });

  it('follows a sender that restarted far behind once two packets in sequence confirm it (RFC 3550 A.1)', () => {
    expect(feed([5000, 5001, 10, 11, 12])).toEqual([5000, 5001, 11, 12]);
    // One stray far behind is dropped and changes nothing.
    expect(feed([5000, 10, 5001, 5002])).toEqual([5000, 5001, 5002]);
  });

  it('restart() forgets the old stream, held packets included', () => {
    const buf = new ReorderBuffer<number>(4);
    const out: number[] = [];
    const push = (s: number): void => buf.push(s, s, (x) => out.push(x));
    [100, 102].forEach(push);
    buf.restart();
    [50, 51].forEach(push);
    expect(out).toEqual([100, 50, 51]);
  });
});

describe('PortPool', () => {
  it('allocates even ports and reuses released ones last', () => {
    const pool = new PortPool({ min: 10001, max: 10007 });
    expect([pool.allocate(), pool.allocate(), pool.allocate()]).toEqual([10002, 10004, 10006]);
    expect(() => pool.allocate()).toThrow();
    pool.release(10004);
    pool.release(10004);
    expect(pool.available).toBe(1);
    expect(pool.allocate()).toBe(10004);
  });

  it('hands released ports back oldest first as the ring wraps', () => {
    const pool = new PortPool({ min: 20000, max: 20005 });
    const [a, b, c] = [pool.allocate(), pool.allocate(), pool.allocate()];
    for (let round = 0; round < 3; round++) {
      pool.release(c);
      pool.release(a);
      expect(pool.allocate()).toBe(c);
      pool.release(b);
      expect([pool.allocate(), pool.allocate()]).toEqual([a, b]);
      expect(pool.available).toBe(0);
      expect(pool.inUse).toBe(3);
    }
  });
});
