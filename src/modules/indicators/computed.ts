// Computed indicators: figures the platform derives from its own data, computed when asked
// (so always as current as the data), over what the caller may see. Most are over organisations
// and name them (`members`, `measure.perOrg`), which is also their drill-down; a few are over
// other things (chain maps, benefit items, funds, villages: `items`), listed by the owning
// module's own service function. Where the letter reports the same thing, each names the
// reported indicator it stands beside and why the two differ.
import { sql, type SQL } from 'drizzle-orm';
import { LATEST_EVALUATION } from '../cultivation/cultivation.schema.ts';
import type { Bilingual } from '../../lib/i18n.ts';
import type { Ctx } from '../../server/context.ts';
import type { District } from '../accounts/accounts.schema.ts';
import { analyseChain, completeness, type LinkAnalysis } from '../chains/chains.analysis.ts';
import { listChains } from '../chains/chains.service.ts';
import { fundBalances, listFunds } from '../funds/funds.service.ts';
import { listVillages } from '../funds/villages.ts';
import { listBenefits } from '../policies/policies.service.ts';
import type { Frequency, Topic, Unit } from './indicators.schema.ts';

export interface Range { from: string | null; to: string }

/**
 * One row behind a figure that is not about organisations (a chain map, a benefit item, a fund, a
 * village): listed by its module's own service function, in the caller's scope.
 */
export interface ComputedItem {
  /** A stable key: chain id, benefit code, fund code, village code. */
  key: string;
  name: string;
  district: District | null;
  /** The item's part of the figure, in the indicator's unit. */
  value: number;
  detail: string | null;
  synthetic: boolean;
  /** The page that shows the item (web route). */
  href: string | null;
  chainId?: string;
  /** What `combine` needs beyond the value (chain completeness: the scored links). */
  links?: LinkAnalysis[];
}

export interface ItemsMeasure {
  list(ctx: Ctx, range: Range): Promise<ComputedItem[]>;
  /** The figure from its items (default: the sum of their values). */
  combine?(items: ComputedItem[]): number;
  /** The module keeps no history of it: only today's value can be computed (older ones come from snapshots). */
  currentOnly?: boolean;
}

export type Dimension = 'district' | 'chain';

export interface ComputedDef {
  id: string;
  name: Bilingual;
  definition: Bilingual;
  topic: Topic;
  unit: Unit;
  frequency: Frequency;
  /** The reported indicator it is compared with, and what the two count differently. */
  comparesTo?: { id: string; why: Bilingual };
  /** The period shown by default: today's stock, the last full year … */
  defaultPeriod(today: string, latestEvaluation: string | null): string | null;
  /** SQL selecting the ids of the organisations behind the figure for the period (default: those `measure.perOrg` names). */
  members?(range: Range): SQL;
  /**
   * Count the members (default) or sum an amount per member: `perOrg` selects (org_id, value),
   * one row per organisation, in fen; `divisor` turns fen into the unit.
   */
  measure?: { perOrg: (range: Range) => SQL; divisor: number };
  /** What each drill-down row shows beside the organisation. */
  detail?: SQL | ((range: Range) => SQL);
  /** A figure over other things than organisations: its rows are those things (then no members, measure or detail). */
  items?: ItemsMeasure;
  /** The breakdowns that mean something for it (default for organisation figures: district and chain). */
  dimensions?: Dimension[];
}

const lastYear = (today: string) => String(Number(today.slice(0, 4)) - 1);
const yearOf = (r: Range) => Number(r.to.slice(0, 4));
/** The calendar day of a timestamp in Xiamen (periods are Beijing-time days, whatever the session time zone). */
const day = (ts: SQL) => sql`(${ts} at time zone 'Asia/Shanghai')::date`;
const from = (r: Range) => r.from ?? '1949-01-01';

/** Auto-grant amounts (fen) per organisation in the batches approved, and still current, with an as-of date in the range. */
const granted = (r: Range) => sql`select g.org_id, sum(g.amount) as value from grants g join grant_batches b on b.id = g.batch_id
  where b.status = 'approved' and g.change <> 'dropped' and g.amount > 0 and b.as_of between ${from(r)}::date and ${r.to}::date group by g.org_id`;
/** Payments (fen) per organisation posted in the range, less those since reversed. */
const paid = (r: Range) => sql`select rc.org_id, sum(d.amount_fen) as value from disbursements d
  join ledger_entries e on e.id = d.entry_id join fund_allocations a on a.id = d.allocation_id join fund_recipients rc on rc.id = a.recipient_id
  where d.status = 'approved' and rc.org_id is not null and e.value_date between ${from(r)}::date and ${r.to}::date
    and not exists (select 1 from ledger_entries x where x.reverses_id = e.id)
  group by rc.org_id`;

