// Golden cases for the national tax benefits, at every edge: the periods and enterprise types
// of the super-deduction rate, the excluded industries, income absorbing the deduction, and the
// HNTE 15 % rate against the small low-profit rate (the better one, never both).
import { describe, expect, it } from 'vitest';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { hnteRateRelief, IC_OR_MACHINE_TOOL_INPUT, incomeTax, NATIONAL_BENEFITS, NATIONAL_FACTS, NATIONAL_QUALIFICATIONS, mulBp, rdRate, rdSuperDeduction, smallLowProfitRelief } from './national.ts';

const WAN = 1_000_000; // fen per 万元
const doc = (year: number, facts: Record<string, number | boolean>, opts: { industry?: string; quals?: FactsDoc['qualifications']; expert?: Record<string, number>; kind?: FactsDoc['org']['kind'] } = {}): FactsDoc => ({
  org: { kind: opts.kind ?? 'enterprise', industryCode: opts.industry ?? '6513', registeredOn: '2010-01-01' },
  years: [{ fiscalYear: year, employees: 500, totalAssets: 100_000 * WAN, ...facts }],
  qualifications: opts.quals ?? [],
  expert: opts.expert ?? {},
});
const hnte = (from: string, to: string) => [{ kind: 'hnte' as const, issuedOn: from, expiresOn: to }];
const techSme = (year: number) => [{ kind: 'tech_sme' as const, issuedOn: `${year}-05-01`, expiresOn: `${year + 1}-03-31` }];

describe('super-deduction rate by period and enterprise type', () => {
  const t = (techSme = false, manufacturing = false, ic = false) => ({ techSme, manufacturing, icOrMachineTool: ic });
  const cases: [string, number, ReturnType<typeof t>, number | null][] = [
    ['no rule before 2008', 2007, t(), null],
    ['50% under the income-tax law, 2008–2015', 2015, t(), 5000],
    ['50% in 2016 (119号)', 2016, t(true), 5000],
    ['75% for a tech SME in 2017 (34号)', 2017, t(true), 7500],
    ['50% for another enterprise in 2017', 2017, t(), 5000],
    ['75% for everyone from 2018 (99号)', 2018, t(), 7500],
    ['75% for a non-manufacturer in 2021', 2021, t(), 7500],
    ['100% for a manufacturer in 2021 (2021年第13号)', 2021, t(false, true), 10000],
    ['75% for a tech SME in 2021 (its 100% starts 2022)', 2021, t(true), 7500],
    ['100% for a tech SME in 2022 (2022年第16号)', 2022, t(true), 10000],
    ['75% for others in 2022', 2022, t(), 7500],
    ['100% for everyone from 2023 (2023年第7号)', 2023, t(), 10000],
    ['120% for an IC or mother-machine enterprise in 2023 (2023年第44号)', 2023, t(false, true, true), 12000],
    ['120% in 2027, its last year', 2027, t(false, false, true), 12000],
    ['back to 100% for IC in 2028', 2028, t(false, false, true), 10000],
  ];
  for (const [name, year, type, bp] of cases) it(name, () => expect(rdRate(year, type)?.bp ?? null).toBe(bp));
});

