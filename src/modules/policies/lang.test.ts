import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateBenefit, findCycle, runCase, validateDraft, type BenefitDraft } from './benefit.ts';
import { computeAmount, type Formula } from './formula.ts';
import { variableCatalogue } from './variables.ts';

const vars = variableCatalogue(['other']);
const problems = (src: string) => compileCondition(src, vars).problems;

describe('condition language', () => {
  it('accepts a realistic condition and evaluates it three-valued', () => {
    const src = "org.kind == enterprise and fy.revenue >= 2000万元 and fy.rdIncrease > 0元 and (tier.hnte == pass or holds.tech_sme) and not org.industrySection in ['F', 'H']";
    const { compiled, problems: p } = compileCondition(src, vars);
    expect(p).toEqual([]);
    const base = { 'org.kind': 'enterprise', 'fy.revenue': 2_000_000_000, 'fy.rdIncrease': 1, 'tier.hnte': 'fail', 'holds.tech_sme': true, 'org.industrySection': 'C' };
    const f: Formula = { kind: 'fixed', amount: 100 };
    expect(evaluateBenefit(compiled!, f, base, vars).verdict).toBe('eligible');
    // One fen under 2000万元 fails; the edge itself passes (>=).
    expect(evaluateBenefit(compiled!, f, { ...base, 'fy.revenue': 1_999_999_999 }, vars).verdict).toBe('not_eligible');
    expect(evaluateBenefit(compiled!, f, { ...base, 'org.industrySection': 'F' }, vars).verdict).toBe('not_eligible');
    // A missing value leaves it undecided unless another part already decides.
    expect(evaluateBenefit(compiled!, f, { ...base, 'fy.rdIncrease': null }, vars)).toMatchObject({ verdict: 'unknown', missing: ['fy.rdIncrease'] });
    expect(evaluateBenefit(compiled!, f, { ...base, 'fy.rdIncrease': null, 'fy.revenue': 5 }, vars).verdict).toBe('not_eligible');
  });

  it('names an unknown variable at its exact position, with a suggestion', () => {
    const [e] = problems('fy.revenue >= 1万元 and fy.rdExpens > 0元');
    expect(e).toMatchObject({ path: 'condition', code: 'unknown_variable', start: 22, end: 33, part: 'fy.rdExpens' });
    expect(e.message.zh).toContain('第 23–33 个字符');
    const [s] = problems('fy.revnue > 1元');
    expect(s.code).toBe('unknown_variable');
    expect(problems('x.employees > 3')[0].message.en).toContain('did you mean fy.employees, prev.employees');
  });

  it('refuses type mismatches: an amount without a unit, a ratio without %, an order on a choice, an unknown enum value', () => {
    expect(problems('fy.revenue >= 2000')[0]).toMatchObject({ code: 'type_mismatch', part: 'fy.revenue >= 2000' });
    expect(problems('fy.revenue >= 2000')[0].message.zh).toContain('2000万元');
    expect(problems('fy.rdIntensity >= 0.03')[0].code).toBe('type_mismatch');
    expect(problems('tier.hnte > pass')[0].code).toBe('type_mismatch');
    expect(problems('tier.hnte == passed')[0]).toMatchObject({ code: 'unknown_value', part: 'passed' });
    expect(problems('fy.employees')[0].code).toBe('type_mismatch');
    expect(problems('holds.hnte == 1')[0].code).toBe('type_mismatch');
  });

  it('refuses syntax errors at the place they occur', () => {
    expect(problems('fy.revenue >= ')[0]).toMatchObject({ code: 'syntax', start: 14 });
    expect(problems('(fy.employees > 3')[0]).toMatchObject({ code: 'syntax' });
    expect(problems('fy.employees > 3 fy.employees < 9')[0]).toMatchObject({ code: 'syntax', part: 'fy.employees' });
    expect(problems('')[0].code).toBe('syntax');
  });

  it('refuses a condition that can never hold, naming the clashing parts', () => {
    const [e] = problems('fy.revenue >= 1亿元 and fy.employees > 10 and fy.revenue < 5000万元');
    expect(e.code).toBe('unsatisfiable');
    expect(e.message.en).toContain('"fy.revenue >= 1亿元" and "fy.revenue < 5000万元"');
    // Integers: more than 5 and fewer than 6 people is impossible; a ratio between is fine.
    expect(problems('fy.employees > 5 and fy.employees < 6')[0].code).toBe('unsatisfiable');
    expect(problems('fy.stStaffRatio > 5% and fy.stStaffRatio < 6%')).toEqual([]);
    expect(problems('fy.revenue < 0元')[0].code).toBe('unsatisfiable');
    expect(problems("tier.hnte == pass and tier.hnte in ['fail', 'unknown']")[0].code).toBe('unsatisfiable');
    expect(problems('holds.hnte and not holds.hnte')[0].code).toBe('unsatisfiable');
    // Either branch possible: fine.
    expect(problems('fy.revenue >= 1亿元 or fy.revenue < 5000万元')).toEqual([]);
  });

  it('refuses a condition that always holds', () => {
    expect(problems('fy.revenue >= 0元')[0].code).toBe('always_true');
    expect(problems('holds.hnte or not holds.hnte')[0].code).toBe('always_true');
    expect(problems("tier.hnte in ['pass', 'fail', 'unknown', 'manual_review']")[0].code).toBe('always_true');
    expect(problems('fy.taxableIncome >= 0元')).toEqual([]); // taxable income may be negative
  });
});

