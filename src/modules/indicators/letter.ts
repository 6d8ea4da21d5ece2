// How each figure of the bureau's letter of 2025-05-20 enters the indicator registry: its
// topic, frequency and period in the registry's terms. The letter's own wording of the period
// is kept in the value's note. Figures the letter gives as plans become targets, not values.
import { LETTER } from '../../reference/letter.ts';
import type { Frequency, IndicatorInput, IndicatorSource, Topic, Unit, ValueInput } from './indicators.schema.ts';

export const LETTER_SOURCE: IndicatorSource = {
  docNo: LETTER.source.doc_no,
  title: LETTER.source.title_zh,
  issuer: LETTER.source.issuer,
  date: LETTER.source.date,
  url: null,
};

const FYP14 = '2021-2025';
const AS_OF = LETTER.source.date;

/** id → topic, frequency and period; 'plan' marks a target. */
const MAPPING: Record<string, { topic: Topic; frequency: Frequency; period: string | 'plan' }> = {
  hnte_count: { topic: 'enterprises', frequency: 'annual', period: '2024' },
  hnte_industrial_output: { topic: 'enterprises', frequency: 'annual', period: '2024' },
  hnte_industrial_output_growth: { topic: 'enterprises', frequency: 'annual', period: '2024' },
  tax_incentives_total: { topic: 'policy', frequency: 'span', period: FYP14 },
  innovation_consortia: { topic: 'carriers', frequency: 'stock', period: AS_OF },
  enterprise_rd_centers: { topic: 'carriers', frequency: 'stock', period: AS_OF },
  major_tech_projects: { topic: 'projects', frequency: 'span', period: FYP14 },
  hnte_transformation_projects: { topic: 'projects', frequency: 'span', period: FYP14 },
  new_hnte: { topic: 'cultivation', frequency: 'span', period: FYP14 },
  new_little_giants: { topic: 'cultivation', frequency: 'span', period: FYP14 },
  unicorns: { topic: 'enterprises', frequency: 'annual', period: '2025' },
  national_research_institutes: { topic: 'carriers', frequency: 'stock', period: AS_OF },
  public_tech_service_platforms: { topic: 'carriers', frequency: 'stock', period: AS_OF },
  provincial_innovation_labs: { topic: 'carriers', frequency: 'stock', period: AS_OF },
  ic_platform_trainees_per_year: { topic: 'talent', frequency: 'stock', period: AS_OF },
  ic_platform_trainees_total: { topic: 'talent', frequency: 'stock', period: AS_OF },
  industry_specialty_groups: { topic: 'talent', frequency: 'stock', period: 'plan' },
  applied_undergrad_majors: { topic: 'talent', frequency: 'stock', period: 'plan' },
  higher_vocational_majors: { topic: 'talent', frequency: 'stock', period: 'plan' },
  secondary_vocational_majors: { topic: 'talent', frequency: 'stock', period: 'plan' },
  apprenticeship_pilots: { topic: 'talent', frequency: 'stock', period: AS_OF },
  industrial_colleges: { topic: 'talent', frequency: 'stock', period: AS_OF },
  training_bases: { topic: 'talent', frequency: 'stock', period: AS_OF },
  national_industry_education_communities: { topic: 'talent', frequency: 'stock', period: AS_OF },
  digital_transformation_smes: { topic: 'digital', frequency: 'stock', period: AS_OF },
  digital_solutions: { topic: 'digital', frequency: 'stock', period: AS_OF },
  digital_diagnoses: { topic: 'digital', frequency: 'stock', period: AS_OF },
  cloud_enterprises: { topic: 'digital', frequency: 'stock', period: AS_OF },
  smart_retrofit_projects: { topic: 'digital', frequency: 'stock', period: AS_OF },
  green_manufacturing_list: { topic: 'digital', frequency: 'annual', period: '2024' },
  policy_key_tasks: { topic: 'policy', frequency: 'stock', period: AS_OF },
  policy_measures: { topic: 'policy', frequency: 'stock', period: AS_OF },
  invention_patent_growth: { topic: 'enterprises', frequency: 'span', period: FYP14 },
  guidance_subfunds: { topic: 'funds', frequency: 'stock', period: AS_OF },
  guidance_subfunds_size: { topic: 'funds', frequency: 'stock', period: AS_OF },
  vc_fund_size: { topic: 'funds', frequency: 'annual', period: '2025' },
  tech_innovation_fund_size: { topic: 'funds', frequency: 'annual', period: '2025' },
  q1_gdp_growth: { topic: 'economy', frequency: 'quarterly', period: '2025Q1' },
  q1_hightech_mfg_share: { topic: 'economy', frequency: 'quarterly', period: '2025Q1' },
  q1_hightech_mfg_growth: { topic: 'economy', frequency: 'quarterly', period: '2025Q1' },
  implementing_documents: { topic: 'policy', frequency: 'quarterly', period: '2025Q1' },
  villages: { topic: 'villages', frequency: 'annual', period: '2024' },
  village_collective_income_avg: { topic: 'villages', frequency: 'annual', period: '2024' },
  collective_projects: { topic: 'villages', frequency: 'stock', period: AS_OF },
  collective_subsidy_cap: { topic: 'villages', frequency: 'stock', period: AS_OF },
  jimei_collective_projects: { topic: 'villages', frequency: 'stock', period: AS_OF },
  tech_projects_landed: { topic: 'marketplace', frequency: 'stock', period: AS_OF },
  susong_cup_editions: { topic: 'projects', frequency: 'stock', period: AS_OF },
  mountain_sea_city_funds: { topic: 'funds', frequency: 'annual', period: '2025' },
  mountain_sea_district_funds: { topic: 'funds', frequency: 'annual', period: '2025' },
};

