// 创新型中小企业评价 (工信部企业〔2022〕63号 annex 1): six indicators in three dimensions with
// sub-thresholds, or any one direct route. From 2026-04-01 the merged "科技和创新型中小企业" of
// 工信部企业〔2026〕2号, whose criteria were not read: encoded as explicit unknowns.
// Criteria are recorded as numbers against the static specs below (see "recorded criteria" in
// engine.ts); their sentences, points and gaps are written when a result is read.
import { INNOVATIVE_SME, type Bands } from '../parameters/innovative_sme.ts';
import {
  anyOf, cite, citeEn, compareSpec, conditionSpec, Evaluation, fmt, lazyGap, minPoints, paramTable, unique,
  type Recorded, type Ruleset, type Spec, F, factPath,
} from '../engine.ts';
import type { Bilingual, Points, Verdict } from '../types.ts';
import { CLASS_I, CLASS_II, ipSum, ipTotal } from './hnte.ts';
import { both, within } from './tech_sme.ts';

const C = paramTable('innovative_sme', INNOVATIVE_SME);

type Name = keyof typeof INNOVATIVE_SME;

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

/** The next better band than `points`, if any (the last listed that scores more). */
function nextBand(b: Bands, points: number) {
  for (let i = b.bands.length - 1; i >= 0; i--) if (b.bands[i].points > points) return b.bands[i];
  return undefined;
}

const EDGE: Record<Boundary, Bilingual> = {
  higherScore: { zh: '边界值计入较高得分档', en: 'edge values take the better band' },
  lowerScore: { zh: '边界值计入较低得分档', en: 'edge values take the worse band' },
};
/** The extra fen that puts an edge value into the better band under 'lowerScore'. */
const edgeFen = (r: Recorded) => (C.boundary(r.e).value === 'lowerScore' ? 1 : 0);
/** `{ value, min, max }` for a known score, `{ min, max }` for a range. */
const pointsOf = (lo: number, hi: number): Points => (lo === hi ? { value: lo, min: lo, max: lo } : { min: lo, max: hi });
const NO_MISSING: string[] = [];

// ---------- indicators ----------

/**
 * One of the six indicators, recorded as [lowest points, highest points, x, y]: x and y the facts
 * its detail and gap read (NaN where not known). Known points pass; a range is unknown, naming
 * the facts missing. `detail` says what the value was, `up` what the next band needs (as the
 * dimension criteria's gaps list it).
 */
function indicatorSpec(s: {
  id: string; param: Name; max: number; label: (y: number) => Bilingual;
  detail: (r: Recorded) => Bilingual | undefined; up?: (r: Recorded) => Bilingual | undefined; note?: (r: Recorded) => Bilingual | undefined;
}): Spec & { up?: (r: Recorded) => Bilingual | undefined } {
  const { detail, max, label, note, param: name } = s;
  return {
    id: s.id, label: (r) => label(r.e.priorYear), citation: (r) => C[name](r.e).citation, up: s.up,
    read(r) {
      const lo = r.n(0);
      const hi = r.n(1);
      return { actual: lo === hi ? `${lo}` : `${lo}–${hi}`, unit: 'points', threshold: null, points: pointsOf(lo, hi), note: note?.(r) };
    },
    gap: () => undefined,
    text(r, l, citation) {
      const lo = r.n(0);
      const hi = r.n(1);
      const known = lo === hi;
      const pts = known ? `${lo}` : `${lo}–${hi}`;
      const d = detail(r);
      const m = r.missingFacts ?? NO_MISSING;
      return {
        zh: `${l.zh}${d ? `为 ${d.zh}` : ''}，得 ${pts} 分（满分 ${max} 分${known ? '' : `；缺少 ${m.join('、')}`}）（${cite(citation)}）。`,
        en: `${l.en}${d ? ` is ${d.en}` : ''}: ${pts} of ${max} points${known ? '' : ` (missing ${m.join(', ')})`} (${citeEn(citation)}).`,
      };
    },
  };
}

/** x ÷ y with the boundary rule, when y > 0. */
function shareDetail(r: Recorded): Bilingual | undefined {
  const y = r.n(3);
  if (!(y > 0)) return undefined;
  const t = fmt.pct(r.n(2) / y);
  const edge = EDGE[C.boundary(r.e).value];
  return { zh: `${t}（${edge.zh}）`, en: `${t} (${edge.en})` };
}

