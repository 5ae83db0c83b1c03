import type { ReportMetrics } from './metrics';
import type { GroupBy, ReportRow, ReportSummary } from './summary';

export type CsvLocale = 'zh-CN' | 'en';

const words: Record<CsvLocale, { group: Record<GroupBy, string>; columns: string[]; total: string; none: string; media: Record<string, string> }> = {
  'zh-CN': {
    group: { day: '日期', hour: '小时', queue: '队列', agent: '坐席', media: '渠道' },
    columns: ['进线量', '接通量', '放弃量', '短时放弃(≤5秒)', '平均应答时长(秒)', '平均处理时长(秒)', '放弃率(%)', '服务水平(%)', '首次解决率(%)', '解决率(%)', '满意度均分', '好评率(4-5分)(%)'],
    total: '合计',
    none: '（无）',
    media: { voice: '语音', video: '视频', webim: '网页在线', wechat: '微信', sms: '短信', email: '邮件' },
  },
  en: {
    group: { day: 'Date', hour: 'Hour', queue: 'Queue', agent: 'Agent', media: 'Media' },
    columns: ['Offered', 'Answered', 'Abandoned', 'Short abandons (≤5 s)', 'ASA (s)', 'AHT (s)', 'Abandonment rate (%)', 'Service level (%)', 'FCR (%)', 'Resolution rate (%)', 'CSAT mean', 'CSAT 4-5 (%)'],
    total: 'Total',
    none: '(none)',
    media: { voice: 'Voice', video: 'Video', webim: 'Web chat', wechat: 'WeChat', sms: 'SMS', email: 'Email' },
  },
};

const fixed = (value: number | null, digits: number) => (value === null ? '' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '' : (value * 100).toFixed(1));

/**
 * One cell: quoted when it holds a separator, a quote or a line break; a leading = + - @ is
 * prefixed with ' so a queue or agent name can never run as a spreadsheet formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function figures(m: ReportMetrics): string[] {
  return [
    String(m.offered),
    String(m.answered),
    String(m.abandoned),
    String(m.shortAbandoned),
    fixed(m.asaSeconds, 1),
    fixed(m.ahtSeconds, 1),
    percent(m.abandonmentRate),
    percent(m.serviceLevel),
    percent(m.fcrRate),
    percent(m.resolutionRate),
    fixed(m.csatMean, 2),
    percent(m.csatSatisfied),
  ];
}

function rowLabel(summary: ReportSummary, row: ReportRow, locale: CsvLocale): string {
  if (summary.groupBy === 'media') return words[locale].media[row.key] ?? row.key;
  return row.label ?? words[locale].none;
}

/**
 * The report's table as CSV (RFC 4180, CRLF), with a total line. It starts with a UTF-8 byte
 * order mark: without it Excel reads the file in the local ANSI code page and garbles Chinese.
 */
export function reportCsv(summary: ReportSummary, locale: CsvLocale): string {
  const w = words[locale];
  const lines = [[w.group[summary.groupBy], ...w.columns], ...summary.rows.map((r) => [rowLabel(summary, r, locale), ...figures(r)]), [w.total, ...figures(summary.totals)]];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
