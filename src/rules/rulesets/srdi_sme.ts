// 专精特新中小企业认定 (SRDI SME).
// 2022: 工信部企业〔2022〕63号 附件2 — four required conditions and the 13-indicator, 100-point score
// (a range where experts or the province must judge), with the four direct routes for condition 4.
// 2026: 工信部企业〔2026〕2号 — the six conditions for new applications as criteria.md §3.4 states them;
// market position and the development-quality score come from expert inputs or go to manual review.
// Also the helpers the little-giant ruleset shares (years in segment, awards, growth, bands).
import { SRDI, type Band } from '../parameters/srdi_sme.ts';
import { allOf, anyOf, cite, citeEn, Evaluation, fmt, lazyCriterion, lazyGap, maxPoints, minPoints, paramTable, perNumber, unique, same, sumPoints, type CriterionInput, type Param, type Ruleset, F, type NumCol } from '../engine.ts';
import type { Bilingual, Citation, CriterionResult, Gap, Points, Unit, Verdict } from '../types.ts';
// Class I IP = CLASS_I of hnte.ts (invention patents, plant and crop varieties, new drugs, protected
// TCM varieties, IC layouts), counted at year end by its ipCounts.
import { ipCounts } from './hnte.ts';

// ---------- shared helpers (also used by little_giant.ts) ----------

const P = paramTable('srdi_sme', SRDI);

/** A criterion with a verdict decided by the caller; the text gets the label and the citation. */
export function put(e: Evaluation, input: CriterionInput & {
  verdict: Verdict; actual?: CriterionResult['actual']; unit: Unit; threshold?: Bilingual | null; missing?: string[]; gap?: Gap; points?: Points; note?: Bilingual; indicator?: boolean;
}, text: () => Bilingual): CriterionResult {
  return e.add(lazyCriterion({
    id: input.id, verdict: input.verdict, actual: input.actual ?? null, unit: input.unit, threshold: input.threshold ?? null, missing: input.missing?.length ? unique(input.missing) : [],
    citation: input.citation, points: input.points, gap: input.verdict === 'fail' || input.verdict === 'unknown' ? input.gap : undefined, note: input.note,
    indicator: input.indicator ? true : undefined,
  }, () => {
    const t = text();
    return { zh: `${input.label.zh}：${t.zh}（${cite(input.citation)}）。`, en: `${input.label.en}: ${t.en} (${citeEn(input.citation)}).` };
  }));
}

/**
 * Whole years in the segment: expert input 'srdi.segmentYears' when given, else the years since
 * org.registeredOn (the proxy: the registry has no date of entry into the segment), counted to
 * 31 December of the prior year or to the evaluation date.
 */
export function segmentYears(e: Evaluation, to: 'priorYearEnd' | 'asOf') {
  const given = e.doc.expert['srdi.segmentYears'];
  if (given !== undefined) return { years: given, missing: [] as string[], source: { zh: '（专家输入 srdi.segmentYears）', en: ' (expert input srdi.segmentYears)' } };
  const reg = e.doc.org.registeredOn;
  if (!reg) return { years: undefined, missing: ['org.registeredOn'], source: { zh: '', en: '' } };
  const ref = to === 'asOf' ? e.asOf : `${e.priorYear}-12-31`;
  const years = Math.max(0, Number(ref.slice(0, 4)) - Number(reg.slice(0, 4)) - (ref.slice(5) < reg.slice(5) ? 1 : 0));
  return {
    years, missing: [] as string[],
    source: { zh: `（以注册成立日 ${reg} 代替进入细分市场时间，计至 ${ref}）`, en: ` (registration date ${reg} standing in for entry into the segment, counted to ${ref})` },
  };
}

export function segmentYearsCriterion(e: Evaluation, id: string, min: Param<number>, to: 'priorYearEnd' | 'asOf') {
  const s = segmentYears(e, to);
  return e.compare({
    id, citation: min.citation, label: { zh: `从事特定细分市场年限${s.source.zh}`, en: `Years in the market segment${s.source.en}` },
    value: s.years, limit: min.value, op: '>=', missing: s.missing, show: 'years',
  }, (v) => (lazyGap(2, () => ({ zh: `从事细分市场年限 ${v} 年 → ${min.value} 年：需再满 ${Math.ceil(min.value - v)} 年`, en: `Years in the segment ${v} → ${min.value}: ${Math.ceil(min.value - v)} more years` }))));
}

/**
 * An S&T award of one of the kinds, ranked within its limit, issued from 1 January of the
 * (window)th fiscal year before the evaluation year up to the evaluation date. An award in
 * the list without a date or rank makes the route unknown, naming the field.
 */
const NATIONAL = { zh: '国家级', en: 'national' };
const PROVINCIAL = { zh: '省级', en: 'provincial' };
const level = (k: string) => (k === 'st_award_national' ? NATIONAL : PROVINCIAL);

export function awardRoute(e: Evaluation, maxRank: Partial<Record<string, number>>, windowYears: number) {
  const since = `${e.priorYear - windowYears + 1}-01-01`;
  const missing: string[] = [];
  let hit: { kind: string; rank: number; issuedOn: string } | undefined;
  e.doc.qualifications.forEach((q, i) => {
    const limit = maxRank[q.kind];
    if (limit === undefined || hit) return;
    if (!q.issuedOn) return void missing.push(`qualifications[${i}].issuedOn`);
    if (q.issuedOn < since || q.issuedOn > e.asOf) return;
    if (q.rank == null) return void missing.push(`qualifications[${i}].rank`);
    if (q.rank <= limit) hit = { kind: q.kind, rank: q.rank, issuedOn: q.issuedOn };
  });
  const limits = Object.entries(maxRank).map(([k, r]) => ({ zh: `${level(k).zh}前${r}`, en: `${level(k).en} top ${r}` }));
  const verdict: Verdict = hit ? 'pass' : missing.length ? 'unknown' : 'fail';
  return {
    verdict, since, missing: hit ? [] : missing,
    holds: hit ? true : missing.length ? undefined : false,
    text: hit
      ? { zh: `${hit.issuedOn} 获${level(hit.kind).zh}科技奖励，排名第 ${hit.rank}`, en: `${level(hit.kind).en} S&T award on ${hit.issuedOn}, ranked ${hit.rank}` }
      : { zh: `${since} 以来无符合条件的科技奖励（${limits.map((l) => l.zh).join('或')}）`, en: `no qualifying S&T award since ${since} (${limits.map((l) => l.en).join(' or ')})` },
  };
}

