import { describe, expect, it } from 'vitest';
import { buildCorpus, budgetFit, match, matchNaive, trlFit, type MatchItem } from './market.match.ts';
import { FIELDS } from './market.schema.ts';
import { rng } from '../../lib/rng.ts';

describe('fit functions at their edges', () => {
  it('TRL: full at or above the minimum, a third less per level short, never negative', () => {
    expect([trlFit(6, 6), trlFit(9, 1), trlFit(5, 6), trlFit(4, 6), trlFit(3, 6), trlFit(1, 9)].map((x) => Math.round(x * 1000) / 1000)).toEqual([1, 1, 0.667, 0.333, 0, 0]);
  });
  it('budget: full within the budget, zero at twice it, half when negotiable', () => {
    expect([budgetFit(100, 100), budgetFit(150, 100), budgetFit(200, 100), budgetFit(300, 100), budgetFit(null, 100), budgetFit(1, 0)]).toEqual([1, 0.5, 0, 0, 0.5, 0]);
  });
});

const WORDS = ['储能', '电池', '预警', '材料', '芯片', '检测', '算法', '制剂', '工艺', '传感器', '光伏', '机器人'];
function corpus(n: number): MatchItem[] {
  const r = rng(7);
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`, title: `t${i}`, tokens: WORDS.filter(() => r() < 0.25), field: FIELDS[Math.floor(r() * FIELDS.length)],
    chainLinkId: r() < 0.5 ? `l${Math.floor(r() * 10)}` : null, chainId: null, trl: 1 + Math.floor(r() * 9), moneyFen: r() < 0.2 ? null : Math.floor(r() * 1000),
  })).map((it) => ({ ...it, chainId: it.chainLinkId ? `c${Number(it.chainLinkId.slice(1)) % 3}` : null }));
}

describe('the matcher', () => {
  it('ranks exactly as the naive baseline does, both ways', () => {
    const items = corpus(2000);
    const c = buildCorpus(items);
    const q = { words: ['储能', '电池', '芯片', '不存在'], field: 'new_energy' as const, chainLinkId: 'l3', chainId: 'c0', trl: 6, moneyFen: 500 };
    for (const dir of ['achievements', 'demands'] as const) {
      const fast = match(c, q, dir, { limit: 30 });
      const slow = matchNaive(items, q, dir, 30);
      expect(fast).toHaveLength(30);
      // Explained scores are sums of points rounded to 0.1, so compare within rounding.
      fast.forEach((x, i) => expect(Math.abs(x.score - slow[i].score)).toBeLessThan(0.35));
      expect(fast[0].id).toBe(slow[0].id);
      for (const r of fast) expect(Math.abs(r.factors.reduce((s, f) => s + f.points, 0) - r.score)).toBeLessThan(0.3);
    }
  });

  it('counts only the factors asked, so a perfect match on them scores 100', () => {
    const c = buildCorpus([{ id: 'x', title: 'x', tokens: ['储能'], field: 'new_energy', chainLinkId: null, chainId: null, trl: 7, moneyFen: null }]);
    const [r] = match(c, { words: ['储能'], field: 'new_energy' }, 'achievements');
    expect(r.score).toBe(100);
    expect(r.factors.filter((f) => f.asked).map((f) => f.factor)).toEqual(['text', 'field']);
    expect(match(c, { words: [] }, 'achievements')).toEqual([]);
  });
});
