// Golden cases at every threshold of the chain formulas (docs/chains.md).
import { describe, expect, it } from 'vitest';
import { bestLink, linkStrength, matchScore, MATCH, recommend, STRENGTH, suggestRole, targetScore, type LinkIndicators } from './chains.formula.ts';

const YI = 100_000_000 * 100;
const link = { id: 'L', depth: 0, codes: ['3841'], keywords: ['储能电池', '新型储能'], products: ['储能集装箱系统', '户用储能'] };
const none = { industryCode: null, keywords: [], mainProducts: [] };

describe('matching an organisation to a link', () => {
  it('a code alone (35) is not enough; a code and a keyword (55) are', () => {
    expect(matchScore({ ...none, industryCode: '3841' }, link).score).toBe(MATCH.code);
    expect(bestLink({ ...none, industryCode: '3841' }, [link])).toBeNull();
    const m = bestLink({ industryCode: '3841', keywords: ['新型储能'], mainProducts: [] }, [link]);
    expect(m?.score).toBe(55);
    expect(m?.evidence.map((e) => e.kind)).toEqual(['industry_code', 'keyword']);
  });

  it('one product and one keyword reach the threshold of 50 exactly; one product or two keywords do not', () => {
    expect(bestLink({ ...none, mainProducts: ['户用储能'] }, [link])).toBeNull();
    expect(bestLink({ ...none, keywords: ['储能电池', '新型储能'] }, [link])).toBeNull();
    expect(bestLink({ ...none, keywords: ['新型储能'], mainProducts: ['户用储能'] }, [link])?.score).toBe(MATCH.threshold);
  });

  it('counts the same industry group (first three digits) for 15, and matches terms by containment', () => {
    const m = matchScore({ industryCode: '3849', keywords: [], mainProducts: ['户用储能一体机'] }, link);
    expect(m.evidence).toEqual([
      { kind: 'industry_group', value: '3849', matched: '3841', weight: 15 },
      { kind: 'product', value: '户用储能一体机', matched: '户用储能', weight: 30 },
    ]);
    expect(m.score).toBe(45);
  });

  it('caps keywords at 40 and products at 60, and the total at 100', () => {
    const many = { id: 'M', depth: 0, codes: ['6513'], keywords: ['a1', 'a2', 'a3', 'a4'], products: ['p1', 'p2', 'p3'] };
    const m = matchScore({ industryCode: '6513', keywords: ['a1', 'a2', 'a3', 'a4'], mainProducts: ['p1', 'p2', 'p3'] }, many);
    expect(m.evidence.filter((e) => e.kind === 'keyword').reduce((s, e) => s + e.weight, 0)).toBe(40);
    expect(m.evidence.filter((e) => e.kind === 'product').reduce((s, e) => s + e.weight, 0)).toBe(60);
    expect(m.score).toBe(100);
  });

  it('places an organisation at a qualifying sub-link of its best link, even with a lower score', () => {
    const parent = { ...link, id: 'P' };
    const child = { id: 'C', parentId: 'P', depth: 1, codes: ['3841'], keywords: ['储能电芯'], products: [] };
    const org = { industryCode: '3841', keywords: ['新型储能', '储能电芯'], mainProducts: ['户用储能'] };
    expect(matchScore(org, parent).score).toBeGreaterThan(matchScore(org, child).score);
    expect(bestLink(org, [parent, child])?.linkId).toBe('C');
    // A sub-link below the threshold does not take it.
    expect(bestLink({ ...org, industryCode: null }, [parent, child])?.linkId).toBe('P');
  });

  it('prefers the higher score, then the more specific link', () => {
    const parent = { ...link, id: 'P' };
    const child = { ...link, id: 'C', depth: 1 };
    expect(bestLink({ industryCode: '3841', keywords: ['新型储能'], mainProducts: [] }, [parent, child])?.linkId).toBe('C');
  });
});

describe('suggesting a role', () => {
  const base = { kind: 'enterprise', industryCode: '3841', listed: false, revenue: 0, hnte: false, srdi: false };
  it('chain leader from 10 亿元 of revenue, or 5 亿元 when listed', () => {
    expect(suggestRole({ ...base, revenue: 10 * YI }).role).toBe('chain_leader');
    expect(suggestRole({ ...base, revenue: 10 * YI - 1 }).role).toBe('core_supplier');
    expect(suggestRole({ ...base, revenue: 5 * YI, listed: true }).role).toBe('chain_leader');
    expect(suggestRole({ ...base, revenue: 5 * YI - 1, listed: true }).role).toBe('core_supplier');
  });
  it('core supplier from 1 亿元, HNTE or SRDI; otherwise supporting; research and service bodies are service', () => {
    expect(suggestRole({ ...base, revenue: YI }).role).toBe('core_supplier');
    expect(suggestRole({ ...base, revenue: YI - 1 }).role).toBe('supporting');
    expect(suggestRole({ ...base, hnte: true }).role).toBe('core_supplier');
    expect(suggestRole({ ...base, srdi: true }).role).toBe('core_supplier');
    expect(suggestRole({ ...base, kind: 'institute' }).role).toBe('service');
    expect(suggestRole({ ...base, industryCode: '7320' }).role).toBe('service');
  });
});

