// Awards and projects (立项 → 任务书 → 拨款 → 中期检查 → 变更 → 验收). Money moves only through the
// funds module's service functions (src/modules/funds): signing creates a recipient and an
// allocation; each tranche is a disbursement request that a second administrator approves there
// (maker-checker). Everything runs in one transaction with the funds calls (savepoints).
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { Db, Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { allocate, createRecipient, getAllocation, getDisbursement, release, requestDisbursement } from '../funds/funds.service.ts';
import { fundRecipients } from '../funds/funds.schema.ts';
import { orgs } from '../registry/registry.schema.ts';
import { callRow } from './calls.service.ts';
import {
  programmeApplications, programmeCalls, programmeChanges, programmeProjects,
  type AgreementInput, type Tranche,
} from './programmes.schema.ts';
import { guarded, notify, transitionApplication, transitionProject } from './state.ts';

type ProjectRow = typeof programmeProjects.$inferSelect;
const bi = (zh: string, en: string) => ({ zh, en });
const inTx = (ctx: Ctx, tx: Tx): Ctx => ({ ...ctx, db: tx as unknown as Db });

// ---------- decisions and awards ----------

/** Records award/reject decisions with reasons, within the call's budget and caps; all or nothing. */
export async function recordDecisions(ctx: Ctx, callId: string, decisions: { applicationId: string; decision: 'award' | 'reject'; amountFen?: number; reason: string }[]) {
  return guarded(ctx, 'programme.call.decide', 'programme_call', callId, async () => ctx.db.transaction(async (tx) => {
    const [call] = await tx.select().from(programmeCalls).where(eq(programmeCalls.id, callId)).for('update');
    if (!call) throw new AppError('programme.call_not_found');
    if (!call.panelLockedAt) throw new AppError('programme.panel_not_locked');
    const apps = await tx.select().from(programmeApplications).where(and(eq(programmeApplications.callId, callId), inArray(programmeApplications.id, decisions.map((d) => d.applicationId))));
    const [{ awarded }] = await tx.select({ awarded: sql<string>`coalesce(sum(${programmeProjects.awardFen}), 0)` }).from(programmeProjects).where(eq(programmeProjects.callId, callId));
    const [{ solvers }] = await tx.select({ solvers: sql<number>`count(*)::int` }).from(programmeProjects).where(eq(programmeProjects.callId, callId));
    let total = 0;
    let count = 0;
    for (const d of decisions) {
      const app = apps.find((a) => a.id === d.applicationId);
      if (!app) throw new AppError('programme.application_not_found');
      if (d.decision === 'award') {
        const amount = d.amountFen ?? app.requestedFen;
        const cap = Math.min(call.maxAwardFen, app.requestedFen);
        if (amount <= 0 || amount > cap) throw new AppError('programme.award_over_max', { amount, cap });
        total += amount;
        count++;
      }
    }
    if (Number(awarded) + total > call.budgetFen) throw new AppError('programme.award_over_budget', { total, budget: call.budgetFen, awarded: Number(awarded) });
    if (call.challenge && solvers + count > call.challenge.maxSolvers) throw new AppError('programme.solvers_full', { max: call.challenge.maxSolvers });
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(programmeProjects).where(eq(programmeProjects.callId, callId));
    let seq = n;
    const by = ctx.actor?.username ?? 'system';
    const created: string[] = [];
    for (const d of decisions) {
      const app = apps.find((a) => a.id === d.applicationId)!;
      const amount = d.decision === 'award' ? d.amountFen ?? app.requestedFen : null;
      const decision = { decision: d.decision, amountFen: amount, reason: d.reason, by, at: ctx.now().toISOString() };
      await transitionApplication(tx, ctx, app, d.decision, { decision }, decision);
      if (d.decision === 'award') {
        seq++;
        const code = `${call.code}-${String(seq).padStart(3, '0')}`;
        // Open challenges: the bounty schedule follows the milestones (paid by milestone).
        const tranches: Tranche[] = call.challenge
          ? splitByShares(amount!, call.challenge.milestones.map((m) => m.shareBp)).map((a, i) => ({ no: i + 1, amountFen: a, condition: `milestone:${call.challenge!.milestones[i].key}`, dueOn: call.challenge!.milestones[i].dueOn, status: 'planned', disbursementId: null, reference: null }))
          : [];
        const [p] = await tx.insert(programmeProjects).values({
          code, applicationId: app.id, callId, orgId: app.orgId, title: app.title, awardFen: amount!, tranches, synthetic: call.synthetic, createdAt: ctx.now(),
        }).returning();
        await recordAudit(tx, ctx, { action: 'programme.project.create', entityType: 'programme_project', entityId: p.id, after: { code, awardFen: amount, applicationId: app.id } });
        created.push(p.id);
      }
    }
    await tx.update(programmeCalls).set({ decidedAt: ctx.now() }).where(eq(programmeCalls.id, callId));
    return { awardedFen: Number(awarded) + total, budgetFen: call.budgetFen, projects: created };
  }));
}

/** Splits an amount by basis-point shares; the last share takes the rounding remainder. Pure. */
export function splitByShares(amount: number, shares: number[]): number[] {
  const out = shares.map((s) => Math.floor((amount * s) / 10_000));
  out[out.length - 1] += amount - out.reduce((a, b) => a + b, 0);
  return out;
}

// ---------- reading projects ----------

function projectScope(ctx: Ctx): SQL | undefined {
  const a = ctx.actor;
  if (ctx.system || a?.role === 'bureau_admin') return undefined;
  if (a?.role === 'district_officer') return eq(orgs.district, a.district!);
  if (a?.role === 'org_user') return eq(programmeProjects.orgId, a.orgId!);
  return sql`false`;
}

export async function listProjects(ctx: Ctx, q: { callId?: string; status?: string } = {}) {
  const rows = await ctx.db.select({ p: programmeProjects, orgName: orgs.name, callTitle: programmeCalls.title, callCode: programmeCalls.code })
    .from(programmeProjects).innerJoin(orgs, eq(orgs.id, programmeProjects.orgId)).innerJoin(programmeCalls, eq(programmeCalls.id, programmeProjects.callId))
    .where(and(projectScope(ctx), q.callId ? eq(programmeProjects.callId, q.callId) : undefined, q.status ? eq(programmeProjects.status, q.status as never) : undefined))
    .orderBy(desc(programmeProjects.createdAt), asc(programmeProjects.code));
  return Promise.all(rows.map((r) => toProject(ctx, r.p, r)));
}

async function projectRow(ctx: Ctx, id: string): Promise<ProjectRow> {
  const [row] = await ctx.db.select({ p: programmeProjects }).from(programmeProjects).innerJoin(orgs, eq(orgs.id, programmeProjects.orgId)).where(and(eq(programmeProjects.id, id), projectScope(ctx)));
  if (!row) throw new AppError('programme.project_not_found');
  return row.p;
}

/** Tranche status follows its funds disbursement: approved → paid; rejected or cancelled → planned again. */
async function liveTranches(ctx: Ctx, p: ProjectRow): Promise<Tranche[]> {
  return Promise.all(p.tranches.map(async (t) => {
    if (!t.disbursementId || t.status === 'cancelled') return t;
    const d = await getDisbursement(ctx, t.disbursementId);
    if (d.status === 'approved') return { ...t, status: 'paid' as const };
    if (d.status === 'pending') return { ...t, status: 'requested' as const };
    return { ...t, status: 'planned' as const, disbursementId: null, reference: null };
  }));
}

async function toProject(ctx: Ctx, p: ProjectRow, extra: { orgName: string; callTitle: string; callCode: string }) {
  const tranches = await liveTranches(ctx, p);
  const allocation = p.allocationId ? await getAllocation(ctx, p.allocationId) : null;
  return {
    id: p.id, code: p.code, applicationId: p.applicationId, callId: p.callId, callCode: extra.callCode, callTitle: extra.callTitle, orgId: p.orgId, orgName: extra.orgName,
    title: p.title, status: p.status, awardFen: p.awardFen, agreement: p.agreement ?? null, tranches,
    paidFen: tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountFen, 0),
    allocation: allocation ? { id: allocation.id, fundCode: allocation.fundCode, allocatedFen: allocation.allocatedFen, paidFen: allocation.paidFen, pendingFen: allocation.pendingFen, remainingFen: allocation.remainingFen } : null,
    signedAt: p.signedAt?.toISOString() ?? null, gates: p.gates, midterm: p.midterm ?? null, acceptance: p.acceptance ?? null, synthetic: p.synthetic,
  };
}

