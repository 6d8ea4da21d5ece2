// The solution catalogue: providers and their solutions, search and compare, and
// recommendations from a diagnosis's weakest dimensions and scenarios, each explained.
import { and, asc, eq, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { industryPath } from '../registry/industry.ts';
import { digitalProviders, digitalSolutions, type SolutionCreate, type SolutionQuery } from './digital.schema.ts';
import { getDiagnosis } from './diagnoses.service.ts';
import { allItems, findQuestionnaire, QUESTIONNAIRES } from './questionnaire.ts';
import type { z } from 'zod';
import type { ProviderCreateSchema } from './digital.schema.ts';
import { isUniqueViolation } from '../../server/db.ts';

type SolutionRow = typeof digitalSolutions.$inferSelect;

export const DIMENSION_KEYS = [...new Set(QUESTIONNAIRES.flatMap((q) => q.dimensions.map((d) => d.key)))];
export const SCENARIOS = new Map(QUESTIONNAIRES.flatMap((q) => q.scenarios).map((s) => [s.key, s]));

export async function createProvider(ctx: Ctx, input: z.infer<typeof ProviderCreateSchema>, opts: { synthetic?: boolean } = {}) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [r] = await tx.insert(digitalProviders).values({ ...input, synthetic: opts.synthetic ?? false }).returning();
      await recordAudit(tx, ctx, { action: 'digital.provider_create', entityType: 'digital_provider', entityId: r.id, after: input });
      return providerView(r, 0);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('digital.provider_taken', { name: input.name });
    throw e;
  }
}

function providerView(r: typeof digitalProviders.$inferSelect, solutions: number) {
  return { id: r.id, name: r.name, uscc: r.uscc, district: r.district, contact: r.contact, intro: r.intro, synthetic: r.synthetic, solutions };
}

export async function listProviders(ctx: Ctx) {
  const rows = await ctx.db.select({ p: digitalProviders, n: sql<number>`(select count(*)::int from digital_solutions s where s.provider_id = ${digitalProviders.id})` })
    .from(digitalProviders).orderBy(asc(digitalProviders.name));
  return rows.map((r) => providerView(r.p, r.n));
}

function checkTags(input: Pick<SolutionCreate, 'dimensions' | 'scenarios'>) {
  for (const d of input.dimensions) if (!DIMENSION_KEYS.includes(d)) throw new AppError('digital.tag_unknown', { kind: { zh: '维度', en: 'dimension' }, value: d });
  for (const s of input.scenarios) if (!SCENARIOS.has(s)) throw new AppError('digital.tag_unknown', { kind: { zh: '业务场景', en: 'scenario' }, value: s });
}

export async function createSolution(ctx: Ctx, input: SolutionCreate, opts: { synthetic?: boolean } = {}) {
  if (input.priceMinFen > input.priceMaxFen) throw new AppError('digital.price_range', { min: input.priceMinFen, max: input.priceMaxFen });
  checkTags(input);
  const [provider] = await ctx.db.select().from(digitalProviders).where(eq(digitalProviders.id, input.providerId));
  if (!provider) throw new AppError('digital.provider_not_found');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [r] = await tx.insert(digitalSolutions).values({ ...input, cases: input.cases, synthetic: opts.synthetic ?? false }).returning();
      await recordAudit(tx, ctx, { action: 'digital.solution_create', entityType: 'digital_solution', entityId: r.id, after: input });
      return solutionView(r, provider.name);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('digital.solution_taken', { name: input.name });
    throw e;
  }
}

function solutionView(r: SolutionRow, providerName: string) {
  return {
    id: r.id, providerId: r.providerId, providerName, name: r.name, summary: r.summary, industries: r.industries, scenarios: r.scenarios,
    dimensions: r.dimensions, priceMinFen: r.priceMinFen, priceMaxFen: r.priceMaxFen, deployment: r.deployment, cases: r.cases, synthetic: r.synthetic,
  };
}
export type SolutionView = ReturnType<typeof solutionView>;

