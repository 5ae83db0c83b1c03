import { describe, expect, it } from 'vitest';
import type { ReportInteraction } from './metrics';
import { buildPeriods } from './periods';
import { firstContactOutcomes, summarize, type ContactVisit, type GroupBy } from './summary';

// Two Shanghai days, two queues (q1: 20 s threshold, voice; q2: 30 s, web chat), agents 7 and 8.
// Every expected figure below is worked out by hand in the comments.

const sh = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const blank: ReportInteraction = {
  id: '', media: 'voice', queueId: 1, agentId: null, contactId: null, arrivedAt: 0, queuedAt: null, answeredAt: null, endedAt: null,
  wrapUpEndedAt: null, abandoned: false, waitMs: null, talkMs: null, resolved: null, csatScore: null,
};

/** An interaction that spent 5 s in the IVR, waited `waitS`, and was answered when `talkS` is given. */
function ix(id: string, local: string, o: Partial<ReportInteraction> & { waitS: number; talkS?: number; wrapS?: number }): ReportInteraction {
  const { waitS, talkS, wrapS, ...rest } = o;
  const arrivedAt = sh(local);
  const queuedAt = arrivedAt + 5000;
  const answeredAt = talkS === undefined ? null : queuedAt + waitS * 1000;
  const endedAt = answeredAt === null ? queuedAt + waitS * 1000 : answeredAt + (talkS ?? 0) * 1000;
  return {
    ...blank, id, arrivedAt, queuedAt, answeredAt, endedAt, waitMs: waitS * 1000, talkMs: talkS === undefined ? null : talkS * 1000,
    wrapUpEndedAt: wrapS === undefined ? null : endedAt + wrapS * 1000, ...rest,
  };
}

const rows: ReportInteraction[] = [
  ix('a1', '2026-03-01 09:00', { agentId: 7, contactId: 100, waitS: 10, talkS: 120, wrapS: 30, resolved: true, csatScore: 5 }),
  ix('a2', '2026-03-01 10:00', { agentId: 7, contactId: 101, waitS: 30, talkS: 200, resolved: false, csatScore: 3 }),
  ix('a3', '2026-03-01 11:00', { contactId: 102, waitS: 3, abandoned: true }),
  ix('a4', '2026-03-01 12:00', { contactId: 103, waitS: 60, abandoned: true }),
  // 23:30 Shanghai = 15:30 UTC: still 03-01.
  ix('a5', '2026-03-01 23:30', { media: 'webim', queueId: 2, agentId: 8, contactId: 104, waitS: 25, talkS: 600, resolved: true }),
  // Contact 100 again within 7 days: a1 was not resolved at first contact, and b1 is no first contact.
  ix('b1', '2026-03-02 09:00', { agentId: 8, contactId: 100, waitS: 5, talkS: 100, resolved: true, csatScore: 4 }),
  ix('b2', '2026-03-02 00:10', { media: 'webim', queueId: 2, agentId: 7, contactId: 105, waitS: 40, talkS: 300, resolved: true, csatScore: 2 }),
  // Left the queue unanswered without abandoning (voicemail): offered, not answered, not abandoned.
  ix('b3', '2026-03-02 14:00', { waitS: 90 }),
  // Outside the range, and an IVR-only call that never queued.
  ix('c1', '2026-03-03 00:00', { agentId: 7, waitS: 1, talkS: 10 }),
  ix('c2', '2026-02-28 23:59', { agentId: 7, waitS: 1, talkS: 10 }),
  { ...blank, id: 'n1', arrivedAt: sh('2026-03-01 08:00'), endedAt: sh('2026-03-01 08:01') },
];

const visits: ContactVisit[] = [
  { id: 'old104', contactId: 104, arrivedAt: sh('2026-02-20 09:00') }, // 9 days before a5: a5 is a first contact
  { id: 'late104', contactId: 104, arrivedAt: sh('2026-03-08 23:31') }, // 7 days + 1 min after a5: not a repeat
  { id: 'old105', contactId: 105, arrivedAt: sh('2026-02-25 10:00') }, // under 7 days before b2: b2 is a repeat
];

