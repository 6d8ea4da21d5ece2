import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { dummyPasswordHash, hashPassword, passwordPolicyViolations, randomPassword, verifyPassword } from '../../lib/password.ts';
import type { Actor, Ctx } from '../../server/context.ts';
import type { DbOrTx, Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User, UserAdminView } from './accounts.schema.ts';
import { loginThrottle, sessions, users } from './accounts.schema.ts';

type UserRow = typeof users.$inferSelect;

export function toUser(r: UserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.displayName, role: r.role,
    district: r.district, orgId: r.orgId, mustChangePassword: r.mustChangePassword,
  };
}

export function toAdminView(r: UserRow): UserAdminView {
  return { ...toUser(r), disabled: r.disabled, createdAt: r.createdAt.toISOString(), lastLoginAt: r.lastLoginAt?.toISOString() ?? null };
}

export function toActor(r: UserRow): Actor {
  return { userId: r.id, username: r.username, role: r.role, district: r.district, orgId: r.orgId };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = (bytes: number) => randomBytes(bytes).toString('base64url');

function assertPasswordPolicy(password: string, username: string, field = 'newPassword') {
  const violations = passwordPolicyViolations(password, username);
  if (violations.length) {
    const reasons = { zh: violations.map((v) => v.zh).join('；'), en: violations.map((v) => v.en).join('; ') };
    throw new AppError('auth.password_policy', { reasons }, [{ path: `body.${field}`, code: 'password_policy', message: reasons }]);
  }
}

// ---------- login throttling ----------

async function lockedFor(db: DbOrTx, keys: string[], now: Date): Promise<number> {
  let seconds = 0;
  for (const key of keys) {
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
    if (row?.lockedUntil && row.lockedUntil > now) {
      seconds = Math.max(seconds, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
    }
  }
  return seconds;
}

/** Counts one failure; returns seconds locked when this failure reached the limit. */
async function registerFailure(tx: Tx, ctx: Ctx, key: string, max: number): Promise<number> {
  const now = ctx.now();
  const { windowMinutes, lockMinutes } = ctx.config.login;
  const windowStartMin = new Date(now.getTime() - windowMinutes * 60_000);
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
  const fresh = !row || row.windowStart < windowStartMin;
  const failures = fresh ? 1 : row.failures + 1;
  const lockedUntil = failures >= max ? new Date(now.getTime() + lockMinutes * 60_000) : null;
  const values = { failures: lockedUntil ? 0 : failures, windowStart: fresh || lockedUntil ? now : row.windowStart, lockedUntil };
  if (row) await tx.update(loginThrottle).set(values).where(eq(loginThrottle.key, key));
  else await tx.insert(loginThrottle).values({ key, ...values });
  return lockedUntil ? lockMinutes * 60 : 0;
}

// ---------- sessions ----------

export interface LoginResult {
  user: User;
  sessionToken: string;
  csrfToken: string;
}

export async function login(ctx: Ctx, input: { username: string; password: string }, userAgent: string | null): Promise<LoginResult> {
  const now = ctx.now();
  const username = input.username.trim().toLowerCase();
  const userKey = `user:${username}`;
  const ipKey = `ip:${ctx.ip ?? 'unknown'}`;
  const locked = await lockedFor(ctx.db, [userKey, ipKey], now);
  if (locked > 0) throw new AppError('auth.locked', { retryAfterSeconds: locked });

  const [row] = await ctx.db.select().from(users).where(eq(users.username, username));
  // Always run scrypt, so response time does not tell whether the account exists.
  const passwordOk = await verifyPassword(input.password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!row || !passwordOk || row.disabled) {
    const lockSeconds = await ctx.db.transaction(async (tx) => {
      const a = await registerFailure(tx, ctx, userKey, ctx.config.login.maxFailuresPerAccount);
      const b = await registerFailure(tx, ctx, ipKey, ctx.config.login.maxFailuresPerIp);
      const reason = !row ? 'unknown_user' : row.disabled ? 'disabled' : 'wrong_password';
      await recordAudit(tx, ctx, { action: 'auth.login_failed', entityType: 'user', entityId: row?.id ?? null, after: { username, reason } });
      return Math.max(a, b);
    });
    if (lockSeconds > 0) throw new AppError('auth.locked', { retryAfterSeconds: lockSeconds });
    throw new AppError('auth.invalid_credentials');
  }

  const sessionToken = token(32);
  const csrfToken = token(24);
  const actorCtx: Ctx = { ...ctx, actor: toActor(row) };
  await ctx.db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, userKey));
    await tx.insert(sessions).values({
      tokenHash: sha256(sessionToken), userId: row.id, csrfToken, createdAt: now, lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.session.maxHours * 3600_000), ip: ctx.ip, userAgent,
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, row.id));
    await recordAudit(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: row.id, after: { userAgent } });
  });
  return { user: toUser(row), sessionToken, csrfToken };
}

