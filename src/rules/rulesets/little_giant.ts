// 专精特新"小巨人"认定 (little giant).
// 2022: 工信部企业〔2022〕63号 附件3 — six dimensions (专、精、特、新、链、品), all required; innovation
// by the general conditions (R&D by revenue band, R&D institution, ≥ 2 Class I IP) or a direct one.
// 2026: 工信部企业〔2026〕2号 — the seven conditions for new applications as criteria.md §3.4 states
// them; top-3 market rank, supply-chain position and the quality score are expert inputs.
import { LG, type RdBand } from '../parameters/little_giant.ts';
import { allOf, anyOf, atLeastPct, compareSpec, conditionSpec, Evaluation, fmt, lazyGap, paramTable, ratioSpec, type Recorded, type Ruleset, type Spec, F, type FlagCol } from '../engine.ts';
import type { Bilingual, Citation, Gap, Verdict } from '../types.ts';
import {
  avgGrowth, avgGrowthAtLeast, awardHolds, awardRoute, classICriterion, classISpec, debtCriterion, debtSpec, eachYearRatio, eachYearRatioSpec, expertAtLeast, expertAtLeastSpec,
  expertYesNo, expertYesNoSpec, lastYearForGrowth, mainShareCriterion, mainShareSpec, putSpec, segmentSpec, segmentYearsCriterion, sum2,
} from './srdi_sme.ts';

const P = paramTable('little_giant', LG);
/** Years in the segment are counted "截至上年末" (附件3 一). */
const TO_PRIOR_YEAR_END = 'priorYearEnd' as const;
/** Market share in bp to two decimals: 999 bp is 9.99 %, not a rounded 10.0 %. */
const share2 = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
/** "≥ 10% 或前三" / "≥ 10% or top 3". */
const shareOrTop3 = (bp: number) => ({ zh: `≥ ${fmt.bp(bp)} 或前三`, en: `≥ ${fmt.bp(bp)} or top 3` });
const RD_EXPENSE = { zh: '研发费用', en: 'R&D expense' };
const VERDICTS: Verdict[] = ['pass', 'fail', 'unknown', 'manual_review'];
const NO_MISSING: string[] = [];

/** A citation of annex 3 of the 2022 measures. */
function A3(article: string) {
  return { docNo: '工信部企业〔2022〕63号', article: `附件3 ${article}`, confidence: 'V' as const };
}

/** A yes/no fact of the prior year, recorded as [holds]. */
function flagSpec(id: string, citation: Citation, label: (y: number) => Bilingual, gap: Bilingual): Spec {
  return conditionSpec({ id, citation, label: (r) => label(r.e.priorYear), yes: { zh: '符合', en: 'yes' }, no: { zh: '不符合', en: 'no' }, gap: { effort: 3, text: gap } });
}

function flagCriterion(e: Evaluation, spec: Spec, key: FlagCol): Recorded {
  const m: string[] = [];
  const v = e.flag(e.priorYear, key, m);
  if (v === undefined) return e.recordUnknown(spec, m);
  return e.record(spec, v ? 'pass' : 'fail', v ? 1 : 0);
}

/** `{ st_award_national: rank }`, one object per rank. */
const nationalRanks = new Map<number, Partial<Record<string, number>>>();
function nationalOnly(rank: number): Partial<Record<string, number>> {
  let m = nationalRanks.get(rank);
  if (m === undefined) {
    m = { st_award_national: rank };
    if (nationalRanks.size < 100) nationalRanks.set(rank, m);
  }
  return m;
}
/** The national-award route's sentence, read again from the document. */
const nationalAwardText = (r: Recorded) => awardRoute(r.e, nationalOnly(P.awardMaxRank(r.e).value), P.awardWindowYears(r.e).value).text;

// ---------- 2022 ----------

