import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BusinessHoursService } from '../../core/calendar/hours-service';
import type { Clock } from '../../core/clock';
import type { ContactService } from '../../core/contacts/contact-service';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../core/errors';
import type { Media } from '../../core/media';
import type { ArticleLink, ContentType, ConversationView, MessageView, SenderType } from '../../core/realtime/chat-events';
import type { Router } from '../../core/routing/router';
import type { SelfService } from '../bot/self-service';
import { wantsHuman } from '../bot/self-service';
import type { Channel, CustomerIdentity, EntryPoint } from '../channel';
import type { AttachmentStore } from './attachments';
import { ConversationEvents } from './conversation-events';
import { ConversationRepo } from './conversation-repo';
import { canMove, type LiveConversation } from './live';
import { MessageStore } from './message-store';
import { RoutingLink, type ConversationDirectory } from './routing-link';
import { say } from './texts';

export type { ConversationDirectory } from './routing-link';

export interface ConversationDeps {
  db: Knex;
  clock: Clock;
  log: Logger;
  router: Router;
  contacts: ContactService;
  hours: Pick<BusinessHoursService, 'openNow'>;
  selfService: SelfService;
  attachments: AttachmentStore;
  directory: ConversationDirectory;
}

export interface OpenInput {
  media: Exclude<Media, 'voice' | 'video'>;
  identity: CustomerIdentity;
  entry: EntryPoint;
  subject: string | null;
  siteId: number | null;
  siteName: string | null;
  locale: 'zh-CN' | 'en';
}

export type Actor = { kind: 'customer' } | { kind: 'staff'; userId: number; name: string; agentId: string | null } | { kind: 'system' };

const textMedia: readonly Media[] = ['webim', 'wechat', 'sms', 'email'];

type MessageContent = { contentType: ContentType; body: string; attachment: MessageView['attachment'] };

/** A text message's content. Text messages are most of the traffic, so this path does not await. */
function text(body: string | undefined): MessageContent {
  if (!body) throw new ValidationError('a message needs text or an attachment');
  return { contentType: 'text', body, attachment: null };
}

/**
 * Text conversations, whatever the channel: creates the interaction, stores every message with its
 * seq, sender, time and delivery state, runs self-service, hands the conversation to the router and
 * follows it to the end (first response, resolution, satisfaction).
 */
export class ConversationService {
  readonly events = new ConversationEvents();
  readonly messages: MessageStore;
  private readonly repo: ConversationRepo;
  private readonly live = new Map<string, LiveConversation>();
  private readonly routing: RoutingLink;
  private readonly channels = new Map<Media, Channel>();

  constructor(private readonly deps: ConversationDeps) {
    this.repo = new ConversationRepo(deps.db);
    this.messages = new MessageStore(deps.db, deps.log);
    this.routing = new RoutingLink({ ...deps, repo: this.repo, live: this.live, events: this.events, post: (c, m) => this.append(c, m), finish: (c, how) => this.finish(c, how) });
  }

  /** A channel adapter delivers what agents, the bot and the system say to its customers. */
  register(channel: Channel): void {
    this.channels.set(channel.media, channel);
  }

  /** Picks up conversations that were open when the node stopped. */
  async start(): Promise<void> {
    for (const row of await this.repo.unfinished(textMedia)) {
      const c = this.repo.toLive(row, await this.messages.tail(row.id));
      this.live.set(c.id, c);
    }
    this.routing.resume();
  }

  stop(): void {
    this.routing.stop();
  }

  get(id: string): LiveConversation {
    const c = this.live.get(id);
    if (!c) throw new NotFound('no such open conversation');
    return c;
  }

  find(id: string): LiveConversation | undefined {
    return this.live.get(id);
  }

  view(c: LiveConversation, side: 'customer' | 'staff'): ConversationView {
    return this.routing.view(c, side);
  }

  liveConversations(): LiveConversation[] {
    return [...this.live.values()];
  }

  forAgent(agentId: string): LiveConversation[] {
    return this.liveConversations().filter((c) => c.agentId === agentId && c.state === 'active');
  }

  /** The customer's open conversation on this site, if they left one (a returning visitor). */
  async resume(contactId: number, siteId: number | null): Promise<LiveConversation | undefined> {
    const id = await this.repo.openFor(contactId, siteId);
    return id ? this.live.get(id) : undefined;
  }

