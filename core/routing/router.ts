import type { AgentState } from '../agents/presence';
import { Conflict, Forbidden, ValidationError } from '../errors';
import { parseNewInteraction } from './intake';
import { parseRouterConfig } from './config';
import type { ExitReason, RouterEvents } from './events';
import { WorkFinder } from './best-for';
import { Kernel, type RouterDeps } from './kernel';
import type { InteractionRecord, NewInteraction, RouterConfigInput } from './model';
import { Offers } from './offers';
import { Overflow } from './overflow';
import { servedBefore } from './queue-index';
import type { QueueStats } from './stats';
import type { StoredState } from './store';
import { strategies } from './strategies';

export type { RouterDeps } from './kernel';

export interface SubmitResult {
  readonly outcome: 'queued' | 'offered' | 'refused';
  readonly interaction: InteractionRecord;
}

/**
 * The unified router. Every media type goes through the same steps:
 *   arrive -> (join-when-empty) -> queue -> find free eligible agents -> strategy orders them
 *   -> reserve + ring -> accept | reject/timeout (next agent) -> end -> wrap-up.
 * Two triggers make decisions: an interaction becomes waiting (look for an agent), or an agent
 * gains a free slot (look at the tops of the queues it serves). Both are O(log n) in the backlog.
 * All methods are synchronous; events are appended to the store in order as they happen.
 */
export class Router {
  private readonly k: Kernel;
  private readonly offers: Offers;
  private readonly overflow: Overflow;
  private readonly lastAssigned = new Map<string, string>();
  private readonly wrapUps = new Map<string, () => void>();
  private seq = 0;
  private settling = false;

  constructor(deps: RouterDeps, config: RouterConfigInput) {
    this.k = new Kernel(deps, parseRouterConfig(config));
    this.offers = new Offers(this.k);
    this.overflow = new Overflow(this.k, (rec, reason) => this.exit(rec, reason));
    this.k.settle = () => this.settle();
  }

  /**
   * Carry on from what the store holds (after a crash or a deploy): call once, before any other
   * method, after subscribing to events so listeners see the recovery too.
   */
  async restore(): Promise<void> {
    this.recover(await this.k.deps.store.load());
  }

  get events(): RouterEvents {
    return this.k.events;
  }

  /**
   * Stops this router's timers. To apply a new configuration, persist, dispose, and start a new
   * router over the same store and events with `restore()`: offers in flight are re-offered.
   */
  dispose(): void {
    this.k.dispose();
  }

  // ---- interactions (telephony and channels) ----

  submit(input: NewInteraction): SubmitResult {
    const n = parseNewInteraction(input);
    const queue = this.k.queue(n.queueId);
    if (!queue.media.includes(n.media)) throw new ValidationError(`queue ${queue.id} does not take ${n.media}`);
    if (this.k.records.has(n.id)) throw new Conflict(`interaction ${n.id} already routed`);
    const now = this.k.now();
    const target = n.targetAgentId === undefined ? null : this.targetFor(n.targetAgentId, n.media, now + n.targetWaitSeconds * 1000);
    const rec: InteractionRecord = {
      id: n.id,
      media: n.media,
      queueId: n.queueId,
      skills: n.skills,
      priority: n.priority,
      contactId: n.contactId,
      arrivedAt: n.arrivedAt ?? now,
      enqueuedAt: now,
      queueEnteredAt: now,
      seq: this.seq++,
      status: 'waiting',
      rulesApplied: 0,
      tried: [],
      agentId: null,
      acceptedAt: null,
      target,
    };
    this.k.publish({ type: 'created', at: now, interaction: rec });
    if (!target && queue.joinWhenEmpty === 'refuse' && this.k.agents.servingIn(queue.id, rec.media).size === 0) {
      this.k.publish({ type: 'exited', at: now, interaction: rec, reason: 'join_refused' });
      return { outcome: 'refused', interaction: rec };
    }
    this.k.stats.entered(queue.id);
    this.k.requeue(rec, []);
    this.settle();
    const current = this.k.records.get(rec.id);
    return { outcome: current?.status === 'offered' ? 'offered' : 'queued', interaction: current ?? rec };
  }

  /** The customer left before being answered (hung up, closed the chat). */
  abandon(interactionId: string): void {
    const rec = this.k.record(interactionId);
    if (rec.status === 'active') return this.end(interactionId);
    this.offers.abandon(interactionId);
    this.k.waiting.remove(interactionId);
    this.k.unwaitTarget(interactionId);
    this.overflow.disarm(interactionId);
    const queue = this.k.queue(rec.queueId);
    this.k.stats.abandoned(queue.id, this.k.now() - rec.queueEnteredAt);
    this.k.publish({ type: 'abandoned', at: this.k.now(), interaction: this.k.record(interactionId) });
    this.settle();
  }

