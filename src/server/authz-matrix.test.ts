// The authorisation matrix: every API route, called as every kind of caller, is allowed or
// denied exactly as this table says. A route missing from the table fails the test, so
// each module extends the table when it adds routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../lib/uscc.ts';
import { createOrg } from '../modules/registry/registry.service.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

const CALLERS = ['anonymous', 'bureau_admin', 'district_officer', 'other_district_officer', 'org_user', 'other_org_user', 'reviewer'] as const;
type Caller = (typeof CALLERS)[number];

const EVERYONE: readonly Caller[] = CALLERS;
const SIGNED_IN: readonly Caller[] = CALLERS.filter((c) => c !== 'anonymous');
const ADMIN: readonly Caller[] = ['bureau_admin'];
/** The target organisation's own people: the bureau, its district's officer, its users. */
const OWNERS: readonly Caller[] = ['bureau_admin', 'district_officer', 'org_user'];
const OWN_DISTRICT_STAFF: readonly Caller[] = ['bureau_admin', 'district_officer'];
/** Bureau and any district's staff (city-wide views; organisation rows inside are scoped to the district). */
const ALL_STAFF: readonly Caller[] = ['bureau_admin', 'district_officer', 'other_district_officer'];

/**
 * Who may call what. The request's resource belongs to `org_user`'s organisation, in
 * `district_officer`'s district; `other_org_user` and `other_district_officer` belong elsewhere,
 * so for org-owned resources they must be denied where their counterparts are allowed.
 */
