// Digital diagnoses: drafts that save and resume, submission that scores and fixes the result,
// and the link to the rules engine — a submitted diagnosis writes the organisation's
// `digitalLevel` fact (with the diagnosis as its source) and its tiers are re-evaluated.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { applyFacts, getOrg, notifyOrgsChanged, visibleOrgs } from '../registry/registry.service.ts';
import { digitalDiagnoses, digitalQuestionnaireStates, type DiagnosisCreate, type DiagnosisPatch } from './digital.schema.ts';
import { checkAnswers, findQuestionnaire, QUESTIONNAIRES, scoreAnswers, migrateAnswers, type Answers, type QuestionnaireVersion } from './questionnaire.ts';

type Row = typeof digitalDiagnoses.$inferSelect;
type OrgInfo = { id: string; uscc: string; name: string; district: string; industryCode: string | null };

const STAFF = new Set(['bureau_admin', 'district_officer']);

// ---------- questionnaire versions ----------

async function retiredMap(ctx: Ctx): Promise<Map<string, { retiredAt: string; note: string | null }>> {
  const rows = await ctx.db.select().from(digitalQuestionnaireStates);
  return new Map(rows.filter((r) => r.retiredAt).map((r) => [r.version, { retiredAt: r.retiredAt!.toISOString(), note: r.note }]));
}

function versionSummary(q: QuestionnaireVersion, retired: { retiredAt: string; note: string | null } | undefined) {
  return {
    key: q.key, industry: q.industry, title: q.title, docNo: q.docNo, publishedOn: q.publishedOn, confidence: q.confidence,
    successor: q.successor ?? null, retired: !!retired, retiredAt: retired?.retiredAt ?? null, retiredNote: retired?.note ?? null,
    levelRule: q.levelRule, notes: q.notes,
    itemCount: q.dimensions.reduce((s, d) => s + d.items.length, 0), scenarioCount: q.scenarios.length,
  };
}

export async function listQuestionnaires(ctx: Ctx) {
  const retired = await retiredMap(ctx);
  return QUESTIONNAIRES.map((q) => versionSummary(q, retired.get(q.key)));
}

export async function getQuestionnaire(ctx: Ctx, key: string) {
  const q = findQuestionnaire(key);
  if (!q) throw new AppError('digital.version_not_found', { version: key });
  const retired = await retiredMap(ctx);
  return { ...versionSummary(q, retired.get(q.key)), dimensions: q.dimensions, scenarios: q.scenarios };
}

/** A version in use: the successor to offer when one is retired (the newest version still in use). */
function successorOf(q: QuestionnaireVersion, retired: Map<string, unknown>): string {
  if (q.successor && !retired.has(q.successor)) return q.successor;
  return QUESTIONNAIRES.find((x) => x.key !== q.key && x.industry === q.industry && !retired.has(x.key))?.key ?? '—';
}

async function usableVersion(ctx: Ctx, key: string): Promise<QuestionnaireVersion> {
  const q = findQuestionnaire(key);
  if (!q) throw new AppError('digital.version_not_found', { version: key });
  const retired = await retiredMap(ctx);
  if (retired.has(key)) throw new AppError('digital.version_retired', { version: key, successor: successorOf(q, retired) });
  return q;
}

/** Retires (or brings back) a version. Drafts that use it stay as they are and must be migrated. */
export async function setRetired(ctx: Ctx, key: string, retired: boolean, note?: string | null) {
  const q = findQuestionnaire(key);
  if (!q) throw new AppError('digital.version_not_found', { version: key });
  await ctx.db.transaction(async (tx) => {
    const values = { version: key, retiredAt: retired ? ctx.now() : null, retiredBy: retired ? ctx.actor?.username ?? 'system' : null, note: note ?? null };
    await tx.insert(digitalQuestionnaireStates).values(values).onConflictDoUpdate({ target: digitalQuestionnaireStates.version, set: values });
    await recordAudit(tx, ctx, { action: retired ? 'digital.version_retire' : 'digital.version_restore', entityType: 'digital_questionnaire', entityId: key, after: values });
  });
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(digitalDiagnoses)
    .where(and(eq(digitalDiagnoses.version, key), eq(digitalDiagnoses.status, 'draft')));
  const all = await retiredMap(ctx);
  return { ...versionSummary(q, all.get(key)), draftsUsing: n, migrateTo: retired ? successorOf(q, all) : null };
}

// ---------- diagnoses ----------

function checkOrThrow(q: QuestionnaireVersion, answers: Answers, scenarioLevels: Record<string, number>) {
  const problems = checkAnswers(q, answers, scenarioLevels);
  if (problems.length === 0) return;
  const first = problems[0];
  const fieldErrors = problems.map((p) => ({
    path: `${p.section}.${p.key}`,
    code: p.code,
    message: p.code === 'unknown_item'
      ? { zh: `没有指标“${p.key}”`, en: `no item “${p.key}”` }
      : { zh: `“${p.label.zh}”应为${p.accepts.zh}`, en: `“${p.label.en}” expects ${p.accepts.en}` },
  }));
  if (first.code === 'unknown_item') throw new AppError('digital.item_unknown', { version: q.key, item: first.key }, fieldErrors);
  throw new AppError('digital.answer_out_of_range', { item: first.label, accepts: first.accepts }, fieldErrors);
}

