// Mountain–sea cooperation agreements: records, county projects under them, allocations held to
// the agreement's city and district commitments and the fund's per-county cap, the tracking
// figures per agreement, and bad input refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../server/context.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createAgreement, createAgreementProject, getAgreement } from './agreements.ts';
import { AgreementCreateSchema } from './funds.schema.ts';
import * as funds from './funds.service.ts';

type C = Awaited<ReturnType<TestApp['as']>>;
const WAN = 10_000_00;
let t: TestApp;
let admin: C;
let checker: C;
let officer: C;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  checker = await t.as('bureau_admin');
  officer = await t.as('district_officer', { district: 'jimei' });
});
afterAll(() => t.close());

const agreement = (extra: Record<string, unknown> = {}) => ({
  code: `T-AG-${Math.random().toString(36).slice(2, 8)}`, title: '厦门市集美区—龙岩市武平县山海协作框架协议（测试）', district: 'jimei', county: 'wuping',
  docNo: '测试〔2025〕1号', signedOn: '2025-03-01', periodFrom: '2025-03-01', periodTo: '2027-12-31',
  committedCityFen: 300 * WAN, committedDistrictFen: 100 * WAN, ...extra,
});

async function fund(code: string, sourceLevel: 'city' | 'district', capPerCountyFen?: number) {
  const f = (await admin.post('/api/funds', {
    code, name: `${code} 山海协作资金`, kind: 'mountain_sea', sourceLevel, purpose: '测试',
    rules: { eligibleUses: ['county_project'], recipientKinds: ['county_project'], ...(capPerCountyFen ? { capPerCountyFen } : {}) },
  })).json();
  await admin.post(`/api/funds/${f.id}/appropriations`, { amountFen: 2_000 * WAN, contributor: sourceLevel === 'city' ? '市本级' : '集美区' });
  return f.id as string;
}

