// 科技领军企业 (S&T leader enterprise): city-defined. The criteria are fixed here; their numbers
// come from versions the bureau sets (parameters/tech_leader.ts), each in force from its
// effective date until the next one, so the version is chosen by the evaluation date like any
// other ruleset. Results of the built-in example version say on every criterion that the
// values are examples.
import { LEADER_EXAMPLE, type LeaderVersion } from '../parameters/tech_leader.ts';
import { allOf, Evaluation, fmt, lazyGap, type Ruleset, type RulesetVersion, F } from '../engine.ts';
import type { Bilingual, Citation, CriterionResult } from '../types.ts';

export const TECH_LEADER_TITLE: Bilingual = { zh: '科技领军企业', en: 'S&T leader enterprise' };
const EXAMPLE_NOTE: Bilingual = { zh: '示例参数，由市科技局设定；不是正式认定标准', en: 'Example parameter, to be set by the bureau; not an official standard' };

/** The citation of a version: the bureau's document, or the example marker. */
export function leaderCitation(v: LeaderVersion): Citation {
  if (v.example) return { docNo: '示例参数（由市科技局设定）', en: 'example parameters (to be set by the bureau)', article: '', confidence: 'X' };
  return v.docNo
    ? { docNo: v.docNo, article: v.article ?? '', confidence: 'V' }
    : { docNo: `市科技局参数版本（${v.effectiveFrom} 起）`, en: `bureau parameter version from ${v.effectiveFrom}`, article: v.article ?? '', confidence: 'V' };
}

