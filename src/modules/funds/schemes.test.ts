// Village collectives and the guidance fund: the 10 % rule through the API, the district
// roll-up against the letter, and the venture figures at hand-computed values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { createOrg } from '../registry/registry.service.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

type C = Awaited<ReturnType<TestApp['as']>>;
let t: TestApp;
let admin: C;
let jimeiOfficer: C;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  jimeiOfficer = await t.as('district_officer', { district: 'jimei' });
});
afterAll(() => t.close());

describe('village collectives', () => {
  it('records villages and incomes, caps support at 10 % of investment, and rolls up by district against the letter', async () => {
    const v1 = (await admin.post('/api/funds/villages', { code: 'T-JM-1', name: '测试一村', district: 'jimei' })).json();
    const v2 = (await admin.post('/api/funds/villages', { code: 'T-JM-2', name: '测试二村', district: 'jimei' })).json();
    const v3 = (await admin.post('/api/funds/villages', { code: 'T-TA-1', name: '测试三村', district: 'tongan' })).json();
    expect((await admin.post('/api/funds/villages', { code: 'T-JM-1', name: '重复', district: 'jimei' })).statusCode).toBe(409);
    for (const [v, income] of [[v1, 600_0000_00], [v2, 400_0000_00], [v3, 100_0000_00]] as const) {
      expect((await admin.post(`/api/funds/villages/${v.id}/incomes`, { year: 2024, incomeFen: income })).statusCode).toBe(200);
    }
    expect((await admin.post(`/api/funds/villages/${v1.id}/incomes`, { year: 2024, incomeFen: -1 })).statusCode).toBe(400);

    const p = await admin.post('/api/funds/collective-projects', { villageId: v1.id, ref: 'T-VC-1', name: '测试集体项目', investmentFen: 10_000_000, operator: '测试一村股份经济合作社' });
    expect(p.statusCode, p.body).toBe(201);
    const f = (await admin.post('/api/funds', { code: 'T-VC-FUND', name: '测试村集体资金', kind: 'village_collective', sourceLevel: 'city', purpose: '测试', rules: { recipientKinds: ['collective_project'] } })).json();
    await admin.post(`/api/funds/${f.id}/appropriations`, { amountFen: 5_000_000, contributor: '市财政' });
    const over = await admin.post(`/api/funds/${f.id}/allocations`, { recipientId: p.json().id, amountFen: 1_000_001, use: 'collective_project' });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('fund.support_above_share');
    expect((await admin.post(`/api/funds/${f.id}/allocations`, { recipientId: p.json().id, amountFen: 1_000_000, use: 'collective_project' })).statusCode).toBe(201);

    // A project registered with its first support: above 10 % refuses the project too (nothing half-created).
    const withSupport = (amountFen: number) => admin.post('/api/funds/collective-projects', { villageId: v3.id, ref: 'T-VC-2', name: '带扶持的集体项目', investmentFen: 2_000_000, operator: '测试三村股份经济合作社', support: { fundId: f.id, amountFen } });
    const tooMuch = await withSupport(200_001);
    expect(tooMuch.json()).toMatchObject({ code: 'fund.support_above_share', status: 409 });
    expect((await admin.get('/api/funds/recipients?kind=collective_project')).json().map((r: { ref: string }) => r.ref)).toEqual(['T-VC-1']);
    expect((await withSupport(0)).json().code).toBe('request.validation');
    const supported = await withSupport(200_000);
    expect(supported.statusCode, supported.body).toBe(201);
    expect((await admin.get('/api/funds/recipients?kind=collective_project')).json().find((r: { ref: string }) => r.ref === 'T-VC-2')).toMatchObject({ allocatedFen: 200_000, district: 'tongan' });

    const roll = (await admin.get('/api/funds/villages/rollup?year=2024')).json();
    const jimei = roll.districts.find((d: { district: string }) => d.district === 'jimei');
    expect(jimei).toMatchObject({ villages: 2, reporting: 2, incomeFen: 1_000_0000_00, averageIncomeFen: 500_0000_00, projects: 1, investmentFen: 10_000_000, supportFen: 1_000_000 });
    expect(roll.city).toMatchObject({ villages: 3, reporting: 3, averageIncomeFen: 366_6666_67, projects: 2, supportFen: 1_200_000 });
    expect(roll.letter).toMatchObject({ villages: 319, averageIncomeFen: 509_1000_00, jimeiProjects: 19, jimeiAnnualIncomeFen: 6000_0000_00, supportCapPercent: 10 });
    expect(roll.letter.source).toContain('厦科函〔2025〕84号');

    // A district officer sees its own district only.
    const mine = (await jimeiOfficer.get('/api/funds/villages?year=2024')).json();
    expect(mine.items.map((v: { code: string }) => v.code)).toEqual(['T-JM-1', 'T-JM-2']);
    expect(mine.items[0]).toMatchObject({ incomeFen: 600_0000_00, projects: 1, supportFen: 1_000_000 });
    expect((await jimeiOfficer.get('/api/funds/villages/rollup')).json().districts.map((d: { district: string }) => d.district)).toEqual(['jimei']);
  });
});

