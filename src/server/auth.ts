// Who may call a route. Every route declares `config.access`; the app refuses to start
// when one does not. Sessions live server-side; the cookie holds only a random token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { negotiateLocale, type Locale } from '../lib/i18n.ts';
import type { Role } from '../modules/accounts/accounts.schema.ts';
import { resolveSession, toActor, type SessionInfo } from '../modules/accounts/accounts.service.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';

/** 'public': anyone; 'authenticated': any logged-in user; a role list: only those roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user still has to change an initial or reset password. */
    allowPendingPasswordChange?: boolean;
    /** Also open to `Authorization: Bearer <METRICS_TOKEN>` (safe methods only), for a metrics scraper. */
    metricsToken?: boolean;
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: SessionInfo | null;
    locale: Locale;
  }
}

export const SESSION_COOKIE = 'lc_session';
export const CSRF_COOKIE = 'lc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function describeAccess(access: Access): string {
  return typeof access === 'string' ? access : access.join(', ');
}

/** Collects routes and, once all plugins are loaded, refuses to start if one lacks `access`. */
export function requireAccessDeclarations(app: FastifyInstance): RouteOptions[] {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => !r.config?.access).map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length) throw new Error(`Routes without an access declaration: ${missing.join('; ')}`);
  });
  return routes;
}

/** Resolves the session, builds `request.ctx`, then enforces CSRF and access for the route. */
export function installAuth(app: FastifyInstance, baseCtx: Omit<Ctx, 'actor' | 'log' | 'requestId' | 'ip'>) {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config?.access;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token && access ? await resolveSession(baseCtx.db, token, baseCtx.now(), baseCtx.config.session.idleMinutes) : null;
    request.ctx = {
      ...baseCtx,
      actor: request.session ? toActor(request.session.user) : null,
      log: request.log,
      requestId: request.id,
      ip: request.ip,
    };
    if (!access) return; // no route matched: the not-found handler answers
    if (request.routeOptions.config.metricsToken && SAFE_METHODS.has(request.method)) {
      const header = request.headers.authorization;
      const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (sameToken(given, baseCtx.config.metricsToken)) return;
    }

    if (access !== 'public' && !request.session) throw new AppError('auth.required');
    if (!SAFE_METHODS.has(request.method)) {
      const expected = request.session ? request.session.csrfToken : request.cookies[CSRF_COOKIE];
      const given = request.headers[CSRF_HEADER];
      if (!sameToken(typeof given === 'string' ? given : undefined, expected)) throw new AppError('auth.csrf');
    }
    if (access === 'public') return;
    const user = request.session!.user;
    if (user.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange) {
      throw new AppError('auth.password_change_required');
    }
    if (access !== 'authenticated' && !access.includes(user.role)) throw new AppError('auth.forbidden');
  });
}