/** Points of the first band reached. Rising bands: value ≥ min (or > min if edges go to the lower band). */
export function bandUp(num: number, den: number, bands: readonly Band[], edgeToBetter: boolean, scale = 10_000): number {
  for (const b of bands) if (edgeToBetter ? num * scale >= b.min * den : num * scale > b.min * den) return b.points;
  return 0;
}
/** Falling bands (debt ratio): value ≤ min (the band's upper limit), or < if edges go to the worse band. */
export function bandDown(num: number, den: number, bands: readonly Band[], edgeToBetter: boolean): number {
  for (const b of bands) if (edgeToBetter ? num * 10_000 <= b.min * den : num * 10_000 < b.min * den) return b.points;
  return 0;
}

/**
 * Average of the two yearly growth rates, ½(v1/v0 + v2/v1) − 1, compared with a limit in bp
 * exactly (BigInt: the products of amounts in fen exceed 2^53). undefined if a base is ≤ 0.
 */
export function avgGrowthAtLeast(v: [number, number, number], minBp: number, inclusive = true): boolean | undefined {
  const [a, b, c] = v.map(BigInt) as [bigint, bigint, bigint];
  if (a <= 0n || b <= 0n) return undefined;
  const lhs = 10_000n * (b * b + c * a);
  const rhs = 2n * (10_000n + BigInt(minBp)) * a * b;
  return inclusive ? lhs >= rhs : lhs > rhs;
}
export const avgGrowth = (v: [number, number, number]) => (v[1] / v[0] + v[2] / v[1]) / 2 - 1;
/** The smallest last-year value that reaches the average growth. */
export function lastYearForGrowth(v: [number, number, number], minBp: number): number {
  const [a, b] = [BigInt(v[0]), BigInt(v[1])];
  const num = 2n * (10_000n + BigInt(minBp)) * a * b - 10_000n * b * b;
  const den = 10_000n * a;
  return Number(num <= 0n ? 0n : (num + den - 1n) / den);
}

/** numerator ÷ denominator ≤ a maximum in bp, compared in integers. */
export function ratioAtMost(e: Evaluation, input: CriterionInput & {
  num: number | undefined; den: number | undefined; maxBp: number; missing: string[];
}, gap?: (num: number, den: number) => Gap | undefined): CriterionResult {
  if (input.num === undefined || input.den === undefined) return e.unknown(input, input.missing);
  if (input.den <= 0) return put(e, { id: input.id, citation: input.citation, label: input.label, verdict: 'fail', unit: 'ratio', threshold: same(`≤ ${fmt.bp(input.maxBp)}`) }, () => ({ zh: '分母为零，无法计算', en: 'the denominator is zero, so it cannot be computed' }));
  const pass = input.num * 10_000 <= input.maxBp * input.den;
  const ratio = input.num / input.den;
  return e.add(lazyCriterion({
    id: input.id, verdict: pass ? 'pass' : 'fail', actual: Math.round(ratio * 10_000) / 10_000, unit: 'ratio', threshold: same(`≤ ${fmt.bp(input.maxBp)}`), missing: [], citation: input.citation,
    gap: pass ? undefined : gap?.(input.num, input.den),
  }, () => ({
      zh: `${input.label.zh}为 ${fmt.pct(ratio)}，${pass ? '符合' : '不符合'}不高于 ${fmt.bp(input.maxBp)} 的要求（${cite(input.citation)}）。`,
      en: `${input.label.en} is ${fmt.pct(ratio)}, ${pass ? 'meeting' : 'above'} the limit of ${fmt.bp(input.maxBp)} (${citeEn(input.citation)}).`,
    })));
}

/** Debt-to-asset ratio of a year against a maximum, with the reduction in liabilities that would meet it. */
export function debtCriterion(e: Evaluation, id: string, year: number, max: Param<number>) {
  const m: string[] = [];
  const liab = e.num(year, F.totalLiabilities, m);
  const assets = e.num(year, F.totalAssets, m);
  return ratioAtMost(e, {
    id, citation: max.citation, label: { zh: `${year} 年资产负债率`, en: `Debt-to-asset ratio in ${year}` }, num: liab, den: assets, maxBp: max.value, missing: m,
  }, (n, d) => {
      const cut = n - Math.floor((max.value * d) / 10_000);
      return lazyGap(cut / Math.max(d, 1), () => ({ zh: `资产负债率 ${fmt.pct(n / d)} → ${fmt.bp(max.value)}：负债总额需减少 ${fmt.yuanUp(cut)}`, en: `Debt ratio ${fmt.pct(n / d)} → ${fmt.bp(max.value)}: liabilities must fall by ${fmt.yuanUp(cut)}` }));
    });
}

/** Main-business revenue ÷ operating revenue ≥ a minimum, with the main-business increase that would meet it. */
export function mainShareCriterion(e: Evaluation, id: string, year: number, min: Param<number>) {
  const m: string[] = [];
  const main = e.num(year, F.mainBusinessRevenue, m);
  const rev = e.num(year, F.revenue, m);
  return e.ratioAtLeast({
    id, citation: min.citation, label: { zh: `${year} 年主营业务收入占营业收入比重`, en: `Main-business share of operating revenue in ${year}` }, num: main, den: rev, minBp: min.value, missing: m,
  }, (n, d) => {
      const need = Math.ceil((min.value * d - 10_000 * n) / (10_000 - min.value));
      return lazyGap(need / Math.max(d, 1), () => ({ zh: `主营业务收入占比 ${fmt.pct(n / d)} → ${fmt.bp(min.value)}：其他业务收入不变时，主营业务收入需增加 ${fmt.yuanUp(need)}`, en: `Main-business share ${fmt.pct(n / d)} → ${fmt.bp(min.value)}: with other revenue unchanged, main-business revenue must rise by ${fmt.yuanUp(need)}` }));
    });
}

/** A ratio that must hold in each of the given years (R&D intensity each year). */
export function eachYearRatio(e: Evaluation, input: CriterionInput & { years: number[]; num: NumCol; den: NumCol; minBp: number; what: Bilingual }) {
  const m: string[] = [];
  const ns: number[] = [];
  const ds: number[] = [];
  for (const y of input.years) {
    ns.push(e.num(y, input.num, m)!);
    ds.push(e.num(y, input.den, m)!);
  }
  if (m.length) return e.unknown(input, m);
  const minBp = input.minBp;
  let pass = true;
  let actual = '';
  let needSum = 0;
  let nSum = 0;
  const short: { y: number; need: number }[] = [];
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i];
    const d = ds[i];
    const ok = d > 0 && n * 10_000 >= minBp * d;
    if (!ok) pass = false;
    if (!ok && d > 0) {
      const need = Math.ceil((minBp * d) / 10_000) - n;
      short.push({ y: input.years[i], need });
      needSum += need;
    }
    nSum += n;
    actual += `${i ? ', ' : ''}${input.years[i]}: ${d > 0 ? fmt.pct(n / d) : '—'}`;
  }
  const thresholds = eachYearBp(minBp);
  return put(e, {
    id: input.id, citation: input.citation, label: input.label, verdict: pass ? 'pass' : 'fail', actual, unit: 'text', threshold: thresholds.threshold,
    gap: short.length ? lazyGap(needSum / Math.max(1, nSum), () => ({
      zh: short.map((x) => `${x.y} 年${input.what.zh}需增加 ${fmt.yuanUp(x.need)}`).join('；'), en: short.map((x) => `${input.what.en} in ${x.y} must rise by ${fmt.yuanUp(x.need)}`).join('; '),
    })) : undefined,
  }, () => ({ zh: `${actual.replaceAll(', ', '，')}，${pass ? '每年均达到' : '未能每年达到'} ${thresholds.min}`, en: `${actual}; ${pass ? 'at least' : 'not at least'} ${thresholds.min} in every year` }));
}

