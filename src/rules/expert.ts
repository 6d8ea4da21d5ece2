// The expert inputs the rulesets read (FactsDoc.expert): judgements the engine must not invent.
// One entry per key, with the rulesets and criteria that read it, a label in both languages and
// the accepted range. expert.test.ts checks this list against the keys the rulesets' source uses.
import { z } from 'zod';
import { INNOVATIVE_SME } from './parameters/innovative_sme.ts';
import { SRDI } from './parameters/srdi_sme.ts';
import { BilingualSchema, type Bilingual } from './types.ts';

export const ExpertInputSchema = z.object({
  key: z.string(),
  /** The ruleset the key belongs to; `rulesets` lists every ruleset that reads it. */
  ruleset: z.string(),
  rulesets: z.array(z.string()),
  /** Criteria whose verdict or points the input decides. */
  criteria: z.array(z.string()),
  label: BilingualSchema,
  /** yesNo: 1 yes, 0 no; score: points in [min, max]; number: a count such as years. */
  kind: z.enum(['yesNo', 'score', 'number']),
  min: z.number(),
  max: z.number(),
  step: z.number(),
  unit: z.enum(['bool', 'points', 'years']),
  hint: BilingualSchema.optional(),
});
export type ExpertInput = z.infer<typeof ExpertInputSchema>;

/** The latest value of a dated parameter (the catalogue shows the range now in force). */
const latest = <T>(series: readonly { value: T }[]): T => series[series.length - 1].value;

const yesNo = (key: string, ruleset: string, criteria: string[], label: Bilingual, rulesets = [ruleset], hint?: Bilingual): ExpertInput =>
  ({ key, ruleset, rulesets, criteria, label, kind: 'yesNo', min: 0, max: 1, step: 1, unit: 'bool', ...(hint ? { hint } : {}) });
const score = (key: string, ruleset: string, criteria: string[], label: Bilingual, min: number, max: number, rulesets = [ruleset], step = 1, hint?: Bilingual): ExpertInput =>
  ({ key, ruleset, rulesets, criteria, label, kind: 'score', min, max, step, unit: 'points', ...(hint ? { hint } : {}) });

const field = latest(INNOVATIVE_SME.fieldPoints);

export const EXPERT_INPUTS: readonly ExpertInput[] = [
  // 高新技术企业 (hnte.ts)
  yesNo('hnte.fieldOk', 'hnte', ['HNTE-03'], { zh: '主要产品（服务）属于国家重点支持的高新技术领域', en: 'Main products (services) in a state-supported high-tech field' }),
  score('hnte.ipAdvancement', 'hnte', ['HNTE-07'], { zh: '知识产权的技术先进程度', en: 'Technical advancement of the IP' }, 0, 8),
  score('hnte.ipCoreSupport', 'hnte', ['HNTE-07'], { zh: '知识产权对主要产品（服务）的核心支持作用', en: 'Core support of the IP to the main products (services)' }, 0, 8),
  score('hnte.ipAcquisition', 'hnte', ['HNTE-07'], { zh: '知识产权获得方式', en: 'How the IP was acquired' }, 0, 6),
  score('hnte.ipStandards', 'hnte', ['HNTE-07'], { zh: '参与制定标准加分（有主导或参与制定的标准时）', en: 'Bonus for standards drafted (when the firm led or joined any)' }, 1, 2),
  score('hnte.rdManagement', 'hnte', ['HNTE-07'], { zh: '研究开发组织管理水平', en: 'R&D organisation and management' }, 0, 20),
  // 科技型中小企业 2017 (tech_sme.ts)
  yesNo('tech_sme.productsNotRestricted', 'tech_sme', ['TSME-03'], { zh: '产品和服务不属于国家规定的禁止、限制和淘汰类', en: 'Products and services not in the prohibited, restricted or phase-out lists' }),
  // 创新型中小企业 (innovative_sme.ts): the points of the lead-product field, in or out of the catalogue.
  score('isme.strategicField', 'innovative_sme', ['ISME-FIELD'], { zh: '主导产品属于战略性新兴产业分类', en: 'Lead product in the strategic emerging industries catalogue' }, field.other, field.inList, ['innovative_sme'], field.inList - field.other,
    { zh: `${field.inList} 分表示属于，${field.other} 分表示不属于`, en: `${field.inList} points if it is, ${field.other} if not` }),
  // 专精特新中小企业 (srdi_sme.ts)
  { key: 'srdi.segmentYears', ruleset: 'srdi_sme', rulesets: ['srdi_sme', 'little_giant'], criteria: ['SRDI-1', 'SRDI-S3', 'SRDI26-1-years', 'LG-spec-years', 'LG26-1-years'],
    label: { zh: '从事特定细分市场年限', en: 'Years in the market segment' }, kind: 'number', min: 0, max: 100, step: 1, unit: 'years',
    hint: { zh: '未录入时以注册成立日起算', en: 'counted from the registration date when not entered' } },
  score('srdi.leadProductField', 'srdi_sme', ['SRDI-S4'], { zh: '主导产品所属领域得分', en: "Points for the lead product's field" }, 0, latest(SRDI.leadProductFieldMax)),
  yesNo('srdi.qualityAward', 'srdi_sme', ['SRDI-S6'], { zh: '获得省级以上质量奖', en: 'Provincial-or-higher quality award' }),
  score('srdi.provincial', 'srdi_sme', ['SRDI-S9'], { zh: '特色化指标得分（省级主管部门确定）', en: 'Province-specific indicator points' }, 0, latest(SRDI.provincialMax)),
  yesNo('srdi.makerChinaTop500', 'srdi_sme', ['SRDI-4-maker'], { zh: '近3年进入"创客中国"全国500强', en: 'National top 500 of "Maker China" in the last 3 years' }),
  yesNo('srdi.marketPosition', 'srdi_sme', ['SRDI26-5-market'], { zh: '细分市场占有率较高、具有一定影响力', en: 'Relatively high segment market share with some influence' }),
  score('srdi.qualityScore', 'srdi_sme', ['SRDI26-6-quality', 'LG26-7-quality'], { zh: '专精特新发展质量评价得分', en: 'SRDI development-quality evaluation score' }, 0, 100, ['srdi_sme', 'little_giant']),
  // 专精特新"小巨人" (little_giant.ts)
  yesNo('lg.governance', 'little_giant', ['LG-ref-governance'], { zh: '公司治理规范', en: 'Sound corporate governance' }),
  yesNo('lg.rdInstitution', 'little_giant', ['LG-inn-inst'], { zh: '建有研发机构（含未经认定的自建或联合机构）', en: 'Has an R&D institution (an unrecognised own or joint one counts)' }),
  yesNo('lg.makerChinaTop50', 'little_giant', ['LG-inn-direct-maker'], { zh: '近3年进入"创客中国"全国50强', en: 'National top 50 of "Maker China" in the last 3 years' }),
  yesNo('lg.chainPosition', 'little_giant', ['LG-chain', 'LG26-6-chain'], { zh: '位于产业链供应链关键环节', en: 'Key position in the industrial supply chain' }),
  yesNo('lg.productField', 'little_giant', ['LG-product'], { zh: '主导产品属于重点领域（核心基础零部件、关键软件等）', en: 'Lead product in a priority field (core components, key software…)' }),
  yesNo('lg.marketTop3', 'little_giant', ['LG26-5-market'], { zh: '国内市场排名前三', en: 'Top 3 in the domestic market' }),
];