/** Holders of a qualification valid on a day. */
const holders = (kind: string, day: string) =>
  sql`select q.org_id from org_qualifications q where q.kind = ${kind} and q.issued_on <= ${day}::date and (q.expires_on is null or q.expires_on >= ${day}::date)`;
/** Certificates of a qualification first issued within a range. */
const issued = (kind: string, r: Range) =>
  sql`select q.org_id from org_qualifications q where q.kind = ${kind} and q.issued_on between ${r.from ?? '1949-01-01'}::date and ${r.to}::date`;
const certificateDetail = (kind: string) =>
  sql`(select string_agg(coalesce(q.certificate_no, '—') || ' (' || coalesce(q.issued_on::text, '?') || ' – ' || coalesce(q.expires_on::text, '?') || ')', '; ' order by q.issued_on)
    from org_qualifications q where q.org_id = orgs.id and q.kind = ${kind})`;
/** Organisations whose latest stored evaluation meets a tier. */
const meetsTier = (ruleset: string) =>
  sql`select a.org_id from assessments a where a.ruleset = ${ruleset} and a.verdict = 'pass' and a.as_of = ${LATEST_EVALUATION}`;

const TIER_NAMES: Record<string, Bilingual> = {
  tech_sme: { zh: '科技型中小企业', en: 'tech SMEs' },
  innovative_sme: { zh: '创新型中小企业', en: 'innovative SMEs' },
  srdi_sme: { zh: '专精特新中小企业', en: 'SRDI SMEs' },
  little_giant: { zh: '专精特新“小巨人”企业', en: 'little giants' },
  hnte: { zh: '高新技术企业', en: 'high-tech enterprises' },
};

const tierIndicators: ComputedDef[] = Object.entries(TIER_NAMES).map(([ruleset, name]) => ({
  id: `platform_meets_${ruleset}`,
  name: { zh: `按现行标准达到${name.zh}条件的单位（平台测算）`, en: `Organisations meeting the ${name.en} criteria now (platform evaluation)` },
  definition: {
    zh: `最近一次梯次培育评价中，规则引擎判定达到${name.zh}全部条件的单位数（不含需人工评审的项目）。`,
    en: `Organisations that the rules engine found to meet every ${name.en} criterion at the latest cultivation evaluation (items needing expert review excluded).`,
  },
  topic: 'cultivation',
  unit: '家',
  frequency: 'stock',
  defaultPeriod: (_today, latestEvaluation) => latestEvaluation,
  members: () => meetsTier(ruleset),
  detail: sql`(select a.version from assessments a where a.org_id = orgs.id and a.ruleset = ${ruleset} order by a.as_of desc limit 1)`,
}));

/** Signed projects (not dropped before signing) per lead organisation, of some programme kinds, signed in the range. */
const projectsOf = (kinds: string[]) => (r: Range) => sql`select p.org_id, count(*) as value from programme_projects p
  join programme_calls c on c.id = p.call_id join programmes g on g.id = c.programme_id
  where p.signed_at is not null and g.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
    and ${day(sql`p.signed_at`)} between ${from(r)}::date and ${r.to}::date
  group by p.org_id`;
const projectDetail = (kinds: string[]) => (r: Range) => sql`(select string_agg(p.code || ' ' || p.title, '; ') from programme_projects p
  join programme_calls c on c.id = p.call_id join programmes g on g.id = c.programme_id
  where p.org_id = orgs.id and p.signed_at is not null and g.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
    and ${day(sql`p.signed_at`)} between ${from(r)}::date and ${r.to}::date)`;
const MAJOR_KINDS = ['major_research', 'open_challenge', 'industry_academia'];
const TRANSFORMATION_KINDS = ['achievement_transformation'];
/** Registered value (fen) of technology contracts per selling organisation, signed in the range. */
const contractsSold = (r: Range) => sql`select seller_org_id as org_id, sum(registered_value_fen) as value from market_tech_contracts
  where signed_on between ${from(r)}::date and ${r.to}::date group by seller_org_id`;

/** Carriers of a kind (optionally one level) established by the end of the period, by host organisation (one carrier of a kind per host). */
const carriersOf = (kind: string, level?: string) => (r: Range) => sql`select host_org_id from carriers
  where kind = ${kind} and established_on <= ${r.to}::date ${level ? sql`and level = ${level}` : sql``}`;
const carrierDetail = (kind: string) => sql`(select string_agg(c.name || '（' || case c.level when 'national' then '国家级' when 'provincial' then '省级' else '市级' end || '，' || c.established_on::text || '）', '; ')
  from carriers c where c.host_org_id = orgs.id and c.kind = ${kind})`;

