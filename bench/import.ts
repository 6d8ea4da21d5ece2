// Import of N organisations with three years of facts from xlsx, against a bulk insert of the
// same records (baseline), each in its own process so peak memory is its own.
//   npx tsx bench/import.ts [--orgs 100000] [--pg]
// With --pg both phases write into a fresh database on the local PostgreSQL server (dropped
// afterwards), so the peak memory is the app's alone: PGlite's would include the database's.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { loadConfig } from '../src/config.ts';
import { createJob, ensureUploadDir, executeJob, uploadPath } from '../src/modules/jobs/jobs.service.ts';
import { bulkUpsertOrgs } from '../src/modules/registry/registry.bulk.ts';
import { IMPORT_JOB_KIND, runOrgImport } from '../src/modules/registry/registry.import.ts';
import { exportOrgs } from '../src/modules/registry/registry.io.ts';
import { OrgListQuerySchema } from '../src/modules/registry/registry.schema.ts';
import { migrateDatabase, openDatabase } from '../src/server/db.ts';
import { systemCtx } from '../src/server/platform.ts';
import { generateOrgs } from '../src/seed/orgs.ts';
import { arg, benchDatabase, ON_PG, PG_ADMIN_URL } from './common.ts';

const orgs = arg('orgs', 100_000);
const phase = process.argv.includes('--phase') ? process.argv[process.argv.indexOf('--phase') + 1] : 'main';
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 1536;

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function freshPlatform() {
  const dataDir = mkdtempSync(join(tmpdir(), 'luchuang-bench-import-'));
  let databaseUrl: string | undefined;
  const pgName = `luchuang_bench_import_${process.pid}`;
  if (ON_PG) {
    await adminQuery(`create database ${pgName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${pgName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', LUCHUANG_AUDIT_KEY: 'bench-key-bench-key-bench-key-bench-key', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const database = await openDatabase({ dataDir, databaseUrl });
  await migrateDatabase(database);
  const close = async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (ON_PG) await adminQuery(`drop database ${pgName}`);
  };
  return { dataDir, config, database, ctx: systemCtx(config, database), close };
}

function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU seconds of this process since `from`: next to wall time, it shows what a shared machine's load did. */
function cpuSeconds(from: NodeJS.CpuUsage) {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

if (phase === 'baseline') {
  const p = await freshPlatform();
  const records = generateOrgs({ count: orgs, seed: '1' });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await p.database.db.transaction((tx) => bulkUpsertOrgs(tx, p.ctx, records, { kind: 'import', ref: 'bench' }));
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  await p.close();
  console.log(JSON.stringify({ seconds, cpuS, rssMb: peakRssMb() }));
} else if (phase === 'import') {
  const file = process.argv[process.argv.indexOf('--file') + 1];
  const p = await freshPlatform();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const job = await createJob(p.ctx, { kind: IMPORT_JOB_KIND, fileName: 'bench.xlsx', params: { dryRun: false, fileName: 'bench.xlsx' } });
  ensureUploadDir(p.config);
  copyFileSync(file, uploadPath(p.config, job.id));
  const done = await executeJob(p.ctx, job.id, runOrgImport);
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  const result = done.result as { inserted: number; factsInserted: number; errorCount: number } | null;
  await p.close();
  console.log(JSON.stringify({ seconds, cpuS, rssMb: peakRssMb(), status: done.status, inserted: result?.inserted, factsInserted: result?.factsInserted, errors: result?.errorCount }));
} else {
  // The file to import: the export of a database of N synthetic organisations.
  const file = join(tmpdir(), `luchuang-bench-${orgs}.xlsx`);
  if (!existsSync(file)) {
    const { database, config } = await benchDatabase(orgs);
    const started = performance.now();
    const out = createWriteStream(file);
    await exportOrgs(systemCtx(config, database), OrgListQuerySchema.parse({}), out);
    await finished(out);
    await database.close();
    console.log(`exported ${orgs} organisations to ${file} (${(statSync(file).size / 2 ** 20).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.ts', '--orgs', String(orgs), ...(ON_PG ? ['--pg'] : []), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  };
  const baseline = run(['--phase', 'baseline']);
  const imported = run(['--phase', 'import', '--file', file]);
  console.log(`\nimport of ${orgs} organisations with 3 fiscal years of facts (${ON_PG ? 'PostgreSQL' : 'PGlite'}); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`baseline: bulk insert of the same records   ${baseline.seconds.toFixed(1).padStart(6)} s (CPU ${baseline.cpuS.toFixed(1)} s)   peak RSS ${baseline.rssMb.toFixed(0)} MB`);
  console.log(`xlsx import (parse, validate, write)       ${imported.seconds.toFixed(1).padStart(6)} s (CPU ${imported.cpuS.toFixed(1)} s)   peak RSS ${imported.rssMb.toFixed(0)} MB   ${imported.status}, ${imported.inserted} orgs, ${imported.factsInserted} fact rows, ${imported.errors} errors`);
  console.log(`ratio import/baseline: time ${(imported.seconds / baseline.seconds).toFixed(2)}×, CPU ${(imported.cpuS / baseline.cpuS).toFixed(2)}×, memory ${(imported.rssMb / baseline.rssMb).toFixed(2)}×`);
  console.log(`target ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_RSS_MB} MB: ${imported.seconds <= TARGET_SECONDS && imported.rssMb <= TARGET_RSS_MB ? 'MEETS' : 'MISSES'}`);
}
