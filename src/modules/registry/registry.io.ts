// The spreadsheet layout of the registry (template, export, import): one column list per
// sheet, with the codec that turns a cell into a value and back. Export writes exactly what
// import reads, so an exported file re-imports without changes.
import type { Writable } from 'node:stream';
import ExcelJS from '../../lib/exceljs.ts';
import type { DataValidation } from 'exceljs';
import { and, asc, inArray } from 'drizzle-orm';
import type { Bilingual } from '../../lib/i18n.ts';
import { checkUscc } from '../../lib/uscc.ts';
import { format } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import { DISTRICTS, type District } from '../accounts/accounts.schema.ts';
import { safeCell } from '../jobs/jobs.service.ts';
import { FLAG_FACT_KEYS, FLAG_FACTS, NUMERIC_FACT_KEYS, NUMERIC_FACTS } from './facts.ts';
import { industryCodes, isIndustryCode } from './industry.ts';
import {
  ContactSchema, ORG_KINDS, QUALIFICATION_KINDS, orgFacts, orgQualifications, orgs, usccProblem,
  type Contact, type OrgListQuery,
} from './registry.schema.ts';
import { listOrgs } from './registry.service.ts';

export type SheetKind = 'orgs' | 'facts' | 'qualifications';
type ColType = 'uscc' | 'text' | 'list' | 'contacts' | 'kind' | 'district' | 'industry' | 'bool' | 'date' | 'year' | 'money' | 'int' | 'qualKind';

export interface IoColumn {
  key: string;
  zh: string;
  en: string;
  type: ColType;
  required?: boolean;
  /** Text: maximum length. Numbers: maximum value. */
  max?: number;
  min?: number;
  signed?: boolean;
  width?: number;
}

export const DISTRICT_LABELS: Record<District, string> = { siming: '思明区', huli: '湖里区', jimei: '集美区', haicang: '海沧区', tongan: '同安区', xiangan: '翔安区' };
export const KIND_LABELS: Record<(typeof ORG_KINDS)[number], string> = {
  enterprise: '企业', university: '高校', institute: '科研院所', platform_operator: '平台运营机构', fund_manager: '基金管理机构', village_collective: '村集体经济组织',
};
export const QUALIFICATION_LABELS: Record<(typeof QUALIFICATION_KINDS)[number], string> = {
  hnte: '国家高新技术企业', tech_sme: '科技型中小企业', innovative_sme: '创新型中小企业', srdi_sme: '专精特新中小企业', little_giant: '专精特新“小巨人”',
  tech_leader: '科技领军企业', rd_institution_national: '国家级研发机构', rd_institution_provincial: '省级研发机构', rd_institution_municipal: '市级研发机构',
  st_award_national: '国家科学技术奖', st_award_provincial: '省科学技术奖', tech_innovation_demo: '技术创新示范企业', ip_advantage: '知识产权优势企业', other: '其他',
};
const YES = '是';
const NO = '否';

const factColumns: IoColumn[] = [
  ...NUMERIC_FACT_KEYS.map((key): IoColumn => {
    const f: { unit: string; signed?: boolean; zh: string; en: string } = NUMERIC_FACTS[key];
    if (f.unit === 'fen') return { key, zh: `${f.zh}（元）`, en: `${f.en} (yuan)`, type: 'money', signed: f.signed, width: 16 };
    if (f.unit === 'bp') return { key, zh: f.zh, en: f.en, type: 'int', min: 0, max: 10_000 };
    if (f.unit === 'level') return { key, zh: f.zh, en: f.en, type: 'int', min: 1, max: 4 };
    return { key, zh: f.zh, en: f.en, type: 'int', min: 0 };
  }),
  ...FLAG_FACT_KEYS.map((key): IoColumn => ({ key, zh: FLAG_FACTS[key].zh, en: FLAG_FACTS[key].en, type: 'bool' })),
];

