import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { assessments, factsSnapshots } from './cultivation.schema.ts';
import { explainStored } from './cultivation.store.ts';
import { currentRulesets } from '../rules/rules.service.ts';
import { explained } from '../../rules/engine.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { openDatabase, type Database } from '../../server/db.ts';
import { bulkUpsertOrgs } from '../registry/registry.bulk.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { evaluateAll } from '../../rules/index.ts';
import { orgBundles, orgDocTexts } from '../registry/registry.service.ts';
import { breakdown, evaluateOrgs, funnel, STORED } from './cultivation.service.ts';
import { factsDocOf } from '../registry/registry.service.ts';
import { jobsIdle } from '../jobs/jobs.service.ts';
import ExcelJS from '../../lib/exceljs.ts';
import { withCheckChar } from '../../lib/uscc.ts';
import { createOrg } from '../registry/registry.service.ts';
import { installChainReference } from '../chains/chains.service.ts';
import { suggestOrgs } from '../chains/chains.analysis.ts';

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

  it('two runs of a new date at once both finish, every organisation and tier stored once', async () => {
    // Both find the date without rows and insert plainly; the one that collides writes its chunk
    // again as a replacement.
    const runs = await Promise.all([evaluateOrgs(t.ctx, '2024-06-01'), evaluateOrgs(t.ctx, '2024-06-01')]);
    expect(runs.map((r) => r.evaluations)).toEqual([2400, 2400]);
    const [row] = await t.database.db.select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct (org_id, ruleset))::int` })
      .from(assessments).where(eq(assessments.asOf, '2024-06-01'));
    expect(row).toEqual({ n: 2400, distinct: 2400 });
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

/** Stored rows of a date (of one organisation), as explainStored reads them. */
const stored = async (asOf: string, orgId?: string) => t.database.db.select({ orgId: assessments.orgId, ...STORED }).from(assessments).where(and(eq(assessments.asOf, asOf), orgId ? eq(assessments.orgId, orgId) : undefined)).orderBy(assessments.orgId, assessments.ruleset);

/** An organisation's stored HNTE result on a date: its verdict, and HNTE-04's value in the replayed result. */
async function storedHnte(uscc: string, asOf: string) {
  const [{ id }] = (await t.database.db.execute(sql`select id from orgs where uscc = ${uscc}`) as unknown as { rows: { id: string }[] }).rows;
  const row = (await stored(asOf, id)).find((r) => r.ruleset === 'hnte')!;
  const [result] = await explainStored(t.ctx, [row]);
  return { verdict: row.verdict, hnte04: result.criteria.find((c) => c.id === 'HNTE-04')?.actual };
}

describe('keeping results current', () => {
  it('re-evaluates an organisation as soon as its facts are edited', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const [org] = (await admin.get('/api/orgs?pageSize=1&sort=name')).json().items;
    const before = await storedHnte(org.uscc, '2026-06-01');
    // An impossible S&T staff share of 0 must show up in the stored HNTE-04 result.
    expect((await admin.patch(`/api/orgs/${org.uscc}/facts/2025`, { stStaff: 0, employees: 100 })).statusCode).toBe(200);
    const after = await storedHnte(org.uscc, '2026-06-01');
    expect(after.hnte04).toBe(0);
    expect(after.verdict).toBe('fail');
    expect(before.hnte04).not.toBe(0);
  });

  it('re-evaluates the organisations an import names once the import job has committed', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const [a, b] = (await admin.get('/api/orgs?pageSize=2&sort=name')).json().items;
    const hnte04 = async (uscc: string) => (await storedHnte(uscc, '2026-06-01')).hnte04;
    const csv = ['uscc,fiscalYear,employees,stStaff', `${a.uscc},2025,200,3`, `${b.uscc},2025,200,50`].join('\r\n');
    const res = await admin.request({ method: 'POST', url: '/api/orgs/import?dryRun=false&filename=staff.csv', payload: Buffer.from(csv), headers: { 'content-type': 'application/octet-stream' } });
    expect(res.statusCode, res.body).toBe(202);
    await jobsIdle();
    expect((await admin.get(`/api/jobs/${res.json().jobId}`)).json()).toMatchObject({ status: 'succeeded', result: { factsUpdated: 2 } });
    expect(await hnte04(a.uscc)).toBe(0.015);
    expect(await hnte04(b.uscc)).toBe(0.25);
  });
});

describe('drill-down, export and timeline', () => {
  it('breaks the funnel down by district, section and division, adding up to the funnel', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const funnel = (await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json();
    for (const by of ['district', 'section', 'division']) {
      const res = (await admin.get(`/api/cultivation/breakdown?by=${by}&asOf=2026-06-01`)).json();
      expect(res.groups.reduce((s: number, g: { evaluated: number }) => s + g.evaluated, 0), by).toBe(400);
      for (const tier of funnel.tiers) {
        const sum = (k: 'held' | 'pass' | 'reserve') => res.groups.reduce((s: number, g: { tiers: Record<string, Record<string, number>> }) => s + (g.tiers[tier.ruleset]?.[k] ?? 0), 0);
        expect([sum('held'), sum('pass'), sum('reserve')], `${by} ${tier.ruleset}`).toEqual([tier.held, tier.pass, tier.reserve]);
      }
    }
    const districts = (await admin.get('/api/cultivation/breakdown?by=district&asOf=2026-06-01')).json();
    expect(districts.groups.find((g: { key: string }) => g.key === 'siming').label).toEqual({ zh: '思明区', en: 'Siming' });
    // A section's drill-down lists only its divisions and equals the funnel filtered by that section.
    const sections = (await admin.get('/api/cultivation/breakdown?by=section&asOf=2026-06-01')).json();
    const c = sections.groups.find((g: { key: string }) => g.key === 'C');
    expect(c.label.zh).toContain('制造业');
    const divisions = (await admin.get('/api/cultivation/breakdown?by=division&asOf=2026-06-01&industry=C')).json();
    for (const g of divisions.groups) expect(Number(g.key)).toBeGreaterThanOrEqual(13), expect(Number(g.key)).toBeLessThanOrEqual(43);
    expect(divisions.groups.reduce((s: number, g: { evaluated: number }) => s + g.evaluated, 0)).toBe(c.evaluated);
    expect((await admin.get('/api/cultivation/funnel?asOf=2026-06-01&industry=C')).json().evaluated).toBe(c.evaluated);
  });

  it('breaks the funnel down by chain map: organisations confirmed on each chain, as the chain filter counts them', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    await installChainReference(t.ctx);
    const chainIds = (await t.database.db.execute(sql`select id from chains where origin = 'reference' order by sort_order`) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    for (const id of chainIds) await suggestOrgs(t.ctx, id);
    // Staff confirm the likelier suggestions; the rest stay suggested and must not count.
    await t.database.db.execute(sql`update chain_link_orgs set status = 'confirmed' where confidence >= 70`);
    const confirmed = async (chain: string) => Number(((await t.database.db.execute(sql`select count(distinct org_id)::int as n from chain_link_orgs where chain_id = ${chain} and status = 'confirmed'`)) as unknown as { rows: { n: number }[] }).rows[0].n);
    const res = (await admin.get('/api/cultivation/breakdown?by=chain&asOf=2026-06-01')).json();
    expect(res.groups.length).toBeGreaterThan(0);
    for (const g of res.groups) {
      expect(g.evaluated, g.key).toBe(await confirmed(g.key));
      const filtered = (await admin.get(`/api/cultivation/funnel?asOf=2026-06-01&chain=${g.key}`)).json();
      expect(filtered.evaluated, g.key).toBe(g.evaluated);
      for (const tier of filtered.tiers) expect([g.tiers[tier.ruleset]?.held ?? 0, g.tiers[tier.ruleset]?.pass ?? 0], `${g.key} ${tier.ruleset}`).toEqual([tier.held, tier.pass]);
    }
    expect(res.groups.find((g: { key: string }) => g.key === chainIds[0]).label.zh).toMatch(/[\u4e00-\u9fff]/);
    // The reserve pool takes the same filter.
    const pool = (await admin.get(`/api/cultivation/reserve?ruleset=hnte&asOf=2026-06-01&chain=${chainIds[0]}&pageSize=200`)).json();
    const onChain = new Set(((await t.database.db.execute(sql`select o.uscc from chain_link_orgs a join orgs o on o.id = a.org_id where a.chain_id = ${chainIds[0]} and a.status = 'confirmed'`)) as unknown as { rows: { uscc: string }[] }).rows.map((r) => r.uscc));
    for (const item of pool.items) expect(onChain.has(item.uscc), item.uscc).toBe(true);
  });

  it('exports a whole reserve pool to Excel with the gap sentences in the caller\'s language', async () => {
    const admin = await t.as('bureau_admin');
    const pool = (await admin.get('/api/cultivation/reserve?ruleset=hnte&asOf=2026-06-01&pageSize=200')).json();
    const res = await admin.get('/api/cultivation/reserve.xlsx?ruleset=hnte&asOf=2026-06-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('后备库');
    expect(ws.getRow(3).values).toEqual([undefined, '统一社会信用代码', '单位名称', '所属区', '行业代码', '差距项', '差距说明']);
    expect(ws.rowCount - 3).toBe(pool.total);
    expect(ws.getRow(4).getCell(1).value).toBe(pool.items[0].uscc);
    expect(String(ws.getRow(4).getCell(6).value)).toBe(pool.items[0].gaps.map((g: { text: { zh: string } }) => g.text.zh).join('；'));
    const en = await admin.get('/api/cultivation/reserve.xlsx?ruleset=hnte&asOf=2026-06-01', { 'accept-language': 'en-US' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as never);
    expect(String(wbEn.worksheets[0].getRow(4).getCell(6).value)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows when an organisation gained or lost a tier and which criteria changed', async () => {
    const admin = await t.as('bureau_admin');
    const uscc = withCheckChar('91350203MA8TIMELN');
    const org = await createOrg(t.ctx, { uscc, name: '时间线合成科技有限公司', kind: 'enterprise', district: 'siming', registeredOn: '2008-01-01', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
    for (const [year, revenue] of [[2024, 1_200_000_000_00], [2025, 900_000_000_00]]) {
      expect((await admin.patch(`/api/orgs/${uscc}/facts/${year}`, { revenue, rdExpense: 60_000_000_00, inventionPatents: 35, majorIncident: false })).statusCode).toBe(200);
    }
    await admin.post(`/api/orgs/${uscc}/qualifications`, { kind: 'hnte', certificateNo: 'GR202435100777', issuedOn: '2024-12-01', expiresOn: '2027-11-30' });
    await admin.post(`/api/orgs/${uscc}/qualifications`, { kind: 'rd_institution_provincial', issuedOn: '2020-01-01' });
    await evaluateOrgs(t.ctx, '2025-06-01', { ids: [org.id] });
    await evaluateOrgs(t.ctx, '2026-06-01', { ids: [org.id] });
    const res = await admin.get(`/api/orgs/${uscc}/tier-timeline`);
    expect(res.statusCode).toBe(200);
    const tl = res.json();
    expect(tl.dates).toEqual(['2025-06-01', '2026-06-01']);
    // Met on 2025-06-01 (2024 revenue ¥1.2 billion); lost on 2026-06-01 (2025 revenue ¥0.9 billion).
    const leader = tl.tiers.find((x: { ruleset: string }) => x.ruleset === 'tech_leader');
    expect(leader.points.map((p: { verdict: string }) => p.verdict)).toEqual(['pass', 'fail']);
    const change = tl.changes.find((x: { ruleset: string }) => x.ruleset === 'tech_leader');
    expect(change).toMatchObject({ asOf: '2026-06-01', previous: '2025-06-01', from: 'pass', to: 'fail', kind: 'lost' });
    expect(change.reasons.map((r: { criterion: string; from: string; to: string }) => [r.criterion, r.from, r.to])).toEqual([['TL-02', 'pass', 'fail']]);
    expect(change.reasons[0].text.zh).toContain('2025 年营业收入为 90,000万元');
    // Another organisation's user cannot read it.
    const other = await t.as('org_user', { orgId: '00000000-0000-4000-8000-00000000dead' });
    expect((await other.get(`/api/orgs/${uscc}/tier-timeline`)).statusCode).toBe(404);
  });
});

describe('the letter beside the platform', () => {
  it('shows each letter figure with its source, the same count from the registry, and the difference explained', async () => {
    const admin = await t.as('bureau_admin');
    const res = (await admin.get('/api/cultivation/letter')).json();
    expect(res.source).toMatchObject({ docNo: '厦科函〔2025〕84号', date: '2025-05-20' });
    const bundles = await orgBundles(t.ctx, { limit: 10_000 });
    const hnte = (b: (typeof bundles)[number]) => b.qualifications.filter((q) => q.kind === 'hnte');
    const held = bundles.filter((b) => hnte(b).some((q) => q.issuedOn && q.issuedOn <= '2024-12-31' && (!q.expiresOn || q.expiresOn >= '2024-12-31'))).length;
    const firstIn = (kind: string) => bundles.filter((b) => {
      const dates = b.qualifications.filter((q) => q.kind === kind && q.issuedOn).map((q) => q.issuedOn!).sort();
      return dates.length > 0 && dates[0] >= '2021-01-01' && dates[0] <= '2025-05-20';
    }).length;
    const byId = Object.fromEntries(res.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.hnte_count).toMatchObject({ letter: { value: 4735 }, platform: { value: held }, difference: held - 4735, period: '2024' });
    expect(byId.new_hnte.letter.value).toBe(2453);
    expect(byId.new_hnte.platform.value).toBe(firstIn('hnte'));
    expect(byId.new_hnte.platform.byYear.reduce((s: number, y: { value: number }) => s + y.value, 0)).toBe(firstIn('hnte'));
    expect(byId.new_little_giants).toMatchObject({ letter: { value: 134 }, platform: { value: firstIn('little_giant') } });
    expect(held).toBeGreaterThan(0);
    expect(byId.hnte_count.explanation.zh).toContain('合成演示数据');
    expect(byId.hnte_count.explanation.en).not.toMatch(/[\u4e00-\u9fff]/);
    // A district officer's counts are its district's.
    const officer = await t.as('district_officer', { district: 'huli' });
    const mine = (await officer.get('/api/cultivation/letter')).json();
    expect(mine.district).toBe('huli');
    expect(mine.registry.organisations).toBeLessThan(res.registry.organisations);
  });

  it('a date a run left half evaluated (the process died) is not the current evaluation until a run completes it', async () => {
    const admin = await t.as('bureau_admin');
    await evaluateOrgs(t.ctx, '2026-06-01');
    const before = (await admin.get('/api/cultivation/funnel')).json();
    const n = before.evaluated as number;
    expect(n).toBeGreaterThanOrEqual(400);
    // What a run killed after its first chunks leaves: some organisations stored for a later date, no completed run.
    const some = (await orgBundles(t.ctx, { limit: 150 })).map((b) => b.id);
    await evaluateOrgs(t.ctx, '2027-09-01', { ids: some });
    expect((await admin.get('/api/cultivation/funnel?asOf=2027-09-01')).json().evaluated).toBe(150);
    const current = (await admin.get('/api/cultivation/funnel')).json();
    expect(current).toMatchObject({ asOf: before.asOf, evaluated: n });
    // Re-running the date completes it, and it becomes current.
    await evaluateOrgs(t.ctx, '2027-09-01');
    expect((await admin.get('/api/cultivation/funnel')).json()).toMatchObject({ asOf: '2027-09-01', evaluated: n });
    const runs = (await t.database.db.execute(sql`select as_of::text as as_of, organisations from evaluation_runs order by as_of`)) as unknown as { rows: unknown[] };
    expect(runs.rows).toEqual(expect.arrayContaining([{ as_of: '2027-09-01', organisations: n }]));
  });
});

describe('funnel and breakdown answers kept in memory', () => {
  /** Another app node on the same PostgreSQL database; on PGlite, statements outside our services on the one handle. */
  async function otherNode(): Promise<{ db: Database['db']; close(): Promise<void> }> {
    if (!t.database.url) return { db: t.database.db, close: async () => {} };
    return openDatabase({ databaseUrl: t.database.url });
  }
  const q = { asOf: '2026-06-01' };
  type Funnel = { evaluated: number; tiers: { ruleset: string; pass: number; manualReview: number }[] };
  const hnte = (f: Funnel) => f.tiers.find((x) => x.ruleset === 'hnte')!;

  it('are reused until a statement on a table they read commits, on any node, and a rolled-back one changes nothing', async () => {
    await evaluateOrgs(t.ctx, '2026-06-01');
    const admin = await t.as('bureau_admin');
    const node2 = await otherNode();
    try {
      const first: Funnel = (await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json();
      expect(await funnel(t.ctx, q)).toBe(await funnel(t.ctx, q));
      // A write the generation triggers do not see (as a replication apply would make): the answer is
      // the one in memory, so it must not change. Without the cache the aggregate would count it.
      await node2.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update assessments set verdict = 'manual_review' where as_of = '2026-06-01' and ruleset = 'hnte'`);
      });
      expect((await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json()).toEqual(first);

      // A rolled-back edit leaves the answer (and the very value in memory) as it was.
      const kept = await funnel(t.ctx, q);
      await node2.db.transaction(async (tx) => {
        await tx.execute(sql`update assessments set verdict = 'pass' where as_of = '2026-06-01' and ruleset = 'tech_sme'`);
        tx.rollback();
      }).catch(() => {});
      expect(await funnel(t.ctx, q)).toBe(kept);

      // Any committed statement on assessments moves the generation on: now both changes count.
      await node2.db.execute(sql`update assessments set computed_at = computed_at where false`);
      const second: Funnel = (await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json();
      expect(hnte(second).manualReview).toBe(second.evaluated);
      expect(hnte(first).manualReview).toBeLessThan(first.evaluated);
      expect((await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json()).toEqual(second);

      // A full evaluation (another transaction) restores the stored verdicts, and the answer with them.
      await evaluateOrgs({ ...t.ctx, db: node2.db as never }, '2026-06-01');
      expect((await admin.get('/api/cultivation/funnel?asOf=2026-06-01')).json()).toEqual(first);

      // An organisation moving district changes the breakdown by district at once.
      const byDistrict = async () => (await admin.get('/api/cultivation/breakdown?by=district&asOf=2026-06-01')).json().groups
        .map((g: { key: string; evaluated: number }) => [g.key, g.evaluated]);
      const before = Object.fromEntries(await byDistrict());
      expect(await breakdown(t.ctx, { by: 'district', ...q })).toBe(await breakdown(t.ctx, { by: 'district', ...q }));
      const [{ id }] = (await node2.db.execute(sql`select id from orgs where district = 'siming' order by id limit 1`) as unknown as { rows: { id: string }[] }).rows;
      await node2.db.execute(sql`update orgs set district = 'huli' where id = ${id}`);
      const after = Object.fromEntries(await byDistrict());
      expect([after.siming, after.huli]).toEqual([before.siming - 1, before.huli + 1]);
      await node2.db.execute(sql`update orgs set district = 'siming' where id = ${id}`);
    } finally {
      await node2.close();
    }
  });

  it('are kept per scope: a district officer never gets the bureau-wide or another district\'s answer', async () => {
    const admin = await t.as('bureau_admin');
    const siming = await t.as('district_officer', { district: 'siming' });
    const huli = await t.as('district_officer', { district: 'huli' });
    const get = async (c: typeof admin, path: string) => (await c.get(path)).json();
    // The bureau-wide answers are in memory first; the same queries from the districts must not get them.
    const all = await get(admin, '/api/cultivation/funnel?asOf=2026-06-01');
    const allByDistrict = await get(admin, '/api/cultivation/breakdown?by=district&asOf=2026-06-01');
    const mine = await get(siming, '/api/cultivation/funnel?asOf=2026-06-01');
    const theirs = await get(huli, '/api/cultivation/funnel?asOf=2026-06-01');
    expect(mine.evaluated).toBe((await get(admin, '/api/cultivation/funnel?asOf=2026-06-01&district=siming')).evaluated);
    expect(theirs.evaluated).toBe((await get(admin, '/api/cultivation/funnel?asOf=2026-06-01&district=huli')).evaluated);
    expect(mine.evaluated).toBeLessThan(all.evaluated);
    expect(theirs.evaluated).not.toBe(mine.evaluated);
    const mineByDistrict = await get(siming, '/api/cultivation/breakdown?by=district&asOf=2026-06-01');
    expect(mineByDistrict.groups.map((g: { key: string }) => g.key)).toEqual(['siming']);
    expect(allByDistrict.groups.length).toBeGreaterThan(1);
    // Asking for another district yields nothing rather than the cached bureau answer for it.
    expect((await get(siming, '/api/cultivation/funnel?asOf=2026-06-01&district=huli')).evaluated).toBe(0);
  });
});

