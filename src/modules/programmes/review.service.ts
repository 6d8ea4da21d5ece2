// Review (专家评审): the reviewer pool, conflict-free automatic assignment with every exclusion
// explained, blind scoring by rubric, z-score calibration with outlier flags, a panel when
// scores diverge, the panel lock, and ranking.
import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { users } from '../accounts/accounts.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { getApplication } from './applications.service.ts';
import { callRow } from './calls.service.ts';
import {
  programmeApplications, programmeAssignments, programmeCalls, programmeReviewers,
  type AssignmentLog, type ReviewerCreate, ReviewerCreateSchema,
} from './programmes.schema.ts';
import { guarded, notify, transitionApplication } from './state.ts';

const bi = (zh: string, en: string) => ({ zh, en });
const THREE_YEARS_MS = 3 * 365.25 * 24 * 3600_000;

// ---------- the pool ----------

async function orgIdsByUscc(ctx: Ctx, usccs: string[]) {
  if (!usccs.length) return [];
  const found = await ctx.db.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(inArray(orgs.uscc, usccs.map((u) => u.toUpperCase())));
  const missing = usccs.filter((u) => !found.some((f) => f.uscc === u.toUpperCase()));
  if (missing.length) throw new AppError('org.not_found', { uscc: missing.join(', ') });
  return found.map((f) => f.id);
}

/** Adds a reviewer account to the pool, or updates its entry. */
export async function upsertReviewer(ctx: Ctx, raw: ReviewerCreate) {
  const input = ReviewerCreateSchema.parse(raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, input.userId));
  if (!user || user.role !== 'reviewer') throw new AppError('programme.reviewer_invalid');
  const affiliation = input.affiliationUscc ? (await orgIdsByUscc(ctx, [input.affiliationUscc]))[0] : null;
  const declared = await orgIdsByUscc(ctx, input.declaredConflictUsccs);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(programmeReviewers).where(eq(programmeReviewers.userId, input.userId));
    const values = { fields: input.fields, keywords: input.keywords, affiliationOrgId: affiliation, declaredConflictOrgIds: declared, active: true };
    const [row] = before
      ? await tx.update(programmeReviewers).set(values).where(eq(programmeReviewers.userId, input.userId)).returning()
      : await tx.insert(programmeReviewers).values({ userId: input.userId, ...values, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'programme.reviewer.upsert', entityType: 'programme_reviewer', entityId: input.userId, before: before ?? null, after: row });
    return row;
  });
}

export async function listReviewers(ctx: Ctx) {
  const rows = await ctx.db.select({ r: programmeReviewers, username: users.username, displayName: users.displayName, orgName: orgs.name })
    .from(programmeReviewers).innerJoin(users, eq(users.id, programmeReviewers.userId)).leftJoin(orgs, eq(orgs.id, programmeReviewers.affiliationOrgId))
    .orderBy(asc(users.username));
  const loads = await ctx.db.select({ id: programmeAssignments.reviewerId, open: sql<number>`count(*) filter (where ${programmeAssignments.status} = 'assigned')::int`, total: sql<number>`count(*)::int` })
    .from(programmeAssignments).groupBy(programmeAssignments.reviewerId);
  return rows.map(({ r, ...x }) => ({
    userId: r.userId, username: x.username, displayName: x.displayName, fields: r.fields, keywords: r.keywords, affiliationOrgId: r.affiliationOrgId,
    affiliationName: x.orgName, declaredConflicts: r.declaredConflictOrgIds.length, active: r.active,
    openAssignments: loads.find((l) => l.id === r.userId)?.open ?? 0, totalAssignments: loads.find((l) => l.id === r.userId)?.total ?? 0,
  }));
}

// ---------- conflicts ----------

export interface ConflictInput {
  reviewer: { userId: string; affiliationOrgId: string | null; declaredConflictOrgIds: string[] };
  affiliation: { id: string; district: string; parentGroup: string | null } | null;
  appOrgs: { id: string; district: string; parentGroup: string | null }[];
  leadDistrict: string;
  recentPartners: Set<string>;
  sameDistrictConflict: boolean;
}