interface CarrierSpec { kind: string; level?: string; id: string; unit: Unit; name: Bilingual; compare: string; why: Bilingual }
const CARRIERS: CarrierSpec[] = [
  {
    kind: 'enterprise_rd_center', id: 'platform_enterprise_rd_centers', unit: '家', compare: 'enterprise_rd_centers',
    name: { zh: '平台登记的企业研发中心', en: 'Enterprise R&D centres on file' },
    why: {
      zh: '来函为全市累计认定的企业研发中心（创新中心）数；平台只统计已在创新载体库登记的研发中心，存量载体补录前平台数偏低。',
      en: 'The letter counts every enterprise R&D (innovation) centre recognised in the city; the platform counts only the centres entered in the carrier registry, so it is lower until the older ones are entered.',
    },
  },
  {
    kind: 'public_service_platform', id: 'platform_public_service_platforms', unit: '个', compare: 'public_tech_service_platforms',
    name: { zh: '平台登记的公共技术服务平台', en: 'Public technology service platforms on file' },
    why: {
      zh: '来函为全市公共技术服务平台数；平台只统计已在创新载体库登记的平台。',
      en: 'The letter counts every public technology service platform in the city; the platform counts only those entered in the carrier registry.',
    },
  },
  {
    kind: 'innovation_consortium', id: 'platform_innovation_consortia', unit: '家', compare: 'innovation_consortia',
    name: { zh: '平台登记的创新联合体', en: 'Innovation consortia on file' },
    why: {
      zh: '来函为龙头企业、研发机构牵头组建的创新联合体数；平台按牵头（登记）单位统计已录入的联合体。',
      en: 'The letter counts consortia led by leading enterprises and research institutions; the platform counts the consortia entered in the carrier registry, by their registered host.',
    },
  },
  {
    kind: 'national_research_institute', id: 'platform_national_research_institutes', unit: '家', compare: 'national_research_institutes',
    name: { zh: '平台登记的国字号科研机构和头部企业研究院', en: 'National research institutes and leading-firm institutes on file' },
    why: {
      zh: '来函为落地的国字号科研机构和头部企业研究院项目数；平台只统计已在创新载体库登记的机构。',
      en: 'The letter counts national research institutes and leading-firm institutes that have landed; the platform counts those entered in the carrier registry.',
    },
  },
  {
    kind: 'innovation_lab', level: 'provincial', id: 'platform_provincial_innovation_labs', unit: '家', compare: 'provincial_innovation_labs',
    name: { zh: '平台登记的省创新实验室', en: 'Provincial innovation laboratories on file' },
    why: {
      zh: '来函为全市省创新实验室数；平台只统计在创新载体库登记为省级的创新实验室。',
      en: 'The letter counts the provincial innovation laboratories in the city; the platform counts innovation labs entered in the carrier registry at provincial level.',
    },
  },
];

const carrierIndicators: ComputedDef[] = CARRIERS.map((c) => ({
  id: c.id, name: c.name,
  definition: {
    zh: `截至期末，在创新载体库登记、成立日期不晚于期末的${c.name.zh.replace('平台登记的', '')}数（按依托单位下钻）。`,
    en: `${c.name.en.replace(' on file', '')} entered in the carrier registry and established by the end of the period (drill-down by host organisation).`,
  },
  topic: 'carriers', unit: c.unit, frequency: 'stock',
  comparesTo: { id: c.compare, why: c.why },
  defaultPeriod: (today) => today,
  members: carriersOf(c.kind, c.level),
  detail: carrierDetail(c.kind),
}));

/** Yuan from fen, with thousands separators, for a row's detail. */
const yuan = (fen: number) => `${Math.round(fen / 100).toLocaleString('en-US')} 元`;
/** An amount in fen in the indicator's unit (1e6: 万元). */
const inUnit = (fen: number, divisor: number) => fen / divisor;

/**
 * Chain completeness over the chain maps, as the chains module analyses them (analyseChain on
 * staff-confirmed attachments; completeness() pools the links of every map). Only today's can be
 * computed: the analysis reads the maps as they are now.
 */