describe('R&D super-deduction: tax saved', () => {
  it('criteria.md example: 1,000万 expensed R&D in 2024 saves 250万 at 25%', () => {
    const r = rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }), 2024);
    expect(r).toMatchObject({ verdict: 'eligible', amount: 250 * WAN, figures: { extraDeduction: 1000 * WAN, carryForward: 0 } });
    expect(r.formula!.zh).toContain('¥10,000,000 × 100%');
  });

  it('the same for an HNTE saves 150万 at 15%', () => {
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { quals: hnte('2023-11-01', '2026-10-31') }), 2024).amount).toBe(150 * WAN);
  });

  it('an IC or mother-machine firm (120%) saves 300万 at 25%', () => {
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { expert: { [IC_OR_MACHINE_TOOL_INPUT]: 1 } }), 2024).amount).toBe(300 * WAN);
  });

  it('adds this year\'s amortisation of capitalised R&D to the base', () => {
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 800 * WAN, rdAmortisation: 200 * WAN, taxableIncome: 5000 * WAN }), 2024).figures.extraDeduction).toBe(1000 * WAN);
  });

  it('income smaller than the deduction: saves tax on the income only, the rest carried forward', () => {
    const r = rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 400 * WAN }), 2024);
    expect(r).toMatchObject({ amount: 100 * WAN, figures: { usable: 400 * WAN, carryForward: 600 * WAN } });
    expect(r.formula!.en).toContain('loss carried forward (up to 5 years)');
  });

  it('a loss-making year saves nothing now and carries the whole deduction forward (10 years for an HNTE)', () => {
    const r = rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: -50 * WAN }, { quals: hnte('2023-11-01', '2026-10-31') }), 2024);
    expect(r).toMatchObject({ verdict: 'eligible', amount: 0, figures: { carryForward: 1000 * WAN } });
    expect(r.formula!.en).toContain('up to 10 years');
  });

  it('the deduction that pulls income under 300万 earns the small low-profit rate as well', () => {
    // 350万 income, 100万 deduction: 87.5万 at 25% before, 250万 × 5% = 12.5万 after.
    const r = rdSuperDeduction(doc(2024, { rdExpensed: 100 * WAN, taxableIncome: 350 * WAN, employees: 100, totalAssets: 3000 * WAN }), 2024);
    expect(r.amount).toBe(875_000_00 - 125_000_00);
  });

  it('excluded industries get nothing: wholesale (F51), catering (H62), real estate (K70), tobacco (C16)', () => {
    for (const code of ['5131', '6210', '7010', '1610', '9011']) {
      expect(rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { industry: code }), 2024).verdict, code).toBe('not_eligible');
    }
    // Manufacturing next door (C17 textiles) is fine.
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { industry: '1711' }), 2024).verdict).toBe('eligible');
  });

  it('a manufacturer in 2021 gets 100%, a software firm 75%', () => {
    expect(rdSuperDeduction(doc(2021, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { industry: '3841' }), 2021).figures.extraDeduction).toBe(1000 * WAN);
    expect(rdSuperDeduction(doc(2021, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { industry: '6513' }), 2021).figures.extraDeduction).toBe(750 * WAN);
  });

  it('a tech SME registered for 2022 gets 100% in 2022', () => {
    expect(rdSuperDeduction(doc(2022, { rdExpensed: 1000 * WAN, taxableIncome: 5000 * WAN }, { quals: techSme(2022) }), 2022).figures.extraDeduction).toBe(1000 * WAN);
  });

  it('is undecided without the industry or expensed R&D, and not for non-enterprises or without R&D', () => {
    expect(rdSuperDeduction({ ...doc(2024, { taxableIncome: 1 }), org: { kind: 'enterprise' } }, 2024)).toMatchObject({ verdict: 'unknown', missing: ['org.industryCode'] });
    expect(rdSuperDeduction(doc(2024, { taxableIncome: 1 }), 2024)).toMatchObject({ verdict: 'unknown', missing: ['years[2024].rdExpensed'] });
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 5, taxableIncome: 1 }, { kind: 'university' }), 2024).verdict).toBe('not_eligible');
    expect(rdSuperDeduction(doc(2024, { rdExpensed: 0, taxableIncome: 1 }), 2024).verdict).toBe('not_eligible');
  });
});

describe('HNTE 15% against the small low-profit rate: the better one, not both', () => {
  const small = { employees: 300, totalAssets: 5000 * WAN };

  it('a large HNTE saves 10 points of its taxable income', () => {
    const r = hnteRateRelief(doc(2024, { taxableIncome: 2000 * WAN }, { quals: hnte('2024-12-01', '2027-11-30') }), 2024);
    expect(r).toMatchObject({ verdict: 'eligible', amount: 200 * WAN });
  });

  it('counts a certificate issued in December for the whole year, and one expired in January', () => {
    expect(hnteRateRelief(doc(2024, { taxableIncome: 2000 * WAN }, { quals: hnte('2024-12-31', '2027-12-30') }), 2024).amount).toBe(200 * WAN);
    expect(hnteRateRelief(doc(2024, { taxableIncome: 2000 * WAN }, { quals: hnte('2021-01-01', '2024-01-01') }), 2024).amount).toBe(200 * WAN);
    expect(hnteRateRelief(doc(2024, { taxableIncome: 2000 * WAN }, { quals: hnte('2020-01-01', '2023-12-31') }), 2024).verdict).toBe('not_eligible');
  });

  it('at exactly 300万 income, 300 staff and 5000万 assets, the small low-profit 5% beats 15%', () => {
    const d = doc(2024, { taxableIncome: 300 * WAN, ...small }, { quals: hnte('2023-01-01', '2025-12-31') });
    expect(hnteRateRelief(d, 2024)).toMatchObject({ verdict: 'eligible', amount: 0, note: { en: 'The better rate applies; they do not stack' } });
    // Relief against the HNTE rate it would otherwise pay: 45万 − 15万.
    expect(smallLowProfitRelief(d, 2024)).toMatchObject({ verdict: 'eligible', amount: 30 * WAN });
    expect(incomeTax(300 * WAN, { year: 2024, hnte: true, slpSize: true })).toMatchObject({ regime: 'slp', tax: 15 * WAN });
  });

  it('one fen over 300万 of income, or 301 staff, or assets over 5000万: HNTE 15% applies', () => {
    const over = [
      { taxableIncome: 300 * WAN + 1, ...small },
      { taxableIncome: 300 * WAN, ...small, employees: 301 },
      { taxableIncome: 300 * WAN, ...small, totalAssets: 5000 * WAN + 1 },
    ];
    for (const f of over) {
      const d = doc(2024, f, { quals: hnte('2023-01-01', '2025-12-31') });
      expect(hnteRateRelief(d, 2024).amount).toBe(Math.floor(f.taxableIncome / 10));
      expect(smallLowProfitRelief(d, 2024).verdict).toBe('not_eligible');
    }
  });

  it('a small low-profit firm without HNTE saves 20 points; the rule is encoded for 2023–2027 only', () => {
    expect(smallLowProfitRelief(doc(2023, { taxableIncome: 100 * WAN, ...small }), 2023).amount).toBe(20 * WAN);
    expect(smallLowProfitRelief(doc(2027, { taxableIncome: 100 * WAN, ...small }), 2027).amount).toBe(20 * WAN);
    expect(smallLowProfitRelief(doc(2022, { taxableIncome: 100 * WAN, ...small }), 2022).verdict).toBe('unknown');
    expect(smallLowProfitRelief(doc(2028, { taxableIncome: 100 * WAN, ...small }), 2028).verdict).toBe('unknown');
  });

  it('the rate applies to income after the super-deduction', () => {
    // 2,000万 income, 1,000万 deduction: HNTE saves 10% of the remaining 1,000万.
    const d = doc(2024, { taxableIncome: 2000 * WAN, rdExpensed: 1000 * WAN }, { quals: hnte('2023-01-01', '2025-12-31') });
    expect(hnteRateRelief(d, 2024).amount).toBe(100 * WAN);
    expect(rdSuperDeduction(d, 2024).amount).toBe(150 * WAN);
  });

  it('a loss-making HNTE saves nothing', () => {
    expect(hnteRateRelief(doc(2024, { taxableIncome: -1 }, { quals: hnte('2023-01-01', '2025-12-31') }), 2024).amount).toBe(0);
  });
});

