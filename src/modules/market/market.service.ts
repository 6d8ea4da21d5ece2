// The tech-transfer marketplace: plain service functions. Listings are public once published;
// an organisation user publishes for its own organisation, bureau and district staff for any
// organisation (a district officer only within its district). Matching runs the pure matcher
// (market.match.ts) over an in-memory corpus of the open listings, rebuilt after every change.
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { indexTokens, queryTokens } from '../../lib/segment.ts';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { generationCache } from '../../server/generations.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { liveLinks, lookupChainLinks } from '../chains/chains.service.ts';
import { chains } from '../chains/chains.schema.ts';
import { contestEntries, getApplication } from '../programmes/applications.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { buildCorpus, match, scoreOne, MATCH_WEIGHTS, type Corpus, type Direction, type MatchItem, type MatchQuery as EngineQuery, type MatchResult } from './market.match.ts';
import {
  achievements, demands, enclaveProjects, enclaves, followUps, matchNotices, savedSearches, techContracts,
  type AchievementCreate, type AchievementPatch, type ContractCreate, type DemandCreate, type DemandPatch, type ListQuery, type MatchQuery,
  EnclaveCreateSchema, EnclaveProjectCreateSchema, EnclaveProjectPatchSchema, FollowUpCreateSchema, SavedSearchCreateSchema, FIELD_NAMES,
} from './market.schema.ts';
import type { z } from 'zod';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

type OrgRow = typeof orgs.$inferSelect;
type AchievementRow = typeof achievements.$inferSelect;
type DemandRow = typeof demands.$inferSelect;

const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';
const isStaff = (ctx: Ctx) => ctx.system || ctx.actor?.role === 'bureau_admin' || ctx.actor?.role === 'district_officer';

export function assertTrl(value: number) {
  if (!Number.isInteger(value) || value < 1 || value > 9) throw new AppError('market.trl_out_of_range', { value });
}

/** The organisation a listing is published for: an org user's own, or the one staff name. */
async function publisherOrg(db: DbOrTx, ctx: Ctx, uscc: string | undefined): Promise<OrgRow> {
  const a = ctx.actor;
  if (a?.role === 'org_user') {
    const [own] = await db.select().from(orgs).where(eq(orgs.id, a.orgId!));
    if (!own) throw new AppError('org.not_found', { uscc: uscc ?? '' });
    if (uscc && uscc !== own.uscc) throw new AppError('auth.forbidden');
    return own;
  }
  if (!uscc) throw new AppError('market.org_required');
  const [row] = await db.select().from(orgs).where(eq(orgs.uscc, uscc));
  if (!row) throw new AppError('org.not_found', { uscc });
  if (a?.role === 'district_officer' && row.district !== a.district) throw new AppError('org.out_of_scope', { district: a.district });
  return row;
}

/** May the actor manage this organisation's listings (see matches, close)? */
async function assertOwns(db: DbOrTx, ctx: Ctx, orgId: string, notFound: 'market.achievement_not_found' | 'market.demand_not_found') {
  if (ctx.system) return;
  const a = ctx.actor;
  if (a?.role === 'bureau_admin') return;
  if (a?.role === 'org_user' && a.orgId === orgId) return;
  if (a?.role === 'district_officer') {
    const [o] = await db.select({ district: orgs.district }).from(orgs).where(eq(orgs.id, orgId));
    if (o?.district === a.district) return;
  }
  throw new AppError(notFound);
}

async function linkInfo(db: DbOrTx, id: string | null | undefined) {
  if (!id) return null;
  const ref = (await lookupChainLinks(db, [id])).get(id);
  if (!ref) throw new AppError('chain.link_not_found');
  return ref;
}

// ---------- corpus cache ----------

// Kept per node and reloaded when the `market_corpora` generation moves (triggers on both
// tables, migration 0022): a write on another app node is seen here too.
async function loadCorpus(db: DbOrTx, target: Direction): Promise<Corpus> {
  const rows = target === 'achievements'
    ? (await db.select({ id: achievements.id, title: achievements.title, s: achievements.searchText, field: achievements.field, link: achievements.chainLinkId, trl: achievements.trl, money: achievements.priceMinFen })
      .from(achievements).where(eq(achievements.status, 'open')).orderBy(achievements.createdAt, achievements.id))
    : (await db.select({ id: demands.id, title: demands.problem, s: demands.searchText, field: demands.field, link: demands.chainLinkId, trl: demands.trlMin, money: demands.budgetFen })
      .from(demands).where(eq(demands.status, 'open')).orderBy(demands.createdAt, demands.id));
  const links = await lookupChainLinks(db, [...new Set(rows.map((r) => r.link).filter((x): x is string => !!x))]);
  const items: MatchItem[] = rows.map((r) => ({
    id: r.id, title: r.title, tokens: r.s ? r.s.split(' ') : [], field: r.field, chainLinkId: r.link, chainId: r.link ? (links.get(r.link)?.chainId ?? null) : null, trl: r.trl, moneyFen: r.money,
  }));
  return buildCorpus(items);
}

