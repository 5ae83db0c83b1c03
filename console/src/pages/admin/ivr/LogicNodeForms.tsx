import { useT } from '../../../i18n';
import { conditionKinds, variableOps, type Condition, type ConditionKind } from '../../../ivr';
import { errorAt, Invalid, TargetSelect } from './fields';
import { NumberInput, type FormProps } from './MediaNodeForms';

/** Names the flow can refer to: queues for queue/voicemail nodes, calendars for conditions. */
export interface FlowContextLists {
  queues: readonly string[];
  hours: readonly string[];
}

function blankCondition(kind: ConditionKind, hours: readonly string[]): Condition {
  switch (kind) {
    case 'business_hours':
      return { kind, hoursName: hours[0] ?? '', open: false };
    case 'holiday':
      return { kind, hoursName: hours[0] ?? '' };
    case 'caller':
      return { kind, prefixes: [''] };
    case 'variable':
      return { kind, name: '', op: 'eq', value: '' };
  }
}

function NameSelect(props: { value: string; names: readonly string[]; onValue(v: string): void; invalid: boolean; testId: string; label: string; allowNone?: string }) {
  const missing = props.value !== '' && !props.names.includes(props.value);
  return (
    <select class={`form-select form-select-sm${props.invalid ? ' is-invalid' : ''}`} aria-label={props.label} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)} data-testid={props.testId}>
      <option value="">{props.allowNone ?? '—'}</option>
      {missing && <option value={props.value}>{props.value}</option>}
      {props.names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

function ConditionFields(props: { when: Condition; onValue(c: Condition): void; hours: readonly string[]; error: string | undefined; testId: string }) {
  const t = useT();
  const c = props.when;
  const input = `form-control form-control-sm${props.error ? ' is-invalid' : ''}`;
  return (
    <div class="d-flex flex-wrap gap-1 flex-grow-1">
      <select class="form-select form-select-sm w-auto" aria-label={t('ivr.condition')} value={c.kind} onChange={(e) => props.onValue(blankCondition(conditionKinds.find((k) => k === e.currentTarget.value) ?? 'business_hours', props.hours))} data-testid={`${props.testId}-kind`}>
        {conditionKinds.map((k) => (
          <option key={k} value={k}>
            {t(`ivr.cond.${k}`)}
          </option>
        ))}
      </select>
      {(c.kind === 'business_hours' || c.kind === 'holiday') && (
        <span class="flex-grow-1">
          <NameSelect label={t('ivr.hoursName')} value={c.hoursName} names={props.hours} onValue={(hoursName) => props.onValue({ ...c, hoursName })} invalid={!!props.error} testId={`${props.testId}-hours`} />
        </span>
      )}
      {c.kind === 'business_hours' && (
        <select class="form-select form-select-sm w-auto" aria-label={t('ivr.cond.business_hours')} value={c.open ? 'open' : 'closed'} onChange={(e) => props.onValue({ ...c, open: e.currentTarget.value === 'open' })}>
          <option value="open">{t('ivr.cond.open')}</option>
          <option value="closed">{t('ivr.cond.closed')}</option>
        </select>
      )}
      {c.kind === 'caller' && (
        <input class={input} placeholder="138, 0755" aria-label={t('ivr.cond.prefixes')} value={c.prefixes.join(', ')} onInput={(e) => props.onValue({ ...c, prefixes: e.currentTarget.value.split(/[\s,]+/).filter(Boolean) })} data-testid={`${props.testId}-prefixes`} />
      )}
      {c.kind === 'variable' && (
        <>
          <input class={`${input} w-auto`} placeholder={t('ivr.variable')} aria-label={t('ivr.variable')} value={c.name} onInput={(e) => props.onValue({ ...c, name: e.currentTarget.value })} />
          <select class="form-select form-select-sm w-auto" aria-label={t('ivr.cond.op')} value={c.op} onChange={(e) => props.onValue({ ...c, op: variableOps.find((o) => o === e.currentTarget.value) ?? 'eq' })}>
            {variableOps.map((o) => (
              <option key={o} value={o}>
                {t(`ivr.op.${o}`)}
              </option>
            ))}
          </select>
          {c.op !== 'empty' && c.op !== 'not_empty' && <input class={`${input} w-auto`} aria-label={t('ivr.value')} value={c.value} onInput={(e) => props.onValue({ ...c, value: e.currentTarget.value })} />}
        </>
      )}
    </div>
  );
}

export function ConditionForm({ node, onChange, errors, nodeIds, lists }: FormProps<'condition'> & { lists: FlowContextLists }) {
  const t = useT();
  const setRule = (i: number, patch: Partial<(typeof node.rules)[number]>) => onChange({ ...node, rules: node.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <>
      <div class="form-label small mb-1">{t('ivr.rules')}</div>
      {node.rules.map((r, i) => {
        const whenError = errorAt(errors, `rules.${i}.when`);
        return (
          <div class="border rounded p-2 mb-2 bg-body-tertiary" key={i} data-testid={`rule-${i}`}>
            <div class="d-flex gap-1 align-items-start">
              <span class="small text-secondary pt-1">{t('ivr.if')}</span>
              <ConditionFields when={r.when} onValue={(when) => setRule(i, { when })} hours={lists.hours} error={whenError} testId={`rule-${i}`} />
              <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} disabled={node.rules.length === 1} onClick={() => onChange({ ...node, rules: node.rules.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
            <Invalid error={whenError} />
            <TargetSelect class="mt-1" label={t('ivr.then')} value={r.next} nodeIds={nodeIds} onValue={(next) => setRule(i, { next })} error={errors[`rules.${i}.next`]} testId={`rule-${i}-next`} />
          </div>
        );
      })}
      <button type="button" class="btn btn-sm btn-link px-0 mb-2" onClick={() => onChange({ ...node, rules: [...node.rules, { when: blankCondition('business_hours', lists.hours), next: '' }] })} data-testid="rule-add">
        + {t('ivr.addRule')}
      </button>
      <TargetSelect label={t('ivr.otherwise')} value={node.otherwise} nodeIds={nodeIds} onValue={(otherwise) => onChange({ ...node, otherwise })} error={errors.otherwise} testId="node-otherwise" />
    </>
  );
}

export function HttpForm({ node, onChange, errors, nodeIds }: FormProps<'http'>) {
  const t = useT();
  return (
    <>
      <div class="mb-2">
        <label class="form-label small mb-1">{t('ivr.url')}</label>
        <input class={`form-control form-control-sm font-monospace${errors.url ? ' is-invalid' : ''}`} value={node.url} onInput={(e) => onChange({ ...node, url: e.currentTarget.value })} data-testid="node-url" />
        <Invalid error={errors.url} testId="node-url-error" />
        <div class="form-text mt-0">{t('ivr.urlHint')}</div>
      </div>
      <div class="row">
        <div class="col-12 col-md-9 mb-2">
          <label class="form-label small mb-1">{t('ivr.saveFields')}</label>
          <input class={`form-control form-control-sm font-monospace${errorAt(errors, 'saveFields') ? ' is-invalid' : ''}`} placeholder="vip, account_name" value={node.saveFields} onInput={(e) => onChange({ ...node, saveFields: e.currentTarget.value })} data-testid="node-save-fields" />
          <Invalid error={errorAt(errors, 'saveFields')} />
        </div>
        <NumberInput label={t('ivr.timeout')} value={node.timeoutMs} onValue={(timeoutMs) => onChange({ ...node, timeoutMs })} error={errors.timeoutMs} unit="ms" testId="node-timeout" />
      </div>
      <div class="row">
        <TargetSelect class="col-12 col-md-6 mb-2" label={t('ivr.next')} value={node.next} nodeIds={nodeIds} onValue={(next) => onChange({ ...node, next })} error={errors.next} testId="node-next" />
        <TargetSelect class="col-12 col-md-6 mb-2" label={t('ivr.onError')} value={node.onError} nodeIds={nodeIds} onValue={(onError) => onChange({ ...node, onError })} error={errors.onError} testId="node-onerror" />
      </div>
    </>
  );
}

export function SetForm({ node, onChange, errors, nodeIds }: FormProps<'set'>) {
  const t = useT();
  return (
    <>
      <div class="form-label small mb-1">{t('ivr.setSkills')}</div>
      {node.skills.map((s, i) => (
        <div class="d-flex gap-1 mb-1" key={i}>
          <input class={`form-control form-control-sm${errorAt(errors, `skills.${s.name}`) ? ' is-invalid' : ''}`} placeholder={t('ivr.skill')} aria-label={t('ivr.skill')} value={s.name} onInput={(e) => onChange({ ...node, skills: node.skills.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })} />
          <input type="number" min={1} max={10} class="form-control form-control-sm" style={{ width: '5rem' }} aria-label={t('agents.level')} value={String(s.level)} onInput={(e) => onChange({ ...node, skills: node.skills.map((x, j) => (j === i ? { ...x, level: Number(e.currentTarget.value) } : x)) })} />
          <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} onClick={() => onChange({ ...node, skills: node.skills.filter((_, j) => j !== i) })}>
            ✕
          </button>
        </div>
      ))}
      <Invalid error={errorAt(errors, 'skills')} />
      <button type="button" class="btn btn-sm btn-link px-0 mb-2" onClick={() => onChange({ ...node, skills: [...node.skills, { name: '', level: 5 }] })}>
        + {t('ivr.addSkill')}
      </button>
      <div class="form-label small mb-1">{t('ivr.setVariables')}</div>
      {node.variables.map((v, i) => (
        <div class="d-flex gap-1 mb-1" key={i}>
          <input class={`form-control form-control-sm font-monospace${errorAt(errors, `variables.${v.name}`) ? ' is-invalid' : ''}`} placeholder={t('ivr.variable')} aria-label={t('ivr.variable')} value={v.name} onInput={(e) => onChange({ ...node, variables: node.variables.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)) })} />
          <input class="form-control form-control-sm" placeholder={t('ivr.value')} aria-label={t('ivr.value')} value={v.value} onInput={(e) => onChange({ ...node, variables: node.variables.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)) })} />
          <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} onClick={() => onChange({ ...node, variables: node.variables.filter((_, j) => j !== i) })}>
            ✕
          </button>
        </div>
      ))}
      <Invalid error={errorAt(errors, 'variables')} />
      <button type="button" class="btn btn-sm btn-link px-0 mb-2" onClick={() => onChange({ ...node, variables: [...node.variables, { name: '', value: '' }] })}>
        + {t('ivr.addVariable')}
      </button>
      <div class="row">
        <div class="col-6 col-md-3 mb-2">
          <label class="form-label small mb-1">{t('ivr.priority')}</label>
          <input type="number" min={-10} max={100} class={`form-control form-control-sm${errors.priority ? ' is-invalid' : ''}`} value={node.priority} onInput={(e) => onChange({ ...node, priority: e.currentTarget.value })} data-testid="node-priority" />
          <Invalid error={errors.priority} />
        </div>
        <TargetSelect class="col-12 col-md-9 mb-2" label={t('ivr.next')} value={node.next} nodeIds={nodeIds} onValue={(next) => onChange({ ...node, next })} error={errors.next} testId="node-next" />
      </div>
    </>
  );
}

