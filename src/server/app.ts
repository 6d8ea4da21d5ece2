// buildApp(config) assembles the platform without listening: tests drive it with inject().
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { VERSION } from '../version.ts';
import { negotiateLocale } from '../lib/i18n.ts';
import { accountsRoutes } from '../modules/accounts/accounts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { sealAudit, stopSealing } from '../modules/audit/audit.service.ts';
import { registryRoutes } from '../modules/registry/registry.routes.ts';
import { rulesRoutes } from '../modules/rules/rules.routes.ts';
import { cultivationRoutes } from '../modules/cultivation/cultivation.routes.ts';
import { registryIoRoutes } from '../modules/registry/registry.io.routes.ts';
import { jobsRoutes } from '../modules/jobs/jobs.routes.ts';
import { indicatorsRoutes } from '../modules/indicators/indicators.routes.ts';
import { fundsRoutes } from '../modules/funds/funds.routes.ts';
import { chainsRoutes } from '../modules/chains/chains.routes.ts';
import { policiesRoutes } from '../modules/policies/policies.routes.ts';
import { digitalRoutes } from '../modules/digital/digital.routes.ts';
import { marketRoutes } from '../modules/market/market.routes.ts';
import { carriersRoutes } from '../modules/carriers/carriers.routes.ts';
import { talentRoutes } from '../modules/talent/talent.routes.ts';
import { programmesRoutes } from '../modules/programmes/programmes.routes.ts';
import { describeAccess, installAuth, requireAccessDeclarations, SESSION_COOKIE } from './auth.ts';
import { isDatabaseUnavailable, openDatabase, schemaVersion, type Database } from './db.ts';
import { AppError, isStorageFull, toProblem } from './errors.ts';
import { resolveAuditKey } from './keys.ts';
import { installMetrics } from './metrics.ts';
import { fieldErrorsFromValidation, findUnstorableText } from './validation.ts';

export const WEB_DIST = new URL('../../dist/web/', import.meta.url).pathname;

declare module 'fastify' {
  interface FastifyInstance {
    luchuangConfig: Config;
    database: Database;
    /** Every registered route, for the authorisation matrix. */
    routeList: RouteOptions[];
  }
}

