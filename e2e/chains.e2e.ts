// 产业图谱 (chain maps) journeys: the bureau sees 3 of 22 chains mapped, confirms an unverified
// industry, opens the new-type energy storage map, opens a link from the analysis table,
// confirms a suggested organisation, reads the ranked targets and compares the baseline
// version with the current map; the same map in English. Saves docs/screenshots/chains-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();

describe('chain maps', () => {
  it('follows the map: industry system, a chain map, a link, targets and versions (bureau)', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('产业图谱').click();
      await page.waitForURL(/\/chains$/);
      expect(await page.getByTestId('chains-planned').innerText()).toBe('已绘制 3 / 22 条重点产业链');
      for (const id of ['new_energy_storage', 'innovative_drugs_devices', 'software_it_services']) await page.getByTestId(`chain-card-${id}`).waitFor();
      expect(await page.getByTestId('chain-card-new_energy_storage').innerText()).toContain('平台初始草稿');

      // The industry system: the pillar list is unverified until staff confirm it.
      await page.getByRole('tab', { name: '产业体系' }).click();
      await page.getByTestId('industry-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('industry-table').locator('.ant-table-row').count()).toBe(14);
      await page.getByTestId('unverified-trade_logistics').waitFor();
      await page.getByTestId('confirm-trade_logistics').click();
      await page.getByTestId('unverified-trade_logistics').waitFor({ state: 'detached' });
      expect(await page.getByTestId('industry-table').innerText()).toContain('氢能与储能');
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/chains-industries-zh-CN.png') });

      // The new-type energy storage map.
      await page.getByRole('tab', { name: '重点产业链' }).click();
      await page.getByTestId('chain-open-new_energy_storage').click();
      await page.waitForURL(/\/chains\/new_energy_storage/);
      await page.getByTestId('chain-graph').locator('canvas').first().waitFor();
      expect(await page.getByTestId('chain-title').innerText()).toBe('新型储能');
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('新型储能');
      const graphText = await page.getByTestId('chain-graph').innerText();
      for (const word of ['上游', '中游', '下游', '强环节', '缺失环节', '节点大小：营业收入（对数）；颜色：环节强弱']) expect(graphText).toContain(word);
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/chains-map-zh-CN.png') });
      // Vector export of the map: an SVG document holding the links' names.
      const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chain-graph').getByTestId('chart-svg').click()]);
      expect(svg.suggestedFilename()).toMatch(/\.svg$/);
      const svgText = readFileSync(await svg.path(), 'utf8');
      expect(svgText.startsWith('<svg')).toBe(true);
      expect(svgText).toContain('储能');

      // The analysis table: click the link with the most local organisations.
      await page.getByRole('tab', { name: '环节分析' }).click();
      const table = page.getByTestId('link-table');
      await table.waitFor();
      await table.locator('th', { hasText: '本地单位' }).first().click();
      await table.locator('th', { hasText: '本地单位' }).first().click();
      await table.locator('.ant-table-row').first().click();
      const drawer = page.getByTestId('link-drawer');
      await drawer.waitFor();
      expect(await page.getByTestId('link-recommendation').innerText()).toMatch(/强链|补链|延链|保持/);
      const orgs = page.getByTestId('link-orgs');
      if (await orgs.count()) {
        const confirm = orgs.locator('[data-testid^="confirm-"]').first();
        if (await confirm.count()) {
          await confirm.click();
          await expect.poll(async () => (await orgs.innerText()).includes('已确认'), { timeout: 15_000 }).toBe(true);
        }
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/chains-link-zh-CN.png') });
      await page.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });

      // Ranked targets with reasons.
      await page.getByRole('tab', { name: /招商目标/ }).click();
      const targets = page.getByTestId('target-table');
      await targets.waitFor();
      const first = await targets.locator('.ant-table-row').first().innerText();
      expect(first).toContain('演示招商目标');
      expect(first).toMatch(/填补缺失环节|补强薄弱环节|环节已较强/);

      // The baseline version against the current map (a confirmed organisation changed it).
      await page.getByRole('tab', { name: '版本' }).click();
      await page.getByTestId('version-compare-2025-12-31').click();
      await page.getByTestId('version-diff').waitFor();
      expect(await page.getByTestId('version-diff').innerText()).toContain('差异');
    } finally {
      await context.close();
    }
  });

  it('shows the map in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/chains/software_it_services`);
      await page.getByTestId('chain-graph').locator('canvas').first().waitFor();
      expect(await page.getByTestId('chain-title').innerText()).toBe('Software and IT services');
      const text = await page.getByTestId('chain-graph').innerText();
      for (const word of ['Upstream', 'Midstream', 'Downstream', 'Strong links', 'Node size: revenue (log); colour: link strength']) expect(text).toContain(word);
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/chains-map-en-US.png') });
    } finally {
      await context.close();
    }
  });
});
