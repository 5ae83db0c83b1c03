/**
 * The jobs port: durable background work (CDR writes, recording retention, callbacks).
 * Two adapters implement it: bull on Redis, and a database-backed in-process queue for
 * single-node installs. Both pass `server/jobs/jobs.contract.test.ts`.
 */
export interface JobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** First retry waits this long; each further retry doubles it (default 1000). */
  backoffMs?: number;
}

export interface Job<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface Jobs {
  add<T>(queue: string, data: T, options?: JobOptions): Promise<string>;
  process<T>(queue: string, handler: JobHandler<T>, concurrency?: number): void;
  /** Jobs that used up their attempts, newest first, for the admin to see. */
  failed(queue: string): Promise<Array<{ id: string; data: unknown; error: string }>>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const defaultJobOptions = { attempts: 3, backoffMs: 1000 } as const;

export function retryDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}
