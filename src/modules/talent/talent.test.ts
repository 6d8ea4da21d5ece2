import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../../lib/uscc.ts';
import { chainLinkOrgs, chainLinks } from '../chains/chains.schema.ts';
import { installChainReference } from '../chains/chains.service.ts';
import { patchFacts, createOrg } from '../registry/registry.service.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let school: { id: string; uscc: string };
let partner: { id: string; uscc: string };
let chainId: string;
let link: string;
const org = (suffix: string, name: string, kind: 'enterprise' | 'university') =>
  createOrg(t.ctx, { uscc: withCheckChar(`91350203MA8${suffix}`), name, kind, district: 'siming', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });

beforeAll(async () => {
  t = await createTestApp();
  await installChainReference(t.ctx);
  school = await org('SC0001', '（示例）厦门某职业技术学院', 'university');
  partner = await org('PA0001', '（示例）厦门某集成电路有限公司', 'enterprise');
  const [l] = await t.ctx.db.select().from(chainLinks).limit(1);
  chainId = l.chainId;
  link = l.id;
  await t.ctx.db.insert(chainLinkOrgs).values({ chainId, linkId: link, orgId: partner.id, role: 'supporting', status: 'confirmed', confidence: 90, source: 'manual' });
  await patchFacts(t.ctx, partner.uscc, 2025, { employees: 320, rdStaff: 60 });
});
afterAll(() => t.close());

const unit = (over: Record<string, unknown> = {}) => ({ kind: 'industrial_college', name: '（示例）集成电路产业学院', tier: 'city', institutionUscc: school.uscc, chainLinkIds: [link], partnerUsccs: [partner.uscc], ...over });

describe('industry–education units', () => {
  it('needs a level for a specialty group and registered institutions and partners', async () => {
    const admin = await t.as('bureau_admin');
    expect((await admin.post('/api/talent/units', unit({ kind: 'specialty_group', name: '（示例）微电子专业群' }))).json().code).toBe('talent.level_required');
    const ghost = withCheckChar('91350203MA8GH0003');
    const bad = (await admin.post('/api/talent/units', unit({ partnerUsccs: [ghost] }))).json();
    expect(bad.code).toBe('talent.org_not_registered');
    expect(bad.detail).toContain(ghost);
    const g = await admin.post('/api/talent/units', unit({ kind: 'specialty_group', name: '（示例）微电子专业群', level: 'higher_vocational' }));
    expect(g.statusCode).toBe(201);
    expect(g.json().level).toBe('higher_vocational');
  });

  it('records trainees and graduates per year and shows a chain\'s supply beside its staffing', async () => {
    const admin = await t.as('bureau_admin');
    const u = (await admin.post('/api/talent/units', unit())).json();
    expect(u.partners[0].name).toBe('（示例）厦门某集成电路有限公司');
    expect((await admin.request({ method: 'PUT', url: `/api/talent/units/${u.id}/years/2025`, payload: { trainees: 100, graduates: 101 } })).json().code).toBe('talent.graduates_above_trainees');
    expect((await admin.request({ method: 'PUT', url: `/api/talent/units/${u.id}/years/2025`, payload: { trainees: 100, graduates: 100 } })).statusCode).toBe(200);
    const view = (await admin.get(`/api/talent/chains/${chainId}`)).json();
    const y2025 = view.byYear.find((y: { year: number }) => y.year === 2025);
    expect(y2025).toMatchObject({ trainees: 100, graduates: 100, organisations: 1, employees: 320, rdStaff: 60 });
    expect(view.byLink.find((l: { linkId: string }) => l.linkId === link)).toMatchObject({ units: 2, trainees: 100, organisations: 1, employees: 320 });
    // Public list and summary with the letter's figures; the chain view is for staff.
    const anon = await t.client();
    expect((await anon.get(`/api/talent/units?chainId=${chainId}`)).json()).toHaveLength(2);
    const summary = (await anon.get('/api/talent/summary')).json();
    expect(summary.kinds.find((k: { kind: string }) => k.kind === 'industrial_college')).toMatchObject({ platformCount: 1, letter: { value: 30 } });
    expect(summary.letterTalent[0]).toMatchObject({ id: 'ic_platform_trainees_per_year', value: 1500 });
    expect((await anon.get(`/api/talent/chains/${chainId}`)).statusCode).toBe(401);
    const stranger = await t.as('org_user', { orgId: partner.id });
    expect((await stranger.request({ method: 'PUT', url: `/api/talent/units/${u.id}/years/2024`, payload: { trainees: 1, graduates: 1 } })).json().code).toBe('talent.not_found');
  });
});

void eq;
