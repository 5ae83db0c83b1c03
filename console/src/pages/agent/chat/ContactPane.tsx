import { useState } from 'preact/hooks';
import { Loading } from '../../../components/Loading';
import { Modal } from '../../../components/Modal';
import { formatTime } from '../../../format';
import { useResource } from '../../../hooks/useResource';
import { useT, type MessageKey } from '../../../i18n';
import { webimApi } from '../../../webim-api';
import { MessageList } from './MessageList';

function Transcript(props: { id: string; onClose(): void }) {
  const t = useT();
  const r = useResource(() => webimApi.conversation(props.id), [props.id]);
  return (
    <Modal title={t('chat.transcript')} onClose={props.onClose} size="lg" testId="transcript">
      <div class="modal-body bg-body-tertiary">{r.data ? <MessageList messages={r.data.messages} readSeq={0} /> : <Loading />}</div>
    </Modal>
  );
}

/** The customer's CRM record and past conversations, beside the chat. */
export function ContactPane(props: { contactId: number | null; current: string }) {
  const t = useT();
  const [open, setOpen] = useState<string | null>(null);
  const contact = useResource(() => (props.contactId ? webimApi.contact(props.contactId) : Promise.resolve(null)), [props.contactId, props.current]);
  const c = contact.data;
  return (
    <div class="card shadow-sm h-100" data-testid="contact-pane">
      <div class="card-header bg-body d-flex align-items-center">
        <span class="fw-semibold me-auto">{t('chat.contact')}</span>
        {/* A new tab: leaving the workspace would disconnect this chat desk. */}
        {props.contactId !== null && (
          <a class="small" href={`/agent/contacts?id=${props.contactId}`} target="_blank" rel="noreferrer" data-testid="contact-pane-open">
            {t('contacts.open')}
          </a>
        )}
      </div>
      <div class="card-body small">
        {contact.loading && !c && <Loading />}
        {c && (
          <>
            <div class="fs-6 fw-semibold" data-testid="contact-name">{c.name || t('chat.unknown')}</div>
            {c.company && <div class="text-secondary">{c.company}</div>}
            <dl class="row mt-2 mb-3">
              {c.phone && (<><dt class="col-4 fw-normal text-secondary">☎</dt><dd class="col-8 mb-1">{c.phone}</dd></>)}
              {c.email && (<><dt class="col-4 fw-normal text-secondary">✉</dt><dd class="col-8 mb-1 text-break">{c.email}</dd></>)}
            </dl>
            {c.tags.map((tag) => (
              <span key={tag} class="badge text-bg-light border me-1">{tag}</span>
            ))}
            <div class="fw-semibold mt-3 mb-2">{t('chat.history')}</div>
            <ul class="list-group list-group-flush" data-testid="contact-history">
              {c.history.filter((h) => h.id !== props.current).map((h) => (
                <li key={h.id} class="list-group-item px-0 d-flex justify-content-between align-items-center">
                  <span>
                    <span class="badge text-bg-secondary me-1">{t(`media.${h.media}` as MessageKey)}</span>
                    {formatTime(h.arrived_at)}
                    {h.csat_score !== null && <span class="ms-1 text-warning">{'★'.repeat(h.csat_score)}</span>}
                  </span>
                  {h.media !== 'voice' && h.media !== 'video' && (
                    <button class="btn btn-link btn-sm p-0" onClick={() => setOpen(h.id)}>
                      {t('chat.transcript')}
                    </button>
                  )}
                </li>
              ))}
              {c.history.filter((h) => h.id !== props.current).length === 0 && <li class="list-group-item px-0 text-secondary">{t('chat.noHistory')}</li>}
            </ul>
          </>
        )}
      </div>
      {open && <Transcript id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
