import { KeyHeap, type HeapItem } from './heap';
import type { InteractionRecord, Media } from './model';

/**
 * Static sort key: lower is served first. Comparing effective priorities
 * (priority + waited / aging) at one instant is the same as comparing
 * enqueuedAt - priority * aging, which never changes — so aging costs nothing
 * and the heap never needs re-sorting. `seq` (submission order) breaks ties.
 */
export interface Waiting extends HeapItem {
  readonly rec: InteractionRecord;
  readonly key: number;
  readonly seq: number;
  readonly agingMs: number;
  readonly bucket: Bucket;
}

export const effectivePriority = (w: Waiting, now: number): number => (now - w.key) / w.agingMs;

export const servedBefore = (a: Waiting, b: Waiting): boolean => a.key < b.key || (a.key === b.key && a.rec.seq < b.rec.seq);

/** One heap per (queue, media, required skills): every agent either qualifies for all of it or none. */
export interface Bucket {
  readonly media: Media;
  readonly skills: Readonly<Record<string, number>>;
  readonly heap: KeyHeap<Waiting>;
  readonly slot: WaitSlot;
  /** Global bucket number: its top sits at `tops[id * TOP_STRIDE]` of the QueueIndex. */
  readonly id: number;
}

/** `QueueIndex.tops` holds [key, seq, state] per bucket; state is one of these. */
export const TOP_STRIDE = 3;
export const TOP_EMPTY = 0;
/** The top has never been refused by anyone. */
export const TOP_FRESH = 1;
/** The top was refused by someone: look at its `tried` list. */
export const TOP_TRIED = 2;

/**
 * The buckets of one (queue, media), in creation order. Buckets are never dropped (an empty one
 * costs a size check), so an agent can cache "the buckets I qualify for" as a prefix of this list
 * and only look at the ones created since.
 */
export interface WaitSlot {
  readonly buckets: Bucket[];
  readonly bySignature: Map<string, Bucket>;
  /** Interactions waiting in all buckets of the slot. */
  count: number;
}

const signatures = new WeakMap<object, string>();

export function skillsSignature(skills: Readonly<Record<string, number>>): string {
  let signature = signatures.get(skills);
  if (signature === undefined) {
    signature = Object.keys(skills)
      .sort()
      .map((name) => `${name}>=${skills[name]}`)
      .join(',');
    signatures.set(skills, signature);
  }
  return signature;
}

export class QueueIndex {
  /** queueId -> media -> its buckets */
  private readonly queues = new Map<string, Map<Media, WaitSlot>>();
  private readonly where = new Map<string, Waiting>();
  /** Every bucket by its global id. */
  readonly all: Bucket[] = [];
  /**
   * The top of every bucket of every queue, densely: [key, seq, state] x buckets. An agent looking
   * for work reads this one small array (a few thousand buckets: it stays in cache) instead of
   * visiting each bucket's heap, one cache miss each. Kept current on every push and removal.
   */
  tops = new Float64Array(64 * TOP_STRIDE);

  add(rec: InteractionRecord, agingSeconds: number): void {
    const agingMs = agingSeconds * 1000;
    const bucket = this.bucketFor(rec);
    const entry: Waiting = { rec, key: rec.enqueuedAt - rec.priority * agingMs, seq: rec.seq, agingMs, bucket, pos: -1 };
    bucket.heap.push(entry);
    bucket.slot.count++;
    if (bucket.heap.peek() === entry) this.writeTop(bucket);
    this.where.set(rec.id, entry);
  }

  remove(id: string): InteractionRecord | undefined {
    const entry = this.where.get(id);
    if (!entry) return undefined;
    this.where.delete(id);
    const bucket = entry.bucket;
    const wasTop = bucket.heap.peek() === entry;
    bucket.heap.remove(entry);
    bucket.slot.count--;
    if (wasTop) this.writeTop(bucket);
    return entry.rec;
  }

  /** The (queue, media) bucket list, created empty on first use so agents can hold on to it. */
  slot(queueId: string, media: Media): WaitSlot {
    let byMedia = this.queues.get(queueId);
    if (!byMedia) {
      byMedia = new Map();
      this.queues.set(queueId, byMedia);
    }
    let slot = byMedia.get(media);
    if (!slot) {
      slot = { buckets: [], bySignature: new Map(), count: 0 };
      byMedia.set(media, slot);
    }
    return slot;
  }

  /** Next of its bucket to be served: nothing of the same (queue, media, skills) waits ahead of it. */
  isFirst(id: string): boolean {
    const entry = this.where.get(id);
    return entry !== undefined && entry.bucket.heap.peek() === entry;
  }

  /** Non-empty buckets of a (queue, media). */
  *buckets(queueId: string, media: Media): Iterable<Bucket> {
    const slot = this.queues.get(queueId)?.get(media);
    if (!slot) return;
    for (const b of slot.buckets) if (b.heap.size > 0) yield b;
  }

  /** Every waiting interaction of a queue (optionally one media), unordered. */
  *entries(queueId: string, media?: Media): Iterable<Waiting> {
    const byMedia = this.queues.get(queueId);
    if (!byMedia) return;
    for (const [m, slot] of byMedia) {
      if (media !== undefined && m !== media) continue;
      for (const b of slot.buckets) yield* b.heap.values();
    }
  }

  /** 1-based place among the queue's waiting interactions of the same media. O(queue length): a query, not a decision. */
  position(id: string): number | undefined {
    const self = this.where.get(id);
    if (!self) return undefined;
    let ahead = 0;
    for (const w of this.entries(self.rec.queueId, self.rec.media)) if (servedBefore(w, self)) ahead++;
    return ahead + 1;
  }

  private writeTop(bucket: Bucket): void {
    const top = bucket.heap.peek();
    const tops = this.tops;
    const at = bucket.id * TOP_STRIDE;
    if (top === undefined) {
      tops[at + 2] = TOP_EMPTY;
      return;
    }
    tops[at] = top.key;
    tops[at + 1] = top.seq;
    tops[at + 2] = top.rec.tried.length > 0 ? TOP_TRIED : TOP_FRESH;
  }

  private bucketFor(rec: InteractionRecord): Bucket {
    const slot = this.slot(rec.queueId, rec.media);
    const signature = skillsSignature(rec.skills);
    let bucket = slot.bySignature.get(signature);
    if (!bucket) {
      bucket = { media: rec.media, skills: rec.skills, heap: new KeyHeap<Waiting>(), slot, id: this.all.length };
      slot.bySignature.set(signature, bucket);
      slot.buckets.push(bucket);
      this.all.push(bucket);
      if (this.tops.length < this.all.length * TOP_STRIDE) {
        const grown = new Float64Array(this.tops.length * 2);
        grown.set(this.tops);
        this.tops = grown;
      }
    }
    return bucket;
  }
}
