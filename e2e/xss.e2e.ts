// Stored XSS, checked in a real browser: script payloads are stored through the API in the
// free-text fields other people see (organisation name, keywords and products; policy title,
// summary, clause text and source; market achievement title and abstract, demand problem and
// goals; carrier names; chain names), then every page that renders them is opened in chromium
// as the roles who see them. A second test does the same for programme calls and applications
// (title, summary, form labels, the applicant's answers and keywords), a benefit's name (calculator,
// auto-grants), an indicator value's note (cockpit) and a fund recipient's name (fund page).
// A page passes when no payload ran (window.__xss stays unset, no
// dialog opened), the browser reported no CSP violation (a violation means something tried to
// run inline), no link carries a javascript: URL, and the payload shows as text.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withCheckChar } from '../src/lib/uscc';
import { setupJourneys } from './journeys';

const journeys = setupJourneys();
const DEMO_PASSWORD = 'Demo-Luchuang-2026';

export const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  "{{constructor.constructor('window.__xss=1')()}}",
] as const;
/** Short enough for 40-character fields (chain names). */
const SHORT = '<img src=x onerror=window.__xss=1>';
const USCC = withCheckChar('91350203MA9XKT001');
const SLUG = 'xss-probe-policy';

/** Creates the hostile records from a signed-in staff page; returns what was stored and what was refused. */
async function storePayloads(page: Page) {
  await page.evaluate('window.__name = window.__name || ((fn) => fn)');
  return page.evaluate(async ({ payloads, short, uscc, slug }) => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const send = async (method: string, path: string, body: unknown) => {
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
      return { path, status: res.status, body: await res.text() };
    };
    const [p0, p1, p2, p3, p4] = payloads;
    const out: Record<string, { status: number; body: string }> = {};
    out.org = await send('POST', '/api/orgs', {
      uscc, name: `XSS单位${p0}`, kind: 'enterprise', district: 'siming', industryCode: '6513',
      keywords: [p1, p4], mainProducts: [p2, p3], listed: false, registeredOn: '2015-01-01', address: `厦门市${p1}`,
      contacts: [{ name: `张${p0}`, title: p4, phone: '0592-5550199' }],
    });
    out.policy = await send('POST', '/api/policies', {
      slug, title: `XSS政策${p0}`, issuer: `发布机关${p2}`, level: 'city', source: p3,
      version: { effectiveFrom: '2026-01-01', summary: `摘要${p1}`, clauses: [{ no: '1', text: `条款${p4}${p0}` }] },
    });
    out.policyPublish = await send('PATCH', `/api/policies/${slug}`, { status: 'published' });
    out.achievement = await send('POST', '/api/market/achievements', {
      orgUscc: uscc, title: `XSS成果${p0}`, abstract: `成果摘要${p1}${p4}`, field: 'electronic_info', trl: 6, ipKind: 'know_how', transferModes: ['licence'],
    });
    out.demand = await send('POST', '/api/market/demands', {
      orgUscc: uscc, problem: `XSS需求${p2}`, goals: `目标${p0}${p3}`, field: 'electronic_info', trlMin: 4,
    });
    out.carrier = await send('POST', '/api/carriers', {
      kind: 'public_service_platform', name: `XSS载体${p1}`, level: 'city', hostUscc: uscc, establishedOn: '2020-01-01',
    });
    out.chain = await send('POST', '/api/chains', { id: 'xss_probe', zh: `链${short}`, en: `Chain ${short}`, description: { zh: p0, en: p4 } });
    return out;
  }, { payloads: [...PAYLOADS], short: SHORT, uscc: USCC, slug: SLUG });
}

interface Visit { path: string; expectText?: string[] }

/**
 * Opens each page, waits for it to settle and collects: window.__xss, dialogs, CSP violations
 * (from the page's securitypolicyviolation event and the console), javascript: links, and
 * whether the expected payload text is visible.
 */
async function visit(page: Page, baseUrl: string, visits: Visit[]) {
  const dialogs: string[] = [];
  const consoleCsp: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text()); });
  await page.context().addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  const results: { path: string; xss: unknown; csp: string[]; jsLinks: number; missing: string[] }[] = [];
  for (const v of visits) {
    await page.goto(`${baseUrl}${v.path}`);
    await page.waitForLoadState('networkidle');
    const missing: string[] = [];
    for (const text of v.expectText ?? []) {
      try {
        await page.getByText(text, { exact: false }).first().waitFor({ timeout: 8_000 });
      } catch {
        missing.push(text);
      }
    }
    await page.waitForTimeout(300);
    // For looking at by hand: XSS_SCREENSHOTS=<dir> saves each page.
    if (process.env.XSS_SCREENSHOTS) await page.screenshot({ path: `${process.env.XSS_SCREENSHOTS}/${v.path.replace(/[^a-z0-9]+/gi, '_').slice(0, 60) || 'root'}.png` });
    const state = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      csp: (window as unknown as { __csp: string[] }).__csp,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
    }));
    results.push({ path: v.path, ...state, missing });
  }
  return { results, dialogs, consoleCsp };
}

