import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../hooks/useResource';
import { useLocale, useT } from '../../i18n';
import { groupByOptions, reportSearch, reportsApi, type ReportQuery } from '../../reports-api';
import { navigate, useQueryParam } from '../../router';
import { KpiCards } from './reports/KpiCards';
import { ReportChart } from './reports/ReportChart';
import { ReportFilters } from './reports/ReportFilters';
import { addDays, daysInclusive, MAX_HOURLY_DAYS, MAX_REPORT_DAYS, todayIn } from './reports/report-format';
import { ReportTable } from './reports/ReportTable';

const DEFAULT_ZONE = 'Asia/Shanghai';
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function validZone(zone: string | null): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The filters live in the address (shareable, kept on reload); missing ones mean the last 7 days. */
function useReportQuery(): ReportQuery {
  const zoneParam = useQueryParam('zone');
  const toParam = useQueryParam('to');
  const fromParam = useQueryParam('from');
  const groupParam = useQueryParam('groupBy');
  const queueId = useQueryParam('queueId') ?? '';
  const media = useQueryParam('media') ?? '';
  const zone = validZone(zoneParam) ? zoneParam : DEFAULT_ZONE;
  const to = toParam && datePattern.test(toParam) ? toParam : todayIn(zone);
  const from = fromParam && datePattern.test(fromParam) ? fromParam : addDays(to, -6);
  return { from, to, zone, groupBy: groupByOptions.find((g) => g === groupParam) ?? 'day', queueId, media };
}

/** Supervisors' reports (报表): totals, a chart over time and a grouped table for a range of local days. */
export function ReportsPage() {
  const t = useT();
  const locale = useLocale();
  const query = useReportQuery();
  const search = reportSearch(query);
  const days = daysInclusive(query.from, query.to);
  // Checked here as well as on the server, so the supervisor reads why in their language at once.
  const rangeError =
    days < 1
      ? t('reports.err.order')
      : days > MAX_REPORT_DAYS
        ? t('reports.err.tooLong', { max: MAX_REPORT_DAYS, days })
        : query.groupBy === 'hour' && days > MAX_HOURLY_DAYS
          ? t('reports.err.hourly', { max: MAX_HOURLY_DAYS, days })
          : null;
  const report = useResource(() => (rangeError ? Promise.resolve(undefined) : reportsApi.summary(query)), [search, rangeError]);
  const queues = useResource(() => api.queues.list());
  const data = rangeError ? undefined : report.data;
  const update = (patch: Partial<ReportQuery>) => navigate(`/supervisor/reports?${reportSearch({ ...query, ...patch })}`, { replace: true });

  return (
    <div data-testid="reports-page">
      <PageHeader title={t('reports.title')}>
        {rangeError ? (
          <button type="button" class="btn btn-outline-secondary" disabled>
            {t('reports.download')}
          </button>
        ) : (
          <a class="btn btn-outline-secondary" href={reportsApi.csvUrl(query, locale)} download data-testid="report-csv">
            {t('reports.download')}
          </a>
        )}
      </PageHeader>
      <ReportFilters query={query} queues={queues.data ?? []} rangeError={rangeError} onChange={update} />
      <ErrorAlert error={report.error} testId="report-error" />
      {!data ? (
        report.loading && !rangeError && <Loading />
      ) : (
        <div data-testid="report-content" aria-busy={report.loading}>
          <KpiCards totals={data.totals} />
          <div class="mb-3">
            <ReportChart series={data.series} totals={data.totals} from={data.from} to={data.to} />
          </div>
          <ReportTable groupBy={data.groupBy} rows={data.rows} totals={data.totals} />
          <p class="small text-secondary mt-2 mb-0">{t('reports.formulas')}</p>
        </div>
      )}
    </div>
  );
}
