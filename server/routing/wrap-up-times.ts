import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RouterEvents } from '../../core/routing/events';

/**
 * Writes `interactions.wrap_up_ended_at` when an agent's after-call work on an interaction ends
 * (the agent finished their notes, or the queue's wrap-up time ran out): reports count handle
 * time as talk plus wrap-up. Only the first end is kept.
 */
export function recordWrapUpEnds(events: RouterEvents, db: Knex, log: Logger): void {
  const inWrapUp = new Map<string, Set<string>>();
  events.on('agent_state', (e) => {
    const now = new Set(e.state.work.filter((w) => w.phase === 'wrap_up').map((w) => w.interactionId));
    const before = inWrapUp.get(e.agentId);
    inWrapUp.set(e.agentId, now);
    for (const id of before ?? []) {
      if (now.has(id)) continue;
      db('interactions')
        .where({ id })
        .whereNull('wrap_up_ended_at')
        .update({ wrap_up_ended_at: new Date(e.at) })
        .catch((err: unknown) => log.warn({ err, interactionId: id }, 'could not record the end of wrap-up'));
    }
  });
}
