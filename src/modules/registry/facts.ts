// The yearly facts of an organisation: one catalogue drives the table columns, the API
// schema, the Excel template and the UI labels. `refs` names the criteria in
// shared/reference/criteria.md that read the fact, so coverage can be checked.
// Pure data: the rules engine reads it too, so no database imports here.

export type FactUnit = 'fen' | 'count' | 'person' | 'bp' | 'level';
export type FactGroup = 'finance' | 'rd' | 'staff' | 'ip' | 'market' | 'compliance';

interface NumericFact {
  unit: FactUnit;
  /** May be negative (profits, income); every other amount and count is ≥ 0. */
  signed?: boolean;
  group: FactGroup;
  zh: string;
  en: string;
  refs: readonly string[];
}

interface FlagFact {
  group: FactGroup;
  zh: string;
  en: string;
  refs: readonly string[];
}

export const NUMERIC_FACTS = {
  // finance (amounts in fen)
  revenue: { unit: 'fen', group: 'finance', zh: '营业收入', en: 'Operating revenue', refs: ['TSME-02', 'ISME growth', 'SRDI-3', 'LG', 'RD subsidy'] },
  mainBusinessRevenue: { unit: 'fen', group: 'finance', zh: '主营业务收入', en: 'Main-business revenue', refs: ['HNTE-05 sales', 'ISME', 'SRDI 1-2', 'LG'] },
  otherBusinessRevenue: { unit: 'fen', group: 'finance', zh: '其他业务收入', en: 'Other-business revenue', refs: ['HNTE-05 sales'] },
  totalIncome: { unit: 'fen', group: 'finance', zh: '收入总额', en: 'Total income', refs: ['HNTE-06'] },
  nonTaxableIncome: { unit: 'fen', group: 'finance', zh: '不征税收入', en: 'Non-taxable income', refs: ['HNTE-06', 'RDSD excluded-industry test'] },
  investmentIncome: { unit: 'fen', signed: true, group: 'finance', zh: '投资收益', en: 'Investment income', refs: ['RDSD excluded-industry test'] },
  highTechRevenue: { unit: 'fen', group: 'finance', zh: '高新技术产品（服务）收入', en: 'High-tech product and service revenue', refs: ['HNTE-06'] },
  totalCostExpense: { unit: 'fen', group: 'finance', zh: '成本费用支出总额', en: 'Total cost and expense', refs: ['TSME R&D option (b)'] },
  totalAssets: { unit: 'fen', group: 'finance', zh: '资产总额', en: 'Total assets', refs: ['TSME-02', 'HNTE growth', 'ISME debt ratio', 'small low-profit'] },
  totalLiabilities: { unit: 'fen', group: 'finance', zh: '负债总额', en: 'Total liabilities', refs: ['HNTE growth (net assets)', 'debt-to-asset ratio'] },
  totalProfit: { unit: 'fen', signed: true, group: 'finance', zh: '利润总额', en: 'Total profit', refs: [] },
  netProfit: { unit: 'fen', signed: true, group: 'finance', zh: '净利润', en: 'Net profit', refs: ['SRDI-7 margin'] },
  taxableIncome: { unit: 'fen', signed: true, group: 'finance', zh: '应纳税所得额', en: 'Taxable income', refs: ['RDSD tax saved', 'HNTE 15% benefit', 'small low-profit'] },
  taxesPaid: { unit: 'fen', group: 'finance', zh: '纳税总额', en: 'Taxes paid', refs: [] },
  exports: { unit: 'fen', group: 'finance', zh: '出口额', en: 'Exports', refs: [] },
  equityFinancing: { unit: 'fen', group: 'finance', zh: '当年新增股权融资（合格机构投资者实缴）', en: 'New equity financing (qualified investors, paid-in)', refs: ['ISME direct 4', 'SRDI-3', 'SRDI-4', 'LG innovation'] },
  // R&D (amounts in fen)
  rdExpense: { unit: 'fen', group: 'rd', zh: '研发费用总额', en: 'R&D expense, total', refs: ['HNTE-05', 'TSME', 'ISME', 'SRDI-2', 'SRDI-11', 'LG', 'RD subsidy'] },
  rdExpenseDomestic: { unit: 'fen', group: 'rd', zh: '境内研发费用', en: 'R&D expense spent in China', refs: ['HNTE-05b'] },
  rdExpensed: { unit: 'fen', group: 'rd', zh: '费用化研发支出', en: 'Expensed R&D', refs: ['RDSD'] },
  rdCapitalised: { unit: 'fen', group: 'rd', zh: '资本化研发支出', en: 'Capitalised R&D', refs: ['RDSD'] },
  rdAmortisation: { unit: 'fen', group: 'rd', zh: '研发形成无形资产当年摊销额', en: 'Amortisation of R&D intangibles this year', refs: ['RDSD'] },
  rdPersonnel: { unit: 'fen', group: 'rd', zh: '人员人工费用', en: 'R&D personnel costs', refs: ['RDSD categories'] },
  rdDirectInputs: { unit: 'fen', group: 'rd', zh: '直接投入费用', en: 'R&D direct inputs', refs: ['RDSD categories'] },
  rdDepreciation: { unit: 'fen', group: 'rd', zh: '折旧费用', en: 'R&D depreciation', refs: ['RDSD categories'] },
  rdIntangibleAmortisation: { unit: 'fen', group: 'rd', zh: '无形资产摊销', en: 'R&D intangible-asset amortisation', refs: ['RDSD categories'] },
  rdNewProductDesign: { unit: 'fen', group: 'rd', zh: '新产品设计费等', en: 'New product design and similar fees', refs: ['RDSD categories'] },
  rdOtherRelated: { unit: 'fen', group: 'rd', zh: '其他相关费用', en: 'Other related R&D costs (capped at 10%)', refs: ['RDSD 10% cap'] },
  rdCommissionedDomestic: { unit: 'fen', group: 'rd', zh: '委托境内研发费用', en: 'R&D commissioned in China', refs: ['RDSD'] },
  rdCommissionedAbroad: { unit: 'fen', group: 'rd', zh: '委托境外研发费用', en: 'R&D commissioned abroad', refs: ['RDSD 80% and 2/3 cap'] },
  achievementsConverted: { unit: 'count', group: 'rd', zh: '科技成果转化数', en: 'Achievements converted', refs: ['HNTE score B'] },
  rdInsurancePremium: { unit: 'fen', group: 'rd', zh: '科技保险（厦研保）保费', en: 'R&D insurance premiums (厦研保)', refs: ['厦研保 premium subsidy'] },
  // staff (annual monthly averages, persons)
  employees: { unit: 'person', group: 'staff', zh: '职工总数', en: 'Employees (annual average)', refs: ['HNTE-04', 'TSME-02', 'TSME score', 'small low-profit'] },
  stStaff: { unit: 'person', group: 'staff', zh: '科技人员数', en: 'S&T staff', refs: ['HNTE-04', 'TSME score'] },
  rdStaff: { unit: 'person', group: 'staff', zh: '研发人员数', en: 'R&D staff', refs: ['SRDI-12', 'LG innovation'] },
  // IP held at year end
  inventionPatents: { unit: 'count', group: 'ip', zh: '发明专利（含国防专利）', en: 'Invention patents (incl. defence)', refs: ['Class I'] },
  inventionPatentsHighValue: { unit: 'count', group: 'ip', zh: '其中：高价值发明专利', en: 'of which high-value invention patents', refs: ['ISME IP', 'SRDI-10'] },
  inventionPatentsSelfDeveloped: { unit: 'count', group: 'ip', zh: '其中：自主研发发明专利', en: 'of which self-developed invention patents', refs: ['ISME IP', 'SRDI-10', '2026 transfer rule'] },
  plantVarieties: { unit: 'count', group: 'ip', zh: '植物新品种', en: 'New plant varieties', refs: ['Class I'] },
  cropVarieties: { unit: 'count', group: 'ip', zh: '国家级农作物品种', en: 'National crop varieties', refs: ['Class I'] },
  newDrugs: { unit: 'count', group: 'ip', zh: '国家新药', en: 'National new drugs', refs: ['Class I'] },
  tcmProtectedVarieties: { unit: 'count', group: 'ip', zh: '国家一级中药保护品种', en: 'Grade-1 protected TCM varieties', refs: ['Class I'] },
  icLayouts: { unit: 'count', group: 'ip', zh: '集成电路布图设计专有权', en: 'IC layout-design rights', refs: ['Class I'] },
  utilityModels: { unit: 'count', group: 'ip', zh: '实用新型专利', en: 'Utility-model patents', refs: ['Class II'] },
  designPatents: { unit: 'count', group: 'ip', zh: '外观设计专利', en: 'Design patents', refs: ['Class II'] },
  softwareCopyrights: { unit: 'count', group: 'ip', zh: '软件著作权', en: 'Software copyrights', refs: ['Class II'] },
  pctFilings: { unit: 'count', group: 'ip', zh: 'PCT 专利申请', en: 'PCT filings', refs: [] },
  standardsLed: { unit: 'count', group: 'ip', zh: '主导制定的国际/国家/行业标准', en: 'International, national or industry standards led', refs: ['HNTE IP bonus', 'TSME direct 4'] },
  standardsJoined: { unit: 'count', group: 'ip', zh: '参与制定的国际/国家/行业标准', en: 'Standards joined', refs: ['HNTE IP bonus', 'SRDI-6'] },
  // market
  marketSharePct: { unit: 'bp', group: 'market', zh: '细分市场全国占有率（万分比）', en: 'National market share in the segment (basis points)', refs: ['LG characteristics', '2026 LG-5'] },
  digitalLevel: { unit: 'level', group: 'market', zh: '数字化水平等级（1–4）', en: 'Digital level (1–4)', refs: ['SRDI-5'] },
} as const satisfies Record<string, NumericFact>;

