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
