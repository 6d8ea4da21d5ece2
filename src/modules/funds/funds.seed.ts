// Demo data for the funds ledger. The two mountain–sea cooperation appropriations are the real
// figures of the bureau's letter (厦科函〔2025〕84号) and carry it as their source; everything
// else — projects, allocations, payments, the other funds and their rule values — is generated,
// deterministic and labelled 演示 (synthetic). Postings go through the same service functions
// as the API, with demo_bureau as maker and demo_checker as checker.
import { eq, inArray } from 'drizzle-orm';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import type { Ctx } from '../../server/context.ts';
import { users } from '../accounts/accounts.schema.ts';
import { seedRuns } from '../../seed/seed.schema.ts';
import * as ledger from './funds.service.ts';
import { LONGYAN_COUNTIES, type SourceRef } from './funds.schema.ts';

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

/** A tiny deterministic generator (mulberry32) so the demo ledger is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  let n = 0;
  const months = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'];
  for (const county of LONGYAN_COUNTIES) {
    for (let k = 0; k < 2; k++) {
      n++;
      const theme = pick(THEMES);
      const r = await ledger.createRecipient(m('2025-04-20'), {
        kind: 'county_project', ref: `MS-2025-${String(n).padStart(3, '0')}`, name: `${COUNTY_NAMES[county]}${theme}协作项目（演示）`, county,
        investmentFen: Math.round((2_000 + random() * 6_000)) * WAN, operator: `${COUNTY_NAMES[county]}协作项目实施单位（演示）`,
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

  // ---- village collective projects: fiscal support ≤ 10 % of investment ----
  const vc = await ledger.createFund(m('2025-02-01'), {
    code: 'VC-SUPPORT-2025', name: '村集体经济发展扶持资金（演示）', nameEn: 'Village collective economy support (synthetic)', kind: 'village_collective', sourceLevel: 'city',
    purpose: '扶持村集体预留发展用地统筹建设项目；财政扶持不超过项目投资的 10%（来函所述规则）。资金规模为演示数据。',
    rules: { eligibleUses: ['collective_project'], recipientKinds: ['collective_project'], maxShareOfInvestmentBp: 1000 },
  }, { synthetic: true });
  await ledger.appropriate(m('2025-02-20'), vc.id, { amountFen: 5_000 * WAN, contributor: '厦门市本级（演示）', memo: '演示数据' });
  const districts = Object.keys(DISTRICT_NAMES) as (keyof typeof DISTRICT_NAMES)[];
  for (let i = 0; i < 12; i++) {
    const district = districts[(i % 4) + 2];
    const village = `${pick(VILLAGE_WORDS)}${pick(VILLAGE_WORDS)}村`;
    const investment = Math.round(800 + random() * 4_000) * WAN;
    const r = await ledger.createRecipient(m('2025-03-01'), {
      kind: 'collective_project', ref: `VC-2025-${String(i + 1).padStart(3, '0')}`, name: `${DISTRICT_NAMES[district]}${village}集体发展用地项目（演示）`, district,
      investmentFen: investment, operator: `${DISTRICT_NAMES[district]}${village}股份经济合作社（演示）`,
    }, { synthetic: true });
    const support = Math.floor(investment * (0.05 + random() * 0.05) / 100) * 100;
    const { allocation } = await ledger.allocate(m(`2025-0${4 + (i % 5)}-15`), vc.id, { recipientId: r.id, amountFen: support, use: 'collective_project' });
    await pay(allocation.id, support, `VC-PAY-${i + 1}`, `2025-0${5 + (i % 5)}-02`, i % 5 === 4 ? null : `2025-0${5 + (i % 5)}-04`);
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

  const summary = `5 funds (2 with the letter's mountain–sea figures), ${n + 18} projects, ${payments} payment requests (synthetic)`;
  await ctx.db.insert(seedRuns).values({ name: FUNDS_SEED_RUN, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}

export async function isFundsSeeded(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, FUNDS_SEED_RUN));
  return !!row;
}
