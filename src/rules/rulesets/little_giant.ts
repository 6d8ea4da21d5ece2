// 专精特新"小巨人"认定 (little giant).
// 2022: 工信部企业〔2022〕63号 附件3 — six dimensions (专、精、特、新、链、品), all required; innovation
// by the general conditions (R&D by revenue band, R&D institution, ≥ 2 Class I IP) or a direct one.
// 2026: 工信部企业〔2026〕2号 — the seven conditions for new applications as criteria.md §3.4 states
// them; top-3 market rank, supply-chain position and the quality score are expert inputs.
import { LG, type RdBand } from '../parameters/little_giant.ts';
import { allOf, anyOf, Evaluation, fmt, lazyGap, paramTable, same, type Ruleset, F, type FlagCol } from '../engine.ts';
import type { CriterionResult } from '../types.ts';
import {
  avgGrowth, avgGrowthAtLeast, awardRoute, classICriterion, debtCriterion, eachYearRatio, expertAtLeast, expertYesNo,
  lastYearForGrowth, mainShareCriterion, put, segmentYearsCriterion,
} from './srdi_sme.ts';

const P = paramTable('little_giant', LG);
/** Years in the segment are counted "截至上年末" (附件3 一). */
const TO_PRIOR_YEAR_END = 'priorYearEnd' as const;
/** Market share in bp to two decimals: 999 bp is 9.99 %, not a rounded 10.0 %. */
const share2 = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
/** "≥ 10% 或前三" / "≥ 10% or top 3". */
const shareOrTop3 = (bp: number) => ({ zh: `≥ ${fmt.bp(bp)} 或前三`, en: `≥ ${fmt.bp(bp)} or top 3` });

/** A citation of annex 3 of the 2022 measures. */
function A3(article: string) {
  return { docNo: '工信部企业〔2022〕63号', article: `附件3 ${article}`, confidence: 'V' as const };
}

function flagCriterion(e: Evaluation, id: string, key: FlagCol, citation: CriterionResult['citation'], label: { zh: string; en: string }, gap: { zh: string; en: string }) {
  const m: string[] = [];
  const v = e.flag(e.priorYear, key, m);
  return e.condition({ id, citation, label, holds: v, missing: m, yes: { zh: '符合', en: 'yes' }, no: { zh: '不符合', en: 'no' }, gap: lazyGap(3, () => (gap)) });
}

