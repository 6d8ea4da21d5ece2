// Programmes and tracking: the SME digital-transformation pilot (enrolment, before/after levels,
// subsidy as a policy-module benefit, outcome indicators), cloud and platform adoption,
// smart-retrofit projects, the green-manufacturing list, and the bureau's dashboard — with the
// platform's own counts beside the figures of the bureau's letter (厦科函〔2025〕84号).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { LETTER, letterFigure } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getBenefit } from '../policies/policies.service.ts';
import { industryPath } from '../registry/industry.ts';
import { orgs } from '../registry/registry.schema.ts';
import { getOrg, visibleOrgs } from '../registry/registry.service.ts';
import { submittedLevels } from './diagnoses.service.ts';
import { isUniqueViolation } from '../../server/db.ts';
import {
  digitalCloudAdoptions, digitalDiagnoses, digitalGreenList, digitalPilotEnrolments, digitalRetrofits, digitalSolutions,
  type CloudAdoptionSchema, type EnrolmentPatchSchema, type EnrolSchema, type GreenListSchema, type RetrofitSchema,
} from './digital.schema.ts';

async function checkBenefit(ctx: Ctx, code: string | null | undefined) {
  // The subsidy is a benefit item of the policy module; an unknown code is refused there (benefit.not_found).
  if (code) await getBenefit(ctx, code);
}

// ---------- the pilot ----------

export async function enrol(ctx: Ctx, input: z.infer<typeof EnrolSchema>, opts: { synthetic?: boolean } = {}) {
  const org = await getOrg(ctx, input.uscc);
  await checkBenefit(ctx, input.benefitCode);
  const [existing] = await ctx.db.select().from(digitalPilotEnrolments).where(eq(digitalPilotEnrolments.orgId, org.id));
  if (existing) throw new AppError('digital.enrolment_exists', { cohort: existing.cohort });
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(digitalPilotEnrolments).values({
      orgId: org.id, cohort: input.cohort, enrolledOn: input.enrolledOn, solutionId: input.solutionId ?? null,
      benefitCode: input.benefitCode ?? null, subsidyFen: input.subsidyFen, synthetic: opts.synthetic ?? false, updatedAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'digital.pilot_enrol', entityType: 'digital_pilot', entityId: r.id, after: { ...input } });
    return r;
  });
  return (await listPilot(ctx, { id: row.id })).items[0];
}

export async function patchEnrolment(ctx: Ctx, id: string, patch: z.infer<typeof EnrolmentPatchSchema>) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('digital.enrolment_not_found');
  const [found] = await ctx.db.select({ e: digitalPilotEnrolments }).from(digitalPilotEnrolments).innerJoin(orgs, eq(orgs.id, digitalPilotEnrolments.orgId))
    .where(and(eq(digitalPilotEnrolments.id, id), visibleOrgs(ctx)));
  if (!found) throw new AppError('digital.enrolment_not_found');
  await checkBenefit(ctx, patch.benefitCode);
  await ctx.db.transaction(async (tx) => {
    await tx.update(digitalPilotEnrolments).set({ ...patch, updatedAt: ctx.now() }).where(eq(digitalPilotEnrolments.id, id));
    await recordAudit(tx, ctx, { action: 'digital.pilot_update', entityType: 'digital_pilot', entityId: id, before: found.e, after: patch });
  });
  return (await listPilot(ctx, { id })).items[0];
}

