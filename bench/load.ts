// A realistic mix against the platform started in this process with the demo data: public
// policy and call browsing, the enterprise calculator and digital health check, applicants
// starting, saving and submitting applications near a deadline, staff lists (and exports).
// Every route group runs at the same time in its own worker thread (bench/load-worker.ts), so
// load generation does not share the server's event loop. Each user is a keep-alive connection
// of its own, closed loop with a think time (default 1 s ± 50 %), so N applicants offer about
// N / (think + latency) requests a second; bounded in time, loopback only. Then a bare Fastify
// route (bench/bare-server.mjs) gets the same users with the same think time.
//
//   npx tsx bench/load.ts [--pg] [--orgs 5000] [--seconds 20] [--applicants 300 | 50,100,200,300,400]
//                         [--think 1000] [--exports 0]
//
// Applicants are real org_user accounts of distinct organisations (bench_applicant_NNNN, created
// once in the bench database); each step of --applicants logs them in and deletes the bench
// applicants' applications of the previous step first. With --pg the database is
// luchuang_load_N on the local PostgreSQL server (BENCH_PG_URL), built once with the demo data.
//
// Prints, per step: throughput and p50/p99 per route group and per applicant action, errors and
// non-2xx, peak RSS of this process (server plus load threads), the load average, and the ratio
// to the bare route.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { and, eq, like, notInArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { users } from '../src/modules/accounts/accounts.schema.ts';
import { createUser } from '../src/modules/accounts/accounts.service.ts';
import { orgs as orgsTable } from '../src/modules/registry/registry.schema.ts';
import { DEMO_ORG_IDS, DEMO_PASSWORD } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { rows } from '../src/server/db.ts';
import { openPlatformDatabase, preparePlatform, systemCtx } from '../src/server/platform.ts';
import { arg, ON_PG, PG_ADMIN_URL, startBare } from './common.ts';

// What the worker (bench/load-worker.mjs, plain JavaScript: worker threads do not get tsx) takes and gives back.
interface Req { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: string; label?: string }
interface User { headers: Record<string, string>; requests?: Req[]; applicant?: { callId: string; budgetCategory: string; fieldKey: string | null } }
interface GroupJob { base: string; name: string; users: User[]; thinkMs: number; seconds: number }
interface GroupResult { name: string; users: number; latencies: Record<string, number[]>; errors: number; non2xx: number; firstFailures: string[] }

const orgs = arg('orgs', 5000);
const seconds = arg('seconds', 20);
const thinkMs = arg('think', 1000);
const steps = (process.argv[process.argv.indexOf('--applicants') + 1] && process.argv.includes('--applicants')
  ? process.argv[process.argv.indexOf('--applicants') + 1] : '300').split(',').map(Number);
