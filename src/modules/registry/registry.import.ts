// Import of organisations, yearly facts and qualifications from xlsx or csv, run as a
// background job: check the file's kind cheaply, then stream it — rows are read (xlsx inflated
// as it goes), validated cell by cell and written in chunks of 2,000 inside one transaction,
// which commits only for a valid file (a dry run or a file with errors rolls back).
import { open, readFile } from 'node:fs/promises';
import ExcelJS from '../../lib/exceljs.ts';
import iconv from 'iconv-lite';
import { and, inArray } from 'drizzle-orm';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import type { StoredIssue } from '../jobs/jobs.schema.ts';
import { MAX_STORED_ISSUES, uploadPath, type JobHandler, type JobIo } from '../jobs/jobs.service.ts';
import type { Tx } from '../../server/db.ts';
import type { FactKey } from './facts.ts';
import {
  addQualificationBatch, analyzeRegistry, batchScope, emptyResult, flushAudits, upsertFactBatch, upsertOrgBatch,
  type BatchScope, type BulkResult, type OrgRecord,
} from './registry.bulk.ts';
import { ImportLimitError, readXlsxFast } from './registry.xlsx.ts';
import { DISTRICT_LABELS, SHEET_ALIASES, SHEETS, parseCell, type CellIssue, type IoColumn, type SheetKind } from './registry.io.ts';
import { orgs, type FactsPatch, type OrgCreate, type QualificationCreate } from './registry.schema.ts';
import { factWarnings, notifyOrgsChanged, visibleOrgs } from './registry.service.ts';

export const IMPORT_JOB_KIND = 'org_import';

export interface ImportResult extends BulkResult {
  dryRun: boolean;
  errors: StoredIssue[];
  warnings: StoredIssue[];
  errorCount: number;
  warningCount: number;
}

const FILE_MESSAGES: Record<string, Bilingual> = {
  file_empty: { zh: '文件是空的。', en: 'The file is empty.' },
  file_encoding: { zh: '无法识别文件编码：CSV 文件须为 UTF-8 或 GBK 编码（不支持 UTF-16 或二进制内容）。', en: 'Unrecognised encoding: a CSV file must be UTF-8 or GBK (not UTF-16 or binary data).' },
  file_xls: { zh: '不支持旧版 .xls 格式，请另存为 .xlsx 后再导入。', en: 'The old .xls format is not supported; save the file as .xlsx and import that.' },
  file_not_spreadsheet: { zh: '文件不是 Excel（.xlsx）或 CSV 表格。', en: 'The file is not an Excel (.xlsx) or CSV spreadsheet.' },
  file_unreadable: { zh: '文件已损坏，无法读取：{detail}', en: 'The file is damaged and cannot be read: {detail}' },
  file_bomb: { zh: '文件解压后异常膨胀（{entry} 已超过 {mb} MB，压缩比 {ratio}:1），疑似压缩炸弹，已拒绝。', en: 'The file expands abnormally when unpacked ({entry} passed {mb} MB at a ratio of {ratio}:1), like a decompression bomb; it was refused.' },
  element_too_long: { zh: '第 {row} 行（或共享字符串）超过 16 MB，已拒绝导入。', en: 'Row {row} (or a shared string) is longer than 16 MB; the file was refused.' },
  too_many_rows: { zh: '文件超过 {max} 行，请拆分为多个文件分批导入。', en: 'The file has more than {max} rows; split it into several files and import them one by one.' },
  no_data: { zh: '文件中没有可导入的数据行（数据从第3行开始，或 CSV 的第2行）。', en: 'The file holds no data rows to import (data starts at row 3, or row 2 of a CSV).' },
  missing_columns: { zh: '缺少必需的列：{label}（{key}）。', en: 'A required column is missing: {label} ({key}).' },
  unrecognised_sheet: { zh: '无法识别工作表“{sheet}”的表头（第1行中文列名或第2行字段名），已忽略。', en: 'Sheet "{sheet}" has no recognisable header (Chinese labels in row 1 or field keys in row 2); it was skipped.' },
  unrecognised_csv: { zh: 'CSV 表头中没有可识别的列：单位表需要 uscc、name、kind、district，年度数据需要 uscc、fiscalYear。', en: 'The CSV header has no recognisable columns: organisations need uscc, name, kind, district; yearly facts need uscc, fiscalYear.' },
  unknown_column: { zh: '未知的列“{v}”，已忽略。', en: 'Unknown column "{v}" was ignored.' },
  duplicate: { zh: '与第 {first} 行重复（{what}）。', en: 'Duplicate of row {first} ({what}).' },
  unknown_org: { zh: '统一社会信用代码 {v} 既不在本文件的“单位”表中，也未在系统中登记。', en: 'The USCC {v} is neither in this file\'s organisations nor registered.' },
  out_of_scope: { zh: '只能导入本辖区（{district}）的单位。', en: 'You can only import organisations of your district ({district}).' },
  registered_elsewhere: { zh: '该单位已登记在其他区，只能导入本辖区（{district}）的单位。', en: 'This organisation is registered in another district; you can only import organisations of your district ({district}).' },
};

