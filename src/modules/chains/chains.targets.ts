// Investment targets (招商目标): outside enterprises attached to a link, with source, status and
// owner, ranked per chain by chains.formula.targetScore with the reason for every point.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { users } from '../accounts/accounts.schema.ts';
import { analyseChain, type Basis } from './chains.analysis.ts';
import { targetScore, type Reason } from './chains.formula.ts';
import { chainEdges, investmentTargets, TARGET_SOURCES, TARGET_STATUSES } from './chains.schema.ts';
import { findChain, findLink } from './chains.service.ts';

export const TargetCreateSchema = z.strictObject({
  linkId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  location: z.string().trim().max(100).default(''),
  products: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  source: z.enum(TARGET_SOURCES),
  sourceNote: z.string().trim().max(300).default(''),
  status: z.enum(TARGET_STATUSES).default('lead'),
  ownerId: z.uuid().nullish(),
  /** fen */
  plannedInvestment: z.number().int().min(0).nullish(),
  /** fen */
  revenue: z.number().int().min(0).nullish(),
  listed: z.boolean().default(false),
  hnte: z.boolean().default(false),
  notes: z.string().trim().max(2000).default(''),
});
export type TargetCreate = z.infer<typeof TargetCreateSchema>;
export const TargetPatchSchema = TargetCreateSchema.partial().strict();
export type TargetPatch = z.infer<typeof TargetPatchSchema>;

export const TargetSchema = z.object({
  id: z.uuid(), chainId: z.string(), linkId: z.string(), linkZh: z.string(), linkEn: z.string(), linkDeleted: z.boolean(),
  name: z.string(), location: z.string(), products: z.array(z.string()), source: z.enum(TARGET_SOURCES), sourceNote: z.string(),
  status: z.enum(TARGET_STATUSES), ownerId: z.string().nullable(), ownerName: z.string().nullable(),
  plannedInvestment: z.number().nullable(), revenue: z.number().nullable(), listed: z.boolean(), hnte: z.boolean(), notes: z.string(),
  synthetic: z.boolean(), updatedAt: z.string(),
});
export type Target = z.infer<typeof TargetSchema>;

export const RankedTargetSchema = TargetSchema.extend({
  rank: z.number().nullable(), score: z.number().nullable(),
  reasons: z.array(z.object({ points: z.number(), zh: z.string(), en: z.string() })),
  linkClass: z.enum(['strong', 'weak', 'missing']),
});

async function assertOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const [u] = await ctx.db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, ownerId));
  if (!u || u.disabled || (u.role !== 'bureau_admin' && u.role !== 'district_officer')) throw new AppError('chain.owner_invalid', {});
}

export async function listTargets(ctx: Ctx, chainId: string, q: { status?: string; linkId?: string } = {}): Promise<Target[]> {
  await findChain(ctx.db, chainId);
  const rows = (await ctx.db.execute(sql`
    select t.*, l.zh as link_zh, coalesce(nullif(l.en, ''), l.zh) as link_en, l.deleted_at is not null as link_deleted, u.display_name as owner_name
    from investment_targets t join chain_links l on l.id = t.link_id left join users u on u.id = t.owner_id
    where t.chain_id = ${chainId} ${q.status ? sql`and t.status = ${q.status}` : sql``} ${q.linkId ? sql`and t.link_id = ${q.linkId}` : sql``}
    order by t.updated_at desc, t.name`) as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    id: String(r.id), chainId: String(r.chain_id), linkId: String(r.link_id), linkZh: String(r.link_zh), linkEn: String(r.link_en), linkDeleted: Boolean(r.link_deleted),
    name: String(r.name), location: String(r.location), products: r.products as string[], source: r.source as Target['source'], sourceNote: String(r.source_note),
    status: r.status as Target['status'], ownerId: (r.owner_id as string | null) ?? null, ownerName: (r.owner_name as string | null) ?? null,
    plannedInvestment: r.planned_investment === null ? null : Number(r.planned_investment), revenue: r.revenue === null ? null : Number(r.revenue),
    listed: Boolean(r.listed), hnte: Boolean(r.hnte), notes: String(r.notes), synthetic: Boolean(r.synthetic), updatedAt: new Date(r.updated_at as string).toISOString(),
  }));
}