const chainCompleteness: ComputedDef = {
  id: 'platform_chain_completeness',
  name: { zh: '产业链图谱完整度（平台测算）', en: 'Completeness of the chain maps (platform analysis)' },
  definition: {
    zh: '各产业链图谱中至少有一家经确认的本地单位的环节占全部环节的比例（按产业链分析的同一公式，汇总全部图谱的环节）；按产业链下钻到各图谱的完整度。',
    en: 'Share of the links of all chain maps with at least one confirmed local organisation (the chain analysis\'s own formula, over the links of every map); drills down to each map\'s completeness.',
  },
  topic: 'enterprises', unit: '%', frequency: 'stock',
  defaultPeriod: (today) => today,
  dimensions: ['chain'],
  items: {
    currentOnly: true,
    async list(ctx) {
      const { items: chains } = await listChains(ctx);
      // A map whose confirmed organisations include demo ones gives a demo figure.
      const demo = new Set(((await ctx.db.execute(sql`select distinct l.chain_id from chain_link_orgs l join orgs on orgs.id = l.org_id
        where l.status = 'confirmed' and orgs.synthetic`)) as unknown as { rows: { chain_id: string }[] }).rows.map((r) => r.chain_id));
      const out: ComputedItem[] = [];
      for (const c of chains as { id: string; zh: string; en: string }[]) {
        const a = await analyseChain(ctx, c.id, 'confirmed');
        out.push({
          key: c.id, name: c.zh, district: null, chainId: c.id, value: Math.round(a.completeness * 1000) / 10, synthetic: demo.has(c.id), href: `/chains/${c.id}`,
          detail: `${a.links.length} 个环节：强 ${a.strong}、弱 ${a.weak}、缺 ${a.missing}`, links: a.links,
        });
      }
      return out;
    },
    combine: (items) => Math.round(completeness(items.flatMap((i) => i.links ?? [])).completeness * 1000) / 10,
  },
};

const benefitsPublished: ComputedDef = {
  id: 'platform_benefits_published',
  name: { zh: '平台已发布的政策兑现事项', en: 'Benefit items published on the platform' },
  definition: {
    zh: '政策库中已可计算、可兑现的事项数：国家政策事项，以及至少有一个已发布版本的本地事项（草稿不计）。',
    en: 'Benefit items the policy library can compute and grant: national items, and local items with at least one published version (drafts excluded).',
  },
  topic: 'policy', unit: '项', frequency: 'stock',
  defaultPeriod: (today) => today,
  dimensions: [],
  items: {
    currentOnly: true,
    async list(ctx) {
      const list = await listBenefits(ctx);
      return list.filter((b) => b.published).map((b) => ({
        key: b.code, name: b.name.zh, district: null, value: 1, synthetic: false, href: `/policies/${b.policy.slug}`,
        detail: `${b.kind === 'national' ? '国家' : '本地'} · ${b.policy.docNo ?? b.policy.title} 第${b.clause.no}条`,
      }));
    },
  },
};

const fundBalance: ComputedDef = {
  id: 'platform_fund_balance',
  name: { zh: '专项资金结余（已拨入未支付）', en: 'Programme fund balances (appropriated, not yet paid)' },
  definition: {
    zh: '期末日各专项资金台账中已拨入资金减去已支付资金的余额合计（含已分配未支付部分），按资金下钻。',
    en: 'Total over the fund ledgers of money appropriated less money paid by the end of the period (allocated but unpaid money included), drilling down to each fund.',
  },
  topic: 'funds', unit: '万元', frequency: 'stock',
  defaultPeriod: (today) => today,
  // Most funds are the city's (no district), and district staff see every fund: no district split.
  dimensions: [],
  items: {
    async list(ctx, r) {
      const list = await listFunds(ctx);
      const balances = await fundBalances(ctx.db, list.map((f) => f.id), { to: r.to });
      return list.map((f) => {
        const b = balances.get(f.id) ?? { appropriatedFen: 0, paidFen: 0, allocatedFen: 0, availableFen: 0 };
        return {
          key: f.code, name: f.name, district: f.district as District | null, synthetic: f.synthetic, href: `/funds/${f.id}`,
          value: inUnit(b.appropriatedFen - b.paidFen, 1e6),
          detail: `拨入 ${yuan(b.appropriatedFen)}，已分配 ${yuan(b.allocatedFen)}，已支付 ${yuan(b.paidFen)}`,
        };
      }).filter((i) => i.value !== 0);
    },
  },
};

/** Villages with collective projects as the funds module lists them (its scope: a district officer's district). */
async function villageItems(ctx: Ctx, value: (v: { projects: number; supportFen: number }) => number, detail: (v: { projects: number; investmentFen: number; supportFen: number }) => string) {
  const { items } = await listVillages(ctx, {});
  return items.filter((v) => value(v) !== 0).map((v) => ({
    key: v.code, name: v.name, district: v.district as District, synthetic: v.synthetic, href: '/funds/schemes', value: value(v), detail: detail(v),
  }));
}

