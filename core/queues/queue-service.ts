import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Conflict, NotFound, ValidationError } from '../errors';
import { QueueSchema, type QueueConfig } from '../routing/model';
import { actorFields, type Actor } from '../users/users';

export const recordingPolicySchema = z.enum(['always', 'on_demand', 'never']);

/** What an admin sets on a queue: the router's queue model plus what the channels need. */
export const queueInputSchema = QueueSchema.omit({ id: true }).extend({
  name: z.string().trim().min(1).max(64),
  recordingPolicy: recordingPolicySchema.default('always'),
  /** Seconds between "you are number N, about M minutes" announcements to waiting callers. */
  announceEverySeconds: z.number().int().min(10).max(600).default(30),
  /** Skills every interaction of this queue needs (name -> minimum level). */
  requiredSkills: z.record(z.string(), z.number().int().min(1).max(10)).default({}),
  businessHoursId: z.number().int().positive().nullable().default(null),
  /** Whether agents of this queue see when a supervisor listens, whispers or barges in. */
  notifyAgentOnMonitor: z.boolean().default(false),
});
export type QueueInput = z.input<typeof queueInputSchema>;
export const queuePatchSchema = queueInputSchema.partial();

export interface QueueSettings extends QueueConfig {
  recordingPolicy: z.infer<typeof recordingPolicySchema>;
  announceEverySeconds: number;
  requiredSkills: Record<string, number>;
  businessHoursId: number | null;
  notifyAgentOnMonitor: boolean;
}

interface QueueRow {
  id: number;
  name: string;
  config: string;
  recording_policy: string;
  business_hours_id: number | null;
}

const storedSchema = queueInputSchema.omit({ name: true, recordingPolicy: true, businessHoursId: true });

function toSettings(row: QueueRow): QueueSettings {
  const stored = storedSchema.parse(JSON.parse(row.config));
  return {
    ...stored,
    id: String(row.id),
    name: row.name,
    recordingPolicy: recordingPolicySchema.parse(row.recording_policy),
    businessHoursId: row.business_hours_id,
  };
}

/** Queues as admins configure them; the router reads them from here. */
export class QueueService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<QueueSettings[]> {
    return ((await this.db('queues').orderBy('id')) as QueueRow[]).map(toSettings);
  }

  async get(id: number): Promise<QueueSettings> {
    const row = (await this.db('queues').where({ id }).first()) as QueueRow | undefined;
    if (!row) throw new NotFound(`queue ${id} not found`);
    return toSettings(row);
  }

  async create(input: QueueInput, actor: Actor): Promise<QueueSettings> {
    const parsed = queueInputSchema.parse(input);
    await this.checkTargets(parsed.overflow);
    if (await this.db('queues').where({ name: parsed.name }).first()) throw new Conflict(`queue ${parsed.name} exists`);
    const now = new Date(this.clock.now());
    const { name, recordingPolicy, businessHoursId, ...config } = parsed;
    const [id] = await this.db('queues').insert({
      name,
      config: JSON.stringify(config),
      recording_policy: recordingPolicy,
      business_hours_id: businessHoursId,
      created_at: now,
      updated_at: now,
    });
    await this.audit.record({ ...actorFields(actor), action: 'create', entity: 'queue', entityId: Number(id), data: parsed });
    return this.get(Number(id));
  }

  async update(id: number, patch: z.input<typeof queuePatchSchema>, actor: Actor): Promise<QueueSettings> {
    const current = await this.get(id);
    const merged = queueInputSchema.parse({ ...current, ...patch });
    await this.checkTargets(merged.overflow, id);
    const { name, recordingPolicy, businessHoursId, ...config } = merged;
    if (name !== current.name && (await this.db('queues').where({ name }).first())) throw new Conflict(`queue ${name} exists`);
    await this.db('queues').where({ id }).update({
      name,
      config: JSON.stringify(config),
      recording_policy: recordingPolicy,
      business_hours_id: businessHoursId,
      updated_at: new Date(this.clock.now()),
    });
    await this.audit.record({ ...actorFields(actor), action: 'update', entity: 'queue', entityId: id, data: { ...patch } });
    return this.get(id);
  }

  async remove(id: number, actor: Actor): Promise<void> {
    const queue = await this.get(id);
    await this.db('queues').where({ id }).delete();
    await this.audit.record({ ...actorFields(actor), action: 'delete', entity: 'queue', entityId: id, data: { name: queue.name } });
  }

  private async checkTargets(rules: QueueConfig['overflow'], self?: number): Promise<void> {
    for (const rule of rules) {
      if (rule.action !== 'move_queue') continue;
      const target = Number(rule.targetQueueId);
      if (target === self || !(await this.db('queues').where({ id: target }).first())) {
        throw new ValidationError('overflow target queue does not exist', [{ path: 'body.overflow.targetQueueId', message: 'unknown queue' }]);
      }
    }
  }
}