const LG_SPEC_YEARS = segmentSpec('LG-spec-years', (r) => P.minSegmentYears(r.e).citation);
const LG_SPEC_MAIN_SHARE = mainShareSpec('LG-spec-main-share', (r) => P.minMainShareBp(r.e).citation);
// [main-business revenue of y − 2, y − 1, y, minimum bp]
const LG_SPEC_MAIN_GROWTH = putSpec({
  id: 'LG-spec-main-growth', citation: (r) => P.minMainGrowthBp(r.e).citation,
  label: (r) => ({ zh: `${r.e.priorYear - 2}–${r.e.priorYear} 年主营业务收入平均增长率`, en: `Average main-business growth over ${r.e.priorYear - 2}–${r.e.priorYear}` }),
  read(r) {
    const v: [number, number, number] = [r.n(0), r.n(1), r.n(2)];
    const g = r.n(3);
    if (v[0] <= 0 || v[1] <= 0) return { actual: null, unit: 'ratio', threshold: atLeastPct(g) };
    const y = r.e.priorYear;
    return {
      actual: Math.round(avgGrowth(v) * 10_000) / 10_000, unit: 'ratio', threshold: atLeastPct(g),
      gap: r.verdict === 'fail' ? lazyGap(2, () => ({ zh: `${y} 年主营业务收入需增加 ${fmt.yuanUp(lastYearForGrowth(v, g) - v[2])}`, en: `Main-business revenue in ${y} must rise by ${fmt.yuanUp(lastYearForGrowth(v, g) - v[2])}` })) : undefined,
    };
  },
  say(r) {
    const v: [number, number, number] = [r.n(0), r.n(1), r.n(2)];
    if (v[0] <= 0 || v[1] <= 0) return { zh: '基期主营业务收入为零，无法计算增长率', en: 'base-year main-business revenue is zero, so growth cannot be computed' };
    const ok = r.verdict === 'pass';
    const g = fmt.bp(r.n(3));
    return { zh: `为 ${fmt.pct(avgGrowth(v))}，${ok ? '符合' : '不符合'}不低于 ${g} 的要求`, en: `${fmt.pct(avgGrowth(v))}, ${ok ? 'meeting' : 'short of'} the required ${g}` };
  },
});
const LG_REF_GOVERNANCE = expertYesNoSpec({ id: 'LG-ref-governance', key: 'lg.governance', citation: A3('二、精细化指标：具有完善的公司治理'), label: { zh: '公司治理规范', en: 'Sound corporate governance' } });
const LG_REF_IT = flagSpec('LG-ref-it', A3('二、精细化指标：至少1项核心业务采用信息系统支撑'), (y) => ({ zh: `${y} 年核心业务采用信息系统支撑`, en: `Core business on an information system in ${y}` }), { zh: '至少 1 项核心业务流程上线信息系统', en: 'Put at least 1 core business process on an information system' });
const LG_REF_CERT = flagSpec('LG-ref-cert', A3('二、精细化指标：取得管理体系认证或发达国家和地区产品认证'), (y) => ({ zh: `${y} 年管理体系或发达国家产品认证`, en: `Management-system or developed-market certification in ${y}` }), { zh: '取得质量管理体系认证或发达国家和地区产品认证', en: 'Obtain a management-system or developed-market product certification' });
const LG_REF_DEBT = debtSpec('LG-ref-debt', (r) => P.maxDebtBp(r.e).citation);
const LG_CHAR_SHARE = compareSpec({
  id: 'LG-char-share', citation: (r) => P.minMarketShareBp(r.e).citation, op: '>=', show: 'bp',
  label: (r) => ({ zh: `${r.e.priorYear} 年细分市场全国市场占有率`, en: `National market share in the segment, ${r.e.priorYear}` }),
  gap: { effort: () => 5, text: (v, min) => ({ zh: `市场占有率 ${share2(v)} → ${share2(min)}：需再提高 ${share2(min - v)}`, en: `Market share ${share2(v)} → ${share2(min)}: ${share2(min - v)} more` }) },
});
const LG_CHAR_BRAND = flagSpec('LG-char-brand', A3('三、特色化指标：拥有直接面向市场并具有竞争优势的自主品牌'), (y) => ({ zh: `${y} 年拥有自主品牌`, en: `Own brand in ${y}` }), { zh: '建立直接面向市场的自主品牌', en: 'Build an own market-facing brand' });