const MATRIX: Record<string, readonly Caller[]> = {
  'GET /api/health': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'GET /api/auth/session': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
  'GET /api/orgs': SIGNED_IN.filter((c) => c !== 'reviewer'),
  'POST /api/orgs': OWN_DISTRICT_STAFF,
  'GET /api/orgs/:uscc': OWNERS,
  'PATCH /api/orgs/:uscc': OWNERS,
  'GET /api/orgs/:uscc/facts': OWNERS,
  'PATCH /api/orgs/:uscc/facts/:year': OWNERS,
  'GET /api/orgs/:uscc/facts/:year/history': OWNERS,
  'GET /api/orgs/:uscc/qualifications': OWNERS,
  'POST /api/orgs/:uscc/qualifications': OWN_DISTRICT_STAFF,
  'DELETE /api/orgs/:uscc/qualifications/:id': OWN_DISTRICT_STAFF,
  // Import and export: any bureau or district staff (a district officer works on its own district's rows).
  'GET /api/orgs/template.xlsx': [...OWN_DISTRICT_STAFF, 'other_district_officer'],
  'GET /api/orgs/export.xlsx': [...OWN_DISTRICT_STAFF, 'other_district_officer'],
  'POST /api/orgs/import': [...OWN_DISTRICT_STAFF, 'other_district_officer'],
  // Any signed-in user may ask; the job itself is shown only to its creator or the bureau (jobs.test.ts).
  'GET /api/jobs/:id': SIGNED_IN,
  'GET /api/jobs/:id/errors.xlsx': SIGNED_IN,
  'POST /api/rules/evaluate': SIGNED_IN,
  'GET /api/rules/expert-inputs': SIGNED_IN,
  'GET /api/orgs/:uscc/assessment': OWNERS,
  'POST /api/cultivation/evaluate': ADMIN,
  'GET /api/cultivation/funnel': ['bureau_admin', 'district_officer', 'other_district_officer'],
  'GET /api/cultivation/reserve': ['bureau_admin', 'district_officer', 'other_district_officer'],
  // funds: bureau administrators keep the books (maker and checker), district officers read them.
  ...Object.fromEntries([
    'GET /api/funds', 'GET /api/funds/recipients', 'GET /api/funds/disbursements', 'GET /api/funds/allocations/:id',
    'GET /api/funds/reconciliation', 'GET /api/funds/reconciliation.xlsx', 'GET /api/funds/:id', 'GET /api/funds/:id/entries',
    'GET /api/funds/:id/timeline', 'GET /api/funds/:id/allocations', 'GET /api/funds/villages', 'GET /api/funds/villages/rollup',
    'GET /api/funds/ventures', 'GET /api/funds/ventures/:id/investments',
  ].map((k) => [k, ['bureau_admin', 'district_officer', 'other_district_officer'] as const])),
  ...Object.fromEntries([
    'POST /api/funds', 'POST /api/funds/recipients', 'POST /api/funds/recipients/:id/close', 'PATCH /api/funds/disbursements/:id',
    'POST /api/funds/disbursements/:id/approve', 'POST /api/funds/disbursements/:id/reject', 'POST /api/funds/disbursements/:id/cancel',
    'POST /api/funds/allocations/:id/disbursements', 'POST /api/funds/allocations/:id/releases', 'POST /api/funds/allocations/:id/returns',
    'POST /api/funds/entries/:id/reversal', 'POST /api/funds/:id/appropriations', 'POST /api/funds/:id/allocations',
    'POST /api/funds/villages', 'POST /api/funds/villages/:id/incomes', 'POST /api/funds/collective-projects',
    'POST /api/funds/ventures', 'POST /api/funds/ventures/:id/investments',
  ].map((k) => [k, ADMIN])),
  // chains: the industry system is readable by every signed-in user; chain maps by staff; edits by the bureau.
  'GET /api/industries': SIGNED_IN,
  'PATCH /api/industries/:id': ADMIN,
  'GET /api/industries/:id/revisions': ALL_STAFF,
  'GET /api/chains': ALL_STAFF,
  'POST /api/chains': ADMIN,
  'GET /api/chains/:chainId': ALL_STAFF,
  'PATCH /api/chains/:chainId': ADMIN,
  'POST /api/chains/:chainId/links': ADMIN,
  'PATCH /api/chains/:chainId/links/:linkId': ADMIN,
  'DELETE /api/chains/:chainId/links/:linkId': ADMIN,
  'POST /api/chains/:chainId/links/:linkId/merge': ADMIN,
  'POST /api/chains/:chainId/edges': ADMIN,
  'DELETE /api/chains/:chainId/edges/:edgeId': ADMIN,
  'POST /api/chains/:chainId/suggest': ADMIN,
  'POST /api/chains/:chainId/links/:linkId/orgs': ALL_STAFF,
  'PATCH /api/chains/:chainId/attachments/:attachmentId': ALL_STAFF,
  'GET /api/chains/:chainId/analysis': ALL_STAFF,
  'GET /api/chains/:chainId/links/:linkId': ALL_STAFF,
  'GET /api/chains/:chainId/export.xlsx': ALL_STAFF,
  'GET /api/chains/:chainId/targets': ALL_STAFF,
  'POST /api/chains/:chainId/targets': ALL_STAFF,
  'PATCH /api/chains/:chainId/targets/:targetId': ALL_STAFF,
  'GET /api/chains/:chainId/versions': ALL_STAFF,
  'POST /api/chains/:chainId/versions': ADMIN,
  'GET /api/chains/:chainId/versions/diff': ALL_STAFF,
  'POST /api/chains/:chainId/versions/:versionId/restore': ADMIN,
  'GET /api/cultivation/breakdown': ['bureau_admin', 'district_officer', 'other_district_officer'],
  'GET /api/cultivation/reserve.xlsx': ['bureau_admin', 'district_officer', 'other_district_officer'],
  'GET /api/orgs/:uscc/tier-timeline': OWNERS,
  'GET /api/cultivation/letter': ['bureau_admin', 'district_officer', 'other_district_officer'],
  'GET /api/rules/params/:ruleset': ['bureau_admin', 'district_officer', 'other_district_officer'],
  'POST /api/rules/params/:ruleset': ADMIN,
  // Indicators and cockpit: bureau and district staff read (computed figures in their scope); the bureau records.
  'GET /api/indicators': ALL_STAFF,
  'GET /api/indicators/export.xlsx': ALL_STAFF,
  'POST /api/indicators': ADMIN,
  'GET /api/indicators/:id': ALL_STAFF,
  'PATCH /api/indicators/:id': ADMIN,
  'POST /api/indicators/:id/values': ADMIN,
  'PUT /api/indicators/:id/values/:period': ADMIN,
  'GET /api/indicators/:id/rows': ALL_STAFF,
  'GET /api/indicators/:id/rows.xlsx': ALL_STAFF,
  'GET /api/indicators/:id/by-district': ALL_STAFF,
  'GET /api/cockpit/overview': ALL_STAFF,
  'GET /open-data/indicators.json': EVERYONE,
  'GET /open-data/indicators.csv': EVERYONE,
  // Policy library and benefits: the public reads published ones; the bureau authors; the calculator follows the registry's scope.
  'GET /api/policies': EVERYONE,
  'GET /api/policies/:id': EVERYONE,
  'POST /api/policies': ADMIN,
  'POST /api/policies/:id/versions': ADMIN,
  'PATCH /api/policies/:id': ADMIN,
  'GET /api/benefits': EVERYONE,
  'GET /api/benefits/variables': EVERYONE,
  'GET /api/benefits/:code': EVERYONE,
  'POST /api/benefits': ADMIN,
  'POST /api/benefits/:code/validate': ADMIN,
  'POST /api/benefits/:code/versions': ADMIN,
  'PUT /api/benefits/:code/versions/:versionNo': ADMIN,
  'POST /api/benefits/:code/versions/:versionNo/publish': ADMIN,
  'GET /api/orgs/:uscc/benefits': OWNERS,
  'POST /api/benefits/calculate': SIGNED_IN,
  'POST /api/auto-grants': ADMIN,
  'GET /api/auto-grants': ADMIN,
  'GET /api/auto-grants/:id': ADMIN,
  'POST /api/auto-grants/:id/approve': ADMIN,
  'GET /api/auto-grants/:id/export.xlsx': ADMIN,
  'GET /api/benefits/totals': ADMIN,
  // The inbox belongs to an organisation user's own organisation (another org user reads its own, empty one).
  'GET /api/notices': ['org_user', 'other_org_user'],
  'POST /api/notices/:id/read': ['org_user', 'other_org_user'],
  'GET /api/notices/opt-outs': ['org_user', 'other_org_user'],
  'PUT /api/notices/opt-outs': ['org_user'],
  // programmes: public listings; staff workbench; applicants their own; reviewers their assignments (scope in the service).
  'GET /api/public/calls': EVERYONE,
  'GET /api/public/calls/:id': EVERYONE,
  'GET /api/programmes': SIGNED_IN,
  'POST /api/programmes': ADMIN,
  'GET /api/programmes/calls': SIGNED_IN,
  'POST /api/programmes/calls': ADMIN,
  'GET /api/programmes/calls/:id': SIGNED_IN,
  'POST /api/programmes/calls/:id/publish': ADMIN,
  'POST /api/programmes/calls/:id/assign': ADMIN,
  'GET /api/programmes/calls/:id/ranking': ALL_STAFF,
  'POST /api/programmes/calls/:id/lock': ADMIN,
  'POST /api/programmes/calls/:id/decisions': ADMIN,
  'GET /api/programmes/calls/:id/board': ALL_STAFF,
  // other_org_user's organisation is not in the registry: its prefill is "not found".
  'GET /api/programmes/prefill': ['org_user'],
  'GET /api/programmes/applications': [...ALL_STAFF, 'org_user', 'other_org_user'],
  'POST /api/programmes/applications': ['org_user', 'other_org_user'],
  'GET /api/programmes/applications/:id': SIGNED_IN,
  'PATCH /api/programmes/applications/:id': ['org_user', 'other_org_user'],
  'POST /api/programmes/applications/:id/submit': ['org_user', 'other_org_user'],
  'POST /api/programmes/applications/:id/withdraw': ['org_user', 'other_org_user'],
  'POST /api/programmes/applications/:id/formal-check': ALL_STAFF,
  'POST /api/programmes/applications/:id/attachments': ['org_user', 'other_org_user'],
  'GET /api/programmes/attachments/:id': SIGNED_IN,
  'GET /api/programmes/reviewers': ADMIN,
  'POST /api/programmes/reviewers': ADMIN,
  'GET /api/programmes/reviews': ['reviewer'],
  'GET /api/programmes/reviews/:id': ['reviewer'],
  'POST /api/programmes/reviews/:id/score': ['reviewer'],
  'GET /api/programmes/projects': [...ALL_STAFF, 'org_user', 'other_org_user'],
  'GET /api/programmes/projects/:id': [...ALL_STAFF, 'org_user', 'other_org_user'],
  'POST /api/programmes/projects/:id/agreement': ADMIN,
  'POST /api/programmes/projects/:id/sign': ADMIN,
  'POST /api/programmes/projects/:id/tranches/:no/pay': ADMIN,
  'POST /api/programmes/projects/:id/midterm': ADMIN,
  'POST /api/programmes/projects/:id/changes': ['org_user', 'other_org_user'],
  'POST /api/programmes/changes/:id/decide': ADMIN,
  'POST /api/programmes/projects/:id/acceptance': ADMIN,
  'POST /api/programmes/projects/:id/gates': ADMIN,
  'GET /api/programmes/notifications': SIGNED_IN,
  'GET /api/programmes/stats': ALL_STAFF,
};

