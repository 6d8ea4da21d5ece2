import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { ensurePolicyLibrary, LIBRARY, LIBRARY_BENEFITS } from './library.ts';

let t: TestApp;
type Caller = Awaited<ReturnType<TestApp['as']>>;
const put = (c: Caller, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as never });
let admin: Awaited<ReturnType<TestApp['as']>>;
const WAN = 1_000_000;
const uscc = withCheckChar('91350203MA8POLICY');
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  expect(await ensurePolicyLibrary(t.ctx)).toBe(LIBRARY.length + LIBRARY_BENEFITS.length);
  admin = await t.as('bureau_admin');
  orgId = (await createOrg(t.ctx, { uscc, name: '政策测试软件有限公司', kind: 'enterprise', district: 'siming', registeredOn: '2015-03-01', industryCode: '6513', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] })).id;
  await admin.patch(`/api/orgs/${uscc}/facts/2024`, { revenue: 8000 * WAN, rdExpense: 900 * WAN, rdExpensed: 900 * WAN, employees: 120, stStaff: 30, totalAssets: 6000 * WAN, taxableIncome: 1500 * WAN });
  await admin.patch(`/api/orgs/${uscc}/facts/2025`, { revenue: 9000 * WAN, rdExpense: 1200 * WAN, rdExpensed: 1200 * WAN, employees: 130, stStaff: 35, totalAssets: 7000 * WAN, taxableIncome: 2000 * WAN });
  await admin.post(`/api/orgs/${uscc}/qualifications`, { kind: 'hnte', certificateNo: 'GR202335100999', issuedOn: '2023-11-01', expiresOn: '2026-10-31' });
});
afterAll(() => t.close());

describe('policy library', () => {
  it('seeds once: a second start adds nothing', async () => {
    expect(await ensurePolicyLibrary(t.ctx)).toBe(0);
  });

  it('shows the public published policies only, searchable in Chinese', async () => {
    const anon = await t.client();
    const all = (await anon.get('/api/policies?pageSize=100')).json();
    expect(all.items.every((p: { status: string }) => p.status === 'published')).toBe(true);
    expect(all.items.map((p: { slug: string }) => p.slug)).not.toContain('xm-rd-investment-draft-2025');
    const hit = (await anon.get(`/api/policies?q=${encodeURIComponent('加计扣除')}`)).json();
    expect(hit.items.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['rd-super-deduction-2023', 'rd-super-deduction-2015']));
    expect(hit.items.find((p: { slug: string }) => p.slug === 'hnte-recognition-2016')).toBeUndefined();
    expect(hit.items[0].snippet).toContain('加计扣除');
    const byDocNo = (await anon.get(`/api/policies?q=${encodeURIComponent('国科发火〔2016〕32号')}`)).json();
    expect(byDocNo.items.map((p: { slug: string }) => p.slug)).toContain('hnte-recognition-2016');
    expect((await anon.get('/api/policies/xm-rd-investment-draft-2025')).statusCode).toBe(404);
    const staff = (await admin.get('/api/policies?status=draft')).json();
    expect(staff.items.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['xm-rd-investment-draft-2025', 'xm-reply-0161-2025']));
  });

  it('changes a policy only by a new version with a later effective date; the past stays', async () => {
    const created = await admin.post('/api/policies', {
      slug: 'test-measure', title: '测试措施', issuer: '厦门市科学技术局', level: 'city', tags: { topics: ['subsidy'] },
      version: { effectiveFrom: '2026-01-01', clauses: [{ no: '1', text: '对新型储能企业给予补助。' }] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', versions: [{ versionNo: 1, effectiveFrom: '2026-01-01' }] });
    const early = await admin.post('/api/policies/test-measure/versions', { effectiveFrom: '2026-01-01', clauses: [{ no: '1', text: '改写' }] });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'policy.version_order', errors: [{ path: 'body.effectiveFrom' }] });
    const reversed = await admin.post('/api/policies/test-measure/versions', { effectiveFrom: '2027-01-01', expiresOn: '2026-12-31', clauses: [{ no: '1', text: '改写' }] });
    expect(reversed.json().code).toBe('policy.dates_out_of_order');
    const v2 = await admin.post('/api/policies/test-measure/versions', { effectiveFrom: '2027-01-01', clauses: [{ no: '1', text: '对新型储能和氢能企业给予补助。' }], changeNote: '扩大范围' });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().versions.map((v: { versionNo: number; clauses: { text: string }[] }) => [v.versionNo, v.clauses[0].text])).toEqual([[2, '对新型储能和氢能企业给予补助。'], [1, '对新型储能企业给予补助。']]);
    await admin.patch('/api/policies/test-measure', { status: 'published' });
    const anon = await t.client();
    expect((await anon.get(`/api/policies?q=${encodeURIComponent('氢能')}`)).json().items.map((p: { slug: string }) => p.slug)).toContain('test-measure');
    const audit = await t.database.db.execute(sql`select action from audit_log where entity_id = 'test-measure' order by id`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['policy.create', 'policy.version_add', 'policy.update']);
  });
});

