import { useT, type MessageKey } from '../i18n';
import { Link } from '../router';

/** Not found / not allowed: a message and the way back. */
export function StatusPage(props: { message: MessageKey; home: string }) {
  const t = useT();
  return (
    <div class="text-center py-5" data-testid="status-page">
      <p class="lead mb-4">{t(props.message)}</p>
      <Link class="btn btn-primary" href={props.home}>
        {t('error.goHome')}
      </Link>
    </div>
  );
}
