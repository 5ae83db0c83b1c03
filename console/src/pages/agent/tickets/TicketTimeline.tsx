import { ticketPriorities, ticketStatuses, type Ticket, type TicketEvent } from '../../../crm-api';
import { formatTime } from '../../../format';
import { useT } from '../../../i18n';

/** `from`/`to` of a status or priority event; stored as JSON, so read defensively. */
function change(data: unknown): { from: string; to: string } {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return { from: typeof d.from === 'string' ? d.from : '', to: typeof d.to === 'string' ? d.to : '' };
}

function assignedTo(data: unknown): number | null {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return typeof d.to === 'number' ? d.to : null;
}

/** What happened to a ticket, oldest first: creation, comments, status, priority and assignee changes. */
export function TicketTimeline(props: { ticket: Ticket; events: readonly TicketEvent[] }) {
  const t = useT();
  const status = (s: string) => {
    const known = ticketStatuses.find((x) => x === s);
    return known ? t(`tickets.status.${known}`) : s;
  };
  const priority = (p: string) => {
    const known = ticketPriorities.find((x) => x === p);
    return known ? t(`tickets.priority.${known}`) : p;
  };
  const describe = (e: TicketEvent): string => {
    const actor = e.actorName ?? t('tickets.system');
    switch (e.type) {
      case 'created':
        return t('tickets.event.created', { actor, source: t(`tickets.source.${props.ticket.source}`) });
      case 'comment':
        return t('tickets.event.comment', { actor });
      case 'status':
        return t('tickets.event.status', { actor, from: status(change(e.data).from), to: status(change(e.data).to) });
      case 'priority':
        return t('tickets.event.priority', { actor, from: priority(change(e.data).from), to: priority(change(e.data).to) });
      case 'assigned': {
        const to = assignedTo(e.data);
        return to === null ? t('tickets.event.unassigned', { actor }) : t('tickets.event.assigned', { actor, name: e.assigneeName ?? `#${to}` });
      }
      default:
        return t('tickets.event.other', { actor, type: e.type });
    }
  };
  return (
    <ol class="list-group list-group-flush mb-3" data-testid="ticket-timeline">
      {props.events.map((e) => (
        <li key={e.id} class="list-group-item px-0" data-testid="ticket-event" data-type={e.type}>
          <div class="d-flex justify-content-between gap-2 small">
            <span>{describe(e)}</span>
            <time class="text-secondary text-nowrap" dateTime={e.at ?? undefined}>
              {formatTime(e.at)}
            </time>
          </div>
          {e.body && (
            <div class="mt-1 p-2 bg-body-tertiary rounded" style="white-space: pre-wrap" data-testid="ticket-comment">
              {e.body}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
