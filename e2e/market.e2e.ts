// Marketplace, carriers and industry–education journeys: anyone searches the public marketplace
// without logging in; an enterprise posts a demand and sees explained matches; bureau staff read
// the carriers registry with an evaluation and the per-chain talent view. Saves
// docs/screenshots/market-public-zh-CN.png, market-match-zh-CN.png and carriers-zh-CN.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();

describe('tech-transfer marketplace', () => {
  it('searches achievements in Chinese on the public page, without login', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${baseUrl()}/public/market`);
      const table = page.getByTestId('market-table');
      await table.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
      await page.getByTestId('market-search').fill('储能');
      await page.getByTestId('market-query').click();
      await page.waitForURL(/q=/);
      const titles = () => page.getByTestId('achievement-title').allInnerTexts();
      await expect.poll(async () => { const t = await titles(); return t.length > 0 && t.every((x) => x.includes('储能')); }, { timeout: 20_000 }).toBe(true);
      expect(page.url()).not.toContain('/login');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/market-public-zh-CN.png') });
      // Demands too.
      await page.getByRole('tab', { name: '技术需求' }).click();
      await page.getByTestId('demand-title').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('an enterprise posts a demand and sees achievements ranked with each factor explained', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('技术转移市场').click();
      await page.waitForURL(/\/market$/);
      await page.getByTestId('market-nav-mine').click();
      await page.getByTestId('demand-problem').fill('储能电站电池热失控预警技术');
      await page.getByTestId('demand-goals').fill('需要成熟的储能电池热失控预警技术，一年内在示范电站落地。');
      await page.getByLabel('产业链环节（可选）').fill('新型储能');
      await page.keyboard.press('Enter');
      await page.getByTestId('demand-trl').fill('6');
      await page.getByTestId('demand-budget').fill('500');
      await page.getByTestId('demand-submit').click();
      await page.waitForURL(/\/market\/demands\/[0-9a-f-]+\/matches/);
      await page.getByTestId('match-item').first().waitFor({ timeout: 30_000 });
      const first = page.getByTestId('match-item').first();
      expect(await first.innerText()).toContain('储能');
      for (const f of ['text', 'field', 'chain', 'trl', 'budget']) await first.getByTestId(`factor-${f}`).waitFor();
      expect(await first.getByTestId('factor-text').innerText()).toContain('命中关键词');
      const scores = (await page.getByTestId('match-score').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
      expect(scores[0]).toBeGreaterThan(0);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/market-match-zh-CN.png') });
    } finally {
      await context.close();
    }
  });

  it('shows staff the carriers registry beside the letter\'s figures, with an explained evaluation, and the talent view', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').getByText('创新载体').click();
      await page.waitForURL(/\/carriers/);
      await page.getByTestId('carrier-table').locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('carrier-summary').innerText()).toContain('来函：411');
      await page.getByTestId('carrier-eval').first().click();
      await page.getByTestId('eval-card').first().waitFor();
      expect(await page.getByTestId('eval-card').first().innerText()).toContain('平台示例参数');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/carriers-zh-CN.png') });
      await page.keyboard.press('Escape');
      await page.goto(`${baseUrl()}/talent`);
      await page.getByTestId('talent-summary').waitFor();
      expect(await page.getByTestId('talent-summary').innerText()).toContain('1,500');
      await page.getByTestId('talent-years').locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});
