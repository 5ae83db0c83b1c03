import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import type { User } from '../../types';
import { PasswordForm, UserForm } from './UserForm';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | undefined;

const roleBadge = { admin: 'text-bg-danger', supervisor: 'text-bg-warning', agent: 'text-bg-primary' } as const;

export function UsersPage() {
  const t = useT();
  const users = useResource(() => api.users.list());
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);
  const close = () => setDialog(undefined);
  const saved = () => {
    close();
    users.reload();
  };

  const remove = async (user: User) => {
    setActionError(undefined);
    try {
      await api.users.remove(user.id);
      await users.reload();
    } catch (err) {
      setActionError(toApiError(err));
    }
  };

  return (
    <div data-testid="users-page">
      <PageHeader title={t('users.title')}>
        <button type="button" class="btn btn-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="user-new">
          + {t('users.new')}
        </button>
      </PageHeader>
      {notice && (
        <div class="alert alert-success py-2 d-flex justify-content-between align-items-center" role="status" data-testid="users-notice">
          {notice}
          <button type="button" class="btn-close" aria-label={t('common.close')} onClick={() => setNotice('')} />
        </div>
      )}
      <ErrorAlert error={users.error ?? actionError} />
      <div class="card shadow-sm">
        {users.loading && !users.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0" data-testid="users-table">
              <thead>
                <tr>
                  <th>{t('users.username')}</th>
                  <th>{t('users.displayName')}</th>
                  <th>{t('users.role')}</th>
                  <th>{t('users.status')}</th>
                  <th>{t('users.lastLogin')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(users.data ?? []).map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.username}`}>
                    <td class="fw-semibold">{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>
                      <span class={`badge ${roleBadge[u.role]}`}>{t(`role.${u.role}`)}</span>
                    </td>
                    <td>{u.active ? <span class="text-success">{t('common.active')}</span> : <span class="text-secondary">{t('common.inactive')}</span>}</td>
                    <td class="text-nowrap small">{u.lastLoginAt ? formatTime(u.lastLoginAt) : <span class="text-secondary">{t('users.never')}</span>}</td>
                    <td class="text-end text-nowrap">
                      <div class="d-inline-flex gap-1">
                        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => setDialog({ kind: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
                          {t('common.edit')}
                        </button>
                        <button type="button" class="btn btn-sm btn-outline-secondary" onClick={() => setDialog({ kind: 'password', user: u })} data-testid={`user-password-${u.username}`}>
                          {t('users.resetPassword')}
                        </button>
                        <ConfirmButton label={t('common.delete')} testId={`user-delete-${u.username}`} onConfirm={() => remove(u)} />
                      </div>
                    </td>
                  </tr>
                ))}
                {users.data?.length === 0 && <EmptyRow columns={6} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {dialog?.kind === 'create' && <UserForm onDone={saved} onCancel={close} />}
      {dialog?.kind === 'edit' && <UserForm user={dialog.user} onDone={saved} onCancel={close} />}
      {dialog?.kind === 'password' && (
        <PasswordForm
          user={dialog.user}
          onCancel={close}
          onDone={() => {
            setNotice(t('users.passwordReset'));
            saved();
          }}
        />
      )}
    </div>
  );
}