  async open(input: OpenInput): Promise<LiveConversation> {
    const { identity } = input;
    const { contact } = await this.deps.contacts.findOrCreate(identity.kind, identity.value, {
      ...(identity.displayName ? { name: identity.displayName } : {}),
      ...(identity.phone ? { phone: identity.phone } : {}),
      ...(identity.email ? { email: identity.email } : {}),
    });
    const existing = await this.resume(contact.id, input.siteId);
    if (existing) return existing;
    const fill = { ...(!contact.name && identity.displayName ? { name: identity.displayName } : {}), ...(!contact.phone && identity.phone ? { phone: identity.phone } : {}) };
    if (Object.keys(fill).length > 0) await this.deps.contacts.update(contact.id, fill);
    const c: LiveConversation = {
      id: randomUUID(),
      media: input.media,
      state: 'bot',
      siteId: input.siteId,
      siteName: input.siteName,
      queueId: input.entry.queueId,
      agentId: null,
      contactId: contact.id,
      customerName: identity.displayName || contact.name || '',
      subject: input.subject,
      locale: input.locale,
      arrivedAt: this.deps.clock.now(),
      answeredAt: null,
      firstResponseAt: null,
      endedAt: null,
      exitReason: null,
      csatScore: null,
      nextSeq: 1,
      clientIds: new Map(),
      customerReadSeq: 0,
      staffReadSeq: 0,
      participants: new Set(),
      invited: false,
      selfService: input.entry.selfService,
      businessHoursId: input.entry.businessHoursId,
    };
    await this.repo.insert(c, input.entry.priority ?? 0, { ...this.deps.directory.queueSkills(input.entry.queueId), ...input.entry.skills });
    this.live.set(c.id, c);
    this.deps.directory.describe(c.id, { from: c.customerName || null, contact: { id: contact.id, name: contact.name || c.customerName, phone: contact.phone, tags: contact.tags }, ivrPath: [] });
    return c;
  }

  /** Greets, records the pre-chat question and either answers it from the knowledge base or queues. */
  async begin(c: LiveConversation, greeting: string | null, question: string | null): Promise<void> {
    if (greeting) await this.bot(c, 'text', greeting);
    if (question) await this.receive(c.id, { clientId: `prechat-${randomBytes(8).toString('hex')}`, text: question });
    if (!c.selfService) await this.handoff(c.id);
  }

  /** A message from the customer. A resend with the same clientId returns the stored message. */
  async receive(id: string, inbound: { clientId: string; text?: string; attachmentId?: string }): Promise<MessageView> {
    const c = this.open_(id);
    if (c.clientIds.has(inbound.clientId)) {
      const stored = await this.stored(c, inbound.clientId);
      if (stored) return stored;
    }
    const content = inbound.attachmentId ? await this.attachment(c, inbound.attachmentId) : text(inbound.text);
    const message = await this.append(c, { senderType: 'customer', senderId: null, senderName: c.customerName || null, clientId: inbound.clientId, ...content });
    if (c.state === 'bot' && c.selfService && inbound.text) {
      void this.botTurn(c, inbound.text).catch((err: unknown) => this.deps.log.error({ err, interactionId: c.id }, 'self-service failed'));
    }
    return message;
  }

  /** A message from staff: an agent's reply to the customer, or a private note. */
  async post(id: string, actor: Extract<Actor, { kind: 'staff' }>, input: { clientId: string; text?: string; attachmentId?: string; note?: boolean }): Promise<MessageView> {
    const c = this.open_(id);
    if (c.clientIds.has(input.clientId)) {
      const stored = await this.stored(c, input.clientId);
      if (stored) return stored;
    }
    if (!input.note && c.state !== 'active') throw new Conflict('the customer can be written to once the chat is accepted');
    const content = input.attachmentId ? await this.attachment(c, input.attachmentId) : text(input.text);
    const message = await this.append(c, { senderType: input.note ? 'note' : 'agent', senderId: String(actor.userId), senderName: actor.name, clientId: input.clientId, ...content });
    if (!input.note && c.firstResponseAt === null) {
      c.firstResponseAt = Date.parse(message.createdAt);
      await this.repo.update(c.id, { first_response_at: c.firstResponseAt });
    }
    return message;
  }

  async history(id: string, since: number, side: 'customer' | 'staff'): Promise<MessageView[]> {
    return this.messages.since(id, since, side === 'staff');
  }

  /** The customer asked for a person (button or words): leave self-service and join the queue. */
  async handoff(id: string): Promise<LiveConversation> {
    const c = this.open_(id);
    if (c.state !== 'bot') return c;
    const hoursId = c.businessHoursId ?? (c.queueId ? this.deps.directory.queueHoursId(c.queueId) : null);
    if (!(await this.deps.hours.openNow(hoursId))) {
      await this.bot(c, 'text', say(c.locale, 'closed'));
      await this.finish(c, { state: 'ended', exitReason: 'closed' });
      return c;
    }
    await this.bot(c, 'text', say(c.locale, 'queued'));
    this.routing.submit(c);
    return c;
  }

  transfer(id: string, actor: Extract<Actor, { kind: 'staff' }>, target: { queueId?: string; agentId?: string }, note: string): Promise<LiveConversation> {
    return this.routing.transfer(this.open_(id), actor, target, note);
  }

