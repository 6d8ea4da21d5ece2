// Applications (申报书): an organisation user drafts, saves and submits before the deadline,
// alone or with partners; budget tables are checked; staff run the formal check.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { compileCondition } from '../policies/benefit.ts';
import { evaluate } from '../policies/lang.ts';
import { buildVariables, fiscalYearOf, variableCatalogue } from '../policies/variables.ts';
import { orgs } from '../registry/registry.schema.ts';
import { factsDocFor } from '../rules/rules.service.ts';
import { evaluateAll } from '../../rules/index.ts';
import { callRow, getCall, isStaff, windowState } from './calls.service.ts';
import {
  programmeApplications, programmeAssignments, programmeAttachments, programmeCalls, programmes,
  type ApplicationCreate, type ApplicationPatch, type BudgetLine,
} from './programmes.schema.ts';
import { guarded, transitionApplication } from './state.ts';

type AppRow = typeof programmeApplications.$inferSelect;
type CallRow = typeof programmeCalls.$inferSelect;

const bi = (zh: string, en: string) => ({ zh, en });
const today = (ctx: Ctx) => new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Checks a budget table against the call: known categories, sums, the per-project cap, co-funding. */
export function checkBudget(call: Pick<CallRow, 'form' | 'maxAwardFen' | 'cofundingRatioBp'>, lines: BudgetLine[], opts: { final?: boolean } = {}) {
  const keys = new Set(call.form.budgetCategories.map((c) => c.key));
  const seen = new Set<string>();
  for (const l of lines) {
    if (!keys.has(l.category)) throw new AppError('programme.budget_invalid', { reason: bi(`未知的预算科目“${l.category}”`, `unknown budget category “${l.category}”`) });
    if (seen.has(l.category)) throw new AppError('programme.budget_invalid', { reason: bi(`预算科目“${l.category}”重复`, `budget category “${l.category}” appears twice`) });
    seen.add(l.category);
  }
  const requestedFen = lines.reduce((s, l) => s + l.requestedFen, 0);
  const selfFen = lines.reduce((s, l) => s + l.selfFen, 0);
  if (requestedFen > call.maxAwardFen) throw new AppError('programme.budget_over_cap', { requested: requestedFen, cap: call.maxAwardFen });
  if (opts.final) {
    if (requestedFen <= 0) throw new AppError('programme.budget_invalid', { reason: bi('申请资助金额须大于零', 'the requested subsidy must be above zero') });
    const needed = Math.ceil((requestedFen * call.cofundingRatioBp) / 10_000);
    if (selfFen < needed) throw new AppError('programme.cofunding_short', { self: selfFen, needed, percent: call.cofundingRatioBp / 100 });
  }
  return { requestedFen, selfFen };
}

async function orgIdsByUscc(ctx: Ctx, usccs: string[]): Promise<string[]> {
  if (!usccs.length) return [];
  const found = await ctx.db.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(inArray(orgs.uscc, usccs.map((u) => u.toUpperCase())));
  const missing = usccs.filter((u) => !found.some((f) => f.uscc === u.toUpperCase()));
  if (missing.length) throw new AppError('org.not_found', { uscc: missing.join(', ') });
  return usccs.map((u) => found.find((f) => f.uscc === u.toUpperCase())!.id);
}

function leadOrgOf(ctx: Ctx): string {
  if (ctx.actor?.role !== 'org_user' || !ctx.actor.orgId) throw new AppError('auth.forbidden');
  return ctx.actor.orgId;
}

/** Who may see an application: its organisations, the bureau, its district's officer, its assigned reviewers. */
async function visibleRow(ctx: Ctx, id: string): Promise<{ row: AppRow; reviewer: boolean }> {
  const [row] = await ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, id));
  if (!row) throw new AppError('programme.application_not_found');
  const a = ctx.actor;
  if (ctx.system || a?.role === 'bureau_admin') return { row, reviewer: false };
  if (a?.role === 'org_user' && (row.orgId === a.orgId || row.partnerOrgIds.includes(a.orgId!)) ) return { row, reviewer: false };
  if (a?.role === 'district_officer') {
    const [org] = await ctx.db.select({ district: orgs.district }).from(orgs).where(eq(orgs.id, row.orgId));
    if (org?.district === a.district) return { row, reviewer: false };
  }
  if (a?.role === 'reviewer') {
    const [asg] = await ctx.db.select({ id: programmeAssignments.id }).from(programmeAssignments).where(and(eq(programmeAssignments.applicationId, id), eq(programmeAssignments.reviewerId, a.userId)));
    if (asg) return { row, reviewer: true };
  }
  // Not visible and not existing look the same.
  throw new AppError('programme.application_not_found');
}

