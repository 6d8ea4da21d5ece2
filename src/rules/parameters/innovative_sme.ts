// Innovative SME (创新型中小企业): dated parameters with their legal basis.
// Source summary: shared/reference/criteria.md §3.1 (2022 standard) and §3.4 / §2.4 (2026).
import type { Dated } from '../engine.ts';

/** 《优质中小企业梯度培育管理暂行办法》 annex 1; in force until the 2026 办法 takes over. */
const A1 = { docNo: '工信部企业〔2022〕63号', from: '2022-08-01', to: '2026-03-31' } as const;
/** 《优质中小企业梯度培育管理办法》 (confidence C: the official text was not read). */
const B2026 = { docNo: '工信部企业〔2026〕2号', from: '2026-04-01' } as const;

/**
 * A banded indicator. `min` is the band's boundary value (bp for ratios); bands are listed best
 * score first. `dir` says which way is better: 'up' (higher values score more) or 'down' (debt).
 */
export interface Bands { dir: 'up' | 'down'; bands: { at: number; points: number }[] }

export const INNOVATIVE_SME = {
  /**
   * Open choice. Annex 1 writes bands as "5%以上 / 3%-5% / …": a value exactly on an edge (5 %, 3 %,
   * 55 % debt, 0 % growth…) fits two bands. 'higherScore' (default, common practice per
   * criteria.md §3.1, and 民法典 Art. 1259 reading "以上/以下" as inclusive) gives the edge value
   * the better-scoring band; 'lowerScore' gives it the worse one.
   */
  boundary: [{ ...A1, value: 'higherScore' as 'higherScore' | 'lowerScore', article: '附件1 评价指标（"以上/以下"边界取值，平台可配置）', confidence: 'C' }],
  minTotal: [{ ...A1, value: 60, article: '附件1 一、评价得分达到60分以上', confidence: 'V' }],
  /** Sub-thresholds: innovation ≥ 20, growth ≥ 15, specialisation ≥ 15 (not 24/18/18). */
  minDimension: [{ ...A1, value: { innovation: 20, growth: 15, specialisation: 15 }, article: '附件1 一、其中创新能力指标得分不低于20分、成长性指标及专业化指标得分均不低于15分', confidence: 'V' }],
  /** Valid IP related to the lead product (20). */
  ipPoints: [{ ...A1, value: { highValueClassI: 20, selfDevelopedClassI: 15, classI: 10, classII: 5 }, article: '附件1 评价指标 一、创新能力 1.与企业主导产品相关的有效知识产权数量', confidence: 'V' }],
  /** Prior-year R&D ÷ operating revenue (20), bp. */
  rdBands: [{ ...A1, value: { dir: 'up', bands: [{ at: 500, points: 20 }, { at: 300, points: 15 }, { at: 200, points: 10 }, { at: 100, points: 5 }] } as Bands, article: '附件1 评价指标 一、创新能力 2.上年度研发费用投入', confidence: 'V' }],
  /** Prior-year main-business revenue growth (20), bp; 0 % is the edge between 5 and 0 points. */
  growthBands: [{ ...A1, value: { dir: 'up', bands: [{ at: 1_500, points: 20 }, { at: 1_000, points: 15 }, { at: 500, points: 10 }, { at: 0, points: 5 }] } as Bands, article: '附件1 评价指标 二、成长性 3.上年度主营业务收入增长率', confidence: 'V' }],
  /** Prior-year debt-to-asset ratio (10), bp; lower is better. */
  debtBands: [{ ...A1, value: { dir: 'down', bands: [{ at: 5_500, points: 10 }, { at: 7_500, points: 5 }] } as Bands, article: '附件1 评价指标 二、成长性 4.上年度资产负债率', confidence: 'V' }],
  /** Lead product in 《战略性新兴产业分类》: 10, otherwise 5 (expert key isme.strategicField). */
  fieldPoints: [{ ...A1, value: { inList: 10, other: 5 }, article: '附件1 评价指标 三、专业化 5.主导产品所属领域', confidence: 'V' }],
  /** Main-business revenue ÷ operating revenue (20), bp. */
  mainShareBands: [{ ...A1, value: { dir: 'up', bands: [{ at: 7_000, points: 20 }, { at: 6_000, points: 15 }, { at: 5_500, points: 10 }, { at: 5_000, points: 5 }] } as Bands, article: '附件1 评价指标 三、专业化 6.主营业务收入占营业收入比重', confidence: 'V' }],
  /** Direct route 1: a national or provincial S&T award within this many years. */
  awardWindowYears: [{ ...A1, value: 3, article: '附件1 二、（一）近三年内获得过国家级、省级科技奖励', confidence: 'V' }],
  /** Direct route 4: new equity financing over the last N fiscal years, fen. */
  equity: [{ ...A1, value: { years: 3, minFen: 5_000_000_00 }, article: '附件1 二、（四）近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上', confidence: 'V' }],

  // ---------- 2026: 科技和创新型中小企业 ----------
  /**
   * What is known of the 2026 evaluation: only that 工信部企业〔2026〕2号 merges 科技型中小企业 and
   * 创新型中小企业 into "科技和创新型中小企业" (criteria.md §2.4, §3.4). Its conditions, indicators,
   * bands and pass marks were not read: none are encoded, and the evaluation says so.
   */
  criteria2026: [{ ...B2026, value: null, article: '"科技和创新型中小企业"评价条件（原文未获取）', confidence: 'X' }],
  /**
   * The 2026 evaluation notice (工企业函〔2026〕160号, a single third-party source, R) lists what
   * triggers an on-site check: ≤ 5 staff, no IP, R&D < 100,000 yuan, or a first-time applicant.
   * These are review triggers, not eligibility thresholds.
   */
  onsiteTriggers2026: [{ docNo: '工企业函〔2026〕160号', from: '2026-04-01', value: { maxStaff: 5, minRdFen: 100_000_00 }, article: '现场核查情形（单一第三方来源）', confidence: 'R' }],
} satisfies Record<string, readonly Dated<unknown>[]>;
