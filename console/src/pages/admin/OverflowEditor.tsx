import { useT } from '../../i18n';
import { overflowActions, type OverflowAction, type QueueSettings } from '../../ops-types';

export interface OverflowRow {
  afterSeconds: string;
  action: OverflowAction;
  targetQueueId: string;
}

/** Overflow rules, applied in order of time in queue: one row each, added and removed freely. */
export function OverflowEditor(props: { value: OverflowRow[]; onValue(rows: OverflowRow[]): void; queues: readonly QueueSettings[]; selfId?: string; errors: Record<string, string> }) {
  const t = useT();
  const { value, errors } = props;
  const change = (i: number, patch: Partial<OverflowRow>) => props.onValue(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const targets = props.queues.filter((q) => q.id !== props.selfId);
  return (
    <div data-testid="overflow-editor">
      {value.length === 0 && <div class="form-text mb-2">{t('queues.overflowNone')}</div>}
      {value.map((r, i) => {
        const rowError = errors[`overflow.${i}`];
        const afterError = errors[`overflow.${i}.afterSeconds`];
        // The server names an unknown target queue without the row index.
        const targetError = errors[`overflow.${i}.targetQueueId`] ?? (r.action === 'move_queue' ? errors['overflow.targetQueueId'] : undefined);
        return (
          <div class="row g-2 align-items-start mb-2" key={i} data-testid={`overflow-row-${i}`}>
            <div class="col-12 col-sm-3">
              <div class="input-group input-group-sm">
                <span class="input-group-text">{t('queues.after')}</span>
                <input
                  type="number"
                  min={0}
                  class={`form-control${afterError ? ' is-invalid' : ''}`}
                  aria-label={t('queues.afterSeconds')}
                  value={r.afterSeconds}
                  onInput={(e) => change(i, { afterSeconds: e.currentTarget.value })}
                  data-testid={`overflow-after-${i}`}
                />
                <span class="input-group-text">s</span>
              </div>
              {afterError && <div class="invalid-feedback d-block">{afterError}</div>}
            </div>
            <div class="col-12 col-sm-4">
              <select
                class={`form-select form-select-sm${rowError ? ' is-invalid' : ''}`}
                aria-label={t('queues.action')}
                value={r.action}
                onChange={(e) => change(i, { action: overflowActions.find((a) => a === e.currentTarget.value) ?? 'widen_skills' })}
                data-testid={`overflow-action-${i}`}
              >
                {overflowActions.map((a) => (
                  <option key={a} value={a}>
                    {t(`queues.overflow.${a}`)}
                  </option>
                ))}
              </select>
              {rowError && (
                <div class="invalid-feedback d-block" data-testid={`overflow-error-${i}`}>
                  {rowError}
                </div>
              )}
            </div>
            <div class="col-9 col-sm-4">
              {r.action === 'move_queue' && (
                <>
                  <select
                    class={`form-select form-select-sm${targetError ? ' is-invalid' : ''}`}
                    aria-label={t('queues.target')}
                    value={r.targetQueueId}
                    onChange={(e) => change(i, { targetQueueId: e.currentTarget.value })}
                    data-testid={`overflow-target-${i}`}
                  >
                    <option value="">{t('queues.chooseTarget')}</option>
                    {targets.map((q) => (
                      <option key={q.id} value={q.id}>
                        {q.name}
                      </option>
                    ))}
                  </select>
                  {targetError && <div class="invalid-feedback d-block">{targetError}</div>}
                </>
              )}
            </div>
            <div class="col-3 col-sm-1 text-end">
              <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} title={t('common.delete')} onClick={() => props.onValue(value.filter((_, j) => j !== i))} data-testid={`overflow-remove-${i}`}>
                ✕
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => props.onValue([...value, { afterSeconds: '60', action: 'widen_skills', targetQueueId: '' }])} data-testid="overflow-add">
        + {t('queues.addRule')}
      </button>
    </div>
  );
}
