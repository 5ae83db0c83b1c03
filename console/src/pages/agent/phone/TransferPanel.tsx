import { useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { Icon } from './icons';
import type { TransferTarget } from './phone-api';
import { cleanNumber, guessTargetKind, isDialable } from './phone-state';

export type TransferMode = 'blind' | 'consult' | 'conference';

/**
 * Where the call goes next: an agent's extension or an outside number, then blind transfer,
 * consult first (attended transfer) or add as a third party.
 */
export function TransferPanel(props: { busy: boolean; onSubmit(mode: TransferMode, target: TransferTarget): void; onClose(): void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<TransferTarget['kind'] | null>(null);
  const clean = cleanNumber(value);
  const effectiveKind = kind ?? guessTargetKind(clean);
  const ok = isDialable(clean) && !props.busy;
  const submit = (mode: TransferMode) => {
    if (ok) props.onSubmit(mode, { kind: effectiveKind, value: clean });
  };
  return (
    <div class="phone-subpanel" data-testid="phone-transfer-panel">
      <div class="d-flex align-items-center mb-2">
        <span class="fw-semibold small">{t('phone.transferTitle')}</span>
        <button type="button" class="btn-close ms-auto small" aria-label={t('common.close')} onClick={props.onClose} />
      </div>
      <input
        class="form-control mb-2"
        type="tel"
        inputMode="tel"
        placeholder={t('phone.transferTarget')}
        aria-label={t('phone.transferTarget')}
        value={value}
        data-testid="phone-transfer-target"
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <div class="btn-group btn-group-sm w-100 mb-2" role="group" aria-label={t('phone.transferKind')}>
        {(['extension', 'number'] as const).map((k) => (
          <button
            key={k}
            type="button"
            class={`btn ${effectiveKind === k ? 'btn-primary' : 'btn-outline-primary'}`}
            aria-pressed={effectiveKind === k}
            data-testid={`phone-transfer-kind-${k}`}
            onClick={() => setKind(k)}
          >
            {k === 'extension' ? t('phone.kindExtension') : t('phone.kindNumber')}
          </button>
        ))}
      </div>
      <div class="d-grid gap-2">
        <button type="button" class="btn btn-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok} data-testid="phone-transfer-blind" onClick={() => submit('blind')}>
          <Icon name="transfer" size={16} /> {t('phone.blindTransfer')}
        </button>
        <button type="button" class="btn btn-outline-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok} data-testid="phone-transfer-consult" onClick={() => submit('consult')}>
          <Icon name="phone" size={16} /> {t('phone.consult')}
        </button>
        <button type="button" class="btn btn-outline-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok} data-testid="phone-transfer-conference" onClick={() => submit('conference')}>
          <Icon name="users" size={16} /> {t('phone.conference')}
        </button>
      </div>
    </div>
  );
}