export async function getProject(ctx: Ctx, id: string) {
  const p = await projectRow(ctx, id);
  const [x] = await ctx.db.select({ orgName: orgs.name, callTitle: programmeCalls.title, callCode: programmeCalls.code }).from(programmeProjects)
    .innerJoin(orgs, eq(orgs.id, programmeProjects.orgId)).innerJoin(programmeCalls, eq(programmeCalls.id, programmeProjects.callId)).where(eq(programmeProjects.id, id));
  const changes = await ctx.db.select().from(programmeChanges).where(eq(programmeChanges.projectId, id)).orderBy(asc(programmeChanges.createdAt));
  return { ...(await toProject(ctx, p, x)), changes: changes.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), decidedAt: c.decidedAt?.toISOString() ?? null })) };
}

// ---------- agreement (任务书) and signing ----------

export async function setAgreement(ctx: Ctx, id: string, input: AgreementInput) {
  await guarded(ctx, 'programme.project.agreement', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    if (p.status !== 'agreement_pending') throw new AppError('programme.transition_refused', { from: p.status, action: 'agreement' });
    const sum = input.tranches.reduce((s, t) => s + t.amountFen, 0);
    if (sum !== p.awardFen) throw new AppError('programme.agreement_invalid', { reason: bi(`拨款计划合计 ${sum} 分，应等于立项金额 ${p.awardFen} 分`, `tranches total ${sum} fen; they must equal the award of ${p.awardFen} fen`) });
    if (input.endOn <= input.startOn) throw new AppError('programme.agreement_invalid', { reason: bi('结束日期须晚于开始日期', 'the end date must be after the start date') });
    const call = await callRow(ctx.db, p.callId);
    for (const t of input.tranches) {
      if (t.condition.startsWith('milestone:') && !call.challenge?.milestones.some((m) => `milestone:${m.key}` === t.condition)) {
        throw new AppError('programme.agreement_invalid', { reason: bi(`没有里程碑 ${t.condition}`, `no milestone ${t.condition}`) });
      }
    }
    const tranches: Tranche[] = input.tranches.map((t, i) => ({ no: i + 1, amountFen: t.amountFen, condition: t.condition, dueOn: t.dueOn ?? null, status: 'planned', disbursementId: null, reference: null }));
    await ctx.db.transaction(async (tx) => {
      const agreement = { deliverables: input.deliverables, indicators: input.indicators.map((x) => ({ ...x, unit: x.unit ?? '' })), startOn: input.startOn, endOn: input.endOn };
      await tx.update(programmeProjects).set({ agreement, tranches }).where(eq(programmeProjects.id, id));
      await recordAudit(tx, ctx, { action: 'programme.project.agreement', entityType: 'programme_project', entityId: id, before: { agreement: p.agreement, tranches: p.tranches }, after: { agreement, tranches } });
    });
  });
  return getProject(ctx, id);
}

