import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capacityRefusal, freeMedia, MEDIA_BIT, type WorkItem } from '../agents/capacity';
import { transition, type AgentState } from '../agents/presence';
import { ValidationError } from '../errors';
import { allMedia } from '../media';
import { AgentIndex } from './agent-index';
import { WorkFinder } from './best-for';
import { hasSkills } from './filters';
import { KeyHeap } from './heap';
import { parseNewInteraction } from './intake';
import { AgentSeatSchema, NewInteractionSchema, QueueSchema, type InteractionRecord, type Media, type QueueConfig } from './model';
import { effectivePriority, QueueIndex, TOP_EMPTY, TOP_FRESH, TOP_STRIDE, TOP_TRIED, type Waiting } from './queue-index';
import { TimerHeapScheduler } from './scheduler';
import { MemoryStore } from './store';

const mediaArb = fc.constantFrom(...allMedia);
const SKILL_NAMES = ['en', 'fr', 'de'];
const skillsArb = fc.dictionary(fc.constantFrom(...SKILL_NAMES), fc.integer({ min: 1, max: 10 }), { maxKeys: 2 });
/** Demands low enough, and agents skilled enough, that an agent often qualifies for several buckets of one (queue, media). */
const demandArb = fc.dictionary(fc.constantFrom(...SKILL_NAMES), fc.integer({ min: 1, max: 4 }), { maxKeys: 2 });
const agentSkillsArb = fc.dictionary(fc.constantFrom(...SKILL_NAMES), fc.integer({ min: 3, max: 10 }), { minKeys: 1, maxKeys: 3 });

describe('KeyHeap (items carry their own position)', () => {
  it('pops in (key, seq) order after pushes and removals from the middle, and tracks positions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 80 }), (keys, removals) => {
        const heap = new KeyHeap<{ key: number; seq: number; pos: number }>();
        const items = keys.map((key, seq) => ({ key, seq, pos: -1 }));
        for (const item of items) heap.push(item);
        const live = new Set(items);
        for (const r of removals) {
          const item = items[r % Math.max(1, items.length)];
          if (!item) continue;
          expect(heap.remove(item)).toBe(live.has(item));
          expect(heap.has(item)).toBe(false);
          live.delete(item);
        }
        heap.values().forEach((item, i) => expect(item.pos).toBe(i));
        const out: [number, number][] = [];
        for (let x = heap.pop(); x; x = heap.pop()) out.push([x.key, x.seq]);
        expect(out).toEqual([...live].sort((a, b) => a.key - b.key || a.seq - b.seq).map((x): [number, number] => [x.key, x.seq]));
      }),
    );
  });
});

describe('freeMedia mask', () => {
  it('is exactly the media for which capacityRefusal is null', () => {
    const workArb = fc.array(
      fc.record({ media: mediaArb, phase: fc.constantFrom('reserved' as const, 'ringing' as const, 'busy' as const, 'wrap_up' as const) }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.dictionary(mediaArb, fc.integer({ min: 0, max: 3 })), fc.boolean(), fc.boolean(), workArb, (capacity, voiceBlocksChat, chatInterruptibleByVoice, items) => {
        const seat = { capacity, voiceBlocksChat, chatInterruptibleByVoice };
        const work: WorkItem[] = items.map((w, i) => ({ ...w, interactionId: `i${i}`, queueId: 'q', since: 0 }));
        const mask = freeMedia(seat, work);
        for (const media of allMedia) expect((mask & MEDIA_BIT[media]) !== 0).toBe(capacityRefusal(seat, work, media) === null);
      }),
    );
  });
});

