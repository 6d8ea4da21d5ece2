// The national tax benefits from shared/reference/criteria.md §1.3 and §4, as code: the R&D
// super-deduction, the HNTE 15 % rate and the small low-profit rate. Their rates change by
// period and enterprise type, which a staff-authored formula cannot express, so they are
// written here with dated parameters and golden cases (national.test.ts). Pure.
//
// Facts read: `taxableIncome` is taxable income BEFORE the extra (super) deduction (the R&D
// expense itself already deducted), as the registry's seed and import template define it.
import { fmt } from '../../rules/engine.ts';
import type { Citation } from '../../rules/types.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import type { Bilingual } from '../../lib/i18n.ts';
import type { FactKey } from '../registry/facts.ts';
import { heldDuring, sectionOfDivision } from './variables.ts';

export type BenefitVerdict = 'eligible' | 'not_eligible' | 'unknown';

export interface BenefitOutcome {
  verdict: BenefitVerdict;
  /** Integer fen; null when it cannot be computed. */
  amount: number | null;
  /** Each condition and how it was decided. */
  reasons: { text: Bilingual; ok: boolean | null }[];
  /** The formula with the figures filled in. */
  formula: Bilingual | null;
  missing: string[];
  figures: Record<string, number | string | boolean | null>;
  citations: Citation[];
  note?: Bilingual;
}

/** Expert input naming an IC or industrial-mother-machine enterprise on the 2023 list (公告2023年第44号). */
export const IC_OR_MACHINE_TOOL_INPUT = 'policies.icOrMotherMachine';

const C = (docNo: string, article: string, confidence: Citation['confidence']): Citation => ({ docNo, article, confidence });

export const CITES = {
  citLaw: C('中华人民共和国企业所得税法', '第四条 企业所得税的税率为25%', 'V'),
  hnteRate: C('中华人民共和国企业所得税法', '第二十八条 国家需要重点扶持的高新技术企业，减按15%的税率征收企业所得税', 'V'),
  slp2023: C('财政部 税务总局公告2023年第12号', '第三条 小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税（2023-01-01至2027-12-31）', 'C'),
  rdLaw: C('中华人民共和国企业所得税法', '第三十条；实施条例第九十五条 研究开发费用加计扣除50%', 'R'),
  rd119: C('财税〔2015〕119号', '第一条 研发费用加计扣除50%；第四条 不适用税前加计扣除政策的行业', 'V'),
  rd2017: C('财税〔2017〕34号', '科技型中小企业研发费用加计扣除75%（2017-01-01至2019-12-31）', 'V'),
  rd2018: C('财税〔2018〕99号', '研发费用加计扣除75%（2018-01-01至2020-12-31，公告2021年第6号延至2023-12-31）', 'C'),
  rd2021: C('财政部 税务总局公告2021年第13号', '制造业企业研发费用加计扣除100%（自2021-01-01）', 'C'),
  rd2022: C('财政部 税务总局 科技部公告2022年第16号', '科技型中小企业研发费用加计扣除100%（自2022-01-01）', 'C'),
  rd2023: C('财政部 税务总局公告2023年第7号', '第一条 研发费用加计扣除100%，作为制度性安排长期实施（自2023-01-01）', 'V'),
  rd2023ic: C('财政部 税务总局 国家发展改革委 工业和信息化部公告2023年第44号', '集成电路企业和工业母机企业研发费用加计扣除120%（2023-01-01至2027-12-31）', 'C'),
  loss: C('财税〔2018〕76号', '高新技术企业和科技型中小企业亏损结转年限延长至10年', 'R'),
} as const;

