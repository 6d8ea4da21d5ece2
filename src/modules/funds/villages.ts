// Village collectives: villages, their yearly collective income, collective projects (ledger
// recipients whose fiscal support is capped at 10 % of investment), and district roll-ups
// compared with the figures of the bureau's letter.
import { and, eq, sql } from 'drizzle-orm';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import { rows } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { allocate, createRecipient } from './funds.service.ts';
import { villageIncomes, villages } from './funds.schema.ts';

const n = (v: unknown) => Number(v ?? 0);

/** A district officer sees its own district's villages only. */
function districtScope(ctx: Ctx): string | undefined {
  return !ctx.system && ctx.actor?.role === 'district_officer' ? ctx.actor.district ?? undefined : undefined;
}

export async function createVillage(ctx: Ctx, input: { code: string; name: string; district: string; town?: string }, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.code, input.code));
    if (taken) throw new AppError('fund.recipient_ref_taken', { ref: input.code });
    const [row] = await tx.insert(villages).values({ code: input.code, name: input.name, district: input.district as never, town: input.town ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'village.create', entityType: 'village', entityId: row.id, after: row });
    return row;
  });
}

export async function setVillageIncome(ctx: Ctx, villageId: string, input: { year: number; incomeFen: number }) {
  return ctx.db.transaction(async (tx) => {
    const [v] = await tx.select().from(villages).where(eq(villages.id, villageId));
    if (!v) throw new AppError('fund.recipient_not_found');
    const [before] = await tx.select().from(villageIncomes).where(and(eq(villageIncomes.villageId, villageId), eq(villageIncomes.year, input.year)));
    await tx.insert(villageIncomes).values({ villageId, year: input.year, incomeFen: input.incomeFen, updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: [villageIncomes.villageId, villageIncomes.year], set: { incomeFen: input.incomeFen, updatedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: 'village.income', entityType: 'village', entityId: villageId, before: before ? { year: before.year, incomeFen: before.incomeFen } : null, after: input });
    return { villageId, ...input };
  });
}

/**
 * A collective project is a ledger recipient tied to a village (support ≤ 10 % of investment).
 * With `support`, its first fiscal support is allocated in the same transaction: a support above
 * the cap refuses the project too, so nothing is half-created.
 */
export async function createCollectiveProject(ctx: Ctx, input: { villageId: string; ref: string; name: string; investmentFen: number; operator: string; support?: { fundId: string; amountFen: number } }, opts: { synthetic?: boolean } = {}) {
  const [v] = await ctx.db.select().from(villages).where(eq(villages.id, input.villageId));
  if (!v) throw new AppError('fund.recipient_not_found');
  const create = (c: Ctx) => createRecipient(c, { kind: 'collective_project', ref: input.ref, name: input.name, district: v.district, investmentFen: input.investmentFen, operator: input.operator, villageId: v.id }, opts);
  const support = input.support;
  if (!support) return create(ctx);
  return ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx as unknown as Ctx['db'] };
    const r = await create(inner);
    await allocate(inner, support.fundId, { recipientId: r.id, amountFen: support.amountFen, use: 'collective_project' });
    return r;
  });
}

export async function listVillages(ctx: Ctx, q: { district?: string; year?: number }) {
  const district = districtScope(ctx) ?? q.district;
  const year = q.year ?? (await latestIncomeYear(ctx));
  const list = await rows<{ id: string; code: string; name: string; district: string; town: string | null; synthetic: boolean; income: string | null; projects: number; investment: string; support: string }>(ctx.db, sql`
    select v.id, v.code, v.name, v.district, v.town, v.synthetic, i.income_fen as income,
      (select count(*)::int from fund_recipients r where r.village_id = v.id) as projects,
      (select coalesce(sum(r.investment_fen), 0) from fund_recipients r where r.village_id = v.id) as investment,
      (select coalesce(sum(l.amount_fen), 0) from ledger_lines l join fund_allocations a on a.id = l.allocation_id
        join fund_recipients r on r.id = a.recipient_id where r.village_id = v.id) as support
    from villages v left join village_incomes i on i.village_id = v.id and i.year = ${year ?? 0}
    where ${district ? sql`v.district = ${district}` : sql`true`}
    order by v.district, v.code`);
  return {
    year,
    items: list.map((v) => ({ id: v.id, code: v.code, name: v.name, district: v.district, town: v.town, synthetic: v.synthetic, incomeFen: v.income === null ? null : n(v.income), projects: v.projects, investmentFen: n(v.investment), supportFen: n(v.support) })),
  };
}

