// What a batch reads of an organisation for an authored benefit (factsOfVariables): for every
// variable, its value over that projection must equal its value over every fact — a variable
// that read a fact the projection leaves out would differ for some organisation.
import { describe, expect, it } from 'vitest';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { evaluateAll } from '../../rules/index.ts';
import { generateOrgs } from '../../seed/orgs.ts';
import { BASE_VARIABLES, buildVariables, factsOfVariables } from './variables.ts';
import { keysOf } from '../registry/registry.service.ts';

const docs: FactsDoc[] = generateOrgs({ count: 300, seed: 'variables-projection' }).map((r) => ({
  org: { kind: r.org.kind, industryCode: r.org.industryCode ?? null, registeredOn: r.org.registeredOn ?? null },
  years: (r.facts ?? []).map((f) => ({ fiscalYear: f.fiscalYear, ...f.values })) as FactsDoc['years'],
  qualifications: (r.qualifications ?? []) as FactsDoc['qualifications'],
  expert: {},
}));

function project(d: FactsDoc, only: NonNullable<ReturnType<typeof factsOfVariables>>): FactsDoc {
  return {
    ...d,
    qualifications: d.qualifications.filter((q) => only.qualifications.includes(q.kind)),
    years: d.years.filter((y) => only.years.includes(y.fiscalYear))
      .map((y) => Object.fromEntries(Object.entries(y).filter(([k]) => k === 'fiscalYear' || (keysOf(only, y.fiscalYear) as string[]).includes(k)))) as FactsDoc['years'],
  };
}

describe('factsOfVariables', () => {
  const names = BASE_VARIABLES.map((v) => v.name).filter((n) => !n.startsWith('tier.'));

  it('computes every variable of the catalogue, and only those', () => {
    expect(Object.keys(buildVariables(docs[0], { year: 2025, tiers: [] })).sort()).toEqual(BASE_VARIABLES.map((v) => v.name).sort());
  });

  it('reads, for each variable alone, enough for its value to equal its value over every fact', () => {
    let known = 0;
    for (const name of names) {
      for (const year of [2024, 2025]) {
        const only = factsOfVariables([name], year)!;
        for (const d of docs) {
          const full = buildVariables(d, { year, district: 'siming', tiers: [] })[name];
          expect(buildVariables(project(d, only), { year, district: 'siming', tiers: [] })[name], `${name} ${year}`).toEqual(full);
          // …and computing only the variables a batch reads gives the same value.
          expect(buildVariables(project(d, only), { year, district: 'siming', tiers: [], only: [name] })).toEqual({ [name]: full });
          if (full !== null && full !== false) known++;
        }
      }
    }
    // The organisations have the data: most values are neither missing nor false.
    expect(known).toBeGreaterThan(names.length * docs.length / 2);
  });

  it('reads a previous year only for a variable about it, and no qualification unless one is named', () => {
    expect(factsOfVariables(['org.kind', 'fy.rdExpense', 'fy.rdIntensity'], 2025)).toEqual({ years: [2025], keys: ['rdExpense', 'revenue'], qualifications: [] });
    expect(factsOfVariables(['fy.rdIncreasePositive', 'holds.hnte', 'benefit.rd_super_deduction', 'and', '20亿元'], 2025))
      .toEqual({ years: [2024, 2025], keys: ['rdExpense'], keysOfYear: { 2024: ['rdExpense'] }, qualifications: ['hnte'] });
    // Of the previous year, only what is read of it.
    expect(factsOfVariables(['fy.revenueGrowth', 'fy.rdExpense', 'prev.employees'], 2025))
      .toEqual({ years: [2024, 2025], keys: ['revenue', 'rdExpense'], keysOfYear: { 2024: ['revenue', 'employees'] }, qualifications: [] });
  });

  it('reads everything for a tier result: the rulesets read nearly every fact', () => {
    expect(factsOfVariables(['fy.revenue', 'tier.hnte'], 2025)).toBeNull();
    // …which is why: a ruleset's verdict over a projection of the benefit's facts is not its verdict.
    const only = factsOfVariables(['fy.revenue'], 2025)!;
    const verdict = (d: FactsDoc) => evaluateAll(d, '2026-06-01', ['hnte'])[0].verdict;
    expect(docs.filter((d) => verdict(project(d, only)) !== verdict(d)).length).toBeGreaterThan(10);
  });
});
