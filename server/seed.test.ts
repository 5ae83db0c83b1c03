import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock';
import { freshDatabase, type TestDatabase } from '../test/support/db';
import { testLog } from '../test/support/log';
import { seedDemo } from './seed';

describe('demo data', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('creates queues, agents with extensions and skills, a supervisor and office hours, once', async () => {
    await seedDemo(t.db, systemClock, 'demo.local', testLog);
    await seedDemo(t.db, systemClock, 'demo.local', testLog);
    expect((await t.db('queues').select('name')).map((q: { name: string }) => q.name).sort()).toEqual(['sales', 'support']);
    const agents = await t.db('agents').join('users', 'users.id', 'agents.user_id').select('users.username', 'agents.extension');
    expect(agents).toHaveLength(4);
    expect(agents.map((a: { extension: string }) => a.extension).sort()).toEqual(['1001', '1002', '1003', '1004']);
    expect(await t.db('users').where({ username: 'supervisor', role: 'supervisor' }).first()).toBeDefined();
    expect(Number((await t.db('agent_skills').count({ n: '*' }).first())?.n)).toBe(13);
    expect(await t.db('business_hours').where({ timezone: 'Asia/Shanghai' }).first()).toBeDefined();
  });
});