const corpora = {
  achievements: generationCache('market_corpora', (db) => loadCorpus(db, 'achievements')),
  demands: generationCache('market_corpora', (db) => loadCorpus(db, 'demands')),
};

function corpusOf(ctx: Ctx, target: Direction): Promise<Corpus> {
  return corpora[target](ctx.db);
}

// ---------- presenters ----------

async function orgNames(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, { uscc: string; name: string; synthetic: boolean }>();
  const rows = await db.select({ id: orgs.id, uscc: orgs.uscc, name: orgs.name, synthetic: orgs.synthetic }).from(orgs).where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

async function presentAchievements(db: DbOrTx, rows: AchievementRow[]) {
  const names = await orgNames(db, rows.map((r) => r.orgId));
  const links = await lookupChainLinks(db, rows.map((r) => r.chainLinkId).filter((x): x is string => !!x));
  return rows.map((r) => ({
    id: r.id, title: r.title, abstract: r.abstract, field: r.field, fieldName: FIELD_NAMES[r.field], trl: r.trl, ipKind: r.ipKind, ipRefs: r.ipRefs,
    transferModes: r.transferModes, priceMinFen: r.priceMinFen, priceMaxFen: r.priceMaxFen, status: r.status, synthetic: r.synthetic,
    org: names.get(r.orgId) ?? null, chainLink: r.chainLinkId ? (links.get(r.chainLinkId) ?? null) : null, createdAt: r.createdAt.toISOString(),
  }));
}

async function presentDemands(db: DbOrTx, rows: DemandRow[]) {
  const names = await orgNames(db, rows.map((r) => r.orgId));
  const links = await lookupChainLinks(db, rows.map((r) => r.chainLinkId).filter((x): x is string => !!x));
  return rows.map((r) => ({
    id: r.id, problem: r.problem, goals: r.goals, field: r.field, fieldName: FIELD_NAMES[r.field], trlMin: r.trlMin, budgetFen: r.budgetFen, deadline: r.deadline,
    status: r.status, synthetic: r.synthetic, org: names.get(r.orgId) ?? null, chainLink: r.chainLinkId ? (links.get(r.chainLinkId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

// ---------- listings ----------

export async function createAchievement(ctx: Ctx, input: AchievementCreate, opts: { synthetic?: boolean } = {}) {
  assertTrl(input.trl);
  if (input.priceMinFen != null && input.priceMaxFen != null && input.priceMinFen > input.priceMaxFen) throw new AppError('market.price_range', { min: input.priceMinFen, max: input.priceMaxFen });
  const row = await ctx.db.transaction(async (tx) => {
    const org = await publisherOrg(tx, ctx, input.orgUscc);
    await linkInfo(tx, input.chainLinkId);
    const [r] = await tx.insert(achievements).values({
      orgId: org.id, title: input.title, abstract: input.abstract ?? '', field: input.field, chainLinkId: input.chainLinkId ?? null, trl: input.trl,
      ipKind: input.ipKind, ipRefs: input.ipRefs ?? [], transferModes: [...new Set(input.transferModes)], priceMinFen: input.priceMinFen ?? null,
      priceMaxFen: input.priceMaxFen ?? input.priceMinFen ?? null, synthetic: opts.synthetic ?? false,
      searchText: indexTokens(input.title, input.abstract), createdBy: actorName(ctx), createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'market.achievement.create', entityType: 'achievement', entityId: r.id, after: { ...r, searchText: undefined, searchVector: undefined } });
    return r;
  });
  await notifySavedSearches(ctx, 'achievement', row.id);
  return (await presentAchievements(ctx.db, [row]))[0];
}

export async function createDemand(ctx: Ctx, input: DemandCreate, opts: { synthetic?: boolean } = {}) {
  assertTrl(input.trlMin);
  const row = await ctx.db.transaction(async (tx) => {
    const org = await publisherOrg(tx, ctx, input.orgUscc);
    await linkInfo(tx, input.chainLinkId);
    const [r] = await tx.insert(demands).values({
      orgId: org.id, problem: input.problem, goals: input.goals ?? '', field: input.field, chainLinkId: input.chainLinkId ?? null, trlMin: input.trlMin,
      budgetFen: input.budgetFen ?? null, deadline: input.deadline ?? null, synthetic: opts.synthetic ?? false,
      searchText: indexTokens(input.problem, input.goals), createdBy: actorName(ctx), createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'market.demand.create', entityType: 'demand', entityId: r.id, after: { ...r, searchText: undefined, searchVector: undefined } });
    return r;
  });
  await notifySavedSearches(ctx, 'demand', row.id);
  return (await presentDemands(ctx.db, [row]))[0];
}

export async function closeListing(ctx: Ctx, kind: 'achievement' | 'demand', id: string) {
  const table = kind === 'achievement' ? achievements : demands;
  const notFound = kind === 'achievement' ? 'market.achievement_not_found' as const : 'market.demand_not_found' as const;
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(table).where(eq(table.id, id)).for('update');
    if (!r) throw new AppError(notFound);
    await assertOwns(tx, ctx, r.orgId, notFound);
    await tx.update(table).set({ status: 'closed' }).where(eq(table.id, id));
    await recordAudit(tx, ctx, { action: `market.${kind}.close`, entityType: kind, entityId: id, before: { status: r.status }, after: { status: 'closed' } });
  });
  return { id, status: 'closed' as const };
}

/**
 * Edits one's own open listing (its organisation's users, staff in scope). The search index is
 * rebuilt from the new text; saved searches are checked again, so an edit that now matches a
 * standing search raises its notice (still once per search and listing).
 */
export async function updateAchievement(ctx: Ctx, id: string, patch: AchievementPatch) {
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(achievements).where(eq(achievements.id, id)).for('update');
    if (!r) throw new AppError('market.achievement_not_found');
    await assertOwns(tx, ctx, r.orgId, 'market.achievement_not_found');
    if (r.status !== 'open') throw new AppError('market.listing_closed');
    const next = { ...r, ...patch };
    assertTrl(next.trl);
    if (patch.priceMinFen !== undefined && patch.priceMaxFen === undefined) next.priceMaxFen = patch.priceMinFen;
    if (next.priceMinFen == null) next.priceMaxFen = null;
    if (next.priceMinFen != null && next.priceMaxFen != null && next.priceMinFen > next.priceMaxFen) throw new AppError('market.price_range', { min: next.priceMinFen, max: next.priceMaxFen });
    if (patch.chainLinkId !== undefined) await linkInfo(tx, patch.chainLinkId);
    const [after] = await tx.update(achievements).set({
      title: next.title, abstract: next.abstract, field: next.field, chainLinkId: next.chainLinkId, trl: next.trl, ipKind: next.ipKind, ipRefs: next.ipRefs,
      transferModes: [...new Set(next.transferModes)], priceMinFen: next.priceMinFen, priceMaxFen: next.priceMaxFen ?? next.priceMinFen, searchText: indexTokens(next.title, next.abstract),
    }).where(eq(achievements.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'market.achievement.update', entityType: 'achievement', entityId: id, before: auditable(r), after: auditable(after) });
    return after;
  });
  await notifySavedSearches(ctx, 'achievement', id);
  return (await presentAchievements(ctx.db, [row]))[0];
}

export async function updateDemand(ctx: Ctx, id: string, patch: DemandPatch) {
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(demands).where(eq(demands.id, id)).for('update');
    if (!r) throw new AppError('market.demand_not_found');
    await assertOwns(tx, ctx, r.orgId, 'market.demand_not_found');
    if (r.status !== 'open') throw new AppError('market.listing_closed');
    const next = { ...r, ...patch };
    assertTrl(next.trlMin);
    if (patch.chainLinkId !== undefined) await linkInfo(tx, patch.chainLinkId);
    const [after] = await tx.update(demands).set({
      problem: next.problem, goals: next.goals, field: next.field, chainLinkId: next.chainLinkId, trlMin: next.trlMin, budgetFen: next.budgetFen, deadline: next.deadline,
      searchText: indexTokens(next.problem, next.goals),
    }).where(eq(demands.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'market.demand.update', entityType: 'demand', entityId: id, before: auditable(r), after: auditable(after) });
    return after;
  });
  await notifySavedSearches(ctx, 'demand', id);
  return (await presentDemands(ctx.db, [row]))[0];
}

/** The audit keeps what people wrote, not the derived search columns. */
function auditable<T extends { searchText: string; searchVector: unknown }>(r: T) {
  const { searchText: _t, searchVector: _v, ...rest } = r;
  return rest;
}

function textFilter(col: AnyPgColumn, q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const words = queryTokens(q);
  if (!words.length) return undefined;
  return sql`${col} @@ to_tsquery('simple', ${words.map((w) => w.replace(/[&|!():*'\\<>]/g, '')).filter(Boolean).join(' & ')})`;
}

export async function listAchievements(ctx: Ctx, q: ListQuery) {
  const where = and(eq(achievements.status, 'open'), textFilter(achievements.searchVector, q.q), q.field ? eq(achievements.field, q.field) : undefined,
    q.chainLinkId ? eq(achievements.chainLinkId, q.chainLinkId) : undefined);
  const [{ total }] = await ctx.db.select({ total: count() }).from(achievements).where(where);
  const rows = await ctx.db.select().from(achievements).where(where).orderBy(desc(achievements.createdAt), achievements.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { total, items: await presentAchievements(ctx.db, rows) };
}

export async function listDemands(ctx: Ctx, q: ListQuery) {
  const where = and(eq(demands.status, 'open'), textFilter(demands.searchVector, q.q), q.field ? eq(demands.field, q.field) : undefined,
    q.chainLinkId ? eq(demands.chainLinkId, q.chainLinkId) : undefined);
  const [{ total }] = await ctx.db.select({ total: count() }).from(demands).where(where);
  const rows = await ctx.db.select().from(demands).where(where).orderBy(desc(demands.createdAt), demands.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { total, items: await presentDemands(ctx.db, rows) };
}

export async function getAchievement(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(achievements).where(eq(achievements.id, id));
  if (!r) throw new AppError('market.achievement_not_found');
  return (await presentAchievements(ctx.db, [r]))[0];
}

export async function getDemand(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(demands).where(eq(demands.id, id));
  if (!r) throw new AppError('market.demand_not_found');
  return (await presentDemands(ctx.db, [r]))[0];
}

/** My organisation's listings (org user) or, for staff, those of organisations in scope. */
export async function myListings(ctx: Ctx) {
  const a = ctx.actor!;
  const orgIds = a.role === 'org_user' ? [a.orgId!] : null;
  const aRows = await ctx.db.select().from(achievements).where(orgIds ? inArray(achievements.orgId, orgIds) : undefined).orderBy(desc(achievements.createdAt)).limit(200);
  const dRows = await ctx.db.select().from(demands).where(orgIds ? inArray(demands.orgId, orgIds) : undefined).orderBy(desc(demands.createdAt)).limit(200);
  return { achievements: await presentAchievements(ctx.db, aRows), demands: await presentDemands(ctx.db, dRows) };
}

/** Every live chain link, for the listing forms' pickers (public: chain maps' names only). */
export async function chainLinkOptions(ctx: Ctx) {
  const cs = await ctx.db.select({ id: chains.id, zh: chains.zh, en: chains.en }).from(chains).orderBy(chains.sortOrder, chains.id);
  const out = [];
  for (const c of cs) {
    for (const l of await liveLinks(ctx.db, c.id)) out.push({ id: l.id, chainId: c.id, chain: { zh: c.zh, en: c.en }, name: { zh: l.zh, en: l.en || l.zh }, stage: l.stage });
  }
  return out;
}

// ---------- matching ----------

/** Function words that carry no meaning for matching. */
const STOP_WORDS = new Set(['的', '在', '和', '与', '及', '了', '是', '可', '等', '一', '内', '于', '对', '将', '为', '有', '或', '并', '需要', '可以', '进行', '我们', '一个']);

async function engineQuery(ctx: Ctx, q: MatchQuery): Promise<EngineQuery> {
  const link = await linkInfo(ctx.db, q.chainLinkId);
  if (q.trl != null) assertTrl(q.trl);
  return { words: queryTokens(q.text ?? '').filter((w) => !STOP_WORDS.has(w)), field: q.field ?? null, chainLinkId: q.chainLinkId ?? null, chainId: link?.chainId ?? null, trl: q.trl ?? null, moneyFen: q.budgetFen ?? null };
}

export async function matchQuery(ctx: Ctx, target: Direction, q: MatchQuery, limit = 20): Promise<{ weights: typeof MATCH_WEIGHTS; items: MatchResult[] }> {
  return { weights: MATCH_WEIGHTS, items: match(await corpusOf(ctx, target), await engineQuery(ctx, q), target, { limit }) };
}

/** Achievements for one demand (its owner or staff), explained. */
export async function matchesForDemand(ctx: Ctx, id: string, limit = 20) {
  const [d] = await ctx.db.select().from(demands).where(eq(demands.id, id));
  if (!d) throw new AppError('market.demand_not_found');
  await assertOwns(ctx.db, ctx, d.orgId, 'market.demand_not_found');
  const result = await matchQuery(ctx, 'achievements', { text: `${d.problem} ${d.goals}`, field: d.field, chainLinkId: d.chainLinkId, trl: d.trlMin, budgetFen: d.budgetFen }, limit);
  return { ...result, demand: (await presentDemands(ctx.db, [d]))[0] };
}

/** Demands for one achievement (its owner or staff), explained. */
export async function matchesForAchievement(ctx: Ctx, id: string, limit = 20) {
  const [a] = await ctx.db.select().from(achievements).where(eq(achievements.id, id));
  if (!a) throw new AppError('market.achievement_not_found');
  await assertOwns(ctx.db, ctx, a.orgId, 'market.achievement_not_found');
  const result = await matchQuery(ctx, 'demands', { text: `${a.title} ${a.abstract}`, field: a.field, chainLinkId: a.chainLinkId, trl: a.trl, budgetFen: a.priceMinFen }, limit);
  return { ...result, achievement: (await presentAchievements(ctx.db, [a]))[0] };
}

// ---------- saved searches and "new match" notices ----------

export async function createSavedSearch(ctx: Ctx, input: z.infer<typeof SavedSearchCreateSchema>) {
  if (input.query.trl != null) assertTrl(input.query.trl);
  await linkInfo(ctx.db, input.query.chainLinkId);
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(savedSearches).values({ userId: ctx.actor!.userId, target: input.target, name: input.name, query: input.query, minScore: input.minScore, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'market.search.create', entityType: 'saved_search', entityId: r.id, after: r });
    return { ...r, createdAt: r.createdAt.toISOString() };
  });
}

export async function listSavedSearches(ctx: Ctx) {
  const rows = await ctx.db.select().from(savedSearches).where(eq(savedSearches.userId, ctx.actor!.userId)).orderBy(desc(savedSearches.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function deleteSavedSearch(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, ctx.actor!.userId)));
    if (!r) throw new AppError('market.search_not_found');
    await tx.delete(savedSearches).where(eq(savedSearches.id, id));
    await recordAudit(tx, ctx, { action: 'market.search.delete', entityType: 'saved_search', entityId: id, before: r });
  });
  return { id, deleted: true };
}

