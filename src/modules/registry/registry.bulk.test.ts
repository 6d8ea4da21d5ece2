import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../server/db.ts';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { analyzeRegistry, bulkUpsertOrgs, type OrgRecord } from './registry.bulk.ts';
import { orgFactHistory } from './registry.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const records = (revenue: number): OrgRecord[] => Array.from({ length: 450 }, (_, i) => ({
  org: {
    uscc: withCheckChar(`91350200MA${String(i).padStart(7, '0')}`), name: `批量测试${i}号科技有限公司`, kind: 'enterprise', district: 'huli',
    formerNames: [], listed: false, contacts: [], keywords: ['储能'], mainProducts: [],
  },
  facts: [{ fiscalYear: 2024, values: { revenue: i === 7 ? revenue : 1_000_000_00, employees: 20 } }],
  qualifications: i % 100 === 0 ? [{ kind: 'tech_sme', certificateNo: `2024350200A${i}` }] : [],
  ref: `test row ${i + 2}`,
}));

describe('bulk upsert', () => {
  it('inserts, then leaves an identical second run unchanged', async () => {
    const first = await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, records(5_000_000_00), { kind: 'import', ref: 'a.xlsx' }));
    expect(first).toEqual({ inserted: 450, updated: 0, unchanged: 0, factsInserted: 450, factsUpdated: 0, qualificationsAdded: 5 });
    const again = await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, records(5_000_000_00), { kind: 'import', ref: 'a.xlsx' }));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 450, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 });
  });

  it('updates only what changed, with history and source, and keeps the audit chain valid', async () => {
    const progress: number[] = [];
    const r = await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, records(6_000_000_00), { kind: 'import', ref: 'b.xlsx' }, (d) => {
      progress.push(d);
    }));
    expect(r).toMatchObject({ unchanged: 450, factsUpdated: 1 });
    expect(progress).toEqual([400, 450]);
    const history = await t.database.db.select().from(orgFactHistory).where(eq(orgFactHistory.field, 'revenue'));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ oldValue: 500_000_000, newValue: 600_000_000, source: { kind: 'import', ref: 'test row 9' } });
    expect((await verifyAudit(t.database.db, t.ctx.auditKey)).ok).toBe(true);
  });

  it('refreshes statistics after a large write, and on PGlite (no autovacuum) removes the rows an update replaced', async () => {
    // The update's dead-row count may still be pending in this backend (statistics are flushed at
    // most once a second); flushed after the vacuum, it would count a row the vacuum removed.
    await t.database.db.execute(sql`select pg_stat_force_next_flush()`);
    await analyzeRegistry(t.database.db);
    const [stats] = await rows<{ analyzed: boolean; vacuumed: boolean; dead: number }>(t.database.db, sql`select last_analyze is not null as analyzed,
      last_vacuum is not null as vacuumed, n_dead_tup::int as dead from pg_stat_user_tables where relname = 'org_facts'`);
    expect(stats.analyzed).toBe(true);
    if (t.database.kind === 'pglite') expect(stats).toMatchObject({ vacuumed: true, dead: 0 });
  });
});