async function latestIncomeYear(ctx: Ctx): Promise<number | null> {
  const [r] = await rows<{ y: number | null }>(ctx.db, sql`select max(year)::int as y from village_incomes`);
  return r?.y ?? null;
}

/** Per district and for the city: villages, income, projects, investment and fiscal support, against the letter. */
export async function villageRollup(ctx: Ctx, q: { year?: number }) {
  const year = q.year ?? (await latestIncomeYear(ctx));
  const scope = districtScope(ctx);
  const per = await rows<{ district: string; villages: number; reporting: number; income: string; projects: number; investment: string; support: string }>(ctx.db, sql`
    with v as (select * from villages where ${scope ? sql`district = ${scope}` : sql`true`}),
    p as (select r.id, r.village_id, r.investment_fen from fund_recipients r where r.kind = 'collective_project' and r.village_id in (select id from v)),
    s as (select a.recipient_id, sum(l.amount_fen) as amount from ledger_lines l join fund_allocations a on a.id = l.allocation_id where a.recipient_id in (select id from p) group by 1)
    select v.district, count(distinct v.id)::int as villages,
      count(distinct i.village_id)::int as reporting, coalesce(sum(i.income_fen), 0) as income,
      (select count(*)::int from p join villages vv on vv.id = p.village_id where vv.district = v.district) as projects,
      (select coalesce(sum(p.investment_fen), 0) from p join villages vv on vv.id = p.village_id where vv.district = v.district) as investment,
      (select coalesce(sum(s.amount), 0) from s join p on p.id = s.recipient_id join villages vv on vv.id = p.village_id where vv.district = v.district) as support
    from v
    left join village_incomes i on i.village_id = v.id and i.year = ${year ?? 0}
    group by v.district order by v.district`);
  const districts = per.map((d) => ({
    district: d.district, villages: d.villages, reporting: d.reporting, incomeFen: n(d.income),
    averageIncomeFen: d.reporting ? Math.round(n(d.income) / d.reporting) : null,
    projects: d.projects, investmentFen: n(d.investment), supportFen: n(d.support),
  }));
  const sum = (k: 'villages' | 'reporting' | 'incomeFen' | 'projects' | 'investmentFen' | 'supportFen') => districts.reduce((s, d) => s + d[k], 0);
  const city = {
    villages: sum('villages'), reporting: sum('reporting'), incomeFen: sum('incomeFen'), projects: sum('projects'), investmentFen: sum('investmentFen'), supportFen: sum('supportFen'),
    averageIncomeFen: sum('reporting') ? Math.round(sum('incomeFen') / sum('reporting')) : null,
  };
  const jimei = letterFigure('jimei_collective_projects');
  return {
    year,
    districts,
    city,
    letter: {
      source: `${LETTER.source.title_zh}（${LETTER.source.doc_no}，${LETTER.source.date}）`,
      villages: letterFigure('villages').value,
      averageIncomeFen: Math.round(letterFigure('village_collective_income_avg').value * 10_000 * 100),
      collectiveProjects: letterFigure('collective_projects').value,
      supportCapPercent: letterFigure('collective_subsidy_cap').value,
      jimeiProjects: jimei.value,
      jimeiAnnualIncomeFen: Number(jimei.annual_income_wan) * 10_000 * 100,
    },
  };
}
