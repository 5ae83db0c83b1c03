import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleLink, MessageView } from '../../core/realtime/chat-events';
import type { Outgoing, WidgetClient } from './client';
import type { T } from './i18n';

const emojis = ['😀', '😂', '😊', '😍', '🤔', '😅', '😢', '😡', '👍', '👎', '👏', '🙏', '💪', '🎉', '❤️', '🔥', '✅', '❌', '⭐', '☕', '📦', '💡', '📞', '👋'];

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

function Attachment(props: { client: WidgetClient; m: MessageView }) {
  const [url, setUrl] = useState<string | null>(null);
  const a = props.m.attachment;
  useEffect(() => {
    if (!a) return;
    let revoked = false;
    props.client.attachmentUrl(a.id).then((u) => (revoked ? URL.revokeObjectURL(u) : setUrl(u)), () => setUrl(null));
    return () => {
      revoked = true;
    };
  }, [a?.id]);
  if (!a) return null;
  if (props.m.contentType === 'image') return url ? <a href={url} target="_blank" rel="noreferrer"><img class="img" src={url} alt={a.filename} data-testid="msg-image" /></a> : <span>{a.filename}</span>;
  return url ? <a class="file" href={url} download={a.filename}>📎 {a.filename}</a> : <span>📎 {a.filename}</span>;
}

function Articles(props: { body: string; base: string; locale: string; t: T }) {
  let list: ArticleLink[];
  try {
    list = JSON.parse(props.body) as ArticleLink[];
  } catch {
    list = [];
  }
  return (
    <div class="cards" data-testid="bot-articles">
      {list.map((a) => (
        <a key={a.id} class="card" href={`${props.base}/help?lang=${props.locale}&article=${a.id}`} target="_blank" rel="noreferrer">
          <b>{a.title}</b>
          <small>{a.excerpt}</small>
        </a>
      ))}
    </div>
  );
}

/** The conversation: bubbles by side, system lines, bot answers, delivery state of our own messages. */
export function Thread(props: { client: WidgetClient; messages: MessageView[]; outbox: Outgoing[]; readSeq: number; typing: boolean; t: T; locale: string; footer?: preact.ComponentChildren }) {
  const { t } = props;
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [props.messages.length, props.outbox.length, props.typing, props.footer]);
  const lastMine = [...props.messages].reverse().find((m) => m.senderType === 'customer');
  return (
    <div class="body" data-testid="widget-thread">
      {props.messages.map((m) => {
        if (m.senderType === 'system') return <div key={m.seq} class="system" data-testid="msg-system"><span>{m.body}</span></div>;
        const mine = m.senderType === 'customer';
        return (
          <div key={m.seq}>
            {!mine && m.senderName && <div class="who">{m.senderName}</div>}
            <div class={`row ${mine ? 'me' : 'them'}`}>
              {!mine && <div class={`mini ${m.senderType === 'bot' ? 'bot' : ''}`}>{m.senderType === 'bot' ? 'AI' : (m.senderName ?? '?').slice(0, 1)}</div>}
              {m.contentType === 'articles' ? (
                <Articles body={m.body} base={props.client.config.base} locale={props.locale} t={t} />
              ) : (
                <div class={`bubble ${m.contentType === 'image' ? 'pic' : ''}`} data-testid={`msg-${m.senderType}`}>
                  {m.attachment ? <Attachment client={props.client} m={m} /> : m.body}
                </div>
              )}
            </div>
            {mine && (
              <div class="meta">
                {time(m.createdAt)}
                {m === lastMine && m.seq <= props.readSeq && <span data-testid="msg-read"> · {t('read')}</span>}
              </div>
            )}
          </div>
        );
      })}
      {props.outbox.map((o) => (
        <div key={o.clientId}>
          <div class="row me">
            <div class="bubble" data-testid="msg-pending">{o.text ?? `📎 ${o.filename ?? ''}`}</div>
          </div>
          <div class={`meta ${o.status === 'failed' ? 'failed' : ''}`}>
            {o.status === 'failed' ? (
              <a href="#" onClick={(e) => (e.preventDefault(), props.client.retry(o.clientId))}>
                {t('failed')} · {t('retry')}
              </a>
            ) : (
              t('sending')
            )}
          </div>
        </div>
      ))}
      {props.typing && <div class="typing" data-testid="agent-typing">{t('typing')}</div>}
      {props.footer}
      <div ref={end} />
    </div>
  );
}

const sendIcon = <svg viewBox="0 0 24 24" fill="currentColor"><path d="M3.4 20.4 21 12 3.4 3.6 3.3 10l12.6 2-12.6 2z" /></svg>;
const smileIcon = <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"><circle cx="12" cy="12" r="9" /><path d="M8.5 14.5c1 1.3 2.2 2 3.5 2s2.5-.7 3.5-2M9 9.5h.01M15 9.5h.01" stroke-linecap="round" /></svg>;
const clipIcon = <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"><path d="m21 11-8.6 8.6a5 5 0 0 1-7-7l8.5-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.3-2.3l7.9-7.9" /></svg>;

/** Text box with emoji picker and file button; Enter sends, Shift+Enter breaks the line. */
export function Composer(props: { client: WidgetClient; t: T; onError: (message: string | null) => void }) {
  const { t, client } = props;
  const [text, setText] = useState('');
  const [picker, setPicker] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const send = () => {
    const value = text.trim();
    if (!value) return;
    client.send(value);
    setText('');
  };
  const upload = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > 10 * 1024 * 1024) return props.onError(t('tooLarge'));
    const error = await client.sendFile(f);
    props.onError(error === null ? null : error === 'too_large' ? t('tooLarge') : t('badType'));
    if (file.current) file.current.value = '';
  };
  return (
    <div class="composer">
      {picker && (
        <div class="emojis" data-testid="emoji-picker">
          {emojis.map((e) => (
            <button key={e} type="button" onClick={() => (setText(text + e), setPicker(false))}>
              {e}
            </button>
          ))}
        </div>
      )}
      <button class="tool" type="button" title={t('emoji')} aria-label={t('emoji')} data-testid="widget-emoji" onClick={() => setPicker(!picker)}>
        {smileIcon}
      </button>
      <button class="tool" type="button" title={t('attach')} aria-label={t('attach')} onClick={() => file.current?.click()}>
        {clipIcon}
      </button>
      <input ref={file} type="file" hidden accept="image/*,.pdf,.txt" data-testid="widget-file" onChange={(e) => upload(e.currentTarget.files?.[0])} />
      <textarea
        rows={1}
        placeholder={t('placeholder')}
        data-testid="widget-input"
        value={text}
        onInput={(e) => (setText(e.currentTarget.value), client.typing(true))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button class="btn send" type="button" aria-label={t('send')} data-testid="widget-send" onClick={send}>
        {sendIcon}
      </button>
    </div>
  );
}
