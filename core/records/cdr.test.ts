import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/support/db';
import { readTime } from '../time';
import { CdrWriter, type CdrSnapshot } from './cdr';

const base = (version: number, fields: Partial<CdrSnapshot> = {}): CdrSnapshot => ({
  version,
  id: '6f1c1a52-8d8e-4d8e-9a57-000000000001',
  media: 'voice',
  direction: 'inbound',
  state: 'queued',
  queueId: null,
  agentId: null,
  contactId: null,
  priority: 0,
  skills: { sales: 2 },
  fromAddress: '13800000000',
  toAddress: '4000',
  arrivedAt: Date.UTC(2026, 10, 25, 2, 0, 0, 250),
  ivrExitedAt: null,
  queuedAt: null,
  offeredAt: null,
  answeredAt: null,
  endedAt: null,
  abandoned: false,
  waitMs: null,
  talkMs: null,
  hangupCause: null,
  hangupSide: null,
  exitReason: null,
  disposition: null,
  notes: null,
  ivrPath: [{ node: 'menu', type: 'menu', digits: '1', at: Date.UTC(2026, 10, 25, 2, 0, 5) }],
  variables: {},
  legs: [{ id: 'leg-caller', role: 'caller', sipCallId: 'abc@host', fromUri: 'sip:13800000000@x', toUri: 'sip:4000@y', agentId: null, codec: 'PCMU', startedAt: Date.UTC(2026, 10, 25, 2, 0, 0, 250), answeredAt: null, endedAt: null, hangupCause: null, hangupSide: null }],
  events: [],
  recordings: [],
  ...fields,
});

describe('CDR writer', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('stores the newest snapshot whatever order retried jobs land in, with UTC times to the millisecond', async () => {
    const writer = new CdrWriter(t.db);
    const ended = base(3, {
      state: 'ended',
      answeredAt: Date.UTC(2026, 10, 25, 2, 0, 40),
      endedAt: Date.UTC(2026, 10, 25, 2, 3, 0),
      talkMs: 140_000,
      hangupCause: 'normal_clearing',
      hangupSide: 'caller',
      events: [
        { type: 'hold', at: Date.UTC(2026, 10, 25, 2, 1, 0), legId: null, data: null },
        { type: 'unhold', at: Date.UTC(2026, 10, 25, 2, 1, 30), legId: null, data: null },
      ],
    });
    await writer.write(base(1));
    await writer.write(ended);
    await writer.write(base(2, { state: 'ringing' })); // a late retry of an older snapshot
    await writer.write(ended); // and a duplicate delivery
    const row = await t.db('interactions').where({ id: ended.id }).first();
    expect(row.state).toBe('ended');
    expect(row.cdr_version).toBe(3);
    expect(readTime(row.arrived_at)?.toISOString()).toBe('2026-11-25T02:00:00.250Z');
    expect(readTime(row.ended_at)?.toISOString()).toBe('2026-11-25T02:03:00.000Z');
    expect(JSON.parse(row.ivr_path)).toEqual([{ node: 'menu', type: 'menu', digits: '1', at: Date.UTC(2026, 10, 25, 2, 0, 5) }]);
    expect(await t.db('call_legs').where({ interaction_id: ended.id }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    const events = await t.db('call_events').where({ interaction_id: ended.id }).orderBy('seq');
    expect(events.map((e: { type: string }) => e.type)).toEqual(['hold', 'unhold']);
  });

  it('refuses a malformed snapshot instead of storing half of it', async () => {
    const writer = new CdrWriter(t.db);
    await expect(writer.write({ ...base(1), id: 'x'.repeat(80) })).rejects.toThrow();
    await expect(writer.write({ ...base(1), media: 'fax' } as unknown as CdrSnapshot)).rejects.toThrow();
  });
});
