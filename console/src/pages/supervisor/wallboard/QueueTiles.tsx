import { formatDuration } from '../../../format';
import { useT } from '../../../i18n';
import type { QueueLive } from './useWallboard';

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** Service level colour: the usual 80/20 target in green, a slip in amber, a miss in red. */
function levelTone(value: number | null): string {
  if (value === null) return 'text-secondary';
  if (value >= 0.8) return 'text-success';
  return value >= 0.6 ? 'text-warning-emphasis' : 'text-danger';
}

function Figure(props: { label: string; value: string; testId: string; tone?: string }) {
  return (
    <div class="col-4">
      <div class="small text-secondary lh-sm">{props.label}</div>
      <div class={`fw-semibold ${props.tone ?? ''}`} data-testid={props.testId}>
        {props.value}
      </div>
    </div>
  );
}

/** One tile per queue: waiting and longest wait big, today's counters and service level below. */
export function QueueTiles(props: { queues: QueueLive[]; now: number }) {
  const t = useT();
  if (props.queues.length === 0) return <div class="alert alert-light border">{t('wb.noQueues')}</div>;
  return (
    <div class="row g-3" data-testid="queue-tiles">
      {props.queues.map((q) => {
        // Between server updates the oldest caller keeps waiting: add the time since the update.
        const longest = q.waiting > 0 ? q.longestWaitSeconds + (props.now - q.receivedAt) / 1000 : 0;
        return (
          <div class="col-12 col-sm-6 col-xl-4" key={q.queueId}>
            <div class={`card shadow-sm h-100 ${q.waiting > 0 && q.agentsAvailable === 0 ? 'accent-start-danger' : q.waiting > 0 ? 'accent-start-warning' : 'accent-start-success'}`} data-testid={`queue-tile-${q.name}`}>
              <div class="card-body">
                <div class="d-flex justify-content-between align-items-start gap-2 mb-2">
                  <h2 class="h6 mb-0 text-truncate">{q.name}</h2>
                  <span class="d-flex flex-wrap gap-1 justify-content-end">
                    {q.media.map((m) => (
                      <span key={m} class="badge text-bg-light border">
                        {t(`media.${m}`)}
                      </span>
                    ))}
                  </span>
                </div>
                <div class="d-flex align-items-end gap-4 mb-3">
                  <div>
                    <div class="small text-secondary">{t('wallboard.waiting')}</div>
                    <div class={`kpi-value ${q.waiting > 0 ? 'text-warning-emphasis' : ''}`} data-testid="tile-waiting">
                      {q.waiting}
                    </div>
                  </div>
                  <div>
                    <div class="small text-secondary">{t('wb.longestWait')}</div>
                    <div class="fs-4 font-monospace" data-testid="tile-longest">
                      {formatDuration(longest)}
                    </div>
                  </div>
                  <div class="ms-auto text-end">
                    <div class="small text-secondary">{t('wallboard.serviceLevel')}</div>
                    <div class={`fs-4 fw-semibold ${levelTone(q.serviceLevel)}`} data-testid="tile-sl">
                      {percent(q.serviceLevel)}
                    </div>
                  </div>
                </div>
                <div class="row g-2 border-top pt-2">
                  <Figure label={t('wb.offered')} value={String(q.offered)} testId="tile-offered" />
                  <Figure label={t('wb.answered')} value={String(q.answered)} testId="tile-answered" />
                  <Figure label={t('wb.abandoned')} value={String(q.abandoned)} testId="tile-abandoned" tone={q.abandoned > 0 ? 'text-danger' : ''} />
                  <Figure label={t('wallboard.available')} value={String(q.agentsAvailable)} testId="tile-available" tone={q.agentsAvailable === 0 ? 'text-danger' : 'text-success'} />
                  <Figure label={t('wb.aht')} value={formatDuration(q.averageHandleSeconds)} testId="tile-aht" />
                </div>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
