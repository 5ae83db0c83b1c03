import { useEffect, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import type { ConversationView, MessageView } from '../../../../core/realtime/chat-events';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { connectNamespace, emitWithAck } from '../../realtime';
import { mergeMessages } from '../agent/chat/chat-desk';
import { MessageList } from '../agent/chat/MessageList';

const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Supervisors: every live chat, one opened read-only with a private-note box for the agent. */
export function LiveChats() {
  const t = useT();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [live, setLive] = useState<ConversationView[]>([]);
  const [invites, setInvites] = useState<Array<{ conversation: ConversationView; by: string }>>([]);
  const [watching, setWatching] = useState<{ view: ConversationView; messages: MessageView[] } | null>(null);
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');

  useEffect(() => {
    const s = connectNamespace('/chat');
    const refresh = () => emitWithAck<ConversationView[]>(s, 'chat:live', {}).then(setLive, () => undefined);
    s.on('connect', refresh);
    s.on('chat:updated', (v: ConversationView) => {
      setLive((list) => (v.state === 'ended' ? list.filter((c) => c.id !== v.id) : list.some((c) => c.id === v.id) ? list.map((c) => (c.id === v.id ? v : c)) : [...list, v]));
      setWatching((w) => (w && w.view.id === v.id ? { ...w, view: v } : w));
    });
    s.on('chat:message', (m: MessageView, ack?: () => void) => {
      if (typeof ack === 'function') ack();
      setWatching((w) => (w && w.view.id === m.conversationId ? { ...w, messages: mergeMessages(w.messages, [m]) } : w));
    });
    s.on('chat:invited', (e: { conversation: ConversationView; by: string }) => setInvites((list) => [...list, e]));
    const timer = setInterval(refresh, 5000);
    setSocket(s);
    return () => {
      clearInterval(timer);
      s.disconnect();
    };
  }, []);

  const watch = async (id: string) => {
    if (!socket) return;
    const r = await emitWithAck<{ conversation: ConversationView; messages: MessageView[] }>(socket, 'chat:watch', { conversationId: id });
    setWatching({ view: r.conversation, messages: r.messages });
  };
  /** A private note to the agent, or (once invited) a message to the customer. */
  const send = async (kind: 'chat:note' | 'chat:send', text: string, clear: (v: string) => void) => {
    if (!socket || !watching || !text.trim()) return;
    const m = await emitWithAck<MessageView>(socket, kind, { conversationId: watching.view.id, clientId: newId(), text: text.trim() });
    setWatching((w) => (w ? { ...w, messages: mergeMessages(w.messages, [m]) } : w));
    clear('');
  };
  const sendNote = () => send('chat:note', note, setNote);
  const sendReply = () => send('chat:send', reply, setReply);

  return (
    <div data-testid="live-chats">
      <PageHeader title={t('live.title')} />
      {invites.map((i) => (
        <div key={i.conversation.id} class="alert alert-info d-flex align-items-center" data-testid="chat-invite-alert">
          <span class="me-auto">{t('live.invitedBy', { name: i.by })} — {i.conversation.customerName}</span>
          <button class="btn btn-sm btn-primary" onClick={() => void watch(i.conversation.id)}>{t('live.watch')}</button>
        </div>
      ))}
      <div class="row g-3">
        <div class="col-12 col-xl-5">
          <div class="card shadow-sm">
            <div class="table-responsive">
              <table class="table table-hover mb-0">
                <thead>
                  <tr>
                    <th>{t('live.customer')}</th>
                    <th>{t('live.state')}</th>
                    <th>{t('live.agent')}</th>
                    <th>{t('live.started')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {live.map((c) => (
                    <tr key={c.id} data-testid="live-row" class={watching?.view.id === c.id ? 'table-active' : ''}>
                      <td>{c.customerName || '—'}</td>
                      <td><span class="badge text-bg-light border">{t(`live.state.${c.state}` as MessageKey)}</span></td>
                      <td>{c.agentName ?? '—'}</td>
                      <td class="small">{formatTime(c.arrivedAt)}</td>
                      <td><button class="btn btn-sm btn-outline-primary" onClick={() => void watch(c.id)} data-testid="live-watch">{t('live.watch')}</button></td>
                    </tr>
                  ))}
                  {live.length === 0 && (
                    <tr><td colSpan={5} class="text-center text-secondary py-4">{t('live.empty')}</td></tr>
                  )}
                </tbody>
              </table>
            </div>
          </div>
        </div>
        <div class="col-12 col-xl-7">
          {watching && (
            <div class="card shadow-sm chat-panel" data-testid="live-watching">
              <div class="card-header bg-body">
                <div class="fw-semibold">{watching.view.customerName} · {watching.view.agentName ?? '—'}</div>
                <div class="small text-secondary">{t(watching.view.invited ? 'live.invitedHint' : 'live.readOnly')}</div>
              </div>
              <MessageList messages={watching.messages} readSeq={watching.view.readSeq} />
              <div class="border-top p-2 d-flex gap-2">
                <input class="form-control bg-warning-subtle" placeholder={t('chat.notePlaceholder')} value={note} onInput={(e) => setNote(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void sendNote()} data-testid="live-note" />
                <button class="btn btn-warning" onClick={() => void sendNote()} data-testid="live-note-send">{t('chat.note')}</button>
              </div>
              {watching.view.invited && (
                <div class="border-top p-2 d-flex gap-2">
                  <input class="form-control" placeholder={t('live.replyPlaceholder')} value={reply} onInput={(e) => setReply(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void sendReply()} data-testid="live-reply" />
                  <button class="btn btn-primary" onClick={() => void sendReply()} data-testid="live-reply-send">{t('live.reply')}</button>
                </div>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
