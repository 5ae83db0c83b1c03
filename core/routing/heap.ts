/**
 * Binary min-heap that remembers where each item sits, so an item leaving from the middle
 * (abandoned, offered, overflowed) costs O(log n) instead of a scan.
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
