// User management journeys: an administrator creates an organisation user, who must change the
// initial password and then sees only the modules of that role; a locked account shows when
// it may try again.
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';

const { baseUrl, newPage, signIn } = setupJourneys();

describe('user management', () => {
  it('creates an organisation user who must change the initial password and cannot open admin pages', async () => {
    const username = `e2e_org_${Date.now() % 100000}`;
    const initialPassword = 'Initial-Pass-2026';
    const newPassword = 'Changed-Pass-2026!';

    const admin = await newPage();
    try {
      const { page } = admin;
      await signIn(page);
      await page.getByTestId('sidebar').getByText('用户管理').click();
      await page.waitForURL(/\/users$/);
      await page.locator('.ant-table-row').first().waitFor();
      // An existing organisation id, taken from a seeded organisation user.
      const orgId = await page.evaluate(async () => {
        const response = await fetch('/api/users?role=org_user');
        const body = (await response.json()) as { items: { orgId: string }[] };
        return body.items[0].orgId;
      });

      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#username').fill(username);
      await dialog.locator('#displayName').fill('端到端测试用户');
      await dialog.locator('#orgId').fill(orgId);
      await dialog.locator('#password').fill(initialPassword);
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      const row = page.locator('.ant-table-row', { hasText: username });
      await row.waitFor();
      expect(await row.innerText()).toContain('单位用户');
    } finally {
      await admin.context.close();
    }

    const user = await newPage();
    try {
      const { page } = user;
      await signIn(page, username, initialPassword);
      await page.waitForURL(/\/change-password$/);
      await page.locator('#currentPassword').fill(initialPassword);
      await page.locator('#newPassword').fill(newPassword);
      await page.locator('#confirmPassword').fill(newPassword);
      await page.locator('button[type=submit]').click();

      await page.getByTestId('welcome').waitFor();
      expect(await page.getByTestId('welcome').innerText()).toContain('端到端测试用户');
      const sidebar = await page.getByTestId('sidebar').innerText();
      expect(sidebar).toContain('工作台');
      expect(sidebar).not.toContain('用户管理');
      expect(sidebar).not.toContain('审计日志');

      await page.goto(`${baseUrl()}/audit`);
      await page.getByText('无权访问').first().waitFor();
      expect(await page.locator('.ant-result-title').innerText()).toBe('无权访问');
    } finally {
      await user.context.close();
    }
  });

  it('tells a locked account when it may try again', async () => {
    const { context, page } = await newPage();
    try {
      const error = page.getByTestId('login-error');
      // The default policy locks an account after 5 failures.
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        await signIn(page, 'demo_reviewer', `Wrong-Pass-${attempt}`);
        await error.waitFor();
        if ((await error.innerText()).includes('账户已暂时锁定')) break;
      }
      const text = await error.innerText();
      expect(text).toContain('账户已暂时锁定');
      expect(text).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 后重试/);
      expect(await page.locator('button[type=submit]').isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
