// The in-memory organisation list must answer exactly what SQL answers: same totals, items,
// scores and order, for searches, filters, sorts, pages and every actor's scope; and it
// must see every committed write, whoever made it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import type { Ctx } from '../../server/context.ts';
import { openDatabase } from '../../server/db.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { bulkUpsertOrgs } from './registry.bulk.ts';
import { readModelFor, startOrgReadModel } from './registry.readmodel.ts';
import { OrgListQuerySchema, orgFacts, orgs } from './registry.schema.ts';
import { addQualification, createOrg, listOrgs, listOrgsSql, patchFacts, updateOrg } from './registry.service.ts';
import { indexTokens, queryTokens } from '../../lib/segment.ts';

let t: TestApp;
const base = { formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };
const records = generateOrgs({ count: 300, seed: 'readmodel' });

function model() {
  const m = readModelFor(t.database.db);
  if (!m) throw new Error('no read model');
  return m;
}

const tokensOf = (text: string) => queryTokens(text).map((x) => x.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);

/** What the model answers (null: it declined) next to what SQL answers. */
async function both(ctx: Ctx, query: Record<string, string>) {
  const q = OrgListQuerySchema.parse(query);
  expect(await model().whenCurrent()).toBe(true);
  const fromMemory = await model().list(ctx, q, q.q ? tokensOf(q.q) : []);
  const fromSql = await listOrgsSql(ctx, q);
  return { fromMemory, fromSql };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T08:00:00Z') });
  await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, records, { kind: 'seed', ref: 'test' }));
  // Edge cases: names equal but for the USCC, astral characters, no facts, no registration date.
  await createOrg(t.ctx, { ...base, uscc: withCheckChar('91350200MA2XW9001'), name: '厦门钨业股份有限公司', formerNames: ['厦门钨品厂'], kind: 'enterprise', district: 'siming', industryCode: '3240', keywords: ['硬质合金'], mainProducts: ['钨钼制品', '锂离子电池正极材料'] });
  await createOrg(t.ctx, { ...base, uscc: withCheckChar('91350200MA2XW9002'), name: '厦门钨业股份有限公司', kind: 'enterprise', district: 'huli', registeredOn: '2001-01-01' });
  await createOrg(t.ctx, { ...base, uscc: withCheckChar('91350200MA2XW9003'), name: '𠀀𠀁科技有限公司', kind: 'enterprise', district: 'jimei', keywords: ['储能 储能 储能电池'] });
  await createOrg(t.ctx, { ...base, uscc: withCheckChar('91350200MA2XW9004'), name: '\uFF21Ｂ储能科技有限公司', kind: 'institute', district: 'jimei' });
});
afterAll(() => t.close());

const SEARCHES = ['储能', '锂离子电池', '创新药', '软件', '人工智能', '医疗器械', '集成电路', '新材料', '精密', '厦门', '科技有限公司', '生物', '检测', '智能制造', '储能电池', '体外诊断', '钨业', '厦门钨品厂', '储能 储能电池 科技'];
const LISTS: Record<string, string>[] = [
  {}, { sort: 'name', order: 'desc' }, { district: 'huli', sort: 'revenue', order: 'desc' }, { kind: 'enterprise', revenueMin: '2000000000', sort: 'employees' },
  { qualification: 'hnte', district: 'siming' }, { industry: '38', staffMin: '50', staffMax: '300' }, { industry: 'C' }, { industry: 'Z9' }, { industry: 'x' },
  { district: 'jimei', page: '2', pageSize: '7' }, { revenueMin: '50000000', revenueMax: '200000000', sort: 'name' }, { sort: 'registeredOn' },
  { sort: 'registeredOn', order: 'desc', page: '3' }, { sort: 'updatedAt', order: 'desc' }, { sort: 'revenue', order: 'asc', pageSize: '200' },
  { year: '2024', sort: 'revenue' }, { year: '2023', staffMin: '10' }, { year: '2019' }, { synthetic: 'false' }, { synthetic: 'true', sort: 'employees', order: 'asc', page: '4' },
  { page: '99' }, { qualification: 'srdi_sme' },
];