  /** The conversation is over; the agent goes to wrap-up for the queue's wrap-up time. */
  end(interactionId: string): void {
    const rec = this.k.record(interactionId);
    if (rec.status !== 'active' || rec.agentId === null) return this.abandon(interactionId);
    const queue = this.k.queue(rec.queueId);
    const now = this.k.now();
    const wrapUp = queue.wrapUpSeconds > 0;
    this.k.agent(rec.agentId, { type: 'end', interactionId, wrapUp });
    if (wrapUp) this.armWrapUp(rec.agentId, interactionId, queue.wrapUpSeconds * 1000);
    this.k.stats.handled(queue.id, now - (rec.acceptedAt ?? now));
    this.k.publish({ type: 'ended', at: now, interaction: rec, agentId: rec.agentId });
    this.settle();
  }

  // ---- agents (console) ----

  login(agentId: string): AgentState {
    return this.settled(this.k.agent(agentId, { type: 'login' }));
  }

  setAvailable(agentId: string): AgentState {
    return this.settled(this.k.agent(agentId, { type: 'available' }));
  }

  setNotReady(agentId: string, reason: string): AgentState {
    this.k.agent(agentId, { type: 'not_ready', reason });
    this.offers.withdrawAgent(agentId, 'withdrawn');
    this.leaveIfEmpty(agentId);
    return this.settled(this.k.agents.state(agentId));
  }

  logout(agentId: string): AgentState {
    if (this.k.agents.state(agentId).work.some((w) => w.phase === 'busy' || w.phase === 'wrap_up')) {
      throw new Conflict(`agent ${agentId} still has work`, { refusal: 'has_active_work' });
    }
    this.offers.withdrawAgent(agentId, 'withdrawn');
    this.k.agent(agentId, { type: 'logout' });
    // Nobody else may take what was sent to them by name while they are signed in; now their queues may.
    for (const rec of this.k.targeted.forAgent(agentId)) this.k.releaseTarget(rec.id);
    this.leaveIfEmpty(agentId);
    return this.settled(this.k.agents.state(agentId));
  }

  accept(agentId: string, interactionId: string): InteractionRecord {
    const rec = this.offers.accept(agentId, interactionId);
    this.overflow.disarm(interactionId);
    return this.settled(rec);
  }

  reject(agentId: string, interactionId: string): void {
    this.offers.reject(agentId, interactionId);
    this.settle();
  }

  /** The agent finished their notes before the wrap-up timer. */
  endWrapUp(agentId: string, interactionId: string): AgentState {
    this.wrapUps.get(`${agentId}|${interactionId}`)?.();
    this.wrapUps.delete(`${agentId}|${interactionId}`);
    return this.settled(this.k.agent(agentId, { type: 'wrap_done', interactionId }));
  }

  /** Take a waiting interaction by hand, where the queue allows it. */
  pick(agentId: string, interactionId: string): InteractionRecord {
    const rec = this.k.record(interactionId);
    const queue = this.k.queue(rec.queueId);
    if (!queue.allowManualPick) throw new Forbidden(`queue ${queue.id} does not allow picking`);
    if (!this.k.agents.queuesOf(agentId).some((q) => q.id === queue.id)) throw new Forbidden(`agent ${agentId} does not serve ${queue.id}`);
    if (rec.status !== 'waiting') throw new Conflict(`interaction ${interactionId} is not waiting`, { refusal: 'not_waiting' });
    if (rec.target && rec.target.agentId !== agentId) throw new Conflict(`interaction ${interactionId} waits for ${rec.target.agentId}`, { refusal: 'targeted' });
    const wasTargeted = this.k.unwaitTarget(interactionId) !== undefined;
    this.k.waiting.remove(interactionId);
    if (!this.offers.start(rec, [agentId], 'one', queue)) {
      if (wasTargeted) this.k.waitForTarget(rec);
      else this.k.waiting.add(rec, queue.agingSeconds);
      throw new Conflict(`agent ${agentId} cannot take ${interactionId} now`, { refusal: 'not_available' });
    }
    return this.accept(agentId, interactionId);
  }

  // ---- live state ----

  interaction(interactionId: string): InteractionRecord | undefined {
    return this.k.records.get(interactionId);
  }

  /** Waiting interactions of a queue in the order they will be served (for manual pick lists); those sent to a named agent last. */
  waitingIn(queueId: string): InteractionRecord[] {
    this.k.queue(queueId);
    const queued = [...this.k.waiting.entries(queueId)].sort((a, b) => (servedBefore(a, b) ? -1 : 1)).map((w) => w.rec);
    return [...queued, ...this.k.targeted.inQueue(queueId)];
  }