const PERIOD_WORDS: Record<string, string> = {
  cumulative: '累计', 'since the 14th FYP': '“十四五”以来', 'per year': '每年', pilot: '试点', 'first batch': '首批',
  rule: '政策规定', 'annual average': '年均', plan: '规划目标',
};

function noteOf(i: (typeof LETTER.indicators)[number]): string {
  const parts = [`来函原文期间：${PERIOD_WORDS[i.period] ?? i.period}`];
  if (typeof i.delta_pts_vs_2024 === 'number') parts.push(`较上年同期提高 ${i.delta_pts_vs_2024} 个百分点`);
  if (Array.isArray(i.examples_zh)) parts.push(`如：${(i.examples_zh as string[]).join('、')}`);
  if (Array.isArray(i.pilot_industries_zh)) parts.push(`试点行业：${(i.pilot_industries_zh as string[]).join('、')}`);
  if (typeof i.annual_income_wan === 'number') parts.push(`年收入约 ${i.annual_income_wan} 万元，涉及 ${i.villages} 个村`);
  return parts.join('；');
}

export interface LetterEntry {
  indicator: IndicatorInput;
  value: ValueInput | null;
}

/** Every figure of the letter as an indicator definition plus its value (or its target). */
export function letterEntries(): LetterEntry[] {
  return LETTER.indicators.map((i) => {
    const m = MAPPING[i.id];
    if (!m) throw new Error(`The letter's figure "${i.id}" has no mapping in indicators/letter.ts`);
    const plan = m.period === 'plan';
    return {
      indicator: {
        id: i.id, nameZh: i.zh, nameEn: i.en,
        definitionZh: `${i.zh}。数据来源：${LETTER.source.doc_no}（${LETTER.source.date}）。`,
        definitionEn: `${i.en}. Source: ${LETTER.source.title_en}, ${LETTER.source.doc_no} (${LETTER.source.date}).`,
        // The letter's issuer answers for its figures until staff name an owner.
        topic: m.topic, unit: i.unit as Unit, frequency: m.frequency, owner: LETTER.source.issuer,
        targetValue: plan ? i.value : null, targetPeriod: null, targetSource: plan ? LETTER_SOURCE : null,
        published: true,
      },
      value: plan ? null : {
        period: m.period, value: i.value, unit: i.unit as Unit,
        qualifier: i.qualifier === 'more than' ? 'more_than' : i.qualifier === 'nearly' ? 'nearly' : null,
        source: LETTER_SOURCE, note: noteOf(i),
      },
    };
  });
}
