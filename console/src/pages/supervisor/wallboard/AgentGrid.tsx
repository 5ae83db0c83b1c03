import { useState } from 'preact/hooks';
import { formatDuration } from '../../../format';
import { useLocale, useT, type MessageKey } from '../../../i18n';
import type { AgentView, Presence, PresenceReason } from '../../../ops-types';
import { RealtimeError } from '../../../realtime';

const presenceTone: Record<Presence, string> = { available: 'success', not_ready: 'warning', offline: 'secondary' };
// Reasons the system sets itself, whatever the admin configured.
const systemReasons: Record<string, MessageKey> = { supervisor: 'wb.reason.supervisor', missed: 'wb.reason.missed', disconnected: 'wb.reason.disconnected' };
const phaseKey: Record<string, MessageKey> = { reserved: 'wb.phase.reserved', ringing: 'wb.phase.ringing', busy: 'wb.phase.busy', wrap_up: 'wb.phase.wrap_up' };

export function useReasonLabel(reasons: readonly PresenceReason[]): (code: string | null) => string {
  const t = useT();
  const locale = useLocale();
  return (code) => {
    if (!code) return '';
    const system = systemReasons[code];
    if (system) return t(system);
    const row = reasons.find((r) => r.code === code);
    return row ? (locale === 'en' ? row.label_en : row.label_zh) : code;
  };
}

function AgentCard(props: { agent: AgentView; now: number; skewMs: number; reasons: readonly PresenceReason[]; onPresence(presence: 'available' | 'not_ready', reason?: string): Promise<void> }) {
  const t = useT();
  const label = useReasonLabel(props.reasons);
  const { agent: a } = props;
  const [reason, setReason] = useState('supervisor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const inState = (props.now + props.skewMs - a.since) / 1000;
  const act = async (presence: 'available' | 'not_ready') => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onPresence(presence, presence === 'not_ready' ? reason : undefined);
    } catch (err) {
      setError(err instanceof RealtimeError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const testId = a.extension || a.agentId;
  return (
    <div class="col-12 col-sm-6 col-xxl-4">
      <div class={`card h-100 shadow-sm accent-start-${presenceTone[a.presence]}`} data-testid={`agent-card-${testId}`} data-presence={a.presence}>
        <div class="card-body py-2 px-3">
          <div class="d-flex align-items-center gap-2">
            <span
              class={`status-dot ${a.registered ? 'bg-success' : 'bg-secondary-subtle border'}`}
              title={a.registered ? t('wb.registered') : t('wb.unregistered')}
              aria-label={a.registered ? t('wb.registered') : t('wb.unregistered')}
              data-testid="agent-registered"
              data-registered={String(a.registered)}
            />
            <span class="fw-semibold text-truncate">{a.displayName}</span>
            <span class="small text-secondary font-monospace">{a.extension}</span>
            <span class="ms-auto font-monospace small" data-testid="agent-in-state" title={t('wb.timeInState')}>
              {a.presence === 'offline' ? '' : formatDuration(inState)}
            </span>
          </div>
          <div class="d-flex flex-wrap align-items-center gap-1 mt-2">
            <span class={`badge text-bg-${presenceTone[a.presence]}`} data-testid="agent-presence">
              {t(`wb.presence.${a.presence}`)}
              {a.reason ? ` · ${label(a.reason)}` : ''}
            </span>
            {a.work.map((w) => (
              <span key={w.interactionId} class={`badge ${w.phase === 'busy' ? 'text-bg-primary' : 'text-bg-info'}`} data-testid={`agent-work-${w.media}`} title={w.interactionId}>
                {t(`media.${w.media}`)} · {t(phaseKey[w.phase] ?? 'wb.phase.busy')}
              </span>
            ))}
            {a.misses > 0 && (
              <span class="badge text-bg-light border text-danger" title={t('wb.misses')}>
                ✕ {a.misses}
              </span>
            )}
          </div>
          {a.presence !== 'offline' && (
            <div class="d-flex flex-wrap gap-1 mt-2">
              {a.presence === 'not_ready' ? (
                <button type="button" class="btn btn-sm btn-outline-success" disabled={busy} onClick={() => act('available')} data-testid="agent-set-available">
                  {t('wb.setAvailable')}
                </button>
              ) : (
                <div class="input-group input-group-sm w-auto">
                  <select class="form-select form-select-sm" aria-label={t('wb.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="agent-reason">
                    {['supervisor', ...props.reasons.map((r) => r.code)].map((code) => (
                      <option key={code} value={code}>
                        {label(code)}
                      </option>
                    ))}
                  </select>
                  <button type="button" class="btn btn-warning" disabled={busy} onClick={() => act('not_ready')} data-testid="agent-set-not-ready">
                    {t('wb.setNotReady')}
                  </button>
                </div>
              )}
            </div>
          )}
          {error && (
            <div class="small text-danger mt-1" role="alert" data-testid="agent-presence-error">
              {error}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** Every agent the router knows, logged in first; the supervisor can make one available or not-ready. */
export function AgentGrid(props: {
  agents: AgentView[];
  now: number;
  skewMs: number;
  reasons: readonly PresenceReason[];
  setPresence(agentId: string, presence: 'available' | 'not_ready', reason?: string): Promise<unknown>;
}) {
  const t = useT();
  const order: Record<Presence, number> = { available: 0, not_ready: 1, offline: 2 };
  const agents = [...props.agents].sort((a, b) => order[a.presence] - order[b.presence]);
  const counts = { available: 0, not_ready: 0, offline: 0 };
  for (const a of props.agents) counts[a.presence]++;
  return (
    <div class="card shadow-sm" data-testid="agent-grid">
      <div class="card-header bg-body d-flex flex-wrap align-items-center gap-2">
        <span class="fw-semibold me-auto">{t('wallboard.agents')}</span>
        {(['available', 'not_ready', 'offline'] as const).map((p) => (
          <span key={p} class={`badge rounded-pill text-bg-${presenceTone[p]}`} data-testid={`agents-count-${p}`}>
            {t(`wb.presence.${p}`)} {counts[p]}
          </span>
        ))}
      </div>
      <div class="card-body">
        {agents.length === 0 ? (
          <div class="text-secondary">{t('wb.noAgents')}</div>
        ) : (
          <div class="row g-2">
            {agents.map((a) => (
              <AgentCard key={a.agentId} agent={a} now={props.now} skewMs={props.skewMs} reasons={props.reasons} onPresence={async (p, r) => void (await props.setPresence(a.agentId, p, r))} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
