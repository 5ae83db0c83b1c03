import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AgentDirectory } from '../../core/agents/directory';
import type { AgentState } from '../../core/agents/presence';
import type { Clock } from '../../core/clock';
import { loadRouterConfig } from '../../core/queues/router-config';
import type { QueueService, QueueSettings } from '../../core/queues/queue-service';
import type { AgentView, OfferView } from '../../core/realtime/events';
import { KnexRouterStore } from '../../core/routing/knex-store';
import type { Media } from '../../core/media';
import type { RouterEvents } from '../../core/routing/events';
import { Router } from '../../core/routing/router';
import { realScheduler } from '../../core/routing/scheduler';

/** What a channel tells the hub about an interaction it submitted, for the agent's screen-pop. */
export interface InteractionInfo {
  from: string | null;
  contact: OfferView['contact'];
  ivrPath: OfferView['ivrPath'];
}

/**
 * Owns the one router of this node: builds it from the database configuration, restores it after
 * a restart, reloads it when admins change queues or agents, and turns its records into the views
 * the console shows.
 */
export class RoutingHub {
  private current: Router;
  /** One listener list for every router generation, so subscribers survive a reload. */
  private readonly events: RouterEvents;
  private queues = new Map<string, QueueSettings>();
  private agents = new Map<string, { displayName: string; extension: string; userId: number }>();
  private info = new Map<string, InteractionInfo>();
  private registered: (extension: string) => boolean = () => false;

  private constructor(
    router: Router,
    private readonly store: KnexRouterStore,
    private readonly deps: { queueService: QueueService; directory: AgentDirectory; db: Knex; clock: Clock; log: Logger },
  ) {
    this.current = router;
    this.events = router.events;
    for (const type of ['ended', 'abandoned', 'exited'] as const) {
      router.events.on(type, (e) => this.info.delete(e.interaction.id));
    }
  }

  /** The live router; read it at each use, since a configuration reload replaces it. */
  get router(): Router {
    return this.current;
  }

  static async start(deps: { queueService: QueueService; directory: AgentDirectory; db: Knex; clock: Clock; log: Logger }): Promise<RoutingHub> {
    const reasons = ((await deps.db('not_ready_reasons').select('code')) as Array<{ code: string }>).map((r) => r.code);
    const config = await loadRouterConfig(deps.queueService, deps.directory, reasons);
    const store = new KnexRouterStore(deps.db);
    const router = new Router({ clock: deps.clock, scheduler: realScheduler, store }, config);
    const hub = new RoutingHub(router, store, deps);
    await hub.refreshNames();
    await router.restore();
    return hub;
  }

  /** Re-reads queues and agents after an admin change and hands them to the live router. */
  async reload(): Promise<void> {
    const reasons = ((await this.deps.db('not_ready_reasons').select('code')) as Array<{ code: string }>).map((r) => r.code);
    const config = await loadRouterConfig(this.deps.queueService, this.deps.directory, reasons);
    await this.refreshNames();
    const old = this.current;
    await old.persisted();
    old.dispose();
    const next = new Router({ clock: this.deps.clock, scheduler: realScheduler, store: this.store, events: this.events }, config);
    this.current = next;
    await next.restore();
  }

  /** Lets the console show whether each agent's softphone is registered. */
  useRegistrations(isRegistered: (extension: string) => boolean): void {
    this.registered = isRegistered;
  }

  describe(interactionId: string, info: InteractionInfo): void {
    this.info.set(interactionId, info);
  }

  queue(queueId: string): QueueSettings | undefined {
    return this.queues.get(queueId);
  }

  queueByName(name: string): QueueSettings | undefined {
    return [...this.queues.values()].find((q) => q.name === name);
  }

  agentIdForUser(userId: number): string | undefined {
    for (const [id, a] of this.agents) if (a.userId === userId) return id;
    return undefined;
  }

  agentByExtension(extension: string): string | undefined {
    for (const [id, a] of this.agents) if (a.extension === extension) return id;
    return undefined;
  }

  extensionOf(agentId: string): string | undefined {
    return this.agents.get(agentId)?.extension;
  }

  userIdOf(agentId: string): number | undefined {
    return this.agents.get(agentId)?.userId;
  }

  agentView(state: AgentState): AgentView {
    const a = this.agents.get(state.agentId);
    return { ...state, displayName: a?.displayName ?? state.agentId, extension: a?.extension ?? '', registered: a ? this.registered(a.extension) : false };
  }

  agentViews(): AgentView[] {
    return this.router.agentStates().map((s) => this.agentView(s));
  }

  queueView(queueId: string): ReturnType<Router['queueStats']> & { name: string; media: Media[] } {
    const q = this.queues.get(queueId);
    return { ...this.router.queueStats(queueId), name: q?.name ?? queueId, media: q?.media ?? [] };
  }

  queueViews(): Array<ReturnType<RoutingHub['queueView']>> {
    return [...this.queues.keys()].map((id) => this.queueView(id));
  }

  offerView(interactionId: string, expiresAt: number | null): OfferView | undefined {
    const rec = this.router.interaction(interactionId);
    if (!rec) return undefined;
    const info = this.info.get(interactionId);
    return {
      interactionId,
      media: rec.media,
      queueId: rec.queueId,
      queueName: this.queues.get(rec.queueId)?.name ?? rec.queueId,
      from: info?.from ?? null,
      contact: info?.contact ?? null,
      ivrPath: info?.ivrPath ?? [],
      waitedSeconds: Math.round((this.deps.clock.now() - rec.arrivedAt) / 1000),
      expiresAt,
    };
  }

  private async refreshNames(): Promise<void> {
    this.queues = new Map((await this.deps.queueService.list()).map((q) => [q.id, q]));
    this.agents = new Map((await this.deps.directory.list()).map((a) => [String(a.id), { displayName: a.displayName, extension: a.extension, userId: a.userId }]));
  }
}
