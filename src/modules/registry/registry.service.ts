import type pg from 'pg';
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { indexTokens, queryTokens } from '../../lib/segment.ts';
import { industryCodes } from './industry.ts';
import { readModelFor } from './registry.readmodel.ts';
import type { Ctx } from '../../server/context.ts';
import { arrayLiteral } from '../../lib/pg-array.ts';
import { hasPool, rows, type DbOrTx, type Tx } from '../../server/db.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { FACT_KEYS, FLAG_FACT_KEYS, factWarnings, snake, type FactKey } from './facts.ts';
import {
  orgFactHistory, orgFacts, orgQualifications, orgs,
  type FactSource, type FactsPatch, type FactValues, type Org, type OrgCreate, type OrgListQuery, type OrgPatch, type QualificationCreate,
} from './registry.schema.ts';

type OrgRow = typeof orgs.$inferSelect;
type FactsRow = typeof orgFacts.$inferSelect;

export function toOrg(r: OrgRow): Org {
  return {
    id: r.id, uscc: r.uscc, name: r.name, formerNames: r.formerNames, kind: r.kind, district: r.district,
    address: r.address, registeredOn: r.registeredOn, industryCode: r.industryCode, listed: r.listed,
    parentGroup: r.parentGroup, contacts: r.contacts, keywords: r.keywords, mainProducts: r.mainProducts,
    synthetic: r.synthetic, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

export function searchTextOf(o: Pick<OrgRow, 'name' | 'formerNames' | 'keywords' | 'mainProducts' | 'parentGroup'>): string {
  return indexTokens(o.name, ...o.formerNames, ...o.keywords, ...o.mainProducts, o.parentGroup);
}

// ---------- change notifications ----------

/**
 * Called after an edit of an organisation's facts, profile or qualifications has committed
 * (cultivation re-evaluates it). Plain listeners: modules that depend on the registry
 * subscribe; the registry does not import them.
 */
export type OrgsChanged = (ctx: Ctx, orgIds: string[]) => Promise<void>;
const changeListeners = new Set<OrgsChanged>();

export function onOrgsChanged(listener: OrgsChanged): void {
  changeListeners.add(listener);
}

export async function notifyOrgsChanged(ctx: Ctx, orgIds: string[]): Promise<void> {
  for (const listener of changeListeners) {
    // A listener's failure must not undo or fail the edit that already committed.
    await listener(ctx, orgIds).catch((err) => ctx.log.error({ err, orgIds }, 'org change listener failed'));
  }
}

// ---------- who sees what ----------

/** Rows the actor may read: bureau staff all, a district officer its district, an org user its own. */
export function visibleOrgs(ctx: Ctx): SQL | undefined {
  if (ctx.system) return undefined;
  const a = ctx.actor;
  if (!a) return sql`false`;
  switch (a.role) {
    case 'bureau_admin':
      return undefined;
    case 'district_officer':
      return eq(orgs.district, a.district!);
    case 'org_user':
      return eq(orgs.id, a.orgId!);
    default:
      return sql`false`;
  }
}

/** Names the set visibleOrgs(ctx) lets through: callers with the same key see the same organisations (for caches). */
export function visibleOrgsKey(ctx: Ctx): string {
  if (ctx.system) return 'all';
  const a = ctx.actor;
  switch (a?.role) {
    case 'bureau_admin':
      return 'all';
    case 'district_officer':
      return `district:${a.district}`;
    case 'org_user':
      return `org:${a.orgId}`;
    default:
      return 'none';
  }
}

async function findVisible(db: DbOrTx, ctx: Ctx, uscc: string, forUpdate = false): Promise<OrgRow> {
  const q = db.select().from(orgs).where(and(eq(orgs.uscc, uscc.toUpperCase()), visibleOrgs(ctx)));
  const [row] = forUpdate ? await q.for('update') : await q;
  // Not visible and not existing look the same: no probing of other districts' registries.
  if (!row) throw new AppError('org.not_found', { uscc });
  return row;
}

function assertDistrictScope(ctx: Ctx, district: string) {
  const a = ctx.actor;
  if (a?.role === 'district_officer' && a.district !== district) throw new AppError('org.out_of_scope', { district: a.district });
}

const ORG_USER_LOCKED: (keyof OrgPatch)[] = ['kind', 'district'];

// ---------- organisations ----------

export async function createOrg(ctx: Ctx, input: OrgCreate, opts: { synthetic?: boolean } = {}): Promise<Org> {
  assertDistrictScope(ctx, input.district);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.uscc, input.uscc));
    if (existing) throw new AppError('org.uscc_taken', { uscc: input.uscc, name: existing.name }, [{ path: 'body.uscc', code: 'taken', message: { zh: '该代码已登记。', en: 'Already registered.' } }]);
    const values = {
      ...input,
      address: input.address ?? null, registeredOn: input.registeredOn ?? null, industryCode: input.industryCode ?? null,
      parentGroup: input.parentGroup ?? null, synthetic: opts.synthetic ?? false,
    };
    const [row] = await tx.insert(orgs).values({ ...values, searchText: searchTextOf(values) }).returning();
    const after = toOrg(row);
    await recordAudit(tx, ctx, { action: 'org.create', entityType: 'org', entityId: row.uscc, after });
    return after;
  });
}

