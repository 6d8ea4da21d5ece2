import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createOrg } from '../registry/registry.service.ts';
import { orgFacts } from '../registry/registry.schema.ts';
import { evaluateOrgs, STORED } from '../cultivation/cultivation.service.ts';
import { explainStored } from '../cultivation/cultivation.store.ts';
import { assessments } from '../cultivation/cultivation.schema.ts';
import { allItems, findQuestionnaire, type Answers } from './questionnaire.ts';

let t: TestApp;
const q2024 = findQuestionnaire('2024-manufacturing')!;
const USCC = withCheckChar('91350203MA8DIGIT1');
const OTHER = withCheckChar('91350206MA8DIGIT2');
let orgId: string;

/** Every 2024 item answered; `weak` puts the foundation items at their lowest. */
function answers(weak = false): Answers {
  return Object.fromEntries(allItems(q2024).map((i) => {
    if (weak && i.dimension === 'foundation') return [i.key, i.type === 'percent' ? 5 : i.options![0].key];
    return [i.key, i.type === 'percent' ? 100 : i.options!.at(-1)!.key];
  }));
}

beforeAll(async () => {
  t = await createTestApp();
  const base = { kind: 'enterprise' as const, formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };
  orgId = (await createOrg(t.ctx, { ...base, uscc: USCC, name: '示例数字制造有限公司', district: 'siming', industryCode: '3841' })).id;
  await createOrg(t.ctx, { ...base, uscc: OTHER, name: '示例其他科技有限公司', district: 'huli', industryCode: '3841' });
});
afterAll(() => t.close());

describe('questionnaire versions', () => {
  it('are public, with the level rule marked official or platform parameter', async () => {
    const res = await (await t.client()).get('/api/digital/questionnaires');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((v: { key: string }) => v.key)).toEqual(['2024-manufacturing', '2022-manufacturing']);
    expect(list[0].levelRule.official).toBe(false);
    expect(list[0].levelRule.basis.zh).toContain('平台参数');
    const one = (await (await t.client()).get('/api/digital/questionnaires/2024-manufacturing')).json();
    expect(one.dimensions).toHaveLength(3);
    expect((await (await t.client()).get('/api/digital/questionnaires/1999-x')).json().code).toBe('digital.version_not_found');
  });
});

