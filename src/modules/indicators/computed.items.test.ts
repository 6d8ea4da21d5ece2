// Computed indicators over carriers, chain maps, benefit items, funds, villages and enclaves, and
// their daily snapshots: each at hand-computed values through the real modules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { OrgCreateSchema } from '../registry/registry.schema.ts';
import { ensurePolicyLibrary } from '../policies/library.ts';
import { COMPUTED } from './computed.ts';
import { ensureLetterIndicators } from './indicators.service.ts';
import { queueSnapshotIfDue, recordSnapshots } from './indicators.snapshots.ts';
import { jobsIdle } from '../jobs/jobs.service.ts';

let t: TestApp;
let admin: Client;
const NOW = new Date('2026-06-15T08:00:00Z');
let clock = NOW;
const ids: Record<string, string> = {};
const usccs: Record<string, string> = {};

async function org(key: string, district: 'siming' | 'huli' | 'jimei', serial: string) {
  const uscc = withCheckChar(`91350200MA${serial}`);
  const o = await createOrg(t.ctx, OrgCreateSchema.parse({ uscc, name: `载体${key}科技有限公司`, kind: 'enterprise', district }));
  ids[key] = o.id;
  usccs[key] = uscc;
}

async function figure(id: string, as: Client = admin) {
  const res = await as.get(`/api/indicators/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  await ensureLetterIndicators(t.ctx);
  await ensurePolicyLibrary(t.ctx);
  admin = await t.as('bureau_admin');
  await org('甲', 'siming', '3000001');
  await org('乙', 'huli', '3000002');
  await org('丙', 'jimei', '3000003');
});
afterAll(async () => {
  await jobsIdle();
  await t.close();
});

describe('carriers beside the letter', () => {
  it('count carriers of a kind established by the day, by host, and compare with 411 / 3', async () => {
    const carrier = async (key: string, kind: string, level: string, establishedOn: string) => {
      const res = await admin.post('/api/carriers', { kind, name: `${key}${kind}`, level, hostUscc: usccs[key], establishedOn });
      expect(res.statusCode, res.body).toBe(201);
    };
    await carrier('甲', 'enterprise_rd_center', 'city', '2026-01-01');
    await carrier('乙', 'enterprise_rd_center', 'provincial', '2026-07-01'); // not yet established
    await carrier('丙', 'innovation_lab', 'provincial', '2020-05-01');
    await carrier('甲', 'innovation_lab', 'city', '2020-05-01'); // a city lab is not a provincial one
    const rd = (await figure('platform_enterprise_rd_centers')).indicator;
    expect(rd.current).toMatchObject({ period: '2026-06-15', value: 1 });
    // The reported figure is as of 2025-05-20: the centre of 2026-01-01 did not exist then.
    expect(rd.comparison).toMatchObject({ reported: 411, reportedPeriod: '2025-05-20', computed: 0, difference: -411 });
    const rows = (await admin.get('/api/indicators/platform_enterprise_rd_centers/rows')).json();
    expect(rows).toMatchObject({ rowKind: 'orgs', total: 1 });
    expect(rows.items[0]).toMatchObject({ uscc: usccs['甲'], district: 'siming' });
    expect(rows.items[0].detail).toContain('市级');
    const labs = (await figure('platform_provincial_innovation_labs')).indicator;
    expect(labs.current.value).toBe(1);
    expect(labs.comparison).toMatchObject({ reported: 3, computed: 1 });
    const byDistrict = (await admin.get('/api/indicators/platform_provincial_innovation_labs/by-district')).json();
    expect(byDistrict.values.find((d: { district: string }) => d.district === 'jimei').value).toBe(1);
  });
});

describe('chain completeness', () => {
  it('is the chain analysis\'s share of links with a confirmed organisation, per map and pooled', async () => {
    expect((await admin.post('/api/chains', { id: 'cc_chain', zh: '完整度链', en: 'Completeness chain' })).statusCode).toBe(201);
    const links = [];
    for (const [stage, zh] of [['upstream', '材料'], ['midstream', '器件'], ['downstream', '整机']]) {
      links.push((await admin.post('/api/chains/cc_chain/links', { stage, zh })).json());
    }
    for (const [link, key] of [[links[0], '甲'], [links[1], '乙']] as const) {
      expect((await admin.post(`/api/chains/cc_chain/links/${link.id}/orgs`, { uscc: usccs[key] })).statusCode).toBe(200);
    }
    // A suggestion on the third link does not make it present: the figure counts confirmed ones.
    await t.ctx.db.execute(sql`insert into chain_link_orgs (id, chain_id, link_id, org_id, role, status, confidence, evidence, source, created_at)
      values (gen_random_uuid(), 'cc_chain', ${links[2].id}, ${ids['丙']}, 'supporting', 'suggested', 50, '[]'::jsonb, 'auto', now())`);

    const byChain = (await admin.get('/api/indicators/platform_chain_completeness/by-chain')).json();
    const mine = byChain.values.find((c: { chainId: string }) => c.chainId === 'cc_chain');
    expect(mine.value).toBe(66.7); // 2 of 3 links
    const rows = (await admin.get('/api/indicators/platform_chain_completeness/rows?chain=cc_chain')).json();
    expect(rows).toMatchObject({ rowKind: 'items', total: 1 });
    expect(rows.items[0]).toMatchObject({ uscc: 'cc_chain', value: 66.7, href: '/chains/cc_chain' });
    expect(rows.items[0].detail).toContain('缺 1');

    // Pooled over every map: links present over all links (not the mean of the maps' shares).
    const all = (await admin.get('/api/indicators/platform_chain_completeness/rows?pageSize=200')).json();
    const parse = (d: string) => { const m = /^(\d+) 个环节：强 (\d+)、弱 (\d+)、缺 (\d+)/.exec(d)!; return { links: Number(m[1]), missing: Number(m[4]) }; };
    const totals = all.items.map((i: { detail: string }) => parse(i.detail)).reduce((a: { links: number; missing: number }, b: { links: number; missing: number }) => ({ links: a.links + b.links, missing: a.missing + b.missing }), { links: 0, missing: 0 });
    const indicator = (await figure('platform_chain_completeness')).indicator;
    expect(indicator.current.value).toBe(Math.round(((totals.links - totals.missing) / totals.links) * 1000) / 10);
    expect(indicator).toMatchObject({ rowKind: 'items', dimensions: ['chain'], currentOnly: true });

    // A district officer sees the maps through their district's organisations only: 乙 is in Huli.
    const siming = await t.as('district_officer', { district: 'siming' });
    const s = (await siming.get('/api/indicators/platform_chain_completeness/by-chain')).json();
    expect(s.values.find((c: { chainId: string }) => c.chainId === 'cc_chain').value).toBe(33.3);

    const past = await admin.get('/api/indicators/platform_chain_completeness/by-chain?period=2026-01-01');
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('indicator.period_not_kept');
    const noDistricts = await admin.get('/api/indicators/platform_chain_completeness/by-district');
    expect(noDistricts.json().code).toBe('indicator.no_dimension');
  });
});

describe('policies', () => {
  it('count published benefit items and the organisations granted in approved batches', async () => {
    const published = await t.ctx.db.execute(sql`select count(*)::int as n from benefits b
      where b.kind = 'national' or exists (select 1 from benefit_versions v where v.benefit_code = b.code and v.status = 'published')`);
    const expected = (published as unknown as { rows: { n: number }[] }).rows[0].n;
    expect(expected).toBeGreaterThan(0);
    const b = (await figure('platform_benefits_published')).indicator;
    expect(b.current.value).toBe(expected);
    const drafts = await t.ctx.db.execute(sql`select count(*)::int as n from benefits`);
    // The library loads Xiamen items as drafts: they must not count.
    expect((drafts as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThan(expected);

    const batch = async (status: string, asOf: string, code: string) => {
      const rows = await t.ctx.db.execute(sql`insert into grant_batches (benefit_code, benefit_version, as_of, fiscal_year, status, organisations, total, total_before_budget, changes, created_by)
        values (${code}, '1', ${asOf}::date, 2025, ${status}, 2, 0, 0, '{}'::jsonb, 'test') returning id`);
      return (rows as unknown as { rows: { id: string }[] }).rows[0].id;
    };
    const grant = (batchId: string, key: string, change: string, amount: number) => t.ctx.db.execute(sql`insert into grants (batch_id, org_id, change, amount, amount_before_budget, explanation, snapshot)
      values (${batchId}, ${ids[key]}, ${change}, ${amount}, ${amount}, '{}'::jsonb, '{}'::jsonb)`);
    const one = await batch('approved', '2025-03-31', 'xm_rd_increase_subsidy');
    await grant(one, '甲', 'new', 100);
    await grant(one, '丙', 'dropped', 0);
    const two = await batch('approved', '2025-09-30', 'xm_rd_increase_subsidy');
    await grant(two, '甲', 'same', 100); // 甲 twice: one organisation
    await grant(two, '乙', 'new', 100);
    const pending = await batch('pending', '2025-10-31', 'xm_rd_increase_subsidy');
    await grant(pending, '丙', 'new', 100);
    const g = (await figure('platform_orgs_granted')).indicator;
    expect(g.current).toMatchObject({ period: '2025', value: 2 });
    const rows = (await admin.get('/api/indicators/platform_orgs_granted/rows')).json();
    expect(rows.items.map((r: { uscc: string }) => r.uscc).sort()).toEqual([usccs['甲'], usccs['乙']].sort());
  });
});

describe('funds and villages', () => {
  it('sum fund balances at a day, and count and sum village collective projects beside the letter\'s 100', async () => {
    const fund = (await admin.post('/api/funds', { code: 'IX-F1', name: '指标测试资金', kind: 'special', sourceLevel: 'city', purpose: '测试' })).json();
    expect((await admin.post(`/api/funds/${fund.id}/appropriations`, { amountFen: 10_000_000_00, contributor: '市财政' })).statusCode).toBe(201);
    const recipient = (await admin.post('/api/funds/recipients', { kind: 'project', ref: 'IX-P-1', name: '指标测试项目', orgUscc: usccs['甲'] })).json();
    const allocation = (await admin.post(`/api/funds/${fund.id}/allocations`, { recipientId: recipient.id, amountFen: 3_000_000_00, use: 'rd_project' })).json();
    const req = await admin.post(`/api/funds/allocations/${allocation.id}/disbursements`, { amountFen: 1_000_000_00, reference: 'IX-PAY-1' });
    expect(req.statusCode, req.body).toBe(201);
    const checker = await t.as('bureau_admin');
    expect((await checker.post(`/api/funds/disbursements/${req.json().id}/approve`, {})).statusCode).toBe(200);

    const v = (await admin.post('/api/funds/villages', { code: 'IX-JM-1', name: '指标一村', district: 'jimei' })).json();
    const p = await admin.post('/api/funds/collective-projects', { villageId: v.id, ref: 'IX-VC-1', name: '指标集体项目', investmentFen: 10_000_000, operator: '指标一村股份经济合作社' });
    expect(p.statusCode, p.body).toBe(201);
    const vf = (await admin.post('/api/funds', { code: 'IX-VC-FUND', name: '指标村集体资金', kind: 'village_collective', sourceLevel: 'city', purpose: '测试', rules: { recipientKinds: ['collective_project'] } })).json();
    await admin.post(`/api/funds/${vf.id}/appropriations`, { amountFen: 5_000_000, contributor: '市财政' });
    expect((await admin.post(`/api/funds/${vf.id}/allocations`, { recipientId: p.json().id, amountFen: 1_000_000, use: 'collective_project' })).statusCode).toBe(201);

    // 1000 万 in, 100 万 paid: 900 万 left; the village fund 5 万 in, nothing paid.
    const bal = (await figure('platform_fund_balance')).indicator;
    expect(bal.current).toMatchObject({ period: '2026-06-15', value: 905 });
    // The day before, nothing had been appropriated: no fund has a balance.
    expect((await admin.get('/api/indicators/platform_fund_balance/rows?period=2026-06-14')).json().total).toBe(0);
    expect((await admin.get('/api/indicators/platform_fund_balance/by-district')).json().code).toBe('indicator.no_dimension');
    const fundRows = (await admin.get('/api/indicators/platform_fund_balance/rows')).json();
    expect(fundRows.items[0]).toMatchObject({ uscc: 'IX-F1', value: 900, href: `/funds/${fund.id}` });

    const projects = (await figure('platform_collective_projects')).indicator;
    expect(projects.current.value).toBe(1);
    expect(projects.comparison).toMatchObject({ reported: 100, computed: 1, difference: -99 });
    expect(projects.comparison.explanation.zh).toContain('平台截至 2026-06-15，来函 2025-05-20');
    const byDistrict = (await admin.get('/api/indicators/platform_collective_projects/by-district')).json().values;
    expect(byDistrict.find((d: { district: string }) => d.district === 'jimei').value).toBe(1);
    expect(byDistrict.find((d: { district: string }) => d.district === 'siming').value).toBe(0);
    expect((await figure('platform_village_support')).indicator.current.value).toBe(1); // 1 万元
  });
});

describe('enclave projects landed', () => {
  it('count landed projects by the day, per landing organisation, beside the letter\'s 50', async () => {
    const res = await t.ctx.db.execute(sql`insert into market_enclaves (name, location, synthetic, created_at) values ('指标飞地', '上海', false, now()) returning id`);
    const enclave = (res as unknown as { rows: { id: string }[] }).rows[0].id;
    const project = (name: string, key: string | null, landedOn: string | null) => t.ctx.db.execute(sql`insert into market_enclave_projects (enclave_id, name, field, stage, landed_org_id, landed_on, created_at)
      values (${enclave}, ${name}, 'ic', ${landedOn ? 'landed' : 'incubating'}, ${key ? ids[key] : null}, ${landedOn}::date, now())`);
    await project('一号', '甲', '2026-01-01');
    await project('二号', '甲', '2026-02-01');
    await project('三号', '乙', '2026-07-01'); // lands after today
    await project('四号', null, null);
    const i = (await figure('platform_enclave_projects_landed')).indicator;
    expect(i.current.value).toBe(2);
    expect(i.comparison).toMatchObject({ reported: 50 });
    expect((await admin.get('/api/indicators/platform_enclave_projects_landed/rows')).json().total).toBe(1);
    // A cockpit page asks for its own indicators only.
    const page = (await admin.get('/api/indicators?ids=platform_enclave_projects_landed,tech_projects_landed')).json();
    expect(page.map((x: { id: string }) => x.id).sort()).toEqual(['platform_enclave_projects_landed', 'tech_projects_landed']);
    expect((await admin.get('/api/indicators?ids=Bad;id')).statusCode).toBe(400);
  });
});

describe('daily snapshots', () => {
  it('record every computed figure once a day per scope, and give each indicator its history', async () => {
    const first = await recordSnapshots(t.ctx);
    expect(first.failed).toEqual([]);
    // Every figure for the city and six districts, but the tiers met: no evaluation has run, so they have no period.
    const withPeriod = COMPUTED.filter((d) => !d.id.startsWith('platform_meets_')).length;
    expect(first.recorded).toBe(withPeriod * 7);
    const again = await recordSnapshots(t.ctx);
    expect(again).toMatchObject({ recorded: 0, existing: withPeriod * 7 });
    expect(await queueSnapshotIfDue(t.ctx)).toBeNull(); // today's exist: nothing queued

    // The next day, one more R&D centre (乙's, established on 2026-07-01, becomes current).
    clock = new Date('2026-07-02T08:00:00Z');
    const jobId = await queueSnapshotIfDue(t.ctx);
    expect(jobId).not.toBeNull();
    await jobsIdle();
    // Sessions have expired over the fortnight: log in again.
    const later = await t.as('bureau_admin');
    const job = (await later.get(`/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ kind: 'indicator_snapshots', status: 'succeeded' });

    const d = await figure('platform_enterprise_rd_centers', later);
    expect(d.snapshots.map((s: { day: string; value: number }) => [s.day, s.value])).toEqual([['2026-06-15', 1], ['2026-07-02', 2]]);
    // A district officer gets their district's history: Siming holds 甲's centre only.
    const siming = await t.as('district_officer', { district: 'siming' });
    expect((await figure('platform_enterprise_rd_centers', siming)).snapshots.map((s: { value: number }) => s.value)).toEqual([1, 1]);
    const huli = await t.as('district_officer', { district: 'huli' });
    expect((await figure('platform_enterprise_rd_centers', huli)).snapshots.map((s: { value: number }) => s.value)).toEqual([0, 1]);
    // A figure the modules keep no history of has one through its snapshots.
    expect((await figure('platform_chain_completeness', later)).snapshots).toHaveLength(2);
    clock = NOW;
  });
});