/** Every visited page: no payload ran, no CSP violation, no javascript: link, every payload text shown. */
function expectNothingRan(runs: Awaited<ReturnType<typeof visit>>[]) {
  const all = runs.flatMap((r) => r.results);
  console.log(all.map((r) => `${r.path}: __xss=${String(r.xss)} csp=${r.csp.length} jsLinks=${r.jsLinks} missing=${r.missing.length ? r.missing.join(' | ') : '-'}`).join('\n'));
  for (const r of all) {
    expect(r.xss, r.path).toBeUndefined();
    expect(r.csp, r.path).toEqual([]);
    expect(r.jsLinks, r.path).toBe(0);
    expect(r.missing, r.path).toEqual([]);
  }
  expect(runs.flatMap((r) => r.dialogs)).toEqual([]);
  expect(runs.flatMap((r) => r.consoleCsp)).toEqual([]);
}

describe('stored script payloads are shown as text and never run', () => {
  it('stores the payloads, then opens every page that renders them as staff, as the enterprise and anonymously', async () => {
    const base = journeys.baseUrl();
    const staff = await journeys.newPage('zh-CN');
    try {
      await journeys.signIn(staff.page, 'demo_bureau', DEMO_PASSWORD);
      await staff.page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const stored = await storePayloads(staff.page);
      console.log(Object.entries(stored).map(([k, r]) => `${k}: ${r.status}${r.status >= 300 ? ` ${r.body.slice(0, 200)}` : ''}`).join('\n'));
      // Nothing crashes the server; each record is either stored or refused with a problem (4xx).
      for (const r of Object.values(stored)) expect(r.status).toBeLessThan(500);
      const ok = (k: string) => stored[k].status >= 200 && stored[k].status < 300;
      expect(ok('org')).toBe(true);
      expect(ok('achievement')).toBe(true);

      const chainId = 'xss_probe';

      const p = PAYLOADS;
      const staffVisits: Visit[] = [
        { path: '/' },
        { path: `/registry?q=${encodeURIComponent('XSS单位')}`, expectText: [`XSS单位${p[0]}`] },
        { path: `/registry/${USCC}`, expectText: [`XSS单位${p[0]}`, p[1], p[2]] },
        { path: '/market', expectText: [`XSS成果${p[0]}`] },
        { path: '/market?tab=demands', ...(ok('demand') ? { expectText: [`XSS需求${p[2]}`] } : {}) },
        { path: '/policies', ...(ok('policy') ? { expectText: [`XSS政策${p[0]}`] } : {}) },
        { path: `/policies/${SLUG}`, ...(ok('policy') ? { expectText: [`XSS政策${p[0]}`] } : {}) },
        { path: '/carriers', ...(ok('carrier') ? { expectText: [`XSS载体${p[1]}`] } : {}) },
        { path: '/chains', ...(ok('chain') ? { expectText: [`链${SHORT}`] } : {}) },
        ...(ok('chain') ? [{ path: `/chains/${chainId}`, expectText: [`链${SHORT}`] }] : []),
        { path: '/cockpit' },
        { path: '/audit' },
      ];
      const staffRun = await visit(staff.page, base, staffVisits);

      const enterprise = await journeys.newPage('zh-CN');
      const anonymous = await journeys.newPage('zh-CN');
      try {
        await journeys.signIn(enterprise.page, 'demo_org', DEMO_PASSWORD);
        await enterprise.page.waitForURL((u) => !u.pathname.startsWith('/login'));
        const orgRun = await visit(enterprise.page, base, [
          { path: '/' },
          { path: '/market', expectText: [`XSS成果${p[0]}`] },
          { path: '/market?tab=demands', ...(ok('demand') ? { expectText: [`XSS需求${p[2]}`] } : {}) },
          { path: '/policies', ...(ok('policy') ? { expectText: [`XSS政策${p[0]}`] } : {}) },
        ]);
        const publicRun = await visit(anonymous.page, base, [
          { path: '/public' },
          { path: '/public/policies', ...(ok('policy') && ok('policyPublish') ? { expectText: [`XSS政策${p[0]}`] } : {}) },
          { path: `/public/policies/${SLUG}` },
          { path: '/public/market', expectText: [`XSS成果${p[0]}`] },
          { path: '/public/calls' },
          { path: '/public/data' },
          { path: '/wall' },
        ]);
        expectNothingRan([staffRun, orgRun, publicRun]);
      } finally {
        await enterprise.context.close();
        await anonymous.context.close();
      }
    } finally {
      await staff.context.close();
    }
  });

  it('programme calls and applications, benefit names, indicator notes and fund recipients are shown as text', async () => {
    const base = journeys.baseUrl();
    const p = PAYLOADS;
    const stamp = String(Date.now() % 1_000_000);
    const staff = await journeys.newPage('zh-CN');
    const org = await journeys.newPage('zh-CN');
    const anonymous = await journeys.newPage('zh-CN');
    try {
      await journeys.signIn(staff.page, 'demo_bureau', DEMO_PASSWORD);
      await staff.page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await journeys.signIn(org.page, 'demo_org', DEMO_PASSWORD);
      await org.page.waitForURL((u) => !u.pathname.startsWith('/login'));

      // As the bureau: a published call, a published benefit on a published policy, an indicator
      // value with a note, and a fund with an allocation to a hostile recipient.
      const staffStored = await staff.page.evaluate(async ({ p, stamp }) => {
        const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
        const send = async (method: string, path: string, body?: unknown) => {
          const res = await fetch(path, body === undefined
            ? { method, headers: { 'x-csrf-token': session.csrfToken } }
            : { method, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
          const text = await res.text();
          let json: Record<string, unknown> = {};
          try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
          return { status: res.status, body: text.slice(0, 300), json };
        };
        const out: Record<string, { status: number; body: string; json: Record<string, unknown> }> = {};
        // A plain funding line: a challenge or contest call needs fields of its own.
        const programmes = (await (await fetch('/api/programmes')).json()) as { id: string; kind: string }[];
        const programme = programmes.find((x) => x.kind === 'major_research') ?? programmes[0];
        const day = 24 * 3600 * 1000;
        out.call = await send('POST', '/api/programmes/calls', {
          programmeId: programme.id, code: `XSS-${stamp}`, title: `XSS指南${p[0]}`, summary: `指南摘要${p[1]}${p[4]}`,
          opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 30 * day).toISOString(),
          budgetFen: 60_000_000, maxAwardFen: 50_000_000, cofundingRatioBp: 10_000, eligibility: 'org.kind == enterprise',
          form: {
            fields: [{ key: 'summary', label: { zh: `项目摘要${p[2]}`, en: `Summary ${p[2]}` }, required: true, maxLength: 2000 }],
            budgetCategories: [{ key: 'equipment', label: { zh: `设备费${p[3]}`, en: 'Equipment' } }],
            requiredAttachments: [],
          },
          rubric: { scaleMax: 10, criteria: [{ key: 'innovation', label: { zh: `创新性${p[1]}`, en: 'Innovation' }, weight: 100 }] },
          reviewersPerApplication: 1, blind: true, panelSpread: 20,
        });
        const callId = String(out.call.json.id ?? '');
        out.callPublish = await send('POST', `/api/programmes/calls/${callId}/publish`);

        const slug = `xss-benefit-policy-${stamp}`;
        out.policy = await send('POST', '/api/policies', {
          slug, title: `XSS事项政策${stamp}`, issuer: '厦门市科学技术局', level: 'city', source: 'e2e',
          version: { effectiveFrom: '2020-01-01', summary: '摘要', clauses: [{ no: '1', text: '条款' }] },
        });
        out.policyPublish = await send('PATCH', `/api/policies/${slug}`, { status: 'published' });
        const code = `xss_benefit_${stamp}`;
        out.benefit = await send('POST', '/api/benefits', {
          code, policyId: out.policy.json.id, clauseNo: '1', nameZh: `XSS事项${p[0]}`, nameEn: `XSS benefit ${p[1]}`, topic: 'subsidy',
          howToApply: { zh: `申报方式${p[2]}`, en: `How ${p[4]}` },
          version: {
            effectiveFrom: '2020-01-01', period: 'yearly', condition: 'org.kind == enterprise', formula: { kind: 'fixed', amount: 1_000_00 },
            testCases: [
              { name: `企业${p[3]}`, vars: { 'org.kind': 'enterprise' }, expected: 1_000_00 },
              { name: '高校', vars: { 'org.kind': 'university' }, expected: null },
              { name: '科研院所', vars: { 'org.kind': 'institute' }, expected: null },
            ],
          },
        });
        out.benefitPublish = await send('POST', `/api/benefits/${code}/versions/1/publish`);

        out.indicatorValue = await send('POST', '/api/indicators/green_manufacturing_list/values', {
          // A past year of its own, so that a rerun against the same server (E2E_BASE_URL) stores anew.
          period: String(1980 + (Number(stamp) % 40)), value: 41, unit: '家', note: `说明${p[0]}${p[1]}`, source: { title: `来源${p[2]}`, date: '2019-01-01', docNo: p[3] },
        });

        out.fund = await send('POST', '/api/funds', { code: `XSS_${stamp}`, name: `XSS资金${stamp}`, kind: 'special', sourceLevel: 'city', purpose: `用途${p[4]}` });
        const fundId = String(out.fund.json.id ?? '');
        out.recipient = await send('POST', '/api/funds/recipients', { kind: 'project', ref: `XSS-${stamp}`, name: `XSS受助${p[0]}` });
        out.appropriation = await send('POST', `/api/funds/${fundId}/appropriations`, { amountFen: 100_000_000, contributor: `市财政${p[1]}` });
        out.allocation = await send('POST', `/api/funds/${fundId}/allocations`, { recipientId: out.recipient.json.id, amountFen: 10_000_000, use: 'rd_project', note: p[2] });
        return { out, callId, fundId, code };
      }, { p: [...PAYLOADS], stamp });

      // As the enterprise: an application to that call with hostile title, keywords and answers, submitted.
      const orgStored = await org.page.evaluate(async ({ p, callId }) => {
        const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
        const send = async (method: string, path: string, body?: unknown) => {
          const res = await fetch(path, body === undefined
            ? { method, headers: { 'x-csrf-token': session.csrfToken } }
            : { method, headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body) });
          const text = await res.text();
          let json: Record<string, unknown> = {};
          try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
          return { status: res.status, body: text.slice(0, 300), json };
        };
        const out: Record<string, { status: number; body: string; json: Record<string, unknown> }> = {};
        out.application = await send('POST', '/api/programmes/applications', { callId, title: `XSS申报${p[0]}`, keywords: [p[1], p[3]] });
        const id = String(out.application.json.id ?? '');
        out.answers = await send('PATCH', `/api/programmes/applications/${id}`, { answers: { summary: `申报摘要${p[2]}${p[4]}` }, budget: [{ category: 'equipment', requestedFen: 1_000_000, selfFen: 1_000_000 }] });
        out.submit = await send('POST', `/api/programmes/applications/${id}/submit`);
        return { out, applicationId: id };
      }, { p: [...PAYLOADS], callId: staffStored.callId });

      const stored = { ...staffStored.out, ...orgStored.out };
      console.log(Object.entries(stored).map(([k, r]) => `${k}: ${r.status}${r.status >= 300 ? ` ${r.body.slice(0, 200)}` : ''}`).join('\n'));
      for (const r of Object.values(stored)) expect(r.status).toBeLessThan(500);
      const ok = (k: string) => stored[k].status >= 200 && stored[k].status < 300;
      // The stores this test is about must succeed, or it would check nothing.
      for (const k of ['call', 'callPublish', 'benefit', 'benefitPublish', 'indicatorValue', 'recipient', 'allocation', 'application', 'answers']) expect(ok(k), k).toBe(true);
      const { callId, fundId } = staffStored;
      const { applicationId } = orgStored;

      const staffRun = await visit(staff.page, base, [
        { path: '/programmes', expectText: [`XSS指南${p[0]}`] },
        { path: `/programmes/calls/${callId}`, expectText: [`XSS指南${p[0]}`] },
        ...(ok('submit') ? [{ path: `/programmes/applications/${applicationId}`, expectText: [`XSS申报${p[0]}`, `申报摘要${p[2]}`] }] : []),
        { path: '/policies/auto-grants' },
        { path: `/policies/calculator?uscc=${USCC}` },
        { path: '/cockpit/indicators/green_manufacturing_list', expectText: [`说明${p[0]}`] },
        { path: `/funds/${fundId}`, expectText: [`XSS受助${p[0]}`] },
      ]);
      const orgRun = await visit(org.page, base, [
        { path: '/programmes', expectText: [`XSS申报${p[0]}`] },
        { path: `/programmes/applications/${applicationId}`, expectText: [`XSS申报${p[0]}`, `项目摘要${p[2]}`] },
        { path: '/policies/calculator', expectText: [`XSS事项${p[0]}`] },
      ]);
      const publicRun = await visit(anonymous.page, base, [{ path: '/public/calls', expectText: [`XSS指南${p[0]}`] }]);
      expectNothingRan([staffRun, orgRun, publicRun]);
    } finally {
      await staff.context.close();
      await org.context.close();
      await anonymous.context.close();
    }
  });

  it('the detector works: markup injected into a page by hand is blocked by the CSP and reported as a violation', async () => {
    const { context, page } = await journeys.newPage('zh-CN');
    try {
      const run = await visit(page, journeys.baseUrl(), [{ path: '/public' }]);
      expect(run.results[0].csp).toEqual([]);
      // What a renderer using innerHTML would do with a stored payload.
      await page.evaluate((html) => { document.body.insertAdjacentHTML('beforeend', html); }, PAYLOADS[1]);
      await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      await expect.poll(() => run.consoleCsp.length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
