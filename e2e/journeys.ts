// Per-file setup shared by the browser journeys: each *.e2e.ts file starts its own server and
// chromium (see vitest.config.ts) before its tests and stops them after. Kept apart from
// browser.ts because it registers vitest hooks, and screenshots.ts runs outside vitest.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, submitLogin } from './browser';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer, type RunningServer } from './server';

/**
 * Call once at the top of a journey file. The returned functions may be used only inside
 * tests, after beforeAll has started the server and the browser.
 */
export function setupJourneys() {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ template: inject('e2eTemplate') || undefined });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    baseUrl: () => server.baseUrl,
    /** A fresh context (own cookies and storage), optionally in a UI language; close it with `context.close()`. */
    newPage: (locale?: 'zh-CN' | 'en-US', opts?: { bypassCSP?: boolean }) => newPage(browser, locale, opts),
    /** Submits the login form, as the administrator unless told otherwise; does not wait for the result. */
    signIn: (page: Page, username = ADMIN_USERNAME, password = ADMIN_PASSWORD) => submitLogin(page, server.baseUrl, username, password),
  };
}
