// Shapes of the programmes API answers the pages use.
export type Bi = { zh: string; en: string };
export interface Call {
  id: string; code: string; kind: string; programmeName: string; title: string; titleEn: string | null; round: string | null; summary: string; status: string; window: string;
  opensAt: string; closesAt: string; budgetFen: number; maxAwardFen: number; cofundingRatioBp: number; eligibility: string;
  form: { fields: { key: string; label: Bi; required: boolean; maxLength: number }[]; budgetCategories: { key: string; label: Bi }[]; requiredAttachments: string[] };
  rubric: { scaleMax: number; criteria: { key: string; label: Bi; weight: number }[] };
  blind: boolean; panelLockedAt: string | null; challenge: null | { problem: string; goals: string[]; bountyFen: number; maxSolvers: number; milestones: { key: string; title: Bi; dueOn: string; shareBp: number }[] };
  leadOrgName: string | null; applications: number | null; synthetic: boolean;
}
export interface AppSummary { id: string; callId: string; callTitle: string; title: string; orgName: string | null; status: string; requestedFen: number; submittedAt: string | null }
export interface Application extends AppSummary {
  orgUscc: string | null; partners: { name: string; uscc: string }[]; keywords: string[]; answers: Record<string, string>; budget: { category: string; requestedFen: number; selfFen: number }[];
  selfFundedFen: number; formalComments: string | null; eligibility: { result: string } | null; decision: { decision: string; amountFen: number | null; reason: string } | null;
  attachments: { id: string; kind: string; fileName: string; sizeBytes: number; sha256: string }[];
  assignmentLog: null | { chosen: { reviewer: string; why: Bi }[]; excluded: { reviewer: string; reasons: (Bi & { code: string })[] }[] };
  call: { id: string; title: string; kind: string; closesAt: string; window: string; form: Call['form']; rubric: Call['rubric']; maxAwardFen: number; cofundingRatioBp: number; blind: boolean };
}
export interface RankRow { applicationId: string; title: string; orgName: string; status: string; requestedFen: number; rank: number; rawMean: number | null; zMean: number | null; spread: number | null; needsPanel: boolean; reviewsDone: number; reviewsAssigned: number; reviews: { reviewer: string; total: number | null; z: number | null; outlier: boolean; comment: string | null }[]; decision: { decision: string; amountFen: number | null; reason: string } | null }
export interface Ranking { panelLockedAt: string | null; budgetFen: number; maxAwardFen: number; rows: RankRow[] }
export interface Tranche { no: number; amountFen: number; condition: string; status: string; disbursementId: string | null; reference: string | null }
export interface Project { id: string; code: string; title: string; orgName: string; callTitle: string; status: string; awardFen: number; paidFen: number; tranches: Tranche[]; agreement: null | { deliverables: string[]; indicators: { key: string; label: string; target: number; unit: string }[]; startOn: string; endOn: string }; synthetic: boolean }
