import { EmptyRow } from '../../../components/Loading';
import { formatDuration } from '../../../format';
import { useT, type MessageKey } from '../../../i18n';
import type { GroupBy, ReportMetrics, ReportRow } from '../../../reports-api';
import { mediaTypes } from '../../../types';
import { percent, score } from './report-format';

const columns: ReadonlyArray<{ label: MessageKey; value(m: ReportMetrics): string }> = [
  { label: 'reports.col.offered', value: (m) => String(m.offered) },
  { label: 'reports.col.answered', value: (m) => String(m.answered) },
  { label: 'reports.col.abandoned', value: (m) => String(m.abandoned) },
  { label: 'reports.col.short', value: (m) => String(m.shortAbandoned) },
  { label: 'reports.col.asa', value: (m) => formatDuration(m.asaSeconds) },
  { label: 'reports.col.aht', value: (m) => formatDuration(m.ahtSeconds) },
  { label: 'reports.col.abandonment', value: (m) => percent(m.abandonmentRate) },
  { label: 'reports.col.serviceLevel', value: (m) => percent(m.serviceLevel) },
  { label: 'reports.col.fcr', value: (m) => percent(m.fcrRate) },
  { label: 'reports.col.resolution', value: (m) => percent(m.resolutionRate) },
  { label: 'reports.col.csat', value: (m) => score(m.csatMean) },
];

/** The grouped rows, with the range's total underneath. */
export function ReportTable(props: { groupBy: GroupBy; rows: ReportRow[]; totals: ReportMetrics }) {
  const t = useT();
  const label = (row: ReportRow): string => {
    const media = props.groupBy === 'media' ? mediaTypes.find((m) => m === row.key) : undefined;
    if (media) return t(`media.${media}`);
    if (row.label !== null) return row.label;
    return props.groupBy === 'agent' ? t('reports.unassigned') : t('reports.none');
  };
  return (
    <div class="card shadow-sm">
      <div class="card-header bg-body fw-semibold">{t('reports.table.title')}</div>
      <div class="table-responsive">
        <table class="table table-sm table-hover mb-0 text-nowrap" data-testid="report-table" data-group={props.groupBy}>
          <thead>
            <tr>
              <th scope="col">{t(`reports.col.group.${props.groupBy}`)}</th>
              {columns.map((c) => (
                <th key={c.label} scope="col" class="text-end">
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key} data-testid="report-row" data-key={row.key}>
                <th scope="row" class="fw-normal text-body">
                  {label(row)}
                </th>
                {columns.map((c) => (
                  <td key={c.label} class="text-end font-monospace">
                    {c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
            {props.rows.length === 0 && <EmptyRow columns={columns.length + 1} />}
          </tbody>
          <tfoot>
            <tr class="fw-semibold" data-testid="report-total">
              <th scope="row" class="text-body">{t('reports.total')}</th>
              {columns.map((c) => (
                <td key={c.label} class="text-end font-monospace">
                  {c.value(props.totals)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
