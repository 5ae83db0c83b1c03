/** What a strategy may know about an eligible agent (already filtered for presence, capacity, skills). */
export interface Candidate {
  readonly agentId: string;
  readonly idleSince: number;
  readonly handled: number;
  /** 0..1 of the interaction's media slots in use. */
  readonly occupancy: number;
  /** Sum of the agent's levels in the interaction's required skills (all skills if none required). */
  readonly proficiency: number;
}

export interface StrategyContext {
  readonly now: number;
  /** The agent this queue last assigned to (round-robin continues after them). */
  readonly lastAssigned: string | null;
}

/** 'one': offer to the first; 'all': ring every candidate; 'progressive': add the next one every step. */
export type RingMode = 'one' | 'all' | 'progressive';

export interface Strategy {
  readonly ring: RingMode;
  /** Candidates in the order they should be offered the interaction. */
  select(candidates: readonly Candidate[], ctx: StrategyContext): string[];
}

type Compare = (a: Candidate, b: Candidate) => number;

export const longestIdleFirst: Compare = (a, b) => a.idleSince - b.idleSince;
/** Ties end on the id so every run orders the same way. */
const byId: Compare = (a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);

export function orderBy(candidates: readonly Candidate[], ...compares: Compare[]): string[] {
  const all = [...compares, byId];
  return [...candidates]
    .sort((a, b) => {
      for (const c of all) {
        const d = c(a, b);
        if (d !== 0) return d;
      }
      return 0;
    })
    .map((c) => c.agentId);
}
