// Fault injection: the disk fills up under a running server. The data directory (the embedded
// database, uploads) is a small tmpfs of its own, filled with a filler file; then uploads,
// an import job and edits are tried, the space is freed, and the server is restarted.
// Expected: clear 507 answers (storage.full, zh and en) instead of 500s, nothing half-written,
// the server keeps answering, and after freeing space and restarting everything committed is
// there and the audit chain verifies. Mounting a tmpfs needs root, which CI has.
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, rmSync, truncateSync, writeSync, fstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withCheckChar } from '../src/lib/uscc';
import { signIn, type Client } from './api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer, type RunningServer } from './server';

const IMPORT_ROWS = 2_000;
const PREFIX = '磁盘写满测试';
const EDITS = 60;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('diskfull.e2e.ts: skipped — mounting a tmpfs needs root (CI runs as root).');

let mountDir = '';
let dataDir = '';
let server: RunningServer;

/** Size of a directory tree in bytes. */
function treeBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

/** Fills the file system with a filler file, then frees `leaveBytes` of it. */
function fillDisk(leaveBytes: number) {
  const filler = join(mountDir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  // A partial last chunk: write smaller pieces until nothing fits.
  const small = Buffer.alloc(4096, 7);
  try {
    for (;;) writeSync(fd, small);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  const size = fstatSync(fd).size;
  closeSync(fd);
  if (leaveBytes) truncateSync(filler, Math.max(0, size - leaveBytes));
}

const freeDisk = () => rmSync(join(mountDir, 'filler'), { force: true });

const csv = () => `\uFEFF${['uscc,name,kind,district,mainProducts', ...Array.from({ length: IMPORT_ROWS }, (_, i) =>
  `${withCheckChar(`91350206MA${String(9_000_000 + i).padStart(7, '0')}`)},${PREFIX}${i}号有限公司,企业,湖里区,传感器`)].join('\r\n')}`;

async function waitForJob(client: Client, id: string) {
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    const job = await client.get<{ status: string; error: string | null }>(`/api/jobs/${id}`);
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  if (!isRoot) return;
  const template = inject('e2eTemplate');
  mountDir = mkdtempSync(join(tmpdir(), 'luchuang-diskfull-'));
  // Room for the data directory and 48 MB more: enough to start, little enough to fill quickly.
  const bytes = (template ? treeBytes(template) : 0) + 48 * 2 ** 20;
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', mountDir]);
  dataDir = join(mountDir, 'data');
  if (template) cpSync(template, dataDir, { recursive: true });
  server = await startServer({ dataDir, keepData: true });
});

afterAll(async () => {
  await server?.stop();
  if (mountDir) {
    execFileSync('umount', [mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  }
});

describe.runIf(isRoot)('the disk fills up under a running server', () => {
  it('answers 507 storage.full, writes nothing half, keeps serving, and recovers once space is freed', async () => {
    const admin = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    const listed = (await admin.get<{ items: { uscc: string }[] }>(`/api/orgs?pageSize=${EDITS}`)).items;
    expect(listed.length).toBe(EDITS);
    const orgs = await Promise.all(listed.map((o) => admin.get<{ uscc: string; address: string | null }>(`/api/orgs/${o.uscc}`)));

    // 1. Not a byte free: an upload is refused whole, with no partial file left behind.
    fillDisk(0);
    const refused = await admin.send('POST', '/api/orgs/import?dryRun=false&filename=full.csv', csv(), 'application/octet-stream');
    expect(refused.status).toBe(507);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('storage.full');
    expect(problem.detail).toContain('存储空间已满');
    const refusedEn = await admin.send('POST', '/api/orgs/import?dryRun=false&filename=full.csv', csv(), 'application/octet-stream', 'en-US');
    expect(((await refusedEn.json()) as { detail: string }).detail).toContain('run out of storage');
    expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);

    // 2. Room for the upload but not for the rows: the job fails saying so, and none of its rows exist.
    freeDisk();
    fillDisk(400 * 1024);
    const accepted = await admin.send('POST', '/api/orgs/import?dryRun=false&filename=full.csv', csv(), 'application/octet-stream');
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    const failed = await waitForJob(admin, jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('存储空间已满');
    expect((await admin.get<{ error: string }>(`/api/jobs/${jobId}`, 'en-US')).error).toContain('run out of storage');
    expect((await admin.get<{ total: number }>(`/api/orgs?q=${encodeURIComponent(PREFIX)}&pageSize=1`)).total).toBe(0);

    // 3. Edits until the last page is gone: each one succeeds or is refused cleanly, never a 500.
    const saved = new Map<string, string>();
    const statuses: number[] = [];
    for (const [i, o] of orgs.entries()) {
      const address = `厦门市湖里区磁盘写满测试路${i}号`.padEnd(300, '号');
      const res = await admin.send('PATCH', `/api/orgs/${o.uscc}`, { address });
      statuses.push(res.status);
      if (res.status === 200) saved.set(o.uscc, address);
      else expect(((await res.json()) as { code: string }).code).toBe('storage.full');
    }
    console.log(`edits with the disk full: ${statuses.filter((s) => s === 200).length} saved, ${statuses.filter((s) => s === 507).length} refused with 507`);
    expect(statuses.every((s) => s === 200 || s === 507)).toBe(true);
    expect(statuses).toContain(507);
    // Reading still works.
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect((await admin.get<{ total: number }>('/api/orgs?pageSize=1')).total).toBeGreaterThan(0);

    // 4. Space freed: the same edit and the same file go through, without a restart.
    freeDisk();
    const retried = orgs.find((o) => !saved.has(o.uscc))!;
    const again = await admin.send('PATCH', `/api/orgs/${retried.uscc}`, { address: '厦门市湖里区恢复路1号' });
    expect(again.status, await again.clone().text()).toBe(200);
    saved.set(retried.uscc, '厦门市湖里区恢复路1号');
    const reimport = await admin.send('POST', '/api/orgs/import?dryRun=false&filename=full.csv', csv(), 'application/octet-stream');
    expect((await waitForJob(admin, ((await reimport.json()) as { jobId: string }).jobId)).status).toBe('succeeded');

    // 5. After a restart on the same data: what was saved is there, what was refused is not, the chain verifies.
    await server.stop();
    server = await startServer({ dataDir, keepData: true });
    const after = await signIn(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    for (const o of orgs) {
      const now = await after.get<{ address: string | null }>(`/api/orgs/${o.uscc}`);
      expect(now.address).toBe(saved.get(o.uscc) ?? o.address);
    }
    expect((await after.get<{ total: number }>(`/api/orgs?q=${encodeURIComponent(PREFIX)}&pageSize=1`)).total).toBe(IMPORT_ROWS);
    const verify = await after.get<{ ok: boolean; problems: unknown[] }>('/api/audit/verify');
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
  }, 400_000);
});
