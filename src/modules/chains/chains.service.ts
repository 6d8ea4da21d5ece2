// Industry system (4+4+6) and chain maps: the editable structure. Attachments of organisations,
// investment targets, analysis and versions live in chains.analysis.ts / chains.versions.ts.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx, Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { industryCodes } from '../registry/industry.ts';
import { PLANNED_CHAIN_COUNT, REF_CHAINS, REF_INDUSTRIES, type RefLink } from './chains.reference.ts';
import {
  chainEdges, chainLinkOrgs, chainLinks, chains, industries, industryRevisions, investmentTargets,
  type ChainCreate, type Industry, type IndustryPatch, type Link, type LinkCreate, type LinkPatch,
} from './chains.schema.ts';

type LinkRow = typeof chainLinks.$inferSelect;
type IndustryRow = typeof industries.$inferSelect;

const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';

// ---------- reference data ----------

/**
 * Installs the shipped starting draft (industry system and the three reference chain maps)
 * once: industries and chains already present are left alone, so staff edits survive restarts.
 */
export async function installChainReference(ctx: Ctx): Promise<{ industries: number; chains: number; links: number }> {
  return ctx.db.transaction(async (tx) => {
    const haveIndustries = new Set((await tx.select({ id: industries.id }).from(industries)).map((r) => r.id));
    const newIndustries = REF_INDUSTRIES.map((i, n) => ({ ...i, n })).filter((i) => !haveIndustries.has(i.key));
    if (newIndustries.length) {
      await tx.insert(industries).values(newIndustries.map((i) => ({
        id: i.key, tier: i.tier, zh: i.zh, en: i.en, codes: i.codes, keywords: i.keywords, verified: i.verified, sourceNote: i.sourceNote,
        sortOrder: i.n, updatedAt: ctx.now(), updatedBy: 'system',
      })));
    }
    const haveChains = new Set((await tx.select({ id: chains.id }).from(chains)).map((r) => r.id));
    let linkCount = 0;
    const installed: string[] = [];
    for (const [n, ref] of REF_CHAINS.entries()) {
      if (haveChains.has(ref.key)) continue;
      await tx.insert(chains).values({ id: ref.key, zh: ref.zh, en: ref.en, industryId: ref.industryKey, description: ref.description, origin: 'reference', sortOrder: n, createdAt: ctx.now(), updatedAt: ctx.now() });
      const ids = new Map<string, string>();
      const rows: (typeof chainLinks.$inferInsert)[] = [];
      const add = (l: RefLink, parentId: string | null, order: number) => {
        const id = randomUUID();
        ids.set(l.key, id);
        rows.push({ id, chainId: ref.key, parentId, refKey: l.key, stage: l.stage, zh: l.zh, en: l.en, codes: l.codes, keywords: l.keywords, technologies: l.technologies, products: l.products, sortOrder: order, createdAt: ctx.now(), updatedAt: ctx.now() });
        l.children?.forEach((c, i) => add(c, id, i));
      };
      ref.links.forEach((l, i) => add(l, null, i));
      await tx.insert(chainLinks).values(rows);
      await tx.insert(chainEdges).values(ref.edges.map(([a, b]) => ({ chainId: ref.key, fromLinkId: ids.get(a)!, toLinkId: ids.get(b)! })));
      linkCount += rows.length;
      installed.push(ref.key);
    }
    if (newIndustries.length || installed.length) {
      await recordAudit(tx, ctx, { action: 'chains.install_reference', entityType: 'chain', entityId: null, after: { industries: newIndustries.map((i) => i.key), chains: installed, links: linkCount } });
    }
    return { industries: newIndustries.length, chains: installed.length, links: linkCount };
  });
}

// ---------- industry system ----------

function codeNames(codes: string[]) {
  return codes.map((code) => ({ code, zh: industryCodes().get(code)?.zh ?? '' }));
}

function toIndustry(r: IndustryRow, linked: { id: string; zh: string; en: string; industryId: string | null }[]): Industry {
  return {
    id: r.id, tier: r.tier, zh: r.zh, en: r.en, codes: r.codes, keywords: r.keywords, codeNames: codeNames(r.codes), verified: r.verified,
    sourceNote: r.sourceNote, sortOrder: r.sortOrder, version: r.version, updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy,
    chains: linked.filter((c) => c.industryId === r.id).map(({ id, zh, en }) => ({ id, zh, en })),
  };
}

