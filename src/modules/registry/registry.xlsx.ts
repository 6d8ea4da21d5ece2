// A fast streaming reader of xlsx sheets, for imports: the zip entry is inflated as it is
// read and each <row> is scanned with plain string search, several times faster than
// exceljs's SAX pipeline on a 100,000-organisation workbook (~700 MB of XML) and with
// memory bounded by one chunk. Values come out as exceljs gives them with styles ignored,
// already flattened the way plainCell does: strings (rich text joined), numbers (dates stay
// Excel serial numbers), booleans, { error }, and a formula's cached result. Files it does
// not handle (zip64, encrypted or unusual compression) return false: the caller falls back
// to exceljs.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

interface ZipEntry { name: string; method: number; compressedSize: number; localOffset: number }

export type XlsxCell = string | number | boolean | { error: string } | undefined;

/** Where a sheet's rows go; a promise returned asks the reader to wait for it (backpressure). */
export interface XlsxSheetSink {
  push(rowNumber: number, cells: XlsxCell[]): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * Limits against decompression bombs. A real import of 100,000 organisations with three years
 * of facts inflates to about 0.7 GB of sheet XML at a ratio near 10:1; a bomb inflates far more
 * per compressed byte, or holds one endless row.
 */
export const XLSX_LIMITS = {
  /** Inflated bytes of one zip entry. */
  entryBytes: 3 * 2 ** 30,
  /** Inflated / compressed, checked once an entry has inflated past `ratioAfterBytes`. */
  ratio: 200,
  ratioAfterBytes: 64 * 2 ** 20,
  /** One row, or one shared string, as XML. */
  elementBytes: 16 * 2 ** 20,
};

/** A file refused by a limit; `code` is an import file-issue code. */
export class ImportLimitError extends Error {
  constructor(readonly code: 'file_bomb' | 'element_too_long' | 'too_many_rows', readonly params: Record<string, unknown> = {}) {
    super(code);
  }
}

async function zipDirectory(path: string): Promise<Map<string, ZipEntry> | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tailLen) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const entries = new Map<string, ZipEntry>();
    for (let p = 0; p + 46 <= dir.length && dir.readUInt32LE(p) === 0x02014b50;) {
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const compressedSize = dir.readUInt32LE(p + 20);
      const uncompressed = dir.readUInt32LE(p + 24);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const localOffset = dir.readUInt32LE(p + 42);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLen);
      if (compressedSize === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff) return null;
      if ((flags & 1) || (method !== 0 && method !== 8)) return null;
      entries.set(name.replace(/^\//, ''), { name, method, compressedSize, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    // Where each entry's data starts: after its local header, whose extra field may differ.
    for (const e of entries.values()) {
      const head = Buffer.alloc(30);
      await fh.read(head, 0, 30, e.localOffset);
      if (head.readUInt32LE(0) !== 0x04034b50) return null;
      e.localOffset += 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** The entry's text, chunk by chunk (UTF-8 characters split across chunks are kept whole). */
async function* entryText(path: string, e: ZipEntry): AsyncGenerator<string> {
  const raw = e.compressedSize === 0
    ? []
    : createReadStream(path, { start: e.localOffset, end: e.localOffset + e.compressedSize - 1, highWaterMark: 1 << 20 });
  const source = e.method === 8 && e.compressedSize > 0 ? (raw as NodeJS.ReadableStream).pipe(createInflateRaw({ chunkSize: 1 << 20 })) : raw;
  const decoder = new TextDecoder('utf-8');
  let inflated = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    inflated += chunk.length;
    if (inflated > XLSX_LIMITS.entryBytes || (inflated > XLSX_LIMITS.ratioAfterBytes && inflated > XLSX_LIMITS.ratio * e.compressedSize)) {
      (raw as { destroy?: () => void }).destroy?.();
      throw new ImportLimitError('file_bomb', { entry: e.name, mb: Math.round(inflated / 2 ** 20), ratio: Math.round(inflated / Math.max(1, e.compressedSize)) });
    }
    yield decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function entryWhole(path: string, e: ZipEntry): Promise<string> {
  let s = '';
  for await (const t of entryText(path, e)) s += t;
  return s;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]);
}

function attr(tag: string, name: string): string | undefined {
  const i = tag.indexOf(` ${name}="`);
  if (i < 0) return undefined;
  const from = i + name.length + 3;
  return tag.slice(from, tag.indexOf('"', from));
}

/** Text of every <t> in an <si> or <is> (rich-text runs joined), phonetic hints (<rPh>) left out. */
function textOf(xml: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const t = xml.indexOf('<t', i);
    if (t < 0) break;
    const ch = xml[t + 2];
    if (ch !== '>' && ch !== ' ' && ch !== '/') {
      i = t + 2;
      continue;
    }
    const rph = xml.lastIndexOf('<rPh', t);
    if (rph >= 0 && xml.indexOf('</rPh>', rph) > t) {
      i = xml.indexOf('</rPh>', rph) + 6;
      continue;
    }
    const close = xml.indexOf('>', t);
    if (xml[close - 1] === '/') {
      i = close + 1;
      continue;
    }
    const end = xml.indexOf('</t>', close);
    out += xml.slice(close + 1, end);
    i = end + 4;
  }
  return decodeXml(out);
}

/**
 * Where the value of the one-letter attribute `name` (a char code) starts inside the tag
 * xml[from, to), or -1. Searching only the tag matters: indexOf(' t="') from a number cell,
 * which has no type, would scan the rest of the row for every cell.
 */
function attrStart(xml: string, from: number, to: number, name: number): number {
  for (let k = from; k < to - 3; k++) {
    if (xml.charCodeAt(k) === 32 && xml.charCodeAt(k + 1) === name && xml.charCodeAt(k + 2) === 61 && xml.charCodeAt(k + 3) === 34) return k + 4;
  }
  return -1;
}

function parseRow(xml: string, shared: string[]): XlsxCell[] {
  const cells: XlsxCell[] = [];
  let next = 0;
  let i = 0;
  for (;;) {
    let c = xml.indexOf('<c', i);
    while (c >= 0 && xml.charCodeAt(c + 2) !== 32 && xml.charCodeAt(c + 2) !== 62 && xml.charCodeAt(c + 2) !== 47) c = xml.indexOf('<c', c + 2);
    if (c < 0) break;
    const tagEnd = xml.indexOf('>', c);
    // Column from r="B12" (letters only), else the next one.
    let col = next;
    const r = attrStart(xml, c, tagEnd, 114 /* r */);
    if (r >= 0) {
      let n = 0;
      for (let k = r; ; k++) {
        const ch = xml.charCodeAt(k);
        if (ch < 65 || ch > 90) break;
        n = n * 26 + (ch - 64);
      }
      if (n > 0) col = n - 1;
    }
    next = col + 1;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      i = tagEnd + 1;
      continue;
    }
    const t = attrStart(xml, c, tagEnd, 116 /* t */);
    const type = t >= 0 ? xml.slice(t, xml.indexOf('"', t)) : '';
    const close = xml.indexOf('</c>', tagEnd);
    i = close + 4;
    let value: XlsxCell;
    if (type === 'inlineStr') {
      value = textOf(xml.slice(tagEnd + 1, close));
    } else {
      let vOpen: number;
      if (xml.startsWith('<v>', tagEnd + 1)) vOpen = tagEnd + 3;
      else {
        const v = xml.indexOf('<v', tagEnd);
        if (v < 0 || v > close) continue;
        vOpen = xml.indexOf('>', v);
        if (xml.charCodeAt(vOpen - 1) === 47) continue;
      }
      const text = xml.slice(vOpen + 1, xml.indexOf('</v>', vOpen));
      switch (type) {
        case '':
        case 'n': value = parseFloat(text); break;
        case 's': value = shared[parseInt(text, 10)]; break;
        case 'str': value = decodeXml(text); break;
        case 'e': value = { error: decodeXml(text) }; break;
        case 'b': {
          const f = xml.indexOf('<f', tagEnd);
          value = f >= 0 && f < close ? parseFloat(text) : parseInt(text, 10) !== 0;
          break;
        }
        default: value = parseFloat(text);
      }
    }
    while (cells.length < col) cells.push(undefined);
    cells[col] = value;
  }
  return cells;
}

