// Organisations at links (suggested from registry data, decided by staff) and the analysis of a
// chain: indicators per link, strength, recommendation, completeness and reserve pools.
// Formulas live in chains.formula.ts (pure); this file gathers the numbers.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { reserveTiersOf } from '../cultivation/cultivation.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { visibleOrgs } from '../registry/registry.service.ts';
import {
  bestLink, linkStrength, matchScore, recommend, suggestRole,
  type LinkIndicators, type LinkRole, type MatchLink, type MatchOrg, type StrengthClass,
} from './chains.formula.ts';
import { chainEdges, chainLinkOrgs, chains, investmentTargets, type Evidence } from './chains.schema.ts';
import { findChain, findLink, liveLinks } from './chains.service.ts';

const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';
type Rows<T> = { rows: T[] };
export const rowsOf = <T>(r: unknown) => (r as Rows<T>).rows;

/** The latest fiscal year with any facts: the year the analysis reads. */
export async function latestFiscalYear(db: DbOrTx): Promise<number | null> {
  const [r] = rowsOf<{ y: number | null }>(await db.execute(sql`select max(fiscal_year)::int as y from org_facts`));
  return r?.y ?? null;
}

/** Links with their depth (0 = top level), for matching and roll-ups. */
function withDepth<T extends { id: string; parentId: string | null }>(links: T[]): (T & { depth: number })[] {
  const byId = new Map(links.map((l) => [l.id, l]));
  const depth = (l: T): number => (l.parentId && byId.has(l.parentId) ? 1 + depth(byId.get(l.parentId)!) : 0);
  return links.map((l) => ({ ...l, depth: depth(l) }));
}

// ---------- suggestions ----------

/**
 * Suggests, for every organisation, its best link in the chain (chains.formula: matchScore,
 * suggestRole) with confidence and evidence. Staff decisions stand: organisations already
 * confirmed or rejected in this chain are skipped; earlier open suggestions are replaced.
 */
export async function suggestOrgs(ctx: Ctx, chainId: string): Promise<{ chainId: string; scanned: number; suggested: number; kept: number }> {
  await findChain(ctx.db, chainId);
  const links = withDepth(await liveLinks(ctx.db, chainId)).map((l) => ({ id: l.id, parentId: l.parentId, depth: l.depth, codes: l.codes, keywords: l.keywords, products: l.products }));
  const decided = new Set((await ctx.db.select({ orgId: chainLinkOrgs.orgId }).from(chainLinkOrgs)
    .where(and(eq(chainLinkOrgs.chainId, chainId), sql`${chainLinkOrgs.status} <> 'suggested'`))).map((r) => r.orgId));
  const candidates = await ctx.db.select({ id: orgs.id, kind: orgs.kind, industryCode: orgs.industryCode, keywords: orgs.keywords, mainProducts: orgs.mainProducts, listed: orgs.listed })
    .from(orgs).where(visibleOrgs(ctx));

  // Prefilter: a link can score only through a shared code group or a matching term, so only
  // those links are scored (each distinct term is compared with the links once).
  const termHits = new Map<string, Set<number>>();
  const hitsOf = (term: string) => {
    let hit = termHits.get(term);
    if (!hit) {
      hit = new Set();
      for (const [i, l] of links.entries()) {
        for (const k of [...l.keywords, ...l.products]) if (term.length >= 2 && k.length >= 2 && (term.includes(k) || k.includes(term))) { hit.add(i); break; }
      }
      termHits.set(term, hit);
    }
    return hit;
  };
  const childrenOf = new Map<number, number[]>();
  for (const [i, l] of links.entries()) {
    const p = links.findIndex((x) => x.id === l.parentId);
    if (p >= 0) childrenOf.set(p, [...(childrenOf.get(p) ?? []), i]);
  }
  const groups = new Map<string, Set<number>>();
  for (const [i, l] of links.entries()) for (const c of l.codes) groups.set(c.slice(0, 3), (groups.get(c.slice(0, 3)) ?? new Set()).add(i));

  const matches: { orgId: string; linkId: string; score: number; evidence: Evidence[]; o: (typeof candidates)[number] }[] = [];
  for (const o of candidates) {
    if (decided.has(o.id)) continue;
    const idx = new Set<number>(o.industryCode ? groups.get(o.industryCode.slice(0, 3)) ?? [] : []);
    for (const t of [...o.keywords, ...o.mainProducts]) for (const i of hitsOf(t)) idx.add(i);
    if (idx.size === 0) continue;
    for (const i of [...idx]) for (const c of childrenOf.get(i) ?? []) idx.add(c);
    const best = bestLink(o as MatchOrg, [...idx].map((i) => links[i]) as MatchLink[]);
    if (best) matches.push({ orgId: o.id, linkId: best.linkId, score: best.score, evidence: best.evidence, o });
  }

  const facts = await roleFactsOf(ctx.db, matches.map((m) => m.orgId));
  const rows = matches.map((m) => {
    const f = facts.get(m.orgId);
    const role = suggestRole({ kind: m.o.kind, industryCode: m.o.industryCode, listed: m.o.listed, revenue: f?.revenue ?? null, hnte: f?.hnte ?? false, srdi: f?.srdi ?? false });
    return {
      id: crypto.randomUUID(), chain_id: chainId, link_id: m.linkId, org_id: m.orgId, role: role.role, status: 'suggested', confidence: m.score,
      evidence: [...m.evidence, { kind: 'role', value: role.role, matched: role.reason.zh, weight: 0 }], source: 'auto', decided_by: null, decided_at: null, created_at: ctx.now().toISOString(),
    };
  });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(chainLinkOrgs).where(and(eq(chainLinkOrgs.chainId, chainId), eq(chainLinkOrgs.status, 'suggested')));
    for (let i = 0; i < rows.length; i += 2_000) {
      await tx.execute(sql`insert into chain_link_orgs select * from json_populate_recordset(null::chain_link_orgs, ${JSON.stringify(rows.slice(i, i + 2_000))}::json)`);
    }
    await recordAudit(tx, ctx, { action: 'chain.suggest', entityType: 'chain', entityId: chainId, after: { scanned: candidates.length, suggested: rows.length, kept: decided.size } });
  });
  // A bulk replace leaves the planner's statistics stale; the analysis then picks a nested-loop
  // plan that is ~7x slower (bench/chains.ts: 10.2 s before, 1.5 s after).
  await ctx.db.execute(sql`analyze chain_link_orgs`);
  return { chainId, scanned: candidates.length, suggested: rows.length, kept: decided.size };
}

