// Saves the README screenshots (1440×900) of the login page and the shell in both languages:
//   npx tsx e2e/screenshots.ts
// Builds the web app if needed and starts its own server (or uses E2E_BASE_URL).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import { ADMIN_PASSWORD, ADMIN_USERNAME, ROOT, startServer } from './server';

const OUT_DIR = join(ROOT, 'docs/screenshots');
const LOCALES = ['zh-CN', 'en-US'] as const;

async function capture(browser: Browser, baseUrl: string, locale: (typeof LOCALES)[number]): Promise<void> {
  const { context, page } = await newPage(browser, locale);

  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: locale === 'zh-CN' ? '登 录' : 'Sign in' }).waitFor();
  await page.screenshot({ path: join(OUT_DIR, `login-${locale}.png`) });

  await page.locator('#username').fill(ADMIN_USERNAME);
  await page.locator('#password').fill(ADMIN_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('health').waitFor();
  // Let the menu and card transitions finish.
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT_DIR, `shell-${locale}.png`) });
  await context.close();
}

async function main() {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  mkdirSync(OUT_DIR, { recursive: true });

  const server = await startServer();
  const browser = await launchBrowser();
  try {
    for (const locale of LOCALES) {
      await capture(browser, server.baseUrl, locale);
      console.log(`saved docs/screenshots/login-${locale}.png and shell-${locale}.png`);
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
