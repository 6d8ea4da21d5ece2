// The national SME digital-level questionnaire (中小企业数字化水平评测指标) as versioned data,
// and its scoring as pure functions (no database, no Fastify). Source: shared/reference/criteria.md §5.
//
// What is official and what is ours is marked on every piece:
//  - 2024 manufacturing table (工信厅企业〔2024〕56号): dimensions, items, points and the item-scoring
//    rules (percentage bands; worse/flat/better) are [C] — from a scraped copy of the official
//    platform questionnaire. The wording of choice options is the platform's own paraphrase.
//  - How the 2024 overall level is derived is NOT known [X]: the platform uses a documented
//    parameter (the 2022 score bands) and says so in the API (`levelRule.official = false`) and UI.
//  - 2022 manufacturing table (工信厅企业〔2022〕32号): four dimensions and the level bands are [V];
//    the item texts and dimension weights were not retrieved [X], so the 2022 version records an
//    assessment made on the official 2022 form as one score per dimension (equal weights: a
//    platform parameter).
import type { Bilingual } from '../../lib/i18n.ts';

export type Confidence = 'V' | 'C' | 'R' | 'X';
export type AnswerType = 'percent' | 'compare' | 'choice' | 'score';
export type Answer = number | string;
export type Answers = Record<string, Answer>;

export interface ChoiceOption extends Bilingual {
  key: string;
  /** Share of the item's points this answer earns (0–1). */
  fraction: number;
}

export interface Item extends Bilingual {
  key: string;
  /** Sub-dimension (e.g. equipment and systems) the item belongs to. */
  group: Bilingual;
  points: number;
  type: AnswerType;
  options?: ChoiceOption[];
  /** Scenario keys whose solutions address this item (used by recommendations). */
  scenarios?: string[];
  confidence: Confidence;
  hint?: Bilingual;
}

export interface Dimension extends Bilingual {
  key: string;
  max: number;
  /** Whether `max` (the dimension's weight) is official. */
  weightOfficial: boolean;
  items: Item[];
}

export interface Scenario extends Bilingual {
  key: string;
  area: Bilingual;
  /** 约束性 (binding) or 指导性 (guiding) in the 2024 table; which is which is not verified. */
  kind: 'binding' | 'guiding';
  /** The dimension whose solutions serve this scenario. */
  dimension: string;
}

export interface LevelRule {
  /** Lower bounds of levels 2, 3 and 4 on the 100-point total. */
  thresholds: [number, number, number];
  /** A total exactly on a threshold goes to the 'upper' (higher) or 'lower' level. */
  edge: 'upper' | 'lower';
  /** false: the derivation is a platform parameter, not the official rule. */
  official: boolean;
  basis: Bilingual;
}

export interface QuestionnaireVersion {
  key: string;
  industry: 'manufacturing';
  title: Bilingual;
  docNo: string;
  publishedOn: string;
  confidence: Confidence;
  dimensions: Dimension[];
  /** Business scenarios rated at level 1–4 (not points; used for recommendations). */
  scenarios: Scenario[];
  levelRule: LevelRule;
  /** Where this version's answers can be carried over to (migration of drafts). */
  successor?: string;
  notes: Bilingual;
}

// ---------- item-scoring rules (criteria.md §5.2) ----------

/** Percentage items: [0,10] → 0; (10,20] → 25%; (20,40] → 50%; (40,60] → 75%; (60,100] → 100% of the points. */
export const PERCENT_BANDS: readonly { above: number; fraction: number }[] = [
  { above: 60, fraction: 1 }, { above: 40, fraction: 0.75 }, { above: 20, fraction: 0.5 }, { above: 10, fraction: 0.25 },
];
export const COMPARE_FRACTIONS: Record<string, number> = { worse: 0, flat: 0.5, better: 1 };
export const COMPARE_OPTIONS: ChoiceOption[] = [
  { key: 'worse', zh: '较之前下降（变差）', en: 'Worse than before', fraction: 0 },
  { key: 'flat', zh: '与之前持平', en: 'About the same', fraction: 0.5 },
  { key: 'better', zh: '较之前改善', en: 'Better than before', fraction: 1 },
];

export function percentFraction(pct: number): number {
  return PERCENT_BANDS.find((b) => pct > b.above)?.fraction ?? 0;
}