/** A queue index fed random adds and removals, for checking the dense tops and the finder. */
function randomBacklog(ops: { add: boolean; q: number; media: Media; skills: Record<string, number>; priority: number; tried: boolean; pick: number }[]) {
  const queues = ['q0', 'q1'].map((id, i) => QueueSchema.parse({ id, name: id, media: [...allMedia], priority: i, agingSeconds: 30 + 30 * i }));
  const index = new QueueIndex();
  const live: InteractionRecord[] = [];
  ops.forEach((op, seq) => {
    if (op.add || live.length === 0) {
      const queue = queues[op.q % 2] as QueueConfig;
      const rec: InteractionRecord = {
        id: `i${seq}`,
        media: op.media,
        queueId: queue.id,
        skills: op.skills,
        priority: op.priority,
        contactId: 'c',
        // Several arrivals per second: equal keys happen, and FIFO (seq) has to break the tie.
        arrivedAt: Math.floor(seq / 40) * 1000,
        enqueuedAt: Math.floor(seq / 40) * 1000,
        queueEnteredAt: Math.floor(seq / 40) * 1000,
        seq,
        status: 'waiting',
        rulesApplied: 0,
        tried: op.tried ? ['a0'] : [],
        agentId: null,
        acceptedAt: null,
        target: null,
      };
      index.add(rec, queue.agingSeconds);
      live.push(rec);
    } else {
      const [gone] = live.splice(op.pick % live.length, 1);
      expect(index.remove((gone as InteractionRecord).id)?.id).toBe(gone?.id);
    }
  });
  return { queues, index, live };
}

const opsArb = fc.array(
  fc.record({ add: fc.boolean(), q: fc.nat(1), media: fc.constantFrom<Media>('voice', 'webim', 'email'), skills: demandArb, priority: fc.nat(2), tried: fc.boolean(), pick: fc.nat() }),
  { maxLength: 120 },
);

describe('QueueIndex dense bucket tops', () => {
  it('hold every bucket top (key, seq, refused-or-not) and the per-(queue, media) counts', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { queues, index, live } = randomBacklog(ops);
        for (const bucket of index.all) {
          const top = bucket.heap.peek();
          const at = bucket.id * TOP_STRIDE;
          if (!top) {
            expect(index.tops[at + 2]).toBe(TOP_EMPTY);
            continue;
          }
          expect([index.tops[at], index.tops[at + 1], index.tops[at + 2]]).toEqual([top.key, top.seq, top.rec.tried.length > 0 ? TOP_TRIED : TOP_FRESH]);
        }
        for (const q of queues) {
          for (const media of allMedia) expect(index.slot(q.id, media).count).toBe(live.filter((r) => r.queueId === q.id && r.media === media).length);
        }
      }),
    );
  });
});

describe('WorkFinder (a freed agent reads only the tops of the buckets it can serve)', () => {
  it('finds what a scan of every bucket top of every free (queue, media) would, before and after taking work', () => {
    fc.assert(
      fc.property(opsArb, agentSkillsArb, fc.subarray([...allMedia], { minLength: 1 }), fc.nat(3), (ops, skills, capable, taking) => {
        const { queues, index } = randomBacklog(ops);
        const seat = AgentSeatSchema.parse({ agentId: 'a0', skills, capacity: Object.fromEntries(capable.map((m) => [m, 2])), queues: ['q0', 'q1'] });
        const agents = new AgentIndex([seat], new Map(queues.map((q) => [q.id, q])), [], () => {}, 0, (q, m) => index.slot(q, m));
        agents.apply('a0', { type: 'login' }, 0);
        const now = 200_000;
        /** The reference: every bucket top of every free (queue, media), compared as the router always has. */
        const reference = (): Waiting | undefined => {
          let best: { w: Waiting; queue: QueueConfig; tried: boolean } | undefined;
          for (const queue of agents.queuesOf('a0')) {
            for (const media of queue.media) {
              if (!agents.isFree('a0', queue.id, media)) continue;
              for (const bucket of index.buckets(queue.id, media)) {
                const w = bucket.heap.peek();
                if (!w || !hasSkills(seat, bucket.skills)) continue;
                const c = { w, queue, tried: w.rec.tried.includes('a0') };
                if (!best || preferred(c, best, now)) best = c;
              }
            }
          }
          return best?.w;
        };
        const finder = new WorkFinder(agents, index, 'a0', now);
        for (let k = 0; k <= taking; k++) {
          const found = finder.best();
          expect(found?.rec.id).toBe(reference()?.rec.id);
          if (!found) break;
          // Take it as the router does: out of its bucket, the agent reserved for it.
          index.remove(found.rec.id);
          agents.apply('a0', { type: 'reserve', interactionId: found.rec.id, media: found.rec.media, queueId: found.rec.queueId }, now);
          finder.taken(found);
        }
      }),
    );
  });
});

