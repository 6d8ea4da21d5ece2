// The rules engine: pure functions from a facts document and a date to explained results.
// No database, no HTTP: the same code runs in the API, in batch and in the benchmark.
import { FACT_KEYS, type FactKey } from '../modules/registry/facts.ts';
import type { FactsDoc, YearFactsDoc } from './facts-doc.ts';
import type { Bilingual, Citation, Confidence, CriterionResult, Gap, Points, RulesetResult, Unit, Verdict } from './types.ts';

// ---------- dated parameters ----------

export interface Dated<T> {
  from: string;
  to?: string;
  value: T;
  docNo: string;
  article: string;
  confidence: Confidence;
}

export function valueAt<T>(series: readonly Dated<T>[], asOf: string): Dated<T> | undefined {
  for (const d of series) if (d.from <= asOf && (!d.to || asOf <= d.to)) return d;
  return undefined;
}

/** The record a result keeps of a parameter value: one shared object per dated value. */
const paramRecords = new WeakMap<object, Param<unknown>>();

/** A parameter's value in force and its citation, as a result records it. */
export interface Param<T> { value: T; citation: Citation }

type Table = Record<string, readonly Dated<unknown>[]>;
/**
 * A ruleset's parameter table read through a per-date cache: each parameter is resolved once per
 * evaluation date (not once per organisation), and the record it returns, value and citation, is
 * the one every result of that date shares. `get(e, name)` also records it in `e.params`.
 */
export function paramTable<T extends Table>(prefix: string, table: T) {
  const names = Object.fromEntries(Object.keys(table).map((k) => [k, `${prefix}.${k}`])) as Record<keyof T, string>;
  const byDate = new Map<string, Map<keyof T, Param<unknown> | null>>();
  let lastAsOf = '';
  let last = new Map<keyof T, Param<unknown> | null>();
  return function get<K extends keyof T & string>(e: Evaluation, name: K): Param<T[K][number]['value']> {
    if (e.asOf !== lastAsOf) {
      let m = byDate.get(e.asOf);
      if (m === undefined) {
        if (byDate.size >= 64) byDate.clear();
        m = new Map();
        byDate.set(e.asOf, m);
      }
      lastAsOf = e.asOf;
      last = m;
    }
    let r = last.get(name);
    if (r === undefined) {
      const d = valueAt(table[name], e.asOf);
      r = d ? paramRecord(d) : null;
      last.set(name, r);
    }
    if (r === null) throw new NoRuleInForce(names[name], e.asOf);
    e.params[names[name]] = r;
    return r as Param<T[K][number]['value']>;
  };
}

/** The shared record of one dated value. */
function paramRecord(d: Dated<unknown>): Param<unknown> {
  let record = paramRecords.get(d);
  if (record === undefined) {
    record = { value: d.value, citation: { docNo: d.docNo, article: d.article, confidence: d.confidence } };
    paramRecords.set(d, record);
  }
  return record;
}

export class NoRuleInForce extends Error {
  constructor(readonly param: string, readonly asOf: string) {
    super(`no value of ${param} is in force on ${asOf}`);
  }
}

// ---------- formatting ----------

