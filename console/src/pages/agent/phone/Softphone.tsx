import './softphone.css';
import { useState } from 'preact/hooks';
import { useResource } from '../../../hooks/useResource';
import { useT, type MessageKey } from '../../../i18n';
import { useStore } from '../../../store';
import { CallPanel } from './CallPanel';
import { DeviceSettings } from './DeviceSettings';
import { Dialer } from './Dialer';
import { Icon } from './icons';
import { IncomingCall } from './IncomingCall';
import { softphone } from './instance';
import { phoneApi } from './phone-api';
import type { CallView, Registration } from './phone-state';
import { useRingtone } from './ringtone';
import { WrapUpForm } from './WrapUpForm';

const registrationLook: Record<Registration, { tone: string; label: MessageKey }> = {
  idle: { tone: 'secondary', label: 'phone.reg.idle' },
  connecting: { tone: 'warning', label: 'phone.reg.connecting' },
  registered: { tone: 'success', label: 'phone.reg.registered' },
  unregistered: { tone: 'secondary', label: 'phone.reg.unregistered' },
  failed: { tone: 'danger', label: 'phone.reg.failed' },
};

const isRinging = (c: CallView): boolean => c.direction === 'inbound' && c.phase === 'ringing';

/** A consultation is shown right under the call it consults about. */
function ordered(calls: CallView[]): CallView[] {
  const roots = calls.filter((c) => !c.consultFor || !calls.some((o) => o.id === c.consultFor));
  return roots.flatMap((c) => [c, ...calls.filter((o) => o.consultFor === c.id)]);
}

/** The agent's softphone: registration, the screen-pop, calls in progress, wrap-up and the dialler. */
export function Softphone() {
  const t = useT();
  const phone = softphone();
  const state = useStore(phone.store);
  const [settings, setSettings] = useState(false);
  const dispositions = useResource(() => phoneApi.dispositions(), []);
  const ringing = state.calls.filter(isRinging);
  const live = ordered(state.calls.filter((c) => !isRinging(c)));
  const look = registrationLook[state.registration];
  const registered = state.registration === 'registered';
  useRingtone(ringing.length > 0);

  return (
    <div class="card shadow-sm phone" data-testid="softphone" data-registration={state.registration}>
      <div class="card-header bg-body d-flex align-items-center gap-2 px-3">
        <span class="d-inline-flex align-items-center gap-2 fw-semibold text-nowrap min-w-0 overflow-hidden">
          <Icon name="phone" size={16} class="text-primary flex-none" />
          {t('phone.title')}
          {state.extension && (
            <span class="small fw-normal text-secondary" title={t('phone.extension')} data-testid="phone-extension">
              {state.extension}
            </span>
          )}
        </span>
        <span class="d-inline-flex align-items-center gap-1 ms-auto flex-none">
          <span class={`badge rounded-pill text-bg-${look.tone} d-inline-flex align-items-center gap-1`} data-testid="phone-registration" title={state.problem ?? undefined}>
            <span class={`phone-status-dot${state.registration === 'connecting' ? ' pulse' : ''}`} aria-hidden="true" />
            {t(look.label)}
          </span>
          <button
            type="button"
            class={`btn btn-sm px-1 ${settings ? 'btn-secondary' : 'btn-outline-secondary'} border-0`}
            title={t('phone.devices')}
            aria-label={t('phone.devices')}
            aria-pressed={settings}
            data-testid="phone-devices-toggle"
            onClick={() => setSettings(!settings)}
          >
            <Icon name="settings" size={16} />
          </button>
        </span>
      </div>
      <div class="card-body">
        {settings && <DeviceSettings phone={phone} />}
        {state.registration === 'failed' && state.problem && (
          <div class="alert alert-danger py-1 px-2 small" data-testid="phone-problem">
            {state.problem}
          </div>
        )}
        {state.failedCall && (
          <div class="alert alert-warning alert-dismissible py-1 px-2 small" role="alert" data-testid="phone-call-failed">
            {t('phone.callFailed', { number: state.failedCall.number, status: state.failedCall.status || '—' })}
            <button type="button" class="btn-close btn-sm py-2" aria-label={t('common.close')} onClick={() => phone.clearFailedCall()} />
          </div>
        )}
        {live.map((call) => (
          <CallPanel key={call.id} call={call} phone={phone} />
        ))}
        {state.wrapUps.map((w) => (
          <WrapUpForm key={w.interactionId} wrapUp={w} dispositions={dispositions.data ?? []} onSubmit={(d, n) => phone.endWrapUp(w.interactionId, d, n)} />
        ))}
        {live.length === 0 && <Dialer enabled={registered} onCall={(number, video) => phone.callNumber(number, video)} />}
        {!registered && live.length === 0 && <div class="form-text mt-2">{t('phone.dialWhenRegistered')}</div>}
      </div>
      {ringing.length > 0 && (
        <div class="phone-incoming-stack">
          {ringing.map((call) => (
            <IncomingCall key={call.id} call={call} onAnswer={() => void phone.answer(call.id)} onDecline={() => void phone.decline(call.id)} />
          ))}
        </div>
      )}
    </div>
  );
}
