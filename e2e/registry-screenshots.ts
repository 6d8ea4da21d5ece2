// Saves the registry screenshots (1440×900):
//   npx tsx e2e/registry-screenshots.ts
// docs/screenshots/registry-list-zh-CN.png, registry-profile-zh-CN.png, health-check-zh-CN.png,
// registry-list-en-US.png.
// Builds the web app if needed and starts its own server (or uses E2E_BASE_URL); creates the
// fixture organisations of e2e/registry-fixtures.ts when they are missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import { ensureFixtureOrgs, FIXTURE_ORGS } from './registry-fixtures';
import { ROOT, startServer } from './server';

const OUT_DIR = join(ROOT, 'docs/screenshots');
const DEMO_PASSWORD = 'Demo-Luchuang-2026';

async function capture(browser: Browser, baseUrl: string, locale: 'zh-CN' | 'en-US'): Promise<string[]> {
  const { context, page } = await newPage(browser, locale);
  const saved: string[] = [];
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill('demo_bureau');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('sidebar').waitFor();
  await ensureFixtureOrgs(page);

  await page.goto(`${baseUrl}/registry`);
  await page.locator('.ant-table-row').first().waitFor();
  await page.waitForTimeout(500);
  const list = `registry-list-${locale}.png`;
  await page.screenshot({ path: join(OUT_DIR, list) });
  saved.push(list);

  if (locale === 'zh-CN') {
    await page.goto(`${baseUrl}/registry/${FIXTURE_ORGS[0].uscc}?tab=facts`);
    await page.getByTestId('facts-table').waitFor();
    await page.waitForTimeout(500);
    const profile = `registry-profile-${locale}.png`;
    await page.screenshot({ path: join(OUT_DIR, profile) });
    saved.push(profile);

    // 体检 as of 2025-06-01 (the fixtures carry fiscal years 2022–2024).
    await page.goto(`${baseUrl}/registry/${FIXTURE_ORGS[0].uscc}?tab=health&asOf=2025-06-01`);
    await page.getByTestId('tier-hnte').waitFor();
    await page.waitForTimeout(500);
    const health = `health-check-${locale}.png`;
    await page.screenshot({ path: join(OUT_DIR, health) });
    saved.push(health);
  }
  await context.close();
  return saved;
}

async function main() {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const file of await capture(browser, server.baseUrl, locale)) console.log(`saved docs/screenshots/${file}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
