// The yearly evaluation of an innovation carrier: pure, no I/O. Each criterion earns its points
// in proportion to how far the report reaches its mark (full points at or above the mark), the
// score is their sum (0–100) and the grade follows the bands. Every criterion is explained: the
// value reported, the mark, the points, and where the numbers come from.
//
// No official city-wide numbers for grading carriers were found (the province and the city grade
// each kind under its own management measures, not published as one scale), so the built-in
// parameters are the PLATFORM'S OWN EXAMPLE, labelled so in every result, until the bureau sets a
// version of its own (POST /api/carriers/eval-params).
import type { EvalParams } from './carriers.schema.ts';

export interface EvalVersion {
  effectiveFrom: string;
  params: EvalParams;
  docNo: string | null;
  note: string | null;
  /** True for the built-in example, which no one has set. */
  example: boolean;
}

export const EVAL_EXAMPLE: EvalVersion = {
  effectiveFrom: '2020-01-01',
  params: {
    minStaff: 30,
    minRdSpendFen: 5_000_000_00, // ¥5,000,000
    minPatents: 10,
    minEnterprisesServed: 50,
    minTransfers: 5,
    points: { staff: 15, rdSpend: 30, patents: 20, served: 20, transfers: 15 },
    grades: { A: 85, B: 70, C: 60 },
  },
  docNo: null,
  note: '平台示例参数（非官方）：尚未找到本市统一的载体年度评价标准，待科技局发布正式参数后替换。 / The platform\'s own example parameters (not official): no city-wide scale was found; replace with the bureau\'s.',
  example: true,
};

export interface ReportFigures {
  staff: number;
  rdSpendFen: number;
  patentsGranted: number;
  enterprisesServed: number;
  achievementsTransferred: number;
}

export interface CriterionOutcome {
  id: 'staff' | 'rd_spend' | 'patents' | 'served' | 'transfers';
  text: { zh: string; en: string };
  actual: number;
  unit: 'persons' | 'fen' | 'count';
  threshold: { zh: string; en: string };
  points: { value: number; max: number };
  verdict: 'pass' | 'partial' | 'fail';
}

export interface EvalResult {
  year: number;
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  gradeName: { zh: string; en: string };
  criteria: CriterionOutcome[];
  version: { effectiveFrom: string; docNo: string | null; example: boolean; note: string | null };
  params: EvalParams;
}

const GRADE_NAMES = { A: { zh: '优秀', en: 'Excellent' }, B: { zh: '良好', en: 'Good' }, C: { zh: '合格', en: 'Pass' }, D: { zh: '不合格', en: 'Fail' } } as const;
const wan = (fen: number) => (fen / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The version in force on `asOf`: the latest stored one starting on or before it, else the example. */
export function versionFor(stored: EvalVersion[], asOf: string): EvalVersion {
  const candidates = stored.filter((v) => v.effectiveFrom <= asOf).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return candidates[0] ?? EVAL_EXAMPLE;
}

export function gradeOf(score: number, g: EvalParams['grades']): EvalResult['grade'] {
  return score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';
}

export function evaluate(year: number, r: ReportFigures, v: EvalVersion): EvalResult {
  const p = v.params;
  const crit = (id: CriterionOutcome['id'], actual: number, mark: number, max: number, unit: CriterionOutcome['unit'], text: CriterionOutcome['text'], threshold: CriterionOutcome['threshold']): CriterionOutcome => {
    // Whole points, rounded down, so a value just under the mark never rounds up to full points.
    const value = actual >= mark ? max : Math.floor((max * actual) / mark);
    return { id, text, actual, unit, threshold, points: { value, max }, verdict: actual >= mark ? 'pass' : value > 0 ? 'partial' : 'fail' };
  };
  const criteria = [
    crit('staff', r.staff, p.minStaff, p.points.staff, 'persons', { zh: '年末在岗人员', en: 'Staff at year end' }, { zh: `≥ ${p.minStaff} 人`, en: `≥ ${p.minStaff} persons` }),
    crit('rd_spend', r.rdSpendFen, p.minRdSpendFen, p.points.rdSpend, 'fen', { zh: '年度研发投入', en: 'R&D spending in the year' }, { zh: `≥ ${wan(p.minRdSpendFen)} 万元`, en: `≥ ¥${(p.minRdSpendFen / 100).toLocaleString('en-US')}` }),
    crit('patents', r.patentsGranted, p.minPatents, p.points.patents, 'count', { zh: '年度授权专利', en: 'Patents granted in the year' }, { zh: `≥ ${p.minPatents} 件`, en: `≥ ${p.minPatents}` }),
    crit('served', r.enterprisesServed, p.minEnterprisesServed, p.points.served, 'count', { zh: '年度服务企业数', en: 'Enterprises served in the year' }, { zh: `≥ ${p.minEnterprisesServed} 家`, en: `≥ ${p.minEnterprisesServed}` }),
    crit('transfers', r.achievementsTransferred, p.minTransfers, p.points.transfers, 'count', { zh: '年度成果转化项数', en: 'Achievements transferred in the year' }, { zh: `≥ ${p.minTransfers} 项`, en: `≥ ${p.minTransfers}` }),
  ];
  const score = criteria.reduce((s, c) => s + c.points.value, 0);
  const grade = gradeOf(score, p.grades);
  return {
    year, score, grade, gradeName: GRADE_NAMES[grade], criteria, params: p,
    version: { effectiveFrom: v.effectiveFrom, docNo: v.docNo, example: v.example, note: v.note },
  };
}
