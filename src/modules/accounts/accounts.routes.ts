import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../server/auth.ts';
import {
  ChangePasswordSchema, CreateUserSchema, ListUsersQuerySchema, LoginSchema, ResetPasswordSchema,
  UpdateUserSchema, UserAdminViewSchema, UserSchema,
} from './accounts.schema.ts';
import * as accounts from './accounts.service.ts';

const SessionResponse = z.object({ user: UserSchema.nullable(), csrfToken: z.string() });
const IdParams = z.strictObject({ id: z.uuid() });
const admin = ['bureau_admin'] as const;

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: app.luchuangConfig.cookieSecure };

  app.get('/api/auth/session', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Current user and the CSRF token for state-changing requests', response: { 200: SessionResponse } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (request.session) return { user: accounts.toUser(request.session.user), csrfToken: request.session.csrfToken };
    // Anonymous: a double-submit token (cookie + header) protects the login form.
    let csrfToken = request.cookies[CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, csrfToken, cookieBase);
    }
    return { user: null, csrfToken };
  });

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: LoginSchema, response: { 200: SessionResponse.extend({ user: UserSchema }) } },
  }, async (request, reply) => {
    const result = await accounts.login(request.ctx, request.body, request.headers['user-agent'] ?? null);
    reply.setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieBase, maxAge: app.luchuangConfig.session.maxHours * 3600 });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { user: result.user, csrfToken: result.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Log out; ends the server-side session', response: { 204: z.null() } },
  }, async (request, reply) => {
    await accounts.logout(request.ctx, request.session!.tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post('/api/auth/password', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Change your own password', body: ChangePasswordSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await accounts.changeOwnPassword(request.ctx, request.session!.tokenHash, request.body);
    return reply.code(204).send(null);
  });

  app.get('/api/users', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'List users', querystring: ListUsersQuerySchema, response: { 200: z.object({ items: z.array(UserAdminViewSchema), total: z.number() }) } },
  }, async (request) => accounts.listUsers(request.ctx, request.query));

  app.post('/api/users', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Create a user (must change the password at first login)', body: CreateUserSchema, response: { 201: UserAdminViewSchema } },
  }, async (request, reply) => reply.code(201).send(await accounts.createUser(request.ctx, request.body)));

  app.get('/api/users/:id', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: UserAdminViewSchema } },
  }, async (request) => accounts.getUser(request.ctx, request.params.id));

  app.patch('/api/users/:id', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Change name, role, scope or disable a user', params: IdParams, body: UpdateUserSchema, response: { 200: UserAdminViewSchema } },
  }, async (request) => accounts.updateUser(request.ctx, request.params.id, request.body));

  app.post('/api/users/:id/reset-password', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Set a new password the user must change at next login', params: IdParams, body: ResetPasswordSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await accounts.resetPassword(request.ctx, request.params.id, request.body.newPassword);
    return reply.code(204).send(null);
  });
};
