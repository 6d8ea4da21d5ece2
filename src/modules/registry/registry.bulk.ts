// Many organisations at once (imports, demo data): batched multi-row writes, upsert by USCC
// and by (organisation, fiscal year). Unchanged values are left alone, so writing the same
// records twice changes nothing and says so.
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { Tx } from '../../server/db.ts';
import { recordAudits } from '../audit/audit.service.ts';
import { FACT_KEYS, type FactKey } from './facts.ts';
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

const ORG_FIELDS = ['name', 'formerNames', 'kind', 'district', 'address', 'registeredOn', 'industryCode', 'listed', 'parentGroup', 'contacts', 'keywords', 'mainProducts'] as const;
const BATCH = 400;

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
 * Writes records in batches inside the caller's transaction. `onProgress` is called after
 * each batch with the number of records done.
 */
export async function bulkUpsertOrgs(
  tx: Tx, ctx: Ctx, records: OrgRecord[], source: Pick<FactSource, 'kind' | 'ref'>, onProgress?: (done: number) => void | Promise<void>,
): Promise<BulkResult> {
  const result: BulkResult = { inserted: 0, updated: 0, unchanged: 0, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 };
  const at = ctx.now();
  const actor = ctx.actor?.username ?? 'system';
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const audits: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }[] = [];
    const existing = new Map(
      (await tx.select().from(orgs).where(inArray(orgs.uscc, batch.map((r) => r.org.uscc)))).map((o) => [o.uscc, o]),
    );
    // Organisations: insert the new, update what changed.
    const fresh = batch.filter((r) => !existing.has(r.org.uscc));
    if (fresh.length) {
      const inserted = await tx.insert(orgs).values(fresh.map((r) => {
        const v = orgValues(r);
        return { ...(r.id ? { id: r.id } : {}), uscc: r.org.uscc, ...v, synthetic: r.synthetic ?? false, searchText: searchTextOf(v) };
      })).returning();
      for (const o of inserted) existing.set(o.uscc, o);
      result.inserted += inserted.length;
      audits.push({ action: 'org.import_create', entityType: 'org', entityId: `${inserted.length} orgs`, after: { source: source.kind, ref: source.ref, uscc: inserted.map((o) => o.uscc) } });
    }
    const changedOrgs: { uscc: string; fields: string[] }[] = [];
    for (const r of batch) {
      if (fresh.includes(r)) continue;
      const row = existing.get(r.org.uscc)!;
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
    if (changedOrgs.length) audits.push({ action: 'org.import_update', entityType: 'org', entityId: `${changedOrgs.length} orgs`, after: { source: source.kind, ref: source.ref, changes: changedOrgs } });

    // Facts per (organisation, year).
    const wanted = batch.flatMap((r) => (r.facts ?? []).map((f) => ({ orgId: existing.get(r.org.uscc)!.id, uscc: r.org.uscc, ...f, recordRef: r.ref })));
    if (wanted.length) {
      const orgIds = [...new Set(wanted.map((w) => w.orgId))];
      const current = new Map(
        (await tx.select().from(orgFacts).where(inArray(orgFacts.orgId, orgIds))).map((f) => [`${f.orgId}/${f.fiscalYear}`, f]),
      );
      const inserts: (typeof orgFacts.$inferInsert)[] = [];
      const history: (typeof orgFactHistory.$inferInsert)[] = [];
      const factChanges: { uscc: string; year: number; fields: string[] }[] = [];
      for (const w of wanted) {
        const src: FactSource = { kind: source.kind, ref: w.ref ?? w.recordRef ?? source.ref, at: at.toISOString(), actor };
        const row = current.get(`${w.orgId}/${w.fiscalYear}`);
        const keys = (Object.keys(w.values) as FactKey[]).filter((k) => FACT_KEYS.includes(k) && w.values[k] !== undefined);
        if (!row) {
          inserts.push({
            orgId: w.orgId, fiscalYear: w.fiscalYear, ...w.values,
            sources: Object.fromEntries(keys.filter((k) => w.values[k] !== null).map((k) => [k, src])),
          });
          continue;
        }
        const changed = keys.filter((k) => (row[k] ?? null) !== w.values[k]);
        if (changed.length === 0) continue;
        const sources = { ...row.sources, ...Object.fromEntries(changed.map((k) => [k, src])) };
        await tx.update(orgFacts).set({ ...Object.fromEntries(changed.map((k) => [k, w.values[k]])), sources, updatedAt: at })
          .where(and(eq(orgFacts.orgId, w.orgId), eq(orgFacts.fiscalYear, w.fiscalYear)));
        for (const k of changed) history.push({ orgId: w.orgId, fiscalYear: w.fiscalYear, field: k, oldValue: row[k] ?? null, newValue: w.values[k] ?? null, source: src, at });
        factChanges.push({ uscc: w.uscc, year: w.fiscalYear, fields: changed });
        result.factsUpdated++;
      }
      for (let i = 0; i < inserts.length; i += BATCH) await tx.insert(orgFacts).values(inserts.slice(i, i + BATCH));
      for (let i = 0; i < history.length; i += 1000) await tx.insert(orgFactHistory).values(history.slice(i, i + 1000));
      result.factsInserted += inserts.length;
      if (inserts.length) audits.push({ action: 'org.import_facts_create', entityType: 'org_facts', entityId: `${inserts.length} years`, after: { source: source.kind, ref: source.ref, rows: inserts.length } });
      if (factChanges.length) audits.push({ action: 'org.import_facts_update', entityType: 'org_facts', entityId: `${factChanges.length} years`, after: { source: source.kind, ref: source.ref, changes: factChanges } });
    }

    // Qualifications: added when no record of the same kind and certificate number exists.
    const quals = batch.flatMap((r) => (r.qualifications ?? []).map((q) => ({ orgId: existing.get(r.org.uscc)!.id, q, ref: r.ref })));
    if (quals.length) {
      const have = new Set(
        (await tx.select({ orgId: orgQualifications.orgId, kind: orgQualifications.kind, no: orgQualifications.certificateNo })
          .from(orgQualifications).where(inArray(orgQualifications.orgId, [...new Set(quals.map((x) => x.orgId))])))
          .map((x) => `${x.orgId}/${x.kind}/${x.no ?? ''}`),
      );
      const add = quals.filter((x) => !have.has(`${x.orgId}/${x.q.kind}/${x.q.certificateNo ?? ''}`));
      if (add.length) {
        await tx.insert(orgQualifications).values(add.map(({ orgId, q, ref }) => ({
          orgId, kind: q.kind, name: q.name ?? null, certificateNo: q.certificateNo ?? null, issuedOn: q.issuedOn ?? null,
          expiresOn: q.expiresOn ?? null, issuer: q.issuer ?? null, rank: q.rank ?? null,
          source: { kind: source.kind, ref: ref ?? source.ref, at: at.toISOString(), actor },
        })));
        result.qualificationsAdded += add.length;
        audits.push({ action: 'org.import_qualifications', entityType: 'org', entityId: `${add.length} qualifications`, after: { source: source.kind, ref: source.ref, count: add.length } });
      }
    }
    await recordAudits(tx, ctx, audits);
    await onProgress?.(Math.min(start + BATCH, records.length));
  }
  return result;
}