describe('WorkFinder ties', () => {
  it('breaks equal effective priority across buckets by submission order, and prefers what the agent has not refused', () => {
    const queues = [QueueSchema.parse({ id: 'q0', name: 'q0', media: ['voice'] })];
    const index = new QueueIndex();
    const rec = (seq: number, skills: Record<string, number>, tried: string[] = []): InteractionRecord => ({
      id: `i${seq}`, media: 'voice', queueId: 'q0', skills, priority: 0, contactId: 'c', arrivedAt: 0, enqueuedAt: 0, queueEnteredAt: 0,
      seq, status: 'waiting', rulesApplied: 0, tried, agentId: null, acceptedAt: null, target: null,
    });
    index.add(rec(9, {}), 60);
    index.add(rec(5, { en: 1 }), 60);
    index.add(rec(2, { fr: 1 }, ['a0']), 60);
    index.add(rec(7, { de: 1 }), 60);
    const seat = AgentSeatSchema.parse({ agentId: 'a0', skills: { en: 5, fr: 5 }, capacity: { voice: 1 }, queues: ['q0'] });
    const agents = new AgentIndex([seat], new Map(queues.map((q) => [q.id, q])), [], () => {}, 0, (q, m) => index.slot(q, m));
    agents.apply('a0', { type: 'login' }, 0);
    const finder = new WorkFinder(agents, index, 'a0', 1_000);
    expect(finder.best()?.rec.id).toBe('i5');
    index.remove('i5');
    finder.taken({ bucket: index.slot('q0', 'voice').buckets[1] } as Waiting);
    expect(finder.best()?.rec.id).toBe('i9');
    index.remove('i9');
    finder.taken({ bucket: index.slot('q0', 'voice').buckets[0] } as Waiting);
    // Only the one it refused is left for it (i7 needs German).
    expect(finder.best()?.rec.id).toBe('i2');
  });
});

function preferred(a: { w: Waiting; queue: QueueConfig; tried: boolean }, b: { w: Waiting; queue: QueueConfig; tried: boolean }, now: number): boolean {
  if (a.tried !== b.tried) return !a.tried;
  if (a.queue.priority !== b.queue.priority) return a.queue.priority > b.queue.priority;
  const pa = effectivePriority(a.w, now);
  const pb = effectivePriority(b.w, now);
  if (pa !== pb) return pa > pb;
  return a.w.rec.seq < b.w.rec.seq;
}

