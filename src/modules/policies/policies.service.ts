// The policy library (versioned policies and clauses), benefit items (national ones computed
// in national.ts, authored ones as validated data), and the benefit calculator.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { indexTokens, queryTokens } from '../../lib/segment.ts';
import { pick } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx } from '../../server/db.ts';
import { AppError, type FieldError } from '../../server/errors.ts';
import { generationCache } from '../../server/generations.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { gapsOf } from '../../rules/gaps.ts';
import { evaluateAll } from '../../rules/index.ts';
import type { RulesetResult } from '../../rules/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgWithFactsDoc } from '../rules/rules.service.ts';
import { benefitRefs, compileCondition, evaluateBenefit, validateDraft, type BenefitDraft, type Compiled, type Problem } from './benefit.ts';
import { NATIONAL_BENEFITS, NATIONAL_FACTS, NATIONAL_QUALIFICATIONS, type BenefitOutcome, type NationalCode } from './national.ts';
import {
  benefits, benefitVersions, policies, policyVersions,
  type BenefitCreate, type BenefitResult, type PolicyCreate, type PolicyListQuery, type PolicyTags, type PolicyVersionInput,
} from './policies.schema.ts';
import { buildVariables, factsOfVariables, variableCatalogue, type VarDef, type Vars } from './variables.ts';
import type { FactsProjection } from '../registry/registry.service.ts';

type PolicyRow = typeof policies.$inferSelect;
type PolicyVersionRow = typeof policyVersions.$inferSelect;
type BenefitRow = typeof benefits.$inferSelect;
type BenefitVersionRow = typeof benefitVersions.$inferSelect;

const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);
/** Bureau staff see drafts and repealed policies; everyone else (the public) published ones. */
const isStaff = (ctx: Ctx) => ctx.system || ctx.actor?.role === 'bureau_admin' || ctx.actor?.role === 'district_officer';
const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';

// ---------- policies ----------

function toPolicy(r: PolicyRow) {
  return {
    id: r.id, slug: r.slug, docNo: r.docNo, title: r.title, issuer: r.issuer, level: r.level, publishedOn: r.publishedOn,
    status: r.status, tags: r.tags, source: r.source, confidence: r.confidence, updatedAt: r.updatedAt.toISOString(),
  };
}

function toVersion(v: PolicyVersionRow, inForce: boolean) {
  return {
    versionNo: v.versionNo, effectiveFrom: v.effectiveFrom, expiresOn: v.expiresOn, summary: v.summary, clauses: v.clauses,
    changeNote: v.changeNote, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(), inForce,
  };
}

/** The version in force on a date: the latest that started by then and has not expired. */
export function versionInForce<T extends { effectiveFrom: string; versionNo: number }>(versions: T[], on: string, end: (v: T) => string | null): T | undefined {
  return versions.filter((v) => v.effectiveFrom <= on).sort((a, b) => b.versionNo - a.versionNo).find((v) => !end(v) || end(v)! >= on);
}

function searchTextOf(p: { docNo?: string | null; title: string; issuer: string; tags: PolicyTags }, v: { summary?: string | null; clauses: { text: string }[] }) {
  return indexTokens(p.title, p.docNo, p.issuer, ...p.tags.chains, ...p.tags.tiers, ...p.tags.topics, v.summary, ...v.clauses.map((c) => c.text));
}

async function findPolicy(db: DbOrTx, ctx: Ctx, idOrSlug: string, forUpdate = false): Promise<PolicyRow> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const q = db.select().from(policies).where(and(isUuid ? eq(policies.id, idOrSlug) : eq(policies.slug, idOrSlug), isStaff(ctx) ? undefined : eq(policies.status, 'published')));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('policy.not_found', { id: idOrSlug });
  return row;
}

