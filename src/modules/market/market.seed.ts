// Demo data (synthetic, deterministic, a few hundred rows) for the marketplace, the carriers and
// industry–education integration, over the demo registry's synthetic organisations and the
// reference chain maps. Every name carries （示例）and every row the synthetic flag. The letter's
// real figures (411 enterprise R&D centres, 47 public platforms, 9 consortia, 30 industrial
// colleges …) are NOT turned into rows: the pages show them beside the platform's counts, with
// their source (src/reference/letter.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { seedRuns } from '../../seed/seed.schema.ts';
import { DEMO_ORG_IDS } from '../../seed/ids.ts';
import { chainLinks } from '../chains/chains.schema.ts';
import { orgs } from '../registry/registry.schema.ts';
import * as carriersSvc from '../carriers/carriers.service.ts';
import { CARRIER_KINDS } from '../carriers/carriers.schema.ts';
import * as talent from '../talent/talent.service.ts';
import * as market from './market.service.ts';
import { CONTRACT_TYPES, FIELDS, TRANSFER_MODES } from './market.schema.ts';
import { rng } from '../../lib/rng.ts';

export const MARKET_SEED_RUN = 'market-demo';
const WAN = 1_000_000; // 1 万元 in fen

/** Topics by chain (reference chain ids) with the field they belong to. */
const TOPICS: { chain: string; field: (typeof FIELDS)[number]; words: string[] }[] = [
  { chain: 'new_energy_storage', field: 'new_energy', words: ['储能电池热失控预警', '磷酸铁锂正极材料改性', '钠离子电池电解液', '光伏组件回收', '氢燃料电池双极板', '储能变流器控制'] },
  { chain: 'software_it_services', field: 'electronic_info', words: ['芯片先进封装', '新型显示驱动', '工业软件国产化', '机器视觉缺陷检测', '大模型行业应用', '物联网传感器'] },
  { chain: 'innovative_drugs_devices', field: 'biomedicine', words: ['体外诊断试剂', '创新药缓释制剂', '医疗器械涂层', '细胞治疗质控', '疫苗佐剂', '基因检测算法'] },
  { chain: 'new_materials', field: 'new_materials', words: ['石墨烯导热膜', '碳纤维复合材料', '稀土永磁材料', '钨钼精深加工', '高性能陶瓷', '特种涂层'] },
  { chain: 'equipment', field: 'advanced_manufacturing', words: ['工业机器人减速器', '智能制造产线', '精密数控加工', '工程机械电动化', '无人机飞控', '航空维修检测'] },
];
const VERBS = ['高效', '低成本', '高安全', '国产化', '智能化', '绿色'];

