// The cultivation API's shapes (src/modules/cultivation/cultivation.schema.ts).
export interface LocalText {
  zh: string;
  en: string;
}

export interface FunnelTier {
  ruleset: string;
  title: LocalText;
  held: number;
  pass: number;
  fail: number;
  unknown: number;
  manualReview: number;
  reserve: number;
}

export interface Funnel {
  asOf: string | null;
  evaluated: number;
  tiers: FunnelTier[];
}

export interface ReserveItem {
  uscc: string;
  name: string;
  district: string;
  industryCode: string | null;
  gapCount: number;
  effort: number;
  gaps: { criterion: string; text: LocalText }[];
}

export interface ReservePage {
  asOf: string | null;
  total: number;
  items: ReserveItem[];
}

export interface EvaluateResult {
  asOf: string;
  organisations: number;
  evaluations: number;
}

const INTEGER = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => INTEGER.format(n);

/** The query parameters one page hands to the other (date, district, industry). */
export function carryQuery(params: URLSearchParams, keys: readonly string[] = ['asOf', 'district', 'industry', 'chain']): string {
  const out = new URLSearchParams();
  for (const key of keys) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

export interface LeaderParams {
  minRevenue: number;
  minRdExpense: number;
  minRdIntensityBp: number;
  minInventionPatents: number;
  requireHnte: boolean;
  requireRdInstitution: boolean;
}

/** A parameter version of the S&T leader tier (GET /api/rules/params/tech_leader). */
export interface LeaderVersion {
  effectiveFrom: string;
  effectiveTo: string | null;
  params: LeaderParams;
  docNo: string | null;
  article: string | null;
  note: string | null;
  example: boolean;
  current: boolean;
  createdBy: string | null;
  createdAt: string | null;
}

export interface BreakdownGroup {
  key: string;
  label: LocalText;
  evaluated: number;
  tiers: Record<string, { held: number; pass: number; reserve: number }>;
}

/** GET /api/cultivation/breakdown */
export interface Breakdown {
  asOf: string | null;
  by: 'district' | 'section' | 'division' | 'chain';
  groups: BreakdownGroup[];
}

export interface LetterItem {
  id: string;
  title: LocalText;
  period: string;
  letter: { value: number; unit: string; qualifier: string | null };
  platform: { value: number; definition: LocalText; byYear: { year: number; value: number }[] | null };
  difference: number;
  explanation: LocalText;
}

/** GET /api/cultivation/letter */
export interface LetterComparison {
  source: { titleZh: string; titleEn: string; docNo: string; issuer: string; date: string };
  district: string | null;
  registry: { organisations: number; synthetic: number };
  items: LetterItem[];
}