describe('a self-assessment', () => {
  it('saves a draft, resumes it, refuses bad answers with the item named, submits once, then only a new diagnosis', async () => {
    const ent = await t.as('org_user', { orgId });
    const created = await ent.post(`/api/orgs/${USCC}/diagnoses`, { answers: { network: 'partial', equipment_digitisation: 35 } });
    expect(created.statusCode).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({ status: 'draft', mode: 'self', version: '2024-manufacturing', fiscalYear: new Date().getUTCFullYear() - 1, assessorOrg: null });
    expect(d.result.total).toBe(4 + 3);

    // Resume: the draft comes back with its answers, from the history list too.
    const saved = await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { data_collection: 50 }, scenarioLevels: { quality: 2 } });
    expect(saved.statusCode).toBe(200);
    const resumed = (await ent.get(`/api/digital/diagnoses/${d.id}`)).json();
    expect(resumed.answers).toEqual({ network: 'partial', equipment_digitisation: 35, data_collection: 50 });
    expect(resumed.scenarioLevels).toEqual({ quality: 2 });
    expect((await ent.get(`/api/orgs/${USCC}/diagnoses`)).json()[0].id).toBe(d.id);

    // Out of range: refused, the item named in both languages, nothing saved.
    const bad = await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { equipment_networking: 120 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('digital.answer_out_of_range');
    expect(bad.json().detail).toContain('数字化设备联网率');
    expect(bad.json().errors[0].path).toBe('answers.equipment_networking');
    const badEn = await ent.request({ method: 'PATCH', url: `/api/digital/diagnoses/${d.id}`, payload: { answers: { network: 'fibre' } }, headers: { 'accept-language': 'en-US' } });
    expect(badEn.json().detail).toContain('Network build-out');
    expect(badEn.json().detail).toContain('none, basic, partial, advanced');
    expect((await ent.patch(`/api/digital/diagnoses/${d.id}`, { scenarioLevels: { quality: 7 } })).json().code).toBe('digital.answer_out_of_range');
    expect((await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { made_up: 1 } })).json().code).toBe('digital.item_unknown');
    expect((await ent.get(`/api/digital/diagnoses/${d.id}`)).json().answers.equipment_networking).toBeUndefined();

    // Incomplete: cannot submit.
    const early = await ent.post(`/api/digital/diagnoses/${d.id}/submit`);
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('digital.answers_incomplete');

    await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: answers(true) });
    const sub = await ent.post(`/api/digital/diagnoses/${d.id}/submit`);
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', level: 2, totalScore: 50 });

    // Submitted: never edited again — a new diagnosis instead.
    const edit = await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { network: 'advanced' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('digital.diagnosis_submitted');
    expect((await ent.post(`/api/digital/diagnoses/${d.id}/submit`)).json().code).toBe('digital.diagnosis_submitted');
    expect((await ent.post(`/api/orgs/${USCC}/diagnoses`, {})).statusCode).toBe(201);
  });

  it('is the enterprise\'s own: other organisations\' users see nothing, and cannot pose as an assessor', async () => {
    const ent = await t.as('org_user', { orgId });
    const d = (await ent.post(`/api/orgs/${USCC}/diagnoses`, {})).json();
    const stranger = await t.as('org_user', { orgId: '00000000-0000-4000-8000-0000000000b2' });
    expect((await stranger.get(`/api/digital/diagnoses/${d.id}`)).json().code).toBe('digital.diagnosis_not_found');
    expect((await stranger.patch(`/api/digital/diagnoses/${d.id}`, { answers: { network: 'none' } })).json().code).toBe('digital.diagnosis_not_found');
    expect((await stranger.post(`/api/orgs/${USCC}/diagnoses`, {})).json().code).toBe('org.not_found');
    expect((await ent.post(`/api/orgs/${USCC}/diagnoses`, { mode: 'assessor', assessorOrg: 'x 机构', assessorName: '张三' })).json().code).toBe('digital.mode_invalid');
    const huli = await t.as('district_officer', { district: 'huli' });
    expect((await huli.get(`/api/digital/diagnoses/${d.id}`)).json().code).toBe('digital.diagnosis_not_found');
  });
});

describe('an assessor-led diagnosis', () => {
  it('records the assessor organisation and person; staff fill it, the enterprise reads it', async () => {
    const officer = await t.as('district_officer', { district: 'siming' });
    const missing = await officer.post(`/api/orgs/${USCC}/diagnoses`, { mode: 'assessor' });
    expect(missing.json().code).toBe('digital.mode_invalid');
    const d = (await officer.post(`/api/orgs/${USCC}/diagnoses`, { assessorOrg: '示例数字化评估服务中心', assessorName: '王评估', answers: answers() })).json();
    expect(d).toMatchObject({ mode: 'assessor', assessorOrg: '示例数字化评估服务中心', assessorName: '王评估' });
    const ent = await t.as('org_user', { orgId });
    expect((await ent.get(`/api/digital/diagnoses/${d.id}`)).json().assessorName).toBe('王评估');
    expect((await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { network: 'none' } })).json().code).toBe('digital.not_editor');
    const sub = (await officer.post(`/api/digital/diagnoses/${d.id}/submit`)).json();
    expect(sub).toMatchObject({ status: 'submitted', level: 4, totalScore: 100 });
  });
});

