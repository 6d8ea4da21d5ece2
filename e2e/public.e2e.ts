// The public portal, without an account: from the login page to the portal, its headline
// figures with their source, the published policy library (search, a policy's clauses, the way
// to the calculator through sign-in), open data, and the innovation carriers; the same in English. Saves
// docs/screenshots/public-zh-CN.png and public-en-US.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const { baseUrl, newPage } = setupJourneys();

describe('public portal', () => {
  it('shows published policies and figures to anyone, and sends them to sign in for the calculator', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${baseUrl()}/login`);
      await page.getByTestId('login-public-link').click();
      await page.waitForURL(/\/public$/);
      const figures = page.getByTestId('public-figures');
      await figures.waitFor();
      expect(await figures.innerText()).toContain('4,735');
      expect(await figures.innerText()).toContain('厦科函〔2025〕84号');
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/public-zh-CN.png') });

      await page.getByTestId('public-card-policies').click();
      await page.waitForURL(/\/public\/policies$/);
      const rows = () => page.getByTestId('policy-table').locator('.ant-table-row').allInnerTexts();
      await page.getByTestId('policy-table').locator('.ant-table-row').first().waitFor();
      // The public sees published policies only.
      expect((await rows()).every((r) => r.includes('已发布'))).toBe(true);
      await page.getByTestId('policy-search').fill('加计扣除');
      await page.getByRole('button', { name: '查 询' }).click();
      await expect.poll(async () => (await rows()).every((r) => /加计|扣除|研发/.test(r))).toBe(true);
      await page.getByTestId('policy-link').filter({ hasText: '关于进一步完善研发费用税前加计扣除政策的公告' }).click();
      await page.waitForURL(/\/public\/policies\/[^/]+$/);
      expect(await page.getByTestId('policy-clauses').innerText()).toContain('100%');
      await page.getByTestId('policy-benefits').getByText('登录后测算本单位可享政策').click();
      await page.waitForURL(/\/login/);

      await page.goto(`${baseUrl()}/public/data`);
      await page.getByTestId('open-data-table').locator('.ant-table-row').first().waitFor();
      await page.getByTestId('open-data-search').fill('高新技术企业数量');
      await expect.poll(async () => page.getByTestId('open-data-table').locator('.ant-table-row').count()).toBe(1);
      expect(await page.getByTestId('open-data-table').innerText()).toContain('4,735');
      const csv = await page.request.get(`${baseUrl()}/open-data/indicators.csv`);
      expect(csv.status()).toBe(200);

      // Innovation carriers and industry–education units, read without an account: no forms.
      await page.goto(`${baseUrl()}/public/carriers`);
      await page.getByTestId('carrier-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('carrier-summary').innerText()).toContain('来函：411');
      expect(await page.getByTestId('carrier-new').count()).toBe(0);
      expect(await page.getByTestId('carrier-eval').count()).toBe(0);
      await page.getByRole('tab', { name: '产教融合' }).click();
      await page.getByTestId('talent-summary').waitFor();
      expect(await page.getByTestId('unit-new').count()).toBe(0);
      expect(await page.getByTestId('talent-chain').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('is complete in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await page.goto(`${baseUrl()}/public`);
      await page.getByTestId('public-figures').waitFor();
      const chrome = `${await page.getByTestId('public-menu').innerText()}\n${await page.getByTestId('public-sign-in').innerText()}`;
      expect(chrome).not.toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByTestId('public-figures').innerText()).toMatch(/high-tech/i);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/public-en-US.png') });
    } finally {
      await context.close();
    }
  });
});
