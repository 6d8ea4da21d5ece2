// 高新技术企业认定 (国科发火〔2016〕32号 Art. 11 and the 指引): every hard condition, and the
// 100-point innovation-capability estimate as a range where experts must judge.
import { HNTE } from '../parameters/hnte.ts';
import { allOf, cite, citeEn, columnGroup, compareSpec, conditionSpec, Evaluation, expertSpec, fmt, minPoints, paramTable, ratioSpec, unique, type Recorded, type Ruleset, type Spec, type ColumnGroup, F, factPath } from '../engine.ts';
import type { Citation, Points } from '../types.ts';

const NO_MISSING: string[] = [];
const REGISTERED_ON = ['org.registeredOn'];

const C = paramTable('hnte', HNTE);

export const CLASS_I = columnGroup([F.inventionPatents, F.plantVarieties, F.cropVarieties, F.newDrugs, F.tcmProtectedVarieties, F.icLayouts]);
export const CLASS_II = columnGroup([F.utilityModels, F.designPatents, F.softwareCopyrights]);

/** The sum of the known counts of one IP class at the end of a year; undefined when none is known. */
export function ipTotal(e: Evaluation, year: number, ip: ColumnGroup): number | undefined {
  const total = e.total(year, ip);
  return total === total ? total : undefined;
}

/** `ipTotal`, naming the class's first key as missing when none is known. */
export function ipSum(e: Evaluation, year: number, ip: ColumnGroup, missing: string[]): number | undefined {
  const total = ipTotal(e, year, ip);
  if (total === undefined) missing.push(factPath(year, ip.cols[0]));
  return total;
}

/** Class I and II IP held at the end of a year; undefined parts count as missing. */
export function ipCounts(e: Evaluation, year: number, missing: string[]) {
  return { classI: ipSum(e, year, CLASS_I, missing), classII: ipSum(e, year, CLASS_II, missing) };
}

/**
 * ½(x2/x1 + x3/x2) − 1 with the 指引's edge rules, in basis points, over the first `n` (≤ 3) of
 * x0, x1, x2 (NaN where a year's value is not known); undefined if not computable.
 */
function growthBp(n: number, x0: number, x1: number, x2: number): number | undefined {
  if (n < 2 || x0 !== x0 || x1 !== x1 || (n === 3 && x2 !== x2)) return undefined;
  if (n === 3 && x0 === 0) return growthBp(2, x1, x2, NaN); // a first-year value of 0: use the last two years
  if (n === 2) return x0 <= 0 ? undefined : Math.round((x1 / x0 - 1) * 10_000);
  if (x1 === 0) return 0; // a second-year value of 0 scores 0
  return Math.round(((x1 / x0 + x2 / x1) / 2 - 1) * 10_000);
}

/** Net assets at the end of a year (NaN if either side is not known). */
function netAssets(e: Evaluation, year: number | undefined, missing: string[]): number {
  if (year === undefined) return NaN;
  const a = e.num(year, F.totalAssets, missing);
  const l = e.num(year, F.totalLiabilities, missing);
  return a === undefined || l === undefined ? NaN : a - l;
}
/** Sales of a year (NaN if not known). */
function sales(e: Evaluation, year: number | undefined, missing: string[]): number {
  return year === undefined ? NaN : e.num(year, F.revenue, missing) ?? NaN;
}

/** An expert's points, clamped to the item's range, added to [lo, hi]; the item's range when not given. */
function expertPoints(e: Evaluation, key: string, min: number, max: number, acc: [number, number]) {
  const v = e.expert(key);
  if (v === undefined) {
    acc[0] += min;
    acc[1] += max;
  } else {
    const c = Math.max(min, Math.min(max, v));
    acc[0] += c;
    acc[1] += c;
  }
}

/** The growth band's points (≤ 10) a growth in bp reaches, added to [lo, hi]; the whole range when not computable. */
function addGrowth(bands: readonly { minBp: number; lo: number; hi: number }[], bp: number | undefined, acc: [number, number]) {
  if (bp === undefined) {
    acc[1] += 10;
    return;
  }
  const b = bands.find((x) => bp >= x.minBp);
  if (b) {
    acc[0] += b.lo;
    acc[1] += b.hi;
  }
}

/** `{ value, min, max }` for a known score, `{ min, max }` for a range. */
const pointsOf = (min: number, max: number): Points => (min === max ? { value: min, min, max } : { min, max });