export async function listPolicies(ctx: Ctx, q: PolicyListQuery) {
  const tokens = q.q ? queryTokens(q.q).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean) : [];
  const tsq = tokens.length ? sql`to_tsquery('simple', ${tokens.map((t) => `${t}:*`).join(' & ')})` : null;
  const status = isStaff(ctx) ? q.status : 'published';
  const where = and(
    status ? eq(policies.status, status) : undefined,
    q.level ? eq(policies.level, q.level) : undefined,
    q.tag ? sql`(${policies.tags}->'chains' ? ${q.tag} or ${policies.tags}->'tiers' ? ${q.tag} or ${policies.tags}->'topics' ? ${q.tag})` : undefined,
    q.q ? (tsq ? sql`(${policies.searchVector} @@ ${tsq} or ${policies.docNo} = ${q.q})` : eq(policies.docNo, q.q)) : undefined,
  );
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(policies).where(where);
  const order = tsq ? [sql`ts_rank(${policies.searchVector}, ${tsq}) desc`, desc(policies.publishedOn)] : [sql`${policies.publishedOn} desc nulls last`, asc(policies.title)];
  const rows = await ctx.db.select().from(policies).where(where).orderBy(...order).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  if (rows.length === 0) return { total, items: [] };
  const ids = rows.map((r) => r.id);
  const versions = await ctx.db.select().from(policyVersions).where(sql`${policyVersions.policyId} in ${ids}`);
  const counts = await ctx.db.select({ policyId: benefits.policyId, n: sql<number>`count(*)::int` }).from(benefits).where(sql`${benefits.policyId} in ${ids}`).groupBy(benefits.policyId);
  const on = today(ctx);
  return {
    total,
    items: rows.map((r) => {
      const vs = versions.filter((v) => v.policyId === r.id);
      const current = versionInForce(vs, on, (v) => v.expiresOn) ?? vs.sort((a, b) => b.versionNo - a.versionNo)[0];
      const hit = tokens.length ? current?.clauses.find((c) => tokens.some((t) => c.text.toLowerCase().includes(t))) : undefined;
      return {
        ...toPolicy(r), effectiveFrom: current?.effectiveFrom ?? null, expiresOn: current?.expiresOn ?? null, versions: vs.length,
        benefits: counts.find((c) => c.policyId === r.id)?.n ?? 0,
        snippet: hit ? `${hit.no}. ${hit.text.slice(0, 160)}` : current?.summary?.slice(0, 160) ?? null,
      };
    }),
  };
}

export async function getPolicy(ctx: Ctx, idOrSlug: string) {
  const p = await findPolicy(ctx.db, ctx, idOrSlug);
  const vs = await ctx.db.select().from(policyVersions).where(eq(policyVersions.policyId, p.id)).orderBy(desc(policyVersions.versionNo));
  const inForce = versionInForce(vs, today(ctx), (v) => v.expiresOn);
  const bs = await ctx.db.select({ b: benefits, published: sql<boolean>`exists (select 1 from benefit_versions bv where bv.benefit_code = ${benefits.code} and bv.status = 'published')` })
    .from(benefits).where(eq(benefits.policyId, p.id)).orderBy(asc(benefits.clauseNo));
  return {
    ...toPolicy(p),
    versions: vs.map((v) => toVersion(v, v === inForce)),
    benefits: bs.filter((x) => isStaff(ctx) || x.published || x.b.kind === 'national')
      .map((x) => ({ code: x.b.code, name: { zh: x.b.nameZh, en: x.b.nameEn }, clauseNo: x.b.clauseNo, kind: x.b.kind, published: x.b.kind === 'national' || x.published })),
  };
}

function checkVersionDates(v: PolicyVersionInput) {
  if (v.expiresOn && v.expiresOn < v.effectiveFrom) throw new AppError('policy.dates_out_of_order', { expiresOn: v.expiresOn, effectiveFrom: v.effectiveFrom }, [{ path: 'body.expiresOn', code: 'order', message: { zh: '早于生效日期。', en: 'Before the effective date.' } }]);
}

export async function createPolicy(ctx: Ctx, input: PolicyCreate) {
  checkVersionDates(input.version);
  const created = await ctx.db.transaction(async (tx) => {
    const [slug] = await tx.select({ id: policies.id }).from(policies).where(eq(policies.slug, input.slug));
    if (slug) throw new AppError('policy.slug_taken', { slug: input.slug });
    if (input.docNo) {
      const [doc] = await tx.select({ id: policies.id }).from(policies).where(eq(policies.docNo, input.docNo));
      if (doc) throw new AppError('policy.doc_no_taken', { docNo: input.docNo });
    }
    const { version, ...p } = input;
    const [row] = await tx.insert(policies).values({
      ...p, docNo: p.docNo ?? null, publishedOn: p.publishedOn ?? null, source: p.source ?? null, confidence: p.confidence ?? null,
      searchText: searchTextOf(p, version),
    }).returning();
    await tx.insert(policyVersions).values({ policyId: row.id, versionNo: 1, ...version, expiresOn: version.expiresOn ?? null, summary: version.summary ?? null, changeNote: version.changeNote ?? null, createdBy: actorName(ctx) });
    await recordAudit(tx, ctx, { action: 'policy.create', entityType: 'policy', entityId: row.slug, after: { ...toPolicy(row), version: { versionNo: 1, effectiveFrom: version.effectiveFrom, clauses: version.clauses.length } } });
    return row;
  });
  return getPolicy(ctx, created.id);
}

