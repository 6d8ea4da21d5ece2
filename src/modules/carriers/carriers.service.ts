// Innovation carriers: registry, consortium members, yearly reports, the rules-based yearly
// evaluation (parameters as versioned data), and public platforms' services.
import { and, avg, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import type { DbOrTx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lookupChainLinks } from '../chains/chains.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { evaluate, versionFor, type EvalVersion } from './carriers.evaluate.ts';
import {
  CARRIER_KINDS, type CompleteRequestSchema, carrierEvalParams, carrierEvaluations, carrierMembers, carrierReports, carriers, carrierServiceRequests, carrierServices,
  EvalParamsSchema, type CarrierCreate, type CarrierKind, type CarrierListQuerySchema, type EvalParamsCreateSchema, type RatingSchema, type ReportCreate,
  type ServiceCreateSchema, type ServiceRequestCreateSchema,
} from './carriers.schema.ts';

type CarrierRow = typeof carriers.$inferSelect;
const actorName = (ctx: Ctx) => ctx.actor?.username ?? 'system';

/** Beijing date today, from the server clock. */
function today(ctx: Ctx): string {
  return new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function orgByUscc(db: DbOrTx, uscc: string) {
  const [o] = await db.select().from(orgs).where(eq(orgs.uscc, uscc));
  if (!o) throw new AppError('carrier.org_not_registered', { uscc });
  return o;
}

export const KIND_NAMES: Record<CarrierKind, { zh: string; en: string }> = {
  new_rd_institution: { zh: '新型研发机构', en: 'New R&D institution' },
  innovation_lab: { zh: '创新实验室', en: 'Innovation lab' },
  research_infrastructure: { zh: '科研基础设施', en: 'Research infrastructure' },
  enterprise_rd_center: { zh: '企业研发中心', en: 'Enterprise R&D centre' },
  public_service_platform: { zh: '公共技术服务平台', en: 'Public technology service platform' },
  innovation_consortium: { zh: '创新联合体', en: 'Innovation consortium' },
  incubator: { zh: '孵化器', en: 'Incubator' },
  national_research_institute: { zh: '国字号科研机构', en: 'National research institute' },
};

/** The letter's figures for the kinds it counts (厦科函〔2025〕84号). */
const LETTER_FIGURES: Partial<Record<CarrierKind, string>> = {
  innovation_lab: 'provincial_innovation_labs',
  enterprise_rd_center: 'enterprise_rd_centers',
  public_service_platform: 'public_tech_service_platforms',
  innovation_consortium: 'innovation_consortia',
  national_research_institute: 'national_research_institutes',
};

async function present(db: DbOrTx, rows: CarrierRow[]) {
  if (!rows.length) return [];
  const hostIds = rows.map((r) => r.hostOrgId);
  const members = await db.select({ carrierId: carrierMembers.carrierId, role: carrierMembers.role, uscc: orgs.uscc, name: orgs.name })
    .from(carrierMembers).innerJoin(orgs, eq(orgs.id, carrierMembers.orgId)).where(inArray(carrierMembers.carrierId, rows.map((r) => r.id)));
  const hosts = new Map((await db.select({ id: orgs.id, uscc: orgs.uscc, name: orgs.name, district: orgs.district }).from(orgs).where(inArray(orgs.id, hostIds))).map((o) => [o.id, o]));
  const links = await lookupChainLinks(db, rows.flatMap((r) => r.chainLinkIds));
  const grades = await db.select({ carrierId: carrierEvaluations.carrierId, year: carrierEvaluations.year, grade: carrierEvaluations.grade, score: carrierEvaluations.score })
    .from(carrierEvaluations).where(inArray(carrierEvaluations.carrierId, rows.map((r) => r.id))).orderBy(desc(carrierEvaluations.year));
  return rows.map((r) => ({
    id: r.id, kind: r.kind, kindName: KIND_NAMES[r.kind], name: r.name, level: r.level, staff: r.staff, establishedOn: r.establishedOn, synthetic: r.synthetic,
    host: hosts.get(r.hostOrgId) ?? null,
    chainLinks: r.chainLinkIds.map((id) => links.get(id)).filter((x) => !!x).map((l) => ({ id: l!.id, chainId: l!.chainId, chain: l!.chain, name: l!.name })),
    members: members.filter((m) => m.carrierId === r.id).map(({ carrierId: _c, ...m }) => m),
    latestEvaluation: grades.find((g) => g.carrierId === r.id) ?? null,
  }));
}

async function carrierRow(db: DbOrTx, id: string, forUpdate = false): Promise<CarrierRow> {
  const q = db.select().from(carriers).where(eq(carriers.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw new AppError('carrier.not_found');
  return r;
}

/** The carrier's own people (its host organisation's users), its district's officer, the bureau. */
async function assertManages(db: DbOrTx, ctx: Ctx, c: CarrierRow) {
  if (ctx.system || ctx.actor?.role === 'bureau_admin') return;
  const a = ctx.actor;
  if (a?.role === 'org_user' && a.orgId === c.hostOrgId) return;
  if (a?.role === 'district_officer') {
    const [o] = await db.select({ district: orgs.district }).from(orgs).where(eq(orgs.id, c.hostOrgId));
    if (o?.district === a.district) return;
  }
  throw new AppError('carrier.not_found');
}

export async function createCarrier(ctx: Ctx, input: CarrierCreate, opts: { synthetic?: boolean } = {}) {
  if (input.kind === 'innovation_consortium' && !input.leadUscc) throw new AppError('carrier.consortium_without_lead');
  return ctx.db.transaction(async (tx) => {
    const host = await orgByUscc(tx, input.hostUscc);
    const [dup] = await tx.select().from(carriers).where(and(eq(carriers.hostOrgId, host.id), eq(carriers.kind, input.kind)));
    if (dup) throw new AppError('carrier.duplicate', { host: host.name, kind: KIND_NAMES[input.kind], name: dup.name });
    const links = await lookupChainLinks(tx, input.chainLinkIds);
    if (input.chainLinkIds.some((id) => !links.has(id))) throw new AppError('chain.link_not_found');
    const [r] = await tx.insert(carriers).values({
      kind: input.kind, name: input.name, level: input.level, hostOrgId: host.id, chainLinkIds: [...new Set(input.chainLinkIds)], staff: input.staff,
      establishedOn: input.establishedOn, synthetic: opts.synthetic ?? false, createdBy: actorName(ctx), createdAt: ctx.now(),
    }).returning();
    const members: { carrierId: string; orgId: string; role: 'lead' | 'member' }[] = [];
    if (input.kind === 'innovation_consortium') {
      const lead = await orgByUscc(tx, input.leadUscc!);
      members.push({ carrierId: r.id, orgId: lead.id, role: 'lead' });
      for (const uscc of new Set(input.memberUsccs)) {
        const m = await orgByUscc(tx, uscc);
        if (m.id !== lead.id) members.push({ carrierId: r.id, orgId: m.id, role: 'member' });
      }
      await tx.insert(carrierMembers).values(members);
    }
    await recordAudit(tx, ctx, { action: 'carrier.create', entityType: 'carrier', entityId: r.id, after: { ...r, members } });
    return (await present(tx, [r]))[0];
  });
}

export async function listCarriers(ctx: Ctx, q: z.infer<typeof CarrierListQuerySchema>) {
  const rows = await ctx.db.select().from(carriers)
    .where(and(q.kind ? eq(carriers.kind, q.kind) : undefined, q.level ? eq(carriers.level, q.level) : undefined, q.q ? ilike(carriers.name, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined))
    .orderBy(carriers.kind, carriers.name).limit(1000);
  return present(ctx.db, rows);
}

export async function getCarrier(ctx: Ctx, id: string) {
  const [c] = await present(ctx.db, [await carrierRow(ctx.db, id)]);
  const services = await listServices(ctx, id);
  return { ...c, services };
}

/** The platform's count of each kind beside the letter's figure, with the letter as source. */
export async function carrierSummary(ctx: Ctx) {
  const counts = await ctx.db.select({ kind: carriers.kind, n: count(), synthetic: sql<number>`sum(case when ${carriers.synthetic} then 1 else 0 end)::int` }).from(carriers).groupBy(carriers.kind);
  const source = `${LETTER.source.title_zh}（${LETTER.source.doc_no}，${LETTER.source.date}）`;
  return CARRIER_KINDS.map((kind) => {
    const c = counts.find((x) => x.kind === kind);
    const figId = LETTER_FIGURES[kind];
    const fig = figId ? letterFigure(figId) : null;
    return {
      kind, kindName: KIND_NAMES[kind], platformCount: c?.n ?? 0, syntheticCount: Number(c?.synthetic ?? 0),
      letter: fig ? { id: fig.id, zh: fig.zh, en: fig.en, value: fig.value, unit: fig.unit, period: fig.period, source } : null,
    };
  });
}

// ---------- yearly reports ----------

export async function submitReport(ctx: Ctx, id: string, input: ReportCreate) {
  return ctx.db.transaction(async (tx) => {
    const c = await carrierRow(tx, id, true);
    await assertManages(tx, ctx, c);
    const established = Number(c.establishedOn.slice(0, 4));
    if (input.year < established) throw new AppError('carrier.report_before_established', { name: c.name, establishedOn: c.establishedOn, year: input.year });
    const now = today(ctx);
    if (input.year >= Number(now.slice(0, 4))) throw new AppError('carrier.report_future_year', { year: input.year, today: now });
    const [exists] = await tx.select({ id: carrierReports.id }).from(carrierReports).where(and(eq(carrierReports.carrierId, id), eq(carrierReports.year, input.year)));
    if (exists) throw new AppError('carrier.report_exists', { name: c.name, year: input.year });
    const [r] = await tx.insert(carrierReports).values({ carrierId: id, ...input, submittedBy: actorName(ctx), submittedAt: ctx.now() }).returning();
    await tx.update(carriers).set({ staff: input.staff }).where(and(eq(carriers.id, id), sql`not exists (select 1 from carrier_reports r where r.carrier_id = ${id} and r.year > ${input.year})`));
    await recordAudit(tx, ctx, { action: 'carrier.report.submit', entityType: 'carrier', entityId: id, after: r });
    return { ...r, submittedAt: r.submittedAt.toISOString() };
  });
}

export async function listReports(ctx: Ctx, id: string) {
  const c = await carrierRow(ctx.db, id);
  await assertManages(ctx.db, ctx, c);
  const rows = await ctx.db.select().from(carrierReports).where(eq(carrierReports.carrierId, id)).orderBy(desc(carrierReports.year));
  const evals = await ctx.db.select().from(carrierEvaluations).where(eq(carrierEvaluations.carrierId, id)).orderBy(desc(carrierEvaluations.year));
  return {
    reports: rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })),
    evaluations: evals.map((e) => ({ ...e, evaluatedAt: e.evaluatedAt.toISOString() })),
  };
}

// ---------- evaluation parameters (versioned) and evaluation ----------

async function storedVersions(db: DbOrTx): Promise<EvalVersion[]> {
  const rows = await db.select().from(carrierEvalParams).orderBy(carrierEvalParams.effectiveFrom);
  return rows.map((r) => ({ effectiveFrom: r.effectiveFrom, params: EvalParamsSchema.parse(r.params), docNo: r.docNo, note: r.note, example: false }));
}

export async function listEvalParams(ctx: Ctx) {
  const stored = await storedVersions(ctx.db);
  const now = today(ctx);
  const current = versionFor(stored, now);
  const all = [versionFor([], '2020-01-01'), ...stored];
  return all.map((v) => ({ ...v, current: v.effectiveFrom === current.effectiveFrom && v.example === current.example }));
}

export async function addEvalParams(ctx: Ctx, input: z.infer<typeof EvalParamsCreateSchema>) {
  const now = today(ctx);
  if (input.effectiveFrom < now) throw new AppError('rules.params_in_past', { effectiveFrom: input.effectiveFrom, today: now });
  return ctx.db.transaction(async (tx) => {
    const [exists] = await tx.select().from(carrierEvalParams).where(eq(carrierEvalParams.effectiveFrom, input.effectiveFrom));
    if (exists) throw new AppError('rules.params_exists', { effectiveFrom: input.effectiveFrom });
    const [r] = await tx.insert(carrierEvalParams).values({ effectiveFrom: input.effectiveFrom, params: input.params, docNo: input.docNo ?? null, note: input.note ?? null, createdBy: actorName(ctx), createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'carrier.eval_params.create', entityType: 'carrier_eval_params', entityId: r.effectiveFrom, after: r });
    return { effectiveFrom: r.effectiveFrom, params: input.params, docNo: r.docNo, note: r.note, example: false };
  });
}

/** Evaluates one carrier's year from its report, with the parameters in force at the year's end; stored with its trace. */
export async function evaluateCarrier(ctx: Ctx, id: string, year: number) {
  return ctx.db.transaction(async (tx) => {
    const c = await carrierRow(tx, id, true);
    const [report] = await tx.select().from(carrierReports).where(and(eq(carrierReports.carrierId, id), eq(carrierReports.year, year)));
    if (!report) throw new AppError('carrier.report_missing', { name: c.name, year });
    const version = versionFor(await storedVersions(tx), `${year}-12-31`);
    const result = evaluate(year, report, version);
    const [before] = await tx.select().from(carrierEvaluations).where(and(eq(carrierEvaluations.carrierId, id), eq(carrierEvaluations.year, year)));
    const values = { carrierId: id, year, score: result.score, grade: result.grade, result, evaluatedBy: actorName(ctx), evaluatedAt: ctx.now() };
    await tx.insert(carrierEvaluations).values(values).onConflictDoUpdate({ target: [carrierEvaluations.carrierId, carrierEvaluations.year], set: values });
    await recordAudit(tx, ctx, { action: 'carrier.evaluate', entityType: 'carrier', entityId: id, before: before ? { score: before.score, grade: before.grade } : null, after: { year, score: result.score, grade: result.grade, version: result.version } });
    return { carrierId: id, name: c.name, ...result };
  });
}

/** Evaluates every carrier that reported for the year. */
export async function evaluateYear(ctx: Ctx, year: number) {
  const ids = await ctx.db.select({ id: carrierReports.carrierId }).from(carrierReports).where(eq(carrierReports.year, year));
  const grades: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const { id } of ids) grades[(await evaluateCarrier(ctx, id, year)).grade]++;
  return { year, evaluated: ids.length, grades };
}

// ---------- public platforms' services ----------

export async function addService(ctx: Ctx, carrierId: string, input: z.infer<typeof ServiceCreateSchema>) {
  return ctx.db.transaction(async (tx) => {
    const c = await carrierRow(tx, carrierId);
    await assertManages(tx, ctx, c);
    if (c.kind !== 'public_service_platform') throw new AppError('carrier.not_a_platform');
    const [r] = await tx.insert(carrierServices).values({ carrierId, name: input.name, description: input.description, priceNote: input.priceNote ?? null, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'carrier.service.create', entityType: 'carrier_service', entityId: r.id, after: r });
    return { ...r, createdAt: r.createdAt.toISOString(), requests: 0, ratings: 0, averageRating: null as number | null };
  });
}

export async function listServices(ctx: Ctx, carrierId?: string) {
  const rows = await ctx.db.select({ s: carrierServices, platform: carriers.name }).from(carrierServices).innerJoin(carriers, eq(carriers.id, carrierServices.carrierId))
    .where(carrierId ? eq(carrierServices.carrierId, carrierId) : undefined).orderBy(carriers.name, carrierServices.name);
  const stats = await ctx.db.select({ id: carrierServiceRequests.serviceId, n: count(), rated: count(carrierServiceRequests.rating), avg: avg(carrierServiceRequests.rating) })
    .from(carrierServiceRequests).groupBy(carrierServiceRequests.serviceId);
  return rows.map(({ s, platform }) => {
    const st = stats.find((x) => x.id === s.id);
    return { ...s, platform, createdAt: s.createdAt.toISOString(), requests: st?.n ?? 0, ratings: st?.rated ?? 0, averageRating: st?.avg != null ? Math.round(Number(st.avg) * 10) / 10 : null };
  });
}

/** An enterprise requests a service; seeding (a system context) names the requesting organisation. */
export async function requestService(ctx: Ctx, serviceId: string, input: z.infer<typeof ServiceRequestCreateSchema>, opts: { orgId?: string } = {}) {
  const orgId = ctx.system && opts.orgId ? opts.orgId : ctx.actor!.orgId!;
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(carrierServices).where(eq(carrierServices.id, serviceId));
    if (!s) throw new AppError('carrier.service_not_found');
    const [r] = await tx.insert(carrierServiceRequests).values({ serviceId, orgId, note: input.note, createdAt: ctx.now() }).returning();
    await recordAudit(tx, ctx, { action: 'carrier.service.request', entityType: 'carrier_service_request', entityId: r.id, after: r });
    return presentRequest(r);
  });
}

