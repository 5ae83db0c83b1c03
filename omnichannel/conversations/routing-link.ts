import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../core/errors';
import type { Media } from '../../core/media';
import type { ContentType, ConversationView, MessageView, SenderType } from '../../core/realtime/chat-events';
import type { InteractionEvent, RouterEvent } from '../../core/routing/events';
import type { Router } from '../../core/routing/router';
import type { ConversationEvents } from './conversation-events';
import type { ConversationRepo } from './conversation-repo';
import { canMove, toView, type LiveConversation } from './live';
import { say } from './texts';

/** What the conversation service needs to know about queues and agents (the server's routing hub answers). */
export interface ConversationDirectory {
  queueName(queueId: string): string | null;
  queueSkills(queueId: string): Record<string, number>;
  queueHoursId(queueId: string): number | null;
  queueTakes(queueId: string, media: Media): boolean;
  agentName(agentId: string): string | null;
  /** Screen-pop facts for the offer the agent sees. */
  describe(interactionId: string, info: { from: string | null; contact: { id: number; name: string; phone: string | null; tags: string[] } | null; ivrPath: [] }): void;
}

type Post = (c: LiveConversation, m: { senderType: SenderType; senderId: string | null; senderName: string | null; clientId: string | null; contentType: ContentType; body: string; attachment: MessageView['attachment'] }) => Promise<MessageView>;

export interface LinkDeps {
  router: Router;
  clock: Clock;
  log: Logger;
  repo: ConversationRepo;
  live: Map<string, LiveConversation>;
  events: ConversationEvents;
  directory: ConversationDirectory;
  post: Post;
  finish: (c: LiveConversation, how: { state: 'ended'; exitReason: string | null }) => Promise<void>;
}

/**
 * The conversation's side of the router: submits, follows the router's events onto the interaction
 * row (offered, answered, exits), transfers, and keeps waiting customers told their place in line.
 * Router listeners only record and schedule: they never call back into the router synchronously.
 */
export class RoutingLink {
  private readonly positions = new Map<string, { position: number | null; estimatedWaitSeconds: number | null }>();
  /** Conversations sent to the router and maybe still waiting: the only ones whose place can change. */
  private readonly waiting = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private refreshQueued = false;

