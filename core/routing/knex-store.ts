import type { Knex } from 'knex';
import { z } from 'zod';
import type { AgentState } from '../agents/presence';
import type { RouterEvent } from './events';
import { InteractionRecordSchema, MediaSchema, type InteractionRecord } from './model';
import { projectionOf, type RouterStore, type StoredState } from './store';
import { transaction } from '../transaction';

/** Tables created by migrations/0002_routing.ts. */
export const ROUTING_TABLES = { events: 'routing_events', interactions: 'routing_interactions', agents: 'routing_agents' } as const;

/** Rows per multi-row statement: stays under SQLite's bound-variable limit. */
const CHUNK = 100;

const AgentStateSchema: z.ZodType<AgentState> = z.object({
  agentId: z.string(),
  presence: z.enum(['offline', 'available', 'not_ready']),
  reason: z.string().nullable(),
  since: z.number(),
  work: z.array(
    z.object({
      interactionId: z.string(),
      media: MediaSchema,
      queueId: z.string(),
      phase: z.enum(['reserved', 'ringing', 'busy', 'wrap_up']),
      since: z.number(),
    }),
  ),
  misses: z.number(),
  idleSince: z.number(),
  handled: z.number(),
});

const InteractionRows = z.array(z.object({ record: z.string() }));
const AgentRows = z.array(z.object({ state: z.string() }));

/**
 * Write-behind store over knex (SQLite via better-sqlite3, MySQL/MariaDB via mysql2). Events
 * appended during one synchronous router operation are written in the same transaction, so the
 * stored state is always at an operation boundary: a crash loses at most the unflushed tail, never
 * half a decision.
 */
export class KnexRouterStore implements RouterStore {
  private pending: RouterEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(private readonly db: Knex) {}

  append(event: RouterEvent): void {
    this.pending.push(event);
    // The first event of a batch schedules its write; the rest of the operation joins it.
    if (this.pending.length === 1) this.writing = this.writing.then(() => this.writeBatch());
  }

  async flush(): Promise<void> {
    await this.writing;
    if (this.pending.length > 0) {
      this.writing = this.writing.then(() => this.writeBatch());
      await this.writing;
    }
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
  }

  async load(): Promise<StoredState> {
    const interactions = InteractionRows.parse(await this.db(ROUTING_TABLES.interactions).select('record'));
    const agents = AgentRows.parse(await this.db(ROUTING_TABLES.agents).select('state'));
    return {
      interactions: interactions.map((r) => InteractionRecordSchema.parse(JSON.parse(r.record))),
      agents: agents.map((r) => AgentStateSchema.parse(JSON.parse(r.state))),
    };
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      await transaction(this.db, (trx) => write(trx, batch));
    } catch (error) {
      // Keep the batch (in order) for the next attempt; the caller of flush() hears about it.
      this.pending = [...batch, ...this.pending];
      this.failure = error;
    }
  }
}

async function write(trx: Knex.Transaction, batch: readonly RouterEvent[]): Promise<void> {
  const interactions = new Map<string, InteractionRecord | null>();
  const agents = new Map<string, AgentState>();
  const events = batch.map((event) => {
    const p = projectionOf(event);
    if (p.kind === 'agent') agents.set(p.id, p.state);
    else interactions.set(p.id, p.record);
    const isAgent = event.type === 'agent_state';
    return {
      at: event.at,
      type: event.type,
      interaction_id: isAgent ? null : event.interaction.id,
      agent_id: isAgent || 'agentId' in event ? event.agentId : null,
      queue_id: isAgent ? null : event.interaction.queueId,
      payload: JSON.stringify(event),
    };
  });
  const at = batch[batch.length - 1]?.at ?? 0;
  for (const rows of chunks(events)) await trx(ROUTING_TABLES.events).insert(rows);

  const gone = [...interactions].filter(([, rec]) => rec === null).map(([id]) => id);
  const live = [...interactions.values()].filter((rec): rec is InteractionRecord => rec !== null);
  for (const ids of chunks(gone)) await trx(ROUTING_TABLES.interactions).whereIn('id', ids).delete();
  const interactionRows = live.map((rec) => ({ id: rec.id, queue_id: rec.queueId, status: rec.status, record: JSON.stringify(rec), updated_at: at }));
  for (const rows of chunks(interactionRows)) await trx(ROUTING_TABLES.interactions).insert(rows).onConflict('id').merge();
  const agentRows = [...agents.values()].map((state) => ({ agent_id: state.agentId, state: JSON.stringify(state), updated_at: at }));
  for (const rows of chunks(agentRows)) await trx(ROUTING_TABLES.agents).insert(rows).onConflict('agent_id').merge();
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
