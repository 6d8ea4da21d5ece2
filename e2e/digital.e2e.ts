// Digital transformation journeys: an enterprise fills the digital-level questionnaire, saves a
// draft, is refused an out-of-range answer with the item named, resumes after a reload, submits,
// and sees its radar chart, level (marked as a platform parameter) and recommended solutions;
// the bureau reads the dashboard and compares two catalogue solutions. Saves
// docs/screenshots/digital-result-zh-CN.png and digital-dashboard-zh-CN.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();

describe('digital transformation', () => {
  it('an enterprise fills, saves, resumes and submits a self-assessment, then sees its radar and recommendations', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('数字化转型').click();
      await page.waitForURL(/\/digital\/diagnoses$/);
      await page.getByTestId('digital-new').click();
      await page.waitForURL(/\/digital\/diagnoses\/[0-9a-f-]{36}$/);
      const draftUrl = page.url();

      const input = (key: string) => page.locator(`input[data-testid="item-${key}"], [data-testid="item-${key}"] input`).first();
      await input('equipment_digitisation').fill('35');
      await page.getByTestId('item-network').locator('.ant-radio-wrapper').nth(2).click();
      // Out of range: the server refuses and names the item; nothing else is lost.
      await input('equipment_networking').fill('150');
      await page.getByTestId('digital-save').click();
      await expect.poll(async () => (await page.getByTestId('digital-error').innerText().catch(() => '')), { timeout: 15_000 }).toContain('数字化设备联网率');
      await input('equipment_networking').fill('50');
      await page.getByTestId('digital-save').click();
      await page.getByText('草稿已保存').first().waitFor();

      // Resume: a reload brings the draft back with its answers.
      await page.goto(draftUrl);
      await expect.poll(async () => input('equipment_digitisation').inputValue(), { timeout: 15_000 }).toBe('35');
      expect(await input('equipment_networking').inputValue()).toBe('50');

      // Answer the rest: percentages at 45, choices at their second-best option.
      for (const key of ['data_collection', 'system_coverage']) await input(key).fill('45');
      for (const group of await page.locator('[data-testid^="item-"].ant-radio-group').all()) {
        const id = await group.getAttribute('data-testid');
        if (id === 'item-network') continue;
        const options = group.locator('.ant-radio-wrapper');
        await options.nth((await options.count()) - 2).click();
      }
      await page.getByTestId('digital-submit').click();
      await page.locator('.ant-popover').getByRole('button', { name: /提\s*交/ }).click();
      await page.getByTestId('digital-radar').locator('canvas').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('level-param').innerText()).toBe('平台参数');
      await expect.poll(async () => page.getByTestId('digital-recommendations').locator('.ant-list-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('digital-recommendations').innerText()).toMatch(/补齐薄弱维度|覆盖薄弱场景/);
      // Let the save/submit notices fade, then show the result from the top.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(3500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/digital-result-zh-CN.png') });

      // History: the submitted diagnosis is listed.
      await page.goto(`${baseUrl()}/digital/diagnoses`);
      await expect.poll(async () => (await page.locator('.ant-table-row').allInnerTexts()).join('\n'), { timeout: 20_000 }).toContain('已提交');
    } finally {
      await context.close();
    }
  });

  it('the bureau reads the dashboard beside the letter and compares solutions', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/digital`);
      await page.waitForURL(/\/digital\/dashboard$/);
      await page.getByTestId('digital-by-district').locator('canvas').first().waitFor({ timeout: 30_000 });
      const pilot = await page.getByTestId('digital-pilot').innerText();
      expect(pilot).toContain('目标 600 家');
      const body = await page.locator('main, body').first().innerText();
      expect(body).toContain('厦科函〔2025〕84号');
      expect(body).toContain('企业数字化诊断');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/digital-dashboard-zh-CN.png') });

      await page.goto(`${baseUrl()}/digital/catalogue`);
      const rows = page.locator('.ant-table-row');
      await rows.first().waitFor();
      await rows.nth(0).locator('.ant-checkbox-input').check();
      await rows.nth(1).locator('.ant-checkbox-input').check();
      await page.getByTestId('catalogue-compare').click();
      await page.getByTestId('catalogue-comparison').waitFor();
      expect(await page.getByTestId('catalogue-comparison').innerText()).toContain('部署方式');

      // Programmes: the pilot with levels before and after.
      await page.goto(`${baseUrl()}/digital/programmes`);
      await page.getByTestId('digital-pilot-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('digital-pilot-table').locator('.ant-table-row').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('reads in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/digital/dashboard`);
      await page.getByTestId('digital-pilot').waitFor({ timeout: 30_000 });
      const text = await page.getByTestId('digital-pilot').innerText();
      expect(text).toContain('enrolled of a target of 600');
      expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await context.close();
    }
  });
});
