// Policy benefits at city scale (issue 5, item 8):
// 1. the 免申即享 auto-grant list for one benefit over N organisations (default 100,000), target
//    ≤ 2 s, against same-run baselines that only read what the batch reads, the same way
//    (orgBundleChunks): every fact for an authored benefit, the fiscal year's NATIONAL_FACTS for
//    a national one (the floor any evaluation pays);
// 2. the calculator for one organisation (`GET /api/orgs/{uscc}/benefits`) at a steady 200
//    requests/s, target p99 ≤ 20 ms, against a bare Fastify route at the same rate, then the
//    highest rate that still meets it.
//   npx tsx bench/policies.ts [--orgs 100000] [--seconds 10] [--pg] [--only grants|calculator]
// The bench publishes the draft policy "xm-innovation-measures" and its two authored benefits in
// its own cached database (never in a real one), so one benefit with dependencies is measured too.
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { rows } from '../src/server/db.ts';
import { factsDocOf, keysOf, orgBundleChunks, type FactsProjection } from '../src/modules/registry/registry.service.ts';
import { NATIONAL_FACTS, NATIONAL_QUALIFICATIONS } from '../src/modules/policies/national.ts';
import { fiscalYearOf } from '../src/modules/policies/variables.ts';
import { runBatch, withDependencies } from '../src/modules/policies/autogrant.service.ts';
import { ensurePolicyLibrary } from '../src/modules/policies/library.ts';
import { factsRead, loadBenefits, patchPolicy, publishBenefitVersion } from '../src/modules/policies/policies.service.ts';
import { systemCtx } from '../src/server/platform.ts';
import { arg, benchDatabase, maxRate, ON_PG, report, startBare, startPlatform, steadyLoad } from './common.ts';

const orgs = arg('orgs', 100_000);
const seconds = arg('seconds', 10);
const BATCH_TARGET_MS = 2_000;
const CALC_TARGET_P99_MS = 20;
const AS_OF = '2026-06-01';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const avg = () => loadavg().map((x) => x.toFixed(1)).join(' ');

// ---- 1. auto-grant lists, in process ----
const { database, config } = await benchDatabase(orgs);
const ctx = systemCtx(config, database);
await ensurePolicyLibrary(ctx);
const [{ status }] = await rows<{ status: string }>(ctx.db, sql`select status from policies where slug = 'xm-innovation-measures'`);
if (status !== 'published') {
  await patchPolicy(ctx, 'xm-innovation-measures', { status: 'published' });
  for (const code of ['xm_rd_subsidy_large', 'xm_rd_subsidy']) await publishBenefitVersion(ctx, code, 1);
}
const usccs = (await rows<{ uscc: string }>(ctx.db, sql`select uscc from orgs where kind = 'enterprise' order by id limit 500`)).map((r) => r.uscc);

console.log(`\n${orgs} organisations on ${ON_PG ? 'PostgreSQL' : 'PGlite'}; load average ${avg()} on ${cpus().length} cores`);
if (only !== 'calculator') await grantLists();
await database.close();
if (only !== 'grants') await calculatorRuns();

async function grantLists() {
  // Warm up the JIT and the database's caches with one pass.
  await runBatch(ctx, 'rd_super_deduction', AS_OF);
  const timed = async <T>(fn: () => Promise<T>) => { const t = performance.now(); const value = await fn(); return { value, ms: performance.now() - t }; };
  // Floors: reading every fact (what an authored benefit that reads a tier reads), the fiscal
  // year's NATIONAL_FACTS (what a national benefit's batch reads), and below what an authored one reads.
  const read = (chunk: number, only?: FactsProjection) => timed(async () => {
    let n = 0;
    for await (const bundles of orgBundleChunks(ctx, chunk, only)) for (const b of bundles) { factsDocOf(b); n++; }
    return n;
  });
  const all = await read(2_000);
  console.log(`baseline: read every organisation's facts ${all.value} orgs in ${all.ms.toFixed(0)} ms`);
  const few = await read(25_000, { years: [fiscalYearOf(AS_OF)], keys: NATIONAL_FACTS, qualifications: NATIONAL_QUALIFICATIONS });
  console.log(`baseline: read every organisation's ${NATIONAL_FACTS.length} national facts and 2 qualifications of FY${fiscalYearOf(AS_OF)} ${few.value} orgs in ${few.ms.toFixed(0)} ms`);
  // An authored benefit's batch reads its variables' facts and its dependencies' (factsRead).
  const xmOnly = factsRead(withDependencies(await loadBenefits(ctx, AS_OF), 'xm_rd_subsidy'), fiscalYearOf(AS_OF))!;
  const xm = await read(25_000, xmOnly);
  const facts = xmOnly.years.map((y) => `${keysOf(xmOnly, y).length} of FY${y}`).join(', ');
  console.log(`baseline: read what xm_rd_subsidy reads (facts: ${facts}; ${xmOnly.qualifications?.length ?? 'all'} qualifications) ${xm.value} orgs in ${xm.ms.toFixed(0)} ms`);
  for (const code of ['rd_super_deduction', 'hnte_rate', 'xm_rd_subsidy']) {
    const base = code.startsWith('xm_') ? xm : few;
    const { value: b, ms } = await timed(() => runBatch(ctx, code, AS_OF));
    console.log(`auto-grant ${code.padEnd(20)} ${String(b.organisations).padStart(6)} granted of ${b.evaluated} in ${ms.toFixed(0).padStart(5)} ms (evaluation ${b.evaluatedMs} ms)  ratio ${(ms / base.ms).toFixed(2)}× its read  ${ms <= BATCH_TARGET_MS ? 'MEETS' : 'MISSES'} ≤ ${BATCH_TARGET_MS} ms`);
  }
}

// ---- 2. the calculator over HTTP ----
async function calculatorRuns() {
  const platform = await startPlatform(orgs);
  const bare = await startBare();
  const paths = usccs.map((u) => `/api/orgs/${u}/benefits?year=2025`);
  for (const p of paths.slice(0, 50)) {
    const r = await fetch(platform.base + p, { headers: { cookie: platform.cookie } });
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${await r.text()}`);
  }
  // Warm-up at the measured rate until the server is in its steady state: the first major garbage
  // collection after start-up (the read model of N organisations is ~300 MB at 100,000) comes
  // 25–35 s after start and, with its marking threads on the same 2 cores, held requests up to
  // 450 ms; a 3 s warm-up measured it, a 15 s one lets it pass (p99 8 ms against 400 ms).
  await steadyLoad(platform.base, paths, { rate: 200, seconds: 15, cookie: platform.cookie });
  console.log(`\ncalculator, ${seconds} s per run, requests evenly spaced; load average ${avg()}`);
  const bareRun = await steadyLoad(bare.base, ['/baseline'], { rate: 200, seconds });
  report('baseline: bare Fastify route', bareRun);
  const calc = await steadyLoad(platform.base, paths, { rate: 200, seconds, cookie: platform.cookie });
  report('calculator /api/orgs/{uscc}/benefits', calc, bareRun);
  const best = await maxRate((rate) => steadyLoad(platform.base, paths, { rate, seconds, cookie: platform.cookie }), [25, 50, 100, 150, 200, 300, 400], CALC_TARGET_P99_MS, 'calculator');
  console.log(`\ncalculator: ${calc.errors === 0 && calc.non2xx === 0 && calc.p99 <= CALC_TARGET_P99_MS ? 'MEETS' : 'MISSES'} p99 ≤ ${CALC_TARGET_P99_MS} ms at 200/s; highest passing rate ${best?.rate ?? 'none'}/s`);
  await bare.stop();
  await platform.close();
}