export async function getOrg(ctx: Ctx, uscc: string): Promise<Org> {
  return toOrg(await findVisible(ctx.db, ctx, uscc));
}

export async function updateOrg(ctx: Ctx, uscc: string, patch: OrgPatch): Promise<Org> {
  if (ctx.actor?.role === 'org_user') {
    const locked = ORG_USER_LOCKED.filter((k) => k in patch);
    if (locked.length) throw new AppError('org.field_locked', { fields: locked.join(', ') });
  }
  if (patch.district) assertDistrictScope(ctx, patch.district);
  return ctx.db.transaction(async (tx) => {
    const row = await findVisible(tx, ctx, uscc, true);
    const merged = { ...row, ...patch };
    const [updated] = await tx.update(orgs).set({ ...patch, searchText: searchTextOf(merged), updatedAt: ctx.now() }).where(eq(orgs.id, row.id)).returning();
    const before = toOrg(row);
    const after = toOrg(updated);
    await recordAudit(tx, ctx, { action: 'org.update', entityType: 'org', entityId: row.uscc, before: pickChanged(before, after), after: pickChanged(after, before) });
    return after;
  }).then(async (after) => {
    await notifyOrgsChanged(ctx, [after.id]);
    return after;
  });
}

function pickChanged<T extends Record<string, unknown>>(a: T, b: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(a) as (keyof T)[]) {
    if (k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = a[k];
  }
  return out;
}

/** A code prefix ("38", "3841"), or a section letter ("C", "C38") covering its divisions. */
function industryFilter(input: string): SQL {
  const m = /^([A-Za-z])?(\d*)$/.exec(input.trim());
  if (!m) return sql`false`;
  if (m[2]) return sql`${orgs.industryCode} like ${`${m[2]}%`}`;
  const divisions = [...industryCodes().values()].filter((c) => c.level === 'division' && c.parent === m[1].toUpperCase()).map((c) => `${c.code}%`);
  return divisions.length ? sql`${orgs.industryCode} like any(array[${sql.join(divisions.map((d) => sql`${d}`), sql`, `)}])` : sql`false`;
}

/**
 * The list page: from the in-memory read model when it can answer exactly (registry.readmodel.ts),
 * else from SQL. Both give the same totals, items, scores and order.
 */
export async function listOrgs(ctx: Ctx, q: OrgListQuery) {
  const model = readModelFor(ctx.db);
  if (model) {
    const tokens = q.q ? queryTokens(q.q).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean) : [];
    const answer = await model.list(ctx, q, tokens);
    if (answer) return answer;
    return model.viaSql(ctx, q, () => listOrgsSql(ctx, q));
  }
  return listOrgsSql(ctx, q);
}

