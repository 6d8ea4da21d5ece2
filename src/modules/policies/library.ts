// The policy library the platform ships with (real documents, not demo data): the national
// documents behind the rules engine and tax benefits, summarised from shared/reference/
// criteria.md, and the Xiamen measures as drafts whose amounts are examples until the bureau
// sets them. Clause texts are summaries in our own words, never the legal text — every policy
// says so and carries its source and confidence mark. Written on every start when missing
// (by slug), so an edited or repealed policy is never overwritten.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { BenefitDraft } from './benefit.ts';
import { benefits, benefitVersions, policies, policyVersions, type Clause, type PolicyTags } from './policies.schema.ts';
import { indexTokens } from '../../lib/segment.ts';

const SUMMARY = '（条款为平台依据 shared/reference/criteria.md 所作的要点摘要，非法规原文；以官方文本为准。）';
const WAN = 1_000_000; // fen per 万元

interface SeedPolicy {
  slug: string;
  docNo: string | null;
  title: string;
  issuer: string;
  level: 'national' | 'provincial' | 'city' | 'district';
  publishedOn: string | null;
  status: 'draft' | 'published';
  tags: PolicyTags;
  source: string;
  confidence: 'V' | 'C' | 'R' | 'X';
  effectiveFrom: string;
  expiresOn?: string;
  summary: string;
  clauses: Clause[];
}

interface SeedBenefit {
  code: string;
  kind: 'national' | 'authored';
  policy: string;
  clauseNo: string;
  nameZh: string;
  nameEn: string;
  topic: string;
  howToApply: { zh: string; en: string };
  version?: BenefitDraft;
}

const CRITERIA = 'shared/reference/criteria.md';

