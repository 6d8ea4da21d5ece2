// Dated versions of a chain map: a snapshot of links, edges, organisations (with role and
// status) and strengths; a diff between any two (or against the current map); and restoring a
// version as the editor's undo.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { analyseChain } from './chains.analysis.ts';
import { chainEdges, chainLinkOrgs, chainLinks, chainVersions, type ChainSnapshot } from './chains.schema.ts';
import { findChain, liveLinks } from './chains.service.ts';

const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';

/** The current map as a snapshot (organisations: confirmed and open suggestions, all districts). */
export async function currentSnapshot(ctx: Ctx, chainId: string): Promise<ChainSnapshot> {
  const sys: Ctx = { ...ctx, system: true };
  const [links, edges, attached, analysis] = await Promise.all([
    liveLinks(ctx.db, chainId),
    ctx.db.select().from(chainEdges).where(eq(chainEdges.chainId, chainId)),
    ctx.db.select({ linkId: chainLinkOrgs.linkId, orgId: chainLinkOrgs.orgId, name: orgs.name, role: chainLinkOrgs.role, status: chainLinkOrgs.status })
      .from(chainLinkOrgs).innerJoin(orgs, eq(orgs.id, chainLinkOrgs.orgId)).where(and(eq(chainLinkOrgs.chainId, chainId), inArray(chainLinkOrgs.status, ['confirmed', 'suggested']))),
    analyseChain(sys, chainId, 'all'),
  ]);
  return {
    links: links.map((l) => ({ id: l.id, parentId: l.parentId, stage: l.stage, zh: l.zh, en: l.en, codes: l.codes, keywords: l.keywords, technologies: l.technologies, products: l.products, sortOrder: l.sortOrder })),
    edges: edges.map((e) => ({ from: e.fromLinkId, to: e.toLinkId })),
    orgs: attached,
    strengths: analysis.links.map((l) => ({ linkId: l.linkId, score: l.score, cls: l.cls })),
  };
}

const summary = (s: ChainSnapshot) => ({ links: s.links.length, edges: s.edges.length, organisations: s.orgs.length, strong: s.strengths.filter((x) => x.cls === 'strong').length });

export async function listVersions(ctx: Ctx, chainId: string) {
  await findChain(ctx.db, chainId);
  const rows = await ctx.db.select().from(chainVersions).where(eq(chainVersions.chainId, chainId)).orderBy(desc(chainVersions.asOf));
  return rows.map((r) => ({ id: r.id, asOf: r.asOf, label: r.label, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), ...summary(r.snapshot) }));
}

/** Saves the current map as the version of `asOf`; a second version on the same date is refused. */
export async function createVersion(ctx: Ctx, chainId: string, input: { asOf: string; label: string }) {
  await findChain(ctx.db, chainId);
  const snapshot = await currentSnapshot(ctx, chainId);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: chainVersions.id }).from(chainVersions).where(and(eq(chainVersions.chainId, chainId), eq(chainVersions.asOf, input.asOf)));
    if (taken) throw new AppError('chain.version_date_taken', { asOf: input.asOf });
    const [row] = await tx.insert(chainVersions).values({ chainId, asOf: input.asOf, label: input.label, snapshot, createdAt: ctx.now(), createdBy: actorName(ctx) }).returning();
    await recordAudit(tx, ctx, { action: 'chain.version.create', entityType: 'chain_version', entityId: row.id, after: { chainId, asOf: row.asOf, label: row.label, ...summary(snapshot) } });
    return { id: row.id, asOf: row.asOf, label: row.label, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), ...summary(snapshot) };
  });
}

