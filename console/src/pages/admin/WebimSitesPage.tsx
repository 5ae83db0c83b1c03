import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../hooks/useResource';
import { useT, type MessageKey } from '../../i18n';
import { webimApi, type SiteConfig, type SiteInput } from '../../webim-api';

const fieldNames = ['name', 'phone', 'email', 'question'] as const;

function SiteForm(props: { site: SiteConfig | null; queues: Array<{ id: string; name: string; media: string[] }>; onClose(): void; onSaved(): void }) {
  const t = useT();
  const s = props.site;
  const [v, setV] = useState<SiteInput>({
    name: s?.name ?? '',
    allowedOrigins: s?.allowedOrigins ?? [],
    queueId: s?.queueId ?? (Number(props.queues[0]?.id) || null),
    businessHoursId: s?.businessHoursId ?? null,
    requireIdentity: s?.requireIdentity ?? false,
    botEnabled: s?.botEnabled ?? true,
    preChatFields: s?.preChatFields ?? [{ name: 'name', required: false }, { name: 'question', required: true }],
    greeting: s?.greeting ?? { 'zh-CN': '您好！请问有什么可以帮您？', en: 'Hello! How can we help?' },
    active: s?.active ?? true,
  });
  const [origins, setOrigins] = useState((s?.allowedOrigins ?? []).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const field = (name: (typeof fieldNames)[number]) => v.preChatFields.find((f) => f.name === name);
  const setField = (name: (typeof fieldNames)[number], on: boolean, required: boolean) =>
    setV({ ...v, preChatFields: fieldNames.flatMap((n) => (n === name ? (on ? [{ name, required }] : []) : v.preChatFields.filter((f) => f.name === n))) });
  const save = async (e: Event) => {
    e.preventDefault();
    const input = { ...v, allowedOrigins: origins.split(/\s+/).map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) };
    try {
      if (s) await webimApi.sites.update(s.id, input);
      else await webimApi.sites.create(input);
      props.onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Modal title={s ? t('sites.edit') : t('sites.new')} onClose={props.onClose} size="lg" testId="site-form">
      <form onSubmit={save}>
        <div class="modal-body">
          <div class="row g-3">
            <div class="col-md-6">
              <label class="form-label" for="site-name">{t('sites.name')}</label>
              <input id="site-name" class="form-control" required value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} data-testid="site-name" />
            </div>
            <div class="col-md-6">
              <label class="form-label" for="site-queue">{t('sites.queue')}</label>
              <select id="site-queue" class="form-select" value={String(v.queueId ?? '')} onChange={(e) => setV({ ...v, queueId: Number(e.currentTarget.value) || null })} data-testid="site-queue">
                {props.queues.filter((q) => q.media.includes('webim')).map((q) => (
                  <option key={q.id} value={q.id}>{q.name}</option>
                ))}
              </select>
            </div>
            <div class="col-12">
              <label class="form-label" for="site-origins">{t('sites.origins')}</label>
              <textarea id="site-origins" class="form-control font-monospace small" rows={2} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
            </div>
            <div class="col-md-6">
              <label class="form-label" for="site-gzh">{t('sites.greetingZh')}</label>
              <input id="site-gzh" class="form-control" value={v.greeting['zh-CN']} onInput={(e) => setV({ ...v, greeting: { ...v.greeting, 'zh-CN': e.currentTarget.value } })} data-testid="site-greeting-zh" />
            </div>
            <div class="col-md-6">
              <label class="form-label" for="site-gen">{t('sites.greetingEn')}</label>
              <input id="site-gen" class="form-control" value={v.greeting.en} onInput={(e) => setV({ ...v, greeting: { ...v.greeting, en: e.currentTarget.value } })} data-testid="site-greeting-en" />
            </div>
            <div class="col-12">
              <div class="form-label">{t('sites.fields')}</div>
              <div class="d-flex flex-wrap gap-3">
                {fieldNames.map((n) => (
                  <div key={n} class="border rounded px-2 py-1 small">
                    <input id={`f-${n}`} class="form-check-input me-1" type="checkbox" checked={Boolean(field(n))} onChange={(e) => setField(n, e.currentTarget.checked, field(n)?.required ?? false)} />
                    <label for={`f-${n}`} class="me-2">{t(`sites.field.${n}` as MessageKey)}</label>
                    <input id={`r-${n}`} class="form-check-input me-1" type="checkbox" disabled={!field(n)} checked={field(n)?.required ?? false} onChange={(e) => setField(n, true, e.currentTarget.checked)} />
                    <label for={`r-${n}`} class="text-secondary">{t('sites.required')}</label>
                  </div>
                ))}
              </div>
            </div>
            <div class="col-12">
              <div class="form-check">
                <input id="site-bot" class="form-check-input" type="checkbox" checked={v.botEnabled} onChange={(e) => setV({ ...v, botEnabled: e.currentTarget.checked })} />
                <label class="form-check-label" for="site-bot">{t('sites.bot')}</label>
              </div>
              <div class="form-check">
                <input id="site-identity" class="form-check-input" type="checkbox" checked={v.requireIdentity} onChange={(e) => setV({ ...v, requireIdentity: e.currentTarget.checked })} />
                <label class="form-check-label" for="site-identity">{t('sites.requireIdentity')}</label>
              </div>
            </div>
          </div>
          {error && <div class="alert alert-danger mt-3 mb-0">{error}</div>}
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onClose}>{t('common.cancel')}</button>
          <button class="btn btn-primary" data-testid="site-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Admins configure the sites that embed the chat widget: origins, queue, identity, pre-chat form, greeting. */
export function WebimSitesPage() {
  const t = useT();
  const sites = useResource(() => webimApi.sites.list());
  const queues = useResource(() => webimApi.queues());
  const [editing, setEditing] = useState<SiteConfig | null | undefined>(undefined);
  const origin = window.location.origin;
  return (
    <div data-testid="sites-page">
      <PageHeader title={t('sites.title')}>
        <button class="btn btn-primary" onClick={() => setEditing(null)} data-testid="site-new">{t('sites.new')}</button>
      </PageHeader>
      <ErrorAlert error={sites.error} />
      {sites.loading && !sites.data && <Loading />}
      <div class="row g-3">
        {(sites.data ?? []).map((s) => (
          <div class="col-12 col-xl-6" key={s.id}>
            <div class="card shadow-sm h-100" data-testid="site-card">
              <div class="card-header bg-body d-flex align-items-center">
                <span class="fw-semibold me-auto">{s.name}</span>
                <a class="btn btn-sm btn-outline-secondary me-1" href={`/demo/chat?site=${encodeURIComponent(s.token)}`} target="_blank" rel="noreferrer">{t('sites.demo')}</a>
                <button class="btn btn-sm btn-outline-primary me-1" onClick={() => setEditing(s)}>{t('common.edit')}</button>
                <ConfirmButton label={t('common.delete')} onConfirm={async () => (await webimApi.sites.remove(s.id), await sites.reload())} />
              </div>
              <div class="card-body small">
                <div class="text-secondary mb-1">{t('sites.snippet')}</div>
                <pre class="bg-body-tertiary border rounded p-2 mb-3 text-wrap" data-testid="site-snippet"><code>{`<script src="${origin}/widget.js" data-site="${s.token}"></script>`}</code></pre>
                <div class="text-secondary mb-1">{t('sites.secret')}</div>
                <code class="user-select-all">{s.secret}</code>
              </div>
            </div>
          </div>
        ))}
      </div>
      {editing !== undefined && queues.data && <SiteForm site={editing} queues={queues.data} onClose={() => setEditing(undefined)} onSaved={() => (setEditing(undefined), void sites.reload())} />}
    </div>
  );
}
