// Fault injection: the real server process is killed with SIGKILL in the middle of a long
// write — an import of 10,000 organisations, a batch evaluation, a 免申即享 auto-grant run and
// a run of grant payments — and restarted on the same data directory. After each restart:
// nothing half-done is visible (all of a unit of work or none of it), the audit chain verifies,
// and an interrupted job says so in both languages. No browser: only the process and its API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withCheckChar } from '../src/lib/uscc';
import { signIn, type Client } from './api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer, type RunningServer } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const IMPORT_ROWS = 10_000;
const SCENARIO_TIMEOUT_MS = 400_000;
const IMPORT_PREFIX = '故障注入测试';
const BENEFIT = 'xm_rd_increase_subsidy';
const PAID_AS_OF = '2026-06-02';
const PAYMENT_KILL_MS = 150;
const FULL_AS_OF = '2027-03-01';

let dataDir: string;
let server: RunningServer;


/** Kills the server (SIGKILL) and starts it again on the same data directory. */
async function crashAndRestart(): Promise<void> {
  await server.kill();
  server = await startServer({ dataDir, keepData: true });
}

/**
 * Fires a request, kills the server (SIGKILL) `afterMs` later while the request is outstanding,
 * and restarts it on the same data. Says whether the kill came before the answer.
 */
async function killDuring(request: Promise<Response>, afterMs: number): Promise<'answered' | 'killed mid-request'> {
  let answered = false;
  const settled = request.then(() => { answered = true; }, () => undefined);
  await Promise.race([settled, new Promise((r) => setTimeout(r, afterMs))]);
  const outcome = answered ? 'answered' : 'killed mid-request';
  await server.kill();
  await settled;
  server = await startServer({ dataDir, keepData: true });
  return outcome;
}

/** How long a request takes to answer, in ms (the uninterrupted run a kill is timed against). */
async function timed(request: () => Promise<Response>): Promise<{ ms: number; res: Response; organisations: number }> {
  const started = Date.now();
  const res = await request();
  return { ms: Date.now() - started, res, organisations: 0 };
}

async function auditVerifies(admin: Client) {
  const v = await admin.get<{ ok: boolean; checked: number; problems: unknown[] }>('/api/audit/verify');
  expect(v.problems).toEqual([]);
  expect(v.ok).toBe(true);
  return v.checked;
}