export async function editableRow(ctx: Ctx, id: string): Promise<AppRow> {
  const orgId = leadOrgOf(ctx);
  const [row] = await ctx.db.select().from(programmeApplications).where(eq(programmeApplications.id, id));
  if (!row || row.orgId !== orgId) throw new AppError('programme.application_not_found');
  return row;
}

export async function createApplication(ctx: Ctx, input: ApplicationCreate) {
  return guarded(ctx, 'programme.application.create', 'programme_call', input.callId, async () => {
    const orgId = leadOrgOf(ctx);
    const call = await callRow(ctx.db, input.callId);
    if (windowState(ctx, call) !== 'open') throw new AppError('programme.call_not_open', { opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() });
    const partnerOrgIds = (await orgIdsByUscc(ctx, input.partnerUsccs ?? [])).filter((p) => p !== orgId);
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(programmeApplications).values({
        callId: call.id, orgId, partnerOrgIds, title: input.title, keywords: input.keywords ?? [], createdBy: ctx.actor!.userId, createdAt: ctx.now(), updatedAt: ctx.now(),
      }).returning();
      await recordAudit(tx, ctx, { action: 'programme.application.create', entityType: 'programme_application', entityId: row.id, after: row });
      return row.id;
    });
  }).then((id) => getApplication(ctx, id));
}

export async function updateApplication(ctx: Ctx, id: string, patch: ApplicationPatch) {
  await guarded(ctx, 'programme.application.save', 'programme_application', id, async () => {
    const row = await editableRow(ctx, id);
    if (row.status !== 'draft' && row.status !== 'returned') throw new AppError('programme.transition_refused', { from: row.status, action: 'save' });
    const call = await callRow(ctx.db, row.callId);
    const set: Partial<typeof programmeApplications.$inferInsert> = { updatedAt: ctx.now() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.keywords !== undefined) set.keywords = patch.keywords;
    if (patch.partnerUsccs !== undefined) set.partnerOrgIds = (await orgIdsByUscc(ctx, patch.partnerUsccs)).filter((p) => p !== row.orgId);
    if (patch.answers !== undefined) {
      const fields = new Map(call.form.fields.map((f) => [f.key, f]));
      for (const [k, v] of Object.entries(patch.answers)) {
        const f = fields.get(k);
        if (!f) throw new AppError('programme.form_incomplete', { missing: bi(`没有字段“${k}”`, `no field “${k}”`) });
        if (v.length > f.maxLength) throw new AppError('programme.form_incomplete', { missing: bi(`“${f.label.zh}”超过 ${f.maxLength} 字`, `“${f.label.en}” is longer than ${f.maxLength} characters`) });
      }
      set.answers = patch.answers;
    }
    if (patch.budget !== undefined) {
      const { requestedFen, selfFen } = checkBudget(call, patch.budget);
      Object.assign(set, { budget: patch.budget, requestedFen, selfFundedFen: selfFen });
    }
    await ctx.db.transaction(async (tx) => {
      const [updated] = await tx.update(programmeApplications).set(set).where(eq(programmeApplications.id, id)).returning();
      await recordAudit(tx, ctx, { action: 'programme.application.save', entityType: 'programme_application', entityId: id, before: pickChanged(row, set), after: pickChanged(updated, set) });
    });
  });
  return getApplication(ctx, id);
}

function pickChanged(row: AppRow, set: object) {
  return Object.fromEntries(Object.keys(set).filter((k) => k !== 'updatedAt').map((k) => [k, (row as Record<string, unknown>)[k]]));
}

/** Evaluates the call's eligibility condition for the lead organisation as of today. */
export async function evaluateEligibility(ctx: Ctx, call: Pick<CallRow, 'eligibility'>, orgId: string) {
  const asOf = today(ctx);
  if (!call.eligibility.trim()) return { result: 'true' as const, trace: [], asOf, failed: [] as string[] };
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  const sys: Ctx = { ...ctx, system: true };
  const doc = await factsDocFor(sys, org.uscc);
  const year = fiscalYearOf(asOf);
  const vars = buildVariables(doc, { year, district: org.district, tiers: evaluateAll(doc, asOf) });
  // check() resolves enum names (enterprise, pass…) in the tree, so compile before evaluating.
  const { compiled, problems } = compileCondition(call.eligibility, variableCatalogue());
  if (!compiled) throw new AppError('programme.eligibility_invalid', { first: problems[0]?.message ?? '' });
  const r = evaluate(call.eligibility, compiled.ast, vars);
  return { result: r.result, trace: r.trace, asOf, failed: r.trace.filter((t) => t.result === 'false').map((t) => t.text) };
}

