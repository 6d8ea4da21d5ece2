// The engine's own arithmetic: day numbers and the fact table every criterion reads through.
import { describe, expect, it } from 'vitest';
import { dayNumber, Evaluation, F, factTable, same, type Recorded, type Spec } from './engine.ts';
import { CLASS_I, CLASS_II } from './rulesets/hnte.ts';
import { FactsDocSchema, type FactsDoc } from './facts-doc.ts';
import { FACT_KEYS, FLAG_FACTS } from '../modules/registry/facts.ts';

describe('dayNumber', () => {
  it('counts days since 1970-01-01 exactly as Date does, across leap years and centuries', () => {
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000 * 7 + 3_600_000 * 5) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(dayNumber(iso), iso).toBe(Math.floor(t / 86_400_000));
    }
    for (const iso of ['2000-02-29', '2024-02-29', '2100-03-01', '1970-01-01', '2025-12-31', '2026-01-01']) {
      expect(dayNumber(iso), iso).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    }
  });
});

describe('fact table', () => {
  const doc = FactsDocSchema.parse({
    org: { registeredOn: '2021-05-01' },
    years: [
      { fiscalYear: 2025, revenue: 12_345_600, employees: 40, majorIncident: false, rdExpense: null },
      { fiscalYear: 2023, revenue: 0, majorIncident: true },
    ],
  });
  const e = new Evaluation(doc, '2026-06-01');

  it('reads each fact of each year as given, with gaps and absent years as missing', () => {
    const missing: string[] = [];
    expect(e.num(2025, F.revenue, missing)).toBe(12_345_600);
    expect(e.num(2023, F.revenue, missing)).toBe(0);
    expect(e.known(2025, F.employees)).toBe(40);
    expect(e.num(2024, F.revenue, missing)).toBeUndefined(); // a year between two given ones
    expect(e.num(2025, F.rdExpense, missing)).toBeUndefined(); // null is not given
    expect(e.num(2026, F.revenue, missing)).toBeUndefined(); // after the last year
    expect(e.known(2022, F.revenue)).toBeUndefined(); // before the first
    expect(missing).toEqual(['years[2024].revenue', 'years[2025].rdExpense', 'years[2026].revenue']);
  });

  it('keeps flags apart from numbers: false is a value, not a gap', () => {
    const missing: string[] = [];
    expect(e.flag(2025, F.majorIncident, missing)).toBe(false);
    expect(e.flag(2023, F.majorIncident, missing)).toBe(true);
    expect(e.flag(2024, F.majorIncident, missing)).toBeUndefined();
    expect(missing).toEqual(['years[2024].majorIncident']);
  });

  it('sums over years only when every year is known, and lists the years the organisation existed', () => {
    expect(e.lastYears(3)).toEqual([2023, 2024, 2025]);
    expect(e.lastYears(6)).toEqual([2021, 2022, 2023, 2024, 2025]);
    const missing: string[] = [];
    expect(e.sum([2023, 2025], F.revenue, missing)).toBe(12_345_600);
    expect(e.sum([2023, 2024, 2025], F.revenue, missing)).toBeUndefined();
    expect(missing).toEqual(['years[2024].revenue']);
  });

  it('totals a group of columns over the known facts only, the same from a filled table', () => {
    const docIp = FactsDocSchema.parse({ org: {}, years: [{ fiscalYear: 2024, inventionPatents: 2, icLayouts: 3 }, { fiscalYear: 2025, newDrugs: null }] });
    const group = CLASS_I;
    for (const table of [factTable(docIp), factTable(docIp, true)]) {
      const x = new Evaluation(docIp, '2026-06-01', table);
      expect(x.total(2024, group)).toBe(5);
      expect(x.total(2025, group)).toBeNaN(); // none of the class given (null is not given)
      expect(x.total(2023, group)).toBeNaN(); // before the first year
      expect(x.total(2024, group)).toBe(5); // kept, not summed again
      expect(new Evaluation(docIp, '2026-06-01', table).total(2024, CLASS_II)).toBeNaN();
    }
  });

  it('gives every fact a column of its own, read the same from a filled table as from the document', () => {
    expect(new Set(FACT_KEYS.map((k) => F[k])).size).toBe(FACT_KEYS.length);
    // Every fact given, each a value of its own (built by hand: the values need not be plausible).
    const given = Object.fromEntries(FACT_KEYS.map((k, i) => [k, k in FLAG_FACTS ? i % 2 === 0 : 1_000 + i]));
    const full = { org: {}, years: [{ fiscalYear: 2025, ...given }], qualifications: [], expert: {} } as unknown as FactsDoc;
    for (const table of [factTable(full), factTable(full, true)]) {
      const x = new Evaluation(full, '2026-06-01', table);
      for (const k of FACT_KEYS) {
        const v = k in FLAG_FACTS ? x.knownFlag(2025, F[k as keyof typeof F] as never) : x.known(2025, F[k as keyof typeof F] as never);
        expect(v, k).toBe(given[k]);
      }
    }
  });

  it('counts the age from the registration date, and knows none without one', () => {
    const reg = (registeredOn?: string) => new Evaluation(FactsDocSchema.parse({ org: { registeredOn } }), '2026-06-01');
    expect(reg('2025-06-01').ageDays()).toBe(365);
    expect(reg('2024-02-29').ageDays()).toBe(823);
    expect(reg('2024-02-29').registeredYear).toBe(2024);
    expect(reg('2024-02-29').registeredMonthDay).toBe(229);
    expect(reg().ageDays()).toBeUndefined();
    expect(reg().registeredYear).toBeNaN();
  });

  it('reads an organisation without years as missing every fact', () => {
    const empty = new Evaluation(FactsDocSchema.parse({ org: {} }), '2026-06-01');
    const missing: string[] = [];
    expect(empty.num(2025, F.revenue, missing)).toBeUndefined();
    expect(empty.lastYears(3)).toEqual([2023, 2024, 2025]);
    expect(missing).toEqual(['years[2025].revenue']);
  });
});

