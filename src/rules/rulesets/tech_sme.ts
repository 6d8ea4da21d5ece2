// 科技型中小企业评价 (国科发政〔2017〕115号; from 2022 the 指引 国科火字〔2022〕67号): conditions
// TSME-01..05, the 100-point score with the better of the two R&D options, and the direct routes.
// Versions: '2017' (the 办法 as written) and '2022' (the 指引's wording where criteria.md says it
// changed and the facts can show it: separate R&D accounting, and the 119号 excluded industries).
// Criteria are recorded as numbers against the static specs below (see "recorded criteria" in
// engine.ts); their sentences, thresholds and gaps are written when a result is read.
import { TECH_SME, type ExcludedIndustry, type PointBand } from '../parameters/tech_sme.ts';
import { atLeastPct, cite, citeEn, compareSpec, conditionSpec, Evaluation, expertSpec, fmt, lazyGap, minPoints, paramTable, Recorded, unique, type NumCol, type Ruleset, type RulesetVersion, type Spec, F, factPath, factName } from '../engine.ts';
import type { Bilingual, Points, Verdict } from '../types.ts';
import { CLASS_I, CLASS_II, ipTotal } from './hnte.ts';

const C = paramTable('tech_sme', TECH_SME);

/** Both must hold: fail first, then unknown, then manual review. */
export function both(a: Verdict, b: Verdict): Verdict {
  if (a === 'fail' || b === 'fail') return 'fail';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  if (a === 'manual_review' || b === 'manual_review') return 'manual_review';
  return 'pass';
}

/** Points of the first band whose inclusive lower bound num/den reaches (integer comparison). */
export function bandPoints(bands: PointBand[], num: number, den: number): number {
  for (let i = 0; i < bands.length; i++) if (num * 10_000 >= bands[i].minBp * den) return bands[i].points ?? 0;
  return 0;
}

/** The next band up from the current points, if any. */
function nextBand(bands: PointBand[], points: number): PointBand | undefined {
  for (let i = bands.length - 1; i >= 0; i--) if (bands[i].points > points) return bands[i];
  return undefined;
}

/** `issuedOn` within `years` years before `asOf` (inclusive of the same day `years` earlier). */
export function within(issuedOn: string, asOf: string, years: number) {
  const cutoff = `${String(Number(asOf.slice(0, 4)) - years).padStart(4, '0')}${asOf.slice(4)}`;
  return issuedOn >= cutoff && issuedOn <= asOf;
}