/** Latest-year revenue and active HNTE / SRDI status, for role suggestions and indicators. */
async function roleFactsOf(db: DbOrTx, orgIds: string[]): Promise<Map<string, { revenue: number | null; hnte: boolean; srdi: boolean }>> {
  const out = new Map<string, { revenue: number | null; hnte: boolean; srdi: boolean }>();
  const year = await latestFiscalYear(db);
  for (let i = 0; i < orgIds.length; i += 5_000) {
    const ids = `{${orgIds.slice(i, i + 5_000).join(',')}}`;
    const rows = rowsOf<{ id: string; revenue: string | null; hnte: boolean; srdi: boolean }>(await db.execute(sql`
      select o.id, f.revenue::text as revenue,
        exists (select 1 from org_qualifications q where q.org_id = o.id and q.kind = 'hnte' and (q.expires_on is null or q.expires_on >= current_date)) as hnte,
        exists (select 1 from org_qualifications q where q.org_id = o.id and q.kind in ('srdi_sme', 'little_giant') and (q.expires_on is null or q.expires_on >= current_date)) as srdi
      from orgs o left join org_facts f on f.org_id = o.id and f.fiscal_year = ${year ?? 0}
      where o.id = any(${ids}::uuid[])`));
    for (const r of rows) out.set(r.id, { revenue: r.revenue === null ? null : Number(r.revenue), hnte: r.hnte, srdi: r.srdi });
  }
  return out;
}

// ---------- staff decisions ----------

async function findVisibleOrg(ctx: Ctx, uscc: string) {
  const [o] = await ctx.db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind, industryCode: orgs.industryCode, keywords: orgs.keywords, mainProducts: orgs.mainProducts, listed: orgs.listed })
    .from(orgs).where(and(eq(orgs.uscc, uscc.trim().toUpperCase()), visibleOrgs(ctx)));
  if (!o) throw new AppError('org.not_found', { uscc });
  return o;
}

/**
 * Staff attach an organisation to a link (confirmed at once). If it sits at another link of
 * the chain it moves there. A deleted link is refused.
 */
