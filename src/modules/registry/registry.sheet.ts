// The spreadsheet layout of the registry: one column list per sheet, and the codec that turns
// a cell into a value. Pure (no database, no exceljs), so an import's worker thread loads it
// cheaply; writing the template and exports is registry.io.ts.
import type { Bilingual } from '../../lib/i18n.ts';
import { checkUscc } from '../../lib/uscc.ts';
import { format } from '../../lib/i18n.ts';
import { DISTRICTS, type District } from '../accounts/accounts.schema.ts';
import { FLAG_FACT_KEYS, FLAG_FACTS, NUMERIC_FACT_KEYS, NUMERIC_FACTS } from './facts.ts';
import { isIndustryCode } from './industry.ts';
import { ContactSchema, ORG_KINDS, QUALIFICATION_KINDS, usccProblem, type Contact } from './registry.schema.ts';

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
export const YES = '是';
export const NO = '否';

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
  // Only an error message shows the value (display(v)): not formatted for every good cell, and
  // no closure per cell either (tsx's keepNames would name each one: seconds per import).
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
      return k ? ok(k) : fail('unknown_kind', { v: display(v), list: Object.values(KIND_LABELS).join('、') });
    }
    case 'qualKind': {
      const k = typeof v === 'string' ? lookup(v, QUALIFICATION_KINDS, QUALIFICATION_LABELS, (x) => (x === 'hnte' ? ['高新技术企业', '高企'] : x === 'little_giant' ? ['专精特新"小巨人"', '小巨人'] : [])) : undefined;
      return k ? ok(k) : fail('unknown_qualification_kind', { v: display(v) });
    }
    case 'district': {
      const d = typeof v === 'string' ? lookup(v, DISTRICTS, DISTRICT_LABELS, (x) => [DISTRICT_LABELS[x].slice(0, 2)]) : undefined;
      return d ? ok(d) : fail('unknown_district', { v: display(v) });
    }
    case 'industry': {
      const code = String(v).trim().toUpperCase();
      return isIndustryCode(code) ? ok(code) : fail('unknown_industry', { v: display(v) });
    }
    case 'bool': {
      if (typeof v === 'boolean') return ok(v);
      const s = String(v).trim().toLowerCase();
      if ([YES, 'y', 'yes', 'true', '1', '√'].includes(s)) return ok(true);
      if ([NO, 'n', 'no', 'false', '0', '×'].includes(s)) return ok(false);
      return fail('not_boolean', { v: display(v) });
    }
    case 'date': {
      const d = typeof v === 'boolean' ? null : parseDate(v);
      if (!d) return fail('not_date', { v: display(v) });
      if (col.key === 'registeredOn' && d > today) return fail('future_date', { v: d });
      return ok(d);
    }
    case 'money': {
      if (typeof v !== 'string' && typeof v !== 'number') return fail('not_number', { v: display(v) });
      // A number cell that is an amount in fen / 100 (what the export writes): no string round trip.
      if (typeof v === 'number' && Math.abs(v) < 1e12) {
        const fen = Math.round(v * 100);
        if (fen / 100 === v) return fen < 0 && !col.signed ? fail('negative') : ok(fen === 0 ? 0 : fen);
      }
      const r = yuanToFen(v);
      if ('error' in r) return fail(r.error, { v: display(v) });
      if (r.fen < 0 && !col.signed) return fail('negative');
      return ok(r.fen);
    }
    case 'year':
    case 'int': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.0+)?$/.test(v.replace(/[,，]/g, '')) ? Number(v.replace(/[,，]/g, '')) : Number.NaN;
      if (Number.isNaN(n)) return fail(typeof v === 'string' && /^[+-]?[\d.,]+$/.test(v) ? 'not_integer' : 'not_number', { v: display(v) });
      if (!Number.isInteger(n)) return fail('not_integer', { v: display(v) });
      if (n < 0 && !col.signed && (col.min ?? 0) >= 0) return fail('negative');
      if ((col.min !== undefined && n < col.min) || (col.max !== undefined && n > col.max)) return fail('out_of_range', { min: col.min ?? 0, max: col.max ?? '∞' });
      return ok(n);
    }
  }
}
