// Background jobs: a row per job, and an in-process runner that executes them one at a time
// (imports hold one big transaction; running two at once would only make them wait on each
// other). A job runs on the app node that received it and records that node (`runner`); with
// several nodes on one PostgreSQL database, a job is failed as interrupted only once its
// runner's node lock can be taken, i.e. that node is dead (src/server/node.ts).
// Live progress is kept in memory and written to the job now and then, so that every node can
// show it. On PGlite the database cannot be written from outside the job's open transaction,
// so the writing phase shows there only on the node running it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from '../../lib/exceljs.ts';
import { and, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../lib/i18n.ts';
import { pick } from '../../lib/i18n.ts';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../server/context.ts';
import type { Db, DbOrTx } from '../../server/db.ts';
import { AppError, ERRORS, errorSummary, isStorageFull } from '../../server/errors.ts';
import { NODE_ID, NODE_LOCK_CLASS } from '../../server/node.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { jobs, type Job, type JobProgress, type JobRow, type StoredIssue } from './jobs.schema.ts';

/** What a job handler gets besides its context: progress reporting and completion. */
export interface JobIo {
  progress(p: JobProgress): void;
  /** Marks the job succeeded; pass the import's transaction so that data and status commit together. */
  succeed(db: DbOrTx, result: Record<string, unknown>): Promise<void>;
}
export type JobHandler = (ctx: Ctx, job: JobRow, io: JobIo) => Promise<void>;

const MAX_RETURNED_ISSUES = 1_000;

/** Uploaded files wait here for their job: FILES_DIR/uploads, shared storage when there are several nodes. */
export function uploadDir(config: Config): string {
  return join(config.filesDir, 'uploads');
}

export function uploadPath(config: Config, jobId: string): string {
  return join(uploadDir(config), jobId);
}

export function ensureUploadDir(config: Config): string {
  const dir = uploadDir(config);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function createJob(ctx: Ctx, input: { id?: string; kind: string; fileName: string | null; params: Record<string, unknown> }): Promise<JobRow> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(jobs).values({
      ...(input.id ? { id: input.id } : {}), kind: input.kind, fileName: input.fileName, params: input.params,
      createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now(), runner: NODE_ID,
    }).returning();
    await recordAudit(tx, ctx, { action: 'job.create', entityType: 'job', entityId: row.id, after: { kind: row.kind, fileName: row.fileName, params: row.params } });
    return row;
  });
}

// ---------- the runner ----------

interface QueueItem {
  ctx: Ctx;
  jobId: string;
  handler: JobHandler;
}

const queue: QueueItem[] = [];
let draining: Promise<void> | null = null;
const live = new Map<string, JobProgress>();

/** Queues a job for this process's runner. */
export function enqueueJob(ctx: Ctx, jobId: string, handler: JobHandler): void {
  queue.push({ ctx, jobId, handler });
  if (!draining) draining = drain();
}

async function drain(): Promise<void> {
  try {
    for (let item = queue.shift(); item; item = queue.shift()) {
      await executeJob(item.ctx, item.jobId, item.handler).catch((err) => item.ctx.log.error({ err, jobId: item.jobId }, 'job runner failed'));
    }
  } finally {
    draining = null;
  }
}

/** Resolves once every queued job of this process has finished (graceful shutdown, tests). */
export async function jobsIdle(): Promise<void> {
  while (draining) await draining;
}

/**
 * Runs one job now (the runner, and the CLI which runs in the foreground). Failures are
 * recorded on the job; the upload is deleted afterwards, since the result keeps what matters.
 */
export async function executeJob(ctx: Ctx, jobId: string, handler: JobHandler, onProgress?: (p: JobProgress) => void): Promise<JobRow> {
  const [job] = await ctx.db.update(jobs).set({ status: 'running', startedAt: ctx.now(), runner: NODE_ID }).where(eq(jobs.id, jobId)).returning();
  let succeeded = false;
  let lastWrite = 0;
  let writeInFlight = false;
  const io: JobIo = {
    progress(p) {
      live.set(jobId, p);
      onProgress?.(p);
      // Persist now and then from outside the job's transaction; on PGlite not while that is open
      // (see the top of the file). `running` only: a late write never follows the final one.
      const now = Date.now();
      if ((p.phase !== 'writing' || ctx.config.databaseUrl) && now - lastWrite > 500 && !writeInFlight) {
        lastWrite = now;
        writeInFlight = true;
        void ctx.db.update(jobs).set({ progress: p }).where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'))).catch(() => {}).finally(() => {
          writeInFlight = false;
        });
      }
    },
    async succeed(db, result) {
      await db.update(jobs).set({ status: 'succeeded', result, progress: live.get(jobId) ?? { done: 0, total: 0 }, finishedAt: ctx.now() }).where(eq(jobs.id, jobId));
      succeeded = true;
    },
  };
  try {
    await handler(ctx, job, io);
    if (!succeeded) throw new Error('job handler returned without a result');
  } catch (err) {
    ctx.log.error({ error: errorSummary(err), jobId }, 'job failed');
    const message = errorSummary(err).message;
    const full = isStorageFull(err) ? ERRORS['storage.full'] : null;
    await ctx.db.update(jobs).set({
      status: 'failed', finishedAt: ctx.now(),
      error: full ? { zh: full.zh, en: full.en } : { zh: `任务执行失败：${message}`, en: `The job failed: ${message}` },
    }).where(eq(jobs.id, jobId));
  } finally {
    live.delete(jobId);
    rmSync(uploadPath(ctx.config, jobId), { force: true });
  }
  const [done] = await ctx.db.select().from(jobs).where(eq(jobs.id, jobId));
  return done;
}

