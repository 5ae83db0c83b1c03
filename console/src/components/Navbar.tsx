import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Link } from '../router';
import { areaHome, areas, canSee, type Area } from '../routes';
import { logout } from '../session';
import type { SessionUser } from '../types';
import { LanguageSwitch } from './LanguageSwitch';

/** Top bar: brand, the areas this role may enter, language, user and sign-out; collapses on phones. */
export function Navbar(props: { user: SessionUser; currentArea: Area | undefined }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const { user } = props;
  return (
    <nav class="navbar navbar-expand-lg navbar-dark bg-primary shadow-sm" data-testid="navbar">
      <div class="container-fluid">
        <Link class="navbar-brand d-flex align-items-center gap-2" href="/" data-testid="brand">
          <span class="brand-mark" aria-hidden="true">☎</span>
          <span class="fw-semibold">{t('app.brand')}</span>
          <span class="d-none d-sm-inline small opacity-75">{t('app.brandSub')}</span>
        </Link>
        <button
          class={`navbar-toggler${open ? '' : ' collapsed'}`}
          type="button"
          aria-controls="main-nav"
          aria-expanded={open}
          aria-label={t('nav.toggle')}
          onClick={() => setOpen(!open)}
          data-testid="nav-toggle"
        >
          <span class="navbar-toggler-icon" />
        </button>
        <div class={`collapse navbar-collapse${open ? ' show' : ''}`} id="main-nav">
          <ul class="navbar-nav me-auto mb-2 mb-lg-0">
            {areas
              .filter((a) => canSee(user.role, a.area))
              .map((a) => (
                <li class="nav-item" key={a.area}>
                  <Link
                    class={`nav-link${props.currentArea === a.area ? ' active' : ''}`}
                    aria-current={props.currentArea === a.area ? 'page' : undefined}
                    href={areaHome(a.area)}
                    onClick={() => setOpen(false)}
                    data-testid={`nav-${a.area}`}
                  >
                    {t(a.label)}
                  </Link>
                </li>
              ))}
          </ul>
          <div class="d-flex flex-column flex-lg-row align-items-lg-center gap-2 gap-lg-3 pb-2 pb-lg-0">
            <LanguageSwitch />
            <span class="navbar-text text-white small" data-testid="current-user" title={t('nav.signedInAs')}>
              {user.displayName} <span class="badge text-bg-light ms-1" data-testid="current-role">{t(`role.${user.role}`)}</span>
            </span>
            <button type="button" class="btn btn-sm btn-outline-light" onClick={() => logout()} data-testid="logout">
              {t('nav.logout')}
            </button>
          </div>
        </div>
      </div>
    </nav>
  );
}