/** A change to a policy's text: a new version with its own effective date, after the latest one. */
export async function addPolicyVersion(ctx: Ctx, idOrSlug: string, input: PolicyVersionInput) {
  checkVersionDates(input);
  const id = await ctx.db.transaction(async (tx) => {
    const p = await findPolicy(tx, ctx, idOrSlug, true);
    const [latest] = await tx.select().from(policyVersions).where(eq(policyVersions.policyId, p.id)).orderBy(desc(policyVersions.versionNo)).limit(1);
    if (latest && input.effectiveFrom <= latest.effectiveFrom) {
      throw new AppError('policy.version_order', { effectiveFrom: input.effectiveFrom, latest: latest.effectiveFrom }, [{ path: 'body.effectiveFrom', code: 'order', message: { zh: `须晚于 ${latest.effectiveFrom}。`, en: `Must be after ${latest.effectiveFrom}.` } }]);
    }
    const versionNo = (latest?.versionNo ?? 0) + 1;
    await tx.insert(policyVersions).values({ policyId: p.id, versionNo, ...input, expiresOn: input.expiresOn ?? null, summary: input.summary ?? null, changeNote: input.changeNote ?? null, createdBy: actorName(ctx) });
    await tx.update(policies).set({ searchText: searchTextOf(p, input), updatedAt: ctx.now() }).where(eq(policies.id, p.id));
    await recordAudit(tx, ctx, { action: 'policy.version_add', entityType: 'policy', entityId: p.slug, after: { versionNo, effectiveFrom: input.effectiveFrom, expiresOn: input.expiresOn ?? null, clauses: input.clauses.length, changeNote: input.changeNote ?? null } });
    return p.id;
  });
  return getPolicy(ctx, id);
}

export async function patchPolicy(ctx: Ctx, idOrSlug: string, patch: { status?: PolicyRow['status']; tags?: PolicyTags }) {
  const id = await ctx.db.transaction(async (tx) => {
    const p = await findPolicy(tx, ctx, idOrSlug, true);
    const [latest] = await tx.select().from(policyVersions).where(eq(policyVersions.policyId, p.id)).orderBy(desc(policyVersions.versionNo)).limit(1);
    const merged = { ...p, ...patch };
    await tx.update(policies).set({ ...patch, searchText: searchTextOf(merged, latest), updatedAt: ctx.now() }).where(eq(policies.id, p.id));
    await recordAudit(tx, ctx, { action: 'policy.update', entityType: 'policy', entityId: p.slug, before: { status: p.status, tags: p.tags }, after: patch });
    return p.id;
  });
  return getPolicy(ctx, id);
}

// ---------- benefits ----------

async function allBenefits(db: DbOrTx) {
  const [bs, vs] = await Promise.all([db.select().from(benefits), db.select().from(benefitVersions).orderBy(asc(benefitVersions.versionNo))]);
  return { bs, vs };
}

/** Each authored benefit's references to others (its latest version), for the cycle check. */
function dependencyGraph(vs: BenefitVersionRow[]): Map<string, string[]> {
  const latest = new Map<string, BenefitVersionRow>();
  for (const v of vs) latest.set(v.benefitCode, v);
  return new Map([...latest.values()].map((v) => [v.benefitCode, benefitRefs(v.condition)]));
}

function problemsToFields(problems: Problem[], prefix: string): FieldError[] {
  return problems.map((p) => ({ path: `${prefix}${p.path}`, code: p.code, message: p.message }));
}

function refuse(ctx: Ctx, problems: Problem[], prefix: string): never {
  throw new AppError('benefit.invalid', { count: problems.length, first: problems[0].message }, problemsToFields(problems, prefix));
}

/** Validates a draft without saving it: every problem and every test case's outcome. */
export async function validateBenefit(ctx: Ctx, code: string, draft: BenefitDraft, db: DbOrTx = ctx.db) {
  const { bs, vs } = await allBenefits(db);
  const codes = [...new Set([...bs.map((b) => b.code), code])];
  const deps = dependencyGraph(vs.filter((v) => v.benefitCode !== code));
  return validateDraft(code, draft, variableCatalogue(codes), deps);
}