export async function listIndustries(ctx: Ctx): Promise<Industry[]> {
  const [rows, linked] = await Promise.all([
    ctx.db.select().from(industries).orderBy(asc(industries.sortOrder), asc(industries.id)),
    ctx.db.select({ id: chains.id, zh: chains.zh, en: chains.en, industryId: chains.industryId }).from(chains).orderBy(asc(chains.sortOrder)),
  ]);
  return rows.map((r) => toIndustry(r, linked));
}

const industrySnapshot = (r: IndustryRow) => ({ zh: r.zh, en: r.en, codes: r.codes, keywords: r.keywords, verified: r.verified, sourceNote: r.sourceNote, version: r.version, updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy });

/** Edits one industry; the previous state becomes a revision. A stale `version` is refused. */
export async function updateIndustry(ctx: Ctx, id: string, patch: IndustryPatch): Promise<Industry> {
  const { version, ...changes } = patch;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(industries).where(eq(industries.id, id)).for('update');
    if (!row) throw new AppError('industry.not_found', { id });
    if (row.version !== version) throw new AppError('industry.stale', { version: row.version });
    if (changes.codes) changes.codes = [...new Set(changes.codes)];
    await tx.insert(industryRevisions).values({ industryId: id, version: row.version, snapshot: industrySnapshot(row), at: ctx.now(), actor: actorName(ctx) });
    const [after] = await tx.update(industries).set({ ...changes, version: row.version + 1, updatedAt: ctx.now(), updatedBy: actorName(ctx) }).where(eq(industries.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'industry.update', entityType: 'industry', entityId: id, before: industrySnapshot(row), after: industrySnapshot(after) });
  });
  return (await listIndustries(ctx)).find((i) => i.id === id)!;
}

export async function listIndustryRevisions(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select({ id: industries.id }).from(industries).where(eq(industries.id, id));
  if (!row) throw new AppError('industry.not_found', { id });
  const rows = await ctx.db.select().from(industryRevisions).where(eq(industryRevisions.industryId, id)).orderBy(sql`${industryRevisions.version} desc`);
  return rows.map((r) => ({ version: r.version, snapshot: r.snapshot as Record<string, unknown>, at: r.at.toISOString(), actor: r.actor }));
}

// ---------- chains ----------

export async function findChain(db: DbOrTx, chainId: string) {
  const [row] = await db.select().from(chains).where(eq(chains.id, chainId));
  if (!row) throw new AppError('chain.not_found', { chainId });
  return row;
}

export async function listChains(ctx: Ctx) {
  const rows = await ctx.db.execute(sql`
    select c.id, c.zh, c.en, c.industry_id as "industryId", c.origin, c.description,
      (select count(*)::int from chain_links l where l.chain_id = c.id and l.deleted_at is null) as links,
      (select count(*)::int from chain_link_orgs a where a.chain_id = c.id and a.status <> 'rejected') as organisations,
      (select count(*)::int from investment_targets t where t.chain_id = c.id) as targets
    from chains c order by c.sort_order, c.id`);
  return { planned: PLANNED_CHAIN_COUNT, items: (rows as unknown as { rows: never[] }).rows };
}

function toLink(r: LinkRow): Link {
  return {
    id: r.id, chainId: r.chainId, parentId: r.parentId, stage: r.stage, zh: r.zh, en: r.en, codes: r.codes, keywords: r.keywords,
    technologies: r.technologies, products: r.products, sortOrder: r.sortOrder, deleted: r.deletedAt !== null, mergedInto: r.mergedInto,
  };
}

const STAGE_ORDER = { upstream: 0, midstream: 1, downstream: 2 } as const;

export async function liveLinks(db: DbOrTx, chainId: string): Promise<LinkRow[]> {
  const rows = await db.select().from(chainLinks).where(and(eq(chainLinks.chainId, chainId), isNull(chainLinks.deletedAt)));
  return rows.sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || a.sortOrder - b.sortOrder || a.zh.localeCompare(b.zh));
}

export async function getChainMap(ctx: Ctx, chainId: string) {
  const chain = await findChain(ctx.db, chainId);
  const [links, edges] = await Promise.all([
    liveLinks(ctx.db, chainId),
    ctx.db.select().from(chainEdges).where(eq(chainEdges.chainId, chainId)),
  ]);
  return {
    id: chain.id, zh: chain.zh, en: chain.en, industryId: chain.industryId, origin: chain.origin, description: chain.description,
    links: links.map(toLink), linkCount: links.length,
    edges: edges.map((e) => ({ id: e.id, fromLinkId: e.fromLinkId, toLinkId: e.toLinkId })),
  };
}

