import Queue from 'bull';
import type { Logger } from 'pino';
import { defaultJobOptions, type JobHandler, type JobOptions, type Jobs } from '../../core/jobs/jobs';

/** Jobs on Redis through bull, for multi-node installs. One bull queue per job queue name. */
export class BullJobs implements Jobs {
  private queues = new Map<string, Queue.Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly log: Logger,
    private readonly prefix = 'cc',
  ) {}

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<string> {
    const job = await this.queue(queue).add(data, {
      delay: options.delayMs ?? 0,
      attempts: options.attempts ?? defaultJobOptions.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? defaultJobOptions.backoffMs },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
    return String(job.id);
  }

  process<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    const q = this.queue(queue);
    q.process(concurrency, async (job) => {
      await handler({ id: String(job.id), queue, data: job.data as T, attempt: job.attemptsMade + 1 });
    }).catch((err: unknown) => this.log.error({ err, queue }, 'bull worker stopped'));
    q.on('failed', (job, err) => this.log.warn({ queue, jobId: job.id, attempt: job.attemptsMade, err }, 'job failed'));
  }

  async failed(queue: string): Promise<Array<{ id: string; data: unknown; error: string }>> {
    const jobs = await this.queue(queue).getFailed(0, 99);
    return jobs
      .filter((j) => j.attemptsMade >= (j.opts.attempts ?? 1))
      .map((j) => ({ id: String(j.id), data: j.data as unknown, error: j.failedReason ?? '' }));
  }

  async ready(): Promise<boolean> {
    const q = this.queue('health');
    const client = await q.isReady();
    return (await client.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: string): Queue.Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, this.redisUrl, { prefix: this.prefix });
      q.on('error', (err) => this.log.error({ err, queue: name }, 'bull queue error'));
      this.queues.set(name, q);
    }
    return q;
  }
}