export async function listOrgsSql(ctx: Ctx, q: OrgListQuery) {
  const today = ctx.now().toISOString().slice(0, 10);
  // The latest year on file (or the asked-for year) gives the revenue and staff columns.
  const lf = ctx.db
    .select({ fiscalYear: orgFacts.fiscalYear, revenue: orgFacts.revenue, employees: orgFacts.employees })
    .from(orgFacts)
    .where(and(eq(orgFacts.orgId, orgs.id), q.year ? eq(orgFacts.fiscalYear, q.year) : undefined))
    .orderBy(desc(orgFacts.fiscalYear))
    .limit(1)
    .as('lf');
  const tokens = q.q ? queryTokens(q.q).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean) : [];
  const tsq = tokens.length ? sql`to_tsquery('simple', ${tokens.map((t) => `${t}:*`).join(' & ')})` : null;
  const text = q.q?.trim();
  // Words first (the GIN index on the segmented text, an exact USCC or former name); only
  // when nothing matches, near matches by trigram similarity, which catch typos but cost a scan.
  const exact = text
    ? or(tsq ? sql`${orgs.searchVector} @@ ${tsq}` : undefined, eq(orgs.uscc, text.toUpperCase()), sql`${orgs.formerNames} @> array[${text}]::text[]`)
    : undefined;
  const exactScore = sql<number>`(${tsq ? sql`ts_rank(${orgs.searchVector}, ${tsq})` : sql`0`} + case when ${orgs.uscc} = ${text?.toUpperCase() ?? ''} then 10 else 0 end)::float8`;
  const fuzzy = text ? or(sql`${orgs.name} % ${text}`, sql`${text} <% ${orgs.name}`) : undefined;
  const fuzzyScore = sql<number>`(similarity(${orgs.name}, ${text ?? ''}) + word_similarity(${text ?? ''}, ${orgs.name}))::float8`;
  const activeQualification = (kind?: string) => sql`exists (select 1 from org_qualifications oq where oq.org_id = ${orgs.id}
    ${kind ? sql`and oq.kind = ${kind}` : sql``} and (oq.expires_on is null or oq.expires_on >= ${today}::date))`;
  const filters = and(
    visibleOrgs(ctx),
    q.kind ? eq(orgs.kind, q.kind) : undefined,
    q.district ? eq(orgs.district, q.district) : undefined,
    q.industry ? industryFilter(q.industry) : undefined,
    q.synthetic !== undefined ? eq(orgs.synthetic, q.synthetic) : undefined,
    q.qualification ? activeQualification(q.qualification) : undefined,
    q.revenueMin !== undefined ? gte(lf.revenue, q.revenueMin) : undefined,
    q.revenueMax !== undefined ? lte(lf.revenue, q.revenueMax) : undefined,
    q.staffMin !== undefined ? gte(lf.employees, q.staffMin) : undefined,
    q.staffMax !== undefined ? lte(lf.employees, q.staffMax) : undefined,
    q.year !== undefined ? isNotNull(lf.fiscalYear) : undefined,
  );
  const countWhere = (where: SQL | undefined) => (needsLatest
    ? ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgs).leftJoinLateral(lf, sql`true`)
    : ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgs)).where(where).then((r) => r[0].n);
  const sortKey = q.sort ?? (text ? 'relevance' : 'name');
  const needsLatest = sortKey === 'revenue' || sortKey === 'employees' || q.year !== undefined
    || q.revenueMin !== undefined || q.revenueMax !== undefined || q.staffMin !== undefined || q.staffMax !== undefined;
  let where = and(filters, exact);
  let score = text ? exactScore : sql<number>`null::float8`;
  let total = await countWhere(where);
  if (text && total === 0) {
    where = and(filters, fuzzy);
    score = fuzzyScore;
    total = await countWhere(where);
  }
  const dir = q.order ?? (sortKey === 'name' ? 'asc' : 'desc');
  const sortExpr = {
    relevance: score, name: sql`${orgs.name}`, registeredOn: sql`${orgs.registeredOn}`, updatedAt: sql`${orgs.updatedAt}`,
    revenue: sql`${lf.revenue}`, employees: sql`${lf.employees}`,
  }[sortKey];
  const orderBy = [dir === 'asc' ? sql`${sortExpr} asc nulls last` : sql`${sortExpr} desc nulls last`, asc(orgs.uscc)];

  // Then two cheap steps instead of one heavy one: the page's ids (joining the latest facts
  // only when a filter or the sort needs them), then details for those rows alone.
  if (total === 0) return { total, items: [] };
  const base = ctx.db.select({ id: orgs.id, score }).from(orgs);
  const page = await (needsLatest ? base.leftJoinLateral(lf, sql`true`) : base)
    .where(where).orderBy(...orderBy).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  if (page.length === 0) return { total, items: [] };
  const details = await ctx.db
    .select({
      id: orgs.id, uscc: orgs.uscc, name: orgs.name, kind: orgs.kind, district: orgs.district, industryCode: orgs.industryCode,
      listed: orgs.listed, synthetic: orgs.synthetic, registeredOn: orgs.registeredOn,
      fiscalYear: lf.fiscalYear, revenue: lf.revenue, employees: lf.employees,
      qualifications: sql<string[]>`array(select distinct oq.kind from org_qualifications oq where oq.org_id = ${orgs.id}
        and (oq.expires_on is null or oq.expires_on >= ${today}::date) order by oq.kind)`,
    })
    .from(orgs)
    .leftJoinLateral(lf, sql`true`)
    .where(inArray(orgs.id, page.map((r) => r.id)));
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    total,
    items: page.map((r) => ({ ...byId.get(r.id)!, qualifications: byId.get(r.id)!.qualifications as never, score: r.score === null ? null : Number(r.score) })),
  };
}

