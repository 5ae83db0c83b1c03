import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import type { Jobs } from '../../core/jobs/jobs';
import { freshDatabase, type TestDatabase } from '../../test/support/db';
import { testLog } from '../../test/support/log';
import { BullJobs } from './bull-jobs';
import { LocalJobs } from './local-jobs';

const redisUrl = 'redis://127.0.0.1:6379';
// One prefix per run, shared by producer and worker, so runs never see each other's jobs.
const bullPrefix = `cc-test-${process.pid}-${Date.now()}`;

function until(check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error('condition not met in time'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

// One suite, two adapters: the port means the same thing on Redis and in-process.
const adapters: Array<[string, (db: TestDatabase) => Jobs]> = [
  ['local (database-backed)', (t) => new LocalJobs(t.db, systemClock, testLog, { pollMs: 20, leaseMs: 60_000 })],
  ['bull (Redis)', () => new BullJobs(redisUrl, testLog, bullPrefix)],
];

describe.each(adapters)('jobs port: %s', (_name, make) => {
  let database: TestDatabase;
  let jobs: Jobs;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(async () => {
    await jobs.close();
  });

  it('runs an added job once with its data', async () => {
    jobs = make(database);
    const seen: Array<{ n: number; attempt: number }> = [];
    jobs.process<{ n: number }>('simple', async (job) => {
      seen.push({ n: job.data.n, attempt: job.attempt });
    });
    await jobs.add('simple', { n: 7 });
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([{ n: 7, attempt: 1 }]);
    expect(await jobs.ready()).toBe(true);
  });

  it('waits for a delayed job', async () => {
    jobs = make(database);
    const ranAt: number[] = [];
    jobs.process('delayed', async () => {
      ranAt.push(Date.now());
    });
    const addedAt = Date.now();
    await jobs.add('delayed', {}, { delayMs: 600 });
    await until(() => ranAt.length === 1);
    expect(ranAt[0]! - addedAt).toBeGreaterThanOrEqual(550);
  });

  it('retries a failing job with backoff, then succeeds', async () => {
    jobs = make(database);
    const attempts: number[] = [];
    jobs.process('flaky', async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error(`boom ${job.attempt}`);
    });
    await jobs.add('flaky', { x: 1 }, { attempts: 3, backoffMs: 50 });
    await until(() => attempts.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('keeps a job that used up its attempts as failed, with its error', async () => {
    jobs = make(database);
    let tries = 0;
    jobs.process('doomed', async () => {
      tries++;
      throw new Error('always broken');
    });
    await jobs.add('doomed', { id: 'abc' }, { attempts: 2, backoffMs: 20 });
    await until(() => tries === 2);
    let failed: Awaited<ReturnType<Jobs['failed']>> = [];
    await until(() => {
      jobs.failed('doomed').then((f) => (failed = f));
      return failed.length === 1;
    });
    expect(failed[0]).toMatchObject({ data: { id: 'abc' }, error: 'always broken' });
  });

  it('hands jobs added before a worker started to that worker (nothing lost across restarts)', async () => {
    const producer = make(database);
    await producer.add('handover', { k: 1 });
    await producer.add('handover', { k: 2 });
    await producer.close();
    jobs = make(database);
    const got: number[] = [];
    jobs.process<{ k: number }>('handover', async (job) => {
      got.push(job.data.k);
    });
    await until(() => got.length === 2);
    expect(got.sort()).toEqual([1, 2]);
  });
});