/** Division (first two digits) of a GB/T 4754 code, ignoring a leading section letter. */
export function industryDivision(code: string | null | undefined) {
  const m = /^[A-Za-z]?(\d{2})/.exec((code ?? '').trim());
  return m ? m[1] : undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `excludedAt`: the code has no division. */
const NO_DIVISION = -2;
/**
 * The index in `list` of the excluded industry whose division `code` is in, -1 if none, or
 * NO_DIVISION: `industryDivision` read by character codes, without a match or a string made.
 */
function excludedAt(code: string | null | undefined, list: readonly ExcludedIndustry[]): number {
  let d1: number;
  let d2: number;
  const c0 = code ? code.charCodeAt(0) : 0;
  if (code && (isDigit(c0) || isLetter(c0))) {
    const at = isLetter(c0) ? 1 : 0;
    d1 = code.charCodeAt(at);
    d2 = code.charCodeAt(at + 1);
    if (!isDigit(d1) || !isDigit(d2)) return NO_DIVISION;
  } else if (!code || (c0 > 32 && c0 < 127)) return NO_DIVISION; // empty, or a character `trim` keeps
  else {
    // Leading white space (rare): as industryDivision reads it.
    const div = industryDivision(code);
    if (div === undefined) return NO_DIVISION;
    d1 = div.charCodeAt(0);
    d2 = div.charCodeAt(1);
  }
  for (let i = 0; i < list.length; i++) {
    const p = list[i].prefix;
    if (p.length === 2 && p.charCodeAt(0) === d1 && p.charCodeAt(1) === d2) return i;
  }
  return -1;
}

const NO_MISSING: string[] = [];
const NO_INDUSTRY_CODE = ['org.industryCode'];
const COMPLIANCE = [F.majorIncident, F.researchMisconduct, F.abnormalOrDishonestList] as const;

// ---------- specs ----------

// [enterprise]
const T01 = conditionSpec({
  id: 'TSME-01', citation: { docNo: '国科发政〔2017〕115号', article: '第六条（一）在中国境内（不包括港、澳、台地区）注册的居民企业', confidence: 'V' },
  label: { zh: '在中国境内注册的居民企业', en: 'Resident enterprise registered in mainland China' },
  yes: { zh: '组织类型为企业', en: 'the organisation is an enterprise' },
  no: (r) => ({ zh: `组织类型为 ${r.e.doc.org.kind}，不是企业`, en: `the organisation is a ${r.e.doc.org.kind}, not an enterprise` }),
});
// [sub-ledger kept]
const T01b = conditionSpec({
  id: 'TSME-01b', citation: { docNo: '国科火字〔2022〕67号', article: '指引 条件（一）会计核算健全、实行查账征收、能够准确归集核算研发费用', confidence: 'V' },
  label: (r) => ({ zh: `${r.e.priorYear} 年能够单独归集核算研发费用（设置研发费用辅助账）`, en: `R&D expense accounted for separately in ${r.e.priorYear} (an R&D sub-ledger)` }),
  yes: { zh: '已设置研发费用辅助账（查账征收未在事实中记录，未核查）', en: 'an R&D sub-ledger is kept (whether tax is assessed on audited accounts is not in the facts and was not checked)' },
  no: { zh: '未设置研发费用辅助账', en: 'no R&D sub-ledger is kept' },
  gap: { effort: 0.2, text: { zh: '按要求设置研发费用辅助账，单独归集研发费用', en: 'Set up an R&D expense sub-ledger to account for R&D separately' } },
});
const T02a = compareSpec({
  id: 'TSME-02a', citation: (r) => C.maxEmployees(r.e).citation, op: '<=', show: 'persons',
  label: (r) => ({ zh: `${r.e.priorYear} 年职工总数`, en: `Employees in ${r.e.priorYear}` }),
});
const T02b = compareSpec({
  id: 'TSME-02b', citation: (r) => C.maxSales(r.e).citation, op: '<=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear} 年销售收入`, en: `Sales in ${r.e.priorYear}` }),
});
const T02c = compareSpec({
  id: 'TSME-02c', citation: (r) => C.maxTotalAssets(r.e).citation, op: '<=', show: 'fen',
  label: (r) => ({ zh: `${r.e.priorYear} 年末资产总额`, en: `Total assets at the end of ${r.e.priorYear}` }),
});
// 2017: [expert's 1 or 0, NaN when not given]; an expert item without points, failed by a 0.
const T03_EXPERT = expertSpec({
  id: 'TSME-03', key: 'tech_sme.productsNotRestricted', min: 0, max: 1,
  citation: { docNo: '国科发政〔2017〕115号', article: '第六条（三）企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类', confidence: 'V' },
  label: { zh: '产品和服务不属于国家规定的禁止、限制和淘汰类', en: 'Products and services not in the prohibited, restricted or phase-out lists' },
  hint: { zh: '对照《产业结构调整指导目录》判断，输入 1 表示不属于、0 表示属于', en: 'check against the industrial-structure catalogue; enter 1 if not listed, 0 if listed' },
});
const T03_2017: Spec = {
  ...T03_EXPERT,
  read(r) {
    const f = T03_EXPERT.read(r);
    return { actual: f.actual, unit: f.unit, threshold: f.threshold };
  },
};
// 2022: [not excluded, index of the excluded industry or -1]
const T03_2022 = conditionSpec({
  id: 'TSME-03', citation: (r) => C.excludedIndustries(r.e).citation,
  label: { zh: '所属行业不属于不适用研发费用加计扣除的行业', en: 'Industry not excluded from the R&D super-deduction' },
  yes: (r) => {
    const code = r.e.doc.org.industryCode;
    const div = industryDivision(code);
    return { zh: `行业代码 ${code}（GB/T 4754-2017 第 ${div} 大类）不在财税〔2015〕119号排除行业之列`, en: `industry code ${code} (GB/T 4754-2017 division ${div}) is not on the 财税〔2015〕119号 excluded list` };
  },
  no: (r) => {
    const code = r.e.doc.org.industryCode;
    const div = industryDivision(code);
    const hit = (C.excludedIndustries(r.e).value as ExcludedIndustry[])[r.n(1)];
    return { zh: `行业代码 ${code} 属于${hit?.zh}（第 ${div} 大类），为财税〔2015〕119号排除行业`, en: `industry code ${code} is ${hit?.en} (division ${div}), excluded by 财税〔2015〕119号` };
  },
});
/** TSME-04 in each wording: [none found, current year checked too, bit 3i+k: flag k of the i-th year found]. */
function complianceSpec(wording: '2017' | '2022'): Spec {
  const tail = wording === '2022' ? { zh: '；严重弄虚作假行为未在事实中记录，未核查', en: '; serious falsification is not in the facts and was not checked' } : { zh: '', en: '' };
  return conditionSpec({
    id: 'TSME-04',
    citation: { docNo: wording === '2022' ? '国科火字〔2022〕67号' : '国科发政〔2017〕115号', article: wording === '2022' ? '指引 条件（四）（增加严重弄虚作假行为）' : '第六条（四）', confidence: 'V' },
    label: (r) => ({ zh: `${r.e.priorYear} 年及当年无重大安全、质量事故和严重环境违法、科研严重失信行为，未列入经营异常名录和严重违法失信名单`, en: `No major accident, serious violation or research misconduct, and not on the abnormal-operation or dishonesty lists, in ${r.e.priorYear} and the current year` }),
    yes: (r) => {
      const y = r.e.priorYear;
      const both = r.n(1) === 1;
      return { zh: `未发生${both ? '' : `（${y + 1} 年尚无记录，只核查 ${y} 年）`}${tail.zh}`, en: `none${both ? '' : ` (no ${y + 1} record yet: ${y} checked only)`}${tail.en}` };
    },
    no: (r) => {
      const bad: string[] = [];
      const mask = r.n(2);
      for (let i = 0; i < 2; i++) for (let k = 0; k < COMPLIANCE.length; k++) if (mask & (1 << (i * 3 + k))) bad.push(`${r.e.priorYear + i}:${factName(COMPLIANCE[k])}`);
      return { zh: `存在：${bad.join('、')}`, en: `found: ${bad.join(', ')}` };
    },
  });
}
const T04_2017 = complianceSpec('2017');
const T04_2022 = complianceSpec('2022');

/** The gap sentence of the S&T staff score's next band (for TSME-S1 and TSME-05), if there is one. */
function staffGap(r: Recorded): (() => Bilingual) | undefined {
  if (r.asUnknown) return undefined;
  const st = r.n(0);
  const emp = r.n(1);
  const pts = r.n(2);
  const next = nextBand(C.staffBands(r.e).value, pts);
  if (!next || !(emp > 0)) return undefined;
  const need = Math.ceil((next.minBp * emp) / 10_000) - st;
  return () => ({ zh: `科技人员 ${fmt.pct(st / emp)} → ${fmt.bp(next.minBp)}：需再增加 ${need} 人（+${next.points - pts} 分）`, en: `S&T staff ${fmt.pct(st / emp)} → ${fmt.bp(next.minBp)}: ${need} more people (+${next.points - pts} points)` });
}
// [S&T staff, employees, points]
const S1: Spec = {
  id: 'TSME-S1',
  label: (r) => ({ zh: `${r.e.priorYear} 年科技人员占比得分`, en: `S&T staff share score, ${r.e.priorYear}` }),
  citation: (r) => C.staffBands(r.e).citation,
  read(r) {
    const st = r.n(0);
    const emp = r.n(1);
    const pts = r.n(2);
    const g = pts > 0 ? undefined : staffGap(r);
    return {
      actual: emp > 0 ? Math.round((st / emp) * 10_000) / 10_000 : null, unit: 'ratio', threshold: atLeastPct(C.staffBands(r.e).value.at(-1)!.minBp),
      points: { value: pts, min: pts, max: pts }, gap: g ? lazyGap(1, g) : undefined,
    };
  },
  text(r, _label, citation) {
    const y = r.e.priorYear;
    const st = r.n(0);
    const emp = r.n(1);
    const pts = r.n(2);
    return {
      zh: `${y} 年科技人员 ${fmt.int(st)} 人、职工 ${fmt.int(emp)} 人，占比 ${emp > 0 ? fmt.pct(st / emp) : '—'}，得 ${pts} 分（满分 20 分；该项为 0 分则不符合条件）（${cite(citation)}）。`,
      en: `${fmt.int(st)} S&T staff of ${fmt.int(emp)} employees in ${y} (${emp > 0 ? fmt.pct(st / emp) : '—'}): ${pts} of 20 points (0 here disqualifies) (${citeEn(citation)}).`,
    };
  },
};

/** The facts the R&D options lack (NaN: not given), as `years[…]` paths, each once. */
function rdMissing(y: number, rd: number, sales: number, cost: number): string[] {
  const m: string[] = [];
  if (rd !== rd) m.push(factPath(y, F.rdExpense));
  if (sales !== sales) m.push(factPath(y, F.revenue));
  if (cost !== cost) m.push(factPath(y, F.totalCostExpense));
  return m;
}
/** The R&D input points of options (a) and (b) (NaN: not computable): one unknown and below 50 makes a range. */
function rdPoints(a: number, b: number): Points {
  const best = Math.max(a === a ? a : 0, b === b ? b : 0);
  return (a !== a || b !== b) && best < 50 ? { min: best, max: 50 } : { value: best, min: best, max: best };
}
const pointsShown = (p: Points) => p.value ?? `${p.min}–${p.max}`;
/** The cheapest way up one R&D band, in yuan of extra R&D (for TSME-05), if there is one. */
function rdGap(r: Recorded): (() => Bilingual) | undefined {
  if (r.asUnknown) return undefined;
  const y = r.e.priorYear;
  const rd = r.n(0);
  const sales = r.n(1);
  const cost = r.n(2);
  const a = r.n(3);
  const b = r.n(4);
  const best = Math.max(a === a ? a : 0, b === b ? b : 0);
  const ups: { need: number; pts: number; minBp: number; onSales: boolean }[] = [];
  const na = a !== a ? undefined : nextBand(C.rdSalesBands(r.e).value, a);
  if (na && sales > 0) ups.push({ need: Math.ceil((na.minBp * sales) / 10_000) - rd, pts: na.points, minBp: na.minBp, onSales: true });
  const nb = b !== b ? undefined : nextBand(C.rdCostBands(r.e).value, b);
  // Raising R&D raises total cost too: (rd + x) / (cost + x) ≥ p  ⇒  x ≥ (p·cost − rd) / (1 − p).
  if (nb && cost > 0) ups.push({ need: Math.ceil((nb.minBp * cost - 10_000 * rd) / (10_000 - nb.minBp)), pts: nb.points, minBp: nb.minBp, onSales: false });
  const up = ups.filter((u) => u.pts > best).sort((p, q) => p.need - q.need)[0];
  if (!up) return undefined;
  return () => ({
    zh: `${y} 年研发费用需增加 ${fmt.yuanUp(up.need)}（${up.onSales ? `研发费用占销售收入 ${fmt.bp(up.minBp)}` : `研发费用占成本费用支出总额 ${fmt.bp(up.minBp)}`}，+${up.pts - best} 分）`,
    en: `R&D expense in ${y} must rise by ${fmt.yuanUp(up.need)} (${up.onSales ? `R&D at ${fmt.bp(up.minBp)} of sales` : `R&D at ${fmt.bp(up.minBp)} of total cost and expense`}, +${up.pts - best} points)`,
  });
}
// [R&D, sales, total cost and expense, option (a) points, option (b) points] (NaN: not given or not computable)
const S2: Spec = {
  id: 'TSME-S2',
  label: (r) => ({ zh: `${r.e.priorYear} 年研发投入得分`, en: `R&D input score, ${r.e.priorYear}` }),
  // The option that counts; (a) when neither is computable.
  citation: (r) => {
    const a = r.n(3);
    const b = r.n(4);
    return C[(a === a ? b !== b || a >= b : b !== b) ? 'rdSalesBands' : 'rdCostBands'](r.e).citation;
  },
  read(r) {
    const p = rdPoints(r.n(3), r.n(4));
    return { actual: pointsShown(p), unit: 'points', threshold: null, points: p };
  },
  text(r, _label, citation) {
    const y = r.e.priorYear;
    const rd = r.n(0);
    const sales = r.n(1);
    const cost = r.n(2);
    const a = r.n(3);
    const b = r.n(4);
    const shown = pointsShown(rdPoints(a, b));
    const mA = a === a ? NO_MISSING : rdMissing(y, rd, sales, 0);
    const mB = b === b ? NO_MISSING : rdMissing(y, rd, 0, cost);
    return {
      zh: `${y} 年研发投入：按销售收入计 ${a !== a ? `缺少 ${mA.join('、')}` : `${a} 分`}${a === a && sales > 0 ? `（${fmt.pct(rd / sales)}）` : ''}，按成本费用支出总额计 ${b !== b ? `缺少 ${mB.join('、')}` : `${b} 分`}${b === b && cost > 0 ? `（${fmt.pct(rd / cost)}）` : ''}，取高者 ${shown} 分（满分 50 分）（${cite(citation)}）。`,
      en: `R&D input in ${y}: ${a !== a ? `missing ${mA.join(', ')}` : `${a} points`} on sales${a === a && sales > 0 ? ` (${fmt.pct(rd / sales)})` : ''}, ${b !== b ? `missing ${mB.join(', ')}` : `${b} points`} on total cost and expense${b === b && cost > 0 ? ` (${fmt.pct(rd / cost)})` : ''}; the better counts: ${shown} of 50 (${citeEn(citation)}).`,
    };
  },
};

/** The IP points' range: a value, or where an unknown class could raise them, min to max. */
const ipPointsOf = (pts: number, maxPts: number): Points => (maxPts === pts ? { value: pts, min: pts, max: pts } : { min: pts, max: maxPts });
/** One more Class I item, or the next Class II band (for TSME-05), if the points are below the top. */
function ipGap(r: Recorded): (() => Bilingual) | undefined {
  if (r.asUnknown) return undefined;
  const p = C.ipPoints(r.e).value;
  const c2 = r.n(1) === r.n(1) ? r.n(1) : 0;
  const pts = r.n(2);
  if (!(pts < p.classI)) return undefined;
  return () => {
    const nextII = [...p.classII].reverse().find((x) => x.points > pts);
    return {
      zh: `再取得 1 项 I 类知识产权（如发明专利）（+${p.classI - pts} 分）${nextII ? `，或再取得 ${nextII.min - c2} 项 II 类知识产权（+${nextII.points - pts} 分）` : ''}`,
      en: `1 more Class I IP item, e.g. an invention patent (+${p.classI - pts} points)${nextII ? `, or ${nextII.min - c2} more Class II item(s) (+${nextII.points - pts} points)` : ''}`,
    };
  };
}
// [Class I items, Class II items (NaN: not known), points, the most points an unknown class could give]
const S3: Spec = {
  id: 'TSME-S3',
  label: (r) => ({ zh: `${r.e.priorYear} 年末知识产权得分`, en: `IP score at the end of ${r.e.priorYear}` }),
  citation: (r) => C.ipPoints(r.e).citation,
  read(r) {
    const p = ipPointsOf(r.n(2), r.n(3));
    return { actual: pointsShown(p), unit: 'points', threshold: null, points: p };
  },
  text(r, _label, citation) {
    const y = r.e.priorYear;
    const c1 = r.n(0);
    const c2 = r.n(1);
    const shown = pointsShown(ipPointsOf(r.n(2), r.n(3)));
    return {
      zh: `${y} 年末有效 I 类知识产权 ${c1 === c1 ? c1 : '未知'} 项、II 类 ${c2 === c2 ? c2 : '未知'} 项，得 ${shown} 分（满分 30 分；按与主营产品相关、无争议的数量近似）（${cite(citation)}）。`,
      en: `${c1 === c1 ? c1 : 'unknown'} Class I and ${c2 === c2 ? c2 : 'unknown'} Class II IP items at the end of ${y}: ${shown} of 30 points (all counted as related to the main products) (${citeEn(citation)}).`,
    };
  },
};

/** TSME-05's gap: the next step of each sub-score that has one, in the order S1, S2, S3. */
function scoreGap(r: Recorded, lo: number, min: number, staffZero: boolean) {
  const gaps: (() => Bilingual)[] = [];
  for (const id of ['TSME-S1', 'TSME-S2', 'TSME-S3']) {
    const c = r.sibling(id);
    if (!c) continue;
    const g = id === 'TSME-S1' ? staffGap(c) : id === 'TSME-S2' ? rdGap(c) : ipGap(c);
    if (g) gaps.push(g);
  }
  if (!gaps.length) return undefined;
  const short = Math.max(0, min - lo);
  return lazyGap(short / 10, () => {
    const texts = gaps.map((g) => g());
    return {
      zh: `还差 ${short} 分${staffZero ? '且科技人员指标不得为 0 分' : ''}：${texts.map((g) => g.zh).join('；')}`, en: `${short} points short${staffZero ? ' and the S&T staff score must not be 0' : ''}: ${texts.map((g) => g.en).join('; ')}`,
    };
  });
}
// [lowest score, highest score, pass mark, 1 if the S&T staff score is 0]
const T05: Spec = {
  id: 'TSME-05',
  label: { zh: '综合评价得分', en: 'Evaluation score' },
  citation: (r) => C.minScore(r.e).citation,
  read(r) {
    const lo = r.n(0);
    const hi = r.n(1);
    const min = r.n(2);
    return {
      actual: lo === hi ? `${lo}` : `${lo}–${hi}`, unit: 'points', threshold: minPoints(min), points: lo === hi ? { value: lo, min: lo, max: hi } : { min: lo, max: hi },
      gap: r.verdict === 'fail' ? scoreGap(r, lo, min, r.n(3) === 1) : undefined,
    };
  },
  text(r, _label, citation) {
    const lo = r.n(0);
    const hi = r.n(1);
    const min = r.n(2);
    const shown = lo === hi ? `${lo}` : `${lo}–${hi}`;
    const v = r.verdict;
    return {
      zh: `综合评价得分 ${shown} 分（科技人员、研发投入、科技成果），${v === 'pass' ? '达到' : v === 'fail' ? '未达到' : '缺少数据，无法确定能否达到'}不低于 ${min} 分且科技人员指标不为 0 分的要求（${cite(citation)}）。`,
      en: `Evaluation score ${shown} (S&T staff, R&D input, S&T results): ${v === 'pass' ? 'meets' : v === 'fail' ? 'does not meet' : 'data missing to decide'} the ${min}-point mark with a non-zero S&T staff score (${citeEn(citation)}).`,
    };
  },
};

// [holds]
const D1 = conditionSpec({
  id: 'TSME-D1', citation: { docNo: '国科发政〔2017〕115号', article: '第七条（一）企业拥有有效期内高新技术企业资格证书', confidence: 'V' },
  label: { zh: '拥有有效期内的高新技术企业证书', en: 'Holds a valid high-tech enterprise certificate' },
  yes: (r) => {
    const q = r.e.holds('hnte');
    return { zh: `证书${q?.certificateNo ? ` ${q.certificateNo}` : ''}有效至 ${q?.expiresOn ?? '—'}`, en: `certificate${q?.certificateNo ? ` ${q.certificateNo}` : ''} valid until ${q?.expiresOn ?? '—'}` };
  },
  no: (r) => ({ zh: `${r.e.asOf} 无有效证书`, en: `none valid on ${r.e.asOf}` }),
});
// [holds, window in years, highest rank, 1 if any national award is listed]
const D2 = conditionSpec({
  id: 'TSME-D2', citation: (r) => C.awardWindowYears(r.e).citation,
  label: (r) => ({ zh: `近 ${r.n(1)} 年获国家级科技奖励且排名前 ${r.n(2)}`, en: `National S&T award in the last ${r.n(1)} years, ranked top ${r.n(2)}` }),
  yes: { zh: '有', en: 'yes' },
  no: (r) => (r.n(3) === 1 ? { zh: '获奖不在期限内或排名不符', en: 'no award within the window and rank' } : { zh: '无', en: 'none' }),
});
// [holds, 1 if national]
const D3 = conditionSpec({
  id: 'TSME-D3', citation: { docNo: '国科发政〔2017〕115号', article: '第七条（三）企业拥有经认定的省部级以上研发机构', confidence: 'V' },
  label: { zh: '拥有经认定的省部级以上研发机构', en: 'Recognised provincial-or-higher R&D institution' },
  yes: (r) => (r.n(1) === 1 ? { zh: '国家级', en: 'national' } : { zh: '省级', en: 'provincial' }), no: { zh: '无', en: 'none' },
});
// [holds, window in years]
const D4 = conditionSpec({
  id: 'TSME-D4', citation: (r) => C.standardWindowYears(r.e).citation,
  label: (r) => ({ zh: `近 ${r.n(1)} 年主导制定国际、国家或行业标准`, en: `Led an international, national or industry standard in the last ${r.n(1)} years` }),
  yes: { zh: '有（按各年"主导制定标准数"大于 0 近似）', en: 'yes (approximated by a non-zero standardsLed in a year of the window)' }, no: { zh: '无', en: 'none' },
});

// ---------- evaluation ----------

/** A prior-year amount at most `limit` (TSME-02). */
function atMost(e: Evaluation, spec: Spec, c: NumCol, limit: number): Verdict {
  const y = e.priorYear;
  const v = e.known(y, c);
  if (v === undefined) {
    const m: string[] = [];
    e.num(y, c, m);
    return e.recordUnknown(spec, m).verdict;
  }
  return e.compareTo(spec, '<=', v, limit, NO_MISSING).verdict;
}

function evaluate(e: Evaluation, wording: '2017' | '2022') {
  const y = e.priorYear;
  const doc = e.doc;

  // TSME-01: a resident enterprise.
  const enterprise = e.orgKind === 'enterprise';
  let base = e.record(T01, enterprise ? 'pass' : 'fail', enterprise ? 1 : 0).verdict;
  // TSME-01b (2022 指引): sound accounting able to account for R&D separately, read as an R&D sub-ledger.
  if (wording === '2022') {
    const ledger = e.knownFlag(y, F.rdSubLedger);
    if (ledger === undefined) {
      const m: string[] = [];
      e.flag(y, F.rdSubLedger, m);
      base = both(base, e.recordUnknown(T01b, m).verdict);
    } else base = both(base, e.record(T01b, ledger ? 'pass' : 'fail', ledger ? 1 : 0).verdict);
  }

  // TSME-02: staff ≤ 500, sales ≤ 200 M, total assets ≤ 200 M (prior fiscal year).
  base = both(base, atMost(e, T02a, F.employees, C.maxEmployees(e).value));
  base = both(base, atMost(e, T02b, F.revenue, C.maxSales(e).value));
  base = both(base, atMost(e, T02c, F.totalAssets, C.maxTotalAssets(e).value));

  // TSME-03: products not restricted (2017) / industry not excluded from the super-deduction (2022).
  if (wording === '2017') {
    const given = e.expert('tech_sme.productsNotRestricted');
    const value = given === undefined ? NaN : Math.max(0, Math.min(1, given));
    base = both(base, e.record(T03_2017, given === undefined ? 'manual_review' : value === 0 ? 'fail' : 'pass', value).verdict);
  } else {
    const hit = excludedAt(e.industryCode, C.excludedIndustries(e).value);
    base = both(base, (hit === NO_DIVISION ? e.recordUnknown(T03_2022, NO_INDUSTRY_CODE) : e.record(T03_2022, hit < 0 ? 'pass' : 'fail', hit < 0 ? 1 : 0, hit)).verdict);
  }

  // TSME-04: no accident, violation, misconduct or listing in the prior and current year.
  const strictNow = C.requireCurrentYearCompliance(e).value;
  const checkNow = strictNow || e.knownFlag(y + 1, COMPLIANCE[0]) !== undefined || e.knownFlag(y + 1, COMPLIANCE[1]) !== undefined || e.knownFlag(y + 1, COMPLIANCE[2]) !== undefined;
  const nYears = checkNow ? 2 : 1;
  let bad = 0;
  let complete = true;
  for (let i = 0; i < nYears; i++) {
    for (let k = 0; k < COMPLIANCE.length; k++) {
      const v = e.knownFlag(y + i, COMPLIANCE[k]);
      if (v === undefined) complete = false;
      else if (v) bad |= 1 << (i * 3 + k);
    }
  }
  const t04 = wording === '2022' ? T04_2022 : T04_2017;
  if (bad !== 0 || complete) base = both(base, e.record(t04, bad !== 0 ? 'fail' : 'pass', bad !== 0 ? 0 : 1, checkNow ? 1 : 0, bad).verdict);
  else {
    const m: string[] = [];
    for (let i = 0; i < nYears; i++) for (let k = 0; k < COMPLIANCE.length; k++) e.flag(y + i, COMPLIANCE[k], m);
    base = both(base, e.recordUnknown(t04, m).verdict);
  }

  // ---------- the score (TSME-05) ----------
  // S&T staff share (20).
  const st = e.known(y, F.stStaff);
  const emp = e.known(y, F.employees);
  const staffBands = C.staffBands(e).value;
  let staffPts = -1; // not known
  let s1: Recorded;
  if (st === undefined || emp === undefined) {
    const m: string[] = [];
    e.num(y, F.stStaff, m);
    e.num(y, F.employees, m);
    s1 = e.recordUnknown(S1, m);
  } else {
    staffPts = emp > 0 ? bandPoints(staffBands, st, emp) : 0;
    s1 = e.record(S1, staffPts > 0 ? 'pass' : 'fail', st, emp, staffPts);
  }

  // R&D input (50): the better of (a) R&D ÷ sales and (b) R&D ÷ total cost and expense.
  const rd = e.known(y, F.rdExpense);
  const sales = e.known(y, F.revenue);
  const cost = e.known(y, F.totalCostExpense);
  const aBands = C.rdSalesBands(e).value;
  const bBands = C.rdCostBands(e).value;
  const a = rd === undefined || sales === undefined ? NaN : sales > 0 ? bandPoints(aBands, rd, sales) : 0;
  const b = rd === undefined || cost === undefined ? NaN : cost > 0 ? bandPoints(bBands, rd, cost) : 0;
  let rdLo = 0;
  let rdHi = 50;
  let s2: Recorded;
  if (a !== a && b !== b) s2 = e.recordUnknown(S2, rdMissing(y, rd ?? NaN, sales ?? NaN, cost ?? NaN));
  else {
    const best = Math.max(a === a ? a : 0, b === b ? b : 0);
    // One option unknown: the other might still score higher, so the result is a range.
    const range = (a !== a || b !== b) && best < 50;
    rdLo = best;
    rdHi = range ? 50 : best;
    s2 = e.record(S2, range ? 'unknown' : 'pass', rd ?? NaN, sales ?? NaN, cost ?? NaN, a, b);
    if (range) s2.missingFacts = rdMissing(y, rd ?? NaN, sales ?? NaN, cost ?? NaN);
  }

  // S&T results (30): valid IP held at the end of the prior year.
  const c1 = ipTotal(e, y, CLASS_I) ?? NaN;
  const c2 = ipTotal(e, y, CLASS_II) ?? NaN;
  const ipP = C.ipPoints(e).value;
  let ipLo = 0;
  let ipHi = 30;
  let s3: Recorded;
  if (c1 !== c1 && c2 !== c2) s3 = e.recordUnknown(S3, [factPath(y, CLASS_I.cols[0]), factPath(y, CLASS_II.cols[0])]);
  else {
    const k1 = c1 === c1 ? c1 : 0;
    const k2 = c2 === c2 ? c2 : 0;
    let pts = 0;
    if (k1 >= 1) pts = ipP.classI;
    else for (const x of ipP.classII) if (k2 >= x.min) { pts = x.points; break; }
    // An unknown class could only raise the points: a range then.
    const maxPts = c1 !== c1 && pts < ipP.classI ? ipP.classI : c2 !== c2 && k1 < 1 ? Math.max(pts, ipP.classII[0].points) : pts;
    ipLo = pts;
    ipHi = maxPts;
    s3 = e.record(S3, maxPts === pts ? 'pass' : 'unknown', c1, c2, pts, maxPts);
    if (maxPts !== pts) s3.missingFacts = c1 !== c1 ? [factPath(y, CLASS_I.cols[0])] : [factPath(y, CLASS_II.cols[0])];
  }

  // TSME-05: score ≥ 60 and the S&T staff sub-score ≠ 0.
  const minScore = C.minScore(e).value;
  const lo = (staffPts < 0 ? 0 : staffPts) + rdLo + ipLo;
  const hi = (staffPts < 0 ? 20 : staffPts) + rdHi + ipHi;
  const staffZero = staffPts === 0;
  const verdict05: Verdict = staffZero || hi < minScore ? 'fail' : lo >= minScore && staffPts >= 0 ? 'pass' : 'unknown';
  const c05 = e.record(T05, verdict05, lo, hi, minScore, staffZero ? 1 : 0);
  if (verdict05 === 'unknown') c05.missingFacts = unique([...s1.missingFacts ?? NO_MISSING, ...s2.missingFacts ?? NO_MISSING, ...s3.missingFacts ?? NO_MISSING]);

  // ---------- direct routes (with TSME-01..04) ----------
  const hnte = e.holds('hnte');
  const d1 = e.record(D1, hnte ? 'pass' : 'fail', hnte ? 1 : 0).verdict;
  const win = C.awardWindowYears(e).value;
  const maxRank = C.awardMaxRank(e).value;
  const quals = doc.qualifications;
  const kinds = e.qualKinds;
  let awards = false;
  let awardOk = false;
  let mD2: string[] | undefined;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 'st_award_national') continue;
    const q = quals[i];
    awards = true;
    if (!q.issuedOn) (mD2 ??= []).push(`qualifications[${i}].issuedOn`);
    else if (!within(q.issuedOn, e.asOf, win)) continue;
    else if (q.rank == null) (mD2 ??= []).push(`qualifications[${i}].rank`);
    else if (q.rank <= maxRank) awardOk = true;
  }
  const d2 = (!awardOk && mD2 ? e.recordUnknown(D2, mD2, NaN, win, maxRank, awards ? 1 : 0) : e.record(D2, awardOk ? 'pass' : 'fail', awardOk ? 1 : 0, win, maxRank, awards ? 1 : 0)).verdict;
  const inst = e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial');
  const d3 = e.record(D3, inst ? 'pass' : 'fail', inst ? 1 : 0, inst?.kind === 'rd_institution_national' ? 1 : 0).verdict;
  const sw = C.standardWindowYears(e).value;
  const years = e.lastYears(sw);
  let led = false;
  let gap = false;
  for (let i = 0; i < years.length; i++) {
    const v = e.known(years[i], F.standardsLed);
    if (v === undefined) gap = true;
    else if (v > 0) led = true;
  }
  let d4: Verdict;
  if (!led && gap) {
    const m: string[] = [];
    for (let i = 0; i < years.length; i++) e.num(years[i], F.standardsLed, m);
    d4 = e.recordUnknown(D4, m, NaN, sw).verdict;
  } else d4 = e.record(D4, led ? 'pass' : 'fail', led ? 1 : 0, sw).verdict;

  const directVerdict = d1 === 'pass' || d2 === 'pass' || d3 === 'pass' || d4 === 'pass' ? 'pass'
    : d1 === 'unknown' || d2 === 'unknown' || d3 === 'unknown' || d4 === 'unknown' ? 'unknown' : 'fail';
  const routeVerdict: Verdict = verdict05 === 'pass' || directVerdict === 'pass' ? 'pass'
    : verdict05 === 'unknown' || directVerdict === 'unknown' ? 'unknown' : 'fail';
  const verdict = both(base, routeVerdict);
  const route = verdict !== 'pass' ? null : directVerdict === 'pass' ? 'direct' : 'conditions';
  const score: Points = lo === hi ? { value: lo, min: lo, max: hi } : { min: lo, max: hi };
  return { verdict, route, score } as const;
}

const v2017: RulesetVersion = { version: '2017', from: '2017-05-01', to: '2021-12-31', evaluate: (e) => evaluate(e, '2017') };
const v2022: RulesetVersion = { version: '2022', from: '2022-01-01', evaluate: (e) => evaluate(e, '2022') };

export const techSmeRuleset: Ruleset = {
  id: 'tech_sme',
  title: { zh: '科技型中小企业', en: 'Tech-based SME' },
  versions: [v2017, v2022],
};
