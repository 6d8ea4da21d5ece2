import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';

export const ROLES = ['bureau_admin', 'district_officer', 'org_user', 'reviewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
export const DistrictSchema = z.enum(DISTRICTS);
export type District = z.infer<typeof DistrictSchema>;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    // Scope: a district officer works in one district, an org user for one organisation.
    district: text('district', { enum: DISTRICTS }),
    orgId: uuid('org_id'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    check('users_username_lower', sql`${t.username} = lower(${t.username})`),
    check('users_district_scope', sql`(${t.role} = 'district_officer') = (${t.district} is not null)`),
    check('users_org_scope', sql`(${t.role} = 'org_user') = (${t.orgId} is not null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token: a leaked table does not leak live sessions.
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Failed-login counters per account ("user:<name>") and per client address ("ip:<addr>").
// Kept in the database so that several app nodes share them.
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

// ---- API shapes ----
const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'username: 3–32 characters a–z 0–9 _ . -, starting with a letter');

export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  district: DistrictSchema.nullable(),
  orgId: z.uuid().nullable(),
  mustChangePassword: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const UserAdminViewSchema = UserSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserAdminView = z.infer<typeof UserAdminViewSchema>;

export const LoginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const CreateUserSchema = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  role: RoleSchema,
  district: DistrictSchema.nullish(),
  orgId: z.uuid().nullish(),
  password: z.string().min(1).max(256),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  district: DistrictSchema.nullish(),
  orgId: z.uuid().nullish(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.strictObject({ newPassword: z.string().min(1).max(256) });

export const ListUsersQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  district: DistrictSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;
