// Tiered cultivation: every organisation evaluated against every tier as of a date, stored,
// then counted into a funnel and sorted into reserve pools (close to the next tier).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import ExcelJS from '../../lib/exceljs.ts';
import { pick, type Locale } from '../../lib/i18n.ts';
import { safeCell } from '../../server/xlsx.ts';
import { industryCodes } from '../registry/industry.ts';
import { DISTRICT_LABELS } from '../registry/registry.sheet.ts';
import { gapsOf } from '../../rules/gaps.ts';
import { LADDER, RULESETS, rulesetsWith } from '../../rules/index.ts';
import { storedLeaderVersions } from '../rules/rules.service.ts';
import type { Ctx } from '../../server/context.ts';
import { columnRows, isUniqueViolation } from '../../server/db.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getOrg, orgDocTextChunks, orgDocTexts, visibleOrgs, visibleOrgsKey, type OrgDocText } from '../registry/registry.service.ts';
import { generationCacheBy } from '../../server/generations.ts';
import { orgQualifications, orgs } from '../registry/registry.schema.ts';
import { chains } from '../chains/chains.schema.ts';
import { LETTER, letterFigure } from '../../reference/letter.ts';
import { assessments, evaluationRuns, type ReserveQuery } from './cultivation.schema.ts';
import { Worker } from 'node:worker_threads';
import { explainStored, storeSnapshots } from './cultivation.store.ts';
import { ASSESSMENT_COLUMNS, criterionVerdicts, evaluateChunk, type EvaluatedChunk } from './cultivation.rows.ts';
import type { EvaluationJob } from './cultivation.worker.ts';

const CHUNK = 2_000;

/** The given organisations' facts documents a chunk at a time, the next chunk read while the caller works on this one. */
async function* idChunks(ctx: Ctx, ids: string[]): AsyncGenerator<OrgDocText[]> {
  const read = (offset: number) => (offset < ids.length ? orgDocTexts(ctx, { limit: CHUNK, ids: ids.slice(offset, offset + CHUNK) }) : null);
  let next = read(0);
  for (let offset = CHUNK; next; offset += CHUNK) {
    const docs = await next;
    next = read(offset);
    next?.catch(() => {});
    if (docs.length) yield docs;
  }
}

/** Below this many organisations a run evaluates in the event loop's thread: starting workers costs more. */
const WORKERS_FROM = 10_000;

/**
 * Worker threads that evaluate chunks; `evaluate` answers in the order jobs finish. Closed by
 * the run that made it (a pool per run: runs are rare and a worker holds the rulesets' memory).
 * The engine makes millions of short-lived objects: a larger young generation halves the time
 * spent collecting them (20,000 organisations: 0.4 s against 0.8 s).
 */
function evaluationPool(threads: number) {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./cultivation.worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 192 } }));
  const waiting = new Map<number, { resolve: (c: EvaluatedChunk) => void; reject: (e: Error) => void }>();
  for (const w of workers) {
    w.on('message', (m: { id: number; chunk?: EvaluatedChunk; error?: string }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) p?.reject(new Error(`evaluation worker: ${m.error}`));
      else p?.resolve(m.chunk!);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    evaluate: (job: Omit<EvaluationJob, 'id'>) => new Promise<EvaluatedChunk>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      workers[id % threads].postMessage({ ...job, id });
    }),
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

async function organisationCount(ctx: Ctx, ids?: string[]): Promise<number> {
  if (ids) return ids.length;
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(visibleOrgs(ctx));
  return r.n;
}

/**
 * Evaluates every organisation the actor may see (or the given ones) as of `asOf` and stores
 * the results, replacing earlier results for the same date. Returns counts. The next chunk is
 * read and the previous one written while this one is evaluated — in worker threads for large
 * runs (`threads`, default config.evaluationThreads), so the database, the event loop and the
 * engine use every core. Each chunk is written in one transaction with its audit record.
 */
