// Computed indicators over the policy, funds and chain-map modules: each counted at its edges
// (period bounds, batch status, reversal, confirmed vs suggested), through the real modules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { OrgCreateSchema } from '../registry/registry.schema.ts';
import { ensurePolicyLibrary } from '../policies/library.ts';
import { ensureLetterIndicators } from './indicators.service.ts';

let t: TestApp;
let admin: Client;
// 2026-06-15: "last year" is 2025.
const NOW = new Date('2026-06-15T08:00:00Z');
let clock = NOW;
const ids: Record<string, string> = {};
const usccs: Record<string, string> = {};

async function org(key: string, district: 'siming' | 'huli', serial: string) {
  const uscc = withCheckChar(`91350200MA${serial}`);
  const o = await createOrg(t.ctx, OrgCreateSchema.parse({ uscc, name: `口径${key}科技有限公司`, kind: 'enterprise', district }));
  ids[key] = o.id;
  usccs[key] = uscc;
  return uscc;
}

async function figure(id: string) {
  const res = await admin.get(`/api/indicators/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().indicator;
}

/** The figure for another period: the sum of its district split. */
async function figureFor(id: string, period: string) {
  const res = await admin.get(`/api/indicators/${id}/by-district?period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return Math.round((res.json().values as { value: number }[]).reduce((a, d) => a + d.value, 0) * 1e6) / 1e6;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  await ensureLetterIndicators(t.ctx);
  await ensurePolicyLibrary(t.ctx);
  admin = await t.as('bureau_admin');
  await org('甲', 'siming', '2000001');
  await org('乙', 'huli', '2000002');
  await org('丙', 'huli', '2000003');
});
afterAll(() => t.close());

describe('auto-grant amounts', () => {
  beforeAll(async () => {
    // Batches arranged directly: the approval flow itself is tested in the policies module.
    const batch = async (status: string, asOf: string) => {
      const rows = await t.ctx.db.execute(sql`insert into grant_batches (benefit_code, benefit_version, as_of, fiscal_year, status, organisations, total, total_before_budget, changes, created_by)
        values ('xm_rd_increase_subsidy', '1', ${asOf}::date, ${Number(asOf.slice(0, 4))}, ${status}, 2, 0, 0, '{}'::jsonb, 'test') returning id`);
      return ((rows as unknown as { rows?: { id: string }[] }).rows ?? (rows as unknown as { id: string }[]))[0].id;
    };
    const grant = (batchId: string, key: string, change: string, amount: number) => t.ctx.db.execute(sql`insert into grants (batch_id, org_id, change, amount, amount_before_budget, explanation, snapshot)
      values (${batchId}, ${ids[key]}, ${change}, ${amount}, ${amount}, '{}'::jsonb, '{}'::jsonb)`);
    const approved = await batch('approved', '2025-12-31');
    await grant(approved, '甲', 'new', 30_000_000_00); // 3000 万元
    await grant(approved, '乙', 'new', 20_000_000_00); // 2000 万元
    await grant(approved, '丙', 'dropped', 0); // dropped: not a member
    const superseded = await batch('superseded', '2025-06-30');
    await grant(superseded, '丙', 'new', 999_000_00);
    const pending = await batch('pending', '2025-07-01');
    await grant(pending, '丙', 'new', 999_000_00);
    const nextYear = await batch('approved', '2026-01-01');
    await grant(nextYear, '丙', 'new', 90_000_000_00);
  });

  it('sum only approved, current batches dated in the year, beside the letter\'s 350亿', async () => {
    const i = await figure('platform_autogrant_amount');
    expect(i.current).toMatchObject({ period: '2025', value: 0.5 }); // 5000 万元 = 0.5 亿元
    expect(i.comparison).toMatchObject({ reported: 350 });
    const rows = (await admin.get('/api/indicators/platform_autogrant_amount/rows?period=2025')).json();
    expect(rows.total).toBe(2);
    expect(await figureFor('platform_autogrant_amount', '2026')).toBe(0.9);
  });
});

