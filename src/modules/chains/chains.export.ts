// A chain as one workbook: link analysis, organisations at links, ranked investment targets,
// and a sheet that states the formula, the year and the draft / synthetic status of the data.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { safeCell } from '../../server/xlsx.ts';
import { visibleOrgs } from '../registry/registry.service.ts';
import { analyseChain, rowsOf, type Basis } from './chains.analysis.ts';
import type { Evidence } from './chains.schema.ts';
import { findChain } from './chains.service.ts';
import { rankedTargets } from './chains.targets.ts';

const CLS_ZH = { strong: '强', weak: '弱', missing: '缺失' } as const;
const ACTION_ZH = { strengthen: '强链', fill: '补链', extend: '延链', keep: '保持' } as const;
const STAGE_ZH = { upstream: '上游', midstream: '中游', downstream: '下游' } as const;
const ROLE_ZH: Record<string, string> = { chain_leader: '链主企业', core_supplier: '核心配套', supporting: '一般配套', service: '服务机构' };
const STATUS_ZH: Record<string, string> = { suggested: '待确认（系统建议）', confirmed: '已确认', rejected: '已排除', lead: '线索', contacted: '已接触', negotiating: '洽谈中', landed: '已落地', dropped: '已放弃' };
const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

/** The chain's analysis, organisations and ranked targets as one workbook (streamed). */
export async function exportChain(ctx: Ctx, chainId: string, out: Writable, basis: Basis = 'all') {
  const chain = await findChain(ctx.db, chainId);
  const analysis = await analyseChain(ctx, chainId, basis);
  const ranked = await rankedTargets(ctx, chainId, basis);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
    ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const byId = new Map(analysis.links.map((l) => [l.linkId, l]));
  const ws1 = sheet('环节分析', ['环节', '阶段', '上级环节', '本地单位数', '营业收入（元）', '高新技术企业', '专精特新', '研发投入强度', 'Ⅰ类知识产权', '链主企业', '强度得分', '强弱', '建议', '建议说明', '在谈招商目标', '后备库单位'], [28, 8, 20, 10, 18, 10, 10, 12, 10, 8, 10, 8, 8, 60, 12, 10]);
  for (const l of analysis.links) {
    ws1.addRow([safeCell(`${'　'.repeat(l.depth)}${l.zh}`), STAGE_ZH[l.stage], l.parentId ? safeCell(byId.get(l.parentId)?.zh ?? '') : '', l.indicators.organisations, yuan(l.indicators.revenue), l.indicators.hnte, l.indicators.srdi,
      l.indicators.rdIntensity === null ? null : Math.round(l.indicators.rdIntensity * 1000) / 10 + '%', l.indicators.classOneIp, l.indicators.leaders, l.score, CLS_ZH[l.cls], ACTION_ZH[l.action], l.recommendation.zh, l.targets, l.reserve]).commit();
  }
  ws1.commit();
  const ws2 = sheet('环节企业', ['环节', '单位名称', '统一社会信用代码', '所属区', '角色', '状态', '置信度', '依据', '演示数据'], [24, 36, 22, 10, 12, 16, 8, 60, 10]);
  const attached = rowsOf<{ link_id: string; name: string; uscc: string; district: string; role: string; status: string; confidence: number; evidence: Evidence[]; synthetic: boolean }>(await ctx.db.execute(sql`
    select a.link_id, orgs.name, orgs.uscc, orgs.district, a.role, a.status, a.confidence, a.evidence, orgs.synthetic
    from chain_link_orgs a join orgs on orgs.id = a.org_id where a.chain_id = ${chainId} and ${visibleOrgs(ctx) ?? sql`true`}
    order by a.link_id, a.status, orgs.name limit 100000`));
  for (const a of attached) {
    ws2.addRow([safeCell(byId.get(a.link_id)?.zh ?? ''), safeCell(a.name), a.uscc, a.district, ROLE_ZH[a.role], STATUS_ZH[a.status], a.confidence,
      safeCell(a.evidence.filter((e) => e.kind !== 'role').map((e) => `${e.value}≈${e.matched}`).join('；')), a.synthetic ? '是' : '']).commit();
  }
  ws2.commit();
  const ws3 = sheet('招商目标', ['排名', '得分', '目标企业', '所在地', '环节', '环节强弱', '来源', '状态', '负责人', '拟投资（元）', '排名理由', '演示数据'], [6, 6, 30, 12, 24, 8, 12, 10, 14, 16, 60, 10]);
  for (const t of ranked.items) {
    ws3.addRow([t.rank, t.score, safeCell(t.name), safeCell(t.location), safeCell(t.linkZh), CLS_ZH[t.linkClass], t.source, STATUS_ZH[t.status], safeCell(t.ownerName ?? ''), yuan(t.plannedInvestment),
      safeCell(t.reasons.map((r) => `${r.zh}（+${r.points}）`).join('；')), t.synthetic ? '是' : '']).commit();
  }
  ws3.commit();
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 120 }];
  for (const line of [
    `${chain.zh}（${chain.en}）产业链图谱导出；统计年度 ${analysis.fiscalYear ?? '—'}；口径：${basis === 'all' ? '已确认及系统建议的单位' : '仅已确认的单位'}。`,
    chain.origin === 'reference' ? '图谱结构为平台依据公开产业知识整理的初始草稿，供工作人员审核修改。' : '图谱结构由工作人员建立。',
    `完整度：${Math.round(analysis.completeness * 1000) / 10}%（有本地单位的环节占比）；强 ${analysis.strong}、弱 ${analysis.weak}、缺失 ${analysis.missing}。`,
    '强度得分（0–100）：本地单位数 20（10家满分）+ 营业收入 20（对数，50亿元满分）+ 高新技术企业 15（5家满分）+ 专精特新 10（3家满分）+ 研发投入强度 15（5%满分）+ Ⅰ类知识产权 10（20件满分）+ 有链主企业 10；≥60 为强，无本地单位为缺失，其余为弱。上级环节含其子环节。',
    '标注“演示数据”的单位与招商目标为合成数据，不是真实企业。',
  ]) help.addRow([line]).commit();
  help.commit();
  await wb.commit();
}
