// A staff-authored benefit version as data: a condition in the language of lang.ts, an amount
// formula (formula.ts), and test cases. Validation finds every problem and names its exact
// part; evaluation explains itself. Pure.
import { z } from 'zod';
import { fmt } from '../../rules/engine.ts';
import type { Bilingual } from '../../lib/i18n.ts';
import { checkFormula, computeAmount, FormulaSchema, PeriodSchema, type Formula } from './formula.ts';
import { analyse, check, evaluate, namesIn, parse, type LangError, type Node } from './lang.ts';
import type { BenefitOutcome } from './national.ts';
import type { VarDef, VarValue, Vars } from './variables.ts';

export const TestCaseSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Variable values, e.g. {"fy.revenue": 3000000000, "tier.hnte": "pass"}; money in fen, ratios as 0.05. */
  vars: z.record(z.string().max(80), z.union([z.number(), z.boolean(), z.string().max(100), z.null()])),
  /** The amount in fen, or null when the organisation must not qualify. */
  expected: z.number().int().min(0).nullable(),
});
export type TestCase = z.infer<typeof TestCaseSchema>;

export const BenefitDraftSchema = z.strictObject({
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullish(),
  condition: z.string().trim().min(1).max(4000),
  formula: FormulaSchema,
  period: PeriodSchema,
  /** Total budget in fen: amounts of an auto-grant batch are pro-rated down to it. */
  budget: z.number().int().min(1).max(1e15).nullish(),
  /** Amounts are examples until the bureau sets them. */
  exampleAmounts: z.boolean().default(false),
  testCases: z.array(TestCaseSchema).max(100).default([]),
});
export type BenefitDraft = z.infer<typeof BenefitDraftSchema>;

export interface Compiled { src: string; ast: Node }

export interface Problem {
  /** Where: "condition", "formula", "effectiveFrom", "testCases.2". */
  path: string;
  code: string;
  start?: number;
  end?: number;
  part?: string;
  message: Bilingual;
}

const asProblem = (path: string) => (e: LangError): Problem => ({ path, code: e.code, start: e.start, end: e.end, part: e.part, message: e.message });

/** Parses and checks a condition; `null` ast when it has errors. */
export function compileCondition(src: string, vars: Map<string, VarDef>): { compiled: Compiled | null; problems: Problem[] } {
  const p = parse(src);
  if ('error' in p) return { compiled: null, problems: [asProblem('condition')(p.error)] };
  const errors = check(src, p.ast, vars);
  if (errors.length) return { compiled: null, problems: errors.map(asProblem('condition')) };
  const a = analyse(src, p.ast, vars);
  if (a) return { compiled: { src, ast: p.ast }, problems: [asProblem('condition')(a)] };
  return { compiled: { src, ast: p.ast }, problems: [] };
}

/**
 * Every problem of a draft: the condition (syntax, names, types, never/always true), the formula
 * (names, types, negative amounts), dates, references to other benefits that lead back to this
 * one (`deps`: each other benefit's referenced codes), and failing test cases.
 */
export function validateDraft(code: string, d: BenefitDraft, vars: Map<string, VarDef>, deps: Map<string, string[]>): { problems: Problem[]; compiled: Compiled | null; cases: CaseResult[] } {
  const problems: Problem[] = [];
  if (d.effectiveTo && d.effectiveTo < d.effectiveFrom) {
    problems.push({ path: 'effectiveTo', code: 'dates_out_of_order', message: { zh: `截止日期 ${d.effectiveTo} 早于生效日期 ${d.effectiveFrom}。`, en: `The end date ${d.effectiveTo} is before the effective date ${d.effectiveFrom}.` } });
  }
  const { compiled, problems: cp } = compileCondition(d.condition, vars);
  problems.push(...cp);
  if (compiled) {
    const cycle = findCycle(code, namesIn(compiled.ast).filter((n) => n.startsWith('benefit.')).map((n) => n.slice(8)), deps);
    if (cycle) {
      const name = `benefit.${cycle[1]}`;
      const start = d.condition.indexOf(name);
      problems.push({
        path: 'condition', code: 'circular', start, end: start + name.length, part: name,
        message: { zh: `循环引用：${cycle.join(' → ')}。`, en: `Circular definition: ${cycle.join(' → ')}.` },
      });
    }
  }
  problems.push(...checkFormula(d.formula, vars, compiled).map((e) => ({ path: 'formula', code: e.code, part: e.part || undefined, message: e.message })));
  const cases = compiled && problems.length === 0 ? d.testCases.map((tc) => runCase(compiled, d.formula, tc, vars)) : [];
  cases.forEach((c, i) => {
    if (!c.passed) problems.push({ path: `testCases.${i}`, code: 'test_failed', message: c.message });
  });
  if (compiled) {
    d.testCases.forEach((tc, i) => {
      for (const name of Object.keys(tc.vars)) {
        if (!vars.has(name)) problems.push({ path: `testCases.${i}.vars`, code: 'unknown_variable', part: name, message: { zh: `测试用例“${tc.name}”中的未知变量 ${name}。`, en: `Unknown variable ${name} in test case "${tc.name}".` } });
      }
    });
  }
  return { problems, compiled, cases };
}

