// The rules engine: pure functions from a facts document and a date to explained results.
// No database, no HTTP: the same code runs in the API, in batch and in the benchmark.
import { Buffer } from 'node:buffer';
import { FACT_KEYS, FLAG_FACTS as FLAGS, type FactKey, type FlagFactKey, type NumericFactKey } from '../modules/registry/facts.ts';
import type { FactsDoc } from './facts-doc.ts';
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
/** Parameters of every table so far: each has its own index into `ParamSet.steps`. */
let paramCount = 0;
/** A ruleset's parameters, one accessor each: `C.minAgeDays(e)`. */
export type ParamTable<T extends Table> = { readonly [K in keyof T]: (e: Evaluation) => Param<T[K][number]['value']> };
/**
 * A ruleset's parameter table. `C.name(e)` returns the value in force on the evaluation date with
 * its citation, as one record shared by every result of that date, and records it as used by
 * `e`: one step in the tree of parameter sets of that date (see `ParamSet`), so that after the
 * first organisation a parameter costs a property load and an array read. One small accessor per
 * parameter, where V8 inlines it: a shared `get(e, name)` looked the name up in a hash each call.
 */
export function paramTable<T extends Table>(prefix: string, table: T): ParamTable<T> {
  const out: Record<string, (e: Evaluation) => Param<unknown>> = {};
  for (const name of Object.keys(table)) {
    const i = paramCount++;
    const first = (e: Evaluation): Param<unknown> => {
      const at = e.paramSet;
      let step = at.steps[i];
      if (step === undefined) {
        const d = valueAt(table[name], e.asOf);
        const record = d ? paramRecord(d) : null;
        step = { record, to: record === null ? at : withParam(at, `${prefix}.${name}`, record) };
        at.steps[i] = step;
      }
      if (step.record === null) throw new NoRuleInForce(`${prefix}.${name}`, e.asOf);
      e.paramSet = step.to;
      return step.record;
    };
    out[name] = (e: Evaluation): Param<unknown> => {
      const step = e.paramSet.steps[i];
      if (step === undefined || step.record === null) return first(e);
      e.paramSet = step.to;
      return step.record;
    };
  }
  return Object.freeze(out) as ParamTable<T>;
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

/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD), by arithmetic on the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil): no string parsing, no Date.
 */