/** A count as its text, `unknown`'s word when not known. */
const countText = (n: number | undefined, unknown: string) => (n === undefined || n !== n ? unknown : `${n}`);

// ISME-IP: x, y = Class I and Class II counts; the high-value and self-developed counts are read again.
const IP = indicatorSpec({
  id: 'ISME-IP', param: 'ipPoints', max: 20,
  label: (y) => ({ zh: `${y} 年末与主导产品相关的有效知识产权`, en: `Valid IP related to the lead product at the end of ${y}` }),
  detail(r) {
    const y = r.e.priorYear;
    const c1 = r.n(2);
    const c2 = r.n(3);
    const hv = r.e.known(y, F.inventionPatentsHighValue);
    const sd = r.e.known(y, F.inventionPatentsSelfDeveloped);
    return {
      zh: `I 类 ${countText(c1, '未知')} 项（其中高价值 ${countText(hv, '未知')}、自主研发 ${countText(sd, '未知')}）、II 类 ${countText(c2, '未知')} 项`,
      en: `${countText(c1, 'unknown')} Class I (high-value ${countText(hv, 'unknown')}, self-developed ${countText(sd, 'unknown')}), ${countText(c2, 'unknown')} Class II`,
    };
  },
  up(r) {
    const p = C.ipPoints(r.e).value;
    const lo = r.n(0);
    if (lo < p.classI) return { zh: `再取得 1 项 I 类知识产权（如发明专利）（+${p.classI - lo} 分）`, en: `1 more Class I IP item, e.g. an invention patent (+${p.classI - lo} points)` };
    if (lo < p.highValueClassI) return { zh: `取得 1 项高价值发明专利（+${p.highValueClassI - lo} 分）`, en: `1 high-value invention patent (+${p.highValueClassI - lo} points)` };
    return undefined;
  },
});
// ISME-R&D: x = R&D expense, y = operating revenue.
const RD = indicatorSpec({
  id: 'ISME-R&D', param: 'rdBands', max: 20,
  label: (y) => ({ zh: `${y} 年研发费用占营业收入比重`, en: `R&D share of operating revenue in ${y}` }),
  detail: shareDetail,
  up(r) {
    const v = r.n(0);
    const rd = r.n(2);
    const rev = r.n(3);
    const n = nextBand(C.rdBands(r.e).value, v);
    if (!n || !(rev > 0)) return undefined;
    const y = r.e.priorYear;
    const need = Math.max(0, Math.ceil((n.at * rev) / 10_000) - rd) + edgeFen(r);
    return { zh: `${y} 年研发费用需增加 ${fmt.yuanUp(need)}（达到营业收入的 ${fmt.bp(n.at)}，+${n.points - v} 分）`, en: `R&D expense in ${y} must rise by ${fmt.yuanUp(need)} (to ${fmt.bp(n.at)} of revenue, +${n.points - v} points)` };
  },
});
// ISME-GROWTH: x, y = main-business revenue of the prior year and the year before; a range when the base is zero.
const GROWTH = indicatorSpec({
  id: 'ISME-GROWTH', param: 'growthBands', max: 20,
  label: (y) => ({ zh: `${y} 年主营业务收入增长率`, en: `Main-business revenue growth in ${y}` }),
  detail(r) {
    if (r.n(0) !== r.n(1)) return undefined;
    const cur = r.n(2);
    const prev = r.n(3);
    const t = fmt.pct((cur - prev) / prev);
    const edge = EDGE[C.boundary(r.e).value];
    return { zh: `${t}（${edge.zh}）`, en: `${t} (${edge.en})` };
  },
  up(r) {
    const v = r.n(0);
    if (v !== r.n(1)) return undefined;
    const cur = r.n(2);
    const prev = r.n(3);
    const n = nextBand(C.growthBands(r.e).value, v);
    if (!n) return undefined;
    const y = r.e.priorYear;
    const need = Math.max(0, Math.ceil(prev + (n.at * prev) / 10_000) - cur) + edgeFen(r);
    return { zh: `${y} 年主营业务收入需再增加 ${fmt.yuanUp(need)}（增长 ${fmt.bp(n.at)}，+${n.points - v} 分）`, en: `Main-business revenue in ${y} must be ${fmt.yuanUp(need)} higher (${fmt.bp(n.at)} growth, +${n.points - v} points)` };
  },
  // No base year revenue: growth is undefined, and the text gives no rule for it.
  note(r) {
    if (r.n(0) === r.n(1)) return undefined;
    const y = r.e.priorYear;
    return { zh: `${y - 1} 年主营业务收入为零，增长率无法计算，办法未规定此情形：需要大于零的基期值`, en: `main-business revenue in ${y - 1} is zero, so growth cannot be computed and the measures give no rule for it: a base-year value above zero is needed` };
  },
});
// ISME-DEBT: x = liabilities, y = assets.
const DEBT = indicatorSpec({
  id: 'ISME-DEBT', param: 'debtBands', max: 10,
  label: (y) => ({ zh: `${y} 年末资产负债率`, en: `Debt-to-asset ratio at the end of ${y}` }),
  detail: shareDetail,
  up(r) {
    const v = r.n(0);
    const debt = r.n(2);
    const assets = r.n(3);
    const n = nextBand(C.debtBands(r.e).value, v);
    if (!n || !(assets > 0)) return undefined;
    const y = r.e.priorYear;
    const need = Math.max(0, debt - Math.floor((n.at * assets) / 10_000)) + edgeFen(r);
    return { zh: `${y} 年末负债需减少 ${fmt.yuanUp(need)}（资产负债率降至 ${fmt.bp(n.at)}，+${n.points - v} 分）`, en: `Liabilities at the end of ${y} must fall by ${fmt.yuanUp(need)} (debt ratio to ${fmt.bp(n.at)}, +${n.points - v} points)` };
  },
});
// ISME-MAIN: x = main-business revenue, y = operating revenue.
const MAIN = indicatorSpec({
  id: 'ISME-MAIN', param: 'mainShareBands', max: 20,
  label: (y) => ({ zh: `${y} 年主营业务收入占营业收入比重`, en: `Main-business share of operating revenue in ${y}` }),
  detail: shareDetail,
  up(r) {
    const v = r.n(0);
    const main = r.n(2);
    const rev = r.n(3);
    const n = nextBand(C.mainShareBands(r.e).value, v);
    if (!n || !(rev > 0)) return undefined;
    const y = r.e.priorYear;
    // Main-business revenue raises operating revenue too: (m + x) / (r + x) ≥ p.
    const need = Math.max(0, Math.ceil((n.at * rev - 10_000 * main) / (10_000 - n.at))) + edgeFen(r);
    return { zh: `${y} 年主营业务收入需增加 ${fmt.yuanUp(need)}（占比达到 ${fmt.bp(n.at)}，+${n.points - v} 分）`, en: `Main-business revenue in ${y} must rise by ${fmt.yuanUp(need)} (to ${fmt.bp(n.at)} of revenue, +${n.points - v} points)` };
  },
});

