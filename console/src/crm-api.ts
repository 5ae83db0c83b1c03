import type { Contact, ContactPatch } from '../../core/contacts/contact-service';
import type { CreateTicket, Ticket, TicketEvent, UpdateTicket } from '../../core/tickets/ticket-service';
import { request } from './api';

// HTTP calls of the tickets (工单) and contacts pages.

export type { Contact, ContactPatch, CreateTicket, Ticket, TicketEvent, UpdateTicket };
export type TicketStatus = Ticket['status'];
export type TicketPriority = Ticket['priority'];
export type TicketSource = Ticket['source'];

export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const satisfies readonly TicketStatus[];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];

/** One past call or chat of a contact, as ContactService.history returns it (UTC ISO times). */
export interface InteractionSummary {
  id: string;
  media: string;
  direction: string;
  state: string;
  arrived_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  disposition: string | null;
  notes: string | null;
  csat_score: number | null;
}

export interface ContactDetail extends Contact {
  history: InteractionSummary[];
  tickets: Ticket[];
}

export type TicketDetail = Ticket & { events: TicketEvent[] };

const enc = encodeURIComponent;

export const crmApi = {
  tickets: {
    list: (filter: { status: TicketStatus | 'all'; mine: boolean }) => {
      const q = new URLSearchParams();
      if (filter.status !== 'all') q.set('status', filter.status);
      if (filter.mine) q.set('mine', 'true');
      const query = q.toString();
      return request<Ticket[]>('GET', `/api/tickets${query ? `?${query}` : ''}`);
    },
    get: (id: number) => request<TicketDetail>('GET', `/api/tickets/${id}`),
    assignees: () => request<Array<{ id: number; name: string }>>('GET', '/api/tickets/assignees'),
    create: (input: CreateTicket) => request<Ticket>('POST', '/api/tickets', input),
    update: (id: number, patch: UpdateTicket) => request<Ticket>('PATCH', `/api/tickets/${id}`, patch),
    comment: (id: number, body: string) => request<TicketEvent[]>('POST', `/api/tickets/${id}/comments`, { body }),
  },
  contacts: {
    search: (q: string) => request<Contact[]>('GET', `/api/contacts?q=${enc(q)}`),
    get: (id: number) => request<ContactDetail>('GET', `/api/contacts/${id}`),
    update: (id: number, patch: ContactPatch) => request<Contact>('PATCH', `/api/contacts/${id}`, patch),
  },
};