function toBenefitVersion(v: BenefitVersionRow) {
  return {
    versionNo: v.versionNo, status: v.status, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, condition: v.condition, formula: v.formula,
    period: v.period, budget: v.budget, exampleAmounts: v.exampleAmounts, testCases: v.testCases, createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(), publishedBy: v.publishedBy, publishedAt: v.publishedAt?.toISOString() ?? null,
  };
}

async function benefitView(ctx: Ctx, b: BenefitRow) {
  const [p] = await ctx.db.select().from(policies).where(eq(policies.id, b.policyId));
  const vs = await ctx.db.select().from(benefitVersions).where(eq(benefitVersions.benefitCode, b.code)).orderBy(desc(benefitVersions.versionNo));
  const [pv] = await ctx.db.select().from(policyVersions).where(eq(policyVersions.policyId, p.id)).orderBy(desc(policyVersions.versionNo)).limit(1);
  const published = b.kind === 'national' || vs.some((v) => v.status === 'published');
  if (!isStaff(ctx) && (!published || p.status !== 'published')) throw new AppError('benefit.not_found', { code: b.code });
  return {
    code: b.code, kind: b.kind, name: { zh: b.nameZh, en: b.nameEn }, topic: b.topic, howToApply: b.howToApply,
    policy: { id: p.id, slug: p.slug, docNo: p.docNo, title: p.title },
    clause: { no: b.clauseNo, text: pv?.clauses.find((c) => c.no === b.clauseNo)?.text ?? null },
    published,
    versions: vs.filter((v) => isStaff(ctx) || v.status === 'published').map(toBenefitVersion),
  };
}

async function findBenefit(db: DbOrTx, code: string): Promise<BenefitRow> {
  const [b] = await db.select().from(benefits).where(eq(benefits.code, code));
  if (!b) throw new AppError('benefit.not_found', { code });
  return b;
}

export async function getBenefit(ctx: Ctx, code: string) {
  return benefitView(ctx, await findBenefit(ctx.db, code));
}

export async function listBenefits(ctx: Ctx) {
  const rows = await ctx.db.select().from(benefits).orderBy(asc(benefits.kind), asc(benefits.code));
  const out = [];
  for (const b of rows) {
    try {
      out.push(await benefitView(ctx, b));
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'benefit.not_found')) throw e;
    }
  }
  return out;
}

async function assertClause(db: DbOrTx, policyId: string, clauseNo: string) {
  const [p] = await db.select().from(policies).where(eq(policies.id, policyId));
  if (!p) throw new AppError('policy.not_found', { id: policyId });
  const [pv] = await db.select().from(policyVersions).where(eq(policyVersions.policyId, policyId)).orderBy(desc(policyVersions.versionNo)).limit(1);
  if (!pv.clauses.some((c) => c.no === clauseNo)) throw new AppError('benefit.clause_not_found', { title: p.title, clauseNo }, [{ path: 'body.clauseNo', code: 'not_found', message: { zh: '该政策没有此条款。', en: 'The policy has no such clause.' } }]);
  return p;
}

export async function createBenefit(ctx: Ctx, input: BenefitCreate) {
  const { version, ...b } = input;
  const r = await validateBenefit(ctx, b.code, version);
  if (r.problems.length) refuse(ctx, r.problems, 'body.version.');
  await ctx.db.transaction(async (tx) => {
    const [exists] = await tx.select({ code: benefits.code }).from(benefits).where(eq(benefits.code, b.code));
    if (exists) throw new AppError('benefit.code_taken', { code: b.code });
    await assertClause(tx, b.policyId, b.clauseNo);
    await tx.insert(benefits).values({ ...b, kind: 'authored' });
    await tx.insert(benefitVersions).values({ benefitCode: b.code, versionNo: 1, ...version, effectiveTo: version.effectiveTo ?? null, budget: version.budget ?? null, createdBy: actorName(ctx) });
    await recordAudit(tx, ctx, { action: 'benefit.create', entityType: 'benefit', entityId: b.code, after: { ...b, version: { versionNo: 1, ...version } } });
  });
  return getBenefit(ctx, b.code);
}

