import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import { webimApi } from '../../webim-api';

/** Canned replies agents insert with `/shortcut`. */
export function CannedPage() {
  const t = useT();
  const list = useResource(() => webimApi.canned.list());
  const [v, setV] = useState({ shortcut: '', title: '', body: '' });
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    try {
      await webimApi.canned.create(v);
      setV({ shortcut: '', title: '', body: '' });
      setError(null);
      await list.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div data-testid="canned-page">
      <PageHeader title={t('canned.title')} />
      <ErrorAlert error={list.error} />
      <form class="card shadow-sm mb-3" onSubmit={add}>
        <div class="card-body row g-2 align-items-end">
          <div class="col-md-2">
            <label class="form-label small" for="c-short">{t('canned.shortcut')}</label>
            <input id="c-short" class="form-control" required value={v.shortcut} onInput={(e) => setV({ ...v, shortcut: e.currentTarget.value })} data-testid="canned-shortcut" />
          </div>
          <div class="col-md-3">
            <label class="form-label small" for="c-title">{t('canned.titleField')}</label>
            <input id="c-title" class="form-control" required value={v.title} onInput={(e) => setV({ ...v, title: e.currentTarget.value })} data-testid="canned-title" />
          </div>
          <div class="col-md-5">
            <label class="form-label small" for="c-body">{t('canned.body')}</label>
            <input id="c-body" class="form-control" required value={v.body} onInput={(e) => setV({ ...v, body: e.currentTarget.value })} data-testid="canned-body" />
          </div>
          <div class="col-md-2">
            <button class="btn btn-primary w-100" data-testid="canned-add">{t('canned.add')}</button>
          </div>
          {error && <div class="col-12 text-danger small">{error}</div>}
        </div>
      </form>
      <div class="card shadow-sm">
        <ul class="list-group list-group-flush">
          {(list.data ?? []).map((c) => (
            <li key={c.id} class="list-group-item d-flex align-items-center gap-3" data-testid="canned-row">
              <code>/{c.shortcut}</code>
              <div class="me-auto">
                <div class="fw-semibold">{c.title}</div>
                <div class="small text-secondary">{c.body}</div>
              </div>
              <ConfirmButton label={t('common.delete')} onConfirm={async () => (await webimApi.canned.remove(c.id), await list.reload())} />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