/** Rows of one sheet, as they are inflated. */
async function readSheet(path: string, e: ZipEntry, shared: string[], sink: XlsxSheetSink): Promise<void> {
  let buf = '';
  let lastRow = 0;
  for await (const text of entryText(path, e)) {
    buf += text;
    let i = 0;
    for (;;) {
      let start = buf.indexOf('<row', i);
      while (start >= 0 && buf[start + 4] !== ' ' && buf[start + 4] !== '>' && buf[start + 4] !== '/') start = buf.indexOf('<row', start + 4);
      if (start < 0) break;
      const tagEnd = buf.indexOf('>', start);
      if (tagEnd < 0) break;
      const tag = buf.slice(start, tagEnd);
      let end: number;
      let body: string;
      if (tag.endsWith('/')) {
        end = tagEnd + 1;
        body = '';
      } else {
        const close = buf.indexOf('</row>', tagEnd);
        if (close < 0) break;
        end = close + 6;
        body = buf.slice(tagEnd + 1, close);
      }
      const r = attr(tag, 'r');
      lastRow = r ? parseInt(r, 10) : lastRow + 1;
      i = end;
      const wait = sink.push(lastRow, parseRow(body, shared));
      if (wait) await wait;
    }
    buf = buf.slice(i);
    if (buf.length > XLSX_LIMITS.elementBytes) throw new ImportLimitError('element_too_long', { row: lastRow + 1 });
  }
  await sink.end();
}