const eachYearTexts = new Map<number, { threshold: Bilingual; min: string }>();
/** "每年 ≥ 3%" / "≥ 3% each year", one shared object per minimum. */
function eachYearBp(minBp: number) {
  let t = eachYearTexts.get(minBp);
  if (t === undefined) {
    const min = fmt.bp(minBp);
    t = { threshold: { zh: `每年 ≥ ${min}`, en: `≥ ${min} each year` }, min };
    if (eachYearTexts.size < 1_000) eachYearTexts.set(minBp, t);
  }
  return t;
}

/** An amount that must be reached in each of the given years. */
export function eachYearAmount(e: Evaluation, input: CriterionInput & { years: number[]; key: NumCol; min: number; what: Bilingual }) {
  const m: string[] = [];
  const vs: number[] = [];
  for (const y of input.years) vs.push(e.num(y, input.key, m)!);
  if (m.length) return e.unknown(input, m);
  const min = input.min;
  // The lowest year decides "each year", so it is the actual value.
  let lowest = Infinity;
  let short = 0;
  for (const v of vs) {
    if (v < lowest) lowest = v;
    if (v < min) short++;
  }
  const years = input.years;
  return put(e, {
    id: input.id, citation: input.citation, label: input.label, verdict: short ? 'fail' : 'pass', actual: Number.isFinite(lowest) ? lowest : null, unit: 'fen', threshold: eachYearFen(min),
    gap: lazyGap(1, () => {
      const zh: string[] = [];
      const en: string[] = [];
      vs.forEach((v, i) => {
        if (v < min) {
          zh.push(`${years[i]} 年${input.what.zh}需增加 ${fmt.yuanUp(min - v)}`);
          en.push(`${input.what.en} in ${years[i]} must rise by ${fmt.yuanUp(min - v)}`);
        }
      });
      return { zh: zh.join('；'), en: en.join('; ') };
    }),
  }, () => ({
    zh: `${vs.map((v, i) => `${years[i]}: ${fmt.wan(v)}`).join('，')}，${short ? '未能每年达到' : '每年均达到'} ${fmt.wan(min)}`,
    en: `${vs.map((v, i) => `${years[i]}: ${fmt.yuan(v)}`).join(', ')}; ${short ? 'not at least' : 'at least'} ${fmt.yuan(min)} in every year`,
  }));
}

const eachYearFenTexts = new Map<number, Bilingual>();
/** "每年 ≥ 100万元" / "≥ ¥1,000,000 each year", one shared object per minimum. */
function eachYearFen(min: number): Bilingual {
  let t = eachYearFenTexts.get(min);
  if (t === undefined) {
    t = { zh: `每年 ≥ ${fmt.wan(min)}`, en: `≥ ${fmt.yuan(min)} each year` };
    if (eachYearFenTexts.size < 1_000) eachYearFenTexts.set(min, t);
  }
  return t;
}

/** Revenue ≥ a minimum, or else paid-in equity over the last 2 years ≥ a minimum. */
export function revenueOrEquity(e: Evaluation, id: string, minRev: Param<number>, minEq: Param<number>) {
  const y = e.priorYear;
  const mRev: string[] = [];
  const rev = e.num(y, F.revenue, mRev);
  const citation = minRev.citation;
  const label = { zh: `${y} 年营业收入（或近2年新增股权融资）`, en: `Operating revenue in ${y} (or equity raised over 2 years)` };
  if (rev !== undefined && rev >= minRev.value) {
    return put(e, { id, citation, label, verdict: 'pass', actual: rev, unit: 'fen', threshold: { zh: `≥ ${fmt.wan(minRev.value)}`, en: `≥ ${fmt.yuan(minRev.value)}` } }, () => ({ zh: `营业收入 ${fmt.wan(rev)}，达到 ${fmt.wan(minRev.value)}`, en: `revenue ${fmt.yuan(rev)} reaches ${fmt.yuan(minRev.value)}` }));
  }
  const mEq: string[] = [];
  const eq = e.sum([y - 1, y], F.equityFinancing, mEq);
  if (eq !== undefined && eq >= minEq.value) {
    return put(e, { id, citation: minEq.citation, label, verdict: 'pass', actual: eq, unit: 'fen', threshold: { zh: `≥ ${fmt.wan(minEq.value)}`, en: `equity raised ≥ ${fmt.yuan(minEq.value)}` } }, () => ({ zh: `营业收入${rev === undefined ? '未知' : ` ${fmt.wan(rev)} 不足 ${fmt.wan(minRev.value)}`}，但 ${y - 1}–${y} 年新增股权融资 ${fmt.wan(eq)}，达到 ${fmt.wan(minEq.value)}`, en: `revenue ${rev === undefined ? 'unknown' : `${fmt.yuan(rev)} is below ${fmt.yuan(minRev.value)}`}, but equity raised in ${y - 1}–${y} is ${fmt.yuan(eq)}, reaching ${fmt.yuan(minEq.value)}` }));
  }
  if (rev === undefined || eq === undefined) return e.unknown({ id, citation, label }, [...mRev, ...mEq]);
  return put(e, {
    id, citation, label, verdict: 'fail', actual: rev, unit: 'fen', threshold: { zh: `≥ ${fmt.wan(minRev.value)}，或股权融资 ≥ ${fmt.wan(minEq.value)}`, en: `≥ ${fmt.yuan(minRev.value)}, or equity raised ≥ ${fmt.yuan(minEq.value)}` },
    gap: lazyGap((minRev.value - rev) / Math.max(rev, 1), () => ({ zh: `营业收入需增加 ${fmt.yuanUp(minRev.value - rev)}，或近2年新增股权融资需增加 ${fmt.yuanUp(minEq.value - eq)}`, en: `Revenue must rise by ${fmt.yuanUp(minRev.value - rev)}, or equity raised over 2 years by ${fmt.yuanUp(minEq.value - eq)}` })),
  }, () => ({ zh: `营业收入 ${fmt.wan(rev)} 不足 ${fmt.wan(minRev.value)}，近2年新增股权融资 ${fmt.wan(eq)} 不足 ${fmt.wan(minEq.value)}`, en: `revenue ${fmt.yuan(rev)} is below ${fmt.yuan(minRev.value)} and equity raised over 2 years, ${fmt.yuan(eq)}, is below ${fmt.yuan(minEq.value)}` }));
}

