// The rules engine over the registry: builds the facts document of a stored organisation and
// evaluates it with the parameter versions the bureau has set. Also those versions themselves.
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows } from '../../server/db.ts';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import type { Ruleset } from '../../rules/engine.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { gapsOf } from '../../rules/gaps.ts';
import { evaluateAll, rulesetsWith } from '../../rules/index.ts';
import { LEADER_EXAMPLE, type LeaderParams, type LeaderVersion } from '../../rules/parameters/tech_leader.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { users } from '../accounts/accounts.schema.ts';
import { factsDocOf, orgBundles, type OrgBundle } from '../registry/registry.service.ts';
import { ruleParamVersions, type LeaderVersionCreate } from './rules.schema.ts';

/** The facts document of a registered organisation the caller may see, and its district. */
export async function orgWithFactsDoc(ctx: Ctx, uscc: string): Promise<{ district: OrgBundle['district']; doc: FactsDoc }> {
  const [bundle] = await orgBundles(ctx, { uscc, limit: 1 });
  // Not visible and not existing look the same, as in the registry.
  if (!bundle) throw new AppError('org.not_found', { uscc });
  return { district: bundle.district, doc: factsDocOf(bundle) };
}

export async function factsDocFor(ctx: Ctx, uscc: string): Promise<FactsDoc> {
  return (await orgWithFactsDoc(ctx, uscc)).doc;
}

// ---------- parameter versions of city-defined tiers ----------

async function storedLeaderRows(ctx: Ctx) {
  return ctx.db.select({ v: ruleParamVersions, username: users.username }).from(ruleParamVersions)
    .leftJoin(users, eq(users.id, ruleParamVersions.createdBy))
    .where(eq(ruleParamVersions.ruleset, 'tech_leader')).orderBy(asc(ruleParamVersions.effectiveFrom));
}

/** The S&T leader versions the bureau has stored (without the built-in example). */
export async function storedLeaderVersions(ctx: Ctx): Promise<LeaderVersion[]> {
  return (await storedLeaderRows(ctx)).map(({ v }) => ({
    effectiveFrom: v.effectiveFrom, params: v.params as LeaderParams, docNo: v.docNo, article: v.article, note: v.note, example: false,
  }));
}

/** The rulesets to evaluate with: the engine's, with the bureau's parameter versions. */
export async function currentRulesets(ctx: Ctx): Promise<Ruleset[]> {
  return rulesetsWith(await storedLeaderVersions(ctx));
}

/** Every version, the built-in example first unless a stored one replaced it, with which is in force today. */
export async function listLeaderVersions(ctx: Ctx) {
  const today = ctx.now().toISOString().slice(0, 10);
  const rows = await storedLeaderRows(ctx);
  const stored = rows.map(({ v, username }) => ({
    effectiveFrom: v.effectiveFrom, params: v.params as LeaderParams, docNo: v.docNo, article: v.article, note: v.note, example: false,
    createdBy: username ?? null, createdAt: v.createdAt.toISOString(),
  }));
  const all = [
    ...(stored.some((s) => s.effectiveFrom === LEADER_EXAMPLE.effectiveFrom) ? [] : [{ ...LEADER_EXAMPLE, createdBy: null, createdAt: null }]),
    ...stored,
  ].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const currentIndex = all.findLastIndex((v) => v.effectiveFrom <= today);
  return all.map((v, i) => ({
    ...v, current: i === currentIndex,
    effectiveTo: all[i + 1] ? new Date(Date.parse(`${all[i + 1].effectiveFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : null,
  }));
}

/**
 * Adds a version. Its date may not lie before today (server clock): results already computed
 * for past dates must stay what they were. A date already taken is refused (versions are never edited).
 */
export async function createLeaderVersion(ctx: Ctx, input: LeaderVersionCreate) {
  const today = ctx.now().toISOString().slice(0, 10);
  if (input.effectiveFrom < today) throw new AppError('rules.params_in_past', { effectiveFrom: input.effectiveFrom, today });
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(ruleParamVersions).values({
      ruleset: 'tech_leader', effectiveFrom: input.effectiveFrom, params: input.params, docNo: input.docNo ?? null, article: input.article ?? null,
      note: input.note ?? null, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now(),
    }).onConflictDoNothing().returning({ effectiveFrom: ruleParamVersions.effectiveFrom });
    if (inserted.length === 0) throw new AppError('rules.params_exists', { effectiveFrom: input.effectiveFrom });
    await recordAudit(tx, ctx, { action: 'rules.params_create', entityType: 'rule_param_version', entityId: `tech_leader/${input.effectiveFrom}`, after: input });
  });
  return (await listLeaderVersions(ctx)).find((v) => v.effectiveFrom === input.effectiveFrom && !v.example)!;
}

/**
 * Withdraws a version that is not in force yet (a mistake caught before its date). A version in
 * force, or one that stored results were already computed with (an evaluation for a future
 * date), stays: those results must remain replayable.
 */
export async function withdrawLeaderVersion(ctx: Ctx, effectiveFrom: string) {
  const today = ctx.now().toISOString().slice(0, 10);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(ruleParamVersions)
      .where(and(eq(ruleParamVersions.ruleset, 'tech_leader'), eq(ruleParamVersions.effectiveFrom, effectiveFrom))).for('update');
    if (!row) throw new AppError('rules.params_not_found', { effectiveFrom });
    if (effectiveFrom <= today) throw new AppError('rules.params_in_force', { effectiveFrom, today });
    const [used] = await rows<{ count: number; as_of: string | null }>(tx, sql`select count(*)::int as count, min(as_of)::text as as_of from assessments
      where ruleset = 'tech_leader' and as_of >= ${effectiveFrom}`);
    if (used.count > 0) throw new AppError('rules.params_used', { count: used.count, effectiveFrom, asOf: used.as_of });
    await tx.delete(ruleParamVersions).where(and(eq(ruleParamVersions.ruleset, 'tech_leader'), eq(ruleParamVersions.effectiveFrom, effectiveFrom)));
    await recordAudit(tx, ctx, { action: 'rules.params_withdraw', entityType: 'rule_param_version', entityId: `tech_leader/${effectiveFrom}`, before: row });
  });
  return listLeaderVersions(ctx);
}

// ---------- assessments ----------

export async function assess(ctx: Ctx, doc: FactsDoc, asOf: string, rulesets?: string[]) {
  const results = evaluateAll(doc, asOf, rulesets, await currentRulesets(ctx));
  return { asOf, results, gaps: results.filter((r) => r.verdict !== 'pass').map(gapsOf) };
}

export async function assessOrg(ctx: Ctx, uscc: string, asOf: string, rulesets?: string[]) {
  return { uscc: uscc.toUpperCase(), ...(await assess(ctx, await factsDocFor(ctx, uscc), asOf, rulesets)) };
}
