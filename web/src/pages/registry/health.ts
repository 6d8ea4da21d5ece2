// Shapes of the rules API (GET /api/orgs/:uscc/assessment, POST /api/rules/evaluate), mirrored
// from src/rules/types.ts and src/rules/gaps.ts, and the helpers that turn a result into texts.
import type { Locale } from '../../i18n';
import { factDef } from './facts';
import { factLabel } from './format';
import type { HealthMessageKey } from './healthMessages';
import type { RegistryMessageKey } from './messages';
import type { Org, Qualification, YearFacts } from './types';

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
/** How to read `actual` (src/rules/types.ts UnitSchema). */
export type Unit = 'ratio' | 'fen' | 'count' | 'persons' | 'days' | 'years' | 'points' | 'bool' | 'text' | null;
export interface CriterionResult {
  id: string;
  verdict: Verdict;
  actual: number | string | boolean | null;
  unit: Unit;
  threshold: Bilingual | null;
  points?: Points;
  /** Fact paths only ("years[2025].employees", "org.registeredOn"). */
  missing: string[];
  text: Bilingual;
  note?: Bilingual;
  citation: Citation;
  gap?: { text: Bilingual; effort: number };
}
export interface RulesetResult {
  ruleset: string;
  title: Bilingual;
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
  open: { criterion: string; verdict: string; missing: string[]; note?: Bilingual }[];
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

/** One expert input the rulesets read (GET /api/rules/expert-inputs, src/rules/expert.ts). */
export interface ExpertInput {
  key: string;
  ruleset: string;
  rulesets: string[];
  criteria: string[];
  label: Bilingual;
  kind: 'yesNo' | 'score' | 'number';
  min: number;
  max: number;
  step: number;
  unit: 'bool' | 'points' | 'years';
  hint?: Bilingual;
}

type H = (key: HealthMessageKey, params?: Record<string, string | number>) => string;
type R = (key: RegistryMessageKey, params?: Record<string, string | number>) => string;

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'en-US' ? text.en : text.zh;
}

export function isVerdict(value: string): value is Verdict {
  return value === 'pass' || value === 'fail' || value === 'unknown' || value === 'manual_review';
}

/** A tier's name as the server gives it; the id when there is none. */
export function tierName(result: { ruleset: string; title?: Bilingual } | undefined, locale: Locale, fallback = ''): string {
  return result?.title ? pick(result.title, locale) : (result?.ruleset ?? fallback);
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const wanFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const yuanFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

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

/** The requirement in the page's language. */
export function formatThreshold(threshold: Bilingual | null, locale: Locale): string {
  return threshold ? pick(threshold, locale) : '—';
}

/** 0.28 → "28.0%", 0.0999 → "9.99%": two decimals only when the ratio needs them. */
function percent(ratio: number): string {
  const two = (ratio * 100).toFixed(2);
  return `${two.endsWith('0') ? (ratio * 100).toFixed(1) : two}%`;
}

/** The actual value in the unit the server names: ratios as percentages, money in 万元 or ¥, yes/no. */
export function formatActual(criterion: CriterionResult, locale: Locale, h: H): string {
  const { actual, unit } = criterion;
  if (actual === null || actual === undefined) return '—';
  if (typeof actual === 'boolean') return actual ? h('yes') : h('no');
  if (typeof actual === 'string') return unit === 'points' ? h('unit.points', { n: actual }) : actual;
  switch (unit) {
    case 'ratio':
      return percent(actual);
    case 'fen':
      return locale === 'en-US' ? `¥${yuanFormat.format(Math.round(actual / 100))}` : `${wanFormat.format(actual / 1_000_000)}万元`;
    case 'persons':
    case 'days':
    case 'years':
    case 'points':
      return h(`unit.${unit}`, { n: integer.format(actual) });
    case 'bool':
      return actual ? h('yes') : h('no');
    default:
      return integer.format(actual);
  }
}

const ORG_FIELDS: Record<string, RegistryMessageKey> = {
  registeredOn: 'form.registeredOn',
  industryCode: 'form.industryCode',
  kind: 'form.kind',
};

/** "years[2025].employees" → "2025年度 职工总数（人）"; org fields too. Other paths show as given. */
export function missingLabel(path: string, locale: Locale, h: H, r: R): string {
  const year = /^years\[(\d{4})\]\.(\w+)$/.exec(path);
  if (year) {
    const def = factDef(year[2]);
    const label = def ? factLabel(def, locale, r) : year[2];
    return `${h('missing.fiscalYear', { year: year[1] })} ${label}`;
  }
  const org = /^org\.(\w+)$/.exec(path);
  if (org && ORG_FIELDS[org[1]]) return r(ORG_FIELDS[org[1]]);
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
