// 专精特新"小巨人" (little giant): dated parameters with their legal basis.
// Source summary: shared/reference/criteria.md §3.3 (2022, 工信部企业〔2022〕63号 附件3, [V]) and §3.4
// (2026, 工信部企业〔2026〕2号, [C]: the official text was not read).
// Amounts in fen, ratios in basis points.
import type { Dated } from '../engine.ts';

const M63 = { docNo: '工信部企业〔2022〕63号', from: '2022-08-01', to: '2026-03-31' } as const;
const M2026 = { docNo: '工信部企业〔2026〕2号', from: '2026-04-01' } as const;
const CHOICE = { docNo: '平台取值（criteria.md §7；民法典第一千二百五十九条"以上/以下"含本数）', confidence: 'R' } as const;

/** R&D band by prior-year revenue (fen): the first band whose `minRevenue` the revenue reaches applies. */
export interface RdBand { minRevenue: number; minBp?: number; equity?: number; rdTotal?: number; rdStaffBp?: number }

export const LG = {
  // ---------- 2022 (附件3) ----------
  /** Whole years in the segment to 31 December of the prior year (org.registeredOn, or expert 'srdi.segmentYears'). */
  minSegmentYears: [
    { ...M63, value: 3, article: '附件3 一、专业化指标：截至上年末，企业从事特定细分市场时间达到3年以上', confidence: 'V' },
    { ...M2026, value: 3, article: '"小巨人"申报条件（一）从事特定细分市场3年以上', confidence: 'C' },
  ],
  minMainShareBp: [
    { ...M63, value: 7_000, article: '附件3 一、专业化指标：主营业务收入总额占营业收入总额比重不低于70%', confidence: 'V' },
    { ...M2026, value: 9_000, article: '"小巨人"申报条件（二）主营业务收入占比不低于90%', confidence: 'C' },
  ],
  /** Average of the 2 yearly growth rates of main-business revenue (2022). */
  minMainGrowthBp: [{ ...M63, value: 500, article: '附件3 一、专业化指标：近2年主营业务收入平均增长率不低于5%', confidence: 'V' }],
  maxDebtBp: [
    { ...M63, value: 7_000, article: '附件3 二、精细化指标：资产负债率不高于70%', confidence: 'V' },
    { ...M2026, value: 7_500, article: '"小巨人"申报条件（二）资产负债率不高于75%', confidence: 'C' },
  ],
  /** 2022: national market share in the segment; 2026: domestic or international share (or top 3 domestically, expert). */
  minMarketShareBp: [
    { ...M63, value: 1_000, article: '附件3 三、特色化指标：在细分市场的全国市场占有率达到10%以上', confidence: 'V' },
    { ...M2026, value: 1_000, article: '"小巨人"申报条件（五）国内或国际市场占有率10%以上，或国内排名前三', confidence: 'C' },
  ],
  /**
   * Innovation general condition (1) by prior-year operating revenue. OPEN CHOICE: the text's ranges
   * overlap ("1亿元以上 / 5000万元-1亿元 / 5000万元以下"); each range includes its lower bound, so
   * exactly 100M is in the ≥ 100M band (3 %) and exactly 50M in the 50M–100M band (6 %).
   * The < 50M band needs all three: 2-year equity, 2-year R&D total and prior-year R&D staff share.
   */
  rdBands: [{
    ...M63, confidence: 'V',
    article: '附件3 四、创新能力指标（一）1. 上年度营业收入1亿元以上近2年研发强度均不低于3%；5000万元-1亿元均不低于6%；5000万元以下近2年新增股权融资8000万元以上、研发费用3000万元以上、研发人员占比50%以上',
    value: [
      { minRevenue: 100_000_000_00, minBp: 300 },
      { minRevenue: 50_000_000_00, minBp: 600 },
      { minRevenue: 0, equity: 80_000_000_00, rdTotal: 30_000_000_00, rdStaffBp: 5_000 },
    ] as RdBand[],
  }],
  rdBandLowerBoundInclusive: [{ ...CHOICE, from: M63.from, to: M63.to, value: true, article: '附件3 四、创新能力指标 营业收入区间端点' }],
  minClassI: [
    { ...M63, value: 2, article: '附件3 四、创新能力指标（一）3. 拥有2项以上与主导产品相关的I类知识产权，且实际应用并已产生经济效益', confidence: 'V' },
    { ...M2026, value: 4, article: '"小巨人"申报条件（四）拥有4项以上I类知识产权并实际应用', confidence: 'C' },
  ],
  /**
   * National S&T award ranked top N in the last 3 years (2022: direct innovation route; 2026: IP
   * exemption). OPEN CHOICE for the window, as in srdi_sme: from 1 January of the third fiscal
   * year before the evaluation year up to the evaluation date.
   */
  awardMaxRank: [
    { ...M63, value: 3, article: '附件3 四、创新能力指标（二）1. 近3年获得国家级科技奖励，并在获奖单位中排名前三', confidence: 'V' },
    { ...M2026, value: 3, article: '"小巨人"申报条件（四）近3年获得国家级科技奖励且排名前三的可不受此限', confidence: 'C' },
  ],
  awardWindowYears: [
    { ...M63, value: 3, article: '附件3 四、创新能力指标（二）1. "近3年"', confidence: 'V' },
    { ...M2026, value: 3, article: '"小巨人"申报条件（四）"近3年"', confidence: 'C' },
  ],
  /** 创客中国 national top 50: expert input 'lg.makerChinaTop50' (1 = listed). */
  directMakerChinaTop: [{ ...M63, value: 50, article: '附件3 四、创新能力指标（二）2. 近3年进入"创客中国"中小企业创新创业大赛全国50强企业组名单', confidence: 'V' }],

  // ---------- 2026 (2号) ----------
  requiredTitle: [{ ...M2026, value: 'srdi_sme', article: '"小巨人"申报条件（一）已认定为专精特新中小企业', confidence: 'C' }],
  minRevenue: [{ ...M2026, value: 50_000_000_00, article: '"小巨人"申报条件（二）上年度营业收入不低于5000万元', confidence: 'C' }],
  /** (R_y / R_{y−2})^½ − 1 over the last 2 years of operating revenue. */
  minRevenueCagrBp: [{ ...M2026, value: 500, article: '"小巨人"申报条件（二）近2年营业收入复合增长率不低于5%（复核时不作要求）', confidence: 'C' }],
  minRdTotal2y: [{ ...M2026, value: 12_000_000_00, article: '"小巨人"申报条件（三）近2年研发费用总额不低于1200万元', confidence: 'C' }],
  minRdIntensityBp: [{ ...M2026, value: 300, article: '"小巨人"申报条件（三）近2年每年研发强度不低于3%', confidence: 'C' }],
  /** The 专精特新 development-quality evaluation; its index was not retrieved [X]: expert input 'srdi.qualityScore'. */
  minQualityScore: [{ ...M2026, value: 60, article: '"小巨人"申报条件（七）专精特新发展质量评价得分不低于60分', confidence: 'C' }],
} satisfies Record<string, readonly Dated<unknown>[]>;
