/**
 * An item of a `KeyHeap`: ordered by `key`, then `seq` (both numbers, lower first). The heap
 * keeps the item's own index in `pos` (-1 when not in a heap), so removing an item from the middle
 * (abandoned, offered, overflowed, a cancelled timer) is O(log n) with no side map and no
 * allocation: the hot routing path never hashes an id to find a heap slot.
 */
export interface HeapItem {
  readonly key: number;
  readonly seq: number;
  pos: number;
}

const before = (a: HeapItem, b: HeapItem): boolean => a.key < b.key || (a.key === b.key && a.seq < b.seq);

/** Binary min-heap over `HeapItem`s that track their own position. */
export class KeyHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  values(): readonly T[] {
    return this.items;
  }

  has(item: T): boolean {
    return item.pos >= 0 && this.items[item.pos] === item;
  }

  push(item: T): void {
    item.pos = this.items.length;
    this.items.push(item);
    this.up(item.pos);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Take `item` out wherever it sits; false if it is not in this heap. */
  remove(item: T): boolean {
    const at = item.pos;
    if (at < 0 || this.items[at] !== item) return false;
    const last = this.items.pop() as T;
    item.pos = -1;
    if (at < this.items.length) {
      this.items[at] = last;
      last.pos = at;
      this.down(this.up(at));
    }
    return true;
  }

  private up(i: number): number {
    const items = this.items;
    const item = items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!before(item, p)) break;
      items[i] = p;
      p.pos = i;
      i = parent;
    }
    items[i] = item;
    item.pos = i;
    return i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i] as T;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(items[right] as T, items[left] as T)) child = right;
      const c = items[child] as T;
      if (!before(c, item)) break;
      items[i] = c;
      c.pos = i;
      i = child;
    }
    items[i] = item;
    item.pos = i;
  }
}

/**
 * Binary min-heap that remembers where each item sits, so an item leaving from the middle
 * costs O(log n) instead of a scan. General-purpose (any order, string ids); the router's own
 * queues and timers use the allocation-free `KeyHeap`.
 */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly slot = new Map<string, number>();

  constructor(
    private readonly before: (a: T, b: T) => boolean,
    private readonly idOf: (item: T) => string,
  ) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  values(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    this.items.push(item);
    this.slot.set(this.idOf(item), this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(this.idOf(top));
    return top;
  }

  remove(id: string): T | undefined {
    const at = this.slot.get(id);
    if (at === undefined) return undefined;
    const item = this.items[at] as T;
    const last = this.items.pop() as T;
    this.slot.delete(id);
    if (at < this.items.length) {
      this.items[at] = last;
      this.slot.set(this.idOf(last), at);
      this.down(this.up(at));
    }
    return item;
  }

  private up(i: number): number {
    const item = this.items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.items[parent] as T;
      if (!this.before(item, p)) break;
      this.place(p, i);
      i = parent;
    }
    this.place(item, i);
    return i;
  }

  private down(i: number): void {
    const n = this.items.length;
    const item = this.items[i] as T;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.before(this.items[right] as T, this.items[left] as T)) child = right;
      const c = this.items[child] as T;
      if (!this.before(c, item)) break;
      this.place(c, i);
      i = child;
    }
    this.place(item, i);
  }

  private place(item: T, i: number): void {
    this.items[i] = item;
    this.slot.set(this.idOf(item), i);
  }
}
