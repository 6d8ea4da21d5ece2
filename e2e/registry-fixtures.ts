// A few organisations with yearly facts and qualifications for the registry journeys and
// screenshots, created through the API from a signed-in staff page (so they work whether or
// not the synthetic demo organisations are seeded). Creating twice is harmless.
import type { Page } from 'playwright-core';
import { withCheckChar } from '../src/lib/uscc';

export interface FixtureOrg {
  uscc: string;
  name: string;
  district: string;
  industryCode: string;
  keywords: string[];
  mainProducts: string[];
  listed: boolean;
  /** Revenue of the latest year in fen; earlier years are smaller. */
  revenue: number;
  employees: number;
  qualifications: string[];
}

const uscc = (serial: number) => withCheckChar(`91350200MA8E${String(serial).padStart(4, '0')}0`);

export const FIXTURE_ORGS: FixtureOrg[] = [
  { uscc: uscc(1), name: '厦门鹭岛智能装备股份有限公司', district: 'siming', industryCode: '3491', keywords: ['工业机器人', '智能装备'], mainProducts: ['六轴工业机器人', '协作机器人'], listed: true, revenue: 1_286_453_217_89, employees: 1260, qualifications: ['hnte', 'little_giant'] },
  { uscc: uscc(2), name: '厦门海湾生物医药科技有限公司', district: 'haicang', industryCode: '2761', keywords: ['生物医药', '抗体'], mainProducts: ['单克隆抗体', '体外诊断试剂'], listed: false, revenue: 38_560_000_00, employees: 310, qualifications: ['hnte', 'srdi_sme'] },
  { uscc: uscc(3), name: '厦门集美新材料有限公司', district: 'jimei', industryCode: '2651', keywords: ['新材料', '石墨烯'], mainProducts: ['石墨烯导热膜'], listed: false, revenue: 12_345_678_90, employees: 86, qualifications: ['tech_sme', 'innovative_sme'] },
  { uscc: uscc(4), name: '厦门翔安光电技术有限公司', district: 'xiangan', industryCode: '3976', keywords: ['光电', '半导体'], mainProducts: ['LED 外延片', '化合物半导体芯片'], listed: false, revenue: 256_780_000_00, employees: 540, qualifications: ['hnte'] },
  { uscc: uscc(5), name: '厦门湖里云数软件有限公司', district: 'huli', industryCode: '6513', keywords: ['软件', '人工智能', '政务云'], mainProducts: ['政务云平台', '数据中台'], listed: false, revenue: 4_230_000_00, employees: 42, qualifications: ['tech_sme'] },
];

/** Creates the fixture organisations (skipping those that exist) from a page signed in as staff. */
export async function ensureFixtureOrgs(page: Page): Promise<void> {
  // tsx (esbuild keepNames) wraps named functions in __name(), which the page does not have.
  await page.evaluate('window.__name = window.__name || ((fn) => fn)');
  const problems = await page.evaluate(async (orgs: FixtureOrg[]) => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const send = (method: string, path: string, body: unknown) =>
      fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
    const out: string[] = [];
    for (const org of orgs) {
      if ((await fetch(`/api/orgs/${org.uscc}`)).status === 200) continue;
      const created = await send('POST', '/api/orgs', {
        uscc: org.uscc, name: org.name, kind: 'enterprise', district: org.district, industryCode: org.industryCode, keywords: org.keywords,
        mainProducts: org.mainProducts, listed: org.listed, registeredOn: '2012-06-18', address: '福建省厦门市软件园二期观日路 26 号',
        contacts: [{ name: '陈晓', title: '科技项目主管', phone: '0592-5550123' }],
      });
      if (created.status !== 201) out.push(`${org.name}: ${created.status} ${await created.text()}`);
      const growth = [0.72, 0.85, 1];
      for (const [index, year] of [2022, 2023, 2024].entries()) {
        const revenue = Math.round(org.revenue * growth[index]);
        const facts = await send('PATCH', `/api/orgs/${org.uscc}/facts/${year}`, {
          revenue, mainBusinessRevenue: Math.round(revenue * 0.96), rdExpense: Math.round(revenue * (0.045 + index * 0.006)),
          totalAssets: revenue * 2, netProfit: Math.round(revenue * 0.081), employees: Math.round(org.employees * growth[index]),
          stStaff: Math.round(org.employees * growth[index] * 0.28), inventionPatents: 4 + index * 3, softwareCopyrights: 6 + index * 2, rdSubLedger: true,
        });
        if (facts.status !== 200) out.push(`${org.name} ${year}: ${facts.status} ${await facts.text()}`);
      }
      for (const kind of (org as FixtureOrg).qualifications) {
        const q = await send('POST', `/api/orgs/${org.uscc}/qualifications`, { kind, issuedOn: '2024-11-20', expiresOn: '2027-11-19', issuer: '厦门市科学技术局', certificateNo: `GR2024351${org.uscc.slice(-4)}` });
        if (q.status !== 201) out.push(`${org.name} ${kind}: ${q.status} ${await q.text()}`);
      }
    }
    return out;
  }, FIXTURE_ORGS);
  if (problems.length) throw new Error(`Could not create the registry fixtures:\n${problems.join('\n')}`);
}
