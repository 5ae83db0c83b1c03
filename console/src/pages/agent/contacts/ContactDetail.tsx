import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { crmApi, type InteractionSummary } from '../../../crm-api';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import { Link, navigate } from '../../../router';
import { mediaTypes } from '../../../types';
import { StatusBadge } from '../tickets/TicketBadges';
import { TicketForm } from '../tickets/TicketForm';
import { ContactForm } from './ContactForm';

const identityKinds = ['phone', 'wechat_openid', 'webim_visitor', 'sms', 'email'] as const;

function History(props: { rows: readonly InteractionSummary[] }) {
  const t = useT();
  const media = (m: string) => {
    const known = mediaTypes.find((x) => x === m);
    return known ? t(`media.${known}`) : m;
  };
  const direction = (d: string): string => (d === 'outbound' ? t('contacts.outbound') : d === 'inbound' ? t('contacts.inbound') : d);
  return (
    <div class="table-responsive">
      <table class="table table-sm mb-0" data-testid="contact-history">
        <tbody>
          {props.rows.map((h) => (
            <tr key={h.id}>
              <td class="text-nowrap">{formatTime(h.arrived_at)}</td>
              <td>
                <span class="badge text-bg-secondary">{media(h.media)}</span> {direction(h.direction)}
              </td>
              <td>{h.answered_at ? t('contacts.answered') : t('contacts.notAnswered')}</td>
              <td class="text-secondary">{[h.disposition, h.notes].filter(Boolean).join(' · ')}</td>
              <td class="text-warning text-nowrap">{h.csat_score !== null ? '★'.repeat(h.csat_score) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One contact: editable fields, how they reach us, past interactions and their tickets. */
export function ContactDetail(props: { id: number; onSaved(): void }) {
  const t = useT();
  const contact = useResource(() => crmApi.contacts.get(props.id), [props.id]);
  const [newTicket, setNewTicket] = useState(false);
  const c = contact.data;
  if (!c) return contact.error ? <ErrorAlert error={contact.error} /> : <Loading />;
  const kind = (k: string) => {
    const known = identityKinds.find((x) => x === k);
    return known ? t(`contacts.identity.${known}`) : k;
  };
  return (
    <div class="d-flex flex-column gap-3" data-testid="contact-detail" data-contact-id={c.id}>
      <div class="card shadow-sm">
        <div class="card-header bg-body d-flex align-items-center gap-2">
          <span class="text-secondary">#{c.id}</span>
          <h2 class="h6 mb-0" data-testid="contact-detail-name">{c.name || t('contacts.unnamed')}</h2>
        </div>
        <div class="card-body">
          <ContactForm key={c.id} contact={c} onSaved={() => (void contact.reload(), props.onSaved())} />
        </div>
      </div>
      <div class="card shadow-sm">
        <div class="card-header bg-body fw-semibold">{t('contacts.identities')}</div>
        <ul class="list-group list-group-flush" data-testid="contact-identities">
          {c.identities.map((i) => (
            <li key={`${i.kind}:${i.value}`} class="list-group-item d-flex gap-2">
              <span class="badge text-bg-light border">{kind(i.kind)}</span>
              <span class="text-break">{i.value}</span>
            </li>
          ))}
          {c.identities.length === 0 && <li class="list-group-item text-secondary">{t('common.none')}</li>}
        </ul>
      </div>
      <div class="card shadow-sm">
        <div class="card-header bg-body d-flex align-items-center">
          <span class="fw-semibold me-auto">{t('contacts.tickets')}</span>
          <button class="btn btn-sm btn-outline-primary" onClick={() => setNewTicket(true)} data-testid="contact-new-ticket">
            {t('tickets.forContact')}
          </button>
        </div>
        <div class="list-group list-group-flush" data-testid="contact-tickets">
          {c.tickets.map((tk) => (
            <Link key={tk.id} href={`/agent/tickets?id=${tk.id}`} class="list-group-item list-group-item-action d-flex align-items-center gap-2" data-testid={`contact-ticket-${tk.id}`}>
              <span class="text-secondary">#{tk.id}</span>
              <span class="me-auto text-truncate">{tk.subject}</span>
              <StatusBadge status={tk.status} />
            </Link>
          ))}
          {c.tickets.length === 0 && <div class="list-group-item text-secondary">{t('contacts.noTickets')}</div>}
        </div>
      </div>
      <div class="card shadow-sm">
        <div class="card-header bg-body fw-semibold">{t('contacts.history')}</div>
        {c.history.length === 0 ? <div class="card-body text-secondary">{t('contacts.noHistory')}</div> : <History rows={c.history} />}
      </div>
      {newTicket && <TicketForm contactId={c.id} onClose={() => setNewTicket(false)} onCreated={(tk) => navigate(`/agent/tickets?id=${tk.id}`)} />}
    </div>
  );
}
