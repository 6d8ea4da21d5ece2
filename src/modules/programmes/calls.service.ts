// Programmes and their calls (申报指南/批次): window on the server clock, budget, caps, co-funding,
// eligibility in the policies condition language, the form, the rubric, and (揭榜挂帅) the challenge.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { compileCondition } from '../policies/benefit.ts';
import { variableCatalogue } from '../policies/variables.ts';
import { orgs } from '../registry/registry.schema.ts';
import {
  programmeApplications, programmeCalls, programmes, type CallCreate, CallCreateSchema, type ProgrammeCreate, ProgrammeCreateSchema,
} from './programmes.schema.ts';

type CallRow = typeof programmeCalls.$inferSelect;
type ProgrammeRow = typeof programmes.$inferSelect;

export function windowState(ctx: Ctx, c: Pick<CallRow, 'opensAt' | 'closesAt' | 'status'>): 'upcoming' | 'open' | 'closed' | 'draft' | 'cancelled' {
  if (c.status !== 'published') return c.status;
  const now = ctx.now().getTime();
  if (now < c.opensAt.getTime()) return 'upcoming';
  // The deadline itself is the last instant accepted; one millisecond later is closed.
  return now <= c.closesAt.getTime() ? 'open' : 'closed';
}

export const isStaff = (ctx: Ctx) => ctx.system || ctx.actor?.role === 'bureau_admin' || ctx.actor?.role === 'district_officer';

export async function createProgramme(ctx: Ctx, raw: ProgrammeCreate, opts: { synthetic?: boolean } = {}) {
  const input = ProgrammeCreateSchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, input.code));
    if (taken) throw new AppError('programme.code_taken', { code: input.code });
    const [row] = await tx.insert(programmes).values({ ...input, nameEn: input.nameEn ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'programme.create', entityType: 'programme', entityId: row.id, after: row });
    return toProgramme(row);
  });
}

function toProgramme(r: ProgrammeRow) {
  return { id: r.id, code: r.code, kind: r.kind, name: r.name, nameEn: r.nameEn, description: r.description, synthetic: r.synthetic };
}

export async function listProgrammes(ctx: Ctx) {
  const rows = await ctx.db.select().from(programmes).orderBy(asc(programmes.code));
  return rows.map(toProgramme);
}

/** Checks an eligibility condition against the policies' variable catalogue. */
export function checkEligibility(src: string) {
  if (!src.trim()) return;
  const { problems } = compileCondition(src, variableCatalogue());
  if (problems.length) throw new AppError('programme.eligibility_invalid', { first: problems[0].message }, problems.map((p) => ({ path: 'body.eligibility', code: p.code, message: p.message })));
}

export async function createCall(ctx: Ctx, raw: CallCreate, opts: { synthetic?: boolean } = {}) {
  const input = CallCreateSchema.parse(raw);
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  if (closesAt <= opensAt) throw new AppError('programme.call_invalid', { reason: { zh: '截止时间须晚于开始时间', en: 'the deadline must be after the opening' } });
  if (input.maxAwardFen > input.budgetFen) throw new AppError('programme.call_invalid', { reason: { zh: '单项上限不得超过批次预算', en: 'the per-project cap cannot exceed the budget' } });
  checkEligibility(input.eligibility);
  return ctx.db.transaction(async (tx) => {
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programme) throw new AppError('programme.not_found');
    if ((programme.kind === 'open_challenge') !== !!input.challenge) {
      throw new AppError('programme.call_invalid', { reason: { zh: '揭榜挂帅批次须且仅须填写榜单（难题、目标、悬赏、里程碑）', en: 'open-challenge calls, and only they, carry a challenge (problem, goals, bounty, milestones)' } });
    }
    if (input.challenge && input.challenge.bountyFen > input.budgetFen) throw new AppError('programme.call_invalid', { reason: { zh: '悬赏金额不得超过批次预算', en: 'the bounty cannot exceed the budget' } });
    const [taken] = await tx.select({ id: programmeCalls.id }).from(programmeCalls).where(eq(programmeCalls.code, input.code));
    if (taken) throw new AppError('programme.code_taken', { code: input.code });
    const [row] = await tx.insert(programmeCalls).values({
      ...input, titleEn: input.titleEn ?? null, round: input.round ?? null, opensAt, closesAt, fundId: input.fundId ?? null, challenge: input.challenge ?? null,
      status: 'draft', synthetic: opts.synthetic ?? false, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'programme.call.create', entityType: 'programme_call', entityId: row.id, after: row });
    return toCall(ctx, row, programme);
  });
}

