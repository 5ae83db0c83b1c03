import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { Icon } from './icons';
import { phoneApi, type BlindTarget, type QueueInfo } from './phone-api';
import { cleanNumber, guessTargetKind, isDialable } from './phone-state';

export type TransferMode = 'blind' | 'consult' | 'conference';

type Kind = BlindTarget['kind'];

/**
 * Where the call goes next: an agent's extension or an outside number (blind transfer, consult
 * first = attended transfer, or add as a third party), or another queue (blind only: the caller
 * waits there and the router picks the agent).
 */
export function TransferPanel(props: { busy: boolean; onSubmit(mode: TransferMode, target: BlindTarget): void; onClose(): void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<Kind | null>(null);
  const [queues, setQueues] = useState<QueueInfo[]>([]);
  const [queue, setQueue] = useState('');
  useEffect(() => {
    phoneApi.queues().then(
      (list) => setQueues(list.filter((q) => q.media.includes('voice'))),
      () => setQueues([]),
    );
  }, []);
  const clean = cleanNumber(value);
  const effectiveKind: Kind = kind ?? guessTargetKind(clean);
  const toQueue = effectiveKind === 'queue';
  const ok = !props.busy && (toQueue ? queue !== '' : isDialable(clean));
  const submit = (mode: TransferMode) => {
    if (!ok) return;
    if (effectiveKind === 'queue') props.onSubmit('blind', { kind: 'queue', value: queue });
    else props.onSubmit(mode, { kind: effectiveKind, value: clean });
  };
  const label = (k: Kind) => (k === 'extension' ? t('phone.kindExtension') : k === 'number' ? t('phone.kindNumber') : t('phone.kindQueue'));
  return (
    <div class="phone-subpanel" data-testid="phone-transfer-panel">
      <div class="d-flex align-items-center mb-2">
        <span class="fw-semibold small">{t('phone.transferTitle')}</span>
        <button type="button" class="btn-close ms-auto small" aria-label={t('common.close')} onClick={props.onClose} />
      </div>
      <div class="btn-group btn-group-sm w-100 mb-2" role="group" aria-label={t('phone.transferKind')}>
        {(['extension', 'number', 'queue'] as const).map((k) => (
          <button
            key={k}
            type="button"
            class={`btn ${effectiveKind === k ? 'btn-primary' : 'btn-outline-primary'}`}
            aria-pressed={effectiveKind === k}
            data-testid={`phone-transfer-kind-${k}`}
            onClick={() => setKind(k)}
          >
            {label(k)}
          </button>
        ))}
      </div>
      {toQueue ? (
        <select class="form-select mb-2" aria-label={t('phone.kindQueue')} value={queue} data-testid="phone-transfer-queue" onChange={(e) => setQueue(e.currentTarget.value)}>
          <option value="">—</option>
          {queues.map((q) => (
            <option key={q.id} value={q.name}>
              {q.name}
            </option>
          ))}
        </select>
      ) : (
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
      )}
      <div class="d-grid gap-2">
        <button type="button" class="btn btn-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok} data-testid="phone-transfer-blind" onClick={() => submit('blind')}>
          <Icon name="transfer" size={16} /> {t('phone.blindTransfer')}
        </button>
        <button type="button" class="btn btn-outline-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok || toQueue} data-testid="phone-transfer-consult" onClick={() => submit('consult')}>
          <Icon name="phone" size={16} /> {t('phone.consult')}
        </button>
        <button type="button" class="btn btn-outline-primary btn-sm d-inline-flex align-items-center justify-content-center gap-2" disabled={!ok || toQueue} data-testid="phone-transfer-conference" onClick={() => submit('conference')}>
          <Icon name="users" size={16} /> {t('phone.conference')}
        </button>
      </div>
    </div>
  );
}