describe('the in-memory organisation list', () => {
  it('gives the same searches as SQL: matches, ts_rank scores and order', async () => {
    for (const q of [...SEARCHES, records[5].org.uscc, records[7].org.name]) {
      for (const extra of [{}, { sort: 'name' }, { district: 'siming' }, { pageSize: '200' }, { sort: 'revenue', page: '2', pageSize: '5' }] as Record<string, string>[]) {
        const { fromMemory, fromSql } = await both(t.ctx, { q, ...extra });
        if (fromSql.total === 0) continue;
        expect(fromMemory, `${q} ${JSON.stringify(extra)}`).toEqual(fromSql);
      }
    }
    const { fromMemory, fromSql } = await both(t.ctx, { q: '储能' });
    expect(fromSql.total).toBeGreaterThan(3);
    expect(fromMemory).toEqual(fromSql);
  });

  it('gives the same filtered, sorted pages as SQL', async () => {
    for (const query of LISTS) {
      const { fromMemory, fromSql } = await both(t.ctx, query);
      expect(fromMemory, JSON.stringify(query)).toEqual(fromSql);
    }
  });

  it('keeps each actor to its scope, as SQL does', async () => {
    const someOrg = records[3];
    const [row] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.uscc, someOrg.org.uscc));
    const actors: Ctx[] = [
      { ...t.ctx, system: false, actor: { userId: 'u1', username: 'd', role: 'district_officer', district: 'jimei', orgId: null } },
      { ...t.ctx, system: false, actor: { userId: 'u2', username: 'o', role: 'org_user', district: null, orgId: row.id } },
      { ...t.ctx, system: false, actor: { userId: 'u3', username: 'r', role: 'reviewer' as never, district: null, orgId: null } },
      { ...t.ctx, system: false, actor: null },
    ];
    for (const ctx of actors) {
      for (const query of [{}, { q: '科技' }, { sort: 'revenue' }] as Record<string, string>[]) {
        const { fromMemory, fromSql } = await both(ctx, query);
        // No exact match in scope: the model leaves the near-match search to SQL.
        if (fromMemory === null && 'q' in query) expect(await listOrgs(ctx, OrgListQuerySchema.parse(query))).toEqual(fromSql);
        else expect(fromMemory, `${ctx.actor?.role} ${JSON.stringify(query)}`).toEqual(fromSql);
      }
    }
  });

  it('leaves near matches (a typo) to the trigram search in SQL', async () => {
    const { fromMemory, fromSql } = await both(t.ctx, { q: '厦门钨叶' });
    expect(fromMemory).toBeNull();
    expect(fromSql.items[0]?.name).toBe('厦门钨业股份有限公司');
    expect((await listOrgs(t.ctx, OrgListQuerySchema.parse({ q: '厦门钨叶' }))).items[0]?.name).toBe('厦门钨业股份有限公司');
  });

  it('keeps a near-match answer only until the data changes', async () => {
    const list = () => listOrgs(t.ctx, OrgListQuerySchema.parse({ q: '鹭江钨叶' }));
    const before = (await list()).items.map((i) => i.name);
    expect(before).not.toContain('鹭江钨业材料有限公司');
    const uscc = withCheckChar('91350200MA2XW9030');
    await createOrg(t.ctx, { ...base, uscc, name: '鹭江钨业材料有限公司', kind: 'enterprise', district: 'haicang' });
    expect((await list()).items[0]?.name).toBe('鹭江钨业材料有限公司');
    // Written around the service: the triggers still tell the model, and the kept answer goes.
    await t.database.db.delete(orgs).where(eq(orgs.uscc, uscc));
    expect((await list()).items.map((i) => i.name)).toEqual(before);
  });

  it('sees every committed write at once: service edits, facts, qualifications and plain SQL', async () => {
    const uscc = withCheckChar('91350200MA2XW9010');
    const list = (query: Record<string, string>) => listOrgs(t.ctx, OrgListQuerySchema.parse(query));
    await createOrg(t.ctx, { ...base, uscc, name: '鹭岛量子测控科技有限公司', kind: 'enterprise', district: 'xiangan' });
    expect((await list({ q: '量子测控' })).items.map((i) => i.uscc)).toEqual([uscc]);
    await updateOrg(t.ctx, uscc, { name: '鹭岛光量子测控科技有限公司', mainProducts: ['单光子探测器'] });
    expect((await list({ q: '单光子' })).items.map((i) => i.name)).toEqual(['鹭岛光量子测控科技有限公司']);
    await patchFacts(t.ctx, uscc, 2025, { revenue: 987_654_321_000, employees: 77 });
    expect((await list({ district: 'xiangan', sort: 'revenue', order: 'desc' })).items[0]).toMatchObject({ uscc, revenue: 987_654_321_000, employees: 77, fiscalYear: 2025 });
    await addQualification(t.ctx, uscc, { kind: 'little_giant', expiresOn: '2027-12-31' });
    expect((await list({ qualification: 'little_giant', district: 'xiangan' })).items.map((i) => i.uscc)).toContain(uscc);
    // Written around the service (another module, psql): the triggers still tell the model.
    await t.database.db.update(orgs).set({ keywords: ['太赫兹'], searchText: indexTokens('鹭岛光量子测控科技有限公司', '单光子探测器', '太赫兹') }).where(eq(orgs.uscc, uscc));
    expect((await list({ q: '太赫兹' })).items.map((i) => i.uscc)).toEqual([uscc]);
    await t.database.db.delete(orgFacts).where(sql`${orgFacts.orgId} = (select id from orgs where uscc = ${uscc})`);
    expect((await list({ q: '太赫兹' })).items[0]).toMatchObject({ uscc, revenue: null, fiscalYear: null });
    // A bulk write (> 100 organisations) rebuilds the whole model; SQL answers meanwhile, then memory again.
    await t.database.db.update(orgs).set({ listed: true });
    const during = await list({ sort: 'name' });
    expect(await model().whenCurrent()).toBe(true);
    const { fromMemory, fromSql } = await both(t.ctx, { sort: 'name' });
    expect(fromMemory).toEqual(fromSql);
    expect(during).toEqual(fromSql);
  });

  it('drops replaced entries once they pile up, and still answers as SQL', async () => {
    // Each update of under 100 organisations reloads them: the old entries stay in the postings
    // until more than 1,000 are dead, then the index is compacted and the entries renumbered.
    const some = records.slice(0, 90).map((r) => r.org.uscc);
    for (let round = 0; round < 13; round++) {
      await t.database.db.update(orgs).set({ listed: round % 2 === 0 }).where(sql`${orgs.uscc} in ${some}`);
      expect(await model().whenCurrent()).toBe(true);
    }
    const index = (model() as unknown as { index: { dead: number; slots: unknown[]; byId: Map<string, unknown> } }).index;
    expect(index.dead).toBeLessThan(1_000); // compacted: 1,170 entries were replaced
    expect(index.slots.length).toBe(index.byId.size + index.dead);
    for (const q of ['储能', '科技有限公司', records[5].org.uscc]) {
      const { fromMemory, fromSql } = await both(t.ctx, { q, pageSize: '200' });
      expect(fromMemory, q).toEqual(fromSql);
    }
    const { fromMemory, fromSql } = await both(t.ctx, { sort: 'revenue', order: 'desc', pageSize: '200' });
    expect(fromMemory).toEqual(fromSql);
  });

  it('another node on the same database sees this node\'s writes before answering', async () => {
    const other = t.database.url ? await openDatabase({ databaseUrl: t.database.url }) : null;
    if (!other) return; // PGlite is one process: the node is the database's only client.
    const stop = await startOrgReadModel(other, t.app.log);
    try {
      const otherCtx: Ctx = { ...t.ctx, db: other.db };
      const uscc = withCheckChar('91350200MA2XW9020');
      await createOrg(t.ctx, { ...base, uscc, name: '同安远端节点科技有限公司', kind: 'enterprise', district: 'tongan' });
      // Straight after the commit, from memory (not the SQL fallback).
      const q = OrgListQuerySchema.parse({ q: uscc });
      const seen = await readModelFor(other.db)!.list(otherCtx, q, tokensOf(q.q!));
      expect(seen?.items.map((i) => i.uscc)).toEqual([uscc]);
      await updateOrg(t.ctx, uscc, { district: 'xiangan' });
      const moved = await readModelFor(other.db)!.list(otherCtx, OrgListQuerySchema.parse({ q: uscc, district: 'xiangan' }), tokensOf(uscc));
      expect(moved?.items[0]).toMatchObject({ uscc, district: 'xiangan' });
    } finally {
      await stop();
      await other.close();
    }
  });
});
