import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api';

export interface Form<T> {
  values: T;
  set<K extends keyof T>(key: K, value: T[K]): void;
  error: ApiError | undefined;
  /** Server validation messages by field name (`username`, `capacity.voice`). */
  fieldErrors: Record<string, string>;
  busy: boolean;
  /** Runs the action with the current values; a failure lands in `error`, not in the caller. */
  submit(action: (values: T) => Promise<void>): Promise<void>;
}

export function useForm<T extends object>(initial: T): Form<T> {
  const [values, setValues] = useState<T>(initial);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return {
    values,
    set: (key, value) => setValues((v) => ({ ...v, [key]: value })),
    error,
    fieldErrors: error?.fieldErrors() ?? {},
    busy,
    async submit(action) {
      if (busy) return;
      setBusy(true);
      setError(undefined);
      try {
        await action(values);
      } catch (err) {
        setError(toApiError(err));
      } finally {
        setBusy(false);
      }
    },
  };
}
