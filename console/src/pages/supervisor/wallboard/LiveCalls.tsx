import { useEffect, useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDuration } from '../../../format';
import { useT, type MessageKey } from '../../../i18n';
import { monitorModes, type AgentView, type LiveCall, type MonitorMode } from '../../../ops-types';

const POLL_MS = 2000;
const stateKey: Record<string, MessageKey> = { ivr: 'calls.state.ivr', queued: 'calls.state.queued', ringing: 'calls.state.ringing', talking: 'calls.state.talking' };
const modeTone: Record<MonitorMode, string> = { listen: 'info', whisper: 'warning', barge: 'danger' };

/** Calls in progress, polled; on a talking call the supervisor listens, whispers or barges from their softphone. */
export function LiveCalls(props: { agents: AgentView[]; now: number }) {
  const t = useT();
  const [calls, setCalls] = useState<LiveCall[] | undefined>(undefined);
  const [pollError, setPollError] = useState<ApiError | undefined>(undefined);
  // The mode this supervisor chose per call; the server does not report it back.
  const [modes, setModes] = useState<Record<string, MonitorMode>>({});
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<{ callId: string; error: ApiError } | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const list = await api.calls.live();
        if (stopped) return;
        setCalls(list);
        setPollError(undefined);
        // A call that ended takes its monitoring mode with it.
        setModes((m) => Object.fromEntries(Object.entries(m).filter(([id]) => list.some((c) => c.interactionId === id))));
      } catch (err) {
        if (!stopped) setPollError(toApiError(err));
      }
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const monitor = async (call: LiveCall, mode: MonitorMode) => {
    setPending(call.interactionId);
    setActionError(undefined);
    try {
      await api.calls.monitor(call.interactionId, mode);
      setModes((m) => ({ ...m, [call.interactionId]: mode }));
    } catch (err) {
      setActionError({ callId: call.interactionId, error: toApiError(err) });
    } finally {
      setPending(undefined);
    }
  };

  const agentName = (id: string | null) => (id ? (props.agents.find((a) => a.agentId === id)?.displayName ?? id) : '—');
  const list = calls ?? [];
  return (
    <div class="card shadow-sm" data-testid="live-calls">
      <div class="card-header bg-body d-flex align-items-center gap-2">
        <span class="fw-semibold me-auto">{t('calls.title')}</span>
        <span class="badge rounded-pill text-bg-primary" data-testid="live-calls-count">
          {list.length}
        </span>
      </div>
      {pollError && pollError.status !== 404 && (
        <div class="px-3 pt-3">
          <ErrorAlert error={pollError} testId="live-calls-error" />
        </div>
      )}
      <div class="table-responsive">
        <table class="table table-sm table-hover mb-0 align-middle">
          <thead>
            <tr>
              <th class="ps-3">{t('calls.from')}</th>
              <th>{t('calls.queue')}</th>
              <th>{t('calls.state')}</th>
              <th>{t('calls.agent')}</th>
              <th>{t('calls.duration')}</th>
              <th class="text-end pe-3">{t('calls.monitor')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => {
              const mode = modes[c.interactionId];
              const started = c.answeredAt ?? c.arrivedAt;
              const failure = actionError?.callId === c.interactionId ? actionError.error : undefined;
              return (
                <tr key={c.interactionId} data-testid={`call-row-${c.interactionId}`}>
                  <td class="ps-3 font-monospace">{c.from ?? '—'}</td>
                  <td>{c.queue}</td>
                  <td>
                    <span class={`badge ${c.state === 'talking' ? 'text-bg-success' : 'text-bg-light border'}`}>{stateKey[c.state] ? t(stateKey[c.state] ?? 'calls.state.talking') : c.state}</span>
                    {c.recording && <span class="badge text-bg-danger ms-1" title={t('calls.recording')}>● REC</span>}
                  </td>
                  <td>{agentName(c.agentId)}</td>
                  <td class="font-monospace">{formatDuration((props.now - started) / 1000)}</td>
                  <td class="text-end pe-3">
                    {c.state === 'talking' ? (
                      <div class="d-inline-flex flex-column align-items-end gap-1">
                        <div class="btn-group btn-group-sm" role="group" aria-label={t('calls.monitor')}>
                          {monitorModes.map((m) => (
                            <button
                              key={m}
                              type="button"
                              class={`btn ${mode === m ? `btn-${modeTone[m]}` : `btn-outline-${modeTone[m]}`}`}
                              aria-pressed={mode === m}
                              disabled={pending === c.interactionId}
                              onClick={() => monitor(c, m)}
                              data-testid={`monitor-${m}`}
                            >
                              {t(`calls.mode.${m}`)}
                            </button>
                          ))}
                        </div>
                        {mode && (
                          <span class="small text-secondary" data-testid="monitor-active">
                            {t('calls.activeMode', { mode: t(`calls.mode.${mode}`) })}
                          </span>
                        )}
                        {failure && (
                          <span class="small text-danger" role="alert" data-testid="monitor-error" data-status={failure.status}>
                            {t('error.generic', { message: failure.message })}
                          </span>
                        )}
                      </div>
                    ) : (
                      <span class="text-secondary small">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
            {calls !== undefined && list.length === 0 && (
              <tr>
                <td colSpan={6} class="text-center text-secondary py-3">
                  {pollError?.status === 404 ? t('calls.noTelephony') : t('calls.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