/** A yes/no expert input (1 = yes, 0 = no); without it, manual review. */
export function expertYesNo(e: Evaluation, input: CriterionInput & { key: string; hint?: Bilingual }) {
  const given = e.doc.expert[input.key];
  if (given === undefined) {
    return put(e, { id: input.id, citation: input.citation, label: input.label, verdict: 'manual_review', unit: 'bool' }, () => ({ zh: `需人工评审（专家输入 ${input.key}：1 表示符合，0 表示不符合）${input.hint ? `；${input.hint.zh}` : ''}`, en: `needs manual review (expert input ${input.key}: 1 if met, 0 if not)${input.hint ? `; ${input.hint.en}` : ''}` }));
  }
  const yes = given >= 1;
  return put(e, { id: input.id, citation: input.citation, label: input.label, verdict: yes ? 'pass' : 'fail', actual: yes, unit: 'bool' }, () => (yes ? { zh: `经评审符合（专家输入 ${input.key}）`, en: `met on review (expert input ${input.key})` } : { zh: `经评审不符合（专家输入 ${input.key}）`, en: `not met on review (expert input ${input.key})` }));
}

/** An expert-given score against a minimum; without it, manual review. */
export function expertAtLeast(e: Evaluation, input: CriterionInput & { key: string; min: number }) {
  const given = e.doc.expert[input.key];
  if (given === undefined) {
    return put(e, { id: input.id, citation: input.citation, label: input.label, verdict: 'manual_review', unit: 'points', threshold: minPoints(input.min) }, () => ({ zh: `评价指标体系未取得，需录入评价得分（专家输入 ${input.key}），要求不低于 ${input.min} 分`, en: `the evaluation index was not retrieved; enter the score (expert input ${input.key}), at least ${input.min} required` }));
  }
  return e.compare({ id: input.id, citation: input.citation, label: { zh: `${input.label.zh}（专家输入 ${input.key}）`, en: `${input.label.en} (expert input ${input.key})` }, value: given, limit: input.min, op: '>=', missing: [], show: 'points' }, (v) => (lazyGap(2, () => ({ zh: `评价得分需再提高 ${input.min - v} 分`, en: `The evaluation score must rise by ${input.min - v} points` }))));
}

/** "≥ 4 项" / "≥ 4 items". */
const atLeastItems = perNumber((n) => ({ zh: `≥ ${n} 项`, en: `≥ ${n} ${n === 1 ? 'item' : 'items'}` }));

/**
 * Class I IP at the end of a year against a minimum. With `excludeTransferred`, invention patents
 * count only as self-developed when that figure is given (the 2026 transfer rule); otherwise all
 * invention patents count and the text says so. An exemption route passes the criterion instead.
 */
export function classICriterion(e: Evaluation, input: CriterionInput & {
  year: number; min: number; excludeTransferred: boolean; exemption?: { holds: boolean | undefined; missing: string[]; text: Bilingual };
}) {
  const m: string[] = [];
  const { classI } = ipCounts(e, input.year, m);
  let count = classI;
  let note = { zh: '', en: '' };
  if (input.excludeTransferred && classI !== undefined) {
    const inv = e.known(input.year, F.inventionPatents) ?? 0;
    const self = e.known(input.year, F.inventionPatentsSelfDeveloped);
    if (self !== undefined) count = classI - inv + Math.min(self, inv);
    else note = { zh: '（未区分自主研发与受让，按全部发明专利计）', en: ' (self-developed and transferred patents not separated: all invention patents counted)' };
  }
  const label = { zh: `${input.label.zh}${note.zh}`, en: `${input.label.en}${note.en}` };
  const ex = input.exemption;
  if (count !== undefined && count >= input.min) {
    return put(e, { id: input.id, citation: input.citation, label, verdict: 'pass', actual: count, unit: 'count', threshold: atLeastItems(input.min) }, () => ({ zh: `${input.year} 年末 I 类知识产权 ${count} 项，达到 ${input.min} 项`, en: `${count} Class I items at the end of ${input.year}, at least ${input.min}` }));
  }
  if (ex?.holds) return put(e, { id: input.id, citation: input.citation, label, verdict: 'pass', actual: count ?? null, unit: 'count', threshold: atLeastItems(input.min) }, () => ({ zh: `I 类知识产权 ${count ?? '未知'} 项，但${ex.text.zh}，免于此项要求`, en: `${count ?? 'unknown'} Class I items, but ${ex.text.en}, so the requirement is waived` }));
  if (count === undefined || (ex && ex.holds === undefined)) return e.unknown({ id: input.id, citation: input.citation, label }, [...m, ...(ex?.missing ?? [])]);
  const need = input.min - count;
  return put(e, {
    id: input.id, citation: input.citation, label, verdict: 'fail', actual: count, unit: 'count', threshold: atLeastItems(input.min),
    gap: lazyGap(3 * need, () => ({ zh: `需再取得 ${need} 项 I 类知识产权（如发明专利）`, en: `${need} more Class I IP item${need > 1 ? 's' : ''} (e.g. invention patents)` })),
  }, () => ({ zh: `${input.year} 年末 I 类知识产权 ${count} 项，不足 ${input.min} 项${ex ? `，且${ex.text.zh}` : ''}`, en: `${count} Class I items at the end of ${input.year}, fewer than ${input.min}${ex ? `, and ${ex.text.en}` : ''}` }));
}

// ---------- 2022: the 13-indicator score ----------

interface Indicator { points: Points; missing: string[]; detail: Bilingual }

/** One scored indicator as a criterion: pass if it earns points, fail at 0, unknown or review for a range. */
function indicator(e: Evaluation, id: string, citation: Citation, label: Bilingual, max: number, ind: Indicator): Points {
  const p = ind.points;
  const verdict: Verdict = p.value !== undefined ? (p.value > 0 ? 'pass' : 'fail') : ind.missing.length ? 'unknown' : 'manual_review';
  const pts = p.value !== undefined ? `${p.value}` : `${p.min}–${p.max}`;
  put(e, {
    id, citation, label, verdict, actual: p.value ?? pts, unit: 'points', threshold: maxPoints(max), missing: ind.missing, points: { ...p }, indicator: true,
  }, () => ({
      zh: `${ind.detail.zh}，${p.value !== undefined ? `得 ${pts} 分` : `得分区间 ${pts} 分`}（满分 ${max}）${ind.missing.length ? `；缺少 ${[...new Set(ind.missing)].join('、')}` : ''}`,
      en: `${ind.detail.en}: ${pts} points of ${max}${ind.missing.length ? `; missing ${[...new Set(ind.missing)].join(', ')}` : ''}`,
    }));
  return p;
}

