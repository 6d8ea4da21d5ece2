// The matcher: pure and in memory (no database, no I/O). A corpus of listings (achievements, or
// demands) is built once into columns and an inverted index of jieba tokens; a query (a demand
// looking for achievements, or an achievement looking for demands) is scored against every
// listing in one pass, and only the top few are explained factor by factor.
//
// Score (0–100) = Σ weight × fit over the factors the query asks about, divided by the sum of
// those weights. Factors and fits:
//   text   IDF-weighted share of the query's words found in the listing (jieba, search mode)
//   field  1 when the high-tech field is the same, else 0
//   chain  1 for the same chain link, 0.5 for another link of the same chain, else 0
//   trl    1 when the achievement's readiness reaches the demand's minimum; −1/3 per level short
//   budget 1 when the asking price (its lower end) fits the budget; falls linearly to 0 at twice
//          the budget; 0.5 when the price is negotiable
// The weights are the platform's own choice (no official numbers exist), in MATCH_WEIGHTS.
import { FIELDS, FIELD_NAMES } from './market.schema.ts';

export const MATCH_WEIGHTS = { text: 40, field: 15, chain: 20, trl: 15, budget: 10 } as const;
export type Factor = keyof typeof MATCH_WEIGHTS;
export const FACTORS = Object.keys(MATCH_WEIGHTS) as Factor[];

/** One listing as the matcher sees it. `tokens` are index tokens (indexTokens of its text). */
export interface MatchItem {
  id: string;
  title: string;
  tokens: readonly string[];
  field: (typeof FIELDS)[number];
  chainLinkId: string | null;
  chainId: string | null;
  /** Achievement: its TRL. Demand: the lowest TRL it accepts. */
  trl: number;
  /** Achievement: the lower end of its asking price (null = negotiable). Demand: its budget (null = open). */
  moneyFen: number | null;
}

export interface MatchQuery {
  /** Query words (queryTokens of the text). */
  words: readonly string[];
  field?: (typeof FIELDS)[number] | null;
  chainLinkId?: string | null;
  chainId?: string | null;
  trl?: number | null;
  moneyFen?: number | null;
}

/** `achievements`: the query is a demand (or a buyer's search); `demands`: the query is an achievement. */
export type Direction = 'achievements' | 'demands';

export interface FactorResult {
  factor: Factor;
  weight: number;
  /** Whether the query asked about this factor; factors not asked count for nothing either way. */
  asked: boolean;
  /** 0–1. */
  fit: number;
  /** Points this factor adds to the 0–100 score. */
  points: number;
  detail: { zh: string; en: string };
}

export interface MatchResult {
  id: string;
  title: string;
  score: number;
  factors: FactorResult[];
}

export interface Corpus {
  size: number;
  items: MatchItem[];
  field: Uint8Array;
  link: Int32Array;
  chain: Int32Array;
  trl: Uint8Array;
  money: Float64Array;
  linkIds: Map<string, number>;
  chainIds: Map<string, number>;
  /** token → ascending item indexes. */
  postings: Map<string, Int32Array>;
}

export function buildCorpus(items: MatchItem[]): Corpus {
  const size = items.length;
  const field = new Uint8Array(size);
  const link = new Int32Array(size).fill(-1);
  const chain = new Int32Array(size).fill(-1);
  const trl = new Uint8Array(size);
  const money = new Float64Array(size);
  const linkIds = new Map<string, number>();
  const chainIds = new Map<string, number>();
  const lists = new Map<string, number[]>();
  const intern = (m: Map<string, number>, k: string) => m.get(k) ?? (m.set(k, m.size), m.size - 1);
  for (let i = 0; i < size; i++) {
    const it = items[i];
    field[i] = FIELDS.indexOf(it.field);
    if (it.chainLinkId) link[i] = intern(linkIds, it.chainLinkId);
    if (it.chainId) chain[i] = intern(chainIds, it.chainId);
    trl[i] = it.trl;
    money[i] = it.moneyFen ?? Number.NaN;
    for (const t of new Set(it.tokens)) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = []));
      l.push(i);
    }
  }
  const postings = new Map<string, Int32Array>();
  for (const [t, l] of lists) postings.set(t, Int32Array.from(l));
  return { size, items, field, link, chain, trl, money, linkIds, chainIds, postings };
}