/** After a new listing: every saved search for its kind that scores it at or above its mark gets a notice. */
async function notifySavedSearches(ctx: Ctx, kind: 'achievement' | 'demand', listingId: string) {
  const searches = await ctx.db.select().from(savedSearches).where(eq(savedSearches.target, kind));
  if (!searches.length) return;
  const target: Direction = kind === 'achievement' ? 'achievements' : 'demands';
  const corpus = await corpusOf(ctx, target);
  const index = corpus.items.findIndex((i) => i.id === listingId);
  if (index < 0) return;
  const notices: (typeof matchNotices.$inferInsert)[] = [];
  for (const s of searches) {
    const hit = scoreOne(corpus, await engineQuery(ctx, s.query), target, index);
    if (hit && hit.score > 0 && hit.score >= s.minScore) notices.push({ searchId: s.id, userId: s.userId, target: kind, listingId, title: corpus.items[index].title, score: Math.round(hit.score), createdAt: ctx.now() });
  }
  if (!notices.length) return;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(matchNotices).values(notices).onConflictDoNothing();
    await recordAudit(tx, ctx, { action: 'market.notice.create', entityType: kind, entityId: listingId, after: { searches: notices.map((n) => n.searchId) } });
  });
}

export async function listNotices(ctx: Ctx) {
  const rows = await ctx.db.select().from(matchNotices).where(eq(matchNotices.userId, ctx.actor!.userId)).orderBy(desc(matchNotices.createdAt)).limit(100);
  const [{ unread }] = await ctx.db.select({ unread: count() }).from(matchNotices).where(and(eq(matchNotices.userId, ctx.actor!.userId), isNull(matchNotices.readAt)));
  return { unread, items: rows.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })) };
}

