// Industry–education integration: units, their yearly trainees and graduates, the platform's
// counts beside the letter's figures, and a per-chain view of talent supply beside the staffing
// of the chain's organisations.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { chainLinkOrgs } from '../chains/chains.schema.ts';
import { findChain, liveLinks, lookupChainLinks } from '../chains/chains.service.ts';
import { orgFacts, orgs } from '../registry/registry.schema.ts';
import { IE_KINDS, ieUnits, ieYears, type UnitCreate } from './talent.schema.ts';
import type { z } from 'zod';
import type { YearInputSchema } from './talent.schema.ts';

type UnitRow = typeof ieUnits.$inferSelect;

export const IE_KIND_NAMES: Record<(typeof IE_KINDS)[number], { zh: string; en: string }> = {
  industrial_college: { zh: '产业学院', en: 'Industrial college' },
  training_base: { zh: '产教融合实训基地', en: 'Industry–education training base' },
  specialty_group: { zh: '产业特色专业群', en: 'Industry specialty group' },
  apprenticeship_pilot: { zh: '现代学徒制试点', en: 'Modern apprenticeship pilot' },
  community: { zh: '行业产教融合共同体', en: 'Industry–education community' },
};

/** The letter's figures (厦科函〔2025〕84号) for each kind. */
const LETTER_FIGURES: Record<(typeof IE_KINDS)[number], string> = {
  industrial_college: 'industrial_colleges',
  training_base: 'training_bases',
  specialty_group: 'industry_specialty_groups',
  apprenticeship_pilot: 'apprenticeship_pilots',
  community: 'national_industry_education_communities',
};

const SOURCE = () => `${LETTER.source.title_zh}（${LETTER.source.doc_no}，${LETTER.source.date}）`;

async function orgIdsByUscc(db: DbOrTx, usccs: string[]) {
  if (!usccs.length) return new Map<string, string>();
  const rows = await db.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(inArray(orgs.uscc, usccs));
  const map = new Map(rows.map((r) => [r.uscc, r.id]));
  const missing = usccs.find((u) => !map.has(u));
  if (missing) throw new AppError('talent.org_not_registered', { uscc: missing });
  return map;
}

async function present(db: DbOrTx, rows: UnitRow[]) {
  if (!rows.length) return [];
  const orgIds = [...new Set(rows.flatMap((r) => [r.institutionOrgId, ...r.partnerOrgIds]))];
  const names = new Map((await db.select({ id: orgs.id, uscc: orgs.uscc, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds))).map((o) => [o.id, o]));
  const links = await lookupChainLinks(db, rows.flatMap((r) => r.chainLinkIds));
  const years = await db.select().from(ieYears).where(inArray(ieYears.unitId, rows.map((r) => r.id))).orderBy(ieYears.year);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, kindName: IE_KIND_NAMES[r.kind], name: r.name, level: r.level, tier: r.tier, synthetic: r.synthetic,
    institution: names.get(r.institutionOrgId) ?? null,
    partners: r.partnerOrgIds.map((id) => names.get(id)).filter((x) => !!x),
    chainLinks: r.chainLinkIds.map((id) => links.get(id)).filter((x) => !!x).map((l) => ({ id: l!.id, chainId: l!.chainId, chain: l!.chain, name: l!.name })),
    years: years.filter((y) => y.unitId === r.id).map((y) => ({ year: y.year, trainees: y.trainees, graduates: y.graduates })),
  }));
}

export async function createUnit(ctx: Ctx, input: UnitCreate, opts: { synthetic?: boolean } = {}) {
  if (input.kind === 'specialty_group' && !input.level) throw new AppError('talent.level_required');
  return ctx.db.transaction(async (tx) => {
    const ids = await orgIdsByUscc(tx, [...new Set([input.institutionUscc, ...input.partnerUsccs])]);
    const links = await lookupChainLinks(tx, input.chainLinkIds);
    if (input.chainLinkIds.some((id) => !links.has(id))) throw new AppError('chain.link_not_found');
    const [r] = await tx.insert(ieUnits).values({
      kind: input.kind, name: input.name, level: input.kind === 'specialty_group' ? input.level! : null, tier: input.tier, institutionOrgId: ids.get(input.institutionUscc)!,
      chainLinkIds: [...new Set(input.chainLinkIds)], partnerOrgIds: [...new Set(input.partnerUsccs.map((u) => ids.get(u)!))], synthetic: opts.synthetic ?? false, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'talent.unit.create', entityType: 'industry_education', entityId: r.id, after: r });
    return (await present(tx, [r]))[0];
  });
}

export async function listUnits(ctx: Ctx, q: { kind?: (typeof IE_KINDS)[number]; chainId?: string }) {
  let rows = await ctx.db.select().from(ieUnits).where(q.kind ? eq(ieUnits.kind, q.kind) : undefined).orderBy(ieUnits.kind, ieUnits.name);
  if (q.chainId) {
    const links = await lookupChainLinks(ctx.db, rows.flatMap((r) => r.chainLinkIds));
    rows = rows.filter((r) => r.chainLinkIds.some((id) => links.get(id)?.chainId === q.chainId));
  }
  return present(ctx.db, rows);
}