const known = (value: number): Points => ({ value, min: value, max: value });
const range = (min: number, max: number): Points => (min === max ? known(min) : { min, max });

function score2022(e: Evaluation): CriterionResult {
  const y = e.priorYear;
  const edge = P(e, 'edgeToBetterBand').value;
  const parts: Points[] = [];
  const unknownParts: string[] = [];
  const add = (id: string, p: { citation: Citation }, label: Bilingual, max: number, ind: Indicator) => {
    parts.push(indicator(e, id, p.citation, label, max, ind));
    if (ind.points.value === undefined && ind.missing.length) unknownParts.push(...ind.missing);
  };

  // 1. Main-business share (5).
  {
    const p = P(e, 'mainShareBands');
    const m: string[] = [];
    const main = e.num(y, F.mainBusinessRevenue, m);
    const rev = e.num(y, F.revenue, m);
    add('SRDI-S1', p, { zh: `${y} 年主营业务收入占营业收入比重`, en: `Main-business share of revenue in ${y}` }, 5,
      main === undefined || rev === undefined ? { points: range(0, 5), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(rev > 0 ? bandUp(main, rev, p.value, edge) : 0), missing: [], detail: { zh: `占比 ${rev > 0 ? fmt.pct(main / rev) : '—'}`, en: `share ${rev > 0 ? fmt.pct(main / rev) : '—'}` } });
  }
  // 2. Average main-business growth over 2 years (10).
  {
    const p = P(e, 'mainGrowthBands');
    const m: string[] = [];
    const v = [y - 2, y - 1, y].map((yr) => e.num(yr, F.mainBusinessRevenue, m));
    let ind: Indicator;
    if (m.length) ind = { points: range(0, 10), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } };
    else {
      const vals = v as [number, number, number];
      const computable = vals[0] > 0 && vals[1] > 0;
      const band = computable ? p.value.find((b) => avgGrowthAtLeast(vals, b.min, edge)) : undefined;
      ind = {
        points: known(band?.points ?? 0), missing: [],
        detail: computable ? { zh: `${y - 2}–${y} 年平均增长率 ${fmt.pct(avgGrowth(vals))}`, en: `average growth ${fmt.pct(avgGrowth(vals))} over ${y - 2}–${y}` } : { zh: '基期主营业务收入为零，无法计算增长率', en: 'base-year main-business revenue is zero, so growth cannot be computed' },
      };
    }
    add('SRDI-S2', p, { zh: '近2年主营业务收入平均增长率', en: 'Average main-business growth over 2 years' }, 10, ind);
  }
  // 3. Years in the segment (5): 1 point per full 2 years.
  {
    const p = P(e, 'segmentYearsPoints');
    const s = segmentYears(e, P(e, 'segmentYearsTo').value);
    add('SRDI-S3', p, { zh: `从事特定细分市场年限${s.source.zh}`, en: `Years in the segment${s.source.en}` }, p.value.max,
      s.years === undefined ? { points: range(0, p.value.max), missing: s.missing, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(Math.min(p.value.max, Math.floor(s.years / p.value.yearsPerPoint))), missing: [], detail: { zh: `${s.years} 年`, en: `${s.years} years` } });
  }
  // 4. Lead product's field (5): expert.
  {
    const p = P(e, 'leadProductFieldMax');
    const v = e.doc.expert['srdi.leadProductField'];
    add('SRDI-S4', p, { zh: '主导产品所属领域', en: "Lead product's field" }, p.value,
      v !== undefined ? { points: known(Math.max(0, Math.min(p.value, v))), missing: [], detail: { zh: '专家输入 srdi.leadProductField', en: 'expert input srdi.leadProductField' } }
        : { points: range(0, p.value), missing: [], detail: { zh: '需专家评审（补短板/锻长板/填空白 5 分；工业"六基"、中华老字号或配套链主 3 分；其他 0 分；专家输入 srdi.leadProductField）', en: 'needs expert review (key supply-chain results 5; industrial foundation, time-honoured brand or supplier to a chain leader 3; other 0; expert input srdi.leadProductField)' } });
  }
  // 5. Digital level (5).
  {
    const p = P(e, 'digitalLevelBands');
    const m: string[] = [];
    const lvl = e.num(y, F.digitalLevel, m);
    add('SRDI-S5', p, { zh: `${y} 年数字化水平`, en: `Digital level in ${y}` }, 5,
      lvl === undefined ? { points: range(0, 5), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(p.value.find((b) => lvl >= b.min)?.points ?? 0), missing: [], detail: { zh: `${lvl} 级`, en: `level ${lvl}` } });
  }
  // 6. Quality management (5): 3 points per item, capped.
  {
    const p = P(e, 'qualityItemPoints');
    const m: string[] = [];
    const cert = e.flag(y, F.qualityCertified, m);
    const brand = e.flag(y, F.ownBrand, m);
    const led = e.known(y, F.standardsLed);
    const joined = e.known(y, F.standardsJoined);
    const standards = led === undefined && joined === undefined ? undefined : (led ?? 0) + (joined ?? 0) > 0;
    if (standards === undefined) m.push(`years[${y}].standardsJoined`);
    const award = e.doc.expert['srdi.qualityAward'];
    const items = [cert, brand, standards, award === undefined ? undefined : award >= 1];
    const yes = items.filter((x) => x === true).length;
    const open = items.filter((x) => x === undefined).length;
    const pts = range(Math.min(p.value.max, yes * p.value.each), Math.min(p.value.max, (yes + open) * p.value.each));
    const names = [{ zh: '质量管理体系认证', en: 'quality certification' }, { zh: '自主品牌', en: 'own brand' }, { zh: '参与标准制定', en: 'standard drafting' }, { zh: '省级以上质量奖', en: 'provincial-or-higher quality award' }];
    const met = names.filter((_, i) => items[i] === true);
    add('SRDI-S6', p, { zh: '质量管理水平', en: 'Quality management' }, p.value.max, {
      points: pts, missing: pts.value === undefined ? m : [],
      detail: { zh: `符合 ${met.length ? met.map((x) => x.zh).join('、') : '无'}${award === undefined && pts.value === undefined ? '（省级以上质量奖未录入：专家输入 srdi.qualityAward）' : ''}`, en: `met: ${met.length ? met.map((x) => x.en).join(', ') : 'none'}${award === undefined && pts.value === undefined ? ' (quality award not entered: expert input srdi.qualityAward)' : ''}` },
    });
  }
  // 7. Net profit margin (10).
  {
    const p = P(e, 'netMarginBands');
    const m: string[] = [];
    const np = e.num(y, F.netProfit, m);
    const rev = e.num(y, F.revenue, m);
    add('SRDI-S7', p, { zh: `${y} 年净利润率`, en: `Net profit margin in ${y}` }, 10,
      np === undefined || rev === undefined ? { points: range(0, 10), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(rev > 0 ? bandUp(np, rev, p.value, edge) : 0), missing: [], detail: { zh: `净利润率 ${rev > 0 ? fmt.pct(np / rev) : '—'}`, en: `margin ${rev > 0 ? fmt.pct(np / rev) : '—'}` } });
  }
  // 8. Debt-to-asset ratio (5).
  {
    const p = P(e, 'debtBands');
    const m: string[] = [];
    const l = e.num(y, F.totalLiabilities, m);
    const a = e.num(y, F.totalAssets, m);
    add('SRDI-S8', p, { zh: `${y} 年资产负债率`, en: `Debt-to-asset ratio in ${y}` }, 5,
      l === undefined || a === undefined ? { points: range(0, 5), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(a > 0 ? bandDown(l, a, p.value, edge) : 0), missing: [], detail: { zh: `资产负债率 ${a > 0 ? fmt.pct(l / a) : '—'}`, en: `ratio ${a > 0 ? fmt.pct(l / a) : '—'}` } });
  }
  // 9. Province-specific indicators (15): Fujian's not found, expert input or manual review.
  {
    const p = P(e, 'provincialMax');
    const v = e.doc.expert['srdi.provincial'];
    add('SRDI-S9', p, { zh: '特色化指标（省级主管部门确定）', en: 'Province-specific indicators' }, p.value,
      v !== undefined ? { points: known(Math.max(0, Math.min(p.value, v))), missing: [], detail: { zh: '专家输入 srdi.provincial', en: 'expert input srdi.provincial' } }
        : { points: range(0, p.value), missing: [], detail: { zh: '福建省特色化指标未取得，需人工评审（专家输入 srdi.provincial）', en: "Fujian's indicators were not found; manual review (expert input srdi.provincial)" } });
  }
  // 10. IP related to the lead product (10).
  {
    const p = P(e, 'ipPoints');
    const m: string[] = [];
    const { classI, classII } = ipCounts(e, y, m);
    let ind: Indicator;
    if (classI === undefined && classII === undefined) ind = { points: range(0, 10), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } };
    else if ((classI ?? 0) >= 1) {
      // High-value beats self-developed beats any Class I; an unknown sub-count leaves a range.
      const hv = e.known(y, F.inventionPatentsHighValue);
      const sd = e.known(y, F.inventionPatentsSelfDeveloped);
      const v = p.value;
      const lo = hv ? v.highValueClassI : sd ? v.selfDevelopedClassI : v.classI;
      const hi = hv !== undefined ? lo : v.highValueClassI;
      const hi2 = hv === 0 && sd === undefined ? v.selfDevelopedClassI : hi;
      const missing = lo === hi2 ? [] : [...(hv === undefined ? [`years[${y}].inventionPatentsHighValue`] : []), ...(sd === undefined && !hv ? [`years[${y}].inventionPatentsSelfDeveloped`] : [])];
      ind = { points: range(lo, hi2), missing, detail: { zh: `I 类 ${classI} 项（高价值发明专利 ${hv ?? '未知'}、自主研发 ${sd ?? '未知'}）`, en: `${classI} Class I (high-value ${hv ?? 'unknown'}, self-developed ${sd ?? 'unknown'})` } };
    } else ind = { points: known((classII ?? 0) >= 1 ? p.value.classII : 0), missing: [], detail: { zh: `I 类 0 项，II 类 ${classII ?? 0} 项`, en: `no Class I, ${classII ?? 0} Class II` } };
    add('SRDI-S10', p, { zh: '与主导产品相关的有效知识产权', en: 'Valid IP related to the lead product' }, 10, ind);
  }
  // 11. Prior-year R&D (10): the better of the amount and the share.
  {
    const pa = P(e, 'rdAmountBands');
    const ps = P(e, 'rdShareBands');
    const m: string[] = [];
    const rd = e.num(y, F.rdExpense, m);
    const rev = e.known(y, F.revenue);
    let ind: Indicator;
    if (rd === undefined) ind = { points: range(0, 10), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } };
    else {
      const byAmount = bandUp(rd, 1, pa.value, edge, 1);
      const byShare = rev === undefined ? undefined : rev > 0 ? bandUp(rd, rev, ps.value, edge) : 0;
      ind = byShare === undefined
        ? { points: range(byAmount, 10), missing: [`years[${y}].revenue`], detail: { zh: `研发费用 ${fmt.wan(rd)}，营业收入未知`, en: `R&D ${fmt.yuan(rd)}, revenue unknown` } }
        : { points: known(Math.max(byAmount, byShare)), missing: [], detail: { zh: `研发费用 ${fmt.wan(rd)}，占营业收入 ${rev! > 0 ? fmt.pct(rd / rev!) : '—'}（按金额 ${byAmount} 分、按占比 ${byShare} 分，取高者）`, en: `R&D ${fmt.yuan(rd)}, ${rev! > 0 ? fmt.pct(rd / rev!) : '—'} of revenue (amount ${byAmount}, share ${byShare}: the higher counts)` } };
    }
    add('SRDI-S11', pa, { zh: `${y} 年研发费用投入`, en: `R&D expense in ${y}` }, 10, ind);
  }
  // 12. R&D staff share (5).
  {
    const p = P(e, 'rdStaffBands');
    const m: string[] = [];
    const rs = e.num(y, F.rdStaff, m);
    const emp = e.num(y, F.employees, m);
    add('SRDI-S12', p, { zh: `${y} 年研发人员占职工总数比重`, en: `R&D staff share in ${y}` }, 5,
      rs === undefined || emp === undefined ? { points: range(0, 5), missing: m, detail: { zh: '数据不全', en: 'data incomplete' } }
        : { points: known(emp > 0 ? bandUp(rs, emp, p.value, edge) : 0), missing: [], detail: { zh: `占比 ${emp > 0 ? fmt.pct(rs / emp) : '—'}`, en: `share ${emp > 0 ? fmt.pct(rs / emp) : '—'}` } });
  }
  // 13. R&D institution level (10): the best recognised level held.
  {
    const p = P(e, 'rdInstitutionPoints');
    const levels = Object.entries(p.value) as [string, number][];
    const best = levels.filter(([k]) => e.holds(k)).sort((a, b) => b[1] - a[1])[0];
    const name: Record<string, Bilingual> = { rd_institution_national: { zh: '国家级', en: 'national' }, rd_institution_provincial: { zh: '省级', en: 'provincial' }, rd_institution_municipal: { zh: '市级', en: 'municipal' } };
    add('SRDI-S13', p, { zh: '建立研发机构级别', en: 'Level of the R&D institution' }, 10, {
      points: known(best ? best[1] : 0), missing: [],
      detail: best ? { zh: `持有${name[best[0]].zh}研发机构认定`, en: `holds a ${name[best[0]].en} R&D institution` } : { zh: '未登记经认定的研发机构（市级以下机构不在登记范围内）', en: 'no recognised R&D institution recorded (below-municipal ones are not recorded)' },
    });
  }

  const total = sumPoints(parts);
  const pass = P(e, 'minScore');
  const min = total.min ?? 0;
  const max = total.max ?? 0;
  const verdict: Verdict = min >= pass.value ? 'pass' : max < pass.value ? 'fail' : unknownParts.length ? 'unknown' : 'manual_review';
  const shown = min === max ? `${min}` : `${min}–${max}`;
  return put(e, {
    id: 'SRDI-score', citation: pass.citation, label: { zh: '专精特新中小企业评价得分（13 项指标）', en: 'SRDI evaluation score (13 indicators)' },
    verdict, actual: shown, unit: 'points', threshold: minPoints(pass.value), points: total, missing: unknownParts,
    gap: verdict !== 'fail' ? undefined : lazyGap(4, () => ({ zh: `评价得分最高 ${max} 分，至少还需提高 ${pass.value - max} 分（或满足任一直通条件）`, en: `The score reaches at most ${max}: at least ${pass.value - max} more points needed (or meet a direct route)` })),
  }, () => ({
      zh: `估算 ${shown} 分，${verdict === 'pass' ? '达到' : verdict === 'fail' ? '达不到' : verdict === 'unknown' ? '因数据缺失无法确定能否达到' : '需专家评审确定能否达到'} ${pass.value} 分`,
      en: `estimated at ${shown} points: ${verdict === 'pass' ? 'meets' : verdict === 'fail' ? 'cannot reach' : verdict === 'unknown' ? 'missing data leaves open whether it reaches' : 'experts must decide whether it reaches'} ${pass.value}`,
    }));
}