type Rate = { bp: number; citation: Citation; why: Bilingual };
const R = (bp: number, citation: Citation, zh: string, en: string): Rate => ({ bp, citation, why: { zh, en } });
const RATES = {
  ic2023: R(12_000, CITES.rd2023ic, '集成电路或工业母机企业（2023–2027年）', 'an IC or industrial-mother-machine enterprise (2023–2027)'),
  all2023: R(10_000, CITES.rd2023, '2023年起所有符合条件的企业', 'every eligible enterprise from 2023'),
  manufacturing2021: R(10_000, CITES.rd2021, '制造业企业（2021年起）', 'a manufacturing enterprise (from 2021)'),
  techSme2022: R(10_000, CITES.rd2022, '科技型中小企业（2022年起）', 'a technology-based SME (from 2022)'),
  all2018: R(7_500, CITES.rd2018, '2018–2022年所有符合条件的企业', 'every eligible enterprise in 2018–2022'),
  techSme2017: R(7_500, CITES.rd2017, '科技型中小企业（2017–2019年）', 'a technology-based SME (2017–2019)'),
  all2016: R(5_000, CITES.rd119, '2016年起的一般规定', 'the general rule from 2016'),
  law: R(5_000, CITES.rdLaw, '企业所得税法的一般规定', 'the general rule of the income-tax law'),
};

/** Super-deduction rate in basis points for a fiscal year and enterprise type, with its basis. */
export function rdRate(year: number, t: { techSme: boolean; manufacturing: boolean; icOrMachineTool: boolean }): Rate | null {
  if (year < 2008) return null;
  if (year >= 2023) return year <= 2027 && t.icOrMachineTool ? RATES.ic2023 : RATES.all2023;
  if (year >= 2021 && t.manufacturing) return RATES.manufacturing2021;
  if (year === 2022 && t.techSme) return RATES.techSme2022;
  if (year >= 2018) return RATES.all2018;
  if (year === 2017 && t.techSme) return RATES.techSme2017;
  if (year >= 2016) return RATES.all2016;
  return RATES.law;
}

/** Industries excluded from the super-deduction (财税〔2015〕119号 §4), by GB/T 4754-2017 code. */
export function excludedIndustry(code: string | null | undefined): Bilingual | null {
  const m = /^([A-Za-z])?(\d{2})?/.exec((code ?? '').trim());
  const div = m?.[2] ? Number(m[2]) : null;
  const sec = (m?.[1]?.toUpperCase()) ?? (div !== null ? sectionOfDivision(div) : null);
  if (div === 16) return { zh: '烟草制品业', en: 'tobacco manufacturing' };
  if (sec === 'H') return { zh: '住宿和餐饮业', en: 'accommodation and catering' };
  if (sec === 'F') return { zh: '批发和零售业', en: 'wholesale and retail' };
  if (sec === 'K') return { zh: '房地产业', en: 'real estate' };
  if (sec === 'L') return { zh: '租赁和商务服务业', en: 'leasing and business services' };
  if (div === 90) return { zh: '娱乐业', en: 'entertainment' };
  return null;
}

/** Per industry code (the registry's list has about 1,400): excluded from the super-deduction, manufacturing. A batch asks 100,000 times. */
const INDUSTRIES = new Map<string, { excluded: Bilingual | null; manufacturing: boolean }>();
function industryOf(code: string): { excluded: Bilingual | null; manufacturing: boolean } {
  let found = INDUSTRIES.get(code);
  if (found) return found;
  found = { excluded: excludedIndustry(code), manufacturing: /^C|^(1[3-9]|[23]\d|4[0-3])/.test(code.toUpperCase()) };
  // A facts document sent to the API may carry any code: the cache stays bounded.
  if (INDUSTRIES.size < 5_000) INDUSTRIES.set(code, found);
  return found;
}

const pct = (bp: number) => `${bp / 100}%`;
/** x × bp / 10,000, truncated toward zero, exactly: in doubles while the product is a safe integer, else in BigInt. */
export const mulBp = (x: number, bp: number) => {
  const p = Math.trunc(x) * bp;
  return Number.isSafeInteger(p) ? (p - (p % 10_000)) / 10_000 : Number((BigInt(Math.trunc(x)) * BigInt(bp)) / 10_000n);
};
const SLP_INCOME_MAX = 300_000_000; // 300万元
const SLP_STAFF_MAX = 300;
const SLP_ASSETS_MAX = 5_000_000_000; // 5000万元

interface TaxSetting {
  year: number;
  hnte: boolean;
  /** Whether staff and assets allow the small low-profit rate (income is tested per amount); null if unknown. */
  slpSize: boolean | null;
}