/** Four graded options (none / basic / partial / full) — the platform's paraphrase of the official options. */
function graded(none: string, basic: string, partial: string, full: string, en: [string, string, string, string]): ChoiceOption[] {
  return [
    { key: 'none', zh: none, en: en[0], fraction: 0 },
    { key: 'basic', zh: basic, en: en[1], fraction: 0.25 },
    { key: 'partial', zh: partial, en: en[2], fraction: 0.5 },
    { key: 'advanced', zh: full, en: en[3], fraction: 1 },
  ];
}

const G = {
  equipment: { zh: '设备与系统', en: 'Equipment and systems' },
  data: { zh: '数据采集', en: 'Data collection' },
  systems: { zh: '信息系统', en: 'Information systems' },
  security: { zh: '安全', en: 'Security' },
  planning: { zh: '规划与制度', en: 'Planning and management systems' },
  resources: { zh: '资源保障', en: 'Resources' },
  results: { zh: '经营成效', en: 'Business results' },
};

const SCENARIOS_2024: Scenario[] = [
  { key: 'product_design', zh: '产品设计', en: 'Product design', area: { zh: '产品全生命周期', en: 'Product lifecycle' }, kind: 'guiding', dimension: 'foundation' },
  { key: 'process_design', zh: '工艺设计', en: 'Process design', area: { zh: '产品全生命周期', en: 'Product lifecycle' }, kind: 'guiding', dimension: 'foundation' },
  { key: 'marketing', zh: '营销管理', en: 'Marketing', area: { zh: '产品全生命周期', en: 'Product lifecycle' }, kind: 'guiding', dimension: 'management' },
  { key: 'after_sales', zh: '售后服务', en: 'After-sales service', area: { zh: '产品全生命周期', en: 'Product lifecycle' }, kind: 'guiding', dimension: 'management' },
  { key: 'scheduling', zh: '计划排程', en: 'Production scheduling', area: { zh: '生产执行', en: 'Production' }, kind: 'binding', dimension: 'foundation' },
  { key: 'production_control', zh: '生产管控', en: 'Production control', area: { zh: '生产执行', en: 'Production' }, kind: 'binding', dimension: 'foundation' },
  { key: 'quality', zh: '质量管理', en: 'Quality management', area: { zh: '生产执行', en: 'Production' }, kind: 'binding', dimension: 'results' },
  { key: 'equipment', zh: '设备管理', en: 'Equipment management', area: { zh: '生产执行', en: 'Production' }, kind: 'binding', dimension: 'foundation' },
  { key: 'safety', zh: '安全生产', en: 'Production safety', area: { zh: '生产执行', en: 'Production' }, kind: 'guiding', dimension: 'foundation' },
  { key: 'energy', zh: '能耗管理', en: 'Energy management', area: { zh: '生产执行', en: 'Production' }, kind: 'guiding', dimension: 'results' },
  { key: 'procurement', zh: '采购管理', en: 'Procurement', area: { zh: '供应链管理', en: 'Supply chain' }, kind: 'binding', dimension: 'management' },
  { key: 'warehousing', zh: '仓储物流', en: 'Warehousing and logistics', area: { zh: '供应链管理', en: 'Supply chain' }, kind: 'binding', dimension: 'management' },
  { key: 'finance', zh: '财务管理', en: 'Finance', area: { zh: '管理决策', en: 'Management' }, kind: 'binding', dimension: 'management' },
  { key: 'hr', zh: '人力资源', en: 'Human resources', area: { zh: '管理决策', en: 'Management' }, kind: 'guiding', dimension: 'management' },
  { key: 'collaboration', zh: '协同办公', en: 'Office collaboration', area: { zh: '管理决策', en: 'Management' }, kind: 'guiding', dimension: 'management' },
];

export const LEVEL_BANDS_2022: LevelRule = {
  thresholds: [40, 60, 80],
  edge: 'upper',
  official: true,
  basis: {
    zh: '工信厅企业〔2022〕32号：一级 20–40 分，二级 40–60 分，三级 60–80 分，四级 80 分以上。通知未说明恰为 40/60/80 分归属哪一级：平台按“以上含本数”归入较高一级（平台参数，可配置）；低于 20 分亦记为一级。',
    en: 'MIIT 2022 No. 32: level 1 at 20–40 points, level 2 at 40–60, level 3 at 60–80, level 4 at 80 and above. The notice does not say where exactly 40, 60 or 80 belong: the platform puts them in the higher level (a configurable platform parameter); below 20 is still recorded as level 1.',
  },
};

