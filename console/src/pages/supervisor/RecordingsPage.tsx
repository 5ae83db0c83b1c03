import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDuration, formatTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function size(bytes: number | null): string {
  if (bytes === null) return '—';
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Call recordings, newest first; one player at a time so the page does not fetch every WAV. */
export function RecordingsPage() {
  const t = useT();
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const [playing, setPlaying] = useState<string | undefined>(undefined);
  const list = useResource(() => api.recordings.list(applied || undefined), [applied]);
  const invalid = filter.trim() !== '' && !uuid.test(filter.trim());

  return (
    <div data-testid="recordings-page">
      <PageHeader title={t('rec.title')}>
        <button type="button" class="btn btn-outline-secondary" onClick={() => list.reload()}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <form
        class="row g-2 align-items-start mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) setApplied(filter.trim());
        }}
      >
        <div class="col-12 col-md-6">
          <label class="visually-hidden" for="rec-filter">
            {t('rec.interaction')}
          </label>
          <input id="rec-filter" class={`form-control${invalid ? ' is-invalid' : ''}`} placeholder={t('rec.filterHint')} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} data-testid="rec-filter" />
          {invalid && <div class="invalid-feedback">{t('rec.badId')}</div>}
        </div>
        <div class="col-auto d-flex gap-2">
          <button type="submit" class="btn btn-primary" data-testid="rec-search">
            {t('rec.search')}
          </button>
          {applied && (
            <button
              type="button"
              class="btn btn-outline-secondary"
              onClick={() => {
                setFilter('');
                setApplied('');
              }}
            >
              {t('common.all')}
            </button>
          )}
        </div>
      </form>
      <ErrorAlert error={list.error} />
      <div class="card shadow-sm">
        {list.loading && !list.data ? (
          <Loading class="p-3" />
        ) : (
          <div class="table-responsive">
            <table class="table table-hover mb-0" data-testid="recordings-table">
              <thead>
                <tr>
                  <th>{t('rec.started')}</th>
                  <th>{t('rec.duration')}</th>
                  <th>{t('rec.interaction')}</th>
                  <th>{t('rec.size')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(list.data ?? []).map((r) => (
                  <tr key={r.id} data-testid={`rec-row-${r.id}`}>
                    <td class="text-nowrap">{formatTime(r.startedAt)}</td>
                    <td class="font-monospace">{formatDuration(r.durationMs === null ? null : r.durationMs / 1000)}</td>
                    <td class="font-monospace small text-break">{r.interactionId}</td>
                    <td class="text-nowrap">{size(r.sizeBytes)}</td>
                    <td class="text-end">
                      <div class="d-inline-flex flex-wrap justify-content-end align-items-center gap-2">
                        {playing === r.id ? (
                          <audio controls autoPlay preload="none" src={api.recordings.url(r.id)} data-testid="rec-audio" />
                        ) : (
                          <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => setPlaying(r.id)} data-testid="rec-play">
                            ▶ {t('rec.play')}
                          </button>
                        )}
                        <a class="btn btn-sm btn-outline-secondary" href={api.recordings.url(r.id, true)} download={`${r.id}.wav`} data-testid="rec-download">
                          {t('rec.download')}
                        </a>
                      </div>
                    </td>
                  </tr>
                ))}
                {list.data?.length === 0 && <EmptyRow columns={5} />}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