type Regime = 'standard' | 'hnte' | 'slp';

function slpInForce(year: number) {
  return year >= 2023 && year <= 2027;
}

/** Income tax on taxable income `x` under the best regime available, never both preferences. */
export function incomeTax(x: number, s: TaxSetting, exclude?: Regime): { tax: number; regime: Regime; bp: number } {
  if (x <= 0) return { tax: 0, regime: 'standard', bp: 2_500 };
  // The lowest tax; on a tie the first of standard, hnte, slp.
  let best: { tax: number; regime: Regime; bp: number } = { tax: mulBp(x, 2_500), regime: 'standard', bp: 2_500 };
  if (s.hnte && exclude !== 'hnte') {
    const tax = mulBp(x, 1_500);
    if (tax < best.tax) best = { tax, regime: 'hnte', bp: 1_500 };
  }
  if (slpInForce(s.year) && s.slpSize === true && x <= SLP_INCOME_MAX && exclude !== 'slp') {
    const tax = mulBp(x, 500);
    if (tax < best.tax) best = { tax, regime: 'slp', bp: 500 };
  }
  return best;
}

const REGIME: Record<Regime, Bilingual> = {
  standard: { zh: '25% 法定税率', en: 'the 25% standard rate' },
  hnte: { zh: '高新技术企业 15% 税率', en: 'the 15% HNTE rate' },
  slp: { zh: '小型微利企业实际税负 5%', en: 'the small low-profit effective 5%' },
};

interface Ctx {
  doc: FactsDoc;
  year: number;
}

function yearFacts(c: Ctx) {
  for (const y of c.doc.years) if (y.fiscalYear === c.year) return y;
  return undefined;
}

function setting(c: Ctx, missing: string[]): TaxSetting {
  const fy = yearFacts(c);
  const staff = fy?.employees;
  const assets = fy?.totalAssets;
  let slpSize: boolean | null = null;
  if (typeof staff === 'number' && typeof assets === 'number') slpSize = staff <= SLP_STAFF_MAX && assets <= SLP_ASSETS_MAX;
  else if (slpInForce(c.year)) {
    if (typeof staff !== 'number') missing.push(`years[${c.year}].employees`);
    if (typeof assets !== 'number') missing.push(`years[${c.year}].totalAssets`);
  }
  return { year: c.year, hnte: heldDuring(c.doc, 'hnte', c.year), slpSize };
}

interface RdPart { extra: number; usable: number; carryForward: number; rateBp: number; base: number }