export async function readNotice(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(matchNotices).where(and(eq(matchNotices.id, id), eq(matchNotices.userId, ctx.actor!.userId)));
    if (!r) throw new AppError('notice.not_found');
    await tx.update(matchNotices).set({ readAt: ctx.now() }).where(eq(matchNotices.id, id));
    await recordAudit(tx, ctx, { action: 'market.notice.read', entityType: 'match_notice', entityId: id });
    return { id, read: true };
  });
}

// ---------- brokers' follow-up notes ----------

export async function addFollowUp(ctx: Ctx, kind: 'achievement' | 'demand', id: string, input: z.infer<typeof FollowUpCreateSchema>) {
  const table = kind === 'achievement' ? achievements : demands;
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select({ orgId: table.orgId }).from(table).where(eq(table.id, id));
    if (!r) throw new AppError(kind === 'achievement' ? 'market.achievement_not_found' : 'market.demand_not_found');
    await assertOwns(tx, ctx, r.orgId, kind === 'achievement' ? 'market.achievement_not_found' : 'market.demand_not_found');
    const [f] = await tx.insert(followUps).values({
      achievementId: kind === 'achievement' ? id : null, demandId: kind === 'demand' ? id : null, broker: actorName(ctx), note: input.note, nextStep: input.nextStep ?? null, at: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'market.follow_up.create', entityType: kind, entityId: id, after: f });
    return { ...f, at: f.at.toISOString() };
  });
}

