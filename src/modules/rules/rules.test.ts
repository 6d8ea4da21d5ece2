import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
const uscc = withCheckChar('91350203MA8RULES1');

const year = (fiscalYear: number, extra: Record<string, unknown> = {}) => ({
  fiscalYear, revenue: 40_000_000_00, rdExpense: 2_400_000_00, rdExpenseDomestic: 2_400_000_00, employees: 100, stStaff: 9,
  highTechRevenue: 30_000_000_00, achievementsConverted: 5, totalAssets: 30_000_000_00, totalLiabilities: 10_000_000_00, majorIncident: false, inventionPatents: 2, ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  await createOrg(t.ctx, { uscc, name: '规则测试科技有限公司', kind: 'enterprise', district: 'siming', registeredOn: '2018-01-01', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
  for (const y of [2023, 2024, 2025]) {
    const { fiscalYear: _f, ...facts } = year(y);
    await admin.patch(`/api/orgs/${uscc}/facts/${y}`, facts);
  }
});
afterAll(() => t.close());

describe('POST /api/rules/evaluate', () => {
  it('evaluates a facts document and explains each criterion in the caller\'s language', async () => {
    const res = await admin.post('/api/rules/evaluate', {
      asOf: '2026-06-01', rulesets: ['hnte'],
      facts: { org: { kind: 'enterprise', registeredOn: '2018-01-01' }, years: [year(2023), year(2024), year(2025)] },
    });
    expect(res.statusCode).toBe(200);
    const [hnte] = res.json().results;
    expect(hnte).toMatchObject({ ruleset: 'hnte', title: { zh: '国家高新技术企业', en: 'High and new technology enterprise' }, version: '2016', verdict: 'fail' });
    const staff = hnte.criteria.find((c: { id: string }) => c.id === 'HNTE-04');
    expect(staff).toMatchObject({ verdict: 'fail', actual: 0.09, unit: 'ratio', threshold: { zh: '≥ 10%', en: '≥ 10%' } });
    expect(res.json().gaps[0].gaps).toEqual(expect.arrayContaining([expect.objectContaining({ criterion: 'HNTE-04', text: expect.objectContaining({ zh: expect.stringContaining('需再增加 1 人') }) })]));
  });

  it('refuses impossible facts with the field path: duplicate years, staff above employees', async () => {
    const res = await admin.post('/api/rules/evaluate', {
      asOf: '2026-06-01',
      facts: { org: { kind: 'enterprise' }, years: [year(2025), year(2025, { stStaff: 500 })] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.facts.years.1.fiscalYear', 'body.facts.years.1.stStaff']);
  });

  it('refuses wrong types and negative amounts', async () => {
    const res = await admin.post('/api/rules/evaluate', { asOf: 'yesterday', facts: { org: { kind: 'enterprise' }, years: [{ fiscalYear: 2025, revenue: -5, employees: 'many' }] } });
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.asOf', 'body.facts.years.0.employees', 'body.facts.years.0.revenue']);
  });

  it('answers unknown, naming the reason, for a date before any rule existed', async () => {
    const res = await admin.post('/api/rules/evaluate', { asOf: '2010-06-01', rulesets: ['hnte'], facts: { org: { kind: 'enterprise' } } });
    expect(res.json().results[0]).toMatchObject({ verdict: 'unknown', version: 'none' });
    expect(res.json().results[0].criteria[0].text.zh).toContain('尚无');
  });
});

describe('GET /api/rules/expert-inputs', () => {
  it('lists the expert inputs with labels in both languages and their ranges', async () => {
    const res = await admin.get('/api/rules/expert-inputs');
    expect(res.statusCode).toBe(200);
    const inputs = res.json() as { key: string; kind: string; min: number; max: number; label: { zh: string; en: string } }[];
    expect(inputs.find((i) => i.key === 'hnte.rdManagement')).toMatchObject({ kind: 'score', min: 0, max: 20, label: { zh: '研究开发组织管理水平' } });
    expect(inputs.find((i) => i.key === 'lg.marketTop3')).toMatchObject({ kind: 'yesNo', min: 0, max: 1 });
    for (const i of inputs) expect(i.label.en).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GET /api/orgs/:uscc/assessment', () => {
  it('assesses a registered organisation from its stored facts', async () => {
    const res = await admin.get(`/api/orgs/${uscc}/assessment?asOf=2026-06-01&rulesets=hnte`);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].criteria.find((c: { id: string }) => c.id === 'HNTE-04')).toMatchObject({ verdict: 'fail', actual: 0.09 });
    // Registration date is on file, so age passes; without a certificate nothing is held.
    expect(res.json().results[0].criteria.find((c: { id: string }) => c.id === 'HNTE-01').verdict).toBe('pass');
    expect(res.json().results[0].held).toBeNull();
  });

  it('shows an org user only its own organisation\'s assessment', async () => {
    const other = await t.as('org_user', { orgId: '00000000-0000-4000-8000-00000000dead' });
    expect((await other.get(`/api/orgs/${uscc}/assessment`)).statusCode).toBe(404);
  });
});
