// Demo data for programmes (synthetic, labelled 示例): four programmes and five calls — an open
// 2026 major-research call, an open 揭榜挂帅 challenge, an open 苏颂杯 contest round, a 2025
// industry–academia call already decided with a signed, partly paid project, and a 2026
// future-industry call under review — using the demo accounts and the first demo organisations.
// Idempotent (seed_runs row 'programmes-demo'); windows are relative to the server clock.
import { and, asc, eq, like, notInArray } from 'drizzle-orm';
import { users } from '../accounts/accounts.schema.ts';
import { approveDisbursement } from '../funds/funds.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import type { Ctx } from '../../server/context.ts';
import { DEMO_ORG_IDS } from '../../seed/ids.ts';
import { seedRuns } from '../../seed/seed.schema.ts';
import { createApplication, formalCheck, submitApplication, updateApplication } from './applications.service.ts';
import { uploadAttachment } from './attachments.ts';
import { payTranche, recordDecisions, setAgreement, signAgreement } from './awards.service.ts';
import { createCall, createProgramme, publishCall } from './calls.service.ts';
import { callBody, makeFund, PDF_BYTES, WAN } from './fixtures.ts';
import { assignReviewers, lockPanel, listReviews, submitScore, upsertReviewer } from './review.service.ts';

const RUN = 'programmes-demo';
const DAY = 86400_000;

async function actor(ctx: Ctx, username: string, at?: Date): Promise<Ctx | null> {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
  if (!u) return null;
  return { ...ctx, system: false, now: at ? () => at : ctx.now, actor: { userId: u.id, username: u.username, role: u.role, district: u.district, orgId: u.orgId } };
}

