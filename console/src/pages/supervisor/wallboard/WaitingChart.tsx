import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useLocale, useT } from '../../../i18n';
import type { QueueLive } from './useWallboard';

// Only the parts a line chart needs, so the bundle carries no other chart types.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const SAMPLE_MS = 5000;
const KEEP = 120; // ten minutes of samples
const palette = ['#0d6efd', '#fd7e14', '#198754', '#6f42c1', '#d63384', '#20c997', '#dc3545', '#6c757d'];

/** Waiting per queue over the last minutes, sampled in the browser from the live figures. */
export function WaitingChart(props: { queues: QueueLive[] }) {
  const t = useT();
  const locale = useLocale();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', number[], string> | undefined>(undefined);
  const latest = useRef(props.queues);
  latest.current = props.queues;

  useEffect(() => {
    if (!canvas.current) return;
    const c = new Chart<'line', number[], string>(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 6, maxRotation: 0 } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        elements: { point: { radius: 0 }, line: { tension: 0.25, borderWidth: 2 } },
      },
    });
    chart.current = c;
    const sample = () => {
      const label = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date());
      const labels = c.data.labels ?? [];
      labels.push(label);
      const length = labels.length;
      latest.current.forEach((q, i) => {
        let set = c.data.datasets.find((d) => d.label === q.name);
        if (!set) {
          const colour = palette[i % palette.length] ?? '#0d6efd';
          // A queue that appears later has no history: pad it so the lines line up in time.
          set = { label: q.name, data: new Array<number>(length - 1).fill(0), borderColor: colour, backgroundColor: colour };
          c.data.datasets.push(set);
        }
        set.data.push(q.waiting);
      });
      // A deleted queue keeps its line, flat at zero, so every line stays aligned with the labels.
      for (const d of c.data.datasets) if (d.data.length < length) d.data.push(0);
      if (labels.length > KEEP) {
        labels.splice(0, labels.length - KEEP);
        for (const d of c.data.datasets) d.data.splice(0, d.data.length - KEEP);
      }
      c.data.labels = labels;
      c.update('none');
    };
    sample();
    const timer = setInterval(sample, SAMPLE_MS);
    return () => {
      clearInterval(timer);
      c.destroy();
      chart.current = undefined;
    };
  }, [locale]);

  return (
    <div class="card shadow-sm h-100" data-testid="waiting-chart">
      <div class="card-header bg-body fw-semibold">{t('wb.chartTitle')}</div>
      <div class="card-body">
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-label={t('wb.chartTitle')} />
        </div>
      </div>
    </div>
  );
}
