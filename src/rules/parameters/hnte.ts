// High and new technology enterprise (高新技术企业): dated parameters with their legal basis.
// Source summary: shared/reference/criteria.md §1 (confidence marks from there).
import type { Dated } from '../engine.ts';

const BAN_FA = { docNo: '国科发火〔2016〕32号', from: '2016-01-01' } as const;
const ZHIYIN = { docNo: '国科发火〔2016〕195号', from: '2016-06-22' } as const;

export const HNTE = {
  minAgeDays: [{ ...ZHIYIN, from: '2016-01-01', value: 365, article: '指引：注册成立一年以上（365个日历天）', confidence: 'C' }],
  minStStaffBp: [{ ...BAN_FA, value: 1_000, article: '第十一条（四）', confidence: 'V' }],
  /** R&D ÷ sales over the last three fiscal years, by the latest year's sales (fen, upper bound inclusive). */
  rdIntensityBands: [{
    ...BAN_FA, article: '第十一条（五）', confidence: 'V',
    value: [
      { maxSales: 50_000_000_00, minBp: 500 },
      { maxSales: 200_000_000_00, minBp: 400 },
      { maxSales: Number.MAX_SAFE_INTEGER, minBp: 300 },
    ],
  }],
  minDomesticRdBp: [{ ...BAN_FA, value: 6_000, article: '第十一条（五）', confidence: 'V' }],
  minHighTechRevenueBp: [{ ...BAN_FA, value: 6_000, article: '第十一条（六）', confidence: 'V' }],
  /** "> 70" with whole-number scores: 71 is the pass mark. */
  minInnovationScore: [{ ...BAN_FA, value: 71, article: '第十一条（七）', confidence: 'V' }],
  certificateYears: [{ ...BAN_FA, value: 3, article: '第十五条（有效期三年）', confidence: 'C' }],
  /** Achievement-transformation bands: annual average → points range (指引 B). */
  transformationBands: [{
    ...ZHIYIN, article: '指引 附件 企业创新能力评价（二）科技成果转化能力', confidence: 'V',
    value: [
      { min: 5, band: 'A', lo: 25, hi: 30 }, { min: 4, band: 'B', lo: 19, hi: 24 }, { min: 3, band: 'C', lo: 13, hi: 18 },
      { min: 2, band: 'D', lo: 7, hi: 12 }, { min: 1, band: 'E', lo: 1, hi: 6 }, { min: 0, band: 'F', lo: 0, hi: 0 },
    ],
  }],
  /** Growth bands for net-asset and sales growth (each ≤ 10 points). */
  growthBands: [{
    ...ZHIYIN, article: '指引 附件 企业创新能力评价（四）企业成长性', confidence: 'C',
    value: [
      { minBp: 3_500, band: 'A', lo: 9, hi: 10 }, { minBp: 2_500, band: 'B', lo: 7, hi: 8 }, { minBp: 1_500, band: 'C', lo: 5, hi: 6 },
      { minBp: 500, band: 'D', lo: 3, hi: 4 }, { minBp: 1, band: 'E', lo: 1, hi: 2 },
    ],
  }],
} satisfies Record<string, readonly Dated<unknown>[]>;
