import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import { sipHa1 } from '../auth/passwords';
import type { Clock } from '../clock';
import { Conflict, NotFound, ValidationError } from '../errors';
import { capacitySchema, defaultCapacity, type Capacity } from '../media';
import { actorFields, createUserSchema, passwordSchema, type Actor, type UserService } from '../users/users';
import { transaction } from '../transaction';

export const skillLevelsSchema = z.record(z.string().min(1).max(64), z.number().int().min(1).max(10));

export const createAgentSchema = createUserSchema.omit({ role: true }).extend({
  role: z.enum(['agent', 'supervisor']).default('agent'),
  extension: z.string().regex(/^\d{2,10}$/, '2–10 digits'),
  sipPassword: passwordSchema,
  skills: skillLevelsSchema.default({}),
  capacity: capacitySchema.default(defaultCapacity),
  voiceBlocksChat: z.boolean().default(false),
  chatInterruptibleByVoice: z.boolean().default(true),
  queueIds: z.array(z.number().int().positive()).default([]),
});
export type CreateAgent = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = z
  .object({
    sipPassword: passwordSchema,
    skills: skillLevelsSchema,
    capacity: capacitySchema,
    voiceBlocksChat: z.boolean(),
    chatInterruptibleByVoice: z.boolean(),
    queueIds: z.array(z.number().int().positive()),
  })
  .partial();
export type UpdateAgent = z.infer<typeof updateAgentSchema>;

export interface AgentProfile {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  extension: string;
  skills: Record<string, number>;
  capacity: Capacity;
  voiceBlocksChat: boolean;
  chatInterruptibleByVoice: boolean;
  queueIds: number[];
}

interface AgentRow {
  id: number;
  user_id: number;
  username: string;
  display_name: string;
  extension: string;
  capacity: string;
  voice_blocks_chat: number | boolean;
  chat_interruptible_by_voice: number | boolean;
}