/** Signing the agreement: the project becomes active and its award is allocated from the call's fund. */
export async function signAgreement(ctx: Ctx, id: string) {
  await guarded(ctx, 'programme.project.sign', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    if (!p.agreement) throw new AppError('programme.agreement_invalid', { reason: bi('尚未填写任务书', 'the agreement has not been drawn up') });
    const call = await callRow(ctx.db, p.callId);
    if (!call.fundId) throw new AppError('programme.no_fund');
    const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, p.orgId));
    await ctx.db.transaction(async (tx) => {
      const fctx = inTx(ctx, tx);
      const [existing] = await tx.select().from(fundRecipients).where(eq(fundRecipients.ref, p.code));
      const recipient = existing ?? await createRecipient(fctx, { kind: 'project', ref: p.code, name: `${p.title}（${org.name}）`, district: org.district, orgUscc: org.uscc }, { synthetic: p.synthetic, tx });
      const { allocation } = await allocate(fctx, call.fundId!, { recipientId: recipient.id, amountFen: p.awardFen, use: 'programme_project', note: `${call.code} ${p.code}` });
      await transitionProject(tx, ctx, p, 'sign', { signedAt: ctx.now(), fundRecipientId: recipient.id, allocationId: allocation.id }, { allocationId: allocation.id, amountFen: p.awardFen });
    });
  });
  return getProject(ctx, id);
}

