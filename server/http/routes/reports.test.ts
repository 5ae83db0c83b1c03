import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../../core/reports/summary';
import { seedReportData } from '../../../test/support/report-data';
import { startTestServer, type ApiClient, type TestServer } from '../../../test/support/server';

// The interactions of test/support/report-data.ts, written straight into the table: two Shanghai
// days, two queues, two agents. Every figure is worked out by hand below. The same file runs on
// SQLite and on MariaDB. Shanghai times:
//   03-01 09:00 售前 voice, 王芳, contact c1: wait 10 s, talk 120 s + wrap-up 30 s, resolved, CSAT 5
//   03-01 11:00 售前: abandoned after 3 s (a short abandon)
//   03-01 12:00 售前: abandoned after 60 s
//   03-01 23:30 在线客服 chat, 李雷, c2: wait 25 s, talk 600 s, resolved, CSAT 4
//   03-02 00:10 在线客服 chat, 王芳, c1 again: wait 40 s, talk 300 s, not resolved, CSAT 2
//   03-02 10:00 售前 voice, 李雷, c3: wait 5 s, talk 100 s, resolved
//   and one each at 02-28 23:59 and 03-03 00:00, just outside the range.

describe('reports over HTTP', () => {
  let server: TestServer;
  let sup: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let sales = 0;
  const base = '/api/reports/summary?from=2026-03-01&to=2026-03-02';

  beforeAll(async () => {
    server = await startTestServer({ TELEPHONY_ENGINE: 'none' });
    admin = server.client();
    await admin.login('admin', server.adminPassword);
    ({ sales } = await seedReportData(server, admin));
    sup = server.client();
    await sup.login('sup', 'sup-pass-1234');
    agent = server.client();
    await agent.login('alice', 'alice-pass-123');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('sums two Shanghai days exactly', async () => {
    const r = await sup.json<ReportSummary>('GET', base);
    expect(r).toMatchObject({ from: '2026-03-01', to: '2026-03-02', zone: 'Asia/Shanghai', groupBy: 'day' });
    expect(r.totals).toMatchObject({
      offered: 6, answered: 4, abandoned: 2, shortAbandoned: 1, answeredInThreshold: 3,
      serviceLevel: 3 / 5, // 10≤20, 25≤30, 5≤20 answered in time; 40>30 not; of 6 offered - 1 short abandon
      abandonmentRate: 1 / 5, // (2 - 1 short) / (6 - 1)
      asaSeconds: 20, // (10+25+40+5)/4
      ahtSeconds: 287.5, // (120+30 + 600 + 300 + 100)/4
      resolved: 3, resolutionRate: 3 / 4,
      fcrContacts: 3, fcrResolved: 2, fcrRate: 2 / 3, // c1's first call came back; c2 and c3 did not
      rated: 3, csatSatisfied: 2 / 3,
    });
    expect(r.totals.csatMean).toBeCloseTo(11 / 3, 10);
    expect(r.rows.map((x) => [x.label, x.start, x.offered, x.answered, x.abandoned, x.serviceLevel, x.asaSeconds, x.ahtSeconds, x.fcrRate, x.csatMean])).toEqual([
      ['2026-03-01', '2026-02-28T16:00:00.000Z', 4, 2, 2, 2 / 3, 17.5, 375, 1 / 2, 4.5],
      ['2026-03-02', '2026-03-01T16:00:00.000Z', 2, 2, 0, 1 / 2, 22.5, 200, 1, 2],
    ]);
  });

  it('groups by queue, agent and media with names, and filters (empty filters mean all)', async () => {
    const byQueue = await sup.json<ReportSummary>('GET', `${base}&groupBy=queue&queueId=&media=`);
    expect(byQueue.rows.map((x) => [x.label, x.offered, x.answered, x.shortAbandoned, x.serviceLevel, x.asaSeconds, x.ahtSeconds])).toEqual([
      ['售前', 4, 2, 1, 2 / 3, 7.5, 125],
      ['在线客服', 2, 2, 0, 1 / 2, 32.5, 450],
    ]);
    expect(byQueue.series.map((s) => s.offered)).toEqual([4, 2]);
    const byAgent = await sup.json<ReportSummary>('GET', `${base}&groupBy=agent`);
    expect(byAgent.rows.map((x) => [x.label, x.offered])).toEqual([['王芳', 2], ['李雷', 2], [null, 2]]);
    const byMedia = await sup.json<ReportSummary>('GET', `${base}&groupBy=media&media=webim`);
    expect(byMedia.rows.map((x) => [x.key, x.offered])).toEqual([['webim', 2]]);
    const oneQueue = await sup.json<ReportSummary>('GET', `${base}&queueId=${sales}`);
    expect(oneQueue.rows.map((x) => x.offered)).toEqual([3, 1]);
    const hourly = await sup.json<ReportSummary>('GET', `${base}&groupBy=hour`);
    expect(hourly.rows).toHaveLength(48);
    expect(hourly.rows.filter((x) => x.offered > 0).map((x) => x.label)).toEqual(['2026-03-01 09:00', '2026-03-01 11:00', '2026-03-01 12:00', '2026-03-01 23:00', '2026-03-02 00:00', '2026-03-02 10:00']);
  });

  it('draws the day boundaries at the chosen zone’s midnight', async () => {
    const utc = await sup.json<ReportSummary>('GET', `${base}&zone=UTC`);
    // In UTC the 23:30 and 00:10 Shanghai chats both fall on 03-01, and 03-03 00:00 Shanghai on 03-02.
    expect(utc.rows.map((x) => [x.label, x.offered])).toEqual([['2026-03-01', 5], ['2026-03-02', 2]]);
  });

  it('exports the same table as CSV with a BOM, in Chinese by default', async () => {
    const res = await sup.request('GET', `${base}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-2026-03-01-2026-03-02-day.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.slice(1).split('\r\n')).toEqual([
      '日期,进线量,接通量,放弃量,短时放弃(≤5秒),平均应答时长(秒),平均处理时长(秒),放弃率(%),服务水平(%),首次解决率(%),解决率(%),满意度均分,好评率(4-5分)(%)',
      '2026-03-01,4,2,2,1,17.5,375.0,33.3,66.7,50.0,100.0,4.50,100.0',
      '2026-03-02,2,2,0,0,22.5,200.0,0.0,50.0,100.0,50.0,2.00,0.0',
      '合计,6,4,2,1,20.0,287.5,20.0,60.0,66.7,75.0,3.67,66.7',
      '',
    ]);
    // Response.text() drops the BOM as it decodes.
    const en = await (await sup.request('GET', `${base}&groupBy=queue&format=csv&locale=en`)).text();
    expect(en.split('\r\n').map((l) => l.split(',')[0])).toEqual(['Queue', '售前', '在线客服', 'Total', '']);
  });

  it('is for supervisors and admins only', async () => {
    expect((await agent.request('GET', base)).status).toBe(403);
    expect((await fetch(server.url + base)).status).toBe(401);
    expect((await admin.request('GET', base)).status).toBe(200);
  });

  it('refuses a bad range with a clear 400', async () => {
    expect((await sup.request('GET', '/api/reports/summary?from=2026-01-01&to=2026-04-02')).status).toBe(200); // 92 days
    const cases: Array<[string, string, string]> = [
      ['from=2026-01-01&to=2026-04-03', 'query.to', 'the range is 93 days; a report covers at most 92'],
      ['from=2026-03-02&to=2026-03-01', 'query.to', 'to must not be before from'],
      ['from=2026-02-30&to=2026-03-01', 'query.from', 'a date YYYY-MM-DD'],
      ['from=2026-03-01&to=2026-03-08&groupBy=hour', 'query.groupBy', 'hourly reports cover at most 7 days; this range is 8'],
      ['from=2026-03-01&to=2026-03-01&zone=Mars/Olympus', 'query.zone', 'unknown time zone'],
      ['to=2026-03-01', 'query.from', ''],
    ];
    for (const [query, path, message] of cases) {
      const res = await sup.request('GET', `/api/reports/summary?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: Array<{ path: string; message: string }> } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0]?.path, query).toBe(path);
      if (message) expect(body.error.details[0]?.message, query).toBe(message);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await fetch(`${server.url}/api/docs`)).json() as { paths: Record<string, { get?: { 'x-roles': string[]; parameters: Array<{ name: string }> } }> };
    const op = doc.paths['/api/reports/summary']?.get;
    expect(op?.['x-roles']).toEqual(['supervisor']);
    expect(op?.parameters.map((p) => p.name)).toEqual(['from', 'to', 'zone', 'groupBy', 'queueId', 'media', 'format', 'locale']);
  });
});
