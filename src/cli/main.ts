// The `luchuang` command. Commands that open the embedded database refuse to run while a
// server holds it (see server/lock.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.ts';
import { RoleSchema, DistrictSchema, CreateUserSchema } from '../modules/accounts/accounts.schema.ts';
import { createUser } from '../modules/accounts/accounts.service.ts';
import { sealAudit, stopSealing, verifyAudit } from '../modules/audit/audit.service.ts';
import { backupDatabase, restoreDatabase } from '../server/backup.ts';
import { migrateDatabase, schemaVersion } from '../server/db.ts';
import { AppError, toProblem } from '../server/errors.ts';
import type { OpenedDatabase } from '../server/platform.ts';
import type { Ctx } from '../server/context.ts';
import { DEFAULT_SEED, MAX_ORGS } from '../seed/orgs.ts';
import { VERSION } from '../version.ts';

interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const ENV_HELP = `Environment: DATA_DIR (default ./data), DATABASE_URL (PostgreSQL server instead of the embedded database), FILES_DIR (uploads and attachments; default DATA_DIR), PORT, HOST, LOG_LEVEL, LUCHUANG_ADMIN_PASSWORD, SEED_DEMO.`;

// The server, the platform's start-up and the demo seeds load every module: imported when a
// command runs, so that `--help` and usage errors answer at once.
const platform = () => import('../server/platform.ts');

