// 科技领军企业 (S&T leader enterprise): city-defined. The criteria are fixed here; their numbers
// come from versions the bureau sets (parameters/tech_leader.ts), each in force from its
// effective date until the next one, so the version is chosen by the evaluation date like any
// other ruleset. Results of the built-in example version say on every criterion that the
// values are examples.
import { LEADER_EXAMPLE, type LeaderVersion } from '../parameters/tech_leader.ts';
import { allOf, compareSpec, conditionSpec, Evaluation, fmt, ratioSpec, type Recorded, type Ruleset, type RulesetVersion, type Spec, F } from '../engine.ts';
import type { Bilingual, Citation } from '../types.ts';

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

/** A version's parameter records, citation and criterion specs, made once per version (not per organisation). */
const specsOf = new WeakMap<LeaderVersion, ReturnType<typeof makeSpecs>>();
function specs(v: LeaderVersion) {
  let r = specsOf.get(v);
  if (r === undefined) {
    r = makeSpecs(v);
    specsOf.set(v, r);
  }
  return r;
}

function makeSpecs(v: LeaderVersion) {
  const p = v.params;
  const citation = leaderCitation(v);
  const params = Object.entries(p).map(([k, value]) => [`tech_leader.${k}`, { value, citation }] as const);
  // Criteria of the built-in example version say so in their note.
  const noted = (spec: Spec): Spec => (v.example ? { ...spec, note: EXAMPLE_NOTE } : spec);
  const institution = (r: Recorded) => r.e.holds('rd_institution_national') ?? r.e.holds('rd_institution_provincial');
  return {
    citation, params,
    hnte: noted(conditionSpec({
      id: 'TL-01', citation, label: { zh: '持有有效的国家高新技术企业证书', en: 'Holds a valid high and new technology enterprise certificate' },
      yes: (r) => {
        const q = r.e.holds('hnte');
        return { zh: `证书${q?.certificateNo ? ` ${q.certificateNo}` : ''}有效至 ${q?.expiresOn ?? '—'}`, en: `certificate${q?.certificateNo ? ` ${q.certificateNo}` : ''} valid until ${q?.expiresOn ?? '—'}` };
      },
      no: (r) => ({ zh: `${r.e.asOf} 无有效证书`, en: `no valid certificate on ${r.e.asOf}` }),
      gap: { effort: 5, text: { zh: '先通过国家高新技术企业认定', en: 'First be recognised as a high and new technology enterprise' } },
    })),
    revenue: noted(compareSpec({
      id: 'TL-02', citation, label: (r) => ({ zh: `${r.e.priorYear} 年营业收入`, en: `Operating revenue in ${r.e.priorYear}` }), op: '>=', show: 'fen',
      gap: { effort: (x, min) => (min - x) / Math.max(x, 1), text: (x, min) => ({ zh: `营业收入需再增加 ${fmt.yuanUp(min - x)}`, en: `Revenue must rise by ${fmt.yuanUp(min - x)}` }) },
    })),
    rd: noted(compareSpec({
      id: 'TL-03', citation, label: (r) => ({ zh: `${r.e.priorYear} 年研发费用`, en: `R&D expense in ${r.e.priorYear}` }), op: '>=', show: 'fen',
      gap: { effort: (x, min) => (min - x) / Math.max(x, 1), text: (x, min) => ({ zh: `研发费用需再增加 ${fmt.yuanUp(min - x)}`, en: `R&D expense must rise by ${fmt.yuanUp(min - x)}` }) },
    })),
    intensity: noted(ratioSpec({
      id: 'TL-04', citation, label: (r) => ({ zh: `${r.e.priorYear} 年研发费用占营业收入比例`, en: `R&D expense over revenue in ${r.e.priorYear}` }),
      gap: {
        effort: (n, d, min) => (Math.ceil((min * d) / 10_000) - n) / Math.max(n, 1),
        text: (n, d, min) => {
          const need = Math.ceil((min * d) / 10_000) - n;
          return { zh: `研发费用需再增加 ${fmt.yuanUp(need)}（${fmt.pct(n / d)} → ${fmt.bp(min)}）`, en: `R&D expense must rise by ${fmt.yuanUp(need)} (${fmt.pct(n / d)} → ${fmt.bp(min)})` };
        },
      },
    })),
    patents: noted(compareSpec({
      id: 'TL-05', citation, label: (r) => ({ zh: `${r.e.priorYear} 年末有效发明专利`, en: `Valid invention patents at the end of ${r.e.priorYear}` }), op: '>=', show: 'count',
      gap: { effort: (x, min) => (min - x) / 10, text: (x, min) => ({ zh: `还需 ${min - x} 件发明专利`, en: `${min - x} more invention patents` }) },
    })),
    institution: noted(conditionSpec({
      id: 'TL-06', citation, label: { zh: '拥有省级以上研发机构', en: 'Has a provincial or national R&D institution' },
      yes: (r) => (institution(r)?.kind === 'rd_institution_national' ? { zh: '国家级研发机构', en: 'a national R&D institution' } : { zh: '省级研发机构', en: 'a provincial R&D institution' }),
      no: (r) => ({ zh: `${r.e.asOf} 无有效的省级以上研发机构认定`, en: `no provincial or national R&D institution on ${r.e.asOf}` }),
      gap: { effort: 4, text: { zh: '建设并通过省级以上研发机构认定', en: 'Set up a provincial or national R&D institution and have it recognised' } },
    })),
    incident: noted(conditionSpec({
      id: 'TL-07', citation, label: (r) => ({ zh: `${r.e.priorYear} 年无重大安全、质量事故或严重环境违法行为`, en: `No major accident or serious environmental violation in ${r.e.priorYear}` }),
      yes: { zh: '未发生', en: 'none' }, no: { zh: '发生过', en: 'one occurred' },
    })),
  };
}

