// A realistic mix against the platform started in this process on PGlite with the demo data:
// public policy and call browsing, the enterprise calculator and digital health check, applicants
// saving drafts near a deadline, staff lists and exports. Every route group runs at the same
// time with its own connections (autocannon in worker threads, so load generation does not share
// the server's event loop), bounded in time and count, loopback only. Then a bare Fastify route
// (bench/bare-server.mjs) gets the same total connections for the same time.
//
//   npx tsx bench/load.ts [--orgs 5000] [--seconds 10] [--scale 1] [--max 20000] [--exports 0]
//
// Prints throughput and p50/p99 per route group, errors and non-2xx, peak RSS of this process
// (server plus load threads) and the ratio to the bare route.
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { openPlatformDatabase, preparePlatform } from '../src/server/platform.ts';
import { arg, startBare } from './common.ts';

const orgs = arg('orgs', 5000);
const seconds = arg('seconds', 10);
const scale = arg('scale', 1);
const maxPerGroup = arg('max', 20_000);
/** --exports 0 leaves the staff exports out (they hold the event loop; see bench/README.md). */
const withExports = arg('exports', 1) > 0;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const dataDir = join(tmpdir(), `luchuang-load-${orgs}`);
const config = loadConfig({
  DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'true',
  SEED_DEMO_ORGS: String(orgs), LUCHUANG_AUDIT_KEY: 'load-bench-key-load-bench-key-load-bench', LUCHUANG_ADMIN_PASSWORD: DEMO_PASSWORD,
});
const prepStarted = Date.now();
const database = await openPlatformDatabase(config);
await preparePlatform(config, database, (line) => console.log(line));
console.log(`prepared ${dataDir} in ${((Date.now() - prepStarted) / 1000).toFixed(1)} s`);
const app = await buildApp(config, { database, serveWeb: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;

interface Session {
  cookie: string;
  csrf: string;
}

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

async function call(s: Session, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

// ---- arrange: sessions, an open call, one draft per applicant organisation ----
const staff = await login('demo_bureau');
const applicants = [await login('demo_org'), await login('demo_org2')];
const calls = (await call(staff, 'GET', '/api/public/calls')).json as { id: string; window?: string }[];
const open = calls.filter((c) => c.window === 'open');
if (!open.length) throw new Error('the demo data has no open call');
const policies = (await (await fetch(`${base}/api/policies`)).json()) as { items?: { id: string }[] } | { id: string }[];
const policyIds = (Array.isArray(policies) ? policies : policies.items ?? []).map((p) => p.id).slice(0, 5);
const drafts: { session: Session; id: string }[] = [];
for (const [i, s] of applicants.entries()) {
  const mine = (await call(s, 'GET', '/api/programmes/applications')).json as { id: string; status: string }[] | { items: { id: string; status: string }[] };
  const list = Array.isArray(mine) ? mine : mine.items;
  let draft = list.find((a) => a.status === 'draft');
  if (!draft) {
    for (const c of open) {
      const created = await call(s, 'POST', '/api/programmes/applications', { callId: c.id, title: `压力测试申报书 ${i + 1}（示例）` });
      if (created.status === 201) {
        draft = created.json;
        break;
      }
    }
  }
  if (!draft) throw new Error(`applicant ${i + 1} could not get a draft`);
  drafts.push({ session: s, id: draft.id });
}
const calcBody = JSON.stringify({ year: 2025, facts: { org: { kind: 'enterprise' } } });

type Req = { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: string; headers?: Record<string, string> };
const json = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });

const groups: { name: string; connections: number; headers?: Record<string, string>; requests: Req[] }[] = [
  {
    name: 'public browsing', connections: 4 * scale,
    requests: [
      { method: 'GET', path: '/api/policies' },
      { method: 'GET', path: `/api/policies?q=${encodeURIComponent('研发')}` },
      ...policyIds.map((id): Req => ({ method: 'GET', path: `/api/policies/${id}` })),
      { method: 'GET', path: '/api/public/calls' },
      ...open.map((c): Req => ({ method: 'GET', path: `/api/public/calls/${c.id}` })),
      { method: 'GET', path: '/api/benefits' },
    ],
  },
  {
    name: 'enterprise calculator + health', connections: 2 * scale,
    requests: [
      { method: 'POST', path: '/api/benefits/calculate', body: calcBody, headers: json(applicants[0]) },
      { method: 'GET', path: '/api/digital/questionnaires', headers: { cookie: applicants[0].cookie } },
      { method: 'GET', path: '/api/health' },
    ],
  },
  {
    name: 'applicants saving drafts', connections: 2 * scale,
    requests: drafts.flatMap((d, i): Req[] => [
      { method: 'PATCH', path: `/api/programmes/applications/${d.id}`, body: JSON.stringify({ title: `压力测试申报书 ${i + 1}（示例）` }), headers: json(d.session) },
      { method: 'GET', path: `/api/programmes/applications/${d.id}`, headers: { cookie: d.session.cookie } },
    ]),
  },
  {
    name: 'staff lists', connections: 2 * scale, headers: { cookie: staff.cookie },
    requests: [
      { method: 'GET', path: '/api/orgs?pageSize=50' },
      { method: 'GET', path: `/api/orgs?q=${encodeURIComponent('科技')}&pageSize=50` },
      { method: 'GET', path: '/api/programmes/applications' },
      { method: 'GET', path: '/api/funds' },
      { method: 'GET', path: '/api/cultivation/funnel' },
    ],
  },
  ...(withExports ? [{
    name: 'staff exports', connections: 1 * scale, headers: { cookie: staff.cookie },
    requests: [{ method: 'GET', path: '/api/orgs/export.xlsx' }, { method: 'GET', path: '/api/cultivation/reserve.xlsx?ruleset=tech_leader' }] as Req[],
  }] : []),
];

// Preflight: every request of the mix once, so that a wrong path or body shows as such and not as load.
for (const g of groups) {
  for (const r of g.requests) {
    const started = performance.now();
    const res = await fetch(`${base}${r.path}`, { method: r.method, headers: { ...g.headers, ...r.headers }, body: r.body });
    const bytes = (await res.arrayBuffer()).byteLength;
    const ms = performance.now() - started;
    if (res.status >= 300 || ms > 100) console.log(`preflight: ${g.name}: ${r.method} ${r.path} → ${res.status}, ${ms.toFixed(0)} ms alone, ${bytes} bytes`);
  }
}

interface Row {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

function run(url: string, g: { name: string; connections: number; headers?: Record<string, string>; requests: Req[] }): Promise<Row> {
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: g.connections, duration: seconds, maxOverallRequests: maxPerGroup, timeout: 30,
      workers: 1, headers: g.headers ?? {}, requests: g.requests,
    }, (err, r) => {
      if (err) return reject(err);
      resolve({
        name: g.name, connections: g.connections, requests: r.requests.total, rps: r.requests.total / (r.duration || seconds),
        p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts, non2xx: r.non2xx,
      });
    });
  });
}

