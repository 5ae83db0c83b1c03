import { describe, expect, it } from 'vitest';
import { Tally } from './metrics';
import { csvCell, reportCsv } from './csv';
import type { ReportSummary } from './summary';

const empty = new Tally().result();

describe('report CSV', () => {
  it('starts with a BOM, uses CRLF, formats figures and ends with the total', () => {
    const summary: ReportSummary = {
      from: '2026-03-01', to: '2026-03-01', zone: 'Asia/Shanghai', groupBy: 'queue', series: [],
      rows: [
        { key: '1', label: '售前, VIP', start: null, end: null, ...empty, offered: 3, answered: 2, asaSeconds: 12.34, serviceLevel: 2 / 3, csatMean: 4.5 },
        { key: '', label: null, start: null, end: null, ...empty, offered: 1, abandoned: 1 },
      ],
      totals: { ...empty, offered: 4, answered: 2, abandoned: 1, asaSeconds: 12.34, serviceLevel: 0.5 },
    };
    const csv = reportCsv(summary, 'zh-CN');
    expect(csv.startsWith('\uFEFF队列,进线量,接通量,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, 2 rows, total, and the empty string after the last CRLF
    expect(lines[1]).toBe('"售前, VIP",3,2,0,0,12.3,,,66.7,,,4.50,');
    expect(lines[2]).toBe('（无）,1,0,1,0,,,,,,,,');
    expect(lines[3]).toBe('合计,4,2,1,0,12.3,,,50.0,,,,');
    expect(lines[4]).toBe('');
  });

  it('names media and headers in English when asked', () => {
    const csv = reportCsv({ from: '2026-03-01', to: '2026-03-01', zone: 'UTC', groupBy: 'media', series: [], rows: [{ key: 'webim', label: 'webim', start: null, end: null, ...empty }], totals: empty }, 'en');
    expect(csv.split('\r\n').slice(0, 2).map((l) => l.split(',')[0])).toEqual(['\uFEFFMedia', 'Web chat']);
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('plain')).toBe('plain');
  });
});
