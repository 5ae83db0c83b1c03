import type { Request } from 'express';
import { z } from 'zod';
import { roleAllows } from '../../../core/auth/roles';
import { Forbidden, NotFound } from '../../../core/errors';
import type { TicketService } from '../../../core/tickets/ticket-service';
import { ticketPrioritySchema } from '../../../core/tickets/ticket-service';
import { maxAttachmentBytes, TooLarge, type AttachmentStore } from '../../../omnichannel/conversations/attachments';
import { cannedInputSchema, type CannedResponses } from '../../../omnichannel/conversations/canned';
import type { ConversationService } from '../../../omnichannel/conversations/conversation-service';
import { siteInputSchema, type SiteService } from '../../../omnichannel/webim/sites';
import { idParams, type Api } from '../api';

export const conversationParams = z.object({ id: z.string().uuid() });
export const uploadQuery = z.object({ name: z.string().trim().min(1).max(200) });

/** Reads a raw request body, refusing it as soon as it passes `limit` bytes. */
export function readUpload(req: Request, limit = maxAttachmentBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new TooLarge(`files may be at most ${limit / 1024 / 1024} MB`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge(`files may be at most ${limit / 1024 / 1024} MB`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** WebIM administration (sites, canned responses) and the staff side of conversations. */
export function webimRoutes(api: Api, deps: { sites: SiteService; canned: CannedResponses; conversations: ConversationService; attachments: AttachmentStore; tickets: TicketService; hubAgentId: (userId: number) => string | undefined; transferTargets: (exceptAgentId: string | undefined) => unknown }): void {
  const { sites, canned, conversations, tickets } = deps;
  const admin = ['admin'] as const;

  api.route({ method: 'get', path: '/api/webim/sites', summary: 'Web sites embedding the chat widget', tag: 'webim', roles: admin }, () => sites.list());
  api.route({ method: 'post', path: '/api/webim/sites', summary: 'Add a site (token and secret are generated)', tag: 'webim', roles: admin, body: siteInputSchema, status: 201 }, ({ body }) => sites.create(body));
  api.route({ method: 'patch', path: '/api/webim/sites/:id', summary: 'Change a site', tag: 'webim', roles: admin, params: idParams, body: siteInputSchema.partial() }, ({ params, body }) => sites.update(params.id, body));
  api.route({ method: 'post', path: '/api/webim/sites/:id/rotate-secret', summary: 'Replace the identity secret', tag: 'webim', roles: admin, params: idParams }, ({ params }) => sites.rotateSecret(params.id));
  api.route({ method: 'delete', path: '/api/webim/sites/:id', summary: 'Remove a site', tag: 'webim', roles: admin, params: idParams }, async ({ params }) => {
    await sites.remove(params.id);
  });

  api.route({ method: 'get', path: '/api/canned', summary: 'Canned responses', tag: 'webim', roles: ['agent'] }, () => canned.list());
  api.route({ method: 'post', path: '/api/canned', summary: 'Add a canned response', tag: 'webim', roles: ['supervisor'], body: cannedInputSchema, status: 201 }, ({ body }) => canned.create(body));
  api.route({ method: 'patch', path: '/api/canned/:id', summary: 'Change a canned response', tag: 'webim', roles: ['supervisor'], params: idParams, body: cannedInputSchema.partial() }, ({ params, body }) => canned.update(params.id, body));
  api.route({ method: 'delete', path: '/api/canned/:id', summary: 'Remove a canned response', tag: 'webim', roles: ['supervisor'], params: idParams }, async ({ params }) => {
    await canned.remove(params.id);
  });

  api.route({ method: 'get', path: '/api/webim/transfer-targets', summary: 'Queues taking chats, and signed-in colleagues taking chats, for transfers', tag: 'webim', roles: ['agent'] }, ({ user }) => deps.transferTargets(deps.hubAgentId(user.id)));

  // Transcripts are part of the contact's history, which every agent may read.
  api.route({ method: 'get', path: '/api/conversations/:id', summary: 'A conversation with its transcript (notes included)', tag: 'webim', roles: ['agent'], params: conversationParams }, async ({ params }) => {
    const snap = await conversations.snapshot(params.id, 'staff');
    if (!snap) throw new NotFound('no such conversation');
    return { conversation: snap.view, messages: await conversations.history(params.id, 0, 'staff') };
  });

  api.route(
    { method: 'post', path: '/api/conversations/:id/ticket', summary: 'Create a ticket from a chat, with its transcript', tag: 'webim', roles: ['agent'], params: conversationParams, body: z.object({ subject: z.string().trim().min(1).max(255).optional(), priority: ticketPrioritySchema.default('normal') }), status: 201 },
    async ({ params, body, user }) => {
      const snap = await conversations.snapshot(params.id, 'staff');
      if (!snap) throw new NotFound('no such conversation');
      const messages = await conversations.history(params.id, 0, 'customer');
      const transcript = messages.map((m) => `[${m.createdAt}] ${m.senderName ?? m.senderType}: ${m.contentType === 'articles' ? '(articles)' : m.body}`).join('\n');
      const firstQuestion = messages.find((m) => m.senderType === 'customer' && m.contentType === 'text')?.body;
      return tickets.create(
        { subject: body.subject ?? (snap.view.subject || firstQuestion || 'Web chat').slice(0, 255), description: transcript.slice(0, 20_000), priority: body.priority, source: 'webim', contactId: snap.contactId, interactionId: params.id, assigneeId: user.id },
        user.id,
      );
    },
  );

  api.route(
    { method: 'post', path: '/api/conversations/:id/attachments', summary: 'Upload a file into a chat (raw body, ?name=)', tag: 'webim', roles: ['agent'], params: conversationParams, query: uploadQuery, status: 201 },
    async ({ params, query, req, user }) => {
      const c = conversations.find(params.id);
      if (!c) throw new NotFound('no such live conversation');
      const agentId = deps.hubAgentId(user.id);
      if (c.agentId !== agentId && !(roleAllows(user.role, ['supervisor']) && c.invited)) throw new Forbidden('not your conversation');
      const data = await readUpload(req);
      const a = await deps.attachments.save(c.id, { filename: query.name, declaredMime: String(req.headers['content-type'] ?? ''), data, uploadedBy: `user:${user.id}` });
      return { id: a.id, filename: a.filename, mime: a.mime, size: a.size };
    },
  );
}