function idf(corpus: Corpus, word: string): number {
  const df = corpus.postings.get(word)?.length ?? 0;
  return Math.log(1 + corpus.size / (1 + df));
}

/** TRL fit: the achievement's level against the demand's minimum. */
export function trlFit(achievementTrl: number, demandMin: number): number {
  if (achievementTrl >= demandMin) return 1;
  return Math.max(0, 1 - (demandMin - achievementTrl) / 3);
}

/** Budget fit: the asking price (lower end; null = negotiable) against the budget. */
export function budgetFit(priceFen: number | null, budgetFen: number): number {
  if (priceFen === null || Number.isNaN(priceFen)) return 0.5;
  if (priceFen <= budgetFen) return 1;
  if (budgetFen <= 0) return 0;
  return Math.max(0, 1 - (priceFen - budgetFen) / budgetFen);
}

interface Prepared {
  words: { word: string; idf: number; postings: Int32Array | undefined }[];
  idfTotal: number;
  field: number;
  link: number;
  chain: number;
  asked: Record<Factor, boolean>;
  askedWeight: number;
}

function prepare(corpus: Corpus, q: MatchQuery): Prepared {
  const words = [...new Set(q.words)].map((word) => ({ word, idf: idf(corpus, word), postings: corpus.postings.get(word) }));
  const idfTotal = words.reduce((s, w) => s + w.idf, 0);
  const asked: Record<Factor, boolean> = {
    text: words.length > 0,
    field: !!q.field,
    chain: !!(q.chainLinkId || q.chainId),
    trl: q.trl != null,
    budget: q.moneyFen != null,
  };
  const askedWeight = FACTORS.reduce((s, f) => s + (asked[f] ? MATCH_WEIGHTS[f] : 0), 0);
  return {
    words, idfTotal, asked, askedWeight,
    field: q.field ? FIELDS.indexOf(q.field) : -1,
    // An id the corpus has never seen can still match nothing: -2 never equals a stored index.
    link: q.chainLinkId ? (corpus.linkIds.get(q.chainLinkId) ?? -2) : -2,
    chain: q.chainId ? (corpus.chainIds.get(q.chainId) ?? -2) : -2,
  };
}

/**
 * Scores every listing and returns the best `limit` (score > 0, ties by corpus order), each
 * explained factor by factor.
 */
export function match(corpus: Corpus, q: MatchQuery, direction: Direction, opts: { limit?: number; minScore?: number } = {}): MatchResult[] {
  const limit = opts.limit ?? 20;
  const minScore = opts.minScore ?? 0;
  const p = prepare(corpus, q);
  if (p.askedWeight === 0 || corpus.size === 0) return [];
  const n = corpus.size;
  // Text: accumulate IDF over the postings of the query's words.
  const text = new Float64Array(n);
  if (p.asked.text && p.idfTotal > 0) {
    for (const w of p.words) {
      if (!w.postings) continue;
      const add = w.idf / p.idfTotal;
      for (let k = 0; k < w.postings.length; k++) text[w.postings[k]] += add;
    }
  }
  const W = MATCH_WEIGHTS;
  const qTrl = q.trl ?? 0;
  const qMoney = q.moneyFen ?? 0;
  const scale = 100 / p.askedWeight;
  // Top-k by a bounded insertion list (k is small).
  const topIdx: number[] = [];
  const topScore: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    if (p.asked.text) s += W.text * text[i];
    if (p.asked.field && corpus.field[i] === p.field) s += W.field;
    if (p.asked.chain) {
      if (corpus.link[i] === p.link) s += W.chain;
      else if (corpus.chain[i] === p.chain) s += W.chain * 0.5;
    }
    if (p.asked.trl) s += W.trl * (direction === 'achievements' ? trlFit(corpus.trl[i], qTrl) : trlFit(qTrl, corpus.trl[i]));
    if (p.asked.budget) {
      const m = corpus.money[i];
      s += W.budget * (direction === 'achievements' ? budgetFit(m, qMoney) : Number.isNaN(m) ? 0 : budgetFit(qMoney, m));
    }
    s *= scale;
    if (s <= 0 || s < minScore) continue;
    if (topIdx.length === limit && s <= topScore[limit - 1]) continue;
    let j = topIdx.length < limit ? topIdx.length : limit - 1;
    while (j > 0 && topScore[j - 1] < s) {
      topScore[j] = topScore[j - 1];
      topIdx[j] = topIdx[j - 1];
      j--;
    }
    topScore[j] = s;
    topIdx[j] = i;
  }
  // Shown scores are sums of rounded points: order by them (stable), so the list reads in order.
  return topIdx.map((i) => explain(corpus, p, q, direction, i)).sort((a, b) => b.score - a.score);
}

