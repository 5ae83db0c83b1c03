/**
 * Unified router at contact-centre scale: 5,000 agents, 50 queues, 20,000 waiting interactions of
 * mixed media. Times single routing decisions through the public API, with the store attached as
 * in production (write-behind: `append` is an O(1) push, the batch is applied on a microtask; the
 * loop awaits `router.persisted()` between decisions, outside the timed region, as the event loop
 * would). A decision is one `router.end(id)` (an agent frees a slot and is offered the best waiting
 * interaction(s) it qualifies for — one call may make several offers when a call ends and frees
 * the text slots it was blocking) or one `router.submit(...)` (an interaction arrives; under the
 * backlog nobody is free, so it is queued). The floor is a bare binary heap of numbers of the
 * same size (20,000) doing push+pop, warmed by an untimed pass first (as the router is warmed by
 * the setup), then timed op by op. Both are timed the same way: one `performance.now()` pair per
 * operation (hrtime-based, sub-microsecond resolution; a push+pop takes ~100 ns, above it), no
 * batching. `heapColdP99Ms` / `ratioToColdHeap` repeat the floor as the first version of this
 * bench measured it (no warm-up: the first ops run in the interpreter), for comparison only.
 *
 * What a decision costs grows with:
 *  - log(waiting interactions in one (queue, media, skill-signature) bucket) — heap push / remove;
 *  - the buckets one freed agent can serve: for each of its queues x media with a free slot, the
 *    distinct skill signatures waiting there that it has the skills for (read from one dense array
 *    of bucket tops per (queue, media)); repeated once per offer it takes (up to its free slots);
 *  - the free agents of the arriving interaction's queue and media (filtered and ordered by the
 *    strategy) — none under a backlog, since a backlog means nobody who qualifies is free;
 *  - log(pending timers): offer timeout and overflow timers share one heap;
 *  - the events it emits (O(1) each: a push onto the store's batch, then the listeners).
 * It does not grow with the total number of agents or of waiting interactions, nor with the
 * queues an agent does not serve.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../core/clock';
import type { Media, QueueInput, AgentSeatInput, StrategyName } from '../core/routing/model';
import { Router } from '../core/routing/router';
import { ManualScheduler } from '../core/routing/scheduler';
import { MemoryStore } from '../core/routing/store';

const AGENTS = 5_000;
const QUEUES = 50;
const BACKLOG = 20_000;
const DECISIONS = 20_000;
const MEDIA: Media[] = ['voice', 'voice', 'video', 'webim', 'webim', 'wechat', 'sms', 'email'];
const STRATEGIES: StrategyName[] = ['longest_idle', 'round_robin', 'fewest_interactions', 'least_occupied', 'skills_based'];
const SKILLS = ['en', 'fr', 'de', 'billing'];

/** Deterministic PRNG (mulberry32) so every run routes the same work. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The floor: push one key and pop the minimum on a plain array heap of the same size (after `warmup` untimed push+pops). */
function heapFloor(size: number, ops: number, rand: () => number, warmup: number): Float64Array {
  const h: number[] = [];
  const push = (x: number) => {
    let i = h.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as number) <= x) break;
      h[i] = h[p] as number;
      i = p;
    }
    h[i] = x;
  };
  const pop = () => {
    const top = h[0];
    const last = h.pop() as number;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const c = l + 1 < h.length && (h[l + 1] as number) < (h[l] as number) ? l + 1 : l;
        if ((h[c] as number) >= last) break;
        h[i] = h[c] as number;
        i = c;
      }
      h[i] = last;
    }
    return top;
  };
  for (let i = 0; i < size; i++) push(rand() * 1e9);
  for (let i = 0; i < warmup; i++) {
    push(rand() * 1e9);
    pop();
  }
  const times = new Float64Array(ops);
  for (let i = 0; i < ops; i++) {
    const key = rand() * 1e9;
    const t0 = performance.now();
    push(key);
    pop();
    times[i] = performance.now() - t0;
  }
  return times.sort();
}