/** Overlap with published versions, and order after the latest: refused with the conflicting version. */
function checkVersionPlacement(vs: BenefitVersionRow[], draft: BenefitDraft, exceptNo?: number) {
  const others = vs.filter((v) => v.versionNo !== exceptNo);
  const latest = others.at(-1);
  if (latest && draft.effectiveFrom <= latest.effectiveFrom) {
    throw new AppError('benefit.version_order', { effectiveFrom: draft.effectiveFrom, versionNo: latest.versionNo, latest: latest.effectiveFrom }, [{ path: 'body.effectiveFrom', code: 'order', message: { zh: `须晚于 ${latest.effectiveFrom}。`, en: `Must be after ${latest.effectiveFrom}.` } }]);
  }
  for (const v of others) {
    // An open-ended earlier version simply gives way to the later one; an explicit end date
    // that reaches past the new start is a real overlap.
    if (v.effectiveTo && v.effectiveTo >= draft.effectiveFrom) {
      throw new AppError('benefit.versions_overlap', { versionNo: v.versionNo, from: v.effectiveFrom, to: v.effectiveTo }, [{ path: 'body.effectiveFrom', code: 'overlap', message: { zh: `与第 ${v.versionNo} 版重叠。`, en: `Overlaps version ${v.versionNo}.` } }]);
    }
  }
}

export async function addBenefitVersion(ctx: Ctx, code: string, draft: BenefitDraft) {
  const b = await findBenefit(ctx.db, code);
  if (b.kind === 'national') throw new AppError('benefit.national_readonly');
  const r = await validateBenefit(ctx, code, draft);
  if (r.problems.length) refuse(ctx, r.problems, 'body.');
  await ctx.db.transaction(async (tx) => {
    const vs = await tx.select().from(benefitVersions).where(eq(benefitVersions.benefitCode, code)).orderBy(asc(benefitVersions.versionNo)).for('update');
    const draftPending = vs.find((v) => v.status === 'draft');
    if (draftPending) throw new AppError('benefit.draft_pending', { versionNo: draftPending.versionNo });
    checkVersionPlacement(vs, draft);
    const versionNo = (vs.at(-1)?.versionNo ?? 0) + 1;
    await tx.insert(benefitVersions).values({ benefitCode: code, versionNo, ...draft, effectiveTo: draft.effectiveTo ?? null, budget: draft.budget ?? null, createdBy: actorName(ctx) });
    await recordAudit(tx, ctx, { action: 'benefit.version_add', entityType: 'benefit', entityId: code, after: { versionNo, ...draft } });
  });
  return getBenefit(ctx, code);
}

/** Drafts may be edited until published; a published version never changes. */
export async function updateBenefitDraft(ctx: Ctx, code: string, versionNo: number, draft: BenefitDraft) {
  const b = await findBenefit(ctx.db, code);
  if (b.kind === 'national') throw new AppError('benefit.national_readonly');
  const r = await validateBenefit(ctx, code, draft);
  if (r.problems.length) refuse(ctx, r.problems, 'body.');
  await ctx.db.transaction(async (tx) => {
    const vs = await tx.select().from(benefitVersions).where(eq(benefitVersions.benefitCode, code)).orderBy(asc(benefitVersions.versionNo)).for('update');
    const v = vs.find((x) => x.versionNo === versionNo);
    if (!v) throw new AppError('benefit.not_found', { code: `${code} v${versionNo}` });
    if (v.status !== 'draft') throw new AppError('benefit.version_published', { versionNo });
    checkVersionPlacement(vs, draft, versionNo);
    await tx.update(benefitVersions).set({ ...draft, effectiveTo: draft.effectiveTo ?? null, budget: draft.budget ?? null }).where(and(eq(benefitVersions.benefitCode, code), eq(benefitVersions.versionNo, versionNo)));
    await recordAudit(tx, ctx, { action: 'benefit.draft_update', entityType: 'benefit', entityId: code, before: toBenefitVersion(v), after: { versionNo, ...draft } });
  });
  return getBenefit(ctx, code);
}

export async function publishBenefitVersion(ctx: Ctx, code: string, versionNo: number) {
  const b = await findBenefit(ctx.db, code);
  if (b.kind === 'national') throw new AppError('benefit.national_readonly');
  await ctx.db.transaction(async (tx) => {
    const [v] = await tx.select().from(benefitVersions).where(and(eq(benefitVersions.benefitCode, code), eq(benefitVersions.versionNo, versionNo))).for('update');
    if (!v) throw new AppError('benefit.not_found', { code: `${code} v${versionNo}` });
    if (v.status !== 'draft') throw new AppError('benefit.version_published', { versionNo });
    const [p] = await tx.select().from(policies).where(eq(policies.id, b.policyId));
    if (p.status !== 'published') throw new AppError('benefit.policy_unpublished', { title: p.title });
    const draft: BenefitDraft = { effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, condition: v.condition, formula: v.formula, period: v.period, budget: v.budget, exampleAmounts: v.exampleAmounts, testCases: v.testCases };
    const r = await validateBenefit(ctx, code, draft, tx);
    const passed = r.cases.filter((c) => c.passed).length;
    if (r.problems.some((x) => x.code !== 'test_failed')) refuse(ctx, r.problems, 'version.');
    if (v.testCases.length < 3 || passed < v.testCases.length) {
      throw new AppError('benefit.tests_required', { count: v.testCases.length, passed }, problemsToFields(r.problems, 'version.'));
    }
    await tx.update(benefitVersions).set({ status: 'published', publishedBy: actorName(ctx), publishedAt: ctx.now() }).where(and(eq(benefitVersions.benefitCode, code), eq(benefitVersions.versionNo, versionNo)));
    await recordAudit(tx, ctx, { action: 'benefit.publish', entityType: 'benefit', entityId: code, after: { versionNo, cases: r.cases.map((c) => ({ name: c.name, passed: c.passed })) } });
  });
  return getBenefit(ctx, code);
}

