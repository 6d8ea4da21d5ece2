export interface Named { zh: string; en: string }
export interface LinkRef { id: string; chainId: string; chain: Named; name: Named }
export interface OrgRef { uscc: string; name: string; synthetic: boolean }
export interface Achievement {
  id: string; title: string; abstract: string; field: string; trl: number; transferModes: string[]; priceMinFen: number | null; priceMaxFen: number | null;
  synthetic: boolean; org: OrgRef | null; chainLink: LinkRef | null;
}
export interface Demand {
  id: string; problem: string; goals: string; field: string; trlMin: number; budgetFen: number | null; deadline: string | null; synthetic: boolean; org: OrgRef | null; chainLink: LinkRef | null;
}
export interface Factor { factor: 'text' | 'field' | 'chain' | 'trl' | 'budget'; weight: number; asked: boolean; fit: number; points: number; detail: Named }
export interface Match { id: string; title: string; score: number; factors: Factor[] }
export interface Weights { text: number; field: number; chain: number; trl: number; budget: number }
export interface Achievement { ipKind?: string; ipRefs?: string[]; abstract: string; status?: 'open' | 'closed'; createdAt?: string }
export interface Demand { status?: 'open' | 'closed'; createdAt?: string }
export interface MatchQuery { text?: string; field?: string | null; chainLinkId?: string | null; trl?: number | null; budgetFen?: number | null }
export interface SavedSearch { id: string; target: 'achievement' | 'demand'; name: string; query: MatchQuery; minScore: number; createdAt: string }
export interface Notice { id: string; searchId: string; target: 'achievement' | 'demand'; listingId: string; title: string; score: number; readAt: string | null; createdAt: string }
export interface FollowUp { id: string; broker: string; note: string; nextStep: string | null; at: string }
export interface Contract {
  id: string; contractNo: string; type: string; title: string; registeredValueFen: number; signedOn: string; synthetic: boolean;
  seller: { uscc: string; name: string }; buyer: { uscc: string; name: string }; achievementId: string | null; demandId: string | null;
}
export interface LinkOption { id: string; chainId: string; chain: Named; name: Named }
