// Several app nodes on one PostgreSQL database: real processes (`node bin/luchuang.mjs serve`)
// on their own ports, sharing one fresh database and one FILES_DIR. Runs in `npm run test:pg`
// (the suite on PostgreSQL); on PGlite there is one process only, so it is skipped there.
// Sessions, CSRF, caches, jobs and their progress across nodes; the schedule run once; a node
// killed mid-job; the database cut off and back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withCheckChar } from '../lib/uscc.ts';
import { databaseUrlFor } from '../test/global-setup.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN_PASSWORD = 'Nodes-Bureau-Pass-2026';
const AUDIT_KEY = 'a'.repeat(64);
const adminUrl = inject('pgAdminUrl');
const INTERRUPTED = { zh: '服务重启，任务被中断，请重新提交。', en: 'The server restarted and interrupted this job; please submit it again.' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Node {
  name: string;
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stopping: boolean;
}

let dbName: string;
let dbUrl: string;
let filesDir: string;
let sql: pg.Client;
const nodes: Node[] = [];

/** Starts `luchuang serve` on a free port; resolves once /api/health answers 200 (or the process exits). */
async function startNode(name: string, opts: { databaseUrl?: string; waitHealthy?: boolean } = {}): Promise<Node> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, ['bin/luchuang.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: opts.databaseUrl ?? dbUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), `luchuang-node-${name}-`)), FILES_DIR: filesDir, LUCHUANG_AUDIT_KEY: AUDIT_KEY,
      LUCHUANG_ADMIN_PASSWORD: ADMIN_PASSWORD, SEED_DEMO: 'false', JOB_SWEEP_SECONDS: '1', LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => { log = (log + c).slice(-20_000); });
  child.stderr!.on('data', (c: Buffer) => { log = (log + c).slice(-20_000); });
  const node: Node = { name, base: `http://127.0.0.1:${port}`, child, output: () => log, exited: null!, stopping: false };
  node.exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => {
    // A node that dies on its own is a finding: show why.
    if (!node.stopping) console.error(`node ${name} exited by itself (${code ?? signal}):\n${log}`);
    r(code);
  }));
  nodes.push(node);
  if (opts.waitHealthy === false) return node;
  for (const until = Date.now() + 120_000; ;) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > until) throw new Error(`node ${name} not healthy within 120 s:\n${log}`);
    const ok = await fetch(`${node.base}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) return node;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function kill(node: Node, signal: NodeJS.Signals = 'SIGKILL') {
  node.stopping = true;
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill(signal);
  await node.exited;
}

/** A session: cookie and CSRF token, usable against any node's base URL. */
async function signIn(base: string, username: string, password: string) {
  const pre = await fetch(`${base}/api/auth/session`);
  const preCookie = pre.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken: preToken } = (await pre.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': preToken, cookie: preCookie },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('=')).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}
type Session = Awaited<ReturnType<typeof signIn>>;

function call(node: Node, s: Session | null, method: string, path: string, body?: unknown, opts: { type?: string; csrf?: boolean; lang?: string } = {}) {
  const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'zh-CN' };
  if (s) headers.cookie = s.cookie;
  if (body !== undefined) headers['content-type'] = opts.type ?? 'application/json';
  if (s && method !== 'GET' && opts.csrf !== false) headers['x-csrf-token'] = s.csrfToken;
  return fetch(`${node.base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body) });
}

