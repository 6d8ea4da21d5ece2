// Demo data for digital transformation (synthetic, deterministic, about 200 rows): providers and
// solutions labelled （示例）, submitted diagnoses of demo enterprises (their level written to the
// digitalLevel fact with the diagnosis as source, as a real submission does), a pilot cohort with
// before/after diagnoses, cloud adoption, smart-retrofit projects and green-list entries.
// No real company names; every row carries synthetic = true.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { reevaluateChanged } from '../cultivation/cultivation.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { applyFacts } from '../registry/registry.service.ts';
import { isDemoSeeded } from '../../seed/demo.ts';
import { DEMO_ORG_IDS } from '../../seed/ids.ts';
import { seedRuns } from '../../seed/seed.schema.ts';
import {
  digitalCloudAdoptions, digitalDiagnoses, digitalGreenList, digitalPilotEnrolments, digitalProviders, digitalRetrofits, digitalSolutions,
  DEPLOYMENTS, GREEN_KINDS, RETROFIT_INDUSTRIES,
} from './digital.schema.ts';
import { allItems, findQuestionnaire, scoreAnswers, type Answers } from './questionnaire.ts';
import { rng } from '../../lib/rng.ts';

export const DIGITAL_SEED_RUN = 'digital-demo';
const WAN = 10_000 * 100;

const PROVIDERS = ['鹭岛智造', '海湾云联', '思明数科', '集美工联', '翔安智维', '同安绿能'].map((n) => `${n}数字科技有限公司（示例）`);
const SOLUTIONS: [string, string[], string[], string[]][] = [
  // name, dimensions, scenarios, industries
  ['设备联网与数据采集套件', ['foundation'], ['equipment', 'production_control'], ['C']],
  ['轻量化 MES 生产执行系统', ['foundation', 'results'], ['scheduling', 'production_control', 'quality'], ['C']],
  ['工业网络与 5G 专网改造', ['foundation'], ['production_control', 'safety'], ['C']],
  ['网络与数据安全托管服务', ['foundation'], ['safety'], []],
  ['云 ERP 财务业务一体化', ['management'], ['finance', 'procurement'], []],
  ['智能仓储 WMS', ['management', 'results'], ['warehousing'], []],
  ['供应链协同采购平台', ['management'], ['procurement'], []],
  ['数字化转型规划咨询', ['management'], ['collaboration'], []],
  ['数字化人才培训营', ['management'], ['hr'], []],
  ['能耗在线监测与优化', ['results', 'foundation'], ['energy'], ['C']],
  ['视觉质检与 SPC 质量分析', ['results'], ['quality'], ['C']],
  ['设备预测性维护', ['foundation', 'results'], ['equipment'], ['C']],
  ['产品协同设计 PLM', ['foundation'], ['product_design', 'process_design'], ['C']],
  ['CRM 营销与售后服务云', ['management'], ['marketing', 'after_sales'], []],
  ['协同办公与流程审批', ['management'], ['collaboration'], []],
  ['电子器件产线数字孪生', ['foundation', 'results'], ['production_control', 'process_design'], ['39']],
  ['新能源电池制造执行系统', ['foundation', 'results'], ['scheduling', 'quality'], ['38']],
  ['卫厨五金柔性排产', ['foundation', 'management'], ['scheduling', 'warehousing'], ['33', '38']],
  ['安全生产双重预防系统', ['foundation'], ['safety'], ['C']],
  ['人力资源 SaaS', ['management'], ['hr'], []],
];

/** Answers drawn around a target share of points (0–1), deterministic. */
function drawAnswers(r: () => number, target: number): Answers {
  const q = findQuestionnaire('2024-manufacturing')!;
  return Object.fromEntries(allItems(q).map((i) => {
    const x = Math.min(1, Math.max(0, target + (r() - 0.5) * 0.5));
    if (i.type === 'percent') return [i.key, Math.round(x * 100)];
    const opts = i.options!;
    return [i.key, opts[Math.min(opts.length - 1, Math.floor(x * opts.length))].key];
  }));
}