export const SHEETS: Record<SheetKind, { name: string; en: string; columns: IoColumn[] }> = {
  orgs: {
    name: '单位', en: 'Organisations',
    columns: [
      { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', type: 'uscc', required: true, width: 22 },
      { key: 'name', zh: '单位名称', en: 'Name', type: 'text', required: true, min: 2, max: 200, width: 32 },
      { key: 'formerNames', zh: '曾用名', en: 'Former names', type: 'list', width: 20 },
      { key: 'kind', zh: '单位类型', en: 'Kind', type: 'kind', required: true, width: 14 },
      { key: 'district', zh: '所属区', en: 'District', type: 'district', required: true, width: 10 },
      { key: 'address', zh: '地址', en: 'Address', type: 'text', max: 300, width: 30 },
      { key: 'registeredOn', zh: '成立日期', en: 'Registered on', type: 'date', width: 12 },
      { key: 'industryCode', zh: '国民经济行业代码', en: 'Industry code (GB/T 4754-2017)', type: 'industry', width: 12 },
      { key: 'listed', zh: '是否上市', en: 'Listed', type: 'bool', width: 8 },
      { key: 'parentGroup', zh: '所属集团', en: 'Parent group', type: 'text', max: 200, width: 20 },
      { key: 'contacts', zh: '联系人', en: 'Contacts', type: 'contacts', width: 36 },
      { key: 'keywords', zh: '关键词', en: 'Keywords', type: 'list', width: 20 },
      { key: 'mainProducts', zh: '主要产品', en: 'Main products', type: 'list', width: 24 },
    ],
  },
  facts: {
    name: '年度数据', en: 'Yearly facts',
    columns: [
      { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', type: 'uscc', required: true, width: 22 },
      { key: 'fiscalYear', zh: '年度', en: 'Fiscal year', type: 'year', required: true, min: 1990, max: 2100, width: 8 },
      ...factColumns,
    ],
  },
  qualifications: {
    name: '资质', en: 'Qualifications',
    columns: [
      { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', type: 'uscc', required: true, width: 22 },
      { key: 'kind', zh: '资质类型', en: 'Qualification', type: 'qualKind', required: true, width: 20 },
      { key: 'certificateNo', zh: '证书编号', en: 'Certificate number', type: 'text', max: 100, width: 20 },
      { key: 'issuedOn', zh: '发证日期', en: 'Issued on', type: 'date', width: 12 },
      { key: 'expiresOn', zh: '有效期至', en: 'Expires on', type: 'date', width: 12 },
      { key: 'issuer', zh: '发证机关', en: 'Issuer', type: 'text', max: 200, width: 24 },
      { key: 'rank', zh: '排名', en: 'Rank', type: 'int', min: 1, max: 100, width: 8 },
    ],
  },
};

/** Sheet names also accepted on import (English, or the English keys). */
export const SHEET_ALIASES: Record<string, SheetKind> = {
  单位: 'orgs', organisations: 'orgs', orgs: 'orgs', 年度数据: 'facts', facts: 'facts', 'yearly facts': 'facts', 资质: 'qualifications', qualifications: 'qualifications',
};

// ---------- cell codecs ----------

export interface CellIssue extends Bilingual {
  code: string;
}
export type Parsed = { ok: true; value: unknown } | { ok: false; issue: CellIssue };

const MESSAGES: Record<string, Bilingual> = {
  required: { zh: '必填项为空。', en: 'This field is required.' },
  not_number: { zh: '不是数字：“{v}”。', en: 'Not a number: "{v}".' },
  negative: { zh: '不能为负数。', en: 'Must not be negative.' },
  too_many_decimals: { zh: '金额单位为元，最多两位小数：“{v}”。', en: 'Amounts are in yuan with at most two decimals: "{v}".' },
  not_integer: { zh: '应为整数：“{v}”。', en: 'Must be a whole number: "{v}".' },
  out_of_range: { zh: '应在 {min} 至 {max} 之间。', en: 'Must be between {min} and {max}.' },
  too_short: { zh: '至少 {min} 个字符。', en: 'At least {min} characters.' },
  too_long: { zh: '超过 {max} 个字符。', en: 'Longer than {max} characters.' },
  unknown_district: { zh: '未知的区：“{v}”。应为思明区、湖里区、集美区、海沧区、同安区或翔安区。', en: 'Unknown district "{v}"; use one of 思明区, 湖里区, 集美区, 海沧区, 同安区, 翔安区 (or siming, huli, jimei, haicang, tongan, xiangan).' },
  unknown_kind: { zh: '未知的单位类型：“{v}”。应为：{list}。', en: 'Unknown organisation kind "{v}"; use one of: {list}.' },
  unknown_qualification_kind: { zh: '未知的资质类型：“{v}”。', en: 'Unknown qualification kind "{v}".' },
  unknown_industry: { zh: '不是《国民经济行业分类》（GB/T 4754-2017）中的代码：“{v}”。', en: 'Not a code of GB/T 4754-2017: "{v}".' },
  not_boolean: { zh: '应填“是”或“否”：“{v}”。', en: 'Use 是 (yes) or 否 (no): "{v}".' },
  not_date: { zh: '日期应写作 YYYY-MM-DD：“{v}”。', en: 'Write dates as YYYY-MM-DD: "{v}".' },
  future_date: { zh: '成立日期 {v} 晚于今天。', en: 'The registration date {v} is in the future.' },
  invalid_contact: { zh: '联系人应写作“姓名 | 职务 | 电话 | 邮箱”，每行一人：“{v}”。', en: 'Write contacts as "name | title | phone | email", one per line: "{v}".' },
  too_many_items: { zh: '最多 {max} 项。', en: 'At most {max} items.' },
  cell_error: { zh: '单元格是错误值：{v}。', en: 'The cell holds an error value: {v}.' },
};

export function issue(code: string, params: Record<string, unknown> = {}): CellIssue {
  const m = MESSAGES[code];
  return { code, zh: format(m.zh, params), en: format(m.en, params) };
}
const fail = (code: string, params: Record<string, unknown> = {}): Parsed => ({ ok: false, issue: issue(code, params) });
const ok = (value: unknown): Parsed => ({ ok: true, value });
const EMPTY: Parsed = Object.freeze({ ok: true, value: undefined });

/** A cell's content as a trimmed string, number, boolean or Date; undefined when empty. */
export function plainCell(raw: unknown): string | number | boolean | Date | { error: string } | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return undefined;
    // Undo the export's formula neutralisation ('=… → =…), so exports round-trip.
    return s.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'object') {
    const o = raw as { richText?: { text: string }[]; result?: unknown; formula?: string; text?: unknown; error?: string };
    if (o.richText) return plainCell(o.richText.map((r) => r.text).join(''));
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if (o.error) return { error: String(o.error) };
    if ('text' in o) return plainCell(o.text);
  }
  return plainCell(String(raw));
}

const display = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).slice(0, 100);