export async function listFollowUps(ctx: Ctx, kind: 'achievement' | 'demand', id: string) {
  const table = kind === 'achievement' ? achievements : demands;
  const [r] = await ctx.db.select({ orgId: table.orgId }).from(table).where(eq(table.id, id));
  if (!r) throw new AppError(kind === 'achievement' ? 'market.achievement_not_found' : 'market.demand_not_found');
  await assertOwns(ctx.db, ctx, r.orgId, kind === 'achievement' ? 'market.achievement_not_found' : 'market.demand_not_found');
  const rows = await ctx.db.select().from(followUps).where(kind === 'achievement' ? eq(followUps.achievementId, id) : eq(followUps.demandId, id)).orderBy(desc(followUps.at));
  return rows.map((f) => ({ ...f, at: f.at.toISOString() }));
}

// ---------- deals: technology contracts ----------

async function party(db: DbOrTx, uscc: string): Promise<OrgRow> {
  const [row] = await db.select().from(orgs).where(eq(orgs.uscc, uscc));
  if (!row) throw new AppError('market.party_not_registered', { uscc });
  return row;
}

export async function createContract(ctx: Ctx, input: ContractCreate, opts: { synthetic?: boolean } = {}) {
  if (input.sellerUscc === input.buyerUscc) throw new AppError('market.same_party');
  return ctx.db.transaction(async (tx) => {
    const seller = await party(tx, input.sellerUscc);
    const buyer = await party(tx, input.buyerUscc);
    const a = ctx.actor;
    if (a?.role === 'district_officer' && seller.district !== a.district && buyer.district !== a.district) throw new AppError('org.out_of_scope', { district: a.district });
    if (input.achievementId && !(await tx.select({ id: achievements.id }).from(achievements).where(eq(achievements.id, input.achievementId))).length) throw new AppError('market.achievement_not_found');
    if (input.demandId && !(await tx.select({ id: demands.id }).from(demands).where(eq(demands.id, input.demandId))).length) throw new AppError('market.demand_not_found');
    const [taken] = await tx.select({ id: techContracts.id }).from(techContracts).where(eq(techContracts.contractNo, input.contractNo));
    if (taken) throw new AppError('market.contract_no_taken', { contractNo: input.contractNo });
    const [r] = await tx.insert(techContracts).values({
      contractNo: input.contractNo, type: input.type, title: input.title, registeredValueFen: input.registeredValueFen, sellerOrgId: seller.id, buyerOrgId: buyer.id,
      signedOn: input.signedOn, achievementId: input.achievementId ?? null, demandId: input.demandId ?? null, synthetic: opts.synthetic ?? false, createdBy: actorName(ctx), createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'market.contract.create', entityType: 'tech_contract', entityId: r.id, after: r });
    return presentContract(r, seller, buyer);
  });
}