function fileIssue(code: string, params: Record<string, unknown> = {}): CellIssue {
  const m = FILE_MESSAGES[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (x, k: string) => (k in params ? String(params[k]) : x));
  return { code, zh: fill(m.zh), en: fill(m.en) };
}

// ---------- the pipeline: reader → parse/validate → writer ----------

/** Rows per chunk handed from the parser to the writer: memory stays flat, and on PostgreSQL parsing overlaps the write. */
const CHUNK = 2_000;

interface OrgRow { uscc: string; values: Partial<OrgCreate>; row: number; sheet: string }
interface FactRow { uscc: string; fiscalYear: number; values: FactsPatch; row: number; sheet: string; ref: string }
interface QualRow { uscc: string; q: QualificationCreate; row: number; sheet: string; ref: string }

/**
 * Everything the import keeps while rows stream through: the problems found, the counts, and
 * one key set per sheet for duplicates — USCC → first row, negated when that row was refused,
 * so the facts of a refused organisation are neither written nor reported as unknown.
 */
class ImportState {
  errors: StoredIssue[] = [];
  warnings: StoredIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  rowsRead = 0;
  dataRows = 0;
  orgRows = new Map<string, number>();
  factRows = new Map<string, number>();
  qualRows = new Map<string, number>();
  /** True once an organisations sheet has been read to its end: facts of USCCs not known by then are unknown. */
  orgsSheetDone = false;

  add(list: 'errors' | 'warnings', sheet: string | null, row: number | null, col: IoColumn | null, issue: CellIssue, value?: unknown) {
    if (list === 'errors') this.errorCount++;
    else this.warningCount++;
    const target = this[list];
    if (target.length >= MAX_STORED_ISSUES) return;
    const v = value === undefined || value === null ? null : (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'object' ? JSON.stringify(value) : String(value)).slice(0, 200);
    target.push({ sheet, row, column: col?.key ?? null, label: col ? { zh: col.zh, en: col.en } : null, code: issue.code, value: v, zh: issue.zh, en: issue.en });
  }
}