/** Every reason a reviewer may not review an application (empty: no conflict). Pure. */
export function conflictReasons(x: ConflictInput): { code: string; zh: string; en: string }[] {
  const out: { code: string; zh: string; en: string }[] = [];
  const ids = new Set(x.appOrgs.map((o) => o.id));
  const aff = x.affiliation;
  if (aff && ids.has(aff.id)) out.push({ code: 'same_org', ...bi('与申报单位或合作单位为同一单位', 'works for the applicant or a partner') });
  if (aff?.parentGroup && x.appOrgs.some((o) => o.parentGroup === aff.parentGroup && o.id !== aff.id)) out.push({ code: 'same_group', ...bi(`与申报单位同属“${aff.parentGroup}”集团`, `same group as the applicant (“${aff.parentGroup}”)`) });
  if (aff && x.recentPartners.has(aff.id)) out.push({ code: 'recent_partner', ...bi('近三年在本平台与申报单位共同申报或合作', 'co-applied or partnered with the applicant on the platform in the last three years') });
  if (x.reviewer.declaredConflictOrgIds.some((d) => ids.has(d))) out.push({ code: 'declared', ...bi('专家本人申报的回避单位', 'a conflict the reviewer declared') });
  if (x.sameDistrictConflict && aff && aff.district === x.leadDistrict) out.push({ code: 'same_district', ...bi('市区联合项目：专家所在单位与申报单位同区', 'district-joint call: the reviewer\'s organisation is in the applicant\'s district') });
  return out;
}

/** Organisations that applied together with any of `orgIds` (as lead or partner) in the last three years. */
function partnersOf(recent: { orgId: string; partnerOrgIds: string[] }[], orgIds: string[]): Set<string> {
  const out = new Set<string>();
  for (const r of recent) {
    const group = [r.orgId, ...r.partnerOrgIds];
    if (group.some((g) => orgIds.includes(g))) for (const g of group) out.add(g);
  }
  for (const id of orgIds) out.delete(id);
  return out;
}

/**
 * Assigns N conflict-free reviewers to every eligible application of the call: reviewers whose
 * expertise matches come first, and among them the least loaded. All or nothing: if one
 * application cannot get N reviewers, nothing is assigned and the shortfall is reported.
 */