async function loadVisible(ctx: Ctx, id: string, forUpdate = false): Promise<{ row: Row; org: OrgInfo }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('digital.diagnosis_not_found');
  const q = ctx.db.select({ row: digitalDiagnoses, org: { id: orgs.id, uscc: orgs.uscc, name: orgs.name, district: orgs.district, industryCode: orgs.industryCode } })
    .from(digitalDiagnoses).innerJoin(orgs, eq(orgs.id, digitalDiagnoses.orgId)).where(and(eq(digitalDiagnoses.id, id), visibleOrgs(ctx)));
  const [found] = forUpdate ? await q.for('update', { of: digitalDiagnoses }) : await q;
  if (!found) throw new AppError('digital.diagnosis_not_found');
  return found;
}

function view(row: Row, org: OrgInfo, retired: Map<string, unknown>) {
  const q = findQuestionnaire(row.version);
  // A draft shows a live preview of its score; a submitted one its fixed result.
  const result = row.result ?? (q ? scoreAnswers(q, row.answers) : null);
  return {
    id: row.id,
    org: { uscc: org.uscc, name: org.name, district: org.district, industryCode: org.industryCode },
    version: row.version, versionTitle: q?.title ?? { zh: row.version, en: row.version }, versionRetired: retired.has(row.version),
    mode: row.mode, assessorOrg: row.assessorOrg, assessorName: row.assessorName, fiscalYear: row.fiscalYear, status: row.status,
    answers: row.answers, scenarioLevels: row.scenarioLevels, migrations: row.migrations,
    result, level: row.level, totalScore: row.totalScore, synthetic: row.synthetic,
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    submittedBy: row.submittedBy, submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}
export type DiagnosisView = ReturnType<typeof view>;

export async function createDiagnosis(ctx: Ctx, uscc: string, input: DiagnosisCreate, opts: { synthetic?: boolean } = {}) {
  const org = await getOrg(ctx, uscc);
  const role = ctx.actor?.role;
  const mode = input.mode ?? (role === 'org_user' ? 'self' : 'assessor');
  if (role === 'org_user' && mode !== 'self') throw new AppError('digital.mode_invalid');
  if (role && STAFF.has(role) && mode !== 'assessor') throw new AppError('digital.mode_invalid');
  if (mode === 'assessor' && (!input.assessorOrg || !input.assessorName)) throw new AppError('digital.mode_invalid');
  const q = await usableVersion(ctx, input.version);
  checkOrThrow(q, input.answers, input.scenarioLevels);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(digitalDiagnoses).values({
      orgId: org.id, version: q.key, mode, assessorOrg: mode === 'assessor' ? input.assessorOrg : null, assessorName: mode === 'assessor' ? input.assessorName : null,
      fiscalYear: input.fiscalYear ?? ctx.now().getUTCFullYear() - 1, answers: input.answers, scenarioLevels: input.scenarioLevels,
      synthetic: opts.synthetic ?? false, createdBy: ctx.actor?.username ?? 'system', createdAt: ctx.now(), updatedAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'digital.diagnosis_create', entityType: 'digital_diagnosis', entityId: r.id, after: { uscc: org.uscc, version: q.key, mode, assessorOrg: r.assessorOrg, assessorName: r.assessorName } });
    return r;
  });
  return view(row, org, new Map());
}

export async function listDiagnoses(ctx: Ctx, uscc: string) {
  const org = await getOrg(ctx, uscc);
  const rows = await ctx.db.select().from(digitalDiagnoses).where(eq(digitalDiagnoses.orgId, org.id)).orderBy(desc(digitalDiagnoses.createdAt));
  const retired = await retiredMap(ctx);
  return rows.map((r) => view(r, org, retired));
}

export async function getDiagnosis(ctx: Ctx, id: string) {
  const { row, org } = await loadVisible(ctx, id);
  return view(row, org, await retiredMap(ctx));
}

function assertEditable(ctx: Ctx, row: Row) {
  if (row.status === 'submitted') throw new AppError('digital.diagnosis_submitted', { submittedAt: row.submittedAt!.toISOString().slice(0, 10) });
  const role = ctx.actor?.role;
  if (ctx.system || !role) return;
  if (row.mode === 'self' ? role !== 'org_user' : !STAFF.has(role)) throw new AppError('digital.not_editor');
}