  constructor(private readonly deps: LinkDeps) {
    deps.router.events.onAny((e) => this.onEvent(e));
    this.timer = setInterval(() => this.refreshPositions(), 5000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** After a restart: conversations the router no longer holds go back into their queue. */
  resume(): void {
    for (const c of this.deps.live.values()) {
      if (c.state !== 'bot' && c.queueId && !this.deps.router.interaction(c.id)) this.submit(c);
    }
  }

  /** Into the router; with `targetAgentId`, it waits for that agent first (a transfer by name). */
  submit(c: LiveConversation, targetAgentId?: string): void {
    if (!c.queueId || c.contactId === null) throw new ValidationError('conversation has no queue or contact');
    c.state = 'queued';
    this.persist(c.id, { state: 'queued', queued_at: this.deps.clock.now() });
    this.deps.events.emit('updated', { conversation: c });
    const target = targetAgentId === undefined ? {} : { targetAgentId };
    this.deps.router.submit({ id: c.id, media: c.media, queueId: c.queueId, skills: this.deps.directory.queueSkills(c.queueId), contactId: String(c.contactId), arrivedAt: c.arrivedAt, ...target });
    this.waiting.add(c.id);
    this.scheduleRefresh();
  }

  /** Takes the conversation out of the router: ended if answered, abandoned if still waiting. */
  leave(c: LiveConversation): void {
    const rec = this.deps.router.interaction(c.id);
    if (!rec) return;
    if (rec.status === 'active') this.deps.router.end(c.id);
    else this.deps.router.abandon(c.id);
  }

  /** The agent's notes were taken when they closed the chat: no separate wrap-up needed. */
  endWrapUp(agentId: string, interactionId: string): void {
    const work = this.deps.router.agentStates().find((s) => s.agentId === agentId)?.work ?? [];
    if (work.some((w) => w.interactionId === interactionId && w.phase === 'wrap_up')) this.deps.router.endWrapUp(agentId, interactionId);
  }

  async transfer(c: LiveConversation, actor: { userId: number; name: string; agentId: string | null }, target: { queueId?: string; agentId?: string }, note: string): Promise<LiveConversation> {
    if (c.state !== 'active') throw new Conflict('only an answered chat can be transferred');
    if (actor.agentId === null || c.agentId !== actor.agentId) throw new Forbidden('not your conversation');
    const queueId = target.queueId ?? c.queueId;
    if (!queueId || !this.deps.directory.queueTakes(queueId, c.media)) throw new ValidationError(`queue ${queueId ?? ''} does not take ${c.media}`);
    const targetName = target.agentId ? this.deps.directory.agentName(target.agentId) : this.deps.directory.queueName(queueId);
    if (!targetName) throw new NotFound('no such transfer target');
    const from = actor.agentId;
    if (target.agentId !== undefined) this.checkTransferee(target.agentId, from, c.media);
    this.deps.router.end(c.id);
    this.endWrapUp(from, c.id);
    c.agentId = null;
    c.queueId = queueId;
    this.deps.events.emit('unassigned', { conversation: c, agentId: from });
    await this.deps.post(c, { senderType: 'note', senderId: String(actor.userId), senderName: actor.name, clientId: null, contentType: 'text', body: `⇄ ${targetName}${note ? ` — ${note}` : ''}`, attachment: null });
    await this.deps.post(c, { senderType: 'system', senderId: null, senderName: null, clientId: null, contentType: 'text', body: say(c.locale, 'transferring'), attachment: null });
    this.persist(c.id, { agent_id: null, queue_id: Number(queueId) });
    this.submit(c, target.agentId);
    return c;
  }

  /** A colleague must be signed in and able to take this media; they may be busy (it waits for them). */
  private checkTransferee(agentId: string, from: string, media: Media): void {
    if (agentId === from) throw new ValidationError('that is you');
    const state = this.deps.router.agentStates().find((s) => s.agentId === agentId);
    if (!state) throw new NotFound('no such transfer target');
    if (state.presence === 'offline') throw new Conflict('that agent is signed out', { refusal: 'offline' });
    if (!this.deps.router.takes(agentId, media)) throw new ValidationError(`that agent does not take ${media}`);
  }

  view(c: LiveConversation, side: 'customer' | 'staff'): ConversationView {
    const names = { queue: (id: string) => this.deps.directory.queueName(id), agent: (id: string) => this.deps.directory.agentName(id) };
    const waiting = c.state === 'queued' || c.state === 'offered';
    return toView(c, names, (waiting ? this.positions.get(c.id) : undefined) ?? { position: null, estimatedWaitSeconds: null }, side);
  }

  private onEvent(e: RouterEvent): void {
    if (e.type === 'agent_state') return;
    const c = this.deps.live.get(e.interaction.id);
    if (!c || c.state === 'ended') return;
    this.scheduleRefresh();
    this.apply(c, e);
  }

  private apply(c: LiveConversation, e: InteractionEvent): void {
    switch (e.type) {
      case 'queued':
        this.move(c, 'queued', {});
        return;
      case 'offered':
        this.move(c, 'offered', { offered_at: e.at });
        return;
      case 'rejected':
      case 'timed_out':
      case 'offer_cancelled':
        if (e.interaction.status === 'waiting') this.move(c, 'queued', {});
        return;
      case 'accepted': {
        c.agentId = e.agentId;
        c.answeredAt ??= e.at;
        this.move(c, 'active', { agent_id: Number(e.agentId), answered_at: c.answeredAt, wait_ms: c.answeredAt - c.arrivedAt });
        const name = this.deps.directory.agentName(e.agentId) ?? e.agentId;
        this.later(c.id, async () => {
          await this.deps.post(c, { senderType: 'system', senderId: null, senderName: null, clientId: null, contentType: 'text', body: say(c.locale, 'agentJoined', { name }), attachment: null });
          this.deps.events.emit('assigned', { conversation: c, agentId: e.agentId });
        });
        return;
      }
      case 'exited':
        this.later(c.id, async () => {
          await this.deps.post(c, { senderType: 'system', senderId: null, senderName: null, clientId: null, contentType: 'text', body: say(c.locale, 'noAgents'), attachment: null });
          await this.deps.finish(c, { state: 'ended', exitReason: e.reason });
        });
        return;
      default:
        return; // created, overflowed: nothing to record; ended, abandoned: we caused them
    }
  }

  private move(c: LiveConversation, to: LiveConversation['state'], fields: Record<string, unknown>): void {
    if (!canMove(c.state, to)) return;
    c.state = to;
    this.persist(c.id, { state: to, ...fields });
    this.deps.events.emit('updated', { conversation: c });
  }

  /** Row updates for one conversation are applied in the order they were decided. */
  private persist(id: string, fields: Record<string, unknown>): void {
    this.later(id, () => this.deps.repo.update(id, fields));
  }

  private later(id: string, fn: () => Promise<void>): void {
    const next = (this.chains.get(id) ?? Promise.resolve())
      .then(fn)
      .catch((err: unknown) => this.deps.log.error({ err, interactionId: id }, 'conversation update failed'));
    this.chains.set(id, next);
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
  }

  private scheduleRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setTimeout(() => {
      this.refreshQueued = false;
      this.refreshPositions();
    }, 100).unref();
  }

  /** Tells each waiting customer their place in line when it changes. */
  private refreshPositions(): void {
    for (const id of this.waiting) {
      const c = this.deps.live.get(id);
      if (c?.state !== 'queued' && c?.state !== 'offered') {
        this.waiting.delete(id);
        this.positions.delete(id);
        continue;
      }
      if (!this.deps.router.interaction(c.id)) continue;
      const position = this.deps.router.position(c.id);
      const wait = this.deps.router.estimatedWait(c.id);
      const next = { position: position || null, estimatedWaitSeconds: wait === null ? null : Math.round(wait) };
      const prev = this.positions.get(c.id);
      if (prev?.position === next.position && prev.estimatedWaitSeconds === next.estimatedWaitSeconds) continue;
      this.positions.set(c.id, next);
      this.deps.events.emit('updated', { conversation: c });
    }
  }
}