const RD_BAND_LABEL = { zh: '研发投入（按上年度营业收入分档）', en: 'R&D input (by prior-year revenue band)' };
const bandsCitation = (r: Recorded) => P.rdBands(r.e).citation;
/** LG-inn-rd when the prior year's revenue, which sets the band, is not known. */
const LG_INN_RD_NO_BAND = putSpec({ id: 'LG-inn-rd', citation: bandsCitation, label: RD_BAND_LABEL, read: () => ({ actual: null, unit: null, threshold: null }), say: () => ({ zh: '', en: '' }) });
// [R&D, revenue of y − 1, R&D, revenue of y, the band's minimum bp]; the label reads the prior year's revenue again.
const LG_INN_RD_RATIO = eachYearRatioSpec({
  id: 'LG-inn-rd', citation: bandsCitation, what: RD_EXPENSE,
  label: (r) => {
    const y = r.e.priorYear;
    const rev = r.e.known(y, F.revenue)!;
    const min = fmt.bp(r.n(4));
    return { zh: `${y - 1}–${y} 年研发强度（${y} 年营业收入 ${fmt.wan(rev)}，适用每年 ${min}）`, en: `R&D intensity in ${y - 1}–${y} (revenue ${fmt.yuan(rev)} in ${y}: ${min} a year applies)` };
  },
});
const LG_INN_RD_EQUITY = compareSpec({
  id: 'LG-inn-rd-equity', citation: bandsCitation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年新增股权融资`, en: `Equity raised in ${r.e.priorYear - 1}–${r.e.priorYear}` }),
  gap: { effort: (v, min) => (min - v) / Math.max(v, 1), text: (v, min) => ({ zh: `近2年新增股权融资需增加 ${fmt.yuanUp(min - v)}`, en: `Equity raised over 2 years must rise by ${fmt.yuanUp(min - v)}` }) },
});
const LG_INN_RD_TOTAL = compareSpec({
  id: 'LG-inn-rd-total', citation: bandsCitation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年研发费用总额`, en: `R&D expense over ${r.e.priorYear - 1}–${r.e.priorYear}` }),
  gap: {
    effort: (v, min) => (min - v) / Math.max(v, 1),
    text: (v, min, r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年研发费用合计需增加 ${fmt.yuanUp(min - v)}`, en: `R&D expense over ${r.e.priorYear - 1}–${r.e.priorYear} must rise by ${fmt.yuanUp(min - v)}` }),
  },
});
/** R&D staff to hire, employees growing with them, for num ÷ den to reach minBp. */
const staffNeed = (n: number, d: number, minBp: number) => Math.ceil((minBp * d - 10_000 * n) / (10_000 - minBp));
const LG_INN_RD_STAFF = ratioSpec({
  id: 'LG-inn-rd-staff', citation: bandsCitation, label: (r) => ({ zh: `${r.e.priorYear} 年研发人员占职工总数比重`, en: `R&D staff share in ${r.e.priorYear}` }),
  gap: {
    effort: (n, d, min) => staffNeed(n, d, min) / Math.max(d, 1),
    text: (n, d, min) => ({ zh: `研发人员 ${fmt.pct(n / d)} → ${fmt.bp(min)}：需再招聘 ${staffNeed(n, d, min)} 名研发人员`, en: `R&D staff ${fmt.pct(n / d)} → ${fmt.bp(min)}: hire ${staffNeed(n, d, min)} more R&D staff` }),
  },
});
const SMALL_SUBS = ['LG-inn-rd-equity', 'LG-inn-rd-total', 'LG-inn-rd-staff'];
const SMALL_THRESHOLD = { zh: '营业收入 5000万元以下：三项同时满足', en: 'revenue under ¥50,000,000: all three must hold' };
// [revenue]: the three sub-criteria are read again when written.
const LG_INN_RD_SMALL = putSpec({
  id: 'LG-inn-rd', citation: bandsCitation, label: RD_BAND_LABEL,
  read(r) {
    let gap: Gap | undefined;
    if (r.verdict === 'fail' || r.verdict === 'unknown') gap = SMALL_SUBS.map((id) => r.sibling(id)!).find((s) => s.gap)?.gap;
    return { actual: r.n(0), unit: 'fen', threshold: SMALL_THRESHOLD, gap };
  },
  say(r) {
    const y = r.e.priorYear;
    const rev = r.n(0);
    const v = r.verdict;
    const failed = () => SMALL_SUBS.map((id) => r.sibling(id)!).filter((s) => s.verdict === 'fail').map((s) => s.id);
    return {
      zh: `${y} 年营业收入 ${fmt.wan(rev)}，低于 5000万元，须同时满足股权融资、研发费用总额、研发人员占比三项：${v === 'pass' ? '均满足' : v === 'fail' ? `未满足 ${failed().join('、')}` : '数据不全'}`,
      en: `revenue ${fmt.yuan(rev)} in ${y} is under 50M, so equity, 2-year R&D and R&D staff must all hold: ${v === 'pass' ? 'they do' : v === 'fail' ? `not met: ${failed().join(', ')}` : 'data incomplete'}`,
    };
  },
});

/** Innovation general condition (1): R&D by the prior year's revenue band. */
function rdByBand(e: Evaluation): Recorded {
  const y = e.priorYear;
  const bands = P.rdBands(e).value as RdBand[];
  const inclusive = P.rdBandLowerBoundInclusive(e).value;
  const m: string[] = [];
  const rev = e.num(y, F.revenue, m);
  if (rev === undefined) return e.recordUnknown(LG_INN_RD_NO_BAND, m);
  const band = bands.find((b) => b.minRevenue === 0 || (inclusive ? rev >= b.minRevenue : rev > b.minRevenue))!;
  if (band.minBp !== undefined) return eachYearRatio(e, LG_INN_RD_RATIO, F.rdExpense, F.revenue, band.minBp);
  // Revenue under 50M: 2-year equity, 2-year R&D total and prior-year R&D staff share, all three.
  const mEq: string[] = [];
  const eq = e.compareTo(LG_INN_RD_EQUITY, '>=', sum2(e, F.equityFinancing, mEq), band.equity!, mEq);
  const mRd: string[] = [];
  const rd = e.compareTo(LG_INN_RD_TOTAL, '>=', sum2(e, F.rdExpense, mRd), band.rdTotal!, mRd);
  const mSt: string[] = [];
  const staff = e.ratioTo(LG_INN_RD_STAFF, e.num(y, F.rdStaff, mSt), e.num(y, F.employees, mSt), band.rdStaffBp!, mSt);
  const v = allOf([eq, rd, staff]);
  const r = e.record(LG_INN_RD_SMALL, v, rev);
  if (eq.verdict === 'unknown' || rd.verdict === 'unknown' || staff.verdict === 'unknown') {
    const missing = [...eq.missing, ...rd.missing, ...staff.missing];
    if (missing.length) r.missingFacts = missing.filter((x, i) => missing.indexOf(x) === i);
  }
  return r;
}

const INST_KINDS = ['rd_institution_national', 'rd_institution_provincial', 'rd_institution_municipal'];
const INST_CITATION = A3('四、创新能力指标（一）2. 自建或与高校、科研机构联合建立研发机构，设立研发机构、技术中心、工程中心、院士专家工作站、博士后工作站等');
const INST_LABEL = { zh: '建立研发机构', en: 'Has an R&D institution' };
// [which of INST_KINDS is held]
const LG_INN_INST_HELD = putSpec({
  id: 'LG-inn-inst', citation: INST_CITATION, label: INST_LABEL,
  read: (r) => ({ actual: INST_KINDS[r.n(0)], unit: 'text', threshold: null }),
  say: (r) => {
    const inst = INST_KINDS[r.n(0)];
    return { zh: `持有 ${inst} 研发机构认定`, en: `holds a ${inst} R&D institution` };
  },
});
const LG_INN_INST = expertYesNoSpec({ id: 'LG-inn-inst', key: 'lg.rdInstitution', citation: INST_CITATION, label: INST_LABEL, hint: { zh: '未登记经认定的研发机构；未经认定的自建或联合机构也符合', en: 'no recognised institution recorded; an unrecognised own or joint one also counts' } });
const LG_INN_IP = classISpec({ id: 'LG-inn-ip', citation: (r) => P.minClassI(r.e).citation, label: { zh: '与主导产品相关的 I 类知识产权', en: 'Class I IP related to the lead product' } });
// [holds, the rank]
const LG_INN_DIRECT_AWARD = conditionSpec({
  id: 'LG-inn-direct-award', citation: (r) => P.awardMaxRank(r.e).citation,
  label: (r) => ({ zh: `直通条件：近3年国家级科技奖励前${r.n(1)}`, en: `Direct condition: national S&T award top ${r.n(1)} in 3 years` }),
  yes: nationalAwardText, no: nationalAwardText,
});
// [listed, the top N]
const LG_INN_DIRECT_MAKER = conditionSpec({
  id: 'LG-inn-direct-maker', citation: (r) => P.directMakerChinaTop(r.e).citation,
  label: (r) => ({ zh: `直通条件：近3年"创客中国"全国${r.n(1)}强`, en: `Direct condition: national top ${r.n(1)} of "Maker China" in 3 years` }),
  yes: { zh: '已入围（专家输入 lg.makerChinaTop50）', en: 'listed (expert input lg.makerChinaTop50)' },
  no: (r) => (r.e.expert('lg.makerChinaTop50') === undefined
    ? { zh: '未录入（平台无此数据；如入围请录入专家输入 lg.makerChinaTop50 = 1）', en: 'not entered (no registry fact; if listed, set expert input lg.makerChinaTop50 = 1)' }
    : { zh: '未入围', en: 'not listed' }),
});
const GENERAL = ['LG-inn-rd', 'LG-inn-inst', 'LG-inn-ip'];
// [the general conditions' verdict, the direct conditions' verdict] as indexes of VERDICTS
const LG_INNOVATION = putSpec({
  id: 'LG-innovation', citation: A3('四、创新能力指标（满足一般性条件或直通条件）'), label: { zh: '创新能力', en: 'Innovation' },
  read(r) {
    let gap: Gap | undefined;
    if (r.verdict === 'fail' || r.verdict === 'unknown') gap = GENERAL.map((id) => r.sibling(id)!).find((c) => c.gap)?.gap;
    return { actual: null, unit: null, threshold: null, gap };
  },
  say(r) {
    const general = VERDICTS[r.n(0)];
    const direct = VERDICTS[r.n(1)];
    return general === 'pass' ? { zh: '满足一般性条件（研发投入、研发机构、I 类知识产权）', en: 'the general conditions hold (R&D, institution, Class I IP)' }
      : direct === 'pass' ? { zh: '一般性条件未全部满足，但满足直通条件', en: 'the general conditions do not all hold, but a direct condition does' }
        : { zh: `一般性条件${general === 'fail' ? '未满足' : '待定'}，直通条件${direct === 'fail' ? '未满足' : '待定'}`, en: `general conditions ${general === 'fail' ? 'not met' : 'open'}, direct conditions ${direct === 'fail' ? 'not met' : 'open'}` };
  },
});
const LG_CHAIN = expertYesNoSpec({ id: 'LG-chain', key: 'lg.chainPosition', citation: A3('五、产业链配套指标：位于产业链关键环节'), label: { zh: '位于产业链关键环节，发挥补短板、锻长板、填空白作用', en: 'At a key link of the industrial chain' } });
const LG_PRODUCT = expertYesNoSpec({ id: 'LG-product', key: 'lg.productField', citation: A3('六、主导产品所属领域指标'), label: { zh: '主导产品属于核心基础零部件、关键软件、先进基础工艺、关键基础材料或制造强国、网络强国重点领域', en: 'Lead product in a core-foundation, manufacturing-power or network-power field' } });

// ---------- 2026 ----------

const LG26_1_TITLE = conditionSpec({
  id: 'LG26-1-title', citation: (r) => P.requiredTitle(r.e).citation, label: { zh: '已认定为专精特新中小企业', en: 'Holds the SRDI SME title' },
  yes: { zh: '持有有效称号', en: 'holds a valid title' }, no: { zh: '未持有有效的专精特新中小企业称号', en: 'holds no valid SRDI SME title' },
  gap: { effort: 5, text: { zh: '先取得专精特新中小企业称号', en: 'First obtain the SRDI SME title' } },
});
const LG26_1_YEARS = segmentSpec('LG26-1-years', (r) => P.minSegmentYears(r.e).citation);
const LG26_2_REVENUE = compareSpec({
  id: 'LG26-2-revenue', citation: (r) => P.minRevenue(r.e).citation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear} 年营业收入`, en: `Operating revenue in ${r.e.priorYear}` }),
  gap: { effort: (v, min) => (min - v) / Math.max(v, 1), text: (v, min) => ({ zh: `营业收入需增加 ${fmt.yuanUp(min - v)}`, en: `Revenue must rise by ${fmt.yuanUp(min - v)}` }) },
});
const LG26_2_MAIN_SHARE = mainShareSpec('LG26-2-main-share', (r) => P.minMainShareBp(r.e).citation);
/** Revenue of y that reaches the CAGR from r0: ⌈r0 · (10⁴ + g)² / 10⁸⌉, exact in BigInt. */
const cagrNeed = (r0: number, r2: number, g: number) => Number((BigInt(r0) * BigInt(10_000 + g) ** 2n + 99_999_999n) / 100_000_000n) - r2;
// [revenue of y − 2, revenue of y, minimum bp]
const LG26_2_CAGR = putSpec({
  id: 'LG26-2-cagr', citation: (r) => P.minRevenueCagrBp(r.e).citation,
  label: (r) => ({ zh: `${r.e.priorYear - 2}–${r.e.priorYear} 年营业收入复合增长率`, en: `Revenue CAGR over ${r.e.priorYear - 2}–${r.e.priorYear}` }),
  read(r) {
    const r0 = r.n(0);
    const r2 = r.n(1);
    const g = r.n(2);
    if (r0 <= 0) return { actual: null, unit: 'ratio', threshold: atLeastPct(g) };
    let gap: Gap | undefined;
    if (r.verdict === 'fail') {
      const need = cagrNeed(r0, r2, g);
      const y = r.e.priorYear;
      gap = lazyGap(need / Math.max(r2, 1), () => ({ zh: `${y} 年营业收入需增加 ${fmt.yuanUp(need)}`, en: `Revenue in ${y} must rise by ${fmt.yuanUp(need)}` }));
    }
    return { actual: Math.round((Math.sqrt(r2 / r0) - 1) * 10_000) / 10_000, unit: 'ratio', threshold: atLeastPct(g), gap };
  },
  say(r) {
    const r0 = r.n(0);
    if (r0 <= 0) return { zh: `${r.e.priorYear - 2} 年营业收入为零，无法计算增长率`, en: `revenue in ${r.e.priorYear - 2} is zero, so growth cannot be computed` };
    const rate = fmt.pct(Math.sqrt(r.n(1) / r0) - 1);
    const ok = r.verdict === 'pass';
    const g = fmt.bp(r.n(2));
    return { zh: `为 ${rate}，${ok ? '符合' : '不符合'}不低于 ${g} 的要求`, en: `${rate}, ${ok ? 'meeting' : 'short of'} the required ${g}` };
  },
});
/** (r2 / r0)^½ − 1 ≥ g  ⇔  r2 · 10⁸ ≥ r0 · (10⁴ + g)²: by doubles when far from equal, else exactly in BigInt. */
function cagrAtLeast(r0: number, r2: number, g: number): boolean {
  const k = (10_000 + g) * (10_000 + g);
  const lhs = r2 * 100_000_000;
  const rhs = r0 * k;
  if (Math.abs(lhs - rhs) > Math.abs(rhs) * 1e-9 + 1) return lhs > rhs;
  return BigInt(r2) * 100_000_000n >= BigInt(r0) * BigInt(10_000 + g) ** 2n;
}
const LG26_2_DEBT = debtSpec('LG26-2-debt', (r) => P.maxDebtBp(r.e).citation);
const LG26_3_RD_TOTAL = compareSpec({
  id: 'LG26-3-rd-total', citation: (r) => P.minRdTotal2y(r.e).citation, op: '>=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年研发费用总额`, en: `R&D expense over ${r.e.priorYear - 1}–${r.e.priorYear}` }),
  gap: {
    effort: (v, min) => (min - v) / Math.max(v, 1),
    text: (v, min, r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年研发费用合计需增加 ${fmt.yuanUp(min - v)}`, en: `R&D expense over ${r.e.priorYear - 1}–${r.e.priorYear} must rise by ${fmt.yuanUp(min - v)}` }),
  },
});
const LG26_3_INTENSITY = eachYearRatioSpec({
  id: 'LG26-3-intensity', citation: (r) => P.minRdIntensityBp(r.e).citation, what: RD_EXPENSE,
  label: (r) => ({ zh: `${r.e.priorYear - 1}–${r.e.priorYear} 年每年研发强度`, en: `R&D intensity in each of ${r.e.priorYear - 1}–${r.e.priorYear}` }),
});
const LG26_4_IP = classISpec({ id: 'LG26-4-ip', citation: (r) => P.minClassI(r.e).citation, label: { zh: 'I 类知识产权（不含受让）', en: 'Class I IP (not by transfer)' }, exemption: nationalAwardText });
// [share bp or NaN, minimum bp, expert input lg.marketTop3 or NaN]
const LG26_5_MARKET = putSpec({
  id: 'LG26-5-market', citation: (r) => P.minMarketShareBp(r.e).citation,
  label: (r) => ({ zh: `${r.e.priorYear} 年细分市场占有率（或国内排名前三）`, en: `Segment market share in ${r.e.priorYear} (or top 3 domestically)` }),
  read(r) {
    const share = r.n(0);
    const min = r.n(1);
    const top3 = r.n(2);
    if (share === share && share >= min) return { actual: share / 10_000, unit: 'ratio', threshold: atLeastPct(min) };
    const actual = share === share ? share / 10_000 : null;
    if (top3 === top3) {
      return {
        actual, unit: 'ratio', threshold: shareOrTop3(min),
        gap: r.verdict === 'fail' ? lazyGap(5, () => ({ zh: `市场占有率需提高到 ${fmt.bp(min)} 或进入国内前三`, en: `Raise market share to ${fmt.bp(min)} or reach the domestic top 3` })) : undefined,
      };
    }
    return { actual, unit: 'ratio', threshold: shareOrTop3(min) };
  },
  say(r) {
    const share = r.n(0);
    const min = r.n(1);
    const top3 = r.n(2);
    const shown = share !== share ? '未知' : share2(share);
    const shownEn = share !== share ? 'unknown' : share2(share);
    if (share === share && share >= min) return { zh: `市场占有率 ${shown}，达到 ${fmt.bp(min)}`, en: `market share ${shownEn} reaches ${fmt.bp(min)}` };
    if (top3 === top3) {
      return top3 >= 1 ? { zh: `市场占有率 ${shown}，但国内排名前三（专家输入 lg.marketTop3）`, en: `market share ${shownEn}, but top 3 domestically (expert input lg.marketTop3)` }
        : { zh: `市场占有率 ${shown}，且国内排名不在前三（专家输入 lg.marketTop3）`, en: `market share ${shownEn} and not top 3 domestically (expert input lg.marketTop3)` };
    }
    return { zh: `全国市场占有率 ${shown} 未达 ${fmt.bp(min)}；国际市场占有率或国内排名前三需人工核实（专家输入 lg.marketTop3）`, en: `national share ${shownEn} is under ${fmt.bp(min)}; international share or a domestic top-3 rank needs manual review (expert input lg.marketTop3)` };
  },
});
const LG26_6_CHAIN = expertYesNoSpec({ id: 'LG26-6-chain', key: 'lg.chainPosition', citation: { docNo: '工信部企业〔2026〕2号', article: '"小巨人"申报条件（六）位于产业链供应链关键环节（产业基础、传统产业升级、新兴产业或未来产业领域）', confidence: 'C' }, label: { zh: '位于产业链供应链关键环节', en: 'Key supply-chain position' } });
const LG26_7_QUALITY = expertAtLeastSpec({ id: 'LG26-7-quality', key: 'srdi.qualityScore', citation: (r) => P.minQualityScore(r.e).citation, label: { zh: '专精特新发展质量评价得分', en: 'SRDI development-quality evaluation score' } });

export const littleGiantRuleset: Ruleset = {
  id: 'little_giant',
  title: { zh: '专精特新"小巨人"企业', en: 'SRDI "little giant" enterprise' },
  versions: [
    {
      version: '2022',
      from: '2022-08-01',
      to: '2026-03-31',
      evaluate(e) {
        const y = e.priorYear;

        // 专: ≥ 3 years in the segment; main-business share ≥ 70 %; 2-year average main growth ≥ 5 %.
        const spec1 = segmentYearsCriterion(e, LG_SPEC_YEARS, P.minSegmentYears(e).value, TO_PRIOR_YEAR_END);
        const spec2 = mainShareCriterion(e, LG_SPEC_MAIN_SHARE, P.minMainShareBp(e).value);
        const g = P.minMainGrowthBp(e).value;
        const mG: string[] = [];
        const v0 = e.num(y - 2, F.mainBusinessRevenue, mG);
        const v1 = e.num(y - 1, F.mainBusinessRevenue, mG);
        const v2 = e.num(y, F.mainBusinessRevenue, mG);
        const spec3 = v0 === undefined || v1 === undefined || v2 === undefined
          ? e.recordUnknown(LG_SPEC_MAIN_GROWTH, mG)
          : e.record(LG_SPEC_MAIN_GROWTH, avgGrowthAtLeast([v0, v1, v2], g) ? 'pass' : 'fail', v0, v1, v2, g);

        // 精: governance (expert), core process on IT, certification, debt ratio ≤ 70 %.
        const ref1 = expertYesNo(e, LG_REF_GOVERNANCE);
        const ref2 = flagCriterion(e, LG_REF_IT, F.coreProcessOnIt);
        const ref3 = flagCriterion(e, LG_REF_CERT, F.qualityCertified);
        const ref4 = debtCriterion(e, LG_REF_DEBT, P.maxDebtBp(e).value);

        // 特: national market share ≥ 10 %; own brand.
        const ms = P.minMarketShareBp(e).value;
        const mMs: string[] = [];
        const char1 = e.compareTo(LG_CHAR_SHARE, '>=', e.num(y, F.marketSharePct, mMs), ms, mMs);
        const char2 = flagCriterion(e, LG_CHAR_BRAND, F.ownBrand);

        // 新: general conditions (all three) or one direct condition.
        const inn1 = rdByBand(e);
        let inst = -1;
        for (let i = 0; i < INST_KINDS.length && inst < 0; i++) if (e.holds(INST_KINDS[i])) inst = i;
        const inn2 = inst >= 0 ? e.record(LG_INN_INST_HELD, 'pass', inst) : expertYesNo(e, LG_INN_INST);
        const inn3 = classICriterion(e, LG_INN_IP, P.minClassI(e).value, false);
        const general = allOf([inn1, inn2, inn3]);
        const win = P.awardWindowYears(e).value;
        const rank = P.awardMaxRank(e).value;
        const aw = awardHolds(e, nationalOnly(rank), win);
        const d1 = aw === -1
          ? e.recordUnknown(LG_INN_DIRECT_AWARD, awardRoute(e, nationalOnly(rank), win).missing, NaN, rank)
          : e.record(LG_INN_DIRECT_AWARD, aw === 1 ? 'pass' : 'fail', aw, rank);
        const maker = P.directMakerChinaTop(e).value;
        const listed = (e.expert('lg.makerChinaTop50') ?? 0) >= 1;
        const d2 = e.record(LG_INN_DIRECT_MAKER, listed ? 'pass' : 'fail', listed ? 1 : 0, maker);
        const direct = anyOf([d1.verdict, d2.verdict]);
        const innV = anyOf([general, direct]);
        const innovation = e.record(LG_INNOVATION, innV, VERDICTS.indexOf(general), VERDICTS.indexOf(direct));
        if (innV === 'unknown') {
          const missing = [inn1, inn2, inn3, d1].flatMap((c) => c.missing);
          if (missing.length) innovation.missingFacts = missing.filter((x, i) => missing.indexOf(x) === i);
        }

        // 链 and 品: expert judgement.
        const chain = expertYesNo(e, LG_CHAIN);
        const product = expertYesNo(e, LG_PRODUCT);

        const verdict = allOf([spec1, spec2, spec3, ref1, ref2, ref3, ref4, char1, char2, innovation, chain, product]);
        return { verdict, route: verdict === 'pass' ? (general === 'pass' ? 'conditions' : 'direct') : null };
      },
    },
    {
      version: '2026',
      from: '2026-04-01',
      evaluate(e) {
        const y = e.priorYear;

        // (一) holds the 专精特新中小企业 title; ≥ 3 years in the segment.
        const held = e.holds(P.requiredTitle(e).value) !== undefined;
        e.record(LG26_1_TITLE, held ? 'pass' : 'fail', held ? 1 : 0);
        segmentYearsCriterion(e, LG26_1_YEARS, P.minSegmentYears(e).value, TO_PRIOR_YEAR_END);

        // (二) revenue ≥ 50M; main share ≥ 90 %; 2-year revenue CAGR ≥ 5 %; debt ≤ 75 %.
        const minRev = P.minRevenue(e).value;
        const mRev: string[] = [];
        e.compareTo(LG26_2_REVENUE, '>=', e.num(y, F.revenue, mRev), minRev, mRev);
        mainShareCriterion(e, LG26_2_MAIN_SHARE, P.minMainShareBp(e).value);
        const cagr = P.minRevenueCagrBp(e).value;
        const mC: string[] = [];
        const r0 = e.num(y - 2, F.revenue, mC);
        const r2 = e.num(y, F.revenue, mC);
        if (r0 === undefined || r2 === undefined) e.recordUnknown(LG26_2_CAGR, mC);
        else e.record(LG26_2_CAGR, r0 > 0 && cagrAtLeast(r0, r2, cagr) ? 'pass' : 'fail', r0, r2, cagr);
        debtCriterion(e, LG26_2_DEBT, P.maxDebtBp(e).value);

        // (三) R&D over 2 years ≥ 12M and ≥ 3 % each year.
        const rdMin = P.minRdTotal2y(e).value;
        const mRd: string[] = [];
        e.compareTo(LG26_3_RD_TOTAL, '>=', sum2(e, F.rdExpense, mRd), rdMin, mRd);
        eachYearRatio(e, LG26_3_INTENSITY, F.rdExpense, F.revenue, P.minRdIntensityBp(e).value);

        // (四) ≥ 4 Class I IP (not by transfer), or exempt by a national award top 3 in 3 years.
        const minI = P.minClassI(e).value;
        const ranks = nationalOnly(P.awardMaxRank(e).value);
        const window = P.awardWindowYears(e).value;
        const aw = awardHolds(e, ranks, window);
        classICriterion(e, LG26_4_IP, minI, true, aw, aw === -1 ? awardRoute(e, ranks, window).missing : NO_MISSING);

        // (五) market share ≥ 10 %, or top 3 domestically (expert input lg.marketTop3).
        const ms = P.minMarketShareBp(e).value;
        const mMs: string[] = [];
        const share = e.num(y, F.marketSharePct, mMs);
        const top3 = e.expert('lg.marketTop3');
        if (share !== undefined && share >= ms) e.record(LG26_5_MARKET, 'pass', share, ms, NaN);
        else if (top3 !== undefined) e.record(LG26_5_MARKET, top3 >= 1 ? 'pass' : 'fail', share ?? NaN, ms, top3);
        else if (share === undefined) e.recordUnknown(LG26_5_MARKET, mMs);
        else e.record(LG26_5_MARKET, 'manual_review', share, ms, NaN);

        // (六) key supply-chain position; (七) quality evaluation ≥ 60.
        expertYesNo(e, LG26_6_CHAIN);
        expertAtLeast(e, LG26_7_QUALITY, P.minQualityScore(e).value);

        const verdict = allOf(e.criteria);
        return { verdict, route: verdict === 'pass' ? 'conditions' : null };
      },
    },
  ],
};
