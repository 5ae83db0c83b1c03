import { api } from '../../api';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useNow } from '../../hooks/useNow';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import { AgentGrid } from './wallboard/AgentGrid';
import { LiveCalls } from './wallboard/LiveCalls';
import { QueueTiles } from './wallboard/QueueTiles';
import { useWallboard } from './wallboard/useWallboard';
import { WaitingChart } from './wallboard/WaitingChart';

/**
 * The supervisor's live view over the `/supervisor` namespace: queue tiles, the waiting chart,
 * live calls with monitoring, and the agents with their presence and work.
 */
export function Wallboard() {
  const t = useT();
  const board = useWallboard();
  const now = useNow(1000);
  const reasons = useResource(() => api.presenceReasons());
  return (
    <div data-testid="wallboard">
      <PageHeader title={t('wallboard.title')}>
        <span class={`badge rounded-pill align-self-center ${board.connected ? 'text-bg-success' : 'text-bg-secondary'}`} data-testid="wallboard-connection" data-connected={String(board.connected)}>
          {board.connected ? `● ${t('wb.live')}` : t('wb.offline')}
        </span>
      </PageHeader>
      {!board.ready ? (
        <Loading />
      ) : (
        <>
          <QueueTiles queues={board.queues} now={now} />
          <div class="row g-3 mt-0">
            <div class="col-12 col-xl-5">
              <WaitingChart queues={board.queues} />
            </div>
            <div class="col-12 col-xl-7">
              <LiveCalls agents={board.agents} now={now} />
            </div>
          </div>
          <div class="mt-3">
            <AgentGrid agents={board.agents} now={now} skewMs={board.skewMs} reasons={reasons.data ?? []} setPresence={board.setPresence} />
          </div>
        </>
      )}
    </div>
  );
}