// ---------- tranche payments ----------

function conditionMet(p: ProjectRow, condition: string): boolean {
  if (['dropped', 'failed', 'terminated', 'agreement_pending'].includes(p.status)) return false;
  if (condition === 'signing') return true;
  if (condition === 'midterm') return p.midterm?.result === 'pass';
  if (condition === 'acceptance') return p.status === 'accepted';
  if (condition.startsWith('milestone:')) return p.gates.some((g) => g.milestone === condition.slice(10) && g.decision === 'keep');
  return false;
}

/** The maker's step: a disbursement request in the funds module; a different administrator approves it there. */
export async function payTranche(ctx: Ctx, id: string, no: number, input: { reference: string; memo?: string }) {
  await guarded(ctx, 'programme.project.pay', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    const tranches = await liveTranches(ctx, p);
    const t = tranches.find((x) => x.no === no);
    if (!t) throw new AppError('programme.tranche_not_found', { no });
    if (t.status !== 'planned') throw new AppError('programme.transition_refused', { from: t.status, action: 'pay' });
    if (!conditionMet(p, t.condition) || !p.allocationId) throw new AppError('programme.tranche_not_due', { no, condition: t.condition });
    const [org] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, p.orgId));
    await ctx.db.transaction(async (tx) => {
      const d = await requestDisbursement(inTx(ctx, tx), p.allocationId!, { amountFen: t.amountFen, reference: input.reference, payee: org.name, memo: input.memo ?? `${p.code} 第${no}笔拨款` });
      const next = tranches.map((x) => (x.no === no ? { ...x, status: 'requested' as const, disbursementId: d.id, reference: input.reference } : x));
      await tx.update(programmeProjects).set({ tranches: next }).where(eq(programmeProjects.id, id));
      await recordAudit(tx, ctx, { action: 'programme.project.pay', entityType: 'programme_project', entityId: id, after: { tranche: no, amountFen: t.amountFen, disbursementId: d.id, reference: input.reference } });
      await notify(tx, ctx, { audience: 'staff', entityType: 'programme_project', entityId: id, title: bi(`项目 ${p.code} 第${no}笔拨款待复核`, `Project ${p.code}: tranche ${no} awaits approval`) });
    });
  });
  return getProject(ctx, id);
}

/** Gives the unpaid, unrequested part of the allocation back to the fund (project ended early). */
async function releaseRest(ctx: Ctx, tx: Tx, p: ProjectRow): Promise<number> {
  if (!p.allocationId) return 0;
  const fctx = inTx(ctx, tx);
  const a = await getAllocation(fctx, p.allocationId);
  const rest = a.remainingFen - a.pendingFen;
  if (rest > 0) await release(fctx, p.allocationId, { amountFen: rest, memo: `${p.code} 项目终止/验收不通过，收回未拨付资金` });
  return rest;
}