function evaluateVersion(e: Evaluation, v: LeaderVersion, s: ReturnType<typeof specs>) {
  const p = v.params;
  e.useParams(s.params);
  const y = e.priorYear;

  if (p.requireHnte) {
    const held = e.holds('hnte') !== undefined;
    e.record(s.hnte, held ? 'pass' : 'fail', held ? 1 : 0);
  }

  const m02: string[] = [];
  e.compareTo(s.revenue, '>=', e.num(y, F.revenue, m02), p.minRevenue, m02);

  const m03: string[] = [];
  e.compareTo(s.rd, '>=', e.num(y, F.rdExpense, m03), p.minRdExpense, m03);

  const m04: string[] = [];
  e.ratioTo(s.intensity, e.num(y, F.rdExpense, m04), e.num(y, F.revenue, m04), p.minRdIntensityBp, m04);

  const m05: string[] = [];
  e.compareTo(s.patents, '>=', e.num(y, F.inventionPatents, m05), p.minInventionPatents, m05);

  if (p.requireRdInstitution) {
    const held = (e.holds('rd_institution_national') ?? e.holds('rd_institution_provincial')) !== undefined;
    e.record(s.institution, held ? 'pass' : 'fail', held ? 1 : 0);
  }

  const m07: string[] = [];
  const incident = e.flag(y, F.majorIncident, m07);
  if (incident === undefined) e.recordUnknown(s.incident, m07);
  else e.record(s.incident, incident ? 'fail' : 'pass', incident ? 0 : 1);

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
  const versions: RulesetVersion[] = all.map((v, i) => {
    const s = specs(v);
    return {
      version: v.example ? `example-${v.effectiveFrom}` : v.effectiveFrom,
      from: v.effectiveFrom,
      to: all[i + 1] ? dayBefore(all[i + 1].effectiveFrom) : undefined,
      evaluate: (e) => evaluateVersion(e, v, s),
    };
  });
  return { id: 'tech_leader', title: TECH_LEADER_TITLE, versions };
}

export const techLeaderRulesetDefault = techLeaderRuleset();