export async function evaluateOrgs(ctx: Ctx, asOf: string, opts: { ids?: string[]; onProgress?: (done: number) => void; threads?: number } = {}) {
  let organisations = 0;
  const at = ctx.now().toISOString();
  const leaderVersions = await storedLeaderVersions(ctx);
  const rulesets = rulesetsWith(leaderVersions);
  const threads = opts.threads ?? ((await organisationCount(ctx, opts.ids)) >= WORKERS_FROM ? ctx.config.evaluationThreads : 0);
  const pool = threads > 0 ? evaluationPool(threads) : null;
  const evaluate = (items: OrgDocText[]) => (pool ? pool.evaluate({ items, asOf, leaderVersions }) : Promise.resolve(evaluateChunk(items, asOf, rulesets)));
  // The first full run of a date (no rows yet) inserts plainly: replacing rows (ON CONFLICT's
  // speculative insertion) cost the database ~45 % more per row, 7.3–7.8 s against 5.1–5.5 s for
  // 600,000. Should another run write the date meanwhile, a chunk that collides is written
  // again as a replacement, and so is every chunk after it.
  let fresh = !opts.ids && !(await dateHasRows(ctx, asOf));
  const writeChunk = (docs: OrgDocText[], chunk: EvaluatedChunk, replace: boolean) => ctx.db.transaction(async (tx) => {
    // A full run's chunks do not wait for the disk: WAL is flushed in order, so the run's
    // completion (committed synchronously below) is durable only with every chunk before it; a
    // crash loses at most the last chunks of a run that then was never complete. Re-evaluations
    // of edited organisations have no completion to wait for them, so they commit as usual.
    if (!opts.ids) await tx.execute(sql`set local synchronous_commit = off`);
    await storeSnapshots(tx, chunk.snapshots);
    await tx.execute(sql`insert into assessments (org_id, ruleset, as_of, version, verdict, held, score_min, score_max, gap_count, blocker_count, open_count, effort, facts, computed_at)
      select org_id, ruleset, ${asOf}::date, version, verdict, held, score_min, score_max, gap_count, blocker_count, open_count, effort, facts, ${at}::timestamptz
      from ${columnRows(ASSESSMENT_COLUMNS.map(([name, type]) => [name, type, chunk.columns[name]] as const))}${replace ? sql`
      on conflict (org_id, ruleset, as_of) do update set version = excluded.version, verdict = excluded.verdict, held = excluded.held,
        score_min = excluded.score_min, score_max = excluded.score_max, gap_count = excluded.gap_count, blocker_count = excluded.blocker_count,
        open_count = excluded.open_count, effort = excluded.effort, result = null, facts = excluded.facts, computed_at = excluded.computed_at` : sql``}`);
    await recordAudit(tx, ctx, { action: 'cultivation.evaluate', entityType: 'assessment', entityId: asOf, after: { asOf, organisations: docs.length, first: docs[0].uscc, last: docs.at(-1)!.uscc } });
  });
  const write = async (docs: OrgDocText[], chunk: EvaluatedChunk) => {
    try {
      await writeChunk(docs, chunk, !fresh);
    } catch (err) {
      if (!fresh || !isUniqueViolation(err)) throw err;
      fresh = false;
      await writeChunk(docs, chunk, true);
    }
    organisations += docs.length;
    opts.onProgress?.(organisations);
  };
  // Chunks being evaluated (one per thread, or one read ahead), oldest first; at most one write
  // in flight, so a failed write stops the run before the next chunk is written.
  const evaluating: { docs: OrgDocText[]; chunk: Promise<EvaluatedChunk> }[] = [];
  let writing = null as Promise<void> | null;
  const writeOldest = async () => {
    const { docs, chunk } = evaluating.shift()!;
    const rows = await chunk;
    await writing;
    writing = write(docs, rows);
    writing.catch(() => {});
  };
  try {
    for await (const docs of opts.ids ? idChunks(ctx, opts.ids) : orgDocTextChunks(ctx, CHUNK)) {
      const chunk = evaluate(docs);
      chunk.catch(() => {});
      evaluating.push({ docs, chunk });
      if (evaluating.length > threads) await writeOldest();
    }
    while (evaluating.length) await writeOldest();
  } finally {
    // Settled before returning or rethrowing: never a transaction running after the caller moved on.
    await writing?.catch(() => {});
    await pool?.close();
  }
  await writing;
  // A full run is the current evaluation only once every chunk is stored (see evaluationRuns).
  if (!opts.ids) {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(evaluationRuns).values({ asOf, organisations, completedAt: ctx.now() })
        .onConflictDoUpdate({ target: evaluationRuns.asOf, set: { organisations, completedAt: ctx.now() } });
      await recordAudit(tx, ctx, { action: 'cultivation.evaluation_complete', entityType: 'evaluation_run', entityId: asOf, after: { asOf, organisations } });
    });
  }
  return { asOf, organisations, evaluations: organisations * rulesets.length };
}

