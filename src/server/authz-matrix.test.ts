// The authorisation matrix: every API route, called as every kind of caller, is allowed or
// denied exactly as this table says. A route missing from the table fails the test, so
// each module extends the table when it adds routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../lib/uscc.ts';
import { createOrg } from '../modules/registry/registry.service.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';

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
  'GET /api/metrics': ADMIN,
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
    'GET /api/funds/ventures', 'GET /api/funds/ventures/:id/investments', 'GET /api/funds/agreements', 'GET /api/funds/agreements/:id',
    'GET /api/funds/grant-payments',
  ].map((k) => [k, ['bureau_admin', 'district_officer', 'other_district_officer'] as const])),
  ...Object.fromEntries([
    'POST /api/funds', 'POST /api/funds/recipients', 'POST /api/funds/recipients/:id/close', 'PATCH /api/funds/disbursements/:id',
    'POST /api/funds/disbursements/:id/approve', 'POST /api/funds/disbursements/:id/reject', 'POST /api/funds/disbursements/:id/cancel',
    'POST /api/funds/allocations/:id/disbursements', 'POST /api/funds/allocations/:id/releases', 'POST /api/funds/allocations/:id/returns',
    'POST /api/funds/entries/:id/reversal', 'POST /api/funds/:id/appropriations', 'POST /api/funds/:id/allocations',
    'POST /api/funds/villages', 'POST /api/funds/villages/:id/incomes', 'POST /api/funds/collective-projects',
    'POST /api/funds/ventures', 'POST /api/funds/ventures/:id/investments',
    'POST /api/funds/agreements', 'POST /api/funds/agreements/:id/status', 'POST /api/funds/agreements/:id/projects',
    'POST /api/funds/:id/grant-payments',
  ].map((k) => [k, ADMIN])),
  // R&D insurance (厦研保): lists are scoped (another district or organisation gets an empty one); the bureau decides claims.
  'GET /api/funds/insurance/products': ['bureau_admin', 'district_officer', 'other_district_officer', 'org_user', 'other_org_user'],
  'POST /api/funds/insurance/products': ADMIN,
  'GET /api/funds/insurance/enrolments': ['bureau_admin', 'district_officer', 'other_district_officer', 'org_user', 'other_org_user'],
  'POST /api/funds/insurance/enrolments': ['bureau_admin', 'org_user'],
  'POST /api/funds/insurance/enrolments/:id/cancel': ADMIN,
  'GET /api/funds/insurance/claims': ['bureau_admin', 'district_officer', 'other_district_officer', 'org_user', 'other_org_user'],
  'POST /api/funds/insurance/enrolments/:id/claims': ['bureau_admin', 'org_user', 'other_org_user'],
  'POST /api/funds/insurance/claims/:id/decision': ADMIN,
  'GET /api/funds/insurance/summary': ALL_STAFF,
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
  'DELETE /api/rules/params/:ruleset/:effectiveFrom': ADMIN,
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
  'GET /api/indicators/:id/by-chain': ALL_STAFF,
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
  // Digital transformation: the questionnaire, catalogue and green list are public; diagnoses follow the registry's scope
  // (by id: an unknown diagnosis is "not found" for every member role); programmes and the dashboard are staff's.
  'GET /api/digital/questionnaires': EVERYONE,
  'GET /api/digital/questionnaires/:version': EVERYONE,
  'PATCH /api/digital/questionnaires/:version': ADMIN,
  'GET /api/orgs/:uscc/diagnoses': OWNERS,
  'POST /api/orgs/:uscc/diagnoses': OWNERS,
  ...Object.fromEntries([
    'GET /api/digital/diagnoses/:id', 'PATCH /api/digital/diagnoses/:id', 'POST /api/digital/diagnoses/:id/submit',
    'POST /api/digital/diagnoses/:id/migrate', 'GET /api/digital/diagnoses/:id/recommendations',
  ].map((k) => [k, SIGNED_IN.filter((c) => c !== 'reviewer')])),
  'GET /api/digital/providers': EVERYONE,
  'POST /api/digital/providers': ADMIN,
  'GET /api/digital/solutions': EVERYONE,
  'GET /api/digital/solutions/compare': EVERYONE,
  'GET /api/digital/solutions/:id': EVERYONE,
  'POST /api/digital/solutions': ADMIN,
  ...Object.fromEntries([
    'GET /api/digital/pilot', 'PATCH /api/digital/pilot/:id', 'GET /api/digital/cloud-adoptions', 'GET /api/digital/retrofits', 'GET /api/digital/dashboard',
  ].map((k) => [k, ALL_STAFF])),
  // Records about the target organisation: its district's officer, not another district's.
  'POST /api/digital/pilot': OWN_DISTRICT_STAFF,
  'POST /api/digital/cloud-adoptions': OWN_DISTRICT_STAFF,
  'POST /api/digital/retrofits': OWN_DISTRICT_STAFF,
  'GET /api/digital/green-list': EVERYONE,
  'POST /api/digital/green-list': ADMIN,
  // Marketplace: listings, match queries, contract statistics and enclaves are public; organisations publish their own
  // (a stranger's id simply is not found); brokers are bureau and district staff; the bureau registers contracts and enclaves.
  ...Object.fromEntries([
    'GET /api/market/achievements', 'GET /api/market/achievements/:id', 'GET /api/market/demands', 'GET /api/market/demands/:id',
    'GET /api/market/match', 'GET /api/market/chain-links', 'GET /api/market/contracts/stats', 'GET /api/market/enclaves',
    'GET /api/carriers', 'GET /api/carriers/summary', 'GET /api/carriers/services', 'GET /api/carriers/:id',
    'GET /api/talent/units', 'GET /api/talent/summary',
  ].map((k) => [k, EVERYONE])),
  'POST /api/market/achievements': OWNERS,
  'POST /api/market/demands': OWNERS,
  ...Object.fromEntries([
    'POST /api/market/achievements/:id/close', 'POST /api/market/demands/:id/close', 'GET /api/market/demands/:id/matches', 'GET /api/market/achievements/:id/matches',
    'GET /api/market/mine', 'GET /api/market/searches', 'POST /api/market/searches', 'DELETE /api/market/searches/:id', 'GET /api/market/notices',
    'POST /api/market/notices/:id/read', 'GET /api/carriers/service-requests', 'GET /api/carriers/:id/reports', 'POST /api/carriers/:id/reports',
    'POST /api/carriers/:id/services', 'PUT /api/talent/units/:id/years/:year', 'PATCH /api/market/achievements/:id', 'PATCH /api/market/demands/:id',
    'POST /api/carriers/service-requests/:id/done', 'GET /api/market/contest-entries/:id/enclave-projects',
  ].map((k) => [k, ['bureau_admin', 'district_officer', 'other_district_officer', 'org_user', 'other_org_user'] as const])),
  ...Object.fromEntries([
    'GET /api/market/achievements/:id/follow-ups', 'POST /api/market/achievements/:id/follow-ups', 'GET /api/market/demands/:id/follow-ups',
    'POST /api/market/demands/:id/follow-ups', 'GET /api/market/contracts', 'GET /api/carriers/eval-params', 'GET /api/talent/chains/:chainId',
  ].map((k) => [k, ALL_STAFF])),
  ...Object.fromEntries([
    'POST /api/market/contracts', 'POST /api/market/enclaves', 'GET /api/market/contest-entries', 'POST /api/market/enclaves/:id/projects', 'PATCH /api/market/enclave-projects/:id',
    'POST /api/carriers', 'POST /api/carriers/eval-params', 'POST /api/carriers/evaluate', 'POST /api/carriers/:id/evaluate', 'POST /api/talent/units',
  ].map((k) => [k, ADMIN])),
  // Only the requesting enterprise asks for and rates a platform's service.
  'POST /api/carriers/services/:id/requests': ['org_user', 'other_org_user'],
  'POST /api/carriers/service-requests/:id/rate': ['org_user', 'other_org_user'],
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
  'POST /api/funds/insurance/products': () => ({ code: `M-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵险种', insurer: '矩阵保险', coverage: 'rd_failure', premiumRateBp: 100, maxSumInsuredFen: 100_000 }),
  'POST /api/funds/insurance/enrolments': () => ({ productId: '00000000-0000-4000-8000-0000000000f3', uscc: target.uscc, policyNo: `M-${Math.random().toString(36).slice(2, 8)}`, sumInsuredFen: 1000, premiumFen: 10, startsOn: '2026-01-01', endsOn: '2026-12-31' }),
  'POST /api/funds/insurance/enrolments/:id/claims': () => ({ lossOn: '2026-03-01', claimedFen: 100, description: '矩阵' }),
  'POST /api/funds/insurance/claims/:id/decision': () => ({ status: 'rejected' }),
  'POST /api/chains': () => ({ id: 'matrix_chain', zh: '矩阵产业链', en: 'Matrix chain' }),
  'PATCH /api/chains/:chainId': () => ({ zh: '矩阵' }),
  'POST /api/chains/:chainId/links': () => ({ stage: 'upstream', zh: '矩阵环节' }),
  'PATCH /api/chains/:chainId/links/:linkId': () => ({ zh: '矩阵环节' }),
  'POST /api/rules/params/:ruleset': () => ({ effectiveFrom: '2099-01-01', params: { minRevenue: 1, minRdExpense: 1, minRdIntensityBp: 1, minInventionPatents: 1, requireHnte: true, requireRdInstitution: true } }),
  'POST /api/funds/villages': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵村', district: 'jimei' }),
  'POST /api/funds/villages/:id/incomes': () => ({ year: 2024, incomeFen: 100 }),
  'POST /api/funds/collective-projects': () => ({ villageId: '00000000-0000-4000-8000-0000000000f2', ref: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵项目', investmentFen: 1000, operator: '矩阵合作社' }),
  'POST /api/funds/ventures': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵基金', kind: 'sub_fund', sizeFen: 1000 }),
  'POST /api/funds/agreements': () => ({ code: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, title: '矩阵协议', signedOn: '2025-01-01', periodFrom: '2025-01-01', periodTo: '2027-12-31' }),
  'POST /api/funds/:id/grant-payments': () => ({ batchId: '00000000-0000-4000-8000-0000000000f5' }),
  'POST /api/funds/agreements/:id/status': () => ({ status: 'completed' }),
  'POST /api/funds/agreements/:id/projects': () => ({ ref: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, name: '矩阵项目', county: 'wuping' }),
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
  'PATCH /api/digital/questionnaires/:version': () => ({ retired: false }),
  'POST /api/orgs/:uscc/diagnoses': () => ({ assessorOrg: '矩阵评估机构', assessorName: '矩阵评估人' }),
  'PATCH /api/digital/diagnoses/:id': () => ({ answers: { network: 'basic' } }),
  'POST /api/digital/diagnoses/:id/migrate': () => ({ to: '2024-manufacturing' }),
  'POST /api/digital/providers': () => ({ name: `矩阵服务商${Math.random().toString(36).slice(2, 8)}` }),
  'POST /api/digital/pilot': () => ({ uscc: withCheckChar('91350203MA8TARGET'), cohort: 'matrix', enrolledOn: '2025-01-01' }),
  'POST /api/digital/cloud-adoptions': () => ({ uscc: withCheckChar('91350203MA8TARGET'), kind: 'cloud', platform: `矩阵云${Math.random().toString(36).slice(2, 8)}`, adoptedOn: '2025-01-01' }),
  'POST /api/digital/retrofits': () => ({ uscc: withCheckChar('91350203MA8TARGET'), name: '矩阵改造', industry: 'other', year: 2025, investmentFen: 100 }),
  'POST /api/digital/green-list': () => ({ year: 2024, kind: 'green_factory', level: 'city', name: `矩阵${Math.random().toString(36).slice(2, 8)}` }),
  'POST /api/market/achievements': () => ({ orgUscc: target.uscc, title: '矩阵成果', field: 'new_energy', trl: 5, ipKind: 'know_how', transferModes: ['licence'] }),
  'POST /api/market/demands': () => ({ orgUscc: target.uscc, problem: '矩阵需求', field: 'new_energy', trlMin: 5 }),
  'POST /api/market/searches': () => ({ target: 'achievement', name: '矩阵订阅', query: { text: '储能' } }),
  'POST /api/market/achievements/:id/follow-ups': () => ({ note: '矩阵跟进' }),
  'POST /api/market/demands/:id/follow-ups': () => ({ note: '矩阵跟进' }),
  'PATCH /api/market/achievements/:id': () => ({ abstract: '矩阵修改' }),
  'PATCH /api/market/demands/:id': () => ({ goals: '矩阵修改' }),
  'POST /api/carriers/service-requests/:id/done': () => ({ note: '矩阵完成' }),
  'POST /api/market/contracts': () => ({ contractNo: `MATRIX-${Math.random().toString(36).slice(2, 8)}`, type: 'service', title: '矩阵合同', registeredValueFen: 100, sellerUscc: target.uscc, buyerUscc: withCheckChar('91350203MA8NEWXRH'), signedOn: '2025-01-01' }),
  'POST /api/market/enclaves': () => ({ name: `矩阵飞地${Math.random().toString(36).slice(2, 8)}`, location: '上海市' }),
  'POST /api/market/enclaves/:id/projects': () => ({ name: '矩阵项目', field: 'new_energy', stage: 'incubating' }),
  'PATCH /api/market/enclave-projects/:id': () => ({ stage: 'negotiating' }),
  'POST /api/carriers': () => ({ kind: 'incubator', name: '矩阵孵化器', level: 'city', hostUscc: target.uscc, establishedOn: '2020-01-01' }),
  'POST /api/carriers/eval-params': () => ({ effectiveFrom: '2099-01-01', params: { minStaff: 1, minRdSpendFen: 1, minPatents: 1, minEnterprisesServed: 1, minTransfers: 1, points: { staff: 20, rdSpend: 20, patents: 20, served: 20, transfers: 20 }, grades: { A: 90, B: 80, C: 60 } } }),
  'POST /api/carriers/evaluate': () => ({ year: 2024 }),
  'POST /api/carriers/:id/evaluate': () => ({ year: 2024 }),
  'POST /api/carriers/:id/reports': () => ({ year: 2024, staff: 1, rdSpendFen: 1 }),
  'POST /api/carriers/:id/services': () => ({ name: '矩阵服务' }),
  'POST /api/carriers/service-requests/:id/rate': () => ({ rating: 3 }),
  'POST /api/talent/units': () => ({ kind: 'training_base', name: '矩阵实训基地', tier: 'city', institutionUscc: target.uscc }),
  'PUT /api/talent/units/:id/years/:year': () => ({ trainees: 1, graduates: 0 }),
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

// One signed-in client per caller for the whole matrix (a login costs a scrypt hash); a route
// that ends the session drops its client so that the next route gets a fresh one.
const clients = new Map<Caller, Promise<Client>>();
function clientFor(caller: Caller): Promise<Client> {
  let c = clients.get(caller);
  if (!c) clients.set(caller, (c = newClient(caller)));
  return c;
}

async function newClient(caller: Caller): Promise<Client> {
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

/** Values for path parameters; any other parameter gets a well-formed id that matches nothing. */
function pathParams(): Record<string, string> {
  return { id: targetUserId, uscc: target.uscc, year: '2024', ruleset: 'tech_leader', effectiveFrom: '2099-01-01', chainId: 'matrix_chain', period: '2024', no: '1' };
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
      const url = path.replace(/:(\w+)/g, (_, name: string) => pathParams()[name] ?? '00000000-0000-4000-8000-0000000000e1');
      const outcome: Record<string, string> = {};
      for (const caller of CALLERS) {
        const c = await clientFor(caller);
        const res = await c.request({ method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: BODIES[key]?.() ?? {} }) });
        if (key === 'POST /api/auth/logout') clients.delete(caller);
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
