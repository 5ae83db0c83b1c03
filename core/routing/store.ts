import type { AgentState } from '../agents/presence';
import { TERMINAL, type RouterEvent } from './events';
import type { InteractionRecord } from './model';

/** What a router needs to come back after a restart: live interactions and agent states. */
export interface StoredState {
  readonly interactions: readonly InteractionRecord[];
  readonly agents: readonly AgentState[];
}

/**
 * Durability port. The router appends events synchronously, in order (its decisions never wait on
 * I/O); an adapter may write behind, but must keep the order and make each flushed batch atomic.
 * `flush` resolves once everything appended so far is durable.
 */
export interface RouterStore {
  append(event: RouterEvent): void;
  flush(): Promise<void>;
  load(): Promise<StoredState>;
}

/** How an event changes the stored state: events carry full snapshots, so it is an upsert or a delete. */
export type Projection =
  | { kind: 'interaction'; id: string; record: InteractionRecord | null }
  | { kind: 'agent'; id: string; state: AgentState };

export function projectionOf(event: RouterEvent): Projection {
  if (event.type === 'agent_state') return { kind: 'agent', id: event.agentId, state: event.state };
  const record = TERMINAL.has(event.type) ? null : event.interaction;
  return { kind: 'interaction', id: event.interaction.id, record };
}

/**
 * In-process store for tests and the benchmark; `keepLog: false` keeps only the projection.
 * Like the durable store it writes behind: `append` is an O(1) push onto the current batch (and
 * onto `log`, which stays synchronous for tests that read it), and the batch is applied to the
 * projection on a microtask, or by `flush()` / `load()`, whichever comes first.
 */
export class MemoryStore implements RouterStore {
  readonly log: RouterEvent[] = [];
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly agents = new Map<string, AgentState>();
  private pending: RouterEvent[] = [];
  private scheduled = false;
  private readonly drain = (): void => this.apply();

  constructor(private readonly options: { keepLog: boolean } = { keepLog: true }) {}

  append(event: RouterEvent): void {
    if (this.options.keepLog) this.log.push(event);
    this.pending.push(event);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.drain);
    }
  }

  async flush(): Promise<void> {
    this.apply();
  }

  async load(): Promise<StoredState> {
    this.apply();
    return { interactions: [...this.interactions.values()], agents: [...this.agents.values()] };
  }

  private apply(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const event of batch) {
      const p = projectionOf(event);
      if (p.kind === 'agent') this.agents.set(p.id, p.state);
      else if (p.record) this.interactions.set(p.id, p.record);
      else this.interactions.delete(p.id);
    }
  }
}
