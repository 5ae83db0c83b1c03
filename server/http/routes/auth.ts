import { z } from 'zod';
import { RateLimiter } from '../../../core/rate-limit';
import { TooManyRequests, Unauthorized } from '../../../core/errors';
import type { Clock } from '../../../core/clock';
import type { UserService } from '../../../core/users/users';
import type { Api } from '../api';
import { sessionCookie, type Sessions } from '../session';

const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) });

export function authRoutes(api: Api, deps: { users: UserService; sessions: Sessions; clock: Clock; secureCookies: boolean }): void {
  // Only failures count, so a whole shift signing in from one office address is never held up.
  // Per source: 20 failures, then one more every 3 s; per username: 10, then one every 6 s.
  const byIp = new RateLimiter(20, 1 / 3, deps.clock);
  const byName = new RateLimiter(10, 1 / 6, deps.clock);

  api.route({ method: 'post', path: '/api/auth/login', summary: 'Sign in', tag: 'auth', roles: 'public', body: loginSchema }, async ({ body, ip, res }) => {
    const nameKey = body.username.toLowerCase();
    if (!byIp.allows(ip) || !byName.allows(nameKey)) {
      throw new TooManyRequests('too many failed sign-ins, wait and try again', Math.max(byIp.retryAfter(ip), byName.retryAfter(nameKey), 1));
    }
    const user = await deps.users.authenticate(body.username, body.password);
    if (!user) {
      byIp.take(ip);
      byName.take(nameKey);
      throw new Unauthorized('wrong username or password');
    }
    byName.reset(nameKey);
    res.cookie(sessionCookie, await deps.sessions.issue(user), {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: deps.sessions.maxAgeMs,
      path: '/',
    });
    return { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: user.locale } };
  });

  api.route({ method: 'post', path: '/api/auth/logout', summary: 'Sign out', tag: 'auth', roles: 'public' }, ({ res }) => {
    res.clearCookie(sessionCookie, { path: '/' });
    return undefined;
  });

  api.route({ method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', roles: ['agent'] }, ({ user }) => ({ user }));
}
