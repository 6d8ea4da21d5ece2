// 创新型中小企业评价 (工信部企业〔2022〕63号 annex 1): six indicators in three dimensions with
// sub-thresholds, or any one direct route. From 2026-04-01 the merged "科技和创新型中小企业" of
// 工信部企业〔2026〕2号, whose criteria were not read: encoded as explicit unknowns.
import { INNOVATIVE_SME, type Bands } from '../parameters/innovative_sme.ts';
import { anyOf, cite, citeEn, Evaluation, fmt, lazyGap, minPoints, lazyCriterion, paramTable, type Ruleset, F } from '../engine.ts';
import type { Citation, CriterionResult, Points, Verdict } from '../types.ts';
import { ipCounts } from './hnte.ts';
import { both, within } from './tech_sme.ts';

const C = paramTable('innovative_sme', INNOVATIVE_SME);

type Boundary = 'higherScore' | 'lowerScore';

/**
 * Points for num/den (in bp) against bands, compared in integers. An edge value goes to the
 * better-scoring band under 'higherScore', to the worse one under 'lowerScore'.
 */
export function scoreBands(b: Bands, num: number, den: number, boundary: Boundary): number {
  for (const band of b.bands) {
    const l = num * 10_000;
    const r = band.at * den;
    const ok = b.dir === 'up' ? (boundary === 'higherScore' ? l >= r : l > r) : (boundary === 'higherScore' ? l <= r : l < r);
    if (ok) return band.points;
  }
  return 0;
}

/** The next better band than `points`, if any. */
const nextBand = (b: Bands, points: number) => [...b.bands].reverse().find((x) => x.points > points);

interface Indicator { id: string; points?: Points; missing: string[]; gap?: [string, string]; note?: { zh: string; en: string } }

const pts = (p: Points | undefined) => p === undefined ? '?' : p.value !== undefined ? `${p.value}` : `${p.min}–${p.max}`;