const collectiveProjects: ComputedDef = {
  id: 'platform_collective_projects',
  name: { zh: '平台登记的村集体发展用地项目', en: 'Village collective projects on the platform' },
  definition: {
    zh: '在资金台账中登记为村集体项目（集体预留发展用地统筹建设）的项目数，按村下钻。',
    en: 'Projects on reserved collective land registered as collective-project recipients in the fund ledger, drilling down to each village.',
  },
  topic: 'villages', unit: '个', frequency: 'stock',
  comparesTo: {
    id: 'collective_projects',
    why: {
      zh: '来函为全市集体预留发展用地统筹建设项目数（含未申请财政扶持的）；平台只统计已在资金台账登记、可拨付扶持资金的项目。',
      en: 'The letter counts every project on reserved collective land in the city, including those that seek no fiscal support; the platform counts only projects registered in the fund ledger to receive support.',
    },
  },
  defaultPeriod: (today) => today,
  dimensions: ['district'],
  items: {
    currentOnly: true,
    list: (ctx) => villageItems(ctx, (v) => v.projects, (v) => `${v.projects} 个项目，总投资 ${Math.round(v.investmentFen / 1e6)} 万元`),
  },
};

const villageSupport: ComputedDef = {
  id: 'platform_village_support',
  name: { zh: '村集体项目获得的财政扶持', en: 'Fiscal support booked to village collective projects' },
  definition: {
    zh: '资金台账中分配给村集体项目的扶持资金合计（已分配，含已支付），按村下钻；单个项目扶持不超过投资额的 10%。',
    en: 'Support allocated in the fund ledger to village collective projects (allocated, paid included), drilling down to each village; support per project is capped at 10 % of its investment.',
  },
  topic: 'villages', unit: '万元', frequency: 'stock',
  defaultPeriod: (today) => today,
  dimensions: ['district'],
  items: {
    currentOnly: true,
    list: (ctx) => villageItems(ctx, (v) => inUnit(v.supportFen, 1e6), (v) => `扶持 ${yuan(v.supportFen)} / 投资 ${yuan(v.investmentFen)}`),
  },
};

/** Projects of the overseas enclaves that landed in Xiamen by the end of the period, per landed organisation. */
const enclaveLanded = (r: Range) => sql`select landed_org_id as org_id, count(*) as value from market_enclave_projects
  where landed_org_id is not null and landed_on <= ${r.to}::date group by landed_org_id`;