const HNTE07 = {
  id: 'HNTE-07', label: { zh: '创新能力评价', en: 'Innovation capability' },
  citation: (r: Recorded) => C.minInnovationScore(r.e).citation,
  read: (r: Recorded) => {
    const min = r.n(0);
    const max = r.n(1);
    return { actual: min === max ? min : `${min}–${max}`, unit: 'points' as const, threshold: minPoints(r.n(2)), points: pointsOf(min, max) };
  },
  text(r: Recorded, _label: unknown, citation: Citation) {
    const min = r.n(0);
    const max = r.n(1);
    const mark = r.n(2);
    const shown = min === max ? `${min}` : `${min}–${max}`;
    const v = r.verdict;
    return {
      zh: `创新能力评价估算 ${shown} 分（知识产权、成果转化、研发组织管理、成长性），${v === 'pass' ? '达到' : v === 'fail' ? '达不到' : '需专家评审确定能否达到'} ${mark} 分（${cite(citation)}）。`,
      en: `Innovation capability estimated at ${shown} points (IP, transformation, R&D management, growth): ${v === 'pass' ? 'meets' : v === 'fail' ? 'cannot reach' : 'experts must decide whether it reaches'} ${mark} (${citeEn(citation)}).`,
    };
  },
} satisfies Spec;

/** HNTE-07: the 100-point estimate as a range [lo, hi] where experts must judge. */
function innovationScore(e: Evaluation): Recorded {
  const missing: string[] = [];
  const y = e.priorYear;
  const years = e.lastYears(3);
  const total: [number, number] = [0, 0];
  // A. IP (≤ 30): quantity is computed; advancement, core support and acquisition need experts.
  const ip = ipCounts(e, y, missing);
  const ipPart: [number, number] = [0, 0];
  if (ip.classI === undefined && ip.classII === undefined) ipPart[1] += 8;
  else {
    const c1 = ip.classI ?? 0;
    const c2 = ip.classII ?? 0;
    const [lo, hi] = c1 >= 1 ? [7, 8] : c2 >= 5 ? [5, 6] : c2 >= 3 ? [3, 4] : c2 >= 1 ? [1, 2] : [0, 0];
    ipPart[0] += lo;
    ipPart[1] += hi;
  }
  expertPoints(e, 'hnte.ipAdvancement', 0, 8, ipPart);
  expertPoints(e, 'hnte.ipCoreSupport', 0, 8, ipPart);
  expertPoints(e, 'hnte.ipAcquisition', 0, 6, ipPart);
  const standards = (e.known(y, F.standardsLed) ?? 0) + (e.known(y, F.standardsJoined) ?? 0);
  if (standards > 0) expertPoints(e, 'hnte.ipStandards', 1, 2, ipPart);
  total[0] += Math.min(30, ipPart[0]);
  total[1] += Math.min(30, ipPart[1]);
  // B. Achievement transformation (≤ 30): annual average over the last three years.
  const converted = e.sum(years, F.achievementsConverted, missing);
  const bands = C.transformationBands(e).value as { min: number; band: string; lo: number; hi: number }[];
  if (converted !== undefined && years.length) {
    const avg = converted / years.length;
    const b = bands.find((x) => avg >= x.min)!;
    total[0] += b.lo;
    total[1] += b.hi;
  } else total[1] += 30;
  // C. R&D organisation and management (≤ 20): expert judgement only.
  expertPoints(e, 'hnte.rdManagement', 0, 20, total);
  // D. Growth (≤ 20): net-asset and sales growth, each ≤ 10.
  const growthBands = C.growthBands(e).value as { minBp: number; band: string; lo: number; hi: number }[];
  const n = years.length;
  const [y0, y1, y2] = years;
  addGrowth(growthBands, growthBp(n, netAssets(e, y0, missing), netAssets(e, y1, missing), netAssets(e, y2, missing)), total);
  addGrowth(growthBands, growthBp(n, sales(e, y0, missing), sales(e, y1, missing), sales(e, y2, missing)), total);

  const mark = C.minInnovationScore(e).value;
  const [min, max] = total;
  const r = e.record(HNTE07, min >= mark ? 'pass' : max < mark ? 'fail' : 'manual_review', min, max, mark);
  if (missing.length) r.missingFacts = unique(missing);
  return r;
}

