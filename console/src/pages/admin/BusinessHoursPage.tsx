import { useState } from 'preact/hooks';
import { api, toApiError, type ApiError } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useForm } from '../../hooks/useForm';
import { useResource } from '../../hooks/useResource';
import { useT } from '../../i18n';
import type { BusinessHours, StoredHours } from '../../ops-types';

const days = [1, 2, 3, 4, 5, 6, 7] as const;
const zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles'];
type Range = BusinessHours['weekly'][number];

const blank = (): BusinessHours => ({ name: '', timezone: 'Asia/Shanghai', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })), holidays: [] });

/**
 * One calendar: weekly ranges (several a day, e.g. closed for lunch), holidays, time zone. The
 * ranges stay one flat list in the order sent, so the server's `weekly.N.open` points at its input.
 */
function HoursEditor(props: { hours: StoredHours | undefined; onSaved(saved: StoredHours): void; onDeleted(): void }) {
  const t = useT();
  const form = useForm<BusinessHours>(props.hours ? { name: props.hours.name, timezone: props.hours.timezone, weekly: props.hours.weekly, holidays: props.hours.holidays } : blank());
  const { values, fieldErrors: errors } = form;
  const [holiday, setHoliday] = useState('');
  const [deleteError, setDeleteError] = useState<ApiError | undefined>(undefined);
  const setRange = (i: number, patch: Partial<Range>) => form.set('weekly', values.weekly.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const addRange = (day: number) => {
    const last = values.weekly.filter((r) => r.day === day).at(-1);
    // A second range starts where the first ended (after lunch), a first one at office hours.
    const next: Range = last ? { day, open: last.close, close: last.close < '18:00' ? '18:00' : '23:59' } : { day, open: '09:00', close: '18:00' };
    form.set('weekly', [...values.weekly, next]);
  };
  const copyMonday = () => {
    const monday = values.weekly.filter((r) => r.day === 1);
    form.set('weekly', [...monday, ...[2, 3, 4, 5].flatMap((day) => monday.map((r) => ({ ...r, day }))), ...values.weekly.filter((r) => r.day > 5)]);
  };
  const addHoliday = () => {
    if (!holiday || values.holidays.includes(holiday)) return;
    form.set('holidays', [...values.holidays, holiday].sort());
    setHoliday('');
  };
  const save = (e: Event) => {
    e.preventDefault();
    form.submit(async (v) => props.onSaved(await api.businessHours.save({ ...v, name: v.name.trim() })));
  };
  const remove = async () => {
    if (!props.hours) return;
    try {
      await api.businessHours.remove(props.hours.id);
      props.onDeleted();
    } catch (err) {
      setDeleteError(toApiError(err));
    }
  };

  return (
    <form class="card shadow-sm" onSubmit={save} noValidate data-testid="hours-form">
      <div class="card-body">
        <ErrorAlert error={form.error ?? deleteError} />
        <div class="row">
          <TextField class="col-md-6 mb-3" id="hours-name" label={t('hours.name')} value={values.name} onValue={(v) => form.set('name', v)} error={errors.name} hint={props.hours ? t('hours.renameHint') : undefined} testId="hours-name" />
          <div class="col-md-6 mb-3">
            <label class="form-label" for="hours-tz">
              {t('hours.timezone')}
            </label>
            <input id="hours-tz" list="hours-zones" class={`form-control${errors.timezone ? ' is-invalid' : ''}`} value={values.timezone} onInput={(e) => form.set('timezone', e.currentTarget.value)} data-testid="hours-tz" />
            <datalist id="hours-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            {errors.timezone && <div class="invalid-feedback d-block">{errors.timezone}</div>}
          </div>
        </div>
        <div class="d-flex align-items-center justify-content-between mb-2">
          <h2 class="h6 text-secondary mb-0">{t('hours.weekly')}</h2>
          <button type="button" class="btn btn-sm btn-link" onClick={copyMonday} data-testid="hours-copy-monday">
            {t('hours.copyMonday')}
          </button>
        </div>
        <div class="list-group mb-3">
          {days.map((day) => {
            const ranges = values.weekly.map((r, i) => ({ r, i })).filter(({ r }) => r.day === day);
            return (
              <div class="list-group-item d-flex flex-wrap align-items-center gap-2" key={day} data-testid={`hours-day-${day}`}>
                <span class="fw-semibold" style={{ width: '6.5rem' }}>
                  {t(`hours.day.${day}`)}
                </span>
                {ranges.length === 0 && <span class="badge text-bg-light border text-secondary">{t('hours.closed')}</span>}
                {ranges.map(({ r, i }, k) => {
                  const error = errors[`weekly.${i}.open`] ?? errors[`weekly.${i}.close`] ?? errors[`weekly.${i}`];
                  return (
                    <span class="d-inline-flex flex-column" key={i}>
                      <span class="input-group input-group-sm w-auto">
                        <input type="time" class={`form-control${error ? ' is-invalid' : ''}`} aria-label={t('hours.open')} value={r.open} onInput={(e) => setRange(i, { open: e.currentTarget.value })} data-testid={`hours-open-${day}-${k}`} />
                        <span class="input-group-text">–</span>
                        <input type="time" class={`form-control${error ? ' is-invalid' : ''}`} aria-label={t('hours.close')} value={r.close} onInput={(e) => setRange(i, { close: e.currentTarget.value })} data-testid={`hours-close-${day}-${k}`} />
                        <button type="button" class="btn btn-outline-secondary" aria-label={t('common.delete')} onClick={() => form.set('weekly', values.weekly.filter((_, j) => j !== i))} data-testid={`hours-remove-${day}-${k}`}>
                          ✕
                        </button>
                      </span>
                      {error && <span class="invalid-feedback d-block">{error}</span>}
                    </span>
                  );
                })}
                <button type="button" class="btn btn-sm btn-outline-primary ms-auto" onClick={() => addRange(day)} data-testid={`hours-add-${day}`}>
                  + {t('hours.addRange')}
                </button>
              </div>
            );
          })}
        </div>
        <h2 class="h6 text-secondary">{t('hours.holidays')}</h2>
        <div class="d-flex flex-wrap gap-2 mb-2">
          <input type="date" class="form-control w-auto" aria-label={t('hours.holiday')} value={holiday} onInput={(e) => setHoliday(e.currentTarget.value)} data-testid="hours-holiday-input" />
          <button type="button" class="btn btn-outline-primary" disabled={!holiday} onClick={addHoliday} data-testid="hours-holiday-add">
            + {t('hours.addHoliday')}
          </button>
        </div>
        <div class="d-flex flex-wrap gap-1" data-testid="hours-holidays">
          {values.holidays.length === 0 && <span class="text-secondary small">{t('hours.noHolidays')}</span>}
          {values.holidays.map((d, i) => (
            <span key={d} class={`badge rounded-pill ${errors[`holidays.${i}`] ? 'text-bg-danger' : 'text-bg-light border'} d-inline-flex align-items-center gap-1`} data-testid={`hours-holiday-${d}`}>
              {d}
              <button type="button" class="btn-close btn-close-sm" style={{ fontSize: '0.55rem' }} aria-label={t('common.delete')} onClick={() => form.set('holidays', values.holidays.filter((x) => x !== d))} />
            </span>
          ))}
        </div>
      </div>
      <div class="card-footer bg-body d-flex flex-wrap gap-2 justify-content-between">
        <div>{props.hours && <ConfirmButton label={t('common.delete')} testId="hours-delete" onConfirm={remove} />}</div>
        <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="hours-save">
          {form.busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Opening-hours calendars used by IVR conditions and queues. */
export function BusinessHoursPage() {
  const t = useT();
  const list = useResource(() => api.businessHours.list());
  // The calendar being edited: an id, 'new', or nothing chosen yet (then the first one).
  const [selected, setSelected] = useState<number | 'new' | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const calendars = list.data ?? [];
  const current = selected === 'new' ? undefined : (calendars.find((h) => h.id === selected) ?? calendars[0]);
  const editingNew = selected === 'new' || (list.data !== undefined && calendars.length === 0);
  const choose = (next: number | 'new' | undefined) => {
    setSelected(next);
    setSaved(false);
  };

  return (
    <div data-testid="hours-page">
      <PageHeader title={t('hours.title')}>
        <button type="button" class="btn btn-primary" onClick={() => choose('new')} data-testid="hours-new">
          + {t('hours.new')}
        </button>
      </PageHeader>
      <ErrorAlert error={list.error} />
      {saved && (
        <div class="alert alert-success py-2" role="status" data-testid="hours-saved">
          {t('hours.saved')}
        </div>
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <div class="row g-3">
          <div class="col-12 col-lg-3">
            <div class="list-group" data-testid="hours-list">
              {calendars.map((h) => (
                <button type="button" key={h.id} class={`list-group-item list-group-item-action${!editingNew && current?.id === h.id ? ' active' : ''}`} onClick={() => choose(h.id)} data-testid={`hours-item-${h.name}`}>
                  <div class="fw-semibold">{h.name}</div>
                  <div class="small opacity-75">{h.timezone}</div>
                </button>
              ))}
              {editingNew && <div class="list-group-item active">{t('hours.new')}</div>}
            </div>
          </div>
          <div class="col-12 col-lg-9">
            <HoursEditor
              key={editingNew ? 'new' : current?.id}
              hours={editingNew ? undefined : current}
              onSaved={async (h) => {
                await list.reload();
                setSelected(h.id);
                setSaved(true);
              }}
              onDeleted={async () => {
                await list.reload();
                choose(undefined);
              }}
            />
          </div>
        </div>
      )}
    </div>
  );
}
