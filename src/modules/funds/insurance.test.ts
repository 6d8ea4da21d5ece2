// R&D insurance (厦研保): a policy's premium becomes the year's fact and so the policy module's
// premium subsidy; claims stay within the policy's period and sum insured; scope and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { OrgCreateSchema } from '../registry/registry.schema.ts';
import { ensurePolicyLibrary } from '../policies/library.ts';

const WAN = 10_000_00;
let t: TestApp;
let admin: Client;
let own: Client;
let other: Client;
let officer: Client;
let productId: string;
const uscc = withCheckChar('91350200MA3XNA001');
const uscc2 = withCheckChar('91350200MA3XNA002');
const uni = withCheckChar('12350200MA3XNA003');

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-15T08:00:00Z') });
  await ensurePolicyLibrary(t.ctx);
  const a = await createOrg(t.ctx, OrgCreateSchema.parse({ uscc, name: '保险甲科技有限公司', kind: 'enterprise', district: 'huli' }));
  const b = await createOrg(t.ctx, OrgCreateSchema.parse({ uscc: uscc2, name: '保险乙科技有限公司', kind: 'enterprise', district: 'siming' }));
  await createOrg(t.ctx, OrgCreateSchema.parse({ uscc: uni, name: '保险丙大学', kind: 'university', district: 'siming' }));
  admin = await t.as('bureau_admin');
  own = await t.as('org_user', { orgId: a.id });
  other = await t.as('org_user', { orgId: b.id });
  officer = await t.as('district_officer', { district: 'siming' });
  const p = await admin.post('/api/funds/insurance/products', { code: 'XYB-RD', name: '研发费用损失险（测试）', insurer: '测试保险公司', coverage: 'rd_expense_loss', premiumRateBp: 200, maxSumInsuredFen: 500 * WAN });
  expect(p.statusCode, p.body).toBe(201);
  productId = p.json().id;
});
afterAll(() => t.close());

const policy = (extra: Record<string, unknown> = {}) => ({ productId, uscc, policyNo: `P-${Math.random().toString(36).slice(2, 10)}`, sumInsuredFen: 300 * WAN, premiumFen: 6 * WAN, startsOn: '2026-03-01', endsOn: '2027-02-28', ...extra });