/** 1234567 → "1,234,567"; Intl's toLocaleString is ~100× slower and this runs per criterion. */
export function thousands(n: number, decimals = 0): string {
  if (decimals === 0 && Number.isSafeInteger(n)) {
    // Whole numbers (most amounts, counts and limits): group the digits directly.
    const digits = String(n < 0 ? -n : n);
    if (digits.length <= 3) return n < 0 ? `-${digits}` : digits;
    const head = digits.length % 3 || 3;
    let out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
    return n < 0 ? `-${out}` : out;
  }
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  let out = '';
  for (let i = int.length; i > 0; i -= 3) out = int.slice(Math.max(0, i - 3), i) + (out ? `,${out}` : '');
  return `${n < 0 ? '-' : ''}${out}${frac ? `.${frac}` : ''}`;
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 1)}%`;
export const fmt = {
  pct: (ratio: number) => `${(ratio * 100).toFixed(1)}%`,
  bp: pct,
  yuan: (fen: number) => `¥${thousands(Math.round(fen / 100))}`,
  /** An amount still needed: rounded up to the next yuan, so it is always enough. */
  yuanUp: (fen: number) => `¥${thousands(Math.ceil(fen / 100))}`,
  wan: (fen: number) => {
    const v = Math.round(fen / 100_000) / 10;
    return `${thousands(v, Number.isInteger(v) ? 0 : 1)}万元`;
  },
  int: (n: number) => thousands(n),
};

/**
 * How `compare()` shows a number in each language, and the unit its `actual` carries:
 * fen → zh "100万元" / en "¥1,000,000"; bp → "10%" (actual as a ratio); years, days, persons, points, count.
 */
/** A bilingual threshold with the same text in both languages ("≥ 10%"). */
export const same = (t: string): Bilingual => ({ zh: t, en: t });

export type ShowKind = 'fen' | 'pct' | 'bp' | 'years' | 'days' | 'count' | 'persons' | 'points';
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** Basis points to two decimals: 999 bp is 9.99 %, not a rounded 10.0 %. */
const bp2 = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
export const show: Record<ShowKind, (n: number) => Bilingual> = {
  fen: (n) => ({ zh: fmt.wan(n), en: fmt.yuan(n) }),
  pct: (n) => { const t = fmt.pct(n); return { zh: t, en: t }; },
  bp: (n) => { const t = bp2(n); return { zh: t, en: t }; },
  years: (n) => { const t = thousands(n); return { zh: `${t} 年`, en: `${t} ${plural(n, 'year', 'years')}` }; },
  days: (n) => { const t = thousands(n); return { zh: `${t} 天`, en: `${t} ${plural(n, 'day', 'days')}` }; },
  count: (n) => { const t = thousands(n); return { zh: t, en: t }; },
  persons: (n) => { const t = thousands(n); return { zh: `${t} 人`, en: `${t} ${plural(n, 'person', 'people')}` }; },
  points: (n) => { const t = thousands(n, Number.isInteger(n) ? 0 : 1); return { zh: `${t} 分`, en: `${t} ${plural(n, 'point', 'points')}` }; },
};
/** Limits are parameter values, few and repeated: their texts are formatted once. */
interface LimitTexts { text: Bilingual; threshold: Partial<Record<'>=' | '<=' | '>', Bilingual>> }
const limitTexts = Object.fromEntries(Object.keys(show).map((k) => [k, new Map<number, LimitTexts>()])) as Record<ShowKind, Map<number, LimitTexts>>;
const SIGN = { '>=': '≥', '<=': '≤', '>': '>' } as const;
const OP_ZH = { '>=': '不低于', '<=': '不超过', '>': '高于' } as const;
const OP_EN = { '>=': 'at least', '<=': 'at most', '>': 'more than' } as const;
/** The limit's text and its threshold ("≥ 100万元" / "≥ ¥1,000,000"), shared by every result that uses it. */
function showLimit(kind: ShowKind, n: number, op: '>=' | '<=' | '>'): { text: Bilingual; threshold: Bilingual } {
  const cache = limitTexts[kind];
  let t = cache.get(n);
  if (t === undefined) {
    t = { text: show[kind](n), threshold: {} };
    if (cache.size < 10_000) cache.set(n, t);
  }
  const threshold = (t.threshold[op] ??= { zh: `${SIGN[op]} ${t.text.zh}`, en: `${SIGN[op]} ${t.text.en}` });
  return { text: t.text, threshold };
}
/** A text per number, made once and shared: limits and marks are parameter values, few and repeated. */
export function perNumber(make: (n: number) => Bilingual): (n: number) => Bilingual {
  const cache = new Map<number, Bilingual>();
  return (n) => {
    let t = cache.get(n);
    if (t === undefined) {
      t = make(n);
      if (cache.size < 10_000) cache.set(n, t);
    }
    return t;
  };
}
/** "≥ 10%" in both languages. */
export const atLeastPct = perNumber((bp) => same(`≥ ${pct(bp)}`));
const UNIT_OF: Record<ShowKind, Unit> = { fen: 'fen', pct: 'ratio', bp: 'ratio', years: 'years', days: 'days', count: 'count', persons: 'persons', points: 'points' };

/** "满分 5" / "max 5 points": the ceiling of a scored indicator. */
export const maxPoints = perNumber((max) => ({ zh: `满分 ${max}`, en: `max ${max} ${plural(max, 'point', 'points')}` }));
/** "≥ 71 分" / "≥ 71 points": a pass mark. */
export const minPoints = perNumber((min) => ({ zh: `≥ ${min} 分`, en: `≥ ${min} ${plural(min, 'point', 'points')}` }));

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), without parsing a date string. */
export function dayNumber(iso: string): number {
  const d = (i: number) => iso.charCodeAt(i) - 48;
  return Date.UTC(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), d(5) * 10 + d(6) - 1, d(8) * 10 + d(9)) / 86_400_000;
}

export const cite = (c: Citation) => (c.article ? `${c.docNo} ${c.article}` : c.docNo);

// English citations: the document number and the article's reference only ("Art. 11(4)",
// "Annex 2 conditions (4) 1"); the Chinese wording of the article stays in the citation itself.
const CN_DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一 → 1, 十一 → 11, 二十三 → 23 (up to 99). */
function cnNumber(s: string): number {
  const i = s.indexOf('十');
  if (i < 0) return CN_DIGIT[s] ?? 0;
  return (i === 0 ? 1 : CN_DIGIT[s.slice(0, i)] ?? 0) * 10 + (CN_DIGIT[s.slice(i + 1)] ?? 0);
}
const HEADINGS: [string, string][] = [
  ['专精特新中小企业申报条件', 'SRDI SME conditions'], ['"小巨人"申报条件', 'little-giant conditions'],
  ['"科技和创新型中小企业"评价条件', 'tech and innovative SME conditions'], ['认定条件', 'conditions'], ['评价指标', 'indicators'],
  ['企业创新能力评价', 'innovation capability'], ['创新能力指标', 'innovation indicators'], ['专业化指标', 'specialisation indicators'],
  ['精细化指标', 'refinement indicators'], ['特色化指标', 'distinctiveness indicators'], ['产业链配套指标', 'supply-chain indicators'],
  ['主导产品所属领域指标', 'lead-product field indicator'], ['现场核查情形', 'on-site check triggers'], ['比照', 'by analogy with'],
  ['条件', 'condition'], ['创新能力', 'innovation'], ['成长性', 'growth'], ['专业化', 'specialisation'], ['其中', ''],
];
const ARTICLE_TOKEN = /^(?:(\s+)|附件(\d*)|指引[：:]?|第([一二三四五六七八九十百零]+)条|（([一二三四五六七八九十]+)）|([一二三四五六七八九十]+)、|(\d+)\.\s*)/;
function articleEn(article: string): string {
  const parts: string[] = [];
  let rest = article;
  for (;;) {
    const m = ARTICLE_TOKEN.exec(rest);
    if (m) {
      rest = rest.slice(m[0].length);
      if (m[1] !== undefined) continue;
      if (m[2] !== undefined) parts.push(m[2] ? `Annex ${m[2]}` : 'Annex');
      else if (m[3] !== undefined) parts.push(`Art. ${cnNumber(m[3])}`);
      else if (m[4] !== undefined) parts.push(`(${cnNumber(m[4])})`);
      else if (m[5] !== undefined) parts.push(`part ${cnNumber(m[5])}`);
      else if (m[6] !== undefined) parts.push(m[6]);
      else parts.push('Guidelines');
      continue;
    }
    const h = HEADINGS.find(([zh]) => rest.startsWith(zh));
    if (!h) break;
    rest = rest.slice(h[0].length);
    if (h[1]) parts.push(h[1]);
  }
  return parts.join(' ').replace(/(Art\. \d+) \(/g, '$1(');
}
const articleEnCache = new Map<string, string>();
/** The citation for an English sentence: document number and article reference, no Chinese wording. */
export function citeEn(c: Citation): string {
  let a = articleEnCache.get(c.article);
  if (a === undefined) {
    a = articleEn(c.article);
    articleEnCache.set(c.article, a);
  }
  const doc = c.en ?? c.docNo;
  return a ? `${doc} ${a}` : doc;
}

// ---------- lazy explanations ----------

/**
 * A criterion whose sentence is written when it is first read or serialised. Evaluation keeps
 * the verdict, the numbers and what the sentence needs (the trace); batch screening that only
 * counts verdicts never pays for the formatting, and every reader still sees `text`.
 */
class LazyCriterion {
  id: string;
  verdict: Verdict;
  actual: CriterionResult['actual'];
  unit: Unit;
  threshold: Bilingual | null;
  missing: string[];
  citation: Citation;
  gap: Gap | undefined;
  points: Points | undefined;
  note: Bilingual | undefined;
  indicator: boolean | undefined;
  #explain: (() => Bilingual) | undefined;
  #text: Bilingual | undefined;

  constructor(c: Omit<CriterionResult, 'text'>, explain: () => Bilingual) {
    this.id = c.id;
    this.verdict = c.verdict;
    this.actual = c.actual;
    this.unit = c.unit;
    this.threshold = c.threshold;
    this.missing = c.missing;
    this.citation = c.citation;
    this.gap = c.gap;
    this.points = c.points;
    this.note = c.note;
    this.indicator = c.indicator;
    this.#explain = explain;
  }

  get text(): Bilingual {
    if (this.#text === undefined) {
      this.#text = this.#explain!();
      this.#explain = undefined;
    }
    return this.#text;
  }

  set text(value: Bilingual) {
    this.#text = value;
    this.#explain = undefined;
  }

  /** The stored and sent form: a plain object with the sentence written out. */
  toJSON(): CriterionResult {
    const out: CriterionResult = { id: this.id, verdict: this.verdict, actual: this.actual, unit: this.unit, threshold: this.threshold, missing: this.missing, text: this.text, citation: this.citation };
    if (this.points !== undefined) out.points = this.points;
    if (this.gap !== undefined) out.gap = this.gap;
    if (this.note !== undefined) out.note = this.note;
    if (this.indicator !== undefined) out.indicator = this.indicator;
    return out;
  }
}

/** A criterion with its sentence written on demand by `explain`. */
export function lazyCriterion(c: Omit<CriterionResult, 'text'>, explain: () => Bilingual): CriterionResult {
  return new LazyCriterion(c, explain);
}

/** A gap whose sentence is written when it is first read or serialised. */
class LazyGap {
  effort: number;
  #explain: (() => Bilingual) | undefined;
  #text: Bilingual | undefined;

  constructor(effort: number, explain: () => Bilingual) {
    this.effort = effort;
    this.#explain = explain;
  }

  get text(): Bilingual {
    if (this.#text === undefined) {
      this.#text = this.#explain!();
      this.#explain = undefined;
    }
    return this.#text;
  }

  set text(value: Bilingual) {
    this.#text = value;
    this.#explain = undefined;
  }

  toJSON(): Gap {
    return { effort: this.effort, text: this.text };
  }
}

/** `{ effort, text }` with the text written on demand by `explain`. */
export function lazyGap(effort: number, explain: () => Bilingual): Gap {
  return new LazyGap(effort, explain);
}

/** The distinct entries of `list` in order, as a new array (`[...new Set(list)]` without the Set). */
export function unique(list: readonly string[]): string[] {
  const n = list.length;
  if (n < 2) return n === 0 ? [] : [list[0]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) if (!out.includes(list[i])) out.push(list[i]);
  return out;
}

/** Results as plain data with every sentence written (what the API sends and the database stores). */
export function explained<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---------- one evaluation ----------

/**
 * Every fact key in one order. A document's years are read through copies of this one shape:
 * the years themselves come in as many shapes as there are sets of facts given, and a lookup
 * by a varying key over many shapes misses V8's caches (it was a tenth of all evaluation time).
 */
const ROW: Record<string, unknown> = Object.fromEntries([['fiscalYear', 0], ...FACT_KEYS.map((k) => [k, undefined])]);

/**
 * A document's years by fiscal year, as rows of one shape, built once per document for all its
 * rulesets. The rows are copies: a document is not to be changed once evaluated (none is).
 */
const yearMaps = new WeakMap<FactsDoc, Map<number, YearFactsDoc>>();
function yearsOf(doc: FactsDoc): Map<number, YearFactsDoc> {
  let m = yearMaps.get(doc);
  if (m === undefined) {
    m = new Map();
    for (const y of doc.years) {
      const row = { ...ROW };
      for (const k in y) if (Object.hasOwn(ROW, k)) row[k] = (y as Record<string, unknown>)[k];
      m.set(y.fiscalYear, row as YearFactsDoc);
    }
    yearMaps.set(doc, m);
  }
  return m;
}

export interface CriterionInput {
  id: string;
  citation: Citation;
  label: Bilingual;
}

/** Collects criteria, parameters used and missing facts for one ruleset version and date. */
export class Evaluation {
  readonly criteria: CriterionResult[] = [];
  readonly params: RulesetResult['params'] = {};
  /** The latest complete fiscal year before the evaluation date. */
  readonly priorYear: number;
  private readonly byYear: Map<number, YearFactsDoc>;

  constructor(readonly doc: FactsDoc, readonly asOf: string) {
    this.priorYear = Number(asOf.slice(0, 4)) - 1;
    this.byYear = yearsOf(doc);
  }

  /** A numeric fact, or undefined (for facts whose absence is not reported). */
  known(year: number, key: FactKey): number | undefined {
    const v = this.byYear.get(year)?.[key];
    return typeof v === 'number' ? v : undefined;
  }

  /** A numeric fact, or undefined with its path added to `missing`. */
  num(year: number, key: FactKey, missing: string[]): number | undefined {
    const v = this.byYear.get(year)?.[key];
    if (typeof v === 'number') return v;
    missing.push(`years[${year}].${key}`);
    return undefined;
  }

  flag(year: number, key: FactKey, missing: string[]): boolean | undefined {
    const v = this.byYear.get(year)?.[key];
    if (typeof v === 'boolean') return v;
    missing.push(`years[${year}].${key}`);
    return undefined;
  }

  /** Sum over years; undefined if any year lacks the fact. */
  sum(years: number[], key: FactKey, missing: string[]): number | undefined {
    let total = 0;
    let ok = true;
    for (const y of years) {
      const v = this.num(y, key, missing);
      if (v === undefined) ok = false;
      else total += v;
    }
    return ok ? total : undefined;
  }

  /** Fiscal years the organisation existed in, of the `n` before the evaluation year. */
  lastYears(n: number): number[] {
    const founded = this.doc.org.registeredOn ? Number(this.doc.org.registeredOn.slice(0, 4)) : -Infinity;
    const out: number[] = [];
    for (let y = this.priorYear - n + 1; y <= this.priorYear; y++) if (y >= founded) out.push(y);
    return out;
  }

  /** An active qualification of that kind on the evaluation date. */
  holds(kind: string) {
    for (const q of this.doc.qualifications) if (q.kind === kind && (!q.issuedOn || q.issuedOn <= this.asOf) && (!q.expiresOn || this.asOf <= q.expiresOn)) return q;
    return undefined;
  }

  add(c: CriterionResult): CriterionResult {
    this.criteria.push(c);
    return c;
  }

  /** A criterion whose facts are missing: unknown, naming them. */
  unknown(input: CriterionInput, missing: string[]): CriterionResult {
    const m = unique(missing);
    return this.add(lazyCriterion({
      id: input.id, verdict: 'unknown', actual: null, unit: null, threshold: null, missing: m, citation: input.citation
    }, () => ({
        zh: `${input.label.zh}：缺少数据（${m.join('、')}），无法判断（${cite(input.citation)}）。`,
        en: `${input.label.en}: data missing (${m.join(', ')}), cannot decide (${citeEn(input.citation)}).`,
      })));
  }

  /**
   * A ratio numerator/denominator against a minimum in basis points, compared in integers so
   * that 10 % of 100 people is exactly 10, not 10.000000000000002.
   */
  ratioAtLeast(input: CriterionInput & {
    num: number | undefined; den: number | undefined; minBp: number; missing: string[];
  }, gap?: (num: number, den: number) => Gap | undefined): CriterionResult {
    if (input.num === undefined || input.den === undefined) return this.unknown(input, input.missing);
    const threshold = atLeastPct(input.minBp);
    const min = threshold.zh.slice(2);
    if (input.den <= 0) {
      return this.add(lazyCriterion({
        id: input.id, verdict: 'fail', actual: null, unit: 'ratio', threshold, missing: [], citation: input.citation
      }, () => ({ zh: `${input.label.zh}：分母为零，无法达到 ${min}（${cite(input.citation)}）。`, en: `${input.label.en}: the denominator is zero, so ${min} cannot be met (${citeEn(input.citation)}).` })));
    }
    const pass = input.num * 10_000 >= input.minBp * input.den;
    const ratio = input.num / input.den;
    return this.add(lazyCriterion({
      id: input.id, verdict: pass ? 'pass' : 'fail', actual: Math.round(ratio * 10_000) / 10_000, unit: 'ratio', threshold,
      missing: [], citation: input.citation, gap: pass ? undefined : gap?.(input.num, input.den)
    }, () => ({
        zh: `${input.label.zh}为 ${fmt.pct(ratio)}，${pass ? '达到' : '未达到'}不低于 ${min} 的要求（${cite(input.citation)}）。`,
        en: `${input.label.en} is ${fmt.pct(ratio)}, ${pass ? 'meeting' : 'short of'} the required ${min} or more (${citeEn(input.citation)}).`,
      })));
  }

  /**
   * A value against a minimum (or maximum). `show` formats a number per language and sets the
   * unit of `actual` ('bp' values are returned as ratios).
   */
  compare(input: CriterionInput & {
    value: number | undefined; limit: number; op: '>=' | '<=' | '>'; missing: string[]; show: ShowKind;
  }, gap?: (value: number) => Gap | undefined): CriterionResult {
    if (input.value === undefined) return this.unknown(input, input.missing);
    const pass = input.op === '>=' ? input.value >= input.limit : input.op === '>' ? input.value > input.limit : input.value <= input.limit;
    const { text: l, threshold } = showLimit(input.show, input.limit, input.op);
    const value = input.value;
    return this.add(lazyCriterion({
      id: input.id, verdict: pass ? 'pass' : 'fail', actual: input.show === 'bp' ? input.value / 10_000 : input.value, unit: UNIT_OF[input.show],
      threshold,
      missing: [], citation: input.citation, gap: pass ? undefined : gap?.(input.value)
    }, () => {
      const v = show[input.show](value);
      return {
        zh: `${input.label.zh}为 ${v.zh}，${pass ? '符合' : '不符合'}${OP_ZH[input.op]} ${l.zh} 的要求（${cite(input.citation)}）。`,
        en: `${input.label.en} is ${v.en}, ${pass ? 'meeting' : 'not meeting'} the requirement of ${OP_EN[input.op]} ${l.en} (${citeEn(input.citation)}).`,
      };
    }));
  }

  /** A yes/no condition. */
  condition(input: CriterionInput & { holds: boolean | undefined; missing: string[]; yes: Bilingual; no: Bilingual; gap?: Gap }): CriterionResult {
    if (input.holds === undefined) return this.unknown(input, input.missing);
    const t = input.holds ? input.yes : input.no;
    return this.add(lazyCriterion({
      id: input.id, verdict: input.holds ? 'pass' : 'fail', actual: input.holds, unit: 'bool', threshold: null, missing: [], citation: input.citation,
      gap: input.holds ? undefined : input.gap
    }, () => ({ zh: `${input.label.zh}：${t.zh}（${cite(input.citation)}）。`, en: `${input.label.en}: ${t.en} (${citeEn(input.citation)}).` })));
  }

  /** An expert-judged item: the given score, or the band's range for review. */
  expert(input: CriterionInput & { key: string; min: number; max: number; hint?: Bilingual }): CriterionResult {
    const given = this.doc.expert[input.key];
    if (given !== undefined) {
      const value = Math.max(input.min, Math.min(input.max, given));
      return this.add(lazyCriterion({
        id: input.id, verdict: 'pass', actual: value, unit: 'points', threshold: null, points: { value, min: input.min, max: input.max }, missing: [], citation: input.citation
      }, () => ({ zh: `${input.label.zh}：专家评分 ${value} 分（${input.min}–${input.max}，${cite(input.citation)}）。`, en: `${input.label.en}: expert score ${value} (${input.min}–${input.max}, ${citeEn(input.citation)}).` })));
    }
    return this.add(lazyCriterion({
      id: input.id, verdict: 'manual_review', actual: null, unit: 'points', threshold: null, points: { min: input.min, max: input.max }, missing: [], citation: input.citation
    }, () => ({
        zh: `${input.label.zh}：需专家评审，得分区间 ${input.min}–${input.max} 分${input.hint ? `；${input.hint.zh}` : ''}（${cite(input.citation)}）。`,
        en: `${input.label.en}: needs expert review, ${input.min}–${input.max} points${input.hint ? `; ${input.hint.en}` : ''} (${citeEn(input.citation)}).`,
      })));
  }
}

/** All conditions must hold: a fail decides, then unknown, then manual review. */
export function allOf(criteria: CriterionResult[]): Verdict {
  if (criteria.some((c) => c.verdict === 'fail')) return 'fail';
  if (criteria.some((c) => c.verdict === 'unknown')) return 'unknown';
  if (criteria.some((c) => c.verdict === 'manual_review')) return 'manual_review';
  return 'pass';
}

/** Any one route suffices: a pass decides, then unknown or review, else fail. */
export function anyOf(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('pass')) return 'pass';
  if (verdicts.includes('unknown')) return 'unknown';
  if (verdicts.includes('manual_review')) return 'manual_review';
  return 'fail';
}

export function sumPoints(points: (Points | undefined)[]): Points {
  let min = 0;
  let max = 0;
  for (const p of points) {
    if (!p) continue;
    min += p.value ?? p.min ?? 0;
    max += p.value ?? p.max ?? 0;
  }
  return min === max ? { value: min, min, max } : { min, max };
}

// ---------- rulesets ----------

export interface RulesetVersion {
  version: string;
  from: string;
  to?: string;
  /** Adds criteria to `e` and returns the overall verdict, route and score. */
  evaluate(e: Evaluation): Pick<RulesetResult, 'verdict' | 'route' | 'score'>;
}

export interface Ruleset {
  id: string;
  title: Bilingual;
  versions: RulesetVersion[];
}

export function evaluateRuleset(ruleset: Ruleset, doc: FactsDoc, asOf: string): RulesetResult {
  let version: RulesetVersion | undefined;
  for (const v of ruleset.versions) {
    if (v.from <= asOf && (!v.to || asOf <= v.to)) {
      version = v;
      break;
    }
  }
  const e = new Evaluation(doc, asOf);
  const q = e.holds(ruleset.id);
  const held = q ? { certificateNo: q.certificateNo ?? null, issuedOn: q.issuedOn ?? null, expiresOn: q.expiresOn ?? null } : null;
  if (!version) {
    const first = ruleset.versions.map((v) => v.from).sort()[0];
    return {
      ruleset: ruleset.id, title: ruleset.title, version: 'none', asOf, verdict: 'unknown', route: null, held, params: {},
      criteria: [{
        id: 'no_rule', verdict: 'unknown', actual: null, unit: null, threshold: null, missing: [], citation: { docNo: '—', article: '—', confidence: 'X' },
        text: { zh: `${asOf} 时尚无${ruleset.title.zh}的认定规则（最早自 ${first} 起施行）。`, en: `No ${ruleset.title.en} rule was in force on ${asOf} (the earliest starts ${first}).` },
      }],
    };
  }
  try {
    const { verdict, route, score } = version.evaluate(e);
    return { ruleset: ruleset.id, title: ruleset.title, version: version.version, asOf, verdict, route, score, held, criteria: e.criteria, params: e.params };
  } catch (err) {
    if (!(err instanceof NoRuleInForce)) throw err;
    return {
      ruleset: ruleset.id, title: ruleset.title, version: version.version, asOf, verdict: 'unknown', route: null, held, params: e.params,
      criteria: [...e.criteria, {
        id: 'no_rule', verdict: 'unknown', actual: null, unit: null, threshold: null, missing: [], citation: { docNo: '—', article: '—', confidence: 'X' },
        text: { zh: `参数 ${err.param} 在 ${asOf} 时没有生效值。`, en: `Parameter ${err.param} has no value in force on ${asOf}.` },
      }],
    };
  }
}
