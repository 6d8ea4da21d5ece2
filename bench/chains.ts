// Chain analysis at city scale: 22 chains × 60 links over N organisations (default 100,000),
// against a same-run baseline: one plain aggregate (count, revenue, R&D) over the same year's
// facts of every organisation. Target: the analysis of all 22 chains ≤ 1 s.
//   npx tsx bench/chains.ts [--orgs 100000] [--pg]
// The 19 chains beyond the three reference maps are benchmark-only copies (ids bench_*),
// written into the cached bench database, never into a real one.
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { chainEdges, chainLinks, chains } from '../src/modules/chains/chains.schema.ts';
import { latestFiscalYear, linkAggregates, scoreLinks, suggestOrgs } from '../src/modules/chains/chains.analysis.ts';
import { installChainReference, liveLinks } from '../src/modules/chains/chains.service.ts';
import { systemCtx } from '../src/server/platform.ts';
import { arg, benchDatabase } from './common.ts';

const orgs = arg('orgs', 100_000);
const CHAINS = 22;
const LINKS = 60;
const { database, config } = await benchDatabase(orgs);
const ctx = systemCtx(config, database);
await installChainReference(ctx);

// Bring every chain to 60 links and make 22 chains (copies of the reference maps' contents).
const ref = await ctx.db.select().from(chains).where(eq(chains.origin, 'reference'));
for (let i = 0; i < CHAINS; i++) {
  const source = ref[i % ref.length];
  const id = i < ref.length ? source.id : `bench_${i}`;
  if (i >= ref.length) {
    const [exists] = await ctx.db.select({ id: chains.id }).from(chains).where(eq(chains.id, id));
    if (!exists) await ctx.db.insert(chains).values({ id, zh: `${source.zh}（基准${i}）`, en: `${source.en} (bench ${i})`, industryId: source.industryId, origin: 'staff', sortOrder: 100 + i });
  }
  const have = await liveLinks(ctx.db, id);
  if (have.length >= LINKS) continue;
  const template = await liveLinks(ctx.db, source.id);
  const rows: (typeof chainLinks.$inferInsert)[] = [];
  const ids = new Map<string, string>();
  // Copy the source's links (for bench chains), then add sub-links until the chain has 60.
  if (i >= ref.length) {
    for (const l of template) ids.set(l.id, randomUUID());
    for (const l of template) rows.push({ ...l, id: ids.get(l.id)!, chainId: id, parentId: l.parentId ? ids.get(l.parentId)! : null, refKey: null, createdAt: new Date(), updatedAt: new Date() });
  }
  const base = i >= ref.length ? rows.slice() : have.map((l) => ({ ...l }));
  const tops = base.filter((l) => !l.parentId);
  for (let n = 0; base.length + rows.length - (i >= ref.length ? base.length : 0) < LINKS; n++) {
    const top = tops[n % tops.length];
    rows.push({ id: randomUUID(), chainId: id, parentId: top.id!, stage: top.stage!, zh: `${top.zh}·细分${n + 1}`, en: `${top.en} · segment ${n + 1}`, codes: top.codes, keywords: top.keywords, technologies: [], products: top.products, sortOrder: 100 + n });
  }
  if (rows.length) await ctx.db.insert(chainLinks).values(rows);
  if (i >= ref.length) {
    const edges = await ctx.db.select().from(chainEdges).where(eq(chainEdges.chainId, source.id));
    if (edges.length) await ctx.db.insert(chainEdges).values(edges.map((e) => ({ chainId: id, fromLinkId: ids.get(e.fromLinkId)!, toLinkId: ids.get(e.toLinkId)! }))).onConflictDoNothing();
  }
}
const chainIds = (await ctx.db.select({ id: chains.id }).from(chains).orderBy(chains.sortOrder)).map((c) => c.id).slice(0, CHAINS);
const linkCount = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(chainLinks).where(inArray(chainLinks.chainId, chainIds)))[0].n;

// Organisations at links: suggestions for every chain (timed separately).
let started = performance.now();
let attached = 0;
for (const id of chainIds) attached += (await suggestOrgs(ctx, id)).suggested;
const suggestS = (performance.now() - started) / 1000;
console.log(`${orgs} organisations, ${chainIds.length} chains, ${linkCount} links; suggestions: ${attached} organisation places in ${suggestS.toFixed(1)} s`);

async function analyseAll() {
  const year = await latestFiscalYear(ctx.db);
  const [links, edges, aggs] = await Promise.all([
    ctx.db.select().from(chainLinks).where(inArray(chainLinks.chainId, chainIds)),
    ctx.db.select().from(chainEdges).where(inArray(chainEdges.chainId, chainIds)),
    linkAggregates(ctx, chainIds, 'all', year),
  ]);
  const byLink = new Map(aggs.map((a) => [a.linkId, a]));
  let scored = 0;
  for (const id of chainIds) scored += scoreLinks(links.filter((l) => l.chainId === id && !l.deletedAt), edges.filter((e) => e.chainId === id), byLink).length;
  return scored;
}

async function baseline() {
  const year = await latestFiscalYear(ctx.db);
  await ctx.db.execute(sql`select count(*), sum(revenue), sum(rd_expense) from org_facts where fiscal_year = ${year ?? 0}`);
}

const runs = 5;
const time = async (fn: () => Promise<unknown>) => {
  await fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
};
const ours = await time(analyseAll);
const base = await time(baseline);
console.log(`analysis of ${chainIds.length} chains × ${Math.round(linkCount / chainIds.length)} links (indicators, strength, class, recommendation): median ${ours.toFixed(0)} ms (target ≤ 1000 ms)`);
console.log(`baseline, one aggregate over the same year's facts of ${orgs} organisations: median ${base.toFixed(0)} ms; ratio ${(ours / base).toFixed(1)}×`);
await database.close();