async function dateHasRows(ctx: Ctx, asOf: string): Promise<boolean> {
  const [row] = await ctx.db.select({ one: sql<number>`1` }).from(assessments).where(eq(assessments.asOf, asOf)).limit(1);
  return row !== undefined;
}

/** The divisions (two digits) of a GB/T 4754 section letter. */
function divisionsOf(section: string): string[] {
  return [...industryCodes().values()].filter((c) => c.level === 'division' && c.parent === section).map((c) => c.code);
}

/** An industry filter: a section letter ("C"), or a code with or without its letter ("C39", "39", "3841"). */
function industryFilter(industry: string): SQL {
  const code = industry.toUpperCase();
  if (/^[A-Z]$/.test(code)) {
    const divisions = divisionsOf(code);
    return divisions.length ? inArray(sql`left(${orgs.industryCode}, 2)`, divisions) : sql`false`;
  }
  return sql`${orgs.industryCode} like ${`${code.replace(/^[A-Z]/, '')}%`}`;
}

type OrgFilter = { district?: string; industry?: string; chain?: string };

function orgFilters(ctx: Ctx, q: OrgFilter): SQL | undefined {
  return and(
    visibleOrgs(ctx),
    q.district ? eq(orgs.district, q.district as never) : undefined,
    q.industry ? industryFilter(q.industry) : undefined,
    q.chain ? sql`exists (select 1 from chain_link_orgs a where a.org_id = "orgs"."id" and a.chain_id = ${q.chain} and a.status = 'confirmed')` : undefined,
  );
}

