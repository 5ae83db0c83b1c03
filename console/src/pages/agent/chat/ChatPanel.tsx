import { useRef, useState } from 'preact/hooks';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import { webimApi } from '../../../webim-api';
import { CloseDialog, TransferDialog } from './ChatDialogs';
import type { ChatDesk, ChatTab } from './chat-desk';
import { MessageList } from './MessageList';

/** One conversation: transcript, actions, and the composer with `/` canned replies and private notes. */
export function ChatPanel(props: { desk: ChatDesk; tab: ChatTab }) {
  const t = useT();
  const { desk, tab } = props;
  const id = tab.view.id;
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [dialog, setDialog] = useState<'transfer' | 'close' | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [pick, setPick] = useState(0);
  const file = useRef<HTMLInputElement>(null);
  const canned = useResource(() => webimApi.canned.list());
  const ended = tab.view.state === 'ended';

  const query = text.startsWith('/') ? text.slice(1).toLowerCase() : null;
  const matches = query === null ? [] : (canned.data ?? []).filter((c) => c.shortcut.toLowerCase().startsWith(query) || c.title.toLowerCase().includes(query)).slice(0, 6);
  const send = () => {
    const value = text.trim();
    if (!value) return;
    desk.send(id, value, note);
    desk.typing(id, false);
    setText('');
  };
  const onKey = (e: KeyboardEvent) => {
    if (matches.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setPick((pick + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      const chosen = matches[pick] ?? matches[0];
      if (chosen) {
        setText(chosen.body);
        setPick(0);
      } else send();
    }
  };
  const upload = async (f: File | undefined) => {
    if (!f) return;
    try {
      const a = await webimApi.upload(id, f);
      desk.send(id, `📎 ${f.name}`, false, a.id);
    } catch (err) {
      setFlash((err as Error).message);
    }
    if (file.current) file.current.value = '';
  };
  const ticket = async () => {
    try {
      setFlash(t('chat.ticketCreated', { id: (await webimApi.ticket(id)).id }));
    } catch (err) {
      setFlash((err as Error).message);
    }
  };

  return (
    <div class="card shadow-sm chat-panel" data-testid="chat-panel" data-conversation={id}>
      <div class="card-header bg-body d-flex flex-wrap align-items-center gap-2">
        <div class="me-auto">
          <div class="fw-semibold" data-testid="chat-customer">{tab.view.customerName || t('chat.unknown')}</div>
          <div class="small text-secondary">{[tab.view.siteName, tab.view.queueName, tab.view.subject].filter(Boolean).join(' · ')}</div>
        </div>
        <div class="btn-toolbar gap-1">
          <button class="btn btn-sm btn-outline-secondary" disabled={ended} onClick={() => setDialog('transfer')} data-testid="chat-transfer">{t('chat.transfer')}</button>
          <button class="btn btn-sm btn-outline-secondary" disabled={ended} onClick={() => desk.invite(id, '').then(() => setFlash(t('chat.invited')), () => undefined)} data-testid="chat-invite">{t('chat.invite')}</button>
          <button class="btn btn-sm btn-outline-secondary" onClick={ticket} data-testid="chat-ticket">{t('chat.ticket')}</button>
          <button class="btn btn-sm btn-danger" onClick={() => setDialog('close')} data-testid="chat-close">{t('chat.close')}</button>
        </div>
      </div>
      {flash && <div class="alert alert-info rounded-0 mb-0 py-2 small" data-testid="chat-flash">{flash}</div>}
      {ended && <div class="alert alert-warning rounded-0 mb-0 py-2 small" data-testid="chat-ended">{t('chat.customerLeft')}</div>}
      <MessageList messages={tab.messages} pending={tab.pending} readSeq={tab.view.readSeq} typing={tab.customerTyping} />
      {!ended && (
        <div class="chat-composer border-top p-2 position-relative">
          {matches.length > 0 && (
            <div class="list-group canned-menu shadow" data-testid="canned-menu">
              {matches.map((c, i) => (
                <button key={c.id} type="button" class={`list-group-item list-group-item-action small ${i === pick ? 'active' : ''}`} onClick={() => setText(c.body)}>
                  <span class="fw-semibold">/{c.shortcut}</span> {c.title}
                  <div class="text-truncate opacity-75">{c.body}</div>
                </button>
              ))}
            </div>
          )}
          <textarea
            class={`form-control mb-2 ${note ? 'bg-warning-subtle' : ''}`}
            rows={2}
            placeholder={note ? t('chat.notePlaceholder') : t('chat.placeholder')}
            value={text}
            data-testid="chat-input"
            onInput={(e) => (setText(e.currentTarget.value), setPick(0), !note && desk.typing(id, true))}
            onKeyDown={onKey}
          />
          <div class="d-flex align-items-center gap-2">
            <div class="form-check form-switch mb-0">
              <input id={`note-${id}`} class="form-check-input" type="checkbox" checked={note} onChange={(e) => setNote(e.currentTarget.checked)} data-testid="chat-note-toggle" />
              <label class="form-check-label small" for={`note-${id}`}>{t('chat.note')}</label>
            </div>
            <button class="btn btn-sm btn-outline-secondary" type="button" onClick={() => file.current?.click()} title={t('chat.attach')}>📎</button>
            <input ref={file} type="file" hidden accept="image/*,.pdf,.txt" data-testid="chat-file" onChange={(e) => upload(e.currentTarget.files?.[0])} />
            <button class="btn btn-sm btn-primary ms-auto px-3" onClick={send} data-testid="chat-send">{t('chat.send')}</button>
          </div>
        </div>
      )}
      {dialog === 'transfer' && <TransferDialog onClose={() => setDialog(null)} onTransfer={async (target, n) => void (await desk.transfer(id, target, n))} />}
      {dialog === 'close' && <CloseDialog onClose={() => setDialog(null)} onSubmit={async (o) => void (await desk.close(id, o))} />}
    </div>
  );
}
