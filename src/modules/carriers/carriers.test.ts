import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { chainLinks } from '../chains/chains.schema.ts';
import { installChainReference } from '../chains/chains.service.ts';
import { createOrg } from '../registry/registry.service.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { EVAL_EXAMPLE, evaluate, gradeOf, versionFor } from './carriers.evaluate.ts';

let t: TestApp;
// The server clock: mid-2026, so 2025 is the latest finished year.
const NOW = new Date('2026-06-15T04:00:00Z');
const org = (suffix: string, name: string, district: 'siming' | 'xiangan' = 'siming') =>
  createOrg(t.ctx, { uscc: withCheckChar(`91350203MA8${suffix}`), name, kind: 'enterprise', district, formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
let host: { id: string; uscc: string };
let member: { id: string; uscc: string };
let other: { id: string; uscc: string };
let link: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  await installChainReference(t.ctx);
  host = await org('HC0001', '（示例）厦门某电池集团有限公司');
  member = await org('MC0001', '（示例）厦门某材料有限公司');
  other = await org('XC0001', '（示例）翔安某装备有限公司', 'xiangan');
  [{ id: link }] = await t.ctx.db.select({ id: chainLinks.id }).from(chainLinks).limit(1);
});
afterAll(() => t.close());

const carrier = (over: Record<string, unknown> = {}) => ({
  kind: 'enterprise_rd_center', name: '（示例）某电池企业研发中心', level: 'city', hostUscc: host.uscc, chainLinkIds: [link], staff: 40, establishedOn: '2023-05-01', ...over,
});