describe('recorded numbers', () => {
  const doc = FactsDocSchema.parse({ org: {} });
  const spec: Spec = { id: 'x', label: same('x'), citation: { docNo: 'd', article: '', confidence: 'V' }, read: () => ({ actual: null, unit: null, threshold: null }), text: () => same('x') };
  const numbers = (r: Recorded) => [0, 1, 2, 3, 4].map((i) => r.n(i));

  it('keeps each evaluation its own numbers when evaluations record in turn', () => {
    const a = new Evaluation(doc, '2026-06-01');
    const b = new Evaluation(doc, '2026-06-01');
    const ra = [a.record(spec, 'pass', 1, 2)];
    const rb = [b.record(spec, 'fail', 10, 20, 30)];
    ra.push(a.record(spec, 'pass', 3));
    rb.push(b.record(spec, 'fail', 40, 50, 60, 70, 80));
    expect(ra.map(numbers)).toEqual([[1, 2, NaN, NaN, NaN], [3, NaN, NaN, NaN, NaN]]);
    expect(rb.map(numbers)).toEqual([[10, 20, 30, NaN, NaN], [40, 50, 60, 70, 80]]);
  });

  it('keeps the numbers of an evaluation whose records outgrow a block', () => {
    const e = new Evaluation(doc, '2026-06-01');
    const records = Array.from({ length: 5_000 }, (_, i) => e.record(spec, 'pass', i, i + 0.5, -i, NaN, 7));
    for (const i of [0, 1, 1_637, 1_638, 4_999]) expect(numbers(records[i]), `record ${i}`).toEqual([i, i + 0.5, -i, NaN, 7]);
  });
});

describe('qualifications held', () => {
  const doc = FactsDocSchema.parse({
    org: {},
    qualifications: [
      { kind: 'hnte', issuedOn: '2023-12-01', expiresOn: '2026-11-30', certificateNo: 'GR202335000001' },
      { kind: 'tech_sme', issuedOn: null, expiresOn: '2025-12-31' },
      { kind: 'srdi_sme' },
    ],
  });
  const holds = (asOf: string, kind: string) => new Evaluation(doc, asOf).holds(kind)?.kind;

  it('counts both ends of a certificate\'s term, and nothing outside it', () => {
    expect(holds('2023-11-30', 'hnte')).toBeUndefined();
    expect(holds('2023-12-01', 'hnte')).toBe('hnte');
    expect(holds('2026-11-30', 'hnte')).toBe('hnte');
    expect(holds('2026-12-01', 'hnte')).toBeUndefined();
  });

  it('treats a missing issue or expiry date as open on that side', () => {
    expect(holds('1999-01-01', 'tech_sme')).toBe('tech_sme');
    expect(holds('2026-01-01', 'tech_sme')).toBeUndefined();
    expect(holds('2099-01-01', 'srdi_sme')).toBe('srdi_sme');
    expect(holds('2026-06-01', 'little_giant')).toBeUndefined();
  });

  it('returns the qualification itself, as the document gives it', () => {
    expect(new Evaluation(doc, '2025-01-01').holds('hnte')).toBe(doc.qualifications[0]);
  });
});
