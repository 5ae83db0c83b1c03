import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, Conflict, ValidationError } from '../../core/errors';
import { widgetAuthSchema, widgetPayloads, type MessageView } from '../../core/realtime/chat-events';
import type { Channel } from '../../omnichannel/channel';
import type { ConversationService } from '../../omnichannel/conversations/conversation-service';
import { originAllowed, verifyUserHash, type Site, type SiteService } from '../../omnichannel/webim/sites';
import { isVisitorToken, newVisitorToken, tokenHash, visitorIdentity, type Visitor, type VisitorService } from '../../omnichannel/webim/visitors';
import { onValidated } from './validated';

export interface WidgetSocketData {
  siteId: number;
  siteToken: string;
  visitor: Visitor;
  token: string;
  conversationId: string | null;
  contactId: number | null;
  /** The chat the widget says it last showed (unverified until `init` checks it is this visitor's). */
  lastShown: string | null;
}

/** The site is closed now (business hours): the widget offers the offline form instead. */
export class ClosedNow extends AppError {
  readonly status = 409;
  readonly code = 'closed';
}

class HandshakeRefused extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

export interface WidgetDeps {
  sites: SiteService;
  visitors: VisitorService;
  conversations: ConversationService;
  isOpen: (site: Site) => Promise<boolean>;
  log: Logger;
}

/**
 * `/widget`: the customers' side of WebIM, public. A connection proves its site with the site token
 * (and, for signed-in visitors, the HMAC of their user id) and names itself with a visitor token;
 * messages carry client ids so a resend after a broken connection is stored once.
 */