// ISME-FIELD: [the points given by the expert, NaN for review].
const FIELD_LABEL = { zh: '主导产品所属领域（是否属于《战略性新兴产业分类》）', en: 'Lead product field (in the strategic emerging industries catalogue?)' };
const FIELD: Spec = {
  id: 'ISME-FIELD', label: FIELD_LABEL, citation: (r) => C.fieldPoints(r.e).citation,
  read(r) {
    const v = r.n(0);
    if (v === v) return { actual: v, unit: 'points', threshold: null, points: { value: v, min: v, max: v } };
    const f = C.fieldPoints(r.e).value;
    return { actual: null, unit: 'points', threshold: null, points: { min: f.other, max: f.inList } };
  },
  gap: () => undefined,
  text(r, label, citation) {
    const v = r.n(0);
    const f = C.fieldPoints(r.e).value;
    if (v !== v) return { zh: `${label.zh}：需人工判断，得 ${f.other} 或 ${f.inList} 分（输入 isme.strategicField = ${f.inList} 或 ${f.other}）（${cite(citation)}）。`, en: `${label.en}: needs review, ${f.other} or ${f.inList} points (enter isme.strategicField = ${f.inList} or ${f.other}) (${citeEn(citation)}).` };
    return { zh: `${label.zh}：${v === f.inList ? '属于' : '不属于'}，得 ${v} 分（${cite(citation)}）。`, en: `${label.en}: ${v === f.inList ? 'yes' : 'no'}, ${v} points (${citeEn(citation)}).` };
  },
};

