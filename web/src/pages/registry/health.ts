// Shapes of the rules API (GET /api/orgs/:uscc/assessment, POST /api/rules/evaluate), mirrored
// from src/rules/types.ts and src/rules/gaps.ts, and the helpers that turn a result into texts.
import type { Locale } from '../../i18n';
import { factDef } from './facts';
import { factLabel } from './format';
import type { HealthMessageKey } from './healthMessages';
import type { RegistryMessageKey } from './messages';
import { QUALIFICATION_KINDS, type Org, type Qualification, type YearFacts } from './types';

export type Verdict = 'pass' | 'fail' | 'unknown' | 'manual_review';
export type Confidence = 'V' | 'C' | 'R' | 'X';
export interface Bilingual {
  zh: string;
  en: string;
}
export interface Points {
  value?: number;
  min?: number;
  max?: number;
  band?: string;
}
export interface Citation {
  docNo: string;
  article: string;
  confidence: Confidence;
}
export interface CriterionResult {
  id: string;
  verdict: Verdict;
  actual: number | string | boolean | null;
  threshold: string | null;
  points?: Points;
  missing: string[];
  text: Bilingual;
  citation: Citation;
  gap?: { text: Bilingual; effort: number };
}
export interface RulesetResult {
  ruleset: string;
  version: string;
  asOf: string;
  verdict: Verdict;
  route: 'conditions' | 'direct' | null;
  score?: Points;
  criteria: CriterionResult[];
  held: { certificateNo: string | null; issuedOn: string | null; expiresOn: string | null } | null;
}
export interface TierGaps {
  ruleset: string;
  verdict: string;
  gaps: { ruleset: string; criterion: string; text: Bilingual; effort: number }[];
  blockers: { criterion: string; text: Bilingual }[];
  open: { criterion: string; verdict: string; missing: string[] }[];
}
export interface Assessment {
  asOf: string;
  uscc?: string;
  results: RulesetResult[];
  gaps: TierGaps[];
}

/** The published facts document (src/rules/facts-doc.ts): amounts in fen. */
export interface FactsDoc {
  org: { uscc?: string; name?: string; kind: string; registeredOn?: string | null; industryCode?: string | null };
  years: ({ fiscalYear: number } & Record<string, number | boolean>)[];
  qualifications: { kind: string; issuedOn?: string | null; expiresOn?: string | null; rank?: number | null; certificateNo?: string | null }[];
  expert: Record<string, number>;
}

export const VERDICT_STATUS: Record<Verdict, 'success' | 'error' | 'warning' | 'processing'> = {
  pass: 'success',
  fail: 'error',
  unknown: 'warning',
  manual_review: 'processing',
};

export const CONFIDENCE_COLOR: Record<Confidence, string> = { V: 'green', C: 'cyan', R: 'orange', X: 'red' };

/** Expert inputs the what-if drawer offers, with their ranges. */
export const EXPERT_INPUTS = [
  { key: 'hnte.fieldOk', min: 0, max: 1 },
  { key: 'hnte.ipAdvancement', min: 0, max: 8 },
  { key: 'hnte.ipCoreSupport', min: 0, max: 8 },
  { key: 'hnte.ipAcquisition', min: 0, max: 6 },
  { key: 'hnte.rdManagement', min: 0, max: 20 },
  { key: 'srdi.marketPosition', min: 0, max: 1 },
  { key: 'srdi.qualityScore', min: 0, max: 100 },
  { key: 'lg.chainPosition', min: 0, max: 1 },
  { key: 'lg.marketTop3', min: 0, max: 1 },
] as const;
export type ExpertKey = (typeof EXPERT_INPUTS)[number]['key'];

type H = (key: HealthMessageKey, params?: Record<string, string | number>) => string;
type R = (key: RegistryMessageKey, params?: Record<string, string | number>) => string;

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'en-US' ? text.en : text.zh;
}

export function isVerdict(value: string): value is Verdict {
  return value === 'pass' || value === 'fail' || value === 'unknown' || value === 'manual_review';
}

