import type { ApiError } from '../api';
import { useT } from '../i18n';

/** A request's failure in words: field issues point at the fields, anything else is spelled out here. */
export function ErrorAlert(props: { error: ApiError | undefined; testId?: string }) {
  const t = useT();
  const { error } = props;
  if (!error) return null;
  const text = error.fields.length > 0 ? t('error.fixFields') : error.status === 0 && error.code === 'network' ? t('error.network') : t('error.generic', { message: error.message });
  return (
    <div class="alert alert-danger py-2" role="alert" data-testid={props.testId ?? 'form-error'}>
      {text}
    </div>
  );
}