  invite(id: string, actor: Extract<Actor, { kind: 'staff' }>, note: string): void {
    const c = this.open_(id);
    c.invited = true;
    this.events.emit('invited', { conversation: c, by: actor.name, note });
  }

  /**
   * The view with the messages after `since`, for a client catching up. The view is taken after the
   * messages are read, so it is never older than an update the client got while it waited.
   */
  async catchUp(id: string, since: number, side: 'customer' | 'staff'): Promise<{ view: ConversationView; agentId: string | null; contactId: number | null; messages: MessageView[] } | undefined> {
    const messages = await this.history(id, since, side);
    const snap = await this.snapshot(id, side);
    return snap && { ...snap, messages };
  }

  /** The conversation as one side sees it, live or (once ended) rebuilt from its row. */
  async snapshot(id: string, side: 'customer' | 'staff'): Promise<{ view: ConversationView; agentId: string | null; contactId: number | null } | undefined> {
    const live = this.live.get(id);
    if (live) return { view: this.view(live, side), agentId: live.agentId, contactId: live.contactId };
    const row = await this.repo.get(id);
    if (!row) return undefined;
    const c = this.repo.toLive(row, { maxSeq: 0, clientIds: new Map() });
    c.state = row.ended_at === null ? c.state : 'ended';
    return { view: this.view(c, side), agentId: c.agentId, contactId: c.contactId };
  }

  /** Ends the conversation (or, for an agent, records the outcome of one that already ended). */
  async close(id: string, actor: Actor, outcome: { disposition?: string; resolved?: boolean; notes?: string } = {}): Promise<ConversationView | null> {
    const c = this.live.get(id);
    const agentId = actor.kind === 'staff' ? actor.agentId : null;
    const fields = { ...(outcome.disposition ? { disposition: outcome.disposition } : {}), ...(outcome.notes ? { notes: outcome.notes } : {}), ...(outcome.resolved === undefined ? {} : { resolved: outcome.resolved }) };
    if (!c) {
      const row = await this.repo.get(id);
      if (!row) throw new NotFound('no such conversation');
      if (actor.kind === 'staff' && agentId !== null && String(row.agent_id) !== agentId) throw new Forbidden('not your conversation');
      if (Object.keys(fields).length > 0) await this.repo.update(id, fields);
      if (agentId) this.routing.endWrapUp(agentId, id);
      return null;
    }
    if (actor.kind === 'staff' && agentId !== null && c.agentId !== agentId) throw new Forbidden('not your conversation');
    const side = actor.kind === 'customer' ? 'customer' : actor.kind === 'staff' ? 'agent' : 'system';
    this.routing.leave(c);
    if (agentId) this.routing.endWrapUp(agentId, id);
    await this.bot(c, 'text', say(c.locale, actor.kind === 'customer' ? 'customerLeft' : 'ended'), 'system');
    await this.finish(c, { state: 'ended', exitReason: null, fields: { ...fields, hangup_side: side, abandoned: c.answeredAt === null && actor.kind === 'customer' } });
    return this.view(c, 'staff');
  }

  async rate(id: string, contactId: number, score: number, comment: string): Promise<void> {
    const row = await this.repo.get(id);
    if (!row || row.contact_id !== contactId) throw new NotFound('no such conversation');
    if (row.ended_at === null) throw new Conflict('rate the chat once it has ended');
    if (row.csat_score !== null) throw new Conflict('this chat is already rated');
    await this.repo.update(id, { csat_score: score, csat_comment: comment || null });
  }

  /** `side` has seen the other side's messages up to `seq`. */
  async markRead(id: string, side: 'customer' | 'staff', seq: number): Promise<void> {
    const c = this.get(id);
    const seen = Math.min(seq, c.nextSeq - 1);
    if (side === 'customer' ? seen <= c.customerReadSeq : seen <= c.staffReadSeq) return;
    if (side === 'customer') c.customerReadSeq = seen;
    else c.staffReadSeq = seen;
    await this.messages.markRead(id, side === 'customer' ? ['agent', 'bot', 'system'] : ['customer'], seen, this.deps.clock.now());
    this.events.emit('receipt', { conversation: c, side, seq: seen });
    if (side === 'staff') this.channels.get(c.media)?.read?.(c.id, seen);
  }

  typing(id: string, side: 'customer' | 'staff', typing: boolean): void {
    const c = this.live.get(id);
    if (!c || c.state === 'ended') return;
    this.events.emit('typing', { conversation: c, side, typing });
    if (side === 'staff') this.channels.get(c.media)?.typing?.(c.id, typing);
  }

