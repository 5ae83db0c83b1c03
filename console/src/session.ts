import { api, ApiError, onUnauthorized } from './api';
import { adoptProfileLocale } from './i18n';
import { navigate } from './router';
import { createStore } from './store';
import type { SessionUser } from './types';

export type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: SessionUser };

export const sessionStore = createStore<SessionState>({ status: 'loading' });

function signedIn(user: SessionUser): void {
  adoptProfileLocale(user.locale);
  sessionStore.set({ status: 'signed-in', user });
}

// A 401 on any call means the cookie expired or was revoked (password or role change).
onUnauthorized(() => sessionStore.set({ status: 'anonymous' }));

/** On start: the session cookie is httpOnly, so only the server can say whether it is still good. */
export async function restoreSession(): Promise<void> {
  try {
    signedIn((await api.auth.me()).user);
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) console.warn('session check failed', err.message);
    sessionStore.set({ status: 'anonymous' });
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const { user } = await api.auth.login(username, password);
  signedIn(user);
  return user;
}

export async function logout(): Promise<void> {
  try {
    await api.auth.logout();
  } finally {
    sessionStore.set({ status: 'anonymous' });
    // The next person at this desk should not land on the previous user's page.
    navigate('/', { replace: true });
  }
}