// ---------- yearly facts ----------

export interface FactWarning {
  field: string;
  code: string;
  message: string;
}

/** Each known field's source: its own entry, else the row's. */
function expandSources(row: FactsRow): Record<string, FactSource> {
  const out: Record<string, FactSource> = {};
  const all = row.sources['*'];
  for (const k of FACT_KEYS) {
    const src = row.sources[k] ?? (row[k] !== null && row[k] !== undefined ? all : undefined);
    if (src) out[k] = src;
  }
  return out;
}

function yearFacts(row: FactsRow, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const facts = Object.fromEntries(FACT_KEYS.map((k) => [k, row[k] ?? null])) as FactValues;
  return {
    fiscalYear: row.fiscalYear,
    facts,
    sources: expandSources(row),
    warnings: factWarnings(facts).map((w) => ({ field: w.field, code: w.code, message: locale === 'en-US' ? w.en : w.zh })),
  };
}

export async function listFacts(ctx: Ctx, uscc: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const org = await findVisible(ctx.db, ctx, uscc);
  const rows = await ctx.db.select().from(orgFacts).where(eq(orgFacts.orgId, org.id)).orderBy(asc(orgFacts.fiscalYear));
  return rows.map((r) => yearFacts(r, locale));
}

/**
 * Sets some of one year's facts, recording per field where the value came from and its
 * history. Unchanged values are left alone (re-importing the same file changes nothing).
 */
export async function applyFacts(tx: Tx, ctx: Ctx, org: Pick<OrgRow, 'id' | 'uscc'>, year: number, patch: FactsPatch, source: Omit<FactSource, 'at' | 'actor'>) {
  const [existing] = await tx.select().from(orgFacts).where(and(eq(orgFacts.orgId, org.id), eq(orgFacts.fiscalYear, year))).for('update');
  const at = ctx.now().toISOString();
  const src: FactSource = { ...source, at, actor: ctx.actor?.username ?? 'system' };
  const changed = (Object.keys(patch) as FactKey[]).filter((k) => patch[k] !== undefined && (existing?.[k] ?? null) !== patch[k]);
  if (existing && changed.length === 0) return { row: existing, changed };
  const sources = { ...(existing?.sources ?? {}) };
  for (const k of changed) sources[k] = src;
  const values = Object.fromEntries(changed.map((k) => [k, patch[k]]));
  let row: FactsRow;
  if (existing) {
    [row] = await tx.update(orgFacts).set({ ...values, sources, updatedAt: ctx.now() }).where(and(eq(orgFacts.orgId, org.id), eq(orgFacts.fiscalYear, year))).returning();
  } else {
    [row] = await tx.insert(orgFacts).values({ orgId: org.id, fiscalYear: year, ...values, sources }).returning();
  }
  if (changed.length) {
    await tx.insert(orgFactHistory).values(changed.map((k) => ({
      orgId: org.id, fiscalYear: year, field: k, oldValue: existing?.[k] ?? null, newValue: patch[k] ?? null, source: src, at: ctx.now(),
    })));
    await recordAudit(tx, ctx, {
      action: 'org.facts_update', entityType: 'org_facts', entityId: `${org.uscc}/${year}`,
      before: Object.fromEntries(changed.map((k) => [k, existing?.[k] ?? null])), after: { ...values, source: src.kind, ref: src.ref },
    });
  }
  return { row, changed };
}

export async function patchFacts(ctx: Ctx, uscc: string, year: number, patch: FactsPatch, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const { org, row } = await ctx.db.transaction(async (tx) => {
    const org = await findVisible(tx, ctx, uscc, true);
    return { org, ...(await applyFacts(tx, ctx, org, year, patch, { kind: 'edit', ref: null })) };
  });
  await notifyOrgsChanged(ctx, [org.id]);
  return yearFacts(row, locale);
}