async function snapshotOf(ctx: Ctx, chainId: string, ref: string): Promise<{ label: string; snapshot: ChainSnapshot }> {
  if (ref === 'current') return { label: 'current', snapshot: await currentSnapshot(ctx, chainId) };
  const [row] = /^[0-9a-f-]{36}$/i.test(ref)
    ? await ctx.db.select().from(chainVersions).where(and(eq(chainVersions.chainId, chainId), eq(chainVersions.id, ref)))
    : [];
  if (!row) throw new AppError('chain.version_not_found', {});
  return { label: `${row.asOf} ${row.label}`, snapshot: row.snapshot };
}

/** What changed from one version to another ('current' = the live map). */
export function diffSnapshots(a: ChainSnapshot, b: ChainSnapshot) {
  const la = new Map(a.links.map((l) => [l.id, l]));
  const lb = new Map(b.links.map((l) => [l.id, l]));
  const name = (id: string) => lb.get(id)?.zh ?? la.get(id)?.zh ?? id;
  const linksAdded = b.links.filter((l) => !la.has(l.id)).map((l) => ({ id: l.id, zh: l.zh, stage: l.stage }));
  const linksRemoved = a.links.filter((l) => !lb.has(l.id)).map((l) => ({ id: l.id, zh: l.zh, stage: l.stage }));
  const linksChanged = b.links.filter((l) => la.has(l.id)).flatMap((l) => {
    const o = la.get(l.id)!;
    const fields = (['zh', 'en', 'stage', 'parentId', 'codes', 'keywords', 'technologies', 'products'] as const).filter((k) => JSON.stringify(o[k]) !== JSON.stringify(l[k]));
    return fields.length ? [{ id: l.id, zh: l.zh, fields, before: { zh: o.zh, stage: o.stage, parent: o.parentId ? name(o.parentId) : null }, after: { zh: l.zh, stage: l.stage, parent: l.parentId ? name(l.parentId) : null } }] : [];
  });
  const ek = (e: { from: string; to: string }) => `${e.from}>${e.to}`;
  const ea = new Set(a.edges.map(ek));
  const eb = new Set(b.edges.map(ek));
  const edgesAdded = b.edges.filter((e) => !ea.has(ek(e))).map((e) => ({ from: name(e.from), to: name(e.to) }));
  const edgesRemoved = a.edges.filter((e) => !eb.has(ek(e))).map((e) => ({ from: name(e.from), to: name(e.to) }));
  const oa = new Map(a.orgs.map((o) => [o.orgId, o]));
  const ob = new Map(b.orgs.map((o) => [o.orgId, o]));
  const orgsAdded = b.orgs.filter((o) => !oa.has(o.orgId)).map((o) => ({ orgId: o.orgId, name: o.name, link: name(o.linkId), role: o.role }));
  const orgsRemoved = a.orgs.filter((o) => !ob.has(o.orgId)).map((o) => ({ orgId: o.orgId, name: o.name, link: name(o.linkId), role: o.role }));
  const orgsMoved = b.orgs.filter((o) => oa.has(o.orgId) && (oa.get(o.orgId)!.linkId !== o.linkId || oa.get(o.orgId)!.role !== o.role))
    .map((o) => ({ orgId: o.orgId, name: o.name, from: name(oa.get(o.orgId)!.linkId), to: name(o.linkId), roleBefore: oa.get(o.orgId)!.role, role: o.role }));
  const sa = new Map(a.strengths.map((s) => [s.linkId, s]));
  const strengthChanges = b.strengths.filter((s) => sa.has(s.linkId) && (sa.get(s.linkId)!.score !== s.score || sa.get(s.linkId)!.cls !== s.cls))
    .map((s) => ({ linkId: s.linkId, zh: name(s.linkId), scoreBefore: sa.get(s.linkId)!.score, score: s.score, clsBefore: sa.get(s.linkId)!.cls, cls: s.cls, delta: Math.round((s.score - sa.get(s.linkId)!.score) * 10) / 10 }))
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  return { linksAdded, linksRemoved, linksChanged, edgesAdded, edgesRemoved, orgsAdded, orgsRemoved, orgsMoved, strengthChanges };
}