const columnOf = (kind: SheetKind, key: string) => SHEETS[kind].columns.find((c) => c.key === key)!;
const USCC_COLUMN = { orgs: columnOf('orgs', 'uscc'), facts: columnOf('facts', 'uscc'), qualifications: columnOf('qualifications', 'uscc') };

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

  constructor(private ctx: Ctx, tx: Tx, private state: ImportState, private dryRun: boolean, fileName: string, private io: JobIo) {
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
    return this.dryRun || this.state.errorCount === 0;
  }

  /** Queues a chunk; resolves when the reader may go on (the previous chunk is written), so one chunk is written while the next is parsed. */
  schedule(task: () => Promise<void>): Promise<void> {
    const previous = this.tail;
    this.tail = previous.then(task).catch((error: unknown) => {
      this.failure ??= { error };
      throw error;
    });
    // A failure surfaces through the reader's next wait or drain(), never as an unhandled rejection.
    this.tail.catch(() => {});
    return previous;
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

const HEADER_INDEX: Record<SheetKind, Map<string, IoColumn>> = Object.fromEntries(
  (Object.keys(SHEETS) as SheetKind[]).map((kind) => {
    const m = new Map<string, IoColumn>();
    for (const c of SHEETS[kind].columns) {
      for (const name of [c.key, c.zh, c.zh.replace(/（元）$/, ''), c.en]) m.set(normaliseHeader(name), c);
    }
    return [kind, m];
  }),
) as Record<SheetKind, Map<string, IoColumn>>;

function normaliseHeader(v: unknown): string {
  return String(v ?? '').trim().toLowerCase().replace(/[\s*＊]/g, '');
}

function mapHeader(kind: SheetKind, cells: unknown[]): (IoColumn | null)[] {
  return cells.map((c) => HEADER_INDEX[kind].get(normaliseHeader(c)) ?? null);
}

function guessKind(cells: unknown[]): SheetKind | null {
  const keys = new Set(cells.map(normaliseHeader));
  const has = (kind: SheetKind, key: string) => [...keys].some((k) => HEADER_INDEX[kind].get(k)?.key === key);
  if (has('facts', 'fiscalYear')) return 'facts';
  if (has('qualifications', 'certificateNo') || has('qualifications', 'expiresOn')) return 'qualifications';
  if (has('orgs', 'name') || has('orgs', 'district')) return 'orgs';
  return null;
}

/** Where a sheet's rows go; a returned promise asks the reader to wait (the writer is a chunk behind). */
interface SheetParser {
  push(rowNumber: number, cells: unknown[]): Promise<void> | void;
  end(): Promise<void> | void;
}

const isBlank = (x: unknown) => x === null || x === undefined || (typeof x === 'string' && x.trim() === '');

/**
 * Reads one sheet: finds the header (Chinese labels in the first row and/or keys in the
 * second), checks the required columns, then validates each data row as it arrives and hands
 * full chunks to the writer.
 */
function sheetParser(ctx: Ctx, c: ImportState, w: ChunkWriter, sheetName: string, hint: SheetKind | null, fileName: string, today: string): SheetParser {
  const pending: { n: number; cells: unknown[] }[] = [];
  /** Each recognised column once (the first of repeated headers), with its cell index. */
  let active: { col: IoColumn; i: number }[] | null = null;
  let kind: SheetKind | null = hint;
  let skip = false;
  let sheet = sheetName;
  let districtIndex = -1;
  let orgChunk: OrgRow[] = [];
  let factChunk: FactRow[] = [];
  let qualChunk: QualRow[] = [];

  const flush = (): Promise<void> | void => {
    if (orgChunk.length) {
      const chunk = orgChunk;
      orgChunk = [];
      w.queued += chunk.length;
      return w.schedule(() => w.orgs(chunk));
    }
    if (factChunk.length) {
      const chunk = factChunk;
      factChunk = [];
      w.queued += chunk.length;
      return w.schedule(() => w.facts(chunk));
    }
    if (qualChunk.length) {
      const chunk = qualChunk;
      qualChunk = [];
      w.queued += chunk.length;
      return w.schedule(() => w.quals(chunk));
    }
  };

  const startData = () => {
    const [first, second] = pending;
    if (!kind) kind = guessKind(second ? [...first.cells, ...second.cells] : first.cells);
    if (!kind) {
      c.add(hint === null && sheetName === '' ? 'errors' : 'warnings', sheetName || null, first.n, null, fileIssue(sheetName === '' ? 'unrecognised_csv' : 'unrecognised_sheet', { sheet: sheetName }));
      skip = true;
      return;
    }
    if (!sheet) sheet = SHEETS[kind].name;
    const m1 = mapHeader(kind, first.cells);
    const m2 = second ? mapHeader(kind, second.cells) : [];
    const nonEmpty2 = second ? second.cells.filter((x) => normaliseHeader(x) !== '').length : 0;
    const mapped2 = m2.filter(Boolean).length;
    // Row 2 is the key row when most of it names columns; otherwise it is already data.
    const twoHeaderRows = !!second && mapped2 > 0 && mapped2 * 2 >= nonEmpty2;
    const columns = Array.from({ length: Math.max(m1.length, m2.length) }, (_, i) => (twoHeaderRows ? m2[i] ?? m1[i] : m1[i]) ?? null);
    const headerRow = twoHeaderRows ? second!.n : first.n;
    const headerCells = twoHeaderRows ? second!.cells : first.cells;
    columns.forEach((col, i) => {
      if (!col && normaliseHeader(headerCells[i]) !== '') c.add('warnings', sheet, headerRow, null, fileIssue('unknown_column', { v: String(headerCells[i]) }));
    });
    const missing = SHEETS[kind].columns.filter((col) => col.required && !columns.includes(col));
    for (const col of missing) c.add('errors', sheet, headerRow, col, fileIssue('missing_columns', { label: col.zh, key: col.key }));
    if (missing.length) {
      skip = true;
      return;
    }
    active = [];
    const seen = new Set<string>();
    columns.forEach((col, i) => {
      if (col && !seen.has(col.key)) {
        seen.add(col.key);
        active!.push({ col, i });
      }
    });
    districtIndex = columns.findIndex((col) => col?.key === 'district');
    if (!twoHeaderRows && second) return dataRow(second.n, second.cells);
  };

  const dataRow = (n: number, cells: unknown[]): Promise<void> | void => {
    if (cells.every(isBlank)) return;
    c.dataRows++;
    // The row's values without the USCC and year, which key it.
    const values: Record<string, unknown> = {};
    let uscc: string | undefined;
    let year: number | undefined;
    let bad = false;
    for (const { col, i } of active!) {
      const raw = cells[i];
      const p = parseCell(col, raw, today);
      if (!p.ok) {
        c.add('errors', sheet, n, col, p.issue, raw);
        bad = true;
      } else if (p.value !== undefined) {
        if (col.key === 'uscc') uscc = p.value as string;
        else if (col.key === 'fiscalYear' && kind === 'facts') year = p.value as number;
        else values[col.key] = p.value;
      }
    }
    const duplicate = (rows: Map<string, number>, key: string, what: string) => {
      const first = rows.get(key);
      if (first === undefined) {
        rows.set(key, bad ? -n : n);
        return false;
      }
      c.add('errors', sheet, n, USCC_COLUMN[kind!], fileIssue('duplicate', { first: Math.abs(first), what }), uscc);
      return true;
    };
    if (kind === 'orgs') {
      if (uscc && duplicate(c.orgRows, uscc, uscc)) return;
      const actor = ctx.actor;
      if (!bad && actor?.role === 'district_officer' && values.district && values.district !== actor.district) {
        c.add('errors', sheet, n, columnOf('orgs', 'district'), fileIssue('out_of_scope', { district: DISTRICT_LABELS[actor.district!] }), cells[districtIndex]);
        c.orgRows.set(uscc!, -n);
        return;
      }
      if (bad) return;
      orgChunk.push({ uscc: uscc!, values: values as Partial<OrgCreate>, row: n, sheet });
      if (orgChunk.length >= CHUNK) return flush();
    } else if (kind === 'facts') {
      if (uscc && year !== undefined && duplicate(c.factRows, `${uscc}/${year}`, `${uscc} ${year}`)) return;
      if (bad) return;
      for (const warn of factWarnings(values as Partial<Record<FactKey, number | boolean | null>>)) c.add('warnings', sheet, n, columnOf('facts', warn.field), warn, values[warn.field]);
      factChunk.push({ uscc: uscc!, fiscalYear: year!, values: values as FactsPatch, row: n, sheet, ref: `${fileName} ${sheet}!${n}` });
      if (factChunk.length >= CHUNK) return flush();
    } else {
      const q = values as QualificationCreate;
      if (uscc && q.kind && duplicate(c.qualRows, `${uscc}/${q.kind}/${q.certificateNo ?? ''}`, `${uscc} ${q.kind} ${q.certificateNo ?? ''}`)) return;
      if (bad) return;
      qualChunk.push({ uscc: uscc!, q, row: n, sheet, ref: `${fileName} ${sheet}!${n}` });
      if (qualChunk.length >= CHUNK) return flush();
    }
  };

  return {
    push(n, cells) {
      c.rowsRead++;
      if (skip) return;
      if (active) return dataRow(n, cells);
      pending.push({ n, cells });
      if (pending.length === 2) return startData();
    },
    end() {
      if (!active && !skip && pending.length === 1) startData();
      const done = flush();
      // In the writer's order: facts queued before this sheet's last chunk is written may still defer.
      return kind === 'orgs' && !skip ? w.schedule(async () => { c.orgsSheetDone = true; }) : done;
    },
  };
}

// ---------- reading files ----------

/** Rows of all sheets together: 100,000 organisations with three years of facts are 400,000. */
export const MAX_IMPORT_ROWS = 500_000;

type Sniffed = { type: 'xlsx' } | { type: 'csv' } | { type: 'bad'; issue: CellIssue };

/** Decides from the first and last bytes what the file is, without reading all of it. */
async function sniff(path: string, fileName: string): Promise<Sniffed> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return { type: 'bad', issue: fileIssue('file_empty') };
    const head = Buffer.alloc(Math.min(size, 8));
    await fh.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return { type: 'bad', issue: fileIssue('file_xls') };
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      // A real xlsx ends with a zip directory that lists xl/workbook.xml.
      const tailLen = Math.min(size, 65_557);
      const tail = Buffer.alloc(tailLen);
      await fh.read(tail, 0, tailLen, size - tailLen);
      const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      if (eocd < 0 || eocd + 22 > tailLen) return { type: 'bad', issue: fileIssue('file_not_spreadsheet') };
      const dirSize = tail.readUInt32LE(eocd + 12);
      const dirOffset = tail.readUInt32LE(eocd + 16);
      if (dirOffset + dirSize > size || dirSize > 16 * 1024 * 1024) return { type: 'bad', issue: fileIssue('file_not_spreadsheet') };
      const dir = Buffer.alloc(dirSize);
      await fh.read(dir, 0, dirSize, dirOffset);
      return dir.includes('xl/workbook.xml') ? { type: 'xlsx' } : { type: 'bad', issue: fileIssue('file_not_spreadsheet') };
    }
    if (/\.xlsx$/i.test(fileName)) return { type: 'bad', issue: fileIssue('file_not_spreadsheet') };
    return { type: 'csv' };
  } finally {
    await fh.close();
  }
}

