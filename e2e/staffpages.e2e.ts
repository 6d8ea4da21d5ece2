// Staff pages of the policies and programmes modules: the bureau authors a benefit version in the
// condition language (an error shown at its exact place, fixed, test cases passing, published) and
// finds it in the calculator and the totals; an organisation user reads the resulting "you now
// qualify" notice in its inbox and the bell's count drops; the bureau creates a call that then
// appears on the public /public/calls page; on a running project a change request is approved and
// the mid-term recorded; a newly awarded project's agreement (任务书) is drawn up and signed.
// Saves docs/screenshots/benefit-editor-error-zh-CN.png, benefit-editor-zh-CN.png,
// benefit-totals-zh-CN.png, inbox-zh-CN.png, notifications-zh-CN.png, call-editor-zh-CN.png,
// project-actions-zh-CN.png, agreement-zh-CN.png (1440×900).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const DEMO_PASSWORD = 'Demo-Luchuang-2026';
const { baseUrl, newPage, signIn } = setupJourneys();
const stamp = String(Date.now() % 1_000_000);
const CODE = `e2e_rd_award_${stamp}`;
const NAME = `研发投入奖励（测试${stamp}）`;
const CALL_TITLE = `2027年度重大技术攻关测试指南（e2e ${stamp}）`;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ROOT, `docs/screenshots/${name}`) });
const bellCount = async (page: Page) => Number(await page.getByTestId('notifications-count').getAttribute('data-count'));

