// The yearly fact catalogue, mirrored from src/modules/registry/facts.ts (which imports the
// database column builders, so the web app does not import it). Same keys, groups, units and
// labels; e2e/registry.e2e.ts checks that the two stay in step.
export type FactUnit = 'fen' | 'count' | 'person' | 'bp' | 'level';
export type FactGroup = 'finance' | 'rd' | 'staff' | 'ip' | 'market' | 'compliance';

interface NumericFact {
  unit: FactUnit;
  group: FactGroup;
  zh: string;
  en: string;
}

interface FlagFact {
  group: FactGroup;
  zh: string;
  en: string;
}

export const NUMERIC_FACTS = {
  revenue: { unit: 'fen', group: 'finance', zh: '营业收入', en: 'Operating revenue' },
  mainBusinessRevenue: { unit: 'fen', group: 'finance', zh: '主营业务收入', en: 'Main-business revenue' },
  otherBusinessRevenue: { unit: 'fen', group: 'finance', zh: '其他业务收入', en: 'Other-business revenue' },
  totalIncome: { unit: 'fen', group: 'finance', zh: '收入总额', en: 'Total income' },
  nonTaxableIncome: { unit: 'fen', group: 'finance', zh: '不征税收入', en: 'Non-taxable income' },
  investmentIncome: { unit: 'fen', group: 'finance', zh: '投资收益', en: 'Investment income' },
  highTechRevenue: { unit: 'fen', group: 'finance', zh: '高新技术产品（服务）收入', en: 'High-tech product and service revenue' },
  totalCostExpense: { unit: 'fen', group: 'finance', zh: '成本费用支出总额', en: 'Total cost and expense' },
  totalAssets: { unit: 'fen', group: 'finance', zh: '资产总额', en: 'Total assets' },
  totalLiabilities: { unit: 'fen', group: 'finance', zh: '负债总额', en: 'Total liabilities' },
  totalProfit: { unit: 'fen', group: 'finance', zh: '利润总额', en: 'Total profit' },
  netProfit: { unit: 'fen', group: 'finance', zh: '净利润', en: 'Net profit' },
  taxableIncome: { unit: 'fen', group: 'finance', zh: '应纳税所得额', en: 'Taxable income' },
  taxesPaid: { unit: 'fen', group: 'finance', zh: '纳税总额', en: 'Taxes paid' },
  exports: { unit: 'fen', group: 'finance', zh: '出口额', en: 'Exports' },
  equityFinancing: { unit: 'fen', group: 'finance', zh: '当年新增股权融资（合格机构投资者实缴）', en: 'New equity financing (qualified investors, paid-in)' },
  rdExpense: { unit: 'fen', group: 'rd', zh: '研发费用总额', en: 'R&D expense, total' },
  rdExpenseDomestic: { unit: 'fen', group: 'rd', zh: '境内研发费用', en: 'R&D expense spent in China' },
  rdExpensed: { unit: 'fen', group: 'rd', zh: '费用化研发支出', en: 'Expensed R&D' },
  rdCapitalised: { unit: 'fen', group: 'rd', zh: '资本化研发支出', en: 'Capitalised R&D' },
  rdAmortisation: { unit: 'fen', group: 'rd', zh: '研发形成无形资产当年摊销额', en: 'Amortisation of R&D intangibles this year' },
  rdPersonnel: { unit: 'fen', group: 'rd', zh: '人员人工费用', en: 'R&D personnel costs' },
  rdDirectInputs: { unit: 'fen', group: 'rd', zh: '直接投入费用', en: 'R&D direct inputs' },
  rdDepreciation: { unit: 'fen', group: 'rd', zh: '折旧费用', en: 'R&D depreciation' },
  rdIntangibleAmortisation: { unit: 'fen', group: 'rd', zh: '无形资产摊销', en: 'R&D intangible-asset amortisation' },
  rdNewProductDesign: { unit: 'fen', group: 'rd', zh: '新产品设计费等', en: 'New product design and similar fees' },
  rdOtherRelated: { unit: 'fen', group: 'rd', zh: '其他相关费用', en: 'Other related R&D costs (capped at 10%)' },
  rdCommissionedDomestic: { unit: 'fen', group: 'rd', zh: '委托境内研发费用', en: 'R&D commissioned in China' },
  rdCommissionedAbroad: { unit: 'fen', group: 'rd', zh: '委托境外研发费用', en: 'R&D commissioned abroad' },
  achievementsConverted: { unit: 'count', group: 'rd', zh: '科技成果转化数', en: 'Achievements converted' },
  rdInsurancePremium: { unit: 'fen', group: 'rd', zh: '科技保险（厦研保）保费', en: 'R&D insurance premiums (厦研保)' },
  employees: { unit: 'person', group: 'staff', zh: '职工总数', en: 'Employees (annual average)' },
  stStaff: { unit: 'person', group: 'staff', zh: '科技人员数', en: 'S&T staff' },
  rdStaff: { unit: 'person', group: 'staff', zh: '研发人员数', en: 'R&D staff' },
  inventionPatents: { unit: 'count', group: 'ip', zh: '发明专利（含国防专利）', en: 'Invention patents (incl. defence)' },
  inventionPatentsHighValue: { unit: 'count', group: 'ip', zh: '其中：高价值发明专利', en: 'of which high-value invention patents' },
  inventionPatentsSelfDeveloped: { unit: 'count', group: 'ip', zh: '其中：自主研发发明专利', en: 'of which self-developed invention patents' },
  plantVarieties: { unit: 'count', group: 'ip', zh: '植物新品种', en: 'New plant varieties' },
  cropVarieties: { unit: 'count', group: 'ip', zh: '国家级农作物品种', en: 'National crop varieties' },
  newDrugs: { unit: 'count', group: 'ip', zh: '国家新药', en: 'National new drugs' },
  tcmProtectedVarieties: { unit: 'count', group: 'ip', zh: '国家一级中药保护品种', en: 'Grade-1 protected TCM varieties' },
  icLayouts: { unit: 'count', group: 'ip', zh: '集成电路布图设计专有权', en: 'IC layout-design rights' },
  utilityModels: { unit: 'count', group: 'ip', zh: '实用新型专利', en: 'Utility-model patents' },
  designPatents: { unit: 'count', group: 'ip', zh: '外观设计专利', en: 'Design patents' },
  softwareCopyrights: { unit: 'count', group: 'ip', zh: '软件著作权', en: 'Software copyrights' },
  pctFilings: { unit: 'count', group: 'ip', zh: 'PCT 专利申请', en: 'PCT filings' },
  standardsLed: { unit: 'count', group: 'ip', zh: '主导制定的国际/国家/行业标准', en: 'International, national or industry standards led' },
  standardsJoined: { unit: 'count', group: 'ip', zh: '参与制定的国际/国家/行业标准', en: 'Standards joined' },
  marketSharePct: { unit: 'bp', group: 'market', zh: '细分市场全国占有率（万分比）', en: 'National market share in the segment (basis points)' },
  digitalLevel: { unit: 'level', group: 'market', zh: '数字化水平等级（1–4）', en: 'Digital level (1–4)' },
} as const satisfies Record<string, NumericFact>;