/** Industry filter: a solution for any industry (none listed), or for the code or one of its ancestors. */
function industryMatch(code: string): SQL {
  const c = code.toUpperCase().replace(/^[A-T](?=\d)/, '');
  const keys = [c, ...industryPath(c).map((x) => x.code)];
  return sql`(${digitalSolutions.industries} = '[]'::jsonb or ${digitalSolutions.industries} ?| ${sql.raw(`array[${[...new Set(keys)].map((k) => `'${k.replace(/[^A-Z0-9]/g, '')}'`).join(',')}]`)})`;
}

export async function searchSolutions(ctx: Ctx, q: SolutionQuery) {
  const where = and(
    q.q ? or(ilike(digitalSolutions.name, `%${q.q}%`), ilike(digitalSolutions.summary, `%${q.q}%`), ilike(digitalProviders.name, `%${q.q}%`)) : undefined,
    q.industry ? industryMatch(q.industry) : undefined,
    q.scenario ? sql`${digitalSolutions.scenarios} ? ${q.scenario}` : undefined,
    q.dimension ? sql`${digitalSolutions.dimensions} ? ${q.dimension}` : undefined,
    q.deployment ? eq(digitalSolutions.deployment, q.deployment) : undefined,
    q.maxPriceFen !== undefined ? lte(digitalSolutions.priceMinFen, q.maxPriceFen) : undefined,
  );
  const base = ctx.db.select({ s: digitalSolutions, providerName: digitalProviders.name }).from(digitalSolutions)
    .innerJoin(digitalProviders, eq(digitalProviders.id, digitalSolutions.providerId)).where(where);
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(digitalSolutions)
    .innerJoin(digitalProviders, eq(digitalProviders.id, digitalSolutions.providerId)).where(where);
  const rows = await base.orderBy(asc(digitalSolutions.name), asc(digitalSolutions.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { total, items: rows.map((r) => solutionView(r.s, r.providerName)) };
}

export async function getSolution(ctx: Ctx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('digital.solution_not_found');
  const [r] = await ctx.db.select({ s: digitalSolutions, providerName: digitalProviders.name }).from(digitalSolutions)
    .innerJoin(digitalProviders, eq(digitalProviders.id, digitalSolutions.providerId)).where(eq(digitalSolutions.id, id));
  if (!r) throw new AppError('digital.solution_not_found');
  return solutionView(r.s, r.providerName);
}

/** Side by side: the solutions in the order asked, and which attributes differ. */
export async function compareSolutions(ctx: Ctx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > 4) throw new AppError('digital.compare_count');
  const items: SolutionView[] = [];
  for (const id of unique) items.push(await getSolution(ctx, id));
  const attrs = ['providerName', 'deployment', 'priceMinFen', 'priceMaxFen', 'dimensions', 'scenarios', 'industries'] as const;
  const differs = Object.fromEntries(attrs.map((a) => [a, new Set(items.map((i) => JSON.stringify(i[a]))).size > 1]));
  return { items, differs };
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * Solutions for a diagnosis: its weakest dimensions (lowest share of points, below 60% or the
 * single weakest) and weakest scenarios (level 1–2, or whose items scored below half), matched
 * with solutions that address them, ranked, and explained in both languages.
 */
export async function recommend(ctx: Ctx, diagnosisId: string, limit = 5) {
  const d = await getDiagnosis(ctx, diagnosisId);
  const q = findQuestionnaire(d.version);
  if (!d.result || !q) return { diagnosisId, weakDimensions: [], weakScenarios: [], items: [] };
  const dims = [...d.result.dimensions].sort((a, b) => a.ratio - b.ratio);
  const weakDimensions = dims.filter((x, i) => x.ratio < 0.6 || i === 0).slice(0, 2);
  const weakScenarioKeys = new Map<string, Bilingual>();
  for (const [k, lvl] of Object.entries(d.scenarioLevels).sort((a, b) => a[1] - b[1])) {
    const s = SCENARIOS.get(k);
    if (s && lvl <= 2) weakScenarioKeys.set(k, { zh: `场景等级为 ${lvl} 级`, en: `scenario level ${lvl}` });
  }
  const items = new Map(allItems(q).map((i) => [i.key, i]));
  for (const dim of weakDimensions) {
    for (const it of dim.items) {
      const def = items.get(it.key);
      if (!def || !it.answered || it.points / it.max >= 0.5) continue;
      for (const s of def.scenarios ?? []) {
        const sc = SCENARIOS.get(s);
        if (sc && !weakScenarioKeys.has(s) && !((d.scenarioLevels[s] ?? 0) >= 3)) weakScenarioKeys.set(s, { zh: `指标“${it.zh}”得分 ${it.points}/${it.max}`, en: `item “${it.en}” scored ${it.points}/${it.max}` });
      }
    }
  }
  const weakKeys = [...weakScenarioKeys.keys()];
  const candidates = await ctx.db.select({ s: digitalSolutions, providerName: digitalProviders.name }).from(digitalSolutions)
    .innerJoin(digitalProviders, eq(digitalProviders.id, digitalSolutions.providerId))
    .where(or(
      ...weakDimensions.map((w) => sql`${digitalSolutions.dimensions} ? ${w.key}`),
      weakKeys.length ? sql`${digitalSolutions.scenarios} ?| ${sql.raw(`array[${weakKeys.map((k) => `'${k.replace(/[^a-z_]/g, '')}'`).join(',')}]`)}` : undefined,
    ));
  const industryKeys = d.org.industryCode ? new Set([d.org.industryCode, ...industryPath(d.org.industryCode).map((x) => x.code)]) : new Set<string>();
  const ranked = candidates.map(({ s, providerName }) => {
    const why: Bilingual[] = [];
    let score = 0;
    for (const w of weakDimensions) {
      if (!s.dimensions.includes(w.key)) continue;
      score += 3 * (1 - w.ratio);
      why.push({ zh: `补齐薄弱维度“${w.zh}”（得分 ${w.score}/${w.max}，${pct(w.ratio)}）`, en: `addresses the weak dimension “${w.en}” (${w.score}/${w.max}, ${pct(w.ratio)})` });
    }
    for (const k of s.scenarios.filter((x) => weakScenarioKeys.has(x))) {
      const sc = SCENARIOS.get(k)!;
      const reason = weakScenarioKeys.get(k)!;
      score += 1;
      why.push({ zh: `覆盖薄弱场景“${sc.zh}”（${reason.zh}）`, en: `covers the weak scenario “${sc.en}” (${reason.en})` });
    }
    const industryFit = s.industries.length === 0 || s.industries.some((i) => industryKeys.has(i));
    if (s.industries.length > 0 && industryFit) {
      score += 0.5;
      why.push({ zh: `适用于本企业所属行业（${d.org.industryCode}）`, en: `fits the enterprise's industry (${d.org.industryCode})` });
    }
    if (s.cases.length) why.push({ zh: `有 ${s.cases.length} 个应用案例`, en: `${s.cases.length} case(s) with results` });
    return { solution: solutionView(s, providerName), score: Math.round(score * 1000) / 1000, industryFit, reasons: why };
  }).filter((r) => r.industryFit && r.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.solution.priceMinFen - b.solution.priceMinFen || a.solution.name.localeCompare(b.solution.name));
  return {
    diagnosisId,
    weakDimensions: weakDimensions.map((w) => ({ key: w.key, zh: w.zh, en: w.en, score: w.score, max: w.max, ratio: w.ratio })),
    weakScenarios: weakKeys.map((k) => ({ key: k, zh: SCENARIOS.get(k)!.zh, en: SCENARIOS.get(k)!.en, reason: weakScenarioKeys.get(k)! })),
    items: ranked.slice(0, limit).map(({ industryFit: _f, ...r }) => r),
  };
}
