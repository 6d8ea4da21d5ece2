// Tiered cultivation: every organisation evaluated against every tier as of a date, stored,
// then counted into a funnel and sorted into reserve pools (close to the next tier).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { gapsOf } from '../../rules/gaps.ts';
import { evaluateAll, LADDER, RULESETS } from '../../rules/index.ts';
import { currentRulesets } from '../rules/rules.service.ts';
import type { Ctx } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgBundles, visibleOrgs, type OrgBundle } from '../registry/registry.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { assessments, type ReserveQuery } from './cultivation.schema.ts';

const CHUNK = 1_000;

export function factsDocOf(b: OrgBundle): FactsDoc {
  return {
    org: { uscc: b.uscc, name: b.name, kind: b.kind, registeredOn: b.registeredOn, industryCode: b.industryCode },
    years: b.years as FactsDoc['years'],
    qualifications: b.qualifications as FactsDoc['qualifications'],
    expert: {},
  };
}

/**
 * Evaluates every organisation the actor may see (or the given ones) as of `asOf` and stores
 * the results, replacing earlier results for the same date. Returns counts.
 */
export async function evaluateOrgs(ctx: Ctx, asOf: string, opts: { ids?: string[]; onProgress?: (done: number) => void } = {}) {
  let afterId: string | undefined;
  let organisations = 0;
  const at = ctx.now().toISOString();
  const rulesets = await currentRulesets(ctx);
  // Given ids (edits, imports) are taken a chunk at a time; otherwise every visible organisation by id.
  for (let offset = 0; ; offset += CHUNK) {
    const ids = opts.ids?.slice(offset, offset + CHUNK);
    if (ids?.length === 0) break;
    const bundles = await orgBundles(ctx, { afterId, limit: CHUNK, ids });
    if (bundles.length === 0) {
      if (ids) continue;
      break;
    }
    const values = bundles.flatMap((b) => evaluateAll(factsDocOf(b), asOf, undefined, rulesets).map((r) => {
      const g = gapsOf(r);
      return {
        org_id: b.id, ruleset: r.ruleset, as_of: asOf, version: r.version, verdict: r.verdict, held: r.held?.certificateNo ?? (r.held ? '' : null),
        score_min: r.score?.value ?? r.score?.min ?? null, score_max: r.score?.value ?? r.score?.max ?? null,
        gap_count: g.gaps.length, blocker_count: g.blockers.length, open_count: g.open.length,
        effort: g.gaps.reduce((s, x) => s + x.effort, 0), result: r, computed_at: at,
      };
    }));
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`insert into assessments (org_id, ruleset, as_of, version, verdict, held, score_min, score_max, gap_count, blocker_count, open_count, effort, result, computed_at)
        select org_id, ruleset, as_of, version, verdict, held, score_min, score_max, gap_count, blocker_count, open_count, effort, result, computed_at
        from json_populate_recordset(null::assessments, ${JSON.stringify(values)}::json)
        on conflict (org_id, ruleset, as_of) do update set version = excluded.version, verdict = excluded.verdict, held = excluded.held,
          score_min = excluded.score_min, score_max = excluded.score_max, gap_count = excluded.gap_count, blocker_count = excluded.blocker_count,
          open_count = excluded.open_count, effort = excluded.effort, result = excluded.result, computed_at = excluded.computed_at`);
      await recordAudit(tx, ctx, { action: 'cultivation.evaluate', entityType: 'assessment', entityId: asOf, after: { asOf, organisations: bundles.length, first: bundles[0].uscc, last: bundles.at(-1)!.uscc } });
    });
    organisations += bundles.length;
    opts.onProgress?.(organisations);
    if (ids) continue;
    if (bundles.length < CHUNK) break;
    afterId = bundles.at(-1)!.id;
  }
  return { asOf, organisations, evaluations: organisations * rulesets.length };
}

function orgFilters(ctx: Ctx, q: { district?: string; industry?: string }): SQL | undefined {
  return and(
    visibleOrgs(ctx),
    q.district ? eq(orgs.district, q.district as never) : undefined,
    q.industry ? sql`${orgs.industryCode} like ${`${q.industry.replace(/^[A-Za-z]/, '')}%`}` : undefined,
  );
}

async function latestAsOf(ctx: Ctx): Promise<string | null> {
  const [r] = await ctx.db.select({ asOf: sql<string | null>`max(${assessments.asOf})::text` }).from(assessments)
    .innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(visibleOrgs(ctx));
  return r?.asOf ?? null;
}

/**
 * Keeps stored results current: re-evaluates changed organisations for the latest evaluated
 * date (nothing to do before a first batch). Subscribed to registry edits in cultivation.routes.
 */