async function latestAsOf(ctx: Ctx): Promise<string | null> {
  // The latest completed run; a date a crash left half evaluated is not current.
  const [run] = await ctx.db.select({ asOf: sql<string | null>`max(${evaluationRuns.asOf})::text` }).from(evaluationRuns);
  if (run?.asOf) return run.asOf;
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

/** The columns a stored result is explained from (see explainStored). */
export const STORED = {
  ruleset: assessments.ruleset, version: assessments.version, asOf: sql<string>`${assessments.asOf}::text`, facts: assessments.facts, result: assessments.result,
  verdict: assessments.verdict, held: assessments.held, scoreMin: assessments.scoreMin, scoreMax: assessments.scoreMax,
  gapCount: assessments.gapCount, blockerCount: assessments.blockerCount, openCount: assessments.openCount, effort: assessments.effort,
};

const RESERVE = (maxGaps: number) => sql`${assessments.verdict} = 'fail' and ${assessments.held} is null and ${assessments.blockerCount} = 0
  and ${assessments.gapCount} between 1 and ${maxGaps}`;

type FunnelQuery = OrgFilter & { asOf?: string };
type BreakdownQuery = OrgFilter & { by: 'district' | 'section' | 'division' | 'chain'; asOf?: string };

/**
 * Everything that changes a funnel or breakdown answer: who asks (which organisations they may
 * see) and the query. The tables read move the 'cultivation' generation (migration 0023).
 */
const answerKey = ({ ctx, q }: { ctx: Ctx; q: BreakdownQuery | FunnelQuery }) =>
  JSON.stringify([visibleOrgsKey(ctx), 'by' in q ? q.by : null, q.asOf ?? null, q.district ?? null, q.industry ?? null, q.chain ?? null]);
const funnels = generationCacheBy('cultivation', answerKey, (_db, a: { ctx: Ctx; q: FunnelQuery }) => computeFunnel(a.ctx, a.q));
const breakdowns = generationCacheBy('cultivation', answerKey, (_db, a: { ctx: Ctx; q: BreakdownQuery }) => computeBreakdown(a.ctx, a.q));

/** The tier funnel; kept in memory until the data it counts changes (an aggregate over every assessment). */
export function funnel(ctx: Ctx, q: FunnelQuery) {
  return funnels(ctx.db, { ctx, q });
}

async function computeFunnel(ctx: Ctx, q: FunnelQuery) {
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
      gapCount: assessments.gapCount, effort: assessments.effort, stored: STORED,
    }).from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(where)
      .orderBy(assessments.gapCount, assessments.effort, orgs.uscc).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(where),
  ]);
  const results = await explainStored(ctx, items.map((i) => i.stored));
  return {
    asOf, total,
    items: items.map(({ stored: _, ...i }, n) => ({ ...i, gaps: gapsOf(results[n]).gaps.map((g) => ({ criterion: g.criterion, text: g.text })) })),
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

// ---------- drill-down ----------

const DISTRICT_EN: Record<string, string> = { siming: 'Siming', huli: 'Huli', jimei: 'Jimei', haicang: 'Haicang', tongan: "Tong'an", xiangan: "Xiang'an" };

/** Held, met and reserve counts per tier for each district, industry section, division or chain map; kept in memory like the funnel. */
export function breakdown(ctx: Ctx, q: BreakdownQuery) {
  return breakdowns(ctx.db, { ctx, q });
}

async function computeBreakdown(ctx: Ctx, q: BreakdownQuery) {
  const asOf = q.asOf ?? (await latestAsOf(ctx));
  if (!asOf) return { asOf: null, by: q.by, groups: [] };
  // By chain: one row per organisation and chain map it is confirmed on (one may be on several).
  const onChain = sql`(select distinct org_id, chain_id from chain_link_orgs where status = 'confirmed')`;
  const key = q.by === 'district' ? sql<string>`${orgs.district}::text`
    : q.by === 'chain' ? sql<string>`oc.chain_id`
    : sql<string>`coalesce(left(${orgs.industryCode}, 2), '')`;
  const chainNames = new Map(q.by === 'chain' ? (await ctx.db.select({ id: chains.id, zh: chains.zh, en: chains.en }).from(chains)).map((c) => [c.id, c]) : []);
  const base = ctx.db
    .select({
      key, ruleset: assessments.ruleset,
      n: sql<number>`count(*)::int`,
      held: sql<number>`count(*) filter (where ${assessments.held} is not null)::int`,
      pass: sql<number>`count(*) filter (where ${assessments.verdict} = 'pass')::int`,
      reserve: sql<number>`count(*) filter (where ${RESERVE(2)})::int`,
    })
    .from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId));
  const rows = await (q.by === 'chain' ? base.innerJoin(sql`${onChain} oc`, sql`oc.org_id = "orgs"."id"`) : base)
    .where(and(eq(assessments.asOf, asOf), orgFilters(ctx, q)))
    .groupBy(key, assessments.ruleset);
  const codes = industryCodes();
  // Divisions roll up into their section when grouping by section.
  const groupOf = (k: string) => (q.by === 'section' && k ? (codes.get(k)?.parent ?? '') : k);
  const groups = new Map<string, { key: string; evaluated: number; tiers: Record<string, { held: number; pass: number; reserve: number }> }>();
  const evaluatedBy = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const g = groupOf(r.key);
    let group = groups.get(g);
    if (!group) groups.set(g, (group = { key: g, evaluated: 0, tiers: {} }));
    const t = (group.tiers[r.ruleset] ??= { held: 0, pass: 0, reserve: 0 });
    t.held += r.held;
    t.pass += r.pass;
    t.reserve += r.reserve;
    // Every organisation has one row per tier: the organisations of a group are its count for any one tier.
    const per = evaluatedBy.get(g) ?? new Map<string, number>();
    per.set(r.ruleset, (per.get(r.ruleset) ?? 0) + r.n);
    evaluatedBy.set(g, per);
  }
  const label = (k: string) => {
    if (q.by === 'district') return { zh: DISTRICT_LABELS[k as keyof typeof DISTRICT_LABELS] ?? k, en: DISTRICT_EN[k] ?? k };
    if (q.by === 'chain') return { zh: chainNames.get(k)?.zh ?? k, en: chainNames.get(k)?.en ?? k };
    if (!k) return { zh: '未填行业代码', en: 'No industry code' };
    const c = codes.get(k);
    return { zh: `${k} ${c?.zh ?? ''}`.trim(), en: `${k} ${c?.en ?? ''}`.trim() };
  };
  return {
    asOf, by: q.by,
    groups: [...groups.values()]
      .map((g) => ({ ...g, label: label(g.key), evaluated: Math.max(0, ...(evaluatedBy.get(g.key)?.values() ?? [])) }))
      .sort((a, b) => b.evaluated - a.evaluated || a.key.localeCompare(b.key)),
  };
}