/** A tier's name; rulesets the web app does not know yet show their id. */
export function tierName(ruleset: string, r: R): string {
  return (QUALIFICATION_KINDS as readonly string[]).includes(ruleset) ? r(`qual.${ruleset}` as RegistryMessageKey) : ruleset;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const wanFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "74–82 分", "100 分", with the band when the server names one. */
export function formatPoints(points: Points | undefined, h: H): string {
  if (!points) return '—';
  const { value, min, max, band } = points;
  let text: string;
  if (min !== undefined && max !== undefined && min !== max) text = h('scoreRange', { min: integer.format(min), max: integer.format(max) });
  else if (value !== undefined) text = h('scoreValue', { value: integer.format(value) });
  else if (min !== undefined) text = h('scoreValue', { value: integer.format(min) });
  else return band ?? '—';
  return band ? `${text} (${band})` : text;
}

/**
 * The server's threshold strings are written in Chinese ("≥ 10%", "≤ 20,000万元", "每年 ≥ 3%",
 * "≥ 3 年"); on an English page the units are translated.
 */
export function localizeThreshold(text: string | null, locale: Locale): string {
  if (!text) return '—';
  if (locale !== 'en-US') return text;
  return text
    .replace(/([\d,.]+)\s*万元/g, (_, n: string) => {
      const yuan = Number(n.replace(/,/g, '')) * 10_000;
      return `CNY ${integer.format(yuan / 1e6)}M`;
    })
    .replace(/每年\s*/g, 'each year ')
    .replace(/\s*或前三/g, ' or top 3')
    .replace(/\s*年$/g, ' years')
    .replace(/\s*分$/g, ' points')
    .replace(/，/g, ', ');
}

/** The actual value: ratios as percentages, money in 万元, yes/no, lists as given. */
export function formatActual(criterion: CriterionResult, locale: Locale, h: H): string {
  const { actual, threshold } = criterion;
  if (actual === null || actual === undefined) return '—';
  if (typeof actual === 'boolean') return actual ? h('yes') : h('no');
  if (typeof actual === 'string') return locale === 'en-US' ? actual.replace(/，/g, ', ').replace(/万元/g, ' (CNY 10k)') : actual;
  if (threshold?.includes('%') && Math.abs(actual) <= 100) return `${(actual * 100).toFixed(1)}%`;
  if (threshold?.includes('万元')) {
    const wan = wanFormat.format(actual / 1_000_000);
    return locale === 'en-US' ? `${wan} (CNY 10k)` : `${wan}万元`;
  }
  return integer.format(actual);
}

const ORG_FIELDS: Record<string, RegistryMessageKey> = {
  registeredOn: 'form.registeredOn',
  industryCode: 'form.industryCode',
  kind: 'form.kind',
};

/** "years[2025].employees" → "2025年度 职工总数（人）"; org fields, expert inputs and rule texts too. */
export function missingLabel(path: string, locale: Locale, h: H, r: R): string {
  const year = /^years\[(\d{4})\]\.(\w+)$/.exec(path);
  if (year) {
    const def = factDef(year[2]);
    const label = def ? factLabel(def, locale, r) : year[2];
    return `${h('missing.fiscalYear', { year: year[1] })} ${label}`;
  }
  const org = /^org\.(\w+)$/.exec(path);
  if (org && ORG_FIELDS[org[1]]) return r(ORG_FIELDS[org[1]]);
  const expertKey = path.replace(/^expert\./, '').replace(/^expert\["?|"?\]$/g, '');
  if (EXPERT_INPUTS.some((input) => input.key === expertKey)) return h(`expert.${expertKey}` as HealthMessageKey);
  if (path.startsWith('ruleText:')) return h('missing.ruleText', { name: path.slice('ruleText:'.length) });
  return path;
}

/** Several missing paths, the years of one fact together: "职工总数（人）（2023、2024年度）". */
export function missingLabels(paths: string[], locale: Locale, h: H, r: R): string {
  const byFact = new Map<string, number[]>();
  const others: string[] = [];
  for (const path of paths) {
    const year = /^years\[(\d{4})\]\.(\w+)$/.exec(path);
    if (year) byFact.set(year[2], [...(byFact.get(year[2]) ?? []), Number(year[1])]);
    else others.push(missingLabel(path, locale, h, r));
  }
  const sep = locale === 'en-US' ? ', ' : '、';
  const facts = [...byFact].map(([key, years]) => {
    if (years.length === 1) return missingLabel(`years[${years[0]}].${key}`, locale, h, r);
    const def = factDef(key);
    const label = def ? factLabel(def, locale, r) : key;
    const list = years.sort((a, b) => a - b).join(sep);
    return locale === 'en-US' ? `${label} (FY${list.replace(/, /g, ', FY')})` : `${label}（${list}年度）`;
  });
  return [...facts, ...others].join(locale === 'en-US' ? '; ' : '；');
}

/** The facts document of a registered organisation, as the server builds it (rules.service.ts). */
export function factsDocOf(org: Org, years: YearFacts[], qualifications: Qualification[]): FactsDoc {
  return {
    org: { uscc: org.uscc, name: org.name, kind: org.kind, registeredOn: org.registeredOn, industryCode: org.industryCode },
    years: years.map((y) => ({
      fiscalYear: y.fiscalYear,
      ...(Object.fromEntries(Object.entries(y.facts).filter(([key, value]) => value !== null && value !== undefined && factDef(key))) as Record<string, number | boolean>),
    })),
    qualifications: qualifications.map((q) => ({ kind: q.kind, issuedOn: q.issuedOn, expiresOn: q.expiresOn, rank: q.rank, certificateNo: q.certificateNo })),
    expert: {},
  };
}