export async function factHistory(ctx: Ctx, uscc: string, year: number) {
  const org = await findVisible(ctx.db, ctx, uscc);
  const rows = await ctx.db.select().from(orgFactHistory)
    .where(and(eq(orgFactHistory.orgId, org.id), eq(orgFactHistory.fiscalYear, year))).orderBy(desc(orgFactHistory.id));
  return rows.map((r) => ({ field: r.field, oldValue: r.oldValue, newValue: r.newValue, source: r.source, at: r.at.toISOString() }));
}

// ---------- qualifications ----------

function toQualification(r: typeof orgQualifications.$inferSelect, today: string) {
  return {
    id: r.id, kind: r.kind, name: r.name, certificateNo: r.certificateNo, issuedOn: r.issuedOn, expiresOn: r.expiresOn,
    issuer: r.issuer, rank: r.rank, active: !r.expiresOn || r.expiresOn >= today,
  };
}

export async function listQualifications(ctx: Ctx, uscc: string) {
  const org = await findVisible(ctx.db, ctx, uscc);
  const today = ctx.now().toISOString().slice(0, 10);
  const rows = await ctx.db.select().from(orgQualifications).where(eq(orgQualifications.orgId, org.id)).orderBy(desc(orgQualifications.issuedOn));
  return rows.map((r) => toQualification(r, today));
}

export async function addQualification(ctx: Ctx, uscc: string, input: QualificationCreate) {
  return ctx.db.transaction(async (tx) => {
    const org = await findVisible(tx, ctx, uscc, true);
    const source: FactSource = { kind: 'edit', ref: null, at: ctx.now().toISOString(), actor: ctx.actor?.username ?? 'system' };
    const [row] = await tx.insert(orgQualifications).values({
      orgId: org.id, kind: input.kind, name: input.name ?? null, certificateNo: input.certificateNo ?? null,
      issuedOn: input.issuedOn ?? null, expiresOn: input.expiresOn ?? null, issuer: input.issuer ?? null, rank: input.rank ?? null, source,
    }).returning();
    const q = toQualification(row, ctx.now().toISOString().slice(0, 10));
    await recordAudit(tx, ctx, { action: 'org.qualification_add', entityType: 'org', entityId: org.uscc, after: q });
    return { q, orgId: org.id };
  }).then(async ({ q, orgId }) => {
    await notifyOrgsChanged(ctx, [orgId]);
    return q;
  });
}

export async function removeQualification(ctx: Ctx, uscc: string, id: string) {
  const orgId = await ctx.db.transaction(async (tx) => {
    const org = await findVisible(tx, ctx, uscc, true);
    const [row] = await tx.delete(orgQualifications).where(and(eq(orgQualifications.id, id), eq(orgQualifications.orgId, org.id))).returning();
    if (!row) throw new AppError('qualification.not_found');
    await recordAudit(tx, ctx, { action: 'org.qualification_remove', entityType: 'org', entityId: org.uscc, before: toQualification(row, ctx.now().toISOString().slice(0, 10)) });
    return org.id;
  });
  await notifyOrgsChanged(ctx, [orgId]);
}


// ---------- batch reading (evaluations) ----------

export interface OrgBundle {
  id: string;
  uscc: string;
  name: string;
  kind: Org['kind'];
  district: Org['district'];
  industryCode: string | null;
  registeredOn: string | null;
  years: ({ fiscalYear: number } & Partial<Record<FactKey, number | boolean>>)[];
  qualifications: { kind: string; issuedOn: string | null; expiresOn: string | null; rank: number | null; certificateNo: string | null }[];
}

// One year's facts as JSON text without its nulls, written by the database: one query per
// batch instead of three, and JSON.parse instead of mapping sixty columns per row. Plain text
// concatenation is several times faster than jsonb_build_object (`',"k":' || null` is null,
// and concat() skips nulls). Every fact is a number or a boolean, so the text is valid JSON.
/** A year's facts as JSON text built in SQL; a null fact is left out (read as missing). */
function yearJson(keys: readonly FactKey[]) {
  return sql.raw(`'{"fiscalYear":' || f.fiscal_year || concat(${keys.map((k) => `',"${k}":' || f.${snake(k)}`).join(', ')}) || '}'`);
}
const YEAR_JSON = yearJson(FACT_KEYS);
const QUALIFICATION_JSON = sql.raw(`json_build_object('kind', q.kind, 'issuedOn', q.issued_on, 'expiresOn', q.expires_on, 'rank', q.rank, 'certificateNo', q.certificate_no)::text`);