// ---------- the calculator ----------

/** National rules carry their code's version: the latest document they encode. */
export const NATIONAL_VERSION = '2023';

/** A published benefit ready to evaluate: national code or an authored version in force. */
export interface LoadedBenefit {
  row: BenefitRow;
  policy: { slug: string; docNo: string | null; title: string };
  clauseText: string | null;
  version: BenefitVersionRow | null;
  compiled: Compiled | null;
  refs: string[];
}

/**
 * The policy library as stored, kept in memory until it changes (the calculator reads it on
 * every request), with the benefits usable on each date worked out once.
 */
const libraryOf = generationCache('policy_library', async (db) => {
  const [{ bs, vs }, ps, pvs] = await Promise.all([allBenefits(db), db.select().from(policies), db.select().from(policyVersions)]);
  return { bs, vs, ps, pvs, byDate: new Map<string, LoadedBenefit[]>(), compiled: new Map<string, Compiled>() };
});

/** Every benefit usable on `asOf`: national ones, and authored ones with a published version in force. */
export async function loadBenefits(ctx: Ctx, asOf: string): Promise<LoadedBenefit[]> {
  const library = await libraryOf(ctx.db);
  let loaded = library.byDate.get(asOf);
  if (!loaded) {
    if (library.byDate.size >= 100) library.byDate.clear();
    loaded = benefitsOn(library, asOf);
    library.byDate.set(asOf, loaded);
  }
  return loaded;
}

function benefitsOn({ bs, vs, ps, pvs, compiled: compiledCache }: Awaited<ReturnType<typeof libraryOf>>, asOf: string): LoadedBenefit[] {
  const catalogue = variableCatalogue(bs.map((b) => b.code));
  const out: LoadedBenefit[] = [];
  for (const b of bs) {
    const p = ps.find((x) => x.id === b.policyId)!;
    const pv = pvs.filter((x) => x.policyId === p.id).sort((a, c) => c.versionNo - a.versionNo)[0];
    const base = { row: b, policy: { slug: p.slug, docNo: p.docNo, title: p.title }, clauseText: pv?.clauses.find((c) => c.no === b.clauseNo)?.text ?? null };
    if (b.kind === 'national') {
      out.push({ ...base, version: null, compiled: null, refs: [] });
      continue;
    }
    if (p.status !== 'published') continue;
    const v = versionInForce(vs.filter((x) => x.benefitCode === b.code && x.status === 'published'), asOf, (x) => x.effectiveTo);
    if (!v) continue;
    const compiled = compiledOf(compiledCache, v, catalogue);
    if (!compiled) continue;
    out.push({ ...base, version: v, compiled, refs: benefitRefs(v.condition) });
  }
  // Dependencies first, so `benefit.<code>` is known when a later condition reads it.
  const order: LoadedBenefit[] = [];
  const placed = new Set<string>();
  const place = (l: LoadedBenefit, depth = 0) => {
    if (placed.has(l.row.code) || depth > 50) return;
    for (const r of l.refs) { const dep = out.find((x) => x.row.code === r); if (dep) place(dep, depth + 1); }
    placed.add(l.row.code);
    order.push(l);
  };
  out.forEach((l) => place(l));
  return order;
}

/**
 * How one benefit decides, as of a batch: the national function, or an authored version's compiled
 * condition and formula (by its number, whatever is in force today). Null if the version is gone.
 */
