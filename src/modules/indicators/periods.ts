// The shape of a period follows the indicator's frequency; each parses to the last day it
// covers, which orders a series and compares a figure with the platform's own.
import type { Frequency } from './indicators.schema.ts';

export const PERIOD_FORMATS: Record<Frequency, { pattern: RegExp; example: string }> = {
  annual: { pattern: /^(\d{4})$/, example: '2024' },
  quarterly: { pattern: /^(\d{4})Q([1-4])$/, example: '2025Q1' },
  monthly: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: '2025-03' },
  // A stock figure as of a day (cumulative counts, sizes).
  stock: { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, example: '2025-05-20' },
  // A total over several whole years, e.g. the 14th Five-Year Plan: 2021-2025.
  span: { pattern: /^(\d{4})-(\d{4})$/, example: '2021-2025' },
};

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The period's last day (ISO date), or null when the text does not fit the frequency. */
export function periodEnd(frequency: Frequency, period: string): string | null {
  const m = PERIOD_FORMATS[frequency].pattern.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1949 || year > 2100) return null;
  switch (frequency) {
    case 'annual': return `${year}-12-31`;
    case 'quarterly': return lastDayOfMonth(year, Number(m[2]) * 3);
    case 'monthly': return lastDayOfMonth(year, Number(m[2]));
    case 'stock': {
      const d = new Date(`${period}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== period ? null : period;
    }
    case 'span': {
      const end = Number(m[2]);
      return end > year && end <= 2100 ? `${end}-12-31` : null;
    }
  }
}

/** First and last day a period covers (a stock figure covers everything up to its day). */
export function periodRange(frequency: Frequency, period: string): { from: string | null; to: string } | null {
  const to = periodEnd(frequency, period);
  if (!to) return null;
  const m = PERIOD_FORMATS[frequency].pattern.exec(period)!;
  switch (frequency) {
    case 'annual': return { from: `${m[1]}-01-01`, to };
    case 'quarterly': return { from: `${m[1]}-${String(Number(m[2]) * 3 - 2).padStart(2, '0')}-01`, to };
    case 'monthly': return { from: `${m[1]}-${m[2]}-01`, to };
    case 'stock': return { from: null, to };
    case 'span': return { from: `${m[1]}-01-01`, to };
  }
}