// ---------- reserve pool export ----------

const MAX_EXPORT = 50_000;

/** The whole reserve pool (all pages, up to 50,000 rows) as a workbook in the caller's language. */
export async function exportReservePool(ctx: Ctx, q: Omit<ReserveQuery, 'page' | 'pageSize'>, locale: Locale, out: Writable): Promise<void> {
  const asOf = q.asOf ?? (await latestAsOf(ctx));
  const ruleset = RULESETS.find((r) => r.id === q.ruleset);
  const en = locale === 'en-US';
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(en ? 'Reserve pool' : '后备库');
  ws.columns = [{ width: 22 }, { width: 34 }, { width: 10 }, { width: 10 }, { width: 8 }, { width: 100 }];
  const title = ruleset ? pick(ruleset.title, locale) : q.ruleset;
  ws.addRow([en ? `Reserve pool: ${title}` : `后备库：${title}`]).commit();
  ws.addRow([en ? `Evaluated as of ${asOf ?? '—'}; at most ${q.maxGaps} gaps; district ${q.district ?? 'all'}; industry ${q.industry ?? 'all'}` : `评价日期 ${asOf ?? '—'}；差距项不超过 ${q.maxGaps} 项；所属区 ${q.district ? DISTRICT_LABELS[q.district] : '全部'}；行业 ${q.industry ?? '全部'}`]).commit();
  const header = ws.addRow(en ? ['USCC', 'Organisation', 'District', 'Industry', 'Gaps', 'What is missing'] : ['统一社会信用代码', '单位名称', '所属区', '行业代码', '差距项', '差距说明']);
  header.font = { bold: true };
  header.commit();
  if (asOf) {
    const where = and(eq(assessments.asOf, asOf), eq(assessments.ruleset, q.ruleset), RESERVE(q.maxGaps), orgFilters(ctx, q));
    const PAGE = 2_000;
    for (let offset = 0; offset < MAX_EXPORT; offset += PAGE) {
      const rows = await ctx.db.select({
        uscc: orgs.uscc, name: orgs.name, district: orgs.district, industryCode: orgs.industryCode, gapCount: assessments.gapCount, stored: STORED,
      }).from(assessments).innerJoin(orgs, eq(orgs.id, assessments.orgId)).where(where)
        .orderBy(assessments.gapCount, assessments.effort, asc(orgs.uscc)).limit(Math.min(PAGE, MAX_EXPORT - offset)).offset(offset);
      const results = await explainStored(ctx, rows.map((r) => r.stored));
      for (const [n, r] of rows.entries()) {
        const gaps = gapsOf(results[n]).gaps.map((g) => pick(g.text, locale)).join(en ? '; ' : '；');
        ws.addRow([r.uscc, safeCell(r.name), en ? (DISTRICT_EN[r.district] ?? r.district) : DISTRICT_LABELS[r.district], r.industryCode ?? '', r.gapCount, safeCell(gaps)]).commit();
      }
      if (rows.length < PAGE) break;
    }
  }
  ws.commit();
  await wb.commit();
}

// ---------- tier timeline ----------

