import type { AgentIndex, Membership } from './agent-index';
import { TOP_EMPTY, TOP_STRIDE, TOP_TRIED, type Bucket, type QueueIndex, type Waiting } from './queue-index';

/** The best top of one membership's buckets, with what `preferred` compares. */
interface Pick {
  readonly m: Membership;
  bucket: Bucket | undefined;
  tried: boolean;
  effective: number;
  seq: number;
}

/**
 * An agent has free slots: find the best waiting interaction among the tops of the buckets it
 * can serve — for each (queue, media) it has a free slot for, only the buckets whose required
 * skills it meets (cached per agent, see `AgentIndex.eligible`), read from the dense array of
 * bucket tops (`QueueIndex.tops`). Best = not refused by this agent, then higher queue priority, then higher
 * effective (aged) priority `(now - key) / aging`, then FIFO (submission order).
 *
 * The first `best()` scans those buckets once, keeping the best of each (queue, media). After an
 * offer, `taken(w)` rescans only the (queue, media) `w` came from (the only bucket whose top
 * changed), so an agent taking k interactions costs one scan plus k small ones, not k + 1 scans.
 * Cost: O(buckets the agent can serve), independent of how many agents or interactions there are.
 */
export class WorkFinder {
  private readonly picks: Pick[] = [];

  constructor(
    private readonly agents: AgentIndex,
    private readonly waiting: QueueIndex,
    private readonly agentId: string,
    private readonly now: number,
  ) {
    const mask = agents.freeMaskOf(agentId);
    if (mask === 0) return;
    for (const m of agents.membershipsOf(agentId)) {
      if ((mask & m.bit) === 0 || m.waiting.count === 0) continue;
      const pick: Pick = { m, bucket: undefined, tried: false, effective: 0, seq: 0 };
      this.scan(pick);
      if (pick.bucket !== undefined) this.picks.push(pick);
    }
  }

  /** The best waiting interaction for the agent's current free slots, if any. */
  best(): Waiting | undefined {
    const mask = this.agents.freeMaskOf(this.agentId);
    let best: Pick | undefined;
    for (const p of this.picks) {
      if (p.bucket === undefined || (mask & p.m.bit) === 0) continue;
      if (best === undefined || preferred(p, best)) best = p;
    }
    return best?.bucket?.heap.peek();
  }

  /** `w` left its bucket (offered): refresh the best of its (queue, media). */
  taken(w: Waiting): void {
    for (const p of this.picks) if (p.m.waiting === w.bucket.slot) this.scan(p);
  }

  private scan(p: Pick): void {
    const m = p.m;
    const agentId = this.agentId;
    const eligible = this.agents.eligible(agentId, m);
    const tops = this.waiting.tops;
    const agingMs = m.queue.agingSeconds * 1000;
    p.bucket = undefined;
    for (let j = 0; j < eligible.length; j++) {
      const id = eligible[j] as number;
      const at = id * TOP_STRIDE;
      const state = tops[at + 2];
      if (state === TOP_EMPTY) continue;
      const tried = state === TOP_TRIED && (this.waiting.all[id]?.heap.peek() as Waiting).rec.tried.includes(agentId);
      const effective = (this.now - (tops[at] as number)) / agingMs;
      const seq = tops[at + 1] as number;
      if (p.bucket !== undefined) {
        // Same queue: only refusal, effective priority and FIFO can differ.
        if (tried !== p.tried) {
          if (tried) continue;
        } else if (effective !== p.effective) {
          if (effective < p.effective) continue;
        } else if (seq >= p.seq) {
          continue;
        }
      }
      p.bucket = this.waiting.all[id];
      p.tried = tried;
      p.effective = effective;
      p.seq = seq;
    }
  }
}

/** Not already refused by this agent, then higher queue priority, then higher effective (aged) priority, then FIFO. */
function preferred(a: Pick, b: Pick): boolean {
  if (a.tried !== b.tried) return !a.tried;
  if (a.m.queue.priority !== b.m.queue.priority) return a.m.queue.priority > b.m.queue.priority;
  if (a.effective !== b.effective) return a.effective > b.effective;
  return a.seq < b.seq;
}
