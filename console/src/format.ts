import { localeStore } from './i18n';

/**
 * Server times are UTC (ISO strings with Z; raw audit rows may carry epoch milliseconds).
 * They are shown in the browser's own time zone, which for our users is Asia/Shanghai.
 */
export function parseTime(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value);
  if (/^\d+$/.test(value)) return new Date(Number(value));
  // A bare "YYYY-MM-DD HH:MM:SS" from the database is UTC too.
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatTime(value: string | number | null | undefined): string {
  const date = parseTime(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(localeStore.get(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

/** A duration as m:ss, or h:mm:ss past an hour (time in state, longest wait, talk time). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