function v2022(e: Evaluation) {
  const y = e.priorYear;
  const boundary = C(e, 'boundary').value;
  const edge = boundary === 'higherScore' ? '边界值计入较高得分档' : '边界值计入较低得分档';
  const edgeEn = boundary === 'higherScore' ? 'edge values take the better band' : 'edge values take the worse band';
  const ind: Record<string, Indicator> = {};

  const add = (id: string, citation: Citation, label: { zh: string; en: string }, r: Indicator & { detail?: [string, string]; max: number }) => {
    ind[id] = r;
    if (!r.points) {
      e.unknown({ id, citation, label }, r.missing);
      return;
    }
    const known = r.points.value !== undefined;
    e.add(lazyCriterion({
      id, verdict: known ? 'pass' : 'unknown', actual: pts(r.points), unit: 'points', threshold: null, points: r.points, missing: known ? [] : r.missing, citation, note: r.note,
    }, () => ({
        zh: `${label.zh}${r.detail ? `为 ${r.detail[0]}` : ''}，得 ${pts(r.points)} 分（满分 ${r.max} 分${known ? '' : `；缺少 ${r.missing.join('、')}`}）（${cite(citation)}）。`,
        en: `${label.en}${r.detail ? ` is ${r.detail[1]}` : ''}: ${pts(r.points)} of ${r.max} points${known ? '' : ` (missing ${r.missing.join(', ')})`} (${citeEn(citation)}).`,
      })));
  };

  // ---------- innovation (40) ----------
  // ISME-IP (20): valid IP related to the lead product, prior year end.
  {
    const p = C(e, 'ipPoints');
    const missing: string[] = [];
    const ipMissing: string[] = [];
    const ip = ipCounts(e, y, ipMissing);
    // Only the classes that could change the points are named as missing.
    if (ip.classI === undefined) missing.push(`years[${y}].inventionPatents`);
    if (ip.classII === undefined && (ip.classI ?? 0) < 1) missing.push(`years[${y}].utilityModels`);
    const hv = e.known(y, F.inventionPatentsHighValue);
    const sd = e.known(y, F.inventionPatentsSelfDeveloped);
    let points: Points | undefined;
    let gap: [string, string] | undefined;
    if (ip.classI !== undefined || ip.classII !== undefined) {
      const c1 = ip.classI ?? 0;
      const lo = c1 >= 1 ? ((hv ?? 0) >= 1 ? p.value.highValueClassI : (sd ?? 0) >= 1 ? p.value.selfDevelopedClassI : p.value.classI) : (ip.classII ?? 0) >= 1 ? p.value.classII : 0;
      let hi = lo;
      if (ip.classI === undefined) hi = p.value.highValueClassI;
      else if (c1 >= 1 && hv === undefined) { hi = p.value.highValueClassI; missing.push(`years[${y}].inventionPatentsHighValue`); if (sd === undefined) missing.push(`years[${y}].inventionPatentsSelfDeveloped`); }
      else if (c1 >= 1 && hv === 0 && sd === undefined && lo < p.value.selfDevelopedClassI) { hi = p.value.selfDevelopedClassI; missing.push(`years[${y}].inventionPatentsSelfDeveloped`); }
      else if (c1 < 1 && ip.classII === undefined) hi = Math.max(lo, p.value.classII);
      points = lo === hi ? { value: lo, min: lo, max: lo } : { min: lo, max: hi };
      if (lo < p.value.classI) gap = [`再取得 1 项 I 类知识产权（如发明专利）（+${p.value.classI - lo} 分）`, `1 more Class I IP item, e.g. an invention patent (+${p.value.classI - lo} points)`];
      else if (lo < p.value.highValueClassI) gap = [`取得 1 项高价值发明专利（+${p.value.highValueClassI - lo} 分）`, `1 high-value invention patent (+${p.value.highValueClassI - lo} points)`];
    }
    add('ISME-IP', p.citation, { zh: `${y} 年末与主导产品相关的有效知识产权`, en: `Valid IP related to the lead product at the end of ${y}` }, {
      id: 'ISME-IP', points, missing, max: 20, gap,
      detail: points ? [`I 类 ${ip.classI ?? '未知'} 项（其中高价值 ${hv ?? '未知'}、自主研发 ${sd ?? '未知'}）、II 类 ${ip.classII ?? '未知'} 项`, `${ip.classI ?? 'unknown'} Class I (high-value ${hv ?? 'unknown'}, self-developed ${sd ?? 'unknown'}), ${ip.classII ?? 'unknown'} Class II`] : undefined,
    });
  }
  // ISME-R&D (20): prior-year R&D ÷ operating revenue.
  {
    const b = C(e, 'rdBands');
    const missing: string[] = [];
    const rd = e.num(y, F.rdExpense, missing);
    const rev = e.num(y, F.revenue, missing);
    let points: Points | undefined;
    let gap: [string, string] | undefined;
    if (rd !== undefined && rev !== undefined) {
      const v = rev > 0 ? scoreBands(b.value, rd, rev, boundary) : 0;
      points = { value: v, min: v, max: v };
      const n = nextBand(b.value, v);
      if (n && rev > 0) {
        const need = Math.max(0, Math.ceil((n.at * rev) / 10_000) - rd) + (boundary === 'lowerScore' ? 1 : 0);
        gap = [`${y} 年研发费用需增加 ${fmt.yuanUp(need)}（达到营业收入的 ${fmt.bp(n.at)}，+${n.points - v} 分）`, `R&D expense in ${y} must rise by ${fmt.yuanUp(need)} (to ${fmt.bp(n.at)} of revenue, +${n.points - v} points)`];
      }
    }
    add('ISME-R&D', b.citation, { zh: `${y} 年研发费用占营业收入比重`, en: `R&D share of operating revenue in ${y}` }, {
      id: 'ISME-R&D', points, missing, max: 20, gap,
      detail: points && rev! > 0 ? [`${fmt.pct(rd! / rev!)}（${edge}）`, `${fmt.pct(rd! / rev!)} (${edgeEn})`] : undefined,
    });
  }

  // ---------- growth (30) ----------
  // ISME-GROWTH (20): prior-year main-business revenue growth.
  {
    const b = C(e, 'growthBands');
    const missing: string[] = [];
    const cur = e.num(y, F.mainBusinessRevenue, missing);
    const prev = e.num(y - 1, F.mainBusinessRevenue, missing);
    let points: Points | undefined;
    let gap: [string, string] | undefined;
    let note: { zh: string; en: string } | undefined;
    if (cur !== undefined && prev !== undefined) {
      if (prev > 0) {
        const v = scoreBands(b.value, cur - prev, prev, boundary);
        points = { value: v, min: v, max: v };
        const n = nextBand(b.value, v);
        if (n) {
          const need = Math.max(0, Math.ceil(prev + (n.at * prev) / 10_000) - cur) + (boundary === 'lowerScore' ? 1 : 0);
          gap = [`${y} 年主营业务收入需再增加 ${fmt.yuanUp(need)}（增长 ${fmt.bp(n.at)}，+${n.points - v} 分）`, `Main-business revenue in ${y} must be ${fmt.yuanUp(need)} higher (${fmt.bp(n.at)} growth, +${n.points - v} points)`];
        }
      } else {
        // No base year revenue: growth is undefined, and the text gives no rule for it.
        points = { min: 0, max: 20 };
        missing.push(`years[${y - 1}].mainBusinessRevenue`);
        note = { zh: `${y - 1} 年主营业务收入为零，增长率无法计算，办法未规定此情形：需要大于零的基期值`, en: `main-business revenue in ${y - 1} is zero, so growth cannot be computed and the measures give no rule for it: a base-year value above zero is needed` };
      }
    }
    add('ISME-GROWTH', b.citation, { zh: `${y} 年主营业务收入增长率`, en: `Main-business revenue growth in ${y}` }, {
      id: 'ISME-GROWTH', points, missing, max: 20, gap, note,
      detail: points?.value !== undefined ? [`${fmt.pct((cur! - prev!) / prev!)}（${edge}）`, `${fmt.pct((cur! - prev!) / prev!)} (${edgeEn})`] : undefined,
    });
  }
  // ISME-DEBT (10): prior-year debt-to-asset ratio.
  {
    const b = C(e, 'debtBands');
    const missing: string[] = [];
    const debt = e.num(y, F.totalLiabilities, missing);
    const assets = e.num(y, F.totalAssets, missing);
    let points: Points | undefined;
    let gap: [string, string] | undefined;
    if (debt !== undefined && assets !== undefined) {
      const v = assets > 0 ? scoreBands(b.value, debt, assets, boundary) : 0;
      points = { value: v, min: v, max: v };
      const n = nextBand(b.value, v);
      if (n && assets > 0) {
        const need = Math.max(0, debt - Math.floor((n.at * assets) / 10_000)) + (boundary === 'lowerScore' ? 1 : 0);
        gap = [`${y} 年末负债需减少 ${fmt.yuanUp(need)}（资产负债率降至 ${fmt.bp(n.at)}，+${n.points - v} 分）`, `Liabilities at the end of ${y} must fall by ${fmt.yuanUp(need)} (debt ratio to ${fmt.bp(n.at)}, +${n.points - v} points)`];
      }
    }
    add('ISME-DEBT', b.citation, { zh: `${y} 年末资产负债率`, en: `Debt-to-asset ratio at the end of ${y}` }, {
      id: 'ISME-DEBT', points, missing, max: 10, gap,
      detail: points && assets! > 0 ? [`${fmt.pct(debt! / assets!)}（${edge}）`, `${fmt.pct(debt! / assets!)} (${edgeEn})`] : undefined,
    });
  }

  // ---------- specialisation (30) ----------
  // ISME-FIELD (10): lead product in the strategic emerging industries catalogue: expert-judged.
  {
    const f = C(e, 'fieldPoints');
    const given = e.doc.expert['isme.strategicField'];
    const label = { zh: '主导产品所属领域（是否属于《战略性新兴产业分类》）', en: 'Lead product field (in the strategic emerging industries catalogue?)' };
    if (given === undefined) {
      ind['ISME-FIELD'] = { id: 'ISME-FIELD', points: { min: f.value.other, max: f.value.inList }, missing: [] };
      e.add(lazyCriterion({
        id: 'ISME-FIELD', verdict: 'manual_review', actual: null, unit: 'points', threshold: null, points: { min: f.value.other, max: f.value.inList }, missing: [], citation: f.citation,
      }, () => ({ zh: `${label.zh}：需人工判断，得 ${f.value.other} 或 ${f.value.inList} 分（输入 isme.strategicField = ${f.value.inList} 或 ${f.value.other}）（${cite(f.citation)}）。`, en: `${label.en}: needs review, ${f.value.other} or ${f.value.inList} points (enter isme.strategicField = ${f.value.inList} or ${f.value.other}) (${citeEn(f.citation)}).` })));
    } else {
      const v = given >= f.value.inList ? f.value.inList : f.value.other;
      ind['ISME-FIELD'] = { id: 'ISME-FIELD', points: { value: v, min: v, max: v }, missing: [] };
      e.add(lazyCriterion({
        id: 'ISME-FIELD', verdict: 'pass', actual: v, unit: 'points', threshold: null, points: { value: v, min: v, max: v }, missing: [], citation: f.citation,
      }, () => ({ zh: `${label.zh}：${v === f.value.inList ? '属于' : '不属于'}，得 ${v} 分（${cite(f.citation)}）。`, en: `${label.en}: ${v === f.value.inList ? 'yes' : 'no'}, ${v} points (${citeEn(f.citation)}).` })));
    }
  }
  // ISME-MAIN (20): main-business revenue ÷ operating revenue.
  {
    const b = C(e, 'mainShareBands');
    const missing: string[] = [];
    const main = e.num(y, F.mainBusinessRevenue, missing);
    const rev = e.num(y, F.revenue, missing);
    let points: Points | undefined;
    let gap: [string, string] | undefined;
    if (main !== undefined && rev !== undefined) {
      const v = rev > 0 ? scoreBands(b.value, main, rev, boundary) : 0;
      points = { value: v, min: v, max: v };
      const n = nextBand(b.value, v);
      if (n && rev > 0) {
        // Main-business revenue raises operating revenue too: (m + x) / (r + x) ≥ p.
        const need = Math.max(0, Math.ceil((n.at * rev - 10_000 * main) / (10_000 - n.at))) + (boundary === 'lowerScore' ? 1 : 0);
        gap = [`${y} 年主营业务收入需增加 ${fmt.yuanUp(need)}（占比达到 ${fmt.bp(n.at)}，+${n.points - v} 分）`, `Main-business revenue in ${y} must rise by ${fmt.yuanUp(need)} (to ${fmt.bp(n.at)} of revenue, +${n.points - v} points)`];
      }
    }
    add('ISME-MAIN', b.citation, { zh: `${y} 年主营业务收入占营业收入比重`, en: `Main-business share of operating revenue in ${y}` }, {
      id: 'ISME-MAIN', points, missing, max: 20, gap,
      detail: points && rev! > 0 ? [`${fmt.pct(main! / rev!)}（${edge}）`, `${fmt.pct(main! / rev!)} (${edgeEn})`] : undefined,
    });
  }

  // ---------- pass rule: total ≥ 60, innovation ≥ 20, growth ≥ 15, specialisation ≥ 15 ----------
  const range = (ids: string[]) => {
    let lo = 0;
    let hi = 0;
    const missing: string[] = [];
    let review = false;
    for (const id of ids) {
      const p = ind[id].points;
      lo += p?.value ?? p?.min ?? 0;
      hi += p?.value ?? p?.max ?? (id === 'ISME-DEBT' || id === 'ISME-FIELD' ? 10 : 20);
      missing.push(...ind[id].missing);
      if (id === 'ISME-FIELD' && p?.value === undefined) review = true;
    }
    return { lo, hi, missing: [...new Set(missing)], review };
  };
  const dims = C(e, 'minDimension');
  const total = C(e, 'minTotal');
  const check = (id: string, ids: string[], min: number, citation: Citation, label: { zh: string; en: string }): CriterionResult => {
    const r = range(ids);
    const verdict: Verdict = r.lo >= min ? 'pass' : r.hi < min ? 'fail' : r.missing.length ? 'unknown' : 'manual_review';
    const s = r.lo === r.hi ? `${r.lo}` : `${r.lo}–${r.hi}`;
    const gaps = ids.map((i) => ind[i].gap).filter((g): g is [string, string] => !!g);
    return e.add(lazyCriterion({
      id, verdict, actual: s, unit: 'points', threshold: minPoints(min), points: r.lo === r.hi ? { value: r.lo, min: r.lo, max: r.hi } : { min: r.lo, max: r.hi },
      missing: verdict === 'unknown' ? r.missing : [], citation,
      gap: verdict === 'fail' && gaps.length ? lazyGap((min - r.hi) / 5, () => ({ zh: `还差 ${min - r.hi} 分：${gaps.map((g) => g[0]).join('；')}`, en: `${min - r.hi} points short: ${gaps.map((g) => g[1]).join('; ')}` })) : undefined,
    }, () => ({
        zh: `${label.zh}得分 ${s} 分，${verdict === 'pass' ? '达到' : verdict === 'fail' ? '未达到' : verdict === 'unknown' ? '缺少数据，无法确定能否达到' : '需人工判断能否达到'}不低于 ${min} 分的要求（${cite(citation)}）。`,
        en: `${label.en} score ${s}: ${verdict === 'pass' ? 'meets' : verdict === 'fail' ? 'below' : verdict === 'unknown' ? 'data missing to decide' : 'review needed to decide'} the ${min}-point mark (${citeEn(citation)}).`,
      })));
  };
  const conds = [
    check('ISME-INNOVATION', ['ISME-IP', 'ISME-R&D'], dims.value.innovation, dims.citation, { zh: '创新能力指标', en: 'Innovation' }),
    check('ISME-GROWTH-DIM', ['ISME-GROWTH', 'ISME-DEBT'], dims.value.growth, dims.citation, { zh: '成长性指标', en: 'Growth' }),
    check('ISME-SPECIALISATION', ['ISME-FIELD', 'ISME-MAIN'], dims.value.specialisation, dims.citation, { zh: '专业化指标', en: 'Specialisation' }),
    check('ISME-TOTAL', ['ISME-IP', 'ISME-R&D', 'ISME-GROWTH', 'ISME-DEBT', 'ISME-FIELD', 'ISME-MAIN'], total.value, total.citation, { zh: '评价总', en: 'Total' }),
  ];
  const condVerdict = conds.reduce<Verdict>((v, c) => both(v, c.verdict), 'pass');
  const t = conds.at(-1)!.points!;

  // ---------- direct routes ----------
  const direct: CriterionResult[] = [];
  const aw = C(e, 'awardWindowYears');
  const mA: string[] = [];
  let award: boolean | undefined = false;
  e.doc.qualifications.forEach((q, i) => {
    if (q.kind !== 'st_award_national' && q.kind !== 'st_award_provincial') return;
    if (!q.issuedOn) mA.push(`qualifications[${i}].issuedOn`);
    else if (within(q.issuedOn, e.asOf, aw.value)) award = true;
  });
  direct.push(e.condition({
    id: 'ISME-DR1', citation: aw.citation, label: { zh: `近 ${aw.value} 年获得国家级或省级科技奖励`, en: `National or provincial S&T award in the last ${aw.value} years` },
    holds: award || (mA.length ? undefined : false), missing: mA, yes: { zh: '有', en: 'yes' }, no: { zh: '无', en: 'none' },
  }));
  const title = e.holds('hnte') ?? e.holds('tech_innovation_demo') ?? e.holds('ip_advantage');
  const titleZh = { hnte: '高新技术企业', tech_innovation_demo: '国家技术创新示范企业', ip_advantage: '知识产权优势（示范）企业' } as Record<string, string>;
  direct.push(e.condition({
    id: 'ISME-DR2', citation: { docNo: '工信部企业〔2022〕63号', article: '附件1 二、（二）有效期内的高新技术企业、国家技术创新示范企业、知识产权优势（示范）企业', confidence: 'V' },
    label: { zh: '拥有有效期内的高新技术企业、国家技术创新示范企业或知识产权优势（示范）企业称号', en: 'Holds a valid HNTE, national technology-innovation demonstration or IP advantage/demonstration title' },
    holds: !!title, missing: [],
    yes: { zh: `${titleZh[title?.kind ?? ''] ?? ''}，有效至 ${title?.expiresOn ?? '—'}`, en: `${title?.kind}, valid until ${title?.expiresOn ?? '—'}` }, no: { zh: `${e.asOf} 无有效称号`, en: `none valid on ${e.asOf}` },
  }));
  const inst = e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial');
  direct.push(e.condition({
    id: 'ISME-DR3', citation: { docNo: '工信部企业〔2022〕63号', article: '附件1 二、（三）拥有经认定的省部级以上研发机构', confidence: 'V' },
    label: { zh: '拥有经认定的省部级以上研发机构', en: 'Recognised provincial-or-higher R&D institution' }, holds: !!inst, missing: [],
    yes: { zh: inst?.kind === 'rd_institution_national' ? '国家级' : '省级', en: inst?.kind === 'rd_institution_national' ? 'national' : 'provincial' }, no: { zh: '无', en: 'none' },
  }));
  const eq = C(e, 'equity');
  const mE: string[] = [];
  const eqYears = e.lastYears(eq.value.years);
  const eqVals = eqYears.map((yr) => e.num(yr, F.equityFinancing, mE));
  const eqSum = eqVals.reduce<number>((s, v) => s + (v ?? 0), 0);
  const eqPeriod = eqYears.length ? `${eqYears[0]}–${eqYears.at(-1)}` : `${y}`;
  const eqLabel = { zh: `${eqPeriod} 年新增股权融资（合格机构投资者实缴）`, en: `New equity financing (qualified investors, paid-in), ${eqPeriod}` };
  if (eqSum < eq.value.minFen && mE.length) direct.push(e.unknown({ id: 'ISME-DR4', citation: eq.citation, label: eqLabel }, mE));
  else direct.push(e.compare({ id: 'ISME-DR4', citation: eq.citation, label: eqLabel, value: eqSum, limit: eq.value.minFen, op: '>=', missing: [], show: 'fen' }, (v: number) => (lazyGap(5, () => ({ zh: `${eqPeriod} 年新增股权融资需再增加 ${fmt.yuanUp(eq.value.minFen - v)}`, en: `New equity financing over ${eqPeriod} must rise by ${fmt.yuanUp(eq.value.minFen - v)}` })))));

  const directVerdict = anyOf(direct.map((c) => c.verdict));
  const verdict = anyOf([condVerdict, directVerdict]);
  const route = verdict !== 'pass' ? null : directVerdict === 'pass' ? 'direct' : 'conditions';
  return { verdict, route, score: t } as const;
}

