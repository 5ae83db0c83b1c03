import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextAreaField } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { crmApi, ticketPriorities, ticketStatuses, type UpdateTicket } from '../../../crm-api';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import { Link } from '../../../router';
import { sessionStore } from '../../../session';
import { useStore } from '../../../store';
import { PriorityBadge, SourceBadge, StatusBadge } from './TicketBadges';
import { TicketTimeline } from './TicketTimeline';

/** Who the ticket is about, with the way to their full record. */
function TicketContact(props: { contactId: number | null }) {
  const t = useT();
  const { contactId } = props;
  const contact = useResource(() => (contactId ? crmApi.contacts.get(contactId) : Promise.resolve(null)), [contactId]);
  const c = contact.data;
  return (
    <div class="border rounded p-2 mb-3 small" data-testid="ticket-contact">
      <div class="fw-semibold mb-1">{t('tickets.contact')}</div>
      {contactId === null && <div class="text-secondary">{t('tickets.noContact')}</div>}
      {contactId !== null && contact.loading && !c && <Loading class="py-1" />}
      <ErrorAlert error={contact.error} />
      {c && (
        <div class="d-flex flex-wrap align-items-center gap-3">
          <span data-testid="ticket-contact-name">{c.name || t('contacts.unnamed')}</span>
          {c.phone && <span class="text-secondary">☎ {c.phone}</span>}
          {c.email && <span class="text-secondary text-break">✉ {c.email}</span>}
          <Link class="ms-auto" href={`/agent/contacts?id=${c.id}`} data-testid="ticket-contact-link">
            {t('tickets.openContact')}
          </Link>
        </div>
      )}
    </div>
  );
}

/** One ticket to work: change status and priority, take it, comment, and read what happened so far. */
export function TicketDetail(props: { id: number; onChanged(): void }) {
  const t = useT();
  const session = useStore(sessionStore);
  const me = session.status === 'signed-in' ? session.user.id : null;
  const ticket = useResource(() => crmApi.tickets.get(props.id), [props.id]);
  const colleagues = useResource(() => crmApi.tickets.assignees(), []);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  // Every change reloads the ticket (for its new events) and tells the list, which shows status and assignee too.
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      await ticket.reload();
      props.onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const update = (patch: UpdateTicket) => act(() => crmApi.tickets.update(props.id, patch));
  const send = (e: Event) => {
    e.preventDefault();
    const body = comment.trim();
    if (!body) return;
    void act(async () => {
      await crmApi.tickets.comment(props.id, body);
      setComment('');
    });
  };

  const d = ticket.data;
  if (!d) return ticket.error ? <ErrorAlert error={ticket.error} /> : <Loading />;
  return (
    <div class="card shadow-sm" data-testid="ticket-detail" data-ticket-id={d.id}>
      <div class="card-header bg-body">
        <div class="d-flex flex-wrap align-items-center gap-2">
          <span class="text-secondary">#{d.id}</span>
          <h2 class="h6 mb-0 me-auto" data-testid="ticket-detail-subject">{d.subject}</h2>
          <StatusBadge status={d.status} />
          <PriorityBadge priority={d.priority} />
          <SourceBadge source={d.source} />
        </div>
        <div class="small text-secondary mt-1">
          {t('tickets.created', { time: formatTime(d.createdAt) })} · {t('tickets.updated', { time: formatTime(d.updatedAt) })}
        </div>
      </div>
      <div class="card-body">
        <p class="mb-3" style="white-space: pre-wrap" data-testid="ticket-description">{d.description || t('tickets.noDescription')}</p>
        <TicketContact contactId={d.contactId} />
        <div class="row g-2 align-items-end mb-3">
          <SelectField
            id="ticket-status-select"
            class="col-sm-4"
            label={t('tickets.status')}
            value={d.status}
            disabled={busy}
            onValue={(status) => void update({ status })}
            options={ticketStatuses.map((s) => ({ value: s, label: t(`tickets.status.${s}`) }))}
            testId="ticket-status-select"
          />
          <SelectField
            id="ticket-priority-select"
            class="col-sm-4"
            label={t('tickets.priority')}
            value={d.priority}
            disabled={busy}
            onValue={(priority) => void update({ priority })}
            options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
            testId="ticket-priority-select"
          />
          <div class="col-sm-4">
            <div class="form-label">{t('tickets.assignee')}</div>
            <div class="d-flex align-items-center gap-2">
              <span class="text-truncate" data-testid="ticket-assignee">{d.assigneeName ?? t('tickets.unassigned')}</span>
              {me !== null && d.assigneeId !== me && (
                <button type="button" class="btn btn-sm btn-outline-primary text-nowrap" disabled={busy} onClick={() => void update({ assigneeId: me })} data-testid="ticket-assign-me">
                  {t('tickets.assignMe')}
                </button>
              )}
              {d.assigneeId !== null && (
                <button type="button" class="btn btn-sm btn-outline-secondary text-nowrap" disabled={busy} onClick={() => void update({ assigneeId: null })} data-testid="ticket-unassign">
                  {t('tickets.unassign')}
                </button>
              )}
            </div>
            <select
              class="form-select form-select-sm mt-2"
              aria-label={t('tickets.assignTo')}
              value=""
              disabled={busy || !colleagues.data}
              onChange={(e) => {
                const id = Number(e.currentTarget.value);
                if (id) void update({ assigneeId: id });
              }}
              data-testid="ticket-assign-to"
            >
              <option value="">{t('tickets.assignTo')}</option>
              {(colleagues.data ?? [])
                .filter((c) => c.id !== d.assigneeId)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <ErrorAlert error={error} testId="ticket-error" />
        <h3 class="h6">{t('tickets.timeline')}</h3>
        <TicketTimeline ticket={d} events={d.events} />
        <form onSubmit={send}>
          <TextAreaField id="ticket-comment-input" class="mb-2" label={t('tickets.comment')} rows={3} value={comment} onValue={setComment} testId="ticket-comment-input" />
          <button class="btn btn-primary" disabled={busy || !comment.trim()} data-testid="ticket-comment-send">
            {t('tickets.commentSend')}
          </button>
        </form>
      </div>
    </div>
  );
}