describe('retiring a questionnaire version while drafts use it', () => {
  it('keeps the draft, refuses to edit it with a clear error naming the successor, and migrates it losing nothing', async () => {
    const ent = await t.as('org_user', { orgId });
    const d = (await ent.post(`/api/orgs/${USCC}/diagnoses`, { version: '2022-manufacturing', answers: { foundation_score: 12, operations_score: 10 } })).json();
    const admin = await t.as('bureau_admin');
    const retired = await admin.patch('/api/digital/questionnaires/2022-manufacturing', { retired: true, note: '改用 2024 年版' });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ retired: true, draftsUsing: 1, migrateTo: '2024-manufacturing' });

    const edit = await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { management_score: 5 } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('digital.version_retired');
    expect(edit.json().detail).toContain('2024-manufacturing');
    expect((await ent.post(`/api/digital/diagnoses/${d.id}/submit`)).json().code).toBe('digital.version_retired');
    expect((await ent.post(`/api/orgs/${USCC}/diagnoses`, { version: '2022-manufacturing' })).json().code).toBe('digital.version_retired');
    // The draft is still there, answers intact.
    expect((await ent.get(`/api/digital/diagnoses/${d.id}`)).json()).toMatchObject({ versionRetired: true, answers: { foundation_score: 12, operations_score: 10 } });

    expect((await ent.post(`/api/digital/diagnoses/${d.id}/migrate`, { to: '2022-manufacturing' })).json().code).toBe('digital.migrate_invalid');
    const moved = await ent.post(`/api/digital/diagnoses/${d.id}/migrate`, { to: '2024-manufacturing' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: '2024-manufacturing', answers: {} });
    expect(moved.json().migrations[0]).toMatchObject({ from: '2022-manufacturing', to: '2024-manufacturing', answers: { foundation_score: 12, operations_score: 10 } });
    expect((await ent.patch(`/api/digital/diagnoses/${d.id}`, { answers: { network: 'basic' } })).statusCode).toBe(200);

    // Only the bureau retires versions.
    expect((await ent.patch('/api/digital/questionnaires/2024-manufacturing', { retired: true })).statusCode).toBe(403);
    await admin.patch('/api/digital/questionnaires/2022-manufacturing', { retired: false });
  });
});

describe('the SRDI "digital level" link', () => {
  it('a submitted diagnosis writes the digitalLevel fact with its source and the stored SRDI result changes', async () => {
    const base = { kind: 'enterprise' as const, formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };
    const uscc = withCheckChar('91350203MA8DIGIT3');
    const org = await createOrg(t.ctx, { ...base, uscc, name: '示例专精制造有限公司', district: 'siming', industryCode: '3841' });
    // The 2022 SRDI standard (63号, in force to 2026-03-31) scores the digital level (indicator 5) on the prior year.
    const asOf = '2026-03-01';
    await evaluateOrgs(t.ctx, asOf);
    const s5 = async () => {
      const [row] = await t.database.db.select(STORED).from(assessments)
        .where(and(eq(assessments.orgId, org.id), eq(assessments.ruleset, 'srdi_sme'), eq(assessments.asOf, asOf)));
      const [result] = await explainStored(t.ctx, [row]);
      return { s5: result.criteria.find((c) => c.id === 'SRDI-S5')!, min: row.scoreMin, max: row.scoreMax };
    };
    const before = await s5();
    expect(before.s5.points).toEqual({ min: 0, max: 5 });

    const ent = await t.as('org_user', { orgId: org.id });
    const d = (await ent.post(`/api/orgs/${uscc}/diagnoses`, { fiscalYear: 2025, answers: answers() })).json();
    expect((await ent.post(`/api/digital/diagnoses/${d.id}/submit`)).statusCode).toBe(200);

    const [fact] = await t.database.db.select().from(orgFacts).where(and(eq(orgFacts.orgId, org.id), eq(orgFacts.fiscalYear, d.fiscalYear)));
    expect(fact.digitalLevel).toBe(4);
    expect(fact.sources.digitalLevel).toMatchObject({ kind: 'diagnosis', ref: expect.stringContaining(`digital_diagnosis:${d.id}`) });
    const after = await s5();
    expect(after.s5.points).toMatchObject({ value: 5 });
    expect(after.min).toBe((before.min ?? 0) + 5);
    expect(after.min).not.toBe(before.min);
  });
});
