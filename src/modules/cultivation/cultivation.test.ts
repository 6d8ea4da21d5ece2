import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { bulkUpsertOrgs } from '../registry/registry.bulk.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { evaluateAll } from '../../rules/index.ts';
import { orgBundles } from '../registry/registry.service.ts';
import { evaluateOrgs, factsDocOf } from './cultivation.service.ts';
import { jobsIdle } from '../jobs/jobs.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, generateOrgs({ count: 400, seed: 'cultivation' }), { kind: 'seed', ref: 'test' }));
});
afterAll(() => t.close());

describe('cultivation', () => {
  it('evaluates every organisation against every tier and stores what the engine says', async () => {
    const admin = await t.as('bureau_admin');
    const res = await admin.post('/api/cultivation/evaluate', { asOf: '2026-06-01' });
    expect(res.json()).toEqual({ asOf: '2026-06-01', organisations: 400, evaluations: 2400 });
    const funnel = (await admin.get('/api/cultivation/funnel')).json();
    expect(funnel.asOf).toBe('2026-06-01');
    expect(funnel.evaluated).toBe(400);
    expect(funnel.tiers.map((x: { ruleset: string }) => x.ruleset)).toEqual(['tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'hnte', 'tech_leader']);
    // The stored counts equal a direct evaluation of the same organisations.
    const bundles = await orgBundles(t.ctx, { limit: 1000 });
    const direct = bundles.flatMap((b) => evaluateAll(factsDocOf(b), '2026-06-01'));
    for (const tier of funnel.tiers) {
      const mine = direct.filter((r) => r.ruleset === tier.ruleset);
      expect(tier.pass, tier.ruleset).toBe(mine.filter((r) => r.verdict === 'pass').length);
      expect(tier.fail + tier.pass + tier.unknown + tier.manualReview, tier.ruleset).toBe(400);
      expect(tier.held, tier.ruleset).toBe(mine.filter((r) => r.held).length);
    }
  });

  it('re-running a date replaces its results, other dates stay', async () => {
    await evaluateOrgs(t.ctx, '2026-06-01');
    await evaluateOrgs(t.ctx, '2025-06-01');
    const admin = await t.as('bureau_admin');
    expect((await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json().evaluated).toBe(400);
    expect((await admin.get('/api/cultivation/funnel?asOf=2025-06-01')).json().evaluated).toBe(400);
  });

  it('lists a reserve pool of organisations that miss a tier only by numbers, easiest first', async () => {
    const admin = await t.as('bureau_admin');
    const res = (await admin.get('/api/cultivation/reserve?ruleset=hnte&asOf=2026-06-01&pageSize=200')).json();
    expect(res.total).toBeGreaterThan(0);
    for (const item of res.items) {
      expect(item.gapCount).toBeGreaterThanOrEqual(1);
      expect(item.gapCount).toBeLessThanOrEqual(2);
      expect(item.gaps.length).toBe(item.gapCount);
    }
    const order = res.items.map((i: { gapCount: number; effort: number }) => [i.gapCount, i.effort]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('scopes the funnel to a district officer\'s district', async () => {
    const admin = await t.as('bureau_admin');
    const officer = await t.as('district_officer', { district: 'huli' });
    const all = (await admin.get('/api/cultivation/funnel?asOf=2026-06-01&district=huli')).json();
    const mine = (await officer.get('/api/cultivation/funnel?asOf=2026-06-01')).json();
    expect(mine.evaluated).toBe(all.evaluated);
    expect(mine.evaluated).toBeLessThan(400);
  });
});

describe('keeping results current', () => {
  it('re-evaluates an organisation as soon as its facts are edited', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const [org] = (await admin.get('/api/orgs?pageSize=1&sort=name')).json().items;
    const stored = async () => (await t.database.db.execute(sql`select verdict, result from assessments a join orgs o on o.id = a.org_id
      where o.uscc = ${org.uscc} and a.ruleset = 'hnte' and a.as_of = (select max(as_of) from assessments)`) as unknown as { rows: { verdict: string; result: { criteria: { id: string; actual: unknown }[] } }[] }).rows[0];
    const before = await stored();
    // An impossible S&T staff share of 0 must show up in the stored HNTE-04 result.
    expect((await admin.patch(`/api/orgs/${org.uscc}/facts/2025`, { stStaff: 0, employees: 100 })).statusCode).toBe(200);
    const after = await stored();
    expect(after.result.criteria.find((c) => c.id === 'HNTE-04')?.actual).toBe(0);
    expect(after.verdict).toBe('fail');
    expect(before).toBeDefined();
  });

  it('re-evaluates the organisations an import names once the import job has committed', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const [a, b] = (await admin.get('/api/orgs?pageSize=2&sort=name')).json().items;
    const hnte04 = async (uscc: string) => ((await t.database.db.execute(sql`select result from assessments a join orgs o on o.id = a.org_id
      where o.uscc = ${uscc} and a.ruleset = 'hnte' and a.as_of = '2026-06-01'`)) as unknown as { rows: { result: { criteria: { id: string; actual: unknown }[] } }[] })
      .rows[0].result.criteria.find((c) => c.id === 'HNTE-04')?.actual;
    const csv = ['uscc,fiscalYear,employees,stStaff', `${a.uscc},2025,200,3`, `${b.uscc},2025,200,50`].join('\r\n');
    const res = await admin.request({ method: 'POST', url: '/api/orgs/import?dryRun=false&filename=staff.csv', payload: Buffer.from(csv), headers: { 'content-type': 'application/octet-stream' } });
    expect(res.statusCode, res.body).toBe(202);
    await jobsIdle();
    expect((await admin.get(`/api/jobs/${res.json().jobId}`)).json()).toMatchObject({ status: 'succeeded', result: { factsUpdated: 2 } });
    expect(await hnte04(a.uscc)).toBe(0.015);
    expect(await hnte04(b.uscc)).toBe(0.25);
  });
});