export const COMPUTED: ComputedDef[] = [
  {
    id: 'platform_orgs',
    name: { zh: '平台登记单位数', en: 'Organisations in the registry' },
    definition: { zh: '“一企一档”中登记的企业、高校、院所等单位数。', en: 'Enterprises, universities, institutes and other organisations on file in the registry.' },
    topic: 'enterprises', unit: '家', frequency: 'stock',
    defaultPeriod: (today) => today,
    members: (r) => sql`select id from orgs where ${day(sql`created_at`)} <= ${r.to}::date`,
    detail: sql`orgs.kind`,
  },
  {
    id: 'platform_hnte_holders',
    name: { zh: '平台登记的有效期内国家高新技术企业', en: 'High-tech enterprises on file with a valid certificate' },
    definition: {
      zh: '期末日有效（发证日不晚于期末、到期日不早于期末）的高新技术企业证书持有单位数。',
      en: 'Organisations holding a high-tech enterprise certificate valid at the end of the period (issued on or before it, expiring on or after it).',
    },
    topic: 'enterprises', unit: '家', frequency: 'annual',
    comparesTo: {
      id: 'hnte_count',
      why: {
        zh: '来函数字为全市认定总数；平台只统计已在“一企一档”登记并录入证书的单位，录入未完成时平台数偏低。',
        en: 'The letter counts every certified enterprise in the city; the platform counts only those on file with their certificate recorded, so it is lower until records are complete.',
      },
    },
    defaultPeriod: lastYear,
    members: (r) => holders('hnte', r.to),
    detail: certificateDetail('hnte'),
  },
  {
    id: 'platform_hnte_new',
    name: { zh: '平台登记的新认定高新技术企业证书', en: 'High-tech enterprise certificates first issued in the period (on file)' },
    definition: {
      zh: '发证日在期间内的高新技术企业证书持有单位数（含重新认定）。',
      en: 'Organisations with a high-tech enterprise certificate issued within the period (re-certifications included).',
    },
    topic: 'cultivation', unit: '家', frequency: 'span',
    comparesTo: {
      id: 'new_hnte',
      why: {
        zh: '来函为“十四五”以来新培育（首次认定）数；平台按期内发证统计，含到期重新认定，且只含已录入证书的单位。',
        en: 'The letter counts enterprises newly certified since the 14th Five-Year Plan; the platform counts certificates issued in the period, re-certifications included, for organisations on file only.',
      },
    },
    defaultPeriod: () => '2021-2025',
    members: (r) => issued('hnte', r),
    detail: certificateDetail('hnte'),
  },
  {
    id: 'platform_little_giant_new',
    name: { zh: '平台登记的新认定专精特新“小巨人”企业', en: 'Little giants first recognised in the period (on file)' },
    definition: { zh: '认定日期在期间内的国家级专精特新“小巨人”企业数。', en: 'Organisations recognised as national little giants within the period.' },
    topic: 'cultivation', unit: '家', frequency: 'span',
    comparesTo: {
      id: 'new_little_giants',
      why: {
        zh: '来函为全市“十四五”以来新培育数；平台只统计已登记并录入认定记录的单位。',
        en: 'The letter counts the city\'s new little giants since the 14th Five-Year Plan; the platform counts only organisations on file with the recognition recorded.',
      },
    },
    defaultPeriod: () => '2021-2025',
    members: (r) => issued('little_giant', r),
    detail: certificateDetail('little_giant'),
  },
  {
    id: 'platform_hnte_revenue',
    name: { zh: '平台登记高新技术企业营业收入', en: 'Operating revenue of high-tech enterprises on file' },
    definition: {
      zh: '期末持有有效高新技术企业证书的单位，当年度营业收入合计。',
      en: 'Total operating revenue in the year of the organisations holding a valid high-tech enterprise certificate at its end.',
    },
    topic: 'enterprises', unit: '亿元', frequency: 'annual',
    comparesTo: {
      id: 'hnte_industrial_output',
      why: {
        zh: '来函为高企工业总产值（统计口径，仅工业企业）；平台为营业收入（含非工业企业），二者口径不同，仅供参照。',
        en: 'The letter reports industrial output (a statistical measure for industrial enterprises only); the platform sums operating revenue of all high-tech enterprises on file. They measure different things and are shown side by side for reference only.',
      },
    },
    defaultPeriod: lastYear,
    members: (r) => holders('hnte', r.to),
    measure: { perOrg: (r) => sql`select org_id, revenue as value from org_facts where fiscal_year = ${yearOf(r)}`, divisor: 1e10 },
    detail: (r) => sql`(select round(f.revenue / 1e6)::text || ' 万元' from org_facts f where f.org_id = orgs.id and f.fiscal_year = ${Number(r.to.slice(0, 4))})`,
  },
  {
    id: 'platform_autogrant_amount',
    name: { zh: '平台“免申即享”兑现金额', en: 'Benefits granted without application on the platform' },
    definition: {
      zh: '期间内（按测算基准日）经复核批准、现行有效的“免申即享”批次中，各单位获得的兑现金额合计。',
      en: 'Total of the amounts granted to organisations in approved, current auto-grant batches whose as-of date falls in the period.',
    },
    topic: 'policy', unit: '亿元', frequency: 'annual',
    comparesTo: {
      id: 'tax_incentives_total',
      why: {
        zh: '来函为研发费用加计扣除、高企税收优惠等政策的全部减免额（含企业自行申报）；平台只统计在本平台批准的“免申即享”批次金额，且加计扣除批次记的是扣除额而非减免的税款。',
        en: 'The letter counts all tax relief under the R&D super-deduction, the high-tech rate and other policies, including what enterprises claim themselves; the platform counts only the auto-grant batches approved here, and a super-deduction batch records the deduction, not the tax it saves.',
      },
    },
    defaultPeriod: lastYear,
    measure: { perOrg: granted, divisor: 1e10 },
    detail: (r) => sql`(select string_agg(b.benefit_code || ' ' || round(g.amount / 100.0)::text || ' 元', '; ') from grants g join grant_batches b on b.id = g.batch_id
      where g.org_id = orgs.id and b.status = 'approved' and g.change <> 'dropped' and g.amount > 0 and b.as_of between ${from(r)}::date and ${r.to}::date)`,
  },
  {
    id: 'platform_disbursed',
    name: { zh: '平台拨付到单位的专项资金', en: 'Programme money paid to organisations on the platform' },
    definition: {
      zh: '期间内经双人复核记账、未被冲销的拨付中，收款项目属于登记单位的金额合计。',
      en: 'Total of the payments posted in the period (maker–checker approved, not reversed) to recipients that are organisations on file.',
    },
    topic: 'funds', unit: '万元', frequency: 'annual',
    defaultPeriod: lastYear,
    measure: { perOrg: paid, divisor: 1e6 },
    detail: (r) => sql`(select round(sum(p.value) / 100.0)::text || ' 元' from (${paid(r)}) p where p.org_id = orgs.id)`,
  },
  {
    id: 'platform_chain_orgs',
    name: { zh: '已确认上图的产业链单位', en: 'Organisations confirmed on a chain map' },
    definition: {
      zh: '在任一产业链图谱中经工作人员确认挂接到环节的单位数（一个单位挂多条链只计一次；自动建议未确认的不计）。',
      en: 'Organisations that staff confirmed on a link of any chain map (counted once however many chains; unconfirmed suggestions excluded).',
    },
    topic: 'enterprises', unit: '家', frequency: 'stock',
    defaultPeriod: (today) => today,
    members: (r) => sql`select org_id from chain_link_orgs where status = 'confirmed' and ${day(sql`coalesce(decided_at, created_at)`)} <= ${r.to}::date`,
    detail: sql`(select string_agg(distinct c.zh, '、') from chain_link_orgs l join chains c on c.id = l.chain_id where l.org_id = orgs.id and l.status = 'confirmed')`,
  },
  {
    id: 'platform_digital_diagnosed',
    name: { zh: '平台完成数字化水平诊断的企业', en: 'Enterprises with a submitted digital-level diagnosis' },
    definition: {
      zh: '截至期末，在平台提交过（自评或评估机构诊断）中小企业数字化水平诊断的单位数（一家多次诊断计一次）。',
      en: 'Organisations that submitted an SME digital-level diagnosis on the platform (self-assessed or by an assessor) by the end of the period, each counted once.',
    },
    topic: 'digital', unit: '家', frequency: 'stock',
    comparesTo: {
      id: 'digital_diagnoses',
      why: {
        zh: '来函为全市开展数字化诊断的企业数（含线下诊断）；平台只统计在本平台提交诊断的单位。',
        en: 'The letter counts every enterprise diagnosed in the city, offline ones included; the platform counts only diagnoses submitted here.',
      },
    },
    defaultPeriod: (today) => today,
    members: (r) => sql`select org_id from digital_diagnoses where status = 'submitted' and ${day(sql`submitted_at`)} <= ${r.to}::date`,
    detail: sql`(select 'L' || max(d.level)::text || '，' || count(*)::text || ' 次' from digital_diagnoses d where d.org_id = orgs.id and d.status = 'submitted')`,
  },
  {
    id: 'platform_cloud_adopters',
    name: { zh: '平台登记的上云上平台企业', en: 'Enterprises on cloud or industrial platforms (on file)' },
    definition: { zh: '截至期末，平台登记有上云或上平台记录的单位数。', en: 'Organisations with a cloud or platform adoption recorded on the platform by the end of the period.' },
    topic: 'digital', unit: '家', frequency: 'stock',
    comparesTo: {
      id: 'cloud_enterprises',
      why: {
        zh: '来函为全市“上云上平台”企业累计数；平台只统计已登记上云记录的单位。',
        en: 'The letter counts all enterprises on cloud and platforms in the city; the platform counts only those with an adoption recorded here.',
      },
    },
    defaultPeriod: (today) => today,
    members: (r) => sql`select org_id from digital_cloud_adoptions where adopted_on <= ${r.to}::date`,
    detail: sql`(select string_agg(distinct c.platform, '、') from digital_cloud_adoptions c where c.org_id = orgs.id)`,
  },
  {
    id: 'platform_major_projects',
    name: { zh: '平台立项的重大攻关、揭榜挂帅和产学研项目', en: 'Major research, open-challenge and industry–academia projects signed on the platform' },
    definition: {
      zh: '期间内在平台签订任务书的重大技术攻关、揭榜挂帅、产学研合作项目数（按牵头单位统计下钻）。',
      en: 'Projects of the major research, open-challenge and industry–academia programmes whose agreement was signed on the platform in the period (drill-down by lead organisation).',
    },
    topic: 'projects', unit: '项', frequency: 'span',
    comparesTo: {
      id: 'major_tech_projects',
      why: {
        zh: '来函为“十四五”以来全市实施的项目数；平台只统计在本平台签订任务书的项目，上线前的项目未录入。',
        en: 'The letter counts every such project since the 14th Five-Year Plan began; the platform counts only projects whose agreement was signed here, none from before it went live.',
      },
    },
    defaultPeriod: () => '2021-2025',
    measure: { perOrg: projectsOf(MAJOR_KINDS), divisor: 1 },
    detail: projectDetail(MAJOR_KINDS),
  },
  {
    id: 'platform_transformation_projects',
    name: { zh: '平台立项的高新技术成果转化项目', en: 'High-tech achievement-transformation projects signed on the platform' },
    definition: { zh: '期间内在平台签订任务书的高新技术成果转化项目数。', en: 'Achievement-transformation projects whose agreement was signed on the platform in the period.' },
    topic: 'projects', unit: '项', frequency: 'span',
    comparesTo: {
      id: 'hnte_transformation_projects',
      why: {
        zh: '来函为“十四五”以来全市企业高新技术成果转化项目数；平台只统计在本平台签订任务书的项目。',
        en: 'The letter counts all such projects in the city since the 14th Five-Year Plan began; the platform counts only projects signed here.',
      },
    },
    defaultPeriod: () => '2021-2025',
    measure: { perOrg: projectsOf(TRANSFORMATION_KINDS), divisor: 1 },
    detail: projectDetail(TRANSFORMATION_KINDS),
  },
  {
    id: 'platform_tech_contracts',
    name: { zh: '平台登记的技术合同成交额（卖方）', en: 'Registered value of technology contracts on the platform (sellers)' },
    definition: { zh: '期间内签订、在平台登记的技术合同登记金额合计，按卖方单位统计。', en: 'Total registered value of technology contracts signed in the period and recorded on the platform, by selling organisation.' },
    topic: 'marketplace', unit: '万元', frequency: 'annual',
    defaultPeriod: lastYear,
    measure: { perOrg: contractsSold, divisor: 1e6 },
    detail: (r) => sql`(select count(*)::text || ' 份' from market_tech_contracts c where c.seller_org_id = orgs.id and c.signed_on between ${from(r)}::date and ${r.to}::date)`,
  },
  {
    id: 'platform_orgs_granted',
    name: { zh: '平台“免申即享”受惠单位', en: 'Organisations granted benefits without application' },
    definition: {
      zh: '期间内（按测算基准日）经复核批准、现行有效的“免申即享”批次中获得兑现的单位数（一家多项只计一次）。',
      en: 'Organisations granted an amount in approved, current auto-grant batches whose as-of date falls in the period (each counted once).',
    },
    topic: 'policy', unit: '家', frequency: 'annual',
    defaultPeriod: lastYear,
    members: (r) => sql`select org_id from (${granted(r)}) g`,
    detail: (r) => sql`(select count(distinct b.benefit_code)::text || ' 项' from grants g join grant_batches b on b.id = g.batch_id
      where g.org_id = orgs.id and b.status = 'approved' and g.change <> 'dropped' and g.amount > 0 and b.as_of between ${from(r)}::date and ${r.to}::date)`,
  },
  benefitsPublished,
  chainCompleteness,
  fundBalance,
  collectiveProjects,
  villageSupport,
  {
    id: 'platform_enclave_projects_landed',
    name: { zh: '平台登记的“科创飞地”落地项目', en: 'Enclave projects landed in Xiamen (on the platform)' },
    definition: {
      zh: '截至期末，科创飞地项目中已在厦门落地（登记落地单位和日期）的项目数，按落地单位下钻。',
      en: 'Projects of the innovation enclaves that have landed in Xiamen (landing organisation and date recorded) by the end of the period, drilling down to the landing organisation.',
    },
    topic: 'marketplace', unit: '个', frequency: 'stock',
    comparesTo: {
      id: 'tech_projects_landed',
      why: {
        zh: '来函为牵引来厦落地的海内外科技创业项目和科技成果总数；平台只统计经科创飞地登记并记录落地单位的项目。',
        en: 'The letter counts every start-up project and research result brought to Xiamen from home and abroad; the platform counts only enclave projects with a landing organisation recorded.',
      },
    },
    defaultPeriod: (today) => today,
    measure: { perOrg: enclaveLanded, divisor: 1 },
    detail: (r) => sql`(select string_agg(p.name, '; ') from market_enclave_projects p where p.landed_org_id = orgs.id and p.landed_on <= ${r.to}::date)`,
  },
  ...carrierIndicators,
  ...tierIndicators,
];

/** The organisations behind a figure: its own member query, or every organisation its measure names. */
export function membersOf(def: ComputedDef, range: Range): SQL {
  if (def.items) throw new Error(`computed indicator ${def.id} is over ${def.id}'s items, not organisations`);
  if (def.members) return def.members(range);
  if (!def.measure) throw new Error(`computed indicator ${def.id} has neither members nor a measure`);
  return sql`select org_id from (${def.measure.perOrg(range)}) m`;
}

/** The breakdowns an indicator has: its own list, or district and chain for a figure over organisations. */
export function dimensionsOf(def: ComputedDef): Dimension[] {
  return def.dimensions ?? (def.items ? [] : ['district', 'chain']);
}

export const COMPUTED_BY_ID = new Map(COMPUTED.map((c) => [c.id, c]));
