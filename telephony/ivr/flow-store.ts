import type { Knex } from 'knex';
import type { Clock } from '../../core/clock';
import { NotFound, ValidationError } from '../../core/errors';
import { isoTime } from '../../core/time';
import { flowSchema, type Flow, type FlowInput } from './flow';
import { transaction } from '../../core/transaction';

export interface StoredFlow {
  name: string;
  version: number;
  flow: Flow;
  createdAt: string | null;
  createdBy: number | null;
}

interface FlowRow {
  name: string;
  version: number;
  definition: string;
  created_at: unknown;
  created_by: number | null;
}

const toStored = (r: FlowRow): StoredFlow => ({
  name: r.name,
  version: r.version,
  flow: flowSchema.parse(JSON.parse(r.definition)),
  createdAt: isoTime(r.created_at),
  createdBy: r.created_by,
});

/**
 * IVR flows are versioned: every save adds a version and the newest one is live. A call that
 * started on an older version finishes on it; rolling back is saving an old version again.
 */
export class FlowStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async save(input: FlowInput, userId: number | null): Promise<StoredFlow> {
    const parsed = flowSchema.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
      throw new ValidationError(`invalid flow: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const flow = parsed.data;
    return transaction(this.db, async (trx) => {
      const last = (await trx('ivr_flows').where({ name: flow.name }).max({ v: 'version' }).first()) as { v: number | null } | undefined;
      const version = Number(last?.v ?? 0) + 1;
      await trx('ivr_flows').insert({ name: flow.name, version, definition: JSON.stringify(flow), active: true, created_by: userId, created_at: new Date(this.clock.now()) });
      return { name: flow.name, version, flow, createdAt: new Date(this.clock.now()).toISOString(), createdBy: userId };
    });
  }

  async latest(name: string): Promise<StoredFlow> {
    const row = (await this.db('ivr_flows').where({ name }).orderBy('version', 'desc').first()) as FlowRow | undefined;
    if (!row) throw new NotFound(`flow ${name} not found`);
    return toStored(row);
  }

  async versions(name: string): Promise<Array<Omit<StoredFlow, 'flow'>>> {
    const rows = (await this.db('ivr_flows').where({ name }).orderBy('version', 'desc').select('name', 'version', 'created_at', 'created_by')) as FlowRow[];
    if (rows.length === 0) throw new NotFound(`flow ${name} not found`);
    return rows.map((r) => ({ name: r.name, version: r.version, createdAt: isoTime(r.created_at), createdBy: r.created_by }));
  }

  async version(name: string, version: number): Promise<StoredFlow> {
    const row = (await this.db('ivr_flows').where({ name, version }).first()) as FlowRow | undefined;
    if (!row) throw new NotFound(`flow ${name} v${version} not found`);
    return toStored(row);
  }

  /** The newest version of every flow, with the numbers that reach it. */
  async list(): Promise<Array<{ name: string; version: number; numbers: string[] }>> {
    const rows = (await this.db('ivr_flows').select('name').max({ version: 'version' }).groupBy('name').orderBy('name')) as Array<{ name: string; version: number }>;
    const numbers = (await this.db('dial_numbers').select('number', 'flow_name')) as Array<{ number: string; flow_name: string }>;
    return rows.map((r) => ({ name: r.name, version: Number(r.version), numbers: numbers.filter((n) => n.flow_name === r.name).map((n) => n.number) }));
  }

  /** Points a dialled number (DID, or an internal access code) at a flow. */
  async attachNumber(number: string, flowName: string): Promise<void> {
    await this.latest(flowName);
    const existing = await this.db('dial_numbers').where({ number }).first();
    if (existing) await this.db('dial_numbers').where({ number }).update({ flow_name: flowName });
    else await this.db('dial_numbers').insert({ number, flow_name: flowName });
  }

  async detachNumber(number: string): Promise<void> {
    if (!(await this.db('dial_numbers').where({ number }).delete())) throw new NotFound(`number ${number} is not attached`);
  }

  /** The live flow for a dialled number, or undefined when the number has none. */
  async forNumber(number: string): Promise<StoredFlow | undefined> {
    const row = (await this.db('dial_numbers').where({ number }).first()) as { flow_name: string } | undefined;
    return row ? this.latest(row.flow_name) : undefined;
  }
}
