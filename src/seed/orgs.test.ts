import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { checkUscc } from '../lib/uscc.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import { industryCodes } from '../modules/registry/industry.ts';
import type { OrgRecord } from '../modules/registry/registry.bulk.ts';
import { FactsPatchSchema, OrgCreateSchema, QualificationCreateSchema, orgs, type FactsPatch } from '../modules/registry/registry.schema.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { DEMO_ORG_IDS, isDemoSeeded, orgSeedRunName, seedDemo, seedDemoOrgs } from './demo.ts';
import { BANNED_BRANDS, DISTRICT_INFO, INDUSTRIES } from './orgs-data.ts';
import { generateOrgs, iterateOrgs, NEAR_MISS_KNOBS, type GeneratedOrg } from './orgs.ts';
import { seedRuns } from './seed.schema.ts';

const M = 1_000_000 * 100; // a million yuan, in fen
// Default fiscal years 2023–2025. 2026-07-31 is after the 2026 tech SME registrations and before
// the 2023 HNTE certificates run out, so every holder's latest certificate is current.
const AS_OF = '2026-07-31';
const [Y0, Y1, Y2] = [2023, 2024, 2025];

const all: GeneratedOrg[] = [...iterateOrgs({ count: 5000, seed: '1' })];
const enterprises = all.filter((g) => g.record.org.kind === 'enterprise');

const factsOf = (r: OrgRecord, year: number): FactsPatch | undefined => r.facts?.find((f) => f.fiscalYear === year)?.values;
const n = (x: number | null | undefined) => x ?? 0;
const holds = (r: OrgRecord, kind: string, on = AS_OF) => (r.qualifications ?? []).some((q) => q.kind === kind && (q.issuedOn ?? '') <= on && (!q.expiresOn || q.expiresOn >= on));
const classI = (f: FactsPatch) => n(f.inventionPatents) + n(f.icLayouts) + n(f.plantVarieties) + n(f.cropVarieties) + n(f.newDrugs) + n(f.tcmProtectedVarieties);
const classII = (f: FactsPatch) => n(f.utilityModels) + n(f.designPatents) + n(f.softwareCopyrights);
const ratio = (a: number | null | undefined, b: number | null | undefined) => n(a) / Math.max(1, n(b));

// ---- independent checks of the criteria (shared/reference/criteria.md), one function per tier ----

function hnteChecks(r: OrgRecord): Record<string, boolean> {
  const years = [Y0, Y1, Y2].map((y) => factsOf(r, y)!).filter(Boolean);
  const f = factsOf(r, Y2)!;
  const sum = (k: keyof FactsPatch) => years.reduce((s, x) => s + n(x[k] as number), 0);
  const sales = n(f.revenue) / 100;
  const band = sales <= 50e6 ? 0.05 : sales <= 200e6 ? 0.04 : 0.03;
  return {
    st_ratio: ratio(f.stStaff, f.employees) >= 0.1,
    rd_intensity: sum('rdExpense') / sum('revenue') >= band,
    domestic_rd: sum('rdExpenseDomestic') / Math.max(1, sum('rdExpense')) >= 0.6,
    hightech_share: n(f.highTechRevenue) / Math.max(1, n(f.totalIncome) - n(f.nonTaxableIncome)) >= 0.6,
    ip: classI(f) + classII(f) > 0,
    compliance: !f.majorIncident,
  };
}

function techSmeChecks(r: OrgRecord): Record<string, boolean> {
  const f = factsOf(r, Y2)!;
  const st = ratio(f.stStaff, f.employees);
  const a = ratio(f.rdExpense, f.revenue), b = ratio(f.rdExpense, f.totalCostExpense);
  const stPts = st >= 0.3 ? 20 : st >= 0.25 ? 16 : st >= 0.2 ? 12 : st >= 0.15 ? 8 : st >= 0.1 ? 4 : 0;
  const rdPts = Math.max(a >= 0.06 ? 50 : a >= 0.05 ? 40 : a >= 0.04 ? 30 : a >= 0.03 ? 20 : a >= 0.02 ? 10 : 0,
    b >= 0.3 ? 50 : b >= 0.25 ? 40 : b >= 0.2 ? 30 : b >= 0.15 ? 20 : b >= 0.1 ? 10 : 0);
  const ipPts = classI(f) >= 1 ? 30 : classII(f) >= 4 ? 24 : classII(f) * 6;
  const direct = holds(r, 'hnte', `${Y2 + 1}-06-30`) || holds(r, 'rd_institution_provincial') || holds(r, 'rd_institution_national') || n(f.standardsLed) > 0;
  return {
    revenue_cap: n(f.revenue) <= 200 * M,
    staff_cap: n(f.employees) <= 500,
    assets_cap: n(f.totalAssets) <= 200 * M,
    st_ratio: direct || st >= 0.1,
    score: direct || stPts + rdPts + ipPts >= 60,
    compliance: !f.majorIncident && !f.abnormalOrDishonestList && !f.researchMisconduct,
  };
}

