import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import { webimApi, type Article, type ArticleInput } from '../../webim-api';

function ArticleForm(props: { article: Article | null; onClose(): void; onSaved(): void }) {
  const t = useT();
  const a = props.article;
  const [v, setV] = useState<ArticleInput>({ title: a?.title ?? '', body: a?.body ?? '', tags: a?.tags ?? [], locale: a?.locale ?? 'zh-CN', published: a?.published ?? true });
  const [tags, setTags] = useState((a?.tags ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    const input = { ...v, tags: tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean) };
    try {
      if (a) await webimApi.kb.update(a.id, input);
      else await webimApi.kb.create(input);
      props.onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Modal title={a ? t('kb.edit') : t('kb.new')} onClose={props.onClose} size="lg" testId="kb-form">
      <form onSubmit={save}>
        <div class="modal-body">
          <label class="form-label" for="kb-title">{t('kb.articleTitle')}</label>
          <input id="kb-title" class="form-control mb-3" value={v.title} required onInput={(e) => setV({ ...v, title: e.currentTarget.value })} data-testid="kb-title" />
          <label class="form-label" for="kb-body">{t('kb.body')}</label>
          <textarea id="kb-body" class="form-control mb-3" rows={8} value={v.body} required onInput={(e) => setV({ ...v, body: e.currentTarget.value })} data-testid="kb-body" />
          <div class="row g-3">
            <div class="col-md-6">
              <label class="form-label" for="kb-tags">{t('kb.tags')}</label>
              <input id="kb-tags" class="form-control" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
            </div>
            <div class="col-md-3">
              <label class="form-label" for="kb-locale">{t('kb.locale')}</label>
              <select id="kb-locale" class="form-select" value={v.locale} onChange={(e) => setV({ ...v, locale: e.currentTarget.value === 'en' ? 'en' : 'zh-CN' })}>
                <option value="zh-CN">{t('lang.zh-CN')}</option>
                <option value="en">{t('lang.en')}</option>
              </select>
            </div>
            <div class="col-md-3 d-flex align-items-end">
              <div class="form-check mb-2">
                <input id="kb-published" class="form-check-input" type="checkbox" checked={v.published} onChange={(e) => setV({ ...v, published: e.currentTarget.checked })} />
                <label class="form-check-label" for="kb-published">{t('kb.published')}</label>
              </div>
            </div>
          </div>
          {error && <div class="alert alert-danger mt-3 mb-0">{error}</div>}
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onClose}>{t('common.cancel')}</button>
          <button class="btn btn-primary" data-testid="kb-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Admins keep the knowledge base the bot and /help answer from. */
export function KnowledgePage() {
  const t = useT();
  const list = useResource(() => webimApi.kb.list());
  const [editing, setEditing] = useState<Article | null | undefined>(undefined);
  return (
    <div data-testid="kb-page">
      <PageHeader title={t('kb.title')}>
        <a class="btn btn-outline-secondary me-2" href="/help" target="_blank" rel="noreferrer">{t('kb.helpPage')}</a>
        <button class="btn btn-primary" onClick={() => setEditing(null)} data-testid="kb-new">{t('kb.new')}</button>
      </PageHeader>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <div class="card shadow-sm">
          <div class="table-responsive">
            <table class="table table-hover mb-0">
              <thead>
                <tr>
                  <th>{t('kb.articleTitle')}</th>
                  <th>{t('kb.locale')}</th>
                  <th>{t('users.status')}</th>
                  <th>{t('kb.updated')}</th>
                  <th class="text-end">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(list.data ?? []).map((a) => (
                  <tr key={a.id} data-testid="kb-row">
                    <td>
                      <div class="fw-semibold">{a.title}</div>
                      <div class="small text-secondary text-truncate" style="max-width:32rem">{a.body}</div>
                    </td>
                    <td>{t(a.locale === 'en' ? 'lang.en' : 'lang.zh-CN')}</td>
                    <td>{a.published ? <span class="badge text-bg-success">{t('kb.published')}</span> : <span class="badge text-bg-secondary">{t('kb.draft')}</span>}</td>
                    <td class="small">{formatTime(a.updatedAt)}</td>
                    <td class="text-end text-nowrap">
                      <button class="btn btn-sm btn-outline-primary me-1" onClick={() => setEditing(a)} data-testid="kb-edit">{t('common.edit')}</button>
                      <ConfirmButton label={t('common.delete')} testId="kb-delete" onConfirm={async () => (await webimApi.kb.remove(a.id), await list.reload())} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {editing !== undefined && <ArticleForm article={editing} onClose={() => setEditing(undefined)} onSaved={() => (setEditing(undefined), void list.reload())} />}
    </div>
  );
}
