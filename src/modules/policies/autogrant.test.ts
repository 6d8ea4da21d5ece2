import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from '../../lib/exceljs.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { bulkUpsertOrgs } from '../registry/registry.bulk.ts';
import { withCheckChar } from '../../lib/uscc.ts';
import { factsDocOf, keysOf, orgBundleChunks, orgBundles } from '../registry/registry.service.ts';
import { alertQualified } from './autogrant.service.ts';
import { ensurePolicyLibrary } from './library.ts';
import { NATIONAL_FACTS, rdSuperDeduction } from './national.ts';

let t: TestApp;
let maker: Awaited<ReturnType<TestApp['as']>>;
let checker: Awaited<ReturnType<TestApp['as']>>;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-15T08:00:00Z') });
  await ensurePolicyLibrary(t.ctx);
  await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, generateOrgs({ count: 300, seed: 'autogrant' }), { kind: 'seed', ref: 'test' }));
  maker = await t.as('bureau_admin');
  checker = await t.as('bureau_admin');
});
afterAll(() => t.close());

describe('auto-grant (免申即享)', () => {
  let batchId: string;

  it('reads a national benefit\'s facts projected: the same values, years and qualifications as the full read', async () => {
    const full = await orgBundles(t.ctx, { limit: 1000 });
    const only = { years: [2024, 2025], keys: [...NATIONAL_FACTS, 'rdSubLedger'] as const, keysOfYear: { 2024: ['rdExpense', 'employees'] as const }, qualifications: ['hnte', 'srdi_sme'] };
    const projected: typeof full = [];
    for await (const chunk of orgBundleChunks(t.ctx, 70, only)) projected.push(...chunk);
    // A projected read comes in no particular order.
    projected.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(projected.map((b) => b.id)).toEqual(full.map((b) => b.id));

    for (const [i, b] of full.entries()) {
      expect(projected[i]).toEqual({
        ...b,
        qualifications: b.qualifications.filter((q) => only.qualifications.includes(q.kind)),
        years: b.years.filter((y) => only.years.includes(y.fiscalYear))
          .map((y) => Object.fromEntries(Object.entries(y).filter(([k]) => k === 'fiscalYear' || (keysOf(only, y.fiscalYear) as string[]).includes(k)))),
      });
    }
    expect(projected.filter((b) => b.qualifications.length > 0).length).toBeGreaterThan(30);
    expect(projected.filter((b) => b.years.length === 2).length).toBeGreaterThan(100);
    // A district officer's projection holds its district's organisations only, as the full read does.
    const officer = { ...t.ctx, system: false, actor: { userId: 'x', username: 'officer', role: 'district_officer' as const, district: 'huli' as const, orgId: null } };
    const mine = await orgBundles(officer, { limit: 1000, only });
    expect(mine.map((b) => b.id)).toEqual((await orgBundles(officer, { limit: 1000 })).map((b) => b.id));
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((b) => b.district === 'huli')).toBe(true);
  });

  let expected: Map<string, number>;

  it('lists every eligible organisation with the amount the rules give', async () => {
    const res = await maker.post('/api/auto-grants', { benefit: 'rd_super_deduction', asOf: '2026-06-01' });
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    batchId = batch.id;
    expect(batch).toMatchObject({ status: 'pending', fiscalYear: 2025, benefitVersion: 'national', evaluated: 300, createdBy: maker.username, changes: { dropped: 0, changed: 0, same: 0 } });
    // The same organisations and amounts as the national rule applied directly.
    const bundles = await orgBundles(t.ctx, { limit: 1000 });
    expected = new Map(bundles.map((b) => [b.uscc, rdSuperDeduction(factsDocOf(b), 2025)]).filter(([, o]) => typeof o !== 'string' && (o as { verdict: string; amount: number | null }).verdict === 'eligible' && ((o as { amount: number | null }).amount ?? 0) > 0).map(([u, o]) => [u as string, (o as { amount: number }).amount]));
    expect(batch.organisations).toBe(expected.size);
    expect(batch.changes.added).toBe(expected.size);
    expect(batch.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    const page = (await maker.get(`/api/auto-grants/${batchId}?pageSize=200`)).json();
    expect(page.total).toBe(expected.size);
    for (const item of page.items) expect(item.amount).toBe(expected.get(item.uscc));
    expect(page.items[0].explanation.formula.zh).toContain('加计扣除额');
    // No text is stored: each explanation is rebuilt from the grant's snapshot, the same as the rule gives over all facts.
    const full = new Map(bundles.map((b) => [b.uscc, rdSuperDeduction(factsDocOf(b), 2025)]));
    for (const item of page.items) {
      const { reasons, formula, figures, citations } = full.get(item.uscc)!;
      expect(item.explanation).toEqual({ reasons, formula, figures, citations });
    }
    const [{ stored }] = await rows<{ stored: number }>(sql`select count(explanation)::int as stored from grants where batch_id = ${batchId}`);
    expect(stored).toBe(0);
    const [snap] = await rows<{ snapshot: { fiscalYear: number } }>(sql`select snapshot from grants where batch_id = ${batchId} limit 1`);
    expect(snap.snapshot.fiscalYear).toBe(2025);
  });

  it('refuses approval by the person who ran it; a second person approves and every organisation gets a notice', async () => {
    const self = await maker.post(`/api/auto-grants/${batchId}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('grant.self_approval');
    expect((await rows<{ status: string }>(sql`select status from grant_batches where id = ${batchId}`))[0].status).toBe('pending');
    const ok = await checker.post(`/api/auto-grants/${batchId}/approve`);
    expect(ok.json()).toMatchObject({ status: 'approved', approvedBy: checker.username });
    expect((await checker.post(`/api/auto-grants/${batchId}/approve`)).json().code).toBe('grant.not_pending');
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from org_notices where kind = 'grant' and dedupe_key like ${`%${batchId}`}`);
    expect(n).toBe(expected.size);
    const [first] = [...expected.keys()];
    const [org] = await rows<{ id: string }>(sql`select id from orgs where uscc = ${first}`);
    const user = await t.as('org_user', { orgId: org.id });
    const inbox = (await user.get('/api/notices')).json();
    expect(inbox.find((x: { kind: string }) => x.kind === 'grant').body.zh).toContain('无需申报');
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${batchId} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['grant.batch_run', 'grant.batch_approve']);
  });

  it('a re-run is idempotent and names what changed since the approved batch, and why', async () => {
    const again = (await maker.post('/api/auto-grants', { benefit: 'rd_super_deduction', asOf: '2026-06-01' })).json();
    expect(again).toMatchObject({ organisations: expected.size, total: [...expected.values()].reduce((a, b) => a + b, 0), previousId: batchId, changes: { added: 0, dropped: 0, changed: 0, same: expected.size } });
    // Raise one organisation's R&D: its amount changes; zero another's: it drops out.
    const [a, b] = [...expected.keys()];
    await maker.patch(`/api/orgs/${a}/facts/2025`, { rdExpensed: 123_456_789_00, taxableIncome: 999_999_999_00 });
    await maker.patch(`/api/orgs/${b}/facts/2025`, { rdExpensed: 0, rdAmortisation: 0 });
    const third = (await maker.post('/api/auto-grants', { benefit: 'rd_super_deduction', asOf: '2026-06-01' })).json();
    expect(third.changes).toMatchObject({ changed: 1, dropped: 1, same: expected.size - 2 });
    // The earlier pending re-run was replaced, not kept beside it.
    expect((await maker.get('/api/auto-grants?benefit=rd_super_deduction')).json().filter((x: { status: string }) => x.status === 'pending')).toHaveLength(1);
    const changed = (await maker.get(`/api/auto-grants/${third.id}?change=changed`)).json().items[0];
    expect(changed).toMatchObject({ uscc: a, previousAmount: expected.get(a) });
    const dropped = (await maker.get(`/api/auto-grants/${third.id}?change=dropped`)).json().items[0];
    expect(dropped).toMatchObject({ uscc: b, amount: 0, previousAmount: expected.get(b) });
    expect(dropped.explanation.formula.en).toContain('No longer eligible');
  });

  it('keeps a grant to an organisation that exists, and deletes it with the organisation (migration 0028)', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const insert = (orgId: string) => t.database.db.execute(sql`insert into grants (batch_id, org_id, change, amount, amount_before_budget, snapshot) values (${batchId}, ${orgId}, 'new', 1, 1, '{}')`);
    await expect(insert(missing)).rejects.toMatchObject({ cause: { code: '23503' } });
    // An update to an organisation that does not exist fails the same way.
    const [some] = await rows<{ org_id: string }>(sql`select org_id from grants where batch_id = ${batchId} limit 1`);
    await expect(t.database.db.execute(sql`update grants set org_id = ${missing} where batch_id = ${batchId} and org_id = ${some.org_id}`)).rejects.toMatchObject({ cause: { code: '23503' } });
    // An organisation with nothing else attached, granted, then deleted: its grant goes with it.
    const [record] = generateOrgs({ count: 1, seed: 'deleted-later' });
    // A code and id of its own (the generator's first organisation is in every test database).
    record.org.uscc = withCheckChar('91350200MA9999999');
    delete record.id;
    await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, [record], { kind: 'seed', ref: 'test' }));
    const [{ id }] = await rows<{ id: string }>(sql`select id from orgs where uscc = ${record.org.uscc}`);
    await insert(id);
    expect(await rows(sql`select 1 from grants where org_id = ${id}`)).toHaveLength(1);
    await t.database.db.execute(sql`delete from orgs where id = ${id}`);
    expect(await rows(sql`select 1 from grants where org_id = ${id}`)).toHaveLength(0);
  });

  it('exports the batch to Excel', async () => {
    const res = await maker.get(`/api/auto-grants/${batchId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码 USCC');
    expect(ws.rowCount).toBe(2 + expected.size);
  });

  it('pro-rates an authored benefit to its budget', async () => {
    await maker.patch('/api/policies/xm-rd-investment-draft-2025', { status: 'published' });
    expect((await maker.post('/api/benefits/xm_rd_increase_subsidy/versions/1/publish')).statusCode).toBe(200);
    const batch = (await maker.post('/api/auto-grants', { benefit: 'xm_rd_increase_subsidy', asOf: '2026-06-01' })).json();
    expect(batch).toMatchObject({ benefitVersion: 'v1', budget: 100_000_000_00 });
    expect(batch.organisations).toBeGreaterThan(0);
    expect(batch.total).toBeLessThanOrEqual(Math.min(batch.budget, batch.totalBeforeBudget));
    const items = (await maker.get(`/api/auto-grants/${batch.id}?pageSize=200`)).json().items;
    for (const i of items) expect(i.amount).toBeLessThanOrEqual(i.amountBeforeBudget);
    // The explanation rebuilt from the grant's snapshot is the calculator's, over all of the organisation's facts.
    for (const i of items.slice(0, 5)) {
      const calc = (await maker.get(`/api/orgs/${i.uscc}/benefits?year=2025&asOf=2026-06-01`)).json();
      const b = calc.benefits.find((x: { code: string }) => x.code === 'xm_rd_increase_subsidy');
      expect(b.amount).toBe(i.amountBeforeBudget);
      expect(i.explanation.formula).toEqual(b.formula);
      expect(i.explanation.reasons).toEqual(b.reasons);
    }
    if (batch.totalBeforeBudget > batch.budget) expect(batch.total).toBeGreaterThan(batch.budget - batch.organisations);
  });
});

describe('"you now qualify" alerts', () => {
  it('alerted once per benefit version and year when the benefit was published; repeats add nothing; opt-outs are respected', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from org_notices where kind = 'qualify' and topic = 'subsidy'`);
    expect(before[0].n).toBeGreaterThan(0);
    expect(await alertQualified(t.ctx, 'all')).toBe(0);
    // An organisation alerted for a subsidy and for a tax benefit.
    const [target] = await rows<{ org_id: string }>(sql`select org_id from org_notices where kind = 'qualify' group by org_id
      having count(*) filter (where topic = 'subsidy') > 0 and count(*) filter (where topic = 'tax') > 0 order by org_id limit 1`);
    const user = await t.as('org_user', { orgId: target.org_id });
    expect((await user.request({ method: 'PUT', url: '/api/notices/opt-outs', payload: { topics: ['subsidy'] } })).json()).toEqual({ topics: ['subsidy'] });
    await t.database.db.execute(sql`delete from org_notices where org_id = ${target.org_id}`);
    await alertQualified(t.ctx, [target.org_id]);
    const mine = (await user.get('/api/notices')).json();
    expect(mine.filter((n: { topic: string }) => n.topic === 'subsidy')).toEqual([]);
    expect(mine.length).toBeGreaterThan(0); // tax alerts still come
    const id = mine[0].id;
    expect((await user.post(`/api/notices/${id}/read`)).json()).toEqual({ id, read: true });
  });
});

describe('totals', () => {
  it('sums the computed tax relief by year, district, industry and tier beside the letter\'s 350亿元', async () => {
    const res = (await maker.get('/api/benefits/totals?from=2023&to=2025')).json();
    expect(res.years).toEqual([2023, 2024, 2025]);
    expect(res.organisations).toBe(300);
    const byYear = res.byYear.reduce((s: number, y: { rd_super_deduction: number; hnte_rate: number }) => s + y.rd_super_deduction + y.hnte_rate, 0);
    expect(byYear).toBe(res.total);
    expect(res.byDistrict.reduce((s: number, d: { amount: number }) => s + d.amount, 0)).toBe(res.total);
    expect(res.reported).toMatchObject({ amount: 350 * 100_000_000 * 100, source: '厦科函〔2025〕84号（2025-05-20）' });
    expect(res.coverage).toBeCloseTo(res.total / res.reported.amount, 10);
  });
});
