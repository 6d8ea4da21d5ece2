import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FactsDocSchema } from './facts-doc.ts';
import { gapsOf } from './gaps.ts';
import { evaluateAll } from './index.ts';

const base = (file: string) => FactsDocSchema.parse(parse(readFileSync(new URL(`./cases/${file}`, import.meta.url), 'utf8')).base);

describe('gap analysis', () => {
  it('lists failed conditions, but not scored indicators that earned few points', () => {
    const doc = base('srdi_sme.yaml');
    // A loss and a 100 % debt ratio earn 0 points on the margin and debt indicators.
    for (const y of doc.years) {
      y.netProfit = -100;
      if (y.totalAssets != null) y.totalLiabilities = y.totalAssets;
    }
    const [srdi] = evaluateAll(doc, '2025-06-01', ['srdi_sme']);
    const zeroIndicators = srdi.criteria.filter((c) => c.indicator && c.verdict === 'fail');
    expect(zeroIndicators.length).toBeGreaterThan(0);
    const g = gapsOf(srdi);
    const listed = [...g.gaps.map((x) => x.criterion), ...g.blockers.map((x) => x.criterion)];
    for (const c of zeroIndicators) expect(listed).not.toContain(c.id);
  });

  it('keeps a score with its own pass mark as a failed condition', () => {
    const doc = base('hnte.yaml');
    doc.expert['hnte.rdManagement'] = 0;
    for (const y of doc.years) y.achievementsConverted = 0;
    const [hnte] = evaluateAll(doc, '2026-06-01', ['hnte']);
    expect(hnte.criteria.find((c) => c.id === 'HNTE-07')?.verdict).toBe('fail');
    const g = gapsOf(hnte);
    expect([...g.gaps.map((x) => x.criterion), ...g.blockers.map((x) => x.criterion)]).toContain('HNTE-07');
  });
});