export async function diffVersions(ctx: Ctx, chainId: string, from: string, to: string) {
  await findChain(ctx.db, chainId);
  const [a, b] = await Promise.all([snapshotOf(ctx, chainId, from), snapshotOf(ctx, chainId, to)]);
  return { from: a.label, to: b.label, ...diffSnapshots(a.snapshot, b.snapshot) };
}

/**
 * Undo through versions: the map becomes the version's links, edges and organisation places
 * again. Links added since are marked deleted; links deleted since come back (same ids).
 */
export async function restoreVersion(ctx: Ctx, chainId: string, versionId: string) {
  const { snapshot, label } = await snapshotOf(ctx, chainId, versionId);
  const before = await currentSnapshot(ctx, chainId);
  await ctx.db.transaction(async (tx) => {
    const keep = new Set(snapshot.links.map((l) => l.id));
    const live = await tx.select({ id: chainLinks.id }).from(chainLinks).where(and(eq(chainLinks.chainId, chainId), isNull(chainLinks.deletedAt)));
    const drop = live.map((l) => l.id).filter((id) => !keep.has(id));
    await tx.delete(chainEdges).where(eq(chainEdges.chainId, chainId));
    if (drop.length) {
      await tx.delete(chainLinkOrgs).where(inArray(chainLinkOrgs.linkId, drop));
      await tx.update(chainLinks).set({ deletedAt: ctx.now(), updatedAt: ctx.now() }).where(inArray(chainLinks.id, drop));
    }
    for (const l of snapshot.links) {
      const { id, ...fields } = l;
      await tx.update(chainLinks).set({ ...fields, stage: fields.stage as (typeof chainLinks.$inferSelect)["stage"], deletedAt: null, mergedInto: null, updatedAt: ctx.now() }).where(and(eq(chainLinks.id, id), eq(chainLinks.chainId, chainId)));
    }
    if (snapshot.edges.length) await tx.insert(chainEdges).values(snapshot.edges.map((e) => ({ chainId, fromLinkId: e.from, toLinkId: e.to, createdAt: ctx.now() }))).onConflictDoNothing();
    // Organisation places as in the version; staff rejections made since stay rejected.
    const placed = new Map(snapshot.orgs.map((o) => [o.orgId, o]));
    const current = await tx.select().from(chainLinkOrgs).where(eq(chainLinkOrgs.chainId, chainId));
    for (const c of current) {
      const p = placed.get(c.orgId);
      if (!p) {
        if (c.status !== 'rejected') await tx.delete(chainLinkOrgs).where(eq(chainLinkOrgs.id, c.id));
      } else if (c.linkId !== p.linkId || c.role !== p.role || c.status !== p.status) {
        await tx.update(chainLinkOrgs).set({ linkId: p.linkId, role: p.role as never, status: p.status as never }).where(eq(chainLinkOrgs.id, c.id));
      }
      placed.delete(c.orgId);
    }
    const restored = [...placed.values()];
    if (restored.length) {
      const exists = new Set((await tx.select({ id: orgs.id }).from(orgs).where(inArray(orgs.id, restored.map((o) => o.orgId)))).map((r) => r.id));
      const rows = restored.filter((o) => exists.has(o.orgId)).map((o) => ({ chainId, linkId: o.linkId, orgId: o.orgId, role: o.role as never, status: o.status as never, confidence: 100, source: 'manual' as const, decidedBy: actorName(ctx), decidedAt: ctx.now(), createdAt: ctx.now() }));
      for (let i = 0; i < rows.length; i += 1_000) await tx.insert(chainLinkOrgs).values(rows.slice(i, i + 1_000)).onConflictDoNothing();
    }
    await recordAudit(tx, ctx, { action: 'chain.version.restore', entityType: 'chain_version', entityId: versionId, before: summary(before), after: { restored: label, ...summary(snapshot) } });
  });
  return { restored: label, ...diffSnapshots(before, snapshot) };
}

