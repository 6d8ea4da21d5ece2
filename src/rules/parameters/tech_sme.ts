// Tech-based SME (科技型中小企业): dated parameters with their legal basis.
// Source summary: shared/reference/criteria.md §2 (confidence marks from there) and §4 (excluded industries).
import type { Dated } from '../engine.ts';

const BAN_FA = { docNo: '国科发政〔2017〕115号', from: '2017-05-01' } as const;
/**
 * 《科技型中小企业评价服务工作指引》 国科火字〔2022〕67号. criteria.md gives no issue date: the
 * platform applies it from 2022-01-01 (the start of the first evaluation year it governs) [R].
 */
const ZHIYIN = { docNo: '国科火字〔2022〕67号', from: '2022-01-01' } as const;

/** Score bands: the lower bound is inclusive (含); the first band the ratio reaches wins. */
export interface PointBand { minBp: number; points: number }

/** A GB/T 4754-2017 division (two-digit code) excluded from the R&D super-deduction. */
export interface ExcludedIndustry { prefix: string; zh: string; en: string }

export const TECH_SME = {
  maxEmployees: [{ ...BAN_FA, value: 500, article: '第六条（二）职工总数不超过500人', confidence: 'V' }],
  /** Annual sales (operating revenue), fen, inclusive. */
  maxSales: [{ ...BAN_FA, value: 200_000_000_00, article: '第六条（二）年销售收入不超过2亿元', confidence: 'V' }],
  /** Total assets, fen, inclusive. */
  maxTotalAssets: [{ ...BAN_FA, value: 200_000_000_00, article: '第六条（二）资产总额不超过2亿元', confidence: 'V' }],
  /**
   * Excluded industries of 财税〔2015〕119号 §4, as GB/T 4754-2017 divisions (the first two digits
   * of the four-digit class code in org.industryCode; a leading section letter is ignored):
   * 烟草制品业 16 (section C); 住宿业 61 and 餐饮业 62 (section H); 批发业 51 and 零售业 52 (section F);
   * 房地产业 70 (section K); 租赁业 71 and 商务服务业 72 (section L); 娱乐业 90 (section R — only
   * division 90, not 文化/体育 86–89). The "≥ 50 % of revenue from the excluded industry" test of
   * STA公告2015年第97号 [R] needs revenue by industry, which the facts lack: the registered
   * industry code stands in for it. "Other industries named by MOF and STA" are not listed.
   */
  excludedIndustries: [{
    ...ZHIYIN, article: '指引 条件（三）：不属于财税〔2015〕119号规定的不适用研发费用加计扣除的行业', confidence: 'C',
    value: [
      { prefix: '16', zh: '烟草制品业', en: 'tobacco manufacturing' },
      { prefix: '61', zh: '住宿业', en: 'accommodation' },
      { prefix: '62', zh: '餐饮业', en: 'catering' },
      { prefix: '51', zh: '批发业', en: 'wholesale' },
      { prefix: '52', zh: '零售业', en: 'retail' },
      { prefix: '70', zh: '房地产业', en: 'real estate' },
      { prefix: '71', zh: '租赁业', en: 'leasing' },
      { prefix: '72', zh: '商务服务业', en: 'business services' },
      { prefix: '90', zh: '娱乐业', en: 'entertainment' },
    ] as ExcludedIndustry[],
  }],
  /**
   * TSME-04 covers the prior fiscal year and the current year. Current-year facts rarely exist
   * when a firm applies, so by default the current year is checked only when its record holds
   * the flags (a platform choice, not in the text); true makes missing current-year flags unknown.
   */
  requireCurrentYearCompliance: [{ ...BAN_FA, value: false, article: '第六条（四）上一会计年度及当年内（平台取舍：当年数据缺失时只查已填报的）', confidence: 'V' }],
  minScore: [{ ...BAN_FA, value: 60, article: '第六条（五）综合评价得分不低于60分，且科技人员指标得分不得为0分', confidence: 'V' }],
  /** S&T staff ÷ employees (20 points). */
  staffBands: [{
    ...BAN_FA, article: '附件 评价指标（一）科技人员指标', confidence: 'V',
    value: [{ minBp: 3_000, points: 20 }, { minBp: 2_500, points: 16 }, { minBp: 2_000, points: 12 }, { minBp: 1_500, points: 8 }, { minBp: 1_000, points: 4 }] as PointBand[],
  }],
  /** R&D option (a): R&D ÷ sales revenue (50 points). */
  rdSalesBands: [{
    ...BAN_FA, article: '附件 评价指标（二）研发投入指标 A', confidence: 'V',
    value: [{ minBp: 600, points: 50 }, { minBp: 500, points: 40 }, { minBp: 400, points: 30 }, { minBp: 300, points: 20 }, { minBp: 200, points: 10 }] as PointBand[],
  }],
  /** R&D option (b): R&D ÷ total cost and expense (50 points); the better of (a) and (b) counts. */
  rdCostBands: [{
    ...BAN_FA, article: '附件 评价指标（二）研发投入指标 B', confidence: 'V',
    value: [{ minBp: 3_000, points: 50 }, { minBp: 2_500, points: 40 }, { minBp: 2_000, points: 30 }, { minBp: 1_500, points: 20 }, { minBp: 1_000, points: 10 }] as PointBand[],
  }],
  /** Valid IP (30 points): ≥ 1 Class I: 30; otherwise by the number of Class II items. */
  ipPoints: [{
    ...BAN_FA, article: '附件 评价指标（三）科技成果指标', confidence: 'V',
    value: { classI: 30, classII: [{ min: 4, points: 24 }, { min: 3, points: 18 }, { min: 2, points: 12 }, { min: 1, points: 6 }] },
  }],
  /** Direct route 2: national S&T award within this many years, ranked within `maxRank` of the units. */
  awardWindowYears: [{ ...BAN_FA, value: 5, article: '第七条（二）近五年内获得过国家级科技奖励，并在获奖单位中排名前三', confidence: 'V' }],
  awardMaxRank: [{ ...BAN_FA, value: 3, article: '第七条（二）', confidence: 'V' }],
  /**
   * Direct route 4: led an international, national or industry standard within this many years.
   * Approximation: `standardsLed` > 0 in any fiscal year of the window (the facts do not say when
   * each standard was issued, nor whether the count is new in the year or held).
   */
  standardWindowYears: [{ ...BAN_FA, value: 5, article: '第七条（四）近五年内主导制定过国际标准、国家标准或行业标准', confidence: 'V' }],
} satisfies Record<string, readonly Dated<unknown>[]>;