async function getJson<T = any>(node: Node, s: Session, path: string): Promise<T> {
  // A keep-alive connection that the busy node closed as it was reused resets; a GET may be asked again.
  let res: Response | undefined;
  for (let attempt = 0; !res; attempt++) {
    res = await call(node, s, 'GET', path).catch((e: Error) => {
      if (attempt >= 3) throw e;
      return undefined;
    });
  }
  expect(res.status, `${node.name} GET ${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const csv = (prefix: string, serial: number, rows: number) => `\uFEFF${['uscc,name,kind,district,mainProducts', ...Array.from({ length: rows }, (_, i) =>
  `${withCheckChar(`91350206MA${String(serial + i).padStart(7, '0')}`)},${prefix}${i}号有限公司,企业,湖里区,传感器`)].join('\r\n')}`;

async function submitImport(node: Node, s: Session, body: string | Blob): Promise<string> {
  const res = await call(node, s, 'POST', `/api/orgs/import?dryRun=false&filename=nodes.${typeof body === 'string' ? 'csv' : 'xlsx'}`, body, { type: 'application/octet-stream' });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { jobId: string }).jobId;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 120_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const jobRow = async (id: string) => (await sql.query<{ status: string; runner: string; progress: { done: number; total: number; phase?: string } }>('select status, runner, progress from jobs where id = $1', [id])).rows[0];
const countNamed = async (prefix: string) => (await sql.query<{ n: number }>('select count(*)::int as n from orgs where name like $1', [`${prefix}%`])).rows[0].n;

/** A TCP relay in front of PostgreSQL that the test can cut (every connection dropped) and restore. */
function relay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const up = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1', () => {
      const a = server!.address();
      port = typeof a === 'object' && a ? a.port : 0;
      resolve();
    });
  });
  const down = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server ? server.close(() => resolve()) : resolve();
    server = null;
  });
  return { up, down, port: () => port };
}

describe.skipIf(!adminUrl)('several app nodes on one PostgreSQL database', () => {
  let A: Node;
  let B: Node;
  /** A third node, reaching the database through a relay the test can cut. */
  let C: Node;
  let link: ReturnType<typeof relay>;

  beforeAll(async () => {
    dbName = `${inject('pgPrefix')}_nodes_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    dbUrl = databaseUrlFor(adminUrl, dbName);
    filesDir = mkdtempSync(join(tmpdir(), 'luchuang-files-'));
    sql = new pg.Client({ connectionString: dbUrl });
    await sql.connect();
    const target = new URL(dbUrl);
    link = relay({ host: target.hostname, port: Number(target.port || 5432) });
    await link.up();
    const viaRelay = new URL(dbUrl);
    viaRelay.port = String(link.port());
    // Three nodes start at once on an empty database: they migrate and prepare it one after the other.
    [A, B, C] = await Promise.all([startNode('A'), startNode('B'), startNode('C', { databaseUrl: viaRelay.toString() })]);
  }, 300_000);

  afterAll(async () => {
    for (const n of nodes) await kill(n, 'SIGTERM');
    await sql?.end();
    await link?.down();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
    // The database itself is dropped with the run's other databases (src/test/global-setup.ts).
  }, 60_000);

  it('prepare the database once and queue the daily indicator snapshot once (three nodes started at once)', async () => {
    const admins = await sql.query<{ n: number }>(`select count(*)::int as n from users where username = 'admin'`);
    expect(admins.rows[0].n).toBe(1);
    const snapshots = await until('the snapshot job to finish', async () => {
      const r = await sql.query<{ status: string }>(`select status from jobs where kind = 'indicator_snapshots'`);
      return r.rows.length && r.rows.every((x) => x.status === 'succeeded') && r.rows;
    });
    expect(snapshots).toHaveLength(1);
    const dupes = await sql.query(`select indicator_id, scope, day from indicator_snapshots group by 1, 2, 3 having count(*) > 1`);
    expect(dupes.rows).toEqual([]);
  });

  it('share sessions, CSRF protection and data: a login on A works on B; a write on A is read on B', async () => {
    const s = await signIn(A.base, 'admin', ADMIN_PASSWORD);
    expect((await getJson(B, s, '/api/auth/session')).user.username).toBe('admin');
    const org = { uscc: withCheckChar('91350206MA9000001'), name: '多节点测试甲有限公司', kind: 'enterprise', district: 'huli' };
    // A mutation via B without the token is refused; with it (issued on A) it is accepted.
    const refused = await call(B, s, 'POST', '/api/orgs', org, { csrf: false });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.csrf');
    expect((await call(B, s, 'POST', '/api/orgs', org)).status).toBe(201);
    // Written on B, searched on A (A's in-memory registry read model), and the reverse.
    expect((await getJson(A, s, `/api/orgs?q=${encodeURIComponent('多节点测试甲')}`)).items.map((o: { uscc: string }) => o.uscc)).toEqual([org.uscc]);
    const org2 = { ...org, uscc: withCheckChar('91350206MA9000002'), name: '多节点测试乙有限公司' };
    expect((await call(A, s, 'POST', '/api/orgs', org2)).status).toBe(201);
    expect((await getJson(B, s, `/api/orgs?q=${encodeURIComponent('多节点测试乙')}`)).total).toBe(1);
    // Signed out on B: the session is gone on A too.
    const s2 = await signIn(B.base, 'admin', ADMIN_PASSWORD);
    expect((await call(B, s2, 'POST', '/api/auth/logout', {})).status).toBeLessThan(300);
    expect((await call(A, s2, 'GET', '/api/orgs')).status).toBe(401);
  });

  it('show an import submitted on A, its progress and its result, on B', async () => {
    const s = await signIn(A.base, 'admin', ADMIN_PASSWORD);
    const rows = 20_000;
    const id = await submitImport(A, s, csv('进度可见', 1_000_000, rows));
    const seen: { status: string; done: number; phase?: string }[] = [];
    const done = await until('the import to finish', async () => {
      const job = await getJson(B, s, `/api/jobs/${id}`);
      seen.push({ status: job.status, done: job.progress.done, phase: job.progress.phase });
      return job.status !== 'queued' && job.status !== 'running' && job;
    });
    expect(done.status).toBe('succeeded');
    expect(done.result.inserted).toBe(rows);
    // B saw the job running with progress that A wrote to the database while it ran.
    expect(seen.some((x) => x.status === 'running' && x.done > 0), JSON.stringify(seen.slice(0, 20))).toBe(true);
    expect((await jobRow(id)).runner).toBeTruthy();
    // The upload, in the shared FILES_DIR, is deleted once the job has ended.
    await until('the upload to be deleted', async () => !existsSync(join(filesDir, 'uploads', id)), 120_000);
  }, 180_000);

  it('fail the job of a node killed mid-job, and leave a live node\'s running job alone', async () => {
    const s = await signIn(A.base, 'admin', ADMIN_PASSWORD);
    // B runs a long import; A a shorter one, killed while it writes.
    const onB = await submitImport(B, s, csv('存活节点', 2_000_000, 150_000));
    const onA = await submitImport(A, s, csv('被杀节点', 3_000_000, 10_000));
    await until('A\'s job to be running', async () => (await jobRow(onA)).status === 'running' && (await jobRow(onA)).progress.done > 0);
    expect((await jobRow(onB)).status).toMatch(/queued|running/);
    expect(existsSync(join(filesDir, 'uploads', onA))).toBe(true);
    await kill(A);
    // B notices within JOB_SWEEP_SECONDS that A is dead (A's node lock is free) and fails its job.
    const failed = await until('B to fail A\'s job', async () => {
      const job = await getJson(B, s, `/api/jobs/${onA}`);
      return job.status === 'failed' && job;
    }, 30_000);
    expect(failed.error).toBe(INTERRUPTED.zh);
    expect((await (await call(B, s, 'GET', `/api/jobs/${onA}`, undefined, { lang: 'en-US' })).json()).error).toBe(INTERRUPTED.en);
    expect(await countNamed('被杀节点')).toBe(0);
    expect(existsSync(join(filesDir, 'uploads', onA))).toBe(false);
    // A restarts (new node id) and sweeps at start, while B's job still runs: B's job is untouched.
    expect((await jobRow(onB)).status).toBe('running');
    A = await startNode('A2');
    expect((await jobRow(onB)).status, 'B\'s import finished before A restarted: make it longer').toBe('running');
    const finished = await until('B\'s import to finish', async () => {
      const job = await getJson(A, s, `/api/jobs/${onB}`);
      return job.status !== 'queued' && job.status !== 'running' && job;
    }, 300_000);
    expect(finished.status).toBe('succeeded');
    expect(await countNamed('存活节点')).toBe(150_000);
    // The same file again, on the restarted node: whole.
    const again = await submitImport(A, s, csv('被杀节点', 3_000_000, 10_000));
    await until('the re-import', async () => (await jobRow(again)).status === 'succeeded');
    expect(await countNamed('被杀节点')).toBe(10_000);
    const verify = await getJson(B, s, '/api/audit/verify');
    expect(verify.ok).toBe(true);
  }, 400_000);

  it('refuse to start without the database: one line, non-zero exit', async () => {
    const port = await freePort();
    const node = await startNode('no-db', { databaseUrl: `postgres://postgres@127.0.0.1:${port}/${dbName}`, waitHealthy: false });
    node.stopping = true;
    expect(await node.exited).toBe(1);
    const lines = node.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot connect to the PostgreSQL server at 127\.0\.0\.1:\d+, database luchuang_test.*ECONNREFUSED/);
  });

  it('answer 503 db.unavailable while the database is cut off, write nothing half, and recover', async () => {
    const s = await signIn(C.base, 'admin', ADMIN_PASSWORD);
    expect((await call(C, s, 'GET', '/api/orgs')).status).toBe(200);

    await link.down();
    const org = { uscc: withCheckChar('91350206MA9000003'), name: '断库测试有限公司', kind: 'enterprise', district: 'huli' };
    for (const [method, path, body] of [['GET', '/api/orgs', undefined], ['POST', '/api/orgs', org]] as const) {
      for (const lang of ['zh-CN', 'en-US']) {
        const res = await call(C, s, method, path, body, { lang });
        expect(res.status, `${method} ${path}`).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.headers.get('retry-after')).toBe('5');
        const p = (await res.json()) as { code: string; detail: string };
        expect(p.code).toBe('db.unavailable');
        expect(p.detail).toBe(lang === 'zh-CN' ? '数据库暂时无法访问，请在 5 秒后重试。' : 'The database cannot be reached right now; please try again in 5 seconds.');
      }
    }
    expect(await countNamed('断库测试')).toBe(0);

    await link.up();
    await until('C to answer again', async () => (await call(C, s, 'GET', '/api/orgs')).status === 200, 30_000);
    expect((await call(C, s, 'POST', '/api/orgs', org)).status).toBe(201);
    expect(await countNamed('断库测试')).toBe(1);

    // Connections terminated by the server (pg_terminate_backend) in the middle of an import's
    // transaction: all of it or none (the kill can only be timed: the commit may win), and the
    // node goes on answering.
    const rows = 60_000;
    // Organisations, then one yearly fact: the import writes every organisation chunk, then waits for a lock this test
    // holds on org_facts — its transaction is open and has written, every time. (Watching for an "insert into orgs"
    // as a backend's last query raced with the writer, which reads large files in another thread now.)
    const wb = new ExcelJS.Workbook();
    const orgSheet = wb.addWorksheet('单位');
    orgSheet.addRow(['uscc', 'name', 'kind', 'district']);
    const usccOf = (i: number) => withCheckChar(`91350206MA${String(4_000_000 + i).padStart(7, '0')}`);
    for (let i = 0; i < rows; i++) orgSheet.addRow([usccOf(i), `终止连接${i}号有限公司`, '企业', '湖里区']);
    const factSheet = wb.addWorksheet('年度数据');
    factSheet.addRow(['uscc', 'fiscalYear', 'revenue']);
    factSheet.addRow([usccOf(0), 2025, 1000]);
    const blocker = new pg.Client({ connectionString: dbUrl });
    blocker.on('error', () => {});
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table org_facts in share mode');
    const id = await submitImport(C, s, new Blob([await wb.xlsx.writeBuffer()]));
    await until('the import to write its organisations and wait', async () => (await sql.query(`select 1 from pg_stat_activity where datname = $1
      and wait_event_type = 'Lock' and query ilike 'insert into "org_facts"%'`, [dbName])).rowCount, 300_000);
    // Every client connection but this test's is cut: the import's, and the blocker's with its lock.
    const terminated = await sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`, [dbName]);
    expect(terminated.rowCount).toBeGreaterThan(0);
    const job = await until('the import to end', async () => {
      const r = await jobRow(id);
      return r.status !== 'running' && r.status !== 'queued' && r;
    }, 120_000);
    const stored = await countNamed('终止连接');
    console.log(`pg_terminate_backend during an import's write: job ${job.status}, ${stored} of ${rows} rows stored`);
    expect(stored).toBe(job.status === 'succeeded' ? rows : 0);
    await until('C to answer again after the termination', async () => (await call(C, s, 'GET', '/api/orgs')).status === 200, 30_000);
    for (const n of [C, B]) expect((await call(n, s, 'GET', `/api/orgs?q=${encodeURIComponent('断库测试')}`)).status).toBe(200);
  }, 600_000);
});
