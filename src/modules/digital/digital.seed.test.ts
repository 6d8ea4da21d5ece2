import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { rows } from '../../server/db.ts';
import { bulkUpsertOrgs } from '../registry/registry.bulk.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { seedDigitalDemo } from './digital.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, generateOrgs({ count: 600, seed: 'digital' }), { kind: 'seed', ref: 'test' }));
});
afterAll(() => t.close());

describe('digital demo seed', () => {
  it('is small, synthetic, deterministic in shape, and runs once', async () => {
    const started = Date.now();
    const summary = await seedDigitalDemo(t.ctx);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(summary).toContain('20 solutions');
    const count = async (table: string) => {
      const [r] = await rows<{ n: number; s: boolean }>(t.database.db, sql.raw(`select count(*)::int as n, bool_and(synthetic) as s from ${table}`));
      expect(r.s, table).toBe(true);
      return Number(r.n);
    };
    const tables = ['digital_providers', 'digital_solutions', 'digital_diagnoses', 'digital_pilot_enrolments', 'digital_cloud_adoptions', 'digital_retrofits', 'digital_green_list'];
    let total = 0;
    for (const tb of tables) total += await count(tb);
    expect(total).toBeLessThan(300);
    const names = await rows<{ name: string }>(t.database.db, sql`select name from digital_providers union all select name from digital_solutions`);
    expect(names.every((n) => n.name.includes('示例'))).toBe(true);
    expect(await seedDigitalDemo(t.ctx)).toBeNull();
    const admin = await t.as('bureau_admin');
    const dash = (await admin.get('/api/digital/dashboard')).json();
    expect(dash.levels.diagnosedOrgs).toBeGreaterThan(0);
    expect(dash.pilot.improved).toBeGreaterThan(0);
  });
});