describe('AgentIndex free/serving sets', () => {
  it('match presence and capacity after any sequence of transitions', () => {
    const queues = [QueueSchema.parse({ id: 'q0', name: 'q0', media: ['voice', 'webim'] }), QueueSchema.parse({ id: 'q1', name: 'q1', media: ['webim', 'email'] })];
    const seat = AgentSeatSchema.parse({ agentId: 'a', capacity: { voice: 1, webim: 2, email: 1 }, queues: ['q0', 'q1'] });
    const eventArb = fc.oneof(
      fc.constantFrom({ type: 'login' as const }, { type: 'logout' as const }, { type: 'available' as const }, { type: 'not_ready' as const, reason: 'break' }),
      fc.record({ type: fc.constant('reserve' as const), interactionId: fc.constantFrom('x', 'y', 'z'), media: fc.constantFrom<Media>('voice', 'webim', 'email'), queueId: fc.constant('q0') }),
      fc.record({ type: fc.constantFrom('ring' as const, 'accept' as const, 'cancel' as const, 'wrap_done' as const), interactionId: fc.constantFrom('x', 'y', 'z') }),
      fc.record({ type: fc.constant('end' as const), interactionId: fc.constantFrom('x', 'y', 'z'), wrapUp: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const waiting = new QueueIndex();
        const agents = new AgentIndex([seat], new Map(queues.map((q) => [q.id, q])), ['break'], () => {}, 0, (q, m) => waiting.slot(q, m));
        let state: AgentState = agents.state('a');
        for (const event of events) {
          const expected = transition(state, event, 1, { reasons: ['break'], seat });
          const got = agents.attempt('a', event, 1);
          if (expected.ok) state = expected.state;
          expect(typeof got === 'string' ? got : got.work).toEqual(expected.ok ? expected.state.work : expected.refusal);
          for (const q of queues) {
            for (const media of q.media) {
              const available = state.presence === 'available';
              expect(agents.servingIn(q.id, media).has('a')).toBe(available);
              expect(agents.freeIn(q.id, media).has('a')).toBe(available && capacityRefusal(seat, state.work, media) === null);
            }
          }
        }
      }),
    );
  });
});

describe('TimerHeapScheduler (one Node timer for all router timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires in due order, skips cancelled timers, and keeps a single Node timer armed', () => {
    vi.useFakeTimers();
    const s = new TimerHeapScheduler(() => Date.now());
    const fired: string[] = [];
    s.setTimer(300, () => fired.push('c'));
    s.setTimer(100, () => {
      fired.push('a');
      s.setTimer(50, () => fired.push('a2'));
    });
    const cancel = s.setTimer(200, () => fired.push('b'));
    s.setTimer(100, () => fired.push('a-second'));
    expect(vi.getTimerCount()).toBe(1);
    cancel();
    cancel();
    vi.advanceTimersByTime(250);
    expect(fired).toEqual(['a', 'a-second', 'a2']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['a', 'a-second', 'a2', 'c']);
    expect(s.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('MemoryStore write-behind', () => {
  it('appends without applying, then applies the batch on a microtask or on flush/load', async () => {
    const store = new MemoryStore({ keepLog: false });
    const state: AgentState = { agentId: 'a', presence: 'available', reason: null, since: 0, work: [], misses: 0, idleSince: 0, handled: 0 };
    store.append({ type: 'agent_state', at: 0, agentId: 'a', state });
    expect((store as unknown as { pending: unknown[] }).pending).toHaveLength(1);
    await Promise.resolve();
    expect((store as unknown as { pending: unknown[] }).pending).toHaveLength(0);
    store.append({ type: 'agent_state', at: 1, agentId: 'a', state: { ...state, presence: 'not_ready', reason: 'break' } });
    expect((await store.load()).agents).toEqual([{ ...state, presence: 'not_ready', reason: 'break' }]);
  });
});

describe('parseNewInteraction (hand-checked fast path, zod for the rest)', () => {
  const inputArb = fc.record(
    {
      id: fc.oneof(fc.string({ minLength: 0, maxLength: 70 }), fc.constant(7)),
      media: fc.oneof(mediaArb, fc.constant('fax')),
      queueId: fc.string({ maxLength: 3 }),
      skills: fc.oneof(skillsArb, fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constant('x')), { maxKeys: 2 })),
      priority: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.constant(Number.POSITIVE_INFINITY)),
      contactId: fc.string({ maxLength: 3 }),
      arrivedAt: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN)),
      extra: fc.string(),
    },
    { requiredKeys: ['media'] },
  );

  it('accepts and returns exactly what NewInteractionSchema does, and refuses with a ValidationError what it refuses', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const zod = NewInteractionSchema.safeParse(input);
        if (zod.success) {
          expect({ ...parseNewInteraction(input) }).toEqual({ ...zod.data });
        } else {
          expect(() => parseNewInteraction(input)).toThrow(ValidationError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
