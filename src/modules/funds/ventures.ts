// Guidance fund → sub-funds → investments, and the figures the bureau watches: the share
// invested early, small and hard-tech (by amount), the in-city reinvestment (返投) against the
// guidance fund's commitment, and the leverage multiple (sub-fund size ÷ commitment).
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { rows } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { VentureFundCreateSchema, ventureFunds, ventureInvestments, type InvestmentCreate, type VentureFundCreate } from './funds.schema.ts';

const n = (v: unknown) => Number(v ?? 0);
const EARLY_STAGES = new Set(['seed', 'angel', 'a']);

export async function createVentureFund(ctx: Ctx, raw: VentureFundCreate, opts: { synthetic?: boolean } = {}) {
  const input = VentureFundCreateSchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: ventureFunds.id }).from(ventureFunds).where(eq(ventureFunds.code, input.code));
    if (taken) throw new AppError('fund.code_taken', { code: input.code });
    if (input.parentId) {
      const [parent] = await tx.select({ id: ventureFunds.id }).from(ventureFunds).where(eq(ventureFunds.id, input.parentId));
      if (!parent) throw new AppError('fund.not_found');
    }
    if (input.committedFen !== undefined && input.paidInFen > input.committedFen) throw new AppError('fund.over_allocation', { amount: input.paidInFen, remaining: input.committedFen });
    const [row] = await tx.insert(ventureFunds).values({
      code: input.code, name: input.name, kind: input.kind, parentId: input.parentId ?? null, manager: input.manager ?? null, sizeFen: input.sizeFen,
      committedFen: input.committedFen ?? null, paidInFen: input.paidInFen, reinvestTargetBp: input.reinvestTargetBp ?? null, mandateTags: input.mandateTags,
      vintage: input.vintage ?? null, example: input.example, synthetic: opts.synthetic ?? false, source: input.source ?? null, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'venture.create', entityType: 'venture_fund', entityId: row.id, after: row });
    return row;
  });
}

export async function addInvestment(ctx: Ctx, fundId: string, input: InvestmentCreate, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [fund] = await tx.select().from(ventureFunds).where(eq(ventureFunds.id, fundId));
    if (!fund) throw new AppError('fund.not_found');
    let org: { id: string; name: string } | undefined;
    if (input.orgUscc) {
      [org] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.uscc, input.orgUscc.toUpperCase()));
      if (!org) throw new AppError('org.not_found', { uscc: input.orgUscc });
    }
    const targetName = org?.name ?? input.targetName;
    if (!targetName) throw new AppError('request.validation');
    const [row] = await tx.insert(ventureInvestments).values({
      fundId, orgId: org?.id ?? null, targetName, round: input.round, stage: input.stage, amountFen: input.amountFen, investedOn: input.investedOn,
      // Early is the stage; in-city means a registry organisation (the registry holds the city's bodies).
      early: EARLY_STAGES.has(input.stage), small: input.small ?? false, hardTech: input.hardTech ?? false, inCity: !!org,
      synthetic: opts.synthetic ?? false, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'venture.invest', entityType: 'venture_investment', entityId: row.id, after: row });
    return row;
  });
}

/** Every fund with its figures; sub-funds under their parent, parents summing their children. */
export async function listVentureFunds(ctx: Ctx) {
  const list = await ctx.db.select().from(ventureFunds).orderBy(ventureFunds.kind, ventureFunds.code);
  const sums = await rows<{ fund_id: string; invested: string; early: string; small: string; hard: string; in_city: string; deals: number }>(ctx.db, sql`
    select fund_id, sum(amount_fen) as invested, coalesce(sum(amount_fen) filter (where early), 0) as early,
      coalesce(sum(amount_fen) filter (where small), 0) as small, coalesce(sum(amount_fen) filter (where hard_tech), 0) as hard,
      coalesce(sum(amount_fen) filter (where in_city), 0) as in_city, count(*)::int as deals
    from venture_investments group by fund_id`);
  const by = new Map(sums.map((s) => [s.fund_id, s]));
  const figures = (ids: string[], committed: number | null, size: number) => {
    const s = ids.map((id) => by.get(id)).filter(Boolean) as typeof sums;
    const invested = s.reduce((a, x) => a + n(x.invested), 0);
    const part = (k: 'early' | 'small' | 'hard' | 'in_city') => s.reduce((a, x) => a + n(x[k]), 0);
    const share = (v: number) => (invested ? Math.round((v / invested) * 10_000) / 100 : null);
    return {
      investedFen: invested, deals: s.reduce((a, x) => a + x.deals, 0),
      earlySharePct: share(part('early')), smallSharePct: share(part('small')), hardTechSharePct: share(part('hard')),
      inCityFen: part('in_city'),
      reinvestRatio: committed ? Math.round((part('in_city') / committed) * 100) / 100 : null,
      leverage: committed ? Math.round((size / committed) * 100) / 100 : null,
    };
  };
  return list.map((f) => {
    const children = list.filter((c) => c.parentId === f.id);
    const ids = children.length ? children.map((c) => c.id) : [f.id];
    const committed = children.length ? children.reduce((a, c) => a + (c.committedFen ?? 0), 0) || null : f.committedFen;
    const size = children.length ? children.reduce((a, c) => a + c.sizeFen, 0) : f.sizeFen;
    return {
      id: f.id, code: f.code, name: f.name, kind: f.kind, parentId: f.parentId, manager: f.manager, sizeFen: f.sizeFen, committedFen: f.committedFen,
      paidInFen: f.paidInFen, reinvestTargetBp: f.reinvestTargetBp, mandateTags: f.mandateTags, vintage: f.vintage, example: f.example, synthetic: f.synthetic,
      source: f.source ?? null, subFunds: children.length, subFundsSizeFen: children.length ? size : null, ...figures(ids, committed, size),
    };
  });
}

export async function listInvestments(ctx: Ctx, fundId: string) {
  const list = await ctx.db.select().from(ventureInvestments).where(eq(ventureInvestments.fundId, fundId)).orderBy(ventureInvestments.investedOn);
  return list.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() }));
}