export async function seedProgrammesDemo(ctx: Ctx): Promise<string | null> {
  const [done] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, RUN));
  if (done) return null;
  const now = ctx.now().getTime();
  const past = new Date(now - 200 * DAY);
  const bureau = await actor(ctx, 'demo_bureau');
  const checker = await actor(ctx, 'demo_checker');
  const org1 = await actor(ctx, 'demo_org');
  const org2 = await actor(ctx, 'demo_org2');
  const reviewer = await actor(ctx, 'demo_reviewer');
  const [first] = await ctx.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, DEMO_ORG_IDS.first));
  if (!bureau || !checker || !org1 || !org2 || !reviewer || !first) return null;
  const others = await ctx.db.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs)
    .where(and(eq(orgs.synthetic, true), eq(orgs.kind, 'enterprise'), like(orgs.industryCode, 'C%'), notInArray(orgs.id, [DEMO_ORG_IDS.first, DEMO_ORG_IDS.second]))).orderBy(asc(orgs.uscc)).limit(3);

  const fund = await makeFund(ctx, 'PRG-DEMO', 2000 * WAN, { synthetic: true });
  const major = await createProgramme(ctx, { code: 'DEMO-MAJOR', kind: 'major_research', name: '重大技术攻关专项（示例）', nameEn: 'Major research (synthetic)' }, { synthetic: true });
  const challenge = await createProgramme(ctx, { code: 'DEMO-JBGS', kind: 'open_challenge', name: '揭榜挂帅项目（示例）', nameEn: 'Open challenges (synthetic)' }, { synthetic: true });
  const contest = await createProgramme(ctx, { code: 'DEMO-SUSONG', kind: 'contest', name: '苏颂杯创新创业大赛（示例）', nameEn: 'Susong Cup contest (synthetic)' }, { synthetic: true });
  const iac = await createProgramme(ctx, { code: 'DEMO-IAC', kind: 'industry_academia', name: '产学研合作项目（示例）', nameEn: 'Industry–academia cooperation (synthetic)' }, { synthetic: true });
  const future = await createProgramme(ctx, { code: 'DEMO-FUTURE', kind: 'future_industry', name: '未来产业重大专项（示例）', nameEn: 'Future-industry special projects (synthetic)' }, { synthetic: true });
  const iso = (ms: number) => new Date(ms).toISOString();

  // 1. Open major-research call: demo_org has a draft, demo_org2 has submitted.
  const callA = await createCall(ctx, callBody(major.id, 'DEMO-MAJOR-2026', {
    title: '2026年度重大技术攻关专项申报指南（示例）', opensAt: iso(now - 10 * DAY), closesAt: iso(now + 20 * DAY), budgetFen: 1000 * WAN, maxAwardFen: 300 * WAN, fundId: fund.id, reviewersPerApplication: 1,
    summary: '聚焦新型储能、第三代半导体等领域的关键核心技术攻关（合成演示数据）。',
  }), { synthetic: true });
  await publishCall(ctx, callA.id);
  const draft = await createApplication(org1, { callId: callA.id, title: '高安全长寿命储能电池关键技术（示例）', keywords: ['储能'] });
  await updateApplication(org1, draft.id, { answers: { summary: '研发高安全、长寿命的储能电池（合成演示数据）。' }, budget: [{ category: 'equipment', requestedFen: 150 * WAN, selfFen: 100 * WAN }] });
  const sub = await createApplication(org2, { callId: callA.id, title: '碳化硅功率器件封装工艺（示例）', keywords: ['半导体'] });
  await updateApplication(org2, sub.id, { answers: { summary: '碳化硅器件封装（合成演示数据）。' }, budget: [{ category: 'equipment', requestedFen: 120 * WAN, selfFen: 80 * WAN }, { category: 'labour', requestedFen: 30 * WAN, selfFen: 70 * WAN }] });
  await uploadAttachment(org2, sub.id, { kind: 'proposal', fileName: '申报书（示例）.pdf' }, PDF_BYTES);
  await submitApplication(org2, sub.id);

  // 2. Open challenge (揭榜挂帅).
  const callB = await createCall(ctx, callBody(challenge.id, 'DEMO-JBGS-2026', {
    title: '车规级功率芯片散热难题揭榜（示例）', summary: '链主企业发榜，面向社会征集揭榜团队，可多队并行攻关、按里程碑考核（合成演示数据）。', opensAt: iso(now - 5 * DAY), closesAt: iso(now + 40 * DAY), budgetFen: 600 * WAN, maxAwardFen: 300 * WAN, cofundingRatioBp: 0, eligibility: '', fundId: fund.id,
    reviewersPerApplication: 1, blind: false, form: { fields: [], budgetCategories: [{ key: 'rd', label: { zh: '研发费', en: 'R&D' } }], requiredAttachments: [] },
    challenge: {
      problem: '车规级功率芯片封装结温过高，需新的散热结构与材料（合成演示数据）。', goals: ['结温降低 15℃', '通过 AEC-Q101 认证'], bountyFen: 300 * WAN,
      leadOrgId: others[0]?.id ?? null, maxSolvers: 2,
      milestones: [
        { key: 'prototype', title: { zh: '样品验证', en: 'Prototype' }, dueOn: new Date(now + 180 * DAY).toISOString().slice(0, 10), shareBp: 4000 },
        { key: 'qualified', title: { zh: '车规认证', en: 'Qualification' }, dueOn: new Date(now + 365 * DAY).toISOString().slice(0, 10), shareBp: 6000 },
      ],
    },
  }), { synthetic: true });
  await publishCall(ctx, callB.id);

  // 3. 苏颂杯 contest round.
  const callC = await createCall(ctx, callBody(contest.id, 'DEMO-SUSONG-2026-R1', {
    title: '第六届“苏颂杯”创新创业大赛 初赛（示例）', summary: '面向科技型初创团队和企业的创新创业大赛，初赛优胜者进入复赛（合成演示数据）。', round: '2026年初赛', opensAt: iso(now - 3 * DAY), closesAt: iso(now + 30 * DAY), budgetFen: 200 * WAN, maxAwardFen: 50 * WAN,
    cofundingRatioBp: 0, eligibility: '', form: { fields: [{ key: 'summary', label: { zh: '项目简介', en: 'Summary' }, required: true, maxLength: 2000 }], budgetCategories: [{ key: 'prize', label: { zh: '奖金', en: 'Prize' } }], requiredAttachments: [] },
  }), { synthetic: true });
  await publishCall(ctx, callC.id);

  // 4. A 2025 industry–academia call, decided: demo_org awarded, agreement signed, first tranche paid.
  await upsertReviewer(ctx, { userId: reviewer.actor!.userId, fields: ['新能源', '半导体'], keywords: ['储能', '半导体', '电池'] });
  const b = (at: Date) => ({ ...bureau, now: () => at });
  const callD = await createCall(ctx, callBody(iac.id, 'DEMO-IAC-2025', {
    title: '2025年度产学研合作项目（示例）', opensAt: iso(past.getTime() - 30 * DAY), closesAt: iso(past.getTime() + 10 * DAY), budgetFen: 500 * WAN, maxAwardFen: 200 * WAN, fundId: fund.id,
    reviewersPerApplication: 1, form: { fields: [{ key: 'summary', label: { zh: '项目摘要', en: 'Summary' }, required: true, maxLength: 2000 }], budgetCategories: [{ key: 'equipment', label: { zh: '设备费', en: 'Equipment' } }, { key: 'labour', label: { zh: '劳务费', en: 'Labour' } }], requiredAttachments: [] },
  }), { synthetic: true });
  await publishCall(ctx, callD.id);
  const o1 = { ...org1, now: () => past };
  const appD1 = await createApplication(o1, { callId: callD.id, title: '储能电站智能运维平台（示例）', keywords: ['储能'] });
  await updateApplication(o1, appD1.id, { answers: { summary: '校企联合研发运维平台（合成演示数据）。' }, budget: [{ category: 'equipment', requestedFen: 100 * WAN, selfFen: 120 * WAN }] });
  await submitApplication(o1, appD1.id);
  const o2 = { ...org2, now: () => past };
  const appD2 = await createApplication(o2, { callId: callD.id, title: '电池回收材料再生工艺（示例）', keywords: ['电池'] });
  await updateApplication(o2, appD2.id, { answers: { summary: '再生工艺（合成演示数据）。' }, budget: [{ category: 'equipment', requestedFen: 80 * WAN, selfFen: 80 * WAN }] });
  await submitApplication(o2, appD2.id);
  const later = new Date(past.getTime() + 20 * DAY);
  for (const id of [appD1.id, appD2.id]) await formalCheck(b(later), id, { result: 'pass', comments: '材料齐全。' });
  await assignReviewers(b(later), callD.id);
  const rv = { ...reviewer, now: () => new Date(later.getTime() + 5 * DAY) };
  for (const r of await listReviews(rv)) {
    const good = r.applicationId === appD1.id;
    await submitScore(rv, r.id, { scores: { innovation: good ? 9 : 6, feasibility: good ? 8 : 6 }, comment: good ? '技术路线清晰，校企分工明确。' : '创新性一般。' });
  }
  const decided = new Date(later.getTime() + 10 * DAY);
  await lockPanel(b(decided), callD.id);
  const { projects } = await recordDecisions(b(decided), callD.id, [
    { applicationId: appD1.id, decision: 'award', reason: '评审排名第一（示例）' },
    { applicationId: appD2.id, decision: 'reject', reason: '排名靠后，预算有限（示例）' },
  ]);
  const signedOn = new Date(decided.getTime() + 15 * DAY);
  await setAgreement(b(signedOn), projects[0], {
    deliverables: ['运维平台一套', '技术报告一份'], indicators: [{ key: 'patents', label: '发明专利申请', target: 2, unit: '件' }, { key: 'sites', label: '示范电站', target: 1, unit: '个' }],
    startOn: signedOn.toISOString().slice(0, 10), endOn: new Date(signedOn.getTime() + 730 * DAY).toISOString().slice(0, 10),
    tranches: [{ amountFen: 50 * WAN, condition: 'signing' }, { amountFen: 30 * WAN, condition: 'midterm' }, { amountFen: 20 * WAN, condition: 'acceptance' }],
  });
  await signAgreement(b(signedOn), projects[0]);
  const paid = await payTranche(b(signedOn), projects[0], 1, { reference: 'DEMO-PRG-IAC-001' });
  await approveDisbursement({ ...checker, now: () => signedOn }, paid.tranches[0].disbursementId!, { note: '复核通过（示例）' });

  // 5. A future-industry call, closed and under review: demo_reviewer has a review waiting.
  const callE = await createCall(ctx, callBody(future.id, 'DEMO-FUTURE-2026', {
    title: '2026年度未来产业重大专项（示例）', opensAt: iso(now - 60 * DAY), closesAt: iso(now - 5 * DAY), budgetFen: 800 * WAN, maxAwardFen: 400 * WAN, fundId: fund.id,
    reviewersPerApplication: 1, form: { fields: [], budgetCategories: [{ key: 'equipment', label: { zh: '设备费', en: 'Equipment' } }], requiredAttachments: [] },
  }), { synthetic: true });
  await publishCall(ctx, callE.id);
  const before = new Date(now - 20 * DAY);
  const o2e = { ...org2, now: () => before };
  const appE = await createApplication(o2e, { callId: callE.id, title: '氢能燃料电池电堆（示例）', keywords: ['电池'] });
  await updateApplication(o2e, appE.id, { budget: [{ category: 'equipment', requestedFen: 200 * WAN, selfFen: 300 * WAN }] });
  await submitApplication(o2e, appE.id);
  await formalCheck(b(new Date(now - 3 * DAY)), appE.id, { result: 'pass', comments: '' });
  await assignReviewers(b(new Date(now - 2 * DAY)), callE.id);

  const summary = '5 programmes, 5 calls (1 揭榜挂帅, 1 苏颂杯 round), 5 applications, 1 project with its first tranche paid';
  await ctx.db.insert(seedRuns).values({ name: RUN, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}
