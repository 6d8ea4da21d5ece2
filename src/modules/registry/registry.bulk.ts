// Many organisations at once (imports, demo data): batched multi-row writes, upsert by USCC
// and by (organisation, fiscal year). Unchanged values are left alone, so writing the same
// records twice changes nothing and says so.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { hasPool, type Db, type DbOrTx, type Tx } from '../../server/db.ts';
import { recordAudits, type AuditEntry } from '../audit/audit.service.ts';
import { FACT_KEY_SET, FACT_KEYS, snake, type FactKey } from './facts.ts';
import {
  orgFactHistory, orgFacts, orgQualifications, orgs,
  type FactSource, type FactsPatch, type OrgCreate, type QualificationCreate,
} from './registry.schema.ts';
import { searchTextOf } from './registry.service.ts';

export interface OrgRecord {
  org: OrgCreate;
  /** A known id (demo data refers to fixed ids); otherwise the database assigns one. */
  id?: string;
  synthetic?: boolean;
  facts?: { fiscalYear: number; values: FactsPatch; ref?: string | null }[];
  qualifications?: QualificationCreate[];
  /** Where the record came from, e.g. "orgs.xlsx row 12". */
  ref?: string | null;
}

export interface BulkResult {
  inserted: number;
  updated: number;
  unchanged: number;
  factsInserted: number;
  factsUpdated: number;
  qualificationsAdded: number;
}

type OrgRow = typeof orgs.$inferSelect;

const ORG_FIELDS = ['name', 'formerNames', 'kind', 'district', 'address', 'registeredOn', 'industryCode', 'listed', 'parentGroup', 'contacts', 'keywords', 'mainProducts'] as const;
const BATCH = 400;

/**
 * Inserts rows given as objects with snake_case column keys through one JSON parameter:
 * far cheaper than binding ~60 parameters per row for wide tables.
 */