describe('R&D insurance (厦研保)', () => {
  it('turns the year\'s premiums into the organisation\'s fact and the premium subsidy', async () => {
    const first = await own.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2026-0001' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ policyNo: 'XYB-2026-0001', premiumFen: 6 * WAN, status: 'active' });
    expect((await own.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2026-0002', premiumFen: 4 * WAN }))).statusCode).toBe(201);
    // A policy starting next year counts for next year.
    expect((await own.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2027-0001', startsOn: '2027-01-01', endsOn: '2027-12-31' }))).statusCode).toBe(201);
    const facts = (await admin.get(`/api/orgs/${uscc}/facts`)).json() as { fiscalYear: number; facts: Record<string, unknown>; sources: Record<string, { kind: string; ref: string }> }[];
    const y2026 = facts.find((f) => f.fiscalYear === 2026)!;
    expect(y2026.facts.rdInsurancePremium).toBe(10 * WAN);
    expect(y2026.sources.rdInsurancePremium.ref).toContain('厦研保');
    expect(facts.find((f) => f.fiscalYear === 2027)!.facts.rdInsurancePremium).toBe(6 * WAN);

    // The subsidy is a benefit of the policy module: 50 % of 10万 = 5万 once the bureau publishes it.
    expect((await admin.patch('/api/policies/xm-rd-insurance-template', { status: 'published' })).statusCode).toBe(200);
    const pub = await admin.post('/api/benefits/xm_rd_insurance_subsidy/versions/1/publish');
    expect(pub.statusCode, pub.body).toBe(200);
    const calc = (await own.get(`/api/orgs/${uscc}/benefits?year=2026`)).json();
    const subsidy = calc.benefits.find((b: { code: string }) => b.code === 'xm_rd_insurance_subsidy');
    expect(subsidy).toMatchObject({ verdict: 'eligible', amount: 5 * WAN, exampleAmounts: true });
  });

  it('keeps claims within the policy period and the remaining sum insured, and records the insurer\'s decision once', async () => {
    const e = (await own.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2026-0100', sumInsuredFen: 100 * WAN, premiumFen: 2 * WAN }))).json();
    const claim = (body: Record<string, unknown>) => own.post(`/api/funds/insurance/enrolments/${e.id}/claims`, { lossOn: '2026-09-01', claimedFen: 60 * WAN, description: '研发失败损失', ...body });
    expect((await claim({ lossOn: '2026-02-28' })).json().code).toBe('insurance.loss_outside_period');
    expect((await claim({ lossOn: '2027-03-01' })).json().code).toBe('insurance.loss_outside_period');
    const c1 = await claim({ lossOn: '2027-02-28' }); // the last day of the period is inside it
    expect(c1.statusCode, c1.body).toBe(201);
    // 60万 open: another 40万 fits exactly, 40万 and 1 fen does not.
    expect((await claim({ claimedFen: 40 * WAN + 1 })).json().code).toBe('insurance.over_sum_insured');
    // The enterprise cannot record the insurer's decision.
    expect((await own.post(`/api/funds/insurance/claims/${c1.json().id}/decision`, { status: 'paid', payoutFen: 50 * WAN })).statusCode).toBe(403);
    expect((await admin.post(`/api/funds/insurance/claims/${c1.json().id}/decision`, { status: 'paid', payoutFen: 60 * WAN + 1 })).json().code).toBe('insurance.payout_invalid');
    const paid = await admin.post(`/api/funds/insurance/claims/${c1.json().id}/decision`, { status: 'paid', payoutFen: 50 * WAN, note: '按约定赔付' });
    expect(paid.json()).toMatchObject({ status: 'paid', payoutFen: 50 * WAN });
    expect((await admin.post(`/api/funds/insurance/claims/${c1.json().id}/decision`, { status: 'rejected' })).json().code).toBe('insurance.claim_decided');
    // After a 50万 payout, 50万 is left.
    expect((await claim({ claimedFen: 50 * WAN })).statusCode).toBe(201);
    expect((await admin.post(`/api/funds/insurance/enrolments/${e.id}/cancel`)).json().code).toBe('insurance.has_claims');

    const summary = (await admin.get('/api/funds/insurance/summary?year=2026')).json();
    expect(summary).toMatchObject({ enrolledOrgs: 1, policies: 3, premiumFen: 12 * WAN, claims: 2, openClaims: 1, paidOutFen: 50 * WAN });
    expect(summary.lossRatio).toBeCloseTo(50 / 12, 4);
  });

  it('refuses bad policies and cancels a policy\'s premium out of the fact', async () => {
    const bad = async (extra: Record<string, unknown>) => (await admin.post('/api/funds/insurance/enrolments', policy(extra))).json().code;
    expect(await bad({ endsOn: '2026-03-01' })).toBe('insurance.period_invalid');
    expect(await bad({ premiumFen: 301 * WAN })).toBe('insurance.premium_over_sum');
    expect(await bad({ sumInsuredFen: 500 * WAN + 1 })).toBe('insurance.over_max_sum');
    expect(await bad({ policyNo: 'XYB-2026-0001' })).toBe('insurance.policy_taken');
    expect(await bad({ uscc: uni })).toBe('insurance.not_enterprise');
    expect(await bad({ productId: '00000000-0000-4000-8000-000000000999' })).toBe('insurance.product_not_found');
    expect(await bad({ premiumFen: -1 })).toBe('request.validation');
    expect((await admin.post('/api/funds/insurance/products', { code: 'XYB-RD', name: '重复', insurer: '测试', coverage: 'rd_failure', premiumRateBp: 100, maxSumInsuredFen: WAN })).json().code).toBe('insurance.code_taken');

    const e = (await admin.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2026-0200', premiumFen: 3 * WAN }))).json();
    const premium = async () => ((await admin.get(`/api/orgs/${uscc}/facts`)).json() as { fiscalYear: number; facts: Record<string, number> }[]).find((f) => f.fiscalYear === 2026)!.facts.rdInsurancePremium;
    expect(await premium()).toBe(15 * WAN);
    expect((await admin.post(`/api/funds/insurance/enrolments/${e.id}/cancel`)).json().status).toBe('cancelled');
    expect(await premium()).toBe(12 * WAN);
  });

  it('shows each enterprise its own policies only, and a district officer its district\'s', async () => {
    // Another enterprise cannot enrol, read or claim on someone else's policy.
    expect((await other.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-OTHER-1' }))).json().code).toBe('org.not_found');
    const mine = (await own.get('/api/funds/insurance/enrolments')).json() as { uscc: string; id: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await other.get('/api/funds/insurance/enrolments')).json()).toEqual([]);
    expect((await other.post(`/api/funds/insurance/enrolments/${mine[0].id}/claims`, { lossOn: '2026-09-01', claimedFen: WAN, description: '越权' })).json().code).toBe('insurance.enrolment_not_found');
    // 保险甲 is in Huli: a Siming officer sees none of its policies.
    expect((await officer.get('/api/funds/insurance/enrolments')).json()).toEqual([]);
    expect((await officer.get('/api/funds/insurance/summary?year=2026')).json()).toMatchObject({ policies: 0 });
  });
  it('pays an approved premium-subsidy batch through a fund: one request per grant, never twice, a later batch only the difference', async () => {
    const checker = await t.as('bureau_admin');
    const fund = (await admin.post('/api/funds', { code: 'T-XYB-SUB', name: '厦研保保费补贴资金（测试）', kind: 'rd_insurance', sourceLevel: 'city', purpose: '测试', rules: { eligibleUses: ['rd_insurance_subsidy'], recipientKinds: ['org'] } })).json();
    await admin.post(`/api/funds/${fund.id}/appropriations`, { amountFen: 100 * WAN, contributor: '市财政' });
    const run = (await admin.post('/api/auto-grants', { benefit: 'xm_rd_insurance_subsidy', asOf: '2027-03-15' })).json();
    // A pending batch cannot be paid.
    const early = await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run.id });
    expect(early.json().code).toBe('fund.batch_not_approved');
    expect((await checker.post(`/api/auto-grants/${run.id}/approve`)).statusCode).toBe(200);
    // A fund without enough money refuses the whole batch, and nothing is allocated.
    const poor = (await admin.post('/api/funds', { code: 'T-XYB-POOR', name: '余额不足资金', kind: 'rd_insurance', sourceLevel: 'city', purpose: '测试' })).json();
    await admin.post(`/api/funds/${poor.id}/appropriations`, { amountFen: WAN, contributor: '市财政' });
    expect((await admin.post(`/api/funds/${poor.id}/grant-payments`, { batchId: run.id })).json().code).toBe('fund.over_appropriation');
    expect((await admin.get(`/api/funds/${poor.id}`)).json().balances).toMatchObject({ allocatedFen: 0, pendingFen: 0 });
    // 保险甲's 2026 premiums are 12万 after the cancellation above: 50 % = 6万.
    const paid = await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run.id });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ requested: 1, totalFen: 6 * WAN, alreadyRequested: 0 });
    const queue = (await checker.get(`/api/funds/disbursements?status=pending&fundId=${fund.id}`)).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ reference: `AG-${run.id}-${uscc}`, amountFen: 6 * WAN, payee: '保险甲科技有限公司' });
    // Asking again requests nothing more; the derived reference cannot be used by hand either.
    expect((await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run.id })).json()).toMatchObject({ requested: 0, totalFen: 0, alreadyRequested: 1 });
    const by = await admin.post(`/api/funds/allocations/${queue.items[0].allocationId}/disbursements`, { amountFen: 1, reference: `AG-${run.id}-${uscc}` });
    expect(by.json().code).toBe('fund.reference_taken');
    // The maker cannot approve it; a second administrator does, and it is posted.
    expect((await admin.post(`/api/funds/disbursements/${queue.items[0].id}/approve`, {})).json().code).toBe('fund.self_approval');
    expect((await checker.post(`/api/funds/disbursements/${queue.items[0].id}/approve`, {})).json().status).toBe('approved');
    expect((await officer.get(`/api/funds/grant-payments?batchId=${run.id}`)).json()).toMatchObject({ requests: 1, approvedFen: 6 * WAN, pendingFen: 0, funds: ['T-XYB-SUB'] });

    // A new policy raises the premiums to 16万 (subsidy 8万): the next approved batch pays 2万 more.
    expect((await own.post('/api/funds/insurance/enrolments', policy({ policyNo: 'XYB-2026-0300', premiumFen: 4 * WAN }))).statusCode).toBe(201);
    const run2 = (await admin.post('/api/auto-grants', { benefit: 'xm_rd_insurance_subsidy', asOf: '2027-03-16' })).json();
    expect((await checker.post(`/api/auto-grants/${run2.id}/approve`)).statusCode).toBe(200);
    // The superseded batch can no longer be paid.
    expect((await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run.id })).json().code).toBe('fund.batch_not_approved');
    expect((await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run2.id })).json()).toMatchObject({ requested: 1, totalFen: 2 * WAN });
    const balances = (await admin.get(`/api/funds/${fund.id}`)).json().balances;
    expect(balances).toMatchObject({ appropriatedFen: 100 * WAN, allocatedFen: 8 * WAN, paidFen: 6 * WAN, pendingFen: 2 * WAN });

    // Bad input: an unknown batch, a fund without the money, a district officer.
    expect((await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: '00000000-0000-4000-8000-000000000999' })).json().code).toBe('grant.not_found');
    expect((await admin.post(`/api/funds/${fund.id}/grant-payments`, { batchId: 'nope' })).json().code).toBe('request.validation');
    expect((await officer.post(`/api/funds/${fund.id}/grant-payments`, { batchId: run2.id })).statusCode).toBe(403);
  });
});
