// Benefit amounts: a formula over one variable, in integer fen. Kinds: a fixed sum, a rate of
// an amount, so much per full unit ("10万元 per full 100万元 of R&D increase"), or bands; any
// of them capped. Pure; the budget pro-rating happens over a whole batch (autogrant).
import { z } from 'zod';
import { fmt } from '../../rules/engine.ts';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Compiled } from './benefit.ts';
import { err, rangeUnder, type LangError } from './lang.ts';
import { mulBp } from './national.ts';
import type { VarDef, Vars } from './variables.ts';

const Fen = z.number().int().min(0).max(1e15);
const Bp = z.number().int().min(0).max(1_000_000);
const VarName = z.string().trim().min(1).max(80);

const FixedSchema = z.strictObject({ kind: z.literal('fixed'), amount: Fen, cap: Fen.optional() });
/** amount = base × rateBp / 10,000 (rounded down to the fen). */
const RateSchema = z.strictObject({ kind: z.literal('rate'), base: VarName, rateBp: Bp, cap: Fen.optional() });
/** amount = floor(base / per) × amount. */
const StepSchema = z.strictObject({ kind: z.literal('step'), base: VarName, per: Fen.min(1), amount: Fen, cap: Fen.optional() });
/** The highest band whose `min` the base reaches gives a fixed amount or a rate of the base. */
const BandedSchema = z.strictObject({
  kind: z.literal('banded'), base: VarName, cap: Fen.optional(),
  bands: z.array(z.strictObject({ min: z.number(), amount: Fen.optional(), rateBp: Bp.optional() })).min(1).max(20),
});
const PartSchema = z.discriminatedUnion('kind', [FixedSchema, RateSchema, StepSchema, BandedSchema]);
export type FormulaPart = z.infer<typeof PartSchema>;

export const FormulaSchema = z.discriminatedUnion('kind', [
  FixedSchema, RateSchema, StepSchema, BandedSchema,
  /** Several parts added up ("10% of the base + 12% of the increase"), then capped as a whole. */
  z.strictObject({ kind: z.literal('sum'), parts: z.array(PartSchema).min(2).max(5), cap: Fen.optional() }),
]);
export type Formula = z.infer<typeof FormulaSchema>;

export const PeriodSchema = z.enum(['once', 'yearly']);

const BASE_TYPES = new Set(['money', 'number', 'ratio']);

/** Checks a formula against the catalogue and the condition: names, types, and that it never goes negative. */
export function checkFormula(f: Formula, vars: Map<string, VarDef>, condition: Compiled | null): LangError[] {
  if (f.kind === 'sum') return f.parts.flatMap((p) => checkFormula(p, vars, condition));
  const errors: LangError[] = [];
  const at = (zh: string, en: string, code: LangError['code'] = 'type_mismatch', part = ''): LangError => ({
    ...err(part, code, { start: 0, end: part.length }, zh, en), message: { zh: `金额公式：${zh}`, en: `Amount formula: ${en}` },
  });
  if (f.kind === 'fixed') return errors;
  const def = vars.get(f.base);
  if (!def) return [at(`未知变量 ${f.base}。`, `unknown variable ${f.base}.`, 'unknown_variable', f.base)];
  if (!BASE_TYPES.has(def.type)) return [at(`${f.base} 不是数值，不能计算金额。`, `${f.base} is not numeric, so no amount can be computed from it.`, 'type_mismatch', f.base)];
  if ((f.kind === 'rate' || f.kind === 'step') && def.type !== 'money') {
    errors.push(at(`${f.base} 不是金额，按比例或按额度计算须以金额为基数。`, `${f.base} is not an amount; a rate or a per-unit sum needs an amount as its base.`, 'type_mismatch', f.base));
  }
  if (f.kind === 'banded') {
    for (let i = 1; i < f.bands.length; i++) {
      if (f.bands[i].min <= f.bands[i - 1].min) errors.push(at(`第 ${i + 1} 档的起点须高于第 ${i} 档。`, `band ${i + 1} must start above band ${i}.`, 'type_mismatch', `bands[${i}]`));
    }
    f.bands.forEach((b, i) => {
      if ((b.amount === undefined) === (b.rateBp === undefined)) errors.push(at(`第 ${i + 1} 档须给出固定金额或比例之一。`, `band ${i + 1} needs exactly one of a fixed amount or a rate.`, 'type_mismatch', `bands[${i}]`));
      if (b.rateBp !== undefined && def.type !== 'money') errors.push(at(`第 ${i + 1} 档按比例计算，但 ${f.base} 不是金额。`, `band ${i + 1} is a rate, but ${f.base} is not an amount.`, 'type_mismatch', `bands[${i}]`));
    });
  }
  // A base that can be negative where the condition holds would give a negative amount.
  const lo = condition ? rangeUnder(condition.ast, vars, f.base).lo : (def.min ?? -Infinity);
  const negativeMatters = f.kind === 'rate' || f.kind === 'step' || (f.kind === 'banded' && f.bands.some((b) => b.rateBp !== undefined && b.rateBp > 0 && (b.min < 0)));
  if (negativeMatters && lo < 0) {
    errors.push(at(`${f.base} 可能为负，金额会出现负数；请在条件中加上 ${f.base} > 0元。`, `${f.base} can be negative, which would make the amount negative; add ${f.base} > 0元 to the condition.`, 'negative_amount', f.base));
  }
  return errors;
}

