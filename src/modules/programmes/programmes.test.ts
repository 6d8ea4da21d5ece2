// The whole lifecycle through the API: call → apply → formal check → assign → review → rank →
// award → pay (funds, maker-checker) → mid-term → change → accept; with the bad inputs,
// each refused, audited, and changing nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.schema.ts';
import { createTestApp, type TestApp, type Client } from '../../test/harness.ts';
import { callBody, EXE_BYTES, makeFund, makeOrg, PDF_BYTES, WAN } from './fixtures.ts';
import { programmeApplications, programmeAssignments, programmeAttachments, programmeProjects } from './programmes.schema.ts';

const OPENS = Date.parse('2026-03-01T00:00:00Z');
const CLOSES = Date.parse('2026-03-31T10:00:00Z');
// Sessions follow the same clock (2 h idle), so the story stays within an hour of the deadline.
let nowMs = CLOSES - 1800_000;
const dataDir = mkdtempSync(join(tmpdir(), 'programmes-test-'));

let t: TestApp;
let admin: Client & { userId: string; username: string };
let checker: Client & { userId: string; username: string };
const org: Record<string, { id: string; uscc: string }> = {};
const reviewer: Record<string, Client & { userId: string; username: string }> = {};
let leadUser: Client;
let otherUser: Client;
let uniUser: Client;
let callId = '';
let app1 = '';

let app2 = '';
let lateApp = '';
let fundId = '';

async function refusals(action: string) {
  return t.ctx.db.select().from(auditLog).where(eq(auditLog.action, `${action}.refused`));
}

async function upload(c: Client, appId: string, body: Buffer, filename: string, kind = 'proposal') {
  return c.request({ method: 'POST', url: `/api/programmes/applications/${appId}/attachments?kind=${kind}&filename=${encodeURIComponent(filename)}`, payload: body, headers: { 'content-type': 'application/octet-stream' } });
}

async function newReviewer(name: string, affiliation: string | null, extra: { keywords?: string[]; declared?: string[] } = {}) {
  const c = await t.as('reviewer');
  reviewer[name] = c;
  const res = await admin.post('/api/programmes/reviewers', { userId: c.userId, keywords: extra.keywords ?? [], affiliationUscc: affiliation ?? undefined, declaredConflictUsccs: extra.declared ?? [] });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(nowMs), env: { DATA_DIR: dataDir } });
  admin = await t.as('bureau_admin');
  checker = await t.as('bureau_admin');
  org.lead = await makeOrg(t.ctx, { name: '鹭岛储能科技有限公司（测试）', parentGroup: '鹭岛集团' });
  org.partner = await makeOrg(t.ctx, { name: '厦门某大学（测试）', kind: 'university', district: 'jimei' });
  org.sister = await makeOrg(t.ctx, { name: '鹭岛材料有限公司（测试）', parentGroup: '鹭岛集团', district: 'huli' });
  org.oldPartner = await makeOrg(t.ctx, { name: '海沧合作研究院（测试）', kind: 'institute', district: 'haicang' });
  org.declared = await makeOrg(t.ctx, { name: '翔安声明回避单位（测试）', district: 'xiangan' });
  org.neutral = await makeOrg(t.ctx, { name: '同安中立研究所（测试）', kind: 'institute', district: 'tongan' });
  org.second = await makeOrg(t.ctx, { name: '集美第二申报公司（测试）', district: 'jimei' });
  org.uni = await makeOrg(t.ctx, { name: '思明申报大学（测试）', kind: 'university' });
  leadUser = await t.as('org_user', { orgId: org.lead.id });
  otherUser = await t.as('org_user', { orgId: org.second.id });
  uniUser = await t.as('org_user', { orgId: org.uni.id });
  // Two years ago the old partner applied together with the lead organisation (another call).
  const fund = await makeFund(t.ctx, 'PRG-TEST', 200 * WAN);
  fundId = fund.id;
  await newReviewer('sameOrg', org.lead.uscc);
  await newReviewer('sameGroup', org.sister.uscc);
  await newReviewer('recent', org.oldPartner.uscc);
  await newReviewer('declared', org.declared.uscc, { declared: [org.lead.uscc] });
  await newReviewer('a', org.neutral.uscc, { keywords: ['储能'] });
  await newReviewer('b', org.neutral.uscc, { keywords: ['储能', '电池'] });
  await newReviewer('c', null, { keywords: ['储能'] });
});
afterAll(() => t.close());