export async function attachOrg(ctx: Ctx, chainId: string, linkId: string, input: { uscc: string; role?: LinkRole }) {
  const link = await findLink(ctx.db, chainId, linkId);
  const o = await findVisibleOrg(ctx, input.uscc);
  const evidence = matchScore(o as MatchOrg, { ...link, depth: 0 }).evidence;
  const role = input.role ?? suggestRole({ kind: o.kind, industryCode: o.industryCode, listed: o.listed, ...((await roleFactsOf(ctx.db, [o.id])).get(o.id) ?? { revenue: null, hnte: false, srdi: false }) }).role;
  return ctx.db.transaction(async (tx) => {
    await findLink(tx, chainId, linkId, { forUpdate: true });
    const [before] = await tx.select().from(chainLinkOrgs).where(and(eq(chainLinkOrgs.chainId, chainId), eq(chainLinkOrgs.orgId, o.id)));
    const values = { linkId, role, status: 'confirmed' as const, decidedBy: actorName(ctx), decidedAt: ctx.now() };
    const [row] = before
      ? await tx.update(chainLinkOrgs).set(values).where(eq(chainLinkOrgs.id, before.id)).returning()
      : await tx.insert(chainLinkOrgs).values({ ...values, chainId, orgId: o.id, confidence: 100, evidence, source: 'manual', createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: before ? 'chain.org.move' : 'chain.org.attach', entityType: 'chain_link_org', entityId: row.id, before: before ?? null, after: { ...row, org: o.name } });
    return { id: row.id, linkId: row.linkId, role: row.role, status: row.status };
  });
}

/** Confirm or reject a suggestion, change the role, or move the organisation to another link. */
export async function decideAttachment(ctx: Ctx, chainId: string, attachmentId: string, input: { status?: 'confirmed' | 'rejected'; role?: LinkRole; linkId?: string }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ a: chainLinkOrgs, name: orgs.name }).from(chainLinkOrgs).innerJoin(orgs, eq(orgs.id, chainLinkOrgs.orgId))
      .where(and(eq(chainLinkOrgs.id, attachmentId), eq(chainLinkOrgs.chainId, chainId), visibleOrgs(ctx))).for('update', { of: chainLinkOrgs });
    if (!row) throw new AppError('chain.attachment_not_found', {});
    if (input.linkId) await findLink(tx, chainId, input.linkId);
    const [after] = await tx.update(chainLinkOrgs).set({ ...input, decidedBy: actorName(ctx), decidedAt: ctx.now() }).where(eq(chainLinkOrgs.id, attachmentId)).returning();
    const action = input.status === 'rejected' ? 'chain.org.reject' : input.linkId && input.linkId !== row.a.linkId ? 'chain.org.move' : 'chain.org.confirm';
    await recordAudit(tx, ctx, { action, entityType: 'chain_link_org', entityId: attachmentId, before: { ...row.a, org: row.name }, after });
    return { id: after.id, linkId: after.linkId, role: after.role, status: after.status };
  });
}

// ---------- analysis ----------

export type Basis = 'confirmed' | 'all';

interface LinkAgg extends LinkIndicators {
  linkId: string;
}

const ZERO: LinkIndicators = { organisations: 0, revenue: 0, rdExpense: 0, rdRevenue: 0, hnte: 0, srdi: 0, classOneIp: 0, leaders: 0 };

/** One aggregate per link over the attached organisations the actor may see (latest fiscal year). */
export async function linkAggregates(ctx: Ctx, chainIds: string[], basis: Basis, year: number | null): Promise<LinkAgg[]> {
  const statuses = basis === 'confirmed' ? sql`a.status = 'confirmed'` : sql`a.status in ('confirmed', 'suggested')`;
  const rows = rowsOf<Record<string, string | number>>(await ctx.db.execute(sql`
    with q as (
      select org_id, bool_or(kind = 'hnte') as hnte, bool_or(kind in ('srdi_sme', 'little_giant')) as srdi
      from org_qualifications where kind in ('hnte', 'srdi_sme', 'little_giant') and (expires_on is null or expires_on >= current_date)
      group by org_id)
    select a.link_id as "linkId", count(*)::int as organisations,
      coalesce(sum(f.revenue), 0)::text as revenue,
      coalesce(sum(f.rd_expense) filter (where f.revenue > 0), 0)::text as "rdExpense",
      coalesce(sum(f.revenue) filter (where f.rd_expense is not null and f.revenue > 0), 0)::text as "rdRevenue",
      count(*) filter (where q.hnte)::int as hnte, count(*) filter (where q.srdi)::int as srdi,
      coalesce(sum(coalesce(f.invention_patents, 0) + coalesce(f.plant_varieties, 0) + coalesce(f.crop_varieties, 0) + coalesce(f.new_drugs, 0)
        + coalesce(f.tcm_protected_varieties, 0) + coalesce(f.ic_layouts, 0)), 0)::int as "classOneIp",
      count(*) filter (where a.role = 'chain_leader')::int as leaders
    from chain_link_orgs a
    join orgs on orgs.id = a.org_id
    left join org_facts f on f.org_id = a.org_id and f.fiscal_year = ${year ?? 0}
    left join q on q.org_id = a.org_id
    where a.chain_id = any(${`{${chainIds.join(',')}}`}::text[]) and ${statuses} and ${visibleOrgs(ctx) ?? sql`true`}
    group by a.link_id`));
  return rows.map((r) => ({
    linkId: String(r.linkId), organisations: Number(r.organisations), revenue: Number(r.revenue), rdExpense: Number(r.rdExpense), rdRevenue: Number(r.rdRevenue),
    hnte: Number(r.hnte), srdi: Number(r.srdi), classOneIp: Number(r.classOneIp), leaders: Number(r.leaders),
  }));
}

