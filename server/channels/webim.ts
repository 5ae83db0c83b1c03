import { join } from 'node:path';
import type { Express } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BusinessHoursService } from '../../core/calendar/hours-service';
import type { Clock } from '../../core/clock';
import type { ContactService } from '../../core/contacts/contact-service';
import type { KnowledgeBase } from '../../core/knowledge/kb-service';
import type { TicketService } from '../../core/tickets/ticket-service';
import { SelfService } from '../../omnichannel/bot/self-service';
import { AttachmentStore } from '../../omnichannel/conversations/attachments';
import { CannedResponses } from '../../omnichannel/conversations/canned';
import { ConversationService } from '../../omnichannel/conversations/conversation-service';
import { SiteService, type Site } from '../../omnichannel/webim/sites';
import { VisitorService } from '../../omnichannel/webim/visitors';
import type { Api } from '../http/api';
import { webimRoutes } from '../http/routes/webim';
import { webimPublicRoutes } from '../http/routes/webim-public';
import { webimPages } from '../http/webim-pages';
import { chatNamespace } from '../realtime/chat-namespace';
import type { RealtimeGateway } from '../realtime/gateway';
import { widgetNamespace } from '../realtime/widget-namespace';
import type { RoutingHub } from '../routing/routing-hub';

export interface WebimDeps {
  db: Knex;
  clock: Clock;
  log: Logger;
  hub: RoutingHub;
  contacts: ContactService;
  tickets: TicketService;
  kb: KnowledgeBase;
  hours: BusinessHoursService;
  dataDir: string;
  /** Where the built widget.js and help.js are (dist/widget). */
  widgetDir: string;
}

/** Wires the WebIM channel: conversation service, HTTP routes, pages, and the two socket namespaces. */
export class WebimChannel {
  readonly conversations: ConversationService;
  readonly sites: SiteService;
  private readonly visitors: VisitorService;
  private readonly attachments: AttachmentStore;
  private readonly canned: CannedResponses;

  private constructor(private readonly deps: WebimDeps) {
    const { db, clock, hub } = deps;
    this.sites = new SiteService(db, clock);
    this.visitors = new VisitorService(db, clock);
    this.attachments = new AttachmentStore(db, clock, join(deps.dataDir, 'uploads'));
    this.canned = new CannedResponses(db, clock);
    this.conversations = new ConversationService({
      db,
      clock,
      log: deps.log,
      router: hub.router,
      contacts: deps.contacts,
      hours: deps.hours,
      selfService: new SelfService(deps.kb),
      attachments: this.attachments,
      directory: {
        queueName: (id) => hub.queue(id)?.name ?? null,
        queueSkills: (id) => hub.queue(id)?.requiredSkills ?? {},
        queueHoursId: (id) => hub.queue(id)?.businessHoursId ?? null,
        queueTakes: (id, media) => hub.queue(id)?.media.includes(media) ?? false,
        agentName: (id) => hub.agentViews().find((a) => a.agentId === id)?.displayName ?? null,
        describe: (id, info) => hub.describe(id, info),
      },
    });
  }

  static async start(deps: WebimDeps): Promise<WebimChannel> {
    const channel = new WebimChannel(deps);
    await channel.conversations.start();
    return channel;
  }

  private readonly isOpen = async (site: Site): Promise<boolean> => {
    const hoursId = site.businessHoursId ?? (site.queueId ? (this.deps.hub.queue(String(site.queueId))?.businessHoursId ?? null) : null);
    return this.deps.hours.openNow(hoursId);
  };

  /** HTTP routes and pages; call before the app's closing handlers are added. */
  routes(api: Api, app: Express): void {
    webimRoutes(api, { sites: this.sites, canned: this.canned, conversations: this.conversations, attachments: this.attachments, tickets: this.deps.tickets, hubAgentId: (userId) => this.deps.hub.agentIdForUser(userId), transferTargets: (except) => this.transferTargets(except) });
    webimPublicRoutes(api, app, { sites: this.sites, visitors: this.visitors, conversations: this.conversations, attachments: this.attachments, tickets: this.deps.tickets, contacts: this.deps.contacts, isOpen: this.isOpen, clock: this.deps.clock });
    webimPages(app, { widgetDir: this.deps.widgetDir, sites: this.sites });
  }

  /** Colleagues who are signed in and take chats (busy ones too: a transfer by name waits for them). */
  private transferTargets(exceptAgentId: string | undefined): { queues: Array<{ id: string; name: string; waiting: number }>; agents: Array<{ id: string; name: string; presence: string; chats: number }> } {
    const { hub } = this.deps;
    const agents = hub.agentViews().filter((a) => a.agentId !== exceptAgentId && a.presence !== 'offline' && hub.router.takes(a.agentId, 'webim'));
    return {
      queues: hub.queueViews().filter((q) => q.media.includes('webim')).map((q) => ({ id: q.queueId, name: q.name, waiting: q.waiting })),
      agents: agents.map((a) => ({ id: a.agentId, name: a.displayName, presence: a.presence, chats: a.work.filter((w) => w.media === 'webim').length })),
    };
  }

  realtime(gateway: RealtimeGateway): void {
    widgetNamespace(gateway.io, { sites: this.sites, visitors: this.visitors, conversations: this.conversations, isOpen: this.isOpen, log: this.deps.log.child({ mod: 'widget-ns' }) });
    chatNamespace(gateway, this.deps.hub, this.conversations, this.deps.log.child({ mod: 'chat-ns' }));
  }

  async close(): Promise<void> {
    this.conversations.stop();
    await this.conversations.messages.settled();
    await this.conversations.messages.flushDeliveries();
  }
}