/** Enrolments with the level before (last submitted on or before enrolment) and after (latest submitted after it). */
export async function listPilot(ctx: Ctx, q: { id?: string } = {}) {
  const rows = await ctx.db.select({ e: digitalPilotEnrolments, uscc: orgs.uscc, name: orgs.name, district: orgs.district, industryCode: orgs.industryCode })
    .from(digitalPilotEnrolments).innerJoin(orgs, eq(orgs.id, digitalPilotEnrolments.orgId))
    .where(and(visibleOrgs(ctx), q.id ? eq(digitalPilotEnrolments.id, q.id) : undefined))
    .orderBy(asc(digitalPilotEnrolments.enrolledOn), asc(orgs.uscc));
  const levels = await submittedLevels(ctx);
  const byOrg = new Map<string, { level: number; at: string }[]>();
  for (const l of levels) {
    if (l.level === null || !l.submittedAt) continue;
    const list = byOrg.get(l.orgId) ?? [];
    list.push({ level: l.level, at: l.submittedAt.toISOString().slice(0, 10) });
    byOrg.set(l.orgId, list);
  }
  const items = rows.map((r) => {
    const list = byOrg.get(r.e.orgId) ?? [];
    const before = list.filter((x) => x.at <= r.e.enrolledOn).at(-1) ?? null;
    const after = list.filter((x) => x.at > r.e.enrolledOn).at(-1) ?? null;
    return {
      id: r.e.id, uscc: r.uscc, name: r.name, district: r.district, industryCode: r.industryCode, cohort: r.e.cohort, enrolledOn: r.e.enrolledOn,
      status: r.e.status, solutionId: r.e.solutionId, benefitCode: r.e.benefitCode, subsidyFen: r.e.subsidyFen, outcomes: r.e.outcomes,
      levelBefore: before?.level ?? null, levelAfter: after?.level ?? null, improved: before && after ? after.level > before.level : null, synthetic: r.e.synthetic,
    };
  });
  return { total: items.length, items };
}

// ---------- cloud adoption, smart retrofit, green manufacturing ----------

async function insertFor<T>(ctx: Ctx, action: string, entityType: string, fn: (tx: Parameters<Parameters<Ctx['db']['transaction']>[0]>[0]) => Promise<T & { id: string }>, after: unknown) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const r = await fn(tx);
      await recordAudit(tx, ctx, { action, entityType, entityId: r.id, after });
      return r;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('digital.duplicate');
    throw e;
  }
}

export async function addCloudAdoption(ctx: Ctx, input: z.infer<typeof CloudAdoptionSchema>, opts: { synthetic?: boolean } = {}) {
  const org = await getOrg(ctx, input.uscc);
  const { uscc: _u, ...rest } = input;
  return insertFor(ctx, 'digital.cloud_add', 'digital_cloud_adoption', async (tx) => (await tx.insert(digitalCloudAdoptions).values({ ...rest, orgId: org.id, synthetic: opts.synthetic ?? false }).returning())[0], input);
}

export async function listCloudAdoptions(ctx: Ctx) {
  const rows = await ctx.db.select({ a: digitalCloudAdoptions, uscc: orgs.uscc, name: orgs.name, district: orgs.district }).from(digitalCloudAdoptions)
    .innerJoin(orgs, eq(orgs.id, digitalCloudAdoptions.orgId)).where(visibleOrgs(ctx)).orderBy(desc(digitalCloudAdoptions.adoptedOn)).limit(500);
  return rows.map((r) => ({ id: r.a.id, uscc: r.uscc, name: r.name, district: r.district, kind: r.a.kind, platform: r.a.platform, scope: r.a.scope, adoptedOn: r.a.adoptedOn, synthetic: r.a.synthetic }));
}

export async function addRetrofit(ctx: Ctx, input: z.infer<typeof RetrofitSchema>, opts: { synthetic?: boolean } = {}) {
  const org = await getOrg(ctx, input.uscc);
  const { uscc: _u, ...rest } = input;
  return insertFor(ctx, 'digital.retrofit_add', 'digital_retrofit', async (tx) => (await tx.insert(digitalRetrofits).values({ ...rest, orgId: org.id, synthetic: opts.synthetic ?? false }).returning())[0], input);
}

export async function listRetrofits(ctx: Ctx) {
  const rows = await ctx.db.select({ r: digitalRetrofits, uscc: orgs.uscc, orgName: orgs.name, district: orgs.district }).from(digitalRetrofits)
    .innerJoin(orgs, eq(orgs.id, digitalRetrofits.orgId)).where(visibleOrgs(ctx)).orderBy(desc(digitalRetrofits.year), asc(digitalRetrofits.name));
  return rows.map((x) => ({ ...x.r, uscc: x.uscc, orgName: x.orgName, district: x.district }));
}

