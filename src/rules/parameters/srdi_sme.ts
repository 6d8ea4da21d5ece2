// 专精特新中小企业 (SRDI SME): dated parameters with their legal basis.
// Source summary: shared/reference/criteria.md §3.2 (2022, 工信部企业〔2022〕63号 附件2) and §3.4
// (2026, 工信部企业〔2026〕2号). Confidence marks are the ones criteria.md gives; the 2026 text was
// not read by anyone (only corroborated summaries), so every 2026 value is [C] at best.
// Amounts in fen, ratios in basis points.
import type { Dated } from '../engine.ts';

const M63 = { docNo: '工信部企业〔2022〕63号', from: '2022-08-01', to: '2026-03-31' } as const;
const M2026 = { docNo: '工信部企业〔2026〕2号', from: '2026-04-01' } as const;
/** Boundary choices made by the platform where the text is open (criteria.md §7). */
const CHOICE = { docNo: '平台取值（criteria.md §7；民法典第一千二百五十九条"以上/以下"含本数）', confidence: 'R' } as const;

export interface Band { min: number; points: number }

export const SRDI = {
  // ---------- conditions ----------
  /**
   * Years in the segment (从事特定细分市场时间). Measured in whole years from org.registeredOn (the
   * proxy: the registry has no segment-entry date) or from expert input 'srdi.segmentYears'.
   */
  minSegmentYears: [
    { ...M63, value: 2, article: '附件2 认定条件（一）从事特定细分市场时间达到2年以上', confidence: 'V' },
    { ...M2026, value: 3, article: '专精特新中小企业申报条件（一）从事特定细分市场3年以上', confidence: 'C' },
  ],
  /**
   * OPEN CHOICE: the date to which years in the segment are counted. The 2022 SRDI text does not say;
   * the 小巨人 text says "截至上年末", so the same reference (31 December of the prior year) is used
   * for both tiers. 'priorYearEnd' | 'asOf'.
   */
  segmentYearsTo: [{ ...CHOICE, from: M63.from, value: 'priorYearEnd' as 'priorYearEnd' | 'asOf', article: '比照附件3"截至上年末"' }],
  /** Prior-year R&D expense (2022); R&D in each of the last 2 years (2026). */
  minRdAmount: [
    { ...M63, value: 1_000_000_00, article: '附件2 认定条件（二）上年度研发费用总额不低于100万元', confidence: 'V' },
    { ...M2026, value: 1_000_000_00, article: '专精特新中小企业申报条件（三）近2年每年研发费用不低于100万元', confidence: 'C' },
  ],
  minRdIntensityBp: [
    { ...M63, value: 300, article: '附件2 认定条件（二）且占营业收入总额比重不低于3%', confidence: 'V' },
    { ...M2026, value: 300, article: '专精特新中小企业申报条件（三）近2年每年研发强度不低于3%', confidence: 'C' },
  ],
  /**
   * Prior-year operating revenue. OPEN CHOICE (2022): "1000万元以上 … 或 1000万元以下但…" overlap at
   * exactly 10M; 10M is read as meeting the revenue test (以上 includes the number).
   */
  minRevenue: [
    { ...M63, value: 10_000_000_00, article: '附件2 认定条件（三）上年度营业收入总额在1000万元以上', confidence: 'V' },
    { ...M2026, value: 15_000_000_00, article: '专精特新中小企业申报条件（二）上年度营业收入不低于1500万元', confidence: 'C' },
  ],
  /** Alternative to the revenue test: new paid-in equity from qualified institutional investors over the last 2 years. */
  minEquityAlternative: [
    { ...M63, value: 20_000_000_00, article: '附件2 认定条件（三）近2年新增股权融资总额（合格机构投资者的实缴额）达到2000万元以上', confidence: 'V' },
    { ...M2026, value: 20_000_000_00, article: '专精特新中小企业申报条件（二）近2年新增股权融资实缴额不低于2000万元', confidence: 'C' },
  ],
  minScore: [{ ...M63, value: 60, article: '附件2 认定条件（四）评价得分达到60分以上', confidence: 'V' }],

  // ---------- 2022 direct routes for condition (四) ----------
  /**
   * S&T awards: best (highest) rank that still counts, by award level. OPEN CHOICE for the window:
   * "近3年" = awards issued from 1 January of the third fiscal year before the evaluation year up
   * to the evaluation date (for an evaluation in 2026: 2023-01-01 … asOf).
   */
  directAwardMaxRank: [{ ...M63, value: { st_award_provincial: 3, st_award_national: 5 }, article: '附件2 认定条件（四）1. 近3年获得过省级科技奖励并在获奖单位中排名前三，或获得国家级科技奖励并在获奖单位中排名前五', confidence: 'V' }],
  awardWindowYears: [
    { ...M63, value: 3, article: '附件2 认定条件（四）1. "近3年"', confidence: 'V' },
    { ...M2026, value: 3, article: '专精特新中小企业申报条件（四）近3年获得省级及以上科技奖励', confidence: 'C' },
  ],
  /** Average R&D over the last 2 fiscal years (compared as the 2-year total ≥ 2 × this). */
  directAvgRd: [{ ...M63, value: 10_000_000_00, article: '附件2 认定条件（四）2. 近2年研发费用总额均值在1000万元以上', confidence: 'V' }],
  directEquity: [{ ...M63, value: 60_000_000_00, article: '附件2 认定条件（四）3. 近2年新增股权融资总额（合格机构投资者的实缴额）6000万元以上', confidence: 'V' }],
  /** 创客中国 national top 500 in the last 3 years: no registry fact, expert input 'srdi.makerChinaTop500' (1 = listed). */
  directMakerChinaTop: [{ ...M63, value: 500, article: '附件2 认定条件（四）4. 近3年进入"创客中国"中小企业创新创业大赛全国500强企业组名单', confidence: 'V' }],

  // ---------- 2022 score: 13 indicators, 100 points (all [C]) ----------
  /**
   * OPEN CHOICE: the bands overlap at their edges ("80%以上 / 70%-80%"). A value exactly on an edge
   * gets the better band (the lower bound of a rising band, the upper bound of the debt bands).
   */
  edgeToBetterBand: [{ ...CHOICE, from: M63.from, to: M63.to, value: true, article: '附件2 评价指标 区间端点' }],
  mainShareBands: [{ ...M63, article: '附件2 评价指标 1. 主营业务收入占营业收入比重（5分）', confidence: 'C', value: [{ min: 8_000, points: 5 }, { min: 7_000, points: 3 }, { min: 6_000, points: 1 }] as Band[] }],
  /** Average of the 2 yearly growth rates of main-business revenue, in bp; "< 0" scores 0, so the last band starts at 0. */
  mainGrowthBands: [{ ...M63, article: '附件2 评价指标 2. 近2年主营业务收入平均增长率（10分）', confidence: 'C', value: [{ min: 1_000, points: 10 }, { min: 800, points: 8 }, { min: 600, points: 6 }, { min: 400, points: 4 }, { min: 0, points: 2 }] as Band[] }],
  segmentYearsPoints: [{ ...M63, article: '附件2 评价指标 3. 从事特定细分市场年限（5分）每满2年得1分', confidence: 'C', value: { yearsPerPoint: 2, max: 5 } }],
  leadProductFieldMax: [{ ...M63, value: 5, article: '附件2 评价指标 4. 主导产品所属领域（5分）', confidence: 'C' }],
  /** Digital level (§5 assessment, 1–4) → points. */
  digitalLevelBands: [{ ...M63, article: '附件2 评价指标 5. 数字化水平（5分）', confidence: 'C', value: [{ min: 3, points: 5 }, { min: 2, points: 3 }, { min: 1, points: 0 }] as Band[] }],
  qualityItemPoints: [{ ...M63, value: { each: 3, max: 5 }, article: '附件2 评价指标 6. 质量管理水平（5分，每满足一项加3分，最高不超过5分）', confidence: 'C' }],
  netMarginBands: [{ ...M63, article: '附件2 评价指标 7. 上年度净利润率（10分）', confidence: 'C', value: [{ min: 1_000, points: 10 }, { min: 800, points: 8 }, { min: 600, points: 6 }, { min: 400, points: 4 }, { min: 200, points: 2 }] as Band[] }],
  /** Debt ratio bands are falling: `min` here is the upper limit of the band (≤ with the edge choice). */
  debtBands: [{ ...M63, article: '附件2 评价指标 8. 上年度资产负债率（5分）', confidence: 'C', value: [{ min: 5_000, points: 5 }, { min: 6_000, points: 3 }, { min: 7_000, points: 1 }] as Band[] }],
  provincialMax: [{ ...M63, value: 15, article: '附件2 评价指标 9. 特色化指标（15分，由各省级主管部门确定；福建省指标未取得）', confidence: 'X' }],
  ipPoints: [{ ...M63, article: '附件2 评价指标 10. 与主导产品相关的有效知识产权数量（10分）', confidence: 'C', value: { highValueClassI: 10, selfDevelopedClassI: 8, classI: 6, classII: 2 } }],
  /** Prior-year R&D: the better of the amount band (fen) and the share band (bp). */
  rdAmountBands: [{ ...M63, article: '附件2 评价指标 11. 上年度研发费用投入（10分）', confidence: 'C', value: [{ min: 5_000_000_00, points: 10 }, { min: 4_000_000_00, points: 8 }, { min: 3_000_000_00, points: 6 }, { min: 2_000_000_00, points: 4 }, { min: 1_000_000_00, points: 2 }] as Band[] }],
  rdShareBands: [{ ...M63, article: '附件2 评价指标 11. 上年度研发费用投入（10分）', confidence: 'C', value: [{ min: 1_000, points: 10 }, { min: 800, points: 8 }, { min: 600, points: 6 }, { min: 400, points: 4 }, { min: 300, points: 2 }] as Band[] }],
  rdStaffBands: [{ ...M63, article: '附件2 评价指标 12. 研发人员占比（5分）', confidence: 'C', value: [{ min: 2_000, points: 5 }, { min: 1_000, points: 3 }, { min: 500, points: 1 }] as Band[] }],
  /** "市级以下" (2 points) has no qualification kind in the registry: only the three recognised levels are read. */
  rdInstitutionPoints: [{ ...M63, article: '附件2 评价指标 13. 建立研发机构级别（10分）', confidence: 'C', value: { rd_institution_national: 10, rd_institution_provincial: 8, rd_institution_municipal: 4 } }],

  // ---------- 2026 conditions ----------
  /**
   * Condition (一): the prior title "科技和创新型中小企业". The registry has no kind for the merged
   * 2026 tier; OPEN CHOICE: a valid 创新型中小企业 or 科技型中小企业 title stands in for it.
   */
  priorTitleKinds: [{ ...M2026, value: ['innovative_sme', 'tech_sme'], article: '专精特新中小企业申报条件（一）已认定为科技和创新型中小企业', confidence: 'C' }],
  minMainShareBp: [{ ...M2026, value: 8_000, article: '专精特新中小企业申报条件（二）主营业务收入占比不低于80%', confidence: 'C' }],
  maxDebtBp: [{ ...M2026, value: 8_000, article: '专精特新中小企业申报条件（二）资产负债率不高于80%', confidence: 'C' }],
  minClassI: [{ ...M2026, value: 1, article: '专精特新中小企业申报条件（四）拥有1项以上与主导产品相关的I类知识产权并实际应用', confidence: 'C' }],
  /** IP exemption: provincial-or-higher award, top 3, in the last 3 years (or a provincial-or-higher R&D institution). */
  ipExemptAwardMaxRank: [{ ...M2026, value: { st_award_provincial: 3, st_award_national: 3 }, article: '专精特新中小企业申报条件（四）近3年获得省级及以上科技奖励且排名前三的可不受此限', confidence: 'C' }],
  ipExemptInstitutionKinds: [{ ...M2026, value: ['rd_institution_national', 'rd_institution_provincial'], article: '专精特新中小企业申报条件（四）建有省级及以上研发机构的可不受此限', confidence: 'C' }],
  /** Condition (六): the current year's 专精特新 development-quality evaluation; its index was not retrieved [X]. */
  minQualityScore: [{ ...M2026, value: 50, article: '专精特新中小企业申报条件（六）专精特新发展质量评价得分不低于50分', confidence: 'C' }],
} satisfies Record<string, readonly Dated<unknown>[]>;