export interface SessionInfo {
  user: UserRow;
  csrfToken: string;
  tokenHash: string;
}

/** The live session for a cookie token, or null. Slides the idle timeout. */
export async function resolveSession(db: DbOrTx, sessionToken: string, now: Date, idleMinutes: number): Promise<SessionInfo | null> {
  const tokenHash = sha256(sessionToken);
  const [hit] = await db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, tokenHash));
  if (!hit) return null;
  const { sessions: s, users: u } = hit;
  const idleLimit = new Date(s.lastSeenAt.getTime() + idleMinutes * 60_000);
  if (s.expiresAt <= now || idleLimit <= now || u.disabled) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  // Bookkeeping, not a user mutation: not audited, and written at most once a minute.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { user: u, csrfToken: s.csrfToken, tokenHash };
}

export async function logout(ctx: Ctx, tokenHash: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.userId });
  });
}

export async function changeOwnPassword(ctx: Ctx, currentTokenHash: string, input: { currentPassword: string; newPassword: string }) {
  const actor = ctx.actor!;
  const [row] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError('auth.invalid_credentials', {}, [{ path: 'body.currentPassword', code: 'invalid', message: { zh: '当前密码不正确。', en: 'The current password is incorrect.' } }]);
  }
  assertPasswordPolicy(input.newPassword, row.username);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, row.id));
    // Other sessions of this user end; this one stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, row.id), ne(sessions.tokenHash, currentTokenHash)));
    await recordAudit(tx, ctx, { action: 'user.change_password', entityType: 'user', entityId: row.id, after: { passwordChangedAt: now } });
  });
}

// ---------- administration ----------

function assertScope(role: User['role'], district: string | null | undefined, orgId: string | null | undefined) {
  const ok = (role === 'district_officer') === !!district && (role === 'org_user') === !!orgId;
  if (!ok) throw new AppError('user.scope_mismatch');
}

async function findUser(db: DbOrTx, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('user.not_found');
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<UserAdminView> {
  return toAdminView(await findUser(ctx.db, id));
}

export async function listUsers(ctx: Ctx, q: ListUsersQuery) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    like ? or(ilike(users.username, like), ilike(users.displayName, like)) : undefined,
    q.role ? eq(users.role, q.role) : undefined,
    q.district ? eq(users.district, q.district) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(users).where(where).orderBy(users.username).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(users).where(where),
  ]);
  return { items: items.map(toAdminView), total };
}

export async function createUser(ctx: Ctx, input: CreateUserInput, opts: { mustChangePassword?: boolean } = {}): Promise<UserAdminView> {
  assertScope(input.role, input.district, input.orgId);
  assertPasswordPolicy(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError('user.username_taken', { username: input.username }, [{ path: 'body.username', code: 'taken', message: { zh: '用户名已被使用。', en: 'Username already taken.' } }]);
    const [row] = await tx.insert(users).values({
      username: input.username, displayName: input.displayName, role: input.role,
      district: input.district ?? null, orgId: input.orgId ?? null, passwordHash,
      mustChangePassword: opts.mustChangePassword ?? true,
    }).returning();
    const after = toAdminView(row);
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, after });
    return after;
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserAdminView> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!row) throw new AppError('user.not_found');
    const role = input.role ?? row.role;
    // Changing the role drops a scope that no longer applies, unless a new one is given.
    const district = input.district !== undefined ? input.district : role === 'district_officer' ? row.district : null;
    const orgId = input.orgId !== undefined ? input.orgId : role === 'org_user' ? row.orgId : null;
    assertScope(role, district, orgId);
    if (id === ctx.actor?.userId && (input.disabled === true || role !== row.role)) throw new AppError('user.cannot_disable_self');
    const [updated] = await tx.update(users).set({
      displayName: input.displayName ?? row.displayName, role, district, orgId,
      disabled: input.disabled ?? row.disabled, updatedAt: ctx.now(),
    }).where(eq(users.id, id)).returning();
    // Rights changed or account disabled: existing sessions end.
    if (updated.disabled || role !== row.role || district !== row.district || orgId !== row.orgId) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    const before = toAdminView(row);
    const after = toAdminView(updated);
    await recordAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function resetPassword(ctx: Ctx, id: string, newPassword: string): Promise<void> {
  const row = await findUser(ctx.db, id);
  assertPasswordPolicy(newPassword, row.username);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, `user:${row.username}`));
    await recordAudit(tx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id, after: { mustChangePassword: true } });
  });
}

/**
 * First start: make sure `admin` exists. Returns the generated password when none was
 * configured, so the caller prints it once; the admin must change it at first login.
 */
export async function ensureAdmin(ctx: Ctx, configured: string | undefined): Promise<string | null> {
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (existing) return null;
  const password = configured ?? randomPassword();
  await createUser(ctx, { username: 'admin', displayName: '系统管理员', role: 'bureau_admin', password }, { mustChangePassword: !configured });
  return configured ? null : password;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}