async function insertJson(tx: Tx, table: string, columns: string[], rows: Record<string, unknown>[]) {
  const cols = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = JSON.stringify(rows.slice(i, i + 2000));
    await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.raw(`"${table}"`)}, ${chunk}::json)`);
  }
}

const ORG_COLUMNS = ['id', 'uscc', 'name', 'former_names', 'kind', 'district', 'address', 'registered_on', 'industry_code', 'listed', 'parent_group', 'contacts', 'keywords', 'main_products', 'synthetic', 'search_text', 'created_at', 'updated_at'];
const FACT_COLUMNS = ['org_id', 'fiscal_year', ...FACT_KEYS.map(snake), 'sources', 'updated_at'];
const SNAKE: Record<string, string> = Object.fromEntries(FACT_KEYS.map((k) => [k, snake(k)]));
const QUALIFICATION_COLUMNS = ['id', 'org_id', 'kind', 'name', 'certificate_no', 'issued_on', 'expires_on', 'issuer', 'rank', 'source', 'created_at'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function orgValues(r: OrgRecord) {
  const o = r.org;
  return {
    name: o.name, formerNames: o.formerNames ?? [], kind: o.kind, district: o.district, address: o.address ?? null,
    registeredOn: o.registeredOn ?? null, industryCode: o.industryCode ?? null, listed: o.listed ?? false,
    parentGroup: o.parentGroup ?? null, contacts: o.contacts ?? [], keywords: o.keywords ?? [], mainProducts: o.mainProducts ?? [],
  };
}

/**
 * Fresh planner statistics after a large write (not in a transaction). Without them the planner
 * misjudges the per-organisation subqueries (hundreds of facts expected per organisation instead
 * of three). On PGlite a VACUUM as well: it has no autovacuum, so nothing else removes the rows an
 * upsert replaced, and the first queries to read new rows would set their hint bits in a
 * request's thread (scanning 100,000 organisations first took 494 ms, 344 ms after a VACUUM).
 */
export async function analyzeRegistry(db: Db) {
  await db.execute(hasPool(db) ? sql`analyze orgs, org_facts, org_qualifications` : sql`vacuum (analyze) orgs, org_facts, org_qualifications`);
}

/** One batch's context: the clock, the actor, the source and where its audit records and counts go. */
export interface BatchScope {
  tx: Tx;
  at: Date;
  actor: string;
  source: Pick<FactSource, 'kind' | 'ref'>;
  audits: AuditEntry[];
  result: BulkResult;
}

export function emptyResult(): BulkResult {
  return { inserted: 0, updated: 0, unchanged: 0, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 };
}

export function batchScope(tx: Tx, ctx: Ctx, source: Pick<FactSource, 'kind' | 'ref'>, result: BulkResult = emptyResult()): BatchScope {
  return { tx, at: ctx.now(), actor: ctx.actor?.username ?? 'system', source, audits: [], result };
}

/** Inserts the new organisations and updates what changed; the id of every organisation by USCC. */
export async function upsertOrgBatch(s: BatchScope, batch: Pick<OrgRecord, 'org' | 'id' | 'synthetic'>[], existingRows?: Map<string, OrgRow>): Promise<Map<string, string>> {
  const { tx, at, source, result } = s;
  const existing = existingRows ?? new Map(
    (await tx.select().from(orgs).where(inArray(orgs.uscc, batch.map((r) => r.org.uscc)))).map((o) => [o.uscc, o]),
  );
  const ids = new Map<string, string>();
  const fresh = batch.filter((r) => !existing.has(r.org.uscc));
  if (fresh.length) {
    const rows = fresh.map((r) => {
      const v = orgValues(r);
      return {
        id: r.id ?? randomUUID(), uscc: r.org.uscc, name: v.name, former_names: v.formerNames, kind: v.kind, district: v.district,
        address: v.address, registered_on: v.registeredOn, industry_code: v.industryCode, listed: v.listed, parent_group: v.parentGroup,
        contacts: v.contacts, keywords: v.keywords, main_products: v.mainProducts, synthetic: r.synthetic ?? false,
        search_text: searchTextOf(v), created_at: at.toISOString(), updated_at: at.toISOString(),
      };
    });
    await insertJson(tx, 'orgs', ORG_COLUMNS, rows);
    for (const row of rows) ids.set(row.uscc, row.id);
    result.inserted += rows.length;
    s.audits.push({ action: 'org.import_create', entityType: 'org', entityId: `${rows.length} orgs`, after: { source: source.kind, ref: source.ref, uscc: rows.map((o) => o.uscc) } });
  }
  const changedOrgs: { uscc: string; fields: string[] }[] = [];
  for (const r of batch) {
    const row = existing.get(r.org.uscc);
    if (!row) continue;
    ids.set(r.org.uscc, row.id);
    const v = orgValues(r);
    const fields = ORG_FIELDS.filter((k) => !same(row[k], v[k]));
    if (fields.length === 0) {
      result.unchanged++;
      continue;
    }
    const patch = Object.fromEntries(fields.map((k) => [k, v[k]]));
    await tx.update(orgs).set({ ...patch, searchText: searchTextOf(v), updatedAt: at }).where(eq(orgs.id, row.id));
    changedOrgs.push({ uscc: r.org.uscc, fields });
    result.updated++;
  }
  if (changedOrgs.length) s.audits.push({ action: 'org.import_update', entityType: 'org', entityId: `${changedOrgs.length} orgs`, after: { source: source.kind, ref: source.ref, changes: changedOrgs } });
  return ids;
}

export interface FactWrite { orgId: string; uscc: string; fiscalYear: number; values: FactsPatch; ref?: string | null }

/** Upserts facts per (organisation, year): new years inserted, changed values updated with history and source. */
export async function upsertFactBatch(s: BatchScope, wanted: FactWrite[]): Promise<void> {
  if (!wanted.length) return;
  const { tx, at, actor, source, result } = s;
  const orgIds = [...new Set(wanted.map((w) => w.orgId))];
  const current = new Map(
    (await tx.select().from(orgFacts).where(inArray(orgFacts.orgId, orgIds))).map((f) => [`${f.orgId}/${f.fiscalYear}`, f]),
  );
  const inserts: Record<string, unknown>[] = [];
  const history: (typeof orgFactHistory.$inferInsert)[] = [];
  const factChanges: { uscc: string; year: number; fields: string[] }[] = [];
  for (const w of wanted) {
    const src: FactSource = { kind: source.kind, ref: w.ref ?? source.ref, at: at.toISOString(), actor };
    const row = current.get(`${w.orgId}/${w.fiscalYear}`);
    if (!row) {
      const insert: Record<string, unknown> = { org_id: w.orgId, fiscal_year: w.fiscalYear };
      for (const k in w.values) {
        const v = w.values[k as FactKey];
        if (v !== undefined && FACT_KEY_SET.has(k)) insert[SNAKE[k]] = v;
      }
      insert.sources = { '*': src };
      insert.updated_at = at.toISOString();
      inserts.push(insert);
      continue;
    }
    const keys = (Object.keys(w.values) as FactKey[]).filter((k) => FACT_KEY_SET.has(k) && w.values[k] !== undefined);
    const changed = keys.filter((k) => (row[k] ?? null) !== w.values[k]);
    if (changed.length === 0) continue;
    const sources = { ...row.sources, ...Object.fromEntries(changed.map((k) => [k, src])) };
    await tx.update(orgFacts).set({ ...Object.fromEntries(changed.map((k) => [k, w.values[k]])), sources, updatedAt: at })
      .where(and(eq(orgFacts.orgId, w.orgId), eq(orgFacts.fiscalYear, w.fiscalYear)));
    for (const k of changed) history.push({ orgId: w.orgId, fiscalYear: w.fiscalYear, field: k, oldValue: row[k] ?? null, newValue: w.values[k] ?? null, source: src, at });
    factChanges.push({ uscc: w.uscc, year: w.fiscalYear, fields: changed });
    result.factsUpdated++;
  }
  await insertJson(tx, 'org_facts', FACT_COLUMNS, inserts);
  for (let i = 0; i < history.length; i += 1000) await tx.insert(orgFactHistory).values(history.slice(i, i + 1000));
  result.factsInserted += inserts.length;
  if (inserts.length) s.audits.push({ action: 'org.import_facts_create', entityType: 'org_facts', entityId: `${inserts.length} years`, after: { source: source.kind, ref: source.ref, rows: inserts.length } });
  if (factChanges.length) s.audits.push({ action: 'org.import_facts_update', entityType: 'org_facts', entityId: `${factChanges.length} years`, after: { source: source.kind, ref: source.ref, changes: factChanges } });
}

export interface QualificationWrite { orgId: string; q: QualificationCreate; ref?: string | null }

/** Adds qualifications unless one of the same kind and certificate number exists. */
export async function addQualificationBatch(s: BatchScope, quals: QualificationWrite[]): Promise<void> {
  if (!quals.length) return;
  const { tx, at, actor, source, result } = s;
  const have = new Set(
    (await tx.select({ orgId: orgQualifications.orgId, kind: orgQualifications.kind, no: orgQualifications.certificateNo })
      .from(orgQualifications).where(inArray(orgQualifications.orgId, [...new Set(quals.map((x) => x.orgId))])))
      .map((x) => `${x.orgId}/${x.kind}/${x.no ?? ''}`),
  );
  const add = quals.filter((x) => !have.has(`${x.orgId}/${x.q.kind}/${x.q.certificateNo ?? ''}`));
  if (!add.length) return;
  await insertJson(tx, 'org_qualifications', QUALIFICATION_COLUMNS, add.map(({ orgId, q, ref }) => ({
    id: randomUUID(), org_id: orgId, kind: q.kind, name: q.name ?? null, certificate_no: q.certificateNo ?? null,
    issued_on: q.issuedOn ?? null, expires_on: q.expiresOn ?? null, issuer: q.issuer ?? null, rank: q.rank ?? null,
    source: { kind: source.kind, ref: ref ?? source.ref, at: at.toISOString(), actor }, created_at: at.toISOString(),
  })));
  result.qualificationsAdded += add.length;
  s.audits.push({ action: 'org.import_qualifications', entityType: 'org', entityId: `${add.length} qualifications`, after: { source: source.kind, ref: source.ref, count: add.length } });
}

/** Writes the batch's audit records (one chain append) and starts the next batch's list. */
export async function flushAudits(s: BatchScope, ctx: Ctx): Promise<void> {
  const audits = s.audits;
  s.audits = [];
  await recordAudits(s.tx, ctx, audits);
}

/**
 * Writes records in batches inside the caller's transaction. `onProgress` is called after
 * each batch with the number of records done.
 */
export async function bulkUpsertOrgs(
  tx: Tx, ctx: Ctx, records: OrgRecord[], source: Pick<FactSource, 'kind' | 'ref'>, onProgress?: (done: number) => void | Promise<void>,
): Promise<BulkResult> {
  const s = batchScope(tx, ctx, source);
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const ids = await upsertOrgBatch(s, batch);
    await upsertFactBatch(s, batch.flatMap((r) => (r.facts ?? []).map((f) => ({ orgId: ids.get(r.org.uscc)!, uscc: r.org.uscc, ...f, ref: f.ref ?? r.ref }))));
    await addQualificationBatch(s, batch.flatMap((r) => (r.qualifications ?? []).map((q) => ({ orgId: ids.get(r.org.uscc)!, q, ref: r.ref }))));
    await flushAudits(s, ctx);
    await onProgress?.(Math.min(start + BATCH, records.length));
  }
  return s.result;
}
