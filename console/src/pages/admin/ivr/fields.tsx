import { useT } from '../../../i18n';
import { builtinPromptNames, promptKinds, type Prompt, type PromptKind } from '../../../ivr';

/** The first error at `path` or below it (`prompts.1` also shows `prompts.1.name`). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
}

export function Invalid(props: { error: string | undefined; testId?: string }) {
  if (!props.error) return null;
  return (
    <div class="invalid-feedback d-block" data-testid={props.testId}>
      {props.error}
    </div>
  );
}

/** A select of the flow's node ids; a reference to a node that is gone stays visible, marked missing. */
export function TargetSelect(props: { label: string; value: string; nodeIds: readonly string[]; onValue(v: string): void; error?: string | undefined; testId: string; class?: string }) {
  const t = useT();
  const missing = props.value !== '' && !props.nodeIds.includes(props.value);
  return (
    <div class={props.class ?? 'mb-2'}>
      {props.label && <label class="form-label small mb-1">{props.label}</label>}
      <select class={`form-select form-select-sm${props.error ? ' is-invalid' : ''}`} aria-label={props.label || t('ivr.target')} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)} data-testid={props.testId}>
        <option value="">{t('ivr.chooseNode')}</option>
        {missing && <option value={props.value}>{t('ivr.missingNode', { id: props.value })}</option>}
        {props.nodeIds.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <Invalid error={props.error} testId={`${props.testId}-error`} />
    </div>
  );
}

function blankPrompt(kind: PromptKind): Prompt {
  switch (kind) {
    case 'builtin':
      return { kind, name: 'welcome' };
    case 'upload':
      return { kind, file: '' };
    case 'digits':
      return { kind, value: '{caller}' };
    case 'number':
      return { kind, value: '' };
    case 'silence':
      return { kind, ms: 500 };
  }
}

function PromptValue(props: { prompt: Prompt; onValue(p: Prompt): void; invalid: boolean; testId: string }) {
  const t = useT();
  const p = props.prompt;
  const cls = `form-control form-control-sm${props.invalid ? ' is-invalid' : ''}`;
  switch (p.kind) {
    case 'builtin':
      return (
        <select class={`form-select form-select-sm${props.invalid ? ' is-invalid' : ''}`} aria-label={t('ivr.prompt.builtin')} value={p.name} onChange={(e) => props.onValue({ kind: 'builtin', name: builtinPromptNames.find((n) => n === e.currentTarget.value) ?? 'welcome' })} data-testid={props.testId}>
          {builtinPromptNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      );
    case 'upload':
      // The datalist of uploaded files is rendered once by the flow workspace.
      return <input class={cls} list="ivr-uploads" placeholder="greeting.wav" aria-label={t('ivr.prompt.upload')} value={p.file} onInput={(e) => props.onValue({ kind: 'upload', file: e.currentTarget.value })} data-testid={props.testId} />;
    case 'digits':
    case 'number':
      return <input class={cls} placeholder="{caller}" aria-label={t(`ivr.prompt.${p.kind}`)} value={p.value} onInput={(e) => props.onValue({ kind: p.kind, value: e.currentTarget.value })} data-testid={props.testId} />;
    case 'silence':
      return (
        <span class="input-group input-group-sm">
          <input type="number" min={10} max={10000} class={cls} aria-label={t('ivr.prompt.silence')} value={String(p.ms)} onInput={(e) => props.onValue({ kind: 'silence', ms: Number(e.currentTarget.value) })} data-testid={props.testId} />
          <span class="input-group-text">ms</span>
        </span>
      );
  }
}

/** An ordered list of prompts: a shipped prompt, an uploaded file, digits or a number read out, or silence. */
export function PromptList(props: { label: string; value: Prompt[]; onValue(v: Prompt[]): void; errors: Record<string, string>; path: string; testId: string }) {
  const t = useT();
  const { value } = props;
  const set = (i: number, p: Prompt) => props.onValue(value.map((x, j) => (j === i ? p : x)));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    props.onValue(next);
  };
  return (
    <div class="mb-2" data-testid={props.testId}>
      <div class="form-label small mb-1">{props.label}</div>
      {value.map((p, i) => {
        const error = errorAt(props.errors, `${props.path}.${i}`);
        return (
          <div key={i} class="mb-1">
            <div class="d-flex gap-1 align-items-center">
              <select
                class="form-select form-select-sm w-auto"
                aria-label={t('ivr.prompt.kind')}
                value={p.kind}
                onChange={(e) => set(i, blankPrompt(promptKinds.find((k) => k === e.currentTarget.value) ?? 'builtin'))}
                data-testid={`${props.testId}-kind-${i}`}
              >
                {promptKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`ivr.prompt.${k}`)}
                  </option>
                ))}
              </select>
              <div class="flex-grow-1">
                <PromptValue prompt={p} onValue={(x) => set(i, x)} invalid={!!error} testId={`${props.testId}-value-${i}`} />
              </div>
              <button type="button" class="btn btn-sm btn-outline-secondary" disabled={i === 0} aria-label={t('ivr.moveUp')} title={t('ivr.moveUp')} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" class="btn btn-sm btn-outline-danger" aria-label={t('common.delete')} title={t('common.delete')} onClick={() => props.onValue(value.filter((_, j) => j !== i))}>
                ✕
              </button>
            </div>
            <Invalid error={error} />
          </div>
        );
      })}
      {value.length === 0 && <div class="form-text mt-0 mb-1">{t('ivr.noPrompts')}</div>}
      <button type="button" class="btn btn-sm btn-link px-0" onClick={() => props.onValue([...value, blankPrompt('builtin')])} data-testid={`${props.testId}-add`}>
        + {t('ivr.addPrompt')}
      </button>
      <Invalid error={props.errors[props.path]} />
    </div>
  );
}
