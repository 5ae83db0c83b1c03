import type { ReportMetrics } from '../../core/reports/metrics';
import type { GroupBy, ReportRow, ReportSummary } from '../../core/reports/summary';
import { request } from './api';
import type { Locale } from './i18n';

// HTTP calls of the reports page (报表).

export type { GroupBy, ReportMetrics, ReportRow, ReportSummary };

export const groupByOptions = ['day', 'hour', 'queue', 'agent', 'media'] as const satisfies readonly GroupBy[];

/** The page's filters as the server takes them; '' means "all" for queue and media. */
export interface ReportQuery {
  from: string;
  to: string;
  zone: string;
  groupBy: GroupBy;
  queueId: string;
  media: string;
}

export function reportSearch(q: ReportQuery): string {
  return new URLSearchParams({ from: q.from, to: q.to, zone: q.zone, groupBy: q.groupBy, queueId: q.queueId, media: q.media }).toString();
}

export const reportsApi = {
  summary: (q: ReportQuery) => request<ReportSummary>('GET', `/api/reports/summary?${reportSearch(q)}`),
  /** Where the browser downloads the same table as CSV (the session cookie goes with it). */
  csvUrl: (q: ReportQuery, locale: Locale) => `/api/reports/summary?${reportSearch(q)}&format=csv&locale=${encodeURIComponent(locale)}`,
};
