// The variables a benefit condition or formula may name, and how they are computed for one
// organisation and fiscal year from the facts document and the tier results. Pure: the
// calculator, the auto-grant batch and the editor's test cases all go through this.
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import { FACT_KEY_SET, FLAG_FACT_KEYS, FLAG_FACTS, NUMERIC_FACT_KEYS, NUMERIC_FACTS, type FactKey } from '../registry/facts.ts';
import { QUALIFICATION_KINDS_DOC, type FactsDoc } from '../../rules/facts-doc.ts';
import type { RulesetResult } from '../../rules/types.ts';
import type { Bilingual } from '../../lib/i18n.ts';
import type { FactsProjection } from '../registry/registry.service.ts';

/** money = integer fen; ratio = 0.05 for 5 %; number = counts, persons, years, levels. */
export type VarType = 'money' | 'ratio' | 'number' | 'bool' | 'enum' | 'text';

export interface VarDef {
  name: string;
  type: VarType;
  label: Bilingual;
  /** Enum values. */
  values?: readonly string[];
  /** Smallest possible value (unsigned amounts and counts are ≥ 0). */
  min?: number;
  max?: number;
  group: 'org' | 'fy' | 'prev' | 'derived' | 'tier' | 'holds' | 'benefit';
}

export type VarValue = number | boolean | string | null;
export type Vars = Record<string, VarValue>;

const TIERS = ['hnte', 'tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant'] as const;
const TIER_LABEL: Record<(typeof TIERS)[number], Bilingual> = {
  hnte: { zh: '国家高新技术企业', en: 'high and new technology enterprise' },
  tech_sme: { zh: '科技型中小企业', en: 'technology-based SME' },
  innovative_sme: { zh: '创新型中小企业', en: 'innovative SME' },
  srdi_sme: { zh: '专精特新中小企业', en: 'SRDI SME' },
  little_giant: { zh: '专精特新"小巨人"企业', en: 'SRDI "little giant"' },
};
export const VERDICTS = ['pass', 'fail', 'unknown', 'manual_review'] as const;

function factVars(prefix: 'fy' | 'prev', yearZh: string, yearEn: string): VarDef[] {
  const out: VarDef[] = [];
  for (const k of NUMERIC_FACT_KEYS) {
    const f: { unit: string; signed?: boolean; zh: string; en: string } = NUMERIC_FACTS[k];
    const type: VarType = f.unit === 'fen' ? 'money' : 'number';
    out.push({
      name: `${prefix}.${k}`, type, group: prefix, min: f.signed ? undefined : f.unit === 'level' ? 1 : 0, max: f.unit === 'level' ? 4 : f.unit === 'bp' ? 10_000 : undefined,
      label: { zh: `${yearZh}${f.zh}`, en: `${f.en} (${yearEn})` },
    });
  }
  if (prefix === 'fy') {
    for (const k of FLAG_FACT_KEYS) out.push({ name: `fy.${k}`, type: 'bool', group: 'fy', label: { zh: `${yearZh}${FLAG_FACTS[k].zh}`, en: `${FLAG_FACTS[k].en} (${yearEn})` } });
  }
  return out;
}

const BASE_VARS: VarDef[] = [
  { name: 'org.kind', type: 'enum', group: 'org', values: ['enterprise', 'university', 'institute', 'platform_operator', 'fund_manager', 'village_collective'], label: { zh: '组织类型', en: 'Organisation kind' } },
  { name: 'org.district', type: 'enum', group: 'org', values: DISTRICTS, label: { zh: '所属区', en: 'District' } },
  { name: 'org.industryCode', type: 'text', group: 'org', label: { zh: '行业代码（GB/T 4754-2017）', en: 'Industry code (GB/T 4754-2017)' } },
  { name: 'org.industrySection', type: 'text', group: 'org', label: { zh: '行业门类（字母）', en: 'Industry section (letter)' } },
  { name: 'org.industryDivision', type: 'text', group: 'org', label: { zh: '行业大类（两位代码）', en: 'Industry division (two digits)' } },
  { name: 'org.ageYears', type: 'number', group: 'org', min: 0, label: { zh: '成立年限（年，截至财年末）', en: 'Years since registration (at fiscal year end)' } },
  ...factVars('fy', '当年', 'fiscal year'),
  ...factVars('prev', '上年', 'previous year'),
  { name: 'fy.rdIntensity', type: 'ratio', group: 'derived', min: 0, label: { zh: '当年研发费用占营业收入比例', en: 'R&D expense ÷ revenue (fiscal year)' } },
  { name: 'fy.stStaffRatio', type: 'ratio', group: 'derived', min: 0, max: 1, label: { zh: '当年科技人员占职工总数比例', en: 'S&T staff ÷ employees (fiscal year)' } },
  { name: 'fy.rdIncrease', type: 'money', group: 'derived', label: { zh: '研发费用比上年增加额', en: 'R&D expense increase over the previous year' } },
  { name: 'fy.rdIncreasePositive', type: 'money', group: 'derived', min: 0, label: { zh: '研发费用比上年增加额（下降时为 0）', en: 'R&D expense increase over the previous year (0 if it fell)' } },
  { name: 'fy.revenueGrowth', type: 'ratio', group: 'derived', label: { zh: '营业收入增长率', en: 'Revenue growth' } },
  ...TIERS.map((t): VarDef => ({ name: `tier.${t}`, type: 'enum', group: 'tier', values: VERDICTS, label: { zh: `${TIER_LABEL[t].zh}认定条件评价结果`, en: `Result against the ${TIER_LABEL[t].en} criteria` } })),
  ...QUALIFICATION_KINDS_DOC.map((q): VarDef => ({ name: `holds.${q}`, type: 'bool', group: 'holds', label: { zh: `财年内持有资质：${q}`, en: `Held during the fiscal year: ${q}` } })),
];