function cancelPlanned(tranches: Tranche[]): Tranche[] {
  return tranches.map((t) => (t.status === 'planned' ? { ...t, status: 'cancelled' as const } : t));
}

// ---------- mid-term, changes, acceptance ----------

export async function recordMidterm(ctx: Ctx, id: string, input: { result: 'pass' | 'rectify' | 'fail'; comments: string }) {
  await guarded(ctx, 'programme.project.midterm', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    if (p.status !== 'active' && p.status !== 'extended') throw new AppError('programme.transition_refused', { from: p.status, action: 'midterm' });
    const midterm = { ...input, at: ctx.now().toISOString(), by: ctx.actor?.username ?? 'system' };
    await ctx.db.transaction(async (tx) => {
      if (input.result === 'fail') {
        const released = await releaseRest(ctx, tx, p);
        await transitionProject(tx, ctx, p, 'midterm_fail', { midterm, tranches: cancelPlanned(p.tranches) }, { midterm, releasedFen: released });
      } else {
        await tx.update(programmeProjects).set({ midterm }).where(eq(programmeProjects.id, id));
        await recordAudit(tx, ctx, { action: 'programme.project.midterm', entityType: 'programme_project', entityId: id, before: { midterm: p.midterm }, after: { midterm } });
        await notify(tx, ctx, { audience: 'org', orgId: p.orgId, entityType: 'programme_project', entityId: id, title: bi(`项目“${p.title}”中期检查：${input.result === 'pass' ? '通过' : '限期整改'}`, `Project “${p.title}” mid-term review: ${input.result}`) });
      }
    });
  });
  return getProject(ctx, id);
}

export async function requestChange(ctx: Ctx, id: string, input: { kind: 'schedule' | 'budget' | 'members' | 'scope'; description: string; newEndOn?: string }) {
  return guarded(ctx, 'programme.project.change_request', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    if (ctx.actor?.role !== 'org_user') throw new AppError('programme.project_not_found');
    if (p.status !== 'active' && p.status !== 'extended') throw new AppError('programme.transition_refused', { from: p.status, action: 'change' });
    if (input.kind === 'schedule' && (!input.newEndOn || (p.agreement && input.newEndOn <= p.agreement.endOn))) {
      throw new AppError('programme.agreement_invalid', { reason: bi('延期变更须给出晚于原结束日期的新日期', 'a schedule change needs a new end date after the current one') });
    }
    return ctx.db.transaction(async (tx) => {
      const [c] = await tx.insert(programmeChanges).values({ projectId: id, kind: input.kind, description: input.description, newEndOn: input.newEndOn ?? null, requestedBy: ctx.actor!.username, createdAt: ctx.now() }).returning();
      await recordAudit(tx, ctx, { action: 'programme.project.change_request', entityType: 'programme_change', entityId: c.id, after: c });
      await notify(tx, ctx, { audience: 'staff', entityType: 'programme_project', entityId: id, title: bi(`项目 ${p.code} 提交了变更申请`, `Project ${p.code} asked for a change`) });
      return { id: c.id, status: c.status };
    });
  });
}

export async function decideChange(ctx: Ctx, changeId: string, input: { approve: boolean; note: string }) {
  return guarded(ctx, 'programme.project.change_decide', 'programme_change', changeId, async () => ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(programmeChanges).where(eq(programmeChanges.id, changeId)).for('update');
    if (!c) throw new AppError('programme.change_not_found');
    if (c.status !== 'pending') throw new AppError('programme.transition_refused', { from: c.status, action: 'decide' });
    const [p] = await tx.select().from(programmeProjects).where(eq(programmeProjects.id, c.projectId));
    const status = input.approve ? 'approved' as const : 'rejected' as const;
    await tx.update(programmeChanges).set({ status, decidedBy: ctx.actor?.username ?? 'system', decisionNote: input.note, decidedAt: ctx.now() }).where(eq(programmeChanges.id, changeId));
    if (input.approve && c.kind === 'schedule' && c.newEndOn && p.agreement) {
      await tx.update(programmeProjects).set({ agreement: { ...p.agreement, endOn: c.newEndOn } }).where(eq(programmeProjects.id, p.id));
    }
    await recordAudit(tx, ctx, { action: 'programme.project.change_decide', entityType: 'programme_change', entityId: changeId, before: { status: c.status }, after: { status, note: input.note } });
    await notify(tx, ctx, { audience: 'org', orgId: p.orgId, entityType: 'programme_project', entityId: p.id, title: bi(`项目“${p.title}”变更申请${input.approve ? '已批准' : '未批准'}`, `Project “${p.title}”: change ${status}`) });
    return { id: changeId, status };
  }));
}