describe('the facts a batch reads (NATIONAL_FACTS, NATIONAL_QUALIFICATIONS)', () => {
  // A batch reads only the fiscal year's NATIONAL_FACTS and NATIONAL_QUALIFICATIONS: if a function read another fact, its
  // outcome over that projection would differ from its outcome over everything.
  const docs: FactsDoc[] = generateOrgs({ count: 400, seed: 'national-facts' }).map((r) => ({
    org: { kind: r.org.kind, industryCode: r.org.industryCode ?? null, registeredOn: r.org.registeredOn ?? null },
    years: (r.facts ?? []).map((f) => ({ fiscalYear: f.fiscalYear, ...f.values })) as FactsDoc['years'],
    qualifications: (r.qualifications ?? []) as FactsDoc['qualifications'],
    expert: {},
  }));
  const only = (d: FactsDoc, year: number): FactsDoc => ({
    ...d,
    qualifications: d.qualifications.filter((q) => (NATIONAL_QUALIFICATIONS as readonly string[]).includes(q.kind)),
    years: d.years.filter((y) => y.fiscalYear === year).map((y) => Object.fromEntries(Object.entries(y).filter(([k]) => k === 'fiscalYear' || (NATIONAL_FACTS as readonly string[]).includes(k)))) as FactsDoc['years'],
  });
  for (const [code, fn] of Object.entries(NATIONAL_BENEFITS)) {
    it(`${code}: the same outcome from the projection as from every fact`, () => {
      let eligible = 0;
      for (const d of docs) {
        for (const year of [2023, 2024, 2025]) {
          const full = fn(d, year);
          expect(fn(only(d, year), year)).toEqual(full);
          if (full.verdict === 'eligible') eligible++;
        }
      }
      expect(eligible).toBeGreaterThan(20);
    });
  }
});

describe('mulBp', () => {
  it('equals exact BigInt arithmetic, truncated toward zero, below and above 2^53', () => {
    const exact = (x: number, bp: number) => Number((BigInt(Math.trunc(x)) * BigInt(bp)) / 10_000n);
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const xs = [0, 1, -1, 9_999, -9_999, 10_000, -10_001, 2 ** 53 / 12_000, 2 ** 53 / 12_000 + 1, -(2 ** 53) / 12_000 - 7, 2 ** 53 - 1, 1e18];
    for (let i = 0; i < 20_000; i++) xs.push(Math.floor((rnd() - 0.3) * 10 ** (1 + Math.floor(rnd() * 17))));
    for (const x of xs) for (const bp of [1, 500, 1_500, 2_500, 7_500, 10_000, 12_000]) expect(mulBp(x, bp)).toBe(exact(x, bp));
  });
});
