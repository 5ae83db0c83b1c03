import { useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { Icon } from './icons';
import { Keypad } from './Keypad';
import { cleanNumber, isDialable } from './phone-state';

/** Click-to-dial from the softphone: a number field, the pad, and call (voice or video). */
export function Dialer(props: { enabled: boolean; onCall(number: string, video: boolean): void }) {
  const t = useT();
  const [number, setNumber] = useState('');
  const [pad, setPad] = useState(false);
  const clean = cleanNumber(number);
  const canCall = props.enabled && isDialable(clean);
  const call = (video: boolean) => {
    if (!canCall) return;
    props.onCall(clean, video);
    setNumber('');
  };
  return (
    <form
      class="phone-dialer"
      data-testid="phone-dialer"
      onSubmit={(e) => {
        e.preventDefault();
        call(false);
      }}
    >
      <div class="input-group">
        <input
          class="form-control form-control-lg phone-number-input"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          placeholder={t('phone.numberPlaceholder')}
          aria-label={t('phone.number')}
          value={number}
          data-testid="phone-number"
          onInput={(e) => setNumber(e.currentTarget.value)}
        />
        {number && (
          <button type="button" class="btn btn-outline-secondary" title={t('phone.backspace')} aria-label={t('phone.backspace')} onClick={() => setNumber(number.slice(0, -1))}>
            <Icon name="backspace" />
          </button>
        )}
        <button type="button" class={`btn ${pad ? 'btn-secondary' : 'btn-outline-secondary'}`} title={t('phone.keypad')} aria-label={t('phone.keypad')} aria-pressed={pad} data-testid="phone-dialer-pad-toggle" onClick={() => setPad(!pad)}>
          <Icon name="grid" />
        </button>
      </div>
      {pad && <Keypad testId="phone-dial-key" onPress={(k) => setNumber(number + k)} />}
      <div class="d-flex gap-2 mt-2">
        <button type="submit" class="btn btn-success flex-grow-1 d-inline-flex align-items-center justify-content-center gap-2" disabled={!canCall} data-testid="phone-call">
          <Icon name="phone" /> {t('phone.call')}
        </button>
        <button type="button" class="btn btn-outline-success" disabled={!canCall} title={t('phone.videoCall')} aria-label={t('phone.videoCall')} data-testid="phone-video-call" onClick={() => call(true)}>
          <Icon name="video" />
        </button>
      </div>
    </form>
  );
}