/** Innovative SME points (63号 annex 1); `field` is the strategic-emerging-field item (5 or 10). */
function innovativeScore(r: OrgRecord, field: 5 | 10) {
  const f = factsOf(r, Y2)!, p = factsOf(r, Y1)!;
  const ipPts = n(f.inventionPatentsHighValue) > 0 ? 20 : n(f.inventionPatentsSelfDeveloped) > 0 ? 15 : classI(f) > 0 ? 10 : classII(f) > 0 ? 5 : 0;
  const rd = ratio(f.rdExpense, f.revenue);
  const innovation = ipPts + (rd >= 0.05 ? 20 : rd >= 0.03 ? 15 : rd >= 0.02 ? 10 : rd >= 0.01 ? 5 : 0);
  const g = n(f.mainBusinessRevenue) / n(p.mainBusinessRevenue) - 1;
  const debt = ratio(f.totalLiabilities, f.totalAssets);
  const growth = (g >= 0.15 ? 20 : g >= 0.1 ? 15 : g >= 0.05 ? 10 : g >= 0 ? 5 : 0) + (debt <= 0.55 ? 10 : debt < 0.75 ? 5 : 0);
  const main = ratio(f.mainBusinessRevenue, f.revenue);
  const spec = field + (main >= 0.7 ? 20 : main >= 0.6 ? 15 : main >= 0.55 ? 10 : main >= 0.5 ? 5 : 0);
  const total = innovation + growth + spec;
  return { total, pass: total >= 60 && innovation >= 20 && growth >= 15 && spec >= 15, innovation, growth, spec };
}

function srdiChecks(r: OrgRecord): Record<string, boolean> {
  const f = factsOf(r, Y2)!;
  const financing = n(f.equityFinancing) + n(factsOf(r, Y1)?.equityFinancing);
  return {
    revenue: n(f.revenue) >= 10 * M || financing >= 20 * M,
    rd_amount: n(f.rdExpense) >= 1 * M,
    rd_intensity: ratio(f.rdExpense, f.revenue) >= 0.03,
  };
}

function littleGiantChecks(r: OrgRecord): Record<string, boolean> {
  const f = factsOf(r, Y2)!, p = factsOf(r, Y1)!, q = factsOf(r, Y0)!;
  const growth = (n(f.mainBusinessRevenue) / n(p.mainBusinessRevenue) + n(p.mainBusinessRevenue) / n(q.mainBusinessRevenue)) / 2 - 1;
  const band = (x: FactsPatch) => (n(x.revenue) >= 100 * M ? 0.03 : 0.06);
  return {
    main_share: ratio(f.mainBusinessRevenue, f.revenue) >= 0.7,
    growth: growth >= 0.05,
    debt_ratio: ratio(f.totalLiabilities, f.totalAssets) <= 0.7,
    market_share: n(f.marketSharePct) >= 1000,
    rd_intensity: ratio(f.rdExpense, f.revenue) >= band(f) && ratio(p.rdExpense, p.revenue) >= band(p),
    ip: classI(f) >= 2,
    refinement: !!f.qualityCertified && !!f.ownBrand && !!f.coreProcessOnIt,
  };
}

const failing = (checks: Record<string, boolean>) => Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);