describe('mountain–sea cooperation agreements', () => {
  it('records an agreement, its county projects, and tracks allocations and payments against its commitments and the county cap', async () => {
    const created = await admin.post('/api/funds/agreements', agreement({ code: 'T-AG-WP' }));
    expect(created.statusCode, created.body).toBe(201);
    const ag = created.json();
    expect(ag).toMatchObject({ pairing: 'xiamen_longyan', county: 'wuping', status: 'active', synthetic: false, projects: 0, city: { committedFen: 300 * WAN, uncommittedFen: 300 * WAN } });

    const p1 = await admin.post(`/api/funds/agreements/${ag.id}/projects`, { ref: 'T-MS-001', name: '武平县产业园共建项目', investmentFen: 5_000 * WAN });
    expect(p1.statusCode, p1.body).toBe(201);
    const p2 = (await admin.post(`/api/funds/agreements/${ag.id}/projects`, { ref: 'T-MS-002', name: '武平县人才交流项目', county: 'wuping' })).json();
    const recipients = (await officer.get('/api/funds/recipients?kind=county_project')).json() as { ref: string; county: string; agreementId: string; district: string }[];
    expect(recipients.find((r) => r.ref === 'T-MS-001')).toMatchObject({ county: 'wuping', agreementId: ag.id, district: 'jimei' });

    const city = await fund('T-MS-CITY', 'city', 250 * WAN);
    const district = await fund('T-MS-DIST', 'district');
    const alloc = (fundId: string, recipientId: string, amountFen: number) => admin.post(`/api/funds/${fundId}/allocations`, { recipientId, amountFen, use: 'county_project' });
    const a1 = (await alloc(city, p1.json().id, 200 * WAN)).json();
    // The fund's per-county cap (250万) binds before the agreement's city commitment (300万).
    const capped = await alloc(city, p2.id, 50 * WAN + 1);
    expect(capped.statusCode).toBe(409);
    expect(capped.json().code).toBe('fund.cap_exceeded');
    expect((await alloc(city, p2.id, 50 * WAN)).statusCode).toBe(201);
    // District funds count against the district commitment (100万).
    expect((await alloc(district, p1.json().id, 80 * WAN)).statusCode).toBe(201);
    const over = await alloc(district, p2.id, 20 * WAN + 1);
    expect(over.json()).toMatchObject({ code: 'fund.over_commitment', status: 409 });
    expect(over.json().detail).toContain('T-AG-WP');

    // A payment of 120万 on the first project, approved by a second administrator; 30万 waiting.
    const d = (await admin.post(`/api/funds/allocations/${a1.id}/disbursements`, { amountFen: 120 * WAN, reference: 'T-MS-PAY-1' })).json();
    await checker.post(`/api/funds/disbursements/${d.id}/approve`, {});
    await admin.post(`/api/funds/allocations/${a1.id}/disbursements`, { amountFen: 30 * WAN, reference: 'T-MS-PAY-2' });

    const detail = (await officer.get(`/api/funds/agreements/${ag.id}`)).json();
    expect(detail.projects).toBe(2);
    expect(detail.city).toEqual({ committedFen: 300 * WAN, allocatedFen: 250 * WAN, paidFen: 120 * WAN, pendingFen: 30 * WAN, unpaidFen: 130 * WAN, uncommittedFen: 50 * WAN });
    expect(detail.districtSide).toMatchObject({ committedFen: 100 * WAN, allocatedFen: 80 * WAN, paidFen: 0, uncommittedFen: 20 * WAN });
    expect(detail.projectList.map((p: { ref: string; allocatedFen: number; paidFen: number; pendingFen: number }) => [p.ref, p.allocatedFen, p.paidFen, p.pendingFen]))
      .toEqual([['T-MS-001', 280 * WAN, 120 * WAN, 30 * WAN], ['T-MS-002', 50 * WAN, 0, 0]]);
    const cityRow = detail.funds.find((f: { code: string }) => f.code === 'T-MS-CITY');
    expect(cityRow).toMatchObject({ county: 'wuping', allocatedFen: 250 * WAN, capPerCountyFen: 250 * WAN, countyAllocatedFen: 250 * WAN, countyHeadroomFen: 0 });
    expect(detail.funds.find((f: { code: string }) => f.code === 'T-MS-DIST')).toMatchObject({ capPerCountyFen: null, countyHeadroomFen: null });

    const list = (await officer.get('/api/funds/agreements?county=wuping')).json();
    expect(list.map((a: { code: string }) => a.code)).toEqual(['T-AG-WP']);
    expect((await officer.get('/api/funds/agreements?county=changting')).json()).toEqual([]);

    // A terminated agreement takes no new projects and no new allocations; reactivated, it does again.
    const done = await admin.post(`/api/funds/agreements/${ag.id}/status`, { status: 'terminated', note: '测试终止' });
    expect(done.json()).toMatchObject({ status: 'terminated', note: '测试终止' });
    expect((await admin.post(`/api/funds/agreements/${ag.id}/projects`, { ref: 'T-MS-003', name: '终止后项目' })).json().code).toBe('fund.agreement_not_active');
    expect((await alloc(district, p2.id, WAN)).json().code).toBe('fund.agreement_not_active');
    expect((await admin.post(`/api/funds/agreements/${ag.id}/status`, { status: 'active' })).json().status).toBe('active');
    expect((await alloc(district, p2.id, 20 * WAN)).statusCode).toBe(201);
  });

  it('refuses bad agreements and projects with problem+json, and leaves district officers read-only', async () => {
    const bad = async (body: Record<string, unknown>) => (await admin.post('/api/funds/agreements', body)).json();
    expect((await bad(agreement({ periodFrom: '2026-01-01', periodTo: '2025-12-31' }))).code).toBe('fund.agreement_period_invalid');
    expect((await bad(agreement({ committedCityFen: -1 }))).code).toBe('request.validation');
    expect((await bad(agreement({ county: 'fuzhou' }))).code).toBe('request.validation');
    expect((await bad(agreement({ signedOn: '2025-02-30' }))).code).toBe('request.validation');
    const ok = (await admin.post('/api/funds/agreements', agreement({ code: 'T-AG-DUP', county: undefined }))).json();
    const dup = await bad(agreement({ code: 'T-AG-DUP' }));
    expect(dup).toMatchObject({ code: 'fund.agreement_code_taken', status: 409 });
    expect(dup.detail).toBeTruthy();
    // An agreement with Longyan as a whole needs the project's county; one with a county refuses another.
    expect((await admin.post(`/api/funds/agreements/${ok.id}/projects`, { ref: 'T-MS-X1', name: '未指定县' })).json().code).toBe('fund.county_required');
    expect((await admin.post(`/api/funds/agreements/${ok.id}/projects`, { ref: 'T-MS-X1', name: '长汀项目', county: 'changting' })).statusCode).toBe(201);
    expect((await admin.post(`/api/funds/agreements/${ok.id}/projects`, { ref: 'T-MS-X1', name: '重复编号', county: 'changting' })).json().code).toBe('fund.recipient_ref_taken');
    const wp = (await admin.get('/api/funds/agreements?county=wuping')).json()[0];
    expect((await admin.post(`/api/funds/agreements/${wp.id}/projects`, { ref: 'T-MS-X2', name: '错县项目', county: 'changting' })).json().code).toBe('fund.agreement_county_mismatch');
    expect((await admin.post(`/api/funds/agreements/${wp.id}/status`, { status: 'paused' })).json().code).toBe('request.validation');
    expect((await admin.get('/api/funds/agreements/00000000-0000-4000-8000-000000000999')).json().code).toBe('fund.agreement_not_found');
    expect((await admin.post('/api/funds/agreements/00000000-0000-4000-8000-000000000999/projects', { ref: 'T-MS-X3', name: '无协议', county: 'wuping' })).json().code).toBe('fund.agreement_not_found');
    expect((await officer.post('/api/funds/agreements', agreement())).statusCode).toBe(403);
    // Nothing was created by the refused calls.
    expect((await admin.get('/api/funds/agreements')).json().map((a: { code: string }) => a.code).sort()).toEqual(['T-AG-DUP', 'T-AG-WP']);
    const audit = (await admin.get('/api/audit?entityType=ms_agreement')).json();
    expect(JSON.stringify(audit)).toContain('fund.agreement.create');
  });

  it('two city funds allocating to one agreement at once never exceed its commitment (the agreement row is locked)', async () => {
    const ctx: Ctx = { ...t.ctx, system: false, actor: { userId: admin.userId, username: admin.username, role: 'bureau_admin', district: null, orgId: null } };
    const ag = await createAgreement(ctx, AgreementCreateSchema.parse(agreement({ code: 'T-AG-RACE', county: 'liancheng', committedCityFen: 100, committedDistrictFen: 0 })));
    const projects = [
      await createAgreementProject(ctx, ag.id, { ref: 'T-MS-RACE-1', name: '并发项目一' }),
      await createAgreementProject(ctx, ag.id, { ref: 'T-MS-RACE-2', name: '并发项目二' }),
    ];
    const ids: string[] = [];
    for (const code of ['T-RACE-A', 'T-RACE-B']) {
      const f = await funds.createFund(ctx, { code, name: '并发山海资金', kind: 'mountain_sea', sourceLevel: 'city', purpose: '并发' });
      await funds.appropriate(ctx, f.id, { amountFen: 1_000, contributor: '市本级' });
      ids.push(f.id);
    }
    // Two funds and two projects: different fund locks and different recipient locks; only the agreement
    // lock keeps them from both spending the same commitment.
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => funds.allocate(ctx, ids[i % 2], { recipientId: projects[i % 2].id, amountFen: 7, use: 'county_project' })));
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(14);
    expect(new Set(results.filter((x) => x.status === 'rejected').map((x) => ((x as PromiseRejectedResult).reason as { code?: string }).code))).toEqual(new Set(['fund.over_commitment']));
    expect((await getAgreement(ctx, ag.id)).city).toMatchObject({ committedFen: 100, allocatedFen: 98, uncommittedFen: 2 });
  }, 120_000);
});