const HNTE01 = compareSpec({
  id: 'HNTE-01', citation: (r) => C.minAgeDays(r.e).citation, label: { zh: '注册成立天数', en: 'Days since registration' }, op: '>=', show: 'days',
  gap: { effort: () => 1, text: (d, limit) => ({ zh: `再经营 ${limit - d} 天后可申报`, en: `Eligible after ${limit - d} more days` }) },
});
// [held, class I, class II]
const HNTE02 = conditionSpec({
  id: 'HNTE-02', citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（二）', confidence: 'V' }, label: { zh: '拥有核心自主知识产权', en: 'Owns core IP' },
  yes: (r) => ({ zh: `${r.e.priorYear} 年末拥有 I 类 ${r.n(1)} 项、II 类 ${r.n(2)} 项`, en: `${r.n(1)} Class I and ${r.n(2)} Class II items held at the end of ${r.e.priorYear}` }),
  no: (r) => ({ zh: `${r.e.priorYear} 年末没有有效知识产权`, en: `no IP held at the end of ${r.e.priorYear}` }),
  gap: { effort: 3, text: { zh: '取得至少 1 项 I 类知识产权（如发明专利），或若干 II 类知识产权', en: 'Obtain at least 1 Class I IP item (e.g. an invention patent), or several Class II items' } },
});
const HNTE03 = expertSpec({
  id: 'HNTE-03', key: 'hnte.fieldOk', min: 0, max: 1, citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（三）及附件《国家重点支持的高新技术领域》', confidence: 'V' },
  label: { zh: '主要产品（服务）属于国家重点支持的高新技术领域', en: 'Main products in a state-supported high-tech field' },
  hint: { zh: '输入 1 表示属于、0 表示不属于', en: 'enter 1 if it does, 0 if not' },
});
/** "2023–2025" (or the prior year alone): the three years HNTE-05 and HNTE-05b sum over. */
function period(e: Evaluation) {
  const years = e.lastYears(3);
  return years.length ? `${years[0]}–${years.at(-1)}` : `${e.priorYear}`;
}
/** Staff, revenue or spending to add so that num ÷ den reaches minBp. */
const needFor = (num: number, den: number, minBp: number) => Math.ceil((minBp * den) / 10_000) - num;
const HNTE04 = ratioSpec({
  id: 'HNTE-04', citation: (r) => C.minStStaffBp(r.e).citation,
  label: (r) => ({ zh: `${r.e.priorYear} 年科技人员占职工总数比例`, en: `S&T staff share of employees in ${r.e.priorYear}` }),
  gap: {
    effort: (n, d, min) => needFor(n, d, min) / Math.max(d, 1),
    text: (n, d, min) => ({ zh: `科技人员 ${fmt.pct(n / d)} → ${fmt.bp(min)}：需再增加 ${needFor(n, d, min)} 人`, en: `S&T staff ${fmt.pct(n / d)} → ${fmt.bp(min)}: ${needFor(n, d, min)} more people` }),
  },
});
// [R&D, sales, band's minimum, latest year's sales]
const HNTE05 = ratioSpec({
  id: 'HNTE-05', citation: (r) => C.rdIntensityBands(r.e).citation,
  label: (r) => ({ zh: `${period(r.e)} 年研发费用总额占同期销售收入总额比例（${r.e.priorYear} 年销售收入 ${fmt.wan(r.n(3))}，适用 ${fmt.bp(r.n(2))}）`, en: `R&D over sales for ${period(r.e)} (sales ${fmt.yuan(r.n(3))} in ${r.e.priorYear}: ${fmt.bp(r.n(2))} applies)` }),
  gap: {
    effort: (n, d, min) => needFor(n, d, min) / Math.max(n, 1),
    text: (n, d, min, r) => ({ zh: `${period(r.e)} 年研发费用合计需增加 ${fmt.yuanUp(needFor(n, d, min))}`, en: `R&D expense over ${period(r.e)} must rise by ${fmt.yuanUp(needFor(n, d, min))}` }),
  },
});
/** HNTE-05 when the latest year's sales, which set the band, are not known. */
const HNTE05_NO_BAND = ratioSpec({ id: 'HNTE-05', citation: HNTE05.citation, label: { zh: '近三年研发费用占销售收入比例', en: 'R&D share of sales over three years' } });
const HNTE05b = ratioSpec({
  id: 'HNTE-05b', citation: (r) => C.minDomesticRdBp(r.e).citation,
  label: (r) => ({ zh: `${period(r.e)} 年境内研发费用占比`, en: `Share of R&D spent in China, ${period(r.e)}` }),
  gap: {
    effort: () => 0.5,
    text: (n, d, min) => ({ zh: `境内研发费用需增加 ${fmt.yuanUp(needFor(n, d, min))}（或减少境外委托）`, en: `Domestic R&D must rise by ${fmt.yuanUp(needFor(n, d, min))} (or commission less abroad)` }),
  },
});
// [high-tech revenue, total income (or revenue), minimum, 1 if total income was given]
const HNTE06 = ratioSpec({
  id: 'HNTE-06', citation: (r) => C.minHighTechRevenueBp(r.e).citation,
  label: (r) => (r.n(3) === 1
    ? { zh: `${r.e.priorYear} 年高新技术产品（服务）收入占总收入比例`, en: `High-tech revenue share of total income in ${r.e.priorYear}` }
    : { zh: `${r.e.priorYear} 年高新技术产品（服务）收入占比（以营业收入代替收入总额）`, en: `High-tech revenue share in ${r.e.priorYear} (operating revenue standing in for total income)` }),
  gap: {
    effort: (n, d, min) => needFor(n, d, min) / Math.max(d, 1),
    text: (n, d, min) => ({ zh: `高新技术产品（服务）收入需增加 ${fmt.yuanUp(needFor(n, d, min))}`, en: `High-tech revenue must rise by ${fmt.yuanUp(needFor(n, d, min))}` }),
  },
});
const HNTE08 = conditionSpec({
  id: 'HNTE-08', citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（八）', confidence: 'V' },
  label: (r) => ({ zh: `${r.e.priorYear} 年无重大安全、质量事故或严重环境违法行为`, en: `No major accident or serious environmental violation in ${r.e.priorYear}` }),
  yes: { zh: '未发生', en: 'none' }, no: { zh: '发生过，申报年度不符合条件', en: 'one occurred, so this year is excluded' },
});