export const LEVEL_RULE_2024: LevelRule = {
  thresholds: [40, 60, 80],
  edge: 'upper',
  official: false,
  basis: {
    zh: '平台参数（非官方规则）：2024 年版由总分与场景等级得出等级的官方方法尚未核实，平台暂按 2022 年版分数段（40/60/80 分，恰为分界值归入较高一级）确定一至四级。',
    en: 'Platform parameter (not the official rule): how the 2024 version derives the level from the score and scenario levels has not been verified, so the platform uses the 2022 score bands (40/60/80; a total exactly on a bound takes the higher level).',
  },
};

export const QUESTIONNAIRES: readonly QuestionnaireVersion[] = [
  {
    key: '2024-manufacturing',
    industry: 'manufacturing',
    title: { zh: '中小企业数字化水平评测指标（2024年版）· 制造业', en: 'SME digital-level assessment (2024) — manufacturing' },
    docNo: '工信厅企业〔2024〕56号',
    publishedOn: '2024-09-04',
    confidence: 'C',
    levelRule: LEVEL_RULE_2024,
    notes: {
      zh: '维度、指标、分值与评分规则依据官方评测平台问卷的抓取副本（可信度 C）；选项措辞为平台转述；其他行业表（生产性服务业、其他行业）尚未收录。',
      en: 'Dimensions, items, points and scoring rules follow a scraped copy of the official platform questionnaire (confidence C); option wording is the platform\'s paraphrase; the other industry tables (producer services, other industries) are not yet included.',
    },
    dimensions: [
      {
        key: 'foundation', zh: '数字化基础', en: 'Digital foundation', max: 50, weightOfficial: true,
        items: [
          {
            key: 'network', zh: '网络建设情况', en: 'Network build-out', group: G.equipment, points: 8, type: 'choice', confidence: 'C', scenarios: ['production_control', 'equipment'],
            options: graded('未建设企业内网', '办公区域联网', '生产区域部分联网（工业以太网/无线）', '全厂覆盖工业网络（含 5G/工业互联网标识解析等）',
              ['No internal network', 'Offices networked', 'Part of production networked (industrial Ethernet or wireless)', 'Whole plant on an industrial network (5G, industrial-internet identifiers…)']),
          },
          { key: 'equipment_digitisation', zh: '生产设备数字化率', en: 'Production equipment digitisation rate', group: G.equipment, points: 6, type: 'percent', confidence: 'C', scenarios: ['equipment', 'production_control'], hint: { zh: '数字化设备台数 ÷ 生产设备总台数（%）', en: 'digitised machines ÷ all production machines (%)' } },
          { key: 'equipment_networking', zh: '数字化设备联网率', en: 'Networking rate of digitised equipment', group: G.equipment, points: 6, type: 'percent', confidence: 'C', scenarios: ['equipment', 'production_control'], hint: { zh: '联网的数字化设备 ÷ 数字化设备（%）', en: 'networked digitised machines ÷ digitised machines (%)' } },
          { key: 'data_collection', zh: '数据自动采集范围', en: 'Scope of automatic data collection', group: G.data, points: 10, type: 'percent', confidence: 'C', scenarios: ['production_control', 'quality', 'energy'], hint: { zh: '实现数据自动采集的关键业务环节占比（%）', en: 'share of key business steps with automatic data collection (%)' } },
          { key: 'system_coverage', zh: '信息系统覆盖率', en: 'Information-system coverage', group: G.systems, points: 10, type: 'percent', confidence: 'C', scenarios: ['scheduling', 'procurement', 'warehousing', 'finance'], hint: { zh: '使用信息系统的主要业务环节占比（%）', en: 'share of main business areas run on information systems (%)' } },
          {
            key: 'network_security', zh: '网络安全', en: 'Network security', group: G.security, points: 5, type: 'choice', confidence: 'C', scenarios: ['safety'],
            options: graded('未采取防护措施', '部署基本防护（防火墙/杀毒）', '建立安全制度并定期检查', '通过等级保护测评或具备监测预警能力',
              ['No protection', 'Basic protection (firewall, antivirus)', 'Security rules and regular checks', 'Classified-protection certified, or monitoring and early warning']),
          },
          {
            key: 'data_security', zh: '数据安全', en: 'Data security', group: G.security, points: 5, type: 'choice', confidence: 'C', scenarios: ['safety'],
            options: graded('未采取措施', '重要数据定期备份', '分级分类管理与权限控制', '容灾备份与数据安全管理体系',
              ['No measures', 'Regular backup of important data', 'Classified data with access control', 'Disaster recovery and a data-security management system']),
          },
        ],
      },
      {
        key: 'management', zh: '数字化管理', en: 'Digital management', max: 30, weightOfficial: true,
        items: [
          {
            key: 'planning', zh: '数字化转型规划与实施', en: 'Digital-transformation planning and implementation', group: G.planning, points: 7.5, type: 'choice', confidence: 'C', scenarios: ['collaboration'],
            options: graded('无规划', '有初步设想', '制定规划并部分实施', '规划明确并按计划推进、定期评估',
              ['No plan', 'Initial ideas', 'A plan, partly implemented', 'A clear plan carried out on schedule and reviewed']),
          },
          {
            key: 'management_systems', zh: '数字化管理制度', en: 'Digital management systems', group: G.planning, points: 7.5, type: 'choice', confidence: 'C', scenarios: ['collaboration', 'hr'],
            options: graded('无相关制度', '个别制度', '主要业务有制度', '制度完善并有专门负责部门',
              ['None', 'A few rules', 'Rules for the main business', 'Complete rules and a responsible department']),
          },
          {
            key: 'digital_talent', zh: '数字化人才', en: 'Digital talent', group: G.resources, points: 7.5, type: 'choice', confidence: 'C', scenarios: ['hr'],
            options: graded('无专职人员', '有兼职人员', '有专职人员', '有专门团队并开展培训',
              ['No dedicated staff', 'Part-time staff', 'Dedicated staff', 'A dedicated team with training']),
          },
          {
            key: 'digital_investment', zh: '近三年数字化投入占营业收入比重', en: '3-year average digital investment ÷ revenue', group: G.resources, points: 7.5, type: 'choice', confidence: 'C', scenarios: ['finance'],
            options: [
              { key: 'lt0_5', zh: '低于 0.5%', en: 'Below 0.5%', fraction: 0 },
              { key: '0_5to1', zh: '0.5%–1%', en: '0.5%–1%', fraction: 0.25 },
              { key: '1to2', zh: '1%–2%', en: '1%–2%', fraction: 0.5 },
              { key: '2to3', zh: '2%–3%', en: '2%–3%', fraction: 0.75 },
              { key: 'gte3', zh: '3% 及以上', en: '3% or more', fraction: 1 },
            ],
            hint: { zh: '分档为平台参数：官方分档未核实', en: 'Bands are a platform parameter: the official bands were not verified' },
          },
        ],
      },
      {
        key: 'results', zh: '数字化成效', en: 'Digital results', max: 20, weightOfficial: true,
        items: [
          { key: 'energy_per_revenue', zh: '每百元营业收入综合能耗（与之前相比）', en: 'Energy per 100 CNY of revenue (vs. before)', group: G.results, points: 7, type: 'compare', options: COMPARE_OPTIONS, confidence: 'C', scenarios: ['energy'] },
          { key: 'pass_rate', zh: '产品月度一次合格率（与之前相比）', en: 'Monthly first-pass yield (vs. before)', group: G.results, points: 7, type: 'compare', options: COMPARE_OPTIONS, confidence: 'C', scenarios: ['quality'] },
          { key: 'revenue_per_employee', zh: '人均营业收入（与之前相比）', en: 'Revenue per employee (vs. before)', group: G.results, points: 3, type: 'compare', options: COMPARE_OPTIONS, confidence: 'C', scenarios: ['hr', 'scheduling'] },
          { key: 'cost_per_revenue', zh: '每百元营业收入成本（与之前相比）', en: 'Cost per 100 CNY of revenue (vs. before)', group: G.results, points: 3, type: 'compare', options: COMPARE_OPTIONS, confidence: 'C', scenarios: ['procurement', 'warehousing'] },
        ],
      },
    ],
    scenarios: SCENARIOS_2024,
  },
  {
    key: '2022-manufacturing',
    industry: 'manufacturing',
    title: { zh: '中小企业数字化水平评测指标（2022年版）· 制造业（按维度录入）', en: 'SME digital-level assessment (2022) — manufacturing (scores by dimension)' },
    docNo: '工信厅企业〔2022〕32号',
    publishedOn: '2022-11-01',
    confidence: 'V',
    levelRule: LEVEL_BANDS_2022,
    successor: '2024-manufacturing',
    notes: {
      zh: '2022 年版的指标原文与维度权重未取得（可信度 X）：本版本按官方 2022 年评测表的结果逐维度录入得分；各维度 25 分为平台参数。',
      en: 'The 2022 item texts and dimension weights were not obtained (confidence X): this version records the result of an assessment on the official 2022 form, one score per dimension; 25 points per dimension is a platform parameter.',
    },
    dimensions: (['foundation', 'operations', 'management', 'results'] as const).map((key) => {
      const label = { foundation: ['数字化基础', 'Digital foundation'], operations: ['数字化经营', 'Digital operations'], management: ['数字化管理', 'Digital management'], results: ['数字化成效', 'Digital results'] }[key];
      return {
        key, zh: label[0], en: label[1], max: 25, weightOfficial: false,
        items: [{ key: `${key}_score`, zh: `${label[0]}得分`, en: `${label[1]} score`, group: { zh: label[0], en: label[1] }, points: 25, type: 'score' as const, confidence: 'X' as const, hint: { zh: '按官方 2022 年评测表该维度得分（折算为 25 分制）', en: 'the dimension\'s score on the official 2022 form (scaled to 25)' } }],
      };
    }),
    scenarios: [],
  },
];