export const LIBRARY: SeedPolicy[] = [
  {
    slug: 'cit-law', docNo: null, title: '中华人民共和国企业所得税法（相关条款）', issuer: '全国人民代表大会', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: [], tiers: ['hnte'], topics: ['tax', 'rd'] }, source: `${CRITERIA} §1.3, §4`, confidence: 'V', effectiveFrom: '2008-01-01',
    summary: `企业所得税税率及高新技术企业、研发费用的税收优惠。${SUMMARY}`,
    clauses: [
      { no: '4', text: '企业所得税的税率为25%。' },
      { no: '28', text: '国家需要重点扶持的高新技术企业，减按15%的税率征收企业所得税。' },
      { no: '30', text: '企业开发新技术、新产品、新工艺发生的研究开发费用，可以在计算应纳税所得额时加计扣除（实施条例第九十五条：未形成无形资产的加计扣除50%，形成无形资产的按150%摊销）。' },
    ],
  },
  {
    slug: 'hnte-recognition-2016', docNo: '国科发火〔2016〕32号', title: '高新技术企业认定管理办法', issuer: '科技部 财政部 国家税务总局', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: [], tiers: ['hnte'], topics: ['recognition'] }, source: `${CRITERIA} §1`, confidence: 'V', effectiveFrom: '2016-01-01',
    summary: `高新技术企业的认定条件、创新能力评价和有效期；替代国科发火〔2008〕172号。${SUMMARY}`,
    clauses: [
      { no: '11.1', text: '企业申请认定时须注册成立一年以上（工作指引按365个日历天计算）。' },
      { no: '11.2', text: '企业通过自主研发、受让、受赠、并购等方式，获得对其主要产品（服务）在技术上发挥核心支持作用的知识产权的所有权。' },
      { no: '11.3', text: '对企业主要产品（服务）发挥核心支持作用的技术属于《国家重点支持的高新技术领域》规定的范围。' },
      { no: '11.4', text: '企业从事研发和相关技术创新活动的科技人员占企业当年职工总数的比例不低于10%。' },
      { no: '11.5', text: '近三个会计年度研究开发费用总额占同期销售收入总额的比例：最近一年销售收入小于5,000万元（含）的不低于5%；5,000万元至2亿元（含）的不低于4%；2亿元以上的不低于3%。其中在中国境内发生的研究开发费用总额占全部研究开发费用总额的比例不低于60%。' },
      { no: '11.6', text: '近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%。' },
      { no: '11.7', text: '企业创新能力评价应达到相应要求（满分100分，70分以上）。' },
      { no: '11.8', text: '企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为。' },
      { no: '12', text: '高新技术企业资格自颁发证书之日起有效期为三年。' },
    ],
  },
  {
    slug: 'tech-sme-evaluation-2017', docNo: '国科发政〔2017〕115号', title: '科技型中小企业评价办法', issuer: '科技部 财政部 国家税务总局', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: [], tiers: ['tech_sme'], topics: ['recognition'] }, source: `${CRITERIA} §2`, confidence: 'V', effectiveFrom: '2017-05-01',
    summary: `科技型中小企业的评价条件与评分；2022年起评价工作按国科火字〔2022〕67号指引开展。${SUMMARY}`,
    clauses: [
      { no: '6.1', text: '在中国境内（不包括港、澳、台地区）注册的居民企业。' },
      { no: '6.2', text: '职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元。' },
      { no: '6.3', text: '企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类。' },
      { no: '6.4', text: '企业在填报上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为，且未列入经营异常名录和严重违法失信企业名单。' },
      { no: '6.5', text: '企业根据科技型中小企业评价指标进行综合评价所得分值不低于60分，且科技人员指标得分不得为0分。' },
    ],
  },
  {
    slug: 'sme-gradient-2022', docNo: '工信部企业〔2022〕63号', title: '优质中小企业梯度培育管理暂行办法', issuer: '工业和信息化部', level: 'national', publishedOn: '2022-06-01', status: 'published',
    tags: { chains: [], tiers: ['innovative_sme', 'srdi_sme', 'little_giant'], topics: ['recognition'] }, source: `${CRITERIA} §3.1–3.3`, confidence: 'V', effectiveFrom: '2022-08-01', expiresOn: '2026-03-31',
    summary: `创新型中小企业、专精特新中小企业和专精特新“小巨人”企业的评价和认定标准；2026-04-01起新申报适用工信部企业〔2026〕2号。${SUMMARY}`,
    clauses: [
      { no: '附件1', text: '创新型中小企业：评价得分达到60分以上（其中创新能力得分不低于20分、成长性得分不低于15分、专业化得分不低于15分），或满足直通条件之一。' },
      { no: '附件2', text: '专精特新中小企业：从事特定细分市场时间达到2年以上；上年度研发费用总额不低于100万元且占营业收入总额比重不低于3%；上年度营业收入总额在1000万元以上（或符合融资替代条件）；评价得分达到60分以上或满足直通条件之一。' },
      { no: '附件3', text: '专精特新“小巨人”企业：专、精、特、新、链、品六个方面的条件均须满足。' },
    ],
  },
  {
    slug: 'rd-super-deduction-2015', docNo: '财税〔2015〕119号', title: '关于完善研究开发费用税前加计扣除政策的通知', issuer: '财政部 国家税务总局 科技部', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: [], tiers: [], topics: ['tax', 'rd'] }, source: `${CRITERIA} §4`, confidence: 'V', effectiveFrom: '2016-01-01',
    summary: `研发费用加计扣除的范围和不适用加计扣除的行业。${SUMMARY}`,
    clauses: [
      { no: '1', text: '企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，按照本年度实际发生额的50%，从本年度应纳税所得额中扣除；形成无形资产的，按照无形资产成本的150%在税前摊销。' },
      { no: '4', text: '不适用税前加计扣除政策的行业：烟草制造业；住宿和餐饮业；批发和零售业；房地产业；租赁和商务服务业；娱乐业；财政部和国家税务总局规定的其他行业（以《国民经济行业分类》为准，以该行业业务为主营业务、其收入占收入总额减除不征税收入和投资收益后余额50%以上的企业）。' },
    ],
  },
  {
    slug: 'rd-super-deduction-2023', docNo: '财政部 税务总局公告2023年第7号', title: '关于进一步完善研发费用税前加计扣除政策的公告', issuer: '财政部 税务总局', level: 'national', publishedOn: '2023-03-26', status: 'published',
    tags: { chains: [], tiers: [], topics: ['tax', 'rd'] }, source: `${CRITERIA} §4`, confidence: 'V', effectiveFrom: '2023-01-01',
    summary: `自2023年1月1日起，研发费用加计扣除比例统一提高到100%，作为制度性安排长期实施。${SUMMARY}`,
    clauses: [
      { no: '1', text: '企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2023年1月1日起，再按照实际发生额的100%在税前加计扣除；形成无形资产的，自2023年1月1日起，按照无形资产成本的200%在税前摊销。' },
      { no: '2', text: '企业享受研发费用加计扣除政策的其他政策口径和管理要求，按照财税〔2015〕119号等文件相关规定执行。' },
      { no: '3', text: '本公告自2023年1月1日起执行，《财政部 税务总局关于进一步完善研发费用税前加计扣除政策的公告》（2021年第13号）等文件相应废止。' },
    ],
  },
  {
    slug: 'rd-super-deduction-ic-2023', docNo: '财政部 税务总局 国家发展改革委 工业和信息化部公告2023年第44号', title: '关于提高集成电路和工业母机企业研发费用加计扣除比例的公告', issuer: '财政部 税务总局 国家发展改革委 工业和信息化部', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: ['集成电路'], tiers: [], topics: ['tax', 'rd'] }, source: `${CRITERIA} §4`, confidence: 'C', effectiveFrom: '2023-01-01', expiresOn: '2027-12-31',
    summary: `2023–2027年，集成电路企业和工业母机企业研发费用加计扣除比例为120%。${SUMMARY}`,
    clauses: [
      { no: '1', text: '集成电路企业和工业母机企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，在2023年1月1日至2027年12月31日期间，再按照实际发生额的120%在税前扣除；形成无形资产的，在上述期间按照无形资产成本的220%在税前摊销。' },
    ],
  },
  {
    slug: 'small-low-profit-2023', docNo: '财政部 税务总局公告2023年第12号', title: '关于进一步支持小微企业和个体工商户发展有关税费政策的公告', issuer: '财政部 税务总局', level: 'national', publishedOn: null, status: 'published',
    tags: { chains: [], tiers: [], topics: ['tax'] }, source: `${CRITERIA} §4 (citRate)`, confidence: 'C', effectiveFrom: '2023-01-01', expiresOn: '2027-12-31',
    summary: `小型微利企业减按25%计算应纳税所得额、按20%税率缴纳企业所得税（实际税负5%），执行至2027年12月31日。${SUMMARY}`,
    clauses: [
      { no: '3', text: '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税政策，延续执行至2027年12月31日。小型微利企业：年度应纳税所得额不超过300万元、从业人数不超过300人、资产总额不超过5000万元。' },
      { no: '说明', text: '与高新技术企业15%税率不叠加，企业择优适用（平台按两者中税负较低者计算）。' },
    ],
  },
  {
    slug: 'xm-rd-investment-draft-2025', docNo: null, title: '厦门市关于支持企业加强研发活动加大研发投入的若干措施（征求意见稿）', issuer: '厦门市（征求意见稿，起草部门以正式文本为准）', level: 'city', publishedOn: '2025-12-18', status: 'draft',
    tags: { chains: [], tiers: ['tech_sme', 'hnte', 'tech_leader'], topics: ['rd', 'subsidy'] }, source: `${CRITERIA} §6（征求意见稿页面副本，非正式文本）`, confidence: 'V', effectiveFrom: '2026-01-01',
    summary: '征求意见稿：对加大研发投入的企业按研发费用增量给予补助，按预算总额等比例核拨；构建科技型中小企业—市级高企—国家高企—科技型领军企业的梯次。金额为示例，由科技局确定后发布。',
    clauses: [
      { no: '1', text: '营业收入2000万元以上、自筹研发费用超过200万元的企业，按研发费用比上年增加额，每满100万元给予不超过10万元补助，单个企业最高不超过500万元；资金超出预算的按比例核拨。（金额为示例——由科技局确定）' },
      { no: '2', text: '构建“科技型中小企业—市级高新技术企业—国家高新技术企业—科技型领军企业”梯次培育体系。' },
      { no: '3', text: '目标：到2026年底，营业收入1亿元以上的制造业企业研发活动全覆盖。' },
    ],
  },
  {
    slug: 'xm-rd-insurance-template', docNo: null, title: '厦门市科技保险（厦研保）保费补助（平台模板，待录入正式文件）', issuer: '厦门市科学技术局（正式文件待录入）', level: 'city', publishedOn: null, status: 'draft',
    tags: { chains: [], tiers: ['tech_sme', 'hnte'], topics: ['insurance', 'subsidy'] }, source: `${CRITERIA} §6：“厦研保”在现有资料中未检索到正式文本，须向科技局获取`, confidence: 'X', effectiveFrom: '2026-01-01',
    summary: '平台模板：企业投保科技保险（厦研保）所缴保费按比例给予补助。补助比例和上限为示例，待科技局录入正式文件后修改并发布；投保记录在“资金台账—厦研保”登记，保费自动计入企业当年“科技保险保费”数据。',
    clauses: [
      { no: '1', text: '企业投保市科技局支持的科技保险险种，按当年实缴保费的50%给予补助，单个企业每年最高20万元。（比例与上限为示例——由科技局确定）' },
    ],
  },
  {
    slug: 'xm-innovation-measures', docNo: null, title: '厦门市加快创新驱动发展的若干措施（研发经费补助条款）', issuer: '厦门市人民政府（文号待核实）', level: 'city', publishedOn: null, status: 'draft',
    tags: { chains: [], tiers: [], topics: ['rd', 'subsidy'] }, source: `${CRITERIA} §6（两份页面副本；年份约为2018年，现行有效性未核实）`, confidence: 'R', effectiveFrom: '2018-01-01',
    summary: '按可加计扣除的研发费用给予补助：基数部分10%加增量部分12%；大企业上限800万元，其他企业250万元。现行有效性待科技局核实；金额为示例，由科技局确定。',
    clauses: [
      { no: '1', text: '对企业可享受加计扣除的研发费用，按基数的10%和增量部分的12%给予补助；主营业务收入20亿元以上且研发费用5000万元以上的企业最高800万元，其他企业最高250万元。（金额为示例——由科技局确定）' },
      { no: '2', text: '行业龙头企业（全国前三）牵头承担国家重大项目的，按闽政〔2018〕19号给予1:1配套，财政资金总额不超过项目总投资。' },
    ],
  },
  {
    slug: 'xm-reply-0161-2025', docNo: '厦科函〔2025〕84号', title: '厦门市科学技术局关于市十六届人大五次会议第0161号建议办理情况答复的函', issuer: '厦门市科学技术局', level: 'city', publishedOn: '2025-05-20', status: 'draft',
    tags: { chains: ['创新药械', '新型储能', '软件和信息服务'], tiers: ['hnte', 'little_giant', 'tech_leader'], topics: ['plan'] }, source: 'shared/data/letter-2025-05-20.json（公开答复函；索引号 XM00105-12-00-2025-058）', confidence: 'V', effectiveFrom: '2025-05-20',
    summary: '答复函所列2025年起的工作举措（计划，不含补助金额）。2021–2025年研发费用加计扣除和高企所得税优惠累计落实350亿元。',
    clauses: [
      { no: '1', text: '打造“鹭创通”科技创新创业综合服务平台。' },
      { no: '2', text: '高标准建设国家级知识产权保护中心。' },
      { no: '3', text: '健全梯次培育体系：国家高新技术企业、专精特新“小巨人”企业培育。' },
      { no: '4', text: '设立未来产业重大专项、市区联合专项，支持创新联合体。' },
      { no: '5', text: '建立科技领军企业培育机制。' },
      { no: '6', text: '依据产业图谱按图索骥推进产业发展和招商引资。' },
      { no: '7', text: '修订工业技改补助、软件扶持等政策；研究新能源汽车、中小企业、游戏产业专项。' },
      { no: '8', text: '修订《厦门市促进科技成果转移转化若干规定》，推进职务科技成果赋权改革。' },
      { no: '9', text: '拓展“创新飞地”布局；做好山海协作帮扶专项资金拨付管理。' },
    ],
  },
];

