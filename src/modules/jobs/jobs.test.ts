import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { buildApp } from '../../server/app.ts';
import { createTestApp, TEST_AUDIT_KEY, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { IMPORT_JOB_KIND, runOrgImport } from '../registry/registry.import.ts';
import { jobs, type JobProgress } from './jobs.schema.ts';
import { createJob, ensureUploadDir, executeJob, failInterruptedJobs, uploadPath } from './jobs.service.ts';
import { holdNodeLock, NODE_ID } from '../../server/node.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
});
afterAll(() => t.close());

describe('jobs', () => {
  it('marks jobs a crash left running or queued as failed when the server starts', async () => {
    const [running] = await t.database.db.insert(jobs).values({ kind: IMPORT_JOB_KIND, status: 'running', createdBy: admin.userId, fileName: 'a.xlsx' }).returning();
    const [done] = await t.database.db.insert(jobs).values({ kind: IMPORT_JOB_KIND, status: 'succeeded', createdBy: admin.userId,
      result: { dryRun: true, inserted: 1, updated: 0, unchanged: 0, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0, errors: [], warnings: [], errorCount: 0, warningCount: 0 } }).returning();
    const restarted = await buildApp(t.config, { database: t.database, auditKey: TEST_AUDIT_KEY, serveWeb: false });
    await restarted.ready();
    await restarted.close();
    const job = (await admin.get(`/api/jobs/${running.id}`, { 'accept-language': 'en-US' })).json();
    expect(job).toMatchObject({ status: 'failed', error: 'The server restarted and interrupted this job; please submit it again.', fileName: 'a.xlsx' });
    expect(job.finishedAt).not.toBeNull();
    expect((await admin.get(`/api/jobs/${done.id}`)).json().status).toBe('succeeded');
  });

  it('fails the jobs of a node that is gone, never this node\'s nor a live node\'s (its lock is held)', async () => {
    const add = async (runner: string) => (await t.database.db.insert(jobs).values({ kind: IMPORT_JOB_KIND, status: 'running', runner, createdBy: admin.userId }).returning())[0].id;
    const mine = await add(NODE_ID);
    const gone = await add('a-node-that-died');
    // Another live node: its lock held on its own connection, as src/server/node.ts does (PostgreSQL only).
    const live = t.database.url ? await holdNodeLock(t.database.url, () => {}, 'a-live-node') : null;
    const alive = live ? await add('a-live-node') : null;
    try {
      await failInterruptedJobs(t.database.db, t.config, new Date());
      const status = async (id: string) => (await t.database.db.select({ s: jobs.status }).from(jobs).where(eq(jobs.id, id)))[0].s;
      expect(await status(gone)).toBe('failed');
      expect(await status(mine)).toBe('running');
      if (alive) expect(await status(alive)).toBe('running');
      // Once the live node's connection ends (it died), its job is failed too.
      await live?.release();
      if (alive) {
        await failInterruptedJobs(t.database.db, t.config, new Date());
        expect(await status(alive)).toBe('failed');
      }
    } finally {
      await live?.release();
      await t.database.db.update(jobs).set({ status: 'failed' }).where(eq(jobs.id, mine));
    }
  });

  it('shows a job to its creator and bureau administrators only, and its report once it has finished', async () => {
    const officer = await t.as('district_officer', { district: 'huli' });
    const [queued] = await t.database.db.insert(jobs).values({ kind: IMPORT_JOB_KIND, createdBy: officer.userId }).returning();
    expect((await officer.get(`/api/jobs/${queued.id}`)).json()).toMatchObject({ status: 'queued', progress: { done: 0, total: 0 }, result: null, error: null });
    expect((await admin.get(`/api/jobs/${queued.id}`)).statusCode).toBe(200);
    const other = await t.as('district_officer', { district: 'huli' });
    expect((await other.get(`/api/jobs/${queued.id}`)).json().code).toBe('job.not_found');
    expect((await (await t.as('reviewer')).get(`/api/jobs/${queued.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/jobs/${queued.id}/errors.xlsx`)).json().code).toBe('job.not_finished');
    expect((await officer.get('/api/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('audits job creation and reports progress while reading, then while writing the last chunks', async () => {
    const header = 'uscc,name,kind,district';
    const lines = Array.from({ length: 450 }, (_, i) => `${withCheckChar(`91350206MA${String(i).padStart(7, '0')}`)},进度测试${i}号有限公司,enterprise,huli`);
    const ctx = { ...t.ctx, system: false, actor: { userId: admin.userId, username: admin.username, role: 'bureau_admin' as const, district: null, orgId: null } };
    const job = await createJob(ctx, { kind: IMPORT_JOB_KIND, fileName: 'progress.csv', params: { dryRun: false } });
    ensureUploadDir(t.config);
    writeFileSync(uploadPath(t.config, job.id), [header, ...lines].join('\n'), { mode: 0o600 });
    const seen: JobProgress[] = [];
    const done = await executeJob(ctx, job.id, runOrgImport, (p) => seen.push(p));
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ inserted: 450, errors: [] });
    // 450 rows are one chunk, written once the reader has finished.
    expect(seen.filter((p) => p.phase === 'writing').map((p) => `${p.done}/${p.total}`)).toEqual(['450/450']);
    expect(seen.some((p) => p.phase === 'reading')).toBe(true);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'job.create'), eq(auditLog.entityId, job.id)));
    expect(audit).toMatchObject({ actorUsername: admin.username, after: { kind: IMPORT_JOB_KIND, fileName: 'progress.csv' } });
    const [created] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'org.import_create'));
    expect(created.actorUsername).toBe(admin.username);
  });
});