/** The extra deduction and how much of it this year's income absorbs; null with reasons when not applicable (`reasons` null: none written; `?.` skips building them). */
function rdPart(c: Ctx, reasons: BenefitOutcome['reasons'] | null, missing: string[], citations: Citation[]): { part: RdPart | null; verdict: BenefitVerdict } {
  const { doc, year } = c;
  const fy = yearFacts(c);
  if (doc.org.kind !== 'enterprise') {
    reasons?.push({ ok: false, text: { zh: '仅企业适用研发费用加计扣除', en: 'Only enterprises can claim the super-deduction' } });
    return { part: null, verdict: 'not_eligible' };
  }
  if (!doc.org.industryCode) {
    missing.push('org.industryCode');
    reasons?.push({ ok: null, text: { zh: '缺少行业代码，无法判断是否属于不适用加计扣除的行业', en: 'Industry code missing: cannot tell whether the industry is excluded' } });
    return { part: null, verdict: 'unknown' };
  }
  const industry = industryOf(doc.org.industryCode);
  const excluded = industry.excluded;
  citations.push(CITES.rd119);
  if (excluded) {
    reasons?.push({ ok: false, text: { zh: `行业 ${doc.org.industryCode} 属于${excluded.zh}，不适用加计扣除（财税〔2015〕119号第四条）`, en: `Industry ${doc.org.industryCode} is ${excluded.en}, excluded from the super-deduction (财税〔2015〕119号 Art. 4)` } });
    return { part: null, verdict: 'not_eligible' };
  }
  reasons?.push({ ok: true, text: { zh: `行业 ${doc.org.industryCode} 不属于不适用加计扣除的行业`, en: `Industry ${doc.org.industryCode} is not an excluded industry` } });
  const expensed = fy?.rdExpensed;
  if (typeof expensed !== 'number') {
    missing.push(`years[${year}].rdExpensed`);
    reasons?.push({ ok: null, text: { zh: `缺少 ${year} 年费用化研发支出`, en: `Expensed R&D for ${year} is missing` } });
    return { part: null, verdict: 'unknown' };
  }
  const amort = typeof fy?.rdAmortisation === 'number' ? fy.rdAmortisation : 0;
  const base = expensed + amort;
  if (base <= 0) {
    reasons?.push({ ok: false, text: { zh: `${year} 年没有研发支出`, en: `No R&D expense in ${year}` } });
    return { part: null, verdict: 'not_eligible' };
  }
  const techSme = heldDuring(doc, 'tech_sme', year);
  const ic = (doc.expert[IC_OR_MACHINE_TOOL_INPUT] ?? 0) > 0;
  const rate = rdRate(year, { techSme, manufacturing: industry.manufacturing, icOrMachineTool: ic });
  if (!rate) {
    reasons?.push({ ok: null, text: { zh: `${year} 年尚无研发费用加计扣除规定`, en: `No super-deduction rule for ${year}` } });
    return { part: null, verdict: 'unknown' };
  }
  citations.push(rate.citation);
  reasons?.push({ ok: true, text: { zh: `加计扣除比例 ${pct(rate.bp)}：${rate.why.zh}`, en: `Extra deduction of ${pct(rate.bp)}: ${rate.why.en}` } });
  const extra = mulBp(base, rate.bp);
  const ti = fy?.taxableIncome;
  if (typeof ti !== 'number') {
    missing.push(`years[${year}].taxableIncome`);
    return { part: { extra, usable: 0, carryForward: 0, rateBp: rate.bp, base }, verdict: 'eligible' };
  }
  const usable = Math.min(extra, Math.max(0, ti));
  return { part: { extra, usable, carryForward: extra - usable, rateBp: rate.bp, base }, verdict: 'eligible' };
}

/** 研发费用加计扣除: the income tax the extra deduction saves this year, the rest carried forward. */
export function rdSuperDeduction(doc: FactsDoc, year: number, explain = true): BenefitOutcome {
  const c = { doc, year };
  const reasons: BenefitOutcome['reasons'] = [];
  const missing: string[] = [];
  const citations: Citation[] = [];
  const { part, verdict } = rdPart(c, explain ? reasons : null, missing, citations);
  if (!part) return { verdict, amount: null, reasons, formula: null, missing, figures: {}, citations };
  const ti = yearFacts(c)?.taxableIncome;
  const figures: BenefitOutcome['figures'] = { base: part.base, rateBp: part.rateBp, extraDeduction: part.extra, usable: part.usable, carryForward: part.carryForward };
  if (typeof ti !== 'number') {
    return { verdict, amount: null, reasons, missing, figures, citations, formula: { zh: `加计扣除额 ${fmt.yuan(part.base)} × ${pct(part.rateBp)} = ${fmt.yuan(part.extra)}；缺少应纳税所得额，无法计算少缴税额`, en: `Extra deduction ${fmt.yuan(part.base)} × ${pct(part.rateBp)} = ${fmt.yuan(part.extra)}; taxable income missing, so the tax saved cannot be computed` } };
  }
  const s = setting(c, missing);
  const before = incomeTax(ti, s);
  const after = incomeTax(ti - part.usable, s);
  const saved = before.tax - after.tax;
  citations.push(before.regime === 'hnte' ? CITES.hnteRate : before.regime === 'slp' ? CITES.slp2023 : CITES.citLaw);
  figures.taxBefore = before.tax;
  figures.taxAfter = after.tax;
  if (part.carryForward > 0) citations.push(CITES.loss);
  return {
    verdict, amount: saved, reasons, missing, figures, citations,
    // Written when read: a batch over 100,000 organisations reads only the amounts (and rebuilds the text of the few it shows).
    get formula() {
      const long = s.hnte || heldDuring(doc, 'tech_sme', year);
      const carry = part.carryForward > 0
        ? { zh: `；未抵扣完的 ${fmt.yuan(part.carryForward)} 形成亏损，可向以后年度结转（${long ? '高新技术企业或科技型中小企业最长 10 年' : '最长 5 年'}）`, en: `; the remaining ${fmt.yuan(part.carryForward)} becomes a loss carried forward (${long ? 'up to 10 years for an HNTE or tech SME' : 'up to 5 years'})` }
        : { zh: '', en: '' };
      return {
        zh: `加计扣除额 = ${fmt.yuan(part.base)} × ${pct(part.rateBp)} = ${fmt.yuan(part.extra)}；当年可抵扣 ${fmt.yuan(part.usable)}（应纳税所得额 ${fmt.yuan(Math.max(0, ti))}）；少缴税额 = ${fmt.yuan(before.tax)}（${REGIME[before.regime].zh}）− ${fmt.yuan(after.tax)}（${REGIME[after.regime].zh}）= ${fmt.yuan(saved)}${carry.zh}`,
        en: `Extra deduction = ${fmt.yuan(part.base)} × ${pct(part.rateBp)} = ${fmt.yuan(part.extra)}; ${fmt.yuan(part.usable)} usable this year (taxable income ${fmt.yuan(Math.max(0, ti))}); tax saved = ${fmt.yuan(before.tax)} (${REGIME[before.regime].en}) − ${fmt.yuan(after.tax)} (${REGIME[after.regime].en}) = ${fmt.yuan(saved)}${carry.en}`,
      };
    },
  };
}