/**
 * Jobs whose node died can never finish: fail them and delete their uploads. A node is dead
 * when its lock (src/server/node.ts) can be taken; the lock is held only until this statement's
 * transaction ends. Jobs of this node and of live nodes are left alone. On PGlite no other node
 * exists, so at start this fails every queued or running job (all left by the previous process).
 * Run at start and periodically, so that a live node reports the jobs of a node that died.
 */
export async function failInterruptedJobs(db: Db, config: Config, now: Date): Promise<number> {
  const stale = await db.update(jobs).set({
    status: 'failed', finishedAt: now,
    error: { zh: '服务重启，任务被中断，请重新提交。', en: 'The server restarted and interrupted this job; please submit it again.' },
  }).where(and(
    sql`${jobs.status} in ('queued', 'running')`,
    sql`(${jobs.runner} is null or (${jobs.runner} <> ${NODE_ID} and pg_try_advisory_xact_lock(${NODE_LOCK_CLASS}, hashtext(${jobs.runner}))))`,
  )).returning({ id: jobs.id });
  for (const { id } of stale) rmSync(uploadPath(config, id), { force: true });
  return stale.length;
}

// ---------- reading ----------

async function findJob(ctx: Ctx, id: string): Promise<JobRow> {
  const [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  // Someone else's job looks like no job at all.
  const mine = row && (ctx.system || ctx.actor?.role === 'bureau_admin' || (row.createdBy !== null && row.createdBy === ctx.actor?.userId));
  if (!mine) throw new AppError('job.not_found');
  return row;
}

function localiseIssue(i: StoredIssue, locale: Locale) {
  return {
    sheet: i.sheet, row: i.row, column: i.column, columnLabel: i.label ? pick(i.label, locale) : null,
    code: i.code, value: i.value, message: pick(i, locale),
  };
}

export function toJob(row: JobRow, locale: Locale): Job {
  const r = row.result as (Record<string, unknown> & { errors?: StoredIssue[]; warnings?: StoredIssue[] }) | null;
  return {
    id: row.id, kind: row.kind, status: row.status, fileName: row.fileName,
    progress: live.get(row.id) ?? row.progress,
    result: r ? {
      ...(r as unknown as NonNullable<Job['result']>),
      errors: (r.errors ?? []).slice(0, MAX_RETURNED_ISSUES).map((i) => localiseIssue(i, locale)),
      warnings: (r.warnings ?? []).slice(0, MAX_RETURNED_ISSUES).map((i) => localiseIssue(i, locale)),
    } : null,
    error: row.error ? pick(row.error, locale) : null,
    createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getJob(ctx: Ctx, id: string, locale: Locale): Promise<Job> {
  return toJob(await findJob(ctx, id), locale);
}

// ---------- the error report ----------

/**
 * Text that a spreadsheet would run as a formula (= + - @, or a leading tab/CR that some
 * programs strip) gets a leading apostrophe. Import strips it again, so exports round-trip.
 */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The job's errors and warnings as xlsx: sheet, row, column, value, message zh + en (small: at most 20,000 rows). */
export async function errorReport(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await findJob(ctx, id);
  if (row.status !== 'succeeded' && row.status !== 'failed') throw new AppError('job.not_finished');
  const r = row.result as { errors?: StoredIssue[]; warnings?: StoredIssue[] } | null;
  const wb = new ExcelJS.Workbook();
  const sheets: [string, StoredIssue[]][] = [['错误 Errors', r?.errors ?? []], ['警告 Warnings', r?.warnings ?? []]];
  if (row.error) sheets[0][1] = [{ sheet: null, row: null, column: null, label: null, code: 'job.failed', value: null, ...row.error }, ...sheets[0][1]];
  for (const [name, issues] of sheets) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '工作表 Sheet', width: 14 }, { header: '行号 Row', width: 10 }, { header: '列 Column', width: 22 },
      { header: '列名 Label', width: 26 }, { header: '值 Value', width: 24 }, { header: '代码 Code', width: 22 },
      { header: '说明', width: 60 }, { header: 'Message', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const i of issues) {
      ws.addRow([i.sheet, i.row, i.column, i.label ? `${i.label.zh} / ${i.label.en}` : null, i.value, i.code, i.zh, i.en].map(safeCell));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
