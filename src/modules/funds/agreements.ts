// Mountain–sea cooperation agreements (山海协作协议): the Xiamen–Longyan pairing's documents,
// their county projects (ledger recipients linked by agreement_id), and per agreement the
// tracking against its commitments and the paying funds' per-county caps. Allocations to an
// agreement's projects are checked against its commitment inside the ledger (funds.service.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { rows } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createRecipient } from './funds.service.ts';
import {
  AgreementCreateSchema, FundRulesSchema, fundRecipients, msAgreements,
  type Agreement, type AgreementCreate,
} from './funds.schema.ts';

type AgreementRow = typeof msAgreements.$inferSelect;
type Side = Agreement['city'];
const n = (v: unknown) => Number(v ?? 0);

export async function createAgreement(ctx: Ctx, raw: AgreementCreate, opts: { synthetic?: boolean } = {}) {
  const input = AgreementCreateSchema.parse(raw);
  if (input.periodFrom > input.periodTo) throw new AppError('fund.agreement_period_invalid', { from: input.periodFrom, to: input.periodTo });
  const id = await ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: msAgreements.id }).from(msAgreements).where(eq(msAgreements.code, input.code));
    if (taken) throw new AppError('fund.agreement_code_taken', { code: input.code });
    const [row] = await tx.insert(msAgreements).values({
      code: input.code, title: input.title, district: input.district ?? null, county: input.county ?? null, docNo: input.docNo ?? null,
      signedOn: input.signedOn, periodFrom: input.periodFrom, periodTo: input.periodTo, committedCityFen: input.committedCityFen,
      committedDistrictFen: input.committedDistrictFen, note: input.note ?? null, source: input.source ?? null, synthetic: opts.synthetic ?? false,
      createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'fund.agreement.create', entityType: 'ms_agreement', entityId: row.id, after: row });
    return row.id;
  });
  return getAgreement(ctx, id);
}

/** Active → completed or terminated (and back to active, e.g. an extension): no new projects or allocations unless active. */
export async function setAgreementStatus(ctx: Ctx, id: string, input: { status: AgreementRow['status']; note?: string }) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(msAgreements).where(eq(msAgreements.id, id)).for('update');
    if (!row) throw new AppError('fund.agreement_not_found');
    if (row.status === input.status) return;
    await tx.update(msAgreements).set({ status: input.status, note: input.note ?? row.note }).where(eq(msAgreements.id, id));
    await recordAudit(tx, ctx, { action: 'fund.agreement.status', entityType: 'ms_agreement', entityId: id, before: { status: row.status }, after: { status: input.status, note: input.note ?? null } });
  });
  return getAgreement(ctx, id);
}

/** A county project under the agreement; its county is the agreement's partner county when it names one. */
export async function createAgreementProject(ctx: Ctx, agreementId: string, input: { ref: string; name: string; county?: string; investmentFen?: number; operator?: string }, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [agreement] = await tx.select().from(msAgreements).where(eq(msAgreements.id, agreementId)).for('update');
    if (!agreement) throw new AppError('fund.agreement_not_found');
    if (agreement.status !== 'active') throw new AppError('fund.agreement_not_active', { code: agreement.code, status: agreement.status });
    if (agreement.county && input.county && input.county !== agreement.county) {
      throw new AppError('fund.agreement_county_mismatch', { county: input.county, agreementCounty: agreement.county });
    }
    const county = agreement.county ?? input.county;
    if (!county) throw new AppError('fund.county_required');
    return createRecipient(ctx, {
      kind: 'county_project', ref: input.ref, name: input.name, county: county as never, investmentFen: input.investmentFen, operator: input.operator,
      agreementId, district: agreement.district ?? undefined,
    }, { ...opts, tx });
  });
}

function emptySide(committedFen: number): Side {
  return { committedFen, allocatedFen: 0, paidFen: 0, pendingFen: 0, unpaidFen: 0, uncommittedFen: committedFen };
}

/** Allocated (net), paid and pending per agreement and fund level, from the ledger lines. */
async function sideTotals(ctx: Ctx, ids: string[]) {
  if (!ids.length) return [];
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  return rows<{ agreement_id: string; level: string; allocated: string; paid: string; pending: string; projects: number }>(ctx.db, sql`
    with a as (
      select r.agreement_id, f.source_level as level, al.id as allocation_id
      from fund_allocations al join fund_recipients r on r.id = al.recipient_id join funds f on f.id = al.fund_id
      where r.agreement_id in (${idList})
    )
    select a.agreement_id, a.level,
      coalesce(sum(l.amount_fen), 0)::text as allocated,
      coalesce(sum(l.amount_fen) filter (where l.account = 'paid'), 0)::text as paid,
      coalesce((select sum(d.amount_fen) from disbursements d where d.status = 'pending' and d.allocation_id in (select allocation_id from a a2 where a2.agreement_id = a.agreement_id and a2.level = a.level)), 0)::text as pending,
      0 as projects
    from a left join ledger_lines l on l.allocation_id = a.allocation_id
    group by a.agreement_id, a.level`);
}

