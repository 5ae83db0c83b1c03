import type { ComponentChildren } from 'preact';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SkillBadges } from '../../components/SkillBadges';
import { useResource } from '../../hooks/useResource';
import { useT, type MessageKey } from '../../i18n';

const tiles: readonly MessageKey[] = ['wallboard.waiting', 'wallboard.available', 'wallboard.serviceLevel', 'wallboard.asa'];

/**
 * The supervisor's live view. The KPI tiles and the presence column wait for the router's
 * realtime feed; `children` render below the agent table for panels added later (queues, charts).
 */
export function Wallboard(props: { children?: ComponentChildren }) {
  const t = useT();
  const agents = useResource(() => api.agents.list());
  return (
    <div data-testid="wallboard">
      <PageHeader title={t('wallboard.title')} />
      <div class="row g-3 mb-4">
        {tiles.map((key) => (
          <div class="col-6 col-lg-3" key={key}>
            <div class="card shadow-sm h-100">
              <div class="card-body">
                <div class="text-secondary small">{t(key)}</div>
                <div class="kpi-value" data-testid={`kpi-${key.split('.')[1] ?? key}`}>
                  —
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
      <p class="text-secondary small">{t('wallboard.live')}</p>
      <div class="card shadow-sm">
        <div class="card-header bg-body fw-semibold">{t('wallboard.agents')}</div>
        <ErrorAlert error={agents.error} />
        {agents.loading && !agents.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0">
              <thead>
                <tr>
                  <th>{t('users.displayName')}</th>
                  <th>{t('agents.extension')}</th>
                  <th>{t('agents.skills')}</th>
                  <th>{t('wallboard.presence')}</th>
                </tr>
              </thead>
              <tbody>
                {(agents.data ?? []).map((a) => (
                  <tr key={a.id}>
                    <td>{a.displayName}</td>
                    <td>{a.extension}</td>
                    <td>
                      <SkillBadges skills={a.skills} />
                    </td>
                    <td class="text-secondary">—</td>
                  </tr>
                ))}
                {agents.data?.length === 0 && <EmptyRow columns={4} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {props.children}
    </div>
  );
}