/** Agents: a user with an extension, SIP credentials, skills, capacity and queue memberships. */
export class AgentDirectory {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly users: UserService,
    private readonly sipRealm: string,
  ) {}

  async list(): Promise<AgentProfile[]> {
    const rows = (await this.baseQuery().orderBy('agents.extension')) as AgentRow[];
    return this.hydrate(rows);
  }

  async get(id: number): Promise<AgentProfile> {
    const rows = (await this.baseQuery().where('agents.id', id)) as AgentRow[];
    const [agent] = await this.hydrate(rows);
    if (!agent) throw new NotFound(`agent ${id} not found`);
    return agent;
  }

  async byUserId(userId: number): Promise<AgentProfile | undefined> {
    const rows = (await this.baseQuery().where('agents.user_id', userId)) as AgentRow[];
    return (await this.hydrate(rows))[0];
  }

  async byExtension(extension: string): Promise<AgentProfile | undefined> {
    const rows = (await this.baseQuery().where('agents.extension', extension)) as AgentRow[];
    return (await this.hydrate(rows))[0];
  }

  /** Digest credentials for the registrar; only HA1 is stored, bound to the realm it was made for. */
  async sipCredentials(extension: string, realm: string): Promise<{ ha1: string } | undefined> {
    const row = (await this.db('agents')
      .join('users', 'users.id', 'agents.user_id')
      .where({ 'agents.extension': extension, 'agents.sip_realm': realm, 'users.active': true })
      .first('agents.sip_ha1')) as { sip_ha1: string } | undefined;
    return row ? { ha1: row.sip_ha1 } : undefined;
  }

  async create(input: CreateAgent, actor: Actor): Promise<AgentProfile> {
    if (await this.db('agents').where({ extension: input.extension }).first()) {
      throw new Conflict(`extension ${input.extension} is taken`);
    }
    const id = await transaction(this.db, async (trx) => {
      const user = await this.users.create(
        { username: input.username, displayName: input.displayName, password: input.password, role: input.role, locale: input.locale },
        actor,
        trx,
      );
      const now = new Date(this.clock.now());
      const [agentId] = await trx('agents').insert({
        user_id: user.id,
        extension: input.extension,
        sip_realm: this.sipRealm,
        sip_ha1: sipHa1(input.extension, this.sipRealm, input.sipPassword),
        capacity: JSON.stringify(input.capacity),
        voice_blocks_chat: input.voiceBlocksChat,
        chat_interruptible_by_voice: input.chatInterruptibleByVoice,
        created_at: now,
        updated_at: now,
      });
      await this.writeSkills(trx, Number(agentId), input.skills);
      await this.writeQueues(trx, Number(agentId), input.queueIds);
      await this.audit.record({ ...actorFields(actor), action: 'create', entity: 'agent', entityId: Number(agentId), data: { ...input } }, trx);
      return Number(agentId);
    });
    return this.get(id);
  }

  async update(id: number, patch: UpdateAgent, actor: Actor): Promise<AgentProfile> {
    const agent = await this.get(id);
    await transaction(this.db, async (trx) => {
      const changes: Record<string, unknown> = { updated_at: new Date(this.clock.now()) };
      if (patch.sipPassword !== undefined) {
        changes.sip_realm = this.sipRealm;
        changes.sip_ha1 = sipHa1(agent.extension, this.sipRealm, patch.sipPassword);
      }
      if (patch.capacity !== undefined) changes.capacity = JSON.stringify(patch.capacity);
      if (patch.voiceBlocksChat !== undefined) changes.voice_blocks_chat = patch.voiceBlocksChat;
      if (patch.chatInterruptibleByVoice !== undefined) changes.chat_interruptible_by_voice = patch.chatInterruptibleByVoice;
      await trx('agents').where({ id }).update(changes);
      if (patch.skills !== undefined) await this.writeSkills(trx, id, patch.skills);
      if (patch.queueIds !== undefined) await this.writeQueues(trx, id, patch.queueIds);
      await this.audit.record({ ...actorFields(actor), action: 'update', entity: 'agent', entityId: id, data: { ...patch } }, trx);
    });
    return this.get(id);
  }

  async remove(id: number, actor: Actor): Promise<void> {
    const agent = await this.get(id);
    await this.users.remove(agent.userId, actor); // the agent row goes with its user (ON DELETE CASCADE)
    await this.db('agents').where({ id }).delete();
    await this.audit.record({ ...actorFields(actor), action: 'delete', entity: 'agent', entityId: id, data: { extension: agent.extension } });
  }

  private baseQuery(): Knex.QueryBuilder {
    return this.db('agents')
      .join('users', 'users.id', 'agents.user_id')
      .select('agents.*', 'users.username', 'users.display_name');
  }

  private async hydrate(rows: AgentRow[]): Promise<AgentProfile[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const skills = (await this.db('agent_skills')
      .join('skills', 'skills.id', 'agent_skills.skill_id')
      .whereIn('agent_skills.agent_id', ids)
      .select('agent_skills.agent_id', 'skills.name', 'agent_skills.level')) as Array<{ agent_id: number; name: string; level: number }>;
    const members = (await this.db('queue_members').whereIn('agent_id', ids)) as Array<{ agent_id: number; queue_id: number }>;
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      extension: r.extension,
      skills: Object.fromEntries(skills.filter((s) => s.agent_id === r.id).map((s) => [s.name, s.level])),
      capacity: capacitySchema.parse(JSON.parse(r.capacity)),
      voiceBlocksChat: Boolean(r.voice_blocks_chat),
      chatInterruptibleByVoice: Boolean(r.chat_interruptible_by_voice),
      queueIds: members.filter((m) => m.agent_id === r.id).map((m) => m.queue_id).sort((a, b) => a - b),
    }));
  }

  private async writeSkills(trx: Knex, agentId: number, skills: Record<string, number>): Promise<void> {
    await trx('agent_skills').where({ agent_id: agentId }).delete();
    const names = Object.keys(skills);
    if (names.length === 0) return;
    const known = (await trx('skills').whereIn('name', names)) as Array<{ id: number; name: string }>;
    const missing = names.filter((n) => !known.some((k) => k.name === n));
    if (missing.length > 0) throw new ValidationError(`unknown skills: ${missing.join(', ')}`, [{ path: 'skills', message: 'unknown skill' }]);
    await trx('agent_skills').insert(known.map((k) => ({ agent_id: agentId, skill_id: k.id, level: skills[k.name] })));
  }

  private async writeQueues(trx: Knex, agentId: number, queueIds: number[]): Promise<void> {
    await trx('queue_members').where({ agent_id: agentId }).delete();
    if (queueIds.length === 0) return;
    const known = (await trx('queues').whereIn('id', queueIds).select('id')) as Array<{ id: number }>;
    if (known.length !== new Set(queueIds).size) throw new ValidationError('unknown queue id', [{ path: 'queueIds', message: 'unknown queue' }]);
    await trx('queue_members').insert([...new Set(queueIds)].map((q) => ({ queue_id: q, agent_id: agentId })));
  }
}