export const FLAG_FACTS = {
  majorIncident: { group: 'compliance', zh: '发生重大安全、质量事故或严重环境违法', en: 'Major safety or quality accident, or serious environmental violation', refs: ['HNTE-08', 'TSME-04'] },
  researchMisconduct: { group: 'compliance', zh: '存在科研严重失信行为', en: 'Serious research misconduct', refs: ['TSME-04'] },
  abnormalOrDishonestList: { group: 'compliance', zh: '列入经营异常名录或严重失信主体名单', en: 'On the abnormal-operation or serious-dishonesty list', refs: ['TSME-04'] },
  qualityCertified: { group: 'market', zh: '通过质量管理体系或发达国家产品认证', en: 'Management-system or developed-market product certification', refs: ['SRDI-6', 'LG refinement'] },
  ownBrand: { group: 'market', zh: '拥有自主品牌', en: 'Own brand', refs: ['SRDI-6', 'LG characteristics'] },
  coreProcessOnIt: { group: 'market', zh: '核心业务流程采用信息系统', en: 'Core business process on an information system', refs: ['LG refinement'] },
  rdSubLedger: { group: 'rd', zh: '设置研发费用辅助账', en: 'Keeps an R&D expense sub-ledger', refs: ['HNTE score C', 'TSME-01'] },
} as const satisfies Record<string, FlagFact>;