export async function seedDigitalDemo(ctx: Ctx): Promise<string | null> {
  if (await isDemoSeeded(ctx, DIGITAL_SEED_RUN)) return null;
  const q = findQuestionnaire('2024-manufacturing')!;
  const r = rng(20_250_520);
  // Manufacturing demo enterprises (section C: divisions 13–43) in every district, in a fixed
  // pseudo-random order (md5 of the USCC), excluding demo organisation 1 (left for the walkthrough).
  const candidates = await ctx.db.select({ id: orgs.id, uscc: orgs.uscc, industryCode: orgs.industryCode }).from(orgs)
    .where(and(eq(orgs.synthetic, true), eq(orgs.kind, 'enterprise'), sql`${orgs.industryCode} ~ '^(1[3-9]|[23][0-9]|4[0-3])'`, ne(orgs.id, DEMO_ORG_IDS.first)))
    .orderBy(sql`md5(${orgs.uscc})`).limit(60);
  if (candidates.length === 0) return null;
  const changed: string[] = [];
  const summary = await ctx.db.transaction(async (tx) => {
    const providers = await tx.insert(digitalProviders).values(PROVIDERS.map((name, i) => ({
      name, district: (['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const)[i], contact: '0592-0000000（示例）', intro: '合成演示数据，不是真实企业。', synthetic: true,
    }))).returning();
    const solutions = await tx.insert(digitalSolutions).values(SOLUTIONS.map(([name, dimensions, scenarios, industries], i) => {
      const min = (5 + Math.floor(r() * 20)) * WAN;
      return {
        providerId: providers[i % providers.length].id, name: `${name}（示例）`, summary: `面向中小企业的${name}，按需订阅或部署（合成演示数据）。`,
        industries, scenarios, dimensions, priceMinFen: min, priceMaxFen: min * (2 + (i % 4)), deployment: DEPLOYMENTS[i % 3],
        cases: [{ client: `示例客户${i + 1}号`, industry: '制造业', result: `相关指标改善 ${10 + (i % 5) * 5}%（示例）`, metrics: [{ name: '关键指标', before: 100, after: 110 + (i % 5) * 5, unit: '%' }] }],
        synthetic: true,
      };
    })).returning();

    // Diagnoses: one submitted (fiscal 2025) per enterprise; the first 40 join the pilot, 20 of them with a later, better diagnosis.
    const at = (d: string) => new Date(`${d}T02:00:00Z`);
    const rows: (typeof digitalDiagnoses.$inferInsert)[] = [];
    const levels = new Map<string, number>();
    for (const [i, o] of candidates.entries()) {
      const target = 0.2 + r() * 0.7;
      const answers = drawAnswers(r, target);
      const res = scoreAnswers(q, answers);
      const assessor = i % 3 === 0;
      rows.push({
        orgId: o.id, version: q.key, mode: assessor ? 'assessor' : 'self', assessorOrg: assessor ? '示例数字化评估服务中心' : null, assessorName: assessor ? `评估员${(i % 7) + 1}号（示例）` : null,
        fiscalYear: 2025, status: 'submitted', answers, scenarioLevels: { quality: 1 + (i % 4), finance: 1 + ((i + 1) % 4) }, result: res, totalScore: res.total, level: res.level,
        synthetic: true, createdBy: 'demo_seed', createdAt: at('2025-03-10'), updatedAt: at('2025-03-10'), submittedBy: 'demo_seed', submittedAt: at('2025-03-10'),
      });
      levels.set(o.id, res.level);
      if (i < 20) {
        const better = drawAnswers(r, Math.min(1, target + 0.25));
        const res2 = scoreAnswers(q, better);
        rows.push({
          orgId: o.id, version: q.key, mode: 'assessor', assessorOrg: '示例数字化评估服务中心', assessorName: '复评组（示例）', fiscalYear: 2025, status: 'submitted', answers: better,
          scenarioLevels: {}, result: res2, totalScore: res2.total, level: res2.level, synthetic: true, createdBy: 'demo_seed',
          createdAt: at('2025-11-20'), updatedAt: at('2025-11-20'), submittedBy: 'demo_seed', submittedAt: at('2025-11-20'),
        });
        levels.set(o.id, res2.level);
      }
    }
    const inserted = await tx.insert(digitalDiagnoses).values(rows).returning({ id: digitalDiagnoses.id, orgId: digitalDiagnoses.orgId });
    const lastOf = new Map(inserted.map((x) => [x.orgId, x.id]));
    for (const o of candidates) {
      await applyFacts(tx, ctx, o, 2025, { digitalLevel: levels.get(o.id)! }, { kind: 'diagnosis', ref: `digital_diagnosis:${lastOf.get(o.id)}（示例）` });
      changed.push(o.id);
    }
    await tx.insert(digitalPilotEnrolments).values(candidates.slice(0, 40).map((o, i) => ({
      orgId: o.id, cohort: i < 20 ? '2025-1（示例）' : '2025-2（示例）', enrolledOn: i < 20 ? '2025-06-01' : '2025-09-01',
      status: (['accepted', 'implementing', 'diagnosed', 'enrolled'] as const)[i % 4], solutionId: solutions[i % solutions.length].id,
      subsidyFen: i < 20 ? (10 + (i % 5) * 5) * WAN : 0,
      outcomes: i < 20 ? [{ name: '设备联网率', unit: '%', before: 20 + (i % 5) * 5, after: 60 + (i % 5) * 6 }] : [], synthetic: true, updatedAt: ctx.now(),
    })));
    await tx.insert(digitalCloudAdoptions).values(candidates.slice(10, 40).map((o, i) => ({
      orgId: o.id, kind: i % 3 === 0 ? 'industrial_platform' as const : 'cloud' as const, platform: i % 3 === 0 ? '示例工业互联网平台' : '示例政务云企业专区', scope: '生产管理、财务（示例）',
      adoptedOn: `202${3 + (i % 3)}-0${1 + (i % 9)}-15`, synthetic: true,
    })));
    await tx.insert(digitalRetrofits).values(candidates.slice(40, 48).map((o, i) => ({
      orgId: o.id, name: `示例智改数转网联项目${i + 1}号`, industry: RETROFIT_INDUSTRIES[i % 3], year: 2024 + (i % 2), investmentFen: (800 + i * 350) * WAN, benchmark: i < 6,
      indicators: [{ name: '生产效率提升', unit: '%', before: 0, after: 15 + i * 3 }, { name: '不良品率', unit: '%', before: 3 + (i % 3), after: 1.5 + (i % 3) * 0.5 }], synthetic: true,
    })));
    await tx.insert(digitalGreenList).values(candidates.slice(48, 60).map((o, i) => ({
      year: i < 5 ? 2023 : 2024, kind: GREEN_KINDS[i % 3], level: 'city' as const, orgId: o.id, name: `示例绿色制造企业${i + 1}号`, synthetic: true,
    })));
    const s = `${providers.length} providers, ${solutions.length} solutions, ${rows.length} diagnoses, 40 pilot enrolments, 30 cloud records, 8 retrofit projects, 12 green-list entries`;
    await recordAudit(tx, ctx, { action: 'digital.seed_demo', entityType: 'seed_run', entityId: DIGITAL_SEED_RUN, after: { summary: s } });
    await tx.insert(seedRuns).values({ name: DIGITAL_SEED_RUN, seededAt: ctx.now(), summary: s }).onConflictDoNothing();
    return s;
  });
  // Their digitalLevel facts changed: refresh the stored tier results of those enterprises.
  await reevaluateChanged(ctx, changed);
  return summary;
}