async function assertIndustry(db: DbOrTx, id: string | null | undefined) {
  if (!id) return;
  const [row] = await db.select({ id: industries.id }).from(industries).where(eq(industries.id, id));
  if (!row) throw new AppError('industry.not_found', { id });
}

export async function createChain(ctx: Ctx, input: ChainCreate) {
  await ctx.db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: chains.id }).from(chains).where(eq(chains.id, input.id));
    if (exists) throw new AppError('chain.id_taken', { chainId: input.id });
    await assertIndustry(tx, input.industryId);
    const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${chains.sortOrder}), 0)::int + 1` }).from(chains);
    const [row] = await tx.insert(chains).values({
      id: input.id, zh: input.zh, en: input.en, industryId: input.industryId ?? null, description: input.description ?? { zh: '', en: '' },
      origin: 'staff', sortOrder: n, createdAt: ctx.now(), updatedAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'chain.create', entityType: 'chain', entityId: row.id, after: row });
  });
  return getChainMap(ctx, input.id);
}

export async function updateChain(ctx: Ctx, chainId: string, patch: Partial<Omit<ChainCreate, 'id'>>) {
  await ctx.db.transaction(async (tx) => {
    const before = await findChain(tx, chainId);
    await assertIndustry(tx, patch.industryId);
    const [after] = await tx.update(chains).set({ ...patch, updatedAt: ctx.now() }).where(eq(chains.id, chainId)).returning();
    await recordAudit(tx, ctx, { action: 'chain.update', entityType: 'chain', entityId: chainId, before, after });
  });
  return getChainMap(ctx, chainId);
}

// ---------- links ----------

/** A live link of this chain, or the matching refusal (unknown, deleted, another chain's). */
export async function findLink(db: DbOrTx, chainId: string, linkId: string, opts: { forUpdate?: boolean } = {}): Promise<LinkRow> {
  const q = db.select().from(chainLinks).where(eq(chainLinks.id, linkId));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row || row.chainId !== chainId) throw new AppError('chain.link_not_found', { linkId });
  if (row.deletedAt) throw new AppError('chain.link_deleted', { name: row.zh });
  return row;
}

/** A parent must be a live link of the same chain, at the same stage, and not the link itself or below it. */
async function checkParent(tx: Tx, chainId: string, linkId: string | null, parentId: string, stage: string) {
  const parent = await findLink(tx, chainId, parentId);
  if (parent.stage !== stage) throw new AppError('chain.stage_mismatch', { parent: parent.zh });
  if (!linkId) return;
  const links = await tx.select({ id: chainLinks.id, parentId: chainLinks.parentId }).from(chainLinks).where(eq(chainLinks.chainId, chainId));
  const parentOf = new Map(links.map((l) => [l.id, l.parentId]));
  for (let at: string | null | undefined = parentId; at; at = parentOf.get(at)) {
    if (at === linkId) throw new AppError('chain.link_cycle', {});
  }
}

export async function addLink(ctx: Ctx, chainId: string, input: LinkCreate): Promise<Link> {
  return ctx.db.transaction(async (tx) => {
    await findChain(tx, chainId);
    if (input.parentId) await checkParent(tx, chainId, null, input.parentId, input.stage);
    const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${chainLinks.sortOrder}), -1)::int + 1` }).from(chainLinks)
      .where(and(eq(chainLinks.chainId, chainId), input.parentId ? eq(chainLinks.parentId, input.parentId) : isNull(chainLinks.parentId)));
    const [row] = await tx.insert(chainLinks).values({
      chainId, parentId: input.parentId ?? null, stage: input.stage, zh: input.zh, en: input.en, codes: [...new Set(input.codes)],
      keywords: input.keywords, technologies: input.technologies, products: input.products, sortOrder: input.sortOrder ?? n, createdAt: ctx.now(), updatedAt: ctx.now(),
    }).returning();
    const after = toLink(row);
    await recordAudit(tx, ctx, { action: 'chain.link.create', entityType: 'chain_link', entityId: row.id, after });
    return after;
  });
}

