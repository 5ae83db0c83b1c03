import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { CapacitySummary, SkillBadges } from '../../components/SkillBadges';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import type { AgentProfile } from '../../types';
import { AgentForm } from './AgentForm';

type Dialog = { kind: 'create' } | { kind: 'edit'; agent: AgentProfile } | undefined;

export function AgentsPage() {
  const t = useT();
  const agents = useResource(() => api.agents.list());
  const skills = useResource(() => api.skills.list());
  const queues = useResource(() => api.queues.list());
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);
  const close = () => setDialog(undefined);
  const saved = () => {
    close();
    agents.reload();
  };

  const remove = async (agent: AgentProfile) => {
    setActionError(undefined);
    try {
      await api.agents.remove(agent.id);
      await agents.reload();
    } catch (err) {
      setActionError(toApiError(err));
    }
  };

  return (
    <div data-testid="agents-page">
      <PageHeader title={t('agents.title')}>
        <button type="button" class="btn btn-primary" disabled={!skills.data} onClick={() => setDialog({ kind: 'create' })} data-testid="agent-new">
          + {t('agents.new')}
        </button>
      </PageHeader>
      <ErrorAlert error={agents.error ?? skills.error ?? queues.error ?? actionError} />
      <div class="card shadow-sm">
        {agents.loading && !agents.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0" data-testid="agents-table">
              <thead>
                <tr>
                  <th>{t('agents.extension')}</th>
                  <th>{t('users.displayName')}</th>
                  <th>{t('agents.skills')}</th>
                  <th>{t('agents.queues')}</th>
                  <th>{t('agents.capacity')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(agents.data ?? []).map((a) => (
                  <tr key={a.id} data-testid={`agent-row-${a.username}`}>
                    <td class="fw-semibold font-monospace" data-testid="agent-extension-cell">
                      {a.extension}
                    </td>
                    <td>
                      <div>{a.displayName}</div>
                      <div class="small text-secondary">{a.username}</div>
                    </td>
                    <td>
                      <SkillBadges skills={a.skills} />
                    </td>
                    <td class="small" data-testid="agent-queues-cell">
                      {a.queueIds.length === 0 ? <span class="text-secondary">{t('common.none')}</span> : a.queueIds.map((id) => queues.data?.find((q) => q.id === String(id))?.name ?? `#${id}`).join(', ')}
                    </td>
                    <td>
                      <CapacitySummary capacity={a.capacity} />
                      {a.voiceBlocksChat && <div class="small text-secondary mt-1">{t('agents.voiceBlocksChat')}</div>}
                    </td>
                    <td class="text-end text-nowrap">
                      <div class="d-inline-flex gap-1">
                        <button type="button" class="btn btn-sm btn-outline-primary" disabled={!skills.data} onClick={() => setDialog({ kind: 'edit', agent: a })} data-testid={`agent-edit-${a.username}`}>
                          {t('common.edit')}
                        </button>
                        <ConfirmButton label={t('common.delete')} testId={`agent-delete-${a.username}`} onConfirm={() => remove(a)} />
                      </div>
                    </td>
                  </tr>
                ))}
                {agents.data?.length === 0 && <EmptyRow columns={6} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {dialog && skills.data && (
        <AgentForm agent={dialog.kind === 'edit' ? dialog.agent : undefined} skills={skills.data} queues={queues.data ?? []} onDone={saved} onCancel={close} />
      )}
    </div>
  );
}
