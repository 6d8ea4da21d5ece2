// What the engine returns. Pure data: stored as-is so that a result can be replayed.
export type Confidence = 'V' | 'C' | 'R' | 'X';

export interface Citation {
  docNo: string;
  article: string;
  confidence: Confidence;
}

export type Verdict = 'pass' | 'fail' | 'unknown' | 'manual_review';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Points {
  /** A computed score, or for expert-judged items the band's range. */
  value?: number;
  min?: number;
  max?: number;
  band?: string;
}

export interface Gap {
  /** What would make the criterion pass, in the organisation's own numbers. */
  text: Bilingual;
  /** Smaller is easier: used to order the gap list. */
  effort: number;
}

export interface CriterionResult {
  id: string;
  verdict: Verdict;
  actual: number | string | boolean | null;
  threshold: string | null;
  points?: Points;
  /** Facts that were needed and missing, as paths like "years[2025].employees". */
  missing: string[];
  text: Bilingual;
  citation: Citation;
  gap?: Gap;
}

export interface RulesetResult {
  ruleset: string;
  version: string;
  asOf: string;
  verdict: Verdict;
  /** Which way the tier was met: all conditions, a direct route, or a held certificate. */
  route: 'conditions' | 'direct' | null;
  score?: Points;
  criteria: CriterionResult[];
  /** The certificate of this tier held on the evaluation date, if any. */
  held: { certificateNo: string | null; issuedOn: string | null; expiresOn: string | null } | null;
  /** Every parameter value used, with its citation. */
  params: Record<string, { value: unknown; citation: Citation }>;
}
