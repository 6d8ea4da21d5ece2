// The authorisation matrix: every API route, called as every kind of caller, is allowed or
// denied exactly as this table says. A route missing from the table fails the test, so
// each module extends the table when it adds routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';

const CALLERS = ['anonymous', 'bureau_admin', 'district_officer', 'org_user', 'other_org_user', 'reviewer'] as const;
type Caller = (typeof CALLERS)[number];

const EVERYONE: readonly Caller[] = CALLERS;
const SIGNED_IN: readonly Caller[] = CALLERS.filter((c) => c !== 'anonymous');
const ADMIN: readonly Caller[] = ['bureau_admin'];

/**
 * Who may call what. `other_org_user` is an org user of a different organisation from the
 * resource in the request: for org-owned resources it must be denied where `org_user` is allowed.
 */
const MATRIX: Record<string, readonly Caller[]> = {
  'GET /api/health': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'GET /api/auth/session': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
};

let t: TestApp;
let targetUserId: string;
beforeAll(async () => {
  t = await createTestApp();
  targetUserId = (await t.as('reviewer')).userId;
});
afterAll(() => t.close());

async function clientFor(caller: Caller) {
  switch (caller) {
    case 'anonymous':
      return t.client();
    case 'org_user':
      return t.as('org_user', { orgId: '00000000-0000-4000-8000-0000000000a1' });
    case 'other_org_user':
      return t.as('org_user', { orgId: '00000000-0000-4000-8000-0000000000b2' });
    default:
      return t.as(caller);
  }
}

function apiRoutes() {
  return t.app.routeList
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url, access: r.config?.access })))
    .filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
}

describe('authorisation matrix', () => {
  it('covers every API route, and every entry is a real route', () => {
    const declared = apiRoutes().filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect(declared.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !declared.includes(k))).toEqual([]);
  });

  it('keeps the API documentation public and read-only', () => {
    const docs = apiRoutes().filter((r) => r.url.startsWith('/api/docs'));
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((r) => r.access === 'public' && r.method === 'GET')).toBe(true);
  });

  for (const [key, allowed] of Object.entries(MATRIX)) {
    const [method, path] = key.split(' ');
    it(`${key}: allows ${allowed.join(', ')}`, async () => {
      const url = path.replace(':id', targetUserId);
      const outcome: Record<string, string> = {};
      for (const caller of CALLERS) {
        const c = await clientFor(caller);
        const res = await c.request({ method: method as 'GET', url, ...(method === 'GET' ? {} : { payload: {} }) });
        const code = res.headers['content-type']?.toString().includes('problem') ? res.json().code : undefined;
        const denied = code === 'auth.required' || code === 'auth.forbidden';
        expect(res.statusCode, `${caller} got ${res.statusCode} ${code ?? ''}`).toBeLessThan(500);
        outcome[caller] = denied ? 'deny' : 'allow';
      }
      const expected = Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? 'allow' : 'deny']));
      expect(outcome).toEqual(expected);
    });
  }
});
