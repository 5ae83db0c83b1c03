import { useState } from 'preact/hooks';
import { useT } from '../i18n';

/** A delete button that asks once inline; avoids window.confirm, which blocks and is hard to test. */
export function ConfirmButton(props: { label: string; onConfirm(): Promise<void> | void; testId?: string; disabled?: boolean }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="btn btn-sm btn-outline-danger" disabled={props.disabled} onClick={() => setAsking(true)} data-testid={props.testId}>
        {props.label}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span class="d-inline-flex align-items-center gap-1">
      <span class="small text-danger">{t('common.confirmDelete')}</span>
      <button type="button" class="btn btn-sm btn-danger" disabled={busy} onClick={confirm} data-testid={props.testId ? `${props.testId}-confirm` : undefined}>
        {t('common.yes')}
      </button>
      <button type="button" class="btn btn-sm btn-outline-secondary" disabled={busy} onClick={() => setAsking(false)}>
        {t('common.no')}
      </button>
    </span>
  );
}
