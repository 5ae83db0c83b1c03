import { useState } from 'preact/hooks';
import { ApiError, toApiError } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n';
import { navigate } from '../router';
import { canSee, findRoute, homeFor } from '../routes';
import { login } from '../session';

function loginErrorText(t: ReturnType<typeof useT>, error: ApiError): string {
  if (error.status === 401) return t('login.wrongPassword');
  if (error.status === 429) return t('login.rateLimited', { seconds: Math.ceil(error.retryAfter ?? 1) });
  if (error.code === 'network') return t('error.network');
  return t('error.generic', { message: error.message });
}

export function LoginPage() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const user = await login(username.trim(), password);
      // Keep a deep link this user may open (e.g. after the session expired); otherwise go home.
      const route = findRoute(window.location.pathname);
      if (!route || !canSee(user.role, route.area)) navigate(homeFor(user.role), { replace: true });
    } catch (err) {
      setError(toApiError(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page min-vh-100 d-flex flex-column">
      <div class="d-flex justify-content-end p-3">
        <LanguageSwitch variant="dark" />
      </div>
      <main class="flex-grow-1 d-flex align-items-center justify-content-center px-3 pb-5">
        <div class="card shadow-sm border-0 login-card w-100">
          <div class="card-body p-4 p-sm-5">
            <div class="text-center mb-4">
              <div class="brand-mark brand-mark-lg mx-auto mb-3" aria-hidden="true">☎</div>
              <h1 class="h4 mb-1" data-testid="login-brand">
                {t('app.brand')}
              </h1>
              <div class="text-secondary small">{t('app.brandSub')}</div>
            </div>
            <h2 class="h6 text-secondary fw-normal text-center mb-4">{t('login.subtitle')}</h2>
            {error && (
              <div class="alert alert-danger py-2" role="alert" data-testid="login-error" data-status={error.status}>
                {loginErrorText(t, error)}
              </div>
            )}
            <form onSubmit={submit} noValidate data-testid="login-form">
              <div class="mb-3">
                <label class="form-label" for="login-username">
                  {t('login.username')}
                </label>
                <input
                  id="login-username"
                  class="form-control form-control-lg"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellcheck={false}
                  autoFocus
                  value={username}
                  onInput={(e) => setUsername(e.currentTarget.value)}
                  data-testid="login-username"
                />
              </div>
              <div class="mb-4">
                <label class="form-label" for="login-password">
                  {t('login.password')}
                </label>
                <input
                  id="login-password"
                  class="form-control form-control-lg"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                  data-testid="login-password"
                />
              </div>
              <button class="btn btn-primary btn-lg w-100" type="submit" disabled={busy || !username || !password} data-testid="login-submit">
                {busy && <span class="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
                {busy ? t('login.submitting') : t('login.submit')}
              </button>
            </form>
          </div>
        </div>
      </main>
    </div>
  );
}