const BY_NAME = new Map(BASE_VARS.map((v) => [v.name, v]));

/** The catalogue, plus `benefit.<code>` (eligible: true/false) for the given benefit codes. */
export function variableCatalogue(benefitCodes: readonly string[] = []): Map<string, VarDef> {
  const map = new Map(BY_NAME);
  for (const code of benefitCodes) {
    map.set(`benefit.${code}`, { name: `benefit.${code}`, type: 'bool', group: 'benefit', label: { zh: `符合政策事项 ${code}`, en: `Eligible for benefit ${code}` } });
  }
  return map;
}

export const BASE_VARIABLES: readonly VarDef[] = BASE_VARS;

/** The fiscal year a date's evaluation looks at: the last complete one (as the rules engine does). */
export const fiscalYearOf = (asOf: string) => Number(asOf.slice(0, 4)) - 1;

/** Whether a qualification was held during any part of the fiscal year. */
export function heldDuring(doc: FactsDoc, kind: string, year: number): boolean {
  // A plain loop: batches call this for 100,000 organisations, most of whom hold nothing.
  for (const q of doc.qualifications) {
    if (q.kind === kind && (!q.issuedOn || q.issuedOn <= `${year}-12-31`) && (!q.expiresOn || q.expiresOn >= `${year}-01-01`)) return true;
  }
  return false;
}

function section(code: string | null | undefined): string | null {
  if (!code) return null;
  const m = /^([A-Za-z])?(\d{2})/.exec(code.trim());
  if (!m) return null;
  if (m[1]) return m[1].toUpperCase();
  return sectionOfDivision(Number(m[2]));
}

/** GB/T 4754-2017 divisions → section letter. */
export function sectionOfDivision(d: number): string | null {
  const ranges: [number, number, string][] = [
    [1, 5, 'A'], [6, 12, 'B'], [13, 43, 'C'], [44, 46, 'D'], [47, 50, 'E'], [51, 52, 'F'], [53, 60, 'G'], [61, 62, 'H'],
    [63, 65, 'I'], [66, 69, 'J'], [70, 70, 'K'], [71, 72, 'L'], [73, 75, 'M'], [76, 79, 'N'], [80, 82, 'O'], [83, 83, 'P'],
    [84, 85, 'Q'], [86, 90, 'R'], [91, 96, 'S'], [97, 97, 'T'],
  ];
  return ranges.find(([a, b]) => d >= a && d <= b)?.[2] ?? null;
}

/** What a variable is computed from: one organisation's facts document for a fiscal year. */
interface VarSource {
  doc: FactsDoc;
  fy: FactsDoc['years'][number] | undefined;
  prev: FactsDoc['years'][number] | undefined;
  year: number;
  district: string | null;
  tiers: RulesetResult[];
}

const num = (x: unknown) => (typeof x === 'number' ? x : null);
const fact = (y: VarSource['fy'], k: string) => ((y as Record<string, VarValue> | undefined)?.[k] ?? null);

/**
 * Each variable's computation, in catalogue order. Missing facts are null (the condition then
 * reads "unknown"); tier results come from the rules engine. A batch computes only the
 * variables its benefits read, for 100,000 organisations: a table, not ~150 keys each time.
 */