/** The platform's people (its host organisation, its district's officer, the bureau) mark a request delivered. */
export async function completeRequest(ctx: Ctx, requestId: string, input: z.infer<typeof CompleteRequestSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ r: carrierServiceRequests, carrierId: carrierServices.carrierId }).from(carrierServiceRequests)
      .innerJoin(carrierServices, eq(carrierServices.id, carrierServiceRequests.serviceId)).where(eq(carrierServiceRequests.id, requestId)).for('update', { of: carrierServiceRequests });
    if (!row) throw new AppError('carrier.request_not_found');
    const c = await carrierRow(tx, row.carrierId);
    try {
      await assertManages(tx, ctx, c);
    } catch {
      throw new AppError('carrier.request_not_found');
    }
    if (row.r.status !== 'requested') throw new AppError('carrier.request_not_open', { status: row.r.status });
    const [after] = await tx.update(carrierServiceRequests).set({ status: 'done', doneNote: input.note ?? null, doneAt: ctx.now() }).where(eq(carrierServiceRequests.id, requestId)).returning();
    await recordAudit(tx, ctx, { action: 'carrier.service.done', entityType: 'carrier_service_request', entityId: requestId, before: row.r, after });
    return presentRequest(after);
  });
}

export async function rateRequest(ctx: Ctx, requestId: string, input: z.infer<typeof RatingSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(carrierServiceRequests).where(eq(carrierServiceRequests.id, requestId)).for('update');
    // Only the requesting organisation rates; to anyone else the request does not exist.
    if (!r || (!ctx.system && r.orgId !== ctx.actor?.orgId)) throw new AppError('carrier.request_not_found');
    if (r.rating != null) throw new AppError('carrier.request_already_rated');
    // A service is rated once delivered: the platform marks it done first.
    if (r.status !== 'done') throw new AppError('carrier.request_not_done');
    const [after] = await tx.update(carrierServiceRequests).set({ rating: input.rating, comment: input.comment ?? null, status: 'rated', ratedAt: ctx.now() }).where(eq(carrierServiceRequests.id, requestId)).returning();
    await recordAudit(tx, ctx, { action: 'carrier.service.rate', entityType: 'carrier_service_request', entityId: requestId, before: r, after });
    return presentRequest(after);
  });
}

