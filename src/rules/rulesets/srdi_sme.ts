// 专精特新中小企业认定 (SRDI SME).
// 2022: 工信部企业〔2022〕63号 附件2 — four required conditions and the 13-indicator, 100-point score
// (a range where experts or the province must judge), with the four direct routes for condition 4.
// 2026: 工信部企业〔2026〕2号 — the six conditions for new applications as criteria.md §3.4 states them;
// market position and the development-quality score come from expert inputs or go to manual review.
// Also the helpers the little-giant ruleset shares (years in segment, awards, growth, bands, and the
// specs of the criteria both record: segment years, main-business share, debt ratio, each-year R&D,
// Class I IP, expert inputs).
import { SRDI, type Band } from '../parameters/srdi_sme.ts';
import {
  allOf, anyOf, cite, citeEn, compareSpec, conditionSpec, Evaluation, fmt, lazyGap, maxPoints, minPoints, paramTable, perNumber, ratioSpec,
  unique, same, yearOf, monthDayOf, type Recorded, type Ruleset, type Spec, F, factPath, type NumCol,
} from '../engine.ts';
import type { Bilingual, Citation, Gap, Points, Verdict } from '../types.ts';
// Class I IP = CLASS_I of hnte.ts (invention patents, plant and crop varieties, new drugs, protected
// TCM varieties, IC layouts), counted at year end as its ipCounts counts them.
import { CLASS_I, CLASS_II, ipSum, ipTotal } from './hnte.ts';

// ---------- shared helpers (also used by little_giant.ts) ----------

const P = paramTable('srdi_sme', SRDI);

const NO_MISSING: string[] = [];

/** A recorded criterion whose sentence is `label：text（citation）。`, the text said by `say`. */
export function putSpec(s: {
  id: string; label: Spec['label']; citation: Spec['citation']; read: Spec['read']; say: (r: Recorded) => Bilingual; indicator?: true;
}): Spec {
  const say = s.say;
  return {
    id: s.id, label: s.label, citation: s.citation, read: s.read, indicator: s.indicator,
    text(r, label, citation) {
      const t = say(r);
      return { zh: `${label.zh}：${t.zh}（${cite(citation)}）。`, en: `${label.en}: ${t.en} (${citeEn(citation)}).` };
    },
  };
}


/**
 * Whole years in the segment: expert input 'srdi.segmentYears' when given, else the years since
 * org.registeredOn (the proxy: the registry has no date of entry into the segment), counted to
 * 31 December of the prior year or to the evaluation date.
 */