export type NumericFactKey = keyof typeof NUMERIC_FACTS;
export type FlagFactKey = keyof typeof FLAG_FACTS;
export type FactKey = NumericFactKey | FlagFactKey;
export const NUMERIC_FACT_KEYS = Object.keys(NUMERIC_FACTS) as NumericFactKey[];
export const FLAG_FACT_KEYS = Object.keys(FLAG_FACTS) as FlagFactKey[];
export const FACT_KEYS: FactKey[] = [...NUMERIC_FACT_KEYS, ...FLAG_FACT_KEYS];
export const FACT_KEY_SET: ReadonlySet<string> = new Set(FACT_KEYS);

export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Called per imported row: a module-level helper, not a closure per call (tsx names every closure it makes).
const numberOf = (f: Partial<Record<FactKey, number | boolean | null>>, k: FactKey) => (typeof f[k] === 'number' ? (f[k] as number) : null);

/** Plausibility checks that warn but still save (the criteria need the real numbers). */
export function factWarnings(f: Partial<Record<FactKey, number | boolean | null>>): { field: string; code: string; zh: string; en: string }[] {
  const out: { field: string; code: string; zh: string; en: string }[] = [];
  const rd = numberOf(f, 'rdExpense');
  const revenue = numberOf(f, 'revenue');
  if (rd !== null && revenue !== null && rd > revenue) out.push({ field: 'rdExpense', code: 'rd_above_revenue', zh: '研发费用高于营业收入，请核实。', en: 'R&D expense exceeds revenue; please check.' });
  const dom = numberOf(f, 'rdExpenseDomestic');
  if (dom !== null && rd !== null && dom > rd) out.push({ field: 'rdExpenseDomestic', code: 'domestic_above_total', zh: '境内研发费用高于研发费用总额。', en: 'Domestic R&D exceeds total R&D.' });
  const st = numberOf(f, 'stStaff');
  const emp = numberOf(f, 'employees');
  if (st !== null && emp !== null && st > emp) out.push({ field: 'stStaff', code: 'staff_above_total', zh: '科技人员数高于职工总数。', en: 'S&T staff exceed total employees.' });
  const ht = numberOf(f, 'highTechRevenue');
  if (ht !== null && revenue !== null && ht > revenue) out.push({ field: 'highTechRevenue', code: 'hightech_above_revenue', zh: '高新技术产品（服务）收入高于营业收入。', en: 'High-tech revenue exceeds revenue.' });
  return out;
}
