import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/Field';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';

const entities = ['', 'user', 'agent', 'skill', 'queue'] as const;
type EntityFilter = (typeof entities)[number];

function compactJson(text: string | null): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

export function AuditPage() {
  const t = useT();
  const [entity, setEntity] = useState<EntityFilter>('');
  const rows = useResource(() => api.audit.list(entity || undefined), [entity]);
  const users = useResource(() => api.users.list());
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.username])), [users.data]);

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')}>
        <button type="button" class="btn btn-outline-secondary" onClick={() => rows.reload()} data-testid="audit-refresh">
          {t('common.refresh')}
        </button>
      </PageHeader>
      <div class="row mb-2">
        <SelectField
          class="col-12 col-sm-6 col-lg-3 mb-3"
          id="audit-entity"
          label={t('audit.filter')}
          value={entity}
          onValue={(v) => setEntity(v)}
          options={entities.map((e) => ({ value: e, label: e || t('common.all') }))}
          testId="audit-entity"
        />
      </div>
      <ErrorAlert error={rows.error} />
      <div class="card shadow-sm">
        {rows.loading && !rows.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-sm table-hover mb-0" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{t('audit.time')}</th>
                  <th>{t('audit.user')}</th>
                  <th>{t('audit.action')}</th>
                  <th>{t('audit.entity')}</th>
                  <th>{t('audit.entityId')}</th>
                  <th>{t('audit.ip')}</th>
                  <th>{t('audit.data')}</th>
                </tr>
              </thead>
              <tbody>
                {(rows.data ?? []).map((r) => (
                  <tr key={r.id}>
                    <td class="text-nowrap">{formatTime(r.at)}</td>
                    <td>{r.user_id === null ? <span class="text-secondary">{t('audit.system')}</span> : (names.get(r.user_id) ?? `#${r.user_id}`)}</td>
                    <td>
                      <span class="badge text-bg-secondary">{r.action}</span>
                    </td>
                    <td>{r.entity}</td>
                    <td>{r.entity_id}</td>
                    <td class="text-nowrap">{r.ip}</td>
                    <td>
                      <code class="audit-data d-block text-body">{compactJson(r.data)}</code>
                    </td>
                  </tr>
                ))}
                {rows.data?.length === 0 && <EmptyRow columns={7} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