export const hnteRuleset: Ruleset = {
  id: 'hnte',
  title: { zh: '国家高新技术企业', en: 'High and new technology enterprise' },
  versions: [{
    version: '2016',
    from: '2016-01-01',
    evaluate(e) {
      const y = e.priorYear;
      const years = e.lastYears(3);

      // HNTE-01: registered at least 365 days before applying.
      const age = e.ageDays();
      e.compareTo(HNTE01, '>=', age, C.minAgeDays(e).value, age === undefined ? REGISTERED_ON : NO_MISSING);

      // HNTE-02: owns IP that supports its main products (existence computed; its quality is HNTE-07).
      const missing02: string[] = [];
      const ip = ipCounts(e, y, missing02);
      if (ip.classI === undefined && ip.classII === undefined) e.recordUnknown(HNTE02, missing02);
      else {
        const held = (ip.classI ?? 0) + (ip.classII ?? 0) > 0;
        e.record(HNTE02, held ? 'pass' : 'fail', held ? 1 : 0, ip.classI ?? 0, ip.classII ?? 0);
      }

      // HNTE-03: the technology field is one of the eight: an expert reading of the products (1 or 0).
      const given = e.expert('hnte.fieldOk');
      const field = given === undefined ? undefined : Math.max(0, Math.min(1, given));
      e.record(HNTE03, field === undefined ? 'manual_review' : field === 0 ? 'fail' : 'pass', field);

      // HNTE-04: S&T staff ≥ 10 % of employees.
      const m04: string[] = [];
      const st = e.num(y, F.stStaff, m04);
      const emp = e.num(y, F.employees, m04);
      e.ratioTo(HNTE04, st, emp, C.minStStaffBp(e).value, m04);

      // HNTE-05: R&D ÷ sales over the last three years, band set by the latest year's sales.
      const m05: string[] = [];
      const rd = e.sum(years, F.rdExpense, m05);
      const salesAll = e.sum(years, F.revenue, m05);
      const latestSales = e.known(y, F.revenue);
      const bands = C.rdIntensityBands(e).value as { maxSales: number; minBp: number }[];
      const band = latestSales === undefined ? undefined : bands.find((b) => latestSales <= b.maxSales)!;
      if (!band) {
        m05.push(factPath(y, F.revenue));
        e.recordUnknown(HNTE05_NO_BAND, m05);
      } else e.ratioTo(HNTE05, rd, salesAll, band.minBp, m05, latestSales);

      // HNTE-05b: R&D spent in China ≥ 60 % of all R&D over the same years.
      const m05b: string[] = [];
      const dom = e.sum(years, F.rdExpenseDomestic, m05b);
      const rdAll = e.sum(years, F.rdExpense, m05b);
      e.ratioTo(HNTE05b, dom, rdAll, C.minDomesticRdBp(e).value, m05b);

      // HNTE-06: high-tech product and service revenue ≥ 60 % of total income (less non-taxable income).
      const m06: string[] = [];
      const ht = e.num(y, F.highTechRevenue, m06);
      const totalIncome = e.known(y, F.totalIncome);
      const nonTaxable = e.known(y, F.nonTaxableIncome) ?? 0;
      // Without 收入总额 the operating revenue stands in for it, and the text says so.
      const den = totalIncome !== undefined ? totalIncome - nonTaxable : e.num(y, F.revenue, m06);
      e.ratioTo(HNTE06, ht, den, C.minHighTechRevenueBp(e).value, m06, totalIncome !== undefined ? 1 : 0);

      // HNTE-07: innovation capability ≥ 71 of 100.
      const score = innovationScore(e);

      // HNTE-08: no major accident or serious violation in the year before applying.
      const m08: string[] = [];
      const incident = e.flag(y, F.majorIncident, m08);
      if (incident === undefined) e.recordUnknown(HNTE08, m08);
      else e.record(HNTE08, incident ? 'fail' : 'pass', incident ? 0 : 1);

      const verdict = allOf(e.criteria);
      return { verdict, route: verdict === 'pass' ? 'conditions' : null, score: pointsOf(score.n(0), score.n(1)) };
    },
  }],
};