// ---------- dimensions: total ≥ 60, innovation ≥ 20, growth ≥ 15, specialisation ≥ 15 ----------

/** The indicators in the order the tally keeps them. */
const INDICATORS = [IP, RD, GROWTH, DEBT, FIELD, MAIN] as const;
/** Highest points of an indicator whose facts are missing. */
const MAX = [20, 20, 20, 10, 10, 20];

/** A dimension's score, recorded as [lowest points, highest points, pass mark]; its gap lists its indicators' next bands. */
function dimensionSpec(id: string, name: 'minDimension' | 'minTotal', label: Bilingual, ids: readonly number[]): Spec {
  return {
    id, label, citation: (r) => C[name](r.e).citation,
    read(r) {
      const lo = r.n(0);
      const hi = r.n(1);
      return { actual: lo === hi ? `${lo}` : `${lo}–${hi}`, unit: 'points', threshold: minPoints(r.n(2)), points: lo === hi ? { value: lo, min: lo, max: hi } : { min: lo, max: hi } };
    },
    gap(r) {
      if (r.verdict !== 'fail') return undefined;
      const gaps: Bilingual[] = [];
      for (const i of ids) {
        const s = INDICATORS[i] as Spec & { up?: (r: Recorded) => Bilingual | undefined };
        if (!s.up) continue;
        const c = r.sibling(s.id)!;
        const g = c.asUnknown ? undefined : s.up(c);
        if (g) gaps.push(g);
      }
      if (!gaps.length) return undefined;
      const short = r.n(2) - r.n(1);
      return lazyGap(short / 5, () => ({ zh: `还差 ${short} 分：${gaps.map((g) => g.zh).join('；')}`, en: `${short} points short: ${gaps.map((g) => g.en).join('; ')}` }));
    },
    text(r, l, citation) {
      const lo = r.n(0);
      const hi = r.n(1);
      const min = r.n(2);
      const s = lo === hi ? `${lo}` : `${lo}–${hi}`;
      const verdict = r.verdict;
      return {
        zh: `${l.zh}得分 ${s} 分，${verdict === 'pass' ? '达到' : verdict === 'fail' ? '未达到' : verdict === 'unknown' ? '缺少数据，无法确定能否达到' : '需人工判断能否达到'}不低于 ${min} 分的要求（${cite(citation)}）。`,
        en: `${l.en} score ${s}: ${verdict === 'pass' ? 'meets' : verdict === 'fail' ? 'below' : verdict === 'unknown' ? 'data missing to decide' : 'review needed to decide'} the ${min}-point mark (${citeEn(citation)}).`,
      };
    },
  };
}
const INNOVATION = dimensionSpec('ISME-INNOVATION', 'minDimension', { zh: '创新能力指标', en: 'Innovation' }, [0, 1]);
const GROWTH_DIM = dimensionSpec('ISME-GROWTH-DIM', 'minDimension', { zh: '成长性指标', en: 'Growth' }, [2, 3]);
const SPECIALISATION = dimensionSpec('ISME-SPECIALISATION', 'minDimension', { zh: '专业化指标', en: 'Specialisation' }, [4, 5]);
const TOTAL_IDS = [0, 1, 2, 3, 4, 5];
const TOTAL = dimensionSpec('ISME-TOTAL', 'minTotal', { zh: '评价总', en: 'Total' }, TOTAL_IDS);

/** Each indicator's lowest and highest points (0 and its maximum when its facts are missing) and missing facts. */
interface Tally { lo: number[]; hi: number[]; missing: string[][] }

/** An indicator with points lo…hi (NaN: facts missing, no points); x, y: the facts its detail and gap read. */
function indicator(e: Evaluation, t: Tally, i: number, lo: number, hi: number, x: number, y: number, missing: string[]) {
  const spec = INDICATORS[i];
  t.missing[i] = missing;
  if (lo !== lo) {
    e.recordUnknown(spec, missing);
    t.lo[i] = 0;
    t.hi[i] = MAX[i];
    return;
  }
  const r = e.record(spec, lo === hi ? 'pass' : 'unknown', lo, hi, x, y);
  if (lo !== hi) r.missingFacts = missing;
  t.lo[i] = lo;
  t.hi[i] = hi;
}

