import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import { Conflict, NotFound } from '../errors';
import { actorFields, type Actor } from '../users/users';

export const skillSchema = z.object({
  name: z.string().trim().regex(/^[\p{L}\p{N}_.-]{1,64}$/u, 'letters, digits, . _ -'),
  description: z.string().max(255).default(''),
});
export type SkillInput = z.infer<typeof skillSchema>;
export interface Skill {
  id: number;
  name: string;
  description: string;
}

export class SkillService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<Skill[]> {
    return this.db('skills').orderBy('name');
  }

  async create(input: SkillInput, actor: Actor): Promise<Skill> {
    if (await this.db('skills').where({ name: input.name }).first()) throw new Conflict(`skill ${input.name} exists`);
    const [id] = await this.db('skills').insert(input);
    await this.audit.record({ ...actorFields(actor), action: 'create', entity: 'skill', entityId: Number(id), data: input });
    return { id: Number(id), name: input.name, description: input.description };
  }

  async remove(id: number, actor: Actor): Promise<void> {
    const deleted = await this.db('skills').where({ id }).delete();
    if (!deleted) throw new NotFound(`skill ${id} not found`);
    await this.audit.record({ ...actorFields(actor), action: 'delete', entity: 'skill', entityId: id });
  }
}