const add = (a: LinkIndicators, b: LinkIndicators): LinkIndicators => ({
  organisations: a.organisations + b.organisations, revenue: a.revenue + b.revenue, rdExpense: a.rdExpense + b.rdExpense, rdRevenue: a.rdRevenue + b.rdRevenue,
  hnte: a.hnte + b.hnte, srdi: a.srdi + b.srdi, classOneIp: a.classOneIp + b.classOneIp, leaders: a.leaders + b.leaders,
});

export interface LinkAnalysis {
  linkId: string;
  parentId: string | null;
  depth: number;
  stage: 'upstream' | 'midstream' | 'downstream';
  zh: string;
  en: string;
  /** The link with its sub-links. */
  indicators: LinkIndicators & { rdIntensity: number | null };
  score: number;
  cls: StrengthClass;
  parts: { key: string; points: number; max: number }[];
  action: 'strengthen' | 'fill' | 'extend' | 'keep';
  recommendation: { zh: string; en: string };
  targets: number;
}

/** Scores every live link of a chain from pre-aggregated numbers (shared by the API and the benchmark). */
export function scoreLinks(
  links: { id: string; parentId: string | null; stage: LinkAnalysis['stage']; zh: string; en: string }[],
  edges: { fromLinkId: string; toLinkId: string }[],
  aggs: Map<string, LinkIndicators>,
  targets: Map<string, number> = new Map(),
): LinkAnalysis[] {
  const deep = withDepth(links);
  const children = new Map<string, string[]>();
  for (const l of deep) if (l.parentId) children.set(l.parentId, [...(children.get(l.parentId) ?? []), l.id]);
  const totals = new Map<string, LinkIndicators>();
  const total = (id: string): LinkIndicators => {
    let t = totals.get(id);
    if (!t) {
      t = (children.get(id) ?? []).reduce((s, c) => add(s, total(c)), aggs.get(id) ?? ZERO);
      totals.set(id, t);
    }
    return t;
  };
  // A parent link supplies / buys what its sub-links do.
  const family = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(family)];
  const ancestors = new Map(deep.map((l) => [l.id, l.parentId]));
  const lineage = (id: string) => { const out: string[] = []; for (let a: string | null | undefined = id; a; a = ancestors.get(a)) out.push(a); return out; };
  const hasSupplier = new Set<string>();
  const hasCustomer = new Set<string>();
  for (const e of edges) {
    for (const a of lineage(e.toLinkId)) hasSupplier.add(a);
    for (const a of lineage(e.fromLinkId)) hasCustomer.add(a);
  }
  return deep.map((l) => {
    const ind = total(l.id);
    const s = linkStrength(ind);
    const fam = family(l.id);
    const r = recommend(s, { stage: l.stage, hasSupplier: fam.some((x) => hasSupplier.has(x)), hasCustomer: fam.some((x) => hasCustomer.has(x)) });
    return {
      linkId: l.id, parentId: l.parentId, depth: l.depth, stage: l.stage, zh: l.zh, en: l.en || l.zh,
      indicators: { ...ind, rdIntensity: s.rdIntensity }, score: s.score, cls: s.cls, parts: s.parts, action: r.action, recommendation: r.text,
      targets: fam.reduce((n, x) => n + (targets.get(x) ?? 0), 0),
    };
  });
}

export function completeness(links: LinkAnalysis[]) {
  const count = (xs: LinkAnalysis[]) => ({
    links: xs.length, strong: xs.filter((x) => x.cls === 'strong').length, weak: xs.filter((x) => x.cls === 'weak').length,
    missing: xs.filter((x) => x.cls === 'missing').length,
    /** Share of links with at least one local organisation, 0–1. */
    completeness: xs.length ? Math.round((xs.filter((x) => x.cls !== 'missing').length / xs.length) * 1000) / 1000 : 0,
  });
  return { ...count(links), byStage: Object.fromEntries((['upstream', 'midstream', 'downstream'] as const).map((s) => [s, count(links.filter((l) => l.stage === s))])) };
}

