// API shapes of the indicator registry and the cockpit, and how a figure is written.
import type { Locale } from '../../i18n';
import { UNIT_EN } from './messages';

export const TOPICS = ['enterprises', 'cultivation', 'projects', 'carriers', 'talent', 'digital', 'funds', 'policy', 'villages', 'marketplace', 'economy'] as const;
export type Topic = (typeof TOPICS)[number];
export const FREQUENCIES = ['annual', 'quarterly', 'monthly', 'stock', 'span'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const UNITS = ['家', '项', '个', '人', '亿元', '万元', '%', '份', '条', '支', '届'] as const;
export const PERIOD_EXAMPLES: Record<Frequency, string> = { annual: '2024', quarterly: '2025Q1', monthly: '2025-03', stock: '2025-05-20', span: '2021-2025' };

export interface Bi { zh: string; en: string }
export interface Source { docNo: string | null; title: string; issuer: string | null; date: string; url: string | null }
export interface Value { period: string; periodEnd: string; value: number; qualifier: 'more_than' | 'nearly' | null; source: Source; note: string }
export interface Computed { period: string; value: number; synthetic: number; scope: string }
export interface Comparison { reportedId: string; reportedPeriod: string; reported: number; computed: number; difference: number; explanation: Bi }
export interface Indicator {
  id: string;
  kind: 'reported' | 'computed';
  name: Bi;
  definition: Bi;
  topic: Topic;
  unit: string;
  frequency: Frequency;
  owner: string;
  target: { value: number; period: string | null; source: Source | null } | null;
  published: boolean;
  latest: Value | null;
  current: Computed | null;
  comparesTo: string | null;
  comparison: Comparison | null;
  drillable: boolean;
  /** Computed: organisations behind it, or other rows (chain maps, funds, villages …). */
  rowKind: 'orgs' | 'items' | null;
  dimensions: ('district' | 'chain')[];
  /** Computed: only today's figure; its history comes from the daily snapshots. */
  currentOnly: boolean;
}
export interface Overview {
  asOf: string;
  scope: string;
  indicators: Indicator[];
  byDistrict: { id: string; name: Bi; unit: string; period: string; values: { district: string; value: number }[] }[];
  hnteSeries: Computed[];
  reportedHnte: Value[];
}
export interface Snapshot { day: string; period: string; value: number; synthetic: number }
export interface IndicatorDetail { indicator: Indicator; values: Value[]; series: Computed[]; reported: Value[]; snapshots: Snapshot[] }
export interface RowItem { uscc: string; name: string; district: string | null; synthetic: boolean; detail: string | null; value: number | null; href: string | null }
export interface Rows { period: string; total: number; rowKind: 'orgs' | 'items'; items: RowItem[] }
export interface ByDistrict { period: string; values: { district: string; value: number }[] }
export interface ByChain { period: string; values: { chainId: string; name: Bi; value: number }[] }

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const formatNumber = (n: number) => NUMBER.format(n);

export function unitLabel(unit: string, locale: Locale): string {
  return locale === 'en-US' ? (UNIT_EN[unit] ?? unit) : unit;
}

export const name = (b: Bi, locale: Locale) => (locale === 'en-US' ? b.en : b.zh);

/** The figure an indicator shows now: its latest reported value or the platform's current one. */
export function shownValue(i: Indicator): { value: number; period: string; qualifier: Value['qualifier'] } | null {
  if (i.kind === 'reported') return i.latest ? { value: i.latest.value, period: i.latest.period, qualifier: i.latest.qualifier } : null;
  return i.current ? { value: i.current.value, period: i.current.period, qualifier: null } : null;
}
