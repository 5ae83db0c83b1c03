import type { TicketPriority, TicketSource, TicketStatus } from '../../../crm-api';
import { useT } from '../../../i18n';

const statusClass: Record<TicketStatus, string> = {
  open: 'text-bg-primary',
  pending: 'text-bg-warning',
  resolved: 'text-bg-success',
  closed: 'text-bg-secondary',
};

const priorityClass: Record<TicketPriority, string> = {
  low: 'text-bg-light border',
  normal: 'text-bg-light border',
  high: 'text-bg-warning',
  urgent: 'text-bg-danger',
};

export function StatusBadge(props: { status: TicketStatus }) {
  const t = useT();
  return (
    <span class={`badge ${statusClass[props.status]}`} data-testid="ticket-status">
      {t(`tickets.status.${props.status}`)}
    </span>
  );
}

export function PriorityBadge(props: { priority: TicketPriority }) {
  const t = useT();
  return (
    <span class={`badge ${priorityClass[props.priority]}`} data-testid="ticket-priority">
      {t(`tickets.priority.${props.priority}`)}
    </span>
  );
}

export function SourceBadge(props: { source: TicketSource }) {
  const t = useT();
  return (
    <span class="badge text-bg-info-subtle border border-info-subtle text-info-emphasis" data-testid="ticket-source">
      {t(`tickets.source.${props.source}`)}
    </span>
  );
}
