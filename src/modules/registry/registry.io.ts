// Writing the registry's spreadsheets (template and export) in the layout of registry.sheet.ts:
// export writes exactly what import reads, so an exported file re-imports without changes.
import type { Writable } from 'node:stream';
import ExcelJS from '../../lib/exceljs.ts';
import type { DataValidation } from 'exceljs';
import { and, asc, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { DISTRICTS, type District } from '../accounts/accounts.schema.ts';
import { safeCell } from '../jobs/jobs.service.ts';
import { industryCodes } from './industry.ts';
import { ORG_KINDS, QUALIFICATION_KINDS, orgFacts, orgQualifications, orgs, type Contact, type OrgListQuery } from './registry.schema.ts';
import { DISTRICT_LABELS, KIND_LABELS, NO, QUALIFICATION_LABELS, SHEETS, YES, type IoColumn } from './registry.sheet.ts';
import { listOrgs } from './registry.service.ts';

/** A value as the template writes it (the inverse of parseCell). */
function formatCell(col: IoColumn, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'list':
      return (value as string[]).length ? (value as string[]).join('；') : null;
    case 'contacts':
      return (value as Contact[]).length ? (value as Contact[]).map((c) => [c.name, c.title ?? '', c.phone ?? '', c.email ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n') : null;
    case 'kind':
      return KIND_LABELS[value as keyof typeof KIND_LABELS];
    case 'qualKind':
      return QUALIFICATION_LABELS[value as keyof typeof QUALIFICATION_LABELS];
    case 'district':
      return DISTRICT_LABELS[value as District];
    case 'bool':
      return value ? YES : NO;
    case 'money':
      // fen / 100 is the double nearest the 2-decimal amount; it prints (and re-reads) exactly.
      return (value as number) / 100;
    case 'int':
    case 'year':
      return value as number;
    default:
      return safeCell(String(value));
  }
}

// ---------- writing: template and export ----------

const LISTS_SHEET = '代码表';
const colLetter = (n: number): string => (n > 26 ? colLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

const INSTRUCTIONS: [string, string][] = [
  ['鹭创通 单位信息导入模板', 'Luchuang organisation import template'],
  ['', ''],
  ['1. 工作表“单位”每行一个单位，以统一社会信用代码为准：已登记的单位按文件更新，未登记的新增。', '1. Sheet 单位 (organisations): one organisation per row, keyed by the USCC: registered ones are updated from the file, new ones are added.'],
  ['2. 工作表“年度数据”每行一个单位的一个年度；代码须在本文件“单位”表中或已在系统中登记。', '2. Sheet 年度数据 (yearly facts): one row per organisation and fiscal year; the USCC must be in sheet 单位 or already registered.'],
  ['3. 工作表“资质”每行一项资质证书；同一类型、同一证书编号的资质不会重复添加。', '3. Sheet 资质 (qualifications): one certificate per row; a certificate of the same kind and number is not added twice.'],
  ['4. 第1行为中文列名，第2行为英文字段名（请勿修改第2行），数据从第3行开始。', '4. Row 1 holds the Chinese headers, row 2 the English field keys (do not change row 2); data starts at row 3.'],
  ['5. 金额单位为元，最多两位小数；人数、数量为整数；留空表示不修改（导入不会清空已有数据）。', '5. Amounts are in yuan with at most two decimals; counts are whole numbers; an empty cell leaves the value as it is (import never clears data).'],
  ['6. 日期写作 YYYY-MM-DD；是否类字段填“是”或“否”；区、单位类型、资质类型、行业代码请从下拉列表选择。', '6. Dates as YYYY-MM-DD; yes/no fields take 是 or 否; pick districts, kinds, qualification kinds and industry codes from the drop-down lists.'],
  ['7. 曾用名、关键词、主要产品可填多项，用分号（；）分隔；联系人每行一人，写作“姓名 | 职务 | 电话 | 邮箱”。', '7. Former names, keywords and main products take several items separated by semicolons (；); contacts one per line as "name | title | phone | email".'],
  ['8. 先用“试导入”预览新增、更新和错误；正式导入只在没有错误时一次性全部写入。', '8. Use a dry run first to preview inserts, updates and errors; a real import writes everything at once, and only when there are no errors.'],
  ['9. 也可导入 CSV（UTF-8 或 GBK 编码）：一个文件一张表，列名同第2行。', '9. CSV (UTF-8 or GBK) is accepted too: one sheet per file, with the keys of row 2 as headers.'],
];

export interface ExportSource {
  orgs(): AsyncIterable<(typeof orgs.$inferSelect)[]>;
  facts(): AsyncIterable<((typeof orgFacts.$inferSelect) & { uscc: string })[]>;
  qualifications(): AsyncIterable<((typeof orgQualifications.$inferSelect) & { uscc: string })[]>;
}

/** Writes the template (no source) or an export in the template's layout, streaming. */
export async function writeOrgWorkbook(out: Writable, source?: ExportSource): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'Luchuang';
  const codes = [...industryCodes().values()];
  const lists = {
    industry: { col: 'A', values: codes.map((c) => c.code) },
    district: { col: 'C', values: DISTRICTS.map((d) => DISTRICT_LABELS[d]) },
    kind: { col: 'D', values: ORG_KINDS.map((k) => KIND_LABELS[k]) },
    qualKind: { col: 'E', values: QUALIFICATION_KINDS.map((k) => QUALIFICATION_LABELS[k]) },
    bool: { col: 'F', values: [YES, NO] },
  } as const;
  const listFormula = (l: { col: string; values: readonly string[] }) => `'${LISTS_SHEET}'!$${l.col}$2:$${l.col}$${l.values.length + 1}`;

  for (const kind of ['orgs', 'facts', 'qualifications'] as const) {
    const sheet = SHEETS[kind];
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    ws.columns = sheet.columns.map((c) => ({
      key: c.key, width: c.width ?? Math.min(30, Math.max(10, c.zh.length * 1.6)),
      style: c.type === 'money' ? { numFmt: '#,##0.00' } : ['int', 'year'].includes(c.type) ? {} : { numFmt: '@' },
    }));
    const header = ws.addRow(sheet.columns.map((c) => c.zh));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    header.commit();
    const keys = ws.addRow(sheet.columns.map((c) => c.key));
    keys.font = { italic: true, color: { argb: 'FF808080' } };
    keys.commit();
    let written = 0;
    const put = (row: Record<string, unknown>) => {
      ws.addRow(sheet.columns.map((c) => formatCell(c, row[c.key]))).commit();
      written++;
    };
    if (source) {
      const chunks = kind === 'orgs' ? source.orgs() : kind === 'facts' ? source.facts() : source.qualifications();
      for await (const chunk of chunks) {
        for (const row of chunk) {
          put(row as Record<string, unknown>);
          // exceljs spends ~1 ms a row: give other requests the event loop every 100 rows, so a
          // large export slows itself down rather than stalling everyone (bench/load.ts).
          if (written % 100 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    }
    // Drop-downs cover the rows written plus room to add more. Not whole columns: exceljs (and
    // other readers) expand a validation range cell by cell when loading a workbook.
    const lastRow = written + 2 + (source ? 1_000 : 5_000);
    sheet.columns.forEach((c, i) => {
      const list = c.type === 'industry' ? lists.industry : c.type === 'district' ? lists.district : c.type === 'kind' ? lists.kind
        : c.type === 'qualKind' ? lists.qualKind : c.type === 'bool' ? lists.bool : null;
      if (!list) return;
      const letter = colLetter(i + 1);
      // The streaming writer supports validations; its type declarations omit them.
      (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations.add(`${letter}3:${letter}${lastRow}`, {
        type: 'list', allowBlank: true, formulae: [listFormula(list)], showErrorMessage: true,
        errorTitle: '无效的值 Invalid value', error: '请从下拉列表中选择。Pick a value from the list.',
      });
    });
    ws.commit();
  }

  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 100 }, { width: 100 }];
  for (const [zh, en] of INSTRUCTIONS) help.addRow([zh, en]).commit();
  help.addRow([]).commit();
  help.addRow(['工作表', '列名（中文）', '字段名', 'Column']).font = { bold: true };
  for (const kind of ['orgs', 'facts', 'qualifications'] as const) {
    for (const c of SHEETS[kind].columns) help.addRow([SHEETS[kind].name, c.zh, c.key, `${c.en}${c.required ? ' (required / 必填)' : ''}`]).commit();
  }
  help.commit();

  // Drop-down sources; hidden so that the data sheets stay clean.
  const hidden = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  hidden.addRow(['行业代码 industry code', '行业名称', '区 district', '单位类型 kind', '资质类型 qualification', '是否 yes/no']).commit();
  const rows = Math.max(...Object.values(lists).map((l) => l.values.length));
  for (let i = 0; i < rows; i++) {
    hidden.addRow([codes[i]?.code ?? null, codes[i]?.zh ?? null, lists.district.values[i] ?? null, lists.kind.values[i] ?? null, lists.qualKind.values[i] ?? null, lists.bool.values[i] ?? null]).commit();
  }
  hidden.commit();
  await wb.commit();
}

/** Everything the list query matches (all pages, in the actor's scope), in the template's layout. */
export async function exportOrgs(ctx: Ctx, query: OrgListQuery, out: Writable): Promise<void> {
  // The list query decides which organisations and in what order; it is read in large pages.
  const ids: string[] = [];
  const PAGE = 5_000;
  for (let page = 1; ; page++) {
    const { items } = await listOrgs(ctx, { ...query, page, pageSize: PAGE });
    for (const i of items) ids.push(i.id);
    if (items.length < PAGE) break;
  }
  const CHUNK = 1_000;
  const usccOf = new Map<string, string>();
  const source: ExportSource = {
    async *orgs() {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const byId = new Map((await ctx.db.select().from(orgs).where(inArray(orgs.id, chunk))).map((o) => [o.id, o]));
        const rows = chunk.map((id) => byId.get(id)!).filter(Boolean);
        for (const o of rows) usccOf.set(o.id, o.uscc);
        yield rows;
      }
    },
    async *facts() {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = await ctx.db.select().from(orgFacts).where(inArray(orgFacts.orgId, chunk)).orderBy(asc(orgFacts.orgId), asc(orgFacts.fiscalYear));
        const order = new Map(chunk.map((id, n) => [id, n]));
        rows.sort((a, b) => order.get(a.orgId)! - order.get(b.orgId)! || a.fiscalYear - b.fiscalYear);
        yield rows.map((f) => ({ ...f, uscc: usccOf.get(f.orgId)! }));
      }
    },
    async *qualifications() {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = await ctx.db.select().from(orgQualifications).where(and(inArray(orgQualifications.orgId, chunk)))
          .orderBy(asc(orgQualifications.orgId), asc(orgQualifications.issuedOn), asc(orgQualifications.createdAt));
        const order = new Map(chunk.map((id, n) => [id, n]));
        rows.sort((a, b) => order.get(a.orgId)! - order.get(b.orgId)!);
        yield rows.map((q) => ({ ...q, uscc: usccOf.get(q.orgId)! }));
      }
    },
  };
  await writeOrgWorkbook(out, source);
}
