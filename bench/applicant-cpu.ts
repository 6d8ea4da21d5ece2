// CPU time and database round trips per applicant action, one request at a time in process
// (light-my-request, no sockets, no load generator on the same cores): what one app node's core
// can serve at a call deadline. Same-run baseline: GET /api/health, the whole stack with one
// query and no session. The audit sealing that follows each write by ~20 ms is counted in
// whichever request is running then (under load one sealing serves many writes).
//   npx tsx bench/applicant-cpu.ts [--pg] [--orgs 100000] [--rounds 100]
// Reads the database bench/load.ts builds (luchuang_load_N on PostgreSQL with --pg, or
// $TMPDIR/luchuang-load-N) and signs in as its first applicant; run bench/load.ts once first.
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { openPlatformDatabase } from '../src/server/platform.ts';
import { arg, ON_PG, PG_ADMIN_URL } from './common.ts';

const orgs = arg('orgs', 100_000);
const rounds = arg('rounds', 100);
const dataDir = join(tmpdir(), `luchuang-load-${orgs}${ON_PG ? '-pg' : ''}`);
const url = new URL(PG_ADMIN_URL);
url.pathname = `/luchuang_load_${orgs}`;
if (!ON_PG && !existsSync(dataDir)) throw new Error(`${dataDir} does not exist: run npx tsx bench/load.ts --orgs ${orgs} first`);
const config = loadConfig({
  DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production',
  LUCHUANG_AUDIT_KEY: 'load-bench-key-load-bench-key-load-bench', ...(ON_PG ? { DATABASE_URL: url.toString() } : {}),
});

// Round trips to the database: every query a pg client sends (PostgreSQL only).
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const database = await openPlatformDatabase(config);
const app = await buildApp(config, { database, serveWeb: false });
await app.ready();
const cookies = (r: { cookies: { name: string; value: string }[] }) => r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const session = await app.inject({ url: '/api/auth/session' });
const login = await app.inject({
  method: 'POST', url: '/api/auth/login', headers: { cookie: cookies(session), 'x-csrf-token': session.json().csrfToken },
  payload: { username: 'bench_applicant_0001', password: DEMO_PASSWORD },
});
if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body} (run bench/load.ts first)`);
const headers = { cookie: cookies(login), 'x-csrf-token': login.json().csrfToken };

// The deadline call of bench/load.ts: open, no attachment to upload, no eligibility condition.
type Call = { id: string; window?: string; eligibility?: string; form: { fields: { key: string }[]; budgetCategories: { key: string }[]; requiredAttachments: string[] } };
let call: Call | undefined;
for (const c of (await app.inject({ url: '/api/public/calls' })).json() as Call[]) {
  if (c.window !== 'open') continue;
  const d = (await app.inject({ url: `/api/public/calls/${c.id}` })).json() as Call;
  if (!d.form.requiredAttachments.length && d.form.budgetCategories.length && !d.eligibility?.trim()) call = d;
}
if (!call) throw new Error('no open call without attachments and eligibility condition');
const field = call.form.fields[0]?.key;
const category = call.form.budgetCategories[0].key;

const samples: Record<string, { cpu: number[]; queries: number[] }> = {};
async function measured(label: string, send: () => Promise<{ statusCode: number; body: string }>) {
  const q0 = queries;
  const c0 = process.cpuUsage();
  const res = await send();
  const c = process.cpuUsage(c0);
  const s = (samples[label] ??= { cpu: [], queries: [] });
  s.cpu.push((c.user + c.system) / 1000);
  s.queries.push(queries - q0);
  if (res.statusCode >= 300) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

console.log(`${rounds} rounds on ${ON_PG ? 'PostgreSQL' : 'PGlite'} (${orgs} organisations), one request at a time; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (let i = 0; i < rounds; i++) {
  await measured('baseline: GET /api/health', () => app.inject({ url: '/api/health' }));
  const created = await measured('start draft', () => app.inject({ method: 'POST', url: '/api/programmes/applications', headers, payload: { callId: call.id, title: `CPU 测量（合成）${i}` } }));
  const id = (JSON.parse(created.body) as { id: string }).id;
  await measured('save answers', () => app.inject({ method: 'PATCH', url: `/api/programmes/applications/${id}`, headers, payload: { answers: field ? { [field]: '测量用文本（合成数据）。' } : {} } }));
  await measured('save budget', () => app.inject({ method: 'PATCH', url: `/api/programmes/applications/${id}`, headers, payload: { budget: [{ category, requestedFen: 10_000_000, selfFen: 10_000_000 }] } }));
  await measured('open application', () => app.inject({ url: `/api/programmes/applications/${id}`, headers }));
  await measured('submit', () => app.inject({ method: 'POST', url: `/api/programmes/applications/${id}/submit`, headers }));
}

// The second half of the rounds, after the JIT has warmed up.
const median = (xs: number[]) => {
  const w = xs.slice(Math.floor(xs.length / 2)).sort((a, b) => a - b);
  return w[Math.floor(w.length / 2)];
};
const base = median(samples['baseline: GET /api/health'].cpu);
for (const [label, s] of Object.entries(samples)) {
  const cpu = median(s.cpu);
  console.log(`${label.padEnd(28)} CPU ${cpu.toFixed(2).padStart(6)} ms (median)  ${ON_PG ? `${median(s.queries)} queries  ` : ''}ratio ${(cpu / base).toFixed(1)}×  → at most ${Math.floor(1000 / cpu)}/s per core`);
}
const actions = Object.keys(samples).filter((k) => !k.startsWith('baseline'));
const mean = actions.reduce((sum, k) => sum + median(samples[k].cpu), 0) / actions.length;
console.log(`an applicant's request: ${mean.toFixed(2)} ms CPU on average → one app node core serves at most ~${Math.floor(1000 / mean)} such requests a second`);
await app.close();
await database.close();
