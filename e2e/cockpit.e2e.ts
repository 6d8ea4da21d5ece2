// 指标驾驶舱 and 大屏 journeys: the bureau opens the cockpit, whose figures must equal the API's,
// drills from a platform figure to the organisations behind it, and opens the wall display at
// 1920×1080 (no scrolling, same figures); anyone reads the open data without login. Saves
// docs/screenshots/cockpit-zh-CN.png, cockpit-en-US.png (1440×900), wall-zh-CN.png (1920×1080), and
// the chain module page and chain completeness (cockpit-chains-zh-CN.png, cockpit-chain-completeness-zh-CN.png).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupJourneys } from './journeys';
import { ROOT } from './server';

const { baseUrl, newPage, signIn } = setupJourneys();
const SHOTS = join(ROOT, 'docs/screenshots');
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

interface Indicator { id: string; kind: string; latest: { value: number; qualifier: string | null } | null; current: { value: number; period: string } | null }

const shown = (i: Indicator) => (i.kind === 'reported' ? i.latest?.value : i.current?.value);

describe('indicator cockpit', () => {
  it('shows the API\'s figures, drills down to the rows behind one, and exports', async () => {
    const { context, page } = await newPage('zh-CN');
    await signIn(page);
    await page.getByTestId('sidebar').getByText('指标驾驶舱').click();
    await page.waitForURL(/\/cockpit$/);
    await page.getByTestId('indicator-card-platform_hnte_holders').waitFor();
    const overview = await page.evaluate(async () => (await (await fetch('/api/cockpit/overview')).json()) as { indicators: Indicator[] });
    const cards = await page.locator('[data-testid^="indicator-value-"]').all();
    expect(cards.length).toBeGreaterThanOrEqual(6);
    for (const card of cards) {
      const id = (await card.getAttribute('data-testid'))!.replace('indicator-value-', '');
      const api = overview.indicators.find((i) => i.id === id)!;
      expect(await card.innerText(), id).toContain(NUMBER.format(shown(api)!));
    }
    // The letter's figure and the demo's synthetic warning are both on the page.
    await expect.poll(() => page.getByTestId('cockpit-synthetic').isVisible()).toBe(true);
    await page.getByTestId('chart-hnte').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'cockpit-zh-CN.png') });

    // A topic tab keeps its state in the URL.
    await page.getByRole('tab', { name: '创新载体' }).click();
    await page.waitForURL(/tab=carriers/);
    // The URL changes before React commits the render whose export button knows the tab.
    await expect.poll(() => page.getByRole('tab', { name: '创新载体' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('indicator-value-enterprise_rd_centers').innerText()).toBe('411');

    // Excel of the view.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cockpit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^指标-carriers-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // Drill down: the platform's high-tech figure → its rows, as many as the figure says.
    await page.getByRole('tab', { name: '总览' }).click();
    await page.getByTestId('indicator-card-platform_hnte_holders').click();
    await page.waitForURL(/\/cockpit\/indicators\/platform_hnte_holders$/);
    await page.getByTestId('indicator-comparison').waitFor();
    expect(await page.getByTestId('indicator-comparison').innerText()).toContain('来函报告 4,735家');
    const figure = overview.indicators.find((i) => i.id === 'platform_hnte_holders')!.current!;
    await page.getByTestId('indicator-rows').getByText(`${figure.period} 共 ${NUMBER.format(figure.value)} 家`).waitFor();
    await context.close();
  });

  it('has a page per module whose figures equal the API\'s, each drilling down to its rows', async () => {
    const { context, page } = await newPage('zh-CN');
    await signIn(page);
    await page.getByTestId('welcome').waitFor();
    await page.goto(`${baseUrl()}/cockpit`);
    await page.getByTestId('cockpit-modules').getByText('产业链', { exact: true }).click();
    await page.waitForURL(/\/cockpit\/m\/chains$/);
    await page.getByTestId('indicator-card-platform_chain_completeness').waitFor();
    const ids = ['platform_chain_completeness', 'platform_chain_orgs'];
    const list = await page.evaluate(async (q) => (await (await fetch(`/api/indicators?ids=${q}`)).json()) as Indicator[], ids.join(','));
    for (const id of ids) {
      expect(await page.getByTestId(`indicator-value-${id}`).innerText(), id).toBe(NUMBER.format(shown(list.find((i) => i.id === id)!)!));
    }
    await page.getByTestId('chart-items-platform_chain_completeness').locator('canvas').first().waitFor();
    await page.getByTestId('chart-district-platform_chain_orgs').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'cockpit-chains-zh-CN.png'), fullPage: true });

    // Excel of the page: its own indicators.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('module-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^指标-页面-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // A district's bar opens the rows of that district: as many as the chart says.
    const huli = await page.evaluate(async () => (await (await fetch('/api/indicators/platform_chain_orgs/by-district')).json()) as { period: string; values: { district: string; value: number }[] });
    const n = huli.values.find((v) => v.district === 'huli')!.value;
    await page.goto(`${baseUrl()}/cockpit/indicators/platform_chain_orgs?district=huli`);
    await page.getByTestId('indicator-rows').getByText(`${huli.period} 共 ${NUMBER.format(n)} 家`).waitFor();

    // Chain completeness: one row per chain map, and its history from the daily snapshots.
    await page.goto(`${baseUrl()}/cockpit/indicators/platform_chain_completeness`);
    await page.getByTestId('indicator-by-chain').locator('canvas').first().waitFor();
    const rows = await page.evaluate(async () => (await (await fetch('/api/indicators/platform_chain_completeness/rows')).json()) as { total: number; items: { name: string }[] });
    expect(rows.total).toBeGreaterThan(0);
    await page.getByTestId('indicator-rows').getByText(rows.items[0].name).first().waitFor();
    // The server queues today's snapshot when it starts.
    await page.waitForFunction(async () => ((await (await fetch('/api/indicators/platform_chain_completeness')).json()) as { snapshots: unknown[] }).snapshots.length > 0, undefined, { timeout: 60_000, polling: 2000 });
    await page.reload();
    await page.getByTestId('indicator-history').locator('canvas').first().waitFor();
    await page.getByTestId('indicator-rows').getByText(rows.items[0].name).first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SHOTS, 'cockpit-chain-completeness-zh-CN.png'), fullPage: true });
    await context.close();
  });

  it('reads completely in English', async () => {
    const { context, page } = await newPage('en-US');
    await signIn(page);
    await page.getByTestId('welcome').waitFor();
    await page.goto(`${baseUrl()}/cockpit?tab=enterprises`);
    await page.getByTestId('indicator-card-hnte_count').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('National high-tech enterprises');
    // No Chinese on the English page but names and document numbers.
    const chinese = text.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line) && !/厦科函|有限公司/.test(line));
    expect(chinese).toEqual([]);
    await page.goto(`${baseUrl()}/cockpit`);
    await page.getByTestId('chart-tiers').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'cockpit-en-US.png') });
    await context.close();
  });

  it('fills a 1920×1080 wall display without scrolling, with the same figures', async () => {
    const { context, page } = await newPage('zh-CN');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page);
    await page.getByTestId('welcome').waitFor();
    await page.goto(`${baseUrl()}/wall`);
    await page.getByTestId('wall-value-hnte_count').waitFor();
    const overview = await page.evaluate(async () => (await (await fetch('/api/cockpit/overview')).json()) as { indicators: Indicator[] });
    for (const id of ['hnte_count', 'platform_hnte_holders', 'hnte_industrial_output', 'tax_incentives_total', 'new_hnte', 'new_little_giants']) {
      const api = overview.indicators.find((i) => i.id === id)!;
      expect(await page.getByTestId(`wall-value-${id}`).innerText(), id).toBe(NUMBER.format(shown(api)!));
    }
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(size.h).toBeLessThanOrEqual(1080);
    expect(size.w).toBeLessThanOrEqual(1920);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SHOTS, 'wall-zh-CN.png') });
    await context.close();
  });

  it('publishes open data without login', async () => {
    const response = await fetch(`${baseUrl()}/open-data/indicators.csv`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.split('\r\n')[0]).toContain('CC BY 4.0');
    expect(text).toContain('hnte_count,国家高新技术企业数量,National high-tech enterprises,enterprises,家,annual,2024,4735');
  });
});