/** --exports 1 adds one staff user exporting the registry and the reserve list (they hold the event loop; see bench/README.md). */
const withExports = arg('exports', 0) > 0;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const la = () => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`load average at start: ${la()}`);
let databaseUrl: string | undefined;
if (ON_PG) {
  const name = `luchuang_load_${orgs}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}
const dataDir = join(tmpdir(), `luchuang-load-${orgs}${ON_PG ? '-pg' : ''}`);
const config = loadConfig({
  DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'true',
  SEED_DEMO_ORGS: String(orgs), LUCHUANG_AUDIT_KEY: 'load-bench-key-load-bench-key-load-bench', LUCHUANG_ADMIN_PASSWORD: DEMO_PASSWORD,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(process.argv.includes('--pool') ? { DATABASE_POOL_SIZE: String(arg('pool', 10)) } : {}),
});
const prepStarted = Date.now();
const database = await openPlatformDatabase(config);
await preparePlatform(config, database, (line) => console.log(line));

// Applicant accounts: org_user of distinct synthetic enterprises (not the demo organisations), once.
const ctx = systemCtx(config, database);
const wanted = Math.max(...steps);
const have = await database.db.select({ username: users.username }).from(users).where(like(users.username, 'bench_applicant_%'));
if (have.length < wanted) {
  const taken = (await database.db.select({ orgId: users.orgId }).from(users).where(eq(users.role, 'org_user'))).map((u) => u.orgId!);
  const free = await database.db.select({ id: orgsTable.id }).from(orgsTable)
    .where(and(eq(orgsTable.synthetic, true), eq(orgsTable.kind, 'enterprise'), notInArray(orgsTable.id, [...taken, DEMO_ORG_IDS.first, DEMO_ORG_IDS.second])))
    .orderBy(orgsTable.uscc).limit(wanted - have.length);
  for (const [i, o] of free.entries()) {
    const n = String(have.length + i + 1).padStart(4, '0');
    await createUser(ctx, { username: `bench_applicant_${n}`, displayName: `压测申报人 ${n}（合成）`, role: 'org_user', orgId: o.id, password: DEMO_PASSWORD }, { mustChangePassword: false });
  }
  console.log(`created ${free.length} applicant accounts of distinct organisations`);
}
console.log(`prepared ${databaseUrl ?? dataDir} in ${((Date.now() - prepStarted) / 1000).toFixed(1)} s`);
const app = await buildApp(config, { database, serveWeb: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;

interface Session { cookie: string; csrf: string }

async function login(username: string): Promise<Session> {
  const s = await fetch(`${base}/api/auth/session`);
  const csrfCookie = s.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await s.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: csrfCookie },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken };
}
const auth = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

// ---- arrange: sessions and the open call the applicants apply to ----
const staff = await login('demo_bureau');
const applicantNames = (await database.db.select({ username: users.username }).from(users).where(like(users.username, 'bench_applicant_%')).orderBy(users.username)).map((u) => u.username).slice(0, wanted);
// Sessions are kept for the next run (logging 400 users in costs a minute of password hashing);
// a kept one that no longer works is replaced.
const sessionsFile = join(dataDir, 'bench-sessions.json');
const kept = (existsSync(sessionsFile) ? JSON.parse(readFileSync(sessionsFile, 'utf8')) : {}) as Record<string, Session>;
const applicantSessions: Session[] = [];
for (let i = 0; i < applicantNames.length; i += 8) {
  applicantSessions.push(...await Promise.all(applicantNames.slice(i, i + 8).map(async (name) => {
    const k = kept[name];
    if (k && (await fetch(`${base}/api/programmes/prefill`, { headers: { cookie: k.cookie } })).status === 200) return k;
    return (kept[name] = await login(name));
  })));
}
writeFileSync(sessionsFile, JSON.stringify(kept));
console.log(`${applicantSessions.length} applicants signed in`);

type PublicCall = { id: string; window?: string; eligibility?: string; form: { fields: { key: string; required?: boolean }[]; budgetCategories: { key: string }[]; requiredAttachments: string[] } };
const calls = (await (await fetch(`${base}/api/public/calls`)).json()) as { id: string; window?: string }[];
const open = calls.filter((c) => c.window === 'open');
const details = await Promise.all(open.map(async (c) => (await (await fetch(`${base}/api/public/calls/${c.id}`)).json()) as PublicCall));
// The deadline call: open, no attachment to upload and no eligibility condition (a condition is evaluated per submission, see the README).
const deadline = details.find((c) => !c.form.requiredAttachments.length && c.form.budgetCategories.length && !c.eligibility?.trim());
if (!deadline) throw new Error('the demo data has no open call without required attachments');
const policies = (await (await fetch(`${base}/api/policies`)).json()) as { items?: { id: string }[] } | { id: string }[];
const policyIds = (Array.isArray(policies) ? policies : policies.items ?? []).map((p) => p.id).slice(0, 5);
const calcBody = JSON.stringify({ year: 2025, facts: { org: { kind: 'enterprise' } } });

interface Group { name: string; users: User[]; thinkMs: number }
function mix(applicants: number): Group[] {
  const enterprise = (i: number) => auth(applicantSessions[i % applicantSessions.length]);
  const publicRequests: Req[] = [
    { method: 'GET', path: '/api/policies' },
    { method: 'GET', path: `/api/policies?q=${encodeURIComponent('研发')}` },
    ...policyIds.map((id): Req => ({ method: 'GET', path: `/api/policies/${id}` })),
    { method: 'GET', path: '/api/public/calls' },
    ...open.map((c): Req => ({ method: 'GET', path: `/api/public/calls/${c.id}` })),
    { method: 'GET', path: '/api/benefits' },
  ];
  const staffRequests: Req[] = [
    { method: 'GET', path: '/api/orgs?pageSize=50' },
    { method: 'GET', path: `/api/orgs?q=${encodeURIComponent('科技')}&pageSize=50` },
    { method: 'GET', path: `/api/programmes/applications?callId=${deadline!.id}&status=submitted` },
    { method: 'GET', path: '/api/funds' },
    { method: 'GET', path: '/api/cultivation/funnel' },
  ];
  return [
    { name: 'public browsing', thinkMs, users: Array.from({ length: 30 }, () => ({ headers: {}, requests: publicRequests })) },
    {
      name: 'enterprise calculator + health', thinkMs, users: Array.from({ length: 10 }, (_, i) => ({
        headers: enterprise(i),
        requests: [{ method: 'POST', path: '/api/benefits/calculate', body: calcBody }, { method: 'GET', path: '/api/digital/questionnaires' }, { method: 'GET', path: '/api/health' }] as Req[],
      })),
    },
    {
      name: 'applicants', thinkMs, users: applicantSessions.slice(0, applicants).map((s) => ({
        headers: auth(s),
        applicant: { callId: deadline!.id, budgetCategory: deadline!.form.budgetCategories[0].key, fieldKey: deadline!.form.fields.find((f) => f.required)?.key ?? null },
      })),
    },
    { name: 'staff lists', thinkMs: thinkMs * 2, users: Array.from({ length: 5 }, () => ({ headers: auth(staff), requests: staffRequests })) },
    ...(withExports ? [{
      name: 'staff exports', thinkMs: thinkMs * 5,
      users: [{ headers: auth(staff), requests: [{ method: 'GET', path: '/api/orgs/export.xlsx' }, { method: 'GET', path: '/api/cultivation/reserve.xlsx?ruleset=tech_leader' }] as Req[] }],
    }] : []),
  ];
}

// Preflight: every fixed request once, so that a wrong path or body shows as such and not as load.
for (const g of mix(1)) {
  for (const u of g.users.slice(0, 1)) {
    for (const r of u.requests ?? []) {
      const started = performance.now();
      const res = await fetch(`${base}${r.path}`, { method: r.method, headers: { ...u.headers, ...(r.body ? { 'content-type': 'application/json' } : {}) }, body: r.body });
      const bytes = (await res.arrayBuffer()).byteLength;
      const ms = performance.now() - started;
      if (res.status >= 300 || ms > 100) console.log(`preflight: ${g.name}: ${r.method} ${r.path} → ${res.status}, ${ms.toFixed(0)} ms alone, ${bytes} bytes`);
    }
  }
}

function runGroup(url: string, g: Group): Promise<GroupResult> {
  const job: GroupJob = { base: url, name: g.name, users: g.users, thinkMs: g.thinkMs, seconds };
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
    w.once('message', (m: GroupResult) => resolve(m));
    w.once('error', reject);
  });
}

interface Row { name: string; requests: number; rps: number; p50: number; p99: number; max: number }
function stats(name: string, l: number[]): Row {
  const s = [...l].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { name, requests: s.length, rps: s.length / seconds, p50: q(0.5), p99: q(0.99), max: s.at(-1) ?? 0 };
}
const fmt = (r: Row) => `${r.name.padEnd(34)} reqs ${String(r.requests).padStart(6)}  ${r.rps.toFixed(1).padStart(7)}/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(6)} ms`;

const summary: string[] = [];
for (const applicants of steps) {
  // Each step starts from the same state: none of the bench applicants' applications.
  await rows(database.db, sql`delete from programme_applications where created_by in (select id from users where username like 'bench_applicant_%')`);
  await new Promise((r) => setTimeout(r, 2000));
  const groups = mix(applicants);
  const totalUsers = groups.reduce((n, g) => n + g.users.length, 0);
  peakRss = process.memoryUsage().rss;
  console.log(`\n== ${applicants} applicants (${totalUsers} users in all, think ${thinkMs} ms ± 50 %), ${seconds} s, ${ON_PG ? 'PostgreSQL' : 'PGlite'}, ${orgs} organisations; load average ${la()}`);
  const results = await Promise.all(groups.map((g) => runGroup(base, g)));
  const stepRss = peakRss;
  let all: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let worstP99 = 0;
  for (const r of results) {
    const l = Object.values(r.latencies).flat();
    all = all.concat(l);
    errors += r.errors;
    non2xx += r.non2xx;
    const row = stats(`${r.name} (${r.users} users)`, l);
    worstP99 = Math.max(worstP99, row.p99);
    console.log(`${fmt(row)}  errors ${r.errors}  non-2xx ${r.non2xx}`);
    if (Object.keys(r.latencies).length > 1) for (const [label, l2] of Object.entries(r.latencies)) console.log(`  ${fmt(stats(label, l2))}`);
    for (const f of r.firstFailures) console.log(`  failure: ${f}`);
  }
  const total = stats('platform, all groups', all);
  console.log(`${fmt(total)}  errors ${errors}  non-2xx ${non2xx}`);
  const [submitted] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from programme_applications where status = 'submitted' and created_by in (select id from users where username like 'bench_applicant_%')`);
  console.log(`submitted applications: ${submitted.n}; peak RSS (server + load threads): ${(stepRss / 1024 / 1024).toFixed(0)} MB; load average ${la()}`);

  const bare = await startBare();
  let ratio = '';
  try {
    const b = await runGroup(bare.base, { name: 'bare Fastify route', thinkMs, users: Array.from({ length: totalUsers }, () => ({ headers: {}, requests: [{ method: 'GET', path: '/baseline' }] as Req[] })) });
    const br = stats(`bare Fastify route (${totalUsers} users)`, Object.values(b.latencies).flat());
    console.log(`${fmt(br)}  errors ${b.errors}`);
    ratio = `throughput ${(total.rps / br.rps).toFixed(2)}×, p99 ${(total.p99 / Math.max(br.p99, 0.1)).toFixed(1)}×`;
    console.log(`ratio platform/bare: ${ratio}`);
  } finally {
    await bare.stop();
  }
  const ap = results.find((r) => r.name === 'applicants')!;
  const apRow = stats('applicants', Object.values(ap.latencies).flat());
  summary.push(`${String(applicants).padStart(4)} applicants: all ${total.rps.toFixed(0)}/s p50 ${total.p50.toFixed(0)} ms p99 ${total.p99.toFixed(0)} ms; applicants ${apRow.rps.toFixed(0)}/s p99 ${apRow.p99.toFixed(0)} ms; worst group p99 ${worstP99.toFixed(0)} ms; errors ${errors} non-2xx ${non2xx}; RSS ${(stepRss / 1024 / 1024).toFixed(0)} MB; vs bare ${ratio}; load ${la()}`);
}
console.log(`\nsummary (${ON_PG ? 'PostgreSQL' : 'PGlite'}, ${orgs} organisations, think ${thinkMs} ms):`);
summary.forEach((s) => console.log(s));
clearInterval(sampler);
await app.close();
await database.close();
console.log(`load average at end: ${la()}`);
process.exit(0);
