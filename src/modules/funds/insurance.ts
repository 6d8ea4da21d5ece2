// R&D insurance (厦研保): products, enrolments, claims and the portfolio summary. An
// enrolment's premium becomes the organisation's `rdInsurancePremium` fact for the year the
// policy starts (the source names the policy), so the premium subsidy is the policy module's
// benefit `xm_rd_insurance_subsidy`: the calculator shows it and a 免申即享 batch grants it.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { rows, type Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { applyFacts, notifyOrgsChanged, visibleOrgs } from '../registry/registry.service.ts';
import {
  rdInsuranceClaims, rdInsuranceEnrolments, rdInsuranceProducts,
  type ClaimCreateSchema, type ClaimDecisionSchema, type EnrolmentCreateSchema, type ProductCreateSchema,
} from './insurance.schema.ts';
import type { z } from 'zod';

export const SUBSIDY_BENEFIT = 'xm_rd_insurance_subsidy';
const n = (v: unknown) => Number(v ?? 0);
const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';

export async function listProducts(ctx: Ctx) {
  const list = await ctx.db.select().from(rdInsuranceProducts).orderBy(desc(rdInsuranceProducts.active), rdInsuranceProducts.code);
  const counts = await rows<{ product_id: string; n: number }>(ctx.db, sql`
    select e.product_id, count(*)::int as n from rd_insurance_enrolments e join orgs on orgs.id = e.org_id
    where e.status = 'active' and ${visibleOrgs(ctx) ?? sql`true`} group by e.product_id`);
  const by = new Map(counts.map((c) => [c.product_id, c.n]));
  return list.map((p) => ({ ...p, createdAt: undefined, enrolments: by.get(p.id) ?? 0 }));
}

export async function createProduct(ctx: Ctx, input: z.infer<typeof ProductCreateSchema>, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: rdInsuranceProducts.id }).from(rdInsuranceProducts).where(eq(rdInsuranceProducts.code, input.code));
    if (taken) throw new AppError('insurance.code_taken', { code: input.code });
    const [row] = await tx.insert(rdInsuranceProducts).values({ ...input, synthetic: opts.synthetic ?? false, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'rd_insurance.product_create', entityType: 'rd_insurance_product', entityId: row.id, after: row });
    return { ...row, createdAt: undefined, enrolments: 0 };
  });
}

/** The org's premiums of active policies starting in `year`, written as its fact for that year. */
async function writePremiumFact(tx: Tx, ctx: Ctx, org: { id: string; uscc: string }, year: number, policyNo: string) {
  const [sum] = await rows<{ s: string | null }>(tx, sql`select sum(premium_fen)::text as s from rd_insurance_enrolments
    where org_id = ${org.id} and status = 'active' and extract(year from starts_on) = ${year}`);
  await applyFacts(tx, ctx, org, year, { rdInsurancePremium: n(sum?.s) }, { kind: 'api', ref: `厦研保 ${policyNo}` });
}

async function visibleOrg(tx: Tx, ctx: Ctx, uscc: string) {
  const [org] = await tx.select({ id: orgs.id, uscc: orgs.uscc, kind: orgs.kind }).from(orgs).where(and(eq(orgs.uscc, uscc.toUpperCase()), visibleOrgs(ctx))).for('update');
  if (!org) throw new AppError('org.not_found', { uscc });
  return org;
}