/** Edits or moves a link (new parent, stage or order). Moving a link moves its sub-links' stage with it. */
export async function updateLink(ctx: Ctx, chainId: string, linkId: string, patch: LinkPatch): Promise<Link> {
  return ctx.db.transaction(async (tx) => {
    const row = await findLink(tx, chainId, linkId, { forUpdate: true });
    const parentId = patch.parentId === undefined ? row.parentId : patch.parentId;
    let stage = patch.stage ?? row.stage;
    if (parentId) {
      // A sub-link takes its parent's stage when only the parent changes.
      if (patch.parentId && !patch.stage) stage = (await findLink(tx, chainId, parentId)).stage;
      await checkParent(tx, chainId, linkId, parentId, stage);
    }
    const [updated] = await tx.update(chainLinks).set({ ...patch, parentId, stage, ...(patch.codes ? { codes: [...new Set(patch.codes)] } : {}), updatedAt: ctx.now() })
      .where(eq(chainLinks.id, linkId)).returning();
    if (stage !== row.stage) await setSubtreeStage(tx, chainId, linkId, stage);
    const after = toLink(updated);
    await recordAudit(tx, ctx, { action: 'chain.link.update', entityType: 'chain_link', entityId: linkId, before: toLink(row), after });
    return after;
  });
}

async function subtreeIds(tx: Tx, chainId: string, rootId: string): Promise<string[]> {
  const rows = await tx.select({ id: chainLinks.id, parentId: chainLinks.parentId }).from(chainLinks).where(and(eq(chainLinks.chainId, chainId), isNull(chainLinks.deletedAt)));
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parentId === out[i]) out.push(r.id);
  return out;
}

async function setSubtreeStage(tx: Tx, chainId: string, rootId: string, stage: LinkRow['stage']) {
  const ids = await subtreeIds(tx, chainId, rootId);
  await tx.update(chainLinks).set({ stage }).where(inArray(chainLinks.id, ids));
}

/**
 * Deletes a link and its sub-links: they are marked deleted (ids stay resolvable for other
 * modules), their supply edges go, and organisations and targets there can no longer be attached.
 */
export async function deleteLink(ctx: Ctx, chainId: string, linkId: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await findLink(tx, chainId, linkId, { forUpdate: true });
    const ids = await subtreeIds(tx, chainId, linkId);
    await tx.update(chainLinks).set({ deletedAt: ctx.now(), updatedAt: ctx.now() }).where(inArray(chainLinks.id, ids));
    const edges = await tx.delete(chainEdges).where(and(eq(chainEdges.chainId, chainId), sql`(${inArray(chainEdges.fromLinkId, ids)} or ${inArray(chainEdges.toLinkId, ids)})`)).returning();
    const detached = await tx.delete(chainLinkOrgs).where(inArray(chainLinkOrgs.linkId, ids)).returning({ id: chainLinkOrgs.id });
    await recordAudit(tx, ctx, { action: 'chain.link.delete', entityType: 'chain_link', entityId: linkId, before: { ...toLink(row), subLinks: ids.length - 1, edges: edges.length, organisations: detached.length } });
    return { deleted: ids.length, edgesRemoved: edges.length, organisationsDetached: detached.length };
  });
}

/**
 * Merges `linkId` into `into`: its sub-links, organisations, targets and edges move to the
 * survivor; it is marked deleted and points at the survivor (mergedInto).
 */