/** A GBK (GB18030) byte sequence: ASCII, lead 81–FE + trail 40–FE except 7F, or the four-byte form. */
function isGb18030(buf: Buffer): boolean {
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff || i + 1 >= buf.length) return false;
    const b2 = buf[i + 1];
    if (b2 >= 0x40 && b2 <= 0xfe && b2 !== 0x7f) {
      i += 2;
    } else if (b2 >= 0x30 && b2 <= 0x39 && i + 3 < buf.length && buf[i + 2] >= 0x81 && buf[i + 2] <= 0xfe && buf[i + 3] >= 0x30 && buf[i + 3] <= 0x39) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK; anything else is refused. */
export function decodeCsv(buf: Buffer): { text: string } | { issue: CellIssue } {
  if (buf.length === 0) return { issue: fileIssue('file_empty') };
  // UTF-16 (either byte order) and binary data contain NUL bytes or a UTF-16 byte-order mark.
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff) || buf.includes(0)) return { issue: fileIssue('file_encoding') };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    if (!isGb18030(buf)) return { issue: fileIssue('file_encoding') };
    text = iconv.decode(buf, 'gb18030');
  }
  if (text.trim() === '') return { issue: fileIssue('file_empty') };
  return { text };
}

/** RFC 4180 records (quotes, doubled quotes, CRLF/LF/CR line ends). */
export function* parseCsv(text: string): Generator<string[]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      row.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (i < n) i++;
    yield row;
  }
}