export async function submitApplication(ctx: Ctx, id: string) {
  await guarded(ctx, 'programme.application.submit', 'programme_application', id, async () => {
    const row = await editableRow(ctx, id);
    const call = await callRow(ctx.db, row.callId);
    // A first submission must arrive by the deadline (server clock); a returned one may be corrected until the panel locks.
    if (row.status === 'draft' && windowState(ctx, call) !== 'open') throw new AppError('programme.call_not_open', { opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() });
    if (row.status === 'returned' && call.panelLockedAt) throw new AppError('programme.panel_locked', { lockedAt: call.panelLockedAt.toISOString() });
    const missing: string[] = [];
    for (const f of call.form.fields) if (f.required && !row.answers[f.key]?.trim()) missing.push(f.label.zh);
    const atts = await ctx.db.select({ kind: programmeAttachments.kind }).from(programmeAttachments).where(eq(programmeAttachments.applicationId, id));
    for (const k of call.form.requiredAttachments) if (!atts.some((a) => a.kind === k)) missing.push(`附件:${k}`);
    if (!row.budget.length) missing.push('预算表');
    if (missing.length) throw new AppError('programme.form_incomplete', { missing: missing.join('、') });
    checkBudget(call, row.budget, { final: true });
    const elig = await evaluateEligibility(ctx, call, row.orgId);
    if (elig.result === 'false') throw new AppError('programme.not_eligible', { failed: elig.failed.join('; ') });
    await ctx.db.transaction(async (tx) => {
      await transitionApplication(tx, ctx, row, 'submit', { submittedAt: ctx.now(), eligibility: { result: elig.result, trace: elig.trace, asOf: elig.asOf } });
    });
  });
  return getApplication(ctx, id);
}

export async function withdrawApplication(ctx: Ctx, id: string) {
  await guarded(ctx, 'programme.application.withdraw', 'programme_application', id, async () => {
    const row = await editableRow(ctx, id);
    await ctx.db.transaction((tx) => transitionApplication(tx, ctx, row, 'withdraw'));
  });
  return getApplication(ctx, id);
}

export async function formalCheck(ctx: Ctx, id: string, input: { result: 'pass' | 'return' | 'fail'; comments: string }) {
  await guarded(ctx, 'programme.application.formal_check', 'programme_application', id, async () => {
    const { row } = await visibleRow(ctx, id);
    if (!isStaff(ctx)) throw new AppError('programme.application_not_found');
    const action = input.result === 'pass' ? 'pass_formal' : input.result === 'return' ? 'return' : 'fail_formal';
    await ctx.db.transaction((tx) => transitionApplication(tx, ctx, row, action, { formalComments: input.comments || null }, { comments: input.comments }));
  });
  return getApplication(ctx, id);
}

export async function getApplication(ctx: Ctx, id: string) {
  // An applicant or reviewer reaching for an application that is not theirs is refused and audited.
  const { row, reviewer } = isStaff(ctx) ? await visibleRow(ctx, id) : await guarded(ctx, 'programme.application.read', 'programme_application', id, () => visibleRow(ctx, id));
  const call = await getCall({ ...ctx, system: true }, row.callId);
  const [views] = await applicationViews(ctx, eq(programmeApplications.id, id));
  const attachments = await ctx.db.select().from(programmeAttachments).where(eq(programmeAttachments.applicationId, id)).orderBy(programmeAttachments.createdAt);
  const view = {
    ...views, answers: row.answers, budget: row.budget, eligibility: row.eligibility ?? null, formalComments: row.formalComments,
    assignmentLog: reviewer ? null : row.assignmentLog ?? null,
    attachments: attachments.map((a) => ({ id: a.id, kind: a.kind, fileName: a.fileName, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() })),
    call: { id: call.id, code: call.code, title: call.title, kind: call.kind, closesAt: call.closesAt, window: call.window, form: call.form, rubric: call.rubric, maxAwardFen: call.maxAwardFen, cofundingRatioBp: call.cofundingRatioBp, blind: call.blind },
  };
  // Blind review: the reviewer sees neither the applicant nor its partners, nor the decision or other reviews.
  if (reviewer && call.blind) return { ...view, orgId: null, orgName: null, orgUscc: null, orgDistrict: null, partners: [], decision: null, formalComments: null, eligibility: null };
  if (reviewer) return { ...view, decision: null, eligibility: null };
  return view;
}

