import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { allItems, findQuestionnaire, type Answers } from './questionnaire.ts';

let t: TestApp;
const q2024 = findQuestionnaire('2024-manufacturing')!;
const USCC = withCheckChar('91350203MA8CATAL1');
let orgId: string;

function answers(): Answers {
  // Weak foundation (equipment and data), strong elsewhere.
  return Object.fromEntries(allItems(q2024).map((i) => {
    if (i.dimension === 'foundation' && i.key !== 'network_security' && i.key !== 'data_security') return [i.key, i.type === 'percent' ? 5 : i.options![0].key];
    return [i.key, i.type === 'percent' ? 100 : i.options!.at(-1)!.key];
  }));
}

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createOrg(t.ctx, { uscc: USCC, name: '示例电子器件有限公司', kind: 'enterprise', district: 'siming', industryCode: '3971', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] })).id;
});
afterAll(() => t.close());

describe('the solution catalogue', () => {
  let mes: string, erp: string, food: string;
  it('registers providers and solutions, refusing bad prices and unknown tags', async () => {
    const admin = await t.as('bureau_admin');
    const p = (await admin.post('/api/digital/providers', { name: '示例工业软件服务商', district: 'huli' })).json();
    expect((await admin.post('/api/digital/providers', { name: '示例工业软件服务商' })).json().code).toBe('digital.provider_taken');
    const base = { providerId: p.id, summary: '示例方案', deployment: 'saas', priceMinFen: 5_000_000, priceMaxFen: 20_000_000 };
    mes = (await admin.post('/api/digital/solutions', { ...base, name: '示例设备联网与数据采集', industries: ['C'], scenarios: ['equipment', 'production_control'], dimensions: ['foundation'], cases: [{ client: '示例客户甲', industry: '电子', result: '设备联网率由 20% 提至 85%' }] })).json().id;
    erp = (await admin.post('/api/digital/solutions', { ...base, name: '示例云 ERP', industries: [], scenarios: ['finance', 'procurement'], dimensions: ['management'], deployment: 'hybrid', priceMinFen: 1_000_000 })).json().id;
    food = (await admin.post('/api/digital/solutions', { ...base, name: '示例食品追溯平台', industries: ['14'], scenarios: ['quality'], dimensions: ['foundation'] })).json().id;
    expect((await admin.post('/api/digital/solutions', { ...base, name: '示例错价', dimensions: ['foundation'], priceMinFen: 10, priceMaxFen: 5 })).json().code).toBe('digital.price_range');
    expect((await admin.post('/api/digital/solutions', { ...base, name: '示例错维度', dimensions: ['magic'] })).json().code).toBe('digital.tag_unknown');
    expect((await admin.post('/api/digital/solutions', { ...base, name: '示例错场景', dimensions: ['foundation'], scenarios: ['teleport'] })).json().code).toBe('digital.tag_unknown');
    const ent = await t.as('org_user', { orgId });
    expect((await ent.post('/api/digital/providers', { name: '示例自荐服务商' })).statusCode).toBe(403);
  });

  it('searches by text, industry, scenario, dimension, deployment and price (public)', async () => {
    const c = await t.client();
    const names = async (qs: string) => (await c.get(`/api/digital/solutions?${qs}`)).json().items.map((s: { name: string }) => s.name).sort();
    expect(await names('')).toHaveLength(3);
    expect(await names(`q=${encodeURIComponent('ERP')}`)).toEqual(['示例云 ERP']);
    expect(await names(`q=${encodeURIComponent('服务商')}`)).toHaveLength(3);
    // Industry 3971 (electronic devices) is in section C: the C solution and the any-industry one, not food (14).
    expect(await names('industry=3971')).toEqual(['示例云 ERP', '示例设备联网与数据采集']);
    expect(await names('industry=C14')).toHaveLength(3);
    expect(await names('scenario=quality')).toEqual(['示例食品追溯平台']);
    expect(await names('dimension=management')).toEqual(['示例云 ERP']);
    expect(await names('deployment=hybrid')).toEqual(['示例云 ERP']);
    expect(await names('maxPriceFen=2000000')).toEqual(['示例云 ERP']);
  });

  it('compares 2–4 solutions and marks the attributes that differ', async () => {
    const c = await t.client();
    const r = (await c.get(`/api/digital/solutions/compare?ids=${mes},${erp}`)).json();
    expect(r.items.map((s: { id: string }) => s.id)).toEqual([mes, erp]);
    expect(r.differs).toMatchObject({ deployment: true, priceMaxFen: false, providerName: false });
    expect((await c.get(`/api/digital/solutions/compare?ids=${mes}`)).json().code).toBe('digital.compare_count');
    expect((await c.get('/api/digital/solutions/00000000-0000-4000-8000-000000000000')).json().code).toBe('digital.solution_not_found');
    expect((await c.get(`/api/digital/solutions/${food}`)).json().name).toBe('示例食品追溯平台');
  });

  it('recommends solutions for the weakest dimension and scenarios, explained, fitting the industry', async () => {
    const ent = await t.as('org_user', { orgId });
    const d = (await ent.post(`/api/orgs/${USCC}/diagnoses`, { answers: answers(), scenarioLevels: { finance: 1, quality: 4 } })).json();
    await ent.post(`/api/digital/diagnoses/${d.id}/submit`);
    const r = (await ent.get(`/api/digital/diagnoses/${d.id}/recommendations`)).json();
    expect(r.weakDimensions[0]).toMatchObject({ key: 'foundation', score: 10, max: 50, ratio: 0.2 });
    expect(r.weakScenarios.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['finance', 'equipment']));
    // The food solution does not fit industry 3971; the equipment one ranks first (weak dimension + scenarios).
    expect(r.items.map((i: { solution: { name: string } }) => i.solution.name)).toEqual(['示例设备联网与数据采集', '示例云 ERP']);
    expect(r.items[0].reasons.map((x: { zh: string }) => x.zh).join(' ')).toContain('补齐薄弱维度“数字化基础”（得分 10/50，20.0%）');
    expect(r.items[1].reasons[0].zh).toBe('覆盖薄弱场景“财务管理”（场景等级为 1 级）');
    // A scenario the enterprise rated level 3–4 is not called weak even if a related item scored low.
    expect(r.weakScenarios.map((s: { key: string }) => s.key)).not.toContain('quality');
    const stranger = await t.as('org_user', { orgId: '00000000-0000-4000-8000-0000000000b2' });
    expect((await stranger.get(`/api/digital/diagnoses/${d.id}/recommendations`)).json().code).toBe('digital.diagnosis_not_found');
  });
});