/**
 * What of each organisation's facts to read: some fiscal years and some facts only (a benefit
 * that reads five facts of one year need not carry the other 160 values per organisation).
 */
export interface FactsProjection {
  years: readonly number[];
  keys: readonly FactKey[];
  /** Other keys for some of the years (the previous year of a year-on-year increase needs one fact). */
  keysOfYear?: Readonly<Record<number, readonly FactKey[]>>;
  /** Qualifications of these kinds only (default all). */
  qualifications?: readonly string[];
}

/** The facts a projection reads of fiscal year `year`. */
export function keysOf(only: FactsProjection, year: number): readonly FactKey[] {
  return only.keysOfYear?.[year] ?? only.keys;
}

interface BundleQuery {
  afterId?: string;
  limit: number;
  ids?: string[];
  uscc?: string;
  only?: FactsProjection;
}

/** An organisation's yearly facts and its qualifications, each as a JSON array built by the database. */
const YEARS_JSON = sql<string>`coalesce((select '[' || string_agg(${YEAR_JSON}, ',' order by f.fiscal_year) || ']' from org_facts f where f.org_id = "orgs"."id"), '[]')`;
const QUALIFICATIONS_JSON = sql<string>`coalesce((select '[' || string_agg(${QUALIFICATION_JSON}, ',' order by q.issued_on, q.id) || ']' from org_qualifications q where q.org_id = "orgs"."id"), '[]')`;

/** Organisations the actor may see, in id order after `afterId`, with their facts (all of them unless `only`) and qualifications. */
export async function orgBundles(ctx: Ctx, opts: BundleQuery): Promise<OrgBundle[]> {
  if (opts.only) return projectedBundles(ctx, opts, opts.only);
  const rows = await ctx.db
    .select({ ...BUNDLE_ORG, years: YEARS_JSON, qualifications: QUALIFICATIONS_JSON })
    .from(orgs)
    .where(bundleWhere(ctx, opts))
    .orderBy(asc(orgs.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, years: JSON.parse(r.years), qualifications: JSON.parse(r.qualifications) }));
}

/** An organisation's facts document (factsDocOf of its bundle) as JSON text built by the database. */
export interface OrgDocText { id: string; uscc: string; doc: string }

/**
 * Organisations the actor may see, in id order after `afterId`, each with its facts document as
 * text: what a stored evaluation hashes and stores as the snapshot, and hands to the engine (in a
 * worker thread: a string crosses threads cheaply, an object graph does not).
 */
export async function orgDocTexts(ctx: Ctx, opts: Omit<BundleQuery, 'only'>): Promise<OrgDocText[]> {
  return ctx.db
    .select({
      id: orgs.id, uscc: orgs.uscc,
      doc: sql<string>`'{"org":' || json_build_object('uscc', ${orgs.uscc}, 'name', ${orgs.name}, 'kind', ${orgs.kind}, 'registeredOn', ${orgs.registeredOn}, 'industryCode', ${orgs.industryCode})::text
        || ',"years":' || ${YEARS_JSON} || ',"qualifications":' || ${QUALIFICATIONS_JSON} || ',"expert":{}}'`,
    })
    .from(orgs)
    .where(bundleWhere(ctx, opts))
    .orderBy(asc(orgs.id))
    .limit(opts.limit);
}

/** Pages of `read` in id order, `chunk` rows each, the next page read while the caller works on this one. */
async function* idPages<T extends { id: string }>(chunk: number, read: (page: { afterId?: string; limit: number }) => Promise<T[]>): AsyncGenerator<T[]> {
  let next: Promise<T[]> | null = read({ limit: chunk });
  while (next) {
    const page: T[] = await next;
    next = page.length === chunk ? read({ afterId: page.at(-1)!.id, limit: chunk }) : null;
    // Awaited on the next turn; a caller that stops early must not leave a rejection unhandled.
    next?.catch(() => {});
    if (page.length) yield page;
  }
}

/** orgDocTexts for every organisation the actor may see, `chunk` at a time. */
export function orgDocTextChunks(ctx: Ctx, chunk: number): AsyncGenerator<OrgDocText[]> {
  return idPages(chunk, (page) => orgDocTexts(ctx, page));
}