/** Valid bodies, so that scope checks behind validation are exercised too (default: {}). */
const BODIES: Record<string, () => unknown> = {
  'POST /api/orgs': () => ({ uscc: withCheckChar('91350203MA8NEWXRG'), name: '矩阵新建科技有限公司', kind: 'enterprise', district: 'siming' }),
  'POST /api/orgs/:uscc/qualifications': () => ({ kind: 'hnte', certificateNo: 'GR202435100001', issuedOn: '2024-12-01', expiresOn: '2027-11-30' }),
  'PATCH /api/orgs/:uscc': () => ({ keywords: ['矩阵'] }),
  'PATCH /api/orgs/:uscc/facts/:year': () => ({ employees: 50 }),
  'POST /api/cultivation/evaluate': () => ({ asOf: '2026-06-01' }),
  'POST /api/rules/evaluate': () => ({ asOf: '2026-06-01', facts: { org: { kind: 'enterprise' } } }),
  'POST /api/funds': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵测试资金', kind: 'special', sourceLevel: 'city', purpose: '测试' }),
  'POST /api/funds/recipients': () => ({ kind: 'project', ref: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵测试项目' }),
  'POST /api/funds/:id/appropriations': () => ({ amountFen: 100, contributor: '市财政' }),
  'POST /api/funds/:id/allocations': () => ({ recipientId: '00000000-0000-4000-8000-0000000000f1', amountFen: 100, use: 'x' }),
  'POST /api/funds/allocations/:id/disbursements': () => ({ amountFen: 100, reference: `MATRIX-${Math.random().toString(36).slice(2, 8)}` }),
  'POST /api/funds/allocations/:id/releases': () => ({ amountFen: 100 }),
  'POST /api/funds/allocations/:id/returns': () => ({ amountFen: 100, reference: `MATRIX-${Math.random().toString(36).slice(2, 8)}` }),
  'PATCH /api/funds/disbursements/:id': () => ({ memo: '矩阵' }),
  'PATCH /api/industries/:id': () => ({ version: 1, verified: true }),
  'POST /api/chains': () => ({ id: 'matrix_chain', zh: '矩阵产业链', en: 'Matrix chain' }),
  'PATCH /api/chains/:chainId': () => ({ zh: '矩阵' }),
  'POST /api/chains/:chainId/links': () => ({ stage: 'upstream', zh: '矩阵环节' }),
  'PATCH /api/chains/:chainId/links/:linkId': () => ({ zh: '矩阵环节' }),
  'POST /api/rules/params/:ruleset': () => ({ effectiveFrom: '2099-01-01', params: { minRevenue: 1, minRdExpense: 1, minRdIntensityBp: 1, minInventionPatents: 1, requireHnte: true, requireRdInstitution: true } }),
  'POST /api/funds/villages': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵村', district: 'jimei' }),
  'POST /api/funds/villages/:id/incomes': () => ({ year: 2024, incomeFen: 100 }),
  'POST /api/funds/collective-projects': () => ({ villageId: '00000000-0000-4000-8000-0000000000f2', ref: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵项目', investmentFen: 1000, operator: '矩阵合作社' }),
  'POST /api/funds/ventures': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵基金', kind: 'sub_fund', sizeFen: 1000 }),
  'POST /api/funds/ventures/:id/investments': () => ({ targetName: '矩阵标的', round: 'A', stage: 'a', amountFen: 100, investedOn: '2025-01-01' }),
  'POST /api/policies': () => ({ slug: 'matrix-policy', title: '矩阵测试政策', issuer: '厦门市科学技术局', level: 'city', version: { effectiveFrom: '2026-01-01', clauses: [{ no: '1', text: '测试条款。' }] } }),
  'POST /api/benefits/:code/validate': () => ({ effectiveFrom: '2026-01-01', period: 'yearly', condition: 'fy.employees >= 10', formula: { kind: 'fixed', amount: 100 } }),
  'POST /api/benefits/calculate': () => ({ year: 2025, facts: { org: { kind: 'enterprise' } } }),
  'POST /api/auto-grants': () => ({ benefit: 'rd_super_deduction', asOf: '2026-06-01' }),
  'POST /api/programmes': () => ({ code: `M${Math.random().toString(36).slice(2, 8).toUpperCase()}`, kind: 'major_research', name: '矩阵计划' }),
  'POST /api/programmes/calls/:id/decisions': () => ({ decisions: [{ applicationId: '00000000-0000-4000-8000-0000000000f3', decision: 'reject', reason: '矩阵' }] }),
  'POST /api/programmes/applications': () => ({ callId: '00000000-0000-4000-8000-0000000000f4', title: '矩阵申报' }),
  'PATCH /api/programmes/applications/:id': () => ({ title: '矩阵申报' }),
  'POST /api/programmes/applications/:id/formal-check': () => ({ result: 'pass' }),
  'POST /api/programmes/reviewers': () => ({ userId: '00000000-0000-4000-8000-0000000000f5' }),
  'POST /api/programmes/reviews/:id/score': () => ({ scores: { a: 1 }, comment: '矩阵' }),
  'POST /api/programmes/projects/:id/tranches/:no/pay': () => ({ reference: 'MATRIX-PAY' }),
  'POST /api/programmes/projects/:id/midterm': () => ({ result: 'pass', comments: '矩阵' }),
  'POST /api/programmes/projects/:id/changes': () => ({ kind: 'scope', description: '矩阵' }),
  'POST /api/programmes/changes/:id/decide': () => ({ approve: false }),
  'POST /api/programmes/projects/:id/acceptance': () => ({ result: 'fail', indicators: [], comments: '矩阵' }),
  'POST /api/programmes/projects/:id/gates': () => ({ milestone: 'm1', decision: 'keep', reason: '矩阵' }),
  'PUT /api/notices/opt-outs': () => ({ topics: ['subsidy'] }),
};

/** Answers that mean "not for you": unauthenticated, wrong role, or outside the caller's scope. */
const DENIALS = new Set(['auth.required', 'auth.forbidden', 'org.not_found', 'org.out_of_scope']);

let t: TestApp;
let targetUserId: string;
let target: { id: string; uscc: string };
beforeAll(async () => {
  t = await createTestApp();
  targetUserId = (await t.as('reviewer')).userId;
  target = await createOrg(t.ctx, { uscc: withCheckChar('91350203MA8TARGET'), name: '矩阵测试科技有限公司', kind: 'enterprise', district: 'siming', formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] });
});
afterAll(() => t.close());

async function clientFor(caller: Caller) {
  switch (caller) {
    case 'anonymous':
      return t.client();
    case 'org_user':
      return t.as('org_user', { orgId: target.id });
    case 'other_district_officer':
      return t.as('district_officer', { district: 'xiangan' });
    case 'other_org_user':
      return t.as('org_user', { orgId: '00000000-0000-4000-8000-0000000000b2' });
    default:
      return t.as(caller);
  }
}

function apiRoutes() {
  return t.app.routeList
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url, access: r.config?.access })))
    .filter((r) => (r.url.startsWith('/api') || r.url.startsWith('/open-data')) && r.method !== 'HEAD');
}

