import { useEffect, useState } from 'preact/hooks';
import { useT, type MessageKey } from '../../../i18n';
import { useStore } from '../../../store';
import { agentPresence } from './agent-presence';

const reasons = ['break', 'lunch', 'training', 'meeting'] as const;

function useClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Presence buttons (available / not ready with a reason / offline) and the chat offers ringing
 * at this agent, with accept and reject. Calls ring on the softphone instead.
 */
export function PresenceBar() {
  const t = useT();
  const presence = agentPresence();
  const s = useStore(presence.store);
  const now = useClock();
  const [reason, setReason] = useState<string>('break');
  const state = s.agent?.presence ?? 'offline';
  const chats = s.agent?.work.filter((w) => w.media !== 'voice' && w.media !== 'video' && w.phase === 'busy').length ?? 0;
  const reasonLabel = (r: string | null) => (r ? t(`presence.reason.${r}` as MessageKey) : '');
  const dot = state === 'available' ? 'bg-success' : state === 'not_ready' ? 'bg-warning' : 'bg-secondary';

  return (
    <div class="card shadow-sm mb-3" data-testid="presence-bar">
      <div class="card-body py-2 d-flex flex-wrap align-items-center gap-2">
        <span class="d-inline-flex align-items-center gap-2 me-2 fw-semibold" data-testid="presence-state" data-state={state}>
          <span class={`presence-dot ${dot}`} />
          {!s.connected ? t('presence.connecting') : state === 'available' ? t('presence.available') : state === 'not_ready' ? `${t('presence.notReady')} · ${reasonLabel(s.agent?.reason ?? null)}` : t('presence.offline')}
        </span>
        <div class="btn-group btn-group-sm" role="group" aria-label={t('presence.title')}>
          <button type="button" class={`btn ${state === 'available' ? 'btn-success' : 'btn-outline-success'}`} data-testid="presence-available" onClick={() => presence.set('available')}>
            {t('presence.available')}
          </button>
          <button type="button" class={`btn ${state === 'not_ready' ? 'btn-warning' : 'btn-outline-warning'}`} data-testid="presence-not-ready" onClick={() => presence.set('not_ready', reason)}>
            {t('presence.notReady')}
          </button>
          <button type="button" class={`btn ${state === 'offline' ? 'btn-secondary' : 'btn-outline-secondary'}`} data-testid="presence-offline" onClick={() => presence.set('offline')}>
            {t('presence.offline')}
          </button>
        </div>
        <select class="form-select form-select-sm w-auto" aria-label={t('presence.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="presence-reason">
          {reasons.map((r) => (
            <option key={r} value={r}>
              {reasonLabel(r)}
            </option>
          ))}
        </select>
        <span class="ms-auto small text-secondary" data-testid="presence-load">
          💬 {chats}
        </span>
      </div>
      {s.error && <div class="alert alert-danger m-2 py-1 small">{s.error}</div>}
      {s.offers.map((o) => {
        const left = o.expiresAt ? Math.max(0, Math.round((o.expiresAt - now) / 1000)) : null;
        return (
          <div key={o.interactionId} class="offer-card border-top d-flex flex-wrap align-items-center gap-2 px-3 py-2" data-testid="chat-offer" data-interaction={o.interactionId}>
            <span class="badge text-bg-primary">{t(`media.${o.media}` as MessageKey)}</span>
            <div class="me-auto">
              <div class="fw-semibold">{o.contact?.name || o.from || t('chat.unknown')}</div>
              <div class="small text-secondary">
                {o.queueName} · {t('offer.waited', { s: o.waitedSeconds })}
                {left !== null && ` · ${t('offer.expires', { s: left })}`}
              </div>
            </div>
            <button class="btn btn-sm btn-success" data-testid="offer-accept" onClick={() => presence.accept(o.interactionId)}>
              {t('offer.accept')}
            </button>
            <button class="btn btn-sm btn-outline-danger" data-testid="offer-reject" onClick={() => presence.reject(o.interactionId)}>
              {t('offer.reject')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