/** A dimension over the indicators `ids` against its pass mark. */
function dimension(e: Evaluation, t: Tally, spec: Spec, ids: readonly number[], min: number): Recorded {
  let lo = 0;
  let hi = 0;
  const missing: string[] = [];
  for (const i of ids) {
    lo += t.lo[i];
    hi += t.hi[i];
    for (const m of t.missing[i]) missing.push(m);
  }
  const verdict: Verdict = lo >= min ? 'pass' : hi < min ? 'fail' : missing.length ? 'unknown' : 'manual_review';
  const r = e.record(spec, verdict, lo, hi, min);
  if (verdict === 'unknown') r.missingFacts = unique(missing);
  return r;
}

// ---------- direct routes ----------

// [award within the window, the window in years]
const DR1 = conditionSpec({
  id: 'ISME-DR1', citation: (r) => C.awardWindowYears(r.e).citation,
  label: (r) => ({ zh: `近 ${r.n(1)} 年获得国家级或省级科技奖励`, en: `National or provincial S&T award in the last ${r.n(1)} years` }),
  yes: { zh: '有', en: 'yes' }, no: { zh: '无', en: 'none' },
});
const TITLE_ZH: Record<string, string> = { hnte: '高新技术企业', tech_innovation_demo: '国家技术创新示范企业', ip_advantage: '知识产权优势（示范）企业' };
// [title held, its index in doc.qualifications]
const DR2 = conditionSpec({
  id: 'ISME-DR2', citation: { docNo: '工信部企业〔2022〕63号', article: '附件1 二、（二）有效期内的高新技术企业、国家技术创新示范企业、知识产权优势（示范）企业', confidence: 'V' },
  label: { zh: '拥有有效期内的高新技术企业、国家技术创新示范企业或知识产权优势（示范）企业称号', en: 'Holds a valid HNTE, national technology-innovation demonstration or IP advantage/demonstration title' },
  yes: (r) => {
    const q = r.e.doc.qualifications[r.n(1)];
    return { zh: `${TITLE_ZH[q.kind] ?? ''}，有效至 ${q.expiresOn ?? '—'}`, en: `${q.kind}, valid until ${q.expiresOn ?? '—'}` };
  },
  no: (r) => ({ zh: `${r.e.asOf} 无有效称号`, en: `none valid on ${r.e.asOf}` }),
});
// [institution held, 1 if national]
const DR3 = conditionSpec({
  id: 'ISME-DR3', citation: { docNo: '工信部企业〔2022〕63号', article: '附件1 二、（三）拥有经认定的省部级以上研发机构', confidence: 'V' },
  label: { zh: '拥有经认定的省部级以上研发机构', en: 'Recognised provincial-or-higher R&D institution' },
  yes: (r) => (r.n(1) === 1 ? { zh: '国家级', en: 'national' } : { zh: '省级', en: 'provincial' }), no: { zh: '无', en: 'none' },
});
/** The years the equity route sums ("2022–2024"): from the first recorded (NaN: none) to the prior year. */
const eqPeriod = (r: Recorded) => (r.n(2) === r.n(2) ? `${r.n(2)}–${r.e.priorYear}` : `${r.e.priorYear}`);
// [equity financing summed, minimum, first year summed]
const DR4: Spec = {
  ...compareSpec({
    id: 'ISME-DR4', citation: (r) => C.equity(r.e).citation, op: '>=', show: 'fen',
    label: (r) => {
      const p = eqPeriod(r);
      return { zh: `${p} 年新增股权融资（合格机构投资者实缴）`, en: `New equity financing (qualified investors, paid-in), ${p}` };
    },
    gap: {
      effort: () => 5,
      text: (v, limit, r) => {
        const p = eqPeriod(r);
        return { zh: `${p} 年新增股权融资需再增加 ${fmt.yuanUp(limit - v)}`, en: `New equity financing over ${p} must rise by ${fmt.yuanUp(limit - v)}` };
      },
    },
  }),
};

