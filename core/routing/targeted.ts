import type { InteractionRecord } from './model';

/**
 * Interactions sent to one named agent (a transfer to a colleague). They wait for that agent only,
 * outside the queue's buckets so nobody else takes them, oldest first, until the agent misses the
 * offer or `target.until` passes; then they join their queue like any other (the router decides).
 */
export class TargetedWaits {
  private readonly byAgent = new Map<string, InteractionRecord[]>();
  private readonly agentOf = new Map<string, string>();

  add(rec: InteractionRecord): void {
    const agentId = rec.target?.agentId;
    if (agentId === undefined) throw new Error(`interaction ${rec.id} has no target`);
    let list = this.byAgent.get(agentId);
    if (!list) {
      list = [];
      this.byAgent.set(agentId, list);
    }
    let at = list.length;
    while (at > 0 && (list[at - 1] as InteractionRecord).seq > rec.seq) at--;
    list.splice(at, 0, rec);
    this.agentOf.set(rec.id, agentId);
  }

  remove(id: string): InteractionRecord | undefined {
    const agentId = this.agentOf.get(id);
    if (agentId === undefined) return undefined;
    this.agentOf.delete(id);
    const list = this.byAgent.get(agentId) ?? [];
    const at = list.findIndex((r) => r.id === id);
    const [rec] = list.splice(at, 1);
    if (list.length === 0) this.byAgent.delete(agentId);
    return rec;
  }

  has(id: string): boolean {
    return this.agentOf.has(id);
  }

  /** What waits for this agent, oldest first (a copy: callers remove while iterating). */
  forAgent(agentId: string): InteractionRecord[] {
    return [...(this.byAgent.get(agentId) ?? [])];
  }

  /** 1-based place among what waits for the same agent and media. */
  position(id: string): number | undefined {
    const agentId = this.agentOf.get(id);
    if (agentId === undefined) return undefined;
    const list = this.byAgent.get(agentId) ?? [];
    const self = list.find((r) => r.id === id) as InteractionRecord;
    return list.filter((r) => r.media === self.media && r.seq <= self.seq).length;
  }

  *inQueue(queueId: string): Iterable<InteractionRecord> {
    for (const list of this.byAgent.values()) for (const rec of list) if (rec.queueId === queueId) yield rec;
  }
}