/** Taxable income after this year's usable super-deduction (the rate preferences apply to it). */
function incomeAfterDeduction(doc: FactsDoc, year: number): number | null {
  const ti = yearFacts({ doc, year })?.taxableIncome;
  if (typeof ti !== 'number') return null;
  const { part } = rdPart({ doc, year }, null, [], []);
  return ti - (part?.usable ?? 0);
}

/** The relief of one rate preference: tax without it minus tax with the best regime. */
function rateRelief(doc: FactsDoc, year: number, which: 'hnte' | 'slp'): BenefitOutcome {
  const c = { doc, year };
  const reasons: BenefitOutcome['reasons'] = [];
  const missing: string[] = [];
  const citations: Citation[] = [which === 'hnte' ? CITES.hnteRate : CITES.slp2023, CITES.citLaw];
  if (doc.org.kind !== 'enterprise') {
    return { verdict: 'not_eligible', amount: null, reasons: [{ ok: false, text: { zh: '仅企业缴纳企业所得税', en: 'Only enterprises pay enterprise income tax' } }], formula: null, missing, figures: {}, citations };
  }
  const s = setting(c, missing);
  const fy = yearFacts(c);
  if (which === 'hnte') {
    if (!s.hnte) {
      reasons.push({ ok: false, text: { zh: `${year} 年未持有有效的高新技术企业证书`, en: `No valid HNTE certificate during ${year}` } });
      return { verdict: 'not_eligible', amount: null, reasons, formula: null, missing, figures: {}, citations };
    }
    reasons.push({ ok: true, text: { zh: `${year} 年持有有效的高新技术企业证书`, en: `Held a valid HNTE certificate during ${year}` } });
  } else {
    if (!slpInForce(year)) {
      reasons.push({ ok: null, text: { zh: `平台只收录了 2023–2027 年的小型微利企业政策，${year} 年未计算`, en: `Only the 2023–2027 small low-profit rule is encoded; ${year} is not computed` } });
      return { verdict: 'unknown', amount: null, reasons, formula: null, missing, figures: {}, citations };
    }
    if (s.slpSize === null) {
      reasons.push({ ok: null, text: { zh: '缺少从业人数或资产总额', en: 'Employees or total assets missing' } });
      return { verdict: 'unknown', amount: null, reasons, formula: null, missing, figures: {}, citations };
    }
    reasons.push({
      ok: s.slpSize,
      text: { zh: `从业人数 ${fy?.employees} 人（上限 300 人）、资产总额 ${fmt.wan(fy!.totalAssets!)}（上限 5000万元）`, en: `Employees ${fy?.employees} (at most 300), total assets ${fmt.yuan(fy!.totalAssets!)} (at most ¥50,000,000)` },
    });
    if (!s.slpSize) return { verdict: 'not_eligible', amount: null, reasons, formula: null, missing, figures: {}, citations };
  }
  const x = incomeAfterDeduction(doc, year);
  if (x === null) {
    missing.push(`years[${year}].taxableIncome`);
    return { verdict: which === 'hnte' ? 'eligible' : 'unknown', amount: null, reasons, formula: null, missing, figures: {}, citations };
  }
  if (which === 'slp') {
    const ok = x <= SLP_INCOME_MAX;
    reasons.push({ ok, text: { zh: `应纳税所得额（加计扣除后）${fmt.wan(Math.max(0, x))}，上限 300万元`, en: `Taxable income after the super-deduction ${fmt.yuan(Math.max(0, x))}, at most ¥3,000,000` } });
    if (!ok) return { verdict: 'not_eligible', amount: null, reasons, formula: null, missing, figures: { taxableIncome: x }, citations };
  }
  const without = incomeTax(x, s, which);
  const best = incomeTax(x, s);
  const amount = without.tax - best.tax;
  const figures = { taxableIncome: x, taxWithout: without.tax, taxWith: best.tax, regime: best.regime };
  if (best.regime !== which && x > 0) {
    const other = which === 'hnte' ? 'slp' : 'hnte';
    return {
      verdict: 'eligible', amount: 0, reasons, missing, figures, citations,
      formula: { zh: `${REGIME[other].zh}更优，两项优惠不叠加，本项不再减税`, en: `${REGIME[other].en} is better; the two do not stack, so this one saves nothing` },
      note: { zh: '择优适用，不叠加享受', en: 'The better rate applies; they do not stack' },
    };
  }
  return {
    verdict: 'eligible', amount, reasons, missing, figures, citations,
    formula: {
      zh: `应纳税所得额 ${fmt.yuan(Math.max(0, x))}：按${REGIME[without.regime].zh}应缴 ${fmt.yuan(without.tax)}，按${REGIME[which].zh}应缴 ${fmt.yuan(best.tax)}，减税 ${fmt.yuan(amount)}`,
      en: `Taxable income ${fmt.yuan(Math.max(0, x))}: ${fmt.yuan(without.tax)} at ${REGIME[without.regime].en}, ${fmt.yuan(best.tax)} at ${REGIME[which].en}, saving ${fmt.yuan(amount)}`,
    },
  };
}

