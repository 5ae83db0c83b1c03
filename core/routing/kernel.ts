import type { PresenceEvent, AgentState } from '../agents/presence';
import type { Clock } from '../clock';
import { NotFound } from '../errors';
import { AgentIndex } from './agent-index';
import { RouterEvents, TERMINAL, type InteractionEvent, type RouterEvent } from './events';
import type { InteractionRecord, QueueConfig, RouterConfig } from './model';
import { QueueIndex } from './queue-index';
import type { Scheduler } from './scheduler';
import { TargetedWaits } from './targeted';
import { StatsBook } from './stats';
import type { RouterStore } from './store';

export interface RouterDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly store: RouterStore;
  /** Pass one in to keep the same listeners when a new router takes over (a configuration change). */
  readonly events?: RouterEvents;
}

/**
 * The router's shared state and the few primitives every part uses: publish an interaction event
 * (store, then listeners), apply an agent transition, requeue. Decisions live in the parts.
 */
export class Kernel {
  readonly events: RouterEvents;
  readonly queues: ReadonlyMap<string, QueueConfig>;
  readonly agents: AgentIndex;
  readonly waiting = new QueueIndex();
  readonly targeted = new TargetedWaits();
  private readonly targetExpiry = new Map<string, () => void>();
  readonly records = new Map<string, InteractionRecord>();
  readonly stats: StatsBook;
  /** Interactions to (re)consider, in order; the router drains this after each operation. */
  readonly toDispatch: string[] = [];

  constructor(
    readonly deps: RouterDeps,
    readonly config: RouterConfig,
  ) {
    this.events = deps.events ?? new RouterEvents();
    this.queues = new Map(config.queues.map((q) => [q.id, q]));
    this.stats = new StatsBook(() => this.now(), config.timezone);
    this.agents = new AgentIndex(config.agents, this.queues, config.notReadyReasons, (state, at) => this.agentChanged(state, at), this.now(), (queueId, media) =>
      this.waiting.slot(queueId, media),
    );
  }

  /** Set by the router: drains pending dispatch work after a timer fires. */
  settle: () => void = () => {};

  private readonly liveTimers = new Set<() => void>();

  /** A timer whose consequences are routed before control returns to the event loop. */
  timer(ms: number, fn: () => void): () => void {
    const cancelTimer = this.deps.scheduler.setTimer(ms, () => {
      this.liveTimers.delete(cancel);
      fn();
      this.settle();
    });
    const cancel = () => {
      this.liveTimers.delete(cancel);
      cancelTimer();
    };
    this.liveTimers.add(cancel);
    return cancel;
  }

  /** Cancels every pending timer, so a router that has been replaced stops acting. */
  dispose(): void {
    for (const cancel of [...this.liveTimers]) cancel();
  }

  now(): number {
    return this.deps.clock.now();
  }

  queue(id: string): QueueConfig {
    const q = this.queues.get(id);
    if (!q) throw new NotFound(`unknown queue ${id}`);
    return q;
  }

  record(id: string): InteractionRecord {
    const rec = this.records.get(id);
    if (!rec) throw new NotFound(`unknown interaction ${id}`);
    return rec;
  }

  publish(event: InteractionEvent): void {
    if (TERMINAL.has(event.type)) this.records.delete(event.interaction.id);
    else this.records.set(event.interaction.id, event.interaction);
    this.emit(event);
  }

  agent(agentId: string, event: PresenceEvent): AgentState {
    return this.agents.apply(agentId, event, this.now());
  }

  /**
   * Back into its queue (same place: the sort key is unchanged) and up for dispatch. One sent to a
   * named agent waits for that agent instead, unless they have missed it or its time is up.
   */
  requeue(rec: InteractionRecord, tried: readonly string[]): void {
    const merged = tried.length === 0 ? rec.tried : [...new Set([...rec.tried, ...tried])];
    let next: InteractionRecord = { ...rec, status: 'waiting', agentId: null, tried: merged };
    if (next.target && (merged.includes(next.target.agentId) || next.target.until <= this.now())) next = { ...next, target: null };
    if (next.target) this.waitForTarget(next);
    else this.waiting.add(next, this.queue(next.queueId).agingSeconds);
    this.publish({ type: 'queued', at: this.now(), interaction: next });
    this.toDispatch.push(next.id);
  }

  /** Takes a waiting interaction out of its target's list (being offered, leaving, or released to the queue). */
  unwaitTarget(id: string): InteractionRecord | undefined {
    this.targetExpiry.get(id)?.();
    this.targetExpiry.delete(id);
    return this.targeted.remove(id);
  }

  /** The named agent did not take it in time (or left): it becomes the queue's. */
  releaseTarget(id: string): void {
    const rec = this.unwaitTarget(id);
    if (rec) this.requeue({ ...this.record(id), target: null }, []);
  }

  waitForTarget(rec: InteractionRecord): void {
    const target = rec.target;
    if (!target) return;
    this.targeted.add(rec);
    this.targetExpiry.set(
      rec.id,
      this.timer(target.until - this.now(), () => {
        this.targetExpiry.delete(rec.id);
        this.releaseTarget(rec.id);
      }),
    );
  }

  private agentChanged(state: AgentState, at: number): void {
    this.emit({ type: 'agent_state', at, agentId: state.agentId, state });
  }

  private emit(event: RouterEvent): void {
    this.deps.store.append(event);
    this.events.emit(event);
  }
}