export function widgetNamespace(io: Server, deps: WidgetDeps): { nsp: Namespace; channel: Channel } {
  const { conversations, log } = deps;
  const nsp = io.of('/widget');
  const room = (id: string) => `conv:${id}`;

  nsp.use(async (socket, next) => {
    try {
      const auth = widgetAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) throw new HandshakeRefused('invalid_handshake', 'the handshake needs { site, visitor?, userId?, userHash? }');
      const site = await deps.sites.byToken(auth.data.site);
      if (!site) throw new HandshakeRefused('invalid_site', 'unknown or disabled site token');
      if (!originAllowed(site, socket.handshake.headers.origin, socket.handshake.headers.host)) throw new HandshakeRefused('origin_not_allowed', 'this page may not embed the widget');
      const { userId, userHash } = auth.data;
      if (userId !== undefined || userHash !== undefined) {
        if (!userId || !userHash || !verifyUserHash(site.secret, userId, userHash)) throw new HandshakeRefused('bad_identity_hash', 'data-user-hash does not match data-user-id');
      } else if (site.requireIdentity) {
        throw new HandshakeRefused('identity_required', 'this site requires a signed-in visitor (data-user-id and data-user-hash)');
      }
      const token = isVisitorToken(auth.data.visitor) ? auth.data.visitor : newVisitorToken();
      const data: WidgetSocketData = { siteId: site.id, siteToken: site.token, visitor: { siteId: site.id, tokenHash: tokenHash(token), userId: userId ?? null }, token, conversationId: null, contactId: null, lastShown: auth.data.conversation ?? null };
      Object.assign(socket.data as object, data);
      next();
    } catch (err) {
      if (!(err instanceof HandshakeRefused)) log.error({ err }, 'widget handshake failed');
      next(err instanceof HandshakeRefused ? err : new HandshakeRefused('internal', 'internal error'));
    }
  });

  const channel: Channel = {
    media: 'webim',
    // Delivered once a widget socket of the conversation acknowledges it.
    send: (_out, view) =>
      new Promise((resolve) => {
        nsp
          .to(room(view.conversationId))
          .timeout(10_000)
          .emit('message', view, (_err: Error | null, replies: unknown[]) => resolve(replies && replies.length > 0 ? 'delivered' : 'sent'));
      }),
    typing: (conversationId, typing) => nsp.to(room(conversationId)).emit('typing', { typing }),
    read: (conversationId, seq) => nsp.to(room(conversationId)).emit('receipt', { readSeq: seq }),
  };
  conversations.register(channel);
  conversations.events.on('updated', ({ conversation }) => {
    if (conversation.media === 'webim') nsp.to(room(conversation.id)).emit('conversation', conversations.view(conversation, 'customer'));
  });

  nsp.on('connection', (socket) => {
    const data = socket.data as WidgetSocketData;
    // Events that arrive before the session is set up wait for it; later ones (nearly all) go straight in.
    let initialised = false;
    const ready = init(socket, data).then(() => {
      initialised = true;
    });
    const on = <K extends keyof typeof widgetPayloads>(event: K, handler: (p: z.output<(typeof widgetPayloads)[K]>) => Promise<unknown> | unknown) =>
      onValidated(socket, event, widgetPayloads[event], (p) => {
        const payload = p as z.output<(typeof widgetPayloads)[K]>;
        return initialised ? handler(payload) : ready.then(() => handler(payload));
      }, { log });
    const current = () => {
      if (!data.conversationId) throw new Conflict('no chat started');
      return data.conversationId;
    };

    on('chat:start', async (p) => {
      const site = await deps.sites.byToken(data.siteToken);
      if (!site?.queueId) throw new ValidationError('this site has no queue configured');
      const live = data.conversationId ? conversations.find(data.conversationId) : undefined;
      if (live) return conversations.view(live, 'customer');
      for (const f of site.preChatFields) if (f.required && !p.fields[f.name]) throw new ValidationError(`${f.name} is required`);
      if (!(await deps.isOpen(site))) throw new ClosedNow('we are closed now; leave a message');
      const c = await conversations.open({
        media: 'webim',
        identity: visitorIdentity(data.visitor, { ...(p.fields.name ? { name: p.fields.name } : {}), ...(p.fields.phone ? { phone: p.fields.phone } : {}), ...(p.fields.email ? { email: p.fields.email } : {}) }),
        entry: { queueId: String(site.queueId), businessHoursId: site.businessHoursId, selfService: site.botEnabled },
        subject: p.fields.question ? p.fields.question.slice(0, 255) : null,
        siteId: site.id,
        siteName: site.name,
        locale: p.locale,
      });
      if (c.contactId !== null) await deps.visitors.remember(data.visitor, c.contactId);
      await adopt(data.visitor.tokenHash, c.id, c.contactId);
      await conversations.begin(c, site.greeting[p.locale] || null, p.fields.question || null);
      return conversations.view(c, 'customer');
    });
    on('message:send', async (p) => {
      const m = await conversations.receive(current(), p);
      // The customer's other tabs, if any (most have one: skip the broadcast then).
      if ((nsp.adapter.rooms.get(room(m.conversationId))?.size ?? 0) > 1) socket.to(room(m.conversationId)).emit('message', m);
      return m;
    });
    on('typing', (p) => {
      if (data.conversationId) conversations.typing(data.conversationId, 'customer', p.typing);
    });
    on('message:read', (p) => conversations.markRead(current(), 'customer', p.seq));
    on('sync', async (p) => {
      if (!data.conversationId) return { conversation: null, messages: [] as MessageView[] };
      const now = await conversations.catchUp(data.conversationId, p.since, 'customer');
      return { conversation: now?.view ?? null, messages: now?.messages ?? [] };
    });
    on('chat:handoff', async () => conversations.view(await conversations.handoff(current()), 'customer'));
    on('chat:close', async () => {
      await conversations.close(current(), { kind: 'customer' });
      return (await conversations.snapshot(current(), 'customer'))?.view;
    });
    on('chat:rate', async (p) => {
      if (data.contactId === null) throw new Conflict('no chat to rate');
      await conversations.rate(current(), data.contactId, p.score, p.comment);
    });
  });

  /** Every tab of this visitor follows the conversation. */
  async function adopt(hash: string, conversationId: string, contactId: number | null): Promise<void> {
    for (const s of await nsp.in(`visitor:${hash}`).fetchSockets()) {
      const d = s.data as WidgetSocketData;
      d.conversationId = conversationId;
      d.contactId = contactId;
      s.join(room(conversationId));
    }
  }

  async function init(socket: Socket, data: WidgetSocketData): Promise<void> {
    await socket.join(`visitor:${data.visitor.tokenHash}`);
    const contactId = await deps.visitors.contactOf(data.visitor);
    const open = contactId === undefined ? undefined : await conversations.resume(contactId, data.siteId);
    data.contactId = contactId ?? null;
    let view = open ? conversations.view(open, 'customer') : null;
    if (!open && contactId !== undefined && data.lastShown) {
      // The chat ended while this widget was away: show it again, ended, so it can still be rated.
      const last = await conversations.snapshot(data.lastShown, 'customer');
      if (last && last.contactId === contactId && last.view.state === 'ended') view = last.view;
    }
    if (view) {
      data.conversationId = view.id;
      await socket.join(room(view.id));
    }
    socket.emit('session', { visitorToken: data.token, conversation: view });
  }

  return { nsp, channel };
}