export const hnteRateRelief = (doc: FactsDoc, year: number) => rateRelief(doc, year, 'hnte');
export const smallLowProfitRelief = (doc: FactsDoc, year: number) => rateRelief(doc, year, 'slp');

/**
 * Every yearly fact the functions above read (of the fiscal year only), besides the organisation's
 * kind and industry code: a batch reads just these and NATIONAL_QUALIFICATIONS (national.test.ts checks
 * that the outcome over them equals the outcome over all facts).
 */
export const NATIONAL_FACTS = ['rdExpensed', 'rdAmortisation', 'taxableIncome', 'employees', 'totalAssets'] as const satisfies readonly FactKey[];
/** The qualifications they read (heldDuring). */
export const NATIONAL_QUALIFICATIONS = ['hnte', 'tech_sme'] as const;

export type NationalCode = 'rd_super_deduction' | 'hnte_rate' | 'small_low_profit_rate';
/** `explain: false` (a batch): the super-deduction's reasons are not written; the rate reliefs' few cost little. */
export const NATIONAL_BENEFITS: Record<NationalCode, (doc: FactsDoc, year: number, explain?: boolean) => BenefitOutcome> = {
  rd_super_deduction: rdSuperDeduction,
  hnte_rate: hnteRateRelief,
  small_low_profit_rate: smallLowProfitRelief,
};
