import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { LETTER } from '../../reference/letter.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { addQualification, createOrg, patchFacts } from '../registry/registry.service.ts';
import { OrgCreateSchema, QualificationCreateSchema } from '../registry/registry.schema.ts';
import { ensureLetterIndicators } from './indicators.service.ts';
import { periodEnd, periodRange } from './periods.ts';

let t: TestApp;
// 2026-06-15: "last year" is 2025.
const NOW = new Date('2026-06-15T08:00:00Z');

const source = { docNo: '厦统〔2026〕1号', title: '测试统计公报', issuer: '厦门市统计局', date: '2026-02-01', url: null };

async function org(name: string, district: 'siming' | 'huli', serial: string, certs: { issuedOn: string; expiresOn: string }[], revenue2025?: number) {
  const uscc = withCheckChar(`91350200MA${serial}`);
  await createOrg(t.ctx, OrgCreateSchema.parse({ uscc, name, kind: 'enterprise', district }));
  for (const [i, c] of certs.entries()) {
    await addQualification(t.ctx, uscc, QualificationCreateSchema.parse({ kind: 'hnte', certificateNo: `GR${serial}${i}`, ...c }));
  }
  if (revenue2025 !== undefined) await patchFacts(t.ctx, uscc, 2025, { revenue: revenue2025 });
  return uscc;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  await ensureLetterIndicators(t.ctx);
  // Certificates at the edges of 2025-12-31 (valid on a day: issued on or before it, expiring on or after it).
  await org('边界甲科技有限公司', 'siming', '1000001', [{ issuedOn: '2025-12-31', expiresOn: '2028-12-30' }], 1_000_000_000_00); // valid; 10 亿元
  await org('边界乙科技有限公司', 'siming', '1000002', [{ issuedOn: '2022-12-31', expiresOn: '2025-12-31' }], 500_000_000_00); // valid on its last day
  await org('边界丙科技有限公司', 'huli', '1000003', [{ issuedOn: '2022-12-30', expiresOn: '2025-12-30' }], 70_000_000_00); // expired the day before
  await org('边界丁科技有限公司', 'huli', '1000004', [{ issuedOn: '2026-01-01', expiresOn: '2029-12-31' }]); // issued the day after
  await org('边界戊科技有限公司', 'huli', '1000005', [{ issuedOn: '2020-12-31', expiresOn: '2023-12-30' }, { issuedOn: '2023-12-31', expiresOn: '2026-12-30' }]); // re-certified, valid
});
afterAll(() => t.close());