/**
 * Reads every visible sheet in workbook order; `onSheet` returns where its rows go, or null to
 * skip it. False when the file needs the general reader (exceljs) instead.
 */
export async function readXlsxFast(path: string, onSheet: (name: string) => XlsxSheetSink | null): Promise<boolean> {
  const entries = await zipDirectory(path);
  if (!entries) return false;
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return false;
  const relXml = await entryWhole(path, rels);
  const targets = new Map<string, string>();
  for (const m of relXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared: string[] = [];
  const sst = entries.get('xl/sharedStrings.xml');
  if (sst) {
    let buf = '';
    for await (const text of entryText(path, sst)) {
      buf += text;
      let i = 0;
      for (;;) {
        const start = buf.indexOf('<si', i);
        if (start < 0) break;
        const open = buf.indexOf('>', start);
        if (open < 0) break;
        if (buf[open - 1] === '/') {
          shared.push('');
          i = open + 1;
          continue;
        }
        const close = buf.indexOf('</si>', open);
        if (close < 0) break;
        shared.push(textOf(buf.slice(open + 1, close)));
        i = close + 5;
      }
      buf = buf.slice(i);
      if (buf.length > XLSX_LIMITS.elementBytes) throw new ImportLimitError('element_too_long', { row: `sharedStrings ${shared.length + 1}` });
    }
  }
  const wbXml = await entryWhole(path, workbook);
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const state = attr(m[0], 'state');
    if (state === 'hidden' || state === 'veryHidden') continue;
    const name = decodeXml(attr(m[0], 'name') ?? '');
    const target = targets.get(attr(m[0], 'r:id') ?? '');
    const entry = target ? entries.get(target) : undefined;
    if (!entry) continue;
    const sink = onSheet(name);
    if (sink) await readSheet(path, entry, shared, sink);
  }
  return true;
}
