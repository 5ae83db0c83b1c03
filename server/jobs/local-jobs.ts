import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import { defaultJobOptions, retryDelay, type JobHandler, type JobOptions, type Jobs } from '../../core/jobs/jobs';
import { transaction } from '../../core/transaction';

interface Worker {
  handler: JobHandler<unknown>;
  concurrency: number;
  running: number;
}

interface JobRow {
  id: number;
  data: string;
  attempts_made: number;
  max_attempts: number;
  backoff_ms: number;
}

/**
 * In-process jobs for single-node installs, kept in the `jobs` table. A job is leased while it runs;
 * a process that dies mid-job leaves the lease to expire, and the next start runs the job again.
 */
export class LocalJobs implements Jobs {
  private workers = new Map<string, Worker>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private inFlight = new Set<Promise<void>>();
  private recovered: Promise<unknown> | undefined;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options = { pollMs: 250, leaseMs: 60_000 },
  ) {}

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<string> {
    const [id] = await this.db('jobs').insert({
      queue,
      data: JSON.stringify(data),
      max_attempts: options.attempts ?? defaultJobOptions.attempts,
      backoff_ms: options.backoffMs ?? defaultJobOptions.backoffMs,
      run_at: this.clock.now() + (options.delayMs ?? 0),
    });
    this.wake();
    return String(id);
  }

  process<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    this.workers.set(queue, { handler: handler as JobHandler<unknown>, concurrency, running: 0 });
    this.wake();
  }

  async failed(queue: string): Promise<Array<{ id: string; data: unknown; error: string }>> {
    const rows = await this.db('jobs').where({ queue, state: 'failed' }).orderBy('id', 'desc').limit(100);
    return rows.map((r: { id: number; data: string; last_error: string | null }) => ({
      id: String(r.id),
      data: JSON.parse(r.data) as unknown,
      error: r.last_error ?? '',
    }));
  }

  async ready(): Promise<boolean> {
    await this.db.raw('select 1');
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private wake(): void {
    if (this.closed || this.workers.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.poll()
        .catch((err: unknown) => this.log.error({ err }, 'jobs poll failed'))
        .finally(() => {
          if (!this.closed) this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        });
    }, 0);
  }

  private async poll(): Promise<void> {
    // Single node: a lease still held at start-up belongs to a process that died mid-job.
    this.recovered ??= this.db('jobs').whereNotNull('locked_until').update({ locked_until: null });
    await this.recovered;
    for (const [queue, worker] of this.workers) {
      while (!this.closed && worker.running < worker.concurrency) {
        const row = await this.claim(queue);
        if (!row) break;
        worker.running++;
        const run = this.run(queue, worker, row).finally(() => {
          worker.running--;
          this.inFlight.delete(run);
          this.wake();
        });
        this.inFlight.add(run);
      }
    }
  }

  private async claim(queue: string): Promise<JobRow | undefined> {
    const now = this.clock.now();
    return transaction(this.db, async (trx) => {
      const row = (await trx('jobs')
        .where({ queue, state: 'waiting' })
        .andWhere('run_at', '<=', now)
        .andWhere((q) => q.whereNull('locked_until').orWhere('locked_until', '<', now))
        .orderBy('run_at')
        .orderBy('id')
        .first()
        .forUpdate()) as JobRow | undefined;
      if (!row) return undefined;
      await trx('jobs').where({ id: row.id }).update({ locked_until: now + this.options.leaseMs, attempts_made: row.attempts_made + 1 });
      return { ...row, attempts_made: row.attempts_made + 1 };
    });
  }

  private async run(queue: string, worker: Worker, row: JobRow): Promise<void> {
    try {
      await worker.handler({ id: String(row.id), queue, data: JSON.parse(row.data) as unknown, attempt: row.attempts_made });
      await this.db('jobs').where({ id: row.id }).delete();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const exhausted = row.attempts_made >= row.max_attempts;
      this.log.warn({ queue, jobId: row.id, attempt: row.attempts_made, err }, exhausted ? 'job failed for good' : 'job failed, will retry');
      await this.db('jobs')
        .where({ id: row.id })
        .update({
          state: exhausted ? 'failed' : 'waiting',
          locked_until: null,
          last_error: message.slice(0, 2000),
          run_at: this.clock.now() + retryDelay(row.backoff_ms, row.attempts_made),
        });
    }
  }
}
