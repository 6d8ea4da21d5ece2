// Journeys through the web shell against the real server and Debian's chromium.
import { describe, expect, it } from 'vitest';
import { ADMIN_USERNAME } from './server';
import { setupJourneys } from './journeys';

const { baseUrl, newPage, signIn } = setupJourneys();

describe('web shell', () => {
  it('signs in, switches language (kept after reload), shows the login in the audit log, and logs out', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page);
      const sidebar = page.getByTestId('sidebar');
      await expect.poll(() => sidebar.isVisible()).toBe(true);
      await expect.poll(() => sidebar.innerText()).toContain('工作台');
      expect(await sidebar.innerText()).toContain('审计日志');
      expect(await page.getByTestId('user-display-name').innerText()).toBe('系统管理员');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      await page.getByTestId('language-switch').getByText('English').click();
      await expect.poll(() => sidebar.innerText()).toContain('Home');
      expect(await sidebar.innerText()).toContain('Audit log');
      expect(await page.getByTestId('welcome').innerText()).toContain('Welcome');
      expect(await page.evaluate(() => window.localStorage.getItem('luchuang.locale'))).toBe('en-US');

      await page.reload();
      await expect.poll(() => sidebar.innerText()).toContain('Users');
      expect(await sidebar.innerText()).not.toContain('工作台');
      expect(await page.locator('html').getAttribute('lang')).toBe('en-US');

      await sidebar.getByText('Audit log').click();
      await page.waitForURL(/\/audit$/);
      expect(await page.getByTestId('breadcrumbs').innerText()).toContain('Audit log');
      const loginRow = page.locator('.ant-table-row', { hasText: 'auth.login' }).filter({ hasText: ADMIN_USERNAME }).first();
      await loginRow.waitFor();
      expect(await loginRow.innerText()).toContain('Sign-in');

      await page.getByTestId('verify-chain').click();
      await expect.poll(() => page.getByTestId('verify-result').innerText()).toContain('Chain intact');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      // Logging out waits for the server to end the session: slow only on a loaded machine.
      await page.waitForURL(/\/login$/, { timeout: 45_000 });
      await page.getByTestId('logged-out').waitFor();
      expect(await page.locator('button[type=submit]').innerText()).toContain('Sign in');
    } finally {
      await context.close();
    }
  });

  it('shows the server message for a wrong password, in the chosen language', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, ADMIN_USERNAME, 'Not-The-Password-1');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('用户名或密码错误');
      expect(page.url()).toMatch(/\/login$/);

      await page.getByTestId('language-switch').getByText('English').click();
      await page.locator('#password').fill('Not-The-Password-2');
      await page.locator('button[type=submit]').click();
      await expect.poll(() => error.innerText()).toContain('Incorrect username or password');
    } finally {
      await context.close();
    }
  });

  it('shows the 404 page for an unknown address', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/no-such-page`);
      const notFound = page.getByTestId('not-found');
      await notFound.waitFor();
      expect(await notFound.innerText()).toContain('页面不存在');
      expect(await page.getByTestId('sidebar').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