describe('amount formulas', () => {
  const v = { 'fy.rdIncrease': 2_550_000_00, 'fy.rdExpense': 10_000_000_00, 'fy.employees': 120 };
  it('fixed, rate, per full unit, banded, capped — in integer fen', () => {
    expect(computeAmount({ kind: 'fixed', amount: 5_000_000 }, v, vars).amount).toBe(5_000_000);
    expect(computeAmount({ kind: 'rate', base: 'fy.rdExpense', rateBp: 1000 }, v, vars).amount).toBe(1_000_000_00);
    // 10万元 per full 100万元 of increase: 255万元 holds two.
    const step = computeAmount({ kind: 'step', base: 'fy.rdIncrease', per: 1_000_000_00, amount: 100_000_00 }, v, vars);
    expect(step.amount).toBe(200_000_00);
    expect(step.text?.zh).toContain('2 个');
    expect(computeAmount({ kind: 'step', base: 'fy.rdIncrease', per: 1_000_000_00, amount: 100_000_00, cap: 150_000_00 }, v, vars)).toMatchObject({ amount: 150_000_00, capped: true });
    const banded: Formula = { kind: 'banded', base: 'fy.employees', bands: [{ min: 50, amount: 10_000_00 }, { min: 120, amount: 30_000_00 }, { min: 500, amount: 50_000_00 }] };
    expect(computeAmount(banded, v, vars).amount).toBe(30_000_00);
    expect(computeAmount(banded, { 'fy.employees': 119 }, vars).amount).toBe(10_000_00);
    expect(computeAmount(banded, { 'fy.employees': 49 }, vars).amount).toBe(0);
    expect(computeAmount(banded, { 'fy.employees': null }, vars).amount).toBeNull();
    // A sum caps each part, then the whole; one unknown part makes the whole unknown.
    const sum: Formula = { kind: 'sum', cap: 300_000_00, parts: [{ kind: 'rate', base: 'fy.rdExpense', rateBp: 1000, cap: 250_000_00 }, { kind: 'step', base: 'fy.rdIncrease', per: 1_000_000_00, amount: 100_000_00 }] };
    expect(computeAmount(sum, v, vars)).toMatchObject({ amount: 300_000_00, capped: true });
    expect(computeAmount(sum, { ...v, 'fy.rdIncrease': 99_999_99 }, vars)).toMatchObject({ amount: 250_000_00, capped: false });
    expect(computeAmount(sum, { ...v, 'fy.rdIncrease': null }, vars).amount).toBeNull();
    // Without the text (a batch) the amounts are the same.
    for (const f of [sum, banded, { kind: 'rate', base: 'fy.rdExpense', rateBp: 1234, cap: 5_000_00 } as Formula]) {
      for (const x of [-5_000_00, 0, 49, 50, 119, 120, 1_000_000_00, 999_999_999_99]) {
        const at = { 'fy.rdExpense': x, 'fy.rdIncrease': x, 'fy.employees': x };
        const { text, ...amount } = computeAmount(f, at, vars, false);
        expect(text).toBeNull();
        expect(amount).toEqual((({ text: _, ...a }) => a)(computeAmount(f, at, vars)));
      }
    }
  });
});

