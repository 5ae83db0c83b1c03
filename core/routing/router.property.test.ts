import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityRefusal } from '../agents/capacity';
import type { AgentState } from '../agents/presence';
import { ManualClock } from '../clock';
import { AppError } from '../errors';
import type { RouterEvent } from './events';
import { isCall, type AgentSeat, type Media, type RouterConfigInput } from './model';
import { skillsSignature } from './queue-index';
import type { Router } from './router';
import { MemoryStore } from './store';
import { queue, restart, rig, seat, type Rig } from './testing';

const MEDIA: Media[] = ['voice', 'video', 'webim', 'email'];
const config: RouterConfigInput = {
  queues: [
    queue('q0', { strategy: 'longest_idle', offerTimeoutSeconds: 10, wrapUpSeconds: 5, maxConsecutiveMisses: 2, overflow: [{ afterSeconds: 40, action: 'widen_skills' }, { afterSeconds: 90, action: 'move_queue', targetQueueId: 'q1' }] }),
    queue('q1', { strategy: 'ring_all', offerTimeoutSeconds: 8, maxWaitSeconds: 600, allowManualPick: true }),
    queue('q2', { strategy: 'ring_progressive', ringStepSeconds: 3, offerTimeoutSeconds: 6, priority: 1, leaveWhenEmpty: true, media: ['voice', 'webim'] }),
    queue('q3', { strategy: 'least_occupied', joinWhenEmpty: 'refuse', media: ['webim', 'email'], agingSeconds: 30 }),
  ],
  agents: [
    seat('a0', ['q0', 'q1'], { skills: { fr: 5 } }),
    seat('a1', ['q0', 'q2', 'q3'], { capacity: { voice: 1, webim: 2 }, voiceBlocksChat: false, chatInterruptibleByVoice: false }),
    seat('a2', ['q1', 'q2'], { skills: { fr: 9, de: 3 }, capacity: { voice: 1, video: 1, webim: 4, email: 2 } }),
    seat('a3', ['q0', 'q1', 'q2', 'q3'], { capacity: { webim: 3, email: 3 } }),
    seat('a4', ['q3', 'q1'], { skills: { de: 7 }, capacity: { voice: 1, webim: 2, email: 1 } }),
  ],
};
const AGENTS = config.agents.map((a) => a.agentId);
const QUEUES = config.queues.map((q) => q.id);
const MULTI_RING = new Set(['q1', 'q2']);
const seats = new Map(config.agents.map((a) => [a.agentId, { voiceBlocksChat: true, chatInterruptibleByVoice: true, ...a } as AgentSeat]));

