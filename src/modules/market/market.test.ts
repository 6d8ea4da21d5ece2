import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { chainLinks } from '../chains/chains.schema.ts';
import { installChainReference } from '../chains/chains.service.ts';
import { createOrg } from '../registry/registry.service.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const org = (suffix: string, name: string, kind: 'enterprise' | 'university' = 'enterprise', district: 'siming' | 'xiangan' = 'siming') =>
  createOrg(t.ctx, { uscc: withCheckChar(`91350203MA8${suffix}`), name, kind, district, formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
let uni: { id: string; uscc: string };
let ent: { id: string; uscc: string };
let far: { id: string; uscc: string };
let linkA: string;
let linkB: string;
let otherChainLink: string;

const achievement = (over: Record<string, unknown> = {}) => ({
  orgUscc: uni.uscc, title: '高安全磷酸铁锂储能电池热失控预警技术', abstract: '基于多传感器融合的储能电池热失控早期预警与消防联动方案，已在示范电站运行。',
  field: 'new_energy', chainLinkId: linkA, trl: 7, ipKind: 'invention_patent', ipRefs: ['ZL202310000001.X'], transferModes: ['licence'], priceMinFen: 300_0000_00, priceMaxFen: 500_0000_00, ...over,
});
const demand = (over: Record<string, unknown> = {}) => ({
  problem: '储能电站电池热失控预警', goals: '需要成熟的储能电池热失控预警技术，可在一年内落地示范项目。', field: 'new_energy', chainLinkId: linkA, trlMin: 6, budgetFen: 400_0000_00, deadline: '2027-06-30', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  await installChainReference(t.ctx);
  uni = await org('UN0001', '（示例）厦门某大学', 'university');
  ent = await org('EN0001', '（示例）厦门某储能科技有限公司');
  far = await org('FA0001', '（示例）翔安某材料有限公司', 'enterprise', 'xiangan');
  const links = await t.ctx.db.select().from(chainLinks);
  const byChain = new Map<string, string[]>();
  for (const l of links) byChain.set(l.chainId, [...(byChain.get(l.chainId) ?? []), l.id]);
  const [first, second] = [...byChain.values()];
  [linkA, linkB] = first;
  otherChainLink = second[0];
});
afterAll(() => t.close());

describe('marketplace listings', () => {
  it('refuses a TRL outside 1–9 with a stable code, and accepts both ends', async () => {
    const admin = await t.as('bureau_admin');
    for (const trl of [0, 10, -1]) {
      const res = await admin.post('/api/market/achievements', achievement({ trl }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('market.trl_out_of_range');
      const d = await admin.post('/api/market/demands', { ...demand({ trlMin: trl }), orgUscc: ent.uscc });
      expect(d.json().code).toBe('market.trl_out_of_range');
    }
    const half = await admin.post('/api/market/achievements', achievement({ trl: 6.5 }));
    expect(half.json().code).toBe('market.trl_out_of_range');
    expect((await admin.post('/api/market/achievements', achievement({ trl: 1, title: '（示例）TRL 下限成果' }))).statusCode).toBe(201);
    expect((await admin.post('/api/market/achievements', achievement({ trl: 9, title: '（示例）TRL 上限成果' }))).statusCode).toBe(201);
  });

  it('refuses a price range upside down and a chain link that does not exist', async () => {
    const admin = await t.as('bureau_admin');
    expect((await admin.post('/api/market/achievements', achievement({ priceMinFen: 10, priceMaxFen: 5 }))).json().code).toBe('market.price_range');
    expect((await admin.post('/api/market/achievements', achievement({ chainLinkId: '00000000-0000-4000-8000-00000000dead' }))).json().code).toBe('chain.link_not_found');
    expect((await admin.post('/api/market/achievements', achievement({ orgUscc: undefined }))).json().code).toBe('market.org_required');
  });

  it('keeps organisation users and district officers to their own organisations', async () => {
    const own = await t.as('org_user', { orgId: ent.id });
    expect((await own.post('/api/market/demands', { ...demand(), orgUscc: far.uscc })).json().code).toBe('auth.forbidden');
    const officer = await t.as('district_officer', { district: 'siming' });
    expect((await officer.post('/api/market/demands', { ...demand(), orgUscc: far.uscc })).json().code).toBe('org.out_of_scope');
  });

  it('lists and searches public listings without login, in Chinese', async () => {
    const admin = await t.as('bureau_admin');
    await admin.post('/api/market/achievements', achievement());
    await admin.post('/api/market/achievements', achievement({ title: '（示例）创新药缓释制剂工艺', abstract: '口服缓释制剂的新工艺', field: 'biomedicine', chainLinkId: otherChainLink, trl: 4 }));
    const anon = await t.client();
    const all = await anon.get('/api/market/achievements');
    expect(all.statusCode).toBe(200);
    const hit = await anon.get(`/api/market/achievements?q=${encodeURIComponent('热失控预警')}`);
    expect(hit.json().items.map((i: { title: string }) => i.title)).toContain('高安全磷酸铁锂储能电池热失控预警技术');
    expect(hit.json().items.every((i: { title: string }) => !i.title.includes('创新药'))).toBe(true);
    const bio = await anon.get('/api/market/achievements?field=biomedicine');
    expect(bio.json().items).toHaveLength(1);
    const one = await anon.get(`/api/market/achievements/${bio.json().items[0].id}`);
    expect(one.json().org.name).toBe('（示例）厦门某大学');
  });
});

describe('matching', () => {
  it('an enterprise posts a demand and sees achievements ranked with each factor explained', async () => {
    const own = await t.as('org_user', { orgId: ent.id });
    const d = await own.post('/api/market/demands', demand());
    expect(d.statusCode).toBe(201);
    const m = await own.get(`/api/market/demands/${d.json().id}/matches`);
    expect(m.statusCode).toBe(200);
    const [best] = m.json().items;
    expect(best.title).toBe('高安全磷酸铁锂储能电池热失控预警技术');
    const factors = Object.fromEntries(best.factors.map((f: { factor: string }) => [f.factor, f]));
    expect(factors.field.fit).toBe(1);
    expect(factors.chain.fit).toBe(1);
    expect(factors.trl.fit).toBe(1);
    expect(factors.budget.fit).toBe(1);
    expect(factors.text.detail.zh).toContain('失控');
    expect(factors.text.detail.zh).not.toContain('的、');
    const sum = best.factors.reduce((s: number, f: { points: number }) => s + f.points, 0);
    expect(Math.abs(sum - best.score)).toBeLessThan(0.2);
    // The unrelated achievement ranks lower.
    const bio = m.json().items.find((i: { title: string }) => i.title.includes('创新药'));
    if (bio) expect(bio.score).toBeLessThan(best.score);
    // Another organisation's user cannot see these matches.
    const other = await t.as('org_user', { orgId: far.id });
    expect((await other.get(`/api/market/demands/${d.json().id}/matches`)).json().code).toBe('market.demand_not_found');
  });

  it('matches the other way: demands for an achievement', async () => {
    const admin = await t.as('bureau_admin');
    const a = await admin.post('/api/market/achievements', achievement({ title: '储能电池热失控预警系统（第二代）' }));
    const m = await admin.get(`/api/market/achievements/${a.json().id}/matches`);
    expect(m.json().items[0].title).toBe('储能电站电池热失控预警');
  });

  it('answers an ad-hoc public match query', async () => {
    const anon = await t.client();
    const r = await anon.get(`/api/market/match?text=${encodeURIComponent('储能电池预警')}&trl=5`);
    expect(r.statusCode).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    expect(r.json().weights).toEqual({ text: 40, field: 15, chain: 20, trl: 15, budget: 10 });
    expect((await anon.get('/api/market/match?trl=12')).json().code).toBe('market.trl_out_of_range');
  });

  it('a saved search raises a "new match" notice for a new listing that scores above its mark, not for others', async () => {
    const own = await t.as('org_user', { orgId: ent.id });
    const s = await own.post('/api/market/searches', { target: 'achievement', name: '储能预警', query: { text: '储能 热失控', field: 'new_energy', trl: 5 }, minScore: 50 });
    expect(s.statusCode).toBe(201);
    const admin = await t.as('bureau_admin');
    await admin.post('/api/market/achievements', achievement({ title: '储能系统热失控抑制材料', abstract: '', chainLinkId: linkB }));
    await admin.post('/api/market/achievements', achievement({ title: '（示例）中药饮片质控', abstract: '', field: 'biomedicine', chainLinkId: null, trl: 2 }));
    const n = await own.get('/api/market/notices');
    expect(n.json().unread).toBe(1);
    expect(n.json().items[0].title).toBe('储能系统热失控抑制材料');
    expect((await own.post(`/api/market/notices/${n.json().items[0].id}/read`)).statusCode).toBe(200);
    expect((await own.get('/api/market/notices')).json().unread).toBe(0);
    expect((await own.post('/api/market/searches', { target: 'achievement', name: 'x', query: { trl: 0 } })).json().code).toBe('market.trl_out_of_range');
  });

  it('brokers keep follow-up notes; closed listings leave the market', async () => {
    const admin = await t.as('bureau_admin');
    const a = await admin.post('/api/market/achievements', achievement({ title: '（示例）待关闭成果' }));
    const note = await admin.post(`/api/market/achievements/${a.json().id}/follow-ups`, { note: '已联系成果方，约定下周洽谈。', nextStep: '组织对接会' });
    expect(note.statusCode).toBe(201);
    expect((await admin.get(`/api/market/achievements/${a.json().id}/follow-ups`)).json()).toHaveLength(1);
    await admin.post(`/api/market/achievements/${a.json().id}/close`);
    const list = await (await t.client()).get(`/api/market/achievements?q=${encodeURIComponent('待关闭成果')}`);
    expect(list.json().total).toBe(0);
  });
});

describe('editing one\'s own listing', () => {
  it('the owner edits its open listing: re-indexed, checked again, audited; others and closed listings are refused', async () => {
    const own = await t.as('org_user', { orgId: ent.id });
    const d = (await own.post('/api/market/demands', demand({ problem: '（示例）待修改需求', goals: '' }))).json();
    const watcher = await t.as('org_user', { orgId: uni.id });
    await watcher.post('/api/market/searches', { target: 'demand', name: '钠离子', query: { text: '钠离子 正极材料' }, minScore: 50 });
    expect((await watcher.get('/api/market/notices')).json().items.filter((n: { listingId: string }) => n.listingId === d.id)).toHaveLength(0);

    const edited = await own.patch(`/api/market/demands/${d.id}`, { problem: '（示例）钠离子电池正极材料量产', goals: '正极材料', budgetFen: null });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ problem: '（示例）钠离子电池正极材料量产', budgetFen: null, trlMin: 6, field: 'new_energy' });
    const anon = await t.client();
    expect((await anon.get(`/api/market/demands?q=${encodeURIComponent('钠离子')}`)).json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    expect((await anon.get(`/api/market/demands?q=${encodeURIComponent('待修改需求')}`)).json().total).toBe(0);
    // The edit now matches the standing search: one notice, not two after a second edit.
    await own.patch(`/api/market/demands/${d.id}`, { goals: '正极材料 量产' });
    expect((await watcher.get('/api/market/notices')).json().items.filter((n: { listingId: string }) => n.listingId === d.id)).toHaveLength(1);

    expect((await own.patch(`/api/market/demands/${d.id}`, { trlMin: 10 })).json().code).toBe('market.trl_out_of_range');
    expect((await own.patch(`/api/market/demands/${d.id}`, { chainLinkId: '00000000-0000-4000-8000-00000000dead' })).json().code).toBe('chain.link_not_found');
    expect((await own.patch(`/api/market/demands/${d.id}`, { orgUscc: far.uscc })).json().code).toBe('request.validation');
    const stranger = await t.as('org_user', { orgId: far.id });
    expect((await stranger.patch(`/api/market/demands/${d.id}`, { goals: 'x' })).json().code).toBe('market.demand_not_found');
    expect((await (await t.as('district_officer', { district: 'xiangan' })).patch(`/api/market/demands/${d.id}`, { goals: 'x' })).json().code).toBe('market.demand_not_found');
    expect((await anon.get(`/api/market/demands/${d.id}`)).json().goals).toBe('正极材料 量产');

    const audit = (await (await t.as('bureau_admin')).get(`/api/audit?entityType=demand&entityId=${d.id}`)).json();
    expect(audit.items.some((i: { action: string }) => i.action === 'market.demand.update')).toBe(true);

    await own.post(`/api/market/demands/${d.id}/close`);
    const closed = await own.patch(`/api/market/demands/${d.id}`, { goals: 'y' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('market.listing_closed');
  });

  it('an achievement\'s price follows its lower end, and an upside-down range is refused with nothing changed', async () => {
    const admin = await t.as('bureau_admin');
    const a = (await admin.post('/api/market/achievements', achievement({ title: '（示例）可修改成果' }))).json();
    const priced = await admin.patch(`/api/market/achievements/${a.id}`, { priceMinFen: 100_0000_00 });
    expect(priced.json()).toMatchObject({ priceMinFen: 100_0000_00, priceMaxFen: 100_0000_00 });
    expect((await admin.patch(`/api/market/achievements/${a.id}`, { priceMinFen: 900_0000_00, priceMaxFen: 1 })).json().code).toBe('market.price_range');
    const negotiable = await admin.patch(`/api/market/achievements/${a.id}`, { priceMinFen: null, trl: 8, transferModes: ['transfer', 'equity'] });
    expect(negotiable.json()).toMatchObject({ priceMinFen: null, priceMaxFen: null, trl: 8, transferModes: ['transfer', 'equity'] });
    expect((await admin.patch(`/api/market/achievements/${a.id}`, { trl: 0 })).json().code).toBe('market.trl_out_of_range');
    expect((await (await t.client()).get(`/api/market/achievements/${a.id}`)).json().trl).toBe(8);
  });
});

describe('technology contracts', () => {
  it('refuses a party not in the registry, the same party twice and a duplicate number; counts by year', async () => {
    const admin = await t.as('bureau_admin');
    const base = { contractNo: '2025350203000101', type: 'licence', title: '（示例）储能预警技术许可', registeredValueFen: 350_0000_00, sellerUscc: uni.uscc, buyerUscc: ent.uscc, signedOn: '2025-03-01' };
    const ghost = withCheckChar('91350203MA8GH0001');
    const bad = await admin.post('/api/market/contracts', { ...base, buyerUscc: ghost });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('market.party_not_registered');
    expect(bad.json().detail).toContain(ghost);
    expect((await admin.post('/api/market/contracts', { ...base, sellerUscc: ghost })).json().code).toBe('market.party_not_registered');
    expect((await admin.post('/api/market/contracts', { ...base, buyerUscc: uni.uscc })).json().code).toBe('market.same_party');
    expect((await admin.post('/api/market/contracts', base)).statusCode).toBe(201);
    expect((await admin.post('/api/market/contracts', base)).json().code).toBe('market.contract_no_taken');
    await admin.post('/api/market/contracts', { ...base, contractNo: '2025350203000102', type: 'development', registeredValueFen: 100_0000_00, signedOn: '2025-12-31' });
    await admin.post('/api/market/contracts', { ...base, contractNo: '2026350203000001', type: 'service', registeredValueFen: 20_0000_00, signedOn: '2026-01-01' });
    const stats = await (await t.client()).get('/api/market/contracts/stats');
    expect(stats.json().years).toEqual([
      { year: 2025, count: 2, valueFen: 450_0000_00, syntheticCount: 0, byType: { development: { count: 1, valueFen: 100_0000_00 }, licence: { count: 1, valueFen: 350_0000_00 } } },
      { year: 2026, count: 1, valueFen: 20_0000_00, syntheticCount: 0, byType: { service: { count: 1, valueFen: 20_0000_00 } } },
    ]);
    const xiangan = await t.as('district_officer', { district: 'xiangan' });
    expect((await xiangan.get('/api/market/contracts')).json()).toHaveLength(0);
  });
});

describe('innovation enclaves', () => {
  it('records projects by stage; a landed project needs a registered organisation and date', async () => {
    const admin = await t.as('bureau_admin');
    const e = await admin.post('/api/market/enclaves', { name: '（示例）上海创新飞地', location: '上海市' });
    expect(e.statusCode).toBe(201);
    expect((await admin.post('/api/market/enclaves', { name: '（示例）上海创新飞地', location: '上海市' })).json().code).toBe('market.enclave_name_taken');
    const p = await admin.post(`/api/market/enclaves/${e.json().id}/projects`, { name: '（示例）固态电池项目', field: 'new_energy', stage: 'negotiating', contestRef: 'contest-2025-017' });
    expect(p.statusCode).toBe(201);
    expect((await admin.post(`/api/market/enclaves/${e.json().id}/projects`, { name: 'x', field: 'new_energy', stage: 'landed' })).json().code).toBe('market.landed_needs_org');
    const landed = await admin.patch(`/api/market/enclave-projects/${p.json().id}`, { stage: 'landed', landedUscc: ent.uscc, landedOn: '2026-05-01' });
    expect(landed.json().stage).toBe('landed');
    const list = await (await t.client()).get('/api/market/enclaves');
    expect(list.json().landed).toBe(1);
    expect(list.json().letter).toMatchObject({ id: 'tech_projects_landed', value: 50 });
    expect(list.json().letter.source).toContain('厦科函〔2025〕84号');
  });
});

describe('contest entries (programmes module)', () => {
  it('links an enclave project to a submitted contest entry; the link shows on both sides, the entry itself only to those who may read it', async () => {
    const { callBody } = await import('../programmes/fixtures.ts');
    const admin = await t.as('bureau_admin');
    const now = Date.now();
    const window = { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() };
    const form = { fields: [{ key: 'summary', label: { zh: '项目简介', en: 'Summary' }, required: true, maxLength: 2000 }], budgetCategories: [{ key: 'prize', label: { zh: '奖金', en: 'Prize' } }], requiredAttachments: [] };
    const contest = (await admin.post('/api/programmes', { code: 'SUSONG-T', kind: 'contest', name: '苏颂杯（测试）' })).json();
    const call = (await admin.post('/api/programmes/calls', callBody(contest.id, 'SUSONG-T-R1', { ...window, cofundingRatioBp: 0, eligibility: '', form }))).json();
    expect((await admin.post(`/api/programmes/calls/${call.id}/publish`)).statusCode).toBe(200);
    const other = (await admin.post('/api/programmes', { code: 'MAJOR-T', kind: 'major_research', name: '重大技术攻关（测试）' })).json();
    const majorCall = (await admin.post('/api/programmes/calls', callBody(other.id, 'MAJOR-T-1', { ...window, cofundingRatioBp: 0, eligibility: '', form }))).json();
    await admin.post(`/api/programmes/calls/${majorCall.id}/publish`);

    const own = await t.as('org_user', { orgId: ent.id });
    const entry = (await own.post('/api/programmes/applications', { callId: call.id, title: '（测试）固态电池初创团队', keywords: ['电池'] })).json();
    const notContest = (await own.post('/api/programmes/applications', { callId: majorCall.id, title: '（测试）非大赛申报', keywords: [] })).json();
    const e = (await admin.post('/api/market/enclaves', { name: '（示例）杭州创新飞地', location: '杭州市' })).json();
    const project = { name: '（示例）固态电池项目', field: 'new_energy', stage: 'incubating' };

    // A draft is not yet an entry; an application to another kind of call never is; an unknown id is refused.
    expect((await admin.post(`/api/market/enclaves/${e.id}/projects`, { ...project, contestApplicationId: entry.id })).json().code).toBe('market.not_a_contest_entry');
    expect((await admin.post(`/api/market/enclaves/${e.id}/projects`, { ...project, contestApplicationId: notContest.id })).json().code).toBe('market.not_a_contest_entry');
    expect((await admin.post(`/api/market/enclaves/${e.id}/projects`, { ...project, contestApplicationId: '00000000-0000-4000-8000-00000000dead' })).json().code).toBe('market.contest_entry_not_found');
    await own.patch(`/api/programmes/applications/${entry.id}`, { answers: { summary: '固态电解质中试。' }, budget: [{ category: 'prize', requestedFen: 10_0000_00, selfFen: 0 }] });
    expect((await own.post(`/api/programmes/applications/${entry.id}/submit`)).statusCode).toBe(200);

    expect((await admin.get('/api/market/contest-entries')).json().map((x: { id: string }) => x.id)).toEqual([entry.id]);
    const p = await admin.post(`/api/market/enclaves/${e.id}/projects`, { ...project, contestApplicationId: entry.id });
    expect(p.statusCode).toBe(201);

    // Market side: everyone sees the contest round; staff also the entry.
    const publicView = (await (await t.client()).get('/api/market/enclaves')).json().items.find((x: { id: string }) => x.id === e.id).projects[0];
    expect(publicView.contestEntry).toEqual({ callId: call.id, callCode: 'SUSONG-T-R1', callTitle: call.title });
    const staffView = (await admin.get('/api/market/enclaves')).json().items.find((x: { id: string }) => x.id === e.id).projects[0];
    expect(staffView.contestEntry).toMatchObject({ applicationId: entry.id, title: '（测试）固态电池初创团队', status: 'submitted' });

    // Programmes side: the applicant sees where its entry went; another organisation is refused.
    const mine = await own.get(`/api/market/contest-entries/${entry.id}/enclave-projects`);
    expect(mine.json()).toMatchObject([{ id: p.json().id, name: '（示例）固态电池项目', stage: 'incubating', enclave: { name: '（示例）杭州创新飞地' } }]);
    const stranger = await t.as('org_user', { orgId: far.id });
    expect((await stranger.get(`/api/market/contest-entries/${entry.id}/enclave-projects`)).statusCode).toBe(404);

    // Unlinking (null) keeps the rest; a landed project keeps its organisation when only the link changes.
    await admin.patch(`/api/market/enclave-projects/${p.json().id}`, { stage: 'landed', landedUscc: ent.uscc, landedOn: '2026-05-01' });
    const unlinked = await admin.patch(`/api/market/enclave-projects/${p.json().id}`, { contestApplicationId: null });
    expect(unlinked.json()).toMatchObject({ stage: 'landed', landedOrgId: ent.id, contestApplicationId: null });
    expect((await own.get(`/api/market/contest-entries/${entry.id}/enclave-projects`)).json()).toEqual([]);
  });
});

describe('audit', () => {
  it('audits every marketplace mutation', async () => {
    const admin = await t.as('bureau_admin');
    const before = (await admin.get('/api/audit?entityType=achievement')).json();
    await admin.post('/api/market/achievements', achievement({ title: '（示例）审计成果' }));
    const after = (await admin.get('/api/audit?entityType=achievement')).json();
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.items[after.items.length > 1 ? 1 : 0].action === 'market.achievement.create' || after.items[0].action === 'market.achievement.create').toBe(true);
  });
});

void eq;

describe('demo seed', () => {
  it('seeds a small synthetic set once, fast, every name labelled', async () => {
    const { seedDemo } = await import('../../seed/demo.ts');
    const { seedMarketDemo } = await import('./market.seed.ts');
    const s = await createTestApp({ env: { SEED_DEMO: 'false' } });
    try {
      await installChainReference(s.ctx);
      await seedDemo(s.ctx, { count: 300 });
      const started = Date.now();
      const summary = await seedMarketDemo(s.ctx);
      expect(summary).toContain('40 achievements');
      console.log(`market demo seed: ${Date.now() - started} ms`);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await seedMarketDemo(s.ctx)).toBeNull();
      const anon = await s.client();
      const list = (await anon.get('/api/market/achievements?pageSize=100')).json();
      expect(list.total).toBe(40);
      expect(list.items.every((i: { title: string; synthetic: boolean }) => i.title.includes('示例') && i.synthetic)).toBe(true);
      expect((await anon.get('/api/carriers')).json().every((c: { name: string }) => c.name.includes('示例'))).toBe(true);
    } finally {
      await s.close();
    }
  }, 120_000);
});
