// 科技型中小企业评价 (国科发政〔2017〕115号; from 2022 the 指引 国科火字〔2022〕67号): conditions
// TSME-01..05, the 100-point score with the better of the two R&D options, and the direct routes.
// Versions: '2017' (the 办法 as written) and '2022' (the 指引's wording where criteria.md says it
// changed and the facts can show it: separate R&D accounting, and the 119号 excluded industries).
import { TECH_SME, type ExcludedIndustry, type PointBand } from '../parameters/tech_sme.ts';
import { atLeastPct, cite, citeEn, Evaluation, fmt, lazyGap, minPoints, lazyCriterion, paramTable, unique, type Ruleset, type RulesetVersion, F, factName } from '../engine.ts';
import type { Bilingual, CriterionResult, Points, Verdict } from '../types.ts';
import { ipCounts } from './hnte.ts';

const C = paramTable('tech_sme', TECH_SME);

/** Both must hold: fail first, then unknown, then manual review. */
export function both(a: Verdict, b: Verdict): Verdict {
  for (const v of ['fail', 'unknown', 'manual_review'] as const) if (a === v || b === v) return v;
  return 'pass';
}

/** Points of the first band whose inclusive lower bound num/den reaches (integer comparison). */
export function bandPoints(bands: PointBand[], num: number, den: number): number {
  return bands.find((b) => num * 10_000 >= b.minBp * den)?.points ?? 0;
}

/** The next band up from the current points, if any. */
const nextBand = (bands: PointBand[], points: number) => [...bands].reverse().find((b) => b.points > points);

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