/** The day before an ISO date. */
function dayBefore(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Criteria of the built-in example version say so in their note. */
function markExample(c: CriterionResult) {
  c.note = EXAMPLE_NOTE;
  return c;
}
function unmarked(c: CriterionResult) {
  return c;
}

/** A version's parameter records and citation, made once per version (not per organisation). */
const recordsOf = new WeakMap<LeaderVersion, { citation: Citation; params: [string, { value: unknown; citation: Citation }][] }>();
function records(v: LeaderVersion) {
  let r = recordsOf.get(v);
  if (r === undefined) {
    const citation = leaderCitation(v);
    r = { citation, params: Object.entries(v.params).map(([k, value]) => [`tech_leader.${k}`, { value, citation }]) };
    recordsOf.set(v, r);
  }
  return r;
}

function evaluateVersion(e: Evaluation, v: LeaderVersion) {
  const p = v.params;
  const { citation, params } = records(v);
  for (const [name, record] of params) e.useParam(name, record);
  const y = e.priorYear;
  const marked = v.example ? markExample : unmarked;

  if (p.requireHnte) {
    const q = e.holds('hnte');
    marked(e.condition({
      id: 'TL-01', citation, label: { zh: '持有有效的国家高新技术企业证书', en: 'Holds a valid high and new technology enterprise certificate' },
      holds: q !== undefined, missing: [],
      yes: { zh: `证书${q?.certificateNo ? ` ${q.certificateNo}` : ''}有效至 ${q?.expiresOn ?? '—'}`, en: `certificate${q?.certificateNo ? ` ${q.certificateNo}` : ''} valid until ${q?.expiresOn ?? '—'}` },
      no: { zh: `${e.asOf} 无有效证书`, en: `no valid certificate on ${e.asOf}` },
      gap: lazyGap(5, () => ({ zh: '先通过国家高新技术企业认定', en: 'First be recognised as a high and new technology enterprise' })),
    }));
  }

  const m02: string[] = [];
  const revenue = e.num(y, F.revenue, m02);
  marked(e.compare({
    id: 'TL-02', citation, label: { zh: `${y} 年营业收入`, en: `Operating revenue in ${y}` },
    value: revenue, limit: p.minRevenue, op: '>=', missing: m02, show: 'fen',
  }, (r) => (lazyGap((p.minRevenue - r) / Math.max(r, 1), () => ({ zh: `营业收入需再增加 ${fmt.yuanUp(p.minRevenue - r)}`, en: `Revenue must rise by ${fmt.yuanUp(p.minRevenue - r)}` })))));

  const m03: string[] = [];
  const rd = e.num(y, F.rdExpense, m03);
  marked(e.compare({
    id: 'TL-03', citation, label: { zh: `${y} 年研发费用`, en: `R&D expense in ${y}` },
    value: rd, limit: p.minRdExpense, op: '>=', missing: m03, show: 'fen',
  }, (r) => (lazyGap((p.minRdExpense - r) / Math.max(r, 1), () => ({ zh: `研发费用需再增加 ${fmt.yuanUp(p.minRdExpense - r)}`, en: `R&D expense must rise by ${fmt.yuanUp(p.minRdExpense - r)}` })))));

  const m04: string[] = [];
  marked(e.ratioAtLeast({
    id: 'TL-04', citation, label: { zh: `${y} 年研发费用占营业收入比例`, en: `R&D expense over revenue in ${y}` },
    num: e.num(y, F.rdExpense, m04), den: e.num(y, F.revenue, m04), minBp: p.minRdIntensityBp, missing: m04,
  }, (n, d) => {
      const need = Math.ceil((p.minRdIntensityBp * d) / 10_000) - n;
      return lazyGap(need / Math.max(n, 1), () => ({ zh: `研发费用需再增加 ${fmt.yuanUp(need)}（${fmt.pct(n / d)} → ${fmt.bp(p.minRdIntensityBp)}）`, en: `R&D expense must rise by ${fmt.yuanUp(need)} (${fmt.pct(n / d)} → ${fmt.bp(p.minRdIntensityBp)})` }));
    }));

  const m05: string[] = [];
  marked(e.compare({
    id: 'TL-05', citation, label: { zh: `${y} 年末有效发明专利`, en: `Valid invention patents at the end of ${y}` },
    value: e.num(y, F.inventionPatents, m05), limit: p.minInventionPatents, op: '>=', missing: m05, show: 'count',
  }, (n) => (lazyGap((p.minInventionPatents - n) / 10, () => ({ zh: `还需 ${p.minInventionPatents - n} 件发明专利`, en: `${p.minInventionPatents - n} more invention patents` })))));

  if (p.requireRdInstitution) {
    const q = e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial');
    marked(e.condition({
      id: 'TL-06', citation, label: { zh: '拥有省级以上研发机构', en: 'Has a provincial or national R&D institution' },
      holds: q !== undefined, missing: [],
      yes: { zh: q?.kind === 'rd_institution_national' ? '国家级研发机构' : '省级研发机构', en: q?.kind === 'rd_institution_national' ? 'a national R&D institution' : 'a provincial R&D institution' },
      no: { zh: `${e.asOf} 无有效的省级以上研发机构认定`, en: `no provincial or national R&D institution on ${e.asOf}` },
      gap: lazyGap(4, () => ({ zh: '建设并通过省级以上研发机构认定', en: 'Set up a provincial or national R&D institution and have it recognised' })),
    }));
  }

  const m07: string[] = [];
  const incident = e.flag(y, F.majorIncident, m07);
  marked(e.condition({
    id: 'TL-07', citation, label: { zh: `${y} 年无重大安全、质量事故或严重环境违法行为`, en: `No major accident or serious environmental violation in ${y}` },
    holds: incident === undefined ? undefined : !incident, missing: m07,
    yes: { zh: '未发生', en: 'none' }, no: { zh: '发生过', en: 'one occurred' },
  }));

  const verdict = allOf(e.criteria);
  return { verdict, route: verdict === 'pass' ? ('conditions' as const) : null };
}

/**
 * The ruleset over the built-in example and the bureau's stored versions (a stored version on
 * the example's date replaces it). Each version runs until the day before the next one starts.
 */
export function techLeaderRuleset(stored: readonly LeaderVersion[] = []): Ruleset {
  const byDate = new Map<string, LeaderVersion>([[LEADER_EXAMPLE.effectiveFrom, LEADER_EXAMPLE]]);
  for (const v of stored) byDate.set(v.effectiveFrom, v);
  const all = [...byDate.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const versions: RulesetVersion[] = all.map((v, i) => ({
    version: v.example ? `example-${v.effectiveFrom}` : v.effectiveFrom,
    from: v.effectiveFrom,
    to: all[i + 1] ? dayBefore(all[i + 1].effectiveFrom) : undefined,
    evaluate: (e) => evaluateVersion(e, v),
  }));
  return { id: 'tech_leader', title: TECH_LEADER_TITLE, versions };
}

export const techLeaderRulesetDefault = techLeaderRuleset();