function presentContract(r: typeof techContracts.$inferSelect, seller: Pick<OrgRow, 'uscc' | 'name'>, buyer: Pick<OrgRow, 'uscc' | 'name'>) {
  return {
    id: r.id, contractNo: r.contractNo, type: r.type, title: r.title, registeredValueFen: r.registeredValueFen, signedOn: r.signedOn,
    seller: { uscc: seller.uscc, name: seller.name }, buyer: { uscc: buyer.uscc, name: buyer.name }, achievementId: r.achievementId, demandId: r.demandId, synthetic: r.synthetic,
  };
}

export async function listContracts(ctx: Ctx, q: { year?: number }) {
  const where = q.year ? sql`extract(year from ${techContracts.signedOn}) = ${q.year}` : undefined;
  const rows = await ctx.db.select().from(techContracts).where(where).orderBy(desc(techContracts.signedOn)).limit(500);
  const names = await orgNames(ctx.db, rows.flatMap((r) => [r.sellerOrgId, r.buyerOrgId]));
  const a = ctx.actor;
  // A district officer sees the contracts with a party in its district.
  let visible = rows;
  if (a?.role === 'district_officer') {
    const ds = await ctx.db.select({ id: orgs.id }).from(orgs).where(and(inArray(orgs.id, [...new Set(rows.flatMap((r) => [r.sellerOrgId, r.buyerOrgId]))].concat(['00000000-0000-0000-0000-000000000000'])), eq(orgs.district, a.district!)));
    const mine = new Set(ds.map((d) => d.id));
    visible = rows.filter((r) => mine.has(r.sellerOrgId) || mine.has(r.buyerOrgId));
  }
  return visible.map((r) => presentContract(r, names.get(r.sellerOrgId)!, names.get(r.buyerOrgId)!));
}