export function dayNumber(iso: string): number {
  // Digits by char code, no closure: tsx (esbuild's keepNames) would wrap one made per call.
  const month = (iso.charCodeAt(5) - 48) * 10 + iso.charCodeAt(6) - 48;
  const year = yearOf(iso) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + (iso.charCodeAt(8) - 48) * 10 + iso.charCodeAt(9) - 48 - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The year of an ISO date (YYYY-MM-DD). */
export function yearOf(iso: string): number {
  return (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + iso.charCodeAt(3) - 48;
}

/** Month × 100 + day of an ISO date (YYYY-MM-DD): 229 for 29 February; orders as its "MM-DD" does. */
export function monthDayOf(iso: string): number {
  return (iso.charCodeAt(5) - 48) * 1000 + (iso.charCodeAt(6) - 48) * 100 + (iso.charCodeAt(8) - 48) * 10 + iso.charCodeAt(9) - 48;
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

// ---------- recorded criteria ----------

/**
 * A criterion's fixed part, declared once per ruleset: its id, label, citation and how its
 * sentence, threshold and gap read the numbers an evaluation recorded for it. Evaluating records
 * a verdict and up to five numbers (`Evaluation.record`); the criterion's other fields are built
 * from them when first read, so an evaluation whose results are only counted or filtered by
 * verdict allocates almost nothing per criterion.
 */
export interface Spec {
  id: string;
  label: Bilingual | ((r: Recorded) => Bilingual);
  citation: Citation | ((r: Recorded) => Citation);
  /** Every field but id, verdict and the sentence (and the gap, when `gap` is given); called only for recorded (not unknown) criteria. */
  read(r: Recorded): Omit<CriterionResult, 'id' | 'verdict' | 'text' | 'citation' | 'missing' | 'indicator'>;
  /**
   * A failed criterion's gap, read without building the other fields: the batch counts gaps
   * and their effort for every result (countsOf) and reads nothing else.
   */
  gap?(r: Recorded): Gap | undefined;
  /** A scored indicator (as the SRDI score's), not a condition: its points are what count. */
  indicator?: true;
  text(r: Recorded, label: Bilingual, citation: Citation): Bilingual;
  /** A remark every criterion of this spec carries, unknown or not. */
  note?: Bilingual;
}

/** A criterion's fields, built on first read; `text` once its sentence is written. */
type Fields = Omit<CriterionResult, 'id' | 'verdict' | 'text' | 'indicator'> & { text: Bilingual | undefined };

/** What few criteria carry (missing facts) or carry once read (fields, gap): one object, made when first needed. */
interface Extra {
  fields: Fields | undefined;
  /** The gap by `spec.gap`, once read (when there is one). */
  gap: Gap | undefined;
  missingFacts: string[] | undefined;
  asUnknown: boolean;
}

/**
 * A criterion read from its record. `verdict` is a field (rulesets may settle it, as for an
 * expert's 0); the rest is built on first read and kept. Five fields: an evaluation makes one per
 * criterion (nine on average), and their bytes are most of what the young generation collects;
 * what only some carry (missing facts, ~5 %) or only once read (fields, gap) is in `#x`.
 */
export class Recorded {
  #x: Extra | undefined = undefined;

  constructor(readonly spec: Spec, readonly e: Evaluation, readonly at: number, public verdict: Verdict) {}

  // Static, not instance, private accessors: an instance one gives every instance a brand field.
  static #extra(r: Recorded): Extra {
    return (r.#x ??= { fields: undefined, gap: undefined, missingFacts: undefined, asUnknown: false });
  }

  /** Facts that were missing (set only when some were). */
  get missingFacts(): string[] | undefined {
    return this.#x?.missingFacts;
  }

  set missingFacts(value: string[] | undefined) {
    Recorded.#extra(this).missingFacts = value;
  }

  /** Whether missing facts left it unknown (`Evaluation.recordUnknown`). */
  get asUnknown(): boolean {
    return this.#x !== undefined && this.#x.asUnknown;
  }

  /** Marks it unknown for want of `missing` facts. */
  unknownFor(missing: string[]) {
    this.#x = { fields: undefined, gap: undefined, missingFacts: missing, asUnknown: true };
  }

  get id(): string {
    return this.spec.id;
  }

  /** The i-th number recorded. */
  n(i: number): number {
    const e = this.e;
    return e.nums[e.base + this.at + i];
  }

  /** Another criterion of the same evaluation, by id (for specs that read what their neighbours recorded). */
  sibling(id: string): Recorded | undefined {
    return this.e.criteria.find((c) => c.id === id);
  }

  get labelText(): Bilingual {
    const l = this.spec.label;
    return typeof l === 'function' ? l(this) : l;
  }

  static #c(r: Recorded): Fields {
    const x = Recorded.#extra(r);
    if (x.fields === undefined) {
      const c = r.spec.citation;
      const citation = typeof c === 'function' ? c(r) : c;
      const f = r.asUnknown ? undefined : r.spec.read(r);
      // One shape for every criterion, absent fields undefined (a spread of the many shapes `read`
      // returns took V8's slowest path).
      x.fields = {
        actual: f ? f.actual : null, unit: f ? f.unit : null, threshold: f ? f.threshold : null, missing: x.missingFacts ?? [], citation,
        points: f?.points, gap: f?.gap, note: f?.note ?? r.spec.note, text: undefined,
      };
    }
    return x.fields;
  }

  get actual() { return Recorded.#c(this).actual; }
  get unit() { return Recorded.#c(this).unit; }
  get threshold() { return Recorded.#c(this).threshold; }
  get missing() { return Recorded.#c(this).missing; }
  get citation() { return Recorded.#c(this).citation; }
  get points() { return Recorded.#c(this).points; }
  get gap(): Gap | undefined {
    const g = this.spec.gap;
    if (g === undefined) return Recorded.#c(this).gap;
    const x = this.#x;
    if (x !== undefined && x.gap !== undefined) return x.gap;
    if (this.asUnknown) return undefined;
    // Most criteria have none (they pass): nothing kept for them, asking again is as cheap.
    const gap = g(this);
    if (gap !== undefined) Recorded.#extra(this).gap = gap;
    return gap;
  }
  get note() { return Recorded.#c(this).note; }
  set note(value: Bilingual | undefined) { Recorded.#c(this).note = value; }
  get indicator() { return this.asUnknown ? undefined : this.spec.indicator; }

  get text(): Bilingual {
    const c = Recorded.#c(this);
    if (c.text === undefined) c.text = this.asUnknown ? unknownText(this.labelText, this.missingFacts ?? [], c.citation) : this.spec.text(this, this.labelText, c.citation);
    return c.text;
  }

  set text(value: Bilingual) {
    Recorded.#c(this).text = value;
  }

  toJSON(): CriterionResult {
    const c = Recorded.#c(this);
    const out: CriterionResult = { id: this.id, verdict: this.verdict, actual: c.actual, unit: c.unit, threshold: c.threshold, missing: c.missing, text: this.text, citation: c.citation };
    if (c.points !== undefined) out.points = c.points;
    const gap = this.gap;
    if (gap !== undefined) out.gap = gap;
    if (c.note !== undefined) out.note = c.note;
    const indicator = this.indicator;
    if (indicator !== undefined) out.indicator = indicator;
    return out;
  }
}

function unknownText(label: Bilingual, m: string[], citation: Citation): Bilingual {
  return {
    zh: `${label.zh}：缺少数据（${m.join('、')}），无法判断（${cite(citation)}）。`,
    en: `${label.en}: data missing (${m.join(', ')}), cannot decide (${citeEn(citation)}).`,
  };
}

/** A value against a limit (`compare`'s sentence), recorded as [value, limit]. */
export function compareSpec(s: {
  id: string; label: Spec['label']; citation: Spec['citation']; op: '>=' | '<=' | '>'; show: ShowKind;
  gap?: { effort: (value: number, limit: number, r: Recorded) => number; text: (value: number, limit: number, r: Recorded) => Bilingual };
}): Spec {
  const gap = s.gap;
  return {
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      const value = r.n(0);
      const limit = r.n(1);
      return { actual: s.show === 'bp' ? value / 10_000 : value, unit: UNIT_OF[s.show], threshold: showLimit(s.show, limit, s.op).threshold };
    },
    gap(r) {
      if (r.verdict !== 'fail' || !gap) return undefined;
      const value = r.n(0);
      const limit = r.n(1);
      return lazyGap(gap.effort(value, limit, r), () => gap.text(value, limit, r));
    },
    text(r, label, citation) {
      const pass = r.verdict === 'pass';
      const v = show[s.show](r.n(0));
      const l = showLimit(s.show, r.n(1), s.op).text;
      return {
        zh: `${label.zh}为 ${v.zh}，${pass ? '符合' : '不符合'}${OP_ZH[s.op]} ${l.zh} 的要求（${cite(citation)}）。`,
        en: `${label.en} is ${v.en}, ${pass ? 'meeting' : 'not meeting'} the requirement of ${OP_EN[s.op]} ${l.en} (${citeEn(citation)}).`,
      };
    },
  };
}

/**
 * numerator ÷ denominator against a minimum in basis points (`ratioAtLeast`'s sentence), recorded
 * as [numerator, denominator, minimum bp, ...extra] — up to two extra numbers for the label and the gap.
 */
export function ratioSpec(s: {
  id: string; label: Spec['label']; citation: Spec['citation'];
  gap?: { effort: (num: number, den: number, minBp: number, r: Recorded) => number; text: (num: number, den: number, minBp: number, r: Recorded) => Bilingual };
}): Spec {
  const gap = s.gap;
  return {
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      const num = r.n(0);
      const den = r.n(1);
      const minBp = r.n(2);
      const threshold = atLeastPct(minBp);
      if (den <= 0) return { actual: null, unit: 'ratio', threshold };
      return { actual: Math.round((num / den) * 10_000) / 10_000, unit: 'ratio', threshold };
    },
    gap(r) {
      const num = r.n(0);
      const den = r.n(1);
      const minBp = r.n(2);
      return r.verdict === 'fail' && gap && den > 0 ? lazyGap(gap.effort(num, den, minBp, r), () => gap.text(num, den, minBp, r)) : undefined;
    },
    text(r, label, citation) {
      const num = r.n(0);
      const den = r.n(1);
      const min = atLeastPct(r.n(2)).zh.slice(2);
      if (den <= 0) return { zh: `${label.zh}：分母为零，无法达到 ${min}（${cite(citation)}）。`, en: `${label.en}: the denominator is zero, so ${min} cannot be met (${citeEn(citation)}).` };
      const pass = r.verdict === 'pass';
      const ratio = fmt.pct(num / den);
      return {
        zh: `${label.zh}为 ${ratio}，${pass ? '达到' : '未达到'}不低于 ${min} 的要求（${cite(citation)}）。`,
        en: `${label.en} is ${ratio}, ${pass ? 'meeting' : 'short of'} the required ${min} or more (${citeEn(citation)}).`,
      };
    },
  };
}

/** A yes/no condition (`condition`'s sentence), recorded as [holds, ...extra] for the texts. */
export function conditionSpec(s: {
  id: string; label: Spec['label']; citation: Spec['citation'];
  yes: Bilingual | ((r: Recorded) => Bilingual); no: Bilingual | ((r: Recorded) => Bilingual);
  gap?: { effort: number; text: Bilingual };
}): Spec {
  const gap = s.gap;
  return {
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      return { actual: r.n(0) === 1, unit: 'bool', threshold: null };
    },
    gap: (r) => (r.verdict === 'fail' ? gap : undefined),
    text(r, label, citation) {
      const t = r.n(0) === 1 ? s.yes : s.no;
      const b = typeof t === 'function' ? t(r) : t;
      return { zh: `${label.zh}：${b.zh}（${cite(citation)}）。`, en: `${label.en}: ${b.en} (${citeEn(citation)}).` };
    },
  };
}

/** An expert-judged item (`expert`'s sentence), recorded as [given score or NaN]. */
export function expertSpec(s: { id: string; key: string; label: Bilingual; citation: Citation; min: number; max: number; hint?: Bilingual }): Spec {
  const review: Points = { min: s.min, max: s.max };
  return {
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      const value = r.n(0);
      return value === value
        ? { actual: value, unit: 'points', threshold: null, points: { value, min: s.min, max: s.max } }
        : { actual: null, unit: 'points', threshold: null, points: review };
    },
    gap: () => undefined,
    text(r, label, citation) {
      const value = r.n(0);
      if (value === value) return { zh: `${label.zh}：专家评分 ${value} 分（${s.min}–${s.max}，${cite(citation)}）。`, en: `${label.en}: expert score ${value} (${s.min}–${s.max}, ${citeEn(citation)}).` };
      return {
        zh: `${label.zh}：需专家评审，得分区间 ${s.min}–${s.max} 分${s.hint ? `；${s.hint.zh}` : ''}（${cite(citation)}）。`,
        en: `${label.en}: needs expert review, ${s.min}–${s.max} points${s.hint ? `; ${s.hint.en}` : ''} (${citeEn(citation)}).`,
      };
    },
  };
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

export type NumCol = number & { readonly numericFact: true };
export type FlagCol = number & { readonly flagFact: true };

/** The column groups a table row has room for (see `ColumnGroup`). */
const MAX_GROUPS = 4;
/**
 * The facts the rulesets read in most evaluations, first those read for two or three years, in
 * this order: a table row puts them first, then the column groups' totals, then every other fact.
 * A batch touches each document's table once, so every cache line of it an evaluation reads is a
 * load from memory: one document evaluated by all six rulesets reads ~47 cells, which in the
 * registry's order of facts fell on ~18 lines of its table and in this order on ~8. Any order is
 * correct; a fact missing from the list is only read from a line of its own.
 */
const HOT: readonly FactKey[] = [
  'rdExpense', 'revenue', 'rdExpenseDomestic', 'totalAssets', 'totalLiabilities', 'achievementsConverted', 'standardsLed', 'equityFinancing',
  'mainBusinessRevenue', 'majorIncident', 'researchMisconduct', 'abnormalOrDishonestList',
];
const HOT_ONE_YEAR: readonly FactKey[] = [
  'stStaff', 'employees', 'highTechRevenue', 'totalIncome', 'nonTaxableIncome', 'totalCostExpense', 'standardsJoined', 'rdSubLedger',
  'inventionPatents', 'plantVarieties', 'cropVarieties', 'newDrugs', 'tcmProtectedVarieties', 'icLayouts', 'utilityModels', 'designPatents', 'softwareCopyrights',
  'inventionPatentsSelfDeveloped', 'inventionPatentsHighValue', 'marketSharePct', 'digitalLevel', 'qualityCertified', 'ownBrand', 'netProfit', 'rdStaff', 'coreProcessOnIt',
];
/** The fact in each column of a table row; undefined in the column groups' columns. */
const KEY_AT: readonly (FactKey | undefined)[] = [
  ...HOT, ...new Array<undefined>(MAX_GROUPS).fill(undefined), ...HOT_ONE_YEAR,
  ...FACT_KEYS.filter((k) => !HOT.includes(k) && !HOT_ONE_YEAR.includes(k)),
];
/** Where a row's column-group totals start. */
const GROUP_AT = HOT.length;
/** Cells per row: every fact and the groups' totals. */
const ROW = KEY_AT.length;
/**
 * The column of each fact in a document's fact table, named at the call site (`e.num(y,
 * F.revenue, missing)`): a constant the compiler folds, where a fact named by a string was a
 * hash lookup on every read. The types keep numeric facts and flags apart.
 */
export const F = Object.freeze(Object.fromEntries(FACT_KEYS.map((k) => [k, KEY_AT.indexOf(k)]))) as { readonly [K in NumericFactKey]: NumCol } & { readonly [K in FlagFactKey]: FlagCol };
/** The fact key of a column ("revenue"). */
export const factName = (c: NumCol | FlagCol): string => KEY_AT[c]!;
/** Paths by year (1990–2100, as the facts format allows) and column, each made once. */
const PATHS: (string | undefined)[] = new Array(111 * ROW);
/**
 * The path of a fact of a year ("years[2025].revenue"), as missing facts are named: one string per
 * path, so that the lists of them a result keeps are not rebuilt per evaluation and compare by
 * identity (`unique`).
 */
export function factPath(year: number, c: number): string {
  const k = (year - 1990) * ROW + c;
  if (k < 0 || k >= PATHS.length) return `years[${year}].${KEY_AT[c]}`;
  return (PATHS[k] ??= `years[${year}].${KEY_AT[c]}`);
}
const IS_FLAG = new Uint8Array(ROW);
KEY_AT.forEach((k, c) => { IS_FLAG[c] = k !== undefined && k in FLAGS ? 1 : 0; });

/** Each fact key's column (`fiscalYear` and unknown keys have none). */
const COLUMN = new Map<string, number>(FACT_KEYS.map((k) => [k, F[k]]));

/** A year's fact in column `c` as a table cell: the number, a flag as 1/0, NaN when not given. */
function cellOf(row: Record<string, unknown> | undefined, c: number): number {
  const x = row?.[KEY_AT[c]!];
  return IS_FLAG[c] === 1 ? (typeof x === 'boolean' ? (x ? 1 : 0) : NaN) : typeof x === 'number' ? x : NaN;
}

/**
 * A document's years as one table of numbers: a row per fiscal year from the first to the last,
 * a column per fact key (NaN where the fact is not given; flags as 1/0). Criteria read a cell by
 * index, where a keyed lookup over as many object shapes as there are sets of facts missed V8's
 * caches. One table serves every ruleset and date evaluated on a document (`evaluateAll`, a
 * replay of stored rows). By default a cell is read from the document the first time a criterion
 * asks for it: one evaluation reads a third of the cells, so copying all costs more than it saves.
 * `filled` copies every fact up front: facts held in memory in the engine's own form (the rules
 * benchmark), whose evaluations then never touch the document's years.
 */
export interface FactTable {
  /** The first fiscal year, the number of years from it (rows), each row's document (when it has one). */
  first: number; count: number; rows: (Record<string, unknown> | undefined)[];
  values: (number | undefined)[]; filled: boolean;
  /** The expert inputs, undefined when there are none (most documents). */
  expert: Record<string, number> | undefined;
  /**
   * Each qualification's kind and the days (see `dayNumber`) it runs from and to, open ends as
   * ∓Infinity: `holds` compares numbers in arrays of one shape, where reading the qualifications
   * themselves (objects of as many shapes as sets of fields given) and comparing date strings was
   * a twentieth of an evaluation.
   */
  qualKinds: string[]; qualFrom: number[]; qualTo: number[];
  /** `org.registeredOn` as its year, month × 100 + day and day number, NaN when not given: read as numbers, not from the document. */
  regYear: number; regMonthDay: number; regDay: number;
  /** `org.kind` and `org.industryCode`, read from the table: the document is then not touched at all by most evaluations. */
  orgKind: FactsDoc['org']['kind']; industryCode: string | null;
}
export function factTable(doc: FactsDoc, filled = false): FactTable {
  const years = doc.years;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < years.length; i++) {
    const fy = years[i].fiscalYear;
    if (fy < first) first = fy;
    if (fy > last) last = fy;
  }
  const rows: (Record<string, unknown> | undefined)[] = new Array(years.length ? last - first + 1 : 0).fill(undefined);
  for (let i = 0; i < years.length; i++) rows[years[i].fiscalYear - first] = years[i];
  // A row per year (see `KEY_AT`); the groups' totals are always made on first read.
  const values: (number | undefined)[] = new Array(rows.length * ROW);
  if (filled) {
    for (let i = 0; i < values.length; i++) if (KEY_AT[i % ROW] !== undefined) values[i] = NaN;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const at = r * ROW;
      for (const k in row) {
        const c = COLUMN.get(k);
        if (c !== undefined) values[at + c] = cellOf(row, c);
      }
    }
  }
  let expert: Record<string, number> | undefined;
  for (const _ in doc.expert) {
    expert = doc.expert;
    break;
  }
  const quals = doc.qualifications;
  const qualKinds: string[] = [];
  const qualFrom: number[] = [];
  const qualTo: number[] = [];
  for (let i = 0; i < quals.length; i++) {
    const q = quals[i];
    qualKinds.push(q.kind);
    qualFrom.push(q.issuedOn ? dayNumber(q.issuedOn) : -Infinity);
    qualTo.push(q.expiresOn ? dayNumber(q.expiresOn) : Infinity);
  }
  const reg = doc.org.registeredOn;
  const regYear = reg ? yearOf(reg) : NaN;
  const regMonthDay = reg ? monthDayOf(reg) : NaN;
  const regDay = reg ? dayNumber(reg) : NaN;
  return {
    first, count: rows.length, rows, values, filled, expert, qualKinds, qualFrom, qualTo, regYear, regMonthDay, regDay,
    orgKind: doc.org.kind, industryCode: doc.org.industryCode ?? null,
  };
}

const NO_YEARS: number[] = [];

/**
 * Columns summed together, as the classes of IP (Class I: invention patents, plant varieties …):
 * several rulesets read the same totals, which a table keeps once read (`Evaluation.total`).
 */
export interface ColumnGroup { readonly cols: readonly NumCol[]; readonly id: number }
let groupCount = 0;
export function columnGroup(cols: readonly NumCol[]): ColumnGroup {
  if (groupCount === MAX_GROUPS) throw new Error(`a fact table keeps the totals of at most ${MAX_GROUPS} column groups`);
  return Object.freeze({ cols, id: groupCount++ });
}

/**
 * The parameters an evaluation used, as a node in a tree of the sets evaluations of one date have
 * used: the same values used in the same order lead to the same node and share its record (first
 * use decides the order of `params`, as it did when each evaluation wrote its own). Evaluations
 * take few paths, so recording a parameter is an array read, not a property added to a fresh
 * object per evaluation.
 */
interface ParamSet {
  params: RulesetResult['params'];
  /** Per parameter (by its index, see `paramTable`), the step it leads to. */
  steps: ({ record: Param<unknown> | null; to: ParamSet } | undefined)[];
  /** Lists of records used together (`useParams`), by list. */
  next: Map<object, ParamSet>;
}
const roots = new Map<string, ParamSet>();
let paramSets = 0;
const emptySet = (params: RulesetResult['params']): ParamSet => ({ params, steps: [], next: new Map() });
/** The date last asked for, its day number and its root: a batch evaluates one date, and this skips the map. */
let lastRoot: { asOf: string; day: number; root: ParamSet } | undefined;
function rootFor(asOf: string): { day: number; root: ParamSet } {
  if (lastRoot !== undefined && lastRoot.asOf === asOf) return lastRoot;
  let root = roots.get(asOf);
  if (root === undefined) {
    root = emptySet({});
    roots.set(asOf, root);
  }
  lastRoot = { asOf, day: dayNumber(asOf), root };
  return lastRoot;
}
/** The node after `at` with `record` used as `name`. */
function withParam(at: ParamSet, name: string, record: Param<unknown>): ParamSet {
  if (at.params[name] === record) return at;
  // Bounded: a process evaluating many dates starts new trees (older results keep their records).
  if (++paramSets > 50_000) {
    paramSets = 0;
    roots.clear();
    lastRoot = undefined;
  }
  return emptySet({ ...at.params, [name]: record });
}

/**
 * Where evaluations keep the numbers their criteria record: consecutive slices of a shared block of
 * doubles, a new block once one is full (some 180 evaluations). An array per evaluation, regrown as
 * criteria were recorded, was a fifth of the bytes an evaluation allocated, all of it for the young
 * generation to collect. A result keeps its block alive: 64 kB at most, shared with its neighbours.
 * Every criterion takes five numbers, used or not: reading how many a spec needs was a property
 * load over as many object shapes as there are specs, slower than writing the unused ones.
 */
const BLOCK = 8192;
const PER_CRITERION = 5;
/**
 * A block of `n` doubles, not zeroed (every slot is written before it is read): zeroing 64 kB took
 * three times as long as allocating it, a thirtieth of the evaluations it serves.
 */
function newBlock(n: number): Float64Array {
  const bytes = Buffer.allocUnsafe(n * 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}
let block = newBlock(BLOCK);
let blockUsed = 0;

/** Collects criteria, parameters used and missing facts for one ruleset version and date. */
export class Evaluation {
  readonly criteria: Recorded[] = [];
  /** Where this evaluation is in the tree of parameter sets used (see `ParamSet`); moved by `paramTable` and `useParams`. */
  paramSet: ParamSet;

  /** Every parameter value used, with its citation: shared by the results that used the same ones (do not change it). */
  get params(): RulesetResult['params'] {
    return this.paramSet.params;
  }

  /** Records a fixed list of parameter values as used, in order: one step for the list (a city-defined version's). */
  useParams(list: readonly (readonly [string, Param<unknown>])[]) {
    const at = this.paramSet;
    let to = at.next.get(list);
    if (to === undefined) {
      to = at;
      for (const [name, record] of list) to = withParam(to, name, record);
      at.next.set(list, to);
    }
    this.paramSet = to;
  }
  /** The latest complete fiscal year before the evaluation date. */
  readonly priorYear: number;
  /** The evaluation date's day number (see `dayNumber`). */
  readonly day: number;
  private readonly table: FactTable;

  constructor(readonly doc: FactsDoc, readonly asOf: string, table = factTable(doc)) {
    this.priorYear = yearOf(asOf) - 1;
    this.table = table;
    const date = rootFor(asOf);
    this.day = date.day;
    this.paramSet = date.root;
  }

  /** The fact's cell, NaN when not given. */
  private cell(year: number, c: number): number {
    const t = this.table;
    const r = year - t.first;
    if (r < 0 || r >= t.count) return NaN;
    const i = r * ROW + c;
    // A read site of its own: the lazy tables' arrays change element kind as they fill, which
    // turned a shared site megamorphic.
    if (t.filled) return t.values[i]!;
    let v = t.values[i];
    if (v === undefined) {
      v = cellOf(t.rows[r], c);
      t.values[i] = v;
    }
    return v;
  }

  /**
   * An expert's input (`facts.expert[key]`), or undefined. Through the table: a document without
   * any (most) answers at once, where reading the key from inputs of as many shapes as there are
   * sets of keys took V8's slowest path.
   */
  expert(key: string): number | undefined {
    const x = this.table.expert;
    return x === undefined ? undefined : x[key];
  }

  /** The sum of the group's known facts in a year, NaN when none is known; kept by the table. */
  total(year: number, g: ColumnGroup): number {
    const t = this.table;
    const r = year - t.first;
    if (r < 0 || r >= t.count) return NaN;
    const i = r * ROW + GROUP_AT + g.id;
    let v = t.values[i];
    if (v === undefined) {
      v = NaN;
      for (let k = 0; k < g.cols.length; k++) {
        const x = this.cell(year, g.cols[k]);
        if (x === x) v = v === v ? v + x : x;
      }
      t.values[i] = v;
    }
    return v;
  }

  /** A numeric fact, or undefined (for facts whose absence is not reported). */
  known(year: number, c: NumCol): number | undefined {
    const v = this.cell(year, c);
    return v === v ? v : undefined;
  }

  /** A numeric fact, or undefined with its path added to `missing`. */
  num(year: number, c: NumCol, missing: string[]): number | undefined {
    const v = this.cell(year, c);
    if (v === v) return v;
    missing.push(factPath(year, c));
    return undefined;
  }

  /** A flag, or undefined (for flags whose absence is not reported). */
  knownFlag(year: number, c: FlagCol): boolean | undefined {
    const v = this.cell(year, c);
    return v === v ? v === 1 : undefined;
  }

  flag(year: number, c: FlagCol, missing: string[]): boolean | undefined {
    const v = this.cell(year, c);
    if (v === v) return v === 1;
    missing.push(factPath(year, c));
    return undefined;
  }

  /** Sum over years; undefined if any year lacks the fact. */
  sum(years: number[], c: NumCol, missing: string[]): number | undefined {
    let total = 0;
    let ok = true;
    for (const y of years) {
      const v = this.num(y, c, missing);
      if (v === undefined) ok = false;
      else total += v;
    }
    return ok ? total : undefined;
  }

  /** Fiscal years the organisation existed in, of the `n` before the evaluation year (do not change the list). */
  lastYears(n: number): number[] {
    if (n === this.lastN) return this.last;
    const reg = this.table.regYear;
    const founded = reg === reg ? reg : -Infinity;
    const out: number[] = [];
    for (let y = this.priorYear - n + 1; y <= this.priorYear; y++) if (y >= founded) out.push(y);
    this.lastN = n;
    this.last = out;
    return out;
  }
  private lastN = 0;
  private last: number[] = NO_YEARS;

  /** Days from registration to the evaluation date; undefined when `org.registeredOn` is not given. */
  ageDays(): number | undefined {
    const d = this.day - this.table.regDay;
    return d === d ? d : undefined;
  }

  /** The registration date's year and month × 100 + day, NaN when not given. */
  get registeredYear(): number {
    return this.table.regYear;
  }

  get registeredMonthDay(): number {
    return this.table.regMonthDay;
  }

  /** `org.kind`. */
  get orgKind(): FactsDoc['org']['kind'] {
    return this.table.orgKind;
  }

  /** `org.industryCode`, null when not given. */
  get industryCode(): string | null {
    return this.table.industryCode;
  }

  /** The kind of each qualification, in the document's order (do not change it). */
  get qualKinds(): readonly string[] {
    return this.table.qualKinds;
  }

  /** An active qualification of that kind on the evaluation date. */
  holds(kind: string) {
    const t = this.table;
    const kinds = t.qualKinds;
    for (let i = 0; i < kinds.length; i++) if (kinds[i] === kind && t.qualFrom[i] <= this.day && this.day <= t.qualTo[i]) return this.doc.qualifications[i];
    return undefined;
  }

  /** The block holding the numbers this evaluation's criteria recorded (see `Spec`): `count` of them from `base`. */
  nums: Float64Array = block;
  base = blockUsed;
  count = 0;

  /** A criterion of `spec` with its verdict and numbers; `missing` facts make it unknown. */
  record(spec: Spec, verdict: Verdict, a = NaN, b = NaN, c = NaN, d = NaN, f = NaN): Recorded {
    if (this.nums !== block || this.base + this.count !== blockUsed || blockUsed + PER_CRITERION > block.length) this.claim();
    const n = this.nums;
    const at = this.count;
    const i = this.base + at;
    n[i] = a;
    n[i + 1] = b;
    n[i + 2] = c;
    n[i + 3] = d;
    n[i + 4] = f;
    this.count = at + PER_CRITERION;
    blockUsed = i + PER_CRITERION;
    const r = new Recorded(spec, this, at, verdict);
    this.criteria.push(r);
    return r;
  }

  /**
   * Moves this evaluation's numbers to the free end of the current block, or of a new one, with
   * room for one more criterion: its block is full, or another evaluation recorded after it began.
   */
  private claim() {
    const count = this.count;
    if (blockUsed + count + PER_CRITERION > block.length) {
      block = newBlock(Math.max(BLOCK, 2 * (count + PER_CRITERION)));
      blockUsed = 0;
    }
    for (let k = 0; k < count; k++) block[blockUsed + k] = this.nums[this.base + k];
    this.nums = block;
    this.base = blockUsed;
    blockUsed += count;
  }

  /** A criterion of `spec` whose facts are missing: unknown, naming them (numbers for its label). */
  recordUnknown(spec: Spec, missing: string[], a = NaN, b = NaN, c = NaN, d = NaN, f = NaN): Recorded {
    const r = this.record(spec, 'unknown', a, b, c, d, f);
    r.unknownFor(unique(missing));
    return r;
  }

  /** `value` against `limit` by the spec's comparison (see `compareSpec`); unknown when the value is. */
  compareTo(spec: Spec, op: '>=' | '<=' | '>', value: number | undefined, limit: number, missing: string[]): Recorded {
    if (value === undefined) return this.recordUnknown(spec, missing);
    const pass = op === '>=' ? value >= limit : op === '>' ? value > limit : value <= limit;
    return this.record(spec, pass ? 'pass' : 'fail', value, limit);
  }

  /** num ÷ den ≥ minBp, compared in integers (see `ratioSpec`); `x`, `y`: the spec's extra numbers. */
  ratioTo(spec: Spec, num: number | undefined, den: number | undefined, minBp: number, missing: string[], x = NaN, y = NaN): Recorded {
    if (num === undefined || den === undefined) return this.recordUnknown(spec, missing, NaN, NaN, minBp, x, y);
    return this.record(spec, den > 0 && num * 10_000 >= minBp * den ? 'pass' : 'fail', num, den, minBp, x, y);
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

/**
 * Each ruleset's version in force on the date last asked for (a batch asks for one date), found by
 * identity in a short list: a WeakMap's hash lookup, six per organisation, cost more. Bounded, as
 * the city-defined tiers make a ruleset per stored parameter set.
 */
const inForce: { ruleset: Ruleset; asOf: string; version: RulesetVersion | undefined }[] = [];
function versionAt(ruleset: Ruleset, asOf: string): RulesetVersion | undefined {
  let last;
  for (let i = 0; i < inForce.length; i++) {
    if (inForce[i].ruleset === ruleset) {
      last = inForce[i];
      break;
    }
  }
  if (last !== undefined && last.asOf === asOf) return last.version;
  const version = ruleset.versions.find((v) => v.from <= asOf && (!v.to || asOf <= v.to));
  if (last !== undefined) {
    last.asOf = asOf;
    last.version = version;
  } else {
    if (inForce.length === 32) inForce.length = 0;
    inForce.push({ ruleset, asOf, version });
  }
  return version;
}

/**
 * The latest result, kept alive on purpose. V8 reaches the shape of an Evaluation or a Recorded
 * (fields added one by one as it is constructed) from its class only through a weak link: a full
 * collection with no instance alive frees the shape and discards all code optimized against it
 * (evaluateRuleset, record, the rulesets), and the evaluations after it run unoptimized until that
 * code is compiled again — an API call after a quiet spell, a batch after a pause. A dev script
 * timing the on-demand loop after a forced collection measured 1.6–1.8 µs per evaluation without
 * this, 1.23–1.40 µs with it. One live result (its criteria hold their evaluation) keeps both shapes.
 */
const latest: RulesetResult[] = [];

/** One ruleset on one document; `table`: the document's facts, when several rulesets share them. */
export function evaluateRuleset(ruleset: Ruleset, doc: FactsDoc, asOf: string, table?: FactTable): RulesetResult {
  const version = versionAt(ruleset, asOf);
  const e = new Evaluation(doc, asOf, table);
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
    const result: RulesetResult = { ruleset: ruleset.id, title: ruleset.title, version: version.version, asOf, verdict, route, score, held, criteria: e.criteria, params: e.params };
    latest[0] = result;
    return result;
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