async function applicationViews(ctx: Ctx, where: SQL | undefined) {
  const list = await ctx.db.select({ a: programmeApplications, orgName: orgs.name, orgUscc: orgs.uscc, orgDistrict: orgs.district, callTitle: programmeCalls.title, callCode: programmeCalls.code })
    .from(programmeApplications).innerJoin(orgs, eq(orgs.id, programmeApplications.orgId)).innerJoin(programmeCalls, eq(programmeCalls.id, programmeApplications.callId))
    .where(where).orderBy(desc(programmeApplications.updatedAt), programmeApplications.id);
  const partnerIds = [...new Set(list.flatMap((x) => x.a.partnerOrgIds))];
  const partners = partnerIds.length ? await ctx.db.select({ id: orgs.id, name: orgs.name, uscc: orgs.uscc }).from(orgs).where(inArray(orgs.id, partnerIds)) : [];
  return list.map(({ a, ...x }) => ({
    id: a.id, callId: a.callId, callCode: x.callCode, callTitle: x.callTitle, orgId: a.orgId as string | null, orgName: x.orgName as string | null, orgUscc: x.orgUscc as string | null, orgDistrict: x.orgDistrict as string | null,
    partners: a.partnerOrgIds.map((p) => partners.find((o) => o.id === p)).filter((p) => !!p).map((p) => ({ name: p!.name, uscc: p!.uscc })),
    title: a.title, keywords: a.keywords, status: a.status, requestedFen: a.requestedFen, selfFundedFen: a.selfFundedFen,
    submittedAt: a.submittedAt?.toISOString() ?? null, updatedAt: a.updatedAt.toISOString(), decision: a.decision ?? null,
  }));
}

/** Applications in the caller's scope: its organisation's (as lead or partner), its district's, or all. */
export async function listApplications(ctx: Ctx, q: { callId?: string; status?: string }) {
  const a = ctx.actor;
  let scope: SQL | undefined;
  if (ctx.system || a?.role === 'bureau_admin') scope = undefined;
  else if (a?.role === 'district_officer') scope = eq(orgs.district, a.district!);
  else if (a?.role === 'org_user') scope = sql`(${programmeApplications.orgId} = ${a.orgId} or ${a.orgId} = any(${programmeApplications.partnerOrgIds}))`;
  else scope = sql`false`;
  return applicationViews(ctx, and(scope, q.callId ? eq(programmeApplications.callId, q.callId) : undefined, q.status ? eq(programmeApplications.status, q.status as never) : undefined));
}

/** The registry's data for the applicant form's prefill. */
export async function prefill(ctx: Ctx) {
  const orgId = leadOrgOf(ctx);
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new AppError('org.not_found', { uscc: '' });
  return { uscc: org.uscc, name: org.name, kind: org.kind, district: org.district, address: org.address, industryCode: org.industryCode, keywords: org.keywords, contacts: org.contacts };
}

export { visibleRow };

/**
 * Contest entries (创新创业大赛 applications) for other modules, which link to them (the
 * marketplace's enclave projects): by id, or every submitted entry when `ids` is omitted. Only
 * what names an entry — the caller decides who may see it. A draft or withdrawn application is
 * not an entry; `isEntry` says so, and `kind` says whether the call is a contest at all.
 */
export async function contestEntries(ctx: Ctx, ids?: string[]) {
  if (ids && !ids.length) return [];
  const rows = await ctx.db.select({
    id: programmeApplications.id, title: programmeApplications.title, status: programmeApplications.status, orgName: orgs.name,
    callId: programmeCalls.id, callCode: programmeCalls.code, callTitle: programmeCalls.title, kind: programmes.kind,
  }).from(programmeApplications).innerJoin(programmeCalls, eq(programmeCalls.id, programmeApplications.callId)).innerJoin(programmes, eq(programmes.id, programmeCalls.programmeId))
    .innerJoin(orgs, eq(orgs.id, programmeApplications.orgId))
    .where(ids ? inArray(programmeApplications.id, ids) : and(eq(programmes.kind, 'contest'), sql`${programmeApplications.status} not in ('draft', 'withdrawn')`))
    .orderBy(desc(programmeApplications.updatedAt)).limit(ids ? ids.length : 500);
  return rows.map((r) => ({ ...r, isEntry: r.kind === 'contest' && r.status !== 'draft' && r.status !== 'withdrawn' }));
}