describe('programmes and the bureau dashboard', () => {
  it('enrols pilot enterprises with levels before and after, records adoption, retrofits and the green list, and counts them beside the letter', async () => {
    const admin = await t.as('bureau_admin');
    const enrol = await admin.post('/api/digital/pilot', { uscc: USCC, cohort: '2025-1', enrolledOn: '2020-01-01', subsidyFen: 20_000_000 });
    expect(enrol.statusCode).toBe(201);
    expect(enrol.json()).toMatchObject({ levelBefore: null, levelAfter: 3, subsidyFen: 20_000_000 });
    expect((await admin.post('/api/digital/pilot', { uscc: USCC, cohort: '2025-2', enrolledOn: '2025-01-01' })).json().code).toBe('digital.enrolment_exists');
    expect((await admin.post('/api/digital/pilot', { uscc: withCheckChar('91350203MA8CATAL2'), cohort: '2025-1', enrolledOn: '2025-01-01' })).json().code).toBe('org.not_found');
    const other = (await createOrg(t.ctx, { uscc: withCheckChar('91350211MA8CATAL3'), name: '示例集美制造有限公司', kind: 'enterprise', district: 'jimei', industryCode: '3841', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] }));
    expect((await admin.post('/api/digital/pilot', { uscc: other.uscc, cohort: '2025-1', enrolledOn: '2025-01-01', benefitCode: 'no_such_benefit' })).json().code).toBe('benefit.not_found');
    const id = enrol.json().id;
    const patched = await admin.patch(`/api/digital/pilot/${id}`, { status: 'accepted', outcomes: [{ name: '设备联网率', unit: '%', before: 20, after: 85 }] });
    expect(patched.json()).toMatchObject({ status: 'accepted', outcomes: [{ name: '设备联网率', before: 20, after: 85 }] });

    expect((await admin.post('/api/digital/cloud-adoptions', { uscc: USCC, kind: 'cloud', platform: '示例工业云', adoptedOn: '2024-05-01' })).statusCode).toBe(201);
    expect((await admin.post('/api/digital/cloud-adoptions', { uscc: USCC, kind: 'cloud', platform: '示例工业云', adoptedOn: '2024-06-01' })).json().code).toBe('digital.duplicate');
    expect((await admin.post('/api/digital/retrofits', { uscc: USCC, name: '示例产线智能化改造', industry: 'electronic_devices', year: 2024, investmentFen: 3_000_000_000, benchmark: true, indicators: [{ name: '生产效率', unit: '件/时', before: 100, after: 140 }] })).statusCode).toBe(201);
    expect((await admin.post('/api/digital/green-list', { year: 2024, kind: 'green_factory', level: 'city', name: '示例电子器件有限公司', uscc: USCC })).statusCode).toBe(201);
    expect((await (await t.client()).get('/api/digital/green-list?year=2024')).json().years).toEqual([{ year: 2024, count: 1 }]);

    const dash = (await admin.get('/api/digital/dashboard')).json();
    expect(dash.levels.overall).toEqual({ 1: 0, 2: 0, 3: 1, 4: 0 });
    expect(dash.levels.byDistrict.find((x: { district: string }) => x.district === 'siming')).toMatchObject({ 3: 1 });
    expect(dash.levels.byIndustry).toEqual([{ division: '39', section: 'C', name: expect.objectContaining({ zh: expect.stringContaining('电子') }), 1: 0, 2: 0, 3: 1, 4: 0 }]);
    expect(dash.pilot).toMatchObject({ target: 600, enrolled: 1, diagnosedAfter: 1, accepted: 1, subsidyFen: 20_000_000 });
    const byKey = Object.fromEntries(dash.comparison.map((c: { key: string }) => [c.key, c]));
    expect(byKey.diagnoses).toMatchObject({ platform: 1, letter: { value: 1000, qualifier: 'nearly', source: { docNo: '厦科函〔2025〕84号', date: '2025-05-20' } } });
    expect(byKey.cloud).toMatchObject({ platform: 1, letter: { value: 3000 } });
    expect(byKey.retrofit).toMatchObject({ platform: 1, letter: { value: 20 } });
    expect(byKey.green).toMatchObject({ platform: 1, letter: { value: 35 } });
    expect(byKey.solutions).toMatchObject({ platform: 3, letter: { value: 100, qualifier: 'more than' } });

    // A district officer sees its own district only.
    const jimei = await t.as('district_officer', { district: 'jimei' });
    const dj = (await jimei.get('/api/digital/dashboard')).json();
    expect(dj.levels.diagnosedOrgs).toBe(0);
    expect(dj.pilot.enrolled).toBe(0);
    expect((await jimei.post('/api/digital/cloud-adoptions', { uscc: USCC, kind: 'industrial_platform', platform: '示例平台', adoptedOn: '2024-05-01' })).json().code).toBe('org.not_found');
    const ent = await t.as('org_user', { orgId });
    expect((await ent.get('/api/digital/dashboard')).statusCode).toBe(403);
  });
});
