// Screenshots of the marketplace's and the carriers' working pages (1440×900), to look at them:
//   E2E_BASE_URL=http://localhost:3947 SHOT_DIR=/tmp/shots npx tsx e2e/market-screenshots.ts
// Needs a running server with demo data (demo accounts, password Demo-Luchuang-2026).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, submitLogin } from './browser';

const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:3947';
const OUT = process.env.SHOT_DIR ?? join(process.cwd(), 'docs/screenshots');
const PASSWORD = 'Demo-Luchuang-2026';

async function as(browser: Browser, user: string, locale: 'zh-CN' | 'en-US', shots: (page: Page, suffix: string) => Promise<void>) {
  const { context, page } = await newPage(browser, locale);
  await submitLogin(page, BASE, user, PASSWORD);
  await page.getByTestId('sidebar').waitFor();
  await shots(page, locale);
  await context.close();
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(join(OUT, `${name}.png`));
}

/** The bureau's carrier pages: evaluation parameters, a yearly report, registering a carrier. */
async function carrierStaffPages(page: Page, l: string) {
  await page.goto(`${BASE}/carriers/params`);
  await page.getByTestId('params-form').waitFor();
  await shot(page, `carriers-params-${l}`, true);
  await page.goto(`${BASE}/carriers`);
  await page.getByTestId('carrier-eval').first().click();
  await page.getByTestId('report-form').waitFor();
  await page.getByTestId('report-submit').click();
  await page.getByTestId('carrier-reports').scrollIntoViewIfNeeded();
  await shot(page, `carriers-reports-${l}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('carrier-new').click();
  await page.getByTestId('carrier-form').waitFor();
  await shot(page, `carriers-register-${l}`);
  await page.keyboard.press('Escape');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    await as(browser, 'demo_org', 'zh-CN', async (page, l) => {
      await page.goto(`${BASE}/market/mine`);
      await page.getByTestId('mine-demands').waitFor();
      await page.getByRole('tab', { name: /科技成果/ }).click();
      await page.getByTestId('achievement-new').click();
      await page.getByTestId('achievement-edit-form').waitFor();
      await page.getByTestId('edit-title').fill('（示例）储能电池热失控预警系统');
      await shot(page, `market-publish-form-${l}`);
      await page.getByRole('button', { name: '发 布' }).click();
      await page.getByTestId('match-achievement').waitFor();
      await shot(page, `market-publish-${l}`);
      await page.goto(`${BASE}/market/mine`);
      await page.getByTestId('mine-demands').waitFor();
      await page.getByTestId('demand-edit').first().click();
      await page.getByTestId('demand-edit-form').waitFor();
      await shot(page, `market-edit-${l}`);
      await page.keyboard.press('Escape');

      await page.goto(`${BASE}/market/searches`);
      await page.getByTestId('search-name').fill('储能安全技术');
      await page.getByTestId('search-text').fill('储能 热失控');
      await page.getByTestId('search-save').click();
      await page.getByTestId('search-table').locator('.ant-table-row').first().waitFor();
      // The bureau publishes an achievement that the search should catch.
      const { context: bureau, page: bp } = await newPage(browser, 'zh-CN');
      await submitLogin(bp, BASE, 'demo_bureau', PASSWORD);
      await bp.getByTestId('sidebar').waitFor();
      const { csrfToken } = await (await bp.request.get(`${BASE}/api/auth/session`)).json();
      const seller = (await (await bp.request.get(`${BASE}/api/market/achievements`)).json()).items[0].org.uscc;
      const res = await bp.request.post(`${BASE}/api/market/achievements`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { orgUscc: seller, title: '（示例）储能电站热失控早期预警与消防联动系统', abstract: '多传感器融合的储能电池热失控预警，合成演示数据。', field: 'new_energy', trl: 7, ipKind: 'invention_patent', transferModes: ['licence'], priceMinFen: 200_000_000 },
      });
      if (!res.ok()) throw new Error(await res.text());
      await bureau.close();
      await page.reload();
      await page.getByTestId('notice-item').first().waitFor();
      await shot(page, `market-searches-${l}`);
      await page.getByTestId('notice-item').first().getByRole('button').click();
      await page.locator('.ant-drawer-body .ant-descriptions').waitFor();
      await shot(page, `market-notice-open-${l}`);

      await page.goto(`${BASE}/carriers/services`);
      await page.getByTestId('request-table').locator('.ant-table-row').first().waitFor();
      await shot(page, `carriers-services-org-${l}`, true);
      const rate = page.getByTestId('request-rate').first();
      if (await rate.count()) {
        await rate.click();
        await page.getByTestId('service-dialog').waitFor();
        await shot(page, `carriers-rate-${l}`);
      }
    });
    await as(browser, 'demo_bureau', 'zh-CN', async (page, l) => {
      await page.goto(`${BASE}/market?tab=demands`);
      await page.getByTestId('demand-title').first().click();
      await page.getByTestId('follow-note').fill('已电话联系需求方，约定下周组织成果对接会。');
      await page.getByTestId('follow-add').click();
      await page.getByTestId('follow-item').first().waitFor();
      await shot(page, `market-follow-${l}`);
      await page.goto(`${BASE}/market/contracts`);
      await page.getByTestId('contract-list').locator('.ant-table-row').first().waitFor();
      await shot(page, `market-contracts-${l}`, true);
      await carrierStaffPages(page, l);
      await page.goto(`${BASE}/carriers/services`);
      await page.getByTestId('request-table').locator('.ant-table-row').first().waitFor();
      await shot(page, `carriers-services-bureau-${l}`, true);
    });
    // A contest entry (demo_org applies to the 苏颂杯 round and submits), linked by the bureau to an
    // enclave project; the link is then shown on the marketplace and on the application page.
    let entryId = '';
    await as(browser, 'demo_org', 'zh-CN', async (page) => {
      const { csrfToken } = await (await page.request.get(`${BASE}/api/auth/session`)).json();
      const headers = { 'x-csrf-token': csrfToken };
      const calls = await (await page.request.get(`${BASE}/api/public/calls`)).json();
      const contest = calls.find((c: { kind: string }) => c.kind === 'contest');
      const created = await page.request.post(`${BASE}/api/programmes/applications`, { headers, data: { callId: contest.id, title: '（示例）固态电池初创团队', keywords: ['电池'] } });
      if (!created.ok()) throw new Error(await created.text());
      entryId = (await created.json()).id;
      await page.request.patch(`${BASE}/api/programmes/applications/${entryId}`, { headers, data: { answers: { summary: '固态电解质中试（合成演示数据）。' }, budget: [{ category: 'prize', requestedFen: 10_000_000, selfFen: 0 }] } });
      const submitted = await page.request.post(`${BASE}/api/programmes/applications/${entryId}/submit`, { headers, data: {} });
      if (!submitted.ok()) throw new Error(await submitted.text());
    });
    await as(browser, 'demo_bureau', 'zh-CN', async (page, l) => {
      await page.goto(`${BASE}/market/contracts`);
      await page.getByTestId('enclave-link').first().click();
      await page.getByTestId('contest-select').click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByTestId('enclave-contest').first().waitFor();
      await page.getByTestId('enclave-contest').first().scrollIntoViewIfNeeded();
      await shot(page, `market-enclave-contest-${l}`);
      await page.getByTestId('enclave-stage').nth(1).click();
      await page.getByTestId('enclave-form').waitFor();
      await page.getByTestId('enclave-form').locator('.ant-select').last().click();
      await page.locator('.ant-select-item-option').filter({ hasText: '已落地' }).click();
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await shot(page, `market-enclave-stage-${l}`);
      await page.keyboard.press('Escape');
    });
    await as(browser, 'demo_org', 'zh-CN', async (page, l) => {
      await page.goto(`${BASE}/programmes/applications/${entryId}`);
      await page.getByTestId('contest-enclave-projects').locator('.ant-list-item').first().waitFor();
      await shot(page, `programmes-contest-enclave-${l}`, true);
    });
    await as(browser, 'demo_bureau', 'zh-CN', async (page, l) => {
      await page.goto(`${BASE}/talent`);
      await page.getByTestId('unit-year').first().click();
      await page.getByTestId('year-form').waitFor();
      await page.getByTestId('year-form').locator('input').nth(1).fill('100');
      await page.getByTestId('year-form').locator('input').nth(2).fill('120');
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.waitForTimeout(800);
      await shot(page, `talent-year-${l}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('unit-new').click();
      await page.getByTestId('unit-form').waitFor();
      await shot(page, `talent-unit-${l}`);
    });
    await as(browser, 'demo_bureau', 'en-US', async (page, l) => {
      await carrierStaffPages(page, l);
      await page.goto(`${BASE}/market/searches`);
      await page.getByTestId('search-form').waitFor();
      await shot(page, `market-searches-${l}`);
    });
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