export async function seedMarketDemo(ctx: Ctx): Promise<string | null> {
  const [done] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, MARKET_SEED_RUN));
  if (done) return null;
  const summary = await ctx.db.transaction((tx) => seedInside({ ...ctx, db: tx as unknown as Ctx['db'] }));
  await ctx.db.insert(seedRuns).values({ name: MARKET_SEED_RUN, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}

async function seedInside(ctx: Ctx): Promise<string> {
  const r = rng(9);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const schools = await ctx.db.select().from(orgs).where(and(eq(orgs.synthetic, true), inArray(orgs.kind, ['university', 'institute']))).orderBy(asc(orgs.uscc)).limit(12);
  const firms = await ctx.db.select().from(orgs).where(and(eq(orgs.synthetic, true), eq(orgs.kind, 'enterprise'))).orderBy(asc(orgs.uscc)).limit(60);
  if (schools.length < 2 || firms.length < 10) return 'market skipped (too few synthetic organisations)';
  const demoOrg = (await ctx.db.select().from(orgs).where(eq(orgs.id, DEMO_ORG_IDS.first)))[0] ?? firms[0];
  const links = await ctx.db.select({ id: chainLinks.id, chainId: chainLinks.chainId }).from(chainLinks).orderBy(asc(chainLinks.chainId), asc(chainLinks.sortOrder), asc(chainLinks.id));
  const linkOf = (chain: string) => {
    const ls = links.filter((l) => l.chainId === chain);
    return ls.length ? pick(ls).id : null;
  };
  const sellers = [...schools, ...firms.slice(40)];

  // Achievements and demands.
  const achievementIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const word = pick(topic.words);
    const min = r() < 0.2 ? null : (20 + Math.floor(r() * 40) * 10) * WAN;
    const a = await market.createAchievement(ctx, {
      orgUscc: pick(sellers).uscc, title: `（示例）${pick(VERBS)}${word}技术`, abstract: `面向${word}的${pick(VERBS)}解决方案，已完成${r() < 0.5 ? '中试' : '样机验证'}。合成演示数据。`,
      field: topic.field, chainLinkId: linkOf(topic.chain), trl: 2 + Math.floor(r() * 8), ipKind: pick(['invention_patent', 'utility_patent', 'software_copyright', 'know_how'] as const),
      ipRefs: [], transferModes: [pick(TRANSFER_MODES)], priceMinFen: min, priceMaxFen: min ? min * 2 : null,
    }, { synthetic: true });
    achievementIds.push(a.id);
  }
  const demandIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const topic = TOPICS[(i * 3) % TOPICS.length];
    const word = pick(topic.words);
    const d = await market.createDemand(ctx, {
      orgUscc: (i % 10 === 0 ? demoOrg : firms[i]).uscc, problem: `（示例）求购${word}技术`, goals: `希望引进${pick(VERBS)}${word}技术，一年内实现量产应用。合成演示数据。`,
      field: topic.field, chainLinkId: linkOf(topic.chain), trlMin: 4 + Math.floor(r() * 5), budgetFen: (50 + Math.floor(r() * 30) * 20) * WAN, deadline: `2027-0${1 + (i % 9)}-28`,
    }, { synthetic: true });
    demandIds.push(d.id);
  }
  // Technology contracts, 2023–2025.
  for (let i = 0; i < 18; i++) {
    const year = 2023 + (i % 3);
    await market.createContract(ctx, {
      contractNo: `SL${year}350200${String(i + 1).padStart(4, '0')}`, type: pick(CONTRACT_TYPES), title: `（示例）技术合同${i + 1}号`,
      registeredValueFen: (10 + Math.floor(r() * 90) * 10) * WAN, sellerUscc: pick(sellers).uscc, buyerUscc: firms[i % 40].uscc,
      signedOn: `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`, achievementId: i < 6 ? achievementIds[i] : null, demandId: null,
    }, { synthetic: true });
  }
  await market.addFollowUp(ctx, 'demand', demandIds[0], { note: '（示例）已推荐 3 项成果，约定下周对接。', nextStep: '组织线上对接会' });
  // Innovation enclaves and their projects.
  const ENCLAVES = [['（示例）上海创新飞地', '上海市'], ['（示例）深圳创新飞地', '广东省深圳市'], ['（示例）北京创新飞地', '北京市']] as const;
  const stages = ['incubating', 'negotiating', 'signed', 'landed'] as const;
  let projects = 0;
  for (const [ei, [name, location]] of ENCLAVES.entries()) {
    const e = await market.createEnclave(ctx, { name, location, operator: '（示例）飞地运营机构', openedOn: `202${2 + ei}-06-01` }, { synthetic: true });
    for (let j = 0; j < 4; j++) {
      const topic = TOPICS[(ei + j) % TOPICS.length];
      const stage = stages[(ei + j) % stages.length];
      await market.addEnclaveProject(ctx, e.id, {
        name: `（示例）${pick(topic.words)}项目`, field: topic.field, chainLinkId: linkOf(topic.chain), stage,
        landedUscc: stage === 'landed' ? firms[50 + ei].uscc : null, landedOn: stage === 'landed' ? '2025-09-01' : null, contestRef: j === 0 ? `（示例）创新创业大赛-2025-${ei + 1}` : null,
      }, { synthetic: true });
      projects++;
    }
  }

  // Carriers: two of each kind (a consortium with its lead and members), reports and evaluations.
  let carriers = 0;
  let host = 0;
  const services: { id: string }[] = [];
  for (const kind of CARRIER_KINDS) {
    for (let k = 0; k < 2; k++) {
      const topic = TOPICS[(carriers + k) % TOPICS.length];
      const hostOrg = kind === 'innovation_lab' || kind === 'research_infrastructure' || kind === 'national_research_institute' ? schools[(host++) % schools.length] : firms[(host++) % 40];
      const c = await carriersSvc.createCarrier(ctx, {
        kind, name: `（示例）${topic.words[k]}${carriersSvc.KIND_NAMES[kind].zh}`, level: pick(['national', 'provincial', 'city'] as const), hostUscc: hostOrg.uscc,
        chainLinkIds: [linkOf(topic.chain)].filter((x): x is string => !!x), staff: 10 + Math.floor(r() * 60), establishedOn: `20${18 + Math.floor(r() * 5)}-0${1 + k}-01`,
        leadUscc: kind === 'innovation_consortium' ? hostOrg.uscc : null, memberUsccs: kind === 'innovation_consortium' ? [firms[41 + k].uscc, schools[k].uscc] : [],
      }, { synthetic: true });
      for (const year of [2024, 2025]) {
        await carriersSvc.submitReport(ctx, c.id, {
          year, staff: 10 + Math.floor(r() * 50), rdSpendFen: Math.floor(r() * 800) * WAN, serviceRevenueFen: Math.floor(r() * 300) * WAN,
          patentsGranted: Math.floor(r() * 16), enterprisesServed: Math.floor(r() * 80), achievementsTransferred: Math.floor(r() * 8), incubatedEnterprises: kind === 'incubator' ? Math.floor(r() * 30) : 0,
        });
        await carriersSvc.evaluateCarrier(ctx, c.id, year);
      }
      if (kind === 'public_service_platform') {
        services.push(await carriersSvc.addService(ctx, c.id, { name: `（示例）${topic.words[0]}检测服务`, description: '合成演示数据', priceNote: '按项目报价' }));
        services.push(await carriersSvc.addService(ctx, c.id, { name: `（示例）${topic.words[1]}中试服务`, description: '合成演示数据', priceNote: null }));
      }
      carriers++;
    }
  }

  // Service requests at every step (requested → done → rated), two by demo_org's organisation so
  // its user sees both a request to rate and one still open. Fixed choices: the random stream
  // above stays as it was.
  const REQUESTS = [[0, demoOrg, 'done', null], [0, firms[45], 'rated', 5], [1, firms[46], 'rated', 4], [2, demoOrg, 'requested', null], [3, firms[47], 'requested', null], [1, firms[48], 'done', null]] as const;
  for (const [i, who, status, rating] of REQUESTS) {
    if (!services[i]) continue;
    const q = await carriersSvc.requestService(ctx, services[i].id, { note: '（示例）合成演示数据：样品检测与报告' }, { orgId: who.id });
    if (status !== 'requested') await carriersSvc.completeRequest(ctx, q.id, { note: '（示例）已出具报告' });
    if (rating) await carriersSvc.rateRequest(ctx, q.id, { rating, comment: '（示例）响应及时' });
  }

  // Industry–education units with three years of trainees and graduates.
  const KINDS = [['industrial_college', null], ['industrial_college', null], ['training_base', null], ['specialty_group', 'applied_undergraduate'], ['specialty_group', 'higher_vocational'],
    ['specialty_group', 'secondary_vocational'], ['apprenticeship_pilot', null], ['apprenticeship_pilot', null], ['community', null], ['training_base', null]] as const;
  for (const [i, [kind, level]] of KINDS.entries()) {
    const topic = TOPICS[i % TOPICS.length];
    const u = await talent.createUnit(ctx, {
      kind, level, tier: kind === 'community' ? 'national' : pick(['provincial', 'city'] as const), name: `（示例）${topic.words[i % topic.words.length]}${talent.IE_KIND_NAMES[kind].zh}`,
      institutionUscc: schools[i % schools.length].uscc, chainLinkIds: [linkOf(topic.chain)].filter((x): x is string => !!x), partnerUsccs: [firms[i].uscc, firms[i + 20].uscc],
    }, { synthetic: true });
    for (const year of [2023, 2024, 2025]) {
      const trainees = 40 + Math.floor(r() * 260);
      await talent.putYear(ctx, u.id, year, { trainees, graduates: Math.floor(trainees * (0.5 + r() * 0.4)) });
    }
  }
  return `${achievementIds.length} achievements, ${demandIds.length} demands, 18 contracts, ${ENCLAVES.length} enclaves with ${projects} projects, ${carriers} carriers (2 yearly reports each, evaluated), ${KINDS.length} industry–education units`;
}
