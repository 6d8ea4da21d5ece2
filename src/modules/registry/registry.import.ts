// Import of organisations, yearly facts and qualifications from xlsx or csv, run as a
// background job: check the file's kind cheaply, read it row by row (xlsx streamed), validate
// every cell, then write everything in one transaction through bulkUpsertOrgs — or, for a
// dry run or a file with errors, nothing.
import { open, readFile } from 'node:fs/promises';
import ExcelJS from '../../lib/exceljs.ts';
import iconv from 'iconv-lite';
import { and, inArray } from 'drizzle-orm';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import type { StoredIssue } from '../jobs/jobs.schema.ts';
import { MAX_STORED_ISSUES, uploadPath, type JobHandler } from '../jobs/jobs.service.ts';
import { FACT_KEYS, FLAG_FACT_KEYS, type FactKey } from './facts.ts';
import { analyzeRegistry, bulkUpsertOrgs, type BulkResult, type OrgRecord } from './registry.bulk.ts';
import { ImportLimitError, readXlsxFast } from './registry.xlsx.ts';
import { DISTRICT_LABELS, SHEET_ALIASES, SHEETS, parseCell, type CellIssue, type IoColumn, type SheetKind } from './registry.io.ts';
import { orgs, type FactsPatch, type OrgCreate, type QualificationCreate } from './registry.schema.ts';
import { factWarnings, notifyOrgsImported, visibleOrgs } from './registry.service.ts';

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

// ---------- collecting rows ----------

/**
 * One year's facts from a row, packed: a Float64Array over FACT_KEYS (NaN = empty cell, flags
 * as 1/0) holds 300,000 rows in ~150 MB, where objects with ~60 keys each took over 1 GB.
 */
interface FactEntry { fiscalYear: number; packed: Float64Array | null; values: FactsPatch | null; ref: string; row: number; sheet: string }

const FACT_INDEX = new Map(FACT_KEYS.map((k, i) => [k, i]));
const FLAG_KEYS = new Set<string>(FLAG_FACT_KEYS);

function packFacts(values: Record<string, unknown>): Pick<FactEntry, 'packed' | 'values'> {
  const packed = new Float64Array(FACT_KEYS.length).fill(NaN);
  for (const [k, v] of Object.entries(values)) {
    const i = FACT_INDEX.get(k as FactKey);
    if (i === undefined || (typeof v !== 'number' && typeof v !== 'boolean')) return { packed: null, values: values as FactsPatch };
    packed[i] = Number(v);
  }
  return { packed, values: null };
}

function unpackFacts(f: FactEntry): FactsPatch {
  if (!f.packed) return f.values!;
  const out: Record<string, number | boolean> = {};
  for (let i = 0; i < FACT_KEYS.length; i++) {
    const v = f.packed[i];
    if (!Number.isNaN(v)) out[FACT_KEYS[i]] = FLAG_KEYS.has(FACT_KEYS[i]) ? v !== 0 : v;
  }
  return out as FactsPatch;
}

/** A record whose facts are still packed; unpacked a chunk at a time while writing. */
type PendingRecord = Omit<OrgRecord, 'facts'> & { facts?: FactEntry[] };

function unpackRecord(r: PendingRecord): OrgRecord {
  return { ...r, facts: r.facts?.map((f) => ({ fiscalYear: f.fiscalYear, values: unpackFacts(f), ref: f.ref })) };
}

/** Everything read from the file so far, plus its problems. */
class Collected {
  errors: StoredIssue[] = [];
  warnings: StoredIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  rowsRead = 0;
  dataRows = 0;
  /** Valid organisation rows by USCC: the values the file gives (empty cells are left out). */
  orgs = new Map<string, { values: Partial<OrgCreate>; row: number; sheet: string }>();
  /** First row of each USCC in the organisations sheet, valid or not (duplicates; facts of a bad row are not "unknown"). */
  orgRows = new Map<string, number>();
  facts = new Map<string, FactEntry[]>();
  factRows = new Map<string, number>();
  quals = new Map<string, { q: QualificationCreate; row: number; sheet: string }[]>();
  qualRows = new Map<string, number>();

