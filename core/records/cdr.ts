import type { Knex } from 'knex';
import { z } from 'zod';
import type { Jobs } from '../jobs/jobs';
import { mediaSchema } from '../media';
import { transaction } from '../transaction';

const time = z.number().int().nullable(); // epoch ms (UTC)

export const legSnapshotSchema = z.object({
  id: z.string().max(36),
  role: z.enum(['caller', 'agent', 'supervisor', 'transfer', 'outbound', 'callback']),
  sipCallId: z.string().max(191).nullable(),
  fromUri: z.string().max(191).nullable(),
  toUri: z.string().max(191).nullable(),
  agentId: z.number().int().nullable(),
  codec: z.string().max(16).nullable(),
  startedAt: z.number().int(),
  answeredAt: time,
  endedAt: time,
  hangupCause: z.string().max(64).nullable(),
  hangupSide: z.string().max(16).nullable(),
});

export const callEventSchema = z.object({
  type: z.string().max(32),
  at: z.number().int(),
  legId: z.string().max(36).nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const recordingSnapshotSchema = z.object({
  id: z.string().max(36),
  path: z.string().max(255),
  startedAt: z.number().int(),
  endedAt: time,
  durationMs: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  pausedIntervals: z.array(z.object({ fromMs: z.number(), toMs: z.number() })),
  retainUntil: time,
});
export type RecordingSnapshot = z.infer<typeof recordingSnapshotSchema>;

/** Everything a report needs about one call, as it stands now. Each write replaces the previous one. */
export const cdrSnapshotSchema = z.object({
  version: z.number().int().min(1),
  id: z.string().max(36),
  media: mediaSchema,
  direction: z.enum(['inbound', 'outbound']),
  state: z.string().max(16),
  queueId: z.number().int().nullable(),
  agentId: z.number().int().nullable(),
  contactId: z.number().int().nullable(),
  priority: z.number().int(),
  skills: z.record(z.string(), z.number()),
  fromAddress: z.string().max(191).nullable(),
  toAddress: z.string().max(191).nullable(),
  arrivedAt: z.number().int(),
  ivrExitedAt: time,
  queuedAt: time,
  offeredAt: time,
  answeredAt: time,
  endedAt: time,
  abandoned: z.boolean(),
  waitMs: z.number().int().nullable(),
  talkMs: z.number().int().nullable(),
  hangupCause: z.string().max(64).nullable(),
  hangupSide: z.string().max(16).nullable(),
  exitReason: z.string().max(24).nullable(),
  ivrPath: z.array(z.object({ node: z.string(), type: z.string(), digits: z.string().optional(), at: z.number() })),
  variables: z.record(z.string(), z.string()),
  disposition: z.string().max(64).nullable(),
  notes: z.string().max(5000).nullable(),
  legs: z.array(legSnapshotSchema),
  events: z.array(callEventSchema),
  recordings: z.array(recordingSnapshotSchema),
});
export type CdrSnapshot = z.infer<typeof cdrSnapshotSchema>;
export type LegSnapshot = z.infer<typeof legSnapshotSchema>;

export const cdrQueue = 'cdr';

const d = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Call detail records go through the jobs port: the call side only enqueues a snapshot, and this
 * writer stores it. A process that dies between hang-up and write leaves the job behind, and the
 * next start writes it. Snapshots carry a version, so a retried older one never overwrites a newer.
 */
export class CdrWriter {
  constructor(private readonly db: Knex) {}

  async write(snapshot: CdrSnapshot): Promise<void> {
    const s = cdrSnapshotSchema.parse(snapshot);
    await transaction(this.db, async (trx) => {
      const row = {
        media: s.media,
        direction: s.direction,
        state: s.state,
        queue_id: s.queueId,
        agent_id: s.agentId,
        contact_id: s.contactId,
        priority: s.priority,
        skills: JSON.stringify(s.skills),
        from_address: s.fromAddress,
        to_address: s.toAddress,
        arrived_at: d(s.arrivedAt),
        ivr_exited_at: d(s.ivrExitedAt),
        queued_at: d(s.queuedAt),
        offered_at: d(s.offeredAt),
        answered_at: d(s.answeredAt),
        ended_at: d(s.endedAt),
        abandoned: s.abandoned,
        wait_ms: s.waitMs,
        talk_ms: s.talkMs,
        hangup_cause: s.hangupCause,
        hangup_side: s.hangupSide,
        exit_reason: s.exitReason,
        disposition: s.disposition,
        notes: s.notes,
        ivr_path: JSON.stringify(s.ivrPath),
        variables: JSON.stringify(s.variables),
        cdr_version: s.version,
      };
      const existing = (await trx('interactions').where({ id: s.id }).first('cdr_version')) as { cdr_version: number } | undefined;
      if (existing && existing.cdr_version >= s.version) return;
      if (existing) await trx('interactions').where({ id: s.id }).update(row);
      else await trx('interactions').insert({ id: s.id, ...row });
      for (const leg of s.legs) {
        const legRow = {
          interaction_id: s.id,
          role: leg.role,
          sip_call_id: leg.sipCallId,
          from_uri: leg.fromUri,
          to_uri: leg.toUri,
          agent_id: leg.agentId,
          codec: leg.codec,
          started_at: d(leg.startedAt),
          answered_at: d(leg.answeredAt),
          ended_at: d(leg.endedAt),
          hangup_cause: leg.hangupCause,
          hangup_side: leg.hangupSide,
        };
        if (await trx('call_legs').where({ id: leg.id }).first('id')) await trx('call_legs').where({ id: leg.id }).update(legRow);
        else await trx('call_legs').insert({ id: leg.id, ...legRow });
      }
      for (const rec of s.recordings) {
        const recRow = {
          interaction_id: s.id,
          path: rec.path,
          channels: 2,
          started_at: d(rec.startedAt),
          ended_at: d(rec.endedAt),
          duration_ms: rec.durationMs,
          size_bytes: rec.sizeBytes,
          paused_intervals: JSON.stringify(rec.pausedIntervals),
          retain_until: d(rec.retainUntil),
        };
        if (await trx('recordings').where({ id: rec.id }).first('id')) await trx('recordings').where({ id: rec.id }).update(recRow);
        else await trx('recordings').insert({ id: rec.id, ...recRow });
      }
      await trx('call_events').where({ interaction_id: s.id }).delete();
      if (s.events.length > 0) {
        await trx('call_events').insert(
          s.events.map((e, seq) => ({ interaction_id: s.id, leg_id: e.legId, type: e.type, at: new Date(e.at), data: e.data ? JSON.stringify(e.data) : null, seq })),
        );
      }
    });
  }
}

/** Registers the writer as the worker of the `cdr` jobs queue. */
export function processCdrJobs(jobs: Jobs, writer: CdrWriter): void {
  jobs.process<CdrSnapshot>(cdrQueue, (job) => writer.write(job.data), 1);
}
