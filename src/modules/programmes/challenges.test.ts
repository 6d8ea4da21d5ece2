// Open challenges (揭榜挂帅): parallel solvers (赛马) up to the limit, milestone gates that keep or
// drop each, the bounty paid by milestone through the funds module.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { callBody, makeFund, makeOrg, PDF_BYTES, WAN } from './fixtures.ts';

const CLOSES = Date.parse('2026-06-30T10:00:00Z');
let nowMs = CLOSES - 3600_000;
let t: TestApp;
let admin: Client;
let checker: Client;
let callId = '';
const solvers: { user: Client; appId: string }[] = [];
let projects: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(nowMs), env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'programmes-ch-')) } });
  admin = await t.as('bureau_admin');
  checker = await t.as('bureau_admin');
  const fund = await makeFund(t.ctx, 'CHAL-TEST', 500 * WAN);
  const lead = await makeOrg(t.ctx, { name: '发榜链主企业（测试）' });
  const p = await admin.post('/api/programmes', { code: 'JBGS', kind: 'open_challenge', name: '揭榜挂帅（测试）' });
  const body = callBody(p.json().id, 'JBGS-2026', {
    opensAt: new Date(CLOSES - 30 * 86400_000).toISOString(), closesAt: new Date(CLOSES).toISOString(), fundId: fund.id,
    budgetFen: 300 * WAN, maxAwardFen: 100 * WAN, cofundingRatioBp: 0, reviewersPerApplication: 1, blind: false,
    form: { fields: [], budgetCategories: [{ key: 'rd', label: { zh: '研发费', en: 'R&D' } }], requiredAttachments: [] },
    challenge: {
      problem: '车规级功率芯片封装的散热难题。', goals: ['结温降低 15℃', '通过 AEC-Q101'], bountyFen: 100 * WAN, leadOrgId: lead.id, maxSolvers: 2,
      milestones: [
        { key: 'prototype', title: { zh: '样品', en: 'Prototype' }, dueOn: '2026-12-31', shareBp: 4000 },
        { key: 'qualified', title: { zh: '车规认证', en: 'Qualified' }, dueOn: '2027-06-30', shareBp: 6000 },
      ],
    },
  });
  // A challenge needs its problem; another kind must not carry one.
  const { challenge: _c, ...plain } = body;
  expect((await admin.post('/api/programmes/calls', plain)).json().code).toBe('programme.call_invalid');
  const c = await admin.post('/api/programmes/calls', body);
  expect(c.statusCode, c.body).toBe(201);
  callId = c.json().id;
  await admin.post(`/api/programmes/calls/${callId}/publish`);
  const rv = await t.as('reviewer');
  await admin.post('/api/programmes/reviewers', { userId: rv.userId, keywords: ['芯片'] });
  for (let i = 0; i < 3; i++) {
    const org = await makeOrg(t.ctx, { name: `揭榜团队${i + 1}（测试）`, district: 'huli' });
    const user = await t.as('org_user', { orgId: org.id });
    const a = await user.post('/api/programmes/applications', { callId, title: `揭榜方案${i + 1}`, keywords: ['芯片'] });
    await user.patch(`/api/programmes/applications/${a.json().id}`, { budget: [{ category: 'rd', requestedFen: 100 * WAN, selfFen: 0 }] });
    await user.request({ method: 'POST', url: `/api/programmes/applications/${a.json().id}/attachments?kind=proposal&filename=p.pdf`, payload: PDF_BYTES, headers: { 'content-type': 'application/octet-stream' } });
    expect((await user.post(`/api/programmes/applications/${a.json().id}/submit`)).statusCode).toBe(200);
    await admin.post(`/api/programmes/applications/${a.json().id}/formal-check`, { result: 'pass' });
    solvers.push({ user, appId: a.json().id });
  }
  expect((await admin.post(`/api/programmes/calls/${callId}/assign`)).statusCode).toBe(200);
  for (const r of (await rv.get('/api/programmes/reviews')).json()) {
    await rv.post(`/api/programmes/reviews/${r.id}/score`, { scores: { innovation: 8, feasibility: 8 }, comment: '可行。' });
  }
  expect((await admin.post(`/api/programmes/calls/${callId}/lock`)).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('open challenge (揭榜挂帅)', () => {
  it('is listed publicly with its problem and bounty', async () => {
    const list = (await (await t.client()).get('/api/public/calls?kind=open_challenge')).json();
    expect(list[0].challenge.bountyFen).toBe(100 * WAN);
    expect(list[0].leadOrgName).toBe('发榜链主企业（测试）');
  });

  it('funds at most maxSolvers in parallel (赛马)', async () => {
    const three = await admin.post(`/api/programmes/calls/${callId}/decisions`, { decisions: solvers.map((s) => ({ applicationId: s.appId, decision: 'award', reason: '赛马' })) });
    expect(three.json().code).toBe('programme.solvers_full');
    const two = await admin.post(`/api/programmes/calls/${callId}/decisions`, { decisions: [
      ...solvers.slice(0, 2).map((s) => ({ applicationId: s.appId, decision: 'award', reason: '赛马：两队并行' })),
      { applicationId: solvers[2].appId, decision: 'reject', reason: '方案成熟度不足' },
    ] });
    expect(two.statusCode, two.body).toBe(200);
    projects = two.json().projects;
    const p = (await admin.get(`/api/programmes/projects/${projects[0]}`)).json();
    // The bounty schedule follows the milestones: 40 % and 60 %.
    expect(p.tranches.map((x: { amountFen: number; condition: string }) => [x.amountFen, x.condition])).toEqual([[40 * WAN, 'milestone:prototype'], [60 * WAN, 'milestone:qualified']]);
  });

  it('keeps or drops each solver at a gate; pays the bounty by milestone', async () => {
    for (const id of projects) {
      const p = (await admin.get(`/api/programmes/projects/${id}`)).json();
      await admin.post(`/api/programmes/projects/${id}/agreement`, {
        deliverables: ['散热方案'], indicators: [{ key: 'tj', label: '结温降低', target: 15, unit: '℃' }], startOn: '2026-07-01', endOn: '2027-06-30',
        tranches: p.tranches.map((x: { amountFen: number; condition: string; dueOn: string }) => ({ amountFen: x.amountFen, condition: x.condition, dueOn: x.dueOn })),
      });
      expect((await admin.post(`/api/programmes/projects/${id}/sign`)).statusCode).toBe(200);
    }
    const [kept, dropped] = projects;
    expect((await admin.post(`/api/programmes/projects/${kept}/tranches/1/pay`, { reference: 'JB-1' })).json().code).toBe('programme.tranche_not_due');
    // Gates go in order.
    expect((await admin.post(`/api/programmes/projects/${kept}/gates`, { milestone: 'qualified', decision: 'keep', reason: '跳过' })).json().code).toBe('programme.gate_invalid');
    expect((await admin.post(`/api/programmes/projects/${kept}/gates`, { milestone: 'prototype', decision: 'keep', reason: '样品达标' })).statusCode).toBe(200);
    const drop = await admin.post(`/api/programmes/projects/${dropped}/gates`, { milestone: 'prototype', decision: 'drop', reason: '样品结温未达标' });
    expect(drop.json().status).toBe('dropped');
    expect(drop.json().allocation.remainingFen).toBe(0);
    expect(drop.json().tranches.every((x: { status: string }) => x.status === 'cancelled')).toBe(true);
    const pay = await admin.post(`/api/programmes/projects/${kept}/tranches/1/pay`, { reference: 'JB-1' });
    expect(pay.statusCode, pay.body).toBe(200);
    await checker.post(`/api/funds/disbursements/${pay.json().tranches[0].disbursementId}/approve`, {});
    expect((await admin.post(`/api/programmes/projects/${kept}/tranches/2/pay`, { reference: 'JB-2' })).json().code).toBe('programme.tranche_not_due');
    const board = (await admin.get(`/api/programmes/calls/${callId}/board`)).json();
    const k = board.solvers.find((s: { projectId: string }) => s.projectId === kept);
    expect(k.paidFen).toBe(40 * WAN);
    expect(k.milestones[0]).toMatchObject({ key: 'prototype', decision: 'keep', trancheStatus: 'paid' });
    expect(board.solvers.find((s: { projectId: string }) => s.projectId === dropped).status).toBe('dropped');
    // A dropped solver cannot be gated again.
    expect((await admin.post(`/api/programmes/projects/${dropped}/gates`, { milestone: 'qualified', decision: 'keep', reason: 'x' })).statusCode).toBe(400);
  });
});