/** 2026: the merged tier. Only what criteria.md knows; everything else is an explicit unknown. */
function v2026(e: Evaluation) {
  const y = e.priorYear;
  const crit = C(e, 'criteria2026');
  e.add(lazyCriterion({
    id: 'ISME26-CRITERIA', verdict: 'unknown', actual: null, unit: null, threshold: null, missing: [], citation: crit.citation,
    note: { zh: '规则原文尚未取得：工信部企业〔2026〕2号 科技和创新型中小企业评价条件', en: 'Rule text not yet obtained: the tech and innovative SME evaluation conditions of 工信部企业〔2026〕2号' },
  }, () => ({
      zh: `自 2026-04-01 起，科技型中小企业与创新型中小企业合并为"科技和创新型中小企业"（${cite(crit.citation)}，可信度 C）。其评价条件、指标和分数线的原文未获取，平台未编码任何门槛，无法判断；请以官方文件为准，由人工核定。`,
      en: `From 2026-04-01 tech-based and innovative SMEs merge into the "tech and innovative SME" tier (${citeEn(crit.citation)}, confidence C). Its conditions, indicators and pass marks were not read and no threshold is encoded, so this cannot be decided; check against the official text.`,
    })));

  // On-site check triggers of the 2026 notice (single third-party source): review signals only.
  const trig = C(e, 'onsiteTriggers2026');
  const missing: string[] = [];
  const staff = e.num(y, F.employees, missing);
  const rd = e.num(y, F.rdExpense, missing);
  const ip = ipCounts(e, y, missing);
  const firstTime = !e.doc.qualifications.some((q) => q.kind === 'tech_sme' || q.kind === 'innovative_sme');
  const hits: [string, string][] = [];
  if (staff !== undefined && staff <= trig.value.maxStaff) hits.push([`职工 ${staff} 人（≤ ${trig.value.maxStaff} 人）`, `${staff} employees (≤ ${trig.value.maxStaff})`]);
  if (ip.classI !== undefined && ip.classII !== undefined && ip.classI + ip.classII === 0) hits.push(['无知识产权', 'no IP']);
  if (rd !== undefined && rd < trig.value.minRdFen) hits.push([`研发费用 ${fmt.yuan(rd)}（< ${fmt.yuan(trig.value.minRdFen)}）`, `R&D ${fmt.yuan(rd)} (< ${fmt.yuan(trig.value.minRdFen)})`]);
  if (firstTime) hits.push(['首次申报（无科技型或创新型中小企业记录）', 'first-time applicant (no tech or innovative SME record)']);
  const label = { zh: '2026 年评价通知所列现场核查情形', en: 'On-site check triggers of the 2026 evaluation notice' };
  const ipMissing = ip.classI === undefined || ip.classII === undefined;
  if (!hits.length && (missing.length || ipMissing)) e.unknown({ id: 'ISME26-ONSITE', citation: trig.citation, label }, missing);
  else {
    e.add(lazyCriterion({
      id: 'ISME26-ONSITE', verdict: hits.length ? 'manual_review' : 'pass', actual: hits.length, unit: 'count', threshold: null, missing: [], citation: trig.citation,
    }, () => (hits.length
        ? { zh: `${label.zh}：${hits.map((h) => h[0]).join('；')}，预计需现场核查（可信度 R，${cite(trig.citation)}）。`, en: `${label.en}: ${hits.map((h) => h[1]).join('; ')}; an on-site check is likely (confidence R, ${citeEn(trig.citation)}).` }
        : { zh: `${label.zh}：均不涉及（可信度 R，${cite(trig.citation)}）。`, en: `${label.en}: none apply (confidence R, ${citeEn(trig.citation)}).` })));
  }
  return { verdict: 'unknown', route: null } as const;
}

export const innovativeSmeRuleset: Ruleset = {
  id: 'innovative_sme',
  title: { zh: '创新型中小企业（2026 年起：科技和创新型中小企业）', en: 'Innovative SME (from 2026: tech and innovative SME)' },
  versions: [
    { version: '2022', from: '2022-08-01', to: '2026-03-31', evaluate: v2022 },
    { version: '2026', from: '2026-04-01', evaluate: v2026 },
  ],
};
