// The chain-map formulas, pure (no I/O) so that golden tests can pin every threshold:
// suggesting an organisation's link, the link strength score and class, the recommendation
// per link, and the ranking of investment targets. Documented in docs/chains.md.

// ---------- suggesting organisations for links ----------

export interface MatchLink {
  id: string;
  parentId?: string | null;
  depth: number;
  codes: string[];
  keywords: string[];
  products: string[];
}

export interface MatchOrg {
  industryCode: string | null;
  keywords: string[];
  mainProducts: string[];
}

export interface MatchEvidence {
  kind: 'industry_code' | 'industry_group' | 'keyword' | 'product';
  value: string;
  matched: string;
  weight: number;
}

export const MATCH = {
  code: 35,
  group: 15,
  keyword: 20,
  keywordCap: 40,
  product: 30,
  productCap: 60,
  /** A suggestion needs this much: a code alone (35) or one product alone (30) is not enough. */
  threshold: 50,
} as const;

/** Two terms match when equal or one contains the other (both at least two characters). */
function termsMatch(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return false;
  return a === b || a.includes(b) || b.includes(a);
}

/** Score of one organisation against one link, with the evidence behind it (0–100). */
export function matchScore(org: MatchOrg, link: MatchLink): { score: number; evidence: MatchEvidence[] } {
  const evidence: MatchEvidence[] = [];
  const code = org.industryCode;
  if (code && link.codes.includes(code)) evidence.push({ kind: 'industry_code', value: code, matched: code, weight: MATCH.code });
  else if (code && code.length === 4) {
    const g = link.codes.find((c) => c.slice(0, 3) === code.slice(0, 3));
    if (g) evidence.push({ kind: 'industry_group', value: code, matched: g, weight: MATCH.group });
  }
  const orgTerms = [...org.keywords, ...org.mainProducts];
  let kw = 0;
  for (const k of link.keywords) {
    if (kw >= MATCH.keywordCap) break;
    const hit = orgTerms.find((t) => termsMatch(t, k));
    if (hit) {
      const w = Math.min(MATCH.keyword, MATCH.keywordCap - kw);
      evidence.push({ kind: 'keyword', value: hit, matched: k, weight: w });
      kw += w;
    }
  }
  let pr = 0;
  for (const p of link.products) {
    if (pr >= MATCH.productCap) break;
    const hit = org.mainProducts.find((t) => termsMatch(t, p));
    if (hit) {
      const w = Math.min(MATCH.product, MATCH.productCap - pr);
      evidence.push({ kind: 'product', value: hit, matched: p, weight: w });
      pr += w;
    }
  }
  return { score: Math.min(100, evidence.reduce((s, e) => s + e.weight, 0)), evidence };
}

/**
 * The best link of a chain for an organisation, if any reaches the threshold: the highest
 * score (then the more specific link); and when a sub-link of that link also qualifies, the
 * best such sub-link, since it places the organisation more precisely (the parent's figures
 * include its sub-links anyway).
 */
export function bestLink(org: MatchOrg, links: MatchLink[]): { linkId: string; score: number; evidence: MatchEvidence[] } | null {
  const qualifying = links.map((l) => ({ l, m: matchScore(org, l) })).filter((x) => x.m.score >= MATCH.threshold);
  const better = (a: (typeof qualifying)[number], b: (typeof qualifying)[number] | undefined) => !b || a.m.score > b.m.score || (a.m.score === b.m.score && a.l.depth > b.l.depth);
  let best: (typeof qualifying)[number] | undefined;
  for (const q of qualifying) if (better(q, best)) best = q;
  for (let moved = true; best && moved;) {
    moved = false;
    let child: (typeof qualifying)[number] | undefined;
    for (const q of qualifying) if (q.l.parentId === best.l.id && better(q, child)) child = q;
    if (child) { best = child; moved = true; }
  }
  return best ? { linkId: best.l.id, score: best.m.score, evidence: best.m.evidence } : null;
}

// ---------- suggesting the role ----------

export type LinkRole = 'chain_leader' | 'core_supplier' | 'supporting' | 'service';
const YI = 100_000_000 * 100; // 1 亿元 in fen

export interface RoleFacts {
  kind: string;
  industryCode: string | null;
  listed: boolean;
  /** Latest year's revenue in fen. */
  revenue: number | null;
  hnte: boolean;
  srdi: boolean;
}