const TAX_APPLY = { zh: '自行判别、申报享受：年度企业所得税汇算清缴时在电子税务局填报（研发费用可在7月、10月预缴时申报），留存备查资料。', en: 'Self-assessed: claim it in the annual enterprise income-tax return on the e-tax bureau (R&D also at the July and October prepayments) and keep the supporting records.' };
const CITY_APPLY = { zh: '免申即享：科技局依据平台数据核定名单，经复核后直接拨付；企业无需申报，结果发送至单位消息。', en: 'No application: the bureau lists eligible organisations from the platform\'s data and pays after a second check; the result arrives in the organisation\'s inbox.' };

export const LIBRARY_BENEFITS: SeedBenefit[] = [
  { code: 'rd_super_deduction', kind: 'national', policy: 'rd-super-deduction-2023', clauseNo: '1', nameZh: '研发费用加计扣除', nameEn: 'R&D super-deduction', topic: 'tax', howToApply: TAX_APPLY },
  { code: 'hnte_rate', kind: 'national', policy: 'cit-law', clauseNo: '28', nameZh: '高新技术企业15%优惠税率', nameEn: 'HNTE 15% income-tax rate', topic: 'tax', howToApply: TAX_APPLY },
  { code: 'small_low_profit_rate', kind: 'national', policy: 'small-low-profit-2023', clauseNo: '3', nameZh: '小型微利企业所得税优惠', nameEn: 'Small low-profit enterprise income-tax relief', topic: 'tax', howToApply: TAX_APPLY },
  {
    code: 'xm_rd_increase_subsidy', kind: 'authored', policy: 'xm-rd-investment-draft-2025', clauseNo: '1', nameZh: '研发投入增量补助（示例金额）', nameEn: 'R&D increase subsidy (example amounts)', topic: 'subsidy', howToApply: CITY_APPLY,
    version: {
      effectiveFrom: '2026-01-01', period: 'yearly', budget: 10_000 * WAN, exampleAmounts: true,
      condition: 'org.kind == enterprise and fy.revenue >= 2000万元 and fy.rdExpense > 200万元 and fy.rdIncrease >= 100万元',
      formula: { kind: 'step', base: 'fy.rdIncrease', per: 100 * WAN, amount: 10 * WAN, cap: 500 * WAN },
      testCases: [
        { name: '营业收入恰为2000万元、研发增量255万元：2个整100万，补助20万元', vars: { 'org.kind': 'enterprise', 'fy.revenue': 2000 * WAN, 'fy.rdExpense': 800 * WAN, 'fy.rdIncrease': 255 * WAN }, expected: 20 * WAN },
        { name: '营业收入差1分到2000万元：不符合', vars: { 'org.kind': 'enterprise', 'fy.revenue': 2000 * WAN - 1, 'fy.rdExpense': 800 * WAN, 'fy.rdIncrease': 255 * WAN }, expected: null },
        { name: '研发费用恰为200万元（须超过）：不符合', vars: { 'org.kind': 'enterprise', 'fy.revenue': 5000 * WAN, 'fy.rdExpense': 200 * WAN, 'fy.rdIncrease': 150 * WAN }, expected: null },
        { name: '研发增量9000万元：封顶500万元', vars: { 'org.kind': 'enterprise', 'fy.revenue': 90_000 * WAN, 'fy.rdExpense': 20_000 * WAN, 'fy.rdIncrease': 9000 * WAN }, expected: 500 * WAN },
      ],
    },
  },
  {
    code: 'xm_rd_subsidy_large', kind: 'authored', policy: 'xm-innovation-measures', clauseNo: '1', nameZh: '研发经费补助（大企业，示例金额）', nameEn: 'R&D expense subsidy, large firms (example amounts)', topic: 'subsidy', howToApply: CITY_APPLY,
    version: {
      effectiveFrom: '2018-01-01', period: 'yearly', exampleAmounts: true,
      condition: 'org.kind == enterprise and fy.mainBusinessRevenue >= 20亿元 and fy.rdExpense >= 5000万元 and benefit.rd_super_deduction',
      formula: { kind: 'sum', cap: 800 * WAN, parts: [{ kind: 'rate', base: 'fy.rdExpensed', rateBp: 1000 }, { kind: 'rate', base: 'fy.rdIncreasePositive', rateBp: 1200 }] },
      testCases: [
        { name: '研发5000万元、增量0：补助500万元', vars: { 'org.kind': 'enterprise', 'fy.mainBusinessRevenue': 200_000 * WAN, 'fy.rdExpense': 5000 * WAN, 'fy.rdExpensed': 5000 * WAN, 'fy.rdIncreasePositive': 0, 'benefit.rd_super_deduction': true }, expected: 500 * WAN },
        { name: '研发6000万元、增量1000万元：600万＋120万，封顶800万元以内为720万元', vars: { 'org.kind': 'enterprise', 'fy.mainBusinessRevenue': 300_000 * WAN, 'fy.rdExpense': 6000 * WAN, 'fy.rdExpensed': 6000 * WAN, 'fy.rdIncreasePositive': 1000 * WAN, 'benefit.rd_super_deduction': true }, expected: 720 * WAN },
        { name: '研发1亿元：封顶800万元', vars: { 'org.kind': 'enterprise', 'fy.mainBusinessRevenue': 500_000 * WAN, 'fy.rdExpense': 10_000 * WAN, 'fy.rdExpensed': 10_000 * WAN, 'fy.rdIncreasePositive': 2000 * WAN, 'benefit.rd_super_deduction': true }, expected: 800 * WAN },
        { name: '不能享受加计扣除（如批发零售业）：不符合', vars: { 'org.kind': 'enterprise', 'fy.mainBusinessRevenue': 500_000 * WAN, 'fy.rdExpense': 10_000 * WAN, 'fy.rdExpensed': 10_000 * WAN, 'fy.rdIncreasePositive': 0, 'benefit.rd_super_deduction': false }, expected: null },
      ],
    },
  },
  {
    code: 'xm_rd_subsidy', kind: 'authored', policy: 'xm-innovation-measures', clauseNo: '1', nameZh: '研发经费补助（其他企业，示例金额）', nameEn: 'R&D expense subsidy, other firms (example amounts)', topic: 'subsidy', howToApply: CITY_APPLY,
    version: {
      effectiveFrom: '2018-01-01', period: 'yearly', exampleAmounts: true,
      condition: 'org.kind == enterprise and benefit.rd_super_deduction and not benefit.xm_rd_subsidy_large',
      formula: { kind: 'sum', cap: 250 * WAN, parts: [{ kind: 'rate', base: 'fy.rdExpensed', rateBp: 1000 }, { kind: 'rate', base: 'fy.rdIncreasePositive', rateBp: 1200 }] },
      testCases: [
        { name: '研发300万元、增量50万元：30万＋6万＝36万元', vars: { 'org.kind': 'enterprise', 'fy.rdExpensed': 300 * WAN, 'fy.rdIncreasePositive': 50 * WAN, 'benefit.rd_super_deduction': true, 'benefit.xm_rd_subsidy_large': false }, expected: 36 * WAN },
        { name: '研发3000万元：封顶250万元', vars: { 'org.kind': 'enterprise', 'fy.rdExpensed': 3000 * WAN, 'fy.rdIncreasePositive': 0, 'benefit.rd_super_deduction': true, 'benefit.xm_rd_subsidy_large': false }, expected: 250 * WAN },
        { name: '已按大企业条款补助：不重复', vars: { 'org.kind': 'enterprise', 'fy.rdExpensed': 6000 * WAN, 'fy.rdIncreasePositive': 0, 'benefit.rd_super_deduction': true, 'benefit.xm_rd_subsidy_large': true }, expected: null },
      ],
    },
  },
  {
    code: 'xm_rd_insurance_subsidy', kind: 'authored', policy: 'xm-rd-insurance-template', clauseNo: '1', nameZh: '科技保险（厦研保）保费补助（示例金额）', nameEn: 'R&D insurance (厦研保) premium subsidy (example amounts)', topic: 'subsidy', howToApply: CITY_APPLY,
    version: {
      effectiveFrom: '2026-01-01', period: 'yearly', exampleAmounts: true,
      condition: 'org.kind == enterprise and fy.rdInsurancePremium > 0元',
      formula: { kind: 'rate', base: 'fy.rdInsurancePremium', rateBp: 5000, cap: 20 * WAN },
      testCases: [
        { name: '保费10万元：补助5万元', vars: { 'org.kind': 'enterprise', 'fy.rdInsurancePremium': 10 * WAN }, expected: 5 * WAN },
        { name: '保费40万元：补助恰为上限20万元', vars: { 'org.kind': 'enterprise', 'fy.rdInsurancePremium': 40 * WAN }, expected: 20 * WAN },
        { name: '保费40万元零1分：封顶20万元', vars: { 'org.kind': 'enterprise', 'fy.rdInsurancePremium': 40 * WAN + 1 }, expected: 20 * WAN },
        { name: '未投保（保费为0）：不符合', vars: { 'org.kind': 'enterprise', 'fy.rdInsurancePremium': 0 }, expected: null },
      ],
    },
  },
];