export async function analyseChain(ctx: Ctx, chainId: string, basis: Basis = 'all') {
  await findChain(ctx.db, chainId);
  const year = await latestFiscalYear(ctx.db);
  const [links, edges, aggs, targetRows] = await Promise.all([
    liveLinks(ctx.db, chainId),
    ctx.db.select({ fromLinkId: chainEdges.fromLinkId, toLinkId: chainEdges.toLinkId }).from(chainEdges).where(eq(chainEdges.chainId, chainId)),
    linkAggregates(ctx, [chainId], basis, year),
    ctx.db.select({ linkId: investmentTargets.linkId, n: sql<number>`count(*)::int` }).from(investmentTargets)
      .where(and(eq(investmentTargets.chainId, chainId), sql`${investmentTargets.status} not in ('landed', 'dropped')`)).groupBy(investmentTargets.linkId),
  ]);
  const scored = scoreLinks(links, edges, new Map(aggs.map((a) => [a.linkId, a])), new Map(targetRows.map((t) => [t.linkId, t.n])));
  const reserve = await reserveCounts(ctx, chainId, basis);
  return {
    chainId, basis, fiscalYear: year, ...completeness(scored),
    links: scored.map((l) => ({ ...l, reserve: reserve.get(l.linkId) ?? 0 })),
  };
}

/** Local organisations at each link (own, not rolled up) that sit in a cultivation reserve pool. */
async function reserveCounts(ctx: Ctx, chainId: string, basis: Basis): Promise<Map<string, number>> {
  const attached = await ctx.db.select({ orgId: chainLinkOrgs.orgId, linkId: chainLinkOrgs.linkId }).from(chainLinkOrgs).innerJoin(orgs, eq(orgs.id, chainLinkOrgs.orgId))
    .where(and(eq(chainLinkOrgs.chainId, chainId), basis === 'confirmed' ? eq(chainLinkOrgs.status, 'confirmed') : inArray(chainLinkOrgs.status, ['confirmed', 'suggested']), visibleOrgs(ctx)));
  const tiers = await reserveTiersOf(ctx, attached.map((a) => a.orgId));
  const out = new Map<string, number>();
  for (const a of attached) if (tiers.has(a.orgId)) out.set(a.linkId, (out.get(a.linkId) ?? 0) + 1);
  return out;
}

/** One link: its analysis, the organisations there (visible to the actor), reserve tiers and targets. */
export async function linkDetail(ctx: Ctx, chainId: string, linkId: string, basis: Basis = 'all') {
  const link = await findLink(ctx.db, chainId, linkId);
  const analysis = await analyseChain(ctx, chainId, basis);
  const own = analysis.links.find((l) => l.linkId === linkId)!;
  const year = analysis.fiscalYear;
  const attached = rowsOf<{ id: string; orgId: string; uscc: string; name: string; district: string; synthetic: boolean; role: LinkRole; status: "suggested" | "confirmed" | "rejected"; confidence: number; evidence: Evidence[]; source: string; decidedBy: string | null; revenue: string | null }>(await ctx.db.execute(sql`
    select a.id, a.org_id as "orgId", orgs.uscc, orgs.name, orgs.district, orgs.synthetic, a.role, a.status, a.confidence, a.evidence, a.source, a.decided_by as "decidedBy", f.revenue::text as revenue
    from chain_link_orgs a join orgs on orgs.id = a.org_id
    left join org_facts f on f.org_id = a.org_id and f.fiscal_year = ${year ?? 0}
    where a.link_id = ${linkId} and ${visibleOrgs(ctx) ?? sql`true`}
    order by case a.status when 'confirmed' then 0 when 'suggested' then 1 else 2 end, case a.role when 'chain_leader' then 0 when 'core_supplier' then 1 when 'supporting' then 2 else 3 end, f.revenue desc nulls last, orgs.name`));
  const tiers = await reserveTiersOf(ctx, attached.filter((a) => a.status !== 'rejected').map((a) => a.orgId));
  return {
    link: { id: link.id, chainId, parentId: link.parentId, stage: link.stage, zh: link.zh, en: link.en, codes: link.codes, keywords: link.keywords, technologies: link.technologies, products: link.products },
    analysis: own,
    organisations: attached.map(({ revenue, ...a }) => ({ ...a, revenue: revenue === null ? null : Number(revenue), reserveTiers: tiers.get(a.orgId) ?? [] })),
  };
}

export async function chainName(db: DbOrTx, chainId: string) {
  const [c] = await db.select({ zh: chains.zh, en: chains.en }).from(chains).where(eq(chains.id, chainId));
  return c;
}