export async function assignReviewers(ctx: Ctx, callId: string) {
  return guarded(ctx, 'programme.call.assign', 'programme_call', callId, async () => {
    const call = await callRow(ctx.db, callId);
    if (call.panelLockedAt) throw new AppError('programme.panel_locked', { lockedAt: call.panelLockedAt.toISOString() });
    const apps = await ctx.db.select().from(programmeApplications).where(and(eq(programmeApplications.callId, callId), eq(programmeApplications.status, 'eligible')))
      .orderBy(asc(programmeApplications.submittedAt), asc(programmeApplications.id));
    const pool = await ctx.db.select({ r: programmeReviewers, username: users.username }).from(programmeReviewers).innerJoin(users, eq(users.id, programmeReviewers.userId))
      .where(and(eq(programmeReviewers.active, true), eq(users.role, 'reviewer'), eq(users.disabled, false))).orderBy(asc(users.username));
    const orgIds = [...new Set([...apps.flatMap((a) => [a.orgId, ...a.partnerOrgIds]), ...pool.map((p) => p.r.affiliationOrgId).filter((v): v is string => !!v)])];
    const orgRows = orgIds.length ? await ctx.db.select({ id: orgs.id, district: orgs.district, parentGroup: orgs.parentGroup }).from(orgs).where(inArray(orgs.id, orgIds)) : [];
    const orgById = new Map(orgRows.map((o) => [o.id, o]));
    const since = new Date(ctx.now().getTime() - THREE_YEARS_MS);
    const recent = await ctx.db.select({ orgId: programmeApplications.orgId, partnerOrgIds: programmeApplications.partnerOrgIds }).from(programmeApplications)
      .where(and(isNotNull(programmeApplications.submittedAt), gte(programmeApplications.submittedAt, since)));
    const loadRows = await ctx.db.select({ id: programmeAssignments.reviewerId, n: sql<number>`count(*)::int` }).from(programmeAssignments)
      .where(eq(programmeAssignments.status, 'assigned')).groupBy(programmeAssignments.reviewerId);
    const load = new Map(loadRows.map((l) => [l.id, l.n]));
    const plan: { app: typeof apps[number]; log: AssignmentLog }[] = [];
    for (const app of apps) {
      const appOrgs = [app.orgId, ...app.partnerOrgIds].map((id) => orgById.get(id)!).filter(Boolean);
      const lead = orgById.get(app.orgId)!;
      const recentPartners = partnersOf(recent, [app.orgId, ...app.partnerOrgIds]);
      const excluded: AssignmentLog['excluded'] = [];
      const candidates: { userId: string; username: string; match: string[] }[] = [];
      for (const p of pool) {
        const reasons = conflictReasons({
          reviewer: p.r, affiliation: p.r.affiliationOrgId ? orgById.get(p.r.affiliationOrgId) ?? null : null, appOrgs, leadDistrict: lead.district,
          recentPartners, sameDistrictConflict: call.sameDistrictConflict,
        });
        if (reasons.length) excluded.push({ reviewerId: p.r.userId, reviewer: p.username, reasons });
        else {
          const expertise = new Set([...p.r.fields, ...p.r.keywords].map((k) => k.toLowerCase()));
          candidates.push({ userId: p.r.userId, username: p.username, match: app.keywords.filter((k) => expertise.has(k.toLowerCase())) });
        }
      }
      candidates.sort((a, b) => Number(b.match.length > 0) - Number(a.match.length > 0) || (load.get(a.userId) ?? 0) - (load.get(b.userId) ?? 0) || b.match.length - a.match.length || a.username.localeCompare(b.username));
      if (candidates.length < call.reviewersPerApplication) throw new AppError('programme.assignment_short', { title: app.title, available: candidates.length, needed: call.reviewersPerApplication });
      const chosen = candidates.slice(0, call.reviewersPerApplication).map((c) => {
        const l = load.get(c.userId) ?? 0;
        load.set(c.userId, l + 1);
        return {
          reviewerId: c.userId, reviewer: c.username,
          why: c.match.length
            ? bi(`专业匹配：${c.match.join('、')}；分配前在审任务 ${l} 件`, `expertise matches ${c.match.join(', ')}; ${l} open reviews before this`)
            : bi(`无专业关键词匹配，按负载均衡选入；分配前在审任务 ${l} 件`, `no keyword match, chosen to balance load; ${l} open reviews before this`),
        };
      });
      plan.push({ app, log: { at: ctx.now().toISOString(), excluded, chosen } });
    }
    await ctx.db.transaction(async (tx) => {
      for (const { app, log } of plan) {
        await tx.insert(programmeAssignments).values(log.chosen.map((c) => ({ applicationId: app.id, reviewerId: c.reviewerId, why: c.why, createdAt: ctx.now() })));
        await transitionApplication(tx, ctx, app, 'assign', { assignmentLog: log }, log);
        for (const c of log.chosen) await notify(tx, ctx, { audience: 'user', userId: c.reviewerId, entityType: 'programme_application', entityId: app.id, title: bi(`新的评审任务：${call.title}`, `New review assignment: ${call.title}`) });
      }
    });
    return plan.map(({ app, log }) => ({ applicationId: app.id, title: app.title, chosen: log.chosen, excluded: log.excluded }));
  });
}

// ---------- scoring ----------

async function ownAssignment(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(programmeAssignments).where(eq(programmeAssignments.id, id));
  if (!row || row.reviewerId !== ctx.actor?.userId) throw new AppError('programme.review_not_found');
  return row;
}

