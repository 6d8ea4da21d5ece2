// Reading an import file: its kind, its encoding (CSV), its sheets and header rows, and every
// cell validated — everything but the database. Large files are read in a worker thread
// (registry.parse.worker.ts), beside the writes; small ones in the importer's own thread.
// Either way the results reach the writer as one ordered sequence of events.
import { open, readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { format, type Bilingual } from '../../lib/i18n.ts';
import type { District, Role } from '../accounts/accounts.schema.ts';
import { MAX_STORED_ISSUES, type StoredIssue } from '../jobs/jobs.schema.ts';
import { factWarnings, type FactKey } from './facts.ts';
import { ImportLimitError, readXlsxFast } from './registry.xlsx.ts';
import { DISTRICT_LABELS, SHEET_ALIASES, SHEETS, parseCell, type CellIssue, type IoColumn, type SheetKind } from './registry.sheet.ts';
import type { FactsPatch, OrgCreate, QualificationCreate } from './registry.schema.ts';

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

export function fileIssue(code: string, params: Record<string, unknown> = {}): CellIssue {
  const m = FILE_MESSAGES[code];
  return { code, zh: format(m.zh, params), en: format(m.en, params) };
}

/** Rows per chunk handed to the writer: memory stays flat, and parsing overlaps the write. */
export const CHUNK = 2_000;

export interface OrgRow { uscc: string; values: Partial<OrgCreate>; row: number; sheet: string }
export interface FactRow { uscc: string; fiscalYear: number; values: FactsPatch; row: number; sheet: string; ref: string }
export interface QualRow { uscc: string; q: QualificationCreate; row: number; sheet: string; ref: string }

/** USCC → the file row of its organisation, negated when that row was refused. */
export type OrgKey = [uscc: string, row: number];

/**
 * What the reader tells the writer, in file order. Every event carries the organisation keys
 * found since the previous one and the reader's error count so far (the writer stops writing
 * at the first error). A chunk and `orgs_done` are scheduled writes: the reader may run at
 * most one of them ahead of the write in progress.
 */
export type ParseEvent = { keys: OrgKey[]; errorCount: number } & (
  | { t: 'chunk'; kind: 'orgs'; rows: OrgRow[] }
  | { t: 'chunk'; kind: 'facts'; rows: FactRow[] }
  | { t: 'chunk'; kind: 'qualifications'; rows: QualRow[] }
  /** An organisations sheet has been read to its end: facts of USCCs not known by then are unknown. */
  | { t: 'orgs_done' }
  | { t: 'progress'; rowsRead: number; total: number }
  | { t: 'end'; summary: ParseSummary }
);

export const isScheduled = (e: ParseEvent) => e.t === 'chunk' || e.t === 'orgs_done';

export interface ParseSummary { errors: StoredIssue[]; warnings: StoredIssue[]; errorCount: number; warningCount: number; rowsRead: number; dataRows: number }

/** What the reader needs to know: the file, who imports it (a district officer imports only their district) and today's date. */
export interface ParseInput {
  path: string;
  fileName: string;
  type: 'xlsx' | 'csv';
  today: string;
  actor: { role: Role; district?: District | null } | null;
}

/** Problems found, in both languages, each with its sheet, row and column; the first MAX_STORED_ISSUES of each kind are kept. */
export class IssueList {
  errors: StoredIssue[] = [];
  warnings: StoredIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  add(list: 'errors' | 'warnings', sheet: string | null, row: number | null, col: IoColumn | null, issue: CellIssue, value?: unknown) {
    if (list === 'errors') this.errorCount++;
    else this.warningCount++;
    const target = this[list];
    if (target.length >= MAX_STORED_ISSUES) return;
    const v = value === undefined || value === null ? null : (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'object' ? JSON.stringify(value) : String(value)).slice(0, 200);
    target.push({ sheet, row, column: col?.key ?? null, label: col ? { zh: col.zh, en: col.en } : null, code: issue.code, value: v, zh: issue.zh, en: issue.en });
  }
}

/** The reader's state: its problems and counts, and one key set per sheet for duplicates (first row, negated when refused). */
class ParseState extends IssueList {
  rowsRead = 0;
  dataRows = 0;
  orgRows = new Map<string, number>();
  factRows = new Map<string, number>();
  qualRows = new Map<string, number>();
  /** Organisation keys not yet sent to the writer. */
  keys: OrgKey[] = [];

  keyOrg(uscc: string, row: number) {
    this.orgRows.set(uscc, row);
    this.keys.push([uscc, row]);
  }

  /** The fields every event carries, taking the keys found since the last one. */
  carried(): { keys: OrgKey[]; errorCount: number } {
    const keys = this.keys;
    this.keys = [];
    return { keys, errorCount: this.errorCount };
  }
}

export const columnOf = (kind: SheetKind, key: string) => SHEETS[kind].columns.find((c) => c.key === key)!;
export const USCC_COLUMN = { orgs: columnOf('orgs', 'uscc'), facts: columnOf('facts', 'uscc'), qualifications: columnOf('qualifications', 'uscc') };

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
function sheetParser(input: ParseInput, c: ParseState, emit: Emit, sheetName: string, hint: SheetKind | null): SheetParser {
  const { fileName, today, actor } = input;
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
      const rows = orgChunk;
      orgChunk = [];
      return emit({ t: 'chunk', kind: 'orgs', rows, ...c.carried() });
    }
    if (factChunk.length) {
      const rows = factChunk;
      factChunk = [];
      return emit({ t: 'chunk', kind: 'facts', rows, ...c.carried() });
    }
    if (qualChunk.length) {
      const rows = qualChunk;
      qualChunk = [];
      return emit({ t: 'chunk', kind: 'qualifications', rows, ...c.carried() });
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

  /** Whether `key` was in an earlier row of its sheet (reported); otherwise row `n` is its first. Not a closure per row: tsx names each one. */
  const duplicate = (rows: Map<string, number>, key: string, what: string, n: number, bad: boolean, uscc: string): boolean => {
    const first = rows.get(key);
    if (first === undefined) {
      if (rows === c.orgRows) c.keyOrg(key, bad ? -n : n);
      else rows.set(key, bad ? -n : n);
      return false;
    }
    c.add('errors', sheet, n, USCC_COLUMN[kind!], fileIssue('duplicate', { first: Math.abs(first), what }), uscc);
    return true;
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
    if (kind === 'orgs') {
      if (uscc && duplicate(c.orgRows, uscc, uscc, n, bad, uscc)) return;
      if (!bad && actor?.role === 'district_officer' && values.district && values.district !== actor.district) {
        c.add('errors', sheet, n, columnOf('orgs', 'district'), fileIssue('out_of_scope', { district: DISTRICT_LABELS[actor.district!] }), cells[districtIndex]);
        c.keyOrg(uscc!, -n);
        return;
      }
      if (bad) return;
      orgChunk.push({ uscc: uscc!, values: values as Partial<OrgCreate>, row: n, sheet });
      if (orgChunk.length >= CHUNK) return flush();
    } else if (kind === 'facts') {
      if (uscc && year !== undefined && duplicate(c.factRows, `${uscc}/${year}`, `${uscc} ${year}`, n, bad, uscc)) return;
      if (bad) return;
      for (const warn of factWarnings(values as Partial<Record<FactKey, number | boolean | null>>)) c.add('warnings', sheet, n, columnOf('facts', warn.field), warn, values[warn.field]);
      factChunk.push({ uscc: uscc!, fiscalYear: year!, values: values as FactsPatch, row: n, sheet, ref: `${fileName} ${sheet}!${n}` });
      if (factChunk.length >= CHUNK) return flush();
    } else {
      const q = values as QualificationCreate;
      if (uscc && q.kind && duplicate(c.qualRows, `${uscc}/${q.kind}/${q.certificateNo ?? ''}`, `${uscc} ${q.kind} ${q.certificateNo ?? ''}`, n, bad, uscc)) return;
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
    async end() {
      if (!active && !skip && pending.length === 1) startData();
      await flush();
      // In the writer's order: facts queued before this sheet's last chunk is written may still defer.
      if (kind === 'orgs' && !skip) await emit({ t: 'orgs_done', ...c.carried() });
    },
  };
}

// ---------- reading files ----------

/** Rows of all sheets together: 100,000 organisations with three years of facts are 400,000. */
export const MAX_IMPORT_ROWS = 500_000;

type Sniffed = { type: 'xlsx' } | { type: 'csv' } | { type: 'bad'; issue: CellIssue };

/** Decides from the first and last bytes what the file is, without reading all of it. */
export async function sniff(path: string, fileName: string): Promise<Sniffed> {
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
  const openSheet = (name: string, state: string | undefined) =>
    state === 'hidden' || state === 'veryHidden' ? null : onSheet(name, SHEET_ALIASES[name.trim().toLowerCase()] ?? null);
  // The fast reader handles what spreadsheet programs write; anything else goes to exceljs.
  if (await readXlsxFast(path, (name) => openSheet(name, undefined))) return;
  const { default: ExcelJS } = await import('../../lib/exceljs.ts');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rowsSeen = false;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as { name: string; state?: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      const parser = openSheet(sheet.name, sheet.state);
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
      const parser = openSheet(ws.name, ws.state);
      const rows: [number, unknown[]][] = [];
      ws.eachRow((row, n) => rows.push([n, (row.values as unknown[]).slice(1)]));
      for (const [n, cells] of rows) await parser?.push(n, cells);
      await parser?.end();
    }
  }
}

// ---------- the reader ----------

/** Hands an event to the writer; a returned promise asks the reader to wait (it is a chunk ahead). */
export type Emit = (e: ParseEvent) => Promise<void> | void;

/** A file that cannot be imported, with the file-level issue that says why. */
export class FileRefused extends Error {
  constructor(readonly issue: CellIssue) {
    super(issue.code);
  }
}

/** Why the reader failed on a file: a limit, a refusal, or anything else — a damaged file. */
export function refusalOf(e: unknown): CellIssue {
  if (e instanceof FileRefused) return e.issue;
  if (e instanceof ImportLimitError) return fileIssue(e.code, e.params);
  return fileIssue('file_unreadable', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) });
}