export interface AppDeps {
  /** An open, migrated database; when omitted buildApp opens one from config and owns it. */
  database?: Database;
  now?: () => Date;
  auditKey?: Buffer;
  /** Extra plugins (tests use this to prove that undeclared routes are refused). */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** Serve the built web app from dist/web when it exists (default true). */
  serveWeb?: boolean;
  /** Where the built web app lives (default dist/web; tests point it at a stand-in). */
  webDir?: string;
  /** How often this node seals what others left unsealed (default 2 s; tests of sealing itself turn it off with 0). */
  auditSweepMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** How often each node seals audit records that no write of its own has sealed yet. */
const AUDIT_SWEEP_MS = 2_000;

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const webDir = deps.webDir ?? WEB_DIST;
  const helmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false as const,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: config.cookieSecure,
  };
  // The same headers for answers given before routing (frameworkErrors), where the plugin's hook does not run.
  const securityHeaders = helmet(helmetOptions as Parameters<typeof helmet>[0]);
  const database = deps.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize, dataDir: config.dataDir }));
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Start-up work in onReady (the organisation read model) takes more than Fastify's default
    // 10 s at 100,000 organisations on a busy machine, and the server then refused to start.
    pluginTimeout: 120_000,
    // Accept a caller's request id (proxies set one) only when it is harmless to log.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Errors raised before routing (a path that is not valid percent-encoding) are problems too.
    frameworkErrors: (error, request, reply) => {
      const appError = error.code === 'FST_ERR_BAD_URL' ? new AppError('request.bad_url')
        : error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('request.url_too_long')
          : toAppError(error, config.bodyLimit, request.headers['content-type']);
      if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled framework error');
      const locale = negotiateLocale(request.headers['accept-language']);
      const problem = toProblem(appError, locale, { requestId: request.id });
      securityHeaders(request.raw, reply.raw, () => {});
      reply.header('x-request-id', request.id);
      void (reply as unknown as FastifyReply).code(appError.status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Graceful shutdown: responses to in-flight requests close their keep-alive connection,
  // so close() does not wait for idle sockets to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.decorate('luchuangConfig', config);
  app.decorate('database', database);
  // Audit records are sealed into the chain soon after each write (audit.service.ts); this
  // sweep seals what another node, the CLI or an interrupted process left unsealed.
  const auditKey = deps.auditKey ?? resolveAuditKey(config);
  const sweepMs = deps.auditSweepMs ?? AUDIT_SWEEP_MS;
  const auditSweep = sweepMs > 0 ? setInterval(() => {
    sealAudit(database.db, auditKey).catch((err: unknown) => app.log.warn({ err }, 'audit: the periodic sealing failed'));
  }, sweepMs) : undefined;
  auditSweep?.unref();
  app.addHook('onClose', async () => {
    clearInterval(auditSweep);
    await stopSealing(database.db);
    await sealAudit(database.db, auditKey).catch((err: unknown) => app.log.warn({ err }, 'audit: the last sealing failed'));
    if (!deps.database) await database.close();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes = requireAccessDeclarations(app);

  // Set before any plugin registers routes: plugins capture the handler in force then.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = toAppError(error, config.bodyLimit, request.headers['content-type']);
    if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    else if (appError.status >= 500) request.log.warn({ code: appError.code }, 'request failed');
    const locale = request.locale ?? 'zh-CN';
    const problem = toProblem(appError, locale, { instance: request.url.split('?')[0], requestId: request.id });
    if (typeof problem.retryAfterSeconds === 'number') reply.header('retry-after', String(problem.retryAfterSeconds));
    reply.header('x-request-id', request.id);
    return reply.code(appError.status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
  });


  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, helmetOptions);

  installAuth(app, {
    db: database.db,
    now: deps.now ?? (() => new Date()),
    auditKey,
    config,
  });

  // Text PostgreSQL cannot store is refused up front, for every route, rather than failing in SQL.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const path = findUnstorableText(value, part);
      if (path) throw new AppError('request.invalid_text', { path });
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '鹭创通 Luchuang API', version: VERSION, description: 'Every operation states who may call it (x-access). State-changing requests need the x-csrf-token header from GET /api/auth/session.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      const schema = (out.schema ?? {}) as Record<string, unknown>;
      out.schema = schema;
      if (access) {
        schema['x-access'] = describeAccess(access);
        if (access !== 'public') schema.security = [{ session: [], csrf: [] }];
      }
      return out;
    },
  });

  // Plugin-made routes (API docs, static files) are public by nature: declare it here.
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
    if (webIndexHtml(deps.serveWeb, webDir)) {
      await scope.register(fastifyStatic, {
        root: webDir,
        wildcard: false,
        index: false,
        setHeaders: (res, path) => {
          res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }
  });

  const renderMetrics = installMetrics(app, database);
  app.get('/api/metrics', {
    config: { access: ['bureau_admin'], metricsToken: true },
    schema: { tags: ['platform'], summary: 'Prometheus metrics: requests and latency per route group and status class, memory, event-loop lag, database (also with Authorization: Bearer METRICS_TOKEN)' },
  }, async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(await renderMetrics()));

  app.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
  }, async () => app.swagger());

  const HealthSchema = z.object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['pglite', 'postgresql']),
    schemaVersion: z.number(),
    version: z.string(),
  });
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['platform'], summary: 'Liveness and database status', response: { 200: HealthSchema, 503: HealthSchema } },
  }, async (_request, reply) => {
    try {
      return { status: 'ok' as const, database: database.kind, schemaVersion: await schemaVersion(database.db), version: VERSION };
    } catch {
      return reply.code(503).send({ status: 'unavailable' as const, database: database.kind, schemaVersion: -1, version: VERSION });
    }
  });

  await app.register(accountsRoutes);
  await app.register(auditRoutes);
  await app.register(registryRoutes);
  await app.register(rulesRoutes);
  await app.register(cultivationRoutes);
  await app.register(registryIoRoutes);
  await app.register(jobsRoutes);
  await app.register(indicatorsRoutes);
  await app.register(fundsRoutes);
  await app.register(chainsRoutes);
  await app.register(policiesRoutes);
  await app.register(digitalRoutes);
  await app.register(marketRoutes);
  await app.register(carriersRoutes);
  await app.register(talentRoutes);
  await app.register(programmesRoutes);
  for (const plugin of deps.plugins ?? []) await app.register(plugin);

  // Client-side routes get the web app's index.html (which shows its own 404 page).
  const indexHtml = webIndexHtml(deps.serveWeb, webDir);
  app.setNotFoundHandler(async (request, reply) => {
    if (indexHtml && request.method === 'GET' && !request.url.startsWith('/api')) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    }
    throw new AppError('route.not_found', { method: request.method, url: request.url.split('?')[0] });
  });

  app.decorate('routeList', routes);
  return app;
}

function webIndexHtml(serveWeb: boolean | undefined, webDir: string): string | null {
  const file = join(webDir, 'index.html');
  return serveWeb !== false && existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function toAppError(error: FastifyError, bodyLimit: number, contentType: string | undefined): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('request.validation', {}, fieldErrorsFromValidation(error.validation, error.validationContext));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.body_too_large', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type', { contentType: contentType ?? '' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request.malformed_json');
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError('request.malformed_json');
  if (error.statusCode === 503) return new AppError('service.unavailable');
  // The database is down or the connection was cut: the request's transaction did not commit.
  if (isDatabaseUnavailable(error)) return new AppError('db.unavailable', { retryAfterSeconds: 5 });
  if (isStorageFull(error)) return new AppError('storage.full');
  return new AppError('internal');
}
