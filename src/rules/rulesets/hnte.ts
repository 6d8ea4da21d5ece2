// 高新技术企业认定 (国科发火〔2016〕32号 Art. 11 and the 指引): every hard condition, and the
// 100-point innovation-capability estimate as a range where experts must judge.
import { HNTE } from '../parameters/hnte.ts';
import { allOf, cite, citeEn, dayNumber, Evaluation, fmt, lazyGap, minPoints, lazyCriterion, paramTable, sumPoints, type Ruleset } from '../engine.ts';
import type { CriterionResult, Points } from '../types.ts';

const C = paramTable('hnte', HNTE);

export const CLASS_I = ['inventionPatents', 'plantVarieties', 'cropVarieties', 'newDrugs', 'tcmProtectedVarieties', 'icLayouts'] as const;
export const CLASS_II = ['utilityModels', 'designPatents', 'softwareCopyrights'] as const;

/** The sum of the known counts of one IP class; undefined (and its first key missing) when none is known. */
function ipSum(e: Evaluation, year: number, keys: readonly (typeof CLASS_I[number] | typeof CLASS_II[number])[], missing: string[]) {
  let total = 0;
  let known = false;
  for (const k of keys) {
    const v = e.known(year, k);
    if (v !== undefined) {
      total += v;
      known = true;
    }
  }
  if (!known) missing.push(`years[${year}].${keys[0]}`);
  return known ? total : undefined;
}

/** Class I and II IP held at the end of a year; undefined parts count as missing. */
export function ipCounts(e: Evaluation, year: number, missing: string[]) {
  return { classI: ipSum(e, year, CLASS_I, missing), classII: ipSum(e, year, CLASS_II, missing) };
}

function days(from: string, to: string) {
  return dayNumber(to) - dayNumber(from);
}

/** ½(x2/x1 + x3/x2) − 1 with the 指引's edge rules, in basis points; undefined if not computable. */
function growthBp(values: (number | undefined)[]): number | undefined {
  const v = values.filter((x): x is number => x !== undefined);
  if (v.length !== values.length || v.length < 2) return undefined;
  if (v.length === 3 && v[0] === 0) v.shift(); // a first-year value of 0: use the last two years
  if (v.length === 2) return v[0] <= 0 ? undefined : Math.round((v[1] / v[0] - 1) * 10_000);
  if (v[1] === 0) return 0; // a second-year value of 0 scores 0
  return Math.round(((v[1] / v[0] + v[2] / v[1]) / 2 - 1) * 10_000);
}

/** An expert's points, clamped to the item's range, or the range when not given. */
function expertPoints(e: Evaluation, key: string, min: number, max: number): Points {
  const v = e.doc.expert[key];
  return v === undefined ? { min, max } : { value: Math.max(min, Math.min(max, v)) };
}

/** The growth band (≤ 10 points) a growth in bp reaches; the whole range when not computable. */
function growthBand(bands: readonly { minBp: number; band: string; lo: number; hi: number }[], bp: number | undefined): Points {
  if (bp === undefined) return { min: 0, max: 10 };
  const b = bands.find((x) => bp >= x.minBp);
  return b ? { band: b.band, min: b.lo, max: b.hi } : { band: 'F', value: 0 };
}

