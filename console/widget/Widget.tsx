import { useEffect, useMemo, useState } from 'preact/hooks';
import type { WidgetClient, WidgetState } from './client';
import { OfflineForm, PreChat, Rating } from './forms';
import { translator, type WidgetLocale } from './i18n';
import { Composer, Thread } from './thread';
import { VideoCall } from './video-call';

const chatIcon = <svg viewBox="0 0 24 24" fill="currentColor"><path d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.2-2.3c1 .3 2.1.4 3.2.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z" /></svg>;
const minIcon = <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 12h12" /></svg>;
const endIcon = <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6 6 18" /></svg>;

/** Reasons a chat ended without an agent: the customer may leave a message instead. */
const noAgentExits = new Set(['closed', 'max_wait', 'join_refused', 'queue_empty', 'ticket', 'callback', 'voicemail']);

function useClient(client: WidgetClient): WidgetState {
  const [state, setState] = useState(client.state);
  useEffect(() => client.subscribe(() => setState(client.state)), [client]);
  return state;
}

export function Widget(props: { client: WidgetClient; locale: WidgetLocale }) {
  const { client, locale } = props;
  const t = useMemo(() => translator(locale), [locale]);
  const s = useClient(client);
  const [open, setOpen] = useState(false);
  const [fresh, setFresh] = useState(false);
  const [seen, setSeen] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [closedNow, setClosedNow] = useState(false);
  const [prefill, setPrefill] = useState<Record<string, string>>({});
  const [confirmEnd, setConfirmEnd] = useState(false);
  const c = fresh ? null : s.conversation;
  const lastSeq = s.messages.at(-1)?.seq ?? 0;

  useEffect(() => {
    if (!open || document.hidden) return;
    setSeen(lastSeq);
    client.markRead();
  }, [open, lastSeq]);

  const unread = open ? 0 : s.messages.filter((m) => m.seq > seen && m.senderType !== 'customer' && m.senderType !== 'system').length;
  if (!open) {
    return (
      <button class="launcher" aria-label={t('open')} data-testid="widget-launcher" onClick={() => setOpen(true)}>
        {chatIcon}
        {unread > 0 && <span class="badge" data-testid="widget-unread">{unread}</span>}
      </button>
    );
  }

  const start = async (fields: Record<string, string>): Promise<string | null> => {
    setPrefill(fields);
    const reply = await client.startChat(fields);
    setFresh(false);
    if (reply.ok) return null;
    if (reply.error.code === 'closed') {
      setClosedNow(true);
      return null;
    }
    return reply.error.message;
  };

  const ended = c?.state === 'ended';
  const waiting = c && (c.state === 'queued' || c.state === 'offered');
  const offline = !c && (closedNow || s.site?.open === false);
  const footer = ended ? (
    <>
      {c.exitReason && noAgentExits.has(c.exitReason) ? (
        <OfflineForm t={t} intro={t('offlineIntro')} base={client.config.base} site={client.config.site} prefill={{ ...prefill, question: prefill.question ?? c.subject ?? '' }} />
      ) : (
        c.answeredAt && c.csatScore === null && <Rating t={t} onRate={async (score, comment) => (await client.rate(score, comment)).ok} />
      )}
      <div class="human">
        <button class="btn ghost small" data-testid="widget-new" onClick={() => (setFresh(true), setClosedNow(false))}>
          {t('newChat')}
        </button>
      </div>
    </>
  ) : c?.state === 'bot' ? (
    <div class="human">
      <button class="btn ghost small" data-testid="widget-human" onClick={() => void client.handoff()}>
        🙋 {t('human')}
      </button>
    </div>
  ) : undefined;

  return (
    <div class="panel" role="dialog" aria-label={t('title')} data-testid="widget-panel">
      <div class="head">
        <div class="avatar">{(s.site?.name ?? 'C').slice(0, 1).toUpperCase()}</div>
        <div class="head-text">
          <div class="head-title">{c?.agentName ?? s.site?.name ?? t('title')}</div>
          <div class="head-sub">{c?.agentName ? s.site?.name : t('subtitle')}</div>
        </div>
        {c && !ended && (
          <button class="icon-btn" title={t('end')} aria-label={t('end')} data-testid="widget-end" onClick={() => setConfirmEnd(true)}>
            {endIcon}
          </button>
        )}
        <button class="icon-btn" title={t('close')} aria-label={t('close')} data-testid="widget-minimise" onClick={() => setOpen(false)}>
          {minIcon}
        </button>
      </div>
      <VideoCall client={client} locale={locale} />
      {s.connection === 'offline' && <div class="notice warn" data-testid="widget-reconnecting">{t('connecting')}</div>}
      {waiting && (
        <div class="notice" data-testid="widget-queue">
          {c.state === 'offered' || !c.position ? t('ringing') : c.estimatedWaitSeconds === null ? t('queueNoEstimate', { n: c.position }) : t('queue', { n: c.position, m: Math.max(1, Math.ceil(c.estimatedWaitSeconds / 60)) })}
        </div>
      )}
      {error && <div class="notice warn" data-testid="widget-error">{error}</div>}
      {confirmEnd && c && !ended && (
        <div class="notice warn confirm">
          <span>{t('endConfirm')}</span>
          <button class="btn small" data-testid="widget-end-confirm" onClick={() => (setConfirmEnd(false), void client.end())}>
            {t('end')}
          </button>
          <button class="btn ghost small" onClick={() => setConfirmEnd(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {s.connection === 'refused' ? (
        <div class="form"><p data-testid="widget-refused">{t('refused')}</p></div>
      ) : offline ? (
        <>
          <div class="notice warn" data-testid="widget-closed">{t('closed')}</div>
          <OfflineForm t={t} intro={t('offlineIntro')} base={client.config.base} site={client.config.site} prefill={prefill} />
        </>
      ) : !c ? (
        s.site && <PreChat site={s.site} t={t} locale={locale} onStart={start} />
      ) : (
        <Thread client={client} messages={s.messages} outbox={s.outbox} readSeq={c.readSeq} typing={s.agentTyping} t={t} locale={locale} footer={footer} />
      )}
      {c && !ended && <Composer client={client} t={t} onError={setError} />}
      <div class="foot">{t('poweredBy')}</div>
    </div>
  );
}