export async function publishCall(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await callRow(tx, id);
    if (row.status !== 'draft') throw new AppError('programme.transition_refused', { from: row.status, action: 'publish' });
    const [updated] = await tx.update(programmeCalls).set({ status: 'published' }).where(eq(programmeCalls.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'programme.call.publish', entityType: 'programme_call', entityId: id, before: { status: row.status }, after: { status: 'published' } });
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, row.programmeId));
    return toCall(ctx, updated, programme);
  });
}

export async function callRow(db: Ctx['db'] | Parameters<Parameters<Ctx['db']['transaction']>[0]>[0], id: string): Promise<CallRow> {
  const [row] = await db.select().from(programmeCalls).where(eq(programmeCalls.id, id));
  if (!row) throw new AppError('programme.call_not_found');
  return row;
}

export function toCall(ctx: Ctx, r: CallRow, p: ProgrammeRow, extra: { applications?: number; leadOrgName?: string | null } = {}) {
  return {
    id: r.id, code: r.code, programmeId: r.programmeId, programmeCode: p.code, programmeName: p.name, programmeNameEn: p.nameEn, kind: p.kind,
    title: r.title, titleEn: r.titleEn, round: r.round, summary: r.summary, status: r.status, window: windowState(ctx, r),
    opensAt: r.opensAt.toISOString(), closesAt: r.closesAt.toISOString(), budgetFen: r.budgetFen, maxAwardFen: r.maxAwardFen,
    cofundingRatioBp: r.cofundingRatioBp, eligibility: r.eligibility, form: r.form, rubric: r.rubric, reviewersPerApplication: r.reviewersPerApplication,
    blind: r.blind, sameDistrictConflict: r.sameDistrictConflict, panelSpread: r.panelSpread, panelLockedAt: r.panelLockedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null, fundId: r.fundId, challenge: r.challenge ?? null, leadOrgName: extra.leadOrgName ?? null,
    applications: extra.applications ?? null, synthetic: r.synthetic,
  };
}
export type CallView = ReturnType<typeof toCall>;

/** Calls: the public sees published ones only; staff see drafts too. */
export async function listCalls(ctx: Ctx, q: { kind?: string; public?: boolean } = {}) {
  const staff = !q.public && isStaff(ctx);
  const list = await ctx.db.select({ c: programmeCalls, p: programmes }).from(programmeCalls).innerJoin(programmes, eq(programmes.id, programmeCalls.programmeId))
    .where(and(staff ? undefined : eq(programmeCalls.status, 'published'), q.kind ? eq(programmes.kind, q.kind as never) : undefined))
    .orderBy(desc(programmeCalls.closesAt), asc(programmeCalls.code));
  const ids = list.map((x) => x.c.id);
  const counts = staff && ids.length
    ? await ctx.db.select({ id: programmeApplications.callId, n: sql<number>`count(*) filter (where ${programmeApplications.status} <> 'draft')::int` }).from(programmeApplications).where(inArray(programmeApplications.callId, ids)).groupBy(programmeApplications.callId)
    : [];
  const leadIds = list.map((x) => x.c.challenge?.leadOrgId).filter((v): v is string => !!v);
  const leads = leadIds.length ? await ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, leadIds)) : [];
  return list.map(({ c, p }) => toCall(ctx, c, p, {
    applications: staff ? counts.find((x) => x.id === c.id)?.n ?? 0 : undefined,
    leadOrgName: leads.find((l) => l.id === c.challenge?.leadOrgId)?.name ?? null,
  }));
}

export async function getCall(ctx: Ctx, id: string, opts: { public?: boolean } = {}) {
  const [x] = await ctx.db.select({ c: programmeCalls, p: programmes }).from(programmeCalls).innerJoin(programmes, eq(programmes.id, programmeCalls.programmeId)).where(eq(programmeCalls.id, id));
  if (!x || ((opts.public || !isStaff(ctx)) && x.c.status !== 'published')) throw new AppError('programme.call_not_found');
  const leadId = x.c.challenge?.leadOrgId;
  const [lead] = leadId ? await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, leadId)) : [];
  return toCall(ctx, x.c, x.p, { leadOrgName: lead?.name ?? null });
}