export async function createEnrolment(ctx: Ctx, input: z.infer<typeof EnrolmentCreateSchema>, opts: { synthetic?: boolean } = {}) {
  if (input.endsOn <= input.startsOn) throw new AppError('insurance.period_invalid', { startsOn: input.startsOn, endsOn: input.endsOn });
  if (input.premiumFen > input.sumInsuredFen) throw new AppError('insurance.premium_over_sum', { premium: input.premiumFen, sum: input.sumInsuredFen });
  const { row, orgId } = await ctx.db.transaction(async (tx) => {
    const org = await visibleOrg(tx, ctx, input.uscc);
    if (org.kind !== 'enterprise') throw new AppError('insurance.not_enterprise', { uscc: org.uscc });
    const [product] = await tx.select().from(rdInsuranceProducts).where(eq(rdInsuranceProducts.id, input.productId));
    if (!product || !product.active) throw new AppError('insurance.product_not_found');
    if (input.sumInsuredFen > product.maxSumInsuredFen) throw new AppError('insurance.over_max_sum', { sum: input.sumInsuredFen, max: product.maxSumInsuredFen });
    const [taken] = await tx.select({ id: rdInsuranceEnrolments.id }).from(rdInsuranceEnrolments).where(eq(rdInsuranceEnrolments.policyNo, input.policyNo));
    if (taken) throw new AppError('insurance.policy_taken', { policyNo: input.policyNo });
    const [row] = await tx.insert(rdInsuranceEnrolments).values({
      productId: product.id, orgId: org.id, policyNo: input.policyNo, sumInsuredFen: input.sumInsuredFen, premiumFen: input.premiumFen,
      startsOn: input.startsOn, endsOn: input.endsOn, synthetic: opts.synthetic ?? false, createdBy: actorName(ctx), createdAt: ctx.now(),
    }).returning();
    await writePremiumFact(tx, ctx, org, Number(input.startsOn.slice(0, 4)), input.policyNo);
    await recordAudit(tx, ctx, { action: 'rd_insurance.enrol', entityType: 'rd_insurance_enrolment', entityId: row.id, after: row });
    return { row, orgId: org.id };
  });
  await notifyOrgsChanged(ctx, [orgId]);
  return getEnrolment(ctx, row.id);
}

