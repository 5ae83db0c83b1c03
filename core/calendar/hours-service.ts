import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { Conflict, NotFound } from '../errors';
import { businessHoursSchema, isOpen, type BusinessHours } from './business-hours';

export interface StoredHours extends BusinessHours {
  id: number;
}

interface HoursRow {
  id: number;
  name: string;
  timezone: string;
  weekly: string;
  holidays: string;
}

const toHours = (r: HoursRow): StoredHours => ({
  id: r.id,
  ...businessHoursSchema.parse({ name: r.name, timezone: r.timezone, weekly: JSON.parse(r.weekly), holidays: JSON.parse(r.holidays) }),
});

/** Opening hours calendars, shared by the IVR, the queues and the chat widget. */
export class BusinessHoursService {
  private cache: StoredHours[] | undefined;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<StoredHours[]> {
    this.cache ??= ((await this.db('business_hours').orderBy('name')) as HoursRow[]).map(toHours);
    return this.cache;
  }

  async byName(name: string): Promise<StoredHours | undefined> {
    return (await this.list()).find((h) => h.name === name);
  }

  async byId(id: number): Promise<StoredHours | undefined> {
    return (await this.list()).find((h) => h.id === id);
  }

  async openNow(id: number | null): Promise<boolean> {
    if (id === null) return true;
    const hours = await this.byId(id);
    return hours ? isOpen(hours, new Date(this.clock.now())) : true;
  }

  async save(input: unknown): Promise<StoredHours> {
    const h = businessHoursSchema.parse(input);
    const now = new Date(this.clock.now());
    const row = { name: h.name, timezone: h.timezone, weekly: JSON.stringify(h.weekly), holidays: JSON.stringify(h.holidays), updated_at: now };
    const existing = (await this.db('business_hours').where({ name: h.name }).first()) as HoursRow | undefined;
    if (existing) await this.db('business_hours').where({ id: existing.id }).update(row);
    else await this.db('business_hours').insert({ ...row, created_at: now });
    this.cache = undefined;
    const saved = await this.byName(h.name);
    if (!saved) throw new Conflict('business hours vanished while saving');
    return saved;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.db('business_hours').where({ id }).delete())) throw new NotFound(`business hours ${id} not found`);
    this.cache = undefined;
  }
}
