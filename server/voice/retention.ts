import { rmSync } from 'node:fs';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { AuditLog } from '../../core/audit/audit-log';
import type { Clock } from '../../core/clock';
import type { Jobs } from '../../core/jobs/jobs';

export const retentionQueue = 'recording-retention';

/** Deletes recordings past their retention date: the file, then the row is marked, then the audit log says so. */
export async function deleteExpiredRecordings(db: Knex, clock: Clock, log: Logger): Promise<number> {
  const now = new Date(clock.now());
  const expired = (await db('recordings').whereNull('deleted_at').andWhere('retain_until', '<', now).limit(500).select('id', 'path', 'interaction_id')) as Array<{ id: string; path: string; interaction_id: string }>;
  const audit = new AuditLog(db, clock);
  for (const rec of expired) {
    rmSync(rec.path, { force: true });
    await db('recordings').where({ id: rec.id }).update({ deleted_at: now });
    await audit.record({ userId: null, action: 'delete', entity: 'recording', entityId: rec.id, data: { interactionId: rec.interaction_id, reason: 'retention' } });
    log.info({ recordingId: rec.id, interactionId: rec.interaction_id }, 'recording deleted: retention period over');
  }
  return expired.length;
}

/** Runs the retention sweep through the jobs port once an hour (idempotent, so several nodes may). */
export function scheduleRecordingRetention(deps: { db: Knex; jobs: Jobs; clock: Clock; log: Logger }): () => void {
  deps.jobs.process(retentionQueue, async () => {
    await deleteExpiredRecordings(deps.db, deps.clock, deps.log);
  });
  const enqueue = () => void deps.jobs.add(retentionQueue, {}, { attempts: 2 }).catch((err: unknown) => deps.log.warn({ err }, 'could not schedule retention'));
  enqueue();
  const timer = setInterval(enqueue, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
