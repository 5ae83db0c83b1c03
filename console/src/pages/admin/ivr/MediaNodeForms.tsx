import { useT } from '../../../i18n';
import type { DraftNode, DraftOf } from './draft';
import { Invalid, PromptList, TargetSelect } from './fields';

export interface FormProps<T extends DraftNode['type']> {
  node: DraftOf<T>;
  onChange(node: DraftNode): void;
  /** This node's errors, keyed by the path inside the node (`next`, `options.1`, `prompts.0.name`). */
  errors: Record<string, string>;
  nodeIds: readonly string[];
}

function NumberInput(props: { label: string; value: number; onValue(v: number): void; error?: string | undefined; testId: string; min?: number; max?: number; unit?: string }) {
  return (
    <div class="col-6 col-md-3 mb-2">
      <label class="form-label small mb-1">{props.label}</label>
      <div class="input-group input-group-sm">
        <input type="number" min={props.min} max={props.max} class={`form-control${props.error ? ' is-invalid' : ''}`} value={String(props.value)} onInput={(e) => props.onValue(Number(e.currentTarget.value))} data-testid={props.testId} />
        {props.unit && <span class="input-group-text">{props.unit}</span>}
      </div>
      <Invalid error={props.error} />
    </div>
  );
}
export { NumberInput };

export function PlayForm({ node, onChange, errors, nodeIds }: FormProps<'play'>) {
  const t = useT();
  return (
    <>
      <PromptList label={t('ivr.prompts')} value={node.prompts} onValue={(prompts) => onChange({ ...node, prompts })} errors={errors} path="prompts" testId="node-prompts" />
      <TargetSelect label={t('ivr.next')} value={node.next} nodeIds={nodeIds} onValue={(next) => onChange({ ...node, next })} error={errors.next} testId="node-next" />
    </>
  );
}

export function HangupForm({ node, onChange, errors }: FormProps<'hangup'>) {
  const t = useT();
  return <PromptList label={t('ivr.prompts')} value={node.prompts} onValue={(prompts) => onChange({ ...node, prompts })} errors={errors} path="prompts" testId="node-prompts" />;
}

export function MenuForm({ node, onChange, errors, nodeIds }: FormProps<'menu'>) {
  const t = useT();
  const setOption = (k: number, patch: Partial<{ digit: string; target: string }>) => onChange({ ...node, options: node.options.map((o, j) => (j === k ? { ...o, ...patch } : o)) });
  const freeDigit = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].find((d) => !node.options.some((o) => o.digit === d)) ?? '';
  return (
    <>
      <PromptList label={t('ivr.prompts')} value={node.prompts} onValue={(prompts) => onChange({ ...node, prompts })} errors={errors} path="prompts" testId="node-prompts" />
      <div class="form-label small mb-1">{t('ivr.options')}</div>
      {node.options.map((o, k) => {
        const digitError = errors[`optionDigit.${k}`];
        const targetError = errors[`options.${o.digit}`];
        return (
          <div class="d-flex gap-2 align-items-start mb-1" key={k} data-testid={`menu-option-${k}`}>
            <div style={{ width: '4.5rem' }}>
              <input class={`form-control form-control-sm text-center font-monospace${digitError ? ' is-invalid' : ''}`} maxLength={1} aria-label={t('ivr.digit')} value={o.digit} onInput={(e) => setOption(k, { digit: e.currentTarget.value.trim() })} data-testid="option-digit" />
            </div>
            <span class="pt-1">→</span>
            <TargetSelect class="flex-grow-1" label="" value={o.target} nodeIds={nodeIds} onValue={(target) => setOption(k, { target })} error={targetError ?? digitError} testId="option-target" />
            <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} onClick={() => onChange({ ...node, options: node.options.filter((_, j) => j !== k) })} data-testid="option-remove">
              ✕
            </button>
          </div>
        );
      })}
      <Invalid error={errors.options} />
      <button type="button" class="btn btn-sm btn-link px-0 mb-2" disabled={!freeDigit} onClick={() => onChange({ ...node, options: [...node.options, { digit: freeDigit, target: '' }] })} data-testid="option-add">
        + {t('ivr.addOption')}
      </button>
      <div class="row">
        <NumberInput label={t('ivr.timeout')} value={node.timeoutMs} onValue={(timeoutMs) => onChange({ ...node, timeoutMs })} error={errors.timeoutMs} unit="ms" testId="node-timeout" />
        <NumberInput label={t('ivr.retries')} value={node.retries} min={0} max={5} onValue={(retries) => onChange({ ...node, retries })} error={errors.retries} testId="node-retries" />
        <TargetSelect class="col-12 col-md-6 mb-2" label={t('ivr.onFail')} value={node.onFail} nodeIds={nodeIds} onValue={(onFail) => onChange({ ...node, onFail })} error={errors.onFail} testId="node-onfail" />
      </div>
      <details class="small">
        <summary class="text-secondary mb-1">{t('ivr.retryPrompts')}</summary>
        <PromptList label={t('ivr.invalidPrompts')} value={node.invalidPrompts} onValue={(invalidPrompts) => onChange({ ...node, invalidPrompts })} errors={errors} path="invalidPrompts" testId="node-invalid-prompts" />
        <PromptList label={t('ivr.timeoutPrompts')} value={node.timeoutPrompts} onValue={(timeoutPrompts) => onChange({ ...node, timeoutPrompts })} errors={errors} path="timeoutPrompts" testId="node-timeout-prompts" />
      </details>
    </>
  );
}

