import { api } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/Field';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useForm } from '../../hooks/useForm';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';

export function SkillsPage() {
  const t = useT();
  const skills = useResource(() => api.skills.list());
  const form = useForm({ name: '', description: '' });
  const { values, fieldErrors } = form;

  const add = (event: Event) => {
    event.preventDefault();
    form.submit(async (v) => {
      await api.skills.create({ name: v.name.trim(), description: v.description.trim() });
      form.set('name', '');
      form.set('description', '');
      await skills.reload();
    });
  };

  return (
    <div data-testid="skills-page">
      <PageHeader title={t('skills.title')} />
      <div class="card shadow-sm mb-3">
        <div class="card-body">
          <form class="row g-2 align-items-start" onSubmit={add} noValidate data-testid="skill-form">
            <TextField class="col-12 col-md-4" id="skill-name" label={t('skills.name')} value={values.name} onValue={(v) => form.set('name', v)} error={fieldErrors.name} testId="skill-name" />
            <TextField
              class="col-12 col-md-6"
              id="skill-description"
              label={`${t('skills.description')} (${t('common.optional')})`}
              value={values.description}
              onValue={(v) => form.set('description', v)}
              error={fieldErrors.description}
              testId="skill-description"
            />
            <div class="col-12 col-md-2 d-grid align-self-md-end mb-md-0">
              <button class="btn btn-primary" type="submit" disabled={form.busy} data-testid="skill-add">
                {t('skills.add')}
              </button>
            </div>
          </form>
          <div class="mt-2">
            <ErrorAlert error={form.error?.fields.length ? undefined : form.error} />
          </div>
        </div>
      </div>
      <ErrorAlert error={skills.error} />
      <div class="card shadow-sm">
        {skills.loading && !skills.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0" data-testid="skills-table">
              <thead>
                <tr>
                  <th>{t('skills.name')}</th>
                  <th>{t('skills.description')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(skills.data ?? []).map((s) => (
                  <tr key={s.id} data-testid={`skill-row-${s.name}`}>
                    <td class="fw-semibold">{s.name}</td>
                    <td class="text-secondary">{s.description}</td>
                    <td class="text-end">
                      <ConfirmButton
                        label={t('common.delete')}
                        testId={`skill-delete-${s.name}`}
                        onConfirm={async () => {
                          await api.skills.remove(s.id);
                          await skills.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
                {skills.data?.length === 0 && <EmptyRow columns={3} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