export function findQuestionnaire(key: string): QuestionnaireVersion | undefined {
  return QUESTIONNAIRES.find((q) => q.key === key);
}

export function allItems(q: QuestionnaireVersion): (Item & { dimension: string })[] {
  return q.dimensions.flatMap((d) => d.items.map((i) => ({ ...i, dimension: d.key })));
}

// ---------- validation ----------

export interface AnswerProblem {
  key: string;
  label: Bilingual;
  code: 'unknown_item' | 'out_of_range';
  section: 'answers' | 'scenarioLevels';
  /** What the item accepts, in both languages. */
  accepts: Bilingual;
}

export function acceptsOf(item: Item): Bilingual {
  switch (item.type) {
    case 'percent':
      return { zh: '0–100 之间的数（%）', en: 'a number from 0 to 100 (%)' };
    case 'score':
      return { zh: `0–${item.points} 之间的数`, en: `a number from 0 to ${item.points}` };
    default:
      return { zh: `以下之一：${item.options!.map((o) => o.key).join('、')}`, en: `one of: ${item.options!.map((o) => o.key).join(', ')}` };
  }
}

function scenarioAccepts(): Bilingual {
  return { zh: '1–4 的整数（场景等级）', en: 'a whole number from 1 to 4 (scenario level)' };
}