/** Writes the library's policies and benefits that are not there yet; returns how many were added. */
export async function ensurePolicyLibrary(ctx: Ctx): Promise<number> {
  let added = 0;
  await ctx.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const p of LIBRARY) {
      const [existing] = await tx.select({ id: policies.id }).from(policies).where(eq(policies.slug, p.slug));
      if (existing) { ids.set(p.slug, existing.id); continue; }
      const { effectiveFrom, expiresOn, summary, clauses, ...row } = p;
      const searchText = indexTokens(p.title, p.docNo, p.issuer, ...p.tags.chains, ...p.tags.tiers, ...p.tags.topics, summary, ...clauses.map((c) => c.text));
      const [r] = await tx.insert(policies).values({ ...row, searchText }).returning({ id: policies.id });
      await tx.insert(policyVersions).values({ policyId: r.id, versionNo: 1, effectiveFrom, expiresOn: expiresOn ?? null, summary, clauses, changeNote: null, createdBy: 'system' });
      ids.set(p.slug, r.id);
      added++;
    }
    for (const b of LIBRARY_BENEFITS) {
      const [existing] = await tx.select({ code: benefits.code }).from(benefits).where(eq(benefits.code, b.code));
      if (existing) continue;
      const { version, policy, ...row } = b;
      await tx.insert(benefits).values({ ...row, policyId: ids.get(policy)! });
      if (version) await tx.insert(benefitVersions).values({ benefitCode: b.code, versionNo: 1, ...version, effectiveTo: version.effectiveTo ?? null, budget: version.budget ?? null, createdBy: 'system' });
      added++;
    }
    if (added) await recordAudit(tx, ctx, { action: 'policy.library_seed', entityType: 'policy', entityId: null, after: { added } });
  });
  return added;
}
