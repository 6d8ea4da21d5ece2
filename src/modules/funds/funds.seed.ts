// Demo data for the funds ledger. The two mountain–sea cooperation appropriations are the real
// figures of the bureau's letter (厦科函〔2025〕84号) and carry it as their source; everything
// else — projects, allocations, payments, the other funds and their rule values — is generated,
// deterministic and labelled 演示 (synthetic). Postings go through the same service functions
// as the API, with demo_bureau as maker and demo_checker as checker.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DEMO_ORG_IDS } from '../../seed/ids.ts';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import { users } from '../accounts/accounts.schema.ts';
import { seedRuns } from '../../seed/seed.schema.ts';
import * as ledger from './funds.service.ts';
import { LONGYAN_COUNTIES, villageIncomes, villages, type SourceRef } from './funds.schema.ts';
import { orgs } from '../registry/registry.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createCollectiveProject } from './villages.ts';
import { addInvestment, createVentureFund } from './ventures.ts';
import { createAgreement } from './agreements.ts';
import * as insurance from './insurance.ts';
import { rng } from '../../lib/rng.ts';

export const FUNDS_SEED_RUN = 'funds';

const YUAN = 100;
const WAN = 10_000 * YUAN;

function letterSource(indicator: string): SourceRef {
  const f = letterFigure(indicator);
  return {
    title: LETTER.source.title_zh, docNo: LETTER.source.doc_no, date: LETTER.source.date, indicator,
    note: `${f.zh}：${f.value} ${f.unit}（${f.period}）`,
  };
}

export const COUNTY_NAMES: Record<(typeof LONGYAN_COUNTIES)[number], string> = {
  xinluo: '新罗区', yongding: '永定区', shanghang: '上杭县', wuping: '武平县', changting: '长汀县', liancheng: '连城县', zhangping: '漳平市',
};
const THEMES = ['产业园区共建', '科技特派员服务', '农产品精深加工', '文旅融合', '新能源配套', '数字乡村', '人才交流'];
const DISTRICT_NAMES = { siming: '思明区', huli: '湖里区', jimei: '集美区', haicang: '海沧区', tongan: '同安区', xiangan: '翔安区' } as const;
const VILLAGE_WORDS = ['东', '西', '后', '前', '新', '溪', '林', '坑', '山', '埔', '头', '尾', '厝', '洋'];

export async function seedDemoFunds(ctx: Ctx): Promise<string> {
  // One outer transaction: every posting below becomes a savepoint, so the whole demo ledger
  // commits once (much faster on the embedded database) and appears all at once or not at all.
  return ctx.db.transaction((tx) => seedInside({ ...ctx, db: tx as unknown as Ctx['db'] }));
}