export function segmentYears(e: Evaluation, to: 'priorYearEnd' | 'asOf') {
  const given = e.expert('srdi.segmentYears');
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

/** `segmentYears(e, to).years` without its texts: NaN when not known. */
export function segmentYearsValue(e: Evaluation, to: 'priorYearEnd' | 'asOf'): number {
  const given = e.expert('srdi.segmentYears');
  if (given !== undefined) return given;
  const year = e.registeredYear;
  if (year !== year) return NaN;
  if (to === 'asOf') return Math.max(0, yearOf(e.asOf) - year - (monthDayOf(e.asOf) < e.registeredMonthDay ? 1 : 0));
  return Math.max(0, e.priorYear - year);
}

const REGISTERED_ON = ['org.registeredOn'];

/** Years in the segment against a minimum, recorded as [years, minimum, 1 if counted to the evaluation date]. */
export function segmentSpec(id: string, citation: Spec['citation']): Spec {
  return {
    ...compareSpec({
      id, citation, op: '>=', show: 'years',
      label: (r) => {
        const s = segmentYears(r.e, r.n(2) === 1 ? 'asOf' : 'priorYearEnd').source;
        return { zh: `从事特定细分市场年限${s.zh}`, en: `Years in the market segment${s.en}` };
      },
      gap: {
        effort: () => 2,
        text: (v, min) => ({ zh: `从事细分市场年限 ${v} 年 → ${min} 年：需再满 ${Math.ceil(min - v)} 年`, en: `Years in the segment ${v} → ${min}: ${Math.ceil(min - v)} more years` }),
      },
    }),
  };
}

export function segmentYearsCriterion(e: Evaluation, spec: Spec, min: number, to: 'priorYearEnd' | 'asOf'): Recorded {
  const t = to === 'asOf' ? 1 : 0;
  const v = segmentYearsValue(e, to);
  if (v !== v) return e.recordUnknown(spec, REGISTERED_ON, NaN, NaN, t);
  return e.record(spec, v >= min ? 'pass' : 'fail', v, min, t);
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

/** `awardRoute`'s `holds` without its texts: 1 an award qualifies, 0 none does, -1 unknown (an award lacks its date or rank). */
export function awardHolds(e: Evaluation, maxRank: Partial<Record<string, number>>, windowYears: number): number {
  const since = e.priorYear - windowYears + 1;
  const asOf = e.asOf;
  const kinds = e.qualKinds;
  let open = false;
  for (let i = 0; i < kinds.length; i++) {
    const limit = maxRank[kinds[i]];
    if (limit === undefined) continue;
    const q = e.doc.qualifications[i];
    const on = q.issuedOn;
    if (!on) {
      open = true;
      continue;
    }
    if (yearOf(on) < since || on > asOf) continue;
    if (q.rank == null) {
      open = true;
      continue;
    }
    if (q.rank <= limit) return 1;
  }
  return open ? -1 : 0;
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

/** The sum over the prior year and the one before (`e.sum([y - 1, y], …)` without the list). */
export function sum2(e: Evaluation, c: NumCol, missing: string[]): number | undefined {
  const y = e.priorYear;
  const a = e.num(y - 1, c, missing);
  const b = e.num(y, c, missing);
  return a === undefined || b === undefined ? undefined : 0 + a + b;
}

/** "≤ 70%" in both languages. */
const atMostPct = perNumber((bp) => same(`≤ ${fmt.bp(bp)}`));

/** The prior year's debt-to-asset ratio against a maximum, recorded as [liabilities, assets, maximum bp]. */
export function debtSpec(id: string, citation: Spec['citation']): Spec {
  return {
    id, citation,
    label: (r) => ({ zh: `${r.e.priorYear} 年资产负债率`, en: `Debt-to-asset ratio in ${r.e.priorYear}` }),
    read(r) {
      const n = r.n(0);
      const d = r.n(1);
      const max = r.n(2);
      const threshold = atMostPct(max);
      if (d <= 0) return { actual: null, unit: 'ratio', threshold };
      let gap: Gap | undefined;
      if (r.verdict === 'fail') {
        const cut = n - Math.floor((max * d) / 10_000);
        gap = lazyGap(cut / Math.max(d, 1), () => ({ zh: `资产负债率 ${fmt.pct(n / d)} → ${fmt.bp(max)}：负债总额需减少 ${fmt.yuanUp(cut)}`, en: `Debt ratio ${fmt.pct(n / d)} → ${fmt.bp(max)}: liabilities must fall by ${fmt.yuanUp(cut)}` }));
      }
      return { actual: Math.round((n / d) * 10_000) / 10_000, unit: 'ratio', threshold, gap };
    },
    text(r, label, citation) {
      const n = r.n(0);
      const d = r.n(1);
      const max = fmt.bp(r.n(2));
      if (d <= 0) return { zh: `${label.zh}：分母为零，无法计算（${cite(citation)}）。`, en: `${label.en}: the denominator is zero, so it cannot be computed (${citeEn(citation)}).` };
      const pass = r.verdict === 'pass';
      const ratio = fmt.pct(n / d);
      return {
        zh: `${label.zh}为 ${ratio}，${pass ? '符合' : '不符合'}不高于 ${max} 的要求（${cite(citation)}）。`,
        en: `${label.en} is ${ratio}, ${pass ? 'meeting' : 'above'} the limit of ${max} (${citeEn(citation)}).`,
      };
    },
  };
}

/** Debt-to-asset ratio of the prior year against a maximum, with the reduction in liabilities that would meet it. */
export function debtCriterion(e: Evaluation, spec: Spec, maxBp: number): Recorded {
  const m: string[] = [];
  const y = e.priorYear;
  const liab = e.num(y, F.totalLiabilities, m);
  const assets = e.num(y, F.totalAssets, m);
  if (liab === undefined || assets === undefined) return e.recordUnknown(spec, m, NaN, NaN, maxBp);
  return e.record(spec, assets > 0 && liab * 10_000 <= maxBp * assets ? 'pass' : 'fail', liab, assets, maxBp);
}

/** Main-business revenue still needed, other revenue unchanged, for num ÷ den to reach minBp. */
const mainNeed = (n: number, d: number, minBp: number) => Math.ceil((minBp * d - 10_000 * n) / (10_000 - minBp));

/** The prior year's main-business share of operating revenue against a minimum (a `ratioSpec`). */
export function mainShareSpec(id: string, citation: Spec['citation']): Spec {
  return ratioSpec({
    id, citation,
    label: (r) => ({ zh: `${r.e.priorYear} 年主营业务收入占营业收入比重`, en: `Main-business share of operating revenue in ${r.e.priorYear}` }),
    gap: {
      effort: (n, d, min) => mainNeed(n, d, min) / Math.max(d, 1),
      text: (n, d, min) => ({ zh: `主营业务收入占比 ${fmt.pct(n / d)} → ${fmt.bp(min)}：其他业务收入不变时，主营业务收入需增加 ${fmt.yuanUp(mainNeed(n, d, min))}`, en: `Main-business share ${fmt.pct(n / d)} → ${fmt.bp(min)}: with other revenue unchanged, main-business revenue must rise by ${fmt.yuanUp(mainNeed(n, d, min))}` }),
    },
  });
}

/** Main-business revenue ÷ operating revenue of the prior year ≥ a minimum. */
export function mainShareCriterion(e: Evaluation, spec: Spec, minBp: number): Recorded {
  const m: string[] = [];
  const y = e.priorYear;
  const main = e.num(y, F.mainBusinessRevenue, m);
  const rev = e.num(y, F.revenue, m);
  return e.ratioTo(spec, main, rev, minBp, m);
}

/** "2024: 3.2%, 2025: —": each year's ratio of an each-year criterion. */
function eachYearActual(r: Recorded): string {
  const y = r.e.priorYear;
  const d0 = r.n(1);
  const d1 = r.n(3);
  return `${y - 1}: ${d0 > 0 ? fmt.pct(r.n(0) / d0) : '—'}, ${y}: ${d1 > 0 ? fmt.pct(r.n(2) / d1) : '—'}`;
}

/**
 * A ratio that must hold in each of the last 2 years (R&D intensity each year), recorded as
 * [numerator, denominator of the year before, numerator, denominator of the prior year, minimum bp].
 */
export function eachYearRatioSpec(s: { id: string; label: Spec['label']; citation: Spec['citation']; what: Bilingual }): Spec {
  const what = s.what;
  return putSpec({
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      const minBp = r.n(4);
      let gap: Gap | undefined;
      if (r.verdict === 'fail') {
        const y = r.e.priorYear;
        let needSum = 0;
        let nSum = 0;
        const short: { y: number; need: number }[] = [];
        for (let i = 0; i < 2; i++) {
          const n = r.n(2 * i);
          const d = r.n(2 * i + 1);
          if (d > 0 && !(n * 10_000 >= minBp * d)) {
            const need = Math.ceil((minBp * d) / 10_000) - n;
            short.push({ y: y - 1 + i, need });
            needSum += need;
          }
          nSum += n;
        }
        if (short.length) {
          gap = lazyGap(needSum / Math.max(1, nSum), () => ({
            zh: short.map((x) => `${x.y} 年${what.zh}需增加 ${fmt.yuanUp(x.need)}`).join('；'), en: short.map((x) => `${what.en} in ${x.y} must rise by ${fmt.yuanUp(x.need)}`).join('; '),
          }));
        }
      }
      return { actual: eachYearActual(r), unit: 'text', threshold: eachYearBp(minBp).threshold, gap };
    },
    say(r) {
      const actual = eachYearActual(r);
      const pass = r.verdict === 'pass';
      const min = eachYearBp(r.n(4)).min;
      return { zh: `${actual.replaceAll(', ', '，')}，${pass ? '每年均达到' : '未能每年达到'} ${min}`, en: `${actual}; ${pass ? 'at least' : 'not at least'} ${min} in every year` };
    },
  });
}

/** num ÷ den ≥ minBp in each of the last 2 years; unknown (with minBp for the label) when a fact is missing. */
export function eachYearRatio(e: Evaluation, spec: Spec, num: NumCol, den: NumCol, minBp: number): Recorded {
  const m: string[] = [];
  const y = e.priorYear;
  const n0 = e.num(y - 1, num, m);
  const d0 = e.num(y - 1, den, m);
  const n1 = e.num(y, num, m);
  const d1 = e.num(y, den, m);
  if (n0 === undefined || d0 === undefined || n1 === undefined || d1 === undefined) return e.recordUnknown(spec, m, NaN, NaN, NaN, NaN, minBp);
  const pass = d0 > 0 && n0 * 10_000 >= minBp * d0 && d1 > 0 && n1 * 10_000 >= minBp * d1;
  return e.record(spec, pass ? 'pass' : 'fail', n0, d0, n1, d1, minBp);
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

/** An amount that must be reached in each of the last 2 years, recorded as [the year before's, the prior year's, minimum]. */
export function eachYearAmountSpec(s: { id: string; label: Spec['label']; citation: Spec['citation']; what: Bilingual }): Spec {
  const what = s.what;
  return putSpec({
    id: s.id, label: s.label, citation: s.citation,
    read(r) {
      const v0 = r.n(0);
      const v1 = r.n(1);
      const min = r.n(2);
      // The lowest year decides "each year", so it is the actual value.
      const lowest = v1 < v0 ? v1 : v0;
      let gap: Gap | undefined;
      if (r.verdict === 'fail') {
        const y = r.e.priorYear;
        gap = lazyGap(1, () => {
          const zh: string[] = [];
          const en: string[] = [];
          [v0, v1].forEach((v, i) => {
            if (v < min) {
              zh.push(`${y - 1 + i} 年${what.zh}需增加 ${fmt.yuanUp(min - v)}`);
              en.push(`${what.en} in ${y - 1 + i} must rise by ${fmt.yuanUp(min - v)}`);
            }
          });
          return { zh: zh.join('；'), en: en.join('; ') };
        });
      }
      return { actual: lowest, unit: 'fen', threshold: eachYearFen(min), gap };
    },
    say(r) {
      const y = r.e.priorYear;
      const v0 = r.n(0);
      const v1 = r.n(1);
      const min = r.n(2);
      const short = v0 < min || v1 < min;
      return {
        zh: `${y - 1}: ${fmt.wan(v0)}，${y}: ${fmt.wan(v1)}，${short ? '未能每年达到' : '每年均达到'} ${fmt.wan(min)}`,
        en: `${y - 1}: ${fmt.yuan(v0)}, ${y}: ${fmt.yuan(v1)}; ${short ? 'not at least' : 'at least'} ${fmt.yuan(min)} in every year`,
      };
    },
  });
}

/** An amount that must be reached in each of the last 2 years. */
export function eachYearAmount(e: Evaluation, spec: Spec, key: NumCol, min: number): Recorded {
  const m: string[] = [];
  const y = e.priorYear;
  const v0 = e.num(y - 1, key, m);
  const v1 = e.num(y, key, m);
  if (v0 === undefined || v1 === undefined) return e.recordUnknown(spec, m);
  return e.record(spec, v0 < min || v1 < min ? 'fail' : 'pass', v0, v1, min);
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

/** "≥ 1000万元" / "≥ ¥10,000,000". */
const atLeastFen = perNumber((n) => ({ zh: `≥ ${fmt.wan(n)}`, en: `≥ ${fmt.yuan(n)}` }));
/** "≥ 2000万元" / "equity raised ≥ ¥20,000,000". */
const equityAtLeast = perNumber((n) => ({ zh: `≥ ${fmt.wan(n)}`, en: `equity raised ≥ ${fmt.yuan(n)}` }));

/**
 * Revenue ≥ a minimum, or else paid-in equity over the last 2 years ≥ a minimum, recorded as
 * [revenue, its minimum, equity, its minimum, how: 0 by revenue, 1 by equity, 2 neither].
 */
function revenueOrEquitySpec(id: string): Spec {
  return putSpec({
    id,
    citation: (r) => (r.n(4) === 1 ? P.minEquityAlternative(r.e).citation : P.minRevenue(r.e).citation),
    label: (r) => ({ zh: `${r.e.priorYear} 年营业收入（或近2年新增股权融资）`, en: `Operating revenue in ${r.e.priorYear} (or equity raised over 2 years)` }),
    read(r) {
      const rev = r.n(0);
      const minRev = r.n(1);
      const eq = r.n(2);
      const minEq = r.n(3);
      const how = r.n(4);
      if (how === 0) return { actual: rev, unit: 'fen', threshold: atLeastFen(minRev) };
      if (how === 1) return { actual: eq, unit: 'fen', threshold: equityAtLeast(minEq) };
      return {
        actual: rev, unit: 'fen', threshold: { zh: `≥ ${fmt.wan(minRev)}，或股权融资 ≥ ${fmt.wan(minEq)}`, en: `≥ ${fmt.yuan(minRev)}, or equity raised ≥ ${fmt.yuan(minEq)}` },
        gap: lazyGap((minRev - rev) / Math.max(rev, 1), () => ({ zh: `营业收入需增加 ${fmt.yuanUp(minRev - rev)}，或近2年新增股权融资需增加 ${fmt.yuanUp(minEq - eq)}`, en: `Revenue must rise by ${fmt.yuanUp(minRev - rev)}, or equity raised over 2 years by ${fmt.yuanUp(minEq - eq)}` })),
      };
    },
    say(r) {
      const y = r.e.priorYear;
      const rev = r.n(0);
      const minRev = r.n(1);
      const eq = r.n(2);
      const minEq = r.n(3);
      const how = r.n(4);
      if (how === 0) return { zh: `营业收入 ${fmt.wan(rev)}，达到 ${fmt.wan(minRev)}`, en: `revenue ${fmt.yuan(rev)} reaches ${fmt.yuan(minRev)}` };
      if (how === 1) {
        const known = rev === rev;
        return {
          zh: `营业收入${!known ? '未知' : ` ${fmt.wan(rev)} 不足 ${fmt.wan(minRev)}`}，但 ${y - 1}–${y} 年新增股权融资 ${fmt.wan(eq)}，达到 ${fmt.wan(minEq)}`,
          en: `revenue ${!known ? 'unknown' : `${fmt.yuan(rev)} is below ${fmt.yuan(minRev)}`}, but equity raised in ${y - 1}–${y} is ${fmt.yuan(eq)}, reaching ${fmt.yuan(minEq)}`,
        };
      }
      return { zh: `营业收入 ${fmt.wan(rev)} 不足 ${fmt.wan(minRev)}，近2年新增股权融资 ${fmt.wan(eq)} 不足 ${fmt.wan(minEq)}`, en: `revenue ${fmt.yuan(rev)} is below ${fmt.yuan(minRev)} and equity raised over 2 years, ${fmt.yuan(eq)}, is below ${fmt.yuan(minEq)}` };
    },
  });
}

/** Revenue ≥ a minimum, or else paid-in equity over the last 2 years ≥ a minimum. */
function revenueOrEquity(e: Evaluation, spec: Spec, minRev: number, minEq: number): Recorded {
  const m: string[] = [];
  const rev = e.num(e.priorYear, F.revenue, m);
  if (rev !== undefined && rev >= minRev) return e.record(spec, 'pass', rev, minRev, NaN, minEq, 0);
  const eq = sum2(e, F.equityFinancing, m);
  if (eq !== undefined && eq >= minEq) return e.record(spec, 'pass', rev ?? NaN, minRev, eq, minEq, 1);
  if (rev === undefined || eq === undefined) return e.recordUnknown(spec, m);
  return e.record(spec, 'fail', rev, minRev, eq, minEq, 2);
}

/** A yes/no expert input (1 = yes, 0 = no), recorded as [the input, or NaN]; without it, manual review. */
export function expertYesNoSpec(s: { id: string; key: string; label: Bilingual; citation: Citation; hint?: Bilingual }): Spec & { key: string } {
  const key = s.key;
  const hint = s.hint;
  const review = { zh: `需人工评审（专家输入 ${key}：1 表示符合，0 表示不符合）${hint ? `；${hint.zh}` : ''}`, en: `needs manual review (expert input ${key}: 1 if met, 0 if not)${hint ? `; ${hint.en}` : ''}` };
  const yes = { zh: `经评审符合（专家输入 ${key}）`, en: `met on review (expert input ${key})` };
  const no = { zh: `经评审不符合（专家输入 ${key}）`, en: `not met on review (expert input ${key})` };
  return {
    ...putSpec({
      id: s.id, label: s.label, citation: s.citation,
      read: (r) => {
        const given = r.n(0);
        return { actual: given === given ? given >= 1 : null, unit: 'bool', threshold: null };
      },
      say: (r) => {
        const given = r.n(0);
        return given !== given ? review : given >= 1 ? yes : no;
      },
    }),
    key,
  };
}

/** A yes/no expert input (1 = yes, 0 = no); without it, manual review. */
export function expertYesNo(e: Evaluation, spec: Spec & { key: string }): Recorded {
  const given = e.expert(spec.key);
  if (given === undefined) return e.record(spec, 'manual_review', NaN);
  return e.record(spec, given >= 1 ? 'pass' : 'fail', given);
}

/** An expert-given score against a minimum, recorded as [the score or NaN, minimum]; without it, manual review. */
export function expertAtLeastSpec(s: { id: string; key: string; label: Bilingual; citation: Spec['citation'] }): Spec & { key: string } {
  const key = s.key;
  const label = s.label;
  const given = { zh: `${label.zh}（专家输入 ${key}）`, en: `${label.en} (expert input ${key})` };
  const scored = compareSpec({
    id: s.id, label: given, citation: s.citation, op: '>=', show: 'points',
    gap: { effort: () => 2, text: (v, min) => ({ zh: `评价得分需再提高 ${min - v} 分`, en: `The evaluation score must rise by ${min - v} points` }) },
  });
  return {
    id: s.id, citation: s.citation, key,
    label: (r) => (r.n(0) === r.n(0) ? given : label),
    read: (r) => (r.n(0) === r.n(0) ? scored.read(r) : { actual: null, unit: 'points', threshold: minPoints(r.n(1)) }),
    gap: (r) => (r.n(0) === r.n(0) ? scored.gap!(r) : undefined),
    text(r, l, citation) {
      if (r.n(0) === r.n(0)) return scored.text(r, l, citation);
      const min = r.n(1);
      return {
        zh: `${l.zh}：评价指标体系未取得，需录入评价得分（专家输入 ${key}），要求不低于 ${min} 分（${cite(citation)}）。`,
        en: `${l.en}: the evaluation index was not retrieved; enter the score (expert input ${key}), at least ${min} required (${citeEn(citation)}).`,
      };
    },
  };
}

/** An expert-given score against a minimum; without it, manual review. */
export function expertAtLeast(e: Evaluation, spec: Spec & { key: string }, min: number): Recorded {
  const given = e.expert(spec.key);
  if (given === undefined) return e.record(spec, 'manual_review', NaN, min);
  return e.record(spec, given >= min ? 'pass' : 'fail', given, min);
}

/** "≥ 4 项" / "≥ 4 items". */
const atLeastItems = perNumber((n) => ({ zh: `≥ ${n} 项`, en: `≥ ${n} ${n === 1 ? 'item' : 'items'}` }));

const TRANSFER_NOTE = { zh: '（未区分自主研发与受让，按全部发明专利计）', en: ' (self-developed and transferred patents not separated: all invention patents counted)' };

/**
 * Class I IP at the end of the prior year against a minimum, recorded as [count or NaN, minimum,
 * 1 if transferred patents could not be told apart]. `exemption`: the text of the route that can
 * pass the criterion instead (read again from the document when the sentence is written).
 */
export function classISpec(s: { id: string; label: Bilingual; citation: Spec['citation']; exemption?: (r: Recorded) => Bilingual }): Spec {
  const plain = s.label;
  const noted = { zh: `${plain.zh}${TRANSFER_NOTE.zh}`, en: `${plain.en}${TRANSFER_NOTE.en}` };
  const exemption = s.exemption;
  return putSpec({
    id: s.id, citation: s.citation,
    label: (r) => (r.n(2) === 1 ? noted : plain),
    read(r) {
      const count = r.n(0);
      const min = r.n(1);
      const threshold = atLeastItems(min);
      if (r.verdict !== 'fail') return { actual: count === count ? count : null, unit: 'count', threshold };
      const need = min - count;
      return {
        actual: count, unit: 'count', threshold,
        gap: lazyGap(3 * need, () => ({ zh: `需再取得 ${need} 项 I 类知识产权（如发明专利）`, en: `${need} more Class I IP item${need > 1 ? 's' : ''} (e.g. invention patents)` })),
      };
    },
    say(r) {
      const y = r.e.priorYear;
      const count = r.n(0);
      const min = r.n(1);
      if (r.verdict === 'pass') {
        if (count === count && count >= min) return { zh: `${y} 年末 I 类知识产权 ${count} 项，达到 ${min} 项`, en: `${count} Class I items at the end of ${y}, at least ${min}` };
        const ex = exemption!(r);
        return { zh: `I 类知识产权 ${count === count ? count : '未知'} 项，但${ex.zh}，免于此项要求`, en: `${count === count ? count : 'unknown'} Class I items, but ${ex.en}, so the requirement is waived` };
      }
      const ex = exemption?.(r);
      return { zh: `${y} 年末 I 类知识产权 ${count} 项，不足 ${min} 项${ex ? `，且${ex.zh}` : ''}`, en: `${count} Class I items at the end of ${y}, fewer than ${min}${ex ? `, and ${ex.en}` : ''}` };
    },
  });
}

/**
 * Class I IP at the end of the prior year against a minimum. With `excludeTransferred`, invention
 * patents count only as self-developed when that figure is given (the 2026 transfer rule); otherwise
 * all invention patents count and the label says so. `exemption`: 1 an exemption route holds, 0 it
 * does not, -1 unknown (its missing facts in `exemptionMissing`), NaN the spec has none.
 */
export function classICriterion(e: Evaluation, spec: Spec, min: number, excludeTransferred: boolean, exemption = NaN, exemptionMissing = NO_MISSING): Recorded {
  const y = e.priorYear;
  const classI = ipTotal(e, y, CLASS_I);
  let count = classI;
  let note = 0;
  if (excludeTransferred && classI !== undefined) {
    const inv = e.known(y, F.inventionPatents) ?? 0;
    const self = e.known(y, F.inventionPatentsSelfDeveloped);
    if (self !== undefined) count = classI - inv + Math.min(self, inv);
    else note = 1;
  }
  if (count !== undefined && count >= min) return e.record(spec, 'pass', count, min, note);
  if (exemption === 1) return e.record(spec, 'pass', count ?? NaN, min, note);
  if (count === undefined || exemption === -1) {
    // The facts missing, named as ipCounts names them: each class none of whose counts is known.
    const m: string[] = [];
    if (classI === undefined) m.push(factPath(y, CLASS_I.cols[0]));
    if (ipTotal(e, y, CLASS_II) === undefined) m.push(factPath(y, CLASS_II.cols[0]));
    return e.recordUnknown(spec, exemptionMissing.length ? [...m, ...exemptionMissing] : m, NaN, min, note);
  }
  return e.record(spec, 'fail', count, min, note);
}

// ---------- 2022: the 13-indicator score ----------

const DATA_INCOMPLETE = { zh: '数据不全', en: 'data incomplete' };

/** `{ value, min, max }` for a known score, `{ min, max }` for a range. */
const pointsOf = (min: number, max: number): Points => (min === max ? { value: min, min, max } : { min, max });

/**
 * One scored indicator, recorded as [lowest points, highest points, the indicator's maximum, x, y]:
 * pass if it earns points, fail at 0, unknown or review for a range. `detail` says what x and y
 * were (NaN where the data were incomplete), reading the document again where it needs more.
 */
function indicatorSpec(s: { id: string; param: keyof typeof SRDI & string; label: Spec['label']; detail: (r: Recorded) => Bilingual }): Spec {
  const detail = s.detail;
  const param = s.param;
  return putSpec({
    id: s.id, label: s.label, citation: (r) => P[param](r.e).citation,
    read(r) {
      const lo = r.n(0);
      const hi = r.n(1);
      return { actual: lo === hi ? lo : `${lo}–${hi}`, unit: 'points', threshold: maxPoints(r.n(2)), points: pointsOf(lo, hi) };
    },
    indicator: true,
    say(r) {
      const d = detail(r);
      const lo = r.n(0);
      const hi = r.n(1);
      const max = r.n(2);
      const known = lo === hi;
      const pts = known ? `${lo}` : `${lo}–${hi}`;
      const m = r.missingFacts ?? NO_MISSING;
      return {
        zh: `${d.zh}，${known ? `得 ${pts} 分` : `得分区间 ${pts} 分`}（满分 ${max}）${m.length ? `；缺少 ${m.join('、')}` : ''}`,
        en: `${d.en}: ${pts} points of ${max}${m.length ? `; missing ${m.join(', ')}` : ''}`,
      };
    },
  });
}

/** x ÷ y as a share ("—" when y ≤ 0), or "数据不全" when x was not known. */
function shareDetail(zh: string, en: string) {
  return (r: Recorded): Bilingual => {
    const x = r.n(3);
    if (x !== x) return DATA_INCOMPLETE;
    const y = r.n(4);
    const t = y > 0 ? fmt.pct(x / y) : '—';
    return { zh: `${zh} ${t}`, en: `${en} ${t}` };
  };
}

const S1 = indicatorSpec({
  id: 'SRDI-S1', param: 'mainShareBands', label: (r) => ({ zh: `${r.e.priorYear} 年主营业务收入占营业收入比重`, en: `Main-business share of revenue in ${r.e.priorYear}` }),
  detail: shareDetail('占比', 'share'),
});
const S2 = indicatorSpec({
  id: 'SRDI-S2', param: 'mainGrowthBands', label: { zh: '近2年主营业务收入平均增长率', en: 'Average main-business growth over 2 years' },
  detail: (r) => {
    if (r.n(3) !== 1) return DATA_INCOMPLETE;
    const e = r.e;
    const y = e.priorYear;
    const vals: [number, number, number] = [e.known(y - 2, F.mainBusinessRevenue)!, e.known(y - 1, F.mainBusinessRevenue)!, e.known(y, F.mainBusinessRevenue)!];
    return vals[0] > 0 && vals[1] > 0
      ? { zh: `${y - 2}–${y} 年平均增长率 ${fmt.pct(avgGrowth(vals))}`, en: `average growth ${fmt.pct(avgGrowth(vals))} over ${y - 2}–${y}` }
      : { zh: '基期主营业务收入为零，无法计算增长率', en: 'base-year main-business revenue is zero, so growth cannot be computed' };
  },
});
// x: 1 if counted to the evaluation date; y: the years
const S3 = indicatorSpec({
  id: 'SRDI-S3', param: 'segmentYearsPoints',
  label: (r) => {
    const s = segmentYears(r.e, r.n(3) === 1 ? 'asOf' : 'priorYearEnd').source;
    return { zh: `从事特定细分市场年限${s.zh}`, en: `Years in the segment${s.en}` };
  },
  detail: (r) => {
    const years = r.n(4);
    return years !== years ? DATA_INCOMPLETE : { zh: `${years} 年`, en: `${years} years` };
  },
});
const S4 = indicatorSpec({
  id: 'SRDI-S4', param: 'leadProductFieldMax', label: { zh: '主导产品所属领域', en: "Lead product's field" },
  detail: (r) => (r.n(3) === r.n(3) ? { zh: '专家输入 srdi.leadProductField', en: 'expert input srdi.leadProductField' }
    : { zh: '需专家评审（补短板/锻长板/填空白 5 分；工业"六基"、中华老字号或配套链主 3 分；其他 0 分；专家输入 srdi.leadProductField）', en: 'needs expert review (key supply-chain results 5; industrial foundation, time-honoured brand or supplier to a chain leader 3; other 0; expert input srdi.leadProductField)' }),
});
const S5 = indicatorSpec({
  id: 'SRDI-S5', param: 'digitalLevelBands', label: (r) => ({ zh: `${r.e.priorYear} 年数字化水平`, en: `Digital level in ${r.e.priorYear}` }),
  detail: (r) => {
    const lvl = r.n(3);
    return lvl !== lvl ? DATA_INCOMPLETE : { zh: `${lvl} 级`, en: `level ${lvl}` };
  },
});
const QUALITY_ITEMS = [{ zh: '质量管理体系认证', en: 'quality certification' }, { zh: '自主品牌', en: 'own brand' }, { zh: '参与标准制定', en: 'standard drafting' }, { zh: '省级以上质量奖', en: 'provincial-or-higher quality award' }];
// x: the items met, a bit each; y: 1 if the open range is due to the quality award not being entered
const S6 = indicatorSpec({
  id: 'SRDI-S6', param: 'qualityItemPoints', label: { zh: '质量管理水平', en: 'Quality management' },
  detail: (r) => {
    const bits = r.n(3);
    const met = QUALITY_ITEMS.filter((_, i) => bits & (1 << i));
    const open = r.n(4) === 1;
    return {
      zh: `符合 ${met.length ? met.map((x) => x.zh).join('、') : '无'}${open ? '（省级以上质量奖未录入：专家输入 srdi.qualityAward）' : ''}`,
      en: `met: ${met.length ? met.map((x) => x.en).join(', ') : 'none'}${open ? ' (quality award not entered: expert input srdi.qualityAward)' : ''}`,
    };
  },
});
const S7 = indicatorSpec({
  id: 'SRDI-S7', param: 'netMarginBands', label: (r) => ({ zh: `${r.e.priorYear} 年净利润率`, en: `Net profit margin in ${r.e.priorYear}` }),
  detail: shareDetail('净利润率', 'margin'),
});
const S8 = indicatorSpec({
  id: 'SRDI-S8', param: 'debtBands', label: (r) => ({ zh: `${r.e.priorYear} 年资产负债率`, en: `Debt-to-asset ratio in ${r.e.priorYear}` }),
  detail: shareDetail('资产负债率', 'ratio'),
});
const S9 = indicatorSpec({
  id: 'SRDI-S9', param: 'provincialMax', label: { zh: '特色化指标（省级主管部门确定）', en: 'Province-specific indicators' },
  detail: (r) => (r.n(3) === r.n(3) ? { zh: '专家输入 srdi.provincial', en: 'expert input srdi.provincial' }
    : { zh: '福建省特色化指标未取得，需人工评审（专家输入 srdi.provincial）', en: "Fujian's indicators were not found; manual review (expert input srdi.provincial)" }),
});
// x: Class I, y: Class II (NaN where not known)
const S10 = indicatorSpec({
  id: 'SRDI-S10', param: 'ipPoints', label: { zh: '与主导产品相关的有效知识产权', en: 'Valid IP related to the lead product' },
  detail: (r) => {
    const classI = r.n(3);
    const classII = r.n(4);
    if (classI !== classI && classII !== classII) return DATA_INCOMPLETE;
    if (classI >= 1) {
      const y = r.e.priorYear;
      const hv = r.e.known(y, F.inventionPatentsHighValue);
      const sd = r.e.known(y, F.inventionPatentsSelfDeveloped);
      return { zh: `I 类 ${classI} 项（高价值发明专利 ${hv ?? '未知'}、自主研发 ${sd ?? '未知'}）`, en: `${classI} Class I (high-value ${hv ?? 'unknown'}, self-developed ${sd ?? 'unknown'})` };
    }
    const c2 = classII === classII ? classII : 0;
    return { zh: `I 类 0 项，II 类 ${c2} 项`, en: `no Class I, ${c2} Class II` };
  },
});
// x: R&D, y: revenue (NaN where not known); the points by amount and by share are worked out again
const S11 = indicatorSpec({
  id: 'SRDI-S11', param: 'rdAmountBands', label: (r) => ({ zh: `${r.e.priorYear} 年研发费用投入`, en: `R&D expense in ${r.e.priorYear}` }),
  detail: (r) => {
    const rd = r.n(3);
    const rev = r.n(4);
    if (rd !== rd) return DATA_INCOMPLETE;
    if (rev !== rev) return { zh: `研发费用 ${fmt.wan(rd)}，营业收入未知`, en: `R&D ${fmt.yuan(rd)}, revenue unknown` };
    const edge = P.edgeToBetterBand(r.e).value;
    const byAmount = bandUp(rd, 1, P.rdAmountBands(r.e).value, edge, 1);
    const byShare = rev > 0 ? bandUp(rd, rev, P.rdShareBands(r.e).value, edge) : 0;
    const share = rev > 0 ? fmt.pct(rd / rev) : '—';
    return { zh: `研发费用 ${fmt.wan(rd)}，占营业收入 ${share}（按金额 ${byAmount} 分、按占比 ${byShare} 分，取高者）`, en: `R&D ${fmt.yuan(rd)}, ${share} of revenue (amount ${byAmount}, share ${byShare}: the higher counts)` };
  },
});
const S12 = indicatorSpec({
  id: 'SRDI-S12', param: 'rdStaffBands', label: (r) => ({ zh: `${r.e.priorYear} 年研发人员占职工总数比重`, en: `R&D staff share in ${r.e.priorYear}` }),
  detail: shareDetail('占比', 'share'),
});
const INSTITUTION_LEVEL: Record<string, Bilingual> = { rd_institution_national: { zh: '国家级', en: 'national' }, rd_institution_provincial: { zh: '省级', en: 'provincial' }, rd_institution_municipal: { zh: '市级', en: 'municipal' } };
// x: the best level held, as an index of the parameter's keys (NaN for none)
const S13 = indicatorSpec({
  id: 'SRDI-S13', param: 'rdInstitutionPoints', label: { zh: '建立研发机构级别', en: 'Level of the R&D institution' },
  detail: (r) => {
    const best = r.n(3);
    if (best !== best) return { zh: '未登记经认定的研发机构（市级以下机构不在登记范围内）', en: 'no recognised R&D institution recorded (below-municipal ones are not recorded)' };
    const name = INSTITUTION_LEVEL[Object.keys(P.rdInstitutionPoints(r.e).value)[best]];
    return { zh: `持有${name.zh}研发机构认定`, en: `holds a ${name.en} R&D institution` };
  },
});
// [lowest total, highest total, pass mark]
const SCORE = putSpec({
  id: 'SRDI-score', citation: (r) => P.minScore(r.e).citation, label: { zh: '专精特新中小企业评价得分（13 项指标）', en: 'SRDI evaluation score (13 indicators)' },
  read(r) {
    const min = r.n(0);
    const max = r.n(1);
    const pass = r.n(2);
    return {
      actual: min === max ? `${min}` : `${min}–${max}`, unit: 'points', threshold: minPoints(pass), points: pointsOf(min, max),
      gap: r.verdict !== 'fail' ? undefined : lazyGap(4, () => ({ zh: `评价得分最高 ${max} 分，至少还需提高 ${pass - max} 分（或满足任一直通条件）`, en: `The score reaches at most ${max}: at least ${pass - max} more points needed (or meet a direct route)` })),
    };
  },
  say(r) {
    const min = r.n(0);
    const max = r.n(1);
    const pass = r.n(2);
    const shown = min === max ? `${min}` : `${min}–${max}`;
    const verdict = r.verdict;
    return {
      zh: `估算 ${shown} 分，${verdict === 'pass' ? '达到' : verdict === 'fail' ? '达不到' : verdict === 'unknown' ? '因数据缺失无法确定能否达到' : '需专家评审确定能否达到'} ${pass} 分`,
      en: `estimated at ${shown} points: ${verdict === 'pass' ? 'meets' : verdict === 'fail' ? 'cannot reach' : verdict === 'unknown' ? 'missing data leaves open whether it reaches' : 'experts must decide whether it reaches'} ${pass}`,
    };
  },
});

/** The running total of the indicators: lowest and highest points, and the facts missing from open ones. */
interface Total { lo: number; hi: number; unknown: string[] }

/** One scored indicator: pass if it earns points, fail at 0, unknown (facts missing) or review for a range. */
function indicator(e: Evaluation, total: Total, spec: Spec, lo: number, hi: number, max: number, x: number, y: number, missing: string[]) {
  const known = lo === hi;
  const r = e.record(spec, known ? (lo > 0 ? 'pass' : 'fail') : missing.length ? 'unknown' : 'manual_review', lo, hi, max, x, y);
  if (missing.length) r.missingFacts = unique(missing);
  total.lo += lo;
  total.hi += hi;
  if (!known && missing.length) for (let i = 0; i < missing.length; i++) total.unknown.push(missing[i]);
}

/** Points of the first band a whole number reaches. */
function bandAtLeast(v: number, bands: readonly Band[]): number {
  for (const b of bands) if (v >= b.min) return b.points;
  return 0;
}

function score2022(e: Evaluation): Recorded {
  const y = e.priorYear;
  const edge = P.edgeToBetterBand(e).value;
  const total: Total = { lo: 0, hi: 0, unknown: [] };

  // 1. Main-business share (5).
  {
    const p = P.mainShareBands(e).value;
    const m: string[] = [];
    const main = e.num(y, F.mainBusinessRevenue, m);
    const rev = e.num(y, F.revenue, m);
    if (main === undefined || rev === undefined) indicator(e, total, S1, 0, 5, 5, NaN, NaN, m);
    else {
      const pts = rev > 0 ? bandUp(main, rev, p, edge) : 0;
      indicator(e, total, S1, pts, pts, 5, main, rev, NO_MISSING);
    }
  }
  // 2. Average main-business growth over 2 years (10).
  {
    const p = P.mainGrowthBands(e).value;
    const m: string[] = [];
    const v0 = e.num(y - 2, F.mainBusinessRevenue, m);
    const v1 = e.num(y - 1, F.mainBusinessRevenue, m);
    const v2 = e.num(y, F.mainBusinessRevenue, m);
    if (v0 === undefined || v1 === undefined || v2 === undefined) indicator(e, total, S2, 0, 10, 10, NaN, NaN, m);
    else {
      let pts = 0;
      if (v0 > 0 && v1 > 0) {
        const vals: [number, number, number] = [v0, v1, v2];
        pts = p.find((b) => avgGrowthAtLeast(vals, b.min, edge))?.points ?? 0;
      }
      indicator(e, total, S2, pts, pts, 10, 1, NaN, NO_MISSING);
    }
  }
  // 3. Years in the segment (5): 1 point per full 2 years.
  {
    const p = P.segmentYearsPoints(e).value;
    const to = P.segmentYearsTo(e).value;
    const t = to === 'asOf' ? 1 : 0;
    const years = segmentYearsValue(e, to);
    if (years !== years) indicator(e, total, S3, 0, p.max, p.max, t, NaN, REGISTERED_ON);
    else {
      const pts = Math.min(p.max, Math.floor(years / p.yearsPerPoint));
      indicator(e, total, S3, pts, pts, p.max, t, years, NO_MISSING);
    }
  }
  // 4. Lead product's field (5): expert.
  {
    const max = P.leadProductFieldMax(e).value;
    const v = e.expert('srdi.leadProductField');
    if (v === undefined) indicator(e, total, S4, 0, max, max, NaN, NaN, NO_MISSING);
    else {
      const pts = Math.max(0, Math.min(max, v));
      indicator(e, total, S4, pts, pts, max, v, NaN, NO_MISSING);
    }
  }
  // 5. Digital level (5).
  {
    const p = P.digitalLevelBands(e).value;
    const m: string[] = [];
    const lvl = e.num(y, F.digitalLevel, m);
    if (lvl === undefined) indicator(e, total, S5, 0, 5, 5, NaN, NaN, m);
    else {
      const pts = bandAtLeast(lvl, p);
      indicator(e, total, S5, pts, pts, 5, lvl, NaN, NO_MISSING);
    }
  }
  // 6. Quality management (5): 3 points per item, capped.
  {
    const p = P.qualityItemPoints(e).value;
    const m: string[] = [];
    const cert = e.flag(y, F.qualityCertified, m);
    const brand = e.flag(y, F.ownBrand, m);
    const led = e.known(y, F.standardsLed);
    const joined = e.known(y, F.standardsJoined);
    const standards = led === undefined && joined === undefined ? undefined : (led ?? 0) + (joined ?? 0) > 0;
    if (standards === undefined) m.push(factPath(y, F.standardsJoined));
    const award = e.expert('srdi.qualityAward');
    const awarded = award === undefined ? undefined : award >= 1;
    let yes = 0;
    let open = 0;
    let met = 0;
    if (cert === true) { yes++; met |= 1; } else if (cert === undefined) open++;
    if (brand === true) { yes++; met |= 2; } else if (brand === undefined) open++;
    if (standards === true) { yes++; met |= 4; } else if (standards === undefined) open++;
    if (awarded === true) { yes++; met |= 8; } else if (awarded === undefined) open++;
    const lo = Math.min(p.max, yes * p.each);
    const hi = Math.min(p.max, (yes + open) * p.each);
    indicator(e, total, S6, lo, hi, p.max, met, award === undefined && lo !== hi ? 1 : 0, lo === hi ? NO_MISSING : m);
  }
  // 7. Net profit margin (10).
  {
    const p = P.netMarginBands(e).value;
    const m: string[] = [];
    const np = e.num(y, F.netProfit, m);
    const rev = e.num(y, F.revenue, m);
    if (np === undefined || rev === undefined) indicator(e, total, S7, 0, 10, 10, NaN, NaN, m);
    else {
      const pts = rev > 0 ? bandUp(np, rev, p, edge) : 0;
      indicator(e, total, S7, pts, pts, 10, np, rev, NO_MISSING);
    }
  }
  // 8. Debt-to-asset ratio (5).
  {
    const p = P.debtBands(e).value;
    const m: string[] = [];
    const l = e.num(y, F.totalLiabilities, m);
    const a = e.num(y, F.totalAssets, m);
    if (l === undefined || a === undefined) indicator(e, total, S8, 0, 5, 5, NaN, NaN, m);
    else {
      const pts = a > 0 ? bandDown(l, a, p, edge) : 0;
      indicator(e, total, S8, pts, pts, 5, l, a, NO_MISSING);
    }
  }
  // 9. Province-specific indicators (15): Fujian's not found, expert input or manual review.
  {
    const max = P.provincialMax(e).value;
    const v = e.expert('srdi.provincial');
    if (v === undefined) indicator(e, total, S9, 0, max, max, NaN, NaN, NO_MISSING);
    else {
      const pts = Math.max(0, Math.min(max, v));
      indicator(e, total, S9, pts, pts, max, v, NaN, NO_MISSING);
    }
  }
  // 10. IP related to the lead product (10).
  {
    const v = P.ipPoints(e).value;
    const m: string[] = [];
    const classI = ipSum(e, y, CLASS_I, m);
    const classII = ipSum(e, y, CLASS_II, m);
    if (classI === undefined && classII === undefined) indicator(e, total, S10, 0, 10, 10, NaN, NaN, m);
    else if ((classI ?? 0) >= 1) {
      // High-value beats self-developed beats any Class I; an unknown sub-count leaves a range.
      const hv = e.known(y, F.inventionPatentsHighValue);
      const sd = e.known(y, F.inventionPatentsSelfDeveloped);
      const lo = hv ? v.highValueClassI : sd ? v.selfDevelopedClassI : v.classI;
      const hi = hv !== undefined ? lo : v.highValueClassI;
      const hi2 = hv === 0 && sd === undefined ? v.selfDevelopedClassI : hi;
      const missing = lo === hi2 ? NO_MISSING : [...(hv === undefined ? [factPath(y, F.inventionPatentsHighValue)] : []), ...(sd === undefined && !hv ? [factPath(y, F.inventionPatentsSelfDeveloped)] : [])];
      indicator(e, total, S10, lo, hi2, 10, classI!, classII ?? NaN, missing);
    } else {
      const pts = (classII ?? 0) >= 1 ? v.classII : 0;
      indicator(e, total, S10, pts, pts, 10, classI ?? NaN, classII ?? NaN, NO_MISSING);
    }
  }
  // 11. Prior-year R&D (10): the better of the amount and the share.
  {
    const pa = P.rdAmountBands(e).value;
    const ps = P.rdShareBands(e).value;
    const m: string[] = [];
    const rd = e.num(y, F.rdExpense, m);
    const rev = e.known(y, F.revenue);
    if (rd === undefined) indicator(e, total, S11, 0, 10, 10, NaN, NaN, m);
    else {
      const byAmount = bandUp(rd, 1, pa, edge, 1);
      if (rev === undefined) indicator(e, total, S11, byAmount, 10, 10, rd, NaN, [factPath(y, F.revenue)]);
      else {
        const pts = Math.max(byAmount, rev > 0 ? bandUp(rd, rev, ps, edge) : 0);
        indicator(e, total, S11, pts, pts, 10, rd, rev, NO_MISSING);
      }
    }
  }
  // 12. R&D staff share (5).
  {
    const p = P.rdStaffBands(e).value;
    const m: string[] = [];
    const rs = e.num(y, F.rdStaff, m);
    const emp = e.num(y, F.employees, m);
    if (rs === undefined || emp === undefined) indicator(e, total, S12, 0, 5, 5, NaN, NaN, m);
    else {
      const pts = emp > 0 ? bandUp(rs, emp, p, edge) : 0;
      indicator(e, total, S12, pts, pts, 5, rs, emp, NO_MISSING);
    }
  }
  // 13. R&D institution level (10): the best recognised level held (the first listed among equals).
  {
    const levels = P.rdInstitutionPoints(e).value as Record<string, number>;
    let best = NaN;
    let bestPoints = 0;
    let i = 0;
    for (const k in levels) {
      if (e.holds(k) && (best !== best || levels[k] > bestPoints)) {
        best = i;
        bestPoints = levels[k];
      }
      i++;
    }
    indicator(e, total, S13, bestPoints, bestPoints, 10, best, NaN, NO_MISSING);
  }

  const pass = P.minScore(e).value;
  const { lo, hi } = total;
  const r = e.record(SCORE, lo >= pass ? 'pass' : hi < pass ? 'fail' : total.unknown.length ? 'unknown' : 'manual_review', lo, hi, pass);
  if (total.unknown.length) r.missingFacts = unique(total.unknown);
  return r;
}

// ---------- the ruleset ----------

// 2022
const SRDI1 = segmentSpec('SRDI-1', (r) => P.minSegmentYears(r.e).citation);
const SRDI2a = compareSpec({
  id: 'SRDI-2a', citation: (r) => P.minRdAmount(r.e).citation, label: (r) => ({ zh: `${r.e.priorYear} 年研发费用总额`, en: `R&D expense in ${r.e.priorYear}` }), op: '>=', show: 'fen',
  gap: {
    effort: (v, min) => (min - v) / Math.max(v, 1),
    text: (v, min, r) => ({ zh: `${r.e.priorYear} 年研发费用需增加 ${fmt.yuanUp(min - v)}`, en: `R&D expense in ${r.e.priorYear} must rise by ${fmt.yuanUp(min - v)}` }),
  },
});
/** R&D still needed for num ÷ den to reach minBp. */
const rdNeed = (n: number, d: number, minBp: number) => Math.ceil((minBp * d) / 10_000) - n;
const SRDI2b = ratioSpec({
  id: 'SRDI-2b', citation: (r) => P.minRdIntensityBp(r.e).citation, label: (r) => ({ zh: `${r.e.priorYear} 年研发费用占营业收入比重`, en: `R&D share of operating revenue in ${r.e.priorYear}` }),
  gap: {
    effort: (n, d, min) => rdNeed(n, d, min) / Math.max(n, 1),
    text: (n, d, min, r) => ({ zh: `${r.e.priorYear} 年研发费用需增加 ${fmt.yuanUp(rdNeed(n, d, min))}`, en: `R&D expense in ${r.e.priorYear} must rise by ${fmt.yuanUp(rdNeed(n, d, min))}` }),
  },
});
const SRDI3 = revenueOrEquitySpec('SRDI-3');
/** The award route's sentence, read again from the document. */
const directAwardText = (r: Recorded) => awardRoute(r.e, P.directAwardMaxRank(r.e).value, P.awardWindowYears(r.e).value).text;
const SRDI4award = conditionSpec({
  id: 'SRDI-4-award', citation: (r) => P.directAwardMaxRank(r.e).citation, label: { zh: '直通条件：近3年省级科技奖励前三或国家级科技奖励前五', en: 'Direct route: provincial S&T award top 3 or national top 5 in 3 years' },
  yes: directAwardText, no: directAwardText,
});
const SRDI4rd = compareSpec({
  id: 'SRDI-4-rd', citation: (r) => P.directAvgRd(r.e).citation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `直通条件：${r.e.priorYear - 1}–${r.e.priorYear} 年研发费用年均值`, en: `Direct route: average R&D over ${r.e.priorYear - 1}–${r.e.priorYear}` }),
});
const SRDI4equity = compareSpec({
  id: 'SRDI-4-equity', citation: (r) => P.directEquity(r.e).citation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `直通条件：${r.e.priorYear - 1}–${r.e.priorYear} 年新增股权融资`, en: `Direct route: equity raised over ${r.e.priorYear - 1}–${r.e.priorYear}` }),
});
// [listed, the top N]
const SRDI4maker = conditionSpec({
  id: 'SRDI-4-maker', citation: (r) => P.directMakerChinaTop(r.e).citation,
  label: (r) => ({ zh: `直通条件：近3年"创客中国"全国${r.n(1)}强`, en: `Direct route: national top ${r.n(1)} of "Maker China" in 3 years` }),
  yes: { zh: '已入围（专家输入 srdi.makerChinaTop500）', en: 'listed (expert input srdi.makerChinaTop500)' },
  no: (r) => (r.e.expert('srdi.makerChinaTop500') === undefined
    ? { zh: '未录入（平台无此数据；如入围请录入专家输入 srdi.makerChinaTop500 = 1）', en: 'not entered (no registry fact; if listed, set expert input srdi.makerChinaTop500 = 1)' }
    : { zh: '未入围', en: 'not listed' }),
});
const ROUTES = ['SRDI-4-award', 'SRDI-4-rd', 'SRDI-4-equity', 'SRDI-4-maker'];
const SRDI4 = putSpec({
  id: 'SRDI-4', citation: (r) => r.sibling('SRDI-score')!.citation, label: { zh: '评价得分达到 60 分或满足任一直通条件', en: 'Score of 60 or a direct route' },
  read: (r) => {
    const score = r.sibling('SRDI-score')!;
    return { actual: score.actual, unit: 'points', threshold: null, gap: r.verdict === 'fail' || r.verdict === 'unknown' ? score.gap : undefined };
  },
  say: (r) => {
    const score = r.sibling('SRDI-score')!;
    if (score.verdict === 'pass') return { zh: `评价得分 ${score.actual} 分，达到要求`, en: `score ${score.actual} meets it` };
    const direct = ROUTES.map((id) => r.sibling(id)!).find((c) => c.verdict === 'pass');
    return direct ? { zh: `评价得分 ${score.actual} 分，但满足直通条件（${direct.id}）`, en: `score ${score.actual}, but a direct route holds (${direct.id})` }
      : { zh: `评价得分 ${score.actual} 分，且无已满足的直通条件`, en: `score ${score.actual} and no direct route met` };
  },
});