export async function putYear(ctx: Ctx, unitId: string, year: number, input: z.infer<typeof YearInputSchema>) {
  if (input.graduates > input.trainees) throw new AppError('talent.graduates_above_trainees', { year, graduates: input.graduates, trainees: input.trainees });
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(ieUnits).where(eq(ieUnits.id, unitId));
    if (!u) throw new AppError('talent.not_found');
    const a = ctx.actor;
    if (a?.role === 'org_user' && a.orgId !== u.institutionOrgId) throw new AppError('talent.not_found');
    const [before] = await tx.select().from(ieYears).where(and(eq(ieYears.unitId, unitId), eq(ieYears.year, year)));
    const values = { unitId, year, trainees: input.trainees, graduates: input.graduates, updatedAt: ctx.now() };
    await tx.insert(ieYears).values(values).onConflictDoUpdate({ target: [ieYears.unitId, ieYears.year], set: values });
    await recordAudit(tx, ctx, { action: 'talent.year.put', entityType: 'industry_education', entityId: unitId, before: before ?? null, after: values });
    return { unitId, year, trainees: input.trainees, graduates: input.graduates };
  });
}

/** Each kind: the platform's count beside the letter's figure, plus the IC platform's trainee figures. */
export async function talentSummary(ctx: Ctx) {
  const counts = await ctx.db.select({ kind: ieUnits.kind, n: sql<number>`count(*)::int`, synthetic: sql<number>`sum(case when ${ieUnits.synthetic} then 1 else 0 end)::int` }).from(ieUnits).groupBy(ieUnits.kind);
  const fig = (id: string) => {
    const f = letterFigure(id);
    return { id: f.id, zh: f.zh, en: f.en, value: f.value, unit: f.unit, period: f.period, source: SOURCE() };
  };
  return {
    kinds: IE_KINDS.map((kind) => {
      const c = counts.find((x) => x.kind === kind);
      return { kind, kindName: IE_KIND_NAMES[kind], platformCount: c?.n ?? 0, syntheticCount: c?.synthetic ?? 0, letter: fig(LETTER_FIGURES[kind]) };
    }),
    letterTalent: [fig('ic_platform_trainees_per_year'), fig('ic_platform_trainees_total')],
  };
}

/**
 * One chain's talent supply (trainees and graduates of the units tied to its links) beside the
 * staffing of the organisations placed on its links (chain map attachments not rejected;
 * employees and R&D staff from the registry's yearly facts), per year and per link.
 */
export async function chainTalent(ctx: Ctx, chainId: string) {
  const chain = await findChain(ctx.db, chainId);
  const links = await liveLinks(ctx.db, chainId);
  const linkIds = links.map((l) => l.id);
  const units = (await ctx.db.select().from(ieUnits)).filter((u) => u.chainLinkIds.some((id) => linkIds.includes(id)));
  const years = units.length ? await ctx.db.select().from(ieYears).where(inArray(ieYears.unitId, units.map((u) => u.id))) : [];
  // Staffing: the chain's organisations' yearly facts (read through the registry's table, in scope).
  const attached = linkIds.length
    ? await ctx.db.select({ linkId: chainLinkOrgs.linkId, orgId: chainLinkOrgs.orgId }).from(chainLinkOrgs).innerJoin(orgs, eq(orgs.id, chainLinkOrgs.orgId))
      .where(and(eq(chainLinkOrgs.chainId, chainId), ne(chainLinkOrgs.status, 'rejected'), ctx.actor?.role === 'district_officer' ? eq(orgs.district, ctx.actor.district!) : undefined))
    : [];
  const orgIds = [...new Set(attached.map((a) => a.orgId))];
  const facts = orgIds.length
    ? await ctx.db.select({ orgId: orgFacts.orgId, year: orgFacts.fiscalYear, employees: orgFacts.employees, rdStaff: orgFacts.rdStaff }).from(orgFacts).where(inArray(orgFacts.orgId, orgIds))
    : [];
  const allYears = [...new Set([...years.map((y) => y.year), ...facts.map((f) => f.year)])].sort();
  const byYear = allYears.map((year) => {
    const ys = years.filter((y) => y.year === year);
    const fs = facts.filter((f) => f.year === year);
    return {
      year, trainees: ys.reduce((s, y) => s + y.trainees, 0), graduates: ys.reduce((s, y) => s + y.graduates, 0),
      organisations: fs.length, employees: fs.reduce((s, f) => s + (f.employees ?? 0), 0), rdStaff: fs.reduce((s, f) => s + (f.rdStaff ?? 0), 0),
    };
  });
  const latest = allYears.at(-1) ?? null;
  const byLink = links.map((l) => {
    const us = units.filter((u) => u.chainLinkIds.includes(l.id));
    const ys = years.filter((y) => y.year === latest && us.some((u) => u.id === y.unitId));
    const os = new Set(attached.filter((a) => a.linkId === l.id).map((a) => a.orgId));
    const fs = facts.filter((f) => f.year === latest && os.has(f.orgId));
    return {
      linkId: l.id, name: { zh: l.zh, en: l.en || l.zh }, stage: l.stage, units: us.length,
      trainees: ys.reduce((s, y) => s + y.trainees, 0), graduates: ys.reduce((s, y) => s + y.graduates, 0),
      organisations: os.size, employees: fs.reduce((s, f) => s + (f.employees ?? 0), 0), rdStaff: fs.reduce((s, f) => s + (f.rdStaff ?? 0), 0),
    };
  });
  return { chainId, chain: { zh: chain.zh, en: chain.en }, latestYear: latest, units: units.length, byYear, byLink };
}