async function seedInside(ctx: Ctx): Promise<string> {
  const people = await ctx.db.select().from(users).where(inArray(users.username, ['demo_bureau', 'demo_checker']));
  const maker = people.find((u) => u.username === 'demo_bureau');
  const checker = people.find((u) => u.username === 'demo_checker');
  if (!maker || !checker) return 'funds skipped (demo_bureau and demo_checker accounts are missing)';
  const as = (u: typeof maker, date: string): Ctx => ({
    ...ctx, system: true, actor: { userId: u.id, username: u.username, role: u.role, district: u.district, orgId: u.orgId },
    now: () => new Date(`${date}T02:30:00Z`),
  });
  const m = (date: string) => as(maker, date);
  const c = (date: string) => as(checker, date);
  const random = rng(20250520);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  let payments = 0;
  const pay = async (allocationId: string, amountFen: number, ref: string, requested: string, approved: string | null) => {
    const d = await ledger.requestDisbursement(m(requested), allocationId, { amountFen, reference: ref });
    if (approved) await ledger.approveDisbursement(c(approved), d.id, { note: '演示：复核通过' });
    payments++;
    return d;
  };

  // ---- mountain–sea cooperation: the letter's figures as the starting appropriations ----
  const msRules = { eligibleUses: ['county_project', 'industrial_cooperation', 'talent_exchange'], recipientKinds: ['county_project', 'county'] as ('county_project' | 'county')[], capPerCountyFen: 3_000 * WAN };
  const msCity = await ledger.createFund(m('2025-03-01'), {
    code: 'MS-CITY-2025', name: '市级山海协作资金', nameEn: 'City mountain–sea cooperation fund', kind: 'mountain_sea', sourceLevel: 'city',
    purpose: '厦门—龙岩山海协作：对口帮扶县（市、区）协作项目。管理规则中的用途与每县上限为演示假设值，待录入正式管理办法。',
    rules: msRules, source: letterSource('mountain_sea_city_funds'),
  });
  const msDistrict = await ledger.createFund(m('2025-03-01'), {
    code: 'MS-DISTRICT-2025', name: '区级山海协作资金', nameEn: 'District mountain–sea cooperation funds', kind: 'mountain_sea', sourceLevel: 'district',
    purpose: '各区拨付的区级山海协作资金（来函仅列合计 6100 万元，未分区列示）。管理规则为演示假设值。',
    rules: msRules, source: letterSource('mountain_sea_district_funds'),
  });
  await ledger.appropriate(m('2025-03-15'), msCity.id, { amountFen: letterFigure('mountain_sea_city_funds').value * 10_000 * WAN, contributor: '厦门市本级', source: letterSource('mountain_sea_city_funds'), memo: '来函所列市级山海协作资金拨付' });
  await ledger.appropriate(m('2025-04-10'), msDistrict.id, { amountFen: letterFigure('mountain_sea_district_funds').value * WAN, contributor: '各区合计（来函未分区列示）', source: letterSource('mountain_sea_district_funds'), memo: '来函所列各区区级山海协作资金拨付' });

  // One cooperation agreement per partner county. No agreement text was found in public sources,
  // so these are demo records (synthetic, 演示): the city and district totals they commit add up
  // to the letter's figures, the split over counties is invented.
  const cityTotal = letterFigure('mountain_sea_city_funds').value * 10_000 * WAN;
  const districtTotal = letterFigure('mountain_sea_district_funds').value * WAN;
  const agreementOf = new Map<string, string>();
  for (const [i, county] of LONGYAN_COUNTIES.entries()) {
    const last = i === LONGYAN_COUNTIES.length - 1;
    const share = (total: number) => (last ? total - Math.floor(total / LONGYAN_COUNTIES.length / WAN) * WAN * (LONGYAN_COUNTIES.length - 1) : Math.floor(total / LONGYAN_COUNTIES.length / WAN) * WAN);
    const a = await createAgreement(m('2025-03-20'), {
      code: `MS-AG-2025-${String(i + 1).padStart(2, '0')}`, title: `厦门市—龙岩市${COUNTY_NAMES[county]}山海协作框架协议（演示）`, county,
      docNo: `演示协议〔2025〕${i + 1}号`, signedOn: '2025-03-20', periodFrom: '2025-01-01', periodTo: '2027-12-31',
      committedCityFen: share(cityTotal), committedDistrictFen: share(districtTotal),
      note: '演示数据：未找到公开的协议文本；各协议承诺额合计与来函所列市级、区级资金一致，分县拆分为演示假设。',
    }, { synthetic: true });
    agreementOf.set(county, a.id);
  }

  let n = 0;
  const months = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'];
  for (const county of LONGYAN_COUNTIES) {
    for (let k = 0; k < 2; k++) {
      n++;
      const theme = pick(THEMES);
      const r = await ledger.createRecipient(m('2025-04-20'), {
        kind: 'county_project', ref: `MS-2025-${String(n).padStart(3, '0')}`, name: `${COUNTY_NAMES[county]}${theme}协作项目（演示）`, county,
        investmentFen: Math.round((2_000 + random() * 6_000)) * WAN, operator: `${COUNTY_NAMES[county]}协作项目实施单位（演示）`, agreementId: agreementOf.get(county),
      }, { synthetic: true });
      const cityAmount = Math.round(200 + random() * 500) * WAN;
      const { allocation } = await ledger.allocate(m(`${months[n % 3]}-08`), msCity.id, { recipientId: r.id, amountFen: cityAmount, use: 'county_project', note: '演示分配' });
      const distAmount = Math.round(100 + random() * 250) * WAN;
      const { allocation: a2 } = await ledger.allocate(m(`${months[n % 3]}-12`), msDistrict.id, { recipientId: r.id, amountFen: distAmount, use: k ? 'talent_exchange' : 'county_project', note: '演示分配' });
      // Paid in two instalments (60 % then the rest), some still waiting for the checker.
      const first = Math.round(cityAmount * 0.6);
      await pay(allocation.id, first, `MS-PAY-${n}-1`, `${months[(n % 3) + 1]}-03`, `${months[(n % 3) + 1]}-05`);
      if (n % 4 === 0) await pay(allocation.id, cityAmount - first, `MS-PAY-${n}-2`, '2025-10-20', null);
      else if (n % 3 !== 0) await pay(allocation.id, cityAmount - first, `MS-PAY-${n}-2`, `${months[(n % 3) + 3]}-10`, `${months[(n % 3) + 3]}-14`);
      await pay(a2.id, Math.round(distAmount / 2), `MS-DPAY-${n}-1`, `${months[(n % 3) + 2]}-06`, `${months[(n % 3) + 2]}-09`);
      if (n === 5) {
        // A finished project: part of the money comes back, then it is closed.
        await ledger.recordReturn(m('2025-11-03'), allocation.id, { amountFen: 25 * WAN, reference: `MS-RET-${n}`, memo: '演示：结余资金退回' });
        await ledger.closeRecipient(m('2025-11-05'), r.id);
      }
    }
  }

  // ---- villages (the letter counts 319; these are generated until the real list is imported) ----
  const VILLAGES_PER_DISTRICT = { siming: 6, huli: 23, jimei: 60, haicang: 40, tongan: 110, xiangan: 80 } as const;
  const villageRows: (typeof villages.$inferInsert)[] = [];
  for (const [district, count] of Object.entries(VILLAGES_PER_DISTRICT)) {
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      let name = '';
      do name = `${pick(VILLAGE_WORDS)}${pick(VILLAGE_WORDS)}${random() < 0.2 ? '社区' : '村'}`; while (used.has(name));
      used.add(name);
      villageRows.push({ code: `V-${district}-${String(i + 1).padStart(3, '0')}`, name: `${name}（演示）`, district: district as never, town: `${DISTRICT_NAMES[district as keyof typeof DISTRICT_NAMES]}示例镇（街）${(i % 4) + 1}`, synthetic: true, createdAt: ctx.now() });
    }
  }
  const insertedVillages = await ctx.db.insert(villages).values(villageRows).returning({ id: villages.id, district: villages.district, name: villages.name, code: villages.code });
  // Yearly income: skewed, most villages modest, a few large (the letter's city average is 509.1 万元).
  await ctx.db.insert(villageIncomes).values(insertedVillages.flatMap((v) => [2023, 2024].map((year) => ({
    villageId: v.id, year, incomeFen: Math.round((60 + Math.pow(random(), 2.2) * 2_400) * (year === 2023 ? 0.92 : 1)) * WAN, updatedAt: ctx.now(),
  }))));
  await recordAudit(ctx.db as never, ctx, { action: 'village.seed', entityType: 'village', entityId: null, after: { villages: insertedVillages.length, incomeYears: [2023, 2024], synthetic: true } });

  // ---- village collective projects: fiscal support ≤ 10 % of investment ----
  const vc = await ledger.createFund(m('2025-02-01'), {
    code: 'VC-SUPPORT-2025', name: '村集体经济发展扶持资金（演示）', nameEn: 'Village collective economy support (synthetic)', kind: 'village_collective', sourceLevel: 'city',
    purpose: '扶持村集体预留发展用地统筹建设项目；财政扶持不超过项目投资的 10%（来函所述规则）。资金规模为演示数据。',
    rules: { eligibleUses: ['collective_project'], recipientKinds: ['collective_project'], maxShareOfInvestmentBp: 1000 },
  }, { synthetic: true });
  await ledger.appropriate(m('2025-02-20'), vc.id, { amountFen: 8_000 * WAN, contributor: '厦门市本级（演示）', memo: '演示数据' });
  const PROJECTS_PER_DISTRICT = { huli: 1, jimei: 8, haicang: 3, tongan: 4, xiangan: 4 } as const;
  let vcCount = 0;
  for (const [district, count] of Object.entries(PROJECTS_PER_DISTRICT)) {
    const pool = insertedVillages.filter((v) => v.district === district);
    for (let i = 0; i < count; i++) {
      vcCount++;
      const village = pool[(i * 7) % pool.length];
      const investment = Math.round(800 + random() * 1_200) * WAN;
      const r = await createCollectiveProject(m('2025-03-01'), {
        villageId: village.id, ref: `VC-2025-${String(vcCount).padStart(3, '0')}`, name: `${village.name.replace('（演示）', '')}集体发展用地项目（演示）`,
        investmentFen: investment, operator: `${village.name.replace('（演示）', '')}股份经济合作社（演示）`,
      }, { synthetic: true });
      const support = Math.floor(investment * (0.03 + random() * 0.05) / 100) * 100;
      const { allocation } = await ledger.allocate(m(`2025-0${4 + (vcCount % 5)}-15`), vc.id, { recipientId: r.id, amountFen: support, use: 'collective_project' });
      await pay(allocation.id, support, `VC-PAY-${vcCount}`, `2025-0${5 + (vcCount % 5)}-02`, vcCount % 9 === 4 ? null : `2025-0${5 + (vcCount % 5)}-04`);
    }
  }

  // ---- guidance fund: the letter's first 8 sub-funds (1.917 billion yuan in all) as example members ----
  const subTotal = Math.round(letterFigure('guidance_subfunds_size').value * 10_000 * WAN);
  const guidance = await createVentureFund(m('2025-01-05'), {
    code: 'GF-STI', name: '科技创新创业引导基金', kind: 'guidance', sizeFen: subTotal, mandateTags: ['early', 'small', 'hard_tech'], example: true,
    source: { ...letterSource('guidance_subfunds'), note: '来函：首批子基金 8 支、总规模 19.17 亿元。引导基金自身规模未在来函中列示，此处以子基金总规模占位。' },
  }, { synthetic: true });
  const weights = Array.from({ length: 8 }, () => 0.6 + random());
  const wsum = weights.reduce((a, b) => a + b, 0);
  let allotted = 0;
  const orgPool = await ctx.db.select({ uscc: orgs.uscc }).from(orgs).where(and(eq(orgs.synthetic, true), eq(orgs.kind, 'enterprise'))).orderBy(orgs.uscc).limit(200);
  for (let i = 0; i < 8; i++) {
    const size = i === 7 ? subTotal - allotted : Math.round((subTotal * weights[i]) / wsum / WAN) * WAN;
    allotted += size;
    const committed = Math.round(size * (0.2 + random() * 0.1) / WAN) * WAN;
    const tags = (['early', 'small', 'hard_tech'] as const).filter(() => random() < 0.6);
    const sub = await createVentureFund(m('2025-01-05'), {
      code: `GF-SUB-${i + 1}`, name: `首批子基金 ${i + 1}（示例，待录入）`, kind: 'sub_fund', parentId: guidance.id, manager: `示例基金管理人 ${i + 1}（演示）`,
      sizeFen: size, committedFen: committed, paidInFen: Math.round(committed * (0.4 + random() * 0.3) / WAN) * WAN, reinvestTargetBp: 15_000,
      mandateTags: tags.length ? [...tags] : ['hard_tech'], vintage: 2024 + (i % 2), example: true, source: letterSource('guidance_subfunds_size'),
    }, { synthetic: true });
    const deals = 2 + Math.floor(random() * 2);
    for (let d = 0; d < deals; d++) {
      const org = orgPool.length && random() < 0.8 ? orgPool[Math.floor(random() * orgPool.length)] : null;
      const stage = pick(['seed', 'angel', 'a', 'a', 'b', 'c_plus'] as const);
      await addInvestment(m('2025-06-01'), sub.id, {
        orgUscc: org?.uscc, targetName: org ? undefined : `市外被投企业 ${i + 1}-${d + 1}（演示）`, round: stage === 'c_plus' ? 'C' : stage.toUpperCase(), stage,
        amountFen: Math.round(500 + random() * 4_500) * WAN, investedOn: `2025-${String(2 + Math.floor(random() * 9)).padStart(2, '0')}-15`,
        small: random() < 0.6, hardTech: random() < 0.55,
      }, { synthetic: true });
    }
  }
  for (const [code, name, kind, indicator] of [
    ['VC-STI-2025', '科创风投基金', 'vc_fund', 'vc_fund_size'],
    ['TIF-XM-2025', '厦门市技术创新基金', 'tech_innovation_fund', 'tech_innovation_fund_size'],
  ] as const) {
    await createVentureFund(m('2025-05-20'), { code, name, kind, sizeFen: Math.round(letterFigure(indicator).value * 10_000 * WAN), source: letterSource(indicator) });
  }

  // ---- programme projects, paid through the ledger (the programmes module calls the same functions) ----
  const tp = await ledger.createFund(m('2025-01-10'), {
    code: 'TECH-PROJ-2025', name: '科技计划项目资金（演示）', nameEn: 'S&T programme project funds (synthetic)', kind: 'special', sourceLevel: 'city',
    purpose: '市科技计划项目（重大技术攻关、产学研合作等）经费拨付。金额为演示数据。',
    rules: { eligibleUses: ['rd_project'], recipientKinds: ['project'], capPerRecipientFen: 500 * WAN },
  }, { synthetic: true });
  await ledger.appropriate(m('2025-01-20'), tp.id, { amountFen: 5_000 * WAN, contributor: '厦门市本级（演示）', memo: '演示数据' });
  for (let i = 0; i < 6; i++) {
    const r = await ledger.createRecipient(m('2025-02-10'), { kind: 'project', ref: `3502Z2025${String(1001 + i)}`, name: `${pick(['新型储能', '创新药械', '软件和信息服务', '人工智能', '前沿材料'])}攻关项目 ${i + 1}（演示）` }, { synthetic: true });
    const amount = Math.round(100 + random() * 400) * WAN;
    const { allocation } = await ledger.allocate(m('2025-03-05'), tp.id, { recipientId: r.id, amountFen: amount, use: 'rd_project' });
    await pay(allocation.id, Math.round(amount / 2), `TP-PAY-${i + 1}`, '2025-03-20', '2025-03-24');
    if (i === 2) {
      // A payment posted by mistake and reversed: the ledger keeps both entries.
      const d = await pay(allocation.id, Math.round(amount / 4), `TP-PAY-${i + 1}-X`, '2025-06-01', '2025-06-02');
      const approved = await ledger.getDisbursement(m('2025-06-03'), d.id);
      await ledger.reverseEntry(m('2025-06-03'), approved.entryId!, { memo: '演示：收款账户有误，冲销' });
    }
  }

  const insured = await seedInsurance(m('2025-01-05'), random);
  // The fund an approved premium-subsidy batch (免申即享) is paid from: organisations as recipients.
  const xyb = await ledger.createFund(m('2025-01-06'), {
    code: 'XYB-SUBSIDY-2025', name: '厦研保保费补贴资金（演示）', nameEn: 'R&D insurance premium subsidy (synthetic)', kind: 'rd_insurance', sourceLevel: 'city',
    purpose: '科技保险（厦研保）保费补贴，按已审批的免申即享批次拨付至投保企业。资金规模为演示数据。',
    rules: { eligibleUses: ['rd_insurance_subsidy'], recipientKinds: ['org'] },
  }, { synthetic: true });
  await ledger.appropriate(m('2025-01-20'), xyb.id, { amountFen: 500 * WAN, contributor: '厦门市本级（演示）', memo: '演示数据' });

  const summary = `6 funds (2 with the letter's mountain–sea figures), ${LONGYAN_COUNTIES.length} mountain–sea agreements (synthetic), ${n + vcCount + 6} projects, ${payments} payment requests, ${insertedVillages.length} villages, a guidance fund with 8 example sub-funds, ${insured} R&D insurance policies (synthetic)`;
  await ctx.db.insert(seedRuns).values({ name: FUNDS_SEED_RUN, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}

/**
 * R&D insurance (厦研保): three example products and policies for enterprises on file (the first
 * demo organisation among them), in 2025 and 2026, a few with claims the insurer decided.
 */
async function seedInsurance(ctx: Ctx, random: () => number): Promise<number> {
  const products = [
    { code: 'XYB-DEMO-RDF', name: '研发失败保险（示例）', insurer: '示例财产保险厦门分公司', coverage: 'rd_failure' as const, premiumRateBp: 150, maxSumInsuredFen: 500 * WAN },
    { code: 'XYB-DEMO-RDE', name: '研发费用损失保险（示例）', insurer: '示例财产保险厦门分公司', coverage: 'rd_expense_loss' as const, premiumRateBp: 200, maxSumInsuredFen: 300 * WAN },
    { code: 'XYB-DEMO-IPE', name: '知识产权维权费用保险（示例）', insurer: '示例人寿财产保险福建分公司', coverage: 'ip_enforcement' as const, premiumRateBp: 300, maxSumInsuredFen: 100 * WAN },
  ];
  const made = [];
  for (const p of products) made.push(await insurance.createProduct(ctx, p, { synthetic: true }));
  const firms = await ctx.db.select({ id: orgs.id, uscc: orgs.uscc }).from(orgs)
    .where(and(eq(orgs.kind, 'enterprise'), eq(orgs.synthetic, true))).orderBy(sql`${orgs.id} = ${DEMO_ORG_IDS.first} desc`, sql`substr(${orgs.uscc}, 9)`).limit(36);
  let count = 0;
  for (const [i, firm] of firms.entries()) {
    const product = made[i % made.length];
    const year = i % 4 === 0 ? 2025 : 2026;
    const sum = Math.round(20 + random() * (product.maxSumInsuredFen / WAN - 20)) * WAN;
    const startsOn = `${year}-${String(1 + (i % 9)).padStart(2, '0')}-01`;
    const endsOn = `${year + 1}-${String(1 + (i % 9)).padStart(2, '0')}-01`;
    const e = await insurance.createEnrolment({ ...ctx, now: () => new Date(`${startsOn}T02:00:00Z`) }, {
      productId: product.id, uscc: firm.uscc, policyNo: `XYB-DEMO-${year}-${String(i + 1).padStart(4, '0')}`,
      sumInsuredFen: sum, premiumFen: Math.round((sum * product.premiumRateBp) / 10_000), startsOn, endsOn,
    }, { synthetic: true });
    count++;
    if (i % 7 === 3) {
      const claim = await insurance.createClaim(ctx, e.id, { lossOn: startsOn, claimedFen: Math.round(sum * 0.1), description: '研发项目关键技术路线失败（演示）' }, { synthetic: true });
      if (i % 2 === 1) await insurance.decideClaim(ctx, claim.id, { status: 'paid', payoutFen: Math.round(sum * 0.06), note: '按保险条款核定赔付（演示）' });
    }
  }
  return count;
}

export async function isFundsSeeded(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, FUNDS_SEED_RUN));
  return !!row;
}