async function views(ctx: Ctx, list: AgreementRow[]): Promise<Agreement[]> {
  const ids = list.map((a) => a.id);
  const totals = await sideTotals(ctx, ids);
  const counts = ids.length
    ? await ctx.db.select({ id: fundRecipients.agreementId, c: sql<number>`count(*)::int` }).from(fundRecipients).where(inArray(fundRecipients.agreementId, ids)).groupBy(fundRecipients.agreementId)
    : [];
  return list.map((a) => {
    const city = emptySide(a.committedCityFen);
    const district = emptySide(a.committedDistrictFen);
    for (const t of totals.filter((x) => x.agreement_id === a.id)) {
      const side = t.level === 'city' ? city : t.level === 'district' ? district : null;
      if (!side) continue;
      side.allocatedFen = n(t.allocated);
      side.paidFen = n(t.paid);
      side.pendingFen = n(t.pending);
    }
    for (const side of [city, district]) {
      side.unpaidFen = side.allocatedFen - side.paidFen;
      side.uncommittedFen = side.committedFen - side.allocatedFen;
    }
    return {
      id: a.id, code: a.code, pairing: a.pairing, title: a.title, district: a.district, county: a.county, docNo: a.docNo, signedOn: a.signedOn,
      periodFrom: a.periodFrom, periodTo: a.periodTo, committedCityFen: a.committedCityFen, committedDistrictFen: a.committedDistrictFen,
      status: a.status, note: a.note, source: a.source ?? null, synthetic: a.synthetic,
      projects: counts.find((c) => c.id === a.id)?.c ?? 0, city, districtSide: district,
    };
  });
}

export async function listAgreements(ctx: Ctx, q: { county?: string; status?: string } = {}) {
  const list = await ctx.db.select().from(msAgreements)
    .where(and(q.county ? eq(msAgreements.county, q.county as never) : undefined, q.status ? eq(msAgreements.status, q.status as never) : undefined))
    .orderBy(msAgreements.signedOn, msAgreements.code);
  return views(ctx, list);
}

export async function getAgreement(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(msAgreements).where(eq(msAgreements.id, id));
  if (!row) throw new AppError('fund.agreement_not_found');
  const [view] = await views(ctx, [row]);
  const projectList = await rows<{ id: string; ref: string; name: string; county: string | null; status: 'open' | 'closed'; synthetic: boolean; investment_fen: string | null; allocated: string; paid: string; pending: string }>(ctx.db, sql`
    select r.id, r.ref, r.name, r.county, r.status, r.synthetic, r.investment_fen,
      coalesce((select sum(l.amount_fen) from ledger_lines l join fund_allocations al on al.id = l.allocation_id where al.recipient_id = r.id), 0)::text as allocated,
      coalesce((select sum(l.amount_fen) from ledger_lines l join fund_allocations al on al.id = l.allocation_id where al.recipient_id = r.id and l.account = 'paid'), 0)::text as paid,
      coalesce((select sum(d.amount_fen) from disbursements d join fund_allocations al on al.id = d.allocation_id where al.recipient_id = r.id and d.status = 'pending'), 0)::text as pending
    from fund_recipients r where r.agreement_id = ${id} order by r.ref`);
  // Per paying fund and county: what this agreement's projects have from it, and the fund's per-county
  // cap against what the county has from it under every agreement (the cap is the fund's, not the agreement's).
  const perFund = await rows<{ fund_id: string; code: string; name: string; name_en: string | null; source_level: string; rules: unknown; county: string | null; allocated: string; paid: string; pending: string; county_allocated: string | null }>(ctx.db, sql`
    select f.id as fund_id, f.code, f.name, f.name_en, f.source_level, f.rules, r.county,
      coalesce(sum(l.amount_fen), 0)::text as allocated,
      coalesce(sum(l.amount_fen) filter (where l.account = 'paid'), 0)::text as paid,
      coalesce((select sum(d.amount_fen) from disbursements d join fund_allocations a2 on a2.id = d.allocation_id join fund_recipients r2 on r2.id = a2.recipient_id
        where d.status = 'pending' and a2.fund_id = f.id and r2.agreement_id = ${id} and r2.county is not distinct from r.county), 0)::text as pending,
      (select sum(l3.amount_fen) from ledger_lines l3 join fund_allocations a3 on a3.id = l3.allocation_id join fund_recipients r3 on r3.id = a3.recipient_id
        where a3.fund_id = f.id and r3.county = r.county)::text as county_allocated
    from fund_allocations al join fund_recipients r on r.id = al.recipient_id join funds f on f.id = al.fund_id
      left join ledger_lines l on l.allocation_id = al.id
    where r.agreement_id = ${id}
    group by f.id, f.code, f.name, f.name_en, f.source_level, f.rules, r.county order by f.source_level, f.code, r.county`);
  return {
    ...view,
    projectList: projectList.map((p) => ({
      id: p.id, ref: p.ref, name: p.name, county: p.county, status: p.status, synthetic: p.synthetic,
      investmentFen: p.investment_fen === null ? null : n(p.investment_fen), allocatedFen: n(p.allocated), paidFen: n(p.paid), pendingFen: n(p.pending),
    })),
    funds: perFund.map((f) => {
      const cap = FundRulesSchema.parse(f.rules).capPerCountyFen ?? null;
      const countyAllocated = f.county ? n(f.county_allocated) : null;
      return {
        fundId: f.fund_id, code: f.code, name: f.name, nameEn: f.name_en, sourceLevel: f.source_level, county: f.county, allocatedFen: n(f.allocated), paidFen: n(f.paid), pendingFen: n(f.pending),
        capPerCountyFen: cap, countyAllocatedFen: countyAllocated, countyHeadroomFen: cap !== null && countyAllocated !== null ? cap - countyAllocated : null,
      };
    }),
  };
}
