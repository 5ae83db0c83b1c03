import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SkillBadges } from '../../components/SkillBadges';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import type { QueueSettings } from '../../ops-types';
import { QueueForm } from './QueueForm';

type Dialog = { kind: 'create' } | { kind: 'edit'; queue: QueueSettings } | undefined;

/** Queues and their routing settings; the router picks up every change at once. */
export function QueuesPage() {
  const t = useT();
  const queues = useResource(() => api.queues.list());
  const skills = useResource(() => api.skills.list());
  const hours = useResource(() => api.businessHours.list());
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);
  const ready = !!skills.data && !!hours.data && !!queues.data;
  const close = () => setDialog(undefined);

  const remove = async (q: QueueSettings) => {
    setActionError(undefined);
    try {
      await api.queues.remove(q.id);
      await queues.reload();
    } catch (err) {
      setActionError(toApiError(err));
    }
  };
  const hoursName = (id: number | null) => (id === null ? t('queues.alwaysOpen') : (hours.data?.find((h) => h.id === id)?.name ?? `#${id}`));

  return (
    <div data-testid="queues-page">
      <PageHeader title={t('queues.title')}>
        <button type="button" class="btn btn-primary" disabled={!ready} onClick={() => setDialog({ kind: 'create' })} data-testid="queue-new">
          + {t('queues.new')}
        </button>
      </PageHeader>
      <ErrorAlert error={queues.error ?? skills.error ?? hours.error ?? actionError} />
      <div class="card shadow-sm">
        {queues.loading && !queues.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0" data-testid="queues-table">
              <thead>
                <tr>
                  <th>{t('queues.name')}</th>
                  <th>{t('queues.media')}</th>
                  <th>{t('queues.strategy')}</th>
                  <th>{t('queues.serviceLevel')}</th>
                  <th>{t('queues.requiredSkills')}</th>
                  <th>{t('queues.overflowRules')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(queues.data ?? []).map((q) => (
                  <tr key={q.id} data-testid={`queue-row-${q.name}`}>
                    <td>
                      <div class="fw-semibold">{q.name}</div>
                      <div class="small text-secondary text-nowrap">
                        {t('queues.field.priority')} {q.priority} · {t(`queues.recording.${q.recordingPolicy}`)}
                      </div>
                      <div class="small text-secondary text-nowrap">🕘 {hoursName(q.businessHoursId)}</div>
                    </td>
                    <td>
                      <span class="d-inline-flex flex-wrap gap-1">
                        {q.media.map((m) => (
                          <span key={m} class="badge text-bg-light border">
                            {t(`media.${m}`)}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td class="small">{t(`queues.strategy.${q.strategy}`)}</td>
                    <td class="text-nowrap small">
                      {q.serviceLevelSeconds} s{q.maxWaitSeconds !== null && <div class="text-secondary">≤ {q.maxWaitSeconds} s</div>}
                    </td>
                    <td>
                      <SkillBadges skills={q.requiredSkills} />
                    </td>
                    <td class="small" data-testid="queue-overflow-cell">
                      {q.overflow.length === 0 ? (
                        <span class="text-secondary">{t('common.none')}</span>
                      ) : (
                        q.overflow.map((r, i) => (
                          <div key={i} class="text-nowrap">
                            {r.afterSeconds} s → {t(`queues.overflow.${r.action}`)}
                            {r.targetQueueId ? ` (${queues.data?.find((x) => x.id === r.targetQueueId)?.name ?? r.targetQueueId})` : ''}
                          </div>
                        ))
                      )}
                    </td>
                    <td class="text-end text-nowrap">
                      <div class="d-inline-flex gap-1">
                        <button type="button" class="btn btn-sm btn-outline-primary" disabled={!ready} onClick={() => setDialog({ kind: 'edit', queue: q })} data-testid={`queue-edit-${q.name}`}>
                          {t('common.edit')}
                        </button>
                        <ConfirmButton label={t('common.delete')} testId={`queue-delete-${q.name}`} onConfirm={() => remove(q)} />
                      </div>
                    </td>
                  </tr>
                ))}
                {queues.data?.length === 0 && <EmptyRow columns={7} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {dialog && ready && (
        <QueueForm
          queue={dialog.kind === 'edit' ? dialog.queue : undefined}
          queues={queues.data ?? []}
          skills={skills.data ?? []}
          hours={hours.data ?? []}
          onDone={() => {
            close();
            queues.reload();
          }}
          onCancel={close}
        />
      )}
    </div>
  );
}
