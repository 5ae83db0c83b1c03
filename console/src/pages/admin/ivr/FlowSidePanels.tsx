import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import type { StoredFlow } from '../../../ivr';

/** Saved versions, newest (live) first; loading one puts it in the editor, saving it makes it live again. */
export function VersionsCard(props: { name: string; reloadKey: number; onLoad(flow: StoredFlow): void }) {
  const t = useT();
  const versions = useResource(() => api.ivr.versions(props.name), [props.name, props.reloadKey]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState<number | undefined>(undefined);
  const newest = versions.data?.[0]?.version;
  const load = async (version: number) => {
    setLoading(version);
    setError(undefined);
    try {
      props.onLoad(version === newest ? await api.ivr.latest(props.name) : await api.ivr.version(props.name, version));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoading(undefined);
    }
  };
  return (
    <div class="card shadow-sm mb-3" data-testid="flow-versions">
      <div class="card-header bg-body fw-semibold">{t('ivr.versions')}</div>
      <ErrorAlert error={versions.error ?? error} />
      <ul class="list-group list-group-flush" style={{ maxHeight: '16rem', overflowY: 'auto' }}>
        {(versions.data ?? []).map((v) => (
          <li key={v.version} class="list-group-item d-flex align-items-center gap-2" data-testid={`version-${v.version}`}>
            <span class="fw-semibold">v{v.version}</span>
            {v.version === newest && <span class="badge text-bg-success">{t('ivr.live')}</span>}
            <span class="small text-secondary">{formatTime(v.createdAt)}</span>
            <button type="button" class="btn btn-sm btn-outline-secondary ms-auto text-nowrap" disabled={loading !== undefined} onClick={() => load(v.version)} data-testid={`version-load-${v.version}`}>
              {t('ivr.loadVersion')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Dialled numbers (DIDs, access codes) that reach this flow. */
export function NumbersCard(props: { name: string; numbers: readonly string[]; onChanged(): void }) {
  const t = useT();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      props.onChanged();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const attach = (e: Event) => {
    e.preventDefault();
    const n = number.trim();
    if (n) act(async () => {
      await api.ivr.attach(n, props.name);
      setNumber('');
    });
  };
  return (
    <div class="card shadow-sm mb-3" data-testid="flow-numbers">
      <div class="card-header bg-body fw-semibold">{t('ivr.numbers')}</div>
      <div class="card-body">
        <ErrorAlert error={error} testId="numbers-error" />
        <div class="d-flex flex-wrap gap-1 mb-2">
          {props.numbers.length === 0 && <span class="small text-secondary">{t('ivr.noNumbers')}</span>}
          {props.numbers.map((n) => (
            <span key={n} class="badge rounded-pill text-bg-primary d-inline-flex align-items-center gap-1 fs-6 fw-normal" data-testid={`number-${n}`}>
              ☎ {n}
              <button type="button" class="btn-close btn-close-white" style={{ fontSize: '0.5rem' }} aria-label={t('ivr.detach')} disabled={busy} onClick={() => act(() => api.ivr.detach(n))} data-testid={`number-detach-${n}`} />
            </span>
          ))}
        </div>
        <form class="input-group input-group-sm" onSubmit={attach}>
          <input class="form-control font-monospace" inputMode="tel" placeholder="4008001234" aria-label={t('ivr.number')} value={number} onInput={(e) => setNumber(e.currentTarget.value)} data-testid="number-input" />
          <button type="submit" class="btn btn-outline-primary" disabled={busy || !number.trim()} data-testid="number-attach">
            {t('ivr.attach')}
          </button>
        </form>
      </div>
    </div>
  );
}

/** Upload a WAV (any rate; the server converts it) and use it as an "uploaded" prompt. */
export function PromptUploadCard(props: { onUploaded(file: string): void }) {
  const t = useT();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const pick = (f: File | undefined) => {
    setFile(f);
    setDone(undefined);
    // The server accepts letters, digits, _ and - before .wav.
    if (f) setName(`${f.name.replace(/\.wav$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'prompt'}.wav`);
  };
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.ivr.uploadPrompt(name, file);
      setDone(t('ivr.uploaded', { file: saved.file, seconds: saved.seconds.toFixed(1) }));
      props.onUploaded(saved.file);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card shadow-sm mb-3" onSubmit={upload} data-testid="prompt-upload">
      <div class="card-header bg-body fw-semibold">{t('ivr.uploadPrompt')}</div>
      <div class="card-body">
        <ErrorAlert error={error} />
        {done && <div class="alert alert-success py-1 small">{done}</div>}
        <input type="file" accept=".wav,audio/wav,audio/x-wav" class="form-control form-control-sm mb-2" aria-label={t('ivr.wavFile')} onChange={(e) => pick(e.currentTarget.files?.[0])} data-testid="prompt-file" />
        <div class="input-group input-group-sm">
          <input class="form-control font-monospace" aria-label={t('ivr.fileName')} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="prompt-name" />
          <button type="submit" class="btn btn-outline-primary" disabled={!file || busy} data-testid="prompt-upload-go">
            {t('ivr.upload')}
          </button>
        </div>
      </div>
    </form>
  );
}