describe('periods', () => {
  it('parse by frequency and refuse what does not fit', () => {
    expect(periodEnd('annual', '2024')).toBe('2024-12-31');
    expect(periodEnd('quarterly', '2025Q1')).toBe('2025-03-31');
    expect(periodEnd('quarterly', '2024Q4')).toBe('2024-12-31');
    expect(periodEnd('monthly', '2024-02')).toBe('2024-02-29');
    expect(periodEnd('stock', '2025-05-20')).toBe('2025-05-20');
    expect(periodEnd('span', '2021-2025')).toBe('2025-12-31');
    expect(periodRange('quarterly', '2025Q2')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    for (const [f, p] of [['annual', '2025Q1'], ['quarterly', '2025Q5'], ['monthly', '2025-13'], ['stock', '2025-02-30'], ['span', '2025-2021'], ['span', '2025-2025'], ['annual', '1900']] as const) {
      expect(periodEnd(f, p), `${f} ${p}`).toBeNull();
    }
  });
});

describe('the letter', () => {
  it('loads every figure once, with its source; plans become targets', async () => {
    expect(await ensureLetterIndicators(t.ctx)).toBe(0);
    const admin = await t.as('bureau_admin');
    const list = (await admin.get('/api/indicators?kind=reported')).json() as { id: string; latest: { value: number; source: { docNo: string } } | null; target: { value: number } | null }[];
    for (const figure of LETTER.indicators) {
      const i = list.find((x) => x.id === figure.id);
      expect(i, figure.id).toBeDefined();
      const shown = i!.latest?.value ?? i!.target?.value;
      expect(shown, figure.id).toBe(figure.value);
      if (i!.latest) expect(i!.latest.source.docNo).toBe('厦科函〔2025〕84号');
    }
    const hnte = list.find((x) => x.id === 'hnte_count')!;
    expect(hnte.latest).toMatchObject({ period: '2024', value: 4735 });
    expect(list.find((x) => x.id === 'industry_specialty_groups')).toMatchObject({ latest: null, target: { value: 30 } });
    expect(list.find((x) => x.id === 'digital_diagnoses')!.latest).toMatchObject({ qualifier: 'nearly', period: '2025-05-20' });
  });
});

describe('bad input', () => {
  it('refuses a value for an unknown indicator, a wrong unit, an ill-fitting period and a second value for a period', async () => {
    const admin = await t.as('bureau_admin');
    const value = { period: '2025', value: 40, unit: '家', source };
    const unknown = await admin.post('/api/indicators/no_such_thing/values', value, { 'accept-language': 'en-US' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'indicator.not_found' });
    expect(unknown.headers['content-type']).toContain('application/problem+json');

    const unit = await admin.post('/api/indicators/green_manufacturing_list/values', { ...value, unit: '个' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().code).toBe('indicator.unit_mismatch');
    expect(unit.json().detail).toContain('家');

    for (const period of ['2025Q1', '2025-1', '2025-01']) {
      const res = await admin.post('/api/indicators/green_manufacturing_list/values', { ...value, period });
      expect(res.statusCode, period).toBe(400);
      expect(res.json().code, period).toBe('indicator.period_invalid');
    }
    const quarterly = await admin.post('/api/indicators/q1_gdp_growth/values', { period: '2025', value: 5.1, unit: '%', source });
    expect(quarterly.json()).toMatchObject({ code: 'indicator.period_invalid' });
    expect(quarterly.json().detail).toContain('2025Q1');

    expect((await admin.post('/api/indicators/green_manufacturing_list/values', value)).statusCode).toBe(201);
    const dup = await admin.post('/api/indicators/green_manufacturing_list/values', { ...value, value: 41 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('indicator.value_exists');
    // Nothing lost or overwritten: the first figure stands.
    const series = (await admin.get('/api/indicators/green_manufacturing_list')).json().values as { period: string; value: number }[];
    expect(series.map((v) => [v.period, v.value])).toEqual([['2024', 35], ['2025', 40]]);

    const computed = await admin.post('/api/indicators/platform_hnte_holders/values', value);
    expect(computed.json().code).toBe('indicator.computed');
  });

  it('defines an indicator, corrects a value with a reason, and audits both', async () => {
    const admin = await t.as('bureau_admin');
    const def = { id: 'rd_intensity', nameZh: '全社会研发投入强度', nameEn: 'R&D intensity', topic: 'economy', unit: '%', frequency: 'annual' };
    expect((await admin.post('/api/indicators', def)).statusCode).toBe(201);
    expect((await admin.post('/api/indicators', def)).json().code).toBe('indicator.id_taken');
    expect((await admin.post('/api/indicators/rd_intensity/values', { period: '2024', value: 3.2, unit: '%', source })).statusCode).toBe(201);
    const fix = await admin.request({ method: 'PUT', url: '/api/indicators/rd_intensity/values/2024', payload: { value: 3.25, unit: '%', source, reason: '统计局修订数' } });
    expect(fix.statusCode).toBe(200);
    expect(fix.json().value).toBe(3.25);
    const noReason = await admin.request({ method: 'PUT', url: '/api/indicators/rd_intensity/values/2024', payload: { value: 3.3, unit: '%', source } });
    expect(noReason.statusCode).toBe(400);
    const unitChange = await admin.patch('/api/indicators/rd_intensity', { unit: '个' });
    expect(unitChange.json().code).toBe('indicator.has_values');
    const audit = await t.database.db.execute(sql`select action, before->>'value' as before, after->>'reason' as reason from audit_log where entity_type = 'indicator' and entity_id = 'rd_intensity' order by id`);
    expect((audit as unknown as { rows: { action: string; before: string | null; reason: string | null }[] }).rows).toEqual([
      { action: 'indicator.create', before: null, reason: null },
      { action: 'indicator.value.add', before: null, reason: null },
      { action: 'indicator.value.correct', before: '3.2', reason: '统计局修订数' },
    ]);
  });
});

describe('computed indicators', () => {
  it('count certificates valid at the end of the year, at each edge, beside the reported figure', async () => {
    const admin = await t.as('bureau_admin');
    const res = (await admin.get('/api/indicators/platform_hnte_holders')).json();
    // Valid on 2025-12-31: 甲 (issued that day), 乙 (expires that day), 戊 (re-certified); not 丙, not 丁.
    expect(res.indicator.current).toMatchObject({ period: '2025', value: 3, synthetic: 0, scope: 'city' });
    const byYear = Object.fromEntries(res.series.map((s: { period: string; value: number }) => [s.period, s.value]));
    expect(byYear).toMatchObject({ '2020': 1, '2021': 1, '2022': 3, '2023': 3, '2024': 3, '2025': 3 });
    // Compared like with like: the platform's 2024 figure against the letter's 2024 figure.
    expect(res.indicator.comparison).toMatchObject({ reportedId: 'hnte_count', reportedPeriod: '2024', reported: 4735, computed: 3, difference: -4732 });
    expect(res.indicator.comparison.explanation.zh).toContain('来函报告 4,735家');
    expect(res.indicator.comparison.explanation.en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('sum the revenue of the year\'s holders in 亿元', async () => {
    const admin = await t.as('bureau_admin');
    const res = (await admin.get('/api/indicators/platform_hnte_revenue')).json();
    // 甲 10 亿 + 乙 5 亿 (丙 is not a holder at the end of 2025; 戊 has no 2025 facts).
    expect(res.indicator.current).toMatchObject({ period: '2025', value: 15 });
  });

  it('count certificates issued within a span', async () => {
    const admin = await t.as('bureau_admin');
    const res = (await admin.get('/api/indicators/platform_hnte_new')).json();
    // Issued 2021-01-01..2025-12-31: 甲, 乙, 丙, 戊's second certificate; not 戊's first (2020) nor 丁 (2026).
    expect(res.indicator.current).toMatchObject({ period: '2021-2025', value: 4 });
    expect(res.indicator.comparison).toMatchObject({ reported: 2453, computed: 4 });
  });

  it('drill down to the rows behind a figure, and a district officer sees its own district only', async () => {
    const admin = await t.as('bureau_admin');
    const rows = (await admin.get('/api/indicators/platform_hnte_holders/rows?period=2025')).json();
    expect(rows.total).toBe(3);
    expect(rows.items.map((r: { name: string }) => r.name).sort()).toEqual(['边界乙科技有限公司', '边界戊科技有限公司', '边界甲科技有限公司'].sort());
    expect(rows.items.find((r: { name: string }) => r.name === '边界乙科技有限公司').detail).toContain('2025-12-31');

    const officer = await t.as('district_officer', { district: 'siming' });
    const mine = (await officer.get('/api/indicators/platform_hnte_holders/rows?period=2025')).json();
    expect(mine.items.map((r: { district: string }) => r.district)).toEqual(['siming', 'siming']);
    const figure = (await officer.get('/api/indicators/platform_hnte_holders')).json().indicator.current;
    expect(figure).toMatchObject({ value: 2, scope: 'siming' });
    const districts = (await officer.get('/api/indicators/platform_hnte_holders/by-district')).json();
    expect(districts.values).toEqual([{ district: 'siming', value: 2 }]);
    const city = (await admin.get('/api/indicators/platform_hnte_holders/by-district?period=2025')).json();
    expect(city.values.find((v: { district: string }) => v.district === 'huli').value).toBe(1);
    expect(city.values).toHaveLength(6);

    expect((await admin.get('/api/indicators/hnte_count/rows')).json().code).toBe('indicator.not_drillable');
    const xlsx = await admin.get('/api/indicators/platform_hnte_holders/rows.xlsx?period=2025');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refresh as soon as the data changes', async () => {
    const admin = await t.as('bureau_admin');
    const before = (await admin.get('/api/indicators/platform_hnte_holders')).json().indicator.current.value;
    await org('新增己科技有限公司', 'huli', '1000006', [{ issuedOn: '2025-03-01', expiresOn: '2028-02-28' }]);
    const after = (await admin.get('/api/indicators/platform_hnte_holders')).json().indicator.current.value;
    expect(after).toBe(before + 1);
  });
});

describe('open data', () => {
  it('serves published indicators and their sources without login, as JSON and CSV with a licence line', async () => {
    const anon = await t.client();
    const json = await anon.get('/open-data/indicators.json');
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.licence.zh).toContain('CC BY 4.0');
    const hnte = data.indicators.find((i: { id: string }) => i.id === 'hnte_count');
    expect(hnte.values[0]).toMatchObject({ period: '2024', value: 4735, source: { docNo: '厦科函〔2025〕84号', date: '2025-05-20' } });
    // Not published: the staff-defined indicator of the test above.
    expect(data.indicators.find((i: { id: string }) => i.id === 'rd_intensity')).toBeUndefined();

    const csv = await anon.get('/open-data/indicators.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('CC BY 4.0');
    expect(lines[1].split(',')[0]).toBe('indicator_id');
    expect(lines.find((l) => l.startsWith('hnte_count,'))).toContain(',2024,4735,');
  });
});