describe('programme lifecycle', () => {
  it('creates a programme and a call, validating the eligibility condition', async () => {
    const p = await admin.post('/api/programmes', { code: 'MAJOR', kind: 'major_research', name: '重大技术攻关（测试）' });
    expect(p.statusCode, p.body).toBe(201);
    const bad = await admin.post('/api/programmes/calls', callBody(p.json().id, 'MAJOR-BAD', { opensAt: new Date(OPENS).toISOString(), closesAt: new Date(CLOSES).toISOString(), eligibility: 'org.kind == spaceship' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('programme.eligibility_invalid');
    const c = await admin.post('/api/programmes/calls', callBody(p.json().id, 'MAJOR-2026', { opensAt: new Date(OPENS).toISOString(), closesAt: new Date(CLOSES).toISOString(), fundId }));
    expect(c.statusCode, c.body).toBe(201);
    callId = c.json().id;
    expect(c.json().status).toBe('draft');
    // The public sees no draft.
    const anon = await t.client();
    expect((await anon.get(`/api/public/calls/${callId}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/programmes/calls/${callId}/publish`)).statusCode).toBe(200);
    const pub = await anon.get('/api/public/calls');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().map((x: { id: string }) => x.id)).toContain(callId);
    expect(pub.json().find((x: { id: string }) => x.id === callId).window).toBe('open');

    // An older application (two years back) makes oldPartner a recent co-applicant of lead.
    const [{ id: oldCall }] = [c.json()];
    await t.ctx.db.insert(programmeApplications).values({
      callId: oldCall, orgId: org.oldPartner.id, partnerOrgIds: [org.lead.id], title: '旧合作项目（测试）', status: 'rejected',
      submittedAt: new Date(nowMs - 2 * 365 * 24 * 3600_000), createdAt: new Date(nowMs), updatedAt: new Date(nowMs),
    });
  });

  it('drafts an application with the registry prefill and a partner', async () => {
    const pre = await leadUser.get('/api/programmes/prefill');
    expect(pre.json().uscc).toBe(org.lead.uscc);
    const res = await leadUser.post('/api/programmes/applications', { callId, title: '兆瓦级储能系统关键技术（测试）', partnerUsccs: [org.partner.uscc], keywords: ['储能'] });
    expect(res.statusCode, res.body).toBe(201);
    app1 = res.json().id;
    expect(res.json().status).toBe('draft');
    expect(res.json().partners[0].uscc).toBe(org.partner.uscc);
  });

  it('refuses a budget over the cap: 409, audited, nothing changed', async () => {
    const over = await leadUser.patch(`/api/programmes/applications/${app1}`, { budget: [{ category: 'equipment', requestedFen: 50 * WAN + 1, selfFen: 60 * WAN }] });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('programme.budget_over_cap');
    expect(over.json().detail).toContain('50000001');
    expect((await refusals('programme.application.save')).length).toBe(1);
    const [row] = await t.ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, app1));
    expect(row.budget).toEqual([]);
    expect(row.requestedFen).toBe(0);
    // Exactly at the cap is accepted.
    const at = await leadUser.patch(`/api/programmes/applications/${app1}`, { budget: [{ category: 'equipment', requestedFen: 50 * WAN, selfFen: 50 * WAN }] });
    expect(at.statusCode, at.body).toBe(200);
    expect(at.json().requestedFen).toBe(50 * WAN);
  });

  it('refuses an executable renamed .pdf by its magic bytes: 415, audited, nothing stored', async () => {
    const res = await upload(leadUser, app1, EXE_BYTES, 'proposal.pdf');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('programme.attachment_type');
    expect((await refusals('programme.attachment.upload')).length).toBe(1);
    expect(await t.ctx.db.select().from(programmeAttachments)).toEqual([]);
    expect(existsSync(join(dataDir, 'programmes', 'attachments', app1)) ? readdirSync(join(dataDir, 'programmes', 'attachments', app1)) : []).toEqual([]);
    // A real PDF named .docx is refused too: name and content must agree.
    expect((await upload(leadUser, app1, PDF_BYTES, 'proposal.docx')).statusCode).toBe(415);
  });

  it('stores a PDF with its sha256, readable only by permitted users', async () => {
    const res = await upload(leadUser, app1, PDF_BYTES, '项目申报书.pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sha256).toBe(createHash('sha256').update(PDF_BYTES).digest('hex'));
    const id = res.json().id;
    const own = await leadUser.get(`/api/programmes/attachments/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect((await otherUser.get(`/api/programmes/attachments/${id}`)).statusCode).toBe(404);
    expect((await reviewer.a.get(`/api/programmes/attachments/${id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/programmes/attachments/${id}`)).statusCode).toBe(200);
  });

  it('checks co-funding at submission, then submits exactly at the deadline', async () => {
    await leadUser.patch(`/api/programmes/applications/${app1}`, { answers: { summary: '研制兆瓦级储能系统。' }, budget: [{ category: 'equipment', requestedFen: 30 * WAN, selfFen: 20 * WAN }, { category: 'labour', requestedFen: 10 * WAN, selfFen: 19 * WAN }] });
    const short = await leadUser.post(`/api/programmes/applications/${app1}/submit`);
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('programme.cofunding_short');
    await leadUser.patch(`/api/programmes/applications/${app1}`, { budget: [{ category: 'equipment', requestedFen: 30 * WAN, selfFen: 20 * WAN }, { category: 'labour', requestedFen: 10 * WAN, selfFen: 20 * WAN }] });
    // A second application and a late one, drafted while the call is open.
    const second = await otherUser.post('/api/programmes/applications', { callId, title: '固态电池电解质（测试）', keywords: ['储能', '电池'] });
    app2 = second.json().id;
    await otherUser.patch(`/api/programmes/applications/${app2}`, { answers: { summary: '固态电解质。' }, budget: [{ category: 'equipment', requestedFen: 30 * WAN, selfFen: 30 * WAN }] });
    expect((await upload(otherUser, app2, PDF_BYTES, 'p.pdf')).statusCode).toBe(201);
    expect((await otherUser.post(`/api/programmes/applications/${app2}/submit`)).statusCode).toBe(200);
    const late = await otherUser.post('/api/programmes/applications', { callId, title: '迟交的申报书（测试）' });
    lateApp = late.json().id;
    await otherUser.patch(`/api/programmes/applications/${lateApp}`, { answers: { summary: '迟交。' }, budget: [{ category: 'equipment', requestedFen: 10 * WAN, selfFen: 10 * WAN }] });
    expect((await upload(otherUser, lateApp, PDF_BYTES, 'late.pdf')).statusCode).toBe(201);

    nowMs = CLOSES; // the deadline itself is still in time
    const ok = await leadUser.post(`/api/programmes/applications/${app1}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('submitted');
    expect(ok.json().eligibility.result).toBe('true');
  });

  it('refuses a submission one second after the deadline: 409, audited, still a draft', async () => {
    nowMs = CLOSES + 1000;
    const res = await otherUser.post(`/api/programmes/applications/${lateApp}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('programme.call_not_open');
    const rows = await refusals('programme.application.submit');
    expect(rows.some((r) => r.entityId === lateApp)).toBe(true);
    const [row] = await t.ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, lateApp));
    expect(row.status).toBe('draft');
    expect(row.submittedAt).toBeNull();
  });

  it('runs the formal check: return with comments, correction, pass', async () => {
    const ret = await admin.post(`/api/programmes/applications/${app2}/formal-check`, { result: 'return', comments: '请补充合作协议。' });
    expect(ret.json().status).toBe('returned');
    expect(ret.json().formalComments).toBe('请补充合作协议。');
    // A returned application may be corrected and resubmitted after the deadline.
    expect((await otherUser.post(`/api/programmes/applications/${app2}/submit`)).json().status).toBe('submitted');
    // Illegal transition: a draft cannot pass the formal check.
    const illegal = await admin.post(`/api/programmes/applications/${lateApp}/formal-check`, { result: 'pass' });
    expect(illegal.json().code).toBe('programme.transition_refused');
    for (const id of [app1, app2]) expect((await admin.post(`/api/programmes/applications/${id}/formal-check`, { result: 'pass' })).json().status).toBe('eligible');
  });

  it('assigns reviewers excluding every conflict, and explains each exclusion', async () => {
    const res = await admin.post(`/api/programmes/calls/${callId}/assign`);
    expect(res.statusCode, res.body).toBe(200);
    const a1 = res.json().find((x: { applicationId: string }) => x.applicationId === app1);
    const reasons = Object.fromEntries(a1.excluded.map((e: { reviewer: string; reasons: { code: string }[] }) => [e.reviewer, e.reasons.map((r) => r.code)]));
    expect(reasons[reviewer.sameOrg.username]).toContain('same_org');
    expect(reasons[reviewer.sameGroup.username]).toContain('same_group');
    expect(reasons[reviewer.recent.username]).toContain('recent_partner');
    expect(reasons[reviewer.declared.username]).toContain('declared');
    const chosen = a1.chosen.map((c: { reviewer: string }) => c.reviewer).sort();
    expect(chosen).toEqual([reviewer.a.username, reviewer.b.username, reviewer.c.username].sort());
    // Expertise first: reviewers whose keywords match are chosen before the others, and say why.
    for (const c of a1.chosen) expect(c.why.zh).toContain('储能');
    const [row] = await t.ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, app1));
    expect(row.status).toBe('under_review');
  });

  it('keeps a reviewer to its own assignments, blind', async () => {
    // Reviewer "sameOrg" was excluded from app1: reading it is "not found".
    const unassigned = await reviewer.sameOrg.get(`/api/programmes/applications/${app1}`);
    expect(unassigned.statusCode).toBe(404);
    expect(unassigned.json().code).toBe('programme.application_not_found');
    const refused = await refusals('programme.application.read');
    expect(refused.some((r) => r.entityId === app1 && r.actorUsername === reviewer.sameOrg.username)).toBe(true);
    const inbox = await reviewer.a.get('/api/programmes/reviews');
    const mine = inbox.json().find((x: { applicationId: string }) => x.applicationId === app1);
    const view = await reviewer.a.get(`/api/programmes/reviews/${mine.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().application.orgName).toBeNull();
    expect(view.json().application.partners).toEqual([]);
    expect(JSON.stringify(view.json())).not.toContain('鹭岛储能');
    // Another reviewer's assignment is not found either.
    expect((await reviewer.b.get(`/api/programmes/reviews/${mine.id}`)).statusCode).toBe(404);
  });

  it('scores by rubric, calibrates, flags outliers and the panel, then locks', async () => {
    const plan: Record<string, Record<string, [number, number]>> = {
      [app1]: { a: [10, 10], b: [9, 9], c: [3, 3] },
      [app2]: { a: [6, 6], b: [5, 5], c: [2, 2] },
    };
    for (const [appId, byReviewer] of Object.entries(plan)) {
      for (const [name, [innovation, feasibility]] of Object.entries(byReviewer)) {
        const inbox = (await reviewer[name].get('/api/programmes/reviews')).json();
        const asg = inbox.find((x: { applicationId: string }) => x.applicationId === appId);
        const bad = await reviewer[name].post(`/api/programmes/reviews/${asg.id}/score`, { scores: { innovation }, comment: '缺项' });
        expect(bad.json().code).toBe('programme.score_invalid');
        const res = await reviewer[name].post(`/api/programmes/reviews/${asg.id}/score`, { scores: { innovation, feasibility }, comment: '意见。' });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const r = await admin.get(`/api/programmes/calls/${callId}/ranking`);
    const rows = r.json().rows;
    expect(rows[0].applicationId).toBe(app1);
    const first = rows[0];
    expect(first.rawMean).toBeCloseTo((100 + 90 + 30) / 3, 1);
    expect(first.spread).toBe(70);
    expect(first.needsPanel).toBe(true);
    expect(first.reviews.find((x: { reviewer: string }) => x.reviewer === reviewer.c.username).outlier).toBe(true);
    expect(first.reviews.find((x: { reviewer: string }) => x.reviewer === reviewer.a.username).outlier).toBe(false);
    // Each reviewer scored app1 higher than app2: after calibration app1 sits at +1, app2 at −1.
    expect(first.zMean).toBeCloseTo(1, 3);
    expect(rows[1].zMean).toBeCloseTo(-1, 3);
    const lock = await admin.post(`/api/programmes/calls/${callId}/lock`);
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json().panelLockedAt).not.toBeNull();
  });

  it('refuses a score changed after the panel lock: 409, audited, unchanged', async () => {
    const inbox = (await reviewer.c.get('/api/programmes/reviews')).json();
    const asg = inbox.find((x: { applicationId: string }) => x.applicationId === app1);
    const res = await reviewer.c.post(`/api/programmes/reviews/${asg.id}/score`, { scores: { innovation: 10, feasibility: 10 }, comment: '改分' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('programme.panel_locked');
    expect((await refusals('programme.review.score')).some((x) => x.entityId === asg.id)).toBe(true);
    const [row] = await t.ctx.db.select().from(programmeAssignments).where(eq(programmeAssignments.id, asg.id));
    expect(row.total).toBe(30);
  });

  it('refuses awards beyond the budget or the cap: 409, audited, nothing awarded', async () => {
    const both = await admin.post(`/api/programmes/calls/${callId}/decisions`, { decisions: [
      { applicationId: app1, decision: 'award', reason: '排名第一' },
      { applicationId: app2, decision: 'award', reason: '排名第二' },
    ] });
    expect(both.statusCode).toBe(409);
    expect(both.json().code).toBe('programme.award_over_budget');
    const overMax = await admin.post(`/api/programmes/calls/${callId}/decisions`, { decisions: [{ applicationId: app1, decision: 'award', amountFen: 40 * WAN + 1, reason: '多给' }] });
    expect(overMax.json().code).toBe('programme.award_over_max');
    expect((await refusals('programme.call.decide')).length).toBe(2);
    expect(await t.ctx.db.select().from(programmeProjects)).toEqual([]);
    const [row] = await t.ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, app1));
    expect(row.status).toBe('under_review');
  });

  let projectId = '';
  it('awards within the budget and records the reasons', async () => {
    const res = await admin.post(`/api/programmes/calls/${callId}/decisions`, { decisions: [
      { applicationId: app1, decision: 'award', reason: '校准后排名第一，评审会一致同意' },
      { applicationId: app2, decision: 'reject', reason: '排名靠后，预算不足' },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().awardedFen).toBe(40 * WAN);
    projectId = res.json().projects[0];
    const a2 = await otherUser.get(`/api/programmes/applications/${app2}`);
    expect(a2.json().status).toBe('rejected');
    expect(a2.json().decision.reason).toContain('预算不足');
  });

  it('draws up the agreement, signs, and pays tranches through the funds ledger (maker-checker)', async () => {
    const badSum = await admin.post(`/api/programmes/projects/${projectId}/agreement`, {
      deliverables: ['样机一套'], indicators: [{ key: 'patents', label: '发明专利申请', target: 2, unit: '件' }], startOn: '2026-05-01', endOn: '2028-04-30',
      tranches: [{ amountFen: 20 * WAN, condition: 'signing' }],
    });
    expect(badSum.json().code).toBe('programme.agreement_invalid');
    const ag = await admin.post(`/api/programmes/projects/${projectId}/agreement`, {
      deliverables: ['样机一套', '技术报告'], indicators: [{ key: 'patents', label: '发明专利申请', target: 2, unit: '件' }], startOn: '2026-05-01', endOn: '2028-04-30',
      tranches: [{ amountFen: 20 * WAN, condition: 'signing' }, { amountFen: 10 * WAN, condition: 'midterm' }, { amountFen: 10 * WAN, condition: 'acceptance' }],
    });
    expect(ag.statusCode, ag.body).toBe(200);
    const signed = await admin.post(`/api/programmes/projects/${projectId}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('active');
    expect(signed.json().allocation.allocatedFen).toBe(40 * WAN);

    const notDue = await admin.post(`/api/programmes/projects/${projectId}/tranches/2/pay`, { reference: 'PAY-2' });
    expect(notDue.json().code).toBe('programme.tranche_not_due');
    const pay1 = await admin.post(`/api/programmes/projects/${projectId}/tranches/1/pay`, { reference: 'PAY-1' });
    expect(pay1.statusCode, pay1.body).toBe(200);
    const t1 = pay1.json().tranches[0];
    expect(t1.status).toBe('requested');
    // The maker cannot approve its own payment; the checker can.
    expect((await admin.post(`/api/funds/disbursements/${t1.disbursementId}/approve`, {})).json().code).toBe('fund.self_approval');
    expect((await checker.post(`/api/funds/disbursements/${t1.disbursementId}/approve`, {})).statusCode).toBe(200);
    const after = await leadUser.get(`/api/programmes/projects/${projectId}`);
    expect(after.json().tranches[0].status).toBe('paid');
    expect(after.json().paidFen).toBe(20 * WAN);
  });

  it('mid-term, a change request, acceptance with indicators, final payments', async () => {
    expect((await admin.post(`/api/programmes/projects/${projectId}/midterm`, { result: 'pass', comments: '进度符合任务书。' })).json().midterm.result).toBe('pass');
    const p2 = await admin.post(`/api/programmes/projects/${projectId}/tranches/2/pay`, { reference: 'PAY-2' });
    expect((await checker.post(`/api/funds/disbursements/${p2.json().tranches[1].disbursementId}/approve`, {})).statusCode).toBe(200);

    const ch = await leadUser.post(`/api/programmes/projects/${projectId}/changes`, { kind: 'schedule', description: '设备到货延迟，申请延期三个月。', newEndOn: '2028-07-31' });
    expect(ch.statusCode, ch.body).toBe(201);
    expect((await admin.post(`/api/programmes/changes/${ch.json().id}/decide`, { approve: true, note: '同意' })).json().status).toBe('approved');
    expect((await admin.get(`/api/programmes/projects/${projectId}`)).json().agreement.endOn).toBe('2028-07-31');

    const unmet = await admin.post(`/api/programmes/projects/${projectId}/acceptance`, { result: 'pass', indicators: [{ key: 'patents', actual: 1 }], comments: '专利不足' });
    expect(unmet.json().code).toBe('programme.acceptance_unmet');
    const acc = await admin.post(`/api/programmes/projects/${projectId}/acceptance`, { result: 'pass', indicators: [{ key: 'patents', actual: 3 }], comments: '全部指标达标。' });
    expect(acc.json().status).toBe('accepted');
    expect(acc.json().acceptance.indicators[0].met).toBe(true);
    const p3 = await admin.post(`/api/programmes/projects/${projectId}/tranches/3/pay`, { reference: 'PAY-3' });
    expect((await checker.post(`/api/funds/disbursements/${p3.json().tranches[2].disbursementId}/approve`, {})).statusCode).toBe(200);
    const done = await admin.get(`/api/programmes/projects/${projectId}`);
    expect(done.json().paidFen).toBe(40 * WAN);
    expect(done.json().allocation.paidFen).toBe(40 * WAN);
    expect(done.json().allocation.remainingFen).toBe(0);
  });

  it('notified the applicant of every transition, and audited each', async () => {
    const notes = (await leadUser.get('/api/programmes/notifications')).json().map((n: { title: { zh: string } }) => n.title.zh);
    for (const s of ['已提交', '形式审查通过', '专家评审中', '已立项', '执行中', '验收通过']) expect(notes.some((x: string) => x.includes(s)), s).toBe(true);
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, app1), like(auditLog.action, 'programme.application.%')));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['programme.application.submit', 'programme.application.pass_formal', 'programme.application.assign', 'programme.application.award']));
  });

  it('shows the platform\'s projects beside the letter\'s figures with their source', async () => {
    const s = (await admin.get('/api/programmes/stats')).json();
    expect(s.platform.projects).toBe(1);
    expect(s.letter.find((f: { id: string }) => f.id === 'hnte_transformation_projects').value).toBe(1775);
    expect(s.letter[0].source.docNo).toBe('厦科函〔2025〕84号');
  });

  it('refuses an ineligible applicant by the call\'s condition', async () => {
    nowMs = CLOSES - 600_000;
    const res = await uniUser.post('/api/programmes/applications', { callId, title: '高校项目（测试）' });
    const id = res.json().id;
    await uniUser.patch(`/api/programmes/applications/${id}`, { answers: { summary: 'x' }, budget: [{ category: 'equipment', requestedFen: WAN, selfFen: WAN }] });
    await upload(uniUser, id, PDF_BYTES, 'u.pdf');
    const sub = await uniUser.post(`/api/programmes/applications/${id}/submit`);
    expect(sub.statusCode).toBe(409);
    expect(sub.json().code).toBe('programme.not_eligible');
    expect(sub.json().detail).toContain('org.kind');
  });
});