async function readXlsx(path: string, onSheet: (name: string, hint: SheetKind | null) => SheetParser | null): Promise<void> {
  const open = (name: string, state: string | undefined) =>
    state === 'hidden' || state === 'veryHidden' ? null : onSheet(name, SHEET_ALIASES[name.trim().toLowerCase()] ?? null);
  // The fast reader handles what spreadsheet programs write; anything else goes to exceljs.
  if (await readXlsxFast(path, (name) => open(name, undefined))) return;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rowsSeen = false;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as { name: string; state?: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      const parser = open(sheet.name, sheet.state);
      // Every sheet must be read to the end: the zip is one stream.
      for await (const row of sheet) {
        rowsSeen = true;
        await parser?.push(row.number, (row.values as unknown[]).slice(1));
      }
      await parser?.end();
    }
  } catch (err) {
    // The streaming reader needs xl/workbook.xml before the first worksheet in the zip; some
    // writers (exceljs's own buffer writer, at random) put it later. Such a file fails before
    // any row is read, so reading it whole instead loses nothing.
    if (rowsSeen || !(err instanceof TypeError && err.message.includes("reading 'sheets'"))) throw err;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    for (const ws of wb.worksheets) {
      const parser = open(ws.name, ws.state);
      const rows: [number, unknown[]][] = [];
      ws.eachRow((row, n) => rows.push([n, (row.values as unknown[]).slice(1)]));
      for (const [n, cells] of rows) await parser?.push(n, cells);
      await parser?.end();
    }
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

/** The reader failed on the file (not the database): reported as a damaged file. */
class Unreadable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
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
  const c = new ImportState();
  const finish = async (db: Parameters<typeof io.succeed>[0], counts: BulkResult) => {
    const result: ImportResult = {
      dryRun, ...counts, errors: c.errors.sort(byPosition), warnings: c.warnings.sort(byPosition), errorCount: c.errorCount, warningCount: c.warningCount,
    };
    await io.succeed(db, result as unknown as Record<string, unknown>);
  };
  const refuse = (issue: CellIssue) => {
    c.add('errors', null, null, null, issue);
    return finish(ctx.db, emptyResult());
  };

  const sniffed = await sniff(path, fileName);
  if (sniffed.type === 'bad') return refuse(sniffed.issue);
  let csv: string | null = null;
  let total = 0;
  if (sniffed.type === 'csv') {
    const decoded = decodeCsv(await readFile(path));
    if ('issue' in decoded) return refuse(decoded.issue);
    const text = decoded.text.replace(/^\uFEFF/, '');
    // Line count: a good enough total for the progress bar.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) total++;
    csv = text;
  }
  // While reading, rows read (the writer is a chunk behind); then the writer's last chunks.
  const reading = () => {
    if (c.rowsRead > MAX_IMPORT_ROWS) throw new ImportLimitError('too_many_rows', { max: MAX_IMPORT_ROWS.toLocaleString('en-US') });
    if (c.rowsRead % 1_000 === 0) io.progress({ done: c.rowsRead, total: Math.max(total, c.rowsRead), phase: 'reading' });
  };

  let writer: ChunkWriter | undefined;
  let counts: BulkResult | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const w = new ChunkWriter(ctx, tx, c, dryRun, fileName, io);
      writer = w;
      const parserFor = (name: string, hint: SheetKind | null): SheetParser => {
        const p = sheetParser(ctx, c, w, name, hint, fileName, today);
        return {
          push: (n, cells) => {
            const wait = p.push(n, cells);
            reading();
            return wait;
          },
          end: () => p.end(),
        };
      };
      try {
        if (csv !== null) {
          const parser = parserFor('', null);
          let n = 0;
          for (const record of parseCsv(csv)) await parser.push(++n, record);
          await parser.end();
        } else {
          await readXlsx(path, (name, hint) => (name === '说明' || name === '代码表' ? null : parserFor(name, hint)));
        }
      } catch (e) {
        // No query of this transaction may still run once it ends.
        await w.drain(true);
        // The writer's failure fails the job; the reader's is the file's problem.
        throw w.failedWith(e) || e instanceof ImportLimitError ? e : new Unreadable(e);
      }
      io.progress({ done: c.rowsRead, total: c.rowsRead, phase: 'reading' });
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
    if (e instanceof ImportLimitError) return refuse(fileIssue(e.code, e.params));
    if (e instanceof Unreadable) return refuse(fileIssue('file_unreadable', { detail: e.message.slice(0, 200) }));
    throw e;
  }
  const rows = counts!.inserted + counts!.updated + counts!.factsInserted + counts!.factsUpdated;
  if (rows >= 1000) await analyzeRegistry(ctx.db);
  await notifyOrgsChanged(ctx, [...writer!.touched]);
};