const BUNDLE_ORG = { id: orgs.id, uscc: orgs.uscc, name: orgs.name, kind: orgs.kind, district: orgs.district, industryCode: orgs.industryCode, registeredOn: orgs.registeredOn };

function bundleWhere(ctx: Ctx, opts: BundleQuery) {
  return and(visibleOrgs(ctx), opts.afterId ? sql`${orgs.id} > ${opts.afterId}` : undefined, opts.ids ? inArray(orgs.id, opts.ids) : undefined,
    opts.uscc ? eq(orgs.uscc, opts.uscc.toUpperCase()) : undefined);
}

/**
 * The same bundles as orgBundles, for a few facts of a few years, one row per organisation: the
 * facts of each fiscal year read as plain columns (year i's `k` as "i.k"; "y.i" is null when the
 * organisation has no facts that year). About 5× less work for the database than JSON built per
 * organisation, and no rows to group. Qualifications come from qualificationsQuery.
 */
function projectedQuery(ctx: Ctx, only: FactsProjection, page?: Omit<BundleQuery, 'only'>): SQL {
  const columns = only.years.map((y, i) => `, f${i}.fiscal_year as "y.${i}"` + keysOf(only, y).map((k) => `, f${i}.${snake(k)}${(FLAG_FACT_KEYS as string[]).includes(k) ? '' : '::float8'} as "${i}.${k}"`).join('')).join('');
  const joins = only.years.map((y, i) => ` left join org_facts f${i} on f${i}.org_id = orgs.id and f${i}.fiscal_year = ${Math.trunc(y)}`).join('');
  return sql`select orgs.id, orgs.uscc, orgs.name, orgs.kind, orgs.district, orgs.industry_code as "industryCode", orgs.registered_on::text as "registeredOn"${sql.raw(columns)}
    from orgs${sql.raw(joins)}
    where ${bundleWhere(ctx, page ?? { limit: 0 }) ?? sql`true`}${page ? sql` order by orgs.id limit ${page.limit}` : sql``}`;
}

type Qualifications = Map<string, OrgBundle['qualifications']>;
type QualificationRow = { org_id: string } & OrgBundle['qualifications'][number];

/**
 * The qualifications of the kinds a projection asks for, in issue order, of the organisations
 * `ids` or of all (a caller looks up only those it may see), grouped by byOrganisation. Plain
 * rows: aggregating them per organisation in SQL cost the database more than the rest of the read.
 */
function qualificationsQuery(only: FactsProjection, ids?: string[]): SQL {
  const kinds = only.qualifications ? sql` and kind = any(${arrayLiteral(only.qualifications)}::text[])` : sql``;
  return sql`select org_id, kind, issued_on::text as "issuedOn", expires_on::text as "expiresOn", rank, certificate_no as "certificateNo"
    from org_qualifications where ${ids ? sql`org_id = any(${arrayLiteral(ids)}::uuid[])` : sql`true`}${kinds} order by issued_on, id`;
}

function byOrganisation(found: QualificationRow[]): Qualifications {
  const byOrg: Qualifications = new Map();
  for (const q of found) {
    const list = byOrg.get(q.org_id);
    const one = { kind: q.kind, issuedOn: q.issuedOn, expiresOn: q.expiresOn, rank: q.rank, certificateNo: q.certificateNo };
    if (list) list.push(one);
    else byOrg.set(q.org_id, [one]);
  }
  return byOrg;
}

/** A projectedQuery row (its values in column order) as a bundle; a null fact is left out, as the JSON path leaves it out. */
function projectedBundle(r: unknown[], only: FactsProjection, quals: Qualifications): OrgBundle {
  const years: OrgBundle['years'] = [];
  let at = 7;
  for (const year of only.years) {
    const keys = keysOf(only, year);
    const fiscalYear = r[at++] as number | null;
    if (fiscalYear === null) { at += keys.length; continue; }
    const y: Record<string, number | boolean> = { fiscalYear };
    for (const k of keys) {
      const v = r[at++] as number | boolean | null;
      if (v !== null) y[k] = v;
    }
    years.push(y as OrgBundle['years'][number]);
  }
  const id = r[0] as string;
  return {
    id, uscc: r[1] as string, name: r[2] as string, kind: r[3] as Org['kind'], district: r[4] as Org['district'],
    industryCode: r[5] as string | null, registeredOn: r[6] as string | null, years, qualifications: quals.get(id) ?? [],
  };
}

