import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { createUser } from './accounts.service.ts';
import { sessions, users } from './accounts.schema.ts';

let now = new Date('2026-11-26T08:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(() => t.close());

const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

async function user(username: string, extra: Record<string, unknown> = {}) {
  return createUser(t.ctx, { username, displayName: username, role: 'reviewer', password: TEST_PASSWORD, ...extra }, { mustChangePassword: false });
}

async function lastAudit(action: string) {
  const [row] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe('login and sessions', () => {
  it('logs in, sets an httpOnly SameSite=Strict session cookie, and reports the user', async () => {
    await user('alice');
    const c = await t.client();
    const res = await c.post('/api/auth/login', { username: 'Alice', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'alice', role: 'reviewer', mustChangePassword: false });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lc_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = await c.get('/api/auth/session');
    expect(session.json().user.username).toBe('alice');
    const audit = await lastAudit('auth.login');
    expect(audit).toMatchObject({ actorUsername: 'alice', entityType: 'user' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    await user('bob');
    const c = await t.client();
    const wrong = await c.post('/api/auth/login', { username: 'bob', password: 'Wrong-Passw0rd-1' });
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'Wrong-Passw0rd-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    expect((await lastAudit('auth.login_failed')).after).toEqual({ username: 'nobody', reason: 'unknown_user' });
  });

  it('locks an account after repeated failures, answers 429 with the retry time, and unlocks later', async () => {
    await user('carol');
    const c = await t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.post('/api/auth/login', { username: 'carol', password: 'Wrong-Passw0rd-1' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await c.post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD }, { 'accept-language': 'en' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'auth.locked', retryAfterSeconds: 900 });
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.json().detail).toContain('900 seconds');
    advance(16);
    expect((await c.post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('throttles one address that guesses across many accounts', async () => {
    const c = await t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await c.request({ method: 'POST', url: '/api/auth/login', payload: { username: `guess${i}`, password: 'Wrong-Passw0rd-1' }, remoteAddress: '10.9.8.7' })).statusCode);
    }
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses[19]).toBe(429);
    expect(statuses[20]).toBe(429);
    // Another address is unaffected.
    const other = await c.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: TEST_PASSWORD }, remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(200);
    advance(16);
  });

  it('requires the CSRF token on state-changing requests, before and after login', async () => {
    await user('dave');
    const c = await t.client();
    const noToken = await c.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'dave', password: TEST_PASSWORD }, csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('auth.csrf');
    const wrongToken = await c.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'dave', password: TEST_PASSWORD }, headers: { 'x-csrf-token': 'forged' } });
    expect(wrongToken.statusCode).toBe(403);
    const anonToken = c.csrfToken;
    expect((await c.post('/api/auth/login', { username: 'dave', password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(c.csrfToken).not.toBe(anonToken);
    // After login the pre-login token no longer works.
    const stale = await c.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': anonToken } });
    expect(stale.statusCode).toBe(403);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
  });

  it('logs out: the session cookie stops working', async () => {
    await user('erin');
    const c = await t.client();
    await c.post('/api/auth/login', { username: 'erin', password: TEST_PASSWORD });
    const token = c.cookies.lc_session;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const reuse = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { lc_session: token } });
    expect(reuse.json().user).toBeNull();
    expect((await lastAudit('auth.logout')).actorUsername).toBe('erin');
  });

  it('expires idle sessions', async () => {
    await user('frank');
    const c = await t.client();
    await c.post('/api/auth/login', { username: 'frank', password: TEST_PASSWORD });
    advance(119);
    expect((await c.get('/api/auth/session')).json().user?.username).toBe('frank');
    advance(119);
    expect((await c.get('/api/auth/session')).json().user?.username).toBe('frank');
    advance(121);
    expect((await c.get('/api/auth/session')).json().user).toBeNull();
  });

  it('refuses disabled accounts with the same 401', async () => {
    const u = await user('gina');
    await t.database.db.update(users).set({ disabled: true }).where(eq(users.id, u.id));
    const c = await t.client();
    const res = await c.post('/api/auth/login', { username: 'gina', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });
});

describe('passwords', () => {
  it('lets users change their own password, enforcing the policy and ending other sessions', async () => {
    await user('henry');
    const a = await t.client();
    const b = await t.client();
    await a.post('/api/auth/login', { username: 'henry', password: TEST_PASSWORD });
    await b.post('/api/auth/login', { username: 'henry', password: TEST_PASSWORD });
    const weak = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'henry12345' }, { 'accept-language': 'en' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('auth.password_policy');
    expect(weak.json().detail).toMatch(/three of.*must not contain the username/);
    expect(weak.json().errors[0].path).toBe('body.newPassword');
    const wrongCurrent = await a.post('/api/auth/password', { currentPassword: 'Not-The-Passw0rd', newPassword: 'New-Passw0rd-2026' });
    expect(wrongCurrent.statusCode).toBe(401);
    expect((await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Passw0rd-2026' })).statusCode).toBe(204);
    expect((await a.get('/api/auth/session')).json().user.username).toBe('henry');
    expect((await b.get('/api/auth/session')).json().user).toBeNull();
    const c = await t.client();
    expect((await c.post('/api/auth/login', { username: 'henry', password: 'New-Passw0rd-2026' })).statusCode).toBe(200);
    const audit = await lastAudit('user.change_password');
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|New-Passw0rd/);
  });

  it('makes a user with a reset password change it before doing anything else', async () => {
    const admin = await t.as('bureau_admin');
    const u = await user('iris');
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Reset-Passw0rd-1' })).statusCode).toBe(204);
    const c = await t.client();
    const login = await c.post('/api/auth/login', { username: 'iris', password: 'Reset-Passw0rd-1' });
    expect(login.json().user.mustChangePassword).toBe(true);
    // A reviewer route would be allowed, but the pending change comes first.
    const blocked = await c.get('/api/users');
    expect(blocked.json().code).toBe('auth.password_change_required');
    expect((await c.post('/api/auth/password', { currentPassword: 'Reset-Passw0rd-1', newPassword: 'Chosen-Passw0rd-9' })).statusCode).toBe(204);
    expect((await c.get('/api/auth/session')).json().user.mustChangePassword).toBe(false);
  });
});

describe('user administration', () => {
  it('creates users with a valid scope and audits it without secrets', async () => {
    const admin = await t.as('bureau_admin');
    const res = await admin.post('/api/users', { username: 'officer1', displayName: '思明区专员', role: 'district_officer', district: 'siming', password: 'Initial-Passw0rd-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'officer1', district: 'siming', mustChangePassword: true, disabled: false });
    const audit = await lastAudit('user.create');
    expect(audit.actorUsername).toBe(admin.username);
    expect(audit.after).toMatchObject({ username: 'officer1', district: 'siming' });
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|Initial-Passw0rd/);
  });

  it('refuses a scope that does not fit the role, and duplicate usernames', async () => {
    const admin = await t.as('bureau_admin');
    const noDistrict = await admin.post('/api/users', { username: 'officer2', displayName: 'x', role: 'district_officer', password: 'Initial-Passw0rd-1' });
    expect(noDistrict.json().code).toBe('user.scope_mismatch');
    const reviewerWithOrg = await admin.post('/api/users', { username: 'rev2', displayName: 'x', role: 'reviewer', orgId: '00000000-0000-4000-8000-000000000009', password: 'Initial-Passw0rd-1' });
    expect(reviewerWithOrg.json().code).toBe('user.scope_mismatch');
    await admin.post('/api/users', { username: 'dupe', displayName: 'x', role: 'reviewer', password: 'Initial-Passw0rd-1' });
    const dupe = await admin.post('/api/users', { username: 'DUPE', displayName: 'y', role: 'reviewer', password: 'Initial-Passw0rd-1' });
    expect(dupe.statusCode).toBe(409);
    expect(dupe.json().errors[0].path).toBe('body.username');
  });

  it('changes roles, records before and after, and ends the user\'s sessions', async () => {
    const admin = await t.as('bureau_admin');
    const target = await t.as('reviewer');
    const res = await admin.patch(`/api/users/${target.userId}`, { role: 'district_officer', district: 'huli' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'district_officer', district: 'huli' });
    expect((await target.get('/api/auth/session')).json().user).toBeNull();
    const audit = await lastAudit('user.update');
    expect(audit.before).toMatchObject({ role: 'reviewer', district: null });
    expect(audit.after).toMatchObject({ role: 'district_officer', district: 'huli' });
  });

  it('disables a user: sessions end and login fails', async () => {
    const admin = await t.as('bureau_admin');
    const target = await t.as('reviewer');
    await admin.patch(`/api/users/${target.userId}`, { disabled: true });
    expect((await target.get('/api/auth/session')).json().user).toBeNull();
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, target.userId));
    expect(rows).toHaveLength(0);
  });

  it('does not let an admin lock themselves out', async () => {
    const admin = await t.as('bureau_admin');
    const res = await admin.patch(`/api/users/${admin.userId}`, { disabled: true });
    expect(res.json().code).toBe('user.cannot_disable_self');
  });

  it('lists and filters users', async () => {
    const admin = await t.as('bureau_admin');
    const res = await admin.get('/api/users?role=district_officer&pageSize=50');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((u: { role: string }) => u.role === 'district_officer')).toBe(true);
    expect(res.json().items[0]).not.toHaveProperty('passwordHash');
    const search = await admin.get('/api/users?q=%E6%80%9D%E6%98%8E'); // 思明
    expect(search.json().items.map((u: { username: string }) => u.username)).toContain('officer1');
    expect((await admin.get('/api/users?role=king')).json().errors[0].path).toBe('querystring.role');
  });
});
