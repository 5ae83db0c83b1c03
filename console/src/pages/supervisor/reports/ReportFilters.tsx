import { SelectField } from '../../../components/Field';
import { useT } from '../../../i18n';
import type { QueueSettings } from '../../../ops-types';
import { groupByOptions, type GroupBy, type ReportQuery } from '../../../reports-api';
import { mediaTypes } from '../../../types';

/** Zones offered besides the report's own and the browser's: where our customers' centres are. */
const commonZones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC', 'Europe/London', 'America/New_York', 'America/Los_Angeles'];

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function DateInput(props: { id: string; label: string; value: string; invalid: boolean; onValue(value: string): void }) {
  return (
    <div class="col-6 col-md-4 col-xl-2">
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="date"
        class={`form-control${props.invalid ? ' is-invalid' : ''}`}
        value={props.value}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.invalid ? 'report-range-error' : undefined}
        // A half-typed date is not a date yet: keep the last good one.
        onChange={(e) => isDate(e.currentTarget.value) && props.onValue(e.currentTarget.value)}
        data-testid={props.id}
      />
    </div>
  );
}

/** Range, zone, grouping and filters; every change goes straight into the page address. */
export function ReportFilters(props: { query: ReportQuery; queues: QueueSettings[]; rangeError: string | null; onChange(patch: Partial<ReportQuery>): void }) {
  const t = useT();
  const q = props.query;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set([q.zone, ...commonZones, browserZone])];
  return (
    <div class="card shadow-sm mb-3">
      <div class="card-body">
        <div class="row g-2 align-items-end">
          <DateInput id="report-from" label={t('reports.from')} value={q.from} invalid={props.rangeError !== null} onValue={(from) => props.onChange({ from })} />
          <DateInput id="report-to" label={t('reports.to')} value={q.to} invalid={props.rangeError !== null} onValue={(to) => props.onChange({ to })} />
          <SelectField id="report-zone" testId="report-zone" class="col-6 col-md-4 col-xl-2" label={t('reports.zone')} value={q.zone} options={zones.map((z) => ({ value: z, label: z }))} onValue={(zone) => props.onChange({ zone })} />
          <SelectField<GroupBy>
            id="report-group"
            testId="report-group"
            class="col-6 col-md-4 col-xl-2"
            label={t('reports.groupBy')}
            value={q.groupBy}
            options={groupByOptions.map((g) => ({ value: g, label: t(`reports.group.${g}`) }))}
            onValue={(groupBy) => props.onChange({ groupBy })}
          />
          <SelectField
            id="report-queue"
            testId="report-queue"
            class="col-6 col-md-4 col-xl-2"
            label={t('reports.queue')}
            value={q.queueId}
            options={[{ value: '', label: t('reports.allQueues') }, ...props.queues.map((queue) => ({ value: queue.id, label: queue.name }))]}
            onValue={(queueId) => props.onChange({ queueId })}
          />
          <SelectField
            id="report-media"
            testId="report-media"
            class="col-6 col-md-4 col-xl-2"
            label={t('reports.media')}
            value={q.media}
            options={[{ value: '', label: t('reports.allMedia') }, ...mediaTypes.map((m) => ({ value: m, label: t(`media.${m}`) }))]}
            onValue={(media) => props.onChange({ media })}
          />
        </div>
        {props.rangeError && (
          <div class="text-danger small mt-2" id="report-range-error" role="alert" data-testid="report-range-error">
            {props.rangeError}
          </div>
        )}
      </div>
    </div>
  );
}