/**
 * Reads the file, validating every row, and hands its events in file order to `take`, which
 * returns, for a scheduled event, the promise of its write: the reader waits whenever two are
 * not yet written, so one chunk is parsed while the previous one is written. The same in the
 * importer's thread and in a worker (whose `take` posts the event and waits for the answer).
 */
export function parseThrottled(input: ParseInput, take: (e: ParseEvent) => Promise<void> | undefined): Promise<void> {
  const pending: Promise<void>[] = [];
  return parseImport(input, (e) => {
    const written = take(e);
    if (!written) return;
    pending.push(written);
    if (pending.length >= 2) return pending.shift();
  });
}

/**
 * Reads the file, validating every row, and emits its chunks in file order, then `end` with
 * the problems found. A file it cannot read throws (see refusalOf); so does `emit`'s promise
 * when the writer fails.
 */
async function parseImport(input: ParseInput, emit: Emit): Promise<void> {
  const c = new ParseState();
  let csv: string | null = null;
  let total = 0;
  if (input.type === 'csv') {
    const decoded = decodeCsv(await readFile(input.path));
    if ('issue' in decoded) throw new FileRefused(decoded.issue);
    csv = decoded.text.replace(/^\uFEFF/, '');
    // Line count: a good enough total for the progress bar.
    for (let i = csv.indexOf('\n'); i >= 0; i = csv.indexOf('\n', i + 1)) total++;
  }
  const parserFor = (name: string, hint: SheetKind | null): SheetParser => {
    const p = sheetParser(input, c, emit, name, hint);
    return {
      push: (n, cells) => {
        const wait = p.push(n, cells);
        if (c.rowsRead > MAX_IMPORT_ROWS) throw new ImportLimitError('too_many_rows', { max: MAX_IMPORT_ROWS.toLocaleString('en-US') });
        if (c.rowsRead % 1_000 === 0) emit({ t: 'progress', rowsRead: c.rowsRead, total: Math.max(total, c.rowsRead), ...c.carried() });
        return wait;
      },
      end: () => p.end(),
    };
  };
  if (csv !== null) {
    const parser = parserFor('', null);
    let n = 0;
    for (const record of parseCsv(csv)) await parser.push(++n, record);
    await parser.end();
  } else {
    await readXlsx(input.path, (name, hint) => (name === '说明' || name === '代码表' ? null : parserFor(name, hint)));
  }
  emit({ t: 'progress', rowsRead: c.rowsRead, total: c.rowsRead, ...c.carried() });
  const summary: ParseSummary = { errors: c.errors, warnings: c.warnings, errorCount: c.errorCount, warningCount: c.warningCount, rowsRead: c.rowsRead, dataRows: c.dataRows };
  await emit({ t: 'end', summary, ...c.carried() });
}

