import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { IndexedHeap } from './heap';
import { ManualScheduler } from './scheduler';

describe('IndexedHeap', () => {
  it('pops in order after arbitrary pushes and removals from the middle', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 50 }), (keys, removals) => {
        const heap = new IndexedHeap<{ id: string; k: number }>((a, b) => a.k < b.k, (x) => x.id);
        const live = new Map<string, number>();
        keys.forEach((k, i) => {
          heap.push({ id: `i${i}`, k });
          live.set(`i${i}`, k);
        });
        for (const r of removals) {
          const id = `i${r % Math.max(1, keys.length)}`;
          const removed = heap.remove(id);
          expect(removed?.k).toBe(live.get(id));
          live.delete(id);
        }
        const out: number[] = [];
        for (let x = heap.pop(); x; x = heap.pop()) out.push(x.k);
        expect(out).toEqual([...live.values()].sort((a, b) => a - b));
      }),
    );
  });
});

describe('ManualScheduler', () => {
  it('fires timers in due order at their own instant, and cancelled ones never', () => {
    const clock = new ManualClock(0);
    const s = new ManualScheduler(clock);
    const fired: string[] = [];
    s.setTimer(300, () => fired.push(`c@${clock.now()}`));
    s.setTimer(100, () => {
      fired.push(`a@${clock.now()}`);
      s.setTimer(50, () => fired.push(`a2@${clock.now()}`));
    });
    const cancel = s.setTimer(200, () => fired.push('b'));
    cancel();
    cancel();
    s.advance(250);
    expect(fired).toEqual(['a@100', 'a2@150']);
    expect(clock.now()).toBe(250);
    s.advance(100);
    expect(fired).toEqual(['a@100', 'a2@150', 'c@300']);
  });
});