/** Innovation general condition (1): R&D by the prior year's revenue band. */
function rdByBand(e: Evaluation): CriterionResult {
  const y = e.priorYear;
  const bandsP = P(e, 'rdBands');
  const inclusive = P(e, 'rdBandLowerBoundInclusive').value;
  const label = { zh: '研发投入（按上年度营业收入分档）', en: 'R&D input (by prior-year revenue band)' };
  const m: string[] = [];
  const rev = e.num(y, F.revenue, m);
  if (rev === undefined) return e.unknown({ id: 'LG-inn-rd', citation: bandsP.citation, label }, m);
  const band = (bandsP.value as RdBand[]).find((b) => b.minRevenue === 0 || (inclusive ? rev >= b.minRevenue : rev > b.minRevenue))!;
  if (band.minBp !== undefined) {
    return eachYearRatio(e, {
      id: 'LG-inn-rd', citation: bandsP.citation,
      label: { zh: `${y - 1}–${y} 年研发强度（${y} 年营业收入 ${fmt.wan(rev)}，适用每年 ${fmt.bp(band.minBp)}）`, en: `R&D intensity in ${y - 1}–${y} (revenue ${fmt.yuan(rev)} in ${y}: ${fmt.bp(band.minBp)} a year applies)` },
      years: [y - 1, y], num: F.rdExpense, den: F.revenue, minBp: band.minBp, what: { zh: '研发费用', en: 'R&D expense' },
    });
  }
  // Revenue under 50M: 2-year equity, 2-year R&D total and prior-year R&D staff share, all three.
  const mEq: string[] = [];
  const eq = e.compare({
    id: 'LG-inn-rd-equity', citation: bandsP.citation, label: { zh: `${y - 1}–${y} 年新增股权融资`, en: `Equity raised in ${y - 1}–${y}` },
    value: e.sum([y - 1, y], F.equityFinancing, mEq), limit: band.equity!, op: '>=', missing: mEq, show: 'fen',
  }, (v) => (lazyGap((band.equity! - v) / Math.max(v, 1), () => ({ zh: `近2年新增股权融资需增加 ${fmt.yuanUp(band.equity! - v)}`, en: `Equity raised over 2 years must rise by ${fmt.yuanUp(band.equity! - v)}` }))));
  const mRd: string[] = [];
  const rd = e.compare({
    id: 'LG-inn-rd-total', citation: bandsP.citation, label: { zh: `${y - 1}–${y} 年研发费用总额`, en: `R&D expense over ${y - 1}–${y}` },
    value: e.sum([y - 1, y], F.rdExpense, mRd), limit: band.rdTotal!, op: '>=', missing: mRd, show: 'fen',
  }, (v) => (lazyGap((band.rdTotal! - v) / Math.max(v, 1), () => ({ zh: `${y - 1}–${y} 年研发费用合计需增加 ${fmt.yuanUp(band.rdTotal! - v)}`, en: `R&D expense over ${y - 1}–${y} must rise by ${fmt.yuanUp(band.rdTotal! - v)}` }))));
  const mSt: string[] = [];
  const staff = e.ratioAtLeast({
    id: 'LG-inn-rd-staff', citation: bandsP.citation, label: { zh: `${y} 年研发人员占职工总数比重`, en: `R&D staff share in ${y}` },
    num: e.num(y, F.rdStaff, mSt), den: e.num(y, F.employees, mSt), minBp: band.rdStaffBp!, missing: mSt,
  }, (n, d) => {
      const need = Math.ceil((band.rdStaffBp! * d - 10_000 * n) / (10_000 - band.rdStaffBp!));
      return lazyGap(need / Math.max(d, 1), () => ({ zh: `研发人员 ${fmt.pct(n / d)} → ${fmt.bp(band.rdStaffBp!)}：需再招聘 ${need} 名研发人员`, en: `R&D staff ${fmt.pct(n / d)} → ${fmt.bp(band.rdStaffBp!)}: hire ${need} more R&D staff` }));
    });
  const subs = [eq, rd, staff];
  const v = allOf(subs);
  return put(e, {
    id: 'LG-inn-rd', citation: bandsP.citation, label, verdict: v, actual: rev, unit: 'fen', threshold: { zh: '营业收入 5000万元以下：三项同时满足', en: 'revenue under ¥50,000,000: all three must hold' },
    missing: subs.flatMap((s) => s.missing),
    gap: subs.find((s) => s.gap)?.gap,
  }, () => ({ zh: `${y} 年营业收入 ${fmt.wan(rev)}，低于 5000万元，须同时满足股权融资、研发费用总额、研发人员占比三项：${v === 'pass' ? '均满足' : v === 'fail' ? `未满足 ${subs.filter((s) => s.verdict === 'fail').map((s) => s.id).join('、')}` : '数据不全'}`, en: `revenue ${fmt.yuan(rev)} in ${y} is under 50M, so equity, 2-year R&D and R&D staff must all hold: ${v === 'pass' ? 'they do' : v === 'fail' ? `not met: ${subs.filter((s) => s.verdict === 'fail').map((s) => s.id).join(', ')}` : 'data incomplete'}` }));
}