function innovationScore(e: Evaluation): CriterionResult {
  const missing: string[] = [];
  const y = e.priorYear;
  const years = e.lastYears(3);
  const parts: Points[] = [];
  // A. IP (≤ 30): quantity is computed; advancement, core support and acquisition need experts.
  const ip = ipCounts(e, y, missing);
  const quantity: Points | undefined = ip.classI === undefined && ip.classII === undefined ? undefined
    : (ip.classI ?? 0) >= 1 ? { band: 'A', min: 7, max: 8 }
      : (ip.classII ?? 0) >= 5 ? { band: 'B', min: 5, max: 6 }
        : (ip.classII ?? 0) >= 3 ? { band: 'C', min: 3, max: 4 }
          : (ip.classII ?? 0) >= 1 ? { band: 'D', min: 1, max: 2 } : { band: 'E', min: 0, max: 0 };
  const standards = (e.known(y, 'standardsLed') ?? 0) + (e.known(y, 'standardsJoined') ?? 0);
  const ipPoints = sumPoints([
    quantity ?? { min: 0, max: 8 }, expertPoints(e, 'hnte.ipAdvancement', 0, 8), expertPoints(e, 'hnte.ipCoreSupport', 0, 8),
    expertPoints(e, 'hnte.ipAcquisition', 0, 6), standards > 0 ? expertPoints(e, 'hnte.ipStandards', 1, 2) : { value: 0 },
  ]);
  parts.push({ min: Math.min(30, ipPoints.min ?? 0), max: Math.min(30, ipPoints.max ?? 0) });
  // B. Achievement transformation (≤ 30): annual average over the last three years.
  const converted = e.sum(years, 'achievementsConverted', missing);
  const bands = C(e, 'transformationBands').value as { min: number; band: string; lo: number; hi: number }[];
  if (converted !== undefined && years.length) {
    const avg = converted / years.length;
    const b = bands.find((x) => avg >= x.min)!;
    parts.push({ band: b.band, min: b.lo, max: b.hi });
  } else parts.push({ min: 0, max: 30 });
  // C. R&D organisation and management (≤ 20): expert judgement only.
  parts.push(expertPoints(e, 'hnte.rdManagement', 0, 20));
  // D. Growth (≤ 20): net-asset and sales growth, each ≤ 10.
  const growthBands = C(e, 'growthBands').value as { minBp: number; band: string; lo: number; hi: number }[];
  const netAssets = years.map((yr) => {
    const a = e.num(yr, 'totalAssets', missing);
    const l = e.num(yr, 'totalLiabilities', missing);
    return a === undefined || l === undefined ? undefined : a - l;
  });
  const sales = years.map((yr) => e.num(yr, 'revenue', missing));
  parts.push(growthBand(growthBands, growthBp(netAssets)), growthBand(growthBands, growthBp(sales)));

  const total = sumPoints(parts);
  const pass = C(e, 'minInnovationScore');
  const min = total.min ?? 0;
  const max = total.max ?? 0;
  const verdict = min >= pass.value ? 'pass' : max < pass.value ? 'fail' : 'manual_review';
  return e.add(lazyCriterion({
    id: 'HNTE-07', verdict, actual: min === max ? min : `${min}–${max}`, unit: 'points', threshold: minPoints(pass.value), points: total, missing: [...new Set(missing)],
    citation: pass.citation,
  }, () => ({
      zh: `创新能力评价估算 ${min === max ? `${min}` : `${min}–${max}`} 分（知识产权、成果转化、研发组织管理、成长性），${verdict === 'pass' ? '达到' : verdict === 'fail' ? '达不到' : '需专家评审确定能否达到'} ${pass.value} 分（${cite(pass.citation)}）。`,
      en: `Innovation capability estimated at ${min === max ? `${min}` : `${min}–${max}`} points (IP, transformation, R&D management, growth): ${verdict === 'pass' ? 'meets' : verdict === 'fail' ? 'cannot reach' : 'experts must decide whether it reaches'} ${pass.value} (${citeEn(pass.citation)}).`,
    })));
}

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
      const age = C(e, 'minAgeDays');
      const reg = e.doc.org.registeredOn;
      e.compare({
        id: 'HNTE-01', citation: age.citation, label: { zh: '注册成立天数', en: 'Days since registration' },
        value: reg ? days(reg, e.asOf) : undefined, limit: age.value, op: '>=', missing: reg ? [] : ['org.registeredOn'],
        show: 'days',
      }, (d) => (lazyGap(1, () => ({ zh: `再经营 ${age.value - d} 天后可申报`, en: `Eligible after ${age.value - d} more days` }))));

      // HNTE-02: owns IP that supports its main products (existence computed; its quality is HNTE-07).
      const missing02: string[] = [];
      const ip = ipCounts(e, y, missing02);
      const anyIp = ip.classI === undefined && ip.classII === undefined ? undefined : (ip.classI ?? 0) + (ip.classII ?? 0) > 0;
      e.condition({
        id: 'HNTE-02', citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（二）', confidence: 'V' }, label: { zh: '拥有核心自主知识产权', en: 'Owns core IP' },
        holds: anyIp, missing: missing02,
        yes: { zh: `${y} 年末拥有 I 类 ${ip.classI ?? 0} 项、II 类 ${ip.classII ?? 0} 项`, en: `${ip.classI ?? 0} Class I and ${ip.classII ?? 0} Class II items held at the end of ${y}` },
        no: { zh: `${y} 年末没有有效知识产权`, en: `no IP held at the end of ${y}` },
        gap: lazyGap(3, () => ({ zh: '取得至少 1 项 I 类知识产权（如发明专利），或若干 II 类知识产权', en: 'Obtain at least 1 Class I IP item (e.g. an invention patent), or several Class II items' })),
      });

      // HNTE-03: the technology field is one of the eight: an expert reading of the products.
      e.expert({
        id: 'HNTE-03', key: 'hnte.fieldOk', min: 0, max: 1, citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（三）及附件《国家重点支持的高新技术领域》', confidence: 'V' },
        label: { zh: '主要产品（服务）属于国家重点支持的高新技术领域', en: 'Main products in a state-supported high-tech field' },
        hint: { zh: '输入 1 表示属于、0 表示不属于', en: 'enter 1 if it does, 0 if not' },
      });
      const field = e.criteria.at(-1)!;
      if (field.verdict === 'pass' && field.actual === 0) field.verdict = 'fail';

      // HNTE-04: S&T staff ≥ 10 % of employees.
      const m04: string[] = [];
      const st = e.num(y, 'stStaff', m04);
      const emp = e.num(y, 'employees', m04);
      const minSt = C(e, 'minStStaffBp');
      e.ratioAtLeast({
        id: 'HNTE-04', citation: minSt.citation, label: { zh: `${y} 年科技人员占职工总数比例`, en: `S&T staff share of employees in ${y}` },
        num: st, den: emp, minBp: minSt.value, missing: m04,
      }, (n, d) => {
          const need = Math.ceil((minSt.value * d) / 10_000) - n;
          return lazyGap(need / Math.max(d, 1), () => ({ zh: `科技人员 ${fmt.pct(n / d)} → ${fmt.bp(minSt.value)}：需再增加 ${need} 人`, en: `S&T staff ${fmt.pct(n / d)} → ${fmt.bp(minSt.value)}: ${need} more people` }));
        });

      // HNTE-05: R&D ÷ sales over the last three years, band set by the latest year's sales.
      const m05: string[] = [];
      const rd = e.sum(years, 'rdExpense', m05);
      const salesAll = e.sum(years, 'revenue', m05);
      const latestSales = e.known(y, 'revenue');
      const bandsP = C(e, 'rdIntensityBands');
      const band = latestSales === undefined ? undefined : (bandsP.value as { maxSales: number; minBp: number }[]).find((b) => latestSales <= b.maxSales)!;
      const period = years.length ? `${years[0]}–${years.at(-1)}` : `${y}`;
      if (!band) e.unknown({ id: 'HNTE-05', citation: bandsP.citation, label: { zh: '近三年研发费用占销售收入比例', en: 'R&D share of sales over three years' } }, [...m05, `years[${y}].revenue`]);
      else {
        e.ratioAtLeast({
          id: 'HNTE-05', citation: bandsP.citation, label: { zh: `${period} 年研发费用总额占同期销售收入总额比例（${y} 年销售收入 ${fmt.wan(latestSales!)}，适用 ${fmt.bp(band.minBp)}）`, en: `R&D over sales for ${period} (sales ${fmt.yuan(latestSales!)} in ${y}: ${fmt.bp(band.minBp)} applies)` },
          num: rd, den: salesAll, minBp: band.minBp, missing: m05,
        }, (n, d) => {
            const need = Math.ceil((band.minBp * d) / 10_000) - n;
            return lazyGap(need / Math.max(n, 1), () => ({ zh: `${period} 年研发费用合计需增加 ${fmt.yuanUp(need)}`, en: `R&D expense over ${period} must rise by ${fmt.yuanUp(need)}` }));
          });
      }

      // HNTE-05b: R&D spent in China ≥ 60 % of all R&D over the same years.
      const m05b: string[] = [];
      const dom = e.sum(years, 'rdExpenseDomestic', m05b);
      const rdAll = e.sum(years, 'rdExpense', m05b);
      const minDom = C(e, 'minDomesticRdBp');
      e.ratioAtLeast({
        id: 'HNTE-05b', citation: minDom.citation, label: { zh: `${period} 年境内研发费用占比`, en: `Share of R&D spent in China, ${period}` },
        num: dom, den: rdAll, minBp: minDom.value, missing: m05b,
      }, (n, d) => (lazyGap(0.5, () => ({ zh: `境内研发费用需增加 ${fmt.yuanUp(Math.ceil((minDom.value * d) / 10_000) - n)}（或减少境外委托）`, en: `Domestic R&D must rise by ${fmt.yuanUp(Math.ceil((minDom.value * d) / 10_000) - n)} (or commission less abroad)` }))));

      // HNTE-06: high-tech product and service revenue ≥ 60 % of total income (less non-taxable income).
      const m06: string[] = [];
      const ht = e.num(y, 'highTechRevenue', m06);
      const totalIncome = e.known(y, 'totalIncome');
      const nonTaxable = e.known(y, 'nonTaxableIncome') ?? 0;
      // Without 收入总额 the operating revenue stands in for it, and the text says so.
      const den = totalIncome !== undefined ? totalIncome - nonTaxable : e.num(y, 'revenue', m06);
      const minHt = C(e, 'minHighTechRevenueBp');
      e.ratioAtLeast({
        id: 'HNTE-06', citation: minHt.citation,
        label: totalIncome !== undefined ? { zh: `${y} 年高新技术产品（服务）收入占总收入比例`, en: `High-tech revenue share of total income in ${y}` } : { zh: `${y} 年高新技术产品（服务）收入占比（以营业收入代替收入总额）`, en: `High-tech revenue share in ${y} (operating revenue standing in for total income)` },
        num: ht, den, minBp: minHt.value, missing: m06,
      }, (n, d) => {
          const need = Math.ceil((minHt.value * d) / 10_000) - n;
          return lazyGap(need / Math.max(d, 1), () => ({ zh: `高新技术产品（服务）收入需增加 ${fmt.yuanUp(need)}`, en: `High-tech revenue must rise by ${fmt.yuanUp(need)}` }));
        });

      // HNTE-07: innovation capability ≥ 71 of 100.
      const score = innovationScore(e);

      // HNTE-08: no major accident or serious violation in the year before applying.
      const m08: string[] = [];
      const incident = e.flag(y, 'majorIncident', m08);
      e.condition({
        id: 'HNTE-08', citation: { docNo: '国科发火〔2016〕32号', article: '第十一条（八）', confidence: 'V' }, label: { zh: `${y} 年无重大安全、质量事故或严重环境违法行为`, en: `No major accident or serious environmental violation in ${y}` },
        holds: incident === undefined ? undefined : !incident, missing: m08,
        yes: { zh: '未发生', en: 'none' }, no: { zh: '发生过，申报年度不符合条件', en: 'one occurred, so this year is excluded' },
      });

      const verdict = allOf(e.criteria);
      return { verdict, route: verdict === 'pass' ? 'conditions' : null, score: score.points };
    },
  }],
};