export async function benefitDecider(ctx: Ctx, code: string, versionNo: number | null) {
  if (versionNo === null) return code in NATIONAL_BENEFITS ? { national: NATIONAL_BENEFITS[code as NationalCode] } : null;
  const library = await libraryOf(ctx.db);
  const v = library.vs.find((x) => x.benefitCode === code && x.versionNo === versionNo);
  if (!v) return null;
  const catalogue = variableCatalogue(library.bs.map((b) => b.code));
  const compiled = compiledOf(library.compiled, v, catalogue);
  return compiled ? { authored: { compiled, formula: v.formula, catalogue } } : null;
}

/** A published version's condition compiled once per library generation (null if it no longer compiles). */
function compiledOf(cache: Map<string, Compiled>, v: { benefitCode: string; versionNo: number; condition: string }, catalogue: ReturnType<typeof variableCatalogue>): Compiled | null {
  const key = `${v.benefitCode}:${v.versionNo}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileCondition(v.condition, catalogue).compiled ?? undefined;
    if (!compiled) return null;
    cache.set(key, compiled);
  }
  return compiled;
}

/** The names a benefit version's condition and formula read, once per version (a batch asks for every organisation). */
const readNames = new WeakMap<object, { condition: string[]; formula: string[] }>();
export function namesRead(version: NonNullable<LoadedBenefit['version']>) {
  let names = readNames.get(version);
  if (!names) {
    const f = version.formula;
    names = {
      condition: [...new Set([...version.condition.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)].map((m) => m[0]))],
      formula: (f.kind === 'sum' ? f.parts : [f]).flatMap((p) => (p.kind !== 'fixed' ? [p.base] : [])),
    };
    readNames.set(version, names);
  }
  return names;
}

/** Every variable name the authored benefits' conditions and formulas read (and words that are not variables). */
export function namesReadBy(loaded: LoadedBenefit[]): string[] {
  const names = new Set<string>();
  for (const l of loaded) {
    if (!l.version) continue;
    const { condition, formula } = namesRead(l.version);
    for (const n of [...condition, ...formula]) names.add(n);
  }
  return [...names];
}

/**
 * What deciding these benefits for fiscal year `year` reads of an organisation, or null for
 * everything (a condition that reads a tier result). A national benefit reads its year's
 * NATIONAL_FACTS and NATIONAL_QUALIFICATIONS (national.test.ts); an authored one its variables'
 * facts (factsOfVariables).
 */
export function factsRead(loaded: LoadedBenefit[], year: number): FactsProjection | null {
  const authored = factsOfVariables(namesReadBy(loaded), year);
  if (!authored || loaded.every((l) => l.version)) return authored;
  // authored.years holds `year`, whose keys are authored.keys.
  return {
    ...authored,
    keys: [...new Set([...authored.keys, ...NATIONAL_FACTS])],
    qualifications: [...new Set([...authored.qualifications, ...NATIONAL_QUALIFICATIONS])],
  };
}

/** The tiers (rulesets) the conditions of these benefits read: only those need evaluating. */
export function tiersRead(loaded: LoadedBenefit[]): string[] {
  return namesReadBy(loaded).filter((n) => n.startsWith('tier.')).map((n) => n.slice('tier.'.length));
}

/** One benefit's outcome over the variables, which then hold `benefit.<code>` for the benefits after it. */
function outcomeOf(l: LoadedBenefit, doc: FactsDoc, vars: Vars, catalogue: Map<string, VarDef>, year: number, explain: boolean): BenefitOutcome {
  const outcome = l.row.kind === 'national'
    ? NATIONAL_BENEFITS[l.row.code as NationalCode]?.(doc, year, explain) ?? { verdict: 'unknown', amount: null, reasons: [], formula: null, missing: [], figures: {}, citations: [] }
    : evaluateBenefit(l.compiled!, l.version!.formula, vars, catalogue, explain);
  vars[`benefit.${l.row.code}`] = outcome.verdict === 'eligible' ? true : outcome.verdict === 'not_eligible' ? false : null;
  return outcome;
}

/** Catalogue per set of loaded benefits: a batch evaluates the same set for every organisation. */
const catalogues = new WeakMap<LoadedBenefit[], Map<string, VarDef>>();

function catalogueOf(loaded: LoadedBenefit[]): Map<string, VarDef> {
  let catalogue = catalogues.get(loaded);
  if (!catalogue) catalogues.set(loaded, (catalogue = variableCatalogue(loaded.map((l) => l.row.code))));
  return catalogue;
}

/** Every loaded benefit for one organisation, in dependency order, explained (a batch decides with decideLoaded). */
export function evaluateLoaded(
  loaded: LoadedBenefit[], doc: FactsDoc, opts: { year: number; district?: string | null; tiers: RulesetResult[] },
): { results: BenefitResult[]; vars: Vars } {
  const vars = buildVariables(doc, opts);
  const catalogue = catalogueOf(loaded);
  const results: BenefitResult[] = [];
  for (const l of loaded) {
    const outcome = outcomeOf(l, doc, vars, catalogue, opts.year, true);
    results.push({
      code: l.row.code, kind: l.row.kind, name: { zh: l.row.nameZh, en: l.row.nameEn }, topic: l.row.topic,
      verdict: outcome.verdict, amount: outcome.verdict === 'eligible' ? outcome.amount : null,
      period: l.version?.period ?? 'yearly', exampleAmounts: l.version?.exampleAmounts ?? false,
      version: l.version ? `v${l.version.versionNo}` : NATIONAL_VERSION,
      policy: l.policy, clause: { no: l.row.clauseNo, text: l.clauseText }, howToApply: l.row.howToApply,
      reasons: outcome.reasons, formula: outcome.formula, missing: outcome.missing, figures: outcome.figures, citations: outcome.citations,
      ...(outcome.note ? { note: outcome.note } : {}),
    });
  }
  return { results, vars };
}

/**
 * A batch's decision for one organisation: every loaded benefit in dependency order, unexplained,
 * and of them only `code`'s verdict and amount, with the variables (its grant keeps those it read).
 */
export function decideLoaded(
  loaded: LoadedBenefit[], doc: FactsDoc, code: string, opts: { year: number; district?: string | null; tiers: RulesetResult[]; only: Iterable<string> },
): { verdict: BenefitResult['verdict']; amount: number | null; vars: Vars } {
  const vars = buildVariables(doc, opts);
  const catalogue = catalogueOf(loaded);
  let decided: BenefitOutcome | null = null;
  for (const l of loaded) {
    const outcome = outcomeOf(l, doc, vars, catalogue, opts.year, false);
    if (l.row.code === code) decided = outcome;
  }
  if (!decided) throw new Error(`decideLoaded: ${code} is not loaded`);
  return { verdict: decided.verdict, amount: decided.verdict === 'eligible' ? decided.amount : null, vars };
}

/** Default evaluation date for a fiscal year: mid-next-year (after the annual tax settlement), or today if earlier. */
export function defaultAsOf(ctx: Ctx, year: number): string {
  const mid = `${year + 1}-06-01`;
  const t = today(ctx);
  return t < mid && t > `${year}-12-31` ? t : mid;
}

export async function calculate(ctx: Ctx, doc: FactsDoc, opts: { year: number; asOf?: string; district?: string | null; uscc?: string | null }) {
  const asOf = opts.asOf ?? defaultAsOf(ctx, opts.year);
  const loaded = await loadBenefits(ctx, asOf);
  const tiers = evaluateAll(doc, asOf);
  const { results } = evaluateLoaded(loaded, doc, { year: opts.year, district: opts.district, tiers });
  const order = { eligible: 0, unknown: 1, not_eligible: 2 };
  results.sort((a, b) => order[a.verdict] - order[b.verdict] || (b.amount ?? 0) - (a.amount ?? 0));
  const nearMisses = tiers.filter((t) => t.verdict !== 'pass' && !t.held).map((t) => ({ t, g: gapsOf(t) }))
    .filter(({ g }) => g.gaps.length > 0 && g.gaps.length + g.blockers.length <= 3)
    .map(({ t, g }) => ({ ruleset: t.ruleset, title: t.title, gaps: g.gaps.map((x) => x.text), blockers: g.blockers.map((x) => x.text), open: g.open.length }));
  return {
    year: opts.year, asOf, uscc: opts.uscc ?? null,
    total: results.reduce((s, r) => s + (r.verdict === 'eligible' && r.amount ? r.amount : 0), 0),
    benefits: results,
    tiers: tiers.map((t) => ({ ruleset: t.ruleset, title: t.title, verdict: t.verdict, held: !!t.held })),
    nearMisses,
  };
}

export async function calculateForOrg(ctx: Ctx, uscc: string, year: number, asOf?: string) {
  const { district, doc } = await orgWithFactsDoc(ctx, uscc);
  return calculate(ctx, doc, { year, asOf, district, uscc: doc.org.uscc });
}

/** Problems rendered in the caller's language (the editor shows them beside the field). */
export function renderProblems(problems: Problem[], locale: 'zh-CN' | 'en-US') {
  return problems.map((p) => ({ path: p.path, code: p.code, start: p.start, end: p.end, part: p.part, message: pick(p.message, locale) }));
}