describe('programme money paid', () => {
  beforeAll(async () => {
    const checker = await t.as('bureau_admin');
    const fund = (await admin.post('/api/funds', { code: 'CI-F1', name: '口径测试资金', kind: 'special', sourceLevel: 'city', purpose: '测试' })).json();
    expect((await admin.post(`/api/funds/${fund.id}/appropriations`, { amountFen: 10_000_000_00, contributor: '市财政' })).statusCode).toBe(201);
    const pay = async (key: string | null, amountFen: number, valueDate: string, ref: string) => {
      const recipient = (await admin.post('/api/funds/recipients', { kind: 'project', ref: `CI-P-${ref}`, name: '口径测试项目', ...(key ? { orgUscc: usccs[key] } : {}) })).json();
      const allocation = (await admin.post(`/api/funds/${fund.id}/allocations`, { recipientId: recipient.id, amountFen, use: 'rd_project' })).json();
      const req = await admin.post(`/api/funds/allocations/${allocation.id}/disbursements`, { amountFen, reference: `CI-PAY-${ref}` });
      expect(req.statusCode, req.body).toBe(201);
      // The payment is booked on the day the checker approves it.
      clock = new Date(`${valueDate}T10:00:00+08:00`);
      const ok = await checker.post(`/api/funds/disbursements/${req.json().id}/approve`, {});
      clock = NOW;
      expect(ok.statusCode, ok.body).toBe(200);
      return ok.json();
    };
    await pay('甲', 100_000_00, '2025-12-31', '1'); // last day of the year: counted
    await pay('乙', 50_000_00, '2026-01-01', '2'); // next year
    await pay(null, 70_000_00, '2025-05-01', '3'); // not an organisation on file
    const reversed = await pay('丙', 30_000_00, '2025-03-01', '4');
    const rev = await admin.post(`/api/funds/entries/${reversed.entryId}/reversal`, { memo: '退回测试' });
    expect(rev.statusCode, rev.body).toBeLessThan(300);
  });

  it('sum posted, unreversed payments to organisations in the year, in 万元', async () => {
    const i = await figure('platform_disbursed');
    expect(i.current).toMatchObject({ period: '2025', value: 10 });
    expect(await figureFor('platform_disbursed', '2026')).toBe(5);
  });
});

describe('organisations on chain maps', () => {
  it('count confirmed attachments once, not suggestions', async () => {
    expect((await admin.post('/api/chains', { id: 'ci_chain', zh: '口径链', en: 'Count chain' })).statusCode).toBe(201);
    const a = (await admin.post('/api/chains/ci_chain/links', { stage: 'upstream', zh: '环节一' })).json();
    const b = (await admin.post('/api/chains/ci_chain/links', { stage: 'midstream', zh: '环节二' })).json();
    for (const [link, key] of [[a, '甲'], [b, '乙']] as const) {
      const res = await admin.post(`/api/chains/ci_chain/links/${link.id}/orgs`, { uscc: usccs[key] });
      expect(res.statusCode, res.body).toBe(200);
    }
    await t.ctx.db.execute(sql`insert into chain_link_orgs (id, chain_id, link_id, org_id, role, status, confidence, evidence, source, created_at)
      values (gen_random_uuid(), 'ci_chain', ${a.id}, ${ids['丙']}, 'supporting', 'suggested', 50, '[]'::jsonb, 'auto', now())`);
    const i = await figure('platform_chain_orgs');
    expect(i.current.value).toBe(2);
    const rows = (await admin.get(`/api/indicators/platform_chain_orgs/rows?period=${i.current.period}`)).json();
    expect(rows.items.map((r: { detail: string }) => r.detail)).toEqual(['口径链', '口径链']);
    // By chain: the figure over the organisations on each chain map.
    const byChain = (await admin.get('/api/indicators/platform_chain_orgs/by-chain')).json();
    expect(byChain.values.find((c: { chainId: string }) => c.chainId === 'ci_chain')).toMatchObject({ value: 2, name: { zh: '口径链' } });
    const paidByChain = (await admin.get('/api/indicators/platform_disbursed/by-chain?period=2025')).json();
    // 甲 (paid 10万元 in 2025) is on the chain; 乙 was paid in 2026 only.
    expect(paidByChain.values.find((c: { chainId: string }) => c.chainId === 'ci_chain').value).toBe(10);
    expect((await admin.get('/api/indicators/hnte_count/by-chain')).json().code).toBe('indicator.not_drillable');
  });
});