/** One listing (by corpus index) scored and explained against a query; null when nothing was asked. */
export function scoreOne(corpus: Corpus, q: MatchQuery, direction: Direction, index: number): MatchResult | null {
  const p = prepare(corpus, q);
  if (p.askedWeight === 0) return null;
  return explain(corpus, p, q, direction, index);
}

function has(postings: Int32Array | undefined, i: number): boolean {
  if (!postings) return false;
  let lo = 0;
  let hi = postings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = postings[mid];
    if (v === i) return true;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const wan = (fen: number) => (fen / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

function explain(corpus: Corpus, p: Prepared, q: MatchQuery, direction: Direction, i: number): MatchResult {
  const it = corpus.items[i];
  const scale = 100 / p.askedWeight;
  const factors: FactorResult[] = [];
  const push = (factor: Factor, fit: number, detail: { zh: string; en: string }) => {
    const asked = p.asked[factor];
    factors.push({ factor, weight: MATCH_WEIGHTS[factor], asked, fit: asked ? round1(fit * 100) / 100 : 0, points: asked ? round1(MATCH_WEIGHTS[factor] * fit * scale) : 0, detail });
  };
  // text
  const found = p.words.filter((w) => has(w.postings, i));
  const textFit = p.idfTotal > 0 ? found.reduce((s, w) => s + w.idf, 0) / p.idfTotal : 0;
  push('text', textFit, p.asked.text
    ? { zh: found.length ? `命中关键词：${found.map((w) => w.word).join('、')}（${found.length}/${p.words.length}）` : `未命中关键词（共 ${p.words.length} 个）`,
        en: found.length ? `Matched words: ${found.map((w) => w.word).join(', ')} (${found.length}/${p.words.length})` : `No query word found (${p.words.length} asked)` }
    : { zh: '未提供关键词', en: 'No words given' });
  // field
  const f = FIELD_NAMES[it.field];
  push('field', corpus.field[i] === p.field ? 1 : 0, !p.asked.field ? { zh: '未指定领域', en: 'No field given' }
    : corpus.field[i] === p.field ? { zh: `同属“${f.zh}”领域`, en: `Same field: ${f.en}` } : { zh: `领域不同（${f.zh}）`, en: `Different field (${f.en})` });
  // chain
  const sameLink = corpus.link[i] === p.link;
  const sameChain = !sameLink && corpus.chain[i] === p.chain;
  push('chain', sameLink ? 1 : sameChain ? 0.5 : 0, !p.asked.chain ? { zh: '未指定产业链环节', en: 'No chain link given' }
    : sameLink ? { zh: '同一产业链环节', en: 'Same chain link' } : sameChain ? { zh: '同一产业链的其他环节', en: 'Another link of the same chain' } : { zh: '不在同一产业链', en: 'Not on the same chain' });
  // trl
  const achTrl = direction === 'achievements' ? it.trl : (q.trl ?? 0);
  const minTrl = direction === 'achievements' ? (q.trl ?? 0) : it.trl;
  const tf = trlFit(achTrl, minTrl);
  push('trl', tf, !p.asked.trl ? { zh: '未指定技术成熟度', en: 'No readiness level given' }
    : tf === 1 ? { zh: `成熟度 TRL ${achTrl} 达到要求的 TRL ${minTrl}`, en: `TRL ${achTrl} meets the required TRL ${minTrl}` }
      : { zh: `成熟度 TRL ${achTrl} 低于要求的 TRL ${minTrl}（差 ${minTrl - achTrl} 级）`, en: `TRL ${achTrl} is ${minTrl - achTrl} below the required TRL ${minTrl}` });
  // budget
  const price = direction === 'achievements' ? (Number.isNaN(corpus.money[i]) ? null : corpus.money[i]) : (q.moneyFen ?? null);
  const budget = direction === 'achievements' ? (q.moneyFen ?? 0) : corpus.money[i];
  const budgetAsked = p.asked.budget && !(direction === 'demands' && Number.isNaN(budget));
  const bf = budgetAsked ? budgetFit(price, budget) : 0;
  push('budget', bf, !p.asked.budget ? { zh: '未指定预算或报价', en: 'No budget or price given' }
    : Number.isNaN(budget) ? { zh: '需求未列预算', en: 'The demand lists no budget' }
      : price === null ? { zh: '报价面议（按半数计）', en: 'Price negotiable (counted as half)' }
        : price <= budget ? { zh: `报价 ${wan(price)} 万元在预算 ${wan(budget)} 万元以内`, en: `Price ${yuan(price)} within the budget of ${yuan(budget)}` }
          : { zh: `报价 ${wan(price)} 万元超出预算 ${wan(budget)} 万元`, en: `Price ${yuan(price)} above the budget of ${yuan(budget)}` });
  const score = round1(factors.reduce((s, x) => s + x.points, 0));
  return { id: it.id, title: it.title, score, factors };
}

/**
 * The naive baseline for the benchmark: for every listing, look for each query word in its
 * token list (linear), compute every factor, then sort the whole list. Same scores, no index.
 */
export function matchNaive(items: MatchItem[], q: MatchQuery, direction: Direction, limit = 20): { id: string; score: number }[] {
  const words = [...new Set(q.words)];
  const n = items.length;
  const df = new Map<string, number>();
  for (const w of words) df.set(w, items.reduce((c, it) => c + (it.tokens.includes(w) ? 1 : 0), 0));
  const idfs = words.map((w) => Math.log(1 + n / (1 + df.get(w)!)));
  const idfTotal = idfs.reduce((a, b) => a + b, 0);
  const asked = { text: words.length > 0, field: !!q.field, chain: !!(q.chainLinkId || q.chainId), trl: q.trl != null, budget: q.moneyFen != null };
  const askedWeight = FACTORS.reduce((s, f) => s + (asked[f] ? MATCH_WEIGHTS[f] : 0), 0);
  const scored = items.map((it) => {
    let s = 0;
    if (asked.text) s += MATCH_WEIGHTS.text * words.reduce((a, w, k) => a + (it.tokens.includes(w) ? idfs[k] / idfTotal : 0), 0);
    if (asked.field && it.field === q.field) s += MATCH_WEIGHTS.field;
    if (asked.chain) s += it.chainLinkId && it.chainLinkId === q.chainLinkId ? MATCH_WEIGHTS.chain : it.chainId && it.chainId === q.chainId ? MATCH_WEIGHTS.chain / 2 : 0;
    if (asked.trl) s += MATCH_WEIGHTS.trl * (direction === 'achievements' ? trlFit(it.trl, q.trl!) : trlFit(q.trl!, it.trl));
    if (asked.budget) s += MATCH_WEIGHTS.budget * (direction === 'achievements' ? budgetFit(it.moneyFen, q.moneyFen!) : it.moneyFen === null ? 0 : budgetFit(q.moneyFen!, it.moneyFen));
    return { id: it.id, score: (s * 100) / askedWeight };
  });
  return scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score).slice(0, limit);
}
