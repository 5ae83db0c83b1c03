import type { Knex } from 'knex';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import { Conflict, NotFound } from '../../core/errors';

export const cannedInputSchema = z.object({
  shortcut: z.string().trim().regex(/^[\p{L}\p{N}_-]{1,32}$/u, 'letters, digits, _ or -'),
  title: z.string().trim().min(1).max(128),
  body: z.string().trim().min(1).max(5000),
});
export type CannedInput = z.infer<typeof cannedInputSchema>;

export interface CannedResponse extends CannedInput {
  id: number;
}

/** Prepared replies agents insert by typing `/` and the shortcut. */
export class CannedResponses {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CannedResponse[]> {
    return (await this.db('canned_responses').orderBy('shortcut').select('id', 'shortcut', 'title', 'body')) as CannedResponse[];
  }

  async create(input: CannedInput): Promise<CannedResponse> {
    if (await this.db('canned_responses').where({ shortcut: input.shortcut }).first()) throw new Conflict(`shortcut /${input.shortcut} is taken`);
    const now = new Date(this.clock.now());
    const [id] = await this.db('canned_responses').insert({ ...input, created_at: now, updated_at: now });
    return { id: Number(id), ...input };
  }

  async update(id: number, patch: Partial<CannedInput>): Promise<CannedResponse> {
    const n = await this.db('canned_responses').where({ id }).update({ ...patch, updated_at: new Date(this.clock.now()) });
    if (!n) throw new NotFound('no such canned response');
    return (await this.db('canned_responses').where({ id }).first('id', 'shortcut', 'title', 'body')) as CannedResponse;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.db('canned_responses').where({ id }).delete())) throw new NotFound('no such canned response');
  }
}