/** The reviewer's inbox: only its own assignments; neither other scores nor (blind calls) identities. */
export async function listReviews(ctx: Ctx) {
  const rows = await ctx.db.select({ a: programmeAssignments, title: programmeApplications.title, callTitle: programmeCalls.title, closesAt: programmeCalls.closesAt, lockedAt: programmeCalls.panelLockedAt })
    .from(programmeAssignments).innerJoin(programmeApplications, eq(programmeApplications.id, programmeAssignments.applicationId))
    .innerJoin(programmeCalls, eq(programmeCalls.id, programmeApplications.callId))
    .where(eq(programmeAssignments.reviewerId, ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000')).orderBy(asc(programmeAssignments.status), asc(programmeAssignments.createdAt));
  return rows.map(({ a, ...x }) => ({
    id: a.id, applicationId: a.applicationId, title: x.title, callTitle: x.callTitle, status: a.status, total: a.total, locked: !!x.lockedAt, submittedAt: a.submittedAt?.toISOString() ?? null,
  }));
}

export async function getReview(ctx: Ctx, id: string) {
  const a = await guarded(ctx, 'programme.review.read', 'programme_assignment', id, () => ownAssignment(ctx, id));
  const application = await getApplication(ctx, a.applicationId);
  return { id: a.id, status: a.status, scores: a.scores ?? null, comment: a.comment, total: a.total, application };
}

/** Weighted total on 0..100 from per-criterion scores on 0..scaleMax. Pure. */
export function weightedTotal(rubric: { scaleMax: number; criteria: { key: string; weight: number }[] }, scores: Record<string, number>): number {
  const extra = Object.keys(scores).filter((k) => !rubric.criteria.some((c) => c.key === k));
  if (extra.length) throw new AppError('programme.score_invalid', { reason: bi(`没有评分项 ${extra.join('、')}`, `no criterion ${extra.join(', ')}`) });
  let total = 0;
  for (const c of rubric.criteria) {
    const s = scores[c.key];
    if (s === undefined) throw new AppError('programme.score_invalid', { reason: bi(`缺少评分项 ${c.key}`, `missing criterion ${c.key}`) });
    if (s < 0 || s > rubric.scaleMax) throw new AppError('programme.score_invalid', { reason: bi(`${c.key} 须在 0–${rubric.scaleMax} 之间`, `${c.key} must be within 0–${rubric.scaleMax}`) });
    total += (s / rubric.scaleMax) * c.weight;
  }
  return Math.round(total * 100) / 100;
}

export async function submitScore(ctx: Ctx, id: string, input: { scores: Record<string, number>; comment: string }) {
  await guarded(ctx, 'programme.review.score', 'programme_assignment', id, async () => {
    const a = await ownAssignment(ctx, id);
    const [app] = await ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, a.applicationId));
    const call = await callRow(ctx.db, app.callId);
    if (call.panelLockedAt) throw new AppError('programme.panel_locked', { lockedAt: call.panelLockedAt.toISOString() });
    const total = weightedTotal(call.rubric, input.scores);
    await ctx.db.transaction(async (tx) => {
      // Re-check under the call's row lock: a lock committed meanwhile wins.
      const [fresh] = await tx.select({ lockedAt: programmeCalls.panelLockedAt }).from(programmeCalls).where(eq(programmeCalls.id, call.id)).for('update');
      if (fresh.lockedAt) throw new AppError('programme.panel_locked', { lockedAt: fresh.lockedAt.toISOString() });
      await tx.update(programmeAssignments).set({ status: 'submitted', scores: input.scores, total, comment: input.comment, submittedAt: ctx.now() }).where(eq(programmeAssignments.id, id));
      await recordAudit(tx, ctx, { action: 'programme.review.score', entityType: 'programme_assignment', entityId: id, before: { status: a.status, scores: a.scores, total: a.total }, after: { status: 'submitted', scores: input.scores, total } });
    });
  });
  return getReview(ctx, id);
}

// ---------- calibration, ranking, panel ----------

export interface ReviewScore { applicationId: string; reviewerId: string; total: number }

/**
 * z-score calibration: each reviewer's totals are normalised by that reviewer's own mean and
 * standard deviation over the call (a reviewer with one review, or all equal, gets z = 0), so
 * a harsh and a lenient reviewer count the same. Pure.
 */
export function calibrate(scores: ReviewScore[], panelSpread: number) {
  const byReviewer = new Map<string, number[]>();
  for (const s of scores) byReviewer.set(s.reviewerId, [...(byReviewer.get(s.reviewerId) ?? []), s.total]);
  const stats = new Map([...byReviewer].map(([r, xs]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return [r, { mean, sd }];
  }));
  const z = (s: ReviewScore) => {
    const st = stats.get(s.reviewerId)!;
    return st.sd > 0 ? (s.total - st.mean) / st.sd : 0;
  };
  const byApp = new Map<string, ReviewScore[]>();
  for (const s of scores) byApp.set(s.applicationId, [...(byApp.get(s.applicationId) ?? []), s]);
  const out = new Map<string, { rawMean: number; zMean: number; spread: number; needsPanel: boolean; reviews: { reviewerId: string; total: number; z: number; outlier: boolean }[] }>();
  for (const [appId, xs] of byApp) {
    const totals = xs.map((x) => x.total);
    const rawMean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const spread = Math.max(...totals) - Math.min(...totals);
    const sorted = [...totals].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    // An outlier: further from the application's median total than the call's panel spread.
    const reviews = xs.map((x) => ({ reviewerId: x.reviewerId, total: x.total, z: Math.round(z(x) * 1000) / 1000, outlier: Math.abs(x.total - median) > panelSpread }));
    out.set(appId, { rawMean: Math.round(rawMean * 100) / 100, zMean: Math.round((reviews.reduce((a, r) => a + r.z, 0) / reviews.length) * 1000) / 1000, spread, needsPanel: spread > panelSpread, reviews });
  }
  return out;
}

