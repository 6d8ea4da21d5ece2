// 体检 (health check) journeys: bureau staff open an organisation's health check, read the HNTE
// card with its criteria and the gap analysis, and try a what-if with fewer S&T staff.
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ensureFixtureOrgs, FIXTURE_ORGS } from './registry-fixtures';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
// The fixtures carry fiscal years 2022–2024, so evaluate as of 2025 (prior year 2024).
const AS_OF = '2025-06-01';
const { baseUrl, newPage, signIn } = setupJourneys();

/** The only Chinese allowed on an English page: names of documents and of organisations. */
const ALLOWED_HAN: RegExp[] = [
  /[\u4e00-\u9fff]+〔\d{4}〕\d+号/g, // document numbers: 国科发火〔2016〕32号, 工信部企业〔2022〕63号
  /第[一二三四五六七八九十百零]+条(?:（[一二三四五六七八九十]+）)*/g, // article references: 第十一条（四）
  ...FIXTURE_ORGS.map((o) => new RegExp(o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')), // organisation names
];
/** Lines that still hold a Han character once the allowed names are taken out. */
function strayHan(text: string): string[] {
  return text.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(ALLOWED_HAN.reduce((rest, re) => rest.replace(re, ' '), line)));
}

describe('health check', () => {
  it('shows the tiers, criteria and gaps, and a what-if that changes S&T staff', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await ensureFixtureOrgs(page);
      const org = FIXTURE_ORGS[0];

      await page.goto(`${baseUrl()}/registry/${org.uscc}`);
      await expect.poll(() => page.getByTestId('org-name').innerText()).toBe(org.name);
      await page.getByRole('tab', { name: '体检' }).click();
      await page.waitForURL(/tab=health/);
      await page.getByTestId('health-tab').waitFor();

      // Choose the evaluation date (kept in the URL).
      await page.goto(`${baseUrl()}/registry/${org.uscc}?tab=health&asOf=${AS_OF}`);
      const hnte = page.getByTestId('tier-hnte');
      await hnte.waitFor();
      expect(await page.getByTestId('health-asof').locator('input').inputValue()).toBe(AS_OF);
      const card = await hnte.innerText();
      expect(card).toContain('国家高新技术企业');
      expect(card).toContain('规则版本');
      expect(card).toContain('持有证书');
      for (const id of ['HNTE-01', 'HNTE-04', 'HNTE-05', 'HNTE-07']) expect(card).toContain(id);
      expect(card).toMatch(/符合|不符合|待补充数据|需专家评审/);
      // The S&T staff ratio of 2024: 28 % of employees.
      const row04 = hnte.locator('.ant-table-row', { hasText: 'HNTE-04' });
      expect(await row04.innerText()).toContain('28.0%');
      // The citation names its document and article on hover.
      await row04.getByTestId('citation-tag').hover();
      await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('国科发火〔2016〕32号');

      const gaps = page.getByTestId('health-gaps');
      await gaps.waitFor();
      const gapText = await gaps.innerText();
      expect(gapText).toContain('差距分析');
      expect(gapText).toContain('待补充数据或专家评审');
      // Open items name the fact and the year, not the raw path.
      expect(gapText).not.toMatch(/years\[\d{4}\]/);
      const before = await page.getByTestId('summary-hnte').innerText();
      console.log(`health: HNTE as of ${AS_OF}: ${before.replace(/\s+/g, ' ')}`);

      // What-if: cut the S&T staff of 2024 below 10 % of 1,260 employees.
      await page.getByTestId('health-whatif').click();
      const drawer = page.getByTestId('whatif-drawer');
      await drawer.waitFor();
      expect(await page.getByTestId('whatif-not-saved').innerText()).toContain('不会保存');
      const stStaff = page.locator('input[data-testid="whatif-2024-stStaff"], [data-testid="whatif-2024-stStaff"] input').first();
      expect(await stStaff.inputValue()).toBe(String(Math.round(org.employees * 0.28)));
      await stStaff.fill('50');
      await stStaff.press('Tab');
      await page.getByTestId('whatif-run').click();
      const after = page.getByTestId('whatif-tier-hnte');
      await after.waitFor();
      await expect.poll(() => page.getByTestId('whatif-after-hnte').innerText()).toContain('不符合');
      const changes = await page.getByTestId('whatif-changes-hnte').innerText();
      expect(changes).toContain('HNTE-04');
      console.log(`health: what-if stStaff 2024 = 50 → ${(await after.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);

      // Nothing was saved: the yearly data still hold the original S&T staff.
      await page.keyboard.press('Escape');
      const facts = await page.evaluate(async (uscc) => (await (await fetch(`/api/orgs/${uscc}/facts`)).json()) as { fiscalYear: number; facts: { stStaff: number } }[], org.uscc);
      expect(facts.find((y) => y.fiscalYear === 2024)?.facts.stStaff).toBe(Math.round(org.employees * 0.28));
    } finally {
      await context.close();
    }
  });

  it('reads in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await ensureFixtureOrgs(page);
      await page.goto(`${baseUrl()}/registry/${FIXTURE_ORGS[0].uscc}?tab=health&asOf=${AS_OF}`);
      await page.getByTestId('tier-hnte').waitFor();
      const text = await page.getByTestId('health-tab').innerText();
      expect(text).toContain('What is missing');
      expect(text).toContain('Evaluation date');
      expect(text).toContain('Ruleset version');
      // The UI's own labels are English (the criterion sentences and citations come from the server).
      const tags = await page.locator('[data-testid^="verdict-"]').allInnerTexts();
      expect(tags.length).toBeGreaterThan(5);
      for (const tag of tags) expect(tag).toMatch(/^(Met|Not met|Data needed|Expert review)$/);
      const headers = await page.getByTestId('criteria-hnte').locator('thead').innerText();
      expect(headers).not.toMatch(/[\u4e00-\u9fff]/);
      for (const word of ['待补充', '差距分析', '评价日期', '规则版本']) expect(text).not.toContain(word);
      // No Chinese at all outside document numbers (国科发火〔2016〕32号), article references
      // (第十一条（四）) and organisation names: thresholds, units, notes and tier names are English.
      expect(strayHan(text)).toEqual([]);
      const hnteText = await page.getByTestId('tier-hnte').innerText();
      expect(hnteText).toContain('High and new technology enterprise');
      expect(await page.getByTestId('tier-hnte').locator('.ant-table-row', { hasText: 'HNTE-04' }).innerText()).toContain('≥ 10%');
      expect(hnteText).not.toContain('万元');

      // The what-if drawer lists the expert inputs from the server's catalogue, in English.
      await page.getByTestId('health-whatif').click();
      await page.getByTestId('whatif-expert-hnte.rdManagement').waitFor();
      const drawer = await page.getByTestId('whatif-drawer').innerText();
      expect(drawer).toContain('R&D organisation and management');
      expect(drawer).toContain('Sound corporate governance');
      expect(await page.locator('[data-testid^="whatif-expert-group-"]').count()).toBeGreaterThanOrEqual(4);
    } finally {
      await context.close();
    }
  });
});