describe('stored results', () => {

  it('replay to exactly what the engine said when they were evaluated, and still do after the facts changed', async () => {
    const asOf = '2024-09-30';
    await evaluateOrgs(t.ctx, asOf);
    const rulesets = await currentRulesets(t.ctx);
    const bundles = await orgBundles(t.ctx, { limit: 1000 });
    const evaluated = new Map(bundles.flatMap((b) => evaluateAll(factsDocOf(b), asOf, undefined, rulesets).map((r) => [`${b.id}/${r.ruleset}`, explained(r)] as const)));
    const rows = await stored(asOf);
    expect(rows.length).toBe(evaluated.size);
    // A row names its facts snapshot and keeps no result: the result is the replay.
    expect(rows.every((r) => r.facts !== null && r.result === null)).toBe(true);
    const replayed = await explainStored(t.ctx, rows);
    rows.forEach((r, i) => expect(replayed[i], `${r.orgId}/${r.ruleset}`).toEqual(evaluated.get(`${r.orgId}/${r.ruleset}`)));

    // The facts change (the edit re-evaluates the current date only): the stored date still replays to what was evaluated then.
    const org = bundles.find((b) => b.years.some((y) => y.fiscalYear === 2023))!;
    const admin = await t.as('bureau_admin');
    expect((await admin.patch(`/api/orgs/${org.uscc}/facts/2023`, { stStaff: 0, employees: 100, revenue: 1 })).statusCode).toBe(200);
    const [changed] = await orgBundles(t.ctx, { ids: [org.id], limit: 1 });
    const now = evaluateAll(factsDocOf(changed), asOf, undefined, rulesets).map((r) => explained(r));
    const mine = await stored(asOf, org.id);
    const again = await explainStored(t.ctx, mine);
    expect(again).toEqual(mine.map((r) => evaluated.get(`${org.id}/${r.ruleset}`)));
    expect(again).not.toEqual(now);
  });

  it('snapshot, as its text, exactly the facts document the registry gives the engine', async () => {
    const bundles = await orgBundles(t.ctx, { limit: 1000 });
    const texts = await orgDocTexts(t.ctx, { limit: 1000 });
    expect(texts.map((d) => d.id)).toEqual(bundles.map((b) => b.id));
    texts.forEach((d, i) => expect(JSON.parse(d.doc), d.uscc).toEqual(factsDocOf(bundles[i])));
    expect(bundles.some((b) => b.years.length === 0 || b.qualifications.length === 0)).toBe(true);
  });

  it('name an organisation that exists, and go with it when it is deleted (migration 0028)', async () => {
    const insert = (orgId: string) => t.database.db.execute(sql`insert into assessments (org_id, ruleset, as_of, version, verdict, gap_count, blocker_count, open_count, effort, computed_at)
      values (${orgId}, 'tech_sme', '2024-09-30', 'x', 'fail', 0, 0, 0, 0, now())`);
    await expect(insert('00000000-0000-4000-8000-000000000001')).rejects.toMatchObject({ cause: { code: '23503' } });
    const [record] = generateOrgs({ count: 1, seed: 'deleted-later' });
    record.org.uscc = withCheckChar('91350200MA9999998');
    delete record.id;
    await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, [record], { kind: 'seed', ref: 'test' }));
    const [{ id }] = (await t.database.db.execute(sql`select id from orgs where uscc = ${record.org.uscc}`) as unknown as { rows: { id: string }[] }).rows;
    await evaluateOrgs(t.ctx, '2024-09-30', { ids: [id] });
    expect((await stored('2024-09-30', id)).length).toBe(6);
    await t.database.db.execute(sql`delete from orgs where id = ${id}`);
    expect(await stored('2024-09-30', id)).toEqual([]);
  });

  it('keep one facts snapshot per content: unchanged facts on another date add none', async () => {
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(factsSnapshots))[0].n;
    await evaluateOrgs(t.ctx, '2024-10-31');
    const before = await count();
    await evaluateOrgs(t.ctx, '2024-11-30');
    expect(await count()).toBe(before);
    const [a, b] = [await stored('2024-10-31'), await stored('2024-11-30')];
    expect(b.map((r) => r.facts)).toEqual(a.map((r) => r.facts));
    // Six rows per organisation name the same snapshot.
    expect(new Set(a.map((r) => r.facts)).size).toBeLessThanOrEqual(a.length / 6);
  });
});

describe('evaluation in worker threads', () => {
  it('stores the same rows as the event loop\'s thread', async () => {
    const columns = async (asOf: string) => (await t.database.db.execute(sql`select org_id, ruleset, version, verdict, held, score_min, score_max, gap_count, blocker_count, open_count, effort, result, facts
      from assessments where as_of = ${asOf} order by org_id, ruleset`) as unknown as { rows: unknown[] }).rows;
    const inline = await evaluateOrgs(t.ctx, '2024-12-31', { threads: 0 });
    const stored = await columns('2024-12-31');
    await t.database.db.execute(sql`delete from assessments where as_of = '2024-12-31'`);
    expect(await evaluateOrgs(t.ctx, '2024-12-31', { threads: 2 })).toEqual(inline);
    expect(await columns('2024-12-31')).toEqual(stored);
    expect(stored.length).toBe(inline.evaluations);
  });
});