const MET = new Set(['pass']);

/**
 * One organisation's stored results at every evaluation date, oldest first, and for each tier
 * whose verdict or certificate changed from one date to the next: gained or lost, and the
 * criteria whose verdicts changed, with the later sentence as the reason.
 */
export async function tierTimeline(ctx: Ctx, uscc: string) {
  const org = await getOrg(ctx, uscc);
  const rows = await ctx.db.select(STORED)
    .from(assessments).where(eq(assessments.orgId, org.id)).orderBy(asc(assessments.asOf));
  const dates = [...new Set(rows.map((r) => r.asOf))];
  const order = (id: string) => LADDER.indexOf(id as never);
  const byTier = new Map<string, typeof rows>();
  for (const r of rows) byTier.set(r.ruleset, [...(byTier.get(r.ruleset) ?? []), r]);
  const tiers = [...byTier.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([ruleset, list]) => ({
    ruleset,
    title: RULESETS.find((r) => r.id === ruleset)?.title ?? { zh: ruleset, en: ruleset },
    points: list.map((r) => ({ asOf: r.asOf, verdict: r.verdict, held: r.held !== null, version: r.version })),
  }));
  const changed: { ruleset: string; a: (typeof rows)[number]; b: (typeof rows)[number] }[] = [];
  for (const [ruleset, list] of byTier) {
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]];
      if (a.verdict !== b.verdict || (a.held !== null) !== (b.held !== null)) changed.push({ ruleset, a, b });
    }
  }
  // The later result of each change gives the sentences; the earlier one its criteria's verdicts.
  const explainedAB = await explainStored(ctx, changed.flatMap((c) => [c.a, c.b]));
  const changes = changed.map(({ ruleset, a, b }, n) => {
    const heldA = a.held !== null;
    const heldB = b.held !== null;
    const metA = MET.has(a.verdict) || heldA;
    const metB = MET.has(b.verdict) || heldB;
    const before = criterionVerdicts(explainedAB[2 * n]);
    const reasons = explainedAB[2 * n + 1].criteria
      .filter((c) => before.get(c.id) !== c.verdict)
      .map((c) => ({ criterion: c.id, from: before.get(c.id) ?? null, to: c.verdict, text: c.text }));
    return {
      asOf: b.asOf, previous: a.asOf, ruleset, from: a.verdict, to: b.verdict,
      kind: (metB && !metA ? 'gained' : metA && !metB ? 'lost' : 'changed') as 'gained' | 'lost' | 'changed',
      heldFrom: heldA, heldTo: heldB, version: { from: a.version, to: b.version }, reasons,
    };
  });
  changes.sort((x, y) => y.asOf.localeCompare(x.asOf) || order(x.ruleset) - order(y.ruleset));
  return { uscc: org.uscc, dates, tiers, changes };
}

// ---------- the letter's figures beside the platform's ----------

const FYP14_START = '2021-01-01';

/**
 * The yearly counts the bureau's letter (厦科函〔2025〕84号) reports, each beside the same count
 * computed from the registry's qualifications, with the difference and why it exists. Counts
 * cover the organisations the caller may see (a district officer: that district only).
 */