export async function addGreenEntry(ctx: Ctx, input: z.infer<typeof GreenListSchema>, opts: { synthetic?: boolean } = {}) {
  const org = input.uscc ? await getOrg(ctx, input.uscc) : null;
  const { uscc: _u, ...rest } = input;
  return insertFor(ctx, 'digital.green_add', 'digital_green_list', async (tx) => (await tx.insert(digitalGreenList).values({ ...rest, orgId: org?.id ?? null, synthetic: opts.synthetic ?? false }).returning())[0], input);
}

/** The list is public information: every entry, by year (district officers see all of it too). */
export async function listGreen(ctx: Ctx, q: { year?: number }) {
  const rows = await ctx.db.select().from(digitalGreenList).where(q.year ? eq(digitalGreenList.year, q.year) : undefined)
    .orderBy(desc(digitalGreenList.year), asc(digitalGreenList.kind), asc(digitalGreenList.name));
  const byYear = new Map<number, number>();
  for (const r of rows) byYear.set(r.year, (byYear.get(r.year) ?? 0) + 1);
  return { years: [...byYear].map(([year, count]) => ({ year, count })), items: rows };
}

// ---------- dashboard ----------

/** The GB/T 4754 division (two digits) and section of an industry code, for grouping. */
function divisionOf(code: string | null): { division: string; section: string; zh: string; en: string } {
  const path = code ? industryPath(code) : [];
  const d = path.find((c) => c.level === 'division');
  const s = path.find((c) => c.level === 'section');
  return d ? { division: d.code, section: s?.code ?? '—', zh: d.zh, en: d.en ?? d.zh } : { division: '—', section: '—', zh: '未填写行业', en: 'No industry code' };
}

function letterRef(id: string) {
  const f = letterFigure(id);
  return {
    id, value: f.value, unit: f.unit, qualifier: f.qualifier ?? null, period: f.period, zh: f.zh, en: f.en,
    source: { title: LETTER.source.title_zh, docNo: LETTER.source.doc_no, date: LETTER.source.date },
  };
}

/**
 * The bureau's view: latest level of each diagnosed organisation by district and by industry
 * section; the pilot against its 600-enterprise target; the platform's own counts beside the
 * letter's figures. District officers see their district's organisations only.
 */
