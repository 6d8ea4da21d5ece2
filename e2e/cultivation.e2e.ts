// 梯次培育 (tiered cultivation) journeys: the bureau opens the tier ladder of the 5,000 synthetic
// organisations the demo start evaluates, opens a reserve pool and reads its gap sentences; a
// district officer (思明区) sees only its district's counts. Saves
// docs/screenshots/cultivation-zh-CN.png (1440×900).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const TIERS = ['tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'hnte', 'tech_leader'];
const TIER_NAMES = ['科技型中小企业', '创新型中小企业', '专精特新中小企业', '专精特新“小巨人”企业', '国家高新技术企业', '科技领军企业'];
const { baseUrl, newPage, signIn } = setupJourneys();

const count = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** The demo start evaluates every organisation in the background: wait until it has. */
async function waitForEvaluation(page: Page): Promise<void> {
  await expect
    .poll(async () => page.evaluate(async () => ((await (await fetch('/api/cultivation/funnel')).json()) as { evaluated: number }).evaluated), {
      timeout: 90_000,
      interval: 1_000,
    })
    .toBeGreaterThan(0);
}

/** Opens 梯次培育 from the sidebar and returns the number of organisations evaluated. */
async function openFunnel(page: Page): Promise<number> {
  await page.getByTestId('sidebar').getByText('梯次培育').click();
  await page.waitForURL(/\/cultivation$/);
  await page.getByTestId('tier-cards').waitFor();
  return count(await page.getByTestId('cultivation-evaluated').innerText());
}