// ---------- the ruleset ----------

export const srdiSmeRuleset: Ruleset = {
  id: 'srdi_sme',
  title: { zh: '专精特新中小企业', en: 'Specialised, refined, distinctive and innovative (SRDI) SME' },
  versions: [
    {
      version: '2022',
      from: '2022-08-01',
      to: '2026-03-31',
      evaluate(e) {
        const y = e.priorYear;

        // SRDI-1: in the segment ≥ 2 years.
        const c1 = segmentYearsCriterion(e, 'SRDI-1', P(e, 'minSegmentYears'), P(e, 'segmentYearsTo').value);

        // SRDI-2: prior-year R&D ≥ 1M and ≥ 3 % of operating revenue.
        const m2: string[] = [];
        const rd = e.num(y, F.rdExpense, m2);
        const minRd = P(e, 'minRdAmount');
        const c2a = e.compare({
          id: 'SRDI-2a', citation: minRd.citation, label: { zh: `${y} 年研发费用总额`, en: `R&D expense in ${y}` },
          value: rd, limit: minRd.value, op: '>=', missing: m2, show: 'fen',
        }, (v) => (lazyGap((minRd.value - v) / Math.max(v, 1), () => ({ zh: `${y} 年研发费用需增加 ${fmt.yuanUp(minRd.value - v)}`, en: `R&D expense in ${y} must rise by ${fmt.yuanUp(minRd.value - v)}` }))));
        const m2b: string[] = [];
        const rdB = e.num(y, F.rdExpense, m2b);
        const rev = e.num(y, F.revenue, m2b);
        const minInt = P(e, 'minRdIntensityBp');
        const c2b = e.ratioAtLeast({
          id: 'SRDI-2b', citation: minInt.citation, label: { zh: `${y} 年研发费用占营业收入比重`, en: `R&D share of operating revenue in ${y}` },
          num: rdB, den: rev, minBp: minInt.value, missing: m2b,
        }, (n, d) => {
            const need = Math.ceil((minInt.value * d) / 10_000) - n;
            return lazyGap(need / Math.max(n, 1), () => ({ zh: `${y} 年研发费用需增加 ${fmt.yuanUp(need)}`, en: `R&D expense in ${y} must rise by ${fmt.yuanUp(need)}` }));
          });

        // SRDI-3: revenue ≥ 10M, or < 10M with ≥ 20M equity over 2 years.
        const c3 = revenueOrEquity(e, 'SRDI-3', P(e, 'minRevenue'), P(e, 'minEquityAlternative'));

        // SRDI-4: score ≥ 60, or a direct route.
        const score = score2022(e);
        const win = P(e, 'awardWindowYears');
        const awards = P(e, 'directAwardMaxRank');
        const aw = awardRoute(e, awards.value, win.value);
        const dAward = e.condition({
          id: 'SRDI-4-award', citation: awards.citation, label: { zh: '直通条件：近3年省级科技奖励前三或国家级科技奖励前五', en: 'Direct route: provincial S&T award top 3 or national top 5 in 3 years' },
          holds: aw.holds, missing: aw.missing, yes: aw.text, no: aw.text,
        });
        const avgRd = P(e, 'directAvgRd');
        const mRd: string[] = [];
        const rd2 = e.sum([y - 1, y], F.rdExpense, mRd);
        const dRd = e.compare({
          id: 'SRDI-4-rd', citation: avgRd.citation, label: { zh: `直通条件：${y - 1}–${y} 年研发费用年均值`, en: `Direct route: average R&D over ${y - 1}–${y}` },
          value: rd2 === undefined ? undefined : rd2 / 2, limit: avgRd.value, op: '>=', missing: mRd, show: 'fen',
        });
        const eqP = P(e, 'directEquity');
        const mEq: string[] = [];
        const dEq = e.compare({
          id: 'SRDI-4-equity', citation: eqP.citation, label: { zh: `直通条件：${y - 1}–${y} 年新增股权融资`, en: `Direct route: equity raised over ${y - 1}–${y}` },
          value: e.sum([y - 1, y], F.equityFinancing, mEq), limit: eqP.value, op: '>=', missing: mEq, show: 'fen',
        });
        const maker = P(e, 'directMakerChinaTop');
        const mk = e.doc.expert['srdi.makerChinaTop500'];
        const dMaker = e.condition({
          id: 'SRDI-4-maker', citation: maker.citation, label: { zh: `直通条件：近3年"创客中国"全国${maker.value}强`, en: `Direct route: national top ${maker.value} of "Maker China" in 3 years` },
          holds: (mk ?? 0) >= 1, missing: [],
          yes: { zh: '已入围（专家输入 srdi.makerChinaTop500）', en: 'listed (expert input srdi.makerChinaTop500)' },
          no: { zh: mk === undefined ? '未录入（平台无此数据；如入围请录入专家输入 srdi.makerChinaTop500 = 1）' : '未入围', en: mk === undefined ? 'not entered (no registry fact; if listed, set expert input srdi.makerChinaTop500 = 1)' : 'not listed' },
        });
        const routes = [dAward, dRd, dEq, dMaker];
        const v4 = anyOf([score.verdict, ...routes.map((r) => r.verdict)]);
        const direct = routes.find((r) => r.verdict === 'pass');
        const c4 = put(e, {
          id: 'SRDI-4', citation: score.citation, label: { zh: '评价得分达到 60 分或满足任一直通条件', en: 'Score of 60 or a direct route' },
          verdict: v4, actual: score.actual, unit: 'points', missing: v4 === 'unknown' ? [...score.missing, ...routes.flatMap((r) => r.missing)] : [],
          gap: score.gap,
        }, () => (score.verdict === 'pass' ? { zh: `评价得分 ${score.actual} 分，达到要求`, en: `score ${score.actual} meets it` }
            : direct ? { zh: `评价得分 ${score.actual} 分，但满足直通条件（${direct.id}）`, en: `score ${score.actual}, but a direct route holds (${direct.id})` }
              : { zh: `评价得分 ${score.actual} 分，且无已满足的直通条件`, en: `score ${score.actual} and no direct route met` }));

        const verdict = allOf([c1, c2a, c2b, c3, c4]);
        return { verdict, route: verdict === 'pass' ? (score.verdict === 'pass' ? 'conditions' : 'direct') : null, score: score.points };
      },
    },
    {
      version: '2026',
      from: '2026-04-01',
      evaluate(e) {
        const y = e.priorYear;
        const years2 = [y - 1, y];

        // (一) holds the 科技和创新型中小企业 title, and ≥ 3 years in the segment.
        const kinds = P(e, 'priorTitleKinds');
        const held = kinds.value.find((k) => e.holds(k));
        const c1a = e.condition({
          id: 'SRDI26-1-title', citation: kinds.citation, label: { zh: '已认定为科技和创新型中小企业', en: 'Holds the tech and innovative SME title' },
          holds: Boolean(held), missing: [],
          yes: { zh: `持有有效的 ${held} 称号（以创新型或科技型中小企业代替合并后的新称号）`, en: `holds a valid ${held} title (innovative or tech SME standing in for the merged title)` },
          no: { zh: '未持有有效的创新型中小企业或科技型中小企业称号', en: 'holds no valid innovative SME or tech SME title' },
          gap: lazyGap(5, () => ({ zh: '先取得科技和创新型中小企业称号', en: 'First obtain the tech and innovative SME title' })),
        });
        const c1b = segmentYearsCriterion(e, 'SRDI26-1-years', P(e, 'minSegmentYears'), P(e, 'segmentYearsTo').value);

        // (二) revenue ≥ 15M or 2-year equity ≥ 20M; main-business share ≥ 80 %; debt ratio ≤ 80 %.
        const c2a = revenueOrEquity(e, 'SRDI26-2-revenue', P(e, 'minRevenue'), P(e, 'minEquityAlternative'));
        const c2b = mainShareCriterion(e, 'SRDI26-2-main-share', y, P(e, 'minMainShareBp'));
        const c2c = debtCriterion(e, 'SRDI26-2-debt', y, P(e, 'maxDebtBp'));

        // (三) R&D ≥ 1M and ≥ 3 % in each of the last 2 years.
        const minRd = P(e, 'minRdAmount');
        const c3a = eachYearAmount(e, { id: 'SRDI26-3-rd', citation: minRd.citation, label: { zh: `${y - 1}–${y} 年每年研发费用`, en: `R&D expense in each of ${y - 1}–${y}` }, years: years2, key: F.rdExpense, min: minRd.value, what: { zh: '研发费用', en: 'R&D expense' } });
        const minInt = P(e, 'minRdIntensityBp');
        const c3b = eachYearRatio(e, { id: 'SRDI26-3-intensity', citation: minInt.citation, label: { zh: `${y - 1}–${y} 年每年研发强度`, en: `R&D intensity in each of ${y - 1}–${y}` }, years: years2, num: F.rdExpense, den: F.revenue, minBp: minInt.value, what: { zh: '研发费用', en: 'R&D expense' } });

        // (四) ≥ 1 Class I IP (not by transfer), or exempt by an award or an institution.
        const minI = P(e, 'minClassI');
        const aw = awardRoute(e, P(e, 'ipExemptAwardMaxRank').value, P(e, 'awardWindowYears').value);
        const inst = P(e, 'ipExemptInstitutionKinds').value.find((k) => e.holds(k));
        const exemption = inst
          ? { holds: true, missing: [], text: { zh: `持有 ${inst} 研发机构认定`, en: `it holds a ${inst} R&D institution` } }
          : { holds: aw.holds, missing: aw.missing, text: aw.holds ? aw.text : { zh: `${aw.text.zh}，亦无省级及以上研发机构`, en: `${aw.text.en}, and no provincial-or-higher R&D institution` } };
        const c4 = classICriterion(e, { id: 'SRDI26-4-ip', citation: minI.citation, label: { zh: '与主导产品相关的 I 类知识产权（不含受让）', en: 'Class I IP related to the lead product (not by transfer)' }, year: y, min: minI.value, excludeTransferred: true, exemption });

        // (五) market share "relatively high": no number given.
        const c5 = expertYesNo(e, {
          id: 'SRDI26-5-market', key: 'srdi.marketPosition', citation: { docNo: '工信部企业〔2026〕2号', article: '专精特新中小企业申报条件（五）细分市场占有率较高、具有一定影响力', confidence: 'C' },
          label: { zh: '细分市场占有率较高、具有一定影响力', en: 'Relatively high segment market share with some influence' },
          hint: { zh: '办法未给出数值标准', en: 'the measures give no number' },
        });

        // (六) development-quality evaluation ≥ 50 (index not retrieved).
        const q = P(e, 'minQualityScore');
        const c6 = expertAtLeast(e, { id: 'SRDI26-6-quality', key: 'srdi.qualityScore', min: q.value, citation: q.citation, label: { zh: '专精特新发展质量评价得分', en: 'SRDI development-quality evaluation score' } });

        const verdict = allOf([c1a, c1b, c2a, c2b, c2c, c3a, c3b, c4, c5, c6]);
        return { verdict, route: verdict === 'pass' ? 'conditions' : null };
      },
    },
  ],
};

