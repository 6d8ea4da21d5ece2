// 科技计划项目 (programmes) journey, from application to award: the public call listing (no
// login); demo_org completes its draft (co-funding, a PDF attachment) and submits; the bureau
// passes the formal check and assigns reviewers; demo_reviewer scores blind; the bureau locks the
// panel and awards the top-ranked application. Saves docs/screenshots/programmes-public-zh-CN.png
// and programmes-award-zh-CN.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();
const CALL = '2026年度重大技术攻关专项申报指南（示例）';
const DRAFT = '高安全长寿命储能电池关键技术（示例）';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('programmes: from application to award', () => {
  it('lists calls and open challenges publicly, without login', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${baseUrl()}/public/calls`);
      const table = page.getByTestId('public-calls');
      await table.locator('.ant-table-row').first().waitFor();
      const text = await table.innerText();
      expect(text).toContain(CALL);
      expect(text).toContain('揭榜挂帅');
      expect(text).toContain('苏颂杯');
      await page.getByTestId('public-call').filter({ hasText: '车规级功率芯片散热难题揭榜' }).click();
      expect(await page.getByTestId('challenge').innerText()).toContain('¥3,000,000.00');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/programmes-public-zh-CN.png') });
    } finally {
      await context.close();
    }
  });

  it('the applicant completes and submits its draft', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('项目申报').click();
      await page.getByTestId('my-apps').getByText(DRAFT).click();
      await page.getByTestId('app-title').waitFor();
      // Own funds must at least match the request (co-funding 1:1): raise them from 1,000,000 to 1,500,000 yuan.
      await page.getByTestId('budget-self-equipment').fill('1500000');
      // antd's InputNumber commits on blur.
      await page.getByTestId('budget-self-equipment').press('Tab');
      await page.getByTestId('save').click();
      await page.getByText('已保存').first().waitFor();
      await page.locator('input[type=file]').setInputFiles({ name: '项目申报书.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByText('项目申报书.pdf').waitFor();
      await page.getByTestId('submit').click();
      await page.getByTestId('submit-confirm').click();
      await expect.poll(async () => page.getByTestId('app-status').first().innerText(), { timeout: 15_000 }).toBe('已提交');
    } finally {
      await context.close();
    }
  });

  it('the bureau checks, assigns; the reviewer scores blind; the bureau locks and awards', async () => {
    const staff = await newPage();
    try {
      await signIn(staff.page, 'demo_bureau', DEMO_PASSWORD);
      await staff.page.getByTestId('sidebar').getByText('科技计划项目').click();
      await staff.page.getByTestId('call-link').filter({ hasText: CALL }).click();
      const apps = staff.page.getByTestId('wb-apps');
      await apps.locator('.ant-table-row').first().waitFor();
      const titles = (await apps.getByTestId('wb-app-link').allInnerTexts());
      expect(titles).toContain(DRAFT);
      const callUrl = staff.page.url();
      const orgNames = await Promise.all(titles.map((x) => apps.locator('tr', { hasText: x }).locator('td').nth(1).innerText()));
      expect(orgNames.every((n) => n.length > 2)).toBe(true);
      for (const title of titles) {
        await staff.page.goto(callUrl);
        await staff.page.getByTestId('wb-app-link').filter({ hasText: title }).click();
        await staff.page.getByTestId('formal-pass').click();
        await expect.poll(async () => staff.page.getByTestId('app-status').first().innerText()).toBe('形式审查通过');
      }
      await staff.page.goto(callUrl);
      await staff.page.getByTestId('assign').click();
      await expect.poll(async () => (await staff.page.getByTestId('wb-apps').innerText()).includes('专家评审中')).toBe(true);

      const reviewer = await newPage();
      try {
        await signIn(reviewer.page, 'demo_reviewer', DEMO_PASSWORD);
        await reviewer.page.getByTestId('sidebar').getByText('评审任务').click();
        const inbox = reviewer.page.getByTestId('review-inbox');
        await inbox.locator('.ant-table-row').first().waitFor();
        const reviews = await inbox.getByTestId('review-link').allInnerTexts();
        const inboxUrl = reviewer.page.url();
        for (const title of reviews.filter((x) => titles.includes(x))) {
          await reviewer.page.goto(inboxUrl);
          await reviewer.page.getByTestId('review-link').filter({ hasText: title }).click();
          await reviewer.page.getByTestId('score-innovation').waitFor();
          // Blind: the applicant's name is not on the page.
          const body = await reviewer.page.locator('body').innerText();
          for (const name of orgNames) expect(body).not.toContain(name);
          const high = title === DRAFT;
          await reviewer.page.getByTestId('score-innovation').fill(high ? '9' : '6');
          await reviewer.page.getByTestId('score-feasibility').fill(high ? '8' : '5');
          await reviewer.page.getByTestId('review-comment').fill(high ? '技术路线清晰，指标可考核。' : '创新性一般。');
          await reviewer.page.getByTestId('score-submit').click();
          await reviewer.page.getByText('评分已提交').first().waitFor();
        }
      } finally {
        await reviewer.context.close();
      }

      await staff.page.goto(callUrl);
      await staff.page.getByTestId('ranking').locator('.ant-table-row').first().waitFor();
      await staff.page.getByTestId('lock').click();
      await staff.page.getByTestId('lock-confirm').click();
      await staff.page.getByTestId('record-decisions').waitFor();
      expect(await staff.page.getByTestId('ranking').locator('.ant-table-row').first().innerText()).toContain(DRAFT);
      await staff.page.getByTestId('reason-1').fill('校准后排名第一，同意立项');
      await staff.page.getByTestId('record-decisions').click();
      await expect.poll(async () => (await staff.page.getByTestId('wb-apps').innerText()).includes('已立项')).toBe(true);
      await expect.poll(async () => staff.page.getByTestId('ranking').innerText()).toContain('校准后排名第一');
      await staff.page.waitForTimeout(400);
      await staff.page.screenshot({ path: join(ROOT, 'docs/screenshots/programmes-award-zh-CN.png'), fullPage: false });
    } finally {
      await staff.context.close();
    }
  });
});