/** Yearly statistics (public aggregates, no party names): count and registered value by year and type. */
export async function contractStats(ctx: Ctx) {
  const rows = await ctx.db.select({
    year: sql<number>`extract(year from ${techContracts.signedOn})::int`, type: techContracts.type, n: count(), value: sql<string>`sum(${techContracts.registeredValueFen})`,
    synthetic: sql<number>`sum(case when ${techContracts.synthetic} then 1 else 0 end)::int`,
  }).from(techContracts).groupBy(sql`1`, techContracts.type).orderBy(sql`1`, techContracts.type);
  const years = new Map<number, { year: number; count: number; valueFen: number; syntheticCount: number; byType: Record<string, { count: number; valueFen: number }> }>();
  for (const r of rows) {
    const y = years.get(r.year) ?? years.set(r.year, { year: r.year, count: 0, valueFen: 0, syntheticCount: 0, byType: {} }).get(r.year)!;
    y.count += r.n;
    y.valueFen += Number(r.value);
    y.syntheticCount += Number(r.synthetic);
    y.byType[r.type] = { count: r.n, valueFen: Number(r.value) };
  }
  return { years: [...years.values()] };
}

// ---------- innovation enclaves ----------

export async function createEnclave(ctx: Ctx, input: z.infer<typeof EnclaveCreateSchema>, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: enclaves.id }).from(enclaves).where(eq(enclaves.name, input.name));
    if (taken) throw new AppError('market.enclave_name_taken', { name: input.name });
    const [r] = await tx.insert(enclaves).values({ name: input.name, location: input.location, operator: input.operator ?? null, openedOn: input.openedOn ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'market.enclave.create', entityType: 'innovation_enclave', entityId: r.id, after: r });
    return { ...r, createdAt: r.createdAt.toISOString(), projects: [] as unknown[] };
  });
}

async function landedOrg(db: DbOrTx, stage: string, uscc: string | null | undefined, on: string | null | undefined) {
  if (stage !== 'landed') return null;
  if (!uscc || !on) throw new AppError('market.landed_needs_org');
  const [o] = await db.select().from(orgs).where(eq(orgs.uscc, uscc));
  if (!o) throw new AppError('market.party_not_registered', { uscc });
  return o;
}

/** A contest entry the project may point at: an application to a 创新创业大赛 call, submitted. */
async function contestEntry(ctx: Ctx, id: string | null | undefined) {
  if (!id) return null;
  const [e] = await contestEntries(ctx, [id]);
  if (!e) throw new AppError('market.contest_entry_not_found');
  if (!e.isEntry) throw new AppError('market.not_a_contest_entry', { title: e.title });
  return e;
}

export async function addEnclaveProject(ctx: Ctx, enclaveId: string, input: z.infer<typeof EnclaveProjectCreateSchema>, opts: { synthetic?: boolean } = {}) {
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(enclaves).where(eq(enclaves.id, enclaveId));
    if (!e) throw new AppError('market.enclave_not_found');
    await linkInfo(tx, input.chainLinkId);
    const org = await landedOrg(tx, input.stage, input.landedUscc, input.landedOn);
    const entry = await contestEntry({ ...ctx, db: tx as unknown as Ctx['db'] }, input.contestApplicationId);
    const [r] = await tx.insert(enclaveProjects).values({
      enclaveId, name: input.name, field: input.field, chainLinkId: input.chainLinkId ?? null, stage: input.stage, landedOrgId: org?.id ?? null,
      landedOn: org ? input.landedOn! : null, contestRef: input.contestRef ?? null, contestApplicationId: entry?.id ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'market.enclave_project.create', entityType: 'enclave_project', entityId: r.id, after: r });
    return r;
  });
}