function presentRequest(r: typeof carrierServiceRequests.$inferSelect) {
  return { ...r, createdAt: r.createdAt.toISOString(), doneAt: r.doneAt?.toISOString() ?? null, ratedAt: r.ratedAt?.toISOString() ?? null };
}

/**
 * Both sides of the service requests. An organisation user: the requests it made (side
 * `requester`) and those made to the platforms it hosts (side `platform`). A district officer:
 * those where the requester or the platform's host is in its district. The bureau: all.
 */
export async function listServiceRequests(ctx: Ctx) {
  const a = ctx.actor!;
  const host = alias(orgs, 'host');
  const scope = a.role === 'org_user' ? or(eq(carrierServiceRequests.orgId, a.orgId!), eq(carriers.hostOrgId, a.orgId!))
    : a.role === 'district_officer' ? or(eq(orgs.district, a.district!), eq(host.district, a.district!)) : undefined;
  const rows = await ctx.db.select({ r: carrierServiceRequests, service: carrierServices.name, platform: carriers.name, carrierId: carriers.id, hostOrgId: carriers.hostOrgId, org: orgs.name })
    .from(carrierServiceRequests)
    .innerJoin(carrierServices, eq(carrierServices.id, carrierServiceRequests.serviceId)).innerJoin(carriers, eq(carriers.id, carrierServices.carrierId))
    .innerJoin(orgs, eq(orgs.id, carrierServiceRequests.orgId)).innerJoin(host, eq(host.id, carriers.hostOrgId))
    .where(scope).orderBy(desc(carrierServiceRequests.createdAt)).limit(500);
  return rows.map(({ r, service, platform, carrierId, hostOrgId, org }) => ({
    ...presentRequest(r), service, platform, carrierId, org,
    side: a.role !== 'org_user' ? 'staff' as const : r.orgId === a.orgId ? 'requester' as const : hostOrgId === a.orgId ? 'platform' as const : 'staff' as const,
  }));
}
