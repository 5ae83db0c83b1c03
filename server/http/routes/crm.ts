import { z } from 'zod';
import type { ContactService } from '../../../core/contacts/contact-service';
import { contactPatchSchema } from '../../../core/contacts/contact-service';
import { articleInputSchema, type KnowledgeBase } from '../../../core/knowledge/kb-service';
import { createTicketSchema, ticketStatusSchema, updateTicketSchema, type TicketService } from '../../../core/tickets/ticket-service';
import { idParams, type Api } from '../api';

/** Contacts (CRM), tickets (工单) and the knowledge base: what agents look up and write during work. */
export function crmRoutes(api: Api, deps: { contacts: ContactService; tickets: TicketService; kb: KnowledgeBase }): void {
  const { contacts, tickets, kb } = deps;
  const staff = ['agent'] as const;

  api.route({ method: 'get', path: '/api/contacts', summary: 'Search contacts', tag: 'contacts', roles: staff, query: z.object({ q: z.string().max(100).default('') }) }, ({ query }) =>
    contacts.search(query.q),
  );
  api.route({ method: 'get', path: '/api/contacts/:id', summary: 'A contact with identities and history', tag: 'contacts', roles: staff, params: idParams }, async ({ params }) => ({
    ...(await contacts.get(params.id)),
    history: await contacts.history(params.id),
    tickets: await tickets.list({ contactId: params.id, limit: 20 }),
  }));
  api.route({ method: 'patch', path: '/api/contacts/:id', summary: 'Edit a contact', tag: 'contacts', roles: staff, params: idParams, body: contactPatchSchema }, ({ params, body }) =>
    contacts.update(params.id, body),
  );

  api.route(
    { method: 'get', path: '/api/tickets', summary: 'List tickets', tag: 'tickets', roles: staff, query: z.object({ status: ticketStatusSchema.optional(), mine: z.stringbool().optional() }) },
    ({ query, user }) => tickets.list({ ...(query.status ? { status: query.status } : {}), ...(query.mine ? { assigneeId: user.id } : {}) }),
  );
  api.route({ method: 'post', path: '/api/tickets', summary: 'Create a ticket', tag: 'tickets', roles: staff, body: createTicketSchema, status: 201 }, ({ body, user }) => tickets.create(body, user.id));
  // Before /api/tickets/:id, which would take "assignees" for an id.
  api.route({ method: 'get', path: '/api/tickets/assignees', summary: 'Colleagues a ticket can be assigned to', tag: 'tickets', roles: staff }, () => tickets.assignees());
  api.route({ method: 'get', path: '/api/tickets/:id', summary: 'A ticket with its events', tag: 'tickets', roles: staff, params: idParams }, async ({ params }) => ({
    ...(await tickets.get(params.id)),
    events: await tickets.events(params.id),
  }));
  api.route({ method: 'patch', path: '/api/tickets/:id', summary: 'Change status, priority or assignee', tag: 'tickets', roles: staff, params: idParams, body: updateTicketSchema }, ({ params, body, user }) =>
    tickets.update(params.id, body, user.id),
  );
  api.route(
    { method: 'post', path: '/api/tickets/:id/comments', summary: 'Comment on a ticket', tag: 'tickets', roles: staff, params: idParams, body: z.object({ body: z.string().trim().min(1).max(10_000) }), status: 201 },
    ({ params, body, user }) => tickets.comment(params.id, body.body, user.id),
  );

  api.route({ method: 'get', path: '/api/kb/search', summary: 'Search published articles (public self-service)', tag: 'knowledge', roles: 'public', query: z.object({ q: z.string().trim().min(1).max(200) }) }, ({ query }) =>
    kb.search(query.q, 8),
  );
  api.route({ method: 'get', path: '/api/kb/articles/:id', summary: 'A published article (public)', tag: 'knowledge', roles: 'public', params: idParams }, ({ params }) => kb.get(params.id, false));
  api.route({ method: 'get', path: '/api/kb/admin/articles', summary: 'All articles, drafts included', tag: 'knowledge', roles: ['agent'] }, () => kb.list(true));
  api.route({ method: 'post', path: '/api/kb/admin/articles', summary: 'Create an article', tag: 'knowledge', roles: ['admin'], body: articleInputSchema, status: 201 }, ({ body, user, ip }) =>
    kb.create(body, { userId: user.id, ip }),
  );
  api.route({ method: 'patch', path: '/api/kb/admin/articles/:id', summary: 'Edit an article', tag: 'knowledge', roles: ['admin'], params: idParams, body: articleInputSchema.partial() }, ({ params, body, user, ip }) =>
    kb.update(params.id, body, { userId: user.id, ip }),
  );
  api.route({ method: 'delete', path: '/api/kb/admin/articles/:id', summary: 'Delete an article', tag: 'knowledge', roles: ['admin'], params: idParams }, async ({ params, user, ip }) => {
    await kb.remove(params.id, { userId: user.id, ip });
  });
}