export async function letterComparison(ctx: Ctx) {
  const letterDate = LETTER.source.date;
  const scope = visibleOrgs(ctx);
  const [{ organisations, synthetic }] = await ctx.db.select({
    organisations: sql<number>`count(*)::int`, synthetic: sql<number>`count(*) filter (where ${orgs.synthetic})::int`,
  }).from(orgs).where(scope);

  /** Organisations holding a certificate of `kind` in force on `date`. */
  const heldOn = async (kind: 'hnte', date: string) => {
    const [r] = await ctx.db.select({ n: sql<number>`count(distinct ${orgQualifications.orgId})::int` })
      .from(orgQualifications).innerJoin(orgs, eq(orgs.id, orgQualifications.orgId))
      .where(and(scope, eq(orgQualifications.kind, kind), sql`${orgQualifications.issuedOn} <= ${date}`, sql`(${orgQualifications.expiresOn} is null or ${orgQualifications.expiresOn} >= ${date})`));
    return r.n;
  };
  /** Organisations whose first certificate of `kind` was issued in each year from 2021 to the letter's date. */
  const firstByYear = async (kind: 'hnte' | 'little_giant') => {
    const first = ctx.db.select({ orgId: orgQualifications.orgId, first: sql<string>`min(${orgQualifications.issuedOn})`.as('first') })
      .from(orgQualifications).innerJoin(orgs, eq(orgs.id, orgQualifications.orgId))
      .where(and(scope, eq(orgQualifications.kind, kind))).groupBy(orgQualifications.orgId).as('f');
    const rows = await ctx.db.select({ year: sql<number>`extract(year from ${first.first})::int`, n: sql<number>`count(*)::int` })
      .from(first).where(sql`${first.first} between ${FYP14_START} and ${letterDate}`).groupBy(sql`1`).orderBy(sql`1`);
    return rows;
  };

  const coverage = {
    zh: `平台登记 ${organisations.toLocaleString('en-US')} 家单位${synthetic ? `（其中 ${synthetic.toLocaleString('en-US')} 家为合成演示数据）` : ''}，只统计已录入的资质证书；公函数字为全市官方统计。`,
    en: `The registry holds ${organisations.toLocaleString('en-US')} organisations${synthetic ? ` (${synthetic.toLocaleString('en-US')} of them synthetic demo data)` : ''} and counts only the certificates on file; the letter's figures are the city's official statistics.`,
  };
  const explain = (letter: number, platform: number, definition: { zh: string; en: string }) => {
    const d = platform - letter;
    const share = letter ? Math.round((platform / letter) * 1000) / 10 : 0;
    return {
      zh: `平台比公函${d >= 0 ? '多' : '少'} ${Math.abs(d).toLocaleString('en-US')} 家（为公函数字的 ${share}%）。${coverage.zh}口径：${definition.zh}`,
      en: `The platform counts ${Math.abs(d).toLocaleString('en-US')} ${d >= 0 ? 'more' : 'fewer'} (${share}% of the letter's figure). ${coverage.en} Definition: ${definition.en}`,
    };
  };

  const hnteHeld = await heldOn('hnte', '2024-12-31');
  const newHnte = await firstByYear('hnte');
  const newLg = await firstByYear('little_giant');
  const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
  const item = (id: string, platform: number, definition: { zh: string; en: string }, byYear?: { year: number; n: number }[]) => {
    const f = letterFigure(id);
    return {
      id, title: { zh: f.zh, en: f.en }, period: f.period,
      letter: { value: f.value, unit: f.unit, qualifier: f.qualifier ?? null },
      platform: { value: platform, definition, byYear: byYear?.map((r) => ({ year: r.year, value: r.n })) ?? null },
      difference: platform - f.value,
      explanation: explain(f.value, platform, definition),
    };
  };
  return {
    source: { titleZh: LETTER.source.title_zh, titleEn: LETTER.source.title_en, docNo: LETTER.source.doc_no, issuer: LETTER.source.issuer, date: letterDate },
    district: ctx.actor?.role === 'district_officer' ? (ctx.actor.district ?? null) : null,
    registry: { organisations, synthetic },
    items: [
      item('hnte_count', hnteHeld, { zh: '2024-12-31 持有有效国家高新技术企业证书的单位数。', en: 'organisations holding a high and new technology enterprise certificate in force on 2024-12-31.' }),
      item('new_hnte', sum(newHnte), { zh: `首张国家高新技术企业证书发证日期在 ${FYP14_START} 至 ${letterDate}（公函日期）之间的单位数，重新认定不计。`, en: `organisations whose first high and new technology enterprise certificate was issued from ${FYP14_START} to ${letterDate} (the letter's date); re-recognitions not counted.` }, newHnte),
      item('new_little_giants', sum(newLg), { zh: `首次认定为专精特新“小巨人”的日期在 ${FYP14_START} 至 ${letterDate} 之间的单位数。`, en: `organisations first recognised as SRDI little giants from ${FYP14_START} to ${letterDate}.` }, newLg),
    ],
  };
}