export async function mergeLinks(ctx: Ctx, chainId: string, linkId: string, into: string): Promise<Link> {
  if (linkId === into) throw new AppError('chain.merge_self', {});
  return ctx.db.transaction(async (tx) => {
    const from = await findLink(tx, chainId, linkId, { forUpdate: true });
    const to = await findLink(tx, chainId, into, { forUpdate: true });
    if ((await subtreeIds(tx, chainId, linkId)).includes(into)) throw new AppError('chain.link_cycle', {});
    await tx.update(chainLinks).set({ parentId: into, stage: to.stage }).where(and(eq(chainLinks.parentId, linkId), isNull(chainLinks.deletedAt)));
    await tx.update(chainLinkOrgs).set({ linkId: into }).where(eq(chainLinkOrgs.linkId, linkId));
    await tx.update(investmentTargets).set({ linkId: into }).where(eq(investmentTargets.linkId, linkId));
    // Re-point edges; drop those that would become self-loops or duplicates.
    const edges = await tx.delete(chainEdges).where(sql`${chainEdges.fromLinkId} = ${linkId} or ${chainEdges.toLinkId} = ${linkId}`).returning();
    const moved = edges.map((e) => ({ chainId, fromLinkId: e.fromLinkId === linkId ? into : e.fromLinkId, toLinkId: e.toLinkId === linkId ? into : e.toLinkId }))
      .filter((e) => e.fromLinkId !== e.toLinkId);
    if (moved.length) await tx.insert(chainEdges).values(moved).onConflictDoNothing();
    const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
    const [merged] = await tx.update(chainLinks).set({
      codes: union(to.codes, from.codes), keywords: union(to.keywords, from.keywords), technologies: union(to.technologies, from.technologies), products: union(to.products, from.products), updatedAt: ctx.now(),
    }).where(eq(chainLinks.id, into)).returning();
    await tx.update(chainLinks).set({ deletedAt: ctx.now(), mergedInto: into, updatedAt: ctx.now() }).where(eq(chainLinks.id, linkId));
    await recordAudit(tx, ctx, { action: 'chain.link.merge', entityType: 'chain_link', entityId: linkId, before: { from: toLink(from), into: toLink(to) }, after: toLink(merged) });
    return toLink(merged);
  });
}

// ---------- supply edges ----------

export async function addEdge(ctx: Ctx, chainId: string, input: { fromLinkId: string; toLinkId: string }) {
  if (input.fromLinkId === input.toLinkId) throw new AppError('chain.edge_self', {});
  return ctx.db.transaction(async (tx) => {
    await findChain(tx, chainId);
    const [a, b] = await tx.select().from(chainLinks).where(inArray(chainLinks.id, [input.fromLinkId, input.toLinkId]))
      .then((rows) => [rows.find((r) => r.id === input.fromLinkId), rows.find((r) => r.id === input.toLinkId)]);
    for (const [l, id] of [[a, input.fromLinkId], [b, input.toLinkId]] as const) {
      if (!l) throw new AppError('chain.link_not_found', { linkId: id });
      // Both ends must be links of this chain: an edge never crosses chains.
      if (l.chainId !== chainId) throw new AppError('chain.edge_cross_chain', { name: l.zh, chainId: l.chainId });
      if (l.deletedAt) throw new AppError('chain.link_deleted', { name: l.zh });
    }
    const [row] = await tx.insert(chainEdges).values({ chainId, fromLinkId: input.fromLinkId, toLinkId: input.toLinkId, createdAt: ctx.now() }).onConflictDoNothing().returning();
    if (!row) throw new AppError('chain.edge_exists', { from: a!.zh, to: b!.zh });
    const after = { id: row.id, fromLinkId: row.fromLinkId, toLinkId: row.toLinkId };
    await recordAudit(tx, ctx, { action: 'chain.edge.create', entityType: 'chain_edge', entityId: row.id, after: { ...after, from: a!.zh, to: b!.zh } });
    return after;
  });
}

export async function deleteEdge(ctx: Ctx, chainId: string, edgeId: string) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(chainEdges).where(and(eq(chainEdges.id, edgeId), eq(chainEdges.chainId, chainId))).returning();
    if (!row) throw new AppError('chain.edge_not_found', {});
    await recordAudit(tx, ctx, { action: 'chain.edge.delete', entityType: 'chain_edge', entityId: edgeId, before: row });
  });
}

// ---------- lookup for other modules ----------

export interface ChainLinkRef {
  id: string;
  chainId: string;
  chain: { zh: string; en: string };
  name: { zh: string; en: string };
  stage: LinkRow['stage'];
  deleted: boolean;
  /** For a merged link, the link it lives on as (follow it to show the current name). */
  mergedInto: string | null;
}

/**
 * Resolves chain-link ids kept by other modules (marketplace, programmes) to names. Ids are
 * stable: deleted and merged links still resolve, flagged; unknown ids are left out.
 */
export async function lookupChainLinks(db: DbOrTx, ids: string[]): Promise<Map<string, ChainLinkRef>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return new Map();
  const rows = await db.select({ l: chainLinks, c: { zh: chains.zh, en: chains.en } }).from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId)).where(inArray(chainLinks.id, valid));
  return new Map(rows.map(({ l, c }) => [l.id, {
    id: l.id, chainId: l.chainId, chain: c, name: { zh: l.zh, en: l.en || l.zh }, stage: l.stage, deleted: l.deletedAt !== null, mergedInto: l.mergedInto,
  }]));
}
