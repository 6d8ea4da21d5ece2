// Golden cases for the digital-level questionnaire's scoring: every item rule at its band edges,
// every level at its threshold, and the dimension and total arithmetic.
import { describe, expect, it } from 'vitest';
import {
  allItems, checkAnswers, findQuestionnaire, LEVEL_BANDS_2022, LEVEL_RULE_2024, levelFor, migrateAnswers, percentFraction, scoreAnswers, type Answers,
} from './questionnaire.ts';

const q2024 = findQuestionnaire('2024-manufacturing')!;
const q2022 = findQuestionnaire('2022-manufacturing')!;

/** Every 2024 item at its best answer (percent 100, best option). */
function best(): Answers {
  return Object.fromEntries(allItems(q2024).map((i) => [i.key, i.type === 'percent' ? 100 : i.options!.at(-1)!.key]));
}
function dims2022(f: number, o: number, m: number, r: number): Answers {
  return { foundation_score: f, operations_score: o, management_score: m, results_score: r };
}

describe('the 2024 manufacturing table', () => {
  it('adds up to 100 points: foundation 50, management 30, results 20', () => {
    expect(q2024.dimensions.map((d) => [d.key, d.max, d.items.reduce((s, i) => s + i.points, 0)])).toEqual([
      ['foundation', 50, 50], ['management', 30, 30], ['results', 20, 20],
    ]);
    expect(q2024.scenarios).toHaveLength(15);
    expect(q2024.levelRule.official).toBe(false);
    expect(q2022.levelRule.official).toBe(true);
  });

  it('scores percentage items by the bands [0,10] 0 · (10,20] 25% · (20,40] 50% · (40,60] 75% · (60,100] 100%', () => {
    const cases: [number, number][] = [[0, 0], [10, 0], [10.01, 0.25], [20, 0.25], [20.01, 0.5], [40, 0.5], [40.01, 0.75], [60, 0.75], [60.01, 1], [100, 1]];
    for (const [pct, f] of cases) expect(percentFraction(pct), `${pct}%`).toBe(f);
    // Through an item: equipment digitisation is worth 6 points.
    expect(scoreAnswers(q2024, { equipment_digitisation: 20 }).dimensions[0].items.find((i) => i.key === 'equipment_digitisation')!.points).toBe(1.5);
    expect(scoreAnswers(q2024, { equipment_digitisation: 20.5 }).dimensions[0].items.find((i) => i.key === 'equipment_digitisation')!.points).toBe(3);
  });

  it('scores "compared with before" items worse / flat / better as 0 / 50% / 100%', () => {
    const pts = (v: string) => scoreAnswers(q2024, { energy_per_revenue: v }).dimensions[2].score;
    expect([pts('worse'), pts('flat'), pts('better')]).toEqual([0, 3.5, 7]);
  });

  it('best answers everywhere give 100 points and level 4', () => {
    const r = scoreAnswers(q2024, best());
    expect(r).toMatchObject({ total: 100, level: 4, complete: true, missing: [] });
    expect(r.dimensions.map((d) => d.ratio)).toEqual([1, 1, 1]);
  });

  it('reaches exactly 80 (level 4), and 76.25 (level 3)', () => {
    // Foundation 30 of 50: network partial 4 + digitisation 6 + networking 5% → 0 + data collection 5% → 0 + systems 10 + security 10.
    const a: Answers = { ...best(), network: 'partial', equipment_networking: 5, data_collection: 5 };
    const r = scoreAnswers(q2024, a);
    expect(r.dimensions.map((d) => d.score)).toEqual([30, 30, 20]);
    expect(r.total).toBe(80);
    expect(r.level).toBe(4);
    const below = scoreAnswers(q2024, { ...a, planning: 'partial', management_systems: 'advanced' }); // planning 7.5 → 3.75
    expect(below.total).toBe(76.25);
    expect(below.level).toBe(3);
  });

  it('lists unanswered items and scores them 0', () => {
    const r = scoreAnswers(q2024, { network: 'advanced' });
    expect(r.complete).toBe(false);
    expect(r.missing).toHaveLength(allItems(q2024).length - 1);
    expect(r.total).toBe(8);
    expect(r.level).toBe(1);
  });
});

describe('levels at every threshold (2022 bands 40/60/80; a total on a bound takes the higher level)', () => {
  const golden: [number, number][] = [[0, 1], [19.999, 1], [20, 1], [39.999, 1], [40, 2], [59.999, 2], [60, 3], [79.999, 3], [80, 4], [100, 4]];
  for (const [total, level] of golden) {
    it(`${total} points → level ${level}`, () => {
      expect(levelFor(total, LEVEL_BANDS_2022)).toBe(level);
      expect(levelFor(total, LEVEL_RULE_2024)).toBe(level);
    });
  }

  it('the edge is a parameter: with "lower", exactly 40/60/80 stay in the lower level', () => {
    const lower = { ...LEVEL_BANDS_2022, edge: 'lower' as const };
    expect([40, 40.001, 60, 60.001, 80, 80.001].map((t) => levelFor(t, lower))).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('through the 2022 form (scores by dimension): 39.99 → 1, 40 → 2, 59.99 → 2, 60 → 3, 79.99 → 3, 80 → 4', () => {
    const totals: [Answers, number, number][] = [
      [dims2022(10, 10, 10, 9.99), 39.99, 1], [dims2022(10, 10, 10, 10), 40, 2],
      [dims2022(15, 15, 15, 14.99), 59.99, 2], [dims2022(15, 15, 15, 15), 60, 3],
      [dims2022(20, 20, 20, 19.99), 79.99, 3], [dims2022(20, 20, 20, 20), 80, 4],
    ];
    for (const [a, total, level] of totals) {
      const r = scoreAnswers(q2022, a);
      expect(r.total).toBe(total);
      expect(r.level, `${total}`).toBe(level);
    }
  });
});

describe('answer checks', () => {
  it('names the item whose answer is out of range, and what it accepts', () => {
    expect(checkAnswers(q2024, { equipment_digitisation: 101 })).toEqual([
      expect.objectContaining({ key: 'equipment_digitisation', code: 'out_of_range', label: expect.objectContaining({ zh: '生产设备数字化率' }) }),
    ]);
    expect(checkAnswers(q2024, { equipment_digitisation: -1 })[0].code).toBe('out_of_range');
    expect(checkAnswers(q2024, { network: 'fibre' })[0]).toMatchObject({ key: 'network', code: 'out_of_range' });
    expect(checkAnswers(q2024, { network: 3 })[0]).toMatchObject({ key: 'network', code: 'out_of_range' });
    expect(checkAnswers(q2024, { nonsense: 1 })[0]).toMatchObject({ key: 'nonsense', code: 'unknown_item' });
    expect(checkAnswers(q2022, { foundation_score: 25.01 })[0]).toMatchObject({ key: 'foundation_score', code: 'out_of_range' });
    expect(checkAnswers(q2024, {}, { quality: 5 })[0]).toMatchObject({ key: 'quality', code: 'out_of_range', section: 'scenarioLevels' });
    expect(checkAnswers(q2024, {}, { quality: 2.5 })[0]).toMatchObject({ code: 'out_of_range' });
    expect(checkAnswers(q2024, best(), { quality: 1, energy: 4 })).toEqual([]);
  });

  it('a migration keeps answers that fit the new version and returns the rest', () => {
    const m = migrateAnswers(q2022, q2024, dims2022(10, 10, 10, 10), {});
    expect(m.answers).toEqual({});
    expect(m.dropped.sort()).toEqual(['foundation_score', 'management_score', 'operations_score', 'results_score']);
  });
});
