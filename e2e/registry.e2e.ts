// 企业档案 journeys: bureau staff search the registry, open a profile and read its yearly
// data; an organisation user sees only its own organisation.
import { describe, expect, it } from 'vitest';
import { FLAG_FACTS as SERVER_FLAGS, NUMERIC_FACTS as SERVER_NUMERIC } from '../src/modules/registry/facts';
import { FLAG_FACTS as WEB_FLAGS, NUMERIC_FACTS as WEB_NUMERIC } from '../web/src/pages/registry/facts';
import { setupJourneys } from './journeys';
import { ensureFixtureOrgs, FIXTURE_ORGS } from './registry-fixtures';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();

describe('registry', () => {
  it('keeps the web fact catalogue in step with the server', () => {
    const strip = (catalogue: Record<string, { group: string; zh: string; en: string; unit?: string }>) =>
      Object.fromEntries(Object.entries(catalogue).map(([key, { group, zh, en, unit }]) => [key, { group, zh, en, unit }]));
    expect(strip(WEB_NUMERIC)).toEqual(strip(SERVER_NUMERIC));
    expect(strip(WEB_FLAGS)).toEqual(strip(SERVER_FLAGS));
  });

  it('lets bureau staff search, open a profile and read its yearly data', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await ensureFixtureOrgs(page);
      const org = FIXTURE_ORGS[0];

      await page.getByTestId('sidebar').getByText('企业档案').click();
      await page.waitForURL(/\/registry$/);
      await page.locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('企业档案');

      await page.getByTestId('org-filters').locator('input#q').fill('鹭岛智能');
      await page.getByTestId('org-filters').locator('input#q').press('Enter');
      await page.waitForURL(/q=/);
      const row = page.locator('.ant-table-row', { hasText: org.name });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(org.uscc);
      expect(text).toContain('思明区');
      expect(text).toContain('¥1,286,453,217.89');
      expect(text).toContain('高企');
      // The search is in the URL: a reload shows the same rows.
      await page.reload();
      await page.locator('.ant-table-row', { hasText: org.name }).waitFor();

      await row.getByTestId('org-link').click();
      await page.waitForURL(new RegExp(`/registry/${org.uscc}$`));
      await expect.poll(() => page.getByTestId('org-name').innerText()).toBe(org.name);
      expect(await page.getByTestId('org-uscc').innerText()).toContain(org.uscc);
      expect(await page.getByTestId('org-header').innerText()).toContain('小巨人');
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain(org.name);

      await page.getByRole('tab', { name: '年度数据' }).click();
      await page.waitForURL(/tab=facts/);
      const facts = page.getByTestId('facts-table');
      await facts.waitFor();
      const table = await facts.innerText();
      expect(table).toContain('2024年度');
      expect(table).toContain('2022年度');
      expect(table).toContain('营业收入（万元）');
      expect(table).toContain('128,645.32');
      expect(table).toContain('职工总数（人）');

      // Each value names its source on hover.
      await facts.locator('.ant-table-row', { hasText: '营业收入（万元）' }).getByText('128,645.32').hover();
      await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('手工填报');

      await page.getByRole('tab', { name: '趋势' }).click();
      await page.getByTestId('chart-revenue').waitFor();
      expect(await page.getByTestId('chart-revenue').innerText()).toContain('单位：亿元');
    } finally {
      await context.close();
    }
  });

  it('shows an organisation user its own organisation only', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      const sidebar = page.getByTestId('sidebar');
      await expect.poll(() => sidebar.innerText()).toContain('本单位档案');
      expect(await sidebar.innerText()).not.toContain('企业档案');
      const own = await page.evaluate(async () => (await (await fetch('/api/orgs')).json()) as { items: { uscc: string; name: string }[]; total: number });
      expect(own.total).toBeLessThanOrEqual(1);
      // The bureau's fixture organisations are not visible.
      for (const org of FIXTURE_ORGS) expect(own.items.map((item) => item.uscc)).not.toContain(org.uscc);

      await sidebar.getByText('本单位档案').click();
      if (own.total === 1) {
        await page.waitForURL(new RegExp(`/registry/${own.items[0].uscc}$`));
        await expect.poll(() => page.getByTestId('org-name').innerText()).toBe(own.items[0].name);
      } else {
        // No demo organisation is seeded for this account yet.
        await page.getByText('本单位尚未建档').waitFor();
      }

      await page.goto(`${baseUrl()}/registry/${FIXTURE_ORGS[0].uscc}`);
      await page.getByText('未找到该单位，或不在您的管辖范围内。').waitFor();
      await page.goto(`${baseUrl()}/registry/import`);
      await page.getByText('无权访问').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
