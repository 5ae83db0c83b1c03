import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../../i18n';
import type { ReportMetrics, ReportRow } from '../../../reports-api';
import { axisTicks, percent } from './report-format';

// Drawn as plain SVG (no chart library): three bars per period and the service level as a line
// on its own 0-100 % axis. The SVG is laid out at the container's real width, so text and bars
// keep their size on a phone instead of being scaled down with a viewBox.

const HEIGHT = 280;
const M = { top: 16, right: 48, bottom: 36, left: 44 };
const bars = [
  { key: 'offered', colour: '#0d6efd' },
  { key: 'answered', colour: '#198754' },
  { key: 'abandoned', colour: '#dc3545' },
] as const;
const SL_COLOUR = '#fd7e14';

function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** "03-01" for days; "14:00" for hours, with the date at each midnight. */
function tickLabel(label: string): string {
  if (label.length <= 10) return label.slice(5);
  return label.endsWith(' 00:00') ? label.slice(5, 10) : label.slice(11);
}

export function ReportChart(props: { series: ReportRow[]; totals: ReportMetrics; from: string; to: string }) {
  const t = useT();
  const { ref, width } = useWidth(720);
  const n = props.series.length;
  const plotW = Math.max(40, width - M.left - M.right);
  const plotH = HEIGHT - M.top - M.bottom;
  const ticks = axisTicks(Math.max(0, ...props.series.map((r) => r.offered)));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const ySl = (v: number) => M.top + plotH - v * plotH;
  const groupW = n > 0 ? plotW / n : plotW;
  // Bars share 78 % of their period, but no wider than 32 px: two days should not look like walls.
  const barW = Math.max(1, Math.min(32, (groupW * 0.78) / bars.length));
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 64))));
  const centre = (i: number) => M.left + (i + 0.5) * groupW;
  const name = (key: (typeof bars)[number]['key']) => t(`reports.series.${key}`);

  // The line breaks where a period has no service level (nothing offered), rather than dropping to 0.
  const segments: Array<Array<{ x: number; y: number; row: ReportRow }>> = [[]];
  props.series.forEach((row, i) => {
    if (row.serviceLevel === null) segments.push([]);
    else segments[segments.length - 1]?.push({ x: centre(i), y: ySl(row.serviceLevel), row });
  });

  return (
    <div class="card shadow-sm h-100" data-testid="report-chart">
      <div class="card-header bg-body fw-semibold">{t('reports.chart.title')}</div>
      <div class="card-body">
        <div ref={ref} class="w-100 overflow-hidden">
          <svg width={width} height={HEIGHT} role="img" aria-labelledby="report-chart-title report-chart-desc" class="d-block" data-testid="report-chart-svg">
            <title id="report-chart-title">{t('reports.chart.title')}</title>
            <desc id="report-chart-desc">
              {t('reports.chart.desc', { from: props.from, to: props.to, count: n, offered: props.totals.offered, answered: props.totals.answered, abandoned: props.totals.abandoned, sl: percent(props.totals.serviceLevel) })}
            </desc>
            {ticks.map((v) => (
              <g key={`y${v}`}>
                <line x1={M.left} x2={M.left + plotW} y1={y(v)} y2={y(v)} stroke="currentColor" stroke-opacity={v === 0 ? 0.4 : 0.1} />
                <text x={M.left - 6} y={y(v)} dy="0.32em" text-anchor="end" font-size="11" fill="currentColor" fill-opacity="0.7">
                  {v}
                </text>
              </g>
            ))}
            {[0, 0.5, 1].map((v) => (
              <text key={`sl${v}`} x={M.left + plotW + 6} y={ySl(v)} dy="0.32em" font-size="11" fill={SL_COLOUR}>
                {`${v * 100}%`}
              </text>
            ))}
            {props.series.map((row, i) => (
              <g key={row.key}>
                {bars.map((b, j) => {
                  const value = row[b.key];
                  return (
                    <rect key={b.key} x={centre(i) + (j - bars.length / 2) * barW} y={y(value)} width={barW} height={Math.max(0, y(0) - y(value))} fill={b.colour} data-testid="chart-bar" data-series={b.key} data-value={value}>
                      <title>{t('reports.chart.bar', { label: row.label ?? row.key, series: name(b.key), value })}</title>
                    </rect>
                  );
                })}
                {i % every === 0 && (
                  <text x={centre(i)} y={M.top + plotH + 16} text-anchor="middle" font-size="11" fill="currentColor" fill-opacity="0.7">
                    {tickLabel(row.label ?? row.key)}
                  </text>
                )}
              </g>
            ))}
            {segments.map((points, s) =>
              points.length === 0 ? null : (
                <g key={`line${s}`}>
                  <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={SL_COLOUR} stroke-width="2" data-testid="chart-sl-line" />
                  {points.map((p) => (
                    <circle key={p.row.key} cx={p.x} cy={p.y} r="3.5" fill={SL_COLOUR} data-testid="chart-sl-point">
                      <title>{t('reports.chart.slPoint', { label: p.row.label ?? p.row.key, value: percent(p.row.serviceLevel) })}</title>
                    </circle>
                  ))}
                </g>
              ),
            )}
          </svg>
        </div>
        <ul class="list-inline small mb-0 mt-2" aria-hidden="true">
          {bars.map((b) => (
            <li key={b.key} class="list-inline-item me-3">
              <span class="status-dot me-1" style={{ background: b.colour, borderRadius: '2px' }} />
              {name(b.key)}
            </li>
          ))}
          <li class="list-inline-item">
            <span class="status-dot me-1" style={{ background: SL_COLOUR }} />
            {t('reports.series.serviceLevel')}
          </li>
        </ul>
      </div>
    </div>
  );
}