const thresholds: Record<number, number> = { 1: 20, 2: 30 };
function report(groupBy: GroupBy, input: { rows?: ReportInteraction[]; from?: string; to?: string } = {}) {
  const from = input.from ?? '2026-03-01';
  const to = input.to ?? '2026-03-02';
  return summarize({
    from, to, zone: 'Asia/Shanghai', groupBy, rows: input.rows ?? rows, visits,
    periods: buildPeriods(from, to, 'Asia/Shanghai', groupBy === 'hour' ? 'hour' : 'day'),
    thresholdSeconds: (q) => (q === null ? 20 : (thresholds[q] ?? 20)),
    labels: { queues: new Map([[1, '售前'], [2, '在线客服']]), agents: new Map([[7, '王芳'], [8, '李雷']]) },
  });
}

describe('report summary', () => {
  it('computes the totals by the documented formulas', () => {
    expect(report('day').totals).toEqual({
      offered: 8, // a1..a5, b1..b3
      answered: 5, // a1 a2 a5 b1 b2
      abandoned: 2, // a3 a4
      shortAbandoned: 1, // a3 (3 s)
      answeredInThreshold: 3, // a1 10≤20, a5 25≤30, b1 5≤20 (a2 30>20, b2 40>30)
      asaSeconds: 22, // (10+30+25+5+40)/5
      ahtSeconds: 270, // (120+30 + 200 + 600 + 100 + 300)/5
      abandonmentRate: 1 / 7, // (2-1)/(8-1)
      serviceLevel: 3 / 7, // 3/(8-1)
      resolved: 4, // a1 a5 b1 b2
      resolutionRate: 4 / 5,
      fcrContacts: 3, // a1 a2 a5 (b1, b2 had a contact less than 7 days before)
      fcrResolved: 1, // a5 (a1 came back as b1; a2 not resolved)
      fcrRate: 1 / 3,
      rated: 4, // 5 3 4 2
      csatMean: 3.5,
      csatSatisfied: 0.5, // 5 and 4
    });
  });

  it('splits by local day, the 23:30 chat on 03-01 and the 00:10 chat on 03-02', () => {
    const r = report('day');
    expect(r.rows).toBe(r.series);
    expect(r.rows.map((x) => [x.key, x.label, x.start, x.end])).toEqual([
      ['2026-03-01', '2026-03-01', '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
      ['2026-03-02', '2026-03-02', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ]);
    expect(r.rows[0]).toMatchObject({
      offered: 5, answered: 3, abandoned: 2, shortAbandoned: 1, answeredInThreshold: 2, serviceLevel: 2 / 4, abandonmentRate: 1 / 4,
      asaSeconds: 65 / 3, ahtSeconds: 950 / 3, resolved: 2, resolutionRate: 2 / 3, fcrContacts: 3, fcrResolved: 1, rated: 2, csatMean: 4, csatSatisfied: 0.5,
    });
    expect(r.rows[1]).toMatchObject({
      offered: 3, answered: 2, abandoned: 0, shortAbandoned: 0, serviceLevel: 1 / 3, abandonmentRate: 0,
      asaSeconds: 22.5, ahtSeconds: 200, resolutionRate: 1, fcrContacts: 0, fcrRate: null, csatMean: 3, csatSatisfied: 0.5,
    });
  });

  it('groups by queue with each queue its own threshold, busiest first, and a day series beside', () => {
    const r = report('queue');
    expect(r.rows.map((x) => [x.key, x.label, x.offered])).toEqual([['1', '售前', 6], ['2', '在线客服', 2]]);
    expect(r.rows[0]).toMatchObject({ answered: 3, abandoned: 2, shortAbandoned: 1, serviceLevel: 2 / 5, abandonmentRate: 1 / 5, asaSeconds: 15, ahtSeconds: 150, resolutionRate: 2 / 3, fcrRate: 0, csatMean: 4, csatSatisfied: 2 / 3 });
    expect(r.rows[1]).toMatchObject({ answered: 2, serviceLevel: 1 / 2, asaSeconds: 32.5, ahtSeconds: 450, resolutionRate: 1, fcrContacts: 1, fcrRate: 1, csatMean: 2, csatSatisfied: 0 });
    expect(r.series.map((s) => [s.key, s.offered])).toEqual([['2026-03-01', 5], ['2026-03-02', 3]]);
    expect(r.totals.offered).toBe(8);
  });

  it('groups by agent, with the unanswered under no agent', () => {
    const r = report('agent');
    expect(r.rows.map((x) => [x.key, x.label, x.offered, x.answered])).toEqual([['7', '王芳', 3, 3], ['', null, 3, 0], ['8', '李雷', 2, 2]]);
    expect(r.rows[0]).toMatchObject({ serviceLevel: 1 / 3, asaSeconds: 80 / 3, ahtSeconds: 650 / 3, fcrContacts: 2, fcrResolved: 0 });
    expect(r.rows[1]).toMatchObject({ abandoned: 2, shortAbandoned: 1, serviceLevel: 0, abandonmentRate: 1 / 2, asaSeconds: null, ahtSeconds: null, resolutionRate: null });
  });

  it('groups by media', () => {
    const r = report('media');
    expect(r.rows.map((x) => [x.key, x.label, x.offered, x.answered])).toEqual([['voice', 'voice', 6, 3], ['webim', 'webim', 2, 2]]);
  });

  it('groups by local hour', () => {
    const r = report('hour', { from: '2026-03-01', to: '2026-03-01' });
    expect(r.rows).toHaveLength(24);
    expect(r.rows.filter((x) => x.offered > 0).map((x) => [x.label, x.offered])).toEqual([
      ['2026-03-01 09:00', 1], ['2026-03-01 10:00', 1], ['2026-03-01 11:00', 1], ['2026-03-01 12:00', 1], ['2026-03-01 23:00', 1],
    ]);
    expect(r.totals.offered).toBe(5);
  });

  it('reports zeros and nulls for no interactions, keeping every day of the range', () => {
    const r = report('day', { rows: [] });
    expect(r.totals).toEqual({
      offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredInThreshold: 0, asaSeconds: null, ahtSeconds: null, abandonmentRate: null,
      serviceLevel: null, resolved: 0, resolutionRate: null, fcrContacts: 0, fcrResolved: 0, fcrRate: null, rated: 0, csatMean: null, csatSatisfied: null,
    });
    expect(r.rows.map((x) => [x.key, x.offered])).toEqual([['2026-03-01', 0], ['2026-03-02', 0]]);
    expect(report('queue', { rows: [] }).rows).toEqual([]);
  });

  it('derives the wait and talk from the timestamps when the channel did not record them', () => {
    const row = { ...ix('t1', '2026-03-01 09:00', { waitS: 12, talkS: 60 }), waitMs: null, talkMs: null };
    const short = { ...ix('t2', '2026-03-01 09:05', { waitS: 5, abandoned: true }), waitMs: null };
    const r = report('day', { rows: [row, short] });
    expect(r.totals).toMatchObject({ asaSeconds: 12, ahtSeconds: 60, answeredInThreshold: 1, shortAbandoned: 1, serviceLevel: 1 });
  });

  it('counts a 5.001 s abandon as a real one, and ignores CSAT outside 1-5', () => {
    const late = { ...ix('t3', '2026-03-01 09:00', { waitS: 5, abandoned: true }), waitMs: 5001 };
    const odd = ix('t4', '2026-03-01 09:10', { waitS: 1, talkS: 1, csatScore: 9 });
    expect(report('day', { rows: [late, odd] }).totals).toMatchObject({ shortAbandoned: 0, abandoned: 1, abandonmentRate: 1 / 2, rated: 0, csatMean: null });
  });
});

describe('first-contact resolution', () => {
  const answered = (id: string, contactId: number, local: string, resolved: boolean) => ix(id, local, { contactId, waitS: 1, talkS: 1, resolved });

  it('is decided by the contact’s neighbours within 7 days, whatever the order of the input', () => {
    const out = firstContactOutcomes(
      [answered('x2', 1, '2026-03-05 10:00', true), answered('x1', 1, '2026-03-01 10:00', true), answered('y1', 2, '2026-03-01 10:00', true)],
      [{ id: 'y0', contactId: 2, arrivedAt: sh('2026-02-22 10:00') }], // exactly 7 days before y1: outside the window
    );
    expect([...out.entries()].sort()).toEqual([['x1', false], ['y1', true]]);
  });

  it('leaves out interactions without a contact or never answered', () => {
    const out = firstContactOutcomes([ix('z1', '2026-03-01 10:00', { waitS: 1, talkS: 1, resolved: true }), ix('z2', '2026-03-01 10:00', { contactId: 3, waitS: 9, abandoned: true })], []);
    expect(out.size).toBe(0);
  });
});