/** Chain leader: revenue ≥ 10 亿元, or listed with ≥ 5 亿元; core supplier: HNTE, SRDI or ≥ 1 亿元; service: research, platform and fund bodies or a section-M code; else supporting. */
export function suggestRole(o: RoleFacts): { role: LinkRole; reason: { zh: string; en: string } } {
  const rev = o.revenue ?? 0;
  if (o.kind === 'enterprise' && (rev >= 10 * YI || (o.listed && rev >= 5 * YI))) {
    return { role: 'chain_leader', reason: { zh: `营业收入 ${(rev / YI).toFixed(1)} 亿元${o.listed ? '，上市企业' : ''}`, en: `revenue ¥${Math.round((rev / YI) * 100)}M${o.listed ? ', listed' : ''}` } };
  }
  const serviceCode = !!o.industryCode && /^7[3-5]/.test(o.industryCode);
  if (o.kind !== 'enterprise' || serviceCode) return { role: 'service', reason: { zh: '科研、平台、投资机构或科技服务业', en: 'research, platform or investment body, or S&T services' } };
  if (o.hnte || o.srdi || rev >= YI) {
    const why = [o.hnte && '高新技术企业', o.srdi && '专精特新', rev >= YI && `营业收入 ${(rev / YI).toFixed(1)} 亿元`].filter(Boolean).join('、');
    const whyEn = [o.hnte && 'HNTE', o.srdi && 'SRDI', rev >= YI && `revenue ¥${Math.round((rev / YI) * 100)}M`].filter(Boolean).join(', ');
    return { role: 'core_supplier', reason: { zh: why, en: whyEn } };
  }
  return { role: 'supporting', reason: { zh: '本地配套企业', en: 'local supporting firm' } };
}

// ---------- link strength ----------

export interface LinkIndicators {
  organisations: number;
  /** fen */
  revenue: number;
  /** fen */
  rdExpense: number;
  /** Revenue of the organisations that reported R&D (the intensity's denominator), fen. */
  rdRevenue: number;
  hnte: number;
  srdi: number;
  classOneIp: number;
  leaders: number;
}

export const STRENGTH = {
  organisations: { points: 20, full: 10 },
  revenue: { points: 20, fullYi: 50 },
  hnte: { points: 15, full: 5 },
  srdi: { points: 10, full: 3 },
  rdIntensity: { points: 15, full: 0.05 },
  classOneIp: { points: 10, full: 20 },
  leader: { points: 10 },
  strongAt: 60,
} as const;

export type StrengthClass = 'strong' | 'weak' | 'missing';

export interface StrengthPart {
  key: keyof typeof STRENGTH extends infer K ? Exclude<K, 'strongAt'> : never;
  points: number;
  max: number;
}

/** Strength 0–100 of a link from its local organisations; missing when it has none. */
export function linkStrength(x: LinkIndicators): { score: number; cls: StrengthClass; parts: StrengthPart[]; rdIntensity: number | null } {
  const frac = (v: number, full: number) => Math.max(0, Math.min(1, v / full));
  const yi = x.revenue / YI;
  const rdIntensity = x.rdRevenue > 0 ? x.rdExpense / x.rdRevenue : null;
  const parts: StrengthPart[] = [
    { key: 'organisations', max: STRENGTH.organisations.points, points: STRENGTH.organisations.points * frac(x.organisations, STRENGTH.organisations.full) },
    { key: 'revenue', max: STRENGTH.revenue.points, points: STRENGTH.revenue.points * Math.min(1, Math.log10(1 + Math.max(0, yi)) / Math.log10(1 + STRENGTH.revenue.fullYi)) },
    { key: 'hnte', max: STRENGTH.hnte.points, points: STRENGTH.hnte.points * frac(x.hnte, STRENGTH.hnte.full) },
    { key: 'srdi', max: STRENGTH.srdi.points, points: STRENGTH.srdi.points * frac(x.srdi, STRENGTH.srdi.full) },
    { key: 'rdIntensity', max: STRENGTH.rdIntensity.points, points: STRENGTH.rdIntensity.points * frac(rdIntensity ?? 0, STRENGTH.rdIntensity.full) },
    { key: 'classOneIp', max: STRENGTH.classOneIp.points, points: STRENGTH.classOneIp.points * frac(x.classOneIp, STRENGTH.classOneIp.full) },
    { key: 'leader', max: STRENGTH.leader.points, points: x.leaders > 0 ? STRENGTH.leader.points : 0 },
  ];
  for (const p of parts) p.points = Math.round(p.points * 10) / 10;
  const score = Math.round(parts.reduce((s, p) => s + p.points, 0) * 10) / 10;
  const cls: StrengthClass = x.organisations === 0 ? 'missing' : score >= STRENGTH.strongAt ? 'strong' : 'weak';
  return { score, cls, parts, rdIntensity };
}

// ---------- recommendation ----------

export type Action = 'strengthen' | 'fill' | 'extend' | 'keep';