describe('link strength', () => {
  const zero: LinkIndicators = { organisations: 0, revenue: 0, rdExpense: 0, rdRevenue: 0, hnte: 0, srdi: 0, classOneIp: 0, leaders: 0 };
  it('is missing with no local organisation', () => {
    expect(linkStrength(zero)).toMatchObject({ score: 0, cls: 'missing', rdIntensity: null });
  });
  it('is strong at 60 exactly and weak just below', () => {
    const at60 = { ...zero, organisations: 10, hnte: 5, srdi: 3, leaders: 1, classOneIp: 10 };
    expect(linkStrength(at60)).toMatchObject({ score: 60, cls: 'strong' });
    expect(linkStrength({ ...at60, classOneIp: 9 })).toMatchObject({ score: 59.5, cls: 'weak' });
    expect(STRENGTH.strongAt).toBe(60);
  });
  it('gives full points at each full mark and 100 in all', () => {
    const full = { organisations: 10, revenue: 50 * YI, rdExpense: 5, rdRevenue: 100, hnte: 5, srdi: 3, classOneIp: 20, leaders: 1 };
    const s = linkStrength(full);
    expect(s.score).toBe(100);
    expect(s.rdIntensity).toBe(0.05);
    expect(linkStrength({ ...zero, organisations: 1, rdExpense: 25, rdRevenue: 1000 }).parts.find((p) => p.key === 'rdIntensity')?.points).toBe(7.5);
    // Revenue counts on a log scale: 5 亿元 is about 8.9 of 20 points.
    expect(linkStrength({ ...zero, organisations: 1, revenue: 5 * YI }).parts.find((p) => p.key === 'revenue')?.points).toBe(9.1);
  });
});

describe('recommendations', () => {
  const parts = (over: Record<string, number>) => (['organisations', 'revenue', 'hnte', 'srdi', 'rdIntensity', 'classOneIp', 'leader'] as const)
    .map((key) => ({ key, max: 10, points: over[key] ?? 10 }));
  it('fill a missing link, strengthen a weak one naming its two weakest parts', () => {
    expect(recommend({ cls: 'missing', parts: parts({}) }, { stage: 'midstream', hasSupplier: true, hasCustomer: true }).action).toBe('fill');
    const r = recommend({ cls: 'weak', parts: parts({ leader: 0, rdIntensity: 2 }) }, { stage: 'midstream', hasSupplier: true, hasCustomer: true });
    expect(r.action).toBe('strengthen');
    expect(r.text.zh).toContain('缺少链主企业');
    expect(r.text.zh).toContain('研发投入强度低');
  });
  it('extend a strong link that has no customer (or supplier) on the map; otherwise keep', () => {
    expect(recommend({ cls: 'strong', parts: parts({}) }, { stage: 'midstream', hasSupplier: true, hasCustomer: false }).text.en).toContain('downstream');
    expect(recommend({ cls: 'strong', parts: parts({}) }, { stage: 'midstream', hasSupplier: false, hasCustomer: true }).text.en).toContain('upstream');
    expect(recommend({ cls: 'strong', parts: parts({}) }, { stage: 'downstream', hasSupplier: true, hasCustomer: false }).action).toBe('keep');
    expect(recommend({ cls: 'strong', parts: parts({}) }, { stage: 'upstream', hasSupplier: false, hasCustomer: true }).action).toBe('keep');
  });
});

describe('ranking investment targets', () => {
  const t = { status: 'lead' as const, revenue: null, plannedInvestment: null, hnte: false, listed: false, linkClass: 'strong' as const, suppliesStrong: [] };
  it('adds up named reasons', () => {
    const s = targetScore({ ...t, status: 'negotiating', revenue: 10 * YI, plannedInvestment: YI, hnte: true, listed: true, linkClass: 'missing', suppliesStrong: ['储能系统集成'] });
    expect(s.score).toBe(40 + 10 + 15 + 10 + 5 + 10 + 10);
    expect(s.reasons.reduce((n, r) => n + r.points, 0)).toBe(s.score);
  });
  it('ranks a target filling a missing link above one at a weak link, above one at a strong link', () => {
    const missing = targetScore({ ...t, linkClass: 'missing' }).score;
    const weak = targetScore({ ...t, linkClass: 'weak' }).score;
    const strong = targetScore({ ...t }).score;
    expect([missing, weak, strong]).toEqual([40, 25, 5]);
  });
  it('scores size and investment at their thresholds', () => {
    expect(targetScore({ ...t, revenue: YI }).score).toBe(5 + 8);
    expect(targetScore({ ...t, revenue: YI - 1 }).score).toBe(5);
    expect(targetScore({ ...t, plannedInvestment: YI / 10 }).score).toBe(5 + 5);
    expect(targetScore({ ...t, plannedInvestment: YI / 10 - 1 }).score).toBe(5);
  });
});