export function CollectForm({ node, onChange, errors, nodeIds }: FormProps<'collect'>) {
  const t = useT();
  return (
    <>
      <PromptList label={t('ivr.prompts')} value={node.prompts} onValue={(prompts) => onChange({ ...node, prompts })} errors={errors} path="prompts" testId="node-prompts" />
      <div class="row">
        <div class="col-12 col-md-6 mb-2">
          <label class="form-label small mb-1">{t('ivr.variable')}</label>
          <input class={`form-control form-control-sm font-monospace${errors.variable ? ' is-invalid' : ''}`} value={node.variable} onInput={(e) => onChange({ ...node, variable: e.currentTarget.value })} data-testid="node-variable" />
          <Invalid error={errors.variable} />
        </div>
        <div class="col-12 col-md-6 mb-2">
          <label class="form-label small mb-1">{t('ivr.terminators')}</label>
          <input class={`form-control form-control-sm font-monospace${errors.terminators ? ' is-invalid' : ''}`} value={node.terminators} onInput={(e) => onChange({ ...node, terminators: e.currentTarget.value })} data-testid="node-terminators" />
          <Invalid error={errors.terminators} />
        </div>
        <NumberInput label={t('ivr.minDigits')} value={node.minDigits} min={1} max={30} onValue={(minDigits) => onChange({ ...node, minDigits })} error={errors.minDigits} testId="node-min" />
        <NumberInput label={t('ivr.maxDigits')} value={node.maxDigits} min={1} max={30} onValue={(maxDigits) => onChange({ ...node, maxDigits })} error={errors.maxDigits} testId="node-max" />
        <NumberInput label={t('ivr.timeout')} value={node.timeoutMs} onValue={(timeoutMs) => onChange({ ...node, timeoutMs })} error={errors.timeoutMs} unit="ms" testId="node-timeout" />
      </div>
      <div class="row">
        <TargetSelect class="col-12 col-md-6 mb-2" label={t('ivr.next')} value={node.next} nodeIds={nodeIds} onValue={(next) => onChange({ ...node, next })} error={errors.next} testId="node-next" />
        <TargetSelect class="col-12 col-md-6 mb-2" label={t('ivr.onFail')} value={node.onFail} nodeIds={nodeIds} onValue={(onFail) => onChange({ ...node, onFail })} error={errors.onFail} testId="node-onfail" />
      </div>
    </>
  );
}