  /** The customer has this attachment: it belongs to one of their conversations. */
  async attachmentFor(attachmentId: string): Promise<{ path: string; mime: string; filename: string; conversationId: string; contactId: number | null; agentId: string | null }> {
    const a = await this.deps.attachments.get(attachmentId);
    const row = await this.repo.get(a.conversationId);
    return { path: a.path, mime: a.mime, filename: a.filename, conversationId: a.conversationId, contactId: row?.contact_id ?? null, agentId: row?.agent_id === null || row?.agent_id === undefined ? null : String(row.agent_id) };
  }

  private open_(id: string): LiveConversation {
    const c = this.get(id);
    if (c.state === 'ended') throw new Conflict('this conversation has ended');
    return c;
  }

  /** A resend (same clientId) is answered with the stored message once its write settles; if that write failed, it is stored now. */
  private async stored(c: LiveConversation, clientId: string): Promise<MessageView | undefined> {
    await this.messages.settled();
    return this.messages.byClientId(c.id, clientId);
  }

  private async attachment(c: LiveConversation, attachmentId: string): Promise<MessageContent> {
    const a = await this.deps.attachments.get(attachmentId);
    if (a.conversationId !== c.id) throw new Forbidden('that attachment belongs to another conversation');
    return { contentType: a.mime.startsWith('image/') ? 'image' : 'file', body: a.filename, attachment: { id: a.id, filename: a.filename, mime: a.mime, size: a.size } };
  }

  private async append(c: LiveConversation, m: { senderType: SenderType; senderId: string | null; senderName: string | null; clientId: string | null; contentType: ContentType; body: string; attachment: MessageView['attachment'] }): Promise<MessageView> {
    const seq = c.nextSeq++;
    if (m.clientId) c.clientIds.set(m.clientId, seq);
    const { view: message, stored } = this.messages.insert({ ...m, conversationId: c.id, seq, at: this.deps.clock.now() });
    // Fan out while the row is being written; the sender's acknowledgement still waits for the
    // commit, so an unacknowledged message is re-sent with its clientId and shown once (by clientId).
    this.events.emit('message', { conversation: c, message });
    if (m.senderType === 'agent' || m.senderType === 'bot' || m.senderType === 'system') this.deliver(c, message);
    try {
      await stored;
      return message;
    } catch (err) {
      if (m.clientId) c.clientIds.delete(m.clientId);
      throw err;
    }
  }

  private deliver(c: LiveConversation, m: MessageView): void {
    const channel = this.channels.get(c.media);
    if (!channel) return;
    const url = m.attachment ? `/api/attachments/${m.attachment.id}` : null;
    channel
      .send({ conversationId: c.id, seq: m.seq, senderType: m.senderType as 'agent' | 'bot' | 'system', senderName: m.senderName, contentType: m.contentType, body: m.body, attachmentUrl: url }, m)
      .then((state) => (state === 'sent' ? undefined : this.messages.deliveredLater(c.id, m.senderType, m.seq, this.deps.clock.now())))
      .catch((err: unknown) => this.deps.log.warn({ err, interactionId: c.id }, 'channel delivery failed'));
  }

  private bot(c: LiveConversation, contentType: ContentType, body: string, senderType: 'bot' | 'system' = 'bot'): Promise<MessageView> {
    return this.append(c, { senderType, senderId: null, senderName: senderType === 'bot' ? say(c.locale, 'botName') : null, clientId: null, contentType, body, attachment: null });
  }

  private async botTurn(c: LiveConversation, text: string): Promise<void> {
    if (wantsHuman(text)) {
      await this.handoff(c.id);
      return;
    }
    const answers: ArticleLink[] = await this.deps.selfService.answers(text, c.locale);
    if (answers.length === 0) {
      await this.bot(c, 'text', say(c.locale, 'noAnswer'));
      await this.handoff(c.id);
      return;
    }
    await this.bot(c, 'text', say(c.locale, 'answersIntro'));
    await this.bot(c, 'articles', JSON.stringify(answers));
    await this.bot(c, 'text', say(c.locale, 'answersFollowUp'));
  }

  /** Ends a conversation in memory and on its row; it leaves the live set. */
  async finish(c: LiveConversation, how: { state: 'ended'; exitReason: string | null; fields?: Record<string, unknown> }): Promise<void> {
    if (!canMove(c.state, how.state)) return;
    c.state = 'ended';
    c.endedAt = this.deps.clock.now();
    c.exitReason = how.exitReason;
    const talk = c.answeredAt === null ? null : c.endedAt - c.answeredAt;
    await this.repo.update(c.id, { state: 'ended', ended_at: c.endedAt, talk_ms: talk, ...(how.exitReason ? { exit_reason: how.exitReason } : {}), ...how.fields });
    this.live.delete(c.id);
    this.events.emit('updated', { conversation: c });
  }
}