const COMPUTE = new Map<string, (s: VarSource) => VarValue>([
  ['org.kind', (s) => s.doc.org.kind],
  ['org.district', (s) => s.district],
  ['org.industryCode', (s) => s.doc.org.industryCode ?? null],
  ['org.industrySection', (s) => section(s.doc.org.industryCode)],
  ['org.industryDivision', (s) => /^[A-Za-z]?(\d{2})/.exec(s.doc.org.industryCode ?? '')?.[1] ?? null],
  ['org.ageYears', (s) => (s.doc.org.registeredOn ? Math.max(0, s.year - Number(s.doc.org.registeredOn.slice(0, 4))) : null)],
  ...NUMERIC_FACT_KEYS.flatMap((k): [string, (s: VarSource) => VarValue][] => [[`fy.${k}`, (s) => fact(s.fy, k)], [`prev.${k}`, (s) => fact(s.prev, k)]]),
  ...FLAG_FACT_KEYS.map((k): [string, (s: VarSource) => VarValue] => [`fy.${k}`, (s) => fact(s.fy, k)]),
  ['fy.rdIntensity', (s) => {
    const rd = num(fact(s.fy, 'rdExpense'));
    const rev = num(fact(s.fy, 'revenue'));
    return rd !== null && rev !== null && rev > 0 ? rd / rev : null;
  }],
  ['fy.stStaffRatio', (s) => {
    const st = num(fact(s.fy, 'stStaff'));
    const emp = num(fact(s.fy, 'employees'));
    return st !== null && emp !== null && emp > 0 ? st / emp : null;
  }],
  ['fy.rdIncrease', (s) => {
    const rd = num(fact(s.fy, 'rdExpense'));
    const prevRd = num(fact(s.prev, 'rdExpense'));
    return rd !== null && prevRd !== null ? rd - prevRd : null;
  }],
  ['fy.rdIncreasePositive', (s) => {
    const rd = num(fact(s.fy, 'rdExpense'));
    const prevRd = num(fact(s.prev, 'rdExpense'));
    return rd !== null && prevRd !== null ? Math.max(0, rd - prevRd) : null;
  }],
  ['fy.revenueGrowth', (s) => {
    const rev = num(fact(s.fy, 'revenue'));
    const prevRev = num(fact(s.prev, 'revenue'));
    return rev !== null && prevRev !== null && prevRev > 0 ? rev / prevRev - 1 : null;
  }],
  ...TIERS.map((t): [string, (s: VarSource) => VarValue] => [`tier.${t}`, (s) => s.tiers.find((r) => r.ruleset === t)?.verdict ?? null]),
  ...QUALIFICATION_KINDS_DOC.map((q): [string, (s: VarSource) => VarValue] => [`holds.${q}`, (s) => heldDuring(s.doc, q, s.year)]),
]);

/** Every variable's value for one organisation and fiscal year, or only those named in `only` (names that are no variable are skipped). */
export function buildVariables(doc: FactsDoc, opts: { year: number; district?: string | null; tiers: RulesetResult[]; only?: Iterable<string> }): Vars {
  const s: VarSource = {
    doc, year: opts.year, district: opts.district ?? null, tiers: opts.tiers,
    fy: doc.years.find((y) => y.fiscalYear === opts.year), prev: doc.years.find((y) => y.fiscalYear === opts.year - 1),
  };
  const v: Vars = {};
  if (opts.only) {
    for (const name of opts.only) {
      const compute = COMPUTE.get(name);
      if (compute) v[name] = compute(s);
    }
  } else {
    for (const [name, compute] of COMPUTE) v[name] = compute(s);
  }
  return v;
}

/** Facts a derived variable reads, and whether it reads the previous year's too (see buildVariables). */
const DERIVED_FACTS: Record<string, { keys: FactKey[]; prev: boolean }> = {
  'fy.rdIntensity': { keys: ['rdExpense', 'revenue'], prev: false },
  'fy.stStaffRatio': { keys: ['stStaff', 'employees'], prev: false },
  'fy.rdIncrease': { keys: ['rdExpense'], prev: true },
  'fy.rdIncreasePositive': { keys: ['rdExpense'], prev: true },
  'fy.revenueGrowth': { keys: ['revenue'], prev: true },
};

/**
 * What the named variables read of an organisation for fiscal year `year` — years, fact keys
 * and qualification kinds; the organisation's own fields are always read — or null when one
 * of them is a tier result (a ruleset reads far more). Names that are not variables are
 * ignored. variables.test.ts checks, for every variable, that its value over this projection
 * equals its value over every fact.
 */
export function factsOfVariables(names: Iterable<string>, year: number): FactsProjection & { keys: FactKey[]; qualifications: string[] } | null {
  const keys = new Set<FactKey>();
  const prevKeys = new Set<FactKey>();
  const qualifications = new Set<string>();
  let prev = false;
  for (const name of names) {
    const dot = name.indexOf('.');
    const group = name.slice(0, dot);
    const rest = name.slice(dot + 1);
    if (group === 'tier') return null;
    if (group === 'holds') qualifications.add(rest);
    if (group !== 'fy' && group !== 'prev') continue;
    const derived = DERIVED_FACTS[name];
    if (derived) {
      for (const k of derived.keys) {
        keys.add(k);
        if (derived.prev) prevKeys.add(k);
      }
      prev ||= derived.prev;
    } else if (FACT_KEY_SET.has(rest)) {
      (group === 'prev' ? prevKeys : keys).add(rest as FactKey);
      prev ||= group === 'prev';
    }
  }
  return {
    years: prev ? [year - 1, year] : [year], keys: [...keys], qualifications: [...qualifications],
    ...(prev ? { keysOfYear: { [year - 1]: [...prevKeys] } } : {}),
  };
}