export function QueueNodeForm({ node, onChange, errors, lists }: FormProps<'queue'> & { lists: FlowContextLists }) {
  const t = useT();
  return (
    <div class="mb-2">
      <label class="form-label small mb-1">{t('ivr.queue')}</label>
      <NameSelect label={t('ivr.queue')} value={node.queueName} names={lists.queues} onValue={(queueName) => onChange({ ...node, queueName })} invalid={!!errors.queueName} testId="node-queue" allowNone={t('ivr.chooseQueue')} />
      <Invalid error={errors.queueName} />
    </div>
  );
}

export function TransferForm({ node, onChange, errors }: FormProps<'transfer'>) {
  const t = useT();
  const error = errorAt(errors, 'target');
  return (
    <div class="mb-2">
      <label class="form-label small mb-1">{t('ivr.transferTo')}</label>
      <div class="input-group input-group-sm">
        <select class="form-select" style={{ maxWidth: '9rem' }} aria-label={t('ivr.transferTo')} value={node.target.kind} onChange={(e) => onChange({ ...node, target: { ...node.target, kind: e.currentTarget.value === 'number' ? 'number' : 'extension' } })} data-testid="node-transfer-kind">
          <option value="extension">{t('ivr.extension')}</option>
          <option value="number">{t('ivr.number')}</option>
        </select>
        <input class={`form-control font-monospace${error ? ' is-invalid' : ''}`} inputMode="tel" value={node.target.value} onInput={(e) => onChange({ ...node, target: { ...node.target, value: e.currentTarget.value } })} data-testid="node-transfer-value" />
      </div>
      <Invalid error={error} />
    </div>
  );
}

export function VoicemailForm({ node, onChange, errors, lists }: FormProps<'voicemail'> & { lists: FlowContextLists }) {
  const t = useT();
  return (
    <div class="row">
      <div class="col-12 col-md-6 mb-2">
        <label class="form-label small mb-1">{t('ivr.voicemailQueue')}</label>
        <NameSelect label={t('ivr.voicemailQueue')} value={node.queueName} names={lists.queues} onValue={(queueName) => onChange({ ...node, queueName })} invalid={!!errors.queueName} testId="node-vm-queue" allowNone={t('common.none')} />
        <Invalid error={errors.queueName} />
      </div>
      <NumberInput label={t('ivr.maxSeconds')} value={node.maxSeconds} min={5} max={600} onValue={(maxSeconds) => onChange({ ...node, maxSeconds })} error={errors.maxSeconds} unit="s" testId="node-vm-max" />
    </div>
  );
}