describe('generateOrgs', () => {
  it('is deterministic: same seed → identical records, another seed → different, a longer run extends a shorter one', () => {
    const a = JSON.stringify(generateOrgs({ count: 300, seed: '42' }));
    expect(JSON.stringify(generateOrgs({ count: 300, seed: '42' }))).toBe(a);
    expect(JSON.stringify(generateOrgs({ count: 300, seed: '43' }))).not.toBe(a);
    expect(JSON.stringify(generateOrgs({ count: 600, seed: '42' }).slice(0, 300))).toBe(a);
  });

  it('puts the two demo organisations first, in Siming, the same for every seed', () => {
    const [a1, a2] = generateOrgs({ count: 2, seed: '1' });
    const [b1, b2] = generateOrgs({ count: 5, seed: 'other' });
    expect([a1.id, a2.id]).toEqual([DEMO_ORG_IDS.first, DEMO_ORG_IDS.second]);
    expect(JSON.stringify([b1, b2])).toBe(JSON.stringify([a1, a2]));
    for (const r of [a1, a2]) expect(r.org).toMatchObject({ kind: 'enterprise', district: 'siming' });
    expect(all[0].profile).toBe('srdi');
    expect(all[1]).toMatchObject({ profile: 'near_hnte', knob: 'st_ratio' });
    expect(all.slice(2).every((g) => g.record.id === undefined)).toBe(true);
  });

  it('makes valid, unique USCCs with the right prefix and district code', () => {
    const seen = new Set<string>();
    const prefixes: Record<string, Set<string>> = {};
    for (const { record: { org } } of all) {
      expect(checkUscc(org.uscc), org.uscc).toMatchObject({ ok: true });
      expect(org.uscc.slice(2, 8)).toBe(DISTRICT_INFO[org.district].code);
      (prefixes[org.kind] ??= new Set()).add(org.uscc.slice(0, 2));
      seen.add(org.uscc);
    }
    expect(seen.size).toBe(all.length);
    expect([...prefixes.enterprise]).toEqual(['91']);
    expect([...prefixes.village_collective]).toEqual(['N2']);
    expect([...prefixes.university].every((p) => p === '12' || p === '52')).toBe(true);
    expect([...prefixes.institute].sort()).toEqual(['12', '52', '91']);
    // 100k keeps them unique too (bijective bodies), without keeping the records.
    const many = new Set<string>();
    for (const g of iterateOrgs({ count: 30_000, seed: 'u' })) many.add(g.record.org.uscc);
    expect(many.size).toBe(30_000);
  });

  it('passes the registry schemas (names, dates, industry codes, facts, qualifications)', () => {
    for (const { record } of all) {
      const org = OrgCreateSchema.parse(record.org);
      expect(org.registeredOn! <= `${Y2}-12-31`).toBe(true);
      expect(record.synthetic).toBe(true);
      expect(record.org.keywords.some((k) => k.includes('演示'))).toBe(false);
      for (const f of record.facts ?? []) {
        FactsPatchSchema.parse(f.values);
        expect(f.fiscalYear).toBeGreaterThanOrEqual(Number(org.registeredOn!.slice(0, 4)));
      }
      for (const q of record.qualifications ?? []) QualificationCreateSchema.parse(q);
    }
  });

  it('uses real GB/T 4754-2017 class codes for all 14 industries of the 4+4+6 system, and every one appears', () => {
    const codes = industryCodes();
    expect(INDUSTRIES).toHaveLength(14);
    expect(INDUSTRIES.map((i) => i.tier).filter((t) => t === 'future')).toHaveLength(6);
    for (const ind of INDUSTRIES) for (const s of ind.segments) for (const c of s.codes) expect(codes.get(c)?.level, `${ind.zh} ${c}`).toBe('class');
    for (const ind of INDUSTRIES) expect(enterprises.some((g) => g.record.org.keywords[0] === ind.zh), ind.zh).toBe(true);
  });

  it('gives plausible, unique, clearly synthetic names', () => {
    const names = all.map((g) => g.record.org.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const own = name.replace(/^(思明|海沧|湖里|集美|同安|翔安)区/, '');
      expect(BANNED_BRANDS.some((b) => own.includes(b)), name).toBe(false);
      expect(name).toMatch(/^(厦门|.{1,3}（厦门）|.{2}区)/);
    }
    expect(all.filter((g) => g.record.org.formerNames.length > 0).length / all.length).toBeGreaterThan(0.04);
    expect(all.filter((g) => g.record.org.kind === 'village_collective').every((g) => /股份经济合作社$/.test(g.record.org.name))).toBe(true);
    expect(all.filter((g) => g.record.org.kind === 'university').every((g) => /学院$/.test(g.record.org.name))).toBe(true);
  });

  it('has every kind and district in the documented proportions', () => {
    const count = (pred: (g: GeneratedOrg) => boolean) => all.filter(pred).length;
    expect(enterprises.length / all.length).toBeGreaterThan(0.92);
    expect(enterprises.length / all.length).toBeLessThan(0.96);
    for (const kind of ['university', 'institute', 'platform_operator', 'fund_manager', 'village_collective']) expect(count((g) => g.record.org.kind === kind), kind).toBeGreaterThan(5);
    const d = (x: string) => count((g) => g.record.org.district === x);
    expect(Math.min(d('huli'), d('siming'), d('jimei'))).toBeGreaterThan(Math.max(d('xiangan'), d('tongan'), d('haicang')));
    expect(d('tongan')).toBeGreaterThan(100);
  });

  it('keeps every year\'s facts consistent', () => {
    for (const { record } of all) {
      const years = (record.facts ?? []).map((f) => f.values);
      years.forEach((f, i) => {
        const where = `${record.org.name} ${record.facts![i].fiscalYear}`;
        expect(n(f.mainBusinessRevenue) + n(f.otherBusinessRevenue), where).toBe(f.revenue);
        expect(n(f.highTechRevenue)).toBeLessThanOrEqual(n(f.revenue));
        expect(n(f.totalIncome)).toBeGreaterThanOrEqual(n(f.revenue));
        expect(n(f.totalLiabilities)).toBeLessThanOrEqual(n(f.totalAssets));
        expect(f.totalProfit, where).toBe(n(f.revenue) + n(f.nonTaxableIncome) + n(f.investmentIncome) - n(f.totalCostExpense));
        if (n(f.totalProfit) > 0) expect(n(f.netProfit)).toBeLessThanOrEqual(n(f.totalProfit));
        expect(n(f.stStaff)).toBeLessThanOrEqual(n(f.employees));
        expect(n(f.rdStaff)).toBeLessThanOrEqual(n(f.stStaff));
        const cats = n(f.rdPersonnel) + n(f.rdDirectInputs) + n(f.rdDepreciation) + n(f.rdIntangibleAmortisation) + n(f.rdNewProductDesign)
          + n(f.rdOtherRelated) + n(f.rdCommissionedDomestic) + n(f.rdCommissionedAbroad);
        expect(cats, where).toBe(n(f.rdExpense));
        expect(n(f.rdExpensed) + n(f.rdCapitalised)).toBe(n(f.rdExpense));
        expect(n(f.rdExpenseDomestic)).toBe(n(f.rdExpense) - n(f.rdCommissionedAbroad));
        expect(n(f.rdOtherRelated)).toBeLessThanOrEqual(0.1 * n(f.rdExpense));
        expect(n(f.rdExpense)).toBeLessThanOrEqual(n(f.totalCostExpense));
        expect(n(f.inventionPatentsHighValue)).toBeLessThanOrEqual(n(f.inventionPatents));
        expect(n(f.inventionPatentsSelfDeveloped)).toBeLessThanOrEqual(n(f.inventionPatents));
        if (i > 0) {
          for (const k of ['inventionPatents', 'utilityModels', 'designPatents', 'softwareCopyrights', 'pctFilings', 'standardsJoined'] as const) {
            expect(n(f[k]), `${where} ${k}`).toBeGreaterThanOrEqual(n(years[i - 1][k]));
          }
          const growth = n(f.revenue) / n(years[i - 1].revenue) - 1;
          expect(growth).toBeGreaterThan(-0.4);
          expect(growth).toBeLessThan(1.6);
        }
      });
    }
  });

  it('has long-tailed sizes, R&D intensity mostly 1–8% and mostly domestic R&D', () => {
    const latest = enterprises.map((g) => factsOf(g.record, Y2)).filter((f): f is FactsPatch => !!f);
    const revenue = latest.map((f) => n(f.revenue)).sort((a, b) => a - b);
    const median = revenue[Math.floor(revenue.length / 2)];
    const mean = revenue.reduce((a, b) => a + b, 0) / revenue.length;
    expect(mean).toBeGreaterThan(2 * median);
    expect(revenue[revenue.length - 1]).toBeGreaterThan(100 * median);
    const rdActive = latest.filter((f) => n(f.rdExpense) > 0);
    const intensities = rdActive.map((f) => ratio(f.rdExpense, f.revenue));
    expect(intensities.filter((x) => x >= 0.01 && x <= 0.08).length / intensities.length).toBeGreaterThan(0.6);
    expect(rdActive.filter((f) => ratio(f.rdExpenseDomestic, f.rdExpense) >= 0.6).length / rdActive.length).toBeGreaterThan(0.95);
    expect(latest.filter((f) => n(f.netProfit) < 0).length).toBeGreaterThan(50);
    expect(latest.filter((f) => f.majorIncident || f.abnormalOrDishonestList).length / latest.length).toBeLessThan(0.03);
  });

  it('holds qualifications in a pyramid of realistic proportions, with expired certificates too', () => {
    const share = (kind: string) => enterprises.filter((g) => holds(g.record, kind)).length / enterprises.length;
    const hnte = share('hnte'), tsme = share('tech_sme'), inno = share('innovative_sme'), srdi = share('srdi_sme'), lg = share('little_giant');
    expect(hnte).toBeGreaterThan(0.09);
    expect(hnte).toBeLessThan(0.14);
    expect(tsme).toBeGreaterThan(hnte);
    expect(inno).toBeGreaterThan(0.07);
    expect(inno).toBeLessThan(0.12);
    expect(srdi).toBeGreaterThan(0.025);
    expect(srdi).toBeLessThan(0.045);
    expect(lg).toBeGreaterThan(0.002);
    expect(lg).toBeLessThan(0.008);
    const expired = enterprises.flatMap((g) => g.record.qualifications ?? []).filter((q) => q.expiresOn && q.expiresOn < AS_OF);
    expect(new Set(expired.map((q) => q.kind))).toEqual(new Set(['hnte', 'tech_sme', 'innovative_sme']));
    // Every certificate: a number, an issue date, and (tiers) three years of validity.
    for (const g of enterprises) for (const q of g.record.qualifications ?? []) {
      expect(q.certificateNo).toBeTruthy();
      if (['hnte', 'innovative_sme', 'srdi_sme', 'little_giant'].includes(q.kind)) {
        expect(Number(q.expiresOn!.slice(0, 4)) - Number(q.issuedOn!.slice(0, 4))).toBe(3);
      }
    }
  });

  it('members of every tier meet its criteria', () => {
    const members = (kind: string) => enterprises.filter((g) => holds(g.record, kind));
    for (const g of members('hnte')) expect(failing(hnteChecks(g.record)), g.record.org.name).toEqual([]);
    for (const g of enterprises.filter((x) => (x.record.qualifications ?? []).some((q) => q.kind === 'tech_sme' && q.issuedOn!.startsWith(String(Y2 + 1))))) {
      expect(failing(techSmeChecks(g.record)), g.record.org.name).toEqual([]);
    }
    for (const g of members('innovative_sme')) {
      if (!holds(g.record, 'hnte')) expect(innovativeScore(g.record, 5).pass, g.record.org.name).toBe(true);
    }
    for (const g of members('srdi_sme')) expect(failing(srdiChecks(g.record)), g.record.org.name).toEqual([]);
    for (const g of members('little_giant')) expect(failing(littleGiantChecks(g.record)), g.record.org.name).toEqual([]);
    expect(members('little_giant').length).toBeGreaterThan(10);
  });

  it('near-misses fail exactly their knob, by a small margin, for every tier and knob', () => {
    const near = (profile: string) => enterprises.filter((g) => g.profile === profile);
    const seenKnobs: Record<string, Set<string>> = {};
    const expectOnly = (g: GeneratedOrg, checks: Record<string, boolean>) => {
      expect(failing(checks), `${g.profile} ${g.knob} ${g.record.org.name}`).toEqual([g.knob]);
      (seenKnobs[g.profile!] ??= new Set()).add(g.knob!);
    };
    for (const g of [...near('near_hnte'), ...near('lapsed_hnte')]) {
      expect(holds(g.record, 'hnte')).toBe(false);
      expectOnly(g, hnteChecks(g.record));
      const f = factsOf(g.record, Y2)!;
      if (g.knob === 'st_ratio') expect(ratio(f.stStaff, f.employees)).toBeGreaterThanOrEqual(0.09);
      if (g.knob === 'hightech_share') expect(n(f.highTechRevenue) / (n(f.totalIncome) - n(f.nonTaxableIncome))).toBeGreaterThan(0.53);
    }
    for (const g of near('lapsed_hnte')) expect((g.record.qualifications ?? []).some((q) => q.kind === 'hnte')).toBe(true);
    for (const g of near('near_tech_sme')) {
      expect((g.record.qualifications ?? []).some((q) => q.kind === 'tech_sme' && q.issuedOn!.startsWith(String(Y2 + 1)))).toBe(false);
      const checks = techSmeChecks(g.record);
      if (g.knob === 'st_ratio') checks.score = true; // a zero S&T sub-score also zeroes the score
      expectOnly(g, checks);
      if (g.knob === 'score') expect(innovativeScore(g.record, 10).total).toBeGreaterThan(0); // sanity
    }
    for (const g of near('near_innovative')) {
      expect(holds(g.record, 'innovative_sme') || holds(g.record, 'hnte')).toBe(false);
      expect(n(factsOf(g.record, Y2)!.equityFinancing) + n(factsOf(g.record, Y1)!.equityFinancing) + n(factsOf(g.record, Y0)!.equityFinancing)).toBe(0);
      const s = innovativeScore(g.record, 10);
      expect(s.total, g.record.org.name).toBeGreaterThanOrEqual(50);
      expect(s.pass).toBe(false);
      expect(s.innovation >= 20 && s.growth >= 15 && s.spec >= 15).toBe(true);
      (seenKnobs.near_innovative ??= new Set()).add(g.knob!);
    }
    for (const g of near('near_srdi')) {
      expect(holds(g.record, 'srdi_sme')).toBe(false);
      expect(holds(g.record, 'innovative_sme')).toBe(true);
      expectOnly(g, srdiChecks(g.record));
    }
    for (const g of near('near_little_giant')) {
      expect(holds(g.record, 'little_giant')).toBe(false);
      expect(holds(g.record, 'srdi_sme')).toBe(true);
      expectOnly(g, littleGiantChecks(g.record));
    }
    for (const [profile, knobs] of Object.entries(NEAR_MISS_KNOBS)) {
      expect([...(seenKnobs[profile] ?? [])].sort(), profile).toEqual(Object.keys(knobs).sort());
    }
  });
});

