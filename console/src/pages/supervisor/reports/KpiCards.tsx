import { formatDuration } from '../../../format';
import { useT } from '../../../i18n';
import type { ReportMetrics } from '../../../reports-api';
import { percent, score } from './report-format';

function Kpi(props: { id: string; label: string; value: string; hint: string; tone?: string }) {
  return (
    <div class="col-6 col-md-4 col-xl-3">
      <div class="card shadow-sm h-100" data-testid={`kpi-${props.id}`}>
        <div class="card-body py-3">
          <div class="small text-secondary">{props.label}</div>
          <div class={`kpi-value ${props.tone ?? ''}`} data-testid={`kpi-${props.id}-value`}>
            {props.value}
          </div>
          <div class="small text-secondary mt-1">{props.hint}</div>
        </div>
      </div>
    </div>
  );
}

/** The same 80/20 reading as the wallboard: green at target, amber slipping, red missed. */
function levelTone(value: number | null): string {
  if (value === null) return 'text-secondary';
  if (value >= 0.8) return 'text-success';
  return value >= 0.6 ? 'text-warning-emphasis' : 'text-danger';
}

/** The range's totals: volume, speed, service and outcome. */
export function KpiCards(props: { totals: ReportMetrics }) {
  const t = useT();
  const m = props.totals;
  return (
    <div class="row g-3 mb-3" data-testid="report-kpis">
      <Kpi id="offered" label={t('reports.kpi.offered')} value={String(m.offered)} hint={t('reports.kpi.offeredHint', { abandoned: m.abandoned, short: m.shortAbandoned })} />
      <Kpi id="answered" label={t('reports.kpi.answered')} value={String(m.answered)} hint={t('reports.kpi.answeredHint', { rate: percent(m.resolutionRate) })} />
      <Kpi id="asa" label={t('reports.kpi.asa')} value={formatDuration(m.asaSeconds)} hint={t('reports.kpi.asaHint')} />
      <Kpi id="aht" label={t('reports.kpi.aht')} value={formatDuration(m.ahtSeconds)} hint={t('reports.kpi.ahtHint')} />
      <Kpi id="abandonment" label={t('reports.kpi.abandonment')} value={percent(m.abandonmentRate)} hint={t('reports.kpi.abandonmentHint')} tone={m.abandonmentRate !== null && m.abandonmentRate > 0.1 ? 'text-danger' : ''} />
      <Kpi id="sl" label={t('reports.kpi.serviceLevel')} value={percent(m.serviceLevel)} hint={t('reports.kpi.serviceLevelHint', { count: m.answeredInThreshold })} tone={levelTone(m.serviceLevel)} />
      <Kpi id="fcr" label={t('reports.kpi.fcr')} value={percent(m.fcrRate)} hint={t('reports.kpi.fcrHint', { resolved: m.fcrResolved, contacts: m.fcrContacts })} />
      <Kpi id="csat" label={t('reports.kpi.csat')} value={score(m.csatMean)} hint={t('reports.kpi.csatHint', { rated: m.rated, rate: percent(m.csatSatisfied) })} />
    </div>
  );
}
