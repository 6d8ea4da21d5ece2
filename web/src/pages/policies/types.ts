// API shapes of the policies module (money in fen).
export interface Bilingual { zh: string; en: string }

export interface PolicyListItem {
  id: string; slug: string; docNo: string | null; title: string; issuer: string; level: 'national' | 'provincial' | 'city' | 'district';
  status: 'draft' | 'published' | 'repealed'; effectiveFrom: string | null; expiresOn: string | null; versions: number; benefits: number; snippet: string | null;
}

export interface PolicyDetail extends Omit<PolicyListItem, 'versions' | 'benefits' | 'snippet' | 'effectiveFrom' | 'expiresOn'> {
  publishedOn: string | null; source: string | null; confidence: 'V' | 'C' | 'R' | 'X' | null;
  tags: { chains: string[]; tiers: string[]; topics: string[] };
  versions: { versionNo: number; effectiveFrom: string; expiresOn: string | null; summary: string | null; clauses: { no: string; text: string }[]; changeNote: string | null; inForce: boolean }[];
  benefits: { code: string; name: Bilingual; clauseNo: string; kind: 'national' | 'authored'; published: boolean }[];
}

export interface BenefitResult {
  code: string; kind: 'national' | 'authored'; name: Bilingual; topic: string; verdict: 'eligible' | 'not_eligible' | 'unknown';
  amount: number | null; period: 'once' | 'yearly'; exampleAmounts: boolean; version: string;
  policy: { slug: string; docNo: string | null; title: string }; clause: { no: string; text: string | null }; howToApply: Bilingual;
  reasons: { ok: boolean | null; text: Bilingual }[]; formula: Bilingual | null; missing: string[]; note?: Bilingual;
}

export interface Calculation {
  year: number; asOf: string; uscc: string | null; total: number; benefits: BenefitResult[];
  tiers: { ruleset: string; title: Bilingual; verdict: string; held: boolean }[];
  nearMisses: { ruleset: string; title: Bilingual; gaps: Bilingual[]; blockers: Bilingual[]; open: number }[];
}

export interface Batch {
  id: string; benefitCode: string; benefitVersion: string; asOf: string; fiscalYear: number; status: 'pending' | 'approved' | 'superseded';
  organisations: number; total: number; totalBeforeBudget: number; budget: number | null;
  changes: { added: number; dropped: number; changed: number; same: number }; createdBy: string; createdAt: string; approvedBy: string | null;
}

export interface GrantItem {
  uscc: string; name: string; district: string; synthetic: boolean; change: 'new' | 'same' | 'changed' | 'dropped';
  amount: number; amountBeforeBudget: number; previousAmount: number | null; explanation: { formula?: Bilingual | null };
}