type Op =
  | { op: 'submit'; q: number; media: number; priority: number; skill: number }
  | { op: 'submitTo'; q: number; media: number; agent: number; waitSeconds: number }
  | { op: 'login' | 'logout' | 'available'; agent: number }
  | { op: 'notReady'; agent: number; reason: number }
  | { op: 'accept' | 'reject' | 'endWrapUp'; k: number }
  | { op: 'end' | 'abandon' | 'pick'; agent: number; k: number }
  | { op: 'advance'; ms: number }
  | { op: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('submit' as const), q: fc.nat(3), media: fc.nat(3), priority: fc.nat(2), skill: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('submitTo' as const), q: fc.nat(3), media: fc.nat(3), agent: fc.nat(4), waitSeconds: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('login' as const, 'logout' as const, 'available' as const), agent: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('notReady' as const), agent: fc.nat(4), reason: fc.nat(2) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('accept' as const, 'accept' as const, 'reject' as const, 'endWrapUp' as const), k: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('end' as const, 'abandon' as const, 'pick' as const), agent: fc.nat(4), k: fc.nat(20) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

const SKILLS: Record<string, number>[] = [{}, { fr: 5 }, { de: 5 }, { fr: 3, de: 2 }];
const REASONS = ['break', 'lunch', 'golf'];

/** Manual picks choose out of order on purpose: the FIFO check skips them. */
const manual = { picking: false };

/** Checks made at the moment of each offer, with the agent's state just before it was reserved. */
function watch(r: Rig, failures: string[], terminal: Set<string>): void {
  let before = new Map<string, AgentState>(r.router.agentStates().map((a) => [a.agentId, a]));
  r.router.events.onAny((e: RouterEvent) => {
    if (e.type === 'agent_state') {
      const prev = before.get(e.agentId);
      const added = e.state.work.find((w) => w.phase === 'reserved' && !prev?.work.some((p) => p.interactionId === w.interactionId));
      if (added && prev) {
        if (prev.presence !== 'available') failures.push(`reserved ${added.interactionId} for ${e.agentId} while ${prev.presence}`);
        const why = capacityRefusal(seats.get(e.agentId) as AgentSeat, prev.work, added.media);
        if (why) failures.push(`reserved ${added.interactionId} for ${e.agentId} past capacity (${why})`);
      }
      before.set(e.agentId, e.state);
      return;
    }
    if (e.type === 'ended' || e.type === 'abandoned' || e.type === 'exited') {
      if (terminal.has(e.interaction.id)) failures.push(`${e.interaction.id} finished twice`);
      terminal.add(e.interaction.id);
    }
    // FIFO holds among interactions for the queue; ones sent to a named agent wait for that agent alone.
    if (e.type === 'offered' && !manual.picking && e.interaction.target === null) {
      const i = e.interaction;
      for (const j of r.router.waitingIn(i.queueId)) {
        const same = j.target === null && j.media === i.media && j.priority === i.priority && skillsSignature(j.skills) === skillsSignature(i.skills);
        if (same && (j.enqueuedAt < i.enqueuedAt || (j.enqueuedAt === i.enqueuedAt && j.seq < i.seq))) failures.push(`FIFO: ${i.id} offered while earlier ${j.id} waits`);
      }
    }
  });
  before = new Map(r.router.agentStates().map((a) => [a.agentId, a]));
}

function checkState(router: Router, submitted: Set<string>, terminal: Set<string>): string[] {
  const problems: string[] = [];
  const holders = new Map<string, { agentId: string; phase: string }[]>();
  for (const a of router.agentStates()) {
    const s = seats.get(a.agentId) as AgentSeat;
    for (const m of MEDIA) {
      const n = a.work.filter((w) => w.media === m).length;
      if (n > (s.capacity[m] ?? 0)) problems.push(`${a.agentId} holds ${n} ${m}`);
    }
    if (a.work.filter((w) => isCall(w.media) && w.phase !== 'wrap_up').length > 1) problems.push(`${a.agentId} on two calls`);
    for (const w of a.work) holders.set(w.interactionId, [...(holders.get(w.interactionId) ?? []), { agentId: a.agentId, phase: w.phase }]);
  }
  const waiting = new Map<string, number>();
  for (const q of QUEUES) for (const rec of router.waitingIn(q)) waiting.set(rec.id, (waiting.get(rec.id) ?? 0) + 1);
  for (const id of submitted) {
    const rec = router.interaction(id);
    const held = (holders.get(id) ?? []).filter((h) => h.phase !== 'wrap_up');
    const ringing = held.filter((h) => h.phase === 'reserved' || h.phase === 'ringing');
    const busy = held.filter((h) => h.phase === 'busy');
    if (terminal.has(id)) {
      if (rec || held.length > 0 || waiting.has(id)) problems.push(`${id} finished but still live`);
      continue;
    }
    if (!rec) {
      problems.push(`${id} lost`);
      continue;
    }
    if ((waiting.get(id) ?? 0) !== (rec.status === 'waiting' ? 1 : 0)) problems.push(`${id} ${rec.status} but listed ${waiting.get(id) ?? 0} times`);
    if (rec.status === 'waiting' && held.length > 0) problems.push(`${id} waiting but held`);
    if (rec.status === 'offered' && (ringing.length === 0 || busy.length > 0)) problems.push(`${id} offered but rings at ${ringing.length}`);
    if (rec.status === 'offered' && ringing.length > 1 && !MULTI_RING.has(rec.queueId)) problems.push(`${id} offered to ${ringing.length} agents at once`);
    if (rec.status === 'active' && (busy.length !== 1 || busy[0]?.agentId !== rec.agentId || ringing.length > 0)) problems.push(`${id} active but busy at ${busy.length}`);
  }
  return problems;
}

function pickNth<T>(items: readonly T[], k: number): T | undefined {
  return items.length === 0 ? undefined : items[k % items.length];
}

async function apply(r: Rig, op: Op, n: number, submitted: Set<string>): Promise<Rig> {
  const { router } = r;
  const agentId = 'agent' in op ? (AGENTS[op.agent] as string) : '';
  const live = [...submitted].filter((id) => router.interaction(id)).sort();
  /** [agent, interaction] pairs in a phase, across all agents. */
  const work = (phase: string) => router.agentStates().flatMap((a) => a.work.filter((w) => w.phase === phase).map((w) => [a.agentId, w.interactionId] as const));
  try {
    switch (op.op) {
      case 'submit': {
        const id = `i${n}`;
        const qid = QUEUES[op.q] as string;
        const q = config.queues[op.q];
        const media = (q?.media ?? MEDIA).includes(MEDIA[op.media] as Media) ? (MEDIA[op.media] as Media) : 'webim';
        router.submit({ id, media, queueId: qid, priority: op.priority, skills: SKILLS[op.skill], contactId: 'c' });
        submitted.add(id);
        return r;
      }
      case 'submitTo': {
        const id = `i${n}`;
        const q = config.queues[op.q];
        const media = (q?.media ?? MEDIA).includes(MEDIA[op.media] as Media) ? (MEDIA[op.media] as Media) : 'webim';
        router.submit({ id, media, queueId: QUEUES[op.q] as string, targetAgentId: agentId, targetWaitSeconds: op.waitSeconds, contactId: 'c' });
        submitted.add(id);
        return r;
      }
      case 'login': router.login(agentId); return r;
      case 'logout': router.logout(agentId); return r;
      case 'available': router.setAvailable(agentId); return r;
      case 'notReady': router.setNotReady(agentId, REASONS[op.reason] as string); return r;
      case 'endWrapUp': {
        const pair = pickNth(work('wrap_up'), op.k);
        if (pair) router.endWrapUp(...pair);
        return r;
      }
      case 'accept':
      case 'reject': {
        const pair = pickNth(work('ringing'), op.k);
        if (pair && op.op === 'accept') router.accept(...pair);
        if (pair && op.op === 'reject') router.reject(...pair);
        return r;
      }
      case 'end': {
        const id = pickNth(live.filter((x) => router.interaction(x)?.status === 'active'), op.k);
        if (id) router.end(id);
        return r;
      }
      case 'abandon': {
        const id = pickNth(live.filter((x) => router.interaction(x)?.status !== 'active'), op.k);
        if (id) router.abandon(id);
        return r;
      }
      case 'pick': {
        const id = pickNth(router.waitingIn('q1'), op.k)?.id;
        manual.picking = true;
        try {
          if (id) router.pick(agentId, id);
        } finally {
          manual.picking = false;
        }
        return r;
      }
      case 'advance': r.scheduler.advance(op.ms); return r;
      case 'restart': {
        await router.persisted();
        return await restart(config, r.store, r.clock);
      }
    }
  } catch (error) {
    // Refusals are part of the contract (typed); anything else is a bug.
    if (!(error instanceof AppError)) throw error;
    return r;
  }
}

describe('router properties (random operation sequences)', () => {
  it('never exceeds capacity, offers only to available agents, loses or duplicates nothing, keeps FIFO (transfers to named agents included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(AGENTS, { minLength: 3 }), fc.array(opArb, { minLength: 30, maxLength: 150, size: 'max' }), async (early, ops) => {
        const clock = new ManualClock();
        const store = new MemoryStore();
        const submitted = new Set<string>();
        const terminal = new Set<string>();
        const failures: string[] = [];
        let r = rig(config, store, clock);
        watch(r, failures, terminal);
        for (const agentId of early) r.router.login(agentId);
        for (const [n, op] of ops.entries()) {
          const next = await apply(r, op, n, submitted);
          if (next !== r) {
            r = next;
            watch(r, failures, terminal);
          }
          const refused = new Set(store.log.filter((e) => e.type === 'exited' && e.reason === 'join_refused').map((e) => ('interaction' in e ? e.interaction.id : '')));
          for (const id of refused) terminal.add(id);
          failures.push(...checkState(r.router, submitted, terminal).map((p) => `after #${n} ${JSON.stringify(op)}: ${p}`));
          if (failures.length > 0) break;
        }
        expect(failures).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });

  it('bounds waiting under aging: an interaction is never overtaken by one that arrived more than (priority gap x aging) later', () => {
    const aging = 20;
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 15_000 }), priority: fc.nat(4) }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 5_000, max: 60_000 }),
        (arrivals, handleMs) => {
          const { router, scheduler } = rig({ queues: [queue('q', { agingSeconds: aging })], agents: [seat('a', ['q'])] });
          const meta = new Map<string, { at: number; priority: number }>();
          const servedAt = new Map<string, number>();
          router.events.on('offered', (e) => {
            servedAt.set(e.interaction.id, servedAt.size);
            const id = e.interaction.id;
            // Answer at once and hang up after handleMs: one agent, a steady service rate.
            scheduler.setTimer(0, () => {
              router.accept('a', id);
              scheduler.setTimer(handleMs, () => router.end(id));
            });
          });
          router.login('a');
          arrivals.forEach((a, i) => {
            scheduler.advance(a.gap);
            const id = `i${i}`;
            meta.set(id, { at: router.submit({ id, media: 'voice', queueId: 'q', priority: a.priority, contactId: 'c' }).interaction.enqueuedAt, priority: a.priority });
          });
          scheduler.advance(arrivals.length * (handleMs + 1000));
          expect(servedAt.size).toBe(arrivals.length);
          for (const [i, mi] of meta) {
            for (const [j, mj] of meta) {
              const overtook = (servedAt.get(j) as number) < (servedAt.get(i) as number) && mj.at > mi.at;
              if (overtook) expect(mj.at - mi.at).toBeLessThanOrEqual((mj.priority - mi.priority) * aging * 1000);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