export async function reevaluateChanged(ctx: Ctx, orgIds: string[]): Promise<void> {
  const asOf = await latestAsOf(ctx);
  if (asOf) await evaluateOrgs(ctx, asOf, { ids: orgIds });
}

const RESERVE = (maxGaps: number) => sql`${assessments.verdict} = 'fail' and ${assessments.held} is null and ${assessments.blockerCount} = 0
  and ${assessments.gapCount} between 1 and ${maxGaps}`;

export async function funnel(ctx: Ctx, q: { asOf?: string; district?: string; industry?: string }) {
  const asOf = q.asOf ?? (await latestAsOf(ctx));
  if (!asOf) return { asOf: null, evaluated: 0, tiers: [] };
  const counts = await ctx.db
    .select({
      ruleset: assessments.ruleset,
      held: sql<number>`count(*) filter (where ${assessments.held} is not null)::int`,
      pass: sql<number>`count(*) filter (where ${assessments.verdict} = 'pass')::int`,
      fail: sql<number>`count(*) filter (where ${assessments.verdict} = 'fail')::int`,
      unknown: sql<number>`count(*) filter (where ${assessments.verdict} = 'unknown')::int`,
      manualReview: sql<number>`count(*) filter (where ${assessments.verdict} = 'manual_review')::int`,
      reserve: sql<number>`count(*) filter (where ${RESERVE(2)})::int`,
      orgs: sql<number>`count(distinct ${assessments.orgId})::int`,
    })
    .from(assessments)
    .innerJoin(orgs, eq(orgs.id, assessments.orgId))
    .where(and(eq(assessments.asOf, asOf), orgFilters(ctx, q)))
    .groupBy(assessments.ruleset);
  const byId = new Map(counts.map((c) => [c.ruleset, c]));
  // Tiers from the lowest to the highest rung of the ladder.
  const tiers = RULESETS.slice().sort((a, b) => LADDER.indexOf(a.id as never) - LADDER.indexOf(b.id as never)).map((r) => {
    const c = byId.get(r.id);
    return { ruleset: r.id, title: r.title, held: c?.held ?? 0, pass: c?.pass ?? 0, fail: c?.fail ?? 0, unknown: c?.unknown ?? 0, manualReview: c?.manualReview ?? 0, reserve: c?.reserve ?? 0 };
  });
  return { asOf, evaluated: Math.max(0, ...counts.map((c) => c.orgs)), tiers };
}

/** Organisations that fail a tier only by remedies with numbers (no blockers), fewest and easiest first. */
export async function reservePool(ctx: Ctx, q: ReserveQuery) {
  const asOf = q.asOf ?? (await latestAsOf(ctx));
  if (!asOf) return { asOf: null, total: 0, items: [] };
  const where = and(eq(assessments.asOf, asOf), eq(assessments.ruleset, q.ruleset), RESERVE(q.maxGaps), orgFilters(ctx, q));
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select({
      uscc: orgs.uscc, name: orgs.name, district: orgs.district, industryCode: orgs.industryCode,
      gapCount: assessments.gapCount, effort: assessments.effort, result: assessments.result,
    }).from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(where)
      .orderBy(assessments.gapCount, assessments.effort, orgs.uscc).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(where),
  ]);
  return {
    asOf, total,
    items: items.map(({ result, ...i }) => ({ ...i, gaps: gapsOf(result as never).gaps.map((g) => ({ criterion: g.criterion, text: g.text })) })),
  };
}

/**
 * Reserve-pool tiers of the given organisations at the latest evaluation (for other modules,
 * e.g. the chain map's per-link reserve pool): orgId → tiers it misses by 1–2 numbers only.
 */
export async function reserveTiersOf(ctx: Ctx, orgIds: string[]): Promise<Map<string, { ruleset: string; gapCount: number }[]>> {
  const out = new Map<string, { ruleset: string; gapCount: number }[]>();
  const asOf = orgIds.length ? await latestAsOf(ctx) : null;
  if (!asOf) return out;
  for (let i = 0; i < orgIds.length; i += 5_000) {
    const rows = await ctx.db.select({ orgId: assessments.orgId, ruleset: assessments.ruleset, gapCount: assessments.gapCount }).from(assessments)
      .where(and(eq(assessments.asOf, asOf), RESERVE(2), sql`${assessments.orgId} = any(${`{${orgIds.slice(i, i + 5_000).join(',')}}`}::uuid[])`));
    for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), { ruleset: r.ruleset, gapCount: r.gapCount }]);
  }
  return out;
}