/** A path from `code` back to itself through benefit references, or null. */
export function findCycle(code: string, direct: string[], deps: Map<string, string[]>): string[] | null {
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | null => {
    if (at === code) return [...path, at];
    if (seen.has(at)) return null;
    seen.add(at);
    for (const next of deps.get(at) ?? []) {
      const found = walk(next, [...path, at]);
      if (found) return found;
    }
    return null;
  };
  for (const d of direct) {
    const found = walk(d, [code]);
    if (found) return found;
  }
  return null;
}

export interface CaseResult { name: string; passed: boolean; actual: number | null; expected: number | null; message: Bilingual }

const showAmount = (a: number | null) => (a === null ? { zh: '不符合', en: 'not eligible' } : { zh: fmt.yuan(a), en: fmt.yuan(a) });

export function runCase(c: Compiled, formula: Formula, tc: TestCase, vars: Map<string, VarDef>): CaseResult {
  const values: Vars = Object.fromEntries(Object.entries(tc.vars)) as Record<string, VarValue>;
  const out = evaluateBenefit(c, formula, values, vars);
  const actual = out.verdict === 'eligible' ? out.amount : null;
  const passed = out.verdict !== 'unknown' && actual === tc.expected;
  const a = out.verdict === 'unknown' ? { zh: `无法判断（缺少 ${out.missing.join('、')}）`, en: `undecided (missing ${out.missing.join(', ')})` } : showAmount(actual);
  const e = showAmount(tc.expected);
  return {
    name: tc.name, passed, actual, expected: tc.expected,
    message: passed
      ? { zh: `测试用例“${tc.name}”通过：${e.zh}。`, en: `Test case "${tc.name}" passes: ${e.en}.` }
      : { zh: `测试用例“${tc.name}”未通过：预期 ${e.zh}，实际 ${a.zh}。`, en: `Test case "${tc.name}" fails: expected ${e.en}, got ${a.en}.` },
  };
}

const TRUTH: Record<string, boolean | null> = { true: true, false: false, unknown: null };

function showValue(v: VarValue, def: VarDef | undefined): string {
  if (v === null) return '—';
  if (typeof v === 'number' && def?.type === 'money') return fmt.yuan(v);
  if (typeof v === 'number' && def?.type === 'ratio') return fmt.pct(v);
  if (typeof v === 'number') return fmt.int(Math.round(v * 100) / 100);
  return String(v);
}

/** Condition and amount for one organisation's variables, explained (without `explain`: no reasons, for a batch). */
export function evaluateBenefit(c: Compiled, formula: Formula, values: Vars, vars: Map<string, VarDef>, explain = true): BenefitOutcome {
  const r = evaluate(c.src, c.ast, values, explain);
  const reasons = r.trace.map((t) => {
    const shown = Object.entries(t.values).map(([k, v]) => `${k} = ${showValue(v, vars.get(k))}`).join('，');
    const shownEn = Object.entries(t.values).map(([k, v]) => `${k} = ${showValue(v, vars.get(k))}`).join(', ');
    return { ok: TRUTH[t.result], text: { zh: `${t.text}${shown ? `（${shown}）` : ''}`, en: `${t.text}${shownEn ? ` (${shownEn})` : ''}` } };
  });
  if (r.result !== 'true') {
    return { verdict: r.result === 'false' ? 'not_eligible' : 'unknown', amount: null, reasons, formula: null, missing: r.missing, figures: {}, citations: [] };
  }
  const a = computeAmount(formula, values, vars, explain);
  return { verdict: 'eligible', amount: a.amount, reasons, formula: a.text, missing: a.amount === null ? r.missing.length ? r.missing : formulaBases(formula).filter((b) => values[b] === null || values[b] === undefined) : [], figures: { capped: a.capped }, citations: [] };
}

function formulaBases(f: Formula): string[] {
  if (f.kind === 'sum') return f.parts.flatMap(formulaBases);
  return f.kind === 'fixed' ? [] : [f.base];
}

/** The benefit codes a condition refers to (`benefit.<code>`), for the dependency graph. */
export function benefitRefs(condition: string): string[] {
  const p = parse(condition);
  if ('error' in p) return [];
  return namesIn(p.ast).filter((n) => n.startsWith('benefit.')).map((n) => n.slice(8));
}
