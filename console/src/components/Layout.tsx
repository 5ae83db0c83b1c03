import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';
import { areaRoutes, type Area } from '../routes';
import type { SessionUser } from '../types';
import { AreaNav } from './AreaNav';
import { Navbar } from './Navbar';

/** Signed-in frame: navbar on top, the area's sub-navigation at the side (on top on phones). */
export function Layout(props: { user: SessionUser; area: Area | undefined; path: string; children: ComponentChildren }) {
  const t = useT();
  const withSideNav = props.area !== undefined && areaRoutes(props.area).length > 1;
  return (
    <div class="min-vh-100 d-flex flex-column">
      <a class="visually-hidden-focusable" href="#main">
        {t('app.skipToContent')}
      </a>
      <Navbar user={props.user} currentArea={props.area} />
      <div class="container-xxl flex-grow-1 py-3 py-md-4">
        <div class="row g-3 g-md-4">
          {withSideNav && props.area && (
            <aside class="col-12 col-md-3 col-xl-2">
              <AreaNav area={props.area} path={props.path} />
            </aside>
          )}
          <main id="main" class={withSideNav ? 'col-12 col-md-9 col-xl-10' : 'col-12'} data-area={props.area}>
            {props.children}
          </main>
        </div>
      </div>
    </div>
  );
}