describe('digital transformation', () => {
  it('count enterprises with a submitted diagnosis once, and cloud adopters by date, beside the letter', async () => {
    // Diagnoses arranged directly (submission and scoring are tested in the digital module).
    const diagnosis = (key: string, status: string, submittedAt: string | null) => t.ctx.db.execute(sql`insert into digital_diagnoses (org_id, version, mode, fiscal_year, status, created_by, submitted_at, level)
      values (${ids[key]}, 'mfg-2024', 'self', 2025, ${status}, 'test', ${submittedAt}::timestamptz, ${status === 'submitted' ? 3 : null})`);
    await diagnosis('甲', 'submitted', '2026-03-01T02:00:00Z');
    await diagnosis('甲', 'submitted', '2026-05-01T02:00:00Z'); // a second diagnosis: still one enterprise
    await diagnosis('乙', 'draft', null);
    await diagnosis('丙', 'submitted', '2026-06-16T02:00:00Z'); // after today
    const d = await figure('platform_digital_diagnosed');
    expect(d.current).toMatchObject({ period: '2026-06-15', value: 1 });
    expect(d.comparison).toMatchObject({ reported: 1000 });

    for (const [key, adoptedOn] of [['甲', '2026-06-15'], ['乙', '2026-06-16']] as const) {
      const res = await admin.post('/api/digital/cloud-adoptions', { uscc: usccs[key], kind: 'cloud', platform: '示例工业云', adoptedOn });
      expect(res.statusCode, res.body).toBe(201);
    }
    const c = await figure('platform_cloud_adopters');
    expect(c.current.value).toBe(1);
    expect(c.comparison).toMatchObject({ reported: 3000 });
  });
});

describe('projects and technology contracts', () => {
  it('count signed projects by programme kind within the span, and sum contract values by seller', async () => {
    // Arranged directly: the lifecycle itself is tested in the programmes and market modules.
    const one = async <T>(q: ReturnType<typeof sql>) => {
      const res = await t.ctx.db.execute(q);
      return ((res as unknown as { rows?: T[] }).rows ?? (res as unknown as T[]))[0];
    };
    const programme = async (kind: string) => (await one<{ id: string }>(sql`insert into programmes (code, kind, name, created_at) values (${`CI-${kind}`}, ${kind}, ${kind}, now()) returning id`)).id;
    const call = async (programmeId: string, code: string) => (await one<{ id: string }>(sql`insert into programme_calls (programme_id, code, title, opens_at, closes_at, budget_fen, max_award_fen, form, rubric, created_at)
      values (${programmeId}, ${code}, ${code}, now(), now() + interval '30 days', 100, 100, '{}'::jsonb, '{}'::jsonb, now()) returning id`)).id;
    const project = async (callId: string, key: string, code: string, signedAt: string | null) => {
      const app = (await one<{ id: string }>(sql`insert into programme_applications (call_id, org_id, title, created_at, updated_at) values (${callId}, ${ids[key]}, ${code}, now(), now()) returning id`)).id;
      await t.ctx.db.execute(sql`insert into programme_projects (code, application_id, call_id, org_id, title, award_fen, signed_at, created_at)
        values (${code}, ${app}, ${callId}, ${ids[key]}, ${code}, 100, ${signedAt}::timestamptz, now())`);
    };
    const major = await call(await programme('major_research'), 'CI-C1');
    const challenge = await call(await programme('open_challenge'), 'CI-C2');
    const transform = await call(await programme('achievement_transformation'), 'CI-C3');
    await project(major, '甲', 'CI-P1', '2021-01-01T00:00:00+08:00'); // first day of the span
    await project(challenge, '甲', 'CI-P2', '2025-12-31T23:59:00+08:00'); // last day
    await project(major, '乙', 'CI-P3', '2026-01-01T00:30:00+08:00'); // after the span
    await project(major, '丙', 'CI-P4', null); // not signed
    await project(transform, '丙', 'CI-P5', '2024-06-01T00:00:00+08:00');
    const m = await figure('platform_major_projects');
    expect(m.current).toMatchObject({ period: '2021-2025', value: 2 });
    expect(m.comparison).toMatchObject({ reported: 600, computed: 2 });
    expect((await admin.get('/api/indicators/platform_major_projects/rows?period=2021-2025')).json().total).toBe(1);
    expect((await figure('platform_transformation_projects')).current.value).toBe(1);

    const contract = (no: string, seller: string, buyer: string, fen: number, signedOn: string) => t.ctx.db.execute(sql`insert into market_tech_contracts (contract_no, type, title, registered_value_fen, seller_org_id, buyer_org_id, signed_on, created_by, created_at)
      values (${no}, 'transfer', ${no}, ${fen}, ${ids[seller]}, ${ids[buyer]}, ${signedOn}::date, 'test', now())`);
    await contract('CI-K1', '甲', '乙', 50 * 10_000_00, '2025-01-01');
    await contract('CI-K2', '甲', '丙', 30 * 10_000_00, '2025-12-31');
    await contract('CI-K3', '乙', '甲', 99 * 10_000_00, '2026-01-01');
    expect((await figure('platform_tech_contracts')).current).toMatchObject({ period: '2025', value: 80 });
  });
});