export const FLAG_FACTS = {
  majorIncident: { group: 'compliance', zh: '发生重大安全、质量事故或严重环境违法', en: 'Major safety or quality accident, or serious environmental violation' },
  researchMisconduct: { group: 'compliance', zh: '存在科研严重失信行为', en: 'Serious research misconduct' },
  abnormalOrDishonestList: { group: 'compliance', zh: '列入经营异常名录或严重失信主体名单', en: 'On the abnormal-operation or serious-dishonesty list' },
  qualityCertified: { group: 'market', zh: '通过质量管理体系或发达国家产品认证', en: 'Management-system or developed-market product certification' },
  ownBrand: { group: 'market', zh: '拥有自主品牌', en: 'Own brand' },
  coreProcessOnIt: { group: 'market', zh: '核心业务流程采用信息系统', en: 'Core business process on an information system' },
  rdSubLedger: { group: 'rd', zh: '设置研发费用辅助账', en: 'Keeps an R&D expense sub-ledger' },
} as const satisfies Record<string, FlagFact>;

export type NumericFactKey = keyof typeof NUMERIC_FACTS;
export type FlagFactKey = keyof typeof FLAG_FACTS;
export type FactKey = NumericFactKey | FlagFactKey;
export type FactValues = Partial<Record<FactKey, number | boolean | null>>;

export const NUMERIC_FACT_KEYS = Object.keys(NUMERIC_FACTS) as NumericFactKey[];
export const FLAG_FACT_KEYS = Object.keys(FLAG_FACTS) as FlagFactKey[];
export const FACT_GROUPS: readonly FactGroup[] = ['finance', 'rd', 'staff', 'ip', 'market', 'compliance'];

export interface FactDef {
  key: FactKey;
  group: FactGroup;
  /** Absent for yes/no facts. */
  unit?: FactUnit;
  zh: string;
  en: string;
}

/** Every fact in catalogue order, numeric ones first within each group. */
export const FACTS: readonly FactDef[] = [
  ...NUMERIC_FACT_KEYS.map((key): FactDef => ({ key, ...NUMERIC_FACTS[key] })),
  ...FLAG_FACT_KEYS.map((key): FactDef => ({ key, ...FLAG_FACTS[key] })),
];

export function factsOfGroup(group: FactGroup): FactDef[] {
  return FACTS.filter((fact) => fact.group === group);
}

export function factDef(key: string): FactDef | undefined {
  return FACTS.find((fact) => fact.key === key);
}
