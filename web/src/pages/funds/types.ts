// Shapes of the funds API (src/modules/funds/funds.schema.ts). Money in fen.
export interface Balances { appropriatedFen: number; availableFen: number; allocatedFen: number; paidFen: number; pendingFen: number }
export interface SourceRef { title: string; docNo?: string; date?: string; indicator?: string; note?: string }
export interface FundRules { eligibleUses: string[]; recipientKinds: string[]; capPerRecipientFen?: number; capPerCountyFen?: number; maxShareOfInvestmentBp?: number }
export interface Fund {
  id: string; code: string; name: string; nameEn: string | null; kind: string; sourceLevel: string; district: string | null;
  purpose: string; rules: FundRules; source: SourceRef | null; synthetic: boolean; balances: Balances;
}
export interface Allocation {
  id: string; fundId: string; fundCode: string; recipientId: string; recipientRef: string; recipientName: string; recipientStatus: 'open' | 'closed';
  use: string; note: string | null; createdAt: string; createdBy: string; allocatedFen: number; remainingFen: number; paidFen: number; pendingFen: number;
}
export interface Entry {
  id: string; seq: number; kind: string; amountFen: number; allocationId: string | null; recipientName: string | null; reversesId: string | null;
  reversedById: string | null; reference: string | null; contributor: string | null; source: SourceRef | null; memo: string | null; valueDate: string;
  postedAt: string; postedBy: string; approvedBy: string | null; lines: { account: string; allocationId: string | null; amountFen: number }[];
}
export interface Disbursement {
  id: string; fundId: string; fundCode: string; fundName: string; allocationId: string; recipientRef: string; recipientName: string; reference: string;
  amountFen: number; payee: string; memo: string | null; status: 'pending' | 'approved' | 'rejected' | 'cancelled'; requestedBy: string; requestedAt: string;
  decidedBy: string | null; decidedAt: string | null; decisionNote: string | null; entryId: string | null;
}
export interface Recipient { id: string; kind: string; ref: string; name: string; status: 'open' | 'closed'; allocatedFen: number; paidFen: number }
export interface TimelinePoint { month: string; appropriatedFen: number; allocatedFen: number; paidFen: number; availableFen: number }
type Totals = { appropriatedFen: number; availableFen: number; allocatedFen: number; paidFen: number };
export interface Reconciliation {
  from: string | null; to: string | null;
  funds: { fundId: string; code: string; name: string; opening: Totals; closing: Totals; balanced: boolean; entries: number;
    movements: { appropriatedFen: number; allocatedFen: number; releasedFen: number; paidFen: number; returnedFen: number; reversedFen: number } }[];
  recipients: { fundId: string; fundCode: string; recipientId: string; recipientRef: string; recipientName: string; kind: string; district: string | null; county: string | null;
    openingRemainingFen: number; allocatedFen: number; releasedFen: number; paidFen: number; returnedFen: number; closingRemainingFen: number; closingPaidFen: number }[];
  unbalancedEntries: string[];
}
export const COUNTIES = ['xinluo', 'yongding', 'shanghang', 'wuping', 'changting', 'liancheng', 'zhangping'] as const;
export interface AgreementSide { committedFen: number; allocatedFen: number; paidFen: number; pendingFen: number; unpaidFen: number; uncommittedFen: number }
export interface Agreement {
  id: string; code: string; pairing: string; title: string; district: string | null; county: string | null; docNo: string | null; signedOn: string;
  periodFrom: string; periodTo: string; committedCityFen: number; committedDistrictFen: number; status: 'active' | 'completed' | 'terminated';
  note: string | null; source: SourceRef | null; synthetic: boolean; projects: number; city: AgreementSide; districtSide: AgreementSide;
}
export interface AgreementDetail extends Agreement {
  projectList: { id: string; ref: string; name: string; county: string | null; status: 'open' | 'closed'; synthetic: boolean; investmentFen: number | null; allocatedFen: number; paidFen: number; pendingFen: number }[];
  funds: { fundId: string; code: string; name: string; nameEn: string | null; sourceLevel: string; county: string | null; allocatedFen: number; paidFen: number; pendingFen: number;
    capPerCountyFen: number | null; countyAllocatedFen: number | null; countyHeadroomFen: number | null }[];
}