export async function dashboard(ctx: Ctx, q: { district?: string }) {
  const scope = and(visibleOrgs(ctx), q.district ? eq(orgs.district, q.district as never) : undefined);
  const levels = (await submittedLevels(ctx)).filter((l) => !q.district || l.district === q.district);
  const latest = new Map<string, (typeof levels)[number]>();
  for (const l of levels) latest.set(l.orgId, l); // ordered by submission: the last one wins
  const empty = () => ({ 1: 0, 2: 0, 3: 0, 4: 0 }) as Record<1 | 2 | 3 | 4, number>;
  const byDistrict = new Map<string, Record<1 | 2 | 3 | 4, number>>(DISTRICTS.map((d) => [d, empty()]));
  const byIndustry = new Map<string, Record<1 | 2 | 3 | 4, number>>();
  const divisions = new Map<string, ReturnType<typeof divisionOf>>();
  const overall = empty();
  for (const l of latest.values()) {
    const lvl = l.level as 1 | 2 | 3 | 4;
    overall[lvl]++;
    byDistrict.get(l.district)![lvl]++;
    const dv = divisionOf(l.industryCode);
    divisions.set(dv.division, dv);
    if (!byIndustry.has(dv.division)) byIndustry.set(dv.division, empty());
    byIndustry.get(dv.division)![lvl]++;
  }
  const count = async (table: typeof digitalCloudAdoptions | typeof digitalRetrofits | typeof digitalPilotEnrolments, expr: ReturnType<typeof sql<number>>, extra?: ReturnType<typeof sql>) => {
    const [r] = await ctx.db.select({ n: expr }).from(table).innerJoin(orgs, eq(orgs.id, table.orgId)).where(and(scope, extra));
    return r.n;
  };
  const [diag] = await ctx.db.select({ orgs: sql<number>`count(distinct ${digitalDiagnoses.orgId})::int`, all: sql<number>`count(*)::int` })
    .from(digitalDiagnoses).innerJoin(orgs, eq(orgs.id, digitalDiagnoses.orgId)).where(and(scope, eq(digitalDiagnoses.status, 'submitted')));
  const [drafts] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(digitalDiagnoses).innerJoin(orgs, eq(orgs.id, digitalDiagnoses.orgId))
    .where(and(scope, eq(digitalDiagnoses.status, 'draft')));
  const [solutions] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(digitalSolutions);
  const cloudOrgs = await count(digitalCloudAdoptions, sql<number>`count(distinct ${digitalCloudAdoptions.orgId})::int`);
  const benchmarks = await count(digitalRetrofits, sql<number>`count(*)::int`, sql`${digitalRetrofits.benchmark}`);
  const greenYears = await ctx.db.select({ year: digitalGreenList.year, n: sql<number>`count(*)::int` }).from(digitalGreenList).groupBy(digitalGreenList.year).orderBy(desc(digitalGreenList.year));
  const pilot = await listPilot(ctx);
  const pilotItems = pilot.items.filter((p) => !q.district || p.district === q.district);
  const active = pilotItems.filter((p) => p.status !== 'withdrawn');
  const target = letterFigure('digital_transformation_smes').value;
  const green2024 = greenYears.find((g) => g.year === 2024)?.n ?? 0;
  return {
    district: q.district ?? null,
    levels: {
      overall, diagnosedOrgs: latest.size,
      byDistrict: [...byDistrict].map(([district, c]) => ({ district, ...c })),
      // By GB/T 4754 division (two digits), with its section and name: the questionnaire is manufacturing's, so sections alone say little.
      byIndustry: [...byIndustry].sort((a, b) => a[0].localeCompare(b[0])).map(([division, c]) => {
        const dv = divisions.get(division)!;
        return { division, section: dv.section, name: { zh: dv.zh, en: dv.en }, ...c };
      }),
    },
    pilot: {
      target, targetSource: letterRef('digital_transformation_smes').source,
      enrolled: active.length, withdrawn: pilotItems.length - active.length,
      diagnosedBefore: active.filter((p) => p.levelBefore !== null).length, diagnosedAfter: active.filter((p) => p.levelAfter !== null).length,
      improved: active.filter((p) => p.improved).length, accepted: active.filter((p) => p.status === 'accepted').length,
      subsidyFen: active.reduce((s, p) => s + p.subsidyFen, 0), progress: Math.round((active.length / target) * 1000) / 1000,
      byStatus: Object.fromEntries(['enrolled', 'diagnosed', 'implementing', 'accepted', 'withdrawn'].map((s) => [s, pilotItems.filter((p) => p.status === s).length])),
    },
    comparison: [
      { key: 'pilot', platform: active.length, note: { zh: '平台登记的试点企业', en: 'pilot enterprises on the platform' }, letter: letterRef('digital_transformation_smes') },
      { key: 'diagnoses', platform: diag.orgs, note: { zh: `完成数字化诊断的企业（另有 ${diag.all} 份已提交诊断、${drafts.n} 份草稿）`, en: `enterprises with a submitted diagnosis (${diag.all} submitted diagnoses, ${drafts.n} drafts)` }, letter: letterRef('digital_diagnoses') },
      { key: 'solutions', platform: solutions.n, note: { zh: '解决方案目录中的方案', en: 'solutions in the catalogue' }, letter: letterRef('digital_solutions') },
      { key: 'cloud', platform: cloudOrgs, note: { zh: '登记上云上平台的企业', en: 'enterprises with a cloud or platform record' }, letter: letterRef('cloud_enterprises') },
      { key: 'retrofit', platform: benchmarks, note: { zh: '标杆性智改数转网联项目', en: 'benchmark smart-retrofit projects' }, letter: letterRef('smart_retrofit_projects') },
      { key: 'green', platform: green2024, note: { zh: '2024 年绿色制造名单条目', en: 'green-manufacturing list entries for 2024' }, letter: letterRef('green_manufacturing_list') },
    ],
    greenByYear: greenYears.map((g) => ({ year: g.year, count: g.n })),
  };
}
