// The stored batch evaluation (`luchuang evaluate`, the first start's evaluation): every
// organisation against every tier as of a date, read → evaluate → write, against a same-run
// baseline that only reads the facts the same way. Prints each phase's wall and CPU seconds,
// the rows written and the bytes the tables grew by, with the load average.
//
//   npx tsx bench/evaluate.ts [--orgs 100000] [--pg]
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { rows } from '../src/server/db.ts';
import { factsDocOf, orgBundleChunks, orgDocTextChunks } from '../src/modules/registry/registry.service.ts';
import { evaluateOrgs } from '../src/modules/cultivation/cultivation.service.ts';
import { currentRulesets } from '../src/modules/rules/rules.service.ts';
import { evaluateAll } from '../src/rules/index.ts';
import { explained } from '../src/rules/engine.ts';
import { evaluateChunk } from '../src/modules/cultivation/cultivation.rows.ts';
import { systemCtx } from '../src/server/platform.ts';
import { arg, benchDatabase } from './common.ts';

const orgs = arg('orgs', 100_000);
const { database, config } = await benchDatabase(orgs);
const ctx = systemCtx(config, database);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(`${label.padEnd(44)} ${wall.toFixed(1).padStart(7)} s wall ${cpu.toFixed(1).padStart(7)} s CPU   load ${load()}`);
  return { wall, cpu, value };
}

const size = async () => (await rows<{ a: number; f: number }>(database.db, sql`select pg_total_relation_size('assessments')::float8 as a, pg_total_relation_size('facts_snapshots')::float8 as f`))[0];
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
// Fresh dates: a re-run replaces rows (updates, dead tuples) and would not measure the first write.
const [first, second] = ['2026-06-30', '2026-07-31'];
await database.db.execute(sql`delete from assessments where as_of in (${first}, ${second})`);
await database.db.execute(sql`delete from evaluation_runs where as_of in (${first}, ${second})`);
await database.db.execute(sql`delete from facts_snapshots`);
if (database.kind === 'postgresql') await database.db.execute(sql`vacuum full assessments, facts_snapshots`);

console.log(`${orgs} organisations, ${database.kind}`);
const rulesets = await currentRulesets(ctx);
const baseline = await timed('baseline: read every organisation\'s facts', async () => {
  let n = 0;
  for await (const chunk of orgDocTextChunks(ctx, 2_000)) n += chunk.map((d) => JSON.parse(d.doc)).length;
  return n;
});
const readEval = await timed('read + evaluate in this thread (no write)', async () => {
  let n = 0;
  for await (const chunk of orgDocTextChunks(ctx, 2_000)) n += evaluateChunk(chunk, first, rulesets).count;
  return n;
});
const s0 = await size();
const full = await timed(`stored evaluation as of ${first}`, () => evaluateOrgs(ctx, first));
const s1 = await size();
const again = await timed(`stored evaluation as of ${second} (same facts)`, () => evaluateOrgs(ctx, second));
const s2 = await size();

// What the rows stored before (the full explained result) would weigh, on a sample.
const [sample] = await (async () => { for await (const c of orgBundleChunks(ctx, 1_000)) return [c]; return [[]]; })();
const results = sample.flatMap((b) => evaluateAll(factsDocOf(b), first, undefined, rulesets));
const fullBytes = results.reduce((s, r) => s + JSON.stringify(explained(r)).length, 0) / results.length;
const [avgRow] = await rows<{ row: number; snap: number }>(database.db, sql`select (select avg(pg_column_size(a.*)) from assessments a where as_of = ${first})::float8 as row,
  (select avg(pg_column_size(s.*)) from facts_snapshots s)::float8 as snap`);

const evaluate = readEval.wall - baseline.wall;
console.log(`\nrows ${full.value.evaluations} (${full.value.organisations} organisations × ${rulesets.length} tiers)`);
console.log(`read ${baseline.wall.toFixed(1)} s, evaluate ≈ ${evaluate.toFixed(1)} s (read+evaluate − read; ${(full.value.evaluations / evaluate).toFixed(0)} evaluations/s), stored − read+evaluate in one thread ${(full.wall - readEval.wall).toFixed(1)} s (the write, when the run evaluates in this thread too)`);
console.log(`stored evaluation ${full.wall.toFixed(1)} s, ratio ${(full.wall / baseline.wall).toFixed(2)}× the read; second date ${again.wall.toFixed(1)} s, ${(again.wall / baseline.wall).toFixed(2)}×`);
console.log(`bytes: first date assessments +${mb(s1.a - s0.a)}, facts_snapshots +${mb(s1.f - s0.f)}; second date assessments +${mb(s2.a - s1.a)}, facts_snapshots +${mb(s2.f - s1.f)}`);
console.log(`per row ${avgRow.row.toFixed(0)} B (pg_column_size), per snapshot ${avgRow.snap.toFixed(0)} B; a row keeps no result (its replay), whose full explained JSON is ${fullBytes.toFixed(0)} B`);
await database.close();