describe('validating a draft', () => {
  const draft = (over: Partial<BenefitDraft> = {}): BenefitDraft => ({
    effectiveFrom: '2026-01-01', condition: 'fy.revenue >= 2000万元', formula: { kind: 'step', base: 'fy.rdIncrease', per: 1_000_000_00, amount: 100_000_00, cap: 5_000_000_00 },
    period: 'yearly', exampleAmounts: true, testCases: [], ...over,
  });

  it('refuses a formula whose base can go negative unless the condition rules it out', () => {
    const r = validateDraft('x', draft(), vars, new Map());
    expect(r.problems).toEqual([expect.objectContaining({ path: 'formula', code: 'negative_amount', part: 'fy.rdIncrease' })]);
    expect(validateDraft('x', draft({ condition: 'fy.revenue >= 2000万元 and fy.rdIncrease > 0元' }), vars, new Map()).problems).toEqual([]);
    // Only one branch guarantees it: still refused.
    expect(validateDraft('x', draft({ condition: 'fy.rdIncrease > 0元 or fy.revenue >= 1亿元' }), vars, new Map()).problems[0].code).toBe('negative_amount');
  });

  it('refuses dates out of order and a rate on something that is not an amount', () => {
    const r = validateDraft('x', draft({ condition: 'fy.rdIncrease > 0元', effectiveTo: '2025-12-31', formula: { kind: 'rate', base: 'fy.employees', rateBp: 100 } }), vars, new Map());
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([['effectiveTo', 'dates_out_of_order'], ['formula', 'type_mismatch']]);
  });

  it('finds circular definitions through other benefits', () => {
    const deps = new Map([['other', ['third']], ['third', ['x']]]);
    expect(findCycle('x', ['other'], deps)).toEqual(['x', 'other', 'third', 'x']);
    const r = validateDraft('x', draft({ condition: 'benefit.other and fy.rdIncrease > 0元' }), vars, deps);
    expect(r.problems[0]).toMatchObject({ code: 'circular', part: 'benefit.other', start: 0 });
    expect(r.problems[0].message.en).toBe('Circular definition: x → other → third → x.');
  });

  it('runs test cases and reports the failing one with expected and actual', () => {
    const ok = draft({
      condition: 'fy.revenue >= 2000万元 and fy.rdIncrease > 0元',
      testCases: [
        { name: 'at the revenue edge, 255万 increase', vars: { 'fy.revenue': 2_000_000_000, 'fy.rdIncrease': 255_000_000 }, expected: 20_000_000 },
        { name: 'one fen under the revenue edge', vars: { 'fy.revenue': 1_999_999_999, 'fy.rdIncrease': 255_000_000 }, expected: null },
        { name: 'capped at 500万', vars: { 'fy.revenue': 9_000_000_000, 'fy.rdIncrease': 90_000_000_000 }, expected: 999 },
      ],
    });
    const r = validateDraft('x', ok, vars, new Map());
    expect(r.cases.map((c) => c.passed)).toEqual([true, true, false]);
    expect(r.problems).toEqual([expect.objectContaining({ path: 'testCases.2', code: 'test_failed' })]);
    expect(r.problems[0].message.zh).toBe('测试用例“capped at 500万”未通过：预期 ¥10，实际 ¥5,000,000。');
    const unknown = runCase(r.compiled!, ok.formula, { name: 'no data', vars: {}, expected: null }, vars);
    expect(unknown.passed).toBe(false);
  });
});

describe('the shipped library', () => {
  it('holds only authored benefits that validate and pass their own test cases', async () => {
    const { LIBRARY_BENEFITS } = await import('./library.ts');
    const codes = LIBRARY_BENEFITS.map((b) => b.code);
    const catalogue = variableCatalogue(codes);
    const deps = new Map<string, string[]>();
    for (const b of LIBRARY_BENEFITS.filter((x) => x.version)) {
      const { problems: p, cases } = validateDraft(b.code, b.version!, catalogue, deps);
      expect(p, b.code).toEqual([]);
      expect(cases.length, b.code).toBeGreaterThanOrEqual(3);
    }
  });
});