export async function recordAcceptance(ctx: Ctx, id: string, input: { result: 'pass' | 'fail' | 'extension'; indicators: { key: string; actual: number }[]; comments: string; extendTo?: string }) {
  await guarded(ctx, 'programme.project.acceptance', 'programme_project', id, async () => {
    const p = await projectRow(ctx, id);
    const targets = p.agreement?.indicators ?? [];
    const indicators = targets.map((t) => {
      const actual = input.indicators.find((x) => x.key === t.key)?.actual ?? 0;
      return { key: t.key, actual, met: actual >= t.target };
    });
    const unmet = targets.filter((t) => !indicators.find((i) => i.key === t.key)!.met).map((t) => t.label);
    if (input.result === 'pass' && unmet.length) throw new AppError('programme.acceptance_unmet', { unmet: unmet.join('、') });
    if (input.result === 'extension' && (!input.extendTo || (p.agreement && input.extendTo <= p.agreement.endOn))) {
      throw new AppError('programme.agreement_invalid', { reason: bi('延期验收须给出晚于原结束日期的新日期', 'an extension needs a date after the current end date') });
    }
    const acceptance = { result: input.result, indicators, comments: input.comments, extendTo: input.extendTo ?? null, at: ctx.now().toISOString(), by: ctx.actor?.username ?? 'system' };
    await ctx.db.transaction(async (tx) => {
      if (input.result === 'pass') await transitionProject(tx, ctx, p, 'accept_pass', { acceptance }, acceptance);
      else if (input.result === 'extension') await transitionProject(tx, ctx, p, 'accept_extend', { acceptance, agreement: p.agreement ? { ...p.agreement, endOn: input.extendTo! } : null }, acceptance);
      else {
        const released = await releaseRest(ctx, tx, p);
        await transitionProject(tx, ctx, p, 'accept_fail', { acceptance, tranches: cancelPlanned(p.tranches) }, { ...acceptance, releasedFen: released });
      }
    });
  });
  return getProject(ctx, id);
}

export { projectRow, releaseRest, cancelPlanned, inTx };

/** Platform counts beside the letter's figures (厦科函〔2025〕84号), each with its source. */
export async function programmeStats(ctx: Ctx) {
  const { letterFigure, LETTER } = await import('../../reference/letter.ts');
  const [p] = await ctx.db.select({
    projects: sql<number>`count(*)::int`,
    awardedFen: sql<string>`coalesce(sum(${programmeProjects.awardFen}), 0)`,
  }).from(programmeProjects);
  const [a] = await ctx.db.select({ submitted: sql<number>`count(*) filter (where ${programmeApplications.submittedAt} is not null)::int` }).from(programmeApplications);
  const source = { title: LETTER.source.title_zh, docNo: LETTER.source.doc_no, date: LETTER.source.date };
  return {
    platform: { projects: p.projects, awardedFen: Number(p.awardedFen), applicationsSubmitted: a.submitted },
    letter: ['major_tech_projects', 'hnte_transformation_projects'].map((id) => {
      const f = letterFigure(id);
      return { id, zh: f.zh, en: f.en, value: f.value, unit: f.unit, qualifier: f.qualifier ?? null, period: f.period, source };
    }),
  };
}
