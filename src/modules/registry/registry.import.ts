// Import of organisations, yearly facts and qualifications from xlsx or csv, run as a
// background job: check the file's kind cheaply, then stream it — rows are read and validated
// (registry.parse.ts; in a worker thread for a large file) and written here in chunks of 2,000
// inside one transaction, which commits only for a valid file (a dry run or a file with errors
// rolls back).
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { and, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { Tx } from '../../server/db.ts';
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import { MAX_STORED_ISSUES, type StoredIssue } from '../jobs/jobs.schema.ts';
import { uploadPath, type JobHandler, type JobIo } from '../jobs/jobs.service.ts';
import {
  addQualificationBatch, analyzeRegistry, batchScope, emptyResult, flushAudits, upsertFactBatch, upsertOrgBatch,
  type BatchScope, type BulkResult, type OrgRecord,
} from './registry.bulk.ts';
import {
  CHUNK, FileRefused, IssueList, USCC_COLUMN, fileIssue, parseThrottled, refusalOf, sniff,
  type FactRow, type OrgRow, type ParseEvent, type ParseInput, type ParseSummary, type QualRow,
} from './registry.parse.ts';
import { DISTRICT_LABELS, SHEETS, type CellIssue, type IoColumn } from './registry.sheet.ts';
import { orgs, type OrgCreate } from './registry.schema.ts';
import { notifyOrgsChanged, visibleOrgs } from './registry.service.ts';

export const IMPORT_JOB_KIND = 'org_import';

export interface ImportResult extends BulkResult {
  dryRun: boolean;
  errors: StoredIssue[];
  warnings: StoredIssue[];
  errorCount: number;
  warningCount: number;
}

// ---------- the writer ----------

/** The writer's own problems and its copy of the reader's organisation keys (USCC → first row, negated when refused). */
class WriteState extends IssueList {
  orgRows = new Map<string, number>();
  /** True once an organisations sheet has been read to its end: facts of USCCs not known by then are unknown. */
  orgsSheetDone = false;
  /** The reader's errors so far: a file with an error is not written. */
  readerErrors = 0;
  dataRows = 0;

  /** Adds the reader's problems, once it has read the whole file. */
  fold(r: ParseSummary) {
    this.errors.push(...r.errors);
    this.warnings.push(...r.warnings);
    this.errorCount += r.errorCount;
    this.warningCount += r.warningCount;
    this.readerErrors = 0;
    this.dataRows = r.dataRows;
  }
}

/** The worker thread failed for a reason other than the file: the job fails. */
class ReaderCrashed extends Error {
  constructor(cause: unknown) {
    super(`import reader thread: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Reads in a worker thread, beside the writes (registry.parse.worker.ts), answering each
 * scheduled event once written. Its young generation is larger than V8's default: reading
 * makes millions of short-lived cells, and scavenging them dominated the reader's time.
 */
function parseInWorker(input: ParseInput, take: (e: ParseEvent) => Promise<void> | undefined): Promise<void> {
  const worker = new Worker(new URL('./registry.parse.worker.mjs', import.meta.url), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (e: ParseEvent | { t: 'refused'; issue: CellIssue }) => {
      if (e.t === 'refused') return reject(new FileRefused(e.issue));
      const written = take(e);
      written?.then(() => worker.postMessage('written'), reject);
      if (e.t === 'end') resolve();
    });
    // Out of memory on a hostile file is the file's problem; anything else (the reader's code
    // failing to load, say) is the server's, and fails the job.
    worker.on('error', (err) => reject((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new FileRefused(refusalOf(err)) : new ReaderCrashed(err)));
    worker.on('exit', (code) => reject(new ReaderCrashed(`exited with code ${code}`)));
  }).finally(() => worker.terminate());
}

/**
 * Writes chunks in the import's transaction, one at a time and in order, while the reader goes
 * on with the next chunk. Once the file has an error (and it is not a dry run) nothing more is
 * written — the transaction is rolled back anyway — but every row is still validated.
 */
class ChunkWriter {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  readonly scope: BatchScope;
  /** Organisations written, for the change listeners (cultivation) after commit. */
  readonly touched = new Set<string>();
  private deferredFacts: FactRow[] = [];
  private deferredQuals: QualRow[] = [];
  /** Rows handed to the writer, and rows it has dealt with (written, or refused late). */
  queued = 0;
  done = 0;
  private reported = -1;
  /** Set when the reader has finished: from then on progress is the writing phase's. */
  private readerDone = false;

  constructor(private ctx: Ctx, tx: Tx, private state: WriteState, private dryRun: boolean, fileName: string, private io: JobIo) {
    this.scope = batchScope(tx, ctx, { kind: 'import', ref: fileName });
  }

  private dealtWith(rows: number) {
    this.done += rows;
    if (this.readerDone) this.report();
  }

  /** The writing phase's progress, once per change; the last report has done = total. */
  report() {
    if (this.reported === this.done) return;
    this.reported = this.done;
    this.io.progress({ done: this.done, total: this.queued, phase: 'writing' });
  }

  private get writing() {
    return this.dryRun || this.state.errorCount + this.state.readerErrors === 0;
  }

  /** Queues a write after those queued before it; resolves when it is written. */
  schedule(task: () => Promise<void>): Promise<void> {
    this.tail = this.tail.then(task).catch((error: unknown) => {
      this.failure ??= { error };
      throw error;
    });
    // A failure surfaces through the reader's next wait or drain(), never as an unhandled rejection.
    this.tail.catch(() => {});
    return this.tail;
  }

  /** Takes the reader's next event; scheduled ones (chunks) return the promise of their write. */
  take(e: ParseEvent): Promise<void> | undefined {
    for (const [uscc, row] of e.keys) this.state.orgRows.set(uscc, row);
    this.state.readerErrors = e.errorCount;
    switch (e.t) {
      case 'chunk': {
        this.queued += e.rows.length;
        if (e.kind === 'orgs') return this.schedule(() => this.orgs(e.rows));
        if (e.kind === 'facts') return this.schedule(() => this.facts(e.rows));
        return this.schedule(() => this.quals(e.rows));
      }
      case 'orgs_done':
        return this.schedule(async () => { this.state.orgsSheetDone = true; });
      case 'progress':
        this.io.progress({ done: e.rowsRead, total: e.total, phase: 'reading' });
        return;
      case 'end':
        this.state.fold(e.summary);
        return;
    }
  }

  /** Whether `e` is a chunk's write failing (not the reader). */
  failedWith(e: unknown): boolean {
    return this.failure?.error === e;
  }

  /** Waits for every queued chunk; with `settle`, swallows their failure (the reader's own error wins). */
  drain(settle = false): Promise<void> {
    return settle ? this.tail.catch(() => {}) : this.tail;
  }

  async orgs(chunk: OrgRow[]): Promise<void> {
    const { tx } = this.scope;
    const actor = this.ctx.actor;
    const existing = new Map((await tx.select().from(orgs).where(inArray(orgs.uscc, chunk.map((r) => r.uscc)))).map((o) => [o.uscc, o]));
    const records: OrgRecord[] = [];
    for (const { uscc, values, row, sheet } of chunk) {
      const old = existing.get(uscc);
      if (old && actor?.role === 'district_officer' && old.district !== actor.district) {
        this.state.add('errors', sheet, row, USCC_COLUMN.orgs, fileIssue('registered_elsewhere', { district: DISTRICT_LABELS[actor.district!] }), uscc);
        this.state.orgRows.set(uscc, -row);
        continue;
      }
      // File values over the registered ones: an empty cell changes nothing.
      const base: OrgCreate = old
        ? {
          uscc, name: old.name, formerNames: old.formerNames, kind: old.kind, district: old.district, address: old.address, registeredOn: old.registeredOn,
          industryCode: old.industryCode, listed: old.listed, parentGroup: old.parentGroup, contacts: old.contacts, keywords: old.keywords, mainProducts: old.mainProducts,
        }
        : { uscc, name: '', formerNames: [], kind: 'enterprise', district: DISTRICTS[0], listed: false, contacts: [], keywords: [], mainProducts: [] };
      records.push({ org: { ...base, ...values } as OrgCreate });
    }
    if (this.writing) {
      const ids = await upsertOrgBatch(this.scope, records, existing);
      for (const id of ids.values()) this.touched.add(id);
      await flushAudits(this.scope, this.ctx);
    }
    this.dealtWith(chunk.length);
  }

  /** Organisation ids of the USCCs that are registered and visible to the importer (including those this import wrote). */
  private async idsOf(usccs: string[]): Promise<Map<string, string>> {
    const rows = await this.scope.tx.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs).where(and(inArray(orgs.uscc, [...new Set(usccs)]), visibleOrgs(this.ctx)));
    return new Map(rows.map((r) => [r.uscc, r.id]));
  }

  /** Splits rows into those whose organisation is known, and reports or defers the rest. */
  private async place<R extends { uscc: string; row: number; sheet: string }>(rows: R[], deferred: R[], column: IoColumn, final: boolean): Promise<{ row: R; orgId: string }[]> {
    const ids = await this.idsOf(rows.map((r) => r.uscc));
    const placed: { row: R; orgId: string }[] = [];
    for (const r of rows) {
      const first = this.state.orgRows.get(r.uscc);
      // Its organisation row was refused, or will not be written: reported there.
      if (first !== undefined && (first < 0 || !this.writing)) continue;
      const orgId = ids.get(r.uscc);
      if (orgId) placed.push({ row: r, orgId });
      else if (final && first !== undefined) continue;
      // Its organisation may still come: in a later sheet, or in a chunk not yet written.
      else if (!final && (first !== undefined || !this.state.orgsSheetDone)) deferred.push(r);
      else this.state.add('errors', r.sheet, r.row, column, fileIssue('unknown_org', { v: r.uscc }), r.uscc);
    }
    return this.writing ? placed : [];
  }

  async facts(chunk: FactRow[], final = false): Promise<void> {
    const deferred = this.deferredFacts.length;
    const placed = await this.place(chunk, this.deferredFacts, USCC_COLUMN.facts, final);
    if (placed.length) {
      await upsertFactBatch(this.scope, placed.map(({ row: f, orgId }) => ({ orgId, uscc: f.uscc, fiscalYear: f.fiscalYear, values: f.values, ref: f.ref })));
      for (const p of placed) this.touched.add(p.orgId);
      await flushAudits(this.scope, this.ctx);
    }
    this.dealtWith(chunk.length - (this.deferredFacts.length - deferred));
  }

  async quals(chunk: QualRow[], final = false): Promise<void> {
    const deferred = this.deferredQuals.length;
    const placed = await this.place(chunk, this.deferredQuals, USCC_COLUMN.qualifications, final);
    if (placed.length) {
      await addQualificationBatch(this.scope, placed.map(({ row: q, orgId }) => ({ orgId, q: q.q, ref: q.ref })));
      for (const p of placed) this.touched.add(p.orgId);
      await flushAudits(this.scope, this.ctx);
    }
    this.dealtWith(chunk.length - (this.deferredQuals.length - deferred));
  }

  /** After the last sheet: facts and qualifications read before their organisations' sheet. */
  async finish(): Promise<void> {
    this.readerDone = true;
    await this.drain();
    const facts = this.deferredFacts.splice(0);
    for (let i = 0; i < facts.length; i += CHUNK) await this.facts(facts.slice(i, i + CHUNK), true);
    const quals = this.deferredQuals.splice(0);
    for (let i = 0; i < quals.length; i += CHUNK) await this.quals(quals.slice(i, i + CHUNK), true);
  }
}

// ---------- the job ----------

export interface ImportParams {
  dryRun: boolean;
  fileName: string;
}

class Rollback extends Error {
  constructor() {
    super('import rolled back');
  }
}

const SHEET_ORDER: Record<string, number> = { [SHEETS.orgs.name]: 1, [SHEETS.facts.name]: 2, [SHEETS.qualifications.name]: 3 };
const byPosition = (a: StoredIssue, b: StoredIssue) => (SHEET_ORDER[a.sheet ?? ''] ?? 0) - (SHEET_ORDER[b.sheet ?? ''] ?? 0) || (a.row ?? 0) - (b.row ?? 0);

/**
 * The import job. Rows stream from the file through validation to the database in chunks,
 * all inside one transaction: a valid file commits whole; a dry run, a file with an error
 * (even in its last row) or a crash leaves nothing.
 */
export const runOrgImport: JobHandler = async (ctx, job, io) => {
  const { dryRun } = job.params as unknown as ImportParams;
  const fileName = job.fileName ?? 'upload';
  const path = uploadPath(ctx.config, job.id);
  const today = ctx.now().toISOString().slice(0, 10);
  const c = new WriteState();
  const finish = async (db: Parameters<typeof io.succeed>[0], counts: BulkResult) => {
    const result: ImportResult = {
      dryRun, ...counts, errors: c.errors.sort(byPosition).slice(0, MAX_STORED_ISSUES), warnings: c.warnings.sort(byPosition).slice(0, MAX_STORED_ISSUES),
      errorCount: c.errorCount, warningCount: c.warningCount,
    };
    await io.succeed(db, result as unknown as Record<string, unknown>);
  };
  const refuse = (issue: CellIssue) => {
    c.add('errors', null, null, null, issue);
    return finish(ctx.db, emptyResult());
  };

  const sniffed = await sniff(path, fileName);
  if (sniffed.type === 'bad') return refuse(sniffed.issue);
  const input: ParseInput = { path, fileName, type: sniffed.type, today, actor: ctx.actor && { role: ctx.actor.role, district: ctx.actor.district } };
  const parse = (await stat(path)).size >= ctx.config.importWorkerFromBytes ? parseInWorker : parseThrottled;

  let writer: ChunkWriter | undefined;
  let counts: BulkResult | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const w = new ChunkWriter(ctx, tx, c, dryRun, fileName, io);
      writer = w;
      try {
        await parse(input, (e) => w.take(e));
      } catch (e) {
        // No query of this transaction may still run once it ends.
        await w.drain(true);
        // The writer's failure fails the job; the reader's is the file's problem.
        throw w.failedWith(e) || e instanceof ReaderCrashed ? e : new FileRefused(refusalOf(e));
      }
      await w.finish();
      if (c.dataRows === 0 && c.errorCount === 0) c.add('errors', null, null, null, fileIssue('no_data'));
      w.report();
      counts = w.scope.result;
      // A file with an error is never written; a dry run previews what its valid rows would do.
      if (dryRun || c.errorCount > 0) throw new Rollback();
      await finish(tx, counts);
    });
  } catch (e) {
    if (e instanceof Rollback) return finish(ctx.db, c.errorCount > 0 && !dryRun ? emptyResult() : counts!);
    if (e instanceof FileRefused) return refuse(e.issue);
    throw e;
  }
  const rows = counts!.inserted + counts!.updated + counts!.factsInserted + counts!.factsUpdated;
  if (rows >= 1000) await analyzeRegistry(ctx.db);
  await notifyOrgsChanged(ctx, [...writer!.touched]);
};