function v2022(e: Evaluation) {
  const y = e.priorYear;
  const boundary = C.boundary(e).value;
  const t: Tally = { lo: [0, 0, 0, 0, 0, 0], hi: [0, 0, 0, 0, 0, 0], missing: [NO_MISSING, NO_MISSING, NO_MISSING, NO_MISSING, NO_MISSING, NO_MISSING] };

  // ---------- innovation (40) ----------
  // ISME-IP (20): valid IP related to the lead product, prior year end.
  {
    const p = C.ipPoints(e).value;
    const missing: string[] = [];
    const c1 = ipTotal(e, y, CLASS_I);
    const c2 = ipTotal(e, y, CLASS_II);
    // Only the classes that could change the points are named as missing.
    if (c1 === undefined) missing.push(factPath(y, F.inventionPatents));
    if (c2 === undefined && (c1 ?? 0) < 1) missing.push(factPath(y, F.utilityModels));
    const hv = e.known(y, F.inventionPatentsHighValue);
    const sd = e.known(y, F.inventionPatentsSelfDeveloped);
    let lo = NaN;
    let hi = NaN;
    if (c1 !== undefined || c2 !== undefined) {
      const n1 = c1 ?? 0;
      lo = n1 >= 1 ? ((hv ?? 0) >= 1 ? p.highValueClassI : (sd ?? 0) >= 1 ? p.selfDevelopedClassI : p.classI) : (c2 ?? 0) >= 1 ? p.classII : 0;
      hi = lo;
      if (c1 === undefined) hi = p.highValueClassI;
      else if (n1 >= 1 && hv === undefined) { hi = p.highValueClassI; missing.push(factPath(y, F.inventionPatentsHighValue)); if (sd === undefined) missing.push(factPath(y, F.inventionPatentsSelfDeveloped)); }
      else if (n1 >= 1 && hv === 0 && sd === undefined && lo < p.selfDevelopedClassI) { hi = p.selfDevelopedClassI; missing.push(factPath(y, F.inventionPatentsSelfDeveloped)); }
      else if (n1 < 1 && c2 === undefined) hi = Math.max(lo, p.classII);
    }
    indicator(e, t, 0, lo, hi, c1 ?? NaN, c2 ?? NaN, missing);
  }
  // ISME-R&D (20): prior-year R&D ÷ operating revenue.
  {
    const b = C.rdBands(e).value;
    const missing: string[] = [];
    const rd = e.num(y, F.rdExpense, missing);
    const rev = e.num(y, F.revenue, missing);
    const v = rd === undefined || rev === undefined ? NaN : rev > 0 ? scoreBands(b, rd, rev, boundary) : 0;
    indicator(e, t, 1, v, v, rd ?? NaN, rev ?? NaN, missing);
  }

  // ---------- growth (30) ----------
  // ISME-GROWTH (20): prior-year main-business revenue growth.
  {
    const b = C.growthBands(e).value;
    const missing: string[] = [];
    const cur = e.num(y, F.mainBusinessRevenue, missing);
    const prev = e.num(y - 1, F.mainBusinessRevenue, missing);
    if (cur === undefined || prev === undefined) indicator(e, t, 2, NaN, NaN, NaN, NaN, missing);
    else if (prev > 0) {
      const v = scoreBands(b, cur - prev, prev, boundary);
      indicator(e, t, 2, v, v, cur, prev, missing);
    } else {
      // No base year revenue: growth is undefined, and the text gives no rule for it (see the note).
      missing.push(factPath(y - 1, F.mainBusinessRevenue));
      indicator(e, t, 2, 0, 20, cur, prev, missing);
    }
  }
  // ISME-DEBT (10): prior-year debt-to-asset ratio.
  {
    const b = C.debtBands(e).value;
    const missing: string[] = [];
    const debt = e.num(y, F.totalLiabilities, missing);
    const assets = e.num(y, F.totalAssets, missing);
    const v = debt === undefined || assets === undefined ? NaN : assets > 0 ? scoreBands(b, debt, assets, boundary) : 0;
    indicator(e, t, 3, v, v, debt ?? NaN, assets ?? NaN, missing);
  }

  // ---------- specialisation (30) ----------
  // ISME-FIELD (10): lead product in the strategic emerging industries catalogue: expert-judged.
  {
    const f = C.fieldPoints(e).value;
    const given = e.expert('isme.strategicField');
    if (given === undefined) {
      e.record(FIELD, 'manual_review', NaN);
      t.lo[4] = f.other;
      t.hi[4] = f.inList;
    } else {
      const v = given >= f.inList ? f.inList : f.other;
      e.record(FIELD, 'pass', v);
      t.lo[4] = v;
      t.hi[4] = v;
    }
  }
  // ISME-MAIN (20): main-business revenue ÷ operating revenue.
  {
    const b = C.mainShareBands(e).value;
    const missing: string[] = [];
    const main = e.num(y, F.mainBusinessRevenue, missing);
    const rev = e.num(y, F.revenue, missing);
    const v = main === undefined || rev === undefined ? NaN : rev > 0 ? scoreBands(b, main, rev, boundary) : 0;
    indicator(e, t, 5, v, v, main ?? NaN, rev ?? NaN, missing);
  }

  const dims = C.minDimension(e).value;
  const total = C.minTotal(e).value;
  let condVerdict: Verdict = dimension(e, t, INNOVATION, [0, 1], dims.innovation).verdict;
  condVerdict = both(condVerdict, dimension(e, t, GROWTH_DIM, [2, 3], dims.growth).verdict);
  condVerdict = both(condVerdict, dimension(e, t, SPECIALISATION, [4, 5], dims.specialisation).verdict);
  const tot = dimension(e, t, TOTAL, TOTAL_IDS, total);
  condVerdict = both(condVerdict, tot.verdict);
  const score = pointsOf(tot.n(0), tot.n(1));

  // ---------- direct routes ----------
  const aw = C.awardWindowYears(e).value;
  const mA: string[] = [];
  let award = false;
  const quals = e.doc.qualifications;
  const kinds = e.qualKinds;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 'st_award_national' && kinds[i] !== 'st_award_provincial') continue;
    const q = quals[i];
    if (!q.issuedOn) mA.push(`qualifications[${i}].issuedOn`);
    else if (within(q.issuedOn, e.asOf, aw)) award = true;
  }
  const d1 = award ? e.record(DR1, 'pass', 1, aw) : mA.length ? e.recordUnknown(DR1, mA, NaN, aw) : e.record(DR1, 'fail', 0, aw);
  const title = e.holds('hnte') ?? e.holds('tech_innovation_demo') ?? e.holds('ip_advantage');
  const d2 = title ? e.record(DR2, 'pass', 1, quals.indexOf(title)) : e.record(DR2, 'fail', 0);
  const inst = e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial');
  const d3 = inst ? e.record(DR3, 'pass', 1, inst.kind === 'rd_institution_national' ? 1 : 0) : e.record(DR3, 'fail', 0);
  const eq = C.equity(e).value;
  const mE: string[] = [];
  const eqYears = e.lastYears(eq.years);
  let eqSum = 0;
  for (const yr of eqYears) eqSum += e.num(yr, F.equityFinancing, mE) ?? 0;
  const first = eqYears.length ? eqYears[0] : NaN;
  const d4 = eqSum < eq.minFen && mE.length ? e.recordUnknown(DR4, mE, NaN, NaN, first) : e.record(DR4, eqSum >= eq.minFen ? 'pass' : 'fail', eqSum, eq.minFen, first);

  const directVerdict = anyOf([d1.verdict, d2.verdict, d3.verdict, d4.verdict]);
  const verdict = anyOf([condVerdict, directVerdict]);
  const route = verdict !== 'pass' ? null : directVerdict === 'pass' ? 'direct' : 'conditions';
  return { verdict, route, score } as const;
}

