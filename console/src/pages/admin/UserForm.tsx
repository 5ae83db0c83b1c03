import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, SwitchField, TextField } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { useForm } from '../../hooks/useForm';
import { locales, useT, type Locale } from '../../i18n';
import { roles, type Role, type User } from '../../types';

/** Create a user (with password) or change one (name, role, language, enabled). */
export function UserForm(props: { user?: User; onDone(): void; onCancel(): void }) {
  const t = useT();
  const editing = props.user;
  const form = useForm({
    username: editing?.username ?? '',
    displayName: editing?.displayName ?? '',
    password: '',
    role: (editing?.role ?? 'agent') as Role,
    locale: (editing?.locale ?? 'zh-CN') as Locale,
    active: editing?.active ?? true,
  });
  const { values, fieldErrors: errors } = form;

  const save = (event: Event) => {
    event.preventDefault();
    form.submit(async (v) => {
      if (editing) await api.users.update(editing.id, { displayName: v.displayName, role: v.role, locale: v.locale, active: v.active });
      else await api.users.create({ username: v.username.trim(), displayName: v.displayName, password: v.password, role: v.role, locale: v.locale });
      props.onDone();
    });
  };

  return (
    <Modal title={editing ? t('users.edit') : t('users.new')} onClose={props.onCancel} testId="user-modal">
      <form onSubmit={save} noValidate data-testid="user-form">
        <div class="modal-body">
          <ErrorAlert error={form.error} />
          <TextField id="user-username" label={t('users.username')} value={values.username} onValue={(v) => form.set('username', v)} error={errors.username} disabled={!!editing} testId="user-username" autoFocus={!editing} />
          <TextField id="user-display-name" label={t('users.displayName')} value={values.displayName} onValue={(v) => form.set('displayName', v)} error={errors.displayName} testId="user-display-name" />
          {!editing && (
            <TextField
              id="user-password"
              type="password"
              autoComplete="new-password"
              label={t('users.password')}
              hint={t('users.passwordHint')}
              value={values.password}
              onValue={(v) => form.set('password', v)}
              error={errors.password}
              testId="user-password"
            />
          )}
          <div class="row">
            <SelectField
              class="col-sm-6 mb-3"
              id="user-role"
              label={t('users.role')}
              value={values.role}
              onValue={(v) => form.set('role', v)}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              error={errors.role}
              testId="user-role"
            />
            <SelectField
              class="col-sm-6 mb-3"
              id="user-locale"
              label={t('users.locale')}
              value={values.locale}
              onValue={(v) => form.set('locale', v)}
              options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
              error={errors.locale}
              testId="user-locale"
            />
          </div>
          {editing && <SwitchField id="user-active" label={t('users.active')} checked={values.active} onValue={(v) => form.set('active', v)} error={errors.active} testId="user-active" />}
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="user-save">
            {form.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function PasswordForm(props: { user: User; onDone(): void; onCancel(): void }) {
  const t = useT();
  const form = useForm({ password: '' });
  const save = (event: Event) => {
    event.preventDefault();
    form.submit(async (v) => {
      await api.users.update(props.user.id, { password: v.password });
      props.onDone();
    });
  };
  return (
    <Modal title={`${t('users.resetPassword')} · ${props.user.username}`} onClose={props.onCancel} testId="password-modal">
      <form onSubmit={save} noValidate>
        <div class="modal-body">
          <ErrorAlert error={form.error} />
          <TextField
            id="reset-password"
            type="password"
            autoComplete="new-password"
            label={t('users.newPassword')}
            hint={t('users.passwordHint')}
            value={form.values.password}
            onValue={(v) => form.set('password', v)}
            error={form.fieldErrors.password}
            testId="reset-password"
            autoFocus
          />
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="reset-save">
            {form.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