describe('seeding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds N organisations once; a repeated write changes nothing; the demo organisations exist', async () => {
    const progress: number[] = [];
    const first = await seedDemoOrgs(t.ctx, { count: 300, seed: '7' }, (done) => {
      progress.push(done);
    });
    expect(first).toMatchObject({ skipped: false, inserted: 300, updated: 0, unchanged: 0 });
    expect(first.factsInserted).toBeGreaterThan(850);
    expect(progress.at(-1)).toBe(300);
    expect(await isDemoSeeded(t.ctx, orgSeedRunName({ count: 300, seed: '7' }))).toBe(true);
    expect(await seedDemoOrgs(t.ctx, { count: 300, seed: '7' })).toMatchObject({ skipped: true, inserted: 0 });

    // Without the seed_runs record the same records are written again: nothing changes.
    await t.ctx.db.delete(seedRuns).where(eq(seedRuns.name, orgSeedRunName({ count: 300, seed: '7' })));
    const again = await seedDemoOrgs(t.ctx, { count: 300, seed: '7' });
    expect(again).toMatchObject({ skipped: false, inserted: 0, updated: 0, unchanged: 300, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 });

    const demo = await t.ctx.db.select().from(orgs).where(inArray(orgs.id, [DEMO_ORG_IDS.first, DEMO_ORG_IDS.second]));
    expect(demo).toHaveLength(2);
    expect(demo.every((o) => o.district === 'siming' && o.synthetic)).toBe(true);
    const [{ count }] = await t.ctx.db.select({ count: sql<number>`count(*)::int` }).from(orgs).where(eq(orgs.synthetic, true));
    expect(count).toBe(300);
    expect((await verifyAudit(t.ctx.db, t.ctx.auditKey)).ok).toBe(true);
  });

  it('seedDemo adds the accounts and a larger set on top, keeping the first records', async () => {
    const summary = await seedDemo(t.ctx, { count: 400, seed: '7' });
    expect(summary).toMatch(/400 synthetic organisations: 100 new, 0 updated, 300 unchanged/);
    expect(summary).toMatch(/6 demo accounts/);
    expect(await seedDemo(t.ctx, { count: 400, seed: '7' })).toMatch(/already seeded/);
    const c = await t.as('district_officer', { district: 'siming' });
    const res = await c.get(`/api/orgs?pageSize=200&synthetic=true`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; district: string }[];
    expect(items.every((o) => o.district === 'siming')).toBe(true);
    expect(items.map((o) => o.id)).toEqual(expect.arrayContaining([DEMO_ORG_IDS.first, DEMO_ORG_IDS.second]));
  });
});