// ---------- 2026 ----------

const CRITERIA_2026: Spec = {
  id: 'ISME26-CRITERIA', citation: (r) => C.criteria2026(r.e).citation,
  label: { zh: '科技和创新型中小企业评价条件', en: 'Tech and innovative SME conditions' },
  read: () => ({ actual: null, unit: null, threshold: null }),
  note: { zh: '规则原文尚未取得：工信部企业〔2026〕2号 科技和创新型中小企业评价条件', en: 'Rule text not yet obtained: the tech and innovative SME evaluation conditions of 工信部企业〔2026〕2号' },
  gap: () => undefined,
  text: (_r, _label, citation) => ({
    zh: `自 2026-04-01 起，科技型中小企业与创新型中小企业合并为"科技和创新型中小企业"（${cite(citation)}，可信度 C）。其评价条件、指标和分数线的原文未获取，平台未编码任何门槛，无法判断；请以官方文件为准，由人工核定。`,
    en: `From 2026-04-01 tech-based and innovative SMEs merge into the "tech and innovative SME" tier (${citeEn(citation)}, confidence C). Its conditions, indicators and pass marks were not read and no threshold is encoded, so this cannot be decided; check against the official text.`,
  }),
};

/** ISME26-ONSITE's triggers, as bits of its first number. */
const FEW_STAFF = 1;
const NO_IP = 2;
const LITTLE_RD = 4;
const FIRST_TIME = 8;
/** The triggers that apply, in order, with the staff and R&D recorded. */
function onsiteHits(r: Recorded): [string, string][] {
  const trig = C.onsiteTriggers2026(r.e).value;
  const mask = r.n(0);
  const staff = r.n(1);
  const rd = r.n(2);
  const hits: [string, string][] = [];
  if (mask & FEW_STAFF) hits.push([`职工 ${staff} 人（≤ ${trig.maxStaff} 人）`, `${staff} employees (≤ ${trig.maxStaff})`]);
  if (mask & NO_IP) hits.push(['无知识产权', 'no IP']);
  if (mask & LITTLE_RD) hits.push([`研发费用 ${fmt.yuan(rd)}（< ${fmt.yuan(trig.minRdFen)}）`, `R&D ${fmt.yuan(rd)} (< ${fmt.yuan(trig.minRdFen)})`]);
  if (mask & FIRST_TIME) hits.push(['首次申报（无科技型或创新型中小企业记录）', 'first-time applicant (no tech or innovative SME record)']);
  return hits;
}
// On-site check triggers of the 2026 notice (single third-party source): review signals only.
// [triggers (bits), employees, R&D expense]
const ONSITE_2026: Spec = {
  id: 'ISME26-ONSITE', citation: (r) => C.onsiteTriggers2026(r.e).citation,
  label: { zh: '2026 年评价通知所列现场核查情形', en: 'On-site check triggers of the 2026 evaluation notice' },
  read(r) {
    const m = r.n(0);
    return { actual: (m & FEW_STAFF ? 1 : 0) + (m & NO_IP ? 1 : 0) + (m & LITTLE_RD ? 1 : 0) + (m & FIRST_TIME ? 1 : 0), unit: 'count', threshold: null };
  },
  gap: () => undefined,
  text(r, label, citation) {
    const hits = onsiteHits(r);
    return hits.length
      ? { zh: `${label.zh}：${hits.map((h) => h[0]).join('；')}，预计需现场核查（可信度 R，${cite(citation)}）。`, en: `${label.en}: ${hits.map((h) => h[1]).join('; ')}; an on-site check is likely (confidence R, ${citeEn(citation)}).` }
      : { zh: `${label.zh}：均不涉及（可信度 R，${cite(citation)}）。`, en: `${label.en}: none apply (confidence R, ${citeEn(citation)}).` };
  },
};