function print(r: Row) {
  console.log(`${r.name.padEnd(32)} conns ${String(r.connections).padStart(3)}  reqs ${String(r.requests).padStart(6)}  ${r.rps.toFixed(1).padStart(7)}/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(6)} ms  errors ${r.errors}  non-2xx ${r.non2xx}`);
}

console.log(`\nmix: ${groups.length} route groups at once for ${seconds} s (at most ${maxPerGroup} requests each), platform on PGlite with ${orgs} demo organisations, port ${port}`);
const rows = await Promise.all(groups.map((g) => run(base, g)));
rows.forEach(print);
const total = rows.reduce((a, r) => ({ ...a, requests: a.requests + r.requests, errors: a.errors + r.errors, non2xx: a.non2xx + r.non2xx, p99: Math.max(a.p99, r.p99), max: Math.max(a.max, r.max) }),
  { name: 'platform, all groups', connections: rows.reduce((n, r) => n + r.connections, 0), requests: 0, rps: 0, p50: NaN, p99: 0, max: 0, errors: 0, non2xx: 0 });
total.rps = total.requests / seconds;
console.log(`${'platform, all groups'.padEnd(32)} conns ${String(total.connections).padStart(3)}  reqs ${String(total.requests).padStart(6)}  ${total.rps.toFixed(1).padStart(7)}/s  worst group p99 ${total.p99.toFixed(1)} ms  errors ${total.errors}  non-2xx ${total.non2xx}`);
const serverRss = peakRss;
await app.close();
await database.close();

const bare = await startBare();
try {
  const b = await run(bare.base, { name: 'bare Fastify route', connections: total.connections, requests: [{ method: 'GET', path: '/baseline' }] });
  print(b);
  console.log(`\nratio platform/bare: throughput ${(total.rps / b.rps).toFixed(3)}×, worst-group p99 ${(total.p99 / Math.max(b.p99, 0.1)).toFixed(1)}×`);
} finally {
  await bare.stop();
}
clearInterval(sampler);
console.log(`peak RSS (server + load threads, this process): ${(serverRss / 1024 / 1024).toFixed(0)} MB`);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exit(total.errors > 0 ? 1 : 0);