beforeAll(async () => {
  const template = inject('e2eTemplate');
  dataDir = mkdtempSync(join(tmpdir(), 'luchuang-faults-'));
  server = await startServer({ template: template || undefined, dataDir, keepData: true });
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of a long write, then restart on the same data', () => {
  it('a batch evaluation: every stored chunk of results has its audit record (no results without one), and a re-run completes it', async () => {
    let admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    // A later date than any evaluated so far, so that a completed run of it would be current.
    const asOf = '2027-03-02';
    const audited = async (c: Client) => {
      const page = await c.get<{ items: { after: { organisations: number } }[]; total: number }>(`/api/audit?action=cultivation.evaluate&entityId=${asOf}&pageSize=200`);
      return { chunks: page.total, organisations: page.items.reduce((n, r) => n + r.after.organisations, 0) };
    };
    // An uninterrupted evaluation as of the day before times the kill: a quarter of the way (the second run is
    // faster with warm caches; killed before any chunk is stored is a valid outcome too).
    const full = await timed(() => admin.post('/api/cultivation/evaluate', { asOf: FULL_AS_OF }));
    expect(full.res.status).toBe(200);
    full.organisations = ((await full.res.json()) as { organisations: number }).organisations;
    const outcome = await killDuring(admin.post('/api/cultivation/evaluate', { asOf }), full.ms / 4);
    expect(outcome).toBe('killed mid-request');
    admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    const funnel = await admin.get<{ asOf: string | null; evaluated: number }>(`/api/cultivation/funnel?asOf=${asOf}`);
    const audit = await audited(admin);
    console.log(`evaluation: a full run took ${full.ms} ms; ${outcome} at ${Math.round(full.ms / 4)} ms; after restart ${funnel.evaluated} organisations evaluated as of ${asOf}, ${audit.chunks} audited chunks covering ${audit.organisations}`);
    expect(funnel.evaluated).toBe(audit.organisations);
    expect(funnel.evaluated).toBeLessThan(full.organisations);
    // The half-evaluated date is not the current evaluation: the funnel still shows the last completed run.
    expect((await admin.get<{ asOf: string | null }>('/api/cultivation/funnel')).asOf).toBe(FULL_AS_OF);
    await auditVerifies(admin);
    // Re-running is idempotent (upserts by organisation, tier and date) and completes the batch.
    const rerun = await admin.post('/api/cultivation/evaluate', { asOf });
    expect(rerun.status).toBe(200);
    const { organisations } = (await rerun.json()) as { organisations: number };
    expect(await admin.get<{ asOf: string; evaluated: number }>('/api/cultivation/funnel')).toMatchObject({ asOf, evaluated: organisations });
  }, SCENARIO_TIMEOUT_MS);

  it('an import of 10,000 organisations: all rows or none, the job reported as interrupted in zh and en, the audit chain intact', async () => {
    let admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    const header = 'uscc,name,kind,district,mainProducts';
    const file = (prefix: string, serial: number) => `\uFEFF${[header, ...Array.from({ length: IMPORT_ROWS }, (_, i) =>
      `${withCheckChar(`91350206MA${String(serial + i).padStart(7, '0')}`)},${prefix}${i}号有限公司,企业,湖里区,传感器`)].join('\r\n')}`;
    const upload = async (body: string) => {
      const res = await admin.post(`/api/orgs/import?dryRun=false&filename=${encodeURIComponent('faults.csv')}`, body, 'application/octet-stream');
      expect(res.status, await res.clone().text()).toBe(202);
      return ((await res.json()) as { jobId: string }).jobId;
    };
    // Polls a job until it finishes.
    const watch = async (jobId: string) => {
      let resets = 0;
      for (const until = Date.now() + 180_000; Date.now() < until;) {
        // A keep-alive connection the busy server closed can reset once; ask again.
        const job = await admin.get<{ status: string }>(`/api/jobs/${jobId}`).catch((e: Error) => {
          if (++resets > 3) throw e;
          return { status: 'running' };
        });
        if (job.status !== 'queued' && job.status !== 'running') return job.status;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${jobId} did not finish`);
    };
    // The embedded database runs in the server's own thread, so while the import parses or writes
    // the process answers nothing: the kill is timed instead, at 40 % of the time an
    // uninterrupted import of the same size took on the server (parsing, then one write transaction).
    const measuredId = await upload(file('故障注入基准', 7_000_000));
    expect(await watch(measuredId)).toBe('succeeded');
    const measured = await admin.get<{ startedAt: string; finishedAt: string }>(`/api/jobs/${measuredId}`);
    const jobMs = Date.parse(measured.finishedAt) - Date.parse(measured.startedAt);
    const rows = file(IMPORT_PREFIX, 8_000_000);
    const jobId = await upload(rows);
    await new Promise((r) => setTimeout(r, Math.round(jobMs * 0.4)));
    console.log(`import: an uninterrupted import of ${IMPORT_ROWS} took ${jobMs} ms; killed ${Math.round(jobMs * 0.4)} ms after the upload`);
    await crashAndRestart();

    admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    const job = await admin.get<{ status: string; error: string | null }>(`/api/jobs/${jobId}`);
    const listed = await admin.get<{ total: number }>(`/api/orgs?q=${encodeURIComponent(IMPORT_PREFIX)}&pageSize=1`);
    if (job.status === 'succeeded') {
      // The kill came after the commit: all of it.
      expect(listed.total).toBe(IMPORT_ROWS);
    } else {
      // Killed before the commit: none of its rows, and the job says why in both languages.
      expect(job.status).toBe('failed');
      expect(listed.total).toBe(0);
      expect(job.error).toContain('服务重启');
      expect((await admin.get<{ error: string }>(`/api/jobs/${jobId}`, 'en-US')).error).toContain('server restarted');
    }
    console.log(`import after restart: job ${job.status}, ${listed.total} of ${IMPORT_ROWS} organisations visible, error ${JSON.stringify(job.error)}`);
    await auditVerifies(admin);
    // The same file imported again after the crash goes through whole.
    expect(await watch(await upload(rows))).toBe('succeeded');
    expect((await admin.get<{ total: number }>(`/api/orgs?q=${encodeURIComponent(IMPORT_PREFIX)}&pageSize=1`)).total).toBe(IMPORT_ROWS);
  }, SCENARIO_TIMEOUT_MS);

  it('an auto-grant run: no batch, or a whole batch with every organisation it counts', async () => {
    let admin = await signIn(server.baseUrl, 'demo_bureau', DEMO_PASSWORD);
    // The city subsidy's draft policy and benefit are published first (as the auto-grant tests do).
    expect((await admin.patch('/api/policies/xm-rd-investment-draft-2025', { status: 'published' })).status).toBe(200);
    const published = await admin.post(`/api/benefits/${BENEFIT}/versions/1/publish`);
    expect(published.status, await published.clone().text()).toBe(200);
    // An uninterrupted run (paid in the next test) times the kill.
    const full = await timed(() => admin.post('/api/auto-grants', { benefit: BENEFIT, asOf: PAID_AS_OF }));
    expect(full.res.status, await full.res.clone().text()).toBe(201);
    const before = (await admin.get<{ id: string }[]>(`/api/auto-grants?benefit=${BENEFIT}`)).length;
    // A quarter of the first run: the second is much faster (warm caches), so it may even answer first; either way
    // there is no batch or one whole batch (killed before it writes is "no batch" too).
    const outcome = await killDuring(admin.post('/api/auto-grants', { benefit: BENEFIT, asOf: '2026-06-03' }), full.ms / 4);
    admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    const batches = await admin.get<{ id: string; organisations: number; status: string }[]>(`/api/auto-grants?benefit=${BENEFIT}`);
    console.log(`auto-grant: a full run took ${full.ms} ms; ${outcome} at ${Math.round(full.ms / 4)} ms; ${batches.length - before} new batch(es) after restart`);
    expect(batches.length - before).toBe(outcome === 'answered' ? 1 : 0);
    for (const b of batches) {
      const detail = await admin.get<{ total: number }>(`/api/auto-grants/${b.id}?pageSize=1`);
      expect(detail.total).toBe(b.organisations);
    }
    await auditVerifies(admin);
  }, SCENARIO_TIMEOUT_MS);

  it('a run of grant payments: none or one request per grant, all pending (nothing paid without its approval)', async () => {
    let maker = await signIn(server.baseUrl, 'demo_bureau', DEMO_PASSWORD);
    const checker = await signIn(server.baseUrl, 'demo_checker', DEMO_PASSWORD);
    const batch = (await maker.get<{ id: string; asOf: string; status: string; organisations: number }[]>(`/api/auto-grants?benefit=${BENEFIT}`)).find((b) => b.asOf === PAID_AS_OF && b.status === 'pending')!;
    expect(batch.organisations).toBeGreaterThan(0);
    expect((await checker.post(`/api/auto-grants/${batch.id}/approve`)).status).toBe(200);
    const fund = (await (await maker.post('/api/funds', { code: 'T-FAULTS', name: '故障注入测试资金（演示）', kind: 'special', sourceLevel: 'city', purpose: '故障注入测试' })).json()) as { id: string };
    expect(fund.id).toBeTruthy();
    expect((await maker.post(`/api/funds/${fund.id}/appropriations`, { amountFen: 1_000_000_000_000, contributor: '市财政' })).status).toBe(201);

    const outcome = await killDuring(maker.post(`/api/funds/${fund.id}/grant-payments`, { batchId: batch.id }), PAYMENT_KILL_MS);
    maker = await signIn(server.baseUrl, 'demo_bureau', DEMO_PASSWORD);
    const state = await maker.get<{ requests: number; pendingFen: number; approvedFen: number }>(`/api/funds/grant-payments?batchId=${batch.id}`);
    console.log(`payments: ${outcome} at ${PAYMENT_KILL_MS} ms; after restart ${state.requests} of ${batch.organisations} requests, approved ${state.approvedFen} fen`);
    expect(state.approvedFen).toBe(0);
    const admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await auditVerifies(admin);
    // Asking again after the crash requests exactly what is missing, never twice.
    const again = await maker.post(`/api/funds/${fund.id}/grant-payments`, { batchId: batch.id });
    expect(again.status, await again.clone().text()).toBe(201);
    const after = (await again.json()) as { requested: number; alreadyRequested: number };
    const grants = after.requested + after.alreadyRequested;
    expect(grants).toBeGreaterThan(0);
    // All of the run or none of it was committed before the kill.
    expect([0, grants]).toContain(state.requests);
    const final = await maker.get<{ requests: number; approvedFen: number }>(`/api/funds/grant-payments?batchId=${batch.id}`);
    expect(final).toMatchObject({ requests: grants, approvedFen: 0 });
  }, SCENARIO_TIMEOUT_MS);
});
