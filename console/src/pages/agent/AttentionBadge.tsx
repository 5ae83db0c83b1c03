import { useT } from '../../i18n';
import { useStore } from '../../store';
import { runningDesk, type ChatDesk } from './chat/chat-desk';
import { runningPresence, type AgentPresence } from './presence/agent-presence';

/**
 * Beside "Workspace" in the agent's navigation: chat offers ringing and unread customer messages,
 * so an agent reading a ticket sees that a chat needs them. Nothing until the workspace has run.
 */
export function AttentionBadge() {
  const presence = runningPresence();
  const desk = runningDesk();
  return presence && desk ? <Count presence={presence} desk={desk} /> : null;
}

function Count(props: { presence: AgentPresence; desk: ChatDesk }) {
  const t = useT();
  const offers = useStore(props.presence.store).offers.length;
  const unread = useStore(props.desk.store).tabs.reduce((n, tab) => n + tab.unread, 0);
  const n = offers + unread;
  if (n === 0) return null;
  return (
    <span class="badge rounded-pill text-bg-danger ms-2" data-testid="attention-badge" title={t('workspace.attention', { offers, unread })}>
      {n}
    </span>
  );
}