const draft = (over: Record<string, unknown> = {}) => ({
  effectiveFrom: '2026-01-01', period: 'yearly', condition: 'org.kind == enterprise and fy.employees >= 100', formula: { kind: 'fixed', amount: 50_000_00 },
  testCases: [
    { name: '100 people', vars: { 'org.kind': 'enterprise', 'fy.employees': 100 }, expected: 50_000_00 },
    { name: '99 people', vars: { 'org.kind': 'enterprise', 'fy.employees': 99 }, expected: null },
    { name: 'a university', vars: { 'org.kind': 'university', 'fy.employees': 500 }, expected: null },
  ],
  ...over,
});

describe('authoring benefits', () => {
  let policyId: string;
  beforeAll(async () => {
    policyId = (await admin.get('/api/policies/test-measure')).json().id;
  });

  it('refuses an invalid benefit with every problem and its exact part, and saves nothing', async () => {
    const res = await admin.post('/api/benefits', {
      code: 'bad_benefit', policyId, clauseNo: '1', nameZh: '坏事项', nameEn: 'Bad', topic: 'subsidy', howToApply: { zh: '无', en: 'none' },
      version: draft({ condition: 'fy.revnue >= 100 and tier.hnte == passed', formula: { kind: 'rate', base: 'fy.taxableIncome', rateBp: 100 } }),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('benefit.invalid');
    expect(body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['body.version.condition', 'unknown_variable'], ['body.version.condition', 'unknown_value'], ['body.version.formula', 'negative_amount'],
    ]);
    expect(body.errors[0].message).toContain('fy.revnue');
    expect((await admin.get('/api/benefits/bad_benefit')).statusCode).toBe(404);
  });

  it('refuses a clause the policy does not have', async () => {
    const res = await admin.post('/api/benefits', { code: 'no_clause', policyId, clauseNo: '9', nameZh: '无条款', nameEn: 'No clause', topic: 'subsidy', howToApply: { zh: '无', en: 'none' }, version: draft() });
    expect(res.json().code).toBe('benefit.clause_not_found');
  });

  it('validates without saving and reports each test case', async () => {
    const res = await admin.post('/api/benefits/anything/validate', draft({ testCases: [{ name: 'wrong', vars: { 'org.kind': 'enterprise', 'fy.employees': 100 }, expected: 1 }] }));
    expect(res.json()).toMatchObject({ ok: false, cases: [{ name: 'wrong', passed: false, actual: 50_000_00, expected: 1 }], problems: [{ path: 'testCases.0', code: 'test_failed' }] });
  });

  it('publishes only with three passing tests; versions never overlap or go backwards; published ones never change', async () => {
    const created = await admin.post('/api/benefits', { code: 'staff_subsidy', policyId, clauseNo: '1', nameZh: '用工补助', nameEn: 'Staffing subsidy', topic: 'subsidy', howToApply: { zh: '免申即享', en: 'No application' }, version: draft({ testCases: [] }) });
    expect(created.statusCode).toBe(201);
    const early = await admin.post('/api/benefits/staff_subsidy/versions/1/publish');
    expect(early.json()).toMatchObject({ code: 'benefit.tests_required' });
    expect((await put(admin, '/api/benefits/staff_subsidy/versions/1', draft())).statusCode).toBe(200);
    const pub = await admin.post('/api/benefits/staff_subsidy/versions/1/publish');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().versions[0]).toMatchObject({ status: 'published', publishedBy: admin.username });
    expect((await put(admin, '/api/benefits/staff_subsidy/versions/1', draft())).json().code).toBe('benefit.version_published');
    expect((await admin.post('/api/benefits/staff_subsidy/versions', draft({ effectiveFrom: '2025-06-01' }))).json().code).toBe('benefit.version_order');
    const v2 = await admin.post('/api/benefits/staff_subsidy/versions', draft({ effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', formula: { kind: 'fixed', amount: 80_000_00 }, testCases: draft().testCases.map((c) => ({ ...c, expected: c.expected && 80_000_00 })) }));
    expect(v2.statusCode).toBe(201);
    expect((await admin.post('/api/benefits/staff_subsidy/versions', draft({ effectiveFrom: '2027-06-01' }))).json().code).toBe('benefit.draft_pending');
    await admin.post('/api/benefits/staff_subsidy/versions/2/publish');
    const overlap = await admin.post('/api/benefits/staff_subsidy/versions', draft({ effectiveFrom: '2027-06-01' }));
    expect(overlap.json()).toMatchObject({ code: 'benefit.versions_overlap' });
    expect(overlap.json().detail).toContain('2027-12-31');
    expect((await put(admin, '/api/benefits/rd_super_deduction/versions/1', draft())).json().code).toBe('benefit.national_readonly');
  });

  it('refuses a circular definition and a benefit whose policy is unpublished', async () => {
    // xm_rd_subsidy reads xm_rd_subsidy_large; making the large one read xm_rd_subsidy closes a loop.
    const res = await put(admin, '/api/benefits/xm_rd_subsidy_large/versions/1', {
      effectiveFrom: '2018-01-01', period: 'yearly', condition: 'benefit.xm_rd_subsidy and fy.rdExpense >= 5000万元', formula: { kind: 'fixed', amount: 1 },
    });
    expect(res.json().errors[0]).toMatchObject({ path: 'body.condition', code: 'circular' });
    expect(res.json().errors[0].message).toContain('xm_rd_subsidy_large → xm_rd_subsidy → xm_rd_subsidy_large');
    expect((await admin.post('/api/benefits/xm_rd_increase_subsidy/versions/1/publish')).json().code).toBe('benefit.policy_unpublished');
  });
});

describe('benefit calculator', () => {
  it('lists what an HNTE software firm qualifies for, how much and why', async () => {
    const res = await admin.get(`/api/orgs/${uscc}/benefits?year=2025`);
    expect(res.statusCode).toBe(200);
    const calc = res.json();
    expect(calc).toMatchObject({ year: 2025, asOf: expect.any(String), uscc });
    const byCode = Object.fromEntries(calc.benefits.map((b: { code: string }) => [b.code, b]));
    // 1,200万 extra deduction at 15%: 180万; HNTE rate on the remaining 800万: 80万.
    expect(byCode.rd_super_deduction).toMatchObject({ verdict: 'eligible', amount: 180 * WAN, policy: { docNo: '财政部 税务总局公告2023年第7号' }, clause: { no: '1' } });
    expect(byCode.rd_super_deduction.clause.text).toContain('100%');
    expect(byCode.hnte_rate).toMatchObject({ verdict: 'eligible', amount: 80 * WAN });
    expect(byCode.small_low_profit_rate.verdict).toBe('not_eligible');
    expect(byCode.staff_subsidy).toMatchObject({ verdict: 'eligible', amount: 50_000_00, version: 'v1' });
    expect(calc.total).toBe(180 * WAN + 80 * WAN + 50_000_00);
    // Drafts (the Xiamen measures) are not in the calculator until published.
    expect(byCode.xm_rd_increase_subsidy).toBeUndefined();
    expect(calc.tiers.find((x: { ruleset: string }) => x.ruleset === 'hnte')).toMatchObject({ held: true });
  });

  it('what-if: the same facts edited on the page, nothing stored', async () => {
    const org = await t.as('org_user', { orgId });
    const facts = { org: { kind: 'enterprise', industryCode: '6513', registeredOn: '2015-03-01' }, years: [{ fiscalYear: 2025, rdExpensed: 1200 * WAN, taxableIncome: 250 * WAN, employees: 90, totalAssets: 3000 * WAN }], qualifications: [] };
    const res = await org.post('/api/benefits/calculate', { year: 2025, facts });
    expect(res.statusCode).toBe(200);
    const byCode = Object.fromEntries(res.json().benefits.map((b: { code: string }) => [b.code, b]));
    // 250万 income absorbs 250万 of the 1,200万 deduction at the small low-profit 5%: 12.5万; 950万 carried forward.
    expect(byCode.rd_super_deduction).toMatchObject({ amount: 12.5 * WAN, figures: { carryForward: 950 * WAN } });
    expect(byCode.staff_subsidy.verdict).toBe('not_eligible');
    expect(byCode.staff_subsidy.reasons.find((r: { ok: boolean }) => r.ok === false).text.zh).toContain('fy.employees = 90');
  });

  it('shows an org user only its own organisation', async () => {
    const other = await t.as('org_user', { orgId: '00000000-0000-4000-8000-00000000beef' });
    expect((await other.get(`/api/orgs/${uscc}/benefits`)).statusCode).toBe(404);
    const own = await t.as('org_user', { orgId });
    expect((await own.get(`/api/orgs/${uscc}/benefits?year=2025`)).statusCode).toBe(200);
  });
});
