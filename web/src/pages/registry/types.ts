// Shapes of the registry API (/api/orgs, /api/jobs). Money is integer fen.
import type { FactKey, FactValues } from './facts';

export const ORG_KINDS = ['enterprise', 'university', 'institute', 'platform_operator', 'fund_manager', 'village_collective'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const QUALIFICATION_KINDS = [
  'hnte',
  'tech_sme',
  'innovative_sme',
  'srdi_sme',
  'little_giant',
  'tech_leader',
  'rd_institution_national',
  'rd_institution_provincial',
  'rd_institution_municipal',
  'st_award_national',
  'st_award_provincial',
  'tech_innovation_demo',
  'ip_advantage',
  'other',
] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export interface Contact {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface Org {
  id: string;
  uscc: string;
  name: string;
  formerNames: string[];
  kind: OrgKind;
  district: string;
  address: string | null;
  registeredOn: string | null;
  industryCode: string | null;
  listed: boolean;
  parentGroup: string | null;
  contacts: Contact[];
  keywords: string[];
  mainProducts: string[];
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrgListItem {
  id: string;
  uscc: string;
  name: string;
  kind: OrgKind;
  district: string;
  industryCode: string | null;
  listed: boolean;
  synthetic: boolean;
  registeredOn: string | null;
  fiscalYear: number | null;
  revenue: number | null;
  employees: number | null;
  qualifications: QualificationKind[];
  score: number | null;
}

export interface FactSource {
  kind: 'import' | 'edit' | 'api' | 'seed' | string;
  ref: string | null;
  at: string;
  actor: string;
}

export interface YearFacts {
  fiscalYear: number;
  facts: FactValues;
  sources: Partial<Record<FactKey, FactSource>>;
  warnings: { field: string; code: string; message: string }[];
}

export interface FactChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  source: FactSource;
  at: string;
}

export interface Qualification {
  id: string;
  kind: QualificationKind;
  name: string | null;
  certificateNo: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  issuer: string | null;
  rank: number | null;
  active: boolean;
}

export interface ImportIssue {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number } | null;
  result: ImportResult | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
