import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { freshDatabase, type TestDatabase } from '../../test/support/db';
import { testLog } from '../../test/support/log';
import { deleteExpiredRecordings } from './retention';

describe('recording retention', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'cc-retention-'));
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('deletes expired recordings (file, row marked, audit entry) and keeps the others', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25));
    const at = new Date(clock.now() - 200 * 86_400_000);
    await t.db('interactions').insert({ id: 'i-old', media: 'voice', state: 'ended', skills: '{}', arrived_at: at });
    const files = ['old.wav', 'young.wav'].map((f) => {
      const path = join(dir, f);
      writeFileSync(path, 'RIFF');
      return path;
    });
    await t.db('recordings').insert([
      { id: 'r-old', interaction_id: 'i-old', path: files[0], started_at: at, retain_until: new Date(clock.now() - 86_400_000) },
      { id: 'r-young', interaction_id: 'i-old', path: files[1], started_at: at, retain_until: new Date(clock.now() + 86_400_000) },
    ]);
    expect(await deleteExpiredRecordings(t.db, clock, testLog)).toBe(1);
    expect(existsSync(files[0]!)).toBe(false);
    expect(existsSync(files[1]!)).toBe(true);
    const rows = await t.db('recordings').orderBy('id');
    expect(rows.map((r: { id: string; deleted_at: unknown }) => [r.id, r.deleted_at !== null])).toEqual([['r-old', true], ['r-young', false]]);
    const audit = await t.db('audit_log').where({ entity: 'recording' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data)).toEqual({ interactionId: 'i-old', reason: 'retention' });
    expect(await deleteExpiredRecordings(t.db, clock, testLog)).toBe(0); // idempotent
  });
});
