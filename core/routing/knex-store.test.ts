import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/support/db';
import { ManualClock } from '../clock';
import { KnexRouterStore, ROUTING_TABLES } from './knex-store';
import type { RouterConfigInput } from './model';
import { queue, restart, rig, ringingAt, seat } from './testing';

const config: RouterConfigInput = {
  queues: [queue('sales', { wrapUpSeconds: 60, offerTimeoutSeconds: 20, overflow: [{ afterSeconds: 300, action: 'voicemail' }] })],
  agents: [seat('a1', ['sales']), seat('a2', ['sales']), seat('a3', ['sales'])],
};
const call = (id: string) => ({ id, media: 'voice' as const, queueId: 'sales', contactId: `c-${id}` });

// Runs on SQLite, or on MariaDB when the suite runs with DATABASE_URL=mysql://… (a fresh database either way).
describe('KnexRouterStore over the shipped schema', () => {
  let database: TestDatabase;
  const backend = { open: (): Knex => database.open() };
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('brings back waiting interactions and agent states after a crash mid-offer; nothing lost or duplicated', async () => {
    const clock = new ManualClock();
    const db1 = backend.open();
    const first = rig(config, new KnexRouterStore(db1), clock);
    first.router.login('a1');
    first.router.login('a2');
    first.router.login('a3');
    first.router.setNotReady('a3', 'lunch');
    first.router.submit(call('talking'));
    first.router.accept('a1', 'talking');
    first.router.submit(call('ringing'));
    first.router.submit(call('waiting'));
    expect(ringingAt(first.router, 'ringing')).toEqual(['a2']);
    await first.router.persisted();
    await db1.destroy(); // the process dies here, the offer to a2 still ringing

    clock.advance(5_000);
    const db2 = backend.open();
    const second = await restart(config, new KnexRouterStore(db2), clock);
    const { router } = second;
    expect(router.agentStates().map((a) => [a.agentId, a.presence, a.reason])).toEqual([
      ['a1', 'available', null],
      ['a2', 'available', null],
      ['a3', 'not_ready', 'lunch'],
    ]);
    expect(router.interaction('talking')).toMatchObject({ status: 'active', agentId: 'a1' });
    // The in-flight offer was voided (no miss for a2) and re-queued ahead of the later arrival.
    expect(second.events.find((e) => e.type === 'offer_cancelled')).toMatchObject({ agentId: 'a2', reason: 'restart' });
    expect(ringingAt(router, 'ringing')).toEqual(['a2']);
    expect(router.interaction('waiting')?.status).toBe('waiting');
    expect(router.agentStates().find((a) => a.agentId === 'a2')?.misses).toBe(0);
    const holding = router.agentStates().flatMap((a) => a.work.map((w) => w.interactionId));
    expect(holding.sort()).toEqual(['ringing', 'talking']);

    router.accept('a2', 'ringing');
    router.end('talking');
    await router.persisted();
    await db2.destroy();

    // Once more: wrap-up resumes with the time it had left, and the waiting one reaches a1 after it.
    clock.advance(30_000);
    const db3 = backend.open();
    const third = await restart(config, new KnexRouterStore(db3), clock);
    expect(third.router.interaction('waiting')?.status).toBe('waiting');
    third.scheduler.advance(29_999);
    expect(third.router.interaction('waiting')?.status).toBe('waiting');
    third.scheduler.advance(1);
    expect(ringingAt(third.router, 'waiting')).toEqual(['a1']);
    await third.router.persisted();

    const rows = await db3(ROUTING_TABLES.events).select('type').orderBy('id');
    const types = rows.map((r: { type: string }) => r.type);
    expect(types.filter((t) => t === 'created')).toHaveLength(3);
    expect(types.filter((t) => t === 'accepted')).toHaveLength(2);
    const live = await db3(ROUTING_TABLES.interactions).select('id').orderBy('id');
    expect(live.map((r: { id: string }) => r.id)).toEqual(['ringing', 'waiting']);
    await db3.destroy();
  });

  it('keeps timestamps as UTC epoch milliseconds', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 12, 0, 0, 123));
    const db = backend.open();
    const { router } = rig(config, new KnexRouterStore(db), clock);
    router.submit(call('stamp'));
    await router.persisted();
    const [row] = await db(ROUTING_TABLES.events).where({ interaction_id: 'stamp', type: 'created' }).select('at');
    expect(Number((row as { at: number | string }).at)).toBe(Date.UTC(2026, 5, 1, 12, 0, 0, 123));
    router.abandon('stamp');
    await router.persisted();
    await db.destroy();
  });
});
