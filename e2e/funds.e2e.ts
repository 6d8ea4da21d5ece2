// 资金台账 (funds) journeys: the bureau sees the mountain–sea funds with the letter's figures and
// their source, requests a payment (a duplicate reference is refused), cannot approve its own
// request; a second administrator (demo_checker) approves it; the reconciliation balances.
// Saves docs/screenshots/funds-list-zh-CN.png, funds-detail-zh-CN.png, funds-approvals-zh-CN.png, funds-villages-zh-CN.png, funds-insurance-zh-CN.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { newPage, signIn } = setupJourneys();
const REFERENCE = `E2E-PAY-${Date.now().toString(36)}`;

describe('funds ledger', () => {
  it('the maker sees balances with their source and requests a payment; a duplicate reference is refused', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('资金台账').click();
      await page.waitForURL(/\/funds$/);
      const row = page.getByTestId('funds-table').locator('tr', { has: page.getByTestId('fund-link-MS-CITY-2025') });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('市级山海协作资金');
      expect(text).toContain('100,000,000.00');
      expect(await page.getByTestId('fund-source-MS-CITY-2025').innerText()).toContain('厦科函〔2025〕84号');
      expect(await page.getByTestId('funds-table').innerText()).toContain('61,000,000.00');
      expect(await page.getByTestId('funds-table').innerText()).toContain('演示数据');
      await page.getByTestId('funds-chart').locator('canvas').first().waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-list-zh-CN.png') });

      await page.getByTestId('fund-link-MS-CITY-2025').click();
      await page.getByTestId('allocations-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('fund-title').innerText()).toBe('市级山海协作资金');
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('资金台账');

      // Request a payment of 1,000 yuan on the first open allocation.
      const payButton = page.locator('[data-testid^="pay-MS-2025-"]:not([disabled])').first();
      await payButton.click();
      await page.getByTestId('fund-dialog-amount').fill('1000');
      await page.getByTestId('fund-dialog-reference').fill(REFERENCE);
      await page.getByTestId('fund-dialog-ok').click();
      await page.getByTestId('fund-dialog').waitFor({ state: 'detached' });

      // The same reference again: refused with the server's message, nothing posted.
      await page.locator('[data-testid^="pay-MS-2025-"]:not([disabled])').first().click();
      await page.getByTestId('fund-dialog-amount').fill('1');
      await page.getByTestId('fund-dialog-reference').fill(REFERENCE);
      await page.getByTestId('fund-dialog-ok').click();
      expect(await page.getByTestId('fund-dialog-error').innerText()).toContain('已被使用');
      await page.getByRole('button', { name: /取\s*消/ }).click();

      await page.getByRole('tab', { name: '余额走势' }).click();
      await page.getByTestId('fund-timeline').locator('canvas').first().waitFor();
      await page.getByRole('tab', { name: '记账分录' }).click();
      await page.getByTestId('entries-table').locator('.ant-table-row').first().waitFor();
      expect(await page.getByTestId('entries-table').innerText()).toContain('拨付');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-detail-zh-CN.png') });

      // In the queue the maker's own request cannot be approved by the maker.
      await page.goto(page.url().replace(/\/funds\/.*$/, '/funds/approvals'));
      const mine = page.getByTestId('approvals-table').locator('tr', { hasText: REFERENCE });
      await mine.waitFor();
      expect(await mine.innerText()).toContain('本人提交');
      expect(await page.getByTestId(`approve-${REFERENCE}`).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a second administrator approves it, and the reconciliation balances', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_checker', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('资金台账').click();
      await page.getByTestId('funds-approvals-link').click();
      await page.getByTestId(`approve-${REFERENCE}`).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-approvals-zh-CN.png') });
      await page.getByTestId(`approve-${REFERENCE}`).click();
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('已复核通过并记账').waitFor();
      await expect.poll(async () => page.getByTestId(`approve-${REFERENCE}`).count()).toBe(0);

      await page.goto(page.url().replace(/\/funds\/.*$/, '/funds/reconciliation'));
      await page.getByTestId('balanced-MS-CITY-2025').waitFor();
      const tags = await page.locator('[data-testid^="balanced-"]').allInnerTexts();
      expect(tags.length).toBeGreaterThanOrEqual(4);
      expect(new Set(tags)).toEqual(new Set(['平衡']));

      // Village collectives against the letter, and the guidance fund's example sub-funds.
      await page.goto(page.url().replace(/\/funds\/.*$/, '/funds/schemes'));
      expect(await page.getByTestId('villages-letter').innerText()).toContain('319');
      expect(await page.getByTestId('villages-table').locator('tr', { hasText: '全市' }).innerText()).toContain('319');
      await page.getByTestId('villages-chart').locator('canvas').first().waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-villages-zh-CN.png') });
      await page.getByRole('tab', { name: /引导基金/ }).click();
      await page.getByText('首批子基金 1（示例，待录入）').waitFor({ timeout: 30_000 });
      expect(await page.getByText('示例，待录入', { exact: true }).count()).toBe(9);

      // R&D insurance (厦研保): the year's portfolio equals its policy list.
      await page.goto(page.url().replace(/\/funds\/.*$/, '/funds/insurance?year=2026'));
      const summary = page.getByTestId('insurance-summary');
      await summary.waitFor();
      const rows = page.getByTestId('insurance-enrolments').locator('.ant-table-row');
      await rows.first().waitFor();
      const policies = Number((await summary.locator('.ant-statistic').nth(1).locator('.ant-statistic-content').innerText()).replace(/\D/g, ''));
      expect(policies).toBeGreaterThan(0);
      expect(await page.getByRole('tab', { name: /保单/ }).innerText()).toContain(`(${policies})`);
      expect(await rows.first().innerText()).toContain('XYB-DEMO-2026');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-insurance-zh-CN.png') });

      // Mountain–sea agreements: demo records (one per Longyan county), tracked against their commitments.
      await page.goto(page.url().replace(/\/funds\/.*$/, '/funds/agreements'));
      const agreements = page.getByTestId('agreements-table');
      await agreements.locator('.ant-table-row').first().waitFor();
      expect(await agreements.locator('.ant-table-row').count()).toBe(7);
      expect(await agreements.innerText()).toContain('演示数据');
      await page.getByTestId('agreement-link-MS-AG-2025-04').click();
      expect(await page.getByTestId('agreement-title').innerText()).toContain('武平县');
      expect(await page.getByTestId('agreement-city').innerText()).toContain('承诺余额');
      expect(await page.getByTestId('agreement-projects').locator('.ant-table-row').count()).toBe(2);
      await page.getByTestId('agreement-project-chart').locator('canvas').first().waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/funds-agreement-zh-CN.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
