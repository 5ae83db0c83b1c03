import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDuration } from '../../../format';
import { useLocale, useT } from '../../../i18n';
import type { Disposition } from './phone-api';
import { secondsLeft, type WrapUp } from './phone-state';
import { useNow } from './use-now';

/** After a call: what came of it (disposition code) and notes, within the queue's wrap-up time. */
export function WrapUpForm(props: { wrapUp: WrapUp; dispositions: Disposition[]; onSubmit(disposition: string, notes: string): Promise<void> }) {
  const t = useT();
  const locale = useLocale();
  const { wrapUp } = props;
  const [disposition, setDisposition] = useState('');
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const now = useNow(wrapUp.deadline !== null);
  const left = secondsLeft(wrapUp.deadline, now);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await props.onSubmit(disposition, notes);
    } catch (err) {
      setError(toApiError(err));
      setSaving(false);
    }
  };
  return (
    <form class="phone-wrapup" data-testid="phone-wrapup" onSubmit={submit}>
      <div class="d-flex align-items-center gap-2 mb-2">
        <span class="fw-semibold">{t('phone.wrapUp')}</span>
        {left !== null && (
          <span class={`badge ms-auto ${left <= 10 ? 'text-bg-danger' : 'text-bg-primary'}`} data-testid="phone-wrapup-countdown" title={t('phone.wrapUpLeft')}>
            {left > 0 ? formatDuration(left) : t('phone.wrapUpOver')}
          </span>
        )}
      </div>
      {(wrapUp.contactName || wrapUp.remote) && (
        <div class="small text-secondary mb-2" data-testid="phone-wrapup-party">
          {[wrapUp.contactName, wrapUp.remote].filter(Boolean).join(' · ')}
        </div>
      )}
      <label class="form-label small mb-1" for={`disp-${wrapUp.interactionId}`}>
        {t('phone.disposition')}
      </label>
      <select
        id={`disp-${wrapUp.interactionId}`}
        class="form-select form-select-sm mb-2"
        value={disposition}
        data-testid="phone-wrapup-disposition"
        onChange={(e) => setDisposition(e.currentTarget.value)}
      >
        <option value="">{t('phone.dispositionNone')}</option>
        {props.dispositions.map((d) => (
          <option key={d.code} value={d.code}>
            {locale === 'en' ? d.label_en : d.label_zh}
          </option>
        ))}
      </select>
      <label class="form-label small mb-1" for={`notes-${wrapUp.interactionId}`}>
        {t('phone.notes')}
      </label>
      <textarea
        id={`notes-${wrapUp.interactionId}`}
        class="form-control form-control-sm mb-2"
        rows={3}
        maxLength={5000}
        value={notes}
        data-testid="phone-wrapup-notes"
        onInput={(e) => setNotes(e.currentTarget.value)}
      />
      <ErrorAlert error={error} testId="phone-wrapup-error" />
      <button type="submit" class="btn btn-primary btn-sm w-100" disabled={saving} data-testid="phone-wrapup-submit">
        {saving ? t('common.saving') : t('phone.wrapUpDone')}
      </button>
    </form>
  );
}
