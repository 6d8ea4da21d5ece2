// Deterministic synthetic organisations for demos and benchmarks (issue 3, part 5).
//
// generateOrgs({ count, seed, firstYear }) is pure: the same arguments give byte-identical
// records, and every record depends only on (seed, index) — so `--orgs 100000` starts with
// the same 5,000 organisations as `--orgs 5000`. Records 0 and 1 are the two demo
// organisations (fixed ids DEMO_ORG_IDS, 思明区), identical for every seed.
//
// Everything is synthetic (`synthetic: true`; the UI labels it 演示数据). Names are random
// brand syllables (orgs-data.ts) with well-known brands excluded; addresses, contacts
// (example.com) and certificate numbers are invented.
//
// ## Enterprise profiles (shares of enterprises, before the industry propensity)
// Each enterprise gets one profile; it decides which tiers it holds and, for the near-miss
// profiles, the ONE criterion (the "knob") it misses by a small margin in the latest fiscal
// year while meeting the others. See PROFILE_SHARES and NEAR_MISS_KNOBS.
//
// Proportions (documented assumption): Xiamen had 4,735 HNTEs in 2024 (letter 厦科函〔2025〕84号).
// The letter gives no denominator; we assume a city S&T registry holds the ≈ 40,000 enterprises
// with any S&T activity, so ≈ 11–12% of enterprises hold a valid HNTE certificate. Tech SMEs are
// more (≈ 16%); the MIIT pyramid is innovative SME ≈ 9.4% ⊃ SRDI ≈ 3.4% ⊃ little giant ≈ 0.45%
// (HNTE : little giant ≈ 25 : 1, close to Xiamen's ratio). Industries with a higher propensity
// (AI, gene tech, storage…) hold more tiers than trade and finance.
import { withCheckChar } from '../lib/uscc.ts';
import type { District } from '../modules/accounts/accounts.schema.ts';
import type { OrgRecord } from '../modules/registry/registry.bulk.ts';
import type { FactsPatch, OrgCreate, QualificationCreate } from '../modules/registry/registry.schema.ts';
import { DEMO_ORG_IDS } from './ids.ts';
import {
  BANNED_BRANDS, BRAND_FIRST, BRAND_NEXT, CONTACT_TITLES, DISTRICT_INFO, DISTRICT_WEIGHTS, FUND_TYPES, GIVEN, INDUSTRIES,
  INSTITUTE_FIELDS, PLATFORM_TYPES, ROAD_SUFFIX, SURNAMES, UNIVERSITY_TYPES, VILLAGE_FIRST, VILLAGE_LAST,
  type Industry, type Segment,
} from './orgs-data.ts';

export const DEFAULT_SEED = '1';
/** Fiscal years firstYear … firstYear+2; the data reads "as of" 1 January of firstYear+3. */
export const DEFAULT_FIRST_YEAR = 2023;
export const MAX_ORGS = 1_000_000;

export type OrgKind = OrgCreate['kind'];
export type Profile =
  | 'little_giant' | 'near_little_giant' | 'srdi' | 'near_srdi' | 'innovative' | 'near_innovative'
  | 'hnte' | 'near_hnte' | 'lapsed_hnte' | 'tech_sme' | 'near_tech_sme' | 'plain';

/** Kinds of organisation, in percent. */
export const KIND_SHARES: Record<OrgKind, number> = {
  enterprise: 94, institute: 2, platform_operator: 1.5, fund_manager: 1.3, village_collective: 0.8, university: 0.4,
};

/** Percent of enterprises per profile (scaled by the industry's propensity); the rest is 'plain'. */
export const PROFILE_SHARES: Record<Exclude<Profile, 'plain'>, number> = {
  little_giant: 0.45, // holds LG + SRDI + innovative; HNTE 95%
  near_little_giant: 0.35, // holds SRDI + innovative (HNTE 85%), misses LG by one knob
  srdi: 2.6, // holds SRDI + innovative; HNTE 85%
  near_srdi: 1.2, // holds innovative (HNTE 55% unless the knob is R&D), misses SRDI by one knob
  innovative: 4.8, // holds innovative; HNTE 55% (the others qualify on points)
  near_innovative: 1.2, // scores 50–55 of the 60 points, no direct route
  hnte: 5.0, // holds HNTE only (and tech SME when small enough)
  near_hnte: 3.5, // never held HNTE; misses one HNTE criterion
  lapsed_hnte: 0.8, // HNTE certificate expired, not renewed; misses one criterion now
  tech_sme: 10, // tech SME registrations only
  near_tech_sme: 3, // misses the tech SME evaluation by one knob (may hold older, expired registrations)
};

/**
 * The knobs that make near-misses, with their relative weights. In the latest fiscal year:
 * - HNTE (near_hnte, lapsed_hnte): st_ratio = S&T staff 9.0–9.95% (needs ≥ 10%); rd_intensity =
 *   3-year R&D ÷ sales 0.15–0.7 pp under its band (5/4/3%); hightech_share = 54–59.5% (≥ 60%);
 *   domestic_rd = 52–59.5% of R&D spent in China (≥ 60%); ip = no patents or copyrights;
 *   compliance = a major safety/quality incident that year.
 * - Tech SME: st_ratio 9.0–9.95% (the S&T sub-score must not be 0); revenue_cap = sales 201–215M
 *   (≤ 200M); staff_cap = 501–530 employees (≤ 500); assets_cap = total assets 201–215M (≤ 200M);
 *   score = 56 points (S&T 20–24.5% → 12, R&D 3.1–3.95% → 20, 4+ Class II IP → 24; needs 60).
 * - Innovative SME: score = 50–55 points with every dimension at its minimum (needs 60).
 * - SRDI: revenue = 9.0–9.95M (≥ 10M, no 20M equity route); rd_amount = R&D 0.85–0.99M at ≥ 3.4%
 *   (needs ≥ 1M); rd_intensity = R&D ≥ 1M but 2.6–2.95% of revenue (needs ≥ 3%).
 * - Little giant: market_share 8.0–9.95% (≥ 10%); debt_ratio 70.5–74.5% (≤ 70%); growth = 2-year
 *   average main-business growth 2–4.5% (≥ 5%); rd_intensity = revenue 70–95M with the latest
 *   year's R&D at 4.5–5.95% (≥ 6% each year in the 50–100M band; SRDI and HNTE still met);
 *   ip = a single Class I patent (≥ 2).
 */
export const NEAR_MISS_KNOBS = {
  near_hnte: { st_ratio: 30, rd_intensity: 30, hightech_share: 20, domestic_rd: 10, ip: 5, compliance: 5 },
  lapsed_hnte: { rd_intensity: 50, st_ratio: 30, hightech_share: 20 },
  near_tech_sme: { st_ratio: 35, score: 40, revenue_cap: 10, staff_cap: 10, assets_cap: 5 },
  near_innovative: { score: 100 },
  near_srdi: { revenue: 40, rd_amount: 30, rd_intensity: 30 },
  near_little_giant: { market_share: 25, debt_ratio: 20, growth: 20, rd_intensity: 20, ip: 15 },
} as const satisfies Partial<Record<Profile, Record<string, number>>>;

export interface GeneratedOrg {
  record: OrgRecord;
  /** Enterprises only: the profile and, for near-misses, the knob (for tests and docs). */
  profile: Profile | null;
  knob: string | null;
}

export interface GenerateOptions {
  count: number;
  seed?: string | number;
  firstYear?: number;
}

