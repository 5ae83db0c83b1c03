import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { roleAllows } from '../../core/auth/roles';
import { Forbidden, NotFound } from '../../core/errors';
import { chatPayloads } from '../../core/realtime/chat-events';
import type { ConversationService } from '../../omnichannel/conversations/conversation-service';
import type { LiveConversation } from '../../omnichannel/conversations/live';
import type { RoutingHub } from '../routing/routing-hub';
import type { RealtimeGateway, StaffSocketData } from './gateway';
import { onValidated } from './validated';

/**
 * `/chat`: the agent desk's and supervisors' side of text conversations. Agents see the chats
 * the router gave them; supervisors may watch any live chat and write private notes, and may
 * write to the customer once invited. Offers and presence stay on `/agent`.
 */
export function chatNamespace(gateway: RealtimeGateway, hub: RoutingHub, conversations: ConversationService, log: Logger): Namespace {
  const nsp = gateway.staffNamespace('/chat', ['agent']);
  const conv = (id: string) => `conv:${id}`;
  const agentRoom = (id: string) => `agent:${id}`;
  const staffView = (c: LiveConversation) => conversations.view(c, 'staff');

  /** A chat with its whole transcript, for a desk that takes it or a supervisor who watches it. */
  const withHistory = async (c: LiveConversation) => {
    const now = await conversations.catchUp(c.id, 0, 'staff');
    if (!now) throw new NotFound('no such conversation');
    return { conversation: now.view, messages: now.messages };
  };

  conversations.events.on('message', ({ conversation, message }) => {
    nsp
      .to(conv(conversation.id))
      .timeout(10_000)
      .emit('chat:message', message, (_err: Error | null, replies: unknown[]) => {
        // The customer's message reached a desk: delivered (read comes when the agent looks at it).
        if (message.senderType === 'customer' && replies && replies.length > 0) {
          conversations.messages.deliveredLater(conversation.id, 'customer', message.seq, Date.now());
        }
      });
  });
  conversations.events.on('updated', ({ conversation }) => {
    nsp.to(conv(conversation.id)).to('supervisors').emit('chat:updated', staffView(conversation));
  });
  conversations.events.on('assigned', ({ conversation, agentId }) => {
    nsp.in(agentRoom(agentId)).socketsJoin(conv(conversation.id));
    withHistory(conversation)
      .then((e) => {
        nsp.to(agentRoom(agentId)).emit('chat:assigned', e);
        nsp.to('supervisors').emit('chat:updated', e.conversation);
      })
      .catch((err: unknown) => log.error({ err, interactionId: conversation.id }, 'could not hand the chat to the desk'));
  });
  conversations.events.on('unassigned', ({ conversation, agentId }) => {
    nsp.to(agentRoom(agentId)).emit('chat:updated', staffView(conversation));
    nsp.in(agentRoom(agentId)).socketsLeave(conv(conversation.id));
  });
  conversations.events.on('typing', ({ conversation, side, typing }) => {
    if (side === 'customer') nsp.to(conv(conversation.id)).emit('chat:typing', { conversationId: conversation.id, typing });
  });
  conversations.events.on('receipt', ({ conversation, side, seq }) => {
    if (side === 'customer') nsp.to(conv(conversation.id)).emit('chat:receipt', { conversationId: conversation.id, readSeq: seq });
  });
  conversations.events.on('invited', ({ conversation, by, note }) => {
    nsp.to('supervisors').emit('chat:invited', { conversation: staffView(conversation), by, note });
  });

  nsp.on('connection', (socket: Socket) => {
    const user = (socket.data as StaffSocketData).user;
    const agentId = hub.agentIdForUser(user.id) ?? null;
    const supervisor = roleAllows(user.role, ['supervisor']);
    const actor = { kind: 'staff' as const, userId: user.id, name: user.displayName, agentId };
    if (agentId) {
      socket.join(agentRoom(agentId));
      // A reloaded desk gets back every chat it holds, with its transcript.
      for (const c of conversations.forAgent(agentId)) {
        socket.join(conv(c.id));
        withHistory(c)
          .then((e) => socket.emit('chat:assigned', e))
          .catch((err: unknown) => log.error({ err, interactionId: c.id }, 'could not give the chat back to the desk'));
      }
    }
    if (supervisor) socket.join('supervisors');

    const mine = (c: LiveConversation) => agentId !== null && c.agentId === agentId;
    /** Agents act on their own chats; supervisors may read any. */
    const readable = (id: string): LiveConversation => {
      const c = conversations.find(id);
      if (!c) throw new NotFound('no such live conversation');
      if (!mine(c) && !supervisor) throw new Forbidden('not your conversation');
      return c;
    };
    const writable = (id: string): LiveConversation => {
      const c = readable(id);
      if (!mine(c) && !(supervisor && c.invited)) throw new Forbidden('watching only: write a private note, or wait to be invited');
      return c;
    };
    const on = <K extends keyof typeof chatPayloads>(event: K, roles: readonly ('agent' | 'supervisor')[], handler: (p: z.output<(typeof chatPayloads)[K]>) => Promise<unknown> | unknown) =>
      onValidated(socket, event, chatPayloads[event], (p) => handler(p as z.output<(typeof chatPayloads)[K]>), { log, roles });

    on('chat:history', ['agent'], async (p) => {
      const live = conversations.find(p.conversationId);
      if (live) readable(live.id);
      const now = await conversations.catchUp(p.conversationId, p.since, 'staff');
      if (!now) throw new NotFound('no such conversation');
      if (!live && (agentId === null || now.agentId !== agentId) && !supervisor) throw new Forbidden('not your conversation');
      return { conversation: now.view, messages: now.messages };
    });
    on('chat:send', ['agent'], (p) => conversations.post(writable(p.conversationId).id, actor, p));
    on('chat:note', ['agent'], (p) => conversations.post(readable(p.conversationId).id, actor, { ...p, note: true }));
    on('chat:typing', ['agent'], (p) => {
      const c = conversations.find(p.conversationId);
      if (c && mine(c)) conversations.typing(c.id, 'staff', p.typing);
    });
    on('chat:read', ['agent'], (p) => conversations.markRead(readable(p.conversationId).id, 'staff', p.seq));
    on('chat:transfer', ['agent'], async (p) => staffView(await conversations.transfer(p.conversationId, actor, { ...(p.queueId ? { queueId: p.queueId } : {}), ...(p.agentId ? { agentId: p.agentId } : {}) }, p.note)));
    on('chat:invite', ['agent'], (p) => conversations.invite(writable(p.conversationId).id, actor, p.note));
    on('chat:close', ['agent'], (p) =>
      conversations.close(p.conversationId, actor, { ...(p.disposition ? { disposition: p.disposition } : {}), resolved: p.resolved, ...(p.notes ? { notes: p.notes } : {}) }),
    );
    on('chat:watch', ['supervisor'], async (p) => {
      const c = readable(p.conversationId);
      await socket.join(conv(c.id));
      return withHistory(c);
    });
    on('chat:live', ['supervisor'], () => conversations.liveConversations().map(staffView));
  });
  return nsp;
}