/** Answers that name no item or are outside an item's range; empty when all are fine. */
export function checkAnswers(q: QuestionnaireVersion, answers: Answers, scenarioLevels: Record<string, number> = {}): AnswerProblem[] {
  const items = new Map(allItems(q).map((i) => [i.key, i]));
  const problems: AnswerProblem[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const item = items.get(key);
    if (!item) {
      problems.push({ key, section: 'answers', label: { zh: key, en: key }, code: 'unknown_item', accepts: { zh: '本问卷中的指标', en: 'an item of this questionnaire' } });
      continue;
    }
    const ok = item.type === 'percent' ? typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
      : item.type === 'score' ? typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= item.points
        : typeof value === 'string' && item.options!.some((o) => o.key === value);
    if (!ok) problems.push({ key, section: 'answers', label: { zh: item.zh, en: item.en }, code: 'out_of_range', accepts: acceptsOf(item) });
  }
  const scenarios = new Map(q.scenarios.map((s) => [s.key, s]));
  for (const [key, value] of Object.entries(scenarioLevels)) {
    const s = scenarios.get(key);
    if (!s) problems.push({ key, section: 'scenarioLevels', label: { zh: key, en: key }, code: 'unknown_item', accepts: { zh: '本问卷中的业务场景', en: 'a scenario of this questionnaire' } });
    else if (!Number.isInteger(value) || value < 1 || value > 4) problems.push({ key, section: 'scenarioLevels', label: { zh: s.zh, en: s.en }, code: 'out_of_range', accepts: scenarioAccepts() });
  }
  return problems;
}

