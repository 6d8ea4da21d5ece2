// Launches Debian's chromium through playwright-core (no bundled browser download).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (own cookies and storage) at 1440×900 in the Xiamen time zone; with a locale,
 * the UI language is preset to it. `bypassCSP` lets a test inject a tool's script (axe-core).
 */
export async function newPage(browser: Browser, locale?: 'zh-CN' | 'en-US', opts: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai', ...(locale ? { locale } : {}), ...(opts.bypassCSP ? { bypassCSP: true } : {}) });
  context.setDefaultTimeout(15_000);
  if (locale) await context.addInitScript((chosen) => window.localStorage.setItem('luchuang.locale', chosen), locale);
  const page = await context.newPage();
  return { context, page };
}

/** Fills in and submits the login form; does not wait for the result. */
export async function submitLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/login`)) await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}