  /** 1-based place among waiting interactions of the same queue and media (or of the same named agent); 0 once ringing or answered. */
  position(interactionId: string): number {
    this.k.record(interactionId);
    return this.k.waiting.position(interactionId) ?? this.k.targeted.position(interactionId) ?? 0;
  }

  /** Seconds: place in line x average handle time / slots of the agents serving the queue; null if nobody serves it. */
  estimatedWait(interactionId: string): number | null {
    const rec = this.k.record(interactionId);
    const place = this.position(interactionId);
    if (place === 0) return 0;
    let slots = 0;
    if (rec.target) slots = this.k.agents.seat(rec.target.agentId).capacity[rec.media] ?? 0;
    else for (const agentId of this.k.agents.servingIn(rec.queueId, rec.media)) slots += this.k.agents.seat(agentId).capacity[rec.media] ?? 0;
    if (slots === 0) return null;
    const handleMs = this.k.stats.averageHandleMs(rec.queueId) ?? this.k.config.defaultHandleSeconds * 1000;
    return (place * handleMs) / slots / 1000;
  }

  queueStats(queueId: string): QueueStats {
    const queue = this.k.queue(queueId);
    const now = this.k.now();
    let waiting = 0;
    let longestWaitMs = 0;
    for (const w of this.k.waiting.entries(queueId)) {
      waiting++;
      longestWaitMs = Math.max(longestWaitMs, now - w.rec.enqueuedAt);
    }
    for (const rec of this.k.targeted.inQueue(queueId)) {
      waiting++;
      longestWaitMs = Math.max(longestWaitMs, now - rec.enqueuedAt);
    }
    const available = new Set(queue.media.flatMap((m) => [...this.k.agents.servingIn(queueId, m)]));
    return this.k.stats.snapshot(queueId, { waiting, longestWaitMs, agentsAvailable: available.size });
  }

  /** Whether the agent has any capacity for this media (a transfer by name checks it first). */
  takes(agentId: string, media: InteractionRecord['media']): boolean {
    return (this.k.agents.seat(agentId).capacity[media] ?? 0) > 0;
  }

  agentStates(): AgentState[] {
    return this.k.agents.all();
  }

  /** Resolves once every event so far is durable (e.g. before acknowledging a chat message). */
  persisted(): Promise<void> {
    return this.k.deps.store.flush();
  }

  // ---- decisions ----

