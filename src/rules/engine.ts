// The rules engine: pure functions from a facts document and a date to explained results.
// No database, no HTTP: the same code runs in the API, in batch and in the benchmark.
import type { FactKey } from '../modules/registry/facts.ts';
import type { FactsDoc, YearFactsDoc } from './facts-doc.ts';
import type { Bilingual, Citation, Confidence, CriterionResult, Gap, Points, RulesetResult, Verdict } from './types.ts';

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
  return series.find((d) => d.from <= asOf && (!d.to || asOf <= d.to));
}

export class NoRuleInForce extends Error {
  constructor(readonly param: string, readonly asOf: string) {
    super(`no value of ${param} is in force on ${asOf}`);
  }
}

// ---------- formatting ----------

/** 1234567 → "1,234,567"; Intl's toLocaleString is ~100× slower and this runs per criterion. */
export function thousands(n: number, decimals = 0): string {
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

export const cite = (c: Citation) => `${c.docNo} ${c.article}`;

// ---------- one evaluation ----------

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
    this.byYear = new Map(doc.years.map((y) => [y.fiscalYear, y]));
  }

  param<T>(name: string, series: readonly Dated<T>[]): Dated<T> {
    const d = valueAt(series, this.asOf);
    if (!d) throw new NoRuleInForce(name, this.asOf);
    this.params[name] = { value: d.value, citation: { docNo: d.docNo, article: d.article, confidence: d.confidence } };
    return d;
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
    return this.doc.qualifications.find((q) => q.kind === kind && (!q.issuedOn || q.issuedOn <= this.asOf) && (!q.expiresOn || this.asOf <= q.expiresOn));
  }

  add(c: CriterionResult): CriterionResult {
    this.criteria.push(c);
    return c;
  }

  /** A criterion whose facts are missing: unknown, naming them. */
  unknown(input: CriterionInput, missing: string[]): CriterionResult {
    return this.add({
      id: input.id, verdict: 'unknown', actual: null, threshold: null, missing: [...new Set(missing)], citation: input.citation,
      text: {
        zh: `${input.label.zh}：缺少数据（${[...new Set(missing)].join('、')}），无法判断（${cite(input.citation)}）。`,
        en: `${input.label.en}: data missing (${[...new Set(missing)].join(', ')}), cannot decide (${cite(input.citation)}).`,
      },
    });
  }

  /**
   * A ratio numerator/denominator against a minimum in basis points, compared in integers so
   * that 10 % of 100 people is exactly 10, not 10.000000000000002.
   */
  ratioAtLeast(input: CriterionInput & {
    num: number | undefined; den: number | undefined; minBp: number; missing: string[];
    gap?: (num: number, den: number) => Gap | undefined;
  }): CriterionResult {
    if (input.num === undefined || input.den === undefined) return this.unknown(input, input.missing);
    if (input.den <= 0) {
      return this.add({
        id: input.id, verdict: 'fail', actual: null, threshold: `≥ ${pct(input.minBp)}`, missing: [], citation: input.citation,
        text: { zh: `${input.label.zh}：分母为零，无法达到 ${pct(input.minBp)}（${cite(input.citation)}）。`, en: `${input.label.en}: the denominator is zero, so ${pct(input.minBp)} cannot be met (${cite(input.citation)}).` },
      });
    }
    const pass = input.num * 10_000 >= input.minBp * input.den;
    const ratio = input.num / input.den;
    return this.add({
      id: input.id, verdict: pass ? 'pass' : 'fail', actual: Math.round(ratio * 10_000) / 10_000, threshold: `≥ ${pct(input.minBp)}`,
      missing: [], citation: input.citation, gap: pass ? undefined : input.gap?.(input.num, input.den),
      text: {
        zh: `${input.label.zh}为 ${fmt.pct(ratio)}，${pass ? '达到' : '未达到'}不低于 ${pct(input.minBp)} 的要求（${cite(input.citation)}）。`,
        en: `${input.label.en} is ${fmt.pct(ratio)}, ${pass ? 'meeting' : 'short of'} the required ${pct(input.minBp)} or more (${cite(input.citation)}).`,
      },
    });
  }

  /** A value against a minimum (or maximum). */
  compare(input: CriterionInput & {
    value: number | undefined; limit: number; op: '>=' | '<=' | '>'; missing: string[]; show: (n: number) => string;
    gap?: (value: number) => Gap | undefined;
  }): CriterionResult {
    if (input.value === undefined) return this.unknown(input, input.missing);
    const pass = input.op === '>=' ? input.value >= input.limit : input.op === '>' ? input.value > input.limit : input.value <= input.limit;
    const opZh = { '>=': '不低于', '<=': '不超过', '>': '高于' }[input.op];
    const opEn = { '>=': 'at least', '<=': 'at most', '>': 'more than' }[input.op];
    return this.add({
      id: input.id, verdict: pass ? 'pass' : 'fail', actual: input.value, threshold: `${input.op.replace('>=', '≥').replace('<=', '≤')} ${input.show(input.limit)}`,
      missing: [], citation: input.citation, gap: pass ? undefined : input.gap?.(input.value),
      text: {
        zh: `${input.label.zh}为 ${input.show(input.value)}，${pass ? '符合' : '不符合'}${opZh} ${input.show(input.limit)} 的要求（${cite(input.citation)}）。`,
        en: `${input.label.en} is ${input.show(input.value)}, ${pass ? 'meeting' : 'not meeting'} the requirement of ${opEn} ${input.show(input.limit)} (${cite(input.citation)}).`,
      },
    });
  }

  /** A yes/no condition. */
  condition(input: CriterionInput & { holds: boolean | undefined; missing: string[]; yes: Bilingual; no: Bilingual; gap?: Gap }): CriterionResult {
    if (input.holds === undefined) return this.unknown(input, input.missing);
    const t = input.holds ? input.yes : input.no;
    return this.add({
      id: input.id, verdict: input.holds ? 'pass' : 'fail', actual: input.holds, threshold: null, missing: [], citation: input.citation,
      gap: input.holds ? undefined : input.gap,
      text: { zh: `${input.label.zh}：${t.zh}（${cite(input.citation)}）。`, en: `${input.label.en}: ${t.en} (${cite(input.citation)}).` },
    });
  }

  /** An expert-judged item: the given score, or the band's range for review. */
  expert(input: CriterionInput & { key: string; min: number; max: number; hint?: Bilingual }): CriterionResult {
    const given = this.doc.expert[input.key];
    if (given !== undefined) {
      const value = Math.max(input.min, Math.min(input.max, given));
      return this.add({
        id: input.id, verdict: 'pass', actual: value, threshold: null, points: { value, min: input.min, max: input.max }, missing: [], citation: input.citation,
        text: { zh: `${input.label.zh}：专家评分 ${value} 分（${input.min}–${input.max}，${cite(input.citation)}）。`, en: `${input.label.en}: expert score ${value} (${input.min}–${input.max}, ${cite(input.citation)}).` },
      });
    }
    return this.add({
      id: input.id, verdict: 'manual_review', actual: null, threshold: null, points: { min: input.min, max: input.max }, missing: [], citation: input.citation,
      text: {
        zh: `${input.label.zh}：需专家评审，得分区间 ${input.min}–${input.max} 分${input.hint ? `；${input.hint.zh}` : ''}（${cite(input.citation)}）。`,
        en: `${input.label.en}: needs expert review, ${input.min}–${input.max} points${input.hint ? `; ${input.hint.en}` : ''} (${cite(input.citation)}).`,
      },
    });
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
  const version = ruleset.versions.find((v) => v.from <= asOf && (!v.to || asOf <= v.to));
  const e = new Evaluation(doc, asOf);
  const q = e.holds(ruleset.id);
  const held = q ? { certificateNo: q.certificateNo ?? null, issuedOn: q.issuedOn ?? null, expiresOn: q.expiresOn ?? null } : null;
  if (!version) {
    const first = ruleset.versions.map((v) => v.from).sort()[0];
    return {
      ruleset: ruleset.id, version: 'none', asOf, verdict: 'unknown', route: null, held, params: {},
      criteria: [{
        id: 'no_rule', verdict: 'unknown', actual: null, threshold: null, missing: [], citation: { docNo: '—', article: '—', confidence: 'X' },
        text: { zh: `${asOf} 时尚无${ruleset.title.zh}的认定规则（最早自 ${first} 起施行）。`, en: `No ${ruleset.title.en} rule was in force on ${asOf} (the earliest starts ${first}).` },
      }],
    };
  }
  try {
    const outcome = version.evaluate(e);
    return { ruleset: ruleset.id, version: version.version, asOf, ...outcome, held, criteria: e.criteria, params: e.params };
  } catch (err) {
    if (!(err instanceof NoRuleInForce)) throw err;
    return {
      ruleset: ruleset.id, version: version.version, asOf, verdict: 'unknown', route: null, held, params: e.params,
      criteria: [...e.criteria, {
        id: 'no_rule', verdict: 'unknown', actual: null, threshold: null, missing: [], citation: { docNo: '—', article: '—', confidence: 'X' },
        text: { zh: `参数 ${err.param} 在 ${asOf} 时没有生效值。`, en: `Parameter ${err.param} has no value in force on ${asOf}.` },
      }],
    };
  }
}