/** projectedQuery's rows as arrays of their values in column order (its names are all distinct, none integer-like). */
async function projectedRows(db: DbOrTx, query: SQL): Promise<unknown[][]> {
  return (await rows<Record<string, unknown>>(db, query)).map((r) => Object.values(r));
}

async function projectedBundles(ctx: Ctx, opts: BundleQuery, only: FactsProjection): Promise<OrgBundle[]> {
  const found = await projectedRows(ctx.db, projectedQuery(ctx, only, opts));
  const quals = byOrganisation(await rows<QualificationRow>(ctx.db, qualificationsQuery(only, found.map((r) => r[0] as string))));
  return found.map((r) => projectedBundle(r, only, quals));
}

const dialect = new PgDialect();

/** Rows of `query` read on a connection of its own in a snapshot exported by another transaction. */
async function inSnapshot<T>(pool: pg.Pool, snapshot: string, query: SQL): Promise<T[]> {
  const q = dialect.sqlToQuery(query);
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`set transaction snapshot '${snapshot.replace(/[^0-9A-F-]/gi, '')}'`);
    return (await client.query(q.sql, q.params)).rows;
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/**
 * A projection of every organisation the actor may see, `chunk` at a time, read as one query
 * through a cursor on a connection of its own (one snapshot, one pass over each table); the next
 * chunk is fetched while the caller works on this one, on the other core.
 */
async function* cursorChunks(ctx: Ctx, pool: pg.Pool, chunk: number, only: FactsProjection): AsyncGenerator<OrgBundle[]> {
  const { sql: text, params } = dialect.sqlToQuery(projectedQuery(ctx, only));
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    // Qualifications are read on another connection in the same snapshot, while this one joins
    // the facts for the first chunk (both take the database a few hundred milliseconds).
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')).rows;
    const quals = inSnapshot<QualificationRow>(pool, snapshot, qualificationsQuery(only)).then(byOrganisation);
    quals.catch(() => {});
    // Plan for the whole result (not the first rows), as a plain query would.
    await client.query('set local cursor_tuple_fraction = 1');
    await client.query(`declare bundles no scroll cursor for ${text}`, params);
    const fetch = () => {
      const p = client.query<unknown[]>({ text: `fetch ${Math.trunc(chunk)} from bundles`, rowMode: 'array' });
      // Awaited in order below; a caller that stops early must not leave a rejection unhandled.
      p.catch(() => {});
      return p;
    };
    let next: ReturnType<typeof fetch> | null = fetch();
    while (next) {
      const found: unknown[][] = (await next).rows;
      next = found.length === chunk ? fetch() : null;
      if (!found.length) continue;
      const byOrg = await quals;
      yield found.map((r) => projectedBundle(r, only, byOrg));
    }
  } finally {
    // Read only: ending it by rollback also ends it when the caller stopped early or a fetch failed.
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/**
 * Every organisation the actor may see, about `chunk` at a time: in id order, all facts; with
 * `only`, the projection in no particular order, read as one query (on PostgreSQL through
 * cursorChunks; on PGlite, one connection in this thread, read whole and handed out in chunks).
 */
export async function* orgBundleChunks(ctx: Ctx, chunk: number, only?: FactsProjection): AsyncGenerator<OrgBundle[]> {
  if (!only) return yield* idPages(chunk, (page) => orgBundles(ctx, page));
  if (hasPool(ctx.db)) return yield* cursorChunks(ctx, (ctx.db as unknown as { $client: pg.Pool }).$client, chunk, only);
  const all = await projectedRows(ctx.db, projectedQuery(ctx, only));
  const quals = byOrganisation(await rows<QualificationRow>(ctx.db, qualificationsQuery(only)));
  for (let i = 0; i < all.length; i += chunk) yield all.slice(i, i + chunk).map((r) => projectedBundle(r, only, quals));
}

/** The rules engine's view of an organisation and its yearly facts. */
export function factsDocOf(b: OrgBundle): FactsDoc {
  return {
    org: { uscc: b.uscc, name: b.name, kind: b.kind, registeredOn: b.registeredOn, industryCode: b.industryCode },
    years: b.years as FactsDoc['years'],
    qualifications: b.qualifications as FactsDoc['qualifications'],
    expert: {},
  };
}