describe('tiered cultivation', () => {
  let bureauEvaluated = 0;
  let bureauHeld: Record<string, number> = {};

  it('shows the six tiers with counts and a reserve pool with gap sentences (bureau)', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await waitForEvaluation(page);
      bureauEvaluated = await openFunnel(page);
      expect(bureauEvaluated).toBe(5000);
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('梯次培育');

      // The ladder: five rows, the highest rung at the top, with a legend and the table behind it.
      const rows = await page.locator('[data-testid^="ladder-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
      expect(rows).toEqual([...TIERS].reverse().map((tier) => `ladder-${tier}`));
      const legend = await page.getByTestId('cultivation-chart-legend').innerText();
      for (const word of ['已持证', '现可达标', '后备']) expect(legend).toContain(word);
      expect(await page.getByTestId('cultivation-chart').innerText()).toContain('单位：家');
      await page.getByTestId('cultivation-chart-table-toggle').click();
      expect(await page.getByTestId('cultivation-chart-table').locator('.ant-table-row').count()).toBe(6);
      await page.getByTestId('cultivation-chart-table-toggle').click();

      // One card per tier with its counts and a link to its reserve pool.
      const reserves: Record<string, number> = {};
      for (const [index, tier] of TIERS.entries()) {
        const card = page.getByTestId(`tier-card-${tier}`);
        const text = await card.innerText();
        expect(text).toContain(TIER_NAMES[index]);
        for (const word of ['已持证', '符合条件', '不符合', '待补充数据', '需专家评审']) expect(text).toContain(word);
        bureauHeld[tier] = count(await page.getByTestId(`tier-held-${tier}`).innerText());
        const link = await page.getByTestId(`reserve-link-${tier}`).innerText();
        expect(link).toMatch(/^后备库（[\d,]+）/);
        reserves[tier] = count(link);
        console.log(`cultivation: bureau ${tier}: ${text.replace(/\s+/g, ' ')}`);
      }
      expect(Object.values(bureauHeld).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(await page.getByTestId('cultivation-evaluate').innerText()).toContain('重新评价');

      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/cultivation-zh-CN.png') });

      // The largest reserve pool: rows with gap sentences, the name linking to the health check.
      const [tier, expected] = Object.entries(reserves).sort((a, b) => b[1] - a[1])[0];
      expect(expected).toBeGreaterThan(0);
      await page.getByTestId(`reserve-link-${tier}`).click();
      await page.waitForURL(new RegExp(`/cultivation/reserve/${tier}`));
      await page.getByTestId('reserve-table').locator('.ant-table-row').first().waitFor();
      const crumbs = await page.getByTestId('breadcrumbs').innerText();
      expect(crumbs.replace(/\s+/g, '')).toContain(`工作台/梯次培育/后备库：${TIER_NAMES[TIERS.indexOf(tier)]}`);
      const table = page.getByTestId('reserve-table');
      expect(await page.locator('.ant-pagination').innerText()).toContain(`共 ${expected.toLocaleString('en-US')} 条`);
      const first = await table.locator('.ant-table-row').first().innerText();
      expect(first).toMatch(/[\u4e00-\u9fff]+区/);
      expect(first).toMatch(/[0-9A-Z]{18}/);
      const gaps = await table.getByTestId('reserve-gaps').first().innerText();
      expect(gaps).toMatch(/[\u4e00-\u9fff]/);
      console.log(`cultivation: reserve ${tier} (${expected}): ${first.replace(/\s+/g, ' ').slice(0, 200)}`);
      // The whole pool as Excel, with the same count of rows.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reserve-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^后备库-.*\.xlsx$/);

      // Max gaps in the URL: 1 gap only gives a pool no larger than 1–2 gaps.
      await page.getByTestId('reserve-maxgaps').click();
      await page.locator('.ant-select-item-option', { hasText: '1 项' }).click();
      await page.getByRole('button', { name: '查 询' }).click();
      await page.waitForURL(/maxGaps=1/);
      await expect.poll(async () => count(await page.locator('.ant-pagination-total-text').innerText())).toBeLessThanOrEqual(expected);

      const href = await table.getByTestId('reserve-org-link').first().getAttribute('href');
      expect(href).toMatch(/^\/registry\/[0-9A-Z]{18}\?tab=health/);
    } finally {
      await context.close();
    }
  });

  it('lists the S&T leader parameter versions, the built-in one marked as example values (bureau)', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await waitForEvaluation(page);
      await openFunnel(page);
      await page.getByTestId('leader-params-link').click();
      await page.waitForURL(/\/cultivation\/params\/tech_leader$/);
      await page.getByTestId('leader-params').locator('.ant-table-row').first().waitFor();
      const text = await page.getByTestId('leader-params').innerText();
      expect(text).toContain('示例参数');
      expect(text).toContain('示例 — 由市科技局设定');
      expect(text).toContain('现行');
      expect((await page.getByTestId('breadcrumbs').innerText()).replace(/\s+/g, '')).toContain('梯次培育/科技领军企业参数版本');
      await page.getByTestId('params-add').click();
      await page.getByTestId('params-form').waitFor();
      expect(await page.getByTestId('params-revenue').inputValue()).toBe('100000.00');
      await page.getByRole('button', { name: '取 消' }).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/cultivation-leader-params-zh-CN.png') });
    } finally {
      await context.close();
    }
  });

  it('shows a district officer its own district only', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_siming', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await waitForEvaluation(page);
      const evaluated = await openFunnel(page);
      expect(evaluated).toBeGreaterThan(0);
      expect(evaluated).toBeLessThan(bureauEvaluated || 5000);
      expect(await page.getByTestId('cultivation-filters').locator('input[disabled]').inputValue()).toBe('思明区');
      expect(await page.getByTestId('cultivation-evaluate').count()).toBe(0);
      const held = TIERS.map(async (tier) => count(await page.getByTestId(`tier-held-${tier}`).innerText()));
      const values = await Promise.all(held);
      for (const [index, tier] of TIERS.entries()) if (bureauHeld[tier] !== undefined) expect(values[index]).toBeLessThanOrEqual(bureauHeld[tier]);
      console.log(`cultivation: demo_siming evaluated ${evaluated} of ${bureauEvaluated}; held ${values.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  it('reads in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await waitForEvaluation(page);
      await page.goto(`${baseUrl()}/cultivation`);
      await page.getByTestId('tier-cards').waitFor();
      const text = await page.locator('main, .ant-layout-content').first().innerText();
      expect(text).toContain('Tiered cultivation');
      expect(text).toContain('Unit: organisations');
      expect(text).toContain('Re-evaluate');
      // Only the letter's document number (厦科函〔2025〕84号) stays in Chinese: it is the citation.
      expect(text.split('\n').map((line) => line.replace(/[\u4e00-\u9fff]+〔\d{4}〕\d+号/g, '')).filter((line) => /[\u4e00-\u9fff]/.test(line))).toEqual([]);

      await page.goto(`${baseUrl()}/cultivation/reserve/hnte`);
      await page.getByTestId('reserve-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('reserve-table').locator('thead').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByTestId('reserve-gaps').first().innerText()).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('Reserve pool: High and new technology enterprise');
    } finally {
      await context.close();
    }
  });
});
