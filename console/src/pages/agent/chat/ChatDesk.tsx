import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import { useStore } from '../../../store';
import { chatDesk, type ChatTab } from './chat-desk';
import { ChatPanel } from './ChatPanel';
import { ContactPane } from './ContactPane';

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const mmss = (raw: number) => {
  const ms = Math.max(0, raw); // the browser clock may trail the server's by a moment
  return `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
};

/** How long the customer has waited for a reply: since their oldest unanswered message. */
function waitingSince(tab: ChatTab): number | null {
  let since: number | null = null;
  for (const m of tab.messages) {
    if (m.senderType === 'customer') since ??= Date.parse(m.createdAt);
    else if (m.senderType === 'agent') since = null;
  }
  return since;
}

/** Concurrent chats as tabs (unread count, waiting time), the active one beside its contact. */
export function ChatDesk() {
  const t = useT();
  const desk = chatDesk();
  useEffect(() => {
    desk.shown(true);
    return () => desk.shown(false);
  }, [desk]);
  const s = useStore(desk.store);
  const now = useNow();
  const active = s.tabs.find((tab) => tab.view.id === s.active) ?? s.tabs[0];

  return (
    <div data-testid="chat-desk">
      {!s.connected && <div class="alert alert-warning py-2 small" data-testid="desk-reconnecting">{t('chat.reconnecting')}</div>}
      {s.error && <div class="alert alert-danger py-2 small">{s.error}</div>}
      {s.tabs.length === 0 ? (
        <div class="border border-2 border-dashed rounded-3 bg-body p-5 text-center text-secondary" data-testid="chat-empty">
          {t('chat.empty')}
        </div>
      ) : (
        <>
          <ul class="nav nav-tabs chat-tabs flex-nowrap overflow-auto" role="tablist">
            {s.tabs.map((tab) => {
              const since = waitingSince(tab);
              return (
                <li class="nav-item" key={tab.view.id}>
                  <button
                    class={`nav-link text-nowrap ${tab === active ? 'active' : ''}`}
                    role="tab"
                    aria-selected={tab === active}
                    data-testid="chat-tab"
                    data-conversation={tab.view.id}
                    onClick={() => desk.activate(tab.view.id)}
                  >
                    {tab.view.state === 'ended' ? '⏹ ' : ''}
                    {tab.view.customerName || t('chat.unknown')}
                    {since !== null && tab.view.state !== 'ended' && <span class="small text-secondary ms-2" data-testid="chat-tab-wait">{t('chat.waiting', { t: mmss(now - since) })}</span>}
                    {tab.unread > 0 && tab !== active && <span class="badge rounded-pill text-bg-danger ms-2" data-testid="chat-tab-unread">{tab.unread}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          {active && (
            <div class="row g-3 pt-3">
              <div class="col-12 col-xl-8">
                <ChatPanel key={active.view.id} desk={desk} tab={active} />
              </div>
              <div class="col-12 col-xl-4">
                <ContactPane contactId={active.view.contactId} current={active.view.id} />
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
