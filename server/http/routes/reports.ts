import { z } from 'zod';
import { reportCsv } from '../../../core/reports/csv';
import { checkReportRange, reportFiltersObject, type ReportService } from '../../../core/reports/report-service';
import type { Api } from '../api';

const blank = (value: unknown) => (value === '' ? undefined : value);

const summaryQuery = reportFiltersObject
  .extend({
    format: z.preprocess(blank, z.enum(['json', 'csv']).default('json')),
    /** Language of the CSV's headers and media names. */
    locale: z.preprocess(blank, z.enum(['zh-CN', 'en']).default('zh-CN')),
  })
  .superRefine(checkReportRange);

/** Supervisors' reports (报表): one summary, as JSON for the console or CSV for a spreadsheet. */
export function reportRoutes(api: Api, reports: ReportService): void {
  api.route(
    { method: 'get', path: '/api/reports/summary', summary: 'Contact-centre figures per day, hour, queue, agent or media (JSON or CSV)', tag: 'reports', roles: ['supervisor'], query: summaryQuery },
    async ({ query, res }) => {
      const { format, locale, ...filters } = query;
      const summary = await reports.summary(filters);
      if (format === 'json') return summary;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="report-${summary.from}-${summary.to}-${summary.groupBy}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(reportCsv(summary, locale));
    },
  );
}
