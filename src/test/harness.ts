// A fresh, migrated database and app per call, plus an HTTP client that keeps cookies and
// sends the CSRF token, so tests exercise the real stack through app.inject().
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../config.ts';
import type { CreateUserInput, Role } from '../modules/accounts/accounts.schema.ts';
import { createUser } from '../modules/accounts/accounts.service.ts';
import { buildApp, type AppDeps } from '../server/app.ts';
import type { Ctx } from '../server/context.ts';
import { openDatabase, type Database } from '../server/db.ts';
import { databaseUrlFor } from './global-setup.ts';

export const TEST_AUDIT_KEY = Buffer.from('test-audit-key-0123456789abcdef0123456789');
export const TEST_PASSWORD = 'Test-Passw0rd-2026';

let dbCounter = 0;

/** A fresh database cloned from the run's migrated template. */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) {
    const image = new Blob([readFileSync(inject('pgliteImage'))]);
    return openDatabase({ pgliteImage: image });
  }
  const name = `${inject('pgPrefix')}_${process.pid}_${++dbCounter}_${randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Concurrent copies of one template can collide; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(adminUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  return { ...database, url };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url?: string };
  config: Config;
  /** A system context on the same database, for arranging data directly. */
  ctx: Ctx;
  client(): Promise<Client>;
  /** Creates a user (no forced password change) and returns a logged-in client. */
  as(role: Role, extra?: Partial<CreateUserInput>): Promise<Client & { userId: string; username: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function createTestApp(opts: { env?: Record<string, string>; now?: () => Date; deps?: AppDeps } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: join(tmpdir(), 'luchuang-unused'), ...opts.env,
  });
  const now = opts.now ?? (() => new Date());
  const app = await buildApp(config, { database, now, auditKey: TEST_AUDIT_KEY, serveWeb: false, ...opts.deps });
  await app.ready();
  const ctx: Ctx = { db: database.db, actor: null, system: true, now, log: app.log, requestId: null, ip: null, auditKey: TEST_AUDIT_KEY, config };
  const client = () => Client.create(app);
  return {
    app, database, config, ctx, client,
    async as(role, extra = {}) {
      const username = `${role.replace('_', '')}${++userCounter}${randomBytes(2).toString('hex')}`;
      const scope = role === 'district_officer' ? { district: 'siming' as const } : role === 'org_user' ? { orgId: '00000000-0000-4000-8000-000000000001' } : {};
      const user = await createUser(ctx, { username, displayName: `测试 ${username}`, role, password: TEST_PASSWORD, ...scope, ...extra }, { mustChangePassword: false });
      const c = await client();
      const res = await c.post('/api/auth/login', { username, password: TEST_PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return Object.assign(c, { userId: user.id, username });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

export class Client {
  cookies: Record<string, string> = {};
  csrfToken = '';
  private constructor(private app: FastifyInstance) {}

  static async create(app: FastifyInstance): Promise<Client> {
    const c = new Client(app);
    await c.refreshSession();
    return c;
  }

  async refreshSession(): Promise<Res> {
    const res = await this.request({ method: 'GET', url: '/api/auth/session' });
    this.csrfToken = res.json().csrfToken;
    return res;
  }

  async request(options: InjectOptions & { csrf?: boolean }): Promise<Res> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (options.csrf !== false && this.csrfToken && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ ...options, headers, cookies: { ...this.cookies, ...(options.cookies as Record<string, string>) } });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
      const body = res.json() as { csrfToken?: unknown };
      if (typeof body?.csrfToken === 'string') this.csrfToken = body.csrfToken;
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }
  post(url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers });
  }
  patch(url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], headers });
  }
}
