import { useT } from '../i18n';

export function Loading(props: { class?: string }) {
  const t = useT();
  return (
    <div class={`d-flex align-items-center gap-2 text-secondary ${props.class ?? 'py-4'}`} role="status" data-testid="loading">
      <span class="spinner-border spinner-border-sm" aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  );
}

/** A table row saying the table is empty, spanning its columns. */
export function EmptyRow(props: { columns: number }) {
  const t = useT();
  return (
    <tr>
      <td colSpan={props.columns} class="text-center text-secondary py-4">
        {t('common.empty')}
      </td>
    </tr>
  );
}
