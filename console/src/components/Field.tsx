import type { ComponentChildren, PartialInputHTMLAttributes } from 'preact';

interface BaseProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  class?: string;
  testId?: string;
}

function Feedback(props: { id: string; error?: string | undefined; hint?: string; testId?: string }) {
  return (
    <>
      {props.error && (
        <div class="invalid-feedback d-block" id={`${props.id}-error`} data-testid={props.testId ? `${props.testId}-error` : undefined}>
          {props.error}
        </div>
      )}
      {!props.error && props.hint && (
        <div class="form-text" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
    </>
  );
}

const describedBy = (p: BaseProps) => (p.error ? `${p.id}-error` : p.hint ? `${p.id}-hint` : undefined);

export function TextField(
  props: BaseProps & {
    value: string;
    onValue(value: string): void;
    type?: 'text' | 'password' | 'number';
    autoComplete?: string;
    disabled?: boolean;
    min?: number;
    max?: number;
    inputMode?: 'numeric' | 'text';
    autoFocus?: boolean;
  },
) {
  // preact types <input> per `type`, so the shared attributes are spread into one element per type.
  const attrs: Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'role' | 'type'> = {
    id: props.id,
    class: `form-control${props.error ? ' is-invalid' : ''}`,
    value: props.value,
    onInput: (e) => props.onValue(e.currentTarget.value),
    autoComplete: props.autoComplete ?? 'off',
    disabled: props.disabled,
    min: props.min,
    max: props.max,
    inputMode: props.inputMode,
    autoFocus: props.autoFocus,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(props),
  };
  return (
    <div class={props.class ?? 'mb-3'}>
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      {props.type === 'password' ? (
        <input type="password" {...attrs} data-testid={props.testId} />
      ) : props.type === 'number' ? (
        <input type="number" {...attrs} data-testid={props.testId} />
      ) : (
        <input type="text" {...attrs} data-testid={props.testId} />
      )}
      <Feedback {...props} />
    </div>
  );
}

export function TextAreaField(props: BaseProps & { value: string; onValue(value: string): void; rows?: number }) {
  return (
    <div class={props.class ?? 'mb-3'}>
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      <textarea
        id={props.id}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
        data-testid={props.testId}
      />
      <Feedback {...props} />
    </div>
  );
}

export function SelectField<V extends string>(
  props: BaseProps & { value: V; onValue(value: V): void; options: ReadonlyArray<{ value: V; label: string }>; disabled?: boolean },
) {
  return (
    <div class={props.class ?? 'mb-3'}>
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class={`form-select${props.error ? ' is-invalid' : ''}`}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => {
          const picked = props.options.find((o) => o.value === e.currentTarget.value);
          if (picked) props.onValue(picked.value);
        }}
        aria-describedby={describedBy(props)}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Feedback {...props} />
    </div>
  );
}

export function SwitchField(props: BaseProps & { checked: boolean; onValue(value: boolean): void; children?: ComponentChildren }) {
  return (
    <div class={props.class ?? 'mb-2'}>
      <div class="form-check form-switch">
        <input
          id={props.id}
          class={`form-check-input${props.error ? ' is-invalid' : ''}`}
          type="checkbox"
          role="switch"
          checked={props.checked}
          onChange={(e) => props.onValue(e.currentTarget.checked)}
          data-testid={props.testId}
        />
        <label class="form-check-label" for={props.id}>
          {props.label}
        </label>
      </div>
      <Feedback {...props} />
    </div>
  );
}