async function withDatabase<T>(fn: (db: OpenedDatabase, config: ReturnType<typeof loadConfig>, ctx: Ctx) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openPlatformDatabase, systemCtx } = await platform();
  const database = await openPlatformDatabase(config);
  try {
    const ctx = systemCtx(config, database);
    const result = await fn(database, config, ctx);
    // What the command recorded joins the audit chain before the process ends.
    await stopSealing(database.db);
    await sealAudit(database.db, ctx.auditKey);
    return result;
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  serve: {
    summary: 'Start the platform (migrates, creates admin, seeds demo data on first start)',
    usage: 'luchuang serve',
    async run() {
      const { serve } = await import('../server/main.ts');
      await serve(loadConfig());
      return -1; // keep running
    },
  },
  migrate: {
    summary: 'Apply database migrations',
    usage: 'luchuang migrate',
    async run() {
      return withDatabase(async (database, _config, ctx) => {
        await migrateDatabase(database);
        console.log(`Schema version ${await schemaVersion(database.db)} (${database.kind}).`);
        return 0;
      });
    },
  },
  seed: {
    summary: 'Migrate, create admin and seed the synthetic demo data: accounts and N organisations (idempotent)',
    usage: `luchuang seed [--orgs N] [--seed S]    (N default SEED_DEMO_ORGS or 5000, at most ${MAX_ORGS}; S default ${DEFAULT_SEED}; same N and S give the same data)`,
    options: { orgs: { type: 'string' }, seed: { type: 'string' } },
    async run(v) {
      const orgsArg = v.orgs as string | undefined;
      if (orgsArg !== undefined && !/^\d+$/.test(orgsArg)) return usageError('--orgs needs a whole number');
      const seedArg = (v.seed as string | undefined) ?? DEFAULT_SEED;
      if (!seedArg.trim()) return usageError('--seed needs a value');
      return withDatabase(async (database, config, ctx) => {
        const count = orgsArg === undefined ? config.seedDemoOrgs : Number(orgsArg);
        if (count > MAX_ORGS) return usageError(`--orgs is at most ${MAX_ORGS}`);
        const { preparePlatform } = await platform();
        const { isDemoPending, seedDemo } = await import('../seed/demo.ts');
        await preparePlatform({ ...config, seedDemo: false }, database, (l) => console.log(l));
        const orgs = { count, seed: seedArg };
        if (!(await isDemoPending(ctx, orgs))) {
          console.log(`Demo data is already seeded (accounts and ${count} organisations with seed ${seedArg}).`);
          return 0;
        }
        let last = 0;
        const tty = process.stderr.isTTY;
        const summary = await seedDemo(ctx, orgs, (done, total) => {
          const now = Date.now();
          if (done !== total && now - last < (tty ? 100 : 2000)) return;
          last = now;
          const pct = total ? Math.floor((done / total) * 100) : 100;
          process.stderr.write(`${tty ? '\r' : ''}seeding organisations ${String(pct).padStart(3)}% ${done}/${total}${tty ? '   ' : '\n'}`);
        });
        if (tty && count > 0) process.stderr.write('\n');
        console.log(`Seeded: ${summary}`);
        return 0;
      });
    },
  },
  'create-user': {
    summary: 'Create a user account',
    usage: 'luchuang create-user --username NAME --role ROLE [--display-name TEXT] [--district D] [--org-id UUID] (--password P | --password-stdin)',
    options: {
      username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' },
      district: { type: 'string' }, 'org-id': { type: 'string' }, password: { type: 'string' }, 'password-stdin': { type: 'boolean' },
    },
    async run(v) {
      const password = v['password-stdin'] ? (await readStdin()).trim() : (v.password as string | undefined);
      const parsed = CreateUserSchema.safeParse({
        username: v.username, role: v.role, displayName: v['display-name'] ?? v.username,
        district: v.district, orgId: v['org-id'], password,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) console.error(`  --${String(i.path[0] ?? '')}: ${i.message}`);
        console.error(`Roles: ${RoleSchema.options.join(', ')}. Districts: ${DistrictSchema.options.join(', ')}.`);
        return 2;
      }
      return withDatabase(async (database, config, ctx) => {
        await migrateDatabase(database);
        const user = await createUser(ctx, parsed.data);
        console.log(`Created ${user.username} (${user.role}); the password must be changed at first login.`);
        return 0;
      });
    },
  },
  evaluate: {
    summary: 'Evaluate every organisation against every tier as of a date (default today) and store the results',
    usage: 'luchuang evaluate [--as-of YYYY-MM-DD]',
    options: { 'as-of': { type: 'string' } },
    async run(v) {
      const asOf = (v['as-of'] as string | undefined) ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) return usageError('--as-of needs a date YYYY-MM-DD');
      const { evaluateOrgs } = await import('../modules/cultivation/cultivation.service.ts');
      return withDatabase(async (database, config, ctx) => {
        await migrateDatabase(database);
        const started = Date.now();
        const r = await evaluateOrgs(ctx, asOf, {
          onProgress: (done) => process.stderr.write(`evaluated ${done} organisations\n`),
        });
        console.log(`Evaluated ${r.organisations} organisations (${r.evaluations} organisation×tier results) as of ${asOf} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        return 0;
      });
    },
  },
  snapshot: {
    summary: "Record today's snapshot of every computed indicator, city-wide and per district (idempotent; the server does it daily)",
    usage: 'luchuang snapshot',
    options: {},
    async run() {
      const jobsService = await import('../modules/jobs/jobs.service.ts');
      const { SNAPSHOT_JOB_KIND, runSnapshotJob } = await import('../modules/indicators/indicators.snapshots.ts');
      return withDatabase(async (database, _config, ctx) => {
        await migrateDatabase(database);
        // The same job the server queues daily, run in the foreground.
        const job = await jobsService.createJob(ctx, { kind: SNAPSHOT_JOB_KIND, fileName: null, params: {} });
        const done = await jobsService.executeJob(ctx, job.id, runSnapshotJob);
        const r = done.result as { day: string; recorded: number; existing: number; failed: string[] } | null;
        if (done.status !== 'succeeded' || !r) {
          console.error(done.error?.en ?? 'The snapshot failed.');
          return 1;
        }
        console.log(`Snapshot of ${r.day}: recorded ${r.recorded} figures, ${r.existing} were already recorded today${r.failed.length ? `; failed: ${r.failed.join(', ')}` : ''}.`);
        return r.failed.length ? 1 : 0;
      });
    },
  },
  backup: {
    summary: 'Write the whole database to FILE (gzip JSON lines; restores on PGlite or PostgreSQL)',
    usage: 'luchuang backup FILE',
    async run(_v, [file]) {
      if (!file) return usageError('backup needs a FILE');
      return withDatabase(async (database, _config, ctx) => {
        const header = await backupDatabase(database, file);
        const rowsTotal = header.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`Backed up ${header.tables.length} tables, ${rowsTotal} rows (schema ${header.schemaVersion}, ${database.kind}) to ${file}.`);
        console.log('Keep the audit key (DATA_DIR/audit.key or LUCHUANG_AUDIT_KEY) with it: audit verification needs it.');
        return 0;
      });
    },
  },
  restore: {
    summary: 'Replace ALL data in the database with FILE (needs --yes)',
    usage: 'luchuang restore FILE --yes',
    options: { yes: { type: 'boolean' } },
    async run(v, [file]) {
      if (!file) return usageError('restore needs a FILE');
      if (!v.yes) return usageError('restore replaces every row of the database; add --yes to confirm');
      return withDatabase(async (database, _config, ctx) => {
        await migrateDatabase(database);
        const header = await restoreDatabase(database, file);
        const rowsTotal = header.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`Restored ${rowsTotal} rows from ${file} (made ${header.createdAt} on ${header.source}).`);
        return 0;
      });
    },
  },
  audit: {
    summary: 'audit verify: check the audit log hash chain',
    usage: 'luchuang audit verify',
    async run(_v, [sub]) {
      if (sub !== 'verify') return usageError('usage: luchuang audit verify');
      return withDatabase(async (database, config, ctx) => {
        const result = await verifyAudit(database.db, ctx.auditKey);
        for (const p of result.problems) console.log(`  #${p.seq} ${p.kind}: ${p.message}`);
        console.log(`${result.ok ? 'OK' : 'FAILED'}: ${result.checked} records checked, ${result.problems.length} problems; head #${result.headSeq} ${result.headHash}`);
        return result.ok ? 0 : 1;
      });
    },
  },
  import: {
    summary: 'Import organisations, yearly facts and qualifications from an xlsx or csv file (all or nothing)',
    usage: 'luchuang import FILE [--dry-run]',
    options: { 'dry-run': { type: 'boolean' } },
    async run(v, [file]) {
      if (!file) return usageError('import needs a FILE (.xlsx, or .csv in UTF-8 or GBK)');
      // Loaded here so that the other commands do not pay for exceljs.
      const { copyFileSync, chmodSync, statSync } = await import('node:fs');
      const { basename } = await import('node:path');
      const jobsService = await import('../modules/jobs/jobs.service.ts');
      const { IMPORT_JOB_KIND, runOrgImport } = await import('../modules/registry/registry.import.ts');
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return usageError(`No such file: ${file}`);
      const dryRun = !!v['dry-run'];
      return withDatabase(async (database, config, ctx) => {
        await migrateDatabase(database);
        // The same job as an upload through the API: the file is copied to FILES_DIR/uploads/<job id>.
        const job = await jobsService.createJob(ctx, { kind: IMPORT_JOB_KIND, fileName: basename(file), params: { dryRun, fileName: basename(file) } });
        jobsService.ensureUploadDir(config);
        const upload = jobsService.uploadPath(config, job.id);
        copyFileSync(file, upload);
        chmodSync(upload, 0o600);
        let last = 0;
        // A terminal gets one redrawn line; a log (CI, a pipe) a line every two seconds.
        const tty = process.stderr.isTTY;
        const done = await jobsService.executeJob(ctx, job.id, runOrgImport, (p) => {
          const now = Date.now();
          if (now - last < (tty ? 100 : 2000)) return;
          last = now;
          const width = 30;
          const filled = p.total ? Math.round((p.done / p.total) * width) : 0;
          const bar = p.total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor((p.done / p.total) * 100)).padStart(3)}%` : '';
          process.stderr.write(`${tty ? '\r' : ''}${p.phase === 'writing' ? 'writing' : 'reading'} ${bar} ${p.done}${p.total ? `/${p.total}` : ' rows'}${tty ? '   ' : '\n'}`);
        });
        if (tty) process.stderr.write('\n');
        const r = jobsService.toJob(done, 'en-US');
        if (r.status === 'failed' || !r.result || !('dryRun' in r.result)) {
          console.error(r.error ?? 'The import failed.');
          return 1;
        }
        const x = r.result;
        const verb = x.dryRun ? 'Dry run, nothing written: would insert' : x.errorCount ? 'Nothing written (the file has errors):' : 'Inserted';
        console.log(`${verb} ${x.inserted} organisations, updated ${x.updated}, unchanged ${x.unchanged}; yearly facts +${x.factsInserted} ~${x.factsUpdated}; qualifications +${x.qualificationsAdded}.`);
        const where = (i: { sheet: string | null; row: number | null; column: string | null }) => [i.sheet, i.row, i.column].filter((p) => p !== null).join(' ') || 'file';
        for (const i of x.errors.slice(0, 50)) console.log(`  error   ${where(i)}: ${i.message}`);
        for (const i of x.warnings.slice(0, 20)) console.log(`  warning ${where(i)}: ${i.message}`);
        if (x.errorCount > 50) console.log(`  … ${x.errorCount} errors in all (GET /api/jobs/${r.id}/errors.xlsx has them).`);
        console.log(`${x.errorCount} errors, ${x.warningCount} warnings (job ${r.id}).`);
        return x.errorCount ? 1 : 0;
      });
    },
  },
};

function usageError(message: string): number {
  console.error(message);
  return 2;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    `luchuang ${VERSION} — 鹭创通 regional S&T innovation service platform`,
    '',
    'Usage: luchuang <command> [options]     (luchuang <command> --help for details)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    ENV_HELP,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return 0;
  }
  if (name === '--version') {
    console.log(VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${mainHelp()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    return usageError(`${(e as Error).message}\nUsage: ${command.usage}`);
  }
  if (parsed.values.help) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}\n\n${ENV_HELP}`);
    return 0;
  }
  try {
    return await command.run(parsed.values, parsed.positionals);
  } catch (e) {
    if (e instanceof AppError) {
      const p = toProblem(e, 'en-US');
      console.error(`${p.code}: ${p.detail}${p.errors ? `\n${p.errors.map((x) => `  ${x.path}: ${x.message}`).join('\n')}` : ''}`);
      return 1;
    }
    console.error((e as Error).message);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