describe('guidance fund and sub-funds', () => {
  it('computes early, small and hard-tech shares, in-city reinvestment and leverage', async () => {
    const org = await createOrg(t.ctx, { uscc: withCheckChar('91350211MA8VENTUR'), name: '测试被投科技有限公司', kind: 'enterprise', district: 'jimei', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
    const g = (await admin.post('/api/funds/ventures', { code: 'T-GF', name: '测试引导基金', kind: 'guidance', sizeFen: 1_000_000 })).json();
    const sub = await admin.post('/api/funds/ventures', { code: 'T-SUB', name: '测试子基金', kind: 'sub_fund', parentId: g.id, sizeFen: 100_000, committedFen: 25_000, paidInFen: 10_000, reinvestTargetBp: 15_000, mandateTags: ['early', 'hard_tech'] });
    expect(sub.statusCode, sub.body).toBe(201);
    expect((await admin.post('/api/funds/ventures', { code: 'T-BAD', name: '超额实缴', kind: 'sub_fund', sizeFen: 100, committedFen: 10, paidInFen: 11 })).statusCode).toBe(409);
    const id = sub.json().id;
    expect((await admin.post(`/api/funds/ventures/${id}/investments`, { orgUscc: org.uscc, round: 'A', stage: 'a', amountFen: 10_000, investedOn: '2025-03-01', small: true })).statusCode).toBe(201);
    expect((await admin.post(`/api/funds/ventures/${id}/investments`, { targetName: '市外公司', round: 'B', stage: 'b', amountFen: 20_000, investedOn: '2025-04-01', hardTech: true })).statusCode).toBe(201);
    expect((await admin.post(`/api/funds/ventures/${id}/investments`, { targetName: '零元', round: 'B', stage: 'b', amountFen: 0, investedOn: '2025-04-01' })).statusCode).toBe(400);

    const list = (await jimeiOfficer.get('/api/funds/ventures')).json() as Record<string, unknown>[];
    const s = list.find((x) => x.code === 'T-SUB')!;
    expect(s).toMatchObject({ investedFen: 30_000, deals: 2, earlySharePct: 33.33, smallSharePct: 33.33, hardTechSharePct: 66.67, inCityFen: 10_000, reinvestRatio: 0.4, leverage: 4 });
    // The guidance fund sums its sub-funds.
    expect(list.find((x) => x.code === 'T-GF')).toMatchObject({ subFunds: 1, investedFen: 30_000, reinvestRatio: 0.4, leverage: 4 });
    const inv = (await admin.get(`/api/funds/ventures/${id}/investments`)).json();
    expect(inv.map((i: { inCity: boolean; early: boolean }) => [i.inCity, i.early])).toEqual([[true, true], [false, false]]);
  });
});