describe('staff pages: benefit editor, inbox and bell, call editor', () => {
  it('the bureau authors a benefit version: an error at its place, fixed, cases pass, published, seen in the calculator', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/policies?q=${encodeURIComponent('加计扣除')}`);
      await page.getByTestId('policy-link').filter({ hasText: '关于进一步完善研发费用税前加计扣除政策的公告' }).click();
      await page.getByTestId('policy-add-benefit').click();
      await page.getByTestId('benefit-form').waitFor();

      await page.getByTestId('be-code').fill(CODE);
      await page.getByTestId('be-clause').click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByTestId('be-name-zh').fill(NAME);
      await page.getByTestId('be-name-en').fill(`R&D investment award (test ${stamp})`);
      await page.getByTestId('be-how-zh').fill('无需申报，由科技局按平台数据核定。');
      await page.getByTestId('be-how-en').fill('No application: the bureau decides from the platform\'s data.');
      await page.getByTestId('be-famount').fill('100000');

      // A misspelt variable: refused, and marked at its exact characters.
      const wrong = 'org.kind == enterprise and fy.rdExpens > 0元';
      await page.getByTestId('be-condition').fill(wrong);
      await page.getByTestId('problem-mark').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('problem-mark').innerText()).toBe('fy.rdExpens');
      expect(await page.getByTestId('be-problems').innerText()).toContain('fy.rdExpens');
      await shot(page, 'benefit-editor-error-zh-CN.png');

      // Fixed; three test cases, the first one wrong at first.
      await page.getByTestId('be-condition').fill('org.kind == enterprise and fy.rdExpense > 0元');
      await expect.poll(() => page.getByTestId('problem-mark').count(), { timeout: 20_000 }).toBe(0);
      const cases: [string, string, number | null][] = [
        ['研发投入 500 万元的企业', 'org.kind = enterprise\nfy.rdExpense = 500万元', 50000],
        ['没有研发投入', 'org.kind = enterprise\nfy.rdExpense = 0元', null],
        ['高校不适用', 'org.kind = university\nfy.rdExpense = 500万元', null],
      ];
      for (let i = 0; i < cases.length; i++) {
        if (i > 0) await page.getByTestId('be-add-case').click();
        const card = page.getByTestId('be-case').nth(i);
        await card.getByTestId('case-name').fill(cases[i][0]);
        await card.getByTestId('case-vars').fill(cases[i][1]);
        if (cases[i][2] === null) await card.getByTestId('case-not-eligible').check();
        else await card.getByTestId('case-expected').fill(String(cases[i][2]));
      }
      await page.getByTestId('be-case').first().getByTestId('case-fail').waitFor({ timeout: 20_000 });
      await page.getByTestId('be-case').first().getByTestId('case-expected').fill('100000');
      await expect.poll(() => page.getByTestId('case-pass').count(), { timeout: 20_000 }).toBe(3);
      await page.getByTestId('be-ok').waitFor({ timeout: 20_000 });

      await page.getByTestId('be-save').click();
      await page.waitForURL(new RegExp(`/policies/benefits/${CODE}`));
      const publish = page.getByTestId('be-publish');
      await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true);
      await publish.click();
      await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(async () => page.getByTestId('be-version').innerText(), { timeout: 20_000 }).toContain('已发布');
      await page.waitForTimeout(300);
      await shot(page, 'benefit-editor-zh-CN.png');

      // The calculator lists it for an organisation.
      const uscc = await page.evaluate(async () => ((await (await fetch('/api/orgs?pageSize=1')).json()) as { items: { uscc: string }[] }).items[0].uscc);
      await page.goto(`${baseUrl()}/policies/calculator?uscc=${uscc}`);
      await page.getByTestId('calc-table').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('calc-table').innerText(), { timeout: 30_000 }).toContain(NAME);

      // The totals beside the letter's figure.
      await page.goto(`${baseUrl()}/policies/totals`);
      await page.getByTestId('totals-summary').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('totals-source').innerText()).toContain('厦科函〔2025〕84号');
      await page.waitForTimeout(800);
      await shot(page, 'benefit-totals-zh-CN.png');
    } finally {
      await context.close();
    }
  });

  it('an organisation user reads its new notice in the inbox and the bell count drops', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_org', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await expect.poll(() => bellCount(page), { timeout: 20_000 }).toBeGreaterThan(0);
      const before = await bellCount(page);
      await page.getByTestId('notifications').click();
      await page.getByTestId('notifications-panel').waitFor();
      expect(await page.getByTestId('notifications-panel').innerText()).toContain(NAME);
      await page.waitForTimeout(300);
      await shot(page, 'notifications-zh-CN.png');
      await page.keyboard.press('Escape');

      await page.goto(`${baseUrl()}/policies/inbox`);
      const item = page.getByTestId('inbox-item').filter({ hasText: NAME });
      await item.waitFor({ timeout: 20_000 });
      await expect.poll(() => bellCount(page), { timeout: 20_000 }).toBe(before);
      await item.click();
      await page.getByTestId('inbox-body').waitFor();
      expect(await page.getByTestId('inbox-body').innerText()).toContain('第 ');
      await expect.poll(() => bellCount(page), { timeout: 20_000 }).toBe(before - 1);
      await page.waitForTimeout(300);
      await shot(page, 'inbox-zh-CN.png');
    } finally {
      await context.close();
    }
  });

  it('the bureau creates a call that then appears on /public/calls', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'demo_bureau', DEMO_PASSWORD);
      await page.getByTestId('sidebar').waitFor();
      await page.goto(`${baseUrl()}/programmes`);
      await page.getByTestId('call-new').click();
      await page.getByTestId('call-form').waitFor();
      await page.getByTestId('ce-programme').click();
      await page.locator('.ant-select-item-option', { hasText: '（重大技术攻关）' }).first().click();
      await page.getByTestId('ce-code').fill(`E2E-${stamp}`);
      await page.getByTestId('ce-title').fill(CALL_TITLE);
      await page.getByTestId('ce-budget').fill('5000000');
      await page.getByTestId('ce-max-award').fill('1000000');
      await page.getByTestId('ce-eligibility').fill('org.kind == enterprise and fy.rdExpense > 200万元');
      expect(await page.getByTestId('ce-weight-sum').innerText()).toContain('100');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await shot(page, 'call-editor-zh-CN.png');
      await page.getByTestId('ce-save').click();
      await page.waitForURL(/\/programmes\/calls\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      await page.getByTestId('call-publish').click();
      await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => page.getByTestId('call-publish').count(), { timeout: 20_000 }).toBe(0);

      const visitor = await newPage();
      try {
        await visitor.page.goto(`${baseUrl()}/public/calls`);
        await expect.poll(() => visitor.page.locator('body').innerText(), { timeout: 30_000 }).toContain(CALL_TITLE);
      } finally {
        await visitor.context.close();
      }
    } finally {
      await context.close();
    }
  });

  it('on a running project the organisation asks for a change, the bureau approves it and records the mid-term review', async () => {
    const org = await newPage();
    const bureau = await newPage();
    try {
      await signIn(org.page, 'demo_org', DEMO_PASSWORD);
      await org.page.getByTestId('sidebar').waitFor();
      const project = await org.page.evaluate(async () => ((await (await fetch('/api/programmes/projects')).json()) as { id: string; status: string }[]).find((p) => p.status === 'active'));
      expect(project).toBeTruthy();
      await org.page.goto(`${baseUrl()}/programmes/projects/${project!.id}`);
      await org.page.getByTestId('pa-change').click();
      const modal = org.page.locator('.ant-modal');
      await modal.locator('textarea').fill('关键设备到货推迟，申请延期半年。');
      await modal.locator('.ant-picker input').fill('2030-12-31');
      await modal.locator('.ant-picker input').press('Enter');
      await modal.getByRole('button', { name: /提\s*交/ }).click();
      await org.page.getByTestId('pa-changes').waitFor({ timeout: 20_000 });
      expect(await org.page.getByTestId('pa-changes').innerText()).toContain('待审批');

      await signIn(bureau.page, 'demo_bureau', DEMO_PASSWORD);
      await bureau.page.getByTestId('sidebar').waitFor();
      await bureau.page.goto(`${baseUrl()}/programmes/projects/${project!.id}`);
      await bureau.page.getByTestId('pa-approve').click();
      await expect.poll(() => bureau.page.getByTestId('pa-changes').innerText(), { timeout: 20_000 }).toContain('已批准');
      await bureau.page.getByTestId('pa-midterm').click();
      const mid = bureau.page.locator('.ant-modal');
      await mid.locator('textarea').fill('进度符合任务书要求。');
      await mid.getByRole('button', { name: /提\s*交/ }).click();
      await mid.waitFor({ state: 'hidden', timeout: 20_000 });
      await expect.poll(() => bureau.page.getByTestId('pa-midterm-record').innerText(), { timeout: 20_000 }).toContain('进度符合任务书要求');
      await bureau.page.waitForTimeout(300);
      await shot(bureau.page, 'project-actions-zh-CN.png');
    } finally {
      await org.context.close();
      await bureau.context.close();
    }
  });

  it('the bureau draws up and signs the agreement (任务书) of a newly awarded project', async () => {
    // Bring the seeded future-industry application to an award through the API (the reviewer
    // scores, the bureau locks and awards), then use the page for the agreement.
    const post = (page: Page, url: string, body: unknown) => page.evaluate(async ({ url, body }) => {
      const { csrfToken } = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      return { status: r.status, body: await r.json() as unknown };
    }, { url, body });
    const reviewer = await newPage();
    const bureau = await newPage();
    try {
      await signIn(reviewer.page, 'demo_reviewer', DEMO_PASSWORD);
      await reviewer.page.getByTestId('sidebar').waitFor();
      const review = await reviewer.page.evaluate(async () => {
        const list = (await (await fetch('/api/programmes/reviews')).json()) as { id: string; status: string }[];
        const r = list.find((x) => x.status === 'assigned')!;
        return (await (await fetch(`/api/programmes/reviews/${r.id}`)).json()) as { id: string; application: { id: string; call: { id: string; rubric: { scaleMax: number; criteria: { key: string }[] } } } };
      });
      const rubric = review.application.call.rubric;
      const scored = await post(reviewer.page, `/api/programmes/reviews/${review.id}/score`, { scores: Object.fromEntries(rubric.criteria.map((c) => [c.key, rubric.scaleMax - 1])), comment: '技术路线清晰。' });
      expect(scored.status).toBe(200);

      await signIn(bureau.page, 'demo_bureau', DEMO_PASSWORD);
      await bureau.page.getByTestId('sidebar').waitFor();
      expect((await post(bureau.page, `/api/programmes/calls/${review.application.call.id}/lock`, {})).status).toBe(200);
      const decided = await post(bureau.page, `/api/programmes/calls/${review.application.call.id}/decisions`, { decisions: [{ applicationId: review.application.id, decision: 'award', amountFen: 200_000_000, reason: '评审排名第一。' }] });
      expect(decided.status).toBe(200);
      const projectId = await bureau.page.evaluate(async () => ((await (await fetch('/api/programmes/projects')).json()) as { id: string; status: string }[]).find((p) => p.status === 'agreement_pending')!.id);

      await bureau.page.goto(`${baseUrl()}/programmes/projects/${projectId}`);
      await bureau.page.getByTestId('agreement-form').waitFor();
      expect(await bureau.page.getByTestId('ag-sum').innerText()).toContain('¥2,000,000.00 / 立项金额 ¥2,000,000.00');
      await bureau.page.getByTestId('ag-deliverable').first().fill('燃料电池电堆样机一套');
      await bureau.page.getByTestId('ag-save').click();
      await bureau.page.getByTestId('ag-sign').waitFor({ timeout: 20_000 });
      await bureau.page.waitForTimeout(300);
      await shot(bureau.page, 'agreement-zh-CN.png');
      await bureau.page.getByTestId('ag-sign').click();
      await bureau.page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
      await bureau.page.getByTestId('agreement-form').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await bureau.page.locator('body').innerText()).toContain('执行中');
    } finally {
      await reviewer.context.close();
      await bureau.context.close();
    }
  });
});
