// Access hardening: security headers and CSP on every HTML page and API response, unstorable
// text refused with a stable code, and IDOR probes — an object one organisation user created is
// "not found" or "forbidden" for another organisation's user on every id-taking route, and
// stays unchanged by their attempts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../lib/uscc.ts';
import { createOrg } from '../modules/registry/registry.service.ts';
import { ensurePolicyLibrary } from '../modules/policies/library.ts';
import { callBody } from '../modules/programmes/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';

const NOW = new Date('2026-06-15T08:00:00Z');
let t: TestApp;
let webDir: string;
let admin: Client;
let owner: Client;
let stranger: Client;
const ownUscc = withCheckChar('91350203MA8SECOWN');
const otherUscc = withCheckChar('91350206MA8SECOTH');

beforeAll(async () => {
  // A stand-in for the built web app, so the HTML routes are served exactly as in production.
  webDir = mkdtempSync(join(tmpdir(), 'luchuang-sec-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1);');
  t = await createTestApp({ now: () => NOW, deps: { serveWeb: true, webDir } });
  await ensurePolicyLibrary(t.ctx);
  const base = { formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };
  const own = await createOrg(t.ctx, { ...base, uscc: ownUscc, name: '安全测试甲科技有限公司（示例）', kind: 'enterprise', district: 'siming' });
  const other = await createOrg(t.ctx, { ...base, uscc: otherUscc, name: '安全测试乙科技有限公司（示例）', kind: 'enterprise', district: 'huli' });
  admin = await t.as('bureau_admin');
  owner = await t.as('org_user', { orgId: own.id });
  stranger = await t.as('org_user', { orgId: other.id });
});
afterAll(() => t.close());

describe('security headers', () => {
  const PAGES = ['/', '/login', '/public', '/public/policies', '/assets/app.js'];
  const API = ['/api/health', '/api/openapi.json', '/api/auth/session', '/api/no-such-route', '/api/users', '/api/users/%ED%A0%80x%', `/api/market/achievements/${'a'.repeat(300)}`];

  for (const url of [...PAGES, ...API]) {
    it(`${url}: CSP, nosniff, framing, referrer policy, no server banner`, async () => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
      if (PAGES.includes(url) && url !== '/assets/app.js') expect(String(res.headers['content-type'])).toContain('text/html');
      const csp = String(res.headers['content-security-policy'] ?? '');
      const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('script-src')).toBe("script-src 'self'");
      expect(directive('default-src')).toBe("default-src 'self'");
      expect(directive('object-src')).toBe("object-src 'none'");
      expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive('base-uri')).toBe("base-uri 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(directive('script-src')).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(['DENY', 'SAMEORIGIN']).toContain(res.headers['x-frame-options']);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['server']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    });
  }

  it('sends HSTS only when cookies are Secure (behind HTTPS)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      expect(String((await secure.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });

  it('never caches an API answer that may hold personal data in a shared cache', async () => {
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['cache-control'] ?? 'no-store')).not.toMatch(/public/);
  });
});

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['a lone low surrogate in a login name', '{"username":"\\udfff","password":"x"}', 'body.username'],
    ['a lone high surrogate', '{"username":"a\\ud800b","password":"x"}', 'body.username'],
    ['NUL', '{"username":"a\\u0000b","password":"x"}', 'body.username'],
    ['NUL in a key', '{"username":"a","password":"x","\\u0000":1}', 'body.\\0'],
  ])('refuses %s with request.invalid_text, not a 500', async (_name, payload, path) => {
    const c = await t.client();
    const res = await c.request({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'request.invalid_text' });
    expect(res.json().detail).toContain(path);
  });

  it('refuses NUL in a query string and a path parameter', async () => {
    expect((await admin.get('/api/policies?q=%00')).json().code).toBe('request.invalid_text');
    expect((await admin.get('/api/orgs/%00')).json().code).toBe('request.invalid_text');
  });

  it('keeps paired surrogates (emoji) and right-to-left marks, which are storable', async () => {
    const res = await admin.get(`/api/policies?q=${encodeURIComponent('🧪\u202E')}`);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('answers a badly encoded URL and an over-long path parameter as problem+json', async () => {
    const bad = await admin.get('/api/users/%ED%A0%80x%');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.bad_url');
    const long = await admin.get(`/api/market/achievements/${'a'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(String(long.headers['content-type'])).toContain('application/problem+json');
    expect(long.json().code).toBe('request.url_too_long');
  });
});

// ---- IDOR ----

type Owned = { id: string; snapshot: () => Promise<unknown> };

/**
 * Every non-public route under `prefix/:id…` is called by the stranger with the owner's object id
 * (and a valid body where given): each answer must be 403 or 404 (or a 400 from validation, which
 * runs before the scope check), and the object, as its owner reads it, must not change.
 */
async function probe(prefix: string, object: Owned, bodies: Record<string, unknown> = {}) {
  const routes = t.app.routeList
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url, access: r.config?.access })))
    .filter((r) => r.method !== 'HEAD' && r.access !== 'public' && (r.url === `${prefix}/:id` || r.url.startsWith(`${prefix}/:id/`)));
  expect(routes.length, `routes under ${prefix}/:id`).toBeGreaterThan(0);
  const before = await object.snapshot();
  const outcomes: string[] = [];
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    const url = r.url.replace(':id', object.id);
    const res = await stranger.request({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: (bodies[key] ?? {}) as object }) });
    const code = String(res.headers['content-type']).includes('problem') ? res.json().code : '';
    outcomes.push(`${key} → ${res.statusCode} ${code}`);
    const refused = res.statusCode === 403 || res.statusCode === 404 || (res.statusCode === 400 && code === 'request.validation' && !(key in bodies));
    expect(refused, `${key} as another organisation's user → ${res.statusCode} ${res.body.slice(0, 300)}`).toBe(true);
  }
  expect(await object.snapshot()).toEqual(before);
  console.log(`IDOR ${prefix}:\n  ${outcomes.join('\n  ')}`);
  return outcomes;
}

describe('IDOR: another organisation\'s objects', () => {
  it('programme applications', async () => {
    const p = await admin.post('/api/programmes', { code: 'SECIDOR', kind: 'major_research', name: '越权测试计划（示例）' });
    expect(p.statusCode, p.body).toBe(201);
    const c = await admin.post('/api/programmes/calls', callBody(p.json().id, 'SECIDOR-2026', { opensAt: '2026-06-01T00:00:00Z', closesAt: '2026-07-01T00:00:00Z' }));
    expect(c.statusCode, c.body).toBe(201);
    expect((await admin.post(`/api/programmes/calls/${c.json().id}/publish`)).statusCode).toBe(200);
    const a = await owner.post('/api/programmes/applications', { callId: c.json().id, title: '越权测试申报（示例）' });
    expect(a.statusCode, a.body).toBe(201);
    const id = a.json().id as string;
    const snapshot = async () => {
      const res = await owner.get(`/api/programmes/applications/${id}`);
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    await probe('/api/programmes/applications', { id, snapshot }, {
      'PATCH /api/programmes/applications/:id': { title: '被篡改' },
      'POST /api/programmes/applications/:id/submit': {},
      'POST /api/programmes/applications/:id/withdraw': {},
    });
    // Nor does it show in the stranger's list.
    const list = await stranger.get('/api/programmes/applications');
    expect(JSON.stringify(list.json())).not.toContain(id);
  });

  it('digital diagnoses', async () => {
    const d = await owner.post(`/api/orgs/${ownUscc}/diagnoses`, {});
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as string;
    const snapshot = async () => {
      const res = await owner.get(`/api/digital/diagnoses/${id}`);
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    await probe('/api/digital/diagnoses', { id, snapshot }, {
      'PATCH /api/digital/diagnoses/:id': { answers: { network: 'basic' } },
      'POST /api/digital/diagnoses/:id/submit': {},
      'POST /api/digital/diagnoses/:id/migrate': { to: '2024-manufacturing' },
    });
    expect((await stranger.get(`/api/orgs/${ownUscc}/diagnoses`)).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('R&D insurance policies', async () => {
    const p = await admin.post('/api/funds/insurance/products', { code: 'SEC-RD', name: '越权测试险种（示例）', insurer: '测试保险公司', coverage: 'rd_failure', premiumRateBp: 100, maxSumInsuredFen: 100_000_000 });
    expect(p.statusCode, p.body).toBe(201);
    const e = await owner.post('/api/funds/insurance/enrolments', { productId: p.json().id, uscc: ownUscc, policyNo: 'SEC-0001', sumInsuredFen: 10_000_000, premiumFen: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect(e.statusCode, e.body).toBe(201);
    const id = e.json().id as string;
    const snapshot = async () => {
      const [enrolments, claims] = await Promise.all([owner.get('/api/funds/insurance/enrolments'), owner.get('/api/funds/insurance/claims')]);
      return { enrolments: enrolments.json(), claims: claims.json() };
    };
    await probe('/api/funds/insurance/enrolments', { id, snapshot }, {
      'POST /api/funds/insurance/enrolments/:id/claims': { lossOn: '2026-03-01', claimedFen: 100, description: '越权理赔' },
    });
    // Nor can a stranger enrol in someone else's name.
    const forged = await stranger.post('/api/funds/insurance/enrolments', { productId: p.json().id, uscc: ownUscc, policyNo: 'SEC-0002', sumInsuredFen: 1000, premiumFen: 10, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect([403, 404]).toContain(forged.statusCode);
    expect(JSON.stringify((await stranger.get('/api/funds/insurance/enrolments')).json())).not.toContain(id);
  });

  it('market demands (public listing, owner-only actions)', async () => {
    const d = await owner.post('/api/market/demands', {
      orgUscc: ownUscc, problem: '越权测试需求（示例）', goals: '需要一种成熟的储能电池热失控预警技术，一年内落地示范。', field: 'new_energy', trlMin: 6, budgetFen: 1_000_000, deadline: '2027-06-30',
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as string;
    const snapshot = async () => (await owner.get(`/api/market/demands/${id}`)).json();
    const outcomes = await probe('/api/market/demands', { id, snapshot });
    expect(outcomes.some((o) => o.startsWith('POST /api/market/demands/:id/close'))).toBe(true);
  });
});
