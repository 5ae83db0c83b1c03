import { useT } from '../i18n';
import { Link } from '../router';
import { areaRoutes, type Area } from '../routes';

/** The pages of one area; shown only when an area has more than one. */
export function AreaNav(props: { area: Area; path: string }) {
  const t = useT();
  const pages = areaRoutes(props.area);
  if (pages.length < 2) return null;
  return (
    <nav class="nav nav-pills flex-nowrap flex-md-column gap-1 overflow-auto pb-2 pb-md-0" aria-label={t(`nav.${props.area}`)} data-testid="area-nav">
      {pages.map((r) => (
        <Link
          key={r.path}
          class={`nav-link text-nowrap${props.path === r.path ? ' active' : ''}`}
          aria-current={props.path === r.path ? 'page' : undefined}
          href={r.path}
          data-testid={`subnav-${r.path.split('/').pop() ?? ''}`}
        >
          {t(r.label)}
          {r.badge && props.path !== r.path && <r.badge />}
        </Link>
      ))}
    </nav>
  );
}