export async function updateEnclaveProject(ctx: Ctx, id: string, patch: z.infer<typeof EnclaveProjectPatchSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(enclaveProjects).where(eq(enclaveProjects.id, id)).for('update');
    if (!r) throw new AppError('market.enclave_project_not_found');
    const stage = patch.stage ?? r.stage;
    // A landed project keeps its organisation unless the patch names another.
    const landedUscc = patch.landedUscc !== undefined ? patch.landedUscc : r.landedOrgId ? (await tx.select({ uscc: orgs.uscc }).from(orgs).where(eq(orgs.id, r.landedOrgId)))[0]?.uscc : null;
    const org = await landedOrg(tx, stage, landedUscc, patch.landedOn ?? r.landedOn);
    const entry = patch.contestApplicationId !== undefined ? await contestEntry({ ...ctx, db: tx as unknown as Ctx['db'] }, patch.contestApplicationId) : undefined;
    const [after] = await tx.update(enclaveProjects).set({
      stage, landedOrgId: org?.id ?? null, landedOn: org ? (patch.landedOn ?? r.landedOn) : null, ...(entry !== undefined ? { contestApplicationId: entry?.id ?? null } : {}),
    }).where(eq(enclaveProjects.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'market.enclave_project.update', entityType: 'enclave_project', entityId: id, before: r, after });
    return after;
  });
}

/** Submitted contest entries, to link an enclave project to (the bureau). */
export async function listContestEntries(ctx: Ctx) {
  return (await contestEntries(ctx)).map(({ isEntry: _e, kind: _k, ...e }) => e);
}

/**
 * The other side of the link: the enclave projects that came through one contest entry. Whoever
 * may read the application (its applicant, staff in scope) sees them; programmes decides that.
 */
export async function enclaveProjectsForEntry(ctx: Ctx, applicationId: string) {
  await getApplication(ctx, applicationId);
  const rows = await ctx.db.select({ p: enclaveProjects, enclave: enclaves.name, location: enclaves.location }).from(enclaveProjects)
    .innerJoin(enclaves, eq(enclaves.id, enclaveProjects.enclaveId)).where(eq(enclaveProjects.contestApplicationId, applicationId)).orderBy(enclaveProjects.createdAt);
  const names = await orgNames(ctx.db, rows.map((r) => r.p.landedOrgId).filter((x): x is string => !!x));
  return rows.map(({ p, enclave, location }) => ({
    id: p.id, name: p.name, field: p.field, stage: p.stage, landedOn: p.landedOn, landedOrg: p.landedOrgId ? (names.get(p.landedOrgId) ?? null) : null,
    enclave: { id: p.enclaveId, name: enclave, location }, synthetic: p.synthetic,
  }));
}

/**
 * Enclaves with their projects, and the letter's figure of projects landed, beside the platform's
 * count. A project from a contest names the contest round to everyone; the entry itself (title,
 * applicant, status) only to bureau and district staff.
 */
export async function listEnclaves(ctx: Ctx) {
  const es = await ctx.db.select().from(enclaves).orderBy(enclaves.name);
  const ps = await ctx.db.select().from(enclaveProjects).orderBy(enclaveProjects.createdAt);
  const entries = new Map((await contestEntries(ctx, [...new Set(ps.map((p) => p.contestApplicationId).filter((x): x is string => !!x))])).map((e) => [e.id, e]));
  const staff = isStaff(ctx);
  const contest = (id: string | null) => {
    const e = id ? entries.get(id) : undefined;
    if (!e) return null;
    return { callId: e.callId, callCode: e.callCode, callTitle: e.callTitle, ...(staff ? { applicationId: e.id, title: e.title, orgName: e.orgName, status: e.status } : {}) };
  };
  const fig = letterFigure('tech_projects_landed');
  return {
    items: es.map((e) => ({
      ...e, createdAt: e.createdAt.toISOString(),
      projects: ps.filter((p) => p.enclaveId === e.id).map(({ contestApplicationId, ...p }) => ({ ...p, createdAt: p.createdAt.toISOString(), contestEntry: contest(contestApplicationId) })),
    })),
    landed: ps.filter((p) => p.stage === 'landed').length,
    letter: { id: fig.id, zh: fig.zh, en: fig.en, value: fig.value, unit: fig.unit, period: fig.period, source: `${LETTER.source.title_zh}（${LETTER.source.doc_no}，${LETTER.source.date}）` },
  };
}
