import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadConfig } from '../config.ts';
import { createTestApp, TEST_AUDIT_KEY, freshDatabase, type TestApp } from '../test/harness.ts';
import { expectedSchemaVersion } from './db.ts';
import { errorSummary, isStorageFull } from './errors.ts';
import { writeFileSync } from 'node:fs';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    deps: {
      plugins: [
        async (app: FastifyInstance) => {
          // A route that fails the way a buggy query would: the SQL must not leak.
          app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
            throw Object.assign(new Error('syntax error at or near "SELEC" in SELECT password_hash FROM users'), { stack: 'Error: at secret.ts:1' });
          });
          app.post('/api/test/echo', {
            config: { access: 'public' },
            schema: { body: z.strictObject({ name: z.string().max(10), count: z.number().int(), nested: z.strictObject({ flag: z.boolean() }).optional() }) },
          }, async (request) => request.body);
        },
      ],
    },
  });
});
afterAll(() => t.close());

describe('health and API description', () => {
  it('reports status, database kind, schema version and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind, schemaVersion: expectedSchemaVersion(), version: expect.any(String) });
  });

  it('serves an OpenAPI 3 document with every API route and its access', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/login'].post['x-access']).toBe('public');
    expect(doc.paths['/api/users'].post['x-access']).toBe('bureau_admin');
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toContain('username');
    expect(doc.paths['/api/users/{id}'].patch.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
    const page = res.statusCode === 302 ? await t.app.inject({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.body).toContain('swagger');
  });
});

describe('errors are problem+json in the caller\'s language', () => {
  it('answers unknown routes with 404 problem+json, zh-CN by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'route.not_found', title: '未找到' });
    expect(res.json().detail).toContain('请求的地址不存在');
  });

  it('answers in English when Accept-Language asks for it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json()).toMatchObject({ title: 'Not found', code: 'route.not_found' });
    expect(res.json().detail).toContain('No such endpoint');
  });

  it('rejects malformed JSON with 400', async () => {
    const c = await t.client();
    const res = await c.request({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.malformed_json');
  });

  it('names each failing field: wrong types, unknown fields, too long, nested', async () => {
    const c = await t.client();
    const res = await c.request({
      method: 'POST', url: '/api/test/echo', headers: { 'accept-language': 'en-US' },
      payload: { name: 'x'.repeat(11), count: 'three', extra: 1, nested: { flag: 'yes' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.validation');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.count', 'body.extra', 'body.name', 'body.nested.flag']);
    expect(body.errors.find((e: { path: string }) => e.path === 'body.name').message).toBe('At most 10 characters.');
  });

  it('gives field messages in Chinese by default', async () => {
    const res = await (await t.client()).post('/api/test/echo', { name: 'ok' });
    expect(res.json().errors).toEqual([{ path: 'body.count', code: 'invalid_type', message: '此项为必填项。' }]);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await (await t.client()).post('/api/test/echo', { name: 'a', count: 1, pad: 'x'.repeat(4000) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'request.body_too_large' });
  });

  it('refuses unsupported content types with 415', async () => {
    const c = await t.client();
    const res = await c.request({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('request.unsupported_media_type');
  });

  it('never leaks a stack trace or SQL text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal');
    expect(res.body).not.toMatch(/SELEC|password_hash|secret\.ts|stack/i);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });
});

describe('a full disk', () => {
  it('is recognised from a real ENOSPC, from PostgreSQL\'s disk_full and through a wrapping error', () => {
    let enospc: unknown;
    try {
      writeFileSync('/dev/full', 'x'); // the kernel's always-full device
    } catch (e) {
      enospc = e;
    }
    expect((enospc as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(isStorageFull(enospc)).toBe(true);
    expect(isStorageFull(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(new Error('Failed query: insert …', { cause: enospc }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isStorageFull(new Error('boom'))).toBe(false);
  });

  it('logs a failed write without the statement\'s parameters', () => {
    const wrapped = new Error(`Failed query: insert into orgs … params: ${'["某某有限公司", "138-0000-0000"]'.repeat(200)}`, { cause: Object.assign(new Error('duplicate key value violates unique constraint "orgs_uscc_unique"'), { code: '23505' }) });
    expect(errorSummary(wrapped)).toEqual({ name: 'Error', code: '23505', message: 'duplicate key value violates unique constraint "orgs_uscc_unique"' });
    expect(errorSummary(new Error('x'.repeat(1000))).message.length).toBe(301);
  });
});

describe('headers', () => {
  it('sends security headers and a strict CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('tags every response with a request id, keeping a sane incoming one', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-req-12345' } });
    expect(b.headers['x-request-id']).toBe('proxy-req-12345');
    const c = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\nforged-log-line' } });
    expect(c.headers['x-request-id']).not.toContain('forged');
  });
});

describe('route access declarations', () => {
  it('refuses to start when a route does not declare who may call it', async () => {
    const database = await freshDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const app = await buildApp(config, {
      database, auditKey: TEST_AUDIT_KEY, serveWeb: false,
      plugins: [async (a: FastifyInstance) => { a.get('/api/undeclared', async () => 'oops'); }],
    });
    await expect(app.ready()).rejects.toThrow(/Routes without an access declaration: GET \/api\/undeclared/);
    await app.close().catch(() => {});
    await database.close();
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then closes', async () => {
    const database = await freshDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = await buildApp(config, {
      database, auditKey: TEST_AUDIT_KEY, serveWeb: false,
      plugins: [async (a: FastifyInstance) => {
        a.get('/api/test/slow', { config: { access: 'public' } }, async () => {
          release();
          await new Promise((r) => setTimeout(r, 300));
          return { done: true };
        });
      }],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${address.port}/api/test/slow`).then((r) => r.json());
    await started;
    const closed = app.close();
    expect(await inFlight).toEqual({ done: true });
    await closed;
    await expect(fetch(`http://127.0.0.1:${address.port}/api/health`)).rejects.toThrow();
    await database.close();
  });
});
