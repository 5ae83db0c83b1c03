import { useEffect, useRef } from 'preact/hooks';
import type { ArticleLink, MessageView } from '../../../../../core/realtime/chat-events';
import { useT } from '../../../i18n';
import type { Pending } from './chat-desk';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

function Body(props: { m: MessageView }) {
  const { m } = props;
  if (m.contentType === 'articles') {
    let list: ArticleLink[];
    try {
      list = JSON.parse(m.body) as ArticleLink[];
    } catch {
      list = [];
    }
    return (
      <ul class="mb-0 ps-3 small">
        {list.map((a) => (
          <li key={a.id}>{a.title}</li>
        ))}
      </ul>
    );
  }
  if (m.attachment && m.contentType === 'image') {
    return (
      <a href={`/api/attachments/${m.attachment.id}`} target="_blank" rel="noreferrer">
        <img class="chat-image" src={`/api/attachments/${m.attachment.id}`} alt={m.attachment.filename} data-testid="desk-image" />
      </a>
    );
  }
  if (m.attachment) return <a href={`/api/attachments/${m.attachment.id}`}>📎 {m.attachment.filename}</a>;
  return <>{m.body}</>;
}

/** A transcript as staff see it: customer left, agents right, bot and notes marked, system lines centred. */
export function MessageList(props: { messages: MessageView[]; pending?: Pending[]; readSeq: number; typing?: boolean; class?: string }) {
  const t = useT();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [props.messages.length, props.pending?.length, props.typing]);
  const lastAgent = [...props.messages].reverse().find((m) => m.senderType === 'agent');
  return (
    <div class={`chat-log ${props.class ?? ''}`} data-testid="desk-thread">
      {props.messages.map((m) => {
        if (m.senderType === 'system') {
          return (
            <div key={m.seq} class="chat-system">
              <span>{m.body}</span>
            </div>
          );
        }
        const side = m.senderType === 'customer' ? 'in' : 'out';
        return (
          <div key={m.seq} class={`chat-row ${side} ${m.senderType}`} data-testid={`desk-msg-${m.senderType}`} data-seq={m.seq}>
            <div class="chat-meta">
              {m.senderType === 'note' ? t('chat.noteBy', { name: m.senderName ?? '' }) : m.senderType === 'bot' ? t('chat.bot') : (m.senderName ?? t('chat.unknown'))} · {clock(m.createdAt)}
            </div>
            <div class="chat-bubble">
              {m.contentType === 'articles' && <div class="small fw-semibold mb-1">{t('chat.articles')}</div>}
              <Body m={m} />
            </div>
            {m === lastAgent && (
              <div class="chat-tick" data-testid="desk-receipt">
                {m.seq <= props.readSeq ? `✓✓ ${t('chat.read')}` : `✓ ${t('chat.delivered')}`}
              </div>
            )}
          </div>
        );
      })}
      {props.pending?.map((p) => (
        <div key={p.clientId} class={`chat-row out ${p.note ? 'note' : 'agent'} opacity-75`}>
          <div class="chat-meta">{t('chat.sending')}</div>
          <div class="chat-bubble">{p.text}</div>
        </div>
      ))}
      {props.typing && <div class="chat-typing small text-secondary" data-testid="desk-typing">{t('chat.typing')}</div>}
      <div ref={end} />
    </div>
  );
}
