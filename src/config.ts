// The only reader of process.env. Parsed once, validated, frozen.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  // Connections to PostgreSQL per app node (PGlite has one). See docs/operations.md, capacity.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Worker threads a large stored evaluation (≥ 10,000 organisations) evaluates in; 0: in the
  // event loop's thread. Default: one per core, at most 4 (reading and writing stay on the main thread).
  EVALUATION_THREADS: z.coerce.number().int().min(0).max(32).optional(),
  // An import file at least this large is read and validated in a worker thread, beside the
  // writes; a smaller one in the event loop's thread (starting a worker costs about a second). 0: always.
  IMPORT_WORKER_FROM_BYTES: z.coerce.number().int().min(0).default(4 * 2 ** 20),
  // Files kept outside the database: uploads waiting for their job (uploads/), programme
  // attachments (programmes/attachments/). Several app nodes must share it (NFS, …).
  FILES_DIR: z.string().optional(),
  // How often a node looks for jobs left behind by a node that died (several nodes, PostgreSQL).
  JOB_SWEEP_SECONDS: z.coerce.number().int().positive().default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LUCHUANG_ADMIN_PASSWORD: z.string().optional(),
  LUCHUANG_AUDIT_KEY: z.string().min(32).optional(),
  // Demo accounts have a published password: never seeded in production unless asked for.
  SEED_DEMO: bool.optional(),
  // How many synthetic organisations the demo data holds (src/seed/orgs.ts); 0 for none.
  SEED_DEMO_ORGS: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // A scraper (Prometheus) may read GET /api/metrics with `Authorization: Bearer <token>`; unset: administrators only.
  METRICS_TOKEN: z.string().min(24).optional(),
});

export type Env = z.input<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    // One core left to the event loop and the database: on 2 cores, 1 worker finished a 100,000-organisation
    // evaluation in 21 s where 2 took 23–26 s (they only competed with the writes for the CPU).
    evaluationThreads: e.EVALUATION_THREADS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    importWorkerFromBytes: e.IMPORT_WORKER_FROM_BYTES,
    filesDir: resolve(e.FILES_DIR ?? e.DATA_DIR),
    jobSweepSeconds: e.JOB_SWEEP_SECONDS,
    logLevel: e.LOG_LEVEL,
    adminPassword: e.LUCHUANG_ADMIN_PASSWORD,
    auditKey: e.LUCHUANG_AUDIT_KEY,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    seedDemoOrgs: e.SEED_DEMO_ORGS,
    bodyLimit: e.BODY_LIMIT_BYTES,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
  });
}

export type Config = ReturnType<typeof loadConfig>;
