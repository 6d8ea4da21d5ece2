import type { Bi } from './messages';

export interface Option extends Bi { key: string; fraction: number }
export interface Item extends Bi { key: string; group: Bi; points: number; type: 'percent' | 'compare' | 'choice' | 'score'; options?: Option[]; hint?: Bi; confidence: string }
export interface Dimension extends Bi { key: string; max: number; weightOfficial: boolean; items: Item[] }
export interface Scenario extends Bi { key: string; area: Bi; kind: 'binding' | 'guiding'; dimension: string }
export interface LevelRule { thresholds: number[]; edge: string; official: boolean; basis: Bi }
export interface Questionnaire {
  key: string; title: Bi; docNo: string; publishedOn: string; confidence: string; successor: string | null; retired: boolean;
  levelRule: LevelRule; notes: Bi; dimensions: Dimension[]; scenarios: Scenario[];
}
export interface DimensionScore extends Bi { key: string; score: number; max: number; ratio: number; items: (Bi & { key: string; points: number; max: number; answered: boolean })[] }
export interface ScoreResult { version: string; dimensions: DimensionScore[]; total: number; level: number; levelRule: LevelRule; complete: boolean; missing: (Bi & { key: string })[] }
export interface Diagnosis {
  id: string; org: { uscc: string; name: string; district: string; industryCode: string | null }; version: string; versionTitle: Bi; versionRetired: boolean;
  mode: 'self' | 'assessor'; assessorOrg: string | null; assessorName: string | null; fiscalYear: number; status: 'draft' | 'submitted';
  answers: Record<string, number | string>; scenarioLevels: Record<string, number>; migrations: { from: string; to: string; dropped: string[] }[];
  result: ScoreResult | null; level: number | null; totalScore: number | null; synthetic: boolean; createdAt: string; updatedAt: string; submittedAt: string | null;
}
export interface Solution {
  id: string; providerName: string; name: string; summary: string; industries: string[]; scenarios: string[]; dimensions: string[];
  priceMinFen: number; priceMaxFen: number; deployment: 'saas' | 'on_premise' | 'hybrid'; cases: { client: string; industry: string; result: string }[]; synthetic: boolean;
}
export interface Recommendations {
  weakDimensions: (Bi & { key: string; score: number; max: number; ratio: number })[];
  weakScenarios: (Bi & { key: string; reason: Bi })[];
  items: { solution: Solution; score: number; reasons: Bi[] }[];
}
type Levels = { 1: number; 2: number; 3: number; 4: number };
export interface Dashboard {
  levels: { overall: Levels; diagnosedOrgs: number; byDistrict: (Levels & { district: string })[]; byIndustry: (Levels & { division: string; section: string; name: Bi })[] };
  pilot: { target: number; enrolled: number; diagnosedAfter: number; improved: number; accepted: number; subsidyFen: number; progress: number };
  comparison: { key: string; platform: number; note: Bi; letter: Bi & { value: number; unit: string; qualifier: string | null; period: string; source: { title: string; docNo: string; date: string } } }[];
}