describe('carrier registry', () => {
  it('refuses a second carrier of the same kind for the same host; another kind is fine', async () => {
    const admin = await t.as('bureau_admin');
    const first = await admin.post('/api/carriers', carrier());
    expect(first.statusCode).toBe(201);
    expect(first.json().chainLinks).toHaveLength(1);
    const dup = await admin.post('/api/carriers', carrier({ name: '（示例）另一个名字' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('carrier.duplicate');
    expect(dup.json().detail).toContain('（示例）某电池企业研发中心');
    expect((await admin.post('/api/carriers', carrier({ kind: 'incubator', name: '（示例）某电池孵化器' }))).statusCode).toBe(201);
  });

  it('refuses a consortium without a lead, and a host or member not in the registry', async () => {
    const admin = await t.as('bureau_admin');
    const noLead = await admin.post('/api/carriers', carrier({ kind: 'innovation_consortium', name: '（示例）储能创新联合体', memberUsccs: [member.uscc] }));
    expect(noLead.statusCode).toBe(400);
    expect(noLead.json().code).toBe('carrier.consortium_without_lead');
    const ghost = withCheckChar('91350203MA8GH0002');
    const noHost = (await admin.post('/api/carriers', carrier({ hostUscc: ghost }))).json();
    expect(noHost.code, JSON.stringify(noHost)).toBe('carrier.org_not_registered');
    expect((await admin.post('/api/carriers', carrier({ kind: 'innovation_consortium', name: '（示例）x', leadUscc: host.uscc, memberUsccs: [ghost] }))).json().code).toBe('carrier.org_not_registered');
    const ok = await admin.post('/api/carriers', carrier({ kind: 'innovation_consortium', name: '（示例）储能创新联合体', leadUscc: host.uscc, memberUsccs: [member.uscc, other.uscc] }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().members.map((m: { role: string }) => m.role).sort()).toEqual(['lead', 'member', 'member']);
  });

  it('lists publicly with the letter\'s figures beside the platform\'s counts', async () => {
    const anon = await t.client();
    expect((await anon.get('/api/carriers')).json().length).toBeGreaterThanOrEqual(3);
    const summary = (await anon.get('/api/carriers/summary')).json();
    const rd = summary.find((s: { kind: string }) => s.kind === 'enterprise_rd_center');
    expect(rd.platformCount).toBe(1);
    expect(rd.letter).toMatchObject({ value: 411 });
    expect(rd.letter.source).toContain('厦科函〔2025〕84号');
    expect(summary.find((s: { kind: string }) => s.kind === 'public_service_platform').letter.value).toBe(47);
    expect(summary.find((s: { kind: string }) => s.kind === 'innovation_consortium').letter.value).toBe(9);
  });
});

describe('yearly reports and evaluation', () => {
  const report = (year: number, over: Record<string, unknown> = {}) => ({ year, staff: 30, rdSpendFen: 5_000_000_00, patentsGranted: 10, enterprisesServed: 50, achievementsTransferred: 5, ...over });

  it('refuses a report for a year the carrier did not exist, a year not yet over, and a second report', async () => {
    const admin = await t.as('bureau_admin');
    const c = (await admin.post('/api/carriers', carrier({ kind: 'new_rd_institution', name: '（示例）某新型研发机构', establishedOn: '2023-05-01' }))).json();
    const before = await admin.post(`/api/carriers/${c.id}/reports`, report(2022));
    expect(before.statusCode).toBe(400);
    expect(before.json().code).toBe('carrier.report_before_established');
    expect(before.json().detail).toContain('2023-05-01');
    expect((await admin.post(`/api/carriers/${c.id}/reports`, report(2026))).json().code).toBe('carrier.report_future_year');
    // The year it was established counts.
    expect((await admin.post(`/api/carriers/${c.id}/reports`, report(2023))).statusCode).toBe(201);
    expect((await admin.post(`/api/carriers/${c.id}/reports`, report(2023))).json().code).toBe('carrier.report_exists');
  });

  it('lets the host organisation report, not another organisation', async () => {
    const admin = await t.as('bureau_admin');
    const c = (await admin.post('/api/carriers', carrier({ kind: 'research_infrastructure', name: '（示例）某中试平台' }))).json();
    const own = await t.as('org_user', { orgId: host.id });
    expect((await own.post(`/api/carriers/${c.id}/reports`, report(2024))).statusCode).toBe(201);
    const stranger = await t.as('org_user', { orgId: other.id });
    expect((await stranger.post(`/api/carriers/${c.id}/reports`, report(2025))).json().code).toBe('carrier.not_found');
  });

  it('grades a year explained per criterion, with the platform\'s example parameters labelled as such', async () => {
    const admin = await t.as('bureau_admin');
    const c = (await admin.post('/api/carriers', carrier({ kind: 'public_service_platform', name: '（示例）某检测公共服务平台', establishedOn: '2020-01-01' }))).json();
    await admin.post(`/api/carriers/${c.id}/reports`, report(2024));
    await admin.post(`/api/carriers/${c.id}/reports`, report(2025, { rdSpendFen: 2_500_000_00, patentsGranted: 0 }));
    const full = (await admin.post(`/api/carriers/${c.id}/evaluate`, { year: 2024 })).json();
    expect(full).toMatchObject({ score: 100, grade: 'A', version: { example: true } });
    expect(full.version.note).toContain('平台示例参数');
    expect(full.criteria).toHaveLength(5);
    const half = (await admin.post(`/api/carriers/${c.id}/evaluate`, { year: 2025 })).json();
    // 15 + 15 (half of 30) + 0 + 20 + 15 = 65 → C.
    expect(half.score).toBe(65);
    expect(half.grade).toBe('C');
    expect(half.criteria.find((x: { id: string }) => x.id === 'rd_spend')).toMatchObject({ verdict: 'partial', points: { value: 15, max: 30 } });
    expect(half.criteria.find((x: { id: string }) => x.id === 'patents')).toMatchObject({ verdict: 'fail', points: { value: 0, max: 20 } });
    expect((await admin.post(`/api/carriers/${c.id}/evaluate`, { year: 2023 })).json().code).toBe('carrier.report_missing');
    const history = (await admin.get(`/api/carriers/${c.id}/reports`)).json();
    expect(history.evaluations.map((e: { grade: string }) => e.grade)).toEqual(['C', 'A']);
  });

  it('takes new parameter versions from a date not in the past, and uses the one in force at the year\'s end', async () => {
    const admin = await t.as('bureau_admin');
    const params = { ...EVAL_EXAMPLE.params, grades: { A: 95, B: 80, C: 65 } };
    expect((await admin.post('/api/carriers/eval-params', { effectiveFrom: '2026-01-01', params })).json().code).toBe('rules.params_in_past');
    expect((await admin.post('/api/carriers/eval-params', { effectiveFrom: '2026-06-15', params: { ...params, points: { ...params.points, staff: 99 } } })).statusCode).toBe(400);
    const v = await admin.post('/api/carriers/eval-params', { effectiveFrom: '2026-06-15', params, docNo: '（示例）厦科规〔2026〕1号' });
    expect(v.statusCode).toBe(201);
    expect((await admin.post('/api/carriers/eval-params', { effectiveFrom: '2026-06-15', params })).json().code).toBe('rules.params_exists');
    const versions = (await admin.get('/api/carriers/eval-params')).json();
    expect(versions.map((x: { current: boolean }) => x.current)).toEqual([false, true]);
  });
});

describe('evaluation rules (pure)', () => {
  const r = { staff: 30, rdSpendFen: 5_000_000_00, patentsGranted: 10, enterprisesServed: 50, achievementsTransferred: 5 };
  it('gives full points at the mark and proportional points below it, rounded down', () => {
    expect(evaluate(2025, r, EVAL_EXAMPLE).score).toBe(100);
    expect(evaluate(2025, { ...r, staff: 29 }, EVAL_EXAMPLE).criteria[0]).toMatchObject({ verdict: 'partial', points: { value: 14, max: 15 } });
    expect(evaluate(2025, { ...r, staff: 0 }, EVAL_EXAMPLE).criteria[0]).toMatchObject({ verdict: 'fail', points: { value: 0 } });
  });
  it('grades at each band edge', () => {
    const g = EVAL_EXAMPLE.params.grades;
    expect([gradeOf(85, g), gradeOf(84, g), gradeOf(70, g), gradeOf(69, g), gradeOf(60, g), gradeOf(59, g)]).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });
  it('picks the version in force on the date, else the example', () => {
    const v = { ...EVAL_EXAMPLE, effectiveFrom: '2026-07-01', example: false };
    expect(versionFor([v], '2026-06-30').example).toBe(true);
    expect(versionFor([v], '2026-07-01').example).toBe(false);
  });
});

describe('public platform services', () => {
  it('only public platforms offer services; enterprises request and rate once', async () => {
    const admin = await t.as('bureau_admin');
    const list = (await admin.get('/api/carriers?kind=public_service_platform')).json();
    const platform = list[0];
    const rd = (await admin.get('/api/carriers?kind=enterprise_rd_center')).json()[0];
    expect((await admin.post(`/api/carriers/${rd.id}/services`, { name: '（示例）检测' })).json().code).toBe('carrier.not_a_platform');
    const s = await admin.post(`/api/carriers/${platform.id}/services`, { name: '（示例）电池安全检测', description: '热滥用、针刺、过充', priceNote: '按项目报价' });
    expect(s.statusCode).toBe(201);
    const ent = await t.as('org_user', { orgId: member.id });
    const req = await ent.post(`/api/carriers/services/${s.json().id}/requests`, { note: '需要 20 组电芯的热滥用测试' });
    expect(req.statusCode).toBe(201);
    const stranger = await t.as('org_user', { orgId: other.id });
    expect((await stranger.post(`/api/carriers/service-requests/${req.json().id}/rate`, { rating: 1 })).json().code).toBe('carrier.request_not_found');
    // Not rated before the platform says it is delivered; only the platform's people mark it done.
    const early = await ent.post(`/api/carriers/service-requests/${req.json().id}/rate`, { rating: 4 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('carrier.request_not_done');
    expect((await ent.post(`/api/carriers/service-requests/${req.json().id}/done`, {})).json().code).toBe('carrier.request_not_found');
    expect((await stranger.post(`/api/carriers/service-requests/${req.json().id}/done`, {})).json().code).toBe('carrier.request_not_found');
    const platformSide = await t.as('org_user', { orgId: platform.host.id });
    const theirs = (await platformSide.get('/api/carriers/service-requests')).json();
    expect(theirs.find((r: { id: string }) => r.id === req.json().id)).toMatchObject({ side: 'platform', status: 'requested', org: '（示例）厦门某材料有限公司' });
    const done = await platformSide.post(`/api/carriers/service-requests/${req.json().id}/done`, { note: '已出具检测报告' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneNote: '已出具检测报告' });
    expect((await platformSide.post(`/api/carriers/service-requests/${req.json().id}/done`, {})).json().code).toBe('carrier.request_not_open');
    expect((await ent.post(`/api/carriers/service-requests/${req.json().id}/rate`, { rating: 6 })).json().code).toBe('request.validation');
    expect((await ent.post(`/api/carriers/service-requests/${req.json().id}/rate`, { rating: 4, comment: '响应及时' })).statusCode).toBe(200);
    expect((await ent.post(`/api/carriers/service-requests/${req.json().id}/rate`, { rating: 5 })).json().code).toBe('carrier.request_already_rated');
    const services = (await (await t.client()).get('/api/carriers/services')).json();
    expect(services.find((x: { id: string }) => x.id === s.json().id)).toMatchObject({ requests: 1, ratings: 1, averageRating: 4 });
    expect((await ent.get('/api/carriers/service-requests')).json()).toMatchObject([{ side: 'requester', status: 'rated', rating: 4, platform: platform.name }]);
    expect((await stranger.get('/api/carriers/service-requests')).json()).toHaveLength(0);
  });
});