const PART_TEXT: Record<StrengthPart['key'], { zh: string; en: string }> = {
  organisations: { zh: '本地企业数量少', en: 'few local organisations' },
  revenue: { zh: '产业规模小', en: 'small revenue' },
  hnte: { zh: '高新技术企业少', en: 'few high-tech enterprises' },
  srdi: { zh: '专精特新企业少', en: 'few SRDI enterprises' },
  rdIntensity: { zh: '研发投入强度低', en: 'low R&D intensity' },
  classOneIp: { zh: 'Ⅰ类知识产权少', en: 'little Class I IP' },
  leader: { zh: '缺少链主企业', en: 'no chain leader' },
};

/**
 * Missing → fill (attract firms); weak → strengthen, naming the two weakest parts; strong with
 * no customer link on the map (and not downstream) → extend downstream, or with no supplier
 * link (and not upstream) → extend upstream; otherwise keep.
 */
export function recommend(
  s: { cls: StrengthClass; parts: StrengthPart[] },
  link: { stage: 'upstream' | 'midstream' | 'downstream'; hasSupplier: boolean; hasCustomer: boolean },
): { action: Action; text: { zh: string; en: string } } {
  if (s.cls === 'missing') return { action: 'fill', text: { zh: '补链：本地尚无企业，按图招引目标企业。', en: 'Fill: no local organisation yet; attract targets for this link.' } };
  if (s.cls === 'weak') {
    const weakest = [...s.parts].sort((a, b) => a.points / a.max - b.points / b.max).slice(0, 2).map((p) => PART_TEXT[p.key]);
    return { action: 'strengthen', text: { zh: `强链：${weakest.map((w) => w.zh).join('、')}；培育后备企业并引进龙头。`, en: `Strengthen: ${weakest.map((w) => w.en).join(', ')}; cultivate the reserve pool and attract a leader.` } };
  }
  if (!link.hasCustomer && link.stage !== 'downstream') return { action: 'extend', text: { zh: '延链：本环节较强，但图谱中没有其下游环节，可向下游应用延伸。', en: 'Extend: strong, but the map has no customer link for it; extend downstream.' } };
  if (!link.hasSupplier && link.stage !== 'upstream') return { action: 'extend', text: { zh: '延链：本环节较强，但图谱中没有其上游供应环节，可向上游材料、部件延伸。', en: 'Extend: strong, but the map has no supplier link for it; extend upstream.' } };
  return { action: 'keep', text: { zh: '优势环节：保持，关注后备企业梯次培育。', en: 'Strong: keep it up and cultivate the reserve pool.' } };
}

// ---------- ranking investment targets ----------

export interface TargetFacts {
  status: 'lead' | 'contacted' | 'negotiating' | 'landed' | 'dropped';
  /** fen */
  revenue: number | null;
  /** fen */
  plannedInvestment: number | null;
  hnte: boolean;
  listed: boolean;
  linkClass: StrengthClass;
  /** Names of strong local links this target's link supplies (supply edges). */
  suppliesStrong: string[];
}

export interface Reason {
  points: number;
  zh: string;
  en: string;
}

/** Points with reasons; the ranking sorts by points (landed and dropped targets are not ranked). */
export function targetScore(t: TargetFacts): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  if (t.linkClass === 'missing') reasons.push({ points: 40, zh: '填补缺失环节', en: 'fills a missing link' });
  else if (t.linkClass === 'weak') reasons.push({ points: 25, zh: '补强薄弱环节', en: 'strengthens a weak link' });
  else reasons.push({ points: 5, zh: '环节已较强', en: 'link already strong' });
  if (t.suppliesStrong.length) reasons.push({ points: 10, zh: `配套本地优势环节：${t.suppliesStrong.slice(0, 2).join('、')}`, en: `supplies strong local links: ${t.suppliesStrong.slice(0, 2).join(', ')}` });
  const rev = t.revenue ?? 0;
  if (rev >= 10 * YI) reasons.push({ points: 15, zh: '营业收入 ≥ 10 亿元', en: 'revenue ≥ ¥1bn' });
  else if (rev >= YI) reasons.push({ points: 8, zh: '营业收入 ≥ 1 亿元', en: 'revenue ≥ ¥100M' });
  if (t.hnte) reasons.push({ points: 10, zh: '高新技术企业', en: 'high-tech enterprise' });
  if (t.listed) reasons.push({ points: 5, zh: '上市企业', en: 'listed' });
  const inv = t.plannedInvestment ?? 0;
  if (inv >= YI) reasons.push({ points: 10, zh: '拟投资 ≥ 1 亿元', en: 'planned investment ≥ ¥100M' });
  else if (inv >= YI / 10) reasons.push({ points: 5, zh: '拟投资 ≥ 1,000 万元', en: 'planned investment ≥ ¥10M' });
  if (t.status === 'negotiating') reasons.push({ points: 10, zh: '已进入洽谈', en: 'in negotiation' });
  else if (t.status === 'contacted') reasons.push({ points: 5, zh: '已接触', en: 'contacted' });
  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons };
}