// ---------- scoring ----------

export function itemPoints(item: Item, answer: Answer): number {
  switch (item.type) {
    case 'percent':
      return item.points * percentFraction(answer as number);
    case 'score':
      return answer as number;
    default:
      return item.points * (item.options!.find((o) => o.key === answer)?.fraction ?? 0);
  }
}

/** Level 1–4 from a 100-point total. Exactly-on-threshold totals follow `rule.edge`. */
export function levelFor(total: number, rule: Pick<LevelRule, 'thresholds' | 'edge'>): 1 | 2 | 3 | 4 {
  let level = 1;
  for (const t of rule.thresholds) if (rule.edge === 'upper' ? total >= t : total > t) level++;
  return level as 1 | 2 | 3 | 4;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export interface DimensionScore extends Bilingual {
  key: string;
  score: number;
  max: number;
  /** score ÷ max, 0–1. */
  ratio: number;
  items: { key: string; zh: string; en: string; points: number; max: number; answered: boolean }[];
}

export interface ScoreResult {
  version: string;
  dimensions: DimensionScore[];
  total: number;
  level: 1 | 2 | 3 | 4;
  levelRule: LevelRule;
  complete: boolean;
  missing: { key: string; zh: string; en: string }[];
}

/**
 * Scores answers against a version: points per item by its rule, a score per dimension, the
 * total and the level. Unanswered items score 0 and are listed in `missing`. Assumes the
 * answers passed `checkAnswers`.
 */
export function scoreAnswers(q: QuestionnaireVersion, answers: Answers, rule: LevelRule = q.levelRule): ScoreResult {
  const missing: ScoreResult['missing'] = [];
  const dimensions = q.dimensions.map((d) => {
    const items = d.items.map((i) => {
      const a = answers[i.key];
      const answered = a !== undefined && a !== null && a !== '';
      if (!answered) missing.push({ key: i.key, zh: i.zh, en: i.en });
      return { key: i.key, zh: i.zh, en: i.en, points: answered ? round3(itemPoints(i, a)) : 0, max: i.points, answered };
    });
    const score = round3(items.reduce((s, i) => s + i.points, 0));
    return { key: d.key, zh: d.zh, en: d.en, score, max: d.max, ratio: round3(score / d.max), items };
  });
  const total = round3(dimensions.reduce((s, d) => s + d.score, 0));
  return { version: q.key, dimensions, total, level: levelFor(total, rule), levelRule: rule, complete: missing.length === 0, missing };
}

/**
 * Carries answers to another version: answers whose item exists there with the same answer
 * type and a valid value are kept; the rest are returned as `dropped` (the caller keeps them).
 */
export function migrateAnswers(from: QuestionnaireVersion, to: QuestionnaireVersion, answers: Answers, scenarioLevels: Record<string, number>) {
  const fromItems = new Map(allItems(from).map((i) => [i.key, i]));
  const toItems = new Map(allItems(to).map((i) => [i.key, i]));
  const kept: Answers = {};
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(answers)) {
    const a = fromItems.get(k);
    const b = toItems.get(k);
    if (a && b && a.type === b.type && checkAnswers(to, { [k]: v }).length === 0) kept[k] = v;
    else dropped.push(k);
  }
  const scenarioKeys = new Set(to.scenarios.map((s) => s.key));
  const keptScenarios = Object.fromEntries(Object.entries(scenarioLevels).filter(([k]) => scenarioKeys.has(k)));
  for (const k of Object.keys(scenarioLevels)) if (!scenarioKeys.has(k)) dropped.push(`scenario:${k}`);
  return { answers: kept, scenarioLevels: keptScenarios, dropped };
}