/** Saves answers into a draft (merged with what is there; `null`-free). Retired versions must migrate first. */
export async function saveDraft(ctx: Ctx, id: string, patch: DiagnosisPatch) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx as unknown as Ctx['db'] };
    const { row, org } = await loadVisible(c, id, true);
    assertEditable(ctx, row);
    const q = await usableVersion(c, row.version);
    const answers = { ...row.answers, ...patch.answers };
    const scenarioLevels = { ...row.scenarioLevels, ...patch.scenarioLevels };
    checkOrThrow(q, patch.answers ?? {}, patch.scenarioLevels ?? {});
    const [r] = await tx.update(digitalDiagnoses).set({ answers, scenarioLevels, fiscalYear: patch.fiscalYear ?? row.fiscalYear, updatedAt: ctx.now() })
      .where(eq(digitalDiagnoses.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'digital.diagnosis_save', entityType: 'digital_diagnosis', entityId: id, before: { answers: row.answers, scenarioLevels: row.scenarioLevels }, after: { answers, scenarioLevels } });
    return view(r, org, new Map());
  });
}

/** Moves a draft to another version; answers that do not carry over stay in `migrations`. */
export async function migrateDiagnosis(ctx: Ctx, id: string, to: string) {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx as unknown as Ctx['db'] };
    const { row, org } = await loadVisible(c, id, true);
    assertEditable(ctx, row);
    const from = findQuestionnaire(row.version);
    const target = findQuestionnaire(to);
    const retired = await retiredMap(c);
    if (!from || !target || target.key === from.key || retired.has(target.key)) throw new AppError('digital.migrate_invalid', { to });
    const m = migrateAnswers(from, target, row.answers, row.scenarioLevels);
    const record = { from: from.key, to: target.key, at: ctx.now().toISOString(), actor: ctx.actor?.username ?? 'system', answers: row.answers, scenarioLevels: row.scenarioLevels, dropped: m.dropped };
    const [r] = await tx.update(digitalDiagnoses).set({ version: target.key, answers: m.answers, scenarioLevels: m.scenarioLevels, migrations: [...row.migrations, record], updatedAt: ctx.now() })
      .where(eq(digitalDiagnoses.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'digital.diagnosis_migrate', entityType: 'digital_diagnosis', entityId: id, before: { version: from.key, answers: row.answers }, after: { version: target.key, answers: m.answers, dropped: m.dropped } });
    return view(r, org, retired);
  });
}

const itemList = (xs: Bilingual[]): Bilingual => ({
  zh: xs.slice(0, 5).map((x) => x.zh).join('、') + (xs.length > 5 ? ' 等' : ''),
  en: xs.slice(0, 5).map((x) => x.en).join(', ') + (xs.length > 5 ? ' …' : ''),
});

/**
 * Submits a draft: every scored item answered, scored, fixed (never edited again), and the level
 * written to the organisation's `digitalLevel` fact for the diagnosis's fiscal year, with the
 * diagnosis as the source. Afterwards the organisation's tiers are re-evaluated (SRDI indicator 5).
 */
export async function submitDiagnosis(ctx: Ctx, id: string) {
  const out = await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx as unknown as Ctx['db'] };
    const { row, org } = await loadVisible(c, id, true);
    assertEditable(ctx, row);
    const q = await usableVersion(c, row.version);
    checkOrThrow(q, row.answers, row.scenarioLevels);
    const result = scoreAnswers(q, row.answers);
    if (!result.complete) throw new AppError('digital.answers_incomplete', { count: result.missing.length, items: itemList(result.missing) });
    const [r] = await tx.update(digitalDiagnoses).set({
      status: 'submitted', result, totalScore: result.total, level: result.level, submittedBy: ctx.actor?.username ?? 'system', submittedAt: ctx.now(), updatedAt: ctx.now(),
    }).where(eq(digitalDiagnoses.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'digital.diagnosis_submit', entityType: 'digital_diagnosis', entityId: id, after: { uscc: org.uscc, version: q.key, total: result.total, level: result.level, fiscalYear: row.fiscalYear } });
    await applyFacts(tx, ctx, org, row.fiscalYear, { digitalLevel: result.level }, { kind: 'diagnosis', ref: `digital_diagnosis:${id}（${q.docNo}，${row.mode === 'self' ? '自评' : `评估：${row.assessorOrg}`}）` });
    return view(r, org, new Map());
  });
  // After commit, like any fact edit: stored tier results are refreshed (cultivation) and alerts sent.
  const [o] = await ctx.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.uscc, out.org.uscc));
  await notifyOrgsChanged(ctx, [o.id]);
  return out;
}

/** The latest submitted diagnosis of each visible organisation (for dashboards and the pilot). */
export async function submittedLevels(ctx: Ctx) {
  return ctx.db.select({
    orgId: digitalDiagnoses.orgId, level: digitalDiagnoses.level, submittedAt: digitalDiagnoses.submittedAt, district: orgs.district, industryCode: orgs.industryCode,
  }).from(digitalDiagnoses).innerJoin(orgs, eq(orgs.id, digitalDiagnoses.orgId))
    .where(and(eq(digitalDiagnoses.status, 'submitted'), visibleOrgs(ctx))).orderBy(digitalDiagnoses.submittedAt);
}
