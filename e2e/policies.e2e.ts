// Policy library and benefit calculator journeys: the bureau searches the library and reads a
// policy's clauses; an enterprise user sees what its organisation qualifies for and runs a
// what-if; the bureau builds a 免申即享 list that a second person approves. Saves
// docs/screenshots/policies-zh-CN.png, calculator-zh-CN.png and auto-grant-zh-CN.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();
const amount = (text: string) => Number(text.replace(/[^\d.]/g, ''));

describe('policy library and benefit calculator', () => {
  it('searches the library in Chinese and reads a policy\'s clauses (bureau)', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('政策与计算器').click();
      await page.waitForURL(/\/policies$/);
      await page.getByTestId('policy-table').locator('.ant-table-row').first().waitFor();
      await page.getByTestId('policy-search').fill('加计扣除');
      await page.getByRole('button', { name: '查 询' }).click();
      await page.waitForURL(/q=/);
      // The unfiltered list also holds 2023年第7号: wait until the table shows the search's rows only.
      const rows = () => page.getByTestId('policy-table').locator('.ant-table-row').allInnerTexts();
      await expect.poll(async () => (await rows()).every((r) => /加计|扣除|研发/.test(r))).toBe(true);
      expect((await rows()).join('\n')).toContain('财政部 税务总局公告2023年第7号');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/policies-zh-CN.png') });

      await page.getByTestId('policy-link').filter({ hasText: '关于进一步完善研发费用税前加计扣除政策的公告' }).click();
      await page.getByTestId('policy-clauses').waitFor();
      expect(await page.getByTestId('policy-clauses').innerText()).toContain('100%');
      expect(await page.getByTestId('policy-benefits').innerText()).toContain('研发费用加计扣除');
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('关于进一步完善研发费用税前加计扣除政策的公告');
    } finally {
      await context.close();
    }
  });

  it('shows an enterprise what it qualifies for, how much and why, with a what-if that stores nothing', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/policies/calculator`);
      await page.getByTestId('calc-summary').waitFor({ timeout: 30_000 });
      const table = page.getByTestId('calc-table');
      const rdRow = table.locator('.ant-table-row').filter({ hasText: '研发费用加计扣除' });
      const before = amount(await rdRow.getByTestId('benefit-amount').innerText());
      console.log(`policies: demo_org R&D super-deduction ${before} yuan; rows: ${(await table.locator('.ant-table-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
      expect(before).toBeGreaterThan(0);
      expect(await page.getByTestId('calc-detail-rd_super_deduction').innerText()).toContain('加计扣除额');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/calculator-zh-CN.png') });

      // What-if: no taxable income this year — the deduction saves nothing now and is carried forward.
      await page.getByTestId('whatif-taxableIncome').fill('0');
      await page.getByTestId('whatif-run').click();
      await page.getByTestId('calc-whatif-active').waitFor();
      await expect.poll(async () => amount(await rdRow.getByTestId('benefit-amount').innerText())).toBe(0);
      expect(await page.getByTestId('calc-detail-rd_super_deduction').innerText()).toContain('结转');
      // Nothing was stored: a fresh load shows the stored figures again.
      await page.reload();
      await page.getByTestId('calc-summary').waitFor({ timeout: 30_000 });
      expect(amount(await page.getByTestId('calc-table').locator('.ant-table-row').filter({ hasText: '研发费用加计扣除' }).getByTestId('benefit-amount').innerText())).toBe(before);
    } finally {
      await context.close();
    }
  });

  it('builds a 免申即享 list that only a second person can approve', async () => {
    const maker = await newPage();
    try {
      await signIn(maker.page, 'demo_bureau', DEMO_PASSWORD);
      await maker.page.getByTestId('sidebar').waitFor();
      await maker.page.goto(`${baseUrl()}/policies/auto-grants`);
      await maker.page.getByTestId('grant-run').click();
      await maker.page.getByTestId('grant-batch').waitFor({ timeout: 60_000 });
      await maker.page.getByTestId('grant-table').locator('.ant-table-row').first().waitFor();
      const orgs = amount(await maker.page.getByTestId('grant-orgs').innerText());
      console.log(`policies: auto-grant rd_super_deduction lists ${orgs} organisations`);
      expect(orgs).toBeGreaterThan(0);
      expect(await maker.page.getByTestId('grant-status').innerText()).toBe('待复核');
      expect(await maker.page.getByTestId('grant-approve').count()).toBe(0);
      await maker.page.waitForTimeout(300);
      await maker.page.screenshot({ path: join(ROOT, 'docs/screenshots/auto-grant-zh-CN.png') });
    } finally {
      await maker.context.close();
    }
    const checker = await newPage();
    try {
      await signIn(checker.page);
      await checker.page.getByTestId('sidebar').waitFor();
      await checker.page.goto(`${baseUrl()}/policies/auto-grants`);
      await checker.page.locator('.ant-table-row').filter({ hasText: '待复核' }).first().click();
      await checker.page.getByTestId('grant-approve').click();
      await checker.page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(async () => checker.page.getByTestId('grant-status').innerText()).toBe('已复核');
    } finally {
      await checker.context.close();
    }
  });

  it('reads in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/policies`);
      await page.getByTestId('policy-table').locator('.ant-table-row').first().waitFor();
      const head = await page.getByTestId('policy-table').locator('thead').innerText();
      expect(head).toContain('Document no.');
      expect(head).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await context.close();
    }
  });
});