describe('authorisation matrix', () => {
  it('covers every API route, and every entry is a real route', () => {
    const declared = apiRoutes().filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect(declared.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !declared.includes(k))).toEqual([]);
  });

  it('keeps the API documentation public and read-only', () => {
    const docs = apiRoutes().filter((r) => r.url.startsWith('/api/docs'));
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((r) => r.access === 'public' && r.method === 'GET')).toBe(true);
  });

  for (const [key, allowed] of Object.entries(MATRIX)) {
    const [method, path] = key.split(' ');
    it(`${key}: allows ${allowed.join(', ')}`, async () => {
      const url = path.replace(':id', targetUserId).replace(':uscc', target.uscc).replace(':year', '2024').replace(':ruleset', 'tech_leader').replace(':no', '1');
      const outcome: Record<string, string> = {};
      for (const caller of CALLERS) {
        const c = await clientFor(caller);
        const res = await c.request({ method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: BODIES[key]?.() ?? {} }) });
        const code = res.headers['content-type']?.toString().includes('problem') ? res.json().code : undefined;
        const denied = DENIALS.has(code);
        expect(res.statusCode, `${caller} got ${res.statusCode} ${code ?? ''}`).toBeLessThan(500);
        outcome[caller] = denied ? 'deny' : 'allow';
      }
      const expected = Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? 'allow' : 'deny']));
      expect(outcome).toEqual(expected);
    });
  }
});