  add(list: 'errors' | 'warnings', sheet: string | null, row: number | null, col: IoColumn | null, issue: CellIssue, value?: unknown) {
    if (list === 'errors') this.errorCount++;
    else this.warningCount++;
    const target = this[list];
    if (target.length >= MAX_STORED_ISSUES) return;
    const v = value === undefined || value === null ? null : (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'object' ? JSON.stringify(value) : String(value)).slice(0, 200);
    target.push({ sheet, row, column: col?.key ?? null, label: col ? { zh: col.zh, en: col.en } : null, code: issue.code, value: v, zh: issue.zh, en: issue.en });
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

interface SheetParser {
  push(rowNumber: number, cells: unknown[]): void;
  end(): void;
}

/**
 * Reads one sheet: finds the header (Chinese labels in the first row and/or keys in the
 * second), checks the required columns, then validates each data row as it arrives.
 */
function sheetParser(ctx: Ctx, c: Collected, sheetName: string, hint: SheetKind | null, fileName: string, today: string): SheetParser {
  const pending: { n: number; cells: unknown[] }[] = [];
  let columns: (IoColumn | null)[] | null = null;
  let kind: SheetKind | null = hint;
  let skip = false;
  let sheet = sheetName;

  const startData = () => {
    const [first, second] = pending;
    const candidates = kind ? [kind] : [];
    if (!kind) {
      const k = guessKind(second ? [...first.cells, ...second.cells] : first.cells);
      if (k) candidates.push(k);
    }
    kind = candidates[0] ?? null;
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
    columns = Array.from({ length: Math.max(m1.length, m2.length) }, (_, i) => (twoHeaderRows ? m2[i] ?? m1[i] : m1[i]) ?? null);
    const headerRow = twoHeaderRows ? second!.n : first.n;
    const headerCells = twoHeaderRows ? second!.cells : first.cells;
    columns.forEach((col, i) => {
      if (!col && normaliseHeader(headerCells[i]) !== '') c.add('warnings', sheet, headerRow, null, fileIssue('unknown_column', { v: String(headerCells[i]) }));
    });
    const missing = SHEETS[kind].columns.filter((col) => col.required && !columns!.includes(col));
    for (const col of missing) c.add('errors', sheet, headerRow, col, fileIssue('missing_columns', { label: col.zh, key: col.key }));
    if (missing.length) {
      skip = true;
      return;
    }
    if (!twoHeaderRows && second) dataRow(second.n, second.cells);
  };

  const dataRow = (n: number, cells: unknown[]) => {
    if (cells.every((x) => x === null || x === undefined || (typeof x === 'string' && x.trim() === ''))) return;
    c.dataRows++;
    const values: Record<string, unknown> = {};
    let bad = false;
    const seen = new Set<string>();
    const check = (col: IoColumn, raw: unknown) => {
      const p = parseCell(col, raw, today);
      if (!p.ok) {
        c.add('errors', sheet, n, col, p.issue, raw);
        bad = true;
      } else if (p.value !== undefined) values[col.key] = p.value;
    };
    columns!.forEach((col, i) => {
      if (!col || seen.has(col.key)) return;
      seen.add(col.key);
      check(col, cells[i]);
    });
    const ref = `${fileName} ${sheet}!${n}`;
    const uscc = values.uscc as string | undefined;
    const colOf = (key: string) => SHEETS[kind!].columns.find((x) => x.key === key)!;
    const duplicate = (rows: Map<string, number>, key: string, what: string) => {
      const first = rows.get(key);
      if (first === undefined) {
        rows.set(key, n);
        return false;
      }
      c.add('errors', sheet, n, colOf('uscc'), fileIssue('duplicate', { first, what }), uscc);
      return true;
    };
    if (kind === 'orgs') {
      if (uscc && duplicate(c.orgRows, uscc, uscc)) return;
      const actor = ctx.actor;
      if (actor?.role === 'district_officer' && values.district && values.district !== actor.district) {
        c.add('errors', sheet, n, colOf('district'), fileIssue('out_of_scope', { district: DISTRICT_LABELS[actor.district!] }), cells[columns!.indexOf(colOf('district'))]);
        bad = true;
      }
      if (!bad) c.orgs.set(uscc!, { values: values as Partial<OrgCreate>, row: n, sheet });
    } else if (kind === 'facts') {
      const year = values.fiscalYear as number | undefined;
      if (uscc && year !== undefined && duplicate(c.factRows, `${uscc}/${year}`, `${uscc} ${year}`)) return;
      if (bad) return;
      const { uscc: _u, fiscalYear: _y, ...facts } = values;
      for (const w of factWarnings(facts as Partial<Record<FactKey, number | boolean | null>>)) c.add('warnings', sheet, n, colOf(w.field), w, values[w.field]);
      const list = c.facts.get(uscc!) ?? [];
      list.push({ fiscalYear: year!, ...packFacts(facts), ref, row: n, sheet });
      c.facts.set(uscc!, list);
    } else {
      const q = values as QualificationCreate & { uscc?: string };
      if (uscc && q.kind && duplicate(c.qualRows, `${uscc}/${q.kind}/${q.certificateNo ?? ''}`, `${uscc} ${q.kind} ${q.certificateNo ?? ''}`)) return;
      if (bad) return;
      const { uscc: _u, ...qual } = q;
      const list = c.quals.get(uscc!) ?? [];
      list.push({ q: qual, row: n, sheet });
      c.quals.set(uscc!, list);
    }
  };

  return {
    push(n, cells) {
      c.rowsRead++;
      if (skip) return;
      if (columns) return dataRow(n, cells);
      pending.push({ n, cells });
      if (pending.length === 2) startData();
    },
    end() {
      if (!columns && !skip && pending.length === 1) startData();
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
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as { name: string; state?: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      const parser = open(sheet.name, sheet.state);
      // Every sheet must be read to the end: the zip is one stream.
      for await (const row of sheet) parser?.push(row.number, (row.values as unknown[]).slice(1));
      parser?.end();
    }
  } catch (err) {
    // The streaming reader needs xl/workbook.xml before the first worksheet in the zip; some
    // writers (exceljs's own buffer writer, at random) put it later. Such a file fails before
    // any row is read, so reading it whole instead loses nothing.
    if (!(err instanceof TypeError && err.message.includes("reading 'sheets'"))) throw err;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    for (const ws of wb.worksheets) {
      const parser = open(ws.name, ws.state);
      ws.eachRow((row, n) => parser?.push(n, (row.values as unknown[]).slice(1)));
      parser?.end();
    }
  }
}

// ---------- the job ----------

export interface ImportParams {
  dryRun: boolean;
  fileName: string;
}

/** Builds complete organisation records: file values over the registered ones (an empty cell changes nothing). */
async function resolve(ctx: Ctx, c: Collected, fileName: string): Promise<{ records: PendingRecord[]; factsOnly: number }> {
  const records: PendingRecord[] = [];
  const actor = ctx.actor;
  const CHUNK = 1_000;
  const fileOrgs = [...c.orgs.keys()];
  for (let i = 0; i < fileOrgs.length; i += CHUNK) {
    const chunk = fileOrgs.slice(i, i + CHUNK);
    const existing = new Map((await ctx.db.select().from(orgs).where(inArray(orgs.uscc, chunk))).map((o) => [o.uscc, o]));
    for (const uscc of chunk) {
      const { values, row, sheet } = c.orgs.get(uscc)!;
      const old = existing.get(uscc);
      if (old && actor?.role === 'district_officer' && old.district !== actor.district) {
        c.add('errors', sheet, row, SHEETS.orgs.columns[0], fileIssue('registered_elsewhere', { district: DISTRICT_LABELS[actor.district!] }), uscc);
        continue;
      }
      const base: OrgCreate = old
        ? {
          uscc, name: old.name, formerNames: old.formerNames, kind: old.kind, district: old.district, address: old.address, registeredOn: old.registeredOn,
          industryCode: old.industryCode, listed: old.listed, parentGroup: old.parentGroup, contacts: old.contacts, keywords: old.keywords, mainProducts: old.mainProducts,
        }
        : { uscc, name: '', formerNames: [], kind: 'enterprise', district: DISTRICTS[0], listed: false, contacts: [], keywords: [], mainProducts: [] };
      records.push({
        org: { ...base, ...values } as OrgCreate, ref: `${fileName} ${sheet}!${row}`,
        facts: c.facts.get(uscc), qualifications: c.quals.get(uscc)?.map((x) => x.q),
      });
    }
  }
  // Facts and qualifications of organisations that are not in the file must be registered (and visible).
  const others = [...new Set([...c.facts.keys(), ...c.quals.keys()])].filter((u) => !c.orgRows.has(u));
  let factsOnly = 0;
  for (let i = 0; i < others.length; i += CHUNK) {
    const chunk = others.slice(i, i + CHUNK);
    const existing = new Map((await ctx.db.select().from(orgs).where(and(inArray(orgs.uscc, chunk), visibleOrgs(ctx)))).map((o) => [o.uscc, o]));
    for (const uscc of chunk) {
      const old = existing.get(uscc);
      if (!old) {
        for (const f of c.facts.get(uscc) ?? []) c.add('errors', f.sheet, f.row, SHEETS.facts.columns[0], fileIssue('unknown_org', { v: uscc }), uscc);
        for (const q of c.quals.get(uscc) ?? []) c.add('errors', q.sheet, q.row, SHEETS.qualifications.columns[0], fileIssue('unknown_org', { v: uscc }), uscc);
        continue;
      }
      factsOnly++;
      records.push({
        org: {
          uscc, name: old.name, formerNames: old.formerNames, kind: old.kind, district: old.district, address: old.address, registeredOn: old.registeredOn,
          industryCode: old.industryCode, listed: old.listed, parentGroup: old.parentGroup, contacts: old.contacts, keywords: old.keywords, mainProducts: old.mainProducts,
        },
        facts: c.facts.get(uscc), qualifications: c.quals.get(uscc)?.map((x) => x.q),
      });
    }
  }
  return { records, factsOnly };
}

const WRITE_CHUNK = 2_000;

class DryRunRollback extends Error {
  constructor(readonly result: BulkResult) {
    super('dry run');
  }
}

const SHEET_ORDER: Record<string, number> = { [SHEETS.orgs.name]: 1, [SHEETS.facts.name]: 2, [SHEETS.qualifications.name]: 3 };
const byPosition = (a: StoredIssue, b: StoredIssue) => (SHEET_ORDER[a.sheet ?? ''] ?? 0) - (SHEET_ORDER[b.sheet ?? ''] ?? 0) || (a.row ?? 0) - (b.row ?? 0);

/** The import job: reads the upload, validates, and writes all or nothing. */
export const runOrgImport: JobHandler = async (ctx, job, io) => {
  const { dryRun } = job.params as unknown as ImportParams;
  const fileName = job.fileName ?? 'upload';
  const path = uploadPath(ctx.config, job.id);
  const today = ctx.now().toISOString().slice(0, 10);
  const c = new Collected();
  const zero: BulkResult = { inserted: 0, updated: 0, unchanged: 0, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 };
  const finish = async (db: Parameters<typeof io.succeed>[0], counts: BulkResult) => {
    const result: ImportResult = {
      dryRun, ...counts, errors: c.errors.sort(byPosition), warnings: c.warnings.sort(byPosition), errorCount: c.errorCount, warningCount: c.warningCount,
    };
    await io.succeed(db, result as unknown as Record<string, unknown>);
  };

  let total = 0;
  const reading = () => {
    if (c.rowsRead > MAX_IMPORT_ROWS) throw new ImportLimitError('too_many_rows', { max: MAX_IMPORT_ROWS.toLocaleString('en-US') });
    if (c.rowsRead % 1_000 === 0) io.progress({ done: c.rowsRead, total: Math.max(total, c.rowsRead), phase: 'reading' });
  };
  const refused = (e: unknown) => {
    if (!(e instanceof ImportLimitError)) throw e;
    c.add('errors', null, null, null, fileIssue(e.code, e.params));
    return finish(ctx.db, zero);
  };
  const sniffed = await sniff(path, fileName);
  if (sniffed.type === 'bad') {
    c.add('errors', null, null, null, sniffed.issue);
    return finish(ctx.db, zero);
  }
  if (sniffed.type === 'csv') {
    const decoded = decodeCsv(await readFile(path));
    if ('issue' in decoded) {
      c.add('errors', null, null, null, decoded.issue);
      return finish(ctx.db, zero);
    }
    // Line count: a good enough total for the progress bar while reading.
    for (let i = decoded.text.indexOf('\n'); i >= 0; i = decoded.text.indexOf('\n', i + 1)) total++;
    const parser = sheetParser(ctx, c, '', null, fileName, today);
    let n = 0;
    try {
      for (const record of parseCsv(decoded.text.replace(/^\uFEFF/, ''))) {
        parser.push(++n, record);
        reading();
      }
    } catch (e) {
      return refused(e);
    }
    parser.end();
  } else {
    try {
      await readXlsx(path, (name, hint) => {
        if (name === '说明' || name === '代码表') return null;
        const p = sheetParser(ctx, c, name, hint, fileName, today);
        return { push: (n, cells) => { p.push(n, cells); reading(); }, end: () => p.end() };
      });
    } catch (e) {
      if (e instanceof ImportLimitError) return refused(e);
      c.add('errors', null, null, null, fileIssue('file_unreadable', { detail: (e as Error).message.slice(0, 200) }));
      return finish(ctx.db, zero);
    }
  }
  if (c.dataRows === 0 && c.errorCount === 0) c.add('errors', null, null, null, fileIssue('no_data'));
  io.progress({ done: c.rowsRead, total: c.rowsRead, phase: 'reading' });

  const { records, factsOnly } = await resolve(ctx, c, fileName);
  // A file with errors is never written; a dry run still previews what its valid rows would do.
  if (c.errorCount > 0 && !dryRun) return finish(ctx.db, zero);
  const write = (done: number) => io.progress({ done, total: records.length, phase: 'writing' });
  const source = { kind: 'import' as const, ref: fileName };
  try {
    await ctx.db.transaction(async (tx) => {
      const counts: BulkResult = { ...zero };
      // A chunk of records unpacked at a time keeps memory flat; one transaction still holds them all.
      for (let i = 0; i < records.length; i += WRITE_CHUNK) {
        const chunk = records.slice(i, i + WRITE_CHUNK).map(unpackRecord);
        const done = await bulkUpsertOrgs(tx, ctx, chunk, source, (n) => write(i + n));
        for (const k of Object.keys(counts) as (keyof BulkResult)[]) counts[k] += done[k];
      }
      // Organisations named only by their facts or qualifications are not "unchanged rows" of the file.
      counts.unchanged -= factsOnly;
      if (dryRun) throw new DryRunRollback(counts);
      await finish(tx, counts);
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
    await finish(ctx.db, e.result);
  }
  if (!dryRun) {
    if (records.length >= 1000) await analyzeRegistry(ctx.db);
    await notifyOrgsImported(ctx, records.map((r) => r.org.uscc));
  }
};