/** Cancelling a policy takes its premium out of the year's fact; not once the insurer has paid on it. */
export async function cancelEnrolment(ctx: Ctx, id: string) {
  const orgId = await ctx.db.transaction(async (tx) => {
    const e = await findEnrolment(tx, ctx, id, true);
    if (e.status === 'cancelled') throw new AppError('insurance.enrolment_cancelled');
    const [paid] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from rd_insurance_claims where enrolment_id = ${id} and status <> 'rejected'`);
    if (n(paid?.n) > 0) throw new AppError('insurance.has_claims');
    await tx.update(rdInsuranceEnrolments).set({ status: 'cancelled' }).where(eq(rdInsuranceEnrolments.id, id));
    const [org] = await tx.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(eq(orgs.id, e.orgId));
    await writePremiumFact(tx, ctx, org, Number(e.startsOn.slice(0, 4)), `${e.policyNo}（退保）`);
    await recordAudit(tx, ctx, { action: 'rd_insurance.cancel', entityType: 'rd_insurance_enrolment', entityId: id, before: { status: e.status }, after: { status: 'cancelled' } });
    return e.orgId;
  });
  await notifyOrgsChanged(ctx, [orgId]);
  return getEnrolment(ctx, id);
}

async function findEnrolment(tx: Tx | Ctx['db'], ctx: Ctx, id: string, forUpdate = false) {
  const q = tx.select({ e: rdInsuranceEnrolments }).from(rdInsuranceEnrolments).innerJoin(orgs, eq(orgs.id, rdInsuranceEnrolments.orgId))
    .where(and(eq(rdInsuranceEnrolments.id, id), visibleOrgs(ctx)));
  const [row] = forUpdate ? await q.for('update', { of: rdInsuranceEnrolments }) : await q;
  // Another organisation's policy and a missing one look the same.
  if (!row) throw new AppError('insurance.enrolment_not_found');
  return row.e;
}

const ENROLMENT_SQL = sql`select e.id, e.product_id, p.name as product_name, e.org_id, orgs.uscc, orgs.name as org_name, orgs.district,
    e.policy_no, e.sum_insured_fen, e.premium_fen, e.starts_on::text as starts_on, e.ends_on::text as ends_on, e.status, e.synthetic,
    coalesce((select sum(c.claimed_fen) from rd_insurance_claims c where c.enrolment_id = e.id and c.status <> 'rejected'), 0) as claimed,
    coalesce((select sum(c.payout_fen) from rd_insurance_claims c where c.enrolment_id = e.id and c.status = 'paid'), 0) as paid_out
  from rd_insurance_enrolments e join rd_insurance_products p on p.id = e.product_id join orgs on orgs.id = e.org_id`;

type EnrolmentRow = {
  id: string; product_id: string; product_name: string; org_id: string; uscc: string; org_name: string; district: string; policy_no: string;
  sum_insured_fen: string; premium_fen: string; starts_on: string; ends_on: string; status: 'active' | 'cancelled'; synthetic: boolean; claimed: string; paid_out: string;
};

const toEnrolment = (r: EnrolmentRow) => ({
  id: r.id, productId: r.product_id, productName: r.product_name, orgId: r.org_id, uscc: r.uscc, orgName: r.org_name, district: r.district,
  policyNo: r.policy_no, sumInsuredFen: n(r.sum_insured_fen), premiumFen: n(r.premium_fen), startsOn: r.starts_on, endsOn: r.ends_on,
  status: r.status, synthetic: r.synthetic, claimedFen: n(r.claimed), paidOutFen: n(r.paid_out),
});

export async function getEnrolment(ctx: Ctx, id: string) {
  const [r] = await rows<EnrolmentRow>(ctx.db, sql`${ENROLMENT_SQL} where e.id = ${id} and ${visibleOrgs(ctx) ?? sql`true`}`);
  if (!r) throw new AppError('insurance.enrolment_not_found');
  return toEnrolment(r);
}

export async function listEnrolments(ctx: Ctx, q: { productId?: string; year?: number; status?: 'active' | 'cancelled' }) {
  const list = await rows<EnrolmentRow>(ctx.db, sql`${ENROLMENT_SQL} where ${visibleOrgs(ctx) ?? sql`true`}
    ${q.productId ? sql`and e.product_id = ${q.productId}` : sql``}
    ${q.year ? sql`and extract(year from e.starts_on) = ${q.year}` : sql``}
    ${q.status ? sql`and e.status = ${q.status}` : sql``}
    order by e.starts_on desc, e.policy_no limit 2000`);
  return list.map(toEnrolment);
}

export async function createClaim(ctx: Ctx, enrolmentId: string, input: z.infer<typeof ClaimCreateSchema>, opts: { synthetic?: boolean } = {}) {
  const id = await ctx.db.transaction(async (tx) => {
    const e = await findEnrolment(tx, ctx, enrolmentId, true);
    if (e.status !== 'active') throw new AppError('insurance.enrolment_cancelled');
    if (input.lossOn < e.startsOn || input.lossOn > e.endsOn) throw new AppError('insurance.loss_outside_period', { lossOn: input.lossOn, startsOn: e.startsOn, endsOn: e.endsOn });
    // Open and paid claims together stay within the sum insured.
    const [used] = await rows<{ s: string | null }>(tx, sql`select sum(case when status = 'paid' then payout_fen else claimed_fen end)::text as s
      from rd_insurance_claims where enrolment_id = ${enrolmentId} and status <> 'rejected'`);
    const remaining = e.sumInsuredFen - n(used?.s);
    if (input.claimedFen > remaining) throw new AppError('insurance.over_sum_insured', { claimed: input.claimedFen, remaining });
    const [row] = await tx.insert(rdInsuranceClaims).values({ enrolmentId, ...input, synthetic: opts.synthetic ?? false, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'rd_insurance.claim', entityType: 'rd_insurance_claim', entityId: row.id, after: row });
    return row.id;
  });
  return getClaim(ctx, id);
}

/** The insurer's decision, recorded by the bureau: paid (a payout up to the claim) or rejected; once. */
export async function decideClaim(ctx: Ctx, id: string, input: z.infer<typeof ClaimDecisionSchema>) {
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(rdInsuranceClaims).where(eq(rdInsuranceClaims.id, id)).for('update');
    if (!c) throw new AppError('insurance.claim_not_found');
    await findEnrolment(tx, ctx, c.enrolmentId);
    if (c.status !== 'open') throw new AppError('insurance.claim_decided', { status: c.status });
    const payout = input.status === 'paid' ? input.payoutFen : null;
    if (input.status === 'paid' && (!payout || payout > c.claimedFen)) throw new AppError('insurance.payout_invalid', { payout: payout ?? 0, claimed: c.claimedFen });
    const after = { status: input.status, payoutFen: payout ?? null, decisionNote: input.note ?? null, decidedBy: actorName(ctx), decidedAt: ctx.now() };
    await tx.update(rdInsuranceClaims).set(after).where(eq(rdInsuranceClaims.id, id));
    await recordAudit(tx, ctx, { action: 'rd_insurance.claim_decide', entityType: 'rd_insurance_claim', entityId: id, before: { status: c.status }, after });
  });
  return getClaim(ctx, id);
}

const CLAIM_SQL = sql`select c.id, c.enrolment_id, e.policy_no, orgs.name as org_name, c.loss_on::text as loss_on, c.claimed_fen, c.description, c.status,
    c.payout_fen, c.decision_note, c.decided_by, c.decided_at, c.synthetic
  from rd_insurance_claims c join rd_insurance_enrolments e on e.id = c.enrolment_id join orgs on orgs.id = e.org_id`;

type ClaimRow = {
  id: string; enrolment_id: string; policy_no: string; org_name: string; loss_on: string; claimed_fen: string; description: string; status: 'open' | 'paid' | 'rejected';
  payout_fen: string | null; decision_note: string | null; decided_by: string | null; decided_at: Date | string | null; synthetic: boolean;
};

const toClaim = (r: ClaimRow) => ({
  id: r.id, enrolmentId: r.enrolment_id, policyNo: r.policy_no, orgName: r.org_name, lossOn: r.loss_on, claimedFen: n(r.claimed_fen), description: r.description,
  status: r.status, payoutFen: r.payout_fen === null ? null : n(r.payout_fen), decisionNote: r.decision_note, decidedBy: r.decided_by,
  decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(), synthetic: r.synthetic,
});

async function getClaim(ctx: Ctx, id: string) {
  const [r] = await rows<ClaimRow>(ctx.db, sql`${CLAIM_SQL} where c.id = ${id} and ${visibleOrgs(ctx) ?? sql`true`}`);
  if (!r) throw new AppError('insurance.claim_not_found');
  return toClaim(r);
}

export async function listClaims(ctx: Ctx, q: { status?: 'open' | 'paid' | 'rejected'; enrolmentId?: string }) {
  const list = await rows<ClaimRow>(ctx.db, sql`${CLAIM_SQL} where ${visibleOrgs(ctx) ?? sql`true`}
    ${q.status ? sql`and c.status = ${q.status}` : sql``} ${q.enrolmentId ? sql`and c.enrolment_id = ${q.enrolmentId}` : sql``}
    order by c.created_at desc limit 2000`);
  return list.map(toClaim);
}

/** The portfolio for a year (policies starting in it), over what the caller may see. */
export async function insuranceSummary(ctx: Ctx, year: number) {
  const scope = visibleOrgs(ctx) ?? sql`true`;
  const [p] = await rows<{ orgs: number; policies: number; premium: string; sum: string; synthetic: number }>(ctx.db, sql`
    select count(distinct e.org_id)::int as orgs, count(*)::int as policies, coalesce(sum(e.premium_fen), 0)::text as premium,
      coalesce(sum(e.sum_insured_fen), 0)::text as sum, count(*) filter (where e.synthetic)::int as synthetic
    from rd_insurance_enrolments e join orgs on orgs.id = e.org_id
    where e.status = 'active' and extract(year from e.starts_on) = ${year} and ${scope}`);
  const [c] = await rows<{ claims: number; open: number; paid: string }>(ctx.db, sql`
    select count(*)::int as claims, count(*) filter (where c.status = 'open')::int as open, coalesce(sum(c.payout_fen) filter (where c.status = 'paid'), 0)::text as paid
    from rd_insurance_claims c join rd_insurance_enrolments e on e.id = c.enrolment_id join orgs on orgs.id = e.org_id
    where extract(year from e.starts_on) = ${year} and ${scope}`);
  const [s] = await rows<{ batch_id: string | null; total: string | null; organisations: number }>(ctx.db, sql`
    select b.id as batch_id, coalesce(sum(g.amount), 0)::text as total, count(g.org_id)::int as organisations
    from grant_batches b left join grants g on g.batch_id = b.id and g.change <> 'dropped' and g.amount > 0
      and g.org_id in (select id from orgs where ${scope})
    where b.benefit_code = ${SUBSIDY_BENEFIT} and b.fiscal_year = ${year} and b.status = 'approved'
    group by b.id, b.approved_at order by b.approved_at desc limit 1`);
  const premium = n(p.premium);
  const paid = n(c.paid);
  return {
    year, enrolledOrgs: p.orgs, policies: p.policies, premiumFen: premium, sumInsuredFen: n(p.sum),
    claims: c.claims, openClaims: c.open, paidOutFen: paid, lossRatio: premium > 0 ? Math.round((paid / premium) * 10_000) / 10_000 : null,
    subsidy: { benefit: SUBSIDY_BENEFIT, approvedFen: n(s?.total), organisations: s?.organisations ?? 0, batchId: s?.batch_id ?? null },
    synthetic: p.synthetic,
  };
}