// ---------- PRNG (sfc32 seeded by cyrb128): no Math.random ----------

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const tables = new WeakMap<object, { keys: string[]; cum: number[]; total: number }>();

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) this.next();
  }
  /** sfc32: uniform in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  uniform(lo: number, hi: number): number { return lo + (hi - lo) * this.next(); }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(arr: readonly T[]): T { return arr[Math.floor(this.next() * arr.length)]; }
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let table = tables.get(weights);
    if (!table) {
      const keys = Object.keys(weights);
      let total = 0;
      const cum = keys.map((k) => (total += (weights as Record<string, number>)[k]));
      table = { keys, cum, total };
      tables.set(weights, table);
    }
    const r = this.next() * table.total;
    for (let i = 0; i < table.cum.length; i++) if (r < table.cum[i]) return table.keys[i] as K;
    return table.keys[table.keys.length - 1] as K;
  }
  normal(mu = 0, sd = 1): number {
    const u = 1 - this.next();
    return mu + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** Log-normal with the given median, truncated to [lo, hi] by inverse-CDF sampling. */
  lognormal(median: number, sigma: number, lo = 0, hi = Infinity): number {
    const mu = Math.log(median);
    const pLo = lo > 0 ? normCdf((Math.log(lo) - mu) / sigma) : 0;
    const pHi = Number.isFinite(hi) ? normCdf((Math.log(hi) - mu) / sigma) : 1;
    const p = Math.min(1 - 1e-12, Math.max(1e-12, pLo + (pHi - pLo) * this.next()));
    return Math.min(hi, Math.max(lo, Math.exp(mu + sigma * normInv(p))));
  }
}

function normCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 via erf.
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function normInv(p: number): number {
  // Acklam's rational approximation.
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// ---------- small helpers ----------

const YUAN = 100; // fen per yuan
const M = 1_000_000; // yuan
const fen = (yuan: number) => Math.round(yuan * YUAN);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
/** The day before the same date `years` later (a 3-year certificate issued 2024-11-20 runs to 2027-11-19). */
function expiry(issued: string, years: number): string {
  const d = new Date(`${issued}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return isoDate(d);
}

/** HNTE R&D intensity band, by the latest year's sales (yuan). */
export function hnteBand(salesYuan: number): number {
  return salesYuan <= 50 * M ? 0.05 : salesYuan <= 200 * M ? 0.04 : 0.03;
}

/** Largest-remainder split of an integer total by weights (the parts sum exactly to total). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k][1]]++;
  return parts;
}

// ---------- USCC (GB 32100-2015) ----------

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SPACE6 = 31 ** 6;
const SPACE8 = 10 ** 8;

/** GB 11714 organisation-code check character for 8 digits (old-style USCC bodies). */
function orgCodeCheck(digits8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(digits8[i]) * w[i];
  const c = 11 - (s % 11);
  return c === 11 ? '0' : c === 10 ? 'X' : String(c);
}

function mulMod(a: number, b: number, m: number): number {
  // a, b < 2^30-ish: split b to stay exact in doubles.
  const hi = Math.floor(b / 65536), lo = b % 65536;
  return (((a * hi) % m) * 65536 + a * lo) % m;
}

interface UsccKeys { m6: number; o6: number; m8: number; o8: number }

function usccKeys(seed: string): UsccKeys {
  const r = new Rng(`uscc:${seed}`);
  let m6 = r.int(1_000_000, SPACE6 - 1);
  if (m6 % 31 === 0) m6++;
  let m8 = r.int(1_000_000, SPACE8 - 1);
  if (m8 % 2 === 0) m8++;
  if (m8 % 5 === 0) m8 += 2;
  return { m6, o6: r.int(0, SPACE6 - 1), m8, o8: r.int(0, SPACE8 - 1) };
}

/**
 * A unique 9-character body for record `index`: "MA" + a style character + 6 characters for
 * organisations registered after the 2015 reform, else the old 8-digit organisation code plus
 * its GB 11714 check character. Both are bijections of the index, so bodies never repeat.
 */
function usccBody(index: number, keys: UsccKeys, modern: boolean, style: string): string {
  if (modern) {
    let v = (mulMod(index, keys.m6, SPACE6) + keys.o6) % SPACE6;
    let s = '';
    for (let k = 0; k < 6; k++) { s = USCC_CHARS[v % 31] + s; v = Math.floor(v / 31); }
    return `MA${style}${s}`;
  }
  const d = pad((mulMod(index, keys.m8, SPACE8) + keys.o8) % SPACE8, 8);
  return d + orgCodeCheck(d);
}

/** Registration authority + organisation type (GB 32100-2015 table 1 and the agricultural N codes). */
export const USCC_PREFIX = {
  enterprise: '91', // 工商 · 企业
  public_institution: '12', // 机构编制 · 事业单位
  social_service: '52', // 民政 · 民办非企业单位（社会服务机构）
  village_collective: 'N2', // 农业农村 · 村级集体经济组织
} as const;

// ---------- names ----------

const BANNED = BANNED_BRANDS as readonly string[];
function brand(rng: Rng, len: 2 | 3): string {
  for (;;) {
    let b = rng.pick(BRAND_FIRST) as string;
    while (b.length < len) {
      const c = rng.pick(BRAND_NEXT) as string;
      if (!b.includes(c)) b += c;
    }
    if (!BANNED.some((x) => b.includes(x))) return b;
  }
}

function person(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

function address(rng: Rng, district: District): string {
  const road = brand(rng, 2) + rng.pick(ROAD_SUFFIX);
  const tail = rng.chance(0.5) ? `${rng.int(1, 30)}层` : rng.chance(0.5) ? `${rng.int(1, 12)}号楼${rng.int(1, 20)}0${rng.int(1, 9)}室` : '';
  return `厦门市${DISTRICT_INFO[district].zh}${road}${rng.int(1, 999)}号${tail}`;
}

// ---------- the generator ----------

interface Ctx {
  seed: string;
  years: [number, number, number];
  keys: UsccKeys;
  names: Set<string>;
}

const industryWeights = Object.fromEntries(INDUSTRIES.map((x) => [x.id, x.weight])) as Record<string, number>;
const industryById = new Map(INDUSTRIES.map((x) => [x.id, x]));
const totalIndustryWeight = INDUSTRIES.reduce((s, x) => s + x.weight, 0);
const MEAN_PROPENSITY = INDUSTRIES.reduce((s, x) => s + x.weight * x.propensity, 0) / totalIndustryWeight;

/** A well-known brand across the brand/word boundary (e.g. 安 + 科技) also counts. */
const looksReal = (name: string) => {
  const own = name.replace(/^(思明|海沧|湖里|集美|同安|翔安)区/, '');
  return BANNED.some((b) => own.includes(b));
};

function uniqueName(ctx: Ctx, rng: Rng, make: () => string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const n = make();
    if (!ctx.names.has(n) && !looksReal(n)) {
      ctx.names.add(n);
      return n;
    }
  }
  // Practically unreachable (millions of combinations): make it unique with a branch suffix.
  for (let k = 2; ; k++) {
    const n = `${make().replace(/有限公司$/, '')}（${k}）有限公司`;
    if (!ctx.names.has(n)) {
      ctx.names.add(n);
      return n;
    }
  }
}

function contacts(rng: Rng, index: number, share: number): OrgCreate['contacts'] {
  if (!rng.chance(share)) return [];
  // Keys in jsonb's own order (by length, then bytes), so a re-seed compares equal.
  return [{ name: person(rng), email: `contact${index}@example.com`, title: rng.pick(CONTACT_TITLES) }];
}

/** Iterates the organisations one by one (bounded memory apart from the set of used names). */
export function* iterateOrgs(opts: GenerateOptions): Generator<GeneratedOrg> {
  const count = opts.count;
  if (!Number.isInteger(count) || count < 0 || count > MAX_ORGS) throw new RangeError(`count must be an integer 0…${MAX_ORGS}`);
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const firstYear = opts.firstYear ?? DEFAULT_FIRST_YEAR;
  const ctx: Ctx = {
    seed, years: [firstYear, firstYear + 1, firstYear + 2], keys: usccKeys(seed), names: new Set(),
  };
  for (let i = 0; i < count; i++) {
    if (i < 2) {
      yield demoOrg(ctx, i);
      continue;
    }
    const rng = new Rng(`org:${seed}:${i}`);
    const kind = rng.weighted(KIND_SHARES);
    if (kind === 'enterprise') yield enterprise(ctx, rng, i);
    else yield { record: otherOrg(ctx, rng, i, kind), profile: null, knob: null };
  }
}

export function generateOrgs(opts: GenerateOptions): OrgRecord[] {
  const out: OrgRecord[] = [];
  for (const g of iterateOrgs(opts)) out.push(g.record);
  return out;
}

function demoOrg(ctx: Ctx, i: number): GeneratedOrg {
  // Seed-independent, so every seed run agrees on the demo organisations' ids and codes.
  const rng = new Rng(`demo-org:${i}`);
  const keys: UsccKeys = { m6: 104_729, o6: 31 ** 5 * 7, m8: 1, o8: 0 };
  const seg = i === 0 ? { industry: 'electronics', segment: 'software' } : { industry: 'ai', segment: 'ai' };
  return enterprise({ ...ctx, keys }, rng, i, {
    id: i === 0 ? DEMO_ORG_IDS.first : DEMO_ORG_IDS.second,
    profile: i === 0 ? 'srdi' : 'near_hnte',
    knob: i === 0 ? null : 'st_ratio',
    district: 'siming',
    usccStyle: '1',
    hnte: true,
    ...seg,
  });
}

interface Forced {
  id: string;
  profile: Profile;
  knob: string | null;
  district: District;
  industry: string;
  segment: string;
  usccStyle: string;
  hnte: boolean;
}

// ---------- enterprises ----------

interface YearFacts {
  year: number;
  revenue: number; // yuan
  mainShare: number;
  rdIntensity: number;
  domesticShare: number;
  highTechShare: number | null;
  stRatio: number;
  employees: number;
  assets: number; // yuan
  debtRatio: number;
  margin: number;
}

const HNTE_SHARE: Partial<Record<Profile, number>> = {
  little_giant: 0.95, near_little_giant: 0.85, srdi: 0.85, near_srdi: 0.55, innovative: 0.55, hnte: 1,
};
const INNOVATIVE_HOLDERS: Profile[] = ['little_giant', 'near_little_giant', 'srdi', 'near_srdi', 'innovative'];
const SRDI_HOLDERS: Profile[] = ['little_giant', 'near_little_giant', 'srdi'];

const PROFILE_ENTRIES = Object.entries(PROFILE_SHARES) as [Profile, number][];

function pickProfile(rng: Rng, industry: Industry): Profile {
  const scale = industry.propensity / MEAN_PROPENSITY;
  let r = rng.next() * 100;
  for (const [p, share] of PROFILE_ENTRIES) {
    if ((r -= share * scale) < 0) return p;
  }
  return 'plain';
}

function enterprise(ctx: Ctx, rng: Rng, index: number, forced?: Forced): GeneratedOrg {
  const [y0, y1, y2] = ctx.years;
  const industry = forced ? industryById.get(forced.industry)! : industryById.get(rng.weighted(industryWeights))!;
  const segment = forced ? industry.segments.find((s) => s.id === forced.segment)! : rng.pick(industry.segments);
  const profile: Profile = forced?.profile ?? pickProfile(rng, industry);
  const knobs = (NEAR_MISS_KNOBS as Partial<Record<Profile, Record<string, number>>>)[profile];
  const knob = forced ? forced.knob : knobs ? rng.weighted(knobs) : null;
  let hnte = forced ? forced.hnte && (HNTE_SHARE[profile] ?? 0) > 0 : rng.chance(HNTE_SHARE[profile] ?? 0);
  if (profile === 'near_srdi' && knob !== 'revenue') hnte = false; // an R&D knob would break the HNTE band too
  // Innovative-SME holders without a valid HNTE (the direct route) qualify on points instead.
  const innovNoHnte = INNOVATIVE_HOLDERS.includes(profile) && !hnte;
  const hnteGrade = hnte || ['near_hnte', 'lapsed_hnte', 'little_giant', 'near_little_giant', 'srdi'].includes(profile);
  const plain = profile === 'plain';
  const district = forced?.district ?? rng.weighted(segment.mfg ? DISTRICT_WEIGHTS.manufacturing : DISTRICT_WEIGHTS.service);
  const code = rng.pick(segment.codes);
  const has = (k: string) => knob === k;

  // Registration: tiered firms are at least 4 years old at the reference date.
  const ref = Date.UTC(y2 + 1, 0, 1);
  let ageYears = rng.lognormal(7, 0.75, 0.2, 40);
  if (!plain) ageYears = Math.max(ageYears, (profile === 'lapsed_hnte' ? 7 : 4) + rng.uniform(0, 4));
  if (forced) ageYears = 6.5 + index;
  const registeredOn = isoDate(new Date(ref - Math.round(ageYears * 365.25) * 86_400_000));
  const regYear = Number(registeredOn.slice(0, 4));
  const young = regYear >= y0;

  // ---- latest-year size ----
  const R2 = (() => {
    switch (profile) {
      case 'little_giant': return rng.lognormal(350 * M, 0.7, 150 * M, 1500 * M);
      // The R&D near-miss sits at 70–95M, where the little giant needs 6% but SRDI and HNTE less.
      case 'near_little_giant': return knob === 'rd_intensity' ? rng.uniform(70 * M, 95 * M) : rng.lognormal(350 * M, 0.7, 150 * M, 1500 * M);
      case 'srdi': return rng.lognormal(60 * M, 0.9, 18 * M, 1000 * M);
      case 'near_srdi':
        return knob === 'revenue' ? rng.uniform(9.0 * M, 9.95 * M) : knob === 'rd_amount' ? rng.uniform(20 * M, 27 * M) : rng.lognormal(80 * M, 0.6, 40 * M, 300 * M);
      case 'innovative': return rng.lognormal(25 * M, 1.0, 3 * M, 600 * M);
      case 'near_innovative': return rng.lognormal(15 * M, 0.9, 3 * M, 150 * M);
      case 'hnte': return rng.lognormal(30 * M, 1.4, 2 * M, 20_000 * M);
      case 'near_hnte': case 'lapsed_hnte': return rng.lognormal(20 * M, 1.2, 2 * M, 2000 * M);
      case 'tech_sme': return rng.lognormal(12 * M, 1.1, 1 * M, 190 * M);
      case 'near_tech_sme': return has('revenue_cap') ? rng.uniform(201 * M, 215 * M) : rng.lognormal(12 * M, 1.0, 1 * M, 180 * M);
      default: return young ? rng.lognormal(2 * M, 1.2, 0.1 * M, 200 * M) : rng.lognormal(5 * M, 1.7, 0.2 * M, 20_000 * M);
    }
  })();
  const tsmeSized = profile === 'tech_sme' || profile === 'near_tech_sme' || (hnteGrade && R2 <= 190 * M && rng.chance(0.8));

  // ---- growth ----
  const growth = (): number => {
    if (young) return rng.uniform(0.3, 1.5);
    switch (profile) {
      case 'little_giant': return rng.uniform(0.07, 0.35);
      case 'near_little_giant': return has('growth') ? rng.uniform(0.02, 0.045) : rng.uniform(0.07, 0.35);
      case 'srdi': case 'near_srdi': return rng.uniform(0.0, 0.3);
      default: return clamp(rng.normal(plain ? 0.06 : 0.1, 0.15), -0.35, 0.9);
    }
  };
  const g1 = growth();
  let g2 = growth();
  if (innovNoHnte && !has('growth')) g2 = rng.uniform(0.12, 0.35);
  if (profile === 'near_innovative') g2 = rng.uniform(0.055, 0.095);
  const revenue = [R2 / (1 + g2) / (1 + g1), R2 / (1 + g2), R2];

  // ---- shares that hold for every year ----
  const mainShare = (() => {
    switch (profile) {
      case 'little_giant': case 'near_little_giant': return rng.uniform(0.91, 0.995);
      case 'srdi': case 'near_srdi': return rng.uniform(0.82, 1.0);
      case 'innovative': return rng.uniform(0.72, 1.0);
      case 'near_innovative': return rng.uniform(0.555, 0.595);
      default: return rng.chance(0.3) ? 1 : rng.chance(0.08) ? rng.uniform(0.4, 0.6) : 0.6 + 0.4 * Math.sqrt(rng.next());
    }
  })();
  const domesticShare = has('domestic_rd') ? rng.uniform(0.52, 0.595) : rng.chance(0.88) ? 1 : rng.uniform(0.62, 0.98);
  const debtBase = (() => {
    if (profile === 'little_giant') return rng.uniform(0.25, 0.62);
    if (profile === 'near_little_giant') return has('debt_ratio') ? rng.uniform(0.705, 0.745) : rng.uniform(0.25, 0.62);
    if (profile === 'srdi' || profile === 'near_srdi') return rng.uniform(0.2, 0.68);
    if (profile === 'innovative' && !hnte) return rng.uniform(0.2, 0.54);
    if (profile === 'near_innovative') return rng.uniform(0.56, 0.74);
    return rng.chance(0.06) ? rng.uniform(0.75, 0.95) : rng.uniform(0.15, 0.72);
  })();
  const financed = (industry.id === 'ai' || industry.id === 'gene_bio' || industry.id === 'biomedicine' || industry.id === 'hydrogen_storage')
    && ['plain', 'tech_sme', 'hnte'].includes(profile) && rng.chance(0.08);
  const marginBase = financed ? rng.uniform(-0.6, 0) : ['little_giant', 'near_little_giant', 'srdi'].includes(profile)
    ? clamp(rng.normal(0.1, 0.05), 0.01, 0.3) : clamp(rng.normal(0.05, 0.08), -0.5, 0.35);
  const rph = segment.revenuePerHead * rng.lognormal(1, 0.35, 0.4, 3);
  const assetTurn = rng.lognormal(1.0, 0.45, 0.3, 4);

  // ---- R&D intensity per year ----
  const band = hnteBand(R2);
  const intensity = (t: number): number => {
    const R = revenue[t];
    switch (profile) {
      case 'plain': return rng.chance(0.55) ? 0 : rng.uniform(0.002, 0.03);
      case 'tech_sme': return rng.uniform(0.04, 0.1);
      case 'near_tech_sme': return has('score') ? rng.uniform(0.031, 0.0395) : rng.uniform(0.04, 0.1);
      case 'near_innovative': return t === 2 ? rng.uniform(0.021, 0.029) : rng.uniform(0.015, 0.04);
      case 'little_giant': case 'near_little_giant':
        if (has('rd_intensity')) return t === 2 ? rng.uniform(0.045, 0.0595) : rng.uniform(0.065, 0.09);
        return Math.max(band, 0.045) + rng.uniform(0.003, 0.04);
      case 'srdi': return Math.min(0.25, Math.max(0.034, 1.05 * M / R, hnte ? band : 0) + rng.uniform(0.002, 0.03));
      case 'near_srdi':
        if (t === 2 && knob === 'rd_amount') return rng.uniform(Math.max(0.034 * R, 0.85 * M), 0.99 * M) / R;
        if (t === 2 && knob === 'rd_intensity') return rng.uniform(0.026, 0.0295);
        return Math.min(0.25, Math.max(0.034, 1.05 * M / R, hnte ? band : 0) + rng.uniform(0.002, 0.03));
      case 'innovative': return hnte ? band + rng.uniform(0.003, 0.035) : rng.uniform(0.052, 0.09);
      default: // hnte, near_hnte, lapsed_hnte
        if (has('rd_intensity')) return rng.uniform(band - 0.007, band - 0.0015);
        return band + rng.uniform(0.003, 0.035) + (segment.ip === 'software' || segment.ip === 'bio' ? rng.uniform(0, 0.05) : 0);
    }
  };

  // ---- S&T staff ratio per year ----
  const stRatio = (t: number): number => {
    if (t === 2 && has('st_ratio')) return rng.uniform(0.09, 0.0995);
    if (plain) return rng.chance(0.5) ? rng.uniform(0, 0.09) : rng.uniform(0.02, 0.2);
    if (profile === 'near_tech_sme' && has('score') && t === 2) return rng.uniform(0.2, 0.245);
    if (profile === 'tech_sme' || profile === 'near_tech_sme') return rng.uniform(0.16, 0.5);
    return rng.uniform(0.12, segment.ip === 'software' ? 0.7 : 0.45);
  };

  const years: YearFacts[] = [];
  let employeesPrev = 0;
  for (let t = 0; t < 3; t++) {
    const R = revenue[t];
    let employees = Math.max(3, Math.round(R / rph));
    if (t > 0) employees = Math.max(3, Math.round(employeesPrev * (1 + (revenue[t] / revenue[t - 1] - 1) * rng.uniform(0.3, 0.7))));
    if (tsmeSized) employees = Math.min(employees, 480);
    if (profile === 'near_tech_sme' && has('staff_cap') && t === 2) employees = rng.int(501, 530);
    if (R >= 400 * M && !plain && profile !== 'hnte') employees = Math.min(employees, 950); // still an SME
    employeesPrev = employees;
    let assets = R * assetTurn * rng.uniform(0.95, 1.05);
    if (tsmeSized) assets = Math.min(assets, 195 * M);
    if (profile === 'near_tech_sme' && has('assets_cap') && t === 2) assets = rng.uniform(201 * M, 215 * M);
    const highTechShare = hnteGrade || profile === 'near_hnte' || profile === 'lapsed_hnte'
      ? (t === 2 && has('hightech_share') ? rng.uniform(0.54, 0.595) : rng.uniform(0.64, 0.96))
      : plain ? (rng.chance(0.3) ? rng.uniform(0, 0.5) : null) : rng.uniform(0.3, 0.9);
    let debtRatio = debtBase + rng.uniform(-0.02, 0.02);
    if (profile === 'near_little_giant' && has('debt_ratio') && t === 2) debtRatio = debtBase;
    if (profile === 'little_giant' || (profile === 'near_little_giant' && !has('debt_ratio'))) debtRatio = Math.min(debtRatio, 0.64);
    if (innovNoHnte && !has('debt_ratio')) debtRatio = Math.min(debtRatio, 0.545);
    if (profile === 'near_innovative') debtRatio = clamp(debtRatio, 0.56, 0.74);
    years.push({
      year: ctx.years[t], revenue: R, mainShare, rdIntensity: intensity(t), domesticShare, highTechShare,
      stRatio: stRatio(t), employees, assets, debtRatio: clamp(debtRatio, 0.02, 0.98),
      margin: clamp(marginBase + rng.normal(0, 0.02), -0.7, 0.4),
    });
  }
  // A banded S&T ratio (9.0–9.95%, or 20–25% for the 56-point tech SME) needs a head count
  // where a whole number of people falls inside the band.
  const stBand: [number, number] | null = has('st_ratio') ? [0.09, 0.0995] : profile === 'near_tech_sme' && has('score') ? [0.2, 0.245] : null;
  if (stBand) {
    const last = years[2];
    last.employees = Math.max(5, last.employees);
    while (Math.ceil(stBand[0] * last.employees) / last.employees >= stBand[1]) last.employees++;
  }

  // ---- IP (held at the end of the latest year; earlier years back-cast) ----
  const scale = Math.pow(Math.max(R2, 1 * M) / (30 * M), 0.3);
  const ipHeavy = segment.ip === 'pharma' || segment.ip === 'ic' || segment.ip === 'bio';
  let classI = (() => {
    if (has('ip') && profile === 'near_hnte') return 0;
    if (has('ip')) return 1; // near little giant: a single Class I
    switch (profile) {
      case 'plain': return rng.chance(0.78) ? 0 : rng.int(1, 3);
      case 'tech_sme': return rng.chance(0.45) ? 0 : Math.round(rng.lognormal(2, 0.7, 1, 20));
      case 'near_tech_sme': return has('score') ? 0 : rng.chance(0.5) ? 0 : rng.int(1, 4);
      case 'near_innovative': return rng.int(1, 2);
      case 'little_giant': case 'near_little_giant': return Math.round(rng.lognormal(20 * scale, 0.7, 6, 400));
      default: return Math.round(rng.lognormal((segment.ip === 'software' ? 2 : ipHeavy ? 6 : 4) * scale, 0.9, 1, 400));
    }
  })();
  if (innovNoHnte) classI = Math.max(classI, 1);
  const hvShare = profile === 'near_innovative' ? 0 : plain ? rng.uniform(0, 0.2) : rng.uniform(0.1, 0.5);
  const selfShare = profile === 'near_innovative' ? 0 : rng.uniform(0.7, 1);
  const noIp = has('ip') && profile === 'near_hnte';
  const noClassI = noIp || (profile === 'near_tech_sme' && has('score'));
  const mfgIp = segment.ip === 'manufacturing' || segment.ip === 'pharma' || segment.ip === 'bio' || segment.ip === 'ic';
  let utility = noIp ? 0 : mfgIp ? Math.round(classI * rng.uniform(1, 4) + (plain ? rng.int(0, 4) : rng.int(2, 20))) : rng.int(0, plain ? 1 : 3);
  const designs = noIp ? 0 : segment.ip === 'culture' || (mfgIp && rng.chance(0.4)) ? rng.int(0, plain ? 2 : 12) : 0;
  let software = noIp ? 0 : segment.ip === 'software' || segment.ip === 'culture'
    ? Math.round(rng.lognormal(plain ? 3 : 15 * scale, 0.8, 1, 600)) : rng.int(0, plain ? 1 : 8);
  if (profile === 'near_tech_sme' && has('score')) {
    const classII = utility + designs + software;
    if (classII < 4) software += 4 - classII;
  }
  if ((profile === 'tech_sme' || profile === 'near_tech_sme') && classI === 0 && utility + designs + software < 4) utility += 4 - (utility + designs + software);
  const icLayouts = segment.ip === 'ic' && !plain && !noClassI ? rng.int(1, 15) : 0;
  const newDrugs = segment.id === 'drugs' && hnteGrade && rng.chance(0.15) ? rng.int(1, 3) : 0;
  const tcm = code === '2740' && hnteGrade && rng.chance(0.1) ? 1 : 0;
  const plantVarieties = code === '0511' && !plain && !noClassI ? rng.int(2, 12) : 0;
  const cropVarieties = code === '0511' && !plain && !noClassI && rng.chance(0.3) ? rng.int(1, 3) : 0;
  const pct = profile === 'little_giant' || profile === 'near_little_giant' ? (rng.chance(0.4) ? rng.int(1, 12) : 0) : hnteGrade && rng.chance(0.08) ? rng.int(1, 8) : 0;
  const noStandards = ['near_tech_sme', 'near_innovative', 'tech_sme', 'plain'].includes(profile);
  const standardsLed = noStandards ? 0 : profile === 'little_giant' || profile === 'near_little_giant' ? (rng.chance(0.4) ? rng.int(1, 3) : 0)
    : profile === 'srdi' ? (rng.chance(0.15) ? rng.int(1, 2) : 0) : hnte && rng.chance(0.05) ? 1 : 0;
  const standardsJoined = profile === 'little_giant' || profile === 'near_little_giant' ? (rng.chance(0.7) ? rng.int(1, 6) : 0)
    : profile === 'srdi' ? (rng.chance(0.35) ? rng.int(1, 4) : 0) : hnte && rng.chance(0.12) ? rng.int(1, 3) : plain && rng.chance(0.01) ? 1 : 0;
  const backcast = (c2: number): [number, number, number] => {
    const c1 = c2 - Math.floor(c2 * rng.uniform(0.05, 0.25));
    const c0 = c1 - Math.floor(c1 * rng.uniform(0.05, 0.25));
    return [c0, c1, c2];
  };
  const ip = {
    inventionPatents: backcast(classI), utilityModels: backcast(utility), designPatents: backcast(designs),
    softwareCopyrights: backcast(software), icLayouts: backcast(icLayouts), newDrugs: backcast(newDrugs),
    tcmProtectedVarieties: backcast(tcm), plantVarieties: backcast(plantVarieties), cropVarieties: backcast(cropVarieties),
    pctFilings: backcast(pct), standardsLed: backcast(standardsLed), standardsJoined: backcast(standardsJoined),
  };
  const minHighValue = profile === 'little_giant' ? 2 : innovNoHnte ? 1 : 0;

  // ---- market ----
  const leader = profile === 'little_giant' || profile === 'near_little_giant' || (profile === 'srdi' && rng.chance(0.3)) || (R2 >= 1000 * M && rng.chance(0.5));
  const share2 = !leader ? null : profile === 'little_giant' || (profile === 'near_little_giant' && !has('market_share'))
    ? rng.int(1000, 3500) : profile === 'near_little_giant' ? rng.int(800, 995) : rng.int(200, 2500);
  const digital = (() => {
    if (profile === 'little_giant' || profile === 'near_little_giant') return rng.int(3, 4);
    if (profile === 'srdi' || profile === 'near_srdi') return rng.int(2, 4);
    if (hnte) return rng.chance(0.6) ? rng.int(2, 3) : null;
    if (plain) return rng.chance(0.25) ? rng.int(1, 2) : null;
    return rng.chance(0.4) ? rng.int(1, 3) : null;
  })();
  const tier = ['little_giant', 'near_little_giant', 'srdi', 'near_srdi'].includes(profile) ? 'top' : hnteGrade ? 'hnte' : plain ? 'plain' : 'mid';
  const flags = {
    qualityCertified: tier === 'top' ? (profile === 'near_srdi' ? rng.chance(0.9) : true) : tier === 'hnte' ? rng.chance(0.65) : rng.chance(segment.mfg ? 0.3 : 0.1),
    ownBrand: tier === 'top' ? (profile === 'near_srdi' ? rng.chance(0.8) : true) : rng.chance(tier === 'hnte' ? 0.6 : 0.35),
    coreProcessOnIt: tier === 'top' ? (profile === 'near_srdi' ? rng.chance(0.85) : true) : rng.chance(tier === 'hnte' ? 0.6 : 0.3),
    incident: plain && rng.chance(0.003),
    abnormal: plain && rng.chance(0.01),
    misconduct: plain && rng.chance(0.0005),
  };

  // ---- certificates: decide years first, because the HNTE tax rate depends on them ----
  const quals: QualificationCreate[] = [];
  const serial = pad(index + 1, 6);
  const hnteYears = new Set<number>();
  const addHnte = (issueYear: number) => {
    const issued = ymd(issueYear, rng.int(11, 12), rng.int(1, 28));
    if (issued < expiry(registeredOn, 1)) return; // registered ≥ 1 year before
    quals.push({ kind: 'hnte', name: '高新技术企业证书', certificateNo: `GR${issueYear}35${serial}`, issuedOn: issued, expiresOn: expiry(issued, 3), issuer: '厦门市科学技术局 厦门市财政局 国家税务总局厦门市税务局' });
    for (let y = issueYear; y < issueYear + 3; y++) hnteYears.add(y);
  };
  if (hnte) {
    const issueYear = rng.pick([y0, y1, y2]);
    if (rng.chance(0.4)) addHnte(issueYear - 3);
    addHnte(issueYear);
  } else if (profile === 'lapsed_hnte') {
    addHnte(rng.pick([y0 - 3, y0 - 2, y0 - 1]));
  }
  const miit = (kind: 'innovative_sme' | 'srdi_sme' | 'little_giant', year: number, month: number) => {
    const issued = ymd(year, month, rng.int(1, 28));
    const meta = {
      innovative_sme: { name: '创新型中小企业', no: `CXZX${year}3502${serial}`, issuer: '厦门市工业和信息化局' },
      srdi_sme: { name: '专精特新中小企业', no: `ZJTX${year}35${serial}`, issuer: '福建省工业和信息化厅' },
      little_giant: { name: '专精特新“小巨人”企业', no: `XJR${year}${serial}`, issuer: '工业和信息化部' },
    }[kind];
    quals.push({ kind, name: meta.name, certificateNo: meta.no, issuedOn: issued, expiresOn: expiry(issued, 3), issuer: meta.issuer });
  };
  if (INNOVATIVE_HOLDERS.includes(profile)) {
    const innovYear = rng.pick([y1, y2]);
    if (rng.chance(0.2)) miit('innovative_sme', innovYear - 3, rng.int(9, 12));
    miit('innovative_sme', innovYear, rng.int(9, 12));
    if (SRDI_HOLDERS.includes(profile)) {
      const srdiYear = Math.max(innovYear, rng.pick([y1, y2]));
      miit('srdi_sme', srdiYear, 12);
      if (profile === 'little_giant') miit('little_giant', srdiYear === y2 ? y2 : rng.pick([y1, y2]), 7);
    }
  }
  const institution = profile === 'little_giant' || profile === 'near_little_giant'
    ? rng.weighted({ national: 5, provincial: 30, municipal: 40, none: 25 })
    : profile === 'srdi' ? rng.weighted({ provincial: 8, municipal: 25, none: 67 })
      : hnte || profile === 'near_srdi' ? (rng.chance(0.1) ? 'municipal' : 'none') : 'none';
  if (institution !== 'none') {
    const level = { national: '国家企业技术中心', provincial: '福建省企业技术中心', municipal: '厦门市企业技术中心' }[institution];
    const y = rng.int(y0 - 4, y2);
    quals.push({ kind: `rd_institution_${institution}`, name: level, certificateNo: `QYJSZX-${institution.slice(0, 1).toUpperCase()}${y}-${serial}`, issuedOn: ymd(y, rng.int(3, 11), rng.int(1, 28)), expiresOn: null, issuer: institution === 'national' ? '国家发展和改革委员会' : institution === 'provincial' ? '福建省工业和信息化厅' : '厦门市工业和信息化局' });
  }

  // ---- the yearly facts, in fen ----
  const facts: NonNullable<OrgRecord['facts']> = [];
  let capitalisedSoFar = 0;
  const capitalises = !plain && rng.chance(0.15);
  const capShare = rng.uniform(0.05, 0.3);
  const exportShare = rng.chance(0.4) ? rng.uniform(0.03, 0.6) : 0;
  const financeYear = financed ? rng.pick(ctx.years) : 0;
  const financeAmount = financed ? rng.lognormal(20 * M, 0.9, 5 * M, 300 * M) : 0;
  const achievementsBase = profile === 'little_giant' ? [3, 12] : hnteGrade ? [1, 8] : plain ? [0, 0] : [0, 3];
  for (let t = 0; t < 3; t++) {
    const y = years[t];
    if (y.year < regYear) continue;
    const revenueF = fen(y.revenue);
    const main = Math.round(revenueF * y.mainShare);
    const nonTaxable = plain ? (rng.chance(0.2) ? Math.round(revenueF * rng.uniform(0, 0.01)) : 0) : rng.chance(0.5) ? Math.round(revenueF * rng.uniform(0, 0.015)) : 0;
    const investment = rng.chance(0.15) ? Math.round(revenueF * clamp(rng.normal(0.005, 0.01), -0.02, 0.03)) : 0;
    const totalIncome = revenueF + nonTaxable + Math.max(0, investment);
    const highTech = y.highTechShare === null ? null : Math.min(revenueF, Math.floor(y.highTechShare * (totalIncome - nonTaxable)));
    // R&D and its categories: the eight super-deduction categories sum exactly to the total.
    const rd = Math.round(revenueF * y.rdIntensity);
    const abroad = rd - Math.round(rd * y.domesticShare);
    const other = Math.floor(rd * rng.uniform(0.01, 0.08));
    const commissionedDomestic = rng.chance(0.3) ? Math.floor(rd * rng.uniform(0.03, 0.2)) : 0;
    const own = rd - abroad - other - commissionedDomestic;
    const [personnel, direct, depreciation, intangible, design] = split(own, [
      rng.uniform(45, 70), rng.uniform(10, 30), rng.uniform(3, 12), rng.uniform(0, 5), rng.uniform(0, 8),
    ]);
    const capitalised = capitalises ? Math.round(rd * capShare) : 0;
    const amortisation = capitalises ? Math.round((capitalisedSoFar + capitalised * 2) / 5) : 0;
    capitalisedSoFar += capitalised;
    const costs = Math.max(rd, Math.round(revenueF * (1 - y.margin)));
    const totalProfit = revenueF + nonTaxable + investment - costs;
    const taxable = totalProfit - nonTaxable - (rd - capitalised) - amortisation;
    const assets = fen(y.assets);
    const smallLowProfit = taxable <= 3 * M * YUAN && y.employees <= 300 && assets <= 50 * M * YUAN;
    const rate = hnteYears.has(y.year) ? 0.15 : smallLowProfit ? 0.05 : 0.25;
    const incomeTax = Math.round(Math.max(0, taxable) * rate);
    let stStaff = Math.min(y.employees, Math.ceil(y.employees * y.stRatio - 1e-9));
    if (t === 2 && stBand && stStaff / y.employees >= stBand[1]) stStaff = Math.ceil(stBand[0] * y.employees);
    const values: FactsPatch = {
      revenue: revenueF,
      mainBusinessRevenue: main,
      otherBusinessRevenue: revenueF - main,
      totalIncome,
      nonTaxableIncome: nonTaxable,
      investmentIncome: investment,
      totalCostExpense: costs,
      totalAssets: assets,
      totalLiabilities: Math.round(assets * y.debtRatio),
      totalProfit,
      netProfit: totalProfit - incomeTax,
      taxableIncome: taxable,
      taxesPaid: Math.round(revenueF * rng.uniform(0.015, 0.05)) + incomeTax,
      exports: Math.round(revenueF * exportShare),
      equityFinancing: y.year === financeYear ? fen(financeAmount) : 0,
      rdExpense: rd,
      rdExpenseDomestic: rd - abroad,
      rdExpensed: rd - capitalised,
      rdCapitalised: capitalised,
      rdAmortisation: amortisation,
      rdPersonnel: personnel,
      rdDirectInputs: direct,
      rdDepreciation: depreciation,
      rdIntangibleAmortisation: intangible,
      rdNewProductDesign: design,
      rdOtherRelated: other,
      rdCommissionedDomestic: commissionedDomestic,
      rdCommissionedAbroad: abroad,
      achievementsConverted: rng.int(achievementsBase[0], achievementsBase[1]) + (plain && rng.chance(0.1) ? 1 : 0),
      employees: y.employees,
      stStaff,
      rdStaff: Math.min(stStaff, Math.round(stStaff * rng.uniform(0.55, 0.95))),
      inventionPatents: ip.inventionPatents[t],
      inventionPatentsHighValue: Math.min(ip.inventionPatents[t], Math.max(t === 2 ? minHighValue : 0, Math.round(ip.inventionPatents[t] * hvShare))),
      inventionPatentsSelfDeveloped: Math.min(ip.inventionPatents[t], Math.round(ip.inventionPatents[t] * selfShare)),
      plantVarieties: ip.plantVarieties[t],
      cropVarieties: ip.cropVarieties[t],
      newDrugs: ip.newDrugs[t],
      tcmProtectedVarieties: ip.tcmProtectedVarieties[t],
      icLayouts: ip.icLayouts[t],
      utilityModels: ip.utilityModels[t],
      designPatents: ip.designPatents[t],
      softwareCopyrights: ip.softwareCopyrights[t],
      pctFilings: ip.pctFilings[t],
      standardsLed: ip.standardsLed[t],
      standardsJoined: ip.standardsJoined[t],
      majorIncident: (t === 2 && has('compliance')) || (flags.incident && t === 2),
      researchMisconduct: flags.misconduct && t === 2,
      abnormalOrDishonestList: flags.abnormal && t >= 1,
      qualityCertified: flags.qualityCertified,
      ownBrand: flags.ownBrand,
      coreProcessOnIt: flags.coreProcessOnIt,
      rdSubLedger: rd > 0 && (!plain || rng.chance(0.4)),
    };
    // Optional facts: null (unknown) is left out.
    if (highTech !== null) values.highTechRevenue = highTech;
    if (share2 !== null) values.marketSharePct = t === 2 ? share2 : Math.min(3500, Math.round(share2 * rng.uniform(0.88, 1.05)));
    if (digital !== null) values.digitalLevel = t === 2 ? digital : Math.max(1, digital - (t === 0 && rng.chance(0.4) ? 1 : 0));
    facts.push({ fiscalYear: y.year, values });
  }

  // ---- tech SME registrations: each year's evaluation reads the prior fiscal year ----
  const applies = profile === 'tech_sme' ? 0.95 : 0.6;
  for (const regY of [y1, y2, y2 + 1]) {
    const f = facts.find((x) => x.fiscalYear === regY - 1)?.values;
    if (!f || !rng.chance(applies)) continue;
    const hnteValid = hnteYears.has(regY);
    const provincial = institution === 'provincial' || institution === 'national';
    if (!techSmeEligible(f, hnteValid || provincial)) continue;
    const issued = ymd(regY, rng.int(4, 7), rng.int(1, 28));
    quals.push({ kind: 'tech_sme', name: '科技型中小企业入库登记', certificateNo: `${regY}${DISTRICT_INFO[district].code}0${serial}`, issuedOn: issued, expiresOn: ymd(regY + 1, 3, 31), issuer: '厦门市科学技术局' });
  }

  // ---- identity ----
  const listed = (profile === 'little_giant' && rng.chance(0.1)) || (R2 >= 1000 * M && rng.chance(0.4)) || (R2 >= 200 * M && rng.chance(0.01));
  const joint = !listed && rng.chance(profile === 'little_giant' ? 0.5 : 0.12);
  const big = R2 >= 2000 * M && rng.chance(0.5);
  const word = rng.pick(segment.words);
  const prefix = rng.chance(0.85) ? '厦门' : '厦门市';
  const suffix = (listed || joint ? '股份有限公司' : '有限公司');
  const brandLen = (): 2 | 3 => (rng.chance(0.35) ? 2 : 3);
  let b = '';
  const name = uniqueName(ctx, rng, () => {
    b = brand(rng, brandLen());
    if (!listed && rng.chance(0.06)) return `${b}（厦门）${word}${suffix}`;
    return `${prefix}${b}${word}${big ? '集团' : ''}${suffix}`;
  });
  const formerNames: string[] = [];
  if (rng.chance(0.08) || (forced && index === 0)) {
    const kind = rng.int(0, 2);
    formerNames.push(
      kind === 0 ? `${prefix}${b}${rng.pick(['贸易', '电子', '科技', '实业', '技术'])}有限公司`
        : kind === 1 && suffix === '股份有限公司' ? name.replace('股份有限公司', '有限公司')
          : `厦门${brand(rng, 3)}${word}有限公司`,
    );
    if (rng.chance(0.15)) formerNames.push(`厦门${brand(rng, 2)}${rng.pick(['贸易', '实业', '技术'])}有限公司`);
  }
  const keywords = [...new Set([industry.zh, segment.zh, ...pickSome(rng, segment.keywords, rng.int(2, 3))])];
  const org: OrgCreate = {
    uscc: withCheckChar(`${USCC_PREFIX.enterprise}${DISTRICT_INFO[district].code}${usccBody(index, ctx.keys, regYear >= 2016 || registeredOn >= '2015-10-01', forced?.usccStyle ?? rng.pick(['2', '3', '8']))}`),
    name,
    formerNames: formerNames.filter((n) => n !== name),
    kind: 'enterprise',
    district,
    address: address(rng, district),
    registeredOn,
    industryCode: code,
    listed,
    parentGroup: !listed && rng.chance(0.03) ? `厦门${brand(rng, 2)}控股集团有限公司` : null,
    contacts: contacts(rng, index, plain ? 0.4 : 0.8),
    keywords,
    mainProducts: pickSome(rng, segment.products, rng.int(1, 3)),
  };
  return { record: { org, ...(forced ? { id: forced.id } : {}), synthetic: true, facts, qualifications: quals }, profile, knob };
}

function pickSome<T>(rng: Rng, arr: readonly T[], n: number): T[] {
  const pool = [...arr];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]);
  return out;
}

/**
 * The tech SME evaluation (国科发政〔2017〕115号 as summarised in shared/reference/criteria.md §2)
 * on one fiscal year, used to decide who registers. Returns the score or null if ineligible.
 */
export function techSmeScore(f: FactsPatch): number {
  const ratio = (f.stStaff ?? 0) / Math.max(1, f.employees ?? 0);
  const st = ratio >= 0.3 ? 20 : ratio >= 0.25 ? 16 : ratio >= 0.2 ? 12 : ratio >= 0.15 ? 8 : ratio >= 0.1 ? 4 : 0;
  const a = (f.rdExpense ?? 0) / Math.max(1, f.revenue ?? 0);
  const b = (f.rdExpense ?? 0) / Math.max(1, f.totalCostExpense ?? 0);
  const ptsA = a >= 0.06 ? 50 : a >= 0.05 ? 40 : a >= 0.04 ? 30 : a >= 0.03 ? 20 : a >= 0.02 ? 10 : 0;
  const ptsB = b >= 0.3 ? 50 : b >= 0.25 ? 40 : b >= 0.2 ? 30 : b >= 0.15 ? 20 : b >= 0.1 ? 10 : 0;
  const classI = (f.inventionPatents ?? 0) + (f.icLayouts ?? 0) + (f.plantVarieties ?? 0) + (f.cropVarieties ?? 0) + (f.newDrugs ?? 0) + (f.tcmProtectedVarieties ?? 0);
  const classII = (f.utilityModels ?? 0) + (f.designPatents ?? 0) + (f.softwareCopyrights ?? 0);
  const ipPts = classI >= 1 ? 30 : classII >= 4 ? 24 : classII * 6;
  return st === 0 ? 0 : st + Math.max(ptsA, ptsB) + ipPts;
}

export function techSmeEligible(f: FactsPatch, direct: boolean): boolean {
  const sized = (f.employees ?? 0) <= 500 && (f.revenue ?? 0) <= 200 * M * YUAN && (f.totalAssets ?? 0) <= 200 * M * YUAN;
  const clean = !f.majorIncident && !f.researchMisconduct && !f.abnormalOrDishonestList;
  // A direct route (valid HNTE, provincial R&D institution, standard led) skips the scoring.
  return sized && clean && (direct || (f.standardsLed ?? 0) > 0 || techSmeScore(f) >= 60);
}

// ---------- other kinds ----------

function otherOrg(ctx: Ctx, rng: Rng, index: number, kind: Exclude<OrgKind, 'enterprise'>): OrgRecord {
  const [y0] = ctx.years;
  const district = rng.weighted(kind === 'university' ? DISTRICT_WEIGHTS.university : kind === 'village_collective' ? DISTRICT_WEIGHTS.village : DISTRICT_WEIGHTS.service);
  const dz = DISTRICT_INFO[district];
  let prefix: string = USCC_PREFIX.enterprise;
  let name: string;
  let code: string;
  let keywords: string[];
  let products: string[];
  let scale: number; // revenue (yuan) of the latest year
  let staff: number;
  let stShare: number;
  let rdShare: number; // R&D ÷ revenue
  let ipBase: number;
  const ref = Date.UTC(ctx.years[2] + 1, 0, 1);
  let age = rng.lognormal(12, 0.6, 2, 60);
  switch (kind) {
    case 'university': {
      const t = rng.weighted(Object.fromEntries(UNIVERSITY_TYPES.map((u) => [u.name, u.weight])) as Record<string, number>);
      const type = UNIVERSITY_TYPES.find((u) => u.name === t)!;
      prefix = rng.chance(type.public) ? USCC_PREFIX.public_institution : USCC_PREFIX.social_service;
      name = uniqueName(ctx, rng, () => `厦门${brand(rng, 2)}${type.name}`);
      code = '8341';
      const field = rng.pick(INSTITUTE_FIELDS).zh;
      keywords = ['高等教育', '产教融合', field];
      products = [`${field}专业群`, '技术服务', '职业技能培训'];
      scale = rng.lognormal(300 * M, 0.6, 60 * M, 3000 * M); staff = rng.int(300, 3000); stShare = rng.uniform(0.4, 0.7); rdShare = rng.uniform(0.03, 0.12); ipBase = 60;
      age = Math.max(age, 8);
      break;
    }
    case 'institute': {
      const f = rng.pick(INSTITUTE_FIELDS);
      const form = rng.weighted({ public: 60, social: 25, company: 15 });
      prefix = form === 'public' ? USCC_PREFIX.public_institution : form === 'social' ? USCC_PREFIX.social_service : USCC_PREFIX.enterprise;
      name = uniqueName(ctx, rng, () => form === 'public' ? `厦门市${brand(rng, 2)}${f.zh}研究院` : form === 'social' ? `厦门${brand(rng, 3)}${f.zh}技术研究院` : `厦门${brand(rng, 3)}${f.zh}研究院有限公司`);
      code = f.code;
      keywords = ['新型研发机构', f.zh, '科研院所'];
      products = [`${f.zh}技术研发`, '技术服务', '成果转化'];
      scale = rng.lognormal(30 * M, 0.9, 2 * M, 500 * M); staff = rng.int(20, 600); stShare = rng.uniform(0.6, 0.92); rdShare = rng.uniform(0.2, 0.6); ipBase = 15;
      break;
    }
    case 'platform_operator': {
      const p = rng.pick(PLATFORM_TYPES);
      if (rng.chance(0.15)) prefix = USCC_PREFIX.social_service;
      name = uniqueName(ctx, rng, () => `厦门${brand(rng, 3)}${prefix === USCC_PREFIX.social_service ? p.name.replace('有限公司', '中心') : p.name}`);
      code = p.code;
      keywords = [...p.keywords]; products = [...p.products];
      scale = rng.lognormal(8 * M, 0.9, 1 * M, 150 * M); staff = rng.int(8, 150); stShare = rng.uniform(0.1, 0.5); rdShare = rng.uniform(0, 0.05); ipBase = 2;
      break;
    }
    case 'fund_manager': {
      const f = rng.pick(FUND_TYPES);
      name = uniqueName(ctx, rng, () => `厦门${brand(rng, 3)}${f.name}`);
      code = f.code;
      keywords = [...f.keywords, '私募基金管理人'];
      products = ['股权投资基金管理', '创业投资'];
      scale = rng.lognormal(10 * M, 1.0, 1 * M, 300 * M); staff = rng.int(5, 80); stShare = 0; rdShare = 0; ipBase = 0;
      break;
    }
    default: { // village_collective
      prefix = USCC_PREFIX.village_collective;
      const community = rng.chance(0.3);
      name = uniqueName(ctx, rng, () => `${dz.zh}${rng.pick(VILLAGE_FIRST)}${brand(rng, 2).slice(1)}${rng.pick(VILLAGE_LAST)}${community ? '社区' : '村'}股份经济合作社`);
      code = rng.chance(0.7) ? '7215' : '7040';
      keywords = ['村集体经济', '集体发展用地'];
      products = ['物业租赁', '集体资产经营'];
      // Letter: average village collective income 509.1万 yuan (2024).
      scale = rng.lognormal(4 * M, 0.8, 0.3 * M, 80 * M); staff = rng.int(3, 40); stShare = 0; rdShare = 0; ipBase = 0;
      age = rng.lognormal(6, 0.3, 3, 20); // 股份经济合作社 registered since the 2017 reform
      break;
    }
  }
  const registeredOn = isoDate(new Date(ref - Math.round(age * 365.25) * 86_400_000));
  const g = [clamp(rng.normal(0.05, 0.08), -0.2, 0.4), clamp(rng.normal(0.05, 0.08), -0.2, 0.4)];
  const revenue = [scale / (1 + g[1]) / (1 + g[0]), scale / (1 + g[1]), scale];
  const assetTurn = kind === 'village_collective' ? rng.uniform(3, 15) : kind === 'fund_manager' ? rng.uniform(1, 5) : rng.uniform(0.8, 3);
  const debt = rng.uniform(0.05, 0.5);
  const margin = kind === 'university' || kind === 'institute' ? rng.uniform(-0.05, 0.08) : rng.uniform(-0.1, 0.3);
  const invention = ipBase ? Math.round(rng.lognormal(ipBase, 0.8, 0, 3000)) : 0;
  const facts: NonNullable<OrgRecord['facts']> = [];
  for (let t = 0; t < 3; t++) {
    const R = fen(revenue[t]);
    const rd = Math.round(R * rdShare);
    const [personnel, direct, depreciation, intangible, design] = split(rd, [60, 20, 12, 4, 4]);
    const employees = Math.max(3, Math.round(staff * (1 - 0.03 * (2 - t))));
    const stStaff = Math.min(employees, Math.round(employees * stShare));
    const costs = Math.max(rd, Math.round(R * (1 - margin)));
    const assets = Math.round(R * assetTurn);
    const profit = R - costs;
    const grow = (x: number) => Math.floor(x * (1 - 0.12 * (2 - t)));
    const values: FactsPatch = {
      revenue: R, mainBusinessRevenue: R, otherBusinessRevenue: 0, totalIncome: R, nonTaxableIncome: 0, investmentIncome: 0,
      totalCostExpense: costs, totalAssets: assets, totalLiabilities: Math.round(assets * debt), totalProfit: profit,
      netProfit: profit - Math.round(Math.max(0, profit) * (kind === 'university' || kind === 'institute' ? 0 : 0.25)),
      employees, stStaff, rdStaff: Math.round(stStaff * 0.7),
    };
    if (rd > 0) {
      Object.assign(values, {
        rdExpense: rd, rdExpenseDomestic: rd, rdExpensed: rd, rdCapitalised: 0, rdAmortisation: 0,
        rdPersonnel: personnel, rdDirectInputs: direct, rdDepreciation: depreciation, rdIntangibleAmortisation: intangible,
        rdNewProductDesign: design, rdOtherRelated: 0, rdCommissionedDomestic: 0, rdCommissionedAbroad: 0,
        achievementsConverted: rng.int(0, kind === 'university' ? 30 : 10),
      });
    }
    if (ipBase) {
      Object.assign(values, {
        inventionPatents: grow(invention), inventionPatentsHighValue: grow(Math.floor(invention * 0.2)), inventionPatentsSelfDeveloped: grow(invention),
        utilityModels: grow(Math.floor(invention * 0.8)), softwareCopyrights: grow(Math.floor(invention * 0.5)), designPatents: 0,
        standardsLed: grow(kind === 'platform_operator' ? 0 : Math.floor(invention / 40)), standardsJoined: grow(Math.floor(invention / 15)),
      });
    }
    Object.assign(values, { majorIncident: false, abnormalOrDishonestList: false });
    facts.push({ fiscalYear: ctx.years[t], values });
  }
  const quals: QualificationCreate[] = [];
  if (kind === 'institute' && rng.chance(0.2)) {
    const y = rng.int(y0 - 5, y0 + 2);
    quals.push({ kind: rng.chance(0.3) ? 'rd_institution_provincial' : 'rd_institution_municipal', name: '新型研发机构', certificateNo: `XXYF-${y}-${pad(index + 1, 6)}`, issuedOn: ymd(y, rng.int(3, 11), rng.int(1, 28)), expiresOn: null, issuer: rng.chance(0.3) ? '福建省科学技术厅' : '厦门市科学技术局' });
  }
  const modern = registeredOn >= '2015-10-01';
  return {
    org: {
      uscc: withCheckChar(`${prefix}${dz.code}${usccBody(index, ctx.keys, modern, rng.pick(['2', '3', '8']))}`),
      name, formerNames: [], kind, district, address: address(rng, district), registeredOn, industryCode: code,
      listed: false, parentGroup: null, contacts: contacts(rng, index, 0.7), keywords, mainProducts: products,
    },
    synthetic: true,
    facts,
    qualifications: quals,
  };
}