export async function ranking(ctx: Ctx, callId: string) {
  const call = await callRow(ctx.db, callId);
  const apps = await ctx.db.select({ a: programmeApplications, orgName: orgs.name }).from(programmeApplications).innerJoin(orgs, eq(orgs.id, programmeApplications.orgId))
    .where(and(eq(programmeApplications.callId, callId), inArray(programmeApplications.status, ['under_review', 'awarded', 'rejected'])));
  const asg = apps.length ? await ctx.db.select({ a: programmeAssignments, username: users.username }).from(programmeAssignments).innerJoin(users, eq(users.id, programmeAssignments.reviewerId))
    .where(inArray(programmeAssignments.applicationId, apps.map((x) => x.a.id))) : [];
  const submitted = asg.filter((x) => x.a.status === 'submitted' && x.a.total !== null);
  const cal = calibrate(submitted.map((x) => ({ applicationId: x.a.applicationId, reviewerId: x.a.reviewerId, total: x.a.total! })), call.panelSpread);
  const rows = apps.map(({ a, orgName }) => {
    const c = cal.get(a.id);
    const mine = asg.filter((x) => x.a.applicationId === a.id);
    return {
      applicationId: a.id, title: a.title, orgName, status: a.status, requestedFen: a.requestedFen, submittedAt: a.submittedAt?.toISOString() ?? null,
      reviewsDone: mine.filter((x) => x.a.status === 'submitted').length, reviewsAssigned: mine.length,
      rawMean: c?.rawMean ?? null, zMean: c?.zMean ?? null, spread: c?.spread ?? null, needsPanel: c?.needsPanel ?? false,
      reviews: mine.map((x) => {
        const r = c?.reviews.find((v) => v.reviewerId === x.a.reviewerId);
        return { reviewer: x.username, status: x.a.status, scores: x.a.scores ?? null, total: x.a.total, z: r?.z ?? null, outlier: r?.outlier ?? false, comment: x.a.comment };
      }),
      decision: a.decision ?? null, rank: 0,
    };
  });
  rows.sort((x, y) => (y.zMean ?? -99) - (x.zMean ?? -99) || (y.rawMean ?? -1) - (x.rawMean ?? -1) || (x.submittedAt ?? '').localeCompare(y.submittedAt ?? ''));
  rows.forEach((r, i) => { r.rank = i + 1; });
  return { callId, panelSpread: call.panelSpread, panelLockedAt: call.panelLockedAt?.toISOString() ?? null, budgetFen: call.budgetFen, maxAwardFen: call.maxAwardFen, rows };
}

/** Locks the panel: every review is in; from now on scores cannot change. */
export async function lockPanel(ctx: Ctx, callId: string) {
  await guarded(ctx, 'programme.call.lock_panel', 'programme_call', callId, async () => {
    await ctx.db.transaction(async (tx: Tx) => {
      const [call] = await tx.select().from(programmeCalls).where(eq(programmeCalls.id, callId)).for('update');
      if (!call) throw new AppError('programme.call_not_found');
      if (call.panelLockedAt) throw new AppError('programme.panel_locked', { lockedAt: call.panelLockedAt.toISOString() });
      const [{ open }] = await tx.select({ open: sql<number>`count(*)::int` }).from(programmeAssignments)
        .innerJoin(programmeApplications, eq(programmeApplications.id, programmeAssignments.applicationId))
        .where(and(eq(programmeApplications.callId, callId), eq(programmeAssignments.status, 'assigned')));
      if (open > 0) throw new AppError('programme.reviews_incomplete', { count: open });
      await tx.update(programmeCalls).set({ panelLockedAt: ctx.now() }).where(eq(programmeCalls.id, callId));
      await recordAudit(tx, ctx, { action: 'programme.call.lock_panel', entityType: 'programme_call', entityId: callId, after: { panelLockedAt: ctx.now().toISOString() } });
    });
  });
  return ranking(ctx, callId);
}
