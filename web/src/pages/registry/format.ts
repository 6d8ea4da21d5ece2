// Number formats of the registry pages (UI.md): money is stored in fen; tables show 元 with
// thousands separators (¥1,234,567.89), the yearly-data table and charts 万元 or 亿元 with
// the unit in the label.
import type { Locale } from '../../i18n';
import type { FactDef } from './facts';
import type { RegistryMessageKey } from './messages';

type T = (key: RegistryMessageKey, params?: Record<string, string | number>) => string;

const yuanFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const FEN_PER_WAN = 1_000_000;
export const FEN_PER_YI = 10_000_000_000;

/** ¥1,234,567.89 from fen; "—" when unknown. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '−' : '';
  return `${sign}¥${yuanFormat.format(Math.abs(fen) / 100)}`;
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integerFormat.format(value);
}

/** A fact's label with its display unit: "营业收入（万元）", "Operating revenue (CNY 10k)". */
export function factLabel(def: FactDef, locale: Locale, t: T): string {
  let base = locale === 'en-US' ? def.en : def.zh;
  let unit: string | null = null;
  if (def.unit === 'fen') unit = t('unit.wan');
  if (def.unit === 'person') unit = t('unit.person');
  if (def.unit === 'bp') {
    // Shown as a percentage rather than in basis points.
    base = base.replace(/（万分比）$/, '').replace(/ \(basis points\)$/, '');
    unit = t('unit.percent');
  }
  if (!unit) return base;
  return locale === 'en-US' ? `${base} (${unit})` : `${base}（${unit}）`;
}

/** Stored value → the number shown and edited (万元 for money, % for basis points). */
export function toDisplayNumber(def: FactDef, value: number): number {
  if (def.unit === 'fen') return value / FEN_PER_WAN;
  if (def.unit === 'bp') return value / 100;
  return value;
}

/** The number typed in the editor → the stored integer. */
export function fromDisplayNumber(def: FactDef, value: number): number {
  if (def.unit === 'fen') return Math.round(value * FEN_PER_WAN);
  if (def.unit === 'bp') return Math.round(value * 100);
  return Math.round(value);
}

/** A fact value as the yearly-data table shows it. */
export function formatFact(def: FactDef, value: number | boolean | null | undefined, t: T): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (def.unit === 'fen') {
    const wan = value / FEN_PER_WAN;
    return `${wan < 0 ? '−' : ''}${twoDecimals.format(Math.abs(wan))}`;
  }
  if (def.unit === 'bp') return twoDecimals.format(value / 100);
  return integerFormat.format(value);
}

export function sourceKindLabel(t: T, kind: string): string {
  return kind === 'import' || kind === 'edit' || kind === 'api' || kind === 'seed' ? t(`facts.sourceKind.${kind}`) : kind;
}
