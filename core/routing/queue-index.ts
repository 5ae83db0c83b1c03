import { IndexedHeap } from './heap';
import type { InteractionRecord, Media } from './model';

/**
 * Static sort key: lower is served first. Comparing effective priorities
 * (priority + waited / aging) at one instant is the same as comparing
 * enqueuedAt - priority * aging, which never changes — so aging costs nothing
 * and the heap never needs re-sorting.
 */
export interface Waiting {
  readonly rec: InteractionRecord;
  readonly key: number;
  readonly agingMs: number;
}

export const effectivePriority = (w: Waiting, now: number): number => (now - w.key) / w.agingMs;

export const servedBefore = (a: Waiting, b: Waiting): boolean => a.key < b.key || (a.key === b.key && a.rec.seq < b.rec.seq);

/** One heap per (queue, media, required skills): every agent either qualifies for all of it or none. */
export interface Bucket {
  readonly media: Media;
  readonly skills: Readonly<Record<string, number>>;
  readonly heap: IndexedHeap<Waiting>;
}

export function skillsSignature(skills: Readonly<Record<string, number>>): string {
  return Object.keys(skills)
    .sort()
    .map((name) => `${name}>=${skills[name]}`)
    .join(',');
}

export class QueueIndex {
  /** queueId -> media -> skills signature -> bucket */
  private readonly queues = new Map<string, Map<Media, Map<string, Bucket>>>();
  private readonly where = new Map<string, { bucket: Bucket; entry: Waiting }>();

  add(rec: InteractionRecord, agingSeconds: number): void {
    const agingMs = agingSeconds * 1000;
    const entry: Waiting = { rec, key: rec.enqueuedAt - rec.priority * agingMs, agingMs };
    const bucket = this.bucketFor(rec);
    bucket.heap.push(entry);
    this.where.set(rec.id, { bucket, entry });
  }

  remove(id: string): InteractionRecord | undefined {
    const at = this.where.get(id);
    if (!at) return undefined;
    this.where.delete(id);
    return at.bucket.heap.remove(id)?.rec;
  }

  *buckets(queueId: string, media: Media): Iterable<Bucket> {
    const byMedia = this.queues.get(queueId)?.get(media);
    if (!byMedia) return;
    for (const b of byMedia.values()) if (b.heap.size > 0) yield b;
  }

  /** Every waiting interaction of a queue (optionally one media), unordered. */
  *entries(queueId: string, media?: Media): Iterable<Waiting> {
    const byMedia = this.queues.get(queueId);
    if (!byMedia) return;
    for (const [m, bySkills] of byMedia) {
      if (media !== undefined && m !== media) continue;
      for (const b of bySkills.values()) yield* b.heap.values();
    }
  }

  /** 1-based place among the queue's waiting interactions of the same media. O(queue length): a query, not a decision. */
  position(id: string): number | undefined {
    const self = this.where.get(id)?.entry;
    if (!self) return undefined;
    let ahead = 0;
    for (const w of this.entries(self.rec.queueId, self.rec.media)) if (servedBefore(w, self)) ahead++;
    return ahead + 1;
  }

  private bucketFor(rec: InteractionRecord): Bucket {
    const byMedia = this.queues.get(rec.queueId) ?? new Map<Media, Map<string, Bucket>>();
    this.queues.set(rec.queueId, byMedia);
    const bySkills = byMedia.get(rec.media) ?? new Map<string, Bucket>();
    byMedia.set(rec.media, bySkills);
    const signature = skillsSignature(rec.skills);
    let bucket = bySkills.get(signature);
    if (!bucket) {
      bucket = { media: rec.media, skills: rec.skills, heap: new IndexedHeap<Waiting>(servedBefore, (w) => w.rec.id) };
      bySkills.set(signature, bucket);
    }
    return bucket;
  }
}
