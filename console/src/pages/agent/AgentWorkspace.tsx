import type { ComponentChildren } from 'preact';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import { AgentProfileCard } from './AgentProfileCard';
import { ChatDesk } from './chat/ChatDesk';
import { PresenceBar } from './presence/PresenceBar';
import { Softphone } from './phone';

/**
 * The agent's desk. The profile sits at the side; `children` fill the main slot, where the
 * softphone, presence and concurrent interactions go. Without children the slot says what will appear.
 */
export function AgentWorkspace(props: { children?: ComponentChildren }) {
  const t = useT();
  const me = useResource(() => api.agents.me());
  const noProfile = me.error?.status === 404;
  return (
    <div data-testid="agent-workspace">
      <PageHeader title={t('workspace.title')} />
      <div class="row g-3">
        <div class="col-12 col-lg-4 col-xl-3 order-lg-2">
          {me.loading && !me.data && <Loading />}
          {noProfile && (
            <div class="alert alert-warning" data-testid="no-agent-profile">
              {t('workspace.noProfile')}
            </div>
          )}
          {!noProfile && <ErrorAlert error={me.error} />}
          {me.data && <Softphone />}
          {me.data && <AgentProfileCard agent={me.data} />}
        </div>
        <section class="col-12 col-lg-8 col-xl-9 order-lg-1" data-testid="workspace-slot">
          {me.data && <PresenceBar />}
          {me.data && <ChatDesk />}
          {props.children}
        </section>
      </div>
    </div>
  );
}