// 2026
const SRDI26_1_TITLE = conditionSpec({
  id: 'SRDI26-1-title', citation: (r) => P.priorTitleKinds(r.e).citation, label: { zh: '已认定为科技和创新型中小企业', en: 'Holds the tech and innovative SME title' },
  yes: (r) => {
    const held = P.priorTitleKinds(r.e).value.find((k) => r.e.holds(k));
    return { zh: `持有有效的 ${held} 称号（以创新型或科技型中小企业代替合并后的新称号）`, en: `holds a valid ${held} title (innovative or tech SME standing in for the merged title)` };
  },
  no: { zh: '未持有有效的创新型中小企业或科技型中小企业称号', en: 'holds no valid innovative SME or tech SME title' },
  gap: { effort: 5, text: { zh: '先取得科技和创新型中小企业称号', en: 'First obtain the tech and innovative SME title' } },
});
const SRDI26_1_YEARS = segmentSpec('SRDI26-1-years', (r) => P.minSegmentYears(r.e).citation);
const SRDI26_2_REVENUE = revenueOrEquitySpec('SRDI26-2-revenue');
const SRDI26_2_MAIN = mainShareSpec('SRDI26-2-main-share', (r) => P.minMainShareBp(r.e).citation);
const SRDI26_2_DEBT = debtSpec('SRDI26-2-debt', (r) => P.maxDebtBp(r.e).citation);
const RD_EXPENSE = { zh: '研发费用', en: 'R&D expense' };
const SRDI26_3_RD = eachYearAmountSpec({
  id: 'SRDI26-3-rd', citation: (r) => P.minRdAmount(r.e).citation, what: RD_EXPENSE,
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年每年研发费用`, en: `R&D expense in each of ${r.e.priorYear - 1}–${r.e.priorYear}` }),
});
const SRDI26_3_INTENSITY = eachYearRatioSpec({
  id: 'SRDI26-3-intensity', citation: (r) => P.minRdIntensityBp(r.e).citation, what: RD_EXPENSE,
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年每年研发强度`, en: `R&D intensity in each of ${r.e.priorYear - 1}–${r.e.priorYear}` }),
});
const SRDI26_4_IP = classISpec({
  id: 'SRDI26-4-ip', citation: (r) => P.minClassI(r.e).citation, label: { zh: '与主导产品相关的 I 类知识产权（不含受让）', en: 'Class I IP related to the lead product (not by transfer)' },
  exemption: (r) => {
    const e = r.e;
    const aw = awardRoute(e, P.ipExemptAwardMaxRank(e).value, P.awardWindowYears(e).value);
    const inst = P.ipExemptInstitutionKinds(e).value.find((k) => e.holds(k));
    if (inst) return { zh: `持有 ${inst} 研发机构认定`, en: `it holds a ${inst} R&D institution` };
    return aw.holds ? aw.text : { zh: `${aw.text.zh}，亦无省级及以上研发机构`, en: `${aw.text.en}, and no provincial-or-higher R&D institution` };
  },
});
const SRDI26_5_MARKET = expertYesNoSpec({
  id: 'SRDI26-5-market', key: 'srdi.marketPosition', citation: { docNo: '工信部企业〔2026〕2号', article: '专精特新中小企业申报条件（五）细分市场占有率较高、具有一定影响力', confidence: 'C' },
  label: { zh: '细分市场占有率较高、具有一定影响力', en: 'Relatively high segment market share with some influence' },
  hint: { zh: '办法未给出数值标准', en: 'the measures give no number' },
});
const SRDI26_6_QUALITY = expertAtLeastSpec({
  id: 'SRDI26-6-quality', key: 'srdi.qualityScore', citation: (r) => P.minQualityScore(r.e).citation, label: { zh: '专精特新发展质量评价得分', en: 'SRDI development-quality evaluation score' },
});

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
        const c1 = segmentYearsCriterion(e, SRDI1, P.minSegmentYears(e).value, P.segmentYearsTo(e).value);

        // SRDI-2: prior-year R&D ≥ 1M and ≥ 3 % of operating revenue.
        const m2: string[] = [];
        const rd = e.num(y, F.rdExpense, m2);
        const c2a = e.compareTo(SRDI2a, '>=', rd, P.minRdAmount(e).value, m2);
        const m2b: string[] = [];
        const rdB = e.num(y, F.rdExpense, m2b);
        const rev = e.num(y, F.revenue, m2b);
        const c2b = e.ratioTo(SRDI2b, rdB, rev, P.minRdIntensityBp(e).value, m2b);

        // SRDI-3: revenue ≥ 10M, or < 10M with ≥ 20M equity over 2 years.
        const c3 = revenueOrEquity(e, SRDI3, P.minRevenue(e).value, P.minEquityAlternative(e).value);

        // SRDI-4: score ≥ 60, or a direct route.
        const score = score2022(e);
        const win = P.awardWindowYears(e);
        const awards = P.directAwardMaxRank(e);
        const aw = awardHolds(e, awards.value, win.value);
        const dAward = aw === -1 ? e.recordUnknown(SRDI4award, awardRoute(e, awards.value, win.value).missing) : e.record(SRDI4award, aw === 1 ? 'pass' : 'fail', aw);
        const mRd: string[] = [];
        const rd2 = sum2(e, F.rdExpense, mRd);
        const dRd = e.compareTo(SRDI4rd, '>=', rd2 === undefined ? undefined : rd2 / 2, P.directAvgRd(e).value, mRd);
        const mEq: string[] = [];
        const eqLimit = P.directEquity(e).value;
        const dEq = e.compareTo(SRDI4equity, '>=', sum2(e, F.equityFinancing, mEq), eqLimit, mEq);
        const maker = P.directMakerChinaTop(e).value;
        const listed = (e.expert('srdi.makerChinaTop500') ?? 0) >= 1;
        const dMaker = e.record(SRDI4maker, listed ? 'pass' : 'fail', listed ? 1 : 0, maker);
        const sv = score.verdict;
        const v4 = sv === 'pass' || dAward.verdict === 'pass' || dRd.verdict === 'pass' || dEq.verdict === 'pass' || dMaker.verdict === 'pass' ? 'pass'
          : anyOf([sv, dAward.verdict, dRd.verdict, dEq.verdict, dMaker.verdict]);
        const c4 = e.record(SRDI4, v4);
        if (v4 === 'unknown') {
          const missing = [...score.missing, ...dAward.missing, ...dRd.missing, ...dEq.missing, ...dMaker.missing];
          if (missing.length) c4.missingFacts = unique(missing);
        }

        const verdict = allOf([c1, c2a, c2b, c3, c4]);
        return { verdict, route: verdict === 'pass' ? (sv === 'pass' ? 'conditions' : 'direct') : null, score: pointsOf(score.n(0), score.n(1)) };
      },
    },
    {
      version: '2026',
      from: '2026-04-01',
      evaluate(e) {
        // (一) holds the 科技和创新型中小企业 title, and ≥ 3 years in the segment.
        const kinds = P.priorTitleKinds(e).value;
        let held = false;
        for (let i = 0; i < kinds.length && !held; i++) held = e.holds(kinds[i]) !== undefined;
        e.record(SRDI26_1_TITLE, held ? 'pass' : 'fail', held ? 1 : 0);
        segmentYearsCriterion(e, SRDI26_1_YEARS, P.minSegmentYears(e).value, P.segmentYearsTo(e).value);

        // (二) revenue ≥ 15M or 2-year equity ≥ 20M; main-business share ≥ 80 %; debt ratio ≤ 80 %.
        revenueOrEquity(e, SRDI26_2_REVENUE, P.minRevenue(e).value, P.minEquityAlternative(e).value);
        mainShareCriterion(e, SRDI26_2_MAIN, P.minMainShareBp(e).value);
        debtCriterion(e, SRDI26_2_DEBT, P.maxDebtBp(e).value);

        // (三) R&D ≥ 1M and ≥ 3 % in each of the last 2 years.
        eachYearAmount(e, SRDI26_3_RD, F.rdExpense, P.minRdAmount(e).value);
        eachYearRatio(e, SRDI26_3_INTENSITY, F.rdExpense, F.revenue, P.minRdIntensityBp(e).value);

        // (四) ≥ 1 Class I IP (not by transfer), or exempt by an award or an institution.
        const minI = P.minClassI(e).value;
        const awardRanks = P.ipExemptAwardMaxRank(e).value;
        const window = P.awardWindowYears(e).value;
        const instKinds = P.ipExemptInstitutionKinds(e).value;
        let inst = false;
        for (let i = 0; i < instKinds.length && !inst; i++) inst = e.holds(instKinds[i]) !== undefined;
        const exempt = inst ? 1 : awardHolds(e, awardRanks, window);
        classICriterion(e, SRDI26_4_IP, minI, true, exempt, exempt === -1 ? awardRoute(e, awardRanks, window).missing : NO_MISSING);

        // (五) market share "relatively high": no number given.
        expertYesNo(e, SRDI26_5_MARKET);

        // (六) development-quality evaluation ≥ 50 (index not retrieved).
        expertAtLeast(e, SRDI26_6_QUALITY, P.minQualityScore(e).value);

        const verdict = allOf(e.criteria);
        return { verdict, route: verdict === 'pass' ? 'conditions' : null };
      },
    },
  ],
};
