import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
const uscc = withCheckChar('91350203MA8RULES1');

const year = (fiscalYear: number, extra: Record<string, unknown> = {}) => ({
  fiscalYear, revenue: 40_000_000_00, rdExpense: 2_400_000_00, rdExpenseDomestic: 2_400_000_00, employees: 100, stStaff: 9,
  highTechRevenue: 30_000_000_00, achievementsConverted: 5, totalAssets: 30_000_000_00, totalLiabilities: 10_000_000_00, majorIncident: false, inventionPatents: 2, ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  await createOrg(t.ctx, { uscc, name: '规则测试科技有限公司', kind: 'enterprise', district: 'siming', registeredOn: '2018-01-01', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
  for (const y of [2023, 2024, 2025]) {
    const { fiscalYear: _f, ...facts } = year(y);
    await admin.patch(`/api/orgs/${uscc}/facts/${y}`, facts);
  }
});
afterAll(() => t.close());

describe('POST /api/rules/evaluate', () => {
  it('evaluates a facts document and explains each criterion in the caller\'s language', async () => {
    const res = await admin.post('/api/rules/evaluate', {
      asOf: '2026-06-01', rulesets: ['hnte'],
      facts: { org: { kind: 'enterprise', registeredOn: '2018-01-01' }, years: [year(2023), year(2024), year(2025)] },
    });
    expect(res.statusCode).toBe(200);
    const [hnte] = res.json().results;
    expect(hnte).toMatchObject({ ruleset: 'hnte', title: { zh: '国家高新技术企业', en: 'High and new technology enterprise' }, version: '2016', verdict: 'fail' });
    const staff = hnte.criteria.find((c: { id: string }) => c.id === 'HNTE-04');
    expect(staff).toMatchObject({ verdict: 'fail', actual: 0.09, unit: 'ratio', threshold: { zh: '≥ 10%', en: '≥ 10%' } });
    expect(res.json().gaps[0].gaps).toEqual(expect.arrayContaining([expect.objectContaining({ criterion: 'HNTE-04', text: expect.objectContaining({ zh: expect.stringContaining('需再增加 1 人') }) })]));
  });

  it('refuses impossible facts with the field path: duplicate years, staff above employees', async () => {
    const res = await admin.post('/api/rules/evaluate', {
      asOf: '2026-06-01',
      facts: { org: { kind: 'enterprise' }, years: [year(2025), year(2025, { stStaff: 500 })] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.facts.years.1.fiscalYear', 'body.facts.years.1.stStaff']);
  });

  it('refuses wrong types and negative amounts', async () => {
    const res = await admin.post('/api/rules/evaluate', { asOf: 'yesterday', facts: { org: { kind: 'enterprise' }, years: [{ fiscalYear: 2025, revenue: -5, employees: 'many' }] } });
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.asOf', 'body.facts.years.0.employees', 'body.facts.years.0.revenue']);
  });

  it('answers unknown, naming the reason, for a date before any rule existed', async () => {
    const res = await admin.post('/api/rules/evaluate', { asOf: '2010-06-01', rulesets: ['hnte'], facts: { org: { kind: 'enterprise' } } });
    expect(res.json().results[0]).toMatchObject({ verdict: 'unknown', version: 'none' });
    expect(res.json().results[0].criteria[0].text.zh).toContain('尚无');
  });
});

describe('GET /api/rules/expert-inputs', () => {
  it('lists the expert inputs with labels in both languages and their ranges', async () => {
    const res = await admin.get('/api/rules/expert-inputs');
    expect(res.statusCode).toBe(200);
    const inputs = res.json() as { key: string; kind: string; min: number; max: number; label: { zh: string; en: string } }[];
    expect(inputs.find((i) => i.key === 'hnte.rdManagement')).toMatchObject({ kind: 'score', min: 0, max: 20, label: { zh: '研究开发组织管理水平' } });
    expect(inputs.find((i) => i.key === 'lg.marketTop3')).toMatchObject({ kind: 'yesNo', min: 0, max: 1 });
    for (const i of inputs) expect(i.label.en).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GET /api/orgs/:uscc/assessment', () => {
  it('assesses a registered organisation from its stored facts', async () => {
    const res = await admin.get(`/api/orgs/${uscc}/assessment?asOf=2026-06-01&rulesets=hnte`);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].criteria.find((c: { id: string }) => c.id === 'HNTE-04')).toMatchObject({ verdict: 'fail', actual: 0.09 });
    // Registration date is on file, so age passes; without a certificate nothing is held.
    expect(res.json().results[0].criteria.find((c: { id: string }) => c.id === 'HNTE-01').verdict).toBe('pass');
    expect(res.json().results[0].held).toBeNull();
  });

  it('shows an org user only its own organisation\'s assessment', async () => {
    const other = await t.as('org_user', { orgId: '00000000-0000-4000-8000-00000000dead' });
    expect((await other.get(`/api/orgs/${uscc}/assessment`)).statusCode).toBe(404);
  });
});

describe('S&T leader parameter versions', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const params = { minRevenue: 2_000_000_000_00, minRdExpense: 80_000_000_00, minRdIntensityBp: 400, minInventionPatents: 50, requireHnte: true, requireRdInstitution: false };
  const leaderDoc = {
    org: { kind: 'enterprise', registeredOn: '2008-01-01' },
    qualifications: [{ kind: 'hnte', issuedOn: '2024-12-01', expiresOn: '2099-11-30' }, { kind: 'rd_institution_provincial', issuedOn: '2020-01-01' }],
    years: [2024, 2025, 2026, 2027].map((fiscalYear) => ({ fiscalYear, revenue: 1_200_000_000_00, rdExpense: 60_000_000_00, inventionPatents: 35, majorIncident: false })),
  };

  it('starts with the built-in example parameters, marked as examples and in force', async () => {
    const list = (await admin.get('/api/rules/params/tech_leader')).json();
    expect(list[0]).toMatchObject({ example: true, effectiveFrom: '2025-05-20', docNo: null, current: true });
  });

  it('adds a version from a future date, audited; refuses past dates, taken dates and bad values', async () => {
    const from = day(10);
    const past = await admin.post('/api/rules/params/tech_leader', { effectiveFrom: day(-1), params });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('rules.params_in_past');
    const bad = await admin.post('/api/rules/params/tech_leader', { effectiveFrom: from, params: { ...params, minRdIntensityBp: 20_000 } });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.params.minRdIntensityBp']);

    const created = await admin.post('/api/rules/params/tech_leader', { effectiveFrom: from, params, docNo: '测试〔2026〕1号', note: 'test fixture' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ effectiveFrom: from, example: false, current: false, effectiveTo: null, docNo: '测试〔2026〕1号', createdBy: admin.username });
    const again = await admin.post('/api/rules/params/tech_leader', { effectiveFrom: from, params });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('rules.params_exists');

    const list = (await admin.get('/api/rules/params/tech_leader')).json();
    expect(list.map((v: { effectiveFrom: string; effectiveTo: string | null; current: boolean }) => [v.effectiveFrom, v.effectiveTo, v.current]))
      .toEqual([['2025-05-20', day(9), true], [from, null, false]]);
    const audit = (await admin.get('/api/audit?action=rules.params_create')).json();
    expect(JSON.stringify(audit)).toContain(`tech_leader/${from}`);

    // The engine picks the version by the evaluation date.
    const before = (await admin.post('/api/rules/evaluate', { asOf: day(9), rulesets: ['tech_leader'], facts: leaderDoc })).json().results[0];
    const after = (await admin.post('/api/rules/evaluate', { asOf: from, rulesets: ['tech_leader'], facts: leaderDoc })).json().results[0];
    expect(before).toMatchObject({ version: 'example-2025-05-20', verdict: 'pass' });
    expect(after).toMatchObject({ version: from, verdict: 'fail' });
    expect(after.criteria.find((c: { id: string }) => c.id === 'TL-02')).toMatchObject({ verdict: 'fail', threshold: { zh: '≥ 200,000万元', en: '≥ ¥2,000,000,000' } });
    expect(after.params['tech_leader.minRevenue']).toMatchObject({ value: 2_000_000_000_00, citation: { docNo: '测试〔2026〕1号' } });
  });

  it('withdraws a version before its date, audited; never one in force or one that stored results used', async () => {
    const from = day(20);
    expect((await admin.post('/api/rules/params/tech_leader', { effectiveFrom: from, params: { ...params, minInventionPatents: 5000 } })).statusCode).toBe(201);
    const officer = await t.as('district_officer', { district: 'siming' });
    expect((await officer.request({ method: 'DELETE', url: `/api/rules/params/tech_leader/${from}` })).statusCode).toBe(403);
    const withdrawn = await admin.request({ method: 'DELETE', url: `/api/rules/params/tech_leader/${from}` });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().map((v: { effectiveFrom: string }) => v.effectiveFrom)).not.toContain(from);
    const audit = (await admin.get('/api/audit?action=rules.params_withdraw')).json();
    expect(JSON.stringify(audit)).toContain(`tech_leader/${from}`);
    const again = await admin.request({ method: 'DELETE', url: `/api/rules/params/tech_leader/${from}` });
    expect([again.statusCode, again.json().code]).toEqual([404, 'rules.params_not_found']);
    // A stored version already in force (written here directly: the API only takes future dates).
    const yesterday = day(-1);
    await t.database.db.execute(sql`insert into rule_param_versions (ruleset, effective_from, params, created_at) values ('tech_leader', ${yesterday}, ${JSON.stringify(params)}::jsonb, now())`);
    const inForce = await admin.request({ method: 'DELETE', url: `/api/rules/params/tech_leader/${yesterday}` });
    expect([inForce.statusCode, inForce.json().code]).toEqual([409, 'rules.params_in_force']);

    // A version some stored result was computed with (an evaluation for a future date) stays.
    const later = day(30);
    expect((await admin.post('/api/rules/params/tech_leader', { effectiveFrom: later, params })).statusCode).toBe(201);
    await t.database.db.execute(sql`insert into assessments (org_id, ruleset, as_of, version, verdict, gap_count, blocker_count, open_count, effort, result, computed_at)
      select id, 'tech_leader', ${later}, ${later}, 'fail', 0, 0, 0, 0, '{}'::jsonb, now() from orgs limit 1`);
    const used = await admin.request({ method: 'DELETE', url: `/api/rules/params/tech_leader/${later}` });
    expect([used.statusCode, used.json().code]).toEqual([409, 'rules.params_used']);
    expect(used.json().detail).toContain(later);
  });
});