/** 2026: the merged tier. Only what criteria.md knows; everything else is an explicit unknown. */
function v2026(e: Evaluation) {
  const y = e.priorYear;
  C.criteria2026(e);
  e.record(CRITERIA_2026, 'unknown');

  const trig = C.onsiteTriggers2026(e).value;
  const missing: string[] = [];
  const staff = e.num(y, F.employees, missing);
  const rd = e.num(y, F.rdExpense, missing);
  const c1 = ipSum(e, y, CLASS_I, missing);
  const c2 = ipSum(e, y, CLASS_II, missing);
  const firstTime = !e.qualKinds.includes('tech_sme') && !e.qualKinds.includes('innovative_sme');
  let mask = 0;
  if (staff !== undefined && staff <= trig.maxStaff) mask |= FEW_STAFF;
  if (c1 !== undefined && c2 !== undefined && c1 + c2 === 0) mask |= NO_IP;
  if (rd !== undefined && rd < trig.minRdFen) mask |= LITTLE_RD;
  if (firstTime) mask |= FIRST_TIME;
  if (!mask && (missing.length || c1 === undefined || c2 === undefined)) e.recordUnknown(ONSITE_2026, missing);
  else e.record(ONSITE_2026, mask ? 'manual_review' : 'pass', mask, staff ?? NaN, rd ?? NaN);
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