export default async function main(): Promise<void> {
  const rand = prng(42);
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const queues: QueueInput[] = Array.from({ length: QUEUES }, (_, i) => ({
    id: `q${i}`,
    name: `queue ${i}`,
    media: ['voice', 'video', 'webim', 'wechat', 'sms', 'email'],
    strategy: STRATEGIES[i % STRATEGIES.length],
    priority: i % 3,
    overflow: [{ afterSeconds: 3_600, action: 'widen_skills' }],
  }));
  const agents: AgentSeatInput[] = Array.from({ length: AGENTS }, (_, i) => ({
    agentId: `a${i}`,
    skills: { [pickOne(SKILLS)]: 1 + Math.floor(rand() * 10), [pickOne(SKILLS)]: 1 + Math.floor(rand() * 10) },
    capacity: { voice: 1, video: 1, webim: 2, wechat: 1, sms: 1, email: 1 },
    queues: [...new Set([0, 1, 2].map(() => `q${Math.floor(rand() * QUEUES)}`))],
  }));

  const clock = new ManualClock();
  const scheduler = new ManualScheduler(clock);
  const router = new Router({ clock, scheduler, store: new MemoryStore({ keepLog: false }) }, { queues, agents });
  /** Answer every offer at once, so agents fill up and the backlog builds. */
  const active: string[] = [];
  const pendingAccepts: [string, string][] = [];
  // Accepted after the router call returns: listeners must not call back into the router.
  router.events.on('offered', (e) => pendingAccepts.push([e.agentId, e.interaction.id]));
  const acceptAll = () => {
    for (let p = pendingAccepts.pop(); p; p = pendingAccepts.pop()) {
      router.accept(p[0], p[1]);
      active.push(p[1]);
    }
  };
  let offersMade = 0;
  router.events.on('offered', () => offersMade++);
  let n = 0;
  const newInteraction = () => {
    const required = rand() < 0.3 ? { [pickOne(SKILLS)]: 1 + Math.floor(rand() * 3) } : {};
    return { id: `i${n++}`, media: pickOne(MEDIA), queueId: `q${Math.floor(rand() * QUEUES)}`, skills: required, priority: Math.floor(rand() * 3), contactId: 'c' };
  };

  const setupStart = performance.now();
  for (const a of agents) router.login(a.agentId);
  let waiting = 0;
  while (waiting < BACKLOG) {
    clock.advance(1);
    if (router.submit(newInteraction()).outcome === 'queued') waiting++;
    acceptAll();
  }
  const setupMs = performance.now() - setupStart;

  // Alternate the two triggers: an agent frees a slot (end -> pick the next for them) and an
  // interaction arrives (no one free -> enqueue). The backlog stays near BACKLOG throughout.
  const decide = new Float64Array(DECISIONS);
  const byKind = { free: new Float64Array(DECISIONS / 2), arrive: new Float64Array(DECISIONS / 2) };
  await router.persisted();
  const offersBefore = offersMade;
  const wallStart = performance.now();
  for (let i = 0; i < DECISIONS; i++) {
    clock.advance(1);
    let t0: number;
    if (i % 2 === 0) {
      const at = Math.floor(rand() * active.length);
      const id = active[at] as string;
      active[at] = active[active.length - 1] as string;
      active.pop();
      t0 = performance.now();
      router.end(id);
    } else {
      const next = newInteraction();
      t0 = performance.now();
      router.submit(next);
    }
    decide[i] = performance.now() - t0;
    (i % 2 === 0 ? byKind.free : byKind.arrive)[i >> 1] = decide[i] as number;
    acceptAll();
    // Between decisions the event loop turns and the write-behind store applies its batch.
    await router.persisted();
  }
  const wallMs = performance.now() - wallStart;
  decide.sort();
  byKind.free.sort();
  byKind.arrive.sort();
  const mem = process.memoryUsage();
  const offersInLoop = offersMade - offersBefore;
  const heapCold = heapFloor(BACKLOG, DECISIONS, rand, 0);
  const heap = heapFloor(BACKLOG, DECISIONS, rand, DECISIONS);

  const decisionTotal = decide.reduce((s, x) => s + x, 0);
  const p50Ms = percentile(decide, 0.5);
  const p99Ms = percentile(decide, 0.99);
  const heapP50Ms = percentile(heap, 0.5);
  const heapP99Ms = percentile(heap, 0.99);
  const heapColdP99Ms = percentile(heapCold, 0.99);
  const result = {
    bench: 'router',
    agents: AGENTS,
    queues: QUEUES,
    waiting: queues.reduce((sum, q) => sum + router.queueStats(q.id).waiting, 0),
    decisions: DECISIONS,
    offersPerFreedAgent: +(offersInLoop / (DECISIONS / 2)).toFixed(2),
    decisionsPerSec: Math.round(DECISIONS / (decisionTotal / 1000)),
    loopPerSec: Math.round(DECISIONS / (wallMs / 1000)),
    p50Ms: +p50Ms.toFixed(4),
    agentFreedP50Ms: +percentile(byKind.free, 0.5).toFixed(4),
    agentFreedP99Ms: +percentile(byKind.free, 0.99).toFixed(4),
    arrivalP99Ms: +percentile(byKind.arrive, 0.99).toFixed(4),
    p99Ms: +p99Ms.toFixed(4),
    heapP50Ms: +heapP50Ms.toFixed(4),
    heapP99Ms: +heapP99Ms.toFixed(4),
    ratioToHeap: +(p99Ms / heapP99Ms).toFixed(2),
    heapColdP99Ms: +heapColdP99Ms.toFixed(4),
    ratioToColdHeap: +(p99Ms / heapColdP99Ms).toFixed(2),
    heapUsedMB: Math.round(mem.heapUsed / 1048576),
    rssMB: Math.round(mem.rss / 1048576),
    setupMs: Math.round(setupMs),
  };
  console.log(`setup: ${AGENTS} agents, ${QUEUES} queues, ${result.waiting} waiting, ${active.length} in progress (${result.setupMs} ms)`);
  console.log(`router decisions: ${DECISIONS / 2} agent-freed (p99 ${result.agentFreedP99Ms} ms) + ${DECISIONS / 2} arrivals (p99 ${result.arrivalP99Ms} ms), ${result.decisionsPerSec} decisions/s, p50 ${p50Ms.toFixed(4)} ms, p99 ${p99Ms.toFixed(4)} ms`);
  console.log(`bare heap push+pop on ${BACKLOG}: p50 ${heapP50Ms.toFixed(4)} ms, p99 ${heapP99Ms.toFixed(4)} ms (unwarmed p99 ${heapColdP99Ms.toFixed(4)} ms)`);
  console.log(`memory: heap ${result.heapUsedMB} MB, rss ${result.rssMB} MB`);
  console.log(JSON.stringify(result));
}

// `npx tsx bench/router.ts` runs it directly; `npm run bench -- router` imports it.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
