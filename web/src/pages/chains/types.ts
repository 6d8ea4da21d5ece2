// API shapes of the chains module (src/modules/chains/chains.routes.ts).
export type Stage = 'upstream' | 'midstream' | 'downstream';
export type StrengthClass = 'strong' | 'weak' | 'missing';
export type Action = 'strengthen' | 'fill' | 'extend' | 'keep';
export type Role = 'chain_leader' | 'core_supplier' | 'supporting' | 'service';
export type TargetStatus = 'lead' | 'contacted' | 'negotiating' | 'landed' | 'dropped';
export const STAGES: Stage[] = ['upstream', 'midstream', 'downstream'];
export const ROLES: Role[] = ['chain_leader', 'core_supplier', 'supporting', 'service'];
export const TARGET_STATUSES: TargetStatus[] = ['lead', 'contacted', 'negotiating', 'landed', 'dropped'];
export const TARGET_SOURCES = ['chain_gap', 'expo', 'referral', 'association', 'enclave', 'staff_research', 'other'] as const;

export interface Industry {
  id: string; tier: 'pillar' | 'emerging' | 'future'; zh: string; en: string; codes: string[]; keywords: string[];
  codeNames: { code: string; zh: string }[]; verified: boolean; sourceNote: string; version: number; updatedAt: string; updatedBy: string;
  chains: { id: string; zh: string; en: string }[];
}
export interface ChainSummary { id: string; zh: string; en: string; industryId: string | null; origin: 'reference' | 'staff'; description: { zh: string; en: string }; links: number; organisations: number; targets: number }
export interface Link { id: string; chainId: string; parentId: string | null; stage: Stage; zh: string; en: string; codes: string[]; keywords: string[]; technologies: string[]; products: string[]; sortOrder: number }
export interface ChainMap { id: string; zh: string; en: string; origin: 'reference' | 'staff'; description: { zh: string; en: string }; links: Link[]; edges: { id: string; fromLinkId: string; toLinkId: string }[] }
export interface Indicators { organisations: number; revenue: number; rdExpense: number; rdRevenue: number; hnte: number; srdi: number; classOneIp: number; leaders: number; rdIntensity: number | null }
export interface LinkAnalysis {
  linkId: string; parentId: string | null; depth: number; stage: Stage; zh: string; en: string; indicators: Indicators; score: number; cls: StrengthClass;
  parts: { key: string; points: number; max: number }[]; action: Action; recommendation: { zh: string; en: string }; targets: number; reserve: number;
}
export interface Counts { links: number; strong: number; weak: number; missing: number; completeness: number }
export interface Analysis extends Omit<Counts, 'links'> { chainId: string; basis: 'all' | 'confirmed'; fiscalYear: number | null; byStage: Record<Stage, Counts>; links: LinkAnalysis[] }
export interface LinkOrg {
  id: string; orgId: string; uscc: string; name: string; district: string; synthetic: boolean; role: Role; status: 'suggested' | 'confirmed' | 'rejected';
  confidence: number; evidence: { kind: string; value: string; matched: string; weight: number }[]; source: string; decidedBy: string | null; revenue: number | null;
  reserveTiers: { ruleset: string; gapCount: number }[];
}
export interface LinkDetail { link: Link; analysis: LinkAnalysis; organisations: LinkOrg[] }
export interface Target {
  id: string; chainId: string; linkId: string; linkZh: string; linkEn: string; linkDeleted: boolean; name: string; location: string; products: string[];
  source: (typeof TARGET_SOURCES)[number]; sourceNote: string; status: TargetStatus; ownerId: string | null; ownerName: string | null;
  plannedInvestment: number | null; revenue: number | null; listed: boolean; hnte: boolean; notes: string; synthetic: boolean; updatedAt: string;
  rank: number | null; score: number | null; reasons: { points: number; zh: string; en: string }[]; linkClass: StrengthClass;
}
export interface Version { id: string; asOf: string; label: string; createdBy: string; createdAt: string; links: number; edges: number; organisations: number; strong: number }
export interface Diff {
  from?: string; to?: string; restored?: string;
  linksAdded: { id: string; zh: string; stage: string }[]; linksRemoved: { id: string; zh: string; stage: string }[];
  linksChanged: { id: string; zh: string; fields: string[]; before: { zh: string; stage: string; parent: string | null }; after: { zh: string; stage: string; parent: string | null } }[];
  edgesAdded: { from: string; to: string }[]; edgesRemoved: { from: string; to: string }[];
  orgsAdded: { orgId: string; name: string; link: string; role: string }[]; orgsRemoved: { orgId: string; name: string; link: string; role: string }[];
  orgsMoved: { orgId: string; name: string; from: string; to: string; roleBefore: string; role: string }[];
  strengthChanges: { linkId: string; zh: string; scoreBefore: number; score: number; clsBefore: string; cls: string; delta: number }[];
}

// Dark enough for white tag text and for the figures in these colours (WCAG AA contrast).
export const CLS_COLOR: Record<StrengthClass, string> = { strong: '#1558d6', weak: '#ad4e00', missing: '#737373' };
/** 亿元 with one decimal from fen. */
export const yi = (fen: number) => (fen / 1e10).toFixed(fen > 0 && fen < 1e9 ? 2 : 1);
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
