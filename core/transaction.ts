import type { Knex } from 'knex';

const ATTEMPTS = 4;

/** InnoDB picks a victim when two transactions wait on each other's locks; SQLite reports a busy file. */
function isRetryable(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown };
  return e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213 || e.code === 'SQLITE_BUSY';
}

/**
 * The one way to run a transaction. A deadlock victim is rolled back whole, so running the work
 * again is safe and is what MySQL asks for: concurrent inserts under the same foreign keys (two
 * admins adding agents to one queue) deadlock on gap locks now and then. The work must touch only
 * `trx` and values it computes itself.
 */
export async function transaction<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRetryable(err)) throw err;
      // A short random pause so the two do not collide again in step.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
