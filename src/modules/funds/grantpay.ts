// Paying an approved 免申即享 batch (e.g. the R&D-insurance premium subsidy) through the ledger:
// per grant, an allocation from the chosen fund to the organisation and a maker's payment request
// whose reference is derived from the batch and the organisation (AG-<batch>-<USCC>), so a grant
// can never be requested twice; a second checker approves each request on the approvals page as
// for any payment. All grants of one call are requested in one transaction, or none.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { rows } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getBatch } from '../policies/autogrant.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { allocate, fundBalances, requestDisbursement } from './funds.service.ts';
import { FundRulesSchema, fundRecipients, funds, grantPayments } from './funds.schema.ts';

const n = (v: unknown) => Number(v ?? 0);

export const grantReference = (batchId: string, uscc: string) => `AG-${batchId}-${uscc}`;

export async function payGrantBatch(ctx: Ctx, fundId: string, input: { batchId: string; use?: string }) {
  const { batch, items } = await getBatch(ctx, input.batchId, { page: 1, pageSize: 1_000_000 });
  if (batch.status !== 'approved') throw new AppError('fund.batch_not_approved', { status: batch.status });
  const grants = items.filter((g) => g.change !== 'dropped' && g.amount > 0);
  return ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx as unknown as Ctx['db'] };
    // The fund lock first (as every posting does), so the up-front total check holds.
    const [fund] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
    if (!fund) throw new AppError('fund.not_found');
    const usccs = grants.map((g) => g.uscc);
    const orgRows = usccs.length ? await tx.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(inArray(orgs.uscc, usccs)) : [];
    const orgId = new Map(orgRows.map((o) => [o.uscc, o.id]));
    const done = new Set((await tx.select({ orgId: grantPayments.orgId }).from(grantPayments).where(eq(grantPayments.batchId, batch.id))).map((r) => r.orgId));
    // What earlier batches of the same benefit and year already requested or paid (rejected and
    // cancelled requests do not count): a later batch pays only the difference.
    const prior = new Map((await rows<{ org_id: string; amount: string }>(tx as never, sql`
      select gp.org_id, sum(gp.amount_fen)::text as amount from grant_payments gp join disbursements d on d.id = gp.disbursement_id
      where gp.benefit_code = ${batch.benefitCode} and gp.fiscal_year = ${batch.fiscalYear} and gp.batch_id <> ${batch.id}
        and d.status in ('pending', 'approved') group by gp.org_id`)).map((r) => [r.org_id, n(r.amount)]));
    const todo = grants
      .map((g) => ({ ...g, orgId: orgId.get(g.uscc)!, due: g.amount - (prior.get(orgId.get(g.uscc)!) ?? 0) }))
      .filter((g) => !done.has(g.orgId) && g.due > 0);
    const totalFen = todo.reduce((s, g) => s + g.due, 0);
    const available = (await fundBalances(tx as never, [fundId])).get(fundId)?.availableFen ?? 0;
    if (totalFen > available) throw new AppError('fund.over_appropriation', { amount: totalFen, available });
    const use = input.use ?? FundRulesSchema.parse(fund.rules).eligibleUses[0] ?? 'auto_grant';
    const memo = `免申即享 ${batch.benefitCode} ${batch.fiscalYear}年度（批次 ${batch.id.slice(0, 8)}）`;
    for (const g of todo) {
      const ref = `ORG-${g.uscc}`;
      let [recipient] = await tx.select().from(fundRecipients).where(eq(fundRecipients.ref, ref));
      if (!recipient) {
        [recipient] = await tx.insert(fundRecipients).values({ kind: 'org', ref, name: g.name, district: g.district as never, orgId: g.orgId, synthetic: g.synthetic, createdAt: ctx.now() }).returning();
        await recordAudit(tx, inner, { action: 'fund.recipient.create', entityType: 'fund_recipient', entityId: recipient.id, after: recipient });
      }
      const { allocation } = await allocate(inner, fundId, { recipientId: recipient.id, amountFen: g.due, use, note: memo });
      const d = await requestDisbursement(inner, allocation.id, { amountFen: g.due, reference: grantReference(batch.id, g.uscc), payee: g.name, memo });
      await tx.insert(grantPayments).values({ batchId: batch.id, orgId: g.orgId, benefitCode: batch.benefitCode, fiscalYear: batch.fiscalYear, disbursementId: d.id, amountFen: g.due, createdAt: ctx.now() });
    }
    const result = {
      batchId: batch.id, fundId, benefitCode: batch.benefitCode, fiscalYear: batch.fiscalYear,
      requested: todo.length, totalFen, alreadyRequested: grants.filter((g) => done.has(orgId.get(g.uscc)!)).length,
      coveredEarlier: grants.filter((g) => !done.has(orgId.get(g.uscc)!) && g.amount - (prior.get(orgId.get(g.uscc)!) ?? 0) <= 0).length,
    };
    await recordAudit(tx, inner, { action: 'fund.grant_batch.pay', entityType: 'grant_batch', entityId: batch.id, after: { fund: fund.code, ...result } });
    return result;
  });
}

/** What has been requested through the ledger for a batch: counts and amounts by payment status. */
export async function grantBatchPayments(ctx: Ctx, batchId: string) {
  const list = await rows<{ status: string; count: number; amount: string; fund_id: string; fund_code: string }>(ctx.db, sql`
    select d.status, count(*)::int as count, sum(gp.amount_fen)::text as amount, d.fund_id, f.code as fund_code
    from grant_payments gp join disbursements d on d.id = gp.disbursement_id join funds f on f.id = d.fund_id
    where gp.batch_id = ${batchId} group by d.status, d.fund_id, f.code order by d.status`);
  const by = (s: string) => list.filter((r) => r.status === s);
  const sum = (xs: typeof list) => xs.reduce((a, r) => a + n(r.amount), 0);
  return {
    batchId, funds: [...new Set(list.map((r) => r.fund_code))], requests: list.reduce((a, r) => a + r.count, 0),
    pendingFen: sum(by('pending')), approvedFen: sum(by('approved')), rejectedFen: sum([...by('rejected'), ...by('cancelled')]),
  };
}