export async function createTarget(ctx: Ctx, chainId: string, input: TargetCreate, opts: { synthetic?: boolean } = {}): Promise<Target> {
  await findChain(ctx.db, chainId);
  await assertOwner(ctx, input.ownerId);
  const id = await ctx.db.transaction(async (tx) => {
    // Attaching to a deleted link is refused (findLink).
    await findLink(tx, chainId, input.linkId, { forUpdate: true });
    const [row] = await tx.insert(investmentTargets).values({ ...input, chainId, ownerId: input.ownerId ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now(), updatedAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'chain.target.create', entityType: 'investment_target', entityId: row.id, after: row });
    return row.id;
  });
  return (await listTargets(ctx, chainId)).find((t) => t.id === id)!;
}

export async function updateTarget(ctx: Ctx, chainId: string, targetId: string, patch: TargetPatch): Promise<Target> {
  await assertOwner(ctx, patch.ownerId);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(investmentTargets).where(and(eq(investmentTargets.id, targetId), eq(investmentTargets.chainId, chainId))).for('update');
    if (!before) throw new AppError('chain.target_not_found', {});
    if (patch.linkId && patch.linkId !== before.linkId) await findLink(tx, chainId, patch.linkId);
    const [after] = await tx.update(investmentTargets).set({ ...patch, updatedAt: ctx.now() }).where(eq(investmentTargets.id, targetId)).returning();
    await recordAudit(tx, ctx, { action: patch.status && patch.status !== before.status ? 'chain.target.status' : 'chain.target.update', entityType: 'investment_target', entityId: targetId, before, after });
  });
  return (await listTargets(ctx, chainId)).find((t) => t.id === targetId)!;
}

/**
 * Targets of a chain ranked by targetScore: the class of the link they would join (from the
 * analysis), whether that link supplies a strong local link, size, HNTE, listing, planned
 * investment and progress. Landed and dropped targets are listed after, unranked.
 */
export async function rankedTargets(ctx: Ctx, chainId: string, basis: Basis = 'all') {
  const [targets, analysis, edges] = await Promise.all([
    listTargets(ctx, chainId),
    analyseChain(ctx, chainId, basis),
    ctx.db.select({ from: chainEdges.fromLinkId, to: chainEdges.toLinkId }).from(chainEdges).where(eq(chainEdges.chainId, chainId)),
  ]);
  const byLink = new Map(analysis.links.map((l) => [l.linkId, l]));
  const scored = targets.map((t) => {
    const link = byLink.get(t.linkId);
    const linkClass = link?.cls ?? 'missing';
    const suppliesStrong = edges.filter((e) => e.from === t.linkId && byLink.get(e.to)?.cls === 'strong').map((e) => byLink.get(e.to)!.zh);
    const open = t.status !== 'landed' && t.status !== 'dropped';
    const s = open ? targetScore({ ...t, linkClass, suppliesStrong }) : { score: null, reasons: [] as Reason[] };
    return { ...t, linkClass, score: s.score, reasons: s.reasons, rank: null as number | null };
  });
  const open = scored.filter((t) => t.score !== null).sort((a, b) => b.score! - a.score! || a.name.localeCompare(b.name, 'zh'));
  open.forEach((t, i) => { t.rank = i + 1; });
  return { chainId, items: [...open, ...scored.filter((t) => t.score === null)] };
}

export async function targetCounts(ctx: Ctx, chainIds: string[]) {
  if (!chainIds.length) return [];
  return ctx.db.select({ chainId: investmentTargets.chainId, status: investmentTargets.status, n: sql<number>`count(*)::int` }).from(investmentTargets)
    .where(inArray(investmentTargets.chainId, chainIds)).groupBy(investmentTargets.chainId, investmentTargets.status);
}