function evaluate(e: Evaluation, wording: '2017' | '2022') {
  const y = e.priorYear;
  const base: CriterionResult[] = [];

  // TSME-01: a resident enterprise.
  base.push(e.condition({
    id: 'TSME-01', citation: { docNo: '国科发政〔2017〕115号', article: '第六条（一）在中国境内（不包括港、澳、台地区）注册的居民企业', confidence: 'V' },
    label: { zh: '在中国境内注册的居民企业', en: 'Resident enterprise registered in mainland China' },
    holds: e.doc.org.kind === 'enterprise', missing: [],
    yes: { zh: '组织类型为企业', en: 'the organisation is an enterprise' },
    no: { zh: `组织类型为 ${e.doc.org.kind}，不是企业`, en: `the organisation is a ${e.doc.org.kind}, not an enterprise` },
  }));
  // TSME-01b (2022 指引): sound accounting able to account for R&D separately, read as an R&D sub-ledger.
  if (wording === '2022') {
    const m: string[] = [];
    const ledger = e.flag(y, F.rdSubLedger, m);
    base.push(e.condition({
      id: 'TSME-01b', citation: { docNo: '国科火字〔2022〕67号', article: '指引 条件（一）会计核算健全、实行查账征收、能够准确归集核算研发费用', confidence: 'V' },
      label: { zh: `${y} 年能够单独归集核算研发费用（设置研发费用辅助账）`, en: `R&D expense accounted for separately in ${y} (an R&D sub-ledger)` },
      holds: ledger, missing: m,
      yes: { zh: '已设置研发费用辅助账（查账征收未在事实中记录，未核查）', en: 'an R&D sub-ledger is kept (whether tax is assessed on audited accounts is not in the facts and was not checked)' },
      no: { zh: '未设置研发费用辅助账', en: 'no R&D sub-ledger is kept' },
      gap: lazyGap(0.2, () => ({ zh: '按要求设置研发费用辅助账，单独归集研发费用', en: 'Set up an R&D expense sub-ledger to account for R&D separately' })),
    }));
  }

  // TSME-02: staff ≤ 500, sales ≤ 200 M, total assets ≤ 200 M (prior fiscal year).
  const maxEmp = C(e, 'maxEmployees');
  const m02a: string[] = [];
  base.push(e.compare({
    id: 'TSME-02a', citation: maxEmp.citation, label: { zh: `${y} 年职工总数`, en: `Employees in ${y}` },
    value: e.num(y, F.employees, m02a), limit: maxEmp.value, op: '<=', missing: m02a, show: 'persons',
  }));
  const maxSales = C(e, 'maxSales');
  const m02b: string[] = [];
  base.push(e.compare({
    id: 'TSME-02b', citation: maxSales.citation, label: { zh: `${y} 年销售收入`, en: `Sales in ${y}` },
    value: e.num(y, F.revenue, m02b), limit: maxSales.value, op: '<=', missing: m02b, show: 'fen',
  }));
  const maxAssets = C(e, 'maxTotalAssets');
  const m02c: string[] = [];
  base.push(e.compare({
    id: 'TSME-02c', citation: maxAssets.citation, label: { zh: `${y} 年末资产总额`, en: `Total assets at the end of ${y}` },
    value: e.num(y, F.totalAssets, m02c), limit: maxAssets.value, op: '<=', missing: m02c, show: 'fen',
  }));

  // TSME-03: products not restricted (2017) / industry not excluded from the super-deduction (2022).
  if (wording === '2017') {
    const c = e.expert({
      id: 'TSME-03', key: 'tech_sme.productsNotRestricted', min: 0, max: 1,
      citation: { docNo: '国科发政〔2017〕115号', article: '第六条（三）企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类', confidence: 'V' },
      label: { zh: '产品和服务不属于国家规定的禁止、限制和淘汰类', en: 'Products and services not in the prohibited, restricted or phase-out lists' },
      hint: { zh: '对照《产业结构调整指导目录》判断，输入 1 表示不属于、0 表示属于', en: 'check against the industrial-structure catalogue; enter 1 if not listed, 0 if listed' },
    });
    delete c.points;
    if (c.verdict === 'pass' && c.actual === 0) c.verdict = 'fail';
    base.push(c);
  } else {
    const excl = C(e, 'excludedIndustries');
    const code = e.doc.org.industryCode;
    const div = industryDivision(code);
    const hit = div === undefined ? undefined : (excl.value as ExcludedIndustry[]).find((x) => x.prefix === div);
    base.push(e.condition({
      id: 'TSME-03', citation: excl.citation,
      label: { zh: '所属行业不属于不适用研发费用加计扣除的行业', en: 'Industry not excluded from the R&D super-deduction' },
      holds: div === undefined ? undefined : !hit, missing: div === undefined ? ['org.industryCode'] : [],
      yes: { zh: `行业代码 ${code}（GB/T 4754-2017 第 ${div} 大类）不在财税〔2015〕119号排除行业之列`, en: `industry code ${code} (GB/T 4754-2017 division ${div}) is not on the 财税〔2015〕119号 excluded list` },
      no: { zh: `行业代码 ${code} 属于${hit?.zh}（第 ${div} 大类），为财税〔2015〕119号排除行业`, en: `industry code ${code} is ${hit?.en} (division ${div}), excluded by 财税〔2015〕119号` },
    }));
  }

  // TSME-04: no accident, violation, misconduct or listing in the prior and current year.
  const strictNow = C(e, 'requireCurrentYearCompliance').value;
  const m04: string[] = [];
  const keys = [F.majorIncident, F.researchMisconduct, F.abnormalOrDishonestList];
  const bad: string[] = [];
  let complete = true;
  const nowRecorded = keys.some((k) => e.flag(y + 1, k, []) !== undefined);
  for (const yr of strictNow || nowRecorded ? [y, y + 1] : [y]) {
    for (const k of keys) {
      const v = e.flag(yr, k, m04);
      if (v === undefined) complete = false;
      else if (v) bad.push(`${yr}:${factName(k)}`);
    }
  }
  base.push(e.condition({
    id: 'TSME-04', citation: { docNo: wording === '2022' ? '国科火字〔2022〕67号' : '国科发政〔2017〕115号', article: wording === '2022' ? '指引 条件（四）（增加严重弄虚作假行为）' : '第六条（四）', confidence: 'V' },
    label: { zh: `${y} 年及当年无重大安全、质量事故和严重环境违法、科研严重失信行为，未列入经营异常名录和严重违法失信名单`, en: `No major accident, serious violation or research misconduct, and not on the abnormal-operation or dishonesty lists, in ${y} and the current year` },
    holds: bad.length ? false : complete ? true : undefined, missing: m04,
    yes: { zh: `未发生${nowRecorded || strictNow ? '' : `（${y + 1} 年尚无记录，只核查 ${y} 年）`}${wording === '2022' ? '；严重弄虚作假行为未在事实中记录，未核查' : ''}`, en: `none${nowRecorded || strictNow ? '' : ` (no ${y + 1} record yet: ${y} checked only)`}${wording === '2022' ? '; serious falsification is not in the facts and was not checked' : ''}` },
    no: { zh: `存在：${bad.join('、')}`, en: `found: ${bad.join(', ')}` },
  }));

  // ---------- the score (TSME-05) ----------
  // S&T staff share (20).
  const mS: string[] = [];
  const st = e.num(y, F.stStaff, mS);
  const emp = e.num(y, F.employees, mS);
  const staffBands = C(e, 'staffBands');
  let staffPts: Points | undefined;
  let staffGap: (() => Bilingual) | undefined;
  if (st === undefined || emp === undefined) e.unknown({ id: 'TSME-S1', citation: staffBands.citation, label: { zh: `${y} 年科技人员占比得分`, en: `S&T staff share score, ${y}` } }, mS);
  else {
    const pts = emp > 0 ? bandPoints(staffBands.value, st, emp) : 0;
    staffPts = { value: pts, min: pts, max: pts };
    const next = nextBand(staffBands.value, pts);
    if (next && emp > 0) {
      const need = Math.ceil((next.minBp * emp) / 10_000) - st;
      staffGap = () => ({ zh: `科技人员 ${fmt.pct(st / emp)} → ${fmt.bp(next.minBp)}：需再增加 ${need} 人（+${next.points - pts} 分）`, en: `S&T staff ${fmt.pct(st / emp)} → ${fmt.bp(next.minBp)}: ${need} more people (+${next.points - pts} points)` });
    }
    e.add(lazyCriterion({
      id: 'TSME-S1', verdict: pts > 0 ? 'pass' : 'fail', actual: emp > 0 ? Math.round((st / emp) * 10_000) / 10_000 : null, unit: 'ratio', threshold: atLeastPct(staffBands.value.at(-1)!.minBp),
      points: staffPts, missing: [], citation: staffBands.citation,
      gap: pts > 0 || !staffGap ? undefined : lazyGap(1, staffGap),
    }, () => ({
        zh: `${y} 年科技人员 ${fmt.int(st)} 人、职工 ${fmt.int(emp)} 人，占比 ${emp > 0 ? fmt.pct(st / emp) : '—'}，得 ${pts} 分（满分 20 分；该项为 0 分则不符合条件）（${cite(staffBands.citation)}）。`,
        en: `${fmt.int(st)} S&T staff of ${fmt.int(emp)} employees in ${y} (${emp > 0 ? fmt.pct(st / emp) : '—'}): ${pts} of 20 points (0 here disqualifies) (${citeEn(staffBands.citation)}).`,
      })));
  }

  // R&D input (50): the better of (a) R&D ÷ sales and (b) R&D ÷ total cost and expense.
  const mA: string[] = [];
  const mB: string[] = [];
  const rd = e.known(y, F.rdExpense);
  const sales = e.known(y, F.revenue);
  const cost = e.known(y, F.totalCostExpense);
  if (rd === undefined) mA.push(`years[${y}].rdExpense`), mB.push(`years[${y}].rdExpense`);
  if (sales === undefined) mA.push(`years[${y}].revenue`);
  if (cost === undefined) mB.push(`years[${y}].totalCostExpense`);
  const aBands = C(e, 'rdSalesBands');
  const bBands = C(e, 'rdCostBands');
  const a = mA.length ? undefined : sales! > 0 ? bandPoints(aBands.value, rd!, sales!) : 0;
  const b = mB.length ? undefined : cost! > 0 ? bandPoints(bBands.value, rd!, cost!) : 0;
  const rdCitation = a !== undefined && (b === undefined || a >= b) ? aBands.citation : bBands.citation;
  let rdPts: Points | undefined;
  let rdGap: (() => Bilingual) | undefined;
  if (a === undefined && b === undefined) e.unknown({ id: 'TSME-S2', citation: aBands.citation, label: { zh: `${y} 年研发投入得分`, en: `R&D input score, ${y}` } }, [...mA, ...mB]);
  else {
    const best = Math.max(a ?? 0, b ?? 0);
    // One option unknown: the other might still score higher, so the result is a range.
    rdPts = (a === undefined || b === undefined) && best < 50 ? { min: best, max: 50 } : { value: best, min: best, max: best };
    // The cheapest way up one band, in yuan of extra R&D.
    const ups: { need: number; pts: number; minBp: number; onSales: boolean }[] = [];
    const na = a === undefined ? undefined : nextBand(aBands.value, a);
    if (na && sales! > 0) ups.push({ need: Math.ceil((na.minBp * sales!) / 10_000) - rd!, pts: na.points, minBp: na.minBp, onSales: true });
    const nb = b === undefined ? undefined : nextBand(bBands.value, b);
    // Raising R&D raises total cost too: (rd + x) / (cost + x) ≥ p  ⇒  x ≥ (p·cost − rd) / (1 − p).
    if (nb && cost! > 0) ups.push({ need: Math.ceil((nb.minBp * cost! - 10_000 * rd!) / (10_000 - nb.minBp)), pts: nb.points, minBp: nb.minBp, onSales: false });
    const up = ups.filter((u) => u.pts > best).sort((p, q) => p.need - q.need)[0];
    if (up) {
      rdGap = () => ({
        zh: `${y} 年研发费用需增加 ${fmt.yuanUp(up.need)}（${up.onSales ? `研发费用占销售收入 ${fmt.bp(up.minBp)}` : `研发费用占成本费用支出总额 ${fmt.bp(up.minBp)}`}，+${up.pts - best} 分）`,
        en: `R&D expense in ${y} must rise by ${fmt.yuanUp(up.need)} (${up.onSales ? `R&D at ${fmt.bp(up.minBp)} of sales` : `R&D at ${fmt.bp(up.minBp)} of total cost and expense`}, +${up.pts - best} points)`,
      });
    }
    e.add(lazyCriterion({
      id: 'TSME-S2', verdict: rdPts.value === undefined ? 'unknown' : 'pass', actual: rdPts.value ?? `${rdPts.min}–${rdPts.max}`, unit: 'points', threshold: null, points: rdPts,
      missing: rdPts.value === undefined ? unique([...mA, ...mB]) : [], citation: rdCitation,
    }, () => ({
        zh: `${y} 年研发投入：按销售收入计 ${a === undefined ? `缺少 ${mA.join('、')}` : `${a} 分`}${a !== undefined && sales! > 0 ? `（${fmt.pct(rd! / sales!)}）` : ''}，按成本费用支出总额计 ${b === undefined ? `缺少 ${mB.join('、')}` : `${b} 分`}${b !== undefined && cost! > 0 ? `（${fmt.pct(rd! / cost!)}）` : ''}，取高者 ${rdPts!.value ?? `${rdPts!.min}–${rdPts!.max}`} 分（满分 50 分）（${cite(rdCitation)}）。`,
        en: `R&D input in ${y}: ${a === undefined ? `missing ${mA.join(', ')}` : `${a} points`} on sales${a !== undefined && sales! > 0 ? ` (${fmt.pct(rd! / sales!)})` : ''}, ${b === undefined ? `missing ${mB.join(', ')}` : `${b} points`} on total cost and expense${b !== undefined && cost! > 0 ? ` (${fmt.pct(rd! / cost!)})` : ''}; the better counts: ${rdPts!.value ?? `${rdPts!.min}–${rdPts!.max}`} of 50 (${citeEn(rdCitation)}).`,
      })));
  }

  // S&T results (30): valid IP held at the end of the prior year.
  const mI: string[] = [];
  const ip = ipCounts(e, y, mI);
  const ipP = C(e, 'ipPoints');
  let ipPts: Points | undefined;
  let ipGap: (() => Bilingual) | undefined;
  if (ip.classI === undefined && ip.classII === undefined) e.unknown({ id: 'TSME-S3', citation: ipP.citation, label: { zh: `${y} 年末知识产权得分`, en: `IP score at the end of ${y}` } }, mI);
  else {
    const c1 = ip.classI ?? 0;
    const c2 = ip.classII ?? 0;
    const pts = c1 >= 1 ? ipP.value.classI : ipP.value.classII.find((x) => c2 >= x.min)?.points ?? 0;
    // An unknown class could only raise the points: a range then.
    const maxPts = ip.classI === undefined && pts < ipP.value.classI ? ipP.value.classI : ip.classII === undefined && c1 < 1 ? Math.max(pts, ipP.value.classII[0].points) : pts;
    ipPts = maxPts === pts ? { value: pts, min: pts, max: pts } : { min: pts, max: maxPts };
    if (pts < ipP.value.classI) {
      ipGap = () => {
        const nextII = [...ipP.value.classII].reverse().find((x) => x.points > pts);
        return {
          zh: `再取得 1 项 I 类知识产权（如发明专利）（+${ipP.value.classI - pts} 分）${nextII ? `，或再取得 ${nextII.min - c2} 项 II 类知识产权（+${nextII.points - pts} 分）` : ''}`,
          en: `1 more Class I IP item, e.g. an invention patent (+${ipP.value.classI - pts} points)${nextII ? `, or ${nextII.min - c2} more Class II item(s) (+${nextII.points - pts} points)` : ''}`,
        };
      };
    }
    e.add(lazyCriterion({
      id: 'TSME-S3', verdict: ipPts.value === undefined ? 'unknown' : 'pass', actual: ipPts.value ?? `${ipPts.min}–${ipPts.max}`, unit: 'points', threshold: null, points: ipPts,
      missing: ipPts.value === undefined ? mI : [], citation: ipP.citation,
    }, () => ({
        zh: `${y} 年末有效 I 类知识产权 ${ip.classI ?? '未知'} 项、II 类 ${ip.classII ?? '未知'} 项，得 ${ipPts!.value ?? `${ipPts!.min}–${ipPts!.max}`} 分（满分 30 分；按与主营产品相关、无争议的数量近似）（${cite(ipP.citation)}）。`,
        en: `${ip.classI ?? 'unknown'} Class I and ${ip.classII ?? 'unknown'} Class II IP items at the end of ${y}: ${ipPts!.value ?? `${ipPts!.min}–${ipPts!.max}`} of 30 points (all counted as related to the main products) (${citeEn(ipP.citation)}).`,
      })));
  }

  // TSME-05: score ≥ 60 and the S&T staff sub-score ≠ 0.
  const minScore = C(e, 'minScore');
  const parts = [staffPts ?? { min: 0, max: 20 }, rdPts ?? { min: 0, max: 50 }, ipPts ?? { min: 0, max: 30 }];
  const lo = parts.reduce((s, p) => s + (p.value ?? p.min ?? 0), 0);
  const hi = parts.reduce((s, p) => s + (p.value ?? p.max ?? 0), 0);
  const staffZero = staffPts?.value === 0;
  const verdict05: Verdict = staffZero || hi < minScore.value ? 'fail' : lo >= minScore.value && staffPts ? 'pass' : 'unknown';
  const scoreMissing = verdict05 !== 'unknown' ? [] : [...new Set(e.criteria.filter((c) => ['TSME-S1', 'TSME-S2', 'TSME-S3'].includes(c.id)).flatMap((c) => c.missing))];
  const gaps = [staffGap, rdGap, ipGap].filter((g) => g !== undefined);
  const scoreText = lo === hi ? `${lo}` : `${lo}–${hi}`;
  const c05 = e.add(lazyCriterion({
    id: 'TSME-05', verdict: verdict05, actual: scoreText, unit: 'points', threshold: minPoints(minScore.value), points: lo === hi ? { value: lo, min: lo, max: hi } : { min: lo, max: hi },
    missing: scoreMissing, citation: minScore.citation,
    gap: verdict05 === 'fail' && gaps.length ? lazyGap(Math.max(0, minScore.value - lo) / 10, () => {
      const texts = gaps.map((g) => g());
      return {
        zh: `还差 ${Math.max(0, minScore.value - lo)} 分${staffZero ? '且科技人员指标不得为 0 分' : ''}：${texts.map((g) => g.zh).join('；')}`, en: `${Math.max(0, minScore.value - lo)} points short${staffZero ? ' and the S&T staff score must not be 0' : ''}: ${texts.map((g) => g.en).join('; ')}`,
      };
    }) : undefined,
  }, () => ({
      zh: `综合评价得分 ${scoreText} 分（科技人员、研发投入、科技成果），${verdict05 === 'pass' ? '达到' : verdict05 === 'fail' ? '未达到' : '缺少数据，无法确定能否达到'}不低于 ${minScore.value} 分且科技人员指标不为 0 分的要求（${cite(minScore.citation)}）。`,
      en: `Evaluation score ${scoreText} (S&T staff, R&D input, S&T results): ${verdict05 === 'pass' ? 'meets' : verdict05 === 'fail' ? 'does not meet' : 'data missing to decide'} the ${minScore.value}-point mark with a non-zero S&T staff score (${citeEn(minScore.citation)}).`,
    })));

  // ---------- direct routes (with TSME-01..04) ----------
  const direct: CriterionResult[] = [];
  const hnte = e.holds('hnte');
  direct.push(e.condition({
    id: 'TSME-D1', citation: { docNo: '国科发政〔2017〕115号', article: '第七条（一）企业拥有有效期内高新技术企业资格证书', confidence: 'V' },
    label: { zh: '拥有有效期内的高新技术企业证书', en: 'Holds a valid high-tech enterprise certificate' }, holds: !!hnte, missing: [],
    yes: { zh: `证书${hnte?.certificateNo ? ` ${hnte.certificateNo}` : ''}有效至 ${hnte?.expiresOn ?? '—'}`, en: `certificate${hnte?.certificateNo ? ` ${hnte.certificateNo}` : ''} valid until ${hnte?.expiresOn ?? '—'}` },
    no: { zh: `${e.asOf} 无有效证书`, en: `none valid on ${e.asOf}` },
  }));
  const win = C(e, 'awardWindowYears');
  const maxRank = C(e, 'awardMaxRank');
  const awards = e.doc.qualifications.filter((q) => q.kind === 'st_award_national');
  const mD2: string[] = [];
  let awardOk: boolean | undefined = false;
  for (const q of awards) {
    const at = e.doc.qualifications.indexOf(q);
    if (!q.issuedOn) mD2.push(`qualifications[${at}].issuedOn`);
    else if (!within(q.issuedOn, e.asOf, win.value)) continue;
    else if (q.rank == null) mD2.push(`qualifications[${at}].rank`);
    else if (q.rank <= maxRank.value) awardOk = true;
  }
  if (!awardOk && mD2.length) awardOk = undefined;
  direct.push(e.condition({
    id: 'TSME-D2', citation: win.citation, label: { zh: `近 ${win.value} 年获国家级科技奖励且排名前 ${maxRank.value}`, en: `National S&T award in the last ${win.value} years, ranked top ${maxRank.value}` },
    holds: awardOk, missing: mD2,
    yes: { zh: '有', en: 'yes' }, no: { zh: awards.length ? '获奖不在期限内或排名不符' : '无', en: awards.length ? 'no award within the window and rank' : 'none' },
  }));
  const inst = e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial');
  direct.push(e.condition({
    id: 'TSME-D3', citation: { docNo: '国科发政〔2017〕115号', article: '第七条（三）企业拥有经认定的省部级以上研发机构', confidence: 'V' },
    label: { zh: '拥有经认定的省部级以上研发机构', en: 'Recognised provincial-or-higher R&D institution' }, holds: !!inst, missing: [],
    yes: { zh: inst?.kind === 'rd_institution_national' ? '国家级' : '省级', en: inst?.kind === 'rd_institution_national' ? 'national' : 'provincial' }, no: { zh: '无', en: 'none' },
  }));
  const sw = C(e, 'standardWindowYears');
  const mD4: string[] = [];
  const led = e.lastYears(sw.value).map((yr) => e.num(yr, F.standardsLed, mD4));
  const ledOk = led.some((v) => (v ?? 0) > 0) ? true : led.some((v) => v === undefined) ? undefined : false;
  direct.push(e.condition({
    id: 'TSME-D4', citation: sw.citation, label: { zh: `近 ${sw.value} 年主导制定国际、国家或行业标准`, en: `Led an international, national or industry standard in the last ${sw.value} years` },
    holds: ledOk, missing: mD4,
    yes: { zh: '有（按各年"主导制定标准数"大于 0 近似）', en: 'yes (approximated by a non-zero standardsLed in a year of the window)' }, no: { zh: '无', en: 'none' },
  }));

  const baseVerdict = base.reduce<Verdict>((v, c) => both(v, c.verdict), 'pass');
  const directVerdict = direct.some((c) => c.verdict === 'pass') ? 'pass' : direct.some((c) => c.verdict === 'unknown') ? 'unknown' : 'fail';
  const routeVerdict: Verdict = c05.verdict === 'pass' || directVerdict === 'pass' ? 'pass'
    : c05.verdict === 'unknown' || directVerdict === 'unknown' ? 'unknown' : 'fail';
  const verdict = both(baseVerdict, routeVerdict);
  const route = verdict !== 'pass' ? null : directVerdict === 'pass' ? 'direct' : 'conditions';
  return { verdict, route, score: c05.points } as const;
}

const v2017: RulesetVersion = { version: '2017', from: '2017-05-01', to: '2021-12-31', evaluate: (e) => evaluate(e, '2017') };
const v2022: RulesetVersion = { version: '2022', from: '2022-01-01', evaluate: (e) => evaluate(e, '2022') };

export const techSmeRuleset: Ruleset = {
  id: 'tech_sme',
  title: { zh: '科技型中小企业', en: 'Tech-based SME' },
  versions: [v2017, v2022],
};