  /** Drain pending work: interactions that became waiting first, then agents that gained a slot. */
  private settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (;;) {
        const id = this.nextToDispatch();
        if (id !== undefined) {
          this.consider(id);
          continue;
        }
        const agentId = this.k.agents.freed.values().next().value;
        if (agentId === undefined) break;
        this.k.agents.freed.delete(agentId);
        this.fill(agentId);
      }
    } finally {
      this.settling = false;
    }
  }

  private settled<T>(value: T): T {
    this.settle();
    return value;
  }

  /** Several interactions can come back at once (an agent logs out while ringing two): serve them in queue order. */
  private nextToDispatch(): string | undefined {
    const pending = this.k.toDispatch;
    let best = 0;
    for (let i = 1; i < pending.length; i++) if (this.servedFirst(pending[i] as string, pending[best] as string)) best = i;
    return pending.splice(best, 1)[0];
  }

  private servedFirst(a: string, b: string): boolean {
    const ra = this.k.records.get(a);
    const rb = this.k.records.get(b);
    if (!ra || !rb) return !ra;
    const key = (r: InteractionRecord) => r.enqueuedAt - r.priority * this.k.queue(r.queueId).agingSeconds * 1000;
    return key(ra) < key(rb) || (key(ra) === key(rb) && ra.seq < rb.seq);
  }

  private consider(id: string): void {
    const rec = this.k.records.get(id);
    if (rec?.status !== 'waiting') return;
    if (rec.target) {
      this.offerToTarget(rec);
      return;
    }
    const current = this.overflow.applyDue(rec);
    if (current) this.dispatch(current);
  }

  /**
   * Offer a waiting interaction to the free eligible agents, ordered by the queue's strategy.
   * Agents who already refused it are skipped; if only they are free, they go through `fill`
   * instead, so that they are offered the oldest interaction they have not refused first.
   * Only the first of its bucket is offered here: one behind it goes to `fill` too (see below).
   */
  private dispatch(rec: InteractionRecord, allowTried = false): boolean {
    const queue = this.k.queue(rec.queueId);
    const strategy = strategies[queue.strategy];
    let candidates = this.k.agents.candidates(queue.id, rec.media, rec.skills, rec.tried);
    if (candidates.length === 0 && rec.tried.length > 0) {
      const refusers = this.k.agents.candidates(queue.id, rec.media, rec.skills, []);
      if (allowTried) candidates = refusers;
      else for (const c of refusers) this.k.agents.freed.add(c.agentId);
    }
    if (candidates.length === 0) return false;
    if (!allowTried && !this.k.waiting.isFirst(rec.id)) {
      // An earlier one of its bucket still waits, so its free agents refused it and were deferred
      // to `fill` (or are pending there): `fill` takes each bucket in order, so it goes first.
      for (const c of this.k.agents.candidates(queue.id, rec.media, rec.skills, [])) this.k.agents.freed.add(c.agentId);
      return false;
    }
    const ordered = strategy.select(candidates, { now: this.k.now(), lastAssigned: this.lastAssigned.get(queue.id) ?? null });
    this.k.waiting.remove(rec.id);
    if (!this.offers.start(rec, ordered, strategy.ring, queue)) {
      this.k.waiting.add(rec, queue.agingSeconds);
      return false;
    }
    this.lastAssigned.set(queue.id, ordered[0] as string);
    return true;
  }

  /**
   * An agent has a free slot: give it the best waiting interaction among the queue tops it
   * qualifies for; one it refused before is taken only when no other top is left for it.
   */
  private fill(agentId: string): void {
    for (const rec of this.k.targeted.forAgent(agentId)) this.offerToTarget(rec);
    const finder = new WorkFinder(this.k.agents, this.k.waiting, agentId, this.k.now());
    for (let best = finder.best(); best; best = finder.best()) {
      if (!this.dispatch(this.k.record(best.rec.id), true)) return;
      finder.taken(best);
    }
  }

  /** Rings the named agent if they can take it now; otherwise it keeps waiting for them. */
  private offerToTarget(rec: InteractionRecord): void {
    if (!rec.target || !this.k.targeted.has(rec.id)) return;
    this.k.unwaitTarget(rec.id);
    if (!this.offers.start(rec, [rec.target.agentId], 'one', this.k.queue(rec.queueId))) this.k.waitForTarget(rec);
  }

  /** The named agent, if they could ever take this media; one who is signed out leaves it to the queue. */
  private targetFor(agentId: string, media: InteractionRecord['media'], until: number): InteractionRecord['target'] {
    if (!this.takes(agentId, media)) throw new ValidationError(`agent ${agentId} does not take ${media}`);
    return this.k.agents.state(agentId).presence === 'offline' ? null : { agentId, until };
  }

  private exit(rec: InteractionRecord, reason: ExitReason): void {
    this.k.waiting.remove(rec.id);
    this.overflow.disarm(rec.id);
    this.k.publish({ type: 'exited', at: this.k.now(), interaction: rec, reason });
  }

  /** leave-when-empty: when the last available agent for a media leaves, its waiting interactions exit. */
  private leaveIfEmpty(agentId: string): void {
    for (const queue of this.k.agents.queuesOf(agentId)) {
      if (!queue.leaveWhenEmpty) continue;
      for (const media of queue.media) {
        if (this.k.agents.servingIn(queue.id, media).size > 0) continue;
        for (const w of [...this.k.waiting.entries(queue.id, media)]) this.exit(w.rec, 'queue_empty');
      }
    }
  }

  private armWrapUp(agentId: string, interactionId: string, ms: number): void {
    const key = `${agentId}|${interactionId}`;
    this.wrapUps.set(
      key,
      this.k.timer(ms, () => {
        this.wrapUps.delete(key);
        this.k.agent(agentId, { type: 'wrap_done', interactionId });
      }),
    );
  }

  /** Offers in flight when the previous router stopped are void: their agents are released, the interactions requeued. */
  private recover(stored: StoredState): void {
    for (const state of stored.agents) this.k.agents.restore(state);
    const now = this.k.now();
    for (const state of this.k.agents.all()) {
      for (const w of state.work) {
        if (w.phase === 'reserved' || w.phase === 'ringing') {
          this.k.agent(state.agentId, { type: 'cancel', interactionId: w.interactionId });
          const rec = stored.interactions.find((r) => r.id === w.interactionId);
          if (rec) this.k.publish({ type: 'offer_cancelled', at: now, interaction: rec, agentId: state.agentId, reason: 'restart' });
        } else if (w.phase === 'wrap_up') {
          const wrapMs = (this.k.queues.get(w.queueId)?.wrapUpSeconds ?? 0) * 1000;
          this.armWrapUp(state.agentId, w.interactionId, w.since + wrapMs - now);
        }
      }
    }
    for (const rec of [...stored.interactions].sort((a, b) => a.seq - b.seq)) {
      this.seq = Math.max(this.seq, rec.seq + 1);
      const queue = this.k.queues.get(rec.queueId);
      if (!queue) this.k.publish({ type: 'exited', at: now, interaction: rec, reason: 'queue_empty' });
      else if (rec.status === 'active') this.k.records.set(rec.id, rec);
      else this.k.requeue(rec, []);
    }
    this.settle();
  }
}