export interface AmountResult {
  /** Integer fen, ≥ 0; null when the base is unknown. */
  amount: number | null;
  /** The formula with the figures filled in (null when not asked for: a batch keeps the figures instead). */
  text: Bilingual | null;
  capped: boolean;
}

const pctOf = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2).replace(/\.?0+$/, '')}%`;

/** The uncapped amount of one part, null when its base is unknown. */
function partAmount(f: FormulaPart, vars: Vars): number | null {
  if (f.kind === 'fixed') return f.amount;
  const base = vars[f.base];
  if (typeof base !== 'number') return null;
  if (f.kind === 'rate') return mulBp(base, f.rateBp);
  if (f.kind === 'step') return Math.floor(base / f.per) * f.amount;
  const i = bandOf(f, base);
  if (i < 0) return 0;
  const b = f.bands[i];
  return b.amount ?? mulBp(base, b.rateBp!);
}

function bandOf(f: Extract<FormulaPart, { kind: 'banded' }>, base: number): number {
  for (let i = f.bands.length - 1; i >= 0; i--) if (base >= f.bands[i].min) return i;
  return -1;
}

/** The amount of a formula, and with `explain` the formula with the figures filled in. */
export function computeAmount(f: Formula, vars: Vars, labels: Map<string, VarDef>, explain = true): AmountResult {
  let total: number | null = 0;
  if (f.kind === 'sum') {
    for (const p of f.parts) {
      const a = partAmount(p, vars);
      total = a === null || total === null ? null : total + Math.max(0, Math.min(a, p.cap ?? Infinity));
    }
  } else total = partAmount(f, vars);
  if (total !== null) total = Math.max(0, total);
  const capped = total !== null && f.cap !== undefined && total > f.cap;
  const amount = capped ? f.cap! : total;
  return { amount, capped, text: explain ? amountText(f, vars, labels, total, capped) : null };
}

function amountText(f: Formula, vars: Vars, labels: Map<string, VarDef>, total: number | null, capped: boolean): Bilingual {
  let text: Bilingual;
  if (f.kind === 'sum') {
    const parts = f.parts.map((p) => computeAmount(p, vars, labels).text!);
    if (total === null) return { zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ') };
    text = { zh: `${parts.map((p) => p.zh).join(' ＋ ')}，合计 ${fmt.yuan(total)}`, en: `${parts.map((p) => p.en).join(' + ')}; total ${fmt.yuan(total)}` };
  } else text = partText(f, vars, labels);
  if (!capped) return text;
  return { zh: `${text.zh}，超过上限 ${fmt.yuan(f.cap!)}，按上限计 ${fmt.yuan(f.cap!)}`, en: `${text.en}, above the cap of ${fmt.yuan(f.cap!)}, so ${fmt.yuan(f.cap!)}` };
}

function partText(f: FormulaPart, vars: Vars, labels: Map<string, VarDef>): Bilingual {
  if (f.kind === 'fixed') return { zh: `定额 ${fmt.yuan(f.amount)}`, en: `fixed sum of ${fmt.yuan(f.amount)}` };
  const base = vars[f.base];
  const def = labels.get(f.base);
  const label = def?.label ?? { zh: f.base, en: f.base };
  if (typeof base !== 'number') return { zh: `缺少${label.zh}（${f.base}），无法计算金额`, en: `${label.en} (${f.base}) is missing, so the amount cannot be computed` };
  const show = (n: number) => (def?.type === 'money' ? fmt.yuan(n) : def?.type === 'ratio' ? fmt.pct(n) : fmt.int(n));
  const a = partAmount(f, vars)!;
  switch (f.kind) {
    case 'rate':
      return { zh: `${label.zh} ${show(base)} × ${pctOf(f.rateBp)} = ${fmt.yuan(a)}`, en: `${label.en} ${show(base)} × ${pctOf(f.rateBp)} = ${fmt.yuan(a)}` };
    case 'step': {
      const units = Math.floor(base / f.per);
      return { zh: `${label.zh} ${show(base)} 含整 ${fmt.yuan(f.per)} ${units} 个 × ${fmt.yuan(f.amount)} = ${fmt.yuan(a)}`, en: `${label.en} ${show(base)} holds ${units} full ${fmt.yuan(f.per)} × ${fmt.yuan(f.amount)} = ${fmt.yuan(a)}` };
    }
    case 'banded': {
      const i = bandOf(f, base);
      if (i < 0) return { zh: `${label.zh} ${show(base)} 低于最低档 ${show(f.bands[0].min)}，金额为 0`, en: `${label.en} ${show(base)} is below the lowest band (${show(f.bands[0].min)}), so 0` };
      const b = f.bands[i];
      const how = b.amount !== undefined ? { zh: `定额 ${fmt.yuan(a)}`, en: `a fixed ${fmt.yuan(a)}` } : { zh: `${show(base)} × ${pctOf(b.rateBp!)} = ${fmt.yuan(a)}`, en: `${show(base)} × ${pctOf(b.rateBp!)} = ${fmt.yuan(a)}` };
      return { zh: `${label.zh} ${show(base)} 落在第 ${i + 1} 档（≥ ${show(b.min)}），${how.zh}`, en: `${label.en} ${show(base)} falls in band ${i + 1} (≥ ${show(b.min)}): ${how.en}` };
    }
  }
}