function lookup<K extends string>(v: string, keys: readonly K[], labels: Record<K, string>, extra: (k: K) => string[] = () => []): K | undefined {
  const s = v.trim().toLowerCase().replace(/\s+/g, '');
  return keys.find((k) => k === s || labels[k] === v.trim() || extra(k).includes(v.trim()));
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function parseDate(v: string | number | Date): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // An Excel date serial (days since 1899-12-30) in a cell without a date format.
    if (!Number.isInteger(v) || v < 1 || v > 200_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Yuan (a decimal string or a number cell) to integer fen, without floating-point arithmetic on the digits. */
export function yuanToFen(v: string | number): { fen: number } | { error: 'not_number' | 'too_many_decimals' } {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { error: 'not_number' };
    s = String(v);
    // Float noise from a computed cell (0.1+0.2 = 0.30000000000000004): round to fen if that is all it is.
    if (!/^-?\d+(\.\d{1,2})?$/.test(s) && !/e/i.test(s) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6) s = (Math.round(v * 100) / 100).toFixed(2);
  } else {
    s = v.replace(/[,，\s]/g, '');
  }
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { error: 'not_number' };
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return { error: 'too_many_decimals' };
  const fen = Number(m[2]) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { error: 'not_number' };
  return { fen: m[1] === '-' ? -fen : fen };
}

const splitList = (s: string) => s.split(/[;；\n]+/).map((x) => x.trim()).filter(Boolean);

/** Parses one cell for its column; `today` (YYYY-MM-DD) bounds registration dates. */
export function parseCell(col: IoColumn, raw: unknown, today: string): Parsed {
  const v = plainCell(raw);
  if (v === undefined) return col.required ? fail('required') : EMPTY;
  if (typeof v === 'object' && !(v instanceof Date)) return fail('cell_error', { v: v.error });
  // Only an error message shows the value: not formatted for every good cell (millions per import).
  const text = () => display(v);
  switch (col.type) {
    case 'uscc': {
      const s = String(v).trim().toUpperCase();
      const check = checkUscc(s);
      // usccProblem gives the same words as the API, naming the expected check character.
      return check.ok ? ok(s) : { ok: false, issue: { code: check.reason === 'check' ? 'uscc_check' : 'uscc_invalid', ...usccProblem(s)! } };
    }
    case 'text': {
      const s = v instanceof Date ? display(v) : String(v);
      if (col.min && s.length < col.min) return fail('too_short', { min: col.min });
      if (col.max && s.length > col.max) return fail('too_long', { max: col.max });
      return ok(s);
    }
    case 'list': {
      const items = splitList(String(v));
      if (items.length > 50) return fail('too_many_items', { max: 50 });
      if (items.some((x) => x.length > 100)) return fail('too_long', { max: 100 });
      return ok(items);
    }
    case 'contacts': {
      const contacts: Contact[] = [];
      for (const line of String(v).split(/\n+/).map((x) => x.trim()).filter(Boolean)) {
        const [name, title, phone, email] = line.split(/[|｜]/).map((x) => x.trim());
        const c = ContactSchema.safeParse({ name, ...(title ? { title } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) });
        if (!c.success) return fail('invalid_contact', { v: line.slice(0, 100) });
        // Keys in jsonb's own order (by length, then bytes): bulkUpsertOrgs compares JSON text,
        // so this order makes a re-import of the same contacts count as unchanged.
        const d = c.data;
        contacts.push({ name: d.name, ...(d.email ? { email: d.email } : {}), ...(d.phone ? { phone: d.phone } : {}), ...(d.title ? { title: d.title } : {}) });
      }
      return contacts.length > 20 ? fail('too_many_items', { max: 20 }) : ok(contacts);
    }
    case 'kind': {
      const k = typeof v === 'string' ? lookup(v, ORG_KINDS, KIND_LABELS, (x) => (x === 'university' ? ['高等院校', '大学'] : [])) : undefined;
      return k ? ok(k) : fail('unknown_kind', { v: text(), list: Object.values(KIND_LABELS).join('、') });
    }
    case 'qualKind': {
      const k = typeof v === 'string' ? lookup(v, QUALIFICATION_KINDS, QUALIFICATION_LABELS, (x) => (x === 'hnte' ? ['高新技术企业', '高企'] : x === 'little_giant' ? ['专精特新"小巨人"', '小巨人'] : [])) : undefined;
      return k ? ok(k) : fail('unknown_qualification_kind', { v: text() });
    }
    case 'district': {
      const d = typeof v === 'string' ? lookup(v, DISTRICTS, DISTRICT_LABELS, (x) => [DISTRICT_LABELS[x].slice(0, 2)]) : undefined;
      return d ? ok(d) : fail('unknown_district', { v: text() });
    }
    case 'industry': {
      const code = String(v).trim().toUpperCase();
      return isIndustryCode(code) ? ok(code) : fail('unknown_industry', { v: text() });
    }
    case 'bool': {
      if (typeof v === 'boolean') return ok(v);
      const s = String(v).trim().toLowerCase();
      if ([YES, 'y', 'yes', 'true', '1', '√'].includes(s)) return ok(true);
      if ([NO, 'n', 'no', 'false', '0', '×'].includes(s)) return ok(false);
      return fail('not_boolean', { v: text() });
    }
    case 'date': {
      const d = typeof v === 'boolean' ? null : parseDate(v);
      if (!d) return fail('not_date', { v: text() });
      if (col.key === 'registeredOn' && d > today) return fail('future_date', { v: d });
      return ok(d);
    }
    case 'money': {
      if (typeof v !== 'string' && typeof v !== 'number') return fail('not_number', { v: text() });
      // A number cell that is an amount in fen / 100 (what the export writes): no string round trip.
      if (typeof v === 'number' && Math.abs(v) < 1e12) {
        const fen = Math.round(v * 100);
        if (fen / 100 === v) return fen < 0 && !col.signed ? fail('negative') : ok(fen === 0 ? 0 : fen);
      }
      const r = yuanToFen(v);
      if ('error' in r) return fail(r.error, { v: text() });
      if (r.fen < 0 && !col.signed) return fail('negative');
      return ok(r.fen);
    }
    case 'year':
    case 'int': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.0+)?$/.test(v.replace(/[,，]/g, '')) ? Number(v.replace(/[,，]/g, '')) : Number.NaN;
      if (Number.isNaN(n)) return fail(typeof v === 'string' && /^[+-]?[\d.,]+$/.test(v) ? 'not_integer' : 'not_number', { v: text() });
      if (!Number.isInteger(n)) return fail('not_integer', { v: text() });
      if (n < 0 && !col.signed && (col.min ?? 0) >= 0) return fail('negative');
      if ((col.min !== undefined && n < col.min) || (col.max !== undefined && n > col.max)) return fail('out_of_range', { min: col.min ?? 0, max: col.max ?? '∞' });
      return ok(n);
    }
  }
}

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