export const littleGiantRuleset: Ruleset = {
  id: 'little_giant',
  title: { zh: '专精特新"小巨人"企业', en: 'SRDI "little giant" enterprise' },
  versions: [
    {
      version: '2022',
      from: '2022-08-01',
      to: '2026-03-31',
      evaluate(e) {
        const y = e.priorYear;

        // 专: ≥ 3 years in the segment; main-business share ≥ 70 %; 2-year average main growth ≥ 5 %.
        const spec1 = segmentYearsCriterion(e, 'LG-spec-years', P(e, 'minSegmentYears'), TO_PRIOR_YEAR_END);
        const spec2 = mainShareCriterion(e, 'LG-spec-main-share', y, P(e, 'minMainShareBp'));
        const g = P(e, 'minMainGrowthBp');
        const mG: string[] = [];
        const mv = [y - 2, y - 1, y].map((yr) => e.num(yr, F.mainBusinessRevenue, mG));
        const gLabel = { zh: `${y - 2}–${y} 年主营业务收入平均增长率`, en: `Average main-business growth over ${y - 2}–${y}` };
        let spec3: CriterionResult;
        if (mG.length) spec3 = e.unknown({ id: 'LG-spec-main-growth', citation: g.citation, label: gLabel }, mG);
        else {
          const v = mv as [number, number, number];
          const ok = avgGrowthAtLeast(v, g.value);
          spec3 = ok === undefined
            ? put(e, { id: 'LG-spec-main-growth', citation: g.citation, label: gLabel, verdict: 'fail', unit: 'ratio', threshold: same(`≥ ${fmt.bp(g.value)}`) }, () => ({ zh: '基期主营业务收入为零，无法计算增长率', en: 'base-year main-business revenue is zero, so growth cannot be computed' }))
            : put(e, {
              id: 'LG-spec-main-growth', citation: g.citation, label: gLabel, verdict: ok ? 'pass' : 'fail', actual: Math.round(avgGrowth(v) * 10_000) / 10_000, unit: 'ratio', threshold: same(`≥ ${fmt.bp(g.value)}`),
              gap: lazyGap(2, () => ({ zh: `${y} 年主营业务收入需增加 ${fmt.yuanUp(lastYearForGrowth(v, g.value) - v[2])}`, en: `Main-business revenue in ${y} must rise by ${fmt.yuanUp(lastYearForGrowth(v, g.value) - v[2])}` })),
            }, () => ({ zh: `为 ${fmt.pct(avgGrowth(v))}，${ok ? '符合' : '不符合'}不低于 ${fmt.bp(g.value)} 的要求`, en: `${fmt.pct(avgGrowth(v))}, ${ok ? 'meeting' : 'short of'} the required ${fmt.bp(g.value)}` }));
        }

        // 精: governance (expert), core process on IT, certification, debt ratio ≤ 70 %.
        const ref1 = expertYesNo(e, { id: 'LG-ref-governance', key: 'lg.governance', citation: A3('二、精细化指标：具有完善的公司治理'), label: { zh: '公司治理规范', en: 'Sound corporate governance' } });
        const ref2 = flagCriterion(e, 'LG-ref-it', F.coreProcessOnIt, A3('二、精细化指标：至少1项核心业务采用信息系统支撑'), { zh: `${y} 年核心业务采用信息系统支撑`, en: `Core business on an information system in ${y}` }, { zh: '至少 1 项核心业务流程上线信息系统', en: 'Put at least 1 core business process on an information system' });
        const ref3 = flagCriterion(e, 'LG-ref-cert', F.qualityCertified, A3('二、精细化指标：取得管理体系认证或发达国家和地区产品认证'), { zh: `${y} 年管理体系或发达国家产品认证`, en: `Management-system or developed-market certification in ${y}` }, { zh: '取得质量管理体系认证或发达国家和地区产品认证', en: 'Obtain a management-system or developed-market product certification' });
        const ref4 = debtCriterion(e, 'LG-ref-debt', y, P(e, 'maxDebtBp'));

        // 特: national market share ≥ 10 %; own brand.
        const ms = P(e, 'minMarketShareBp');
        const mMs: string[] = [];
        const char1 = e.compare({
          id: 'LG-char-share', citation: ms.citation, label: { zh: `${y} 年细分市场全国市场占有率`, en: `National market share in the segment, ${y}` },
          value: e.num(y, F.marketSharePct, mMs), limit: ms.value, op: '>=', missing: mMs, show: 'bp',
        }, (v) => (lazyGap(5, () => ({ zh: `市场占有率 ${share2(v)} → ${share2(ms.value)}：需再提高 ${share2(ms.value - v)}`, en: `Market share ${share2(v)} → ${share2(ms.value)}: ${share2(ms.value - v)} more` }))));
        const char2 = flagCriterion(e, 'LG-char-brand', F.ownBrand, A3('三、特色化指标：拥有直接面向市场并具有竞争优势的自主品牌'), { zh: `${y} 年拥有自主品牌`, en: `Own brand in ${y}` }, { zh: '建立直接面向市场的自主品牌', en: 'Build an own market-facing brand' });

        // 新: general conditions (all three) or one direct condition.
        const inn1 = rdByBand(e);
        const instKinds = ['rd_institution_national', 'rd_institution_provincial', 'rd_institution_municipal'];
        const inst = instKinds.find((k) => e.holds(k));
        const instCit = A3('四、创新能力指标（一）2. 自建或与高校、科研机构联合建立研发机构，设立研发机构、技术中心、工程中心、院士专家工作站、博士后工作站等');
        const inn2 = inst
          ? put(e, { id: 'LG-inn-inst', citation: instCit, label: { zh: '建立研发机构', en: 'Has an R&D institution' }, verdict: 'pass', actual: inst, unit: 'text' }, () => ({ zh: `持有 ${inst} 研发机构认定`, en: `holds a ${inst} R&D institution` }))
          : expertYesNo(e, { id: 'LG-inn-inst', key: 'lg.rdInstitution', citation: instCit, label: { zh: '建立研发机构', en: 'Has an R&D institution' }, hint: { zh: '未登记经认定的研发机构；未经认定的自建或联合机构也符合', en: 'no recognised institution recorded; an unrecognised own or joint one also counts' } });
        const minI = P(e, 'minClassI');
        const inn3 = classICriterion(e, { id: 'LG-inn-ip', citation: minI.citation, label: { zh: '与主导产品相关的 I 类知识产权', en: 'Class I IP related to the lead product' }, year: y, min: minI.value, excludeTransferred: false });
        const general = allOf([inn1, inn2, inn3]);
        const win = P(e, 'awardWindowYears');
        const rank = P(e, 'awardMaxRank');
        const aw = awardRoute(e, { st_award_national: rank.value }, win.value);
        const d1 = e.condition({ id: 'LG-inn-direct-award', citation: rank.citation, label: { zh: `直通条件：近3年国家级科技奖励前${rank.value}`, en: `Direct condition: national S&T award top ${rank.value} in 3 years` }, holds: aw.holds, missing: aw.missing, yes: aw.text, no: aw.text });
        const maker = P(e, 'directMakerChinaTop');
        const mk = e.doc.expert['lg.makerChinaTop50'];
        const d2 = e.condition({
          id: 'LG-inn-direct-maker', citation: maker.citation, label: { zh: `直通条件：近3年"创客中国"全国${maker.value}强`, en: `Direct condition: national top ${maker.value} of "Maker China" in 3 years` },
          holds: (mk ?? 0) >= 1, missing: [],
          yes: { zh: '已入围（专家输入 lg.makerChinaTop50）', en: 'listed (expert input lg.makerChinaTop50)' },
          no: { zh: mk === undefined ? '未录入（平台无此数据；如入围请录入专家输入 lg.makerChinaTop50 = 1）' : '未入围', en: mk === undefined ? 'not entered (no registry fact; if listed, set expert input lg.makerChinaTop50 = 1)' : 'not listed' },
        });
        const direct = anyOf([d1.verdict, d2.verdict]);
        const innV = anyOf([general, direct]);
        const innovation = put(e, {
          id: 'LG-innovation', citation: A3('四、创新能力指标（满足一般性条件或直通条件）'), label: { zh: '创新能力', en: 'Innovation' }, verdict: innV, unit: null,
          missing: innV === 'unknown' ? [inn1, inn2, inn3, d1].flatMap((c) => c.missing) : [],
          gap: [inn1, inn2, inn3].find((c) => c.gap)?.gap,
        }, () => (general === 'pass' ? { zh: '满足一般性条件（研发投入、研发机构、I 类知识产权）', en: 'the general conditions hold (R&D, institution, Class I IP)' }
            : direct === 'pass' ? { zh: '一般性条件未全部满足，但满足直通条件', en: 'the general conditions do not all hold, but a direct condition does' }
              : { zh: `一般性条件${general === 'fail' ? '未满足' : '待定'}，直通条件${direct === 'fail' ? '未满足' : '待定'}`, en: `general conditions ${general === 'fail' ? 'not met' : 'open'}, direct conditions ${direct === 'fail' ? 'not met' : 'open'}` }));

        // 链 and 品: expert judgement.
        const chain = expertYesNo(e, { id: 'LG-chain', key: 'lg.chainPosition', citation: A3('五、产业链配套指标：位于产业链关键环节'), label: { zh: '位于产业链关键环节，发挥补短板、锻长板、填空白作用', en: 'At a key link of the industrial chain' } });
        const product = expertYesNo(e, { id: 'LG-product', key: 'lg.productField', citation: A3('六、主导产品所属领域指标'), label: { zh: '主导产品属于核心基础零部件、关键软件、先进基础工艺、关键基础材料或制造强国、网络强国重点领域', en: 'Lead product in a core-foundation, manufacturing-power or network-power field' } });

        const verdict = allOf([spec1, spec2, spec3, ref1, ref2, ref3, ref4, char1, char2, innovation, chain, product]);
        return { verdict, route: verdict === 'pass' ? (general === 'pass' ? 'conditions' : 'direct') : null };
      },
    },
    {
      version: '2026',
      from: '2026-04-01',
      evaluate(e) {
        const y = e.priorYear;

        // (一) holds the 专精特新中小企业 title; ≥ 3 years in the segment.
        const t = P(e, 'requiredTitle');
        const c1a = e.condition({
          id: 'LG26-1-title', citation: t.citation, label: { zh: '已认定为专精特新中小企业', en: 'Holds the SRDI SME title' }, holds: Boolean(e.holds(t.value)), missing: [],
          yes: { zh: '持有有效称号', en: 'holds a valid title' }, no: { zh: '未持有有效的专精特新中小企业称号', en: 'holds no valid SRDI SME title' },
          gap: lazyGap(5, () => ({ zh: '先取得专精特新中小企业称号', en: 'First obtain the SRDI SME title' })),
        });
        const c1b = segmentYearsCriterion(e, 'LG26-1-years', P(e, 'minSegmentYears'), TO_PRIOR_YEAR_END);

        // (二) revenue ≥ 50M; main share ≥ 90 %; 2-year revenue CAGR ≥ 5 %; debt ≤ 75 %.
        const minRev = P(e, 'minRevenue');
        const mRev: string[] = [];
        const c2a = e.compare({
          id: 'LG26-2-revenue', citation: minRev.citation, label: { zh: `${y} 年营业收入`, en: `Operating revenue in ${y}` }, value: e.num(y, F.revenue, mRev), limit: minRev.value, op: '>=', missing: mRev, show: 'fen',
        }, (v) => (lazyGap((minRev.value - v) / Math.max(v, 1), () => ({ zh: `营业收入需增加 ${fmt.yuanUp(minRev.value - v)}`, en: `Revenue must rise by ${fmt.yuanUp(minRev.value - v)}` }))));
        const c2b = mainShareCriterion(e, 'LG26-2-main-share', y, P(e, 'minMainShareBp'));
        const cagr = P(e, 'minRevenueCagrBp');
        const mC: string[] = [];
        const r0 = e.num(y - 2, F.revenue, mC);
        const r2 = e.num(y, F.revenue, mC);
        const cLabel = { zh: `${y - 2}–${y} 年营业收入复合增长率`, en: `Revenue CAGR over ${y - 2}–${y}` };
        let c2c: CriterionResult;
        if (r0 === undefined || r2 === undefined) c2c = e.unknown({ id: 'LG26-2-cagr', citation: cagr.citation, label: cLabel }, mC);
        else if (r0 <= 0) c2c = put(e, { id: 'LG26-2-cagr', citation: cagr.citation, label: cLabel, verdict: 'fail', unit: 'ratio', threshold: same(`≥ ${fmt.bp(cagr.value)}`) }, () => ({ zh: `${y - 2} 年营业收入为零，无法计算增长率`, en: `revenue in ${y - 2} is zero, so growth cannot be computed` }));
        else {
          // (r2 / r0)^½ − 1 ≥ g  ⇔  r2 · 10⁸ ≥ r0 · (10⁴ + g)², exact in BigInt.
          const k = BigInt(10_000 + cagr.value) ** 2n;
          const ok = BigInt(r2) * 100_000_000n >= BigInt(r0) * k;
          const need = Number((BigInt(r0) * k + 99_999_999n) / 100_000_000n) - r2;
          const rate = Math.sqrt(r2 / r0) - 1;
          c2c = put(e, {
            id: 'LG26-2-cagr', citation: cagr.citation, label: cLabel, verdict: ok ? 'pass' : 'fail', actual: Math.round(rate * 10_000) / 10_000, unit: 'ratio', threshold: same(`≥ ${fmt.bp(cagr.value)}`),
            gap: lazyGap(need / Math.max(r2, 1), () => ({ zh: `${y} 年营业收入需增加 ${fmt.yuanUp(need)}`, en: `Revenue in ${y} must rise by ${fmt.yuanUp(need)}` })),
          }, () => ({ zh: `为 ${fmt.pct(rate)}，${ok ? '符合' : '不符合'}不低于 ${fmt.bp(cagr.value)} 的要求`, en: `${fmt.pct(rate)}, ${ok ? 'meeting' : 'short of'} the required ${fmt.bp(cagr.value)}` }));
        }
        const c2d = debtCriterion(e, 'LG26-2-debt', y, P(e, 'maxDebtBp'));

        // (三) R&D over 2 years ≥ 12M and ≥ 3 % each year.
        const rdMin = P(e, 'minRdTotal2y');
        const mRd: string[] = [];
        const c3a = e.compare({
          id: 'LG26-3-rd-total', citation: rdMin.citation, label: { zh: `${y - 1}–${y} 年研发费用总额`, en: `R&D expense over ${y - 1}–${y}` }, value: e.sum([y - 1, y], F.rdExpense, mRd), limit: rdMin.value, op: '>=', missing: mRd, show: 'fen',
        }, (v) => (lazyGap((rdMin.value - v) / Math.max(v, 1), () => ({ zh: `${y - 1}–${y} 年研发费用合计需增加 ${fmt.yuanUp(rdMin.value - v)}`, en: `R&D expense over ${y - 1}–${y} must rise by ${fmt.yuanUp(rdMin.value - v)}` }))));
        const minInt = P(e, 'minRdIntensityBp');
        const c3b = eachYearRatio(e, { id: 'LG26-3-intensity', citation: minInt.citation, label: { zh: `${y - 1}–${y} 年每年研发强度`, en: `R&D intensity in each of ${y - 1}–${y}` }, years: [y - 1, y], num: F.rdExpense, den: F.revenue, minBp: minInt.value, what: { zh: '研发费用', en: 'R&D expense' } });

        // (四) ≥ 4 Class I IP (not by transfer), or exempt by a national award top 3 in 3 years.
        const minI = P(e, 'minClassI');
        const aw = awardRoute(e, { st_award_national: P(e, 'awardMaxRank').value }, P(e, 'awardWindowYears').value);
        const c4 = classICriterion(e, { id: 'LG26-4-ip', citation: minI.citation, label: { zh: 'I 类知识产权（不含受让）', en: 'Class I IP (not by transfer)' }, year: y, min: minI.value, excludeTransferred: true, exemption: { holds: aw.holds, missing: aw.missing, text: aw.text } });

        // (五) market share ≥ 10 %, or top 3 domestically (expert input lg.marketTop3).
        const ms = P(e, 'minMarketShareBp');
        const mMs: string[] = [];
        const share = e.num(y, F.marketSharePct, mMs);
        const top3 = e.doc.expert['lg.marketTop3'];
        const msLabel = { zh: `${y} 年细分市场占有率（或国内排名前三）`, en: `Segment market share in ${y} (or top 3 domestically)` };
        const shown = share === undefined ? '未知' : share2(share);
        const shownEn = share === undefined ? 'unknown' : share2(share);
        const c5 = share !== undefined && share >= ms.value
          ? put(e, { id: 'LG26-5-market', citation: ms.citation, label: msLabel, verdict: 'pass', actual: share / 10_000, unit: 'ratio', threshold: same(`≥ ${fmt.bp(ms.value)}`) }, () => ({ zh: `市场占有率 ${shown}，达到 ${fmt.bp(ms.value)}`, en: `market share ${shownEn} reaches ${fmt.bp(ms.value)}` }))
          : top3 !== undefined
            ? put(e, { id: 'LG26-5-market', citation: ms.citation, label: msLabel, verdict: top3 >= 1 ? 'pass' : 'fail', actual: share === undefined ? null : share / 10_000, unit: 'ratio', threshold: shareOrTop3(ms.value), gap: lazyGap(5, () => ({ zh: `市场占有率需提高到 ${fmt.bp(ms.value)} 或进入国内前三`, en: `Raise market share to ${fmt.bp(ms.value)} or reach the domestic top 3` })) }, () => (top3 >= 1 ? { zh: `市场占有率 ${shown}，但国内排名前三（专家输入 lg.marketTop3）`, en: `market share ${shownEn}, but top 3 domestically (expert input lg.marketTop3)` } : { zh: `市场占有率 ${shown}，且国内排名不在前三（专家输入 lg.marketTop3）`, en: `market share ${shownEn} and not top 3 domestically (expert input lg.marketTop3)` }))
            : share === undefined
              ? e.unknown({ id: 'LG26-5-market', citation: ms.citation, label: msLabel }, mMs)
              : put(e, { id: 'LG26-5-market', citation: ms.citation, label: msLabel, verdict: 'manual_review', actual: share / 10_000, unit: 'ratio', threshold: shareOrTop3(ms.value) }, () => ({ zh: `全国市场占有率 ${shown} 未达 ${fmt.bp(ms.value)}；国际市场占有率或国内排名前三需人工核实（专家输入 lg.marketTop3）`, en: `national share ${shownEn} is under ${fmt.bp(ms.value)}; international share or a domestic top-3 rank needs manual review (expert input lg.marketTop3)` }));

        // (六) key supply-chain position; (七) quality evaluation ≥ 60.
        const c6 = expertYesNo(e, { id: 'LG26-6-chain', key: 'lg.chainPosition', citation: { docNo: '工信部企业〔2026〕2号', article: '"小巨人"申报条件（六）位于产业链供应链关键环节（产业基础、传统产业升级、新兴产业或未来产业领域）', confidence: 'C' }, label: { zh: '位于产业链供应链关键环节', en: 'Key supply-chain position' } });
        const q = P(e, 'minQualityScore');
        const c7 = expertAtLeast(e, { id: 'LG26-7-quality', key: 'srdi.qualityScore', min: q.value, citation: q.citation, label: { zh: '专精特新发展质量评价得分', en: 'SRDI development-quality evaluation score' } });

        const verdict = allOf([c1a, c1b, c2a, c2b, c2c, c2d, c3a, c3b, c4, c5, c6, c7]);
        return { verdict, route: verdict === 'pass' ? 'conditions' : null };
      },
    },
  ],
};
