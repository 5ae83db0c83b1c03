import { useEffect } from 'preact/hooks';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { useLocale } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { StatusPage } from './pages/StatusPage';
import { navigate, usePath } from './router';
import { canSee, findRoute, homeFor } from './routes';
import { restoreSession, sessionStore } from './session';
import { useStore } from './store';

export function App() {
  const session = useStore(sessionStore);
  const path = usePath();
  useLocale(); // the whole tree follows a language switch

  useEffect(() => {
    restoreSession();
  }, []);

  const user = session.status === 'signed-in' ? session.user : undefined;
  const route = findRoute(path);
  const home = user ? homeFor(user.role) : '/';

  // `/` and `/login` are not pages of their own once signed in: go to the role's start page.
  useEffect(() => {
    if (user && (path === '/' || path === '/login')) navigate(home, { replace: true });
  }, [user, path, home]);

  if (session.status === 'loading') return <Loading class="justify-content-center min-vh-100" />;
  if (!user) return <LoginPage />;

  const allowed = route ? canSee(user.role, route.area) : false;
  const Page = route?.component;
  return (
    <Layout user={user} area={allowed ? route?.area : undefined} path={path}>
      {Page && allowed ? <Page /> : path === '/' || path === '/login' ? <Loading /> : <StatusPage message={route ? 'error.forbidden' : 'error.notFound'} home={home} />}
    </Layout>
  );
}
