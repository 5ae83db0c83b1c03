import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SwitchField } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { crmApi, ticketStatuses, type TicketStatus } from '../../../crm-api';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import { Link, navigate, useQueryParam } from '../../../router';
import { PriorityBadge, SourceBadge, StatusBadge } from './TicketBadges';
import { TicketDetail } from './TicketDetail';
import { TicketForm } from './TicketForm';

const filters = [...ticketStatuses, 'all'] as const;

/** 工单: voicemails, callbacks, offline messages and follow-ups, worked by agents. `?id=` opens one. */
export function TicketsPage() {
  const t = useT();
  const [status, setStatus] = useState<TicketStatus | 'all'>('open');
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useResource(() => crmApi.tickets.list({ status, mine }), [status, mine]);
  const selected = Number(useQueryParam('id')) || null;

  return (
    <div data-testid="tickets-page">
      <PageHeader title={t('tickets.title')}>
        <button class="btn btn-outline-secondary" onClick={() => void list.reload()} data-testid="tickets-refresh">
          {t('common.refresh')}
        </button>
        <button class="btn btn-primary" onClick={() => setCreating(true)} data-testid="ticket-new">
          {t('tickets.new')}
        </button>
      </PageHeader>
      <div class="d-flex flex-wrap align-items-center gap-3 mb-3">
        <div class="btn-group btn-group-sm" role="group" aria-label={t('tickets.status')}>
          {filters.map((f) => (
            <button
              key={f}
              type="button"
              class={`btn ${status === f ? 'btn-primary' : 'btn-outline-primary'}`}
              aria-pressed={status === f}
              onClick={() => setStatus(f)}
              data-testid={`ticket-filter-${f}`}
            >
              {f === 'all' ? t('common.all') : t(`tickets.status.${f}`)}
            </button>
          ))}
        </div>
        <SwitchField id="tickets-mine" class="mb-0" label={t('tickets.mine')} checked={mine} onValue={setMine} testId="tickets-mine" />
      </div>
      <ErrorAlert error={list.error} />
      <div class="row g-3">
        <div class="col-12 col-xl-5">
          {list.loading && !list.data ? (
            <Loading />
          ) : (
            <div class="list-group shadow-sm" data-testid="ticket-list">
              {(list.data ?? []).map((tk) => (
                <Link
                  key={tk.id}
                  href={`/agent/tickets?id=${tk.id}`}
                  class={`list-group-item list-group-item-action${tk.id === selected ? ' active' : ''}`}
                  aria-current={tk.id === selected ? 'page' : undefined}
                  data-testid={`ticket-row-${tk.id}`}
                >
                  <div class="d-flex gap-2">
                    <span class="opacity-75">#{tk.id}</span>
                    <span class="fw-semibold text-truncate me-auto">{tk.subject}</span>
                    <small class="text-nowrap opacity-75">{formatTime(tk.updatedAt)}</small>
                  </div>
                  <div class="d-flex flex-wrap align-items-center gap-1 mt-1 small">
                    <StatusBadge status={tk.status} />
                    <PriorityBadge priority={tk.priority} />
                    <SourceBadge source={tk.source} />
                    <span class="ms-auto opacity-75" data-testid="ticket-row-assignee">{tk.assigneeName ?? t('tickets.unassigned')}</span>
                  </div>
                </Link>
              ))}
              {list.data?.length === 0 && <div class="list-group-item text-secondary">{t('tickets.empty')}</div>}
            </div>
          )}
        </div>
        <div class="col-12 col-xl-7">
          {selected ? <TicketDetail key={selected} id={selected} onChanged={() => void list.reload()} /> : <div class="text-secondary py-4">{t('tickets.pick')}</div>}
        </div>
      </div>
      {creating && (
        <TicketForm
          onClose={() => setCreating(false)}
          onCreated={(tk) => {
            setCreating(false);
            void list.reload();
            navigate(`/agent/tickets?id=${tk.id}`);
          }}
        />
      )}
    </div>
  );
}
