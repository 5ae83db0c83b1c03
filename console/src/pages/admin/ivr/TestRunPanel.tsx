import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n';
import type { CallerAction, Flow, FlowOutcome, TestRunResult } from '../../../ivr';

type Step = { kind: 'press'; digits: string } | { kind: 'silence' } | { kind: 'hangup' };

/** The outcome in the flow's own terms (`queue sales`, `transfer extension 8001`): the same in every language. */
export function outcomeText(o: FlowOutcome): string {
  switch (o.kind) {
    case 'queue':
      return `queue ${o.queueName}`;
    case 'transfer':
      return `transfer ${o.target.kind} ${o.target.value}`;
    case 'voicemail':
      return o.queueName ? `voicemail ${o.queueName}` : 'voicemail';
    case 'hangup':
    case 'caller_hangup':
      return o.kind;
  }
}

const toAction = (s: Step): CallerAction => (s.kind === 'press' ? { press: s.digits } : s.kind === 'silence' ? { silence: true } : { hangup: true });

/**
 * Runs the flow being edited (saved or not) against a scripted caller on the server and shows what
 * happened. Problems in the flow come back with paths, which the editor shows on its nodes.
 */
export function TestRunPanel(props: { flow(): Flow; blocked: boolean; onFlowErrors(errors: Record<string, string>): void }) {
  const t = useT();
  const [steps, setSteps] = useState<Step[]>([{ kind: 'press', digits: '1' }]);
  const [caller, setCaller] = useState('13800000000');
  const [called, setCalled] = useState('');
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [result, setResult] = useState<TestRunResult | undefined>(undefined);
  const setStep = (i: number, s: Step) => setSteps(steps.map((x, j) => (j === i ? s : x)));

  const run = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      // datetime-local is the browser's local time; the server wants an instant in UTC.
      const when = at ? new Date(at).toISOString() : undefined;
      setResult(await api.ivr.testRun({ flow: props.flow(), script: steps.map(toAction), ...(caller ? { caller } : {}), ...(called ? { called } : {}), ...(when ? { at: when } : {}) }));
      props.onFlowErrors({});
    } catch (err) {
      const e = toApiError(err);
      const flowErrors = Object.fromEntries(Object.entries(e.fieldErrors()).flatMap(([k, v]) => (k.startsWith('flow.') ? [[k.slice(5), v]] : [])));
      props.onFlowErrors(flowErrors);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card shadow-sm mb-3" data-testid="test-run">
      <div class="card-header bg-body fw-semibold">{t('ivr.testRun')}</div>
      <div class="card-body">
        <div class="form-label small mb-1">{t('ivr.script')}</div>
        <ol class="ps-3 mb-1">
          {steps.map((s, i) => (
            <li key={i} class="mb-1">
              <div class="d-flex gap-1">
                <select
                  class="form-select form-select-sm w-auto"
                  aria-label={t('ivr.callerDoes')}
                  value={s.kind}
                  onChange={(e) => setStep(i, e.currentTarget.value === 'press' ? { kind: 'press', digits: '1' } : e.currentTarget.value === 'silence' ? { kind: 'silence' } : { kind: 'hangup' })}
                  data-testid={`script-kind-${i}`}
                >
                  <option value="press">{t('ivr.press')}</option>
                  <option value="silence">{t('ivr.silence')}</option>
                  <option value="hangup">{t('ivr.hangupAction')}</option>
                </select>
                {s.kind === 'press' && <input class="form-control form-control-sm font-monospace" inputMode="tel" aria-label={t('ivr.digits')} value={s.digits} onInput={(e) => setStep(i, { kind: 'press', digits: e.currentTarget.value })} data-testid={`script-digits-${i}`} />}
                <button type="button" class="btn btn-sm btn-outline-danger ms-auto" aria-label={t('common.delete')} onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button type="button" class="btn btn-sm btn-link px-0 mb-2" onClick={() => setSteps([...steps, { kind: 'press', digits: '' }])} data-testid="script-add">
          + {t('ivr.addStep')}
        </button>
        <div class="row g-2 mb-2">
          <div class="col-6">
            <label class="form-label small mb-1" for="tr-caller">
              {t('ivr.caller')}
            </label>
            <input id="tr-caller" class="form-control form-control-sm font-monospace" value={caller} onInput={(e) => setCaller(e.currentTarget.value)} />
          </div>
          <div class="col-6">
            <label class="form-label small mb-1" for="tr-called">
              {t('ivr.called')}
            </label>
            <input id="tr-called" class="form-control form-control-sm font-monospace" placeholder="4008000000" value={called} onInput={(e) => setCalled(e.currentTarget.value)} />
          </div>
          <div class="col-12">
            <label class="form-label small mb-1" for="tr-at">
              {t('ivr.at')}
            </label>
            <input id="tr-at" type="datetime-local" class="form-control form-control-sm" value={at} onInput={(e) => setAt(e.currentTarget.value)} data-testid="script-at" />
            <div class="form-text mt-0">{t('ivr.atHint')}</div>
          </div>
        </div>
        <button type="button" class="btn btn-success w-100" disabled={busy || props.blocked} onClick={run} data-testid="test-run-go">
          {busy ? t('ivr.running') : `▶ ${t('ivr.run')}`}
        </button>
        {props.blocked && <div class="form-text">{t('ivr.fixFirst')}</div>}
        <div class="mt-3">
          <ErrorAlert error={error} testId="test-run-error" />
        </div>
        {result && (
          <div data-testid="test-run-result">
            <div class="d-flex align-items-center gap-2 mb-2">
              <span class="small text-secondary">{t('ivr.outcome')}</span>
              <code class="fs-6 px-2 py-1 bg-success-subtle text-success-emphasis rounded" data-testid="test-run-outcome">
                {outcomeText(result.outcome)}
              </code>
            </div>
            <div class="small text-secondary mb-1">{t('ivr.heard')}</div>
            <div class="d-flex flex-wrap gap-1 mb-2" data-testid="test-run-heard">
              {result.heard.length === 0 && <span class="text-secondary small">{t('common.none')}</span>}
              {result.heard.map((h, i) => (
                <span key={i} class="badge text-bg-light border font-monospace">
                  🔊 {h}
                </span>
              ))}
            </div>
            <div class="small text-secondary mb-1">{t('ivr.path')}</div>
            <ol class="list-group list-group-numbered small mb-2" data-testid="test-run-path">
              {result.path.map((p, i) => (
                <li key={i} class="list-group-item d-flex align-items-center gap-2 py-1">
                  <span class="font-monospace">{p.node}</span>
                  <span class="text-secondary">{p.type}</span>
                  {p.digits !== undefined && (
                    <span class="badge text-bg-primary ms-auto font-monospace" data-testid="path-digits">
                      ⌨ {p.digits || '∅'}
                    </span>
                  )}
                </li>
              ))}
            </ol>
            {(Object.keys(result.variables).length > 0 || Object.keys(result.skills).length > 0 || result.priority !== 0) && (
              <pre class="small bg-body-tertiary border rounded p-2 mb-0">{JSON.stringify({ variables: result.variables, skills: result.skills, priority: result.priority }, null, 2)}</pre>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
