// Opening the platform's database the way every entry point needs it: locked (PGlite),
// migrated, with the admin account and, on a fresh database, the demo data.
import type { Config } from '../config.ts';
import { ensureAdmin } from '../modules/accounts/accounts.service.ts';
import { isDemoPending, seedDemo } from '../seed/demo.ts';
import { evaluateOrgs } from '../modules/cultivation/cultivation.service.ts';
import { installChainReference } from '../modules/chains/chains.service.ts';
import { seedChainDemo } from '../seed/chains.ts';
import { seedDigitalDemo } from '../modules/digital/digital.seed.ts';
import { seedMarketDemo } from '../modules/market/market.seed.ts';
import { seedProgrammesDemo } from '../modules/programmes/programmes.seed.ts';
import { ensureLetterIndicators } from '../modules/indicators/indicators.service.ts';
import { ensurePolicyLibrary } from '../modules/policies/library.ts';
import type { Ctx } from './context.ts';
import { migrateDatabase, openDatabase, whileLocked, type Database } from './db.ts';
import { resolveAuditKey } from './keys.ts';
import { acquireDataDirLock } from './lock.ts';
import { holdNodeLock } from './node.ts';
import pino from 'pino';

export interface OpenedDatabase extends Database {
  /** Closes the database and releases the data-directory lock. */
  close(): Promise<void>;
}

/**
 * Opens the database and marks this process as its user: PGlite, a pid file (one process only);
 * PostgreSQL, this node's advisory lock (node.ts), which tells other nodes it is alive.
 */
export async function openPlatformDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const log = pino({ level: config.logLevel });
    const node = await holdNodeLock(config.databaseUrl, (msg, err) => log.warn({ err }, msg)).catch((e) => {
      throw new Error(describeConnectError(config.databaseUrl!, e));
    });
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
    return { ...database, close: async () => { await database.close(); await node.release(); } };
  }
  const release = acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    return { ...database, close: async () => { await database.close(); release(); } };
  } catch (e) {
    release();
    throw e;
  }
}

/** One line for the operator: which server could not be reached and why (no password). */
function describeConnectError(databaseUrl: string, e: unknown): string {
  const u = new URL(databaseUrl);
  const reason = e instanceof Error ? ((e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code}: ${e.message}` : e.message) : String(e);
  return `Cannot connect to the PostgreSQL server at ${u.hostname}:${u.port || 5432}, database ${u.pathname.slice(1) || '(default)'} (${reason}). Start it or fix DATABASE_URL; nothing was changed.`;
}

/** A context for work done outside any request (CLI, first start): the actor is the system. */
export function systemCtx(config: Config, database: Database): Ctx {
  return {
    db: database.db, actor: null, system: true, now: () => new Date(), requestId: null, ip: null, config,
    auditKey: resolveAuditKey(config),
    log: pino({ level: config.logLevel }),
  };
}

/** The advisory lock under which a node prepares the database (several nodes may start at once). */
const PREPARE_LOCK: [number, number] = [0x4c43_0002, 0];

/**
 * Migrate; create `admin`; seed demo data when configured and not done yet. Nodes starting at
 * once on one PostgreSQL database take turns: the first does the work, the others find it done.
 */
export async function preparePlatform(config: Config, database: Database, out: (line: string) => void): Promise<void> {
  await whileLocked(database, PREPARE_LOCK, () => prepareLocked(config, database, out));
}

async function prepareLocked(config: Config, database: Database, out: (line: string) => void): Promise<void> {
  await migrateDatabase(database);
  const ctx = systemCtx(config, database);
  const generated = await ensureAdmin(ctx, config.adminPassword);
  if (generated) {
    out('');
    out('  First start: created the administrator account.');
    out(`    username: admin    password: ${generated}`);
    out('  This password is shown only now; you will be asked to change it at first login.');
    out('');
  }
  // Reference data (not demo data): the 4+4+6 system and the starting-draft chain maps, once.
  const ref = await installChainReference(ctx);
  if (ref.industries || ref.chains) out(`  Installed the industry system (${ref.industries} industries) and ${ref.chains} reference chain maps (${ref.links} links), a starting draft for staff to edit.`);
  // Reference data (real, sourced): the figures of the bureau's letter of 2025-05-20, once.
  const letterFigures = await ensureLetterIndicators(ctx);
  if (letterFigures) out(`  Loaded ${letterFigures} indicators from the bureau's letter of 2025-05-20 (厦科函〔2025〕84号).`);
  // The policy library's real documents (not demo data): added when missing, never overwritten.
  const policiesAdded = await ensurePolicyLibrary(ctx);
  if (policiesAdded) out(`  Policy library: added ${policiesAdded} policies and benefit items (national documents; Xiamen measures as drafts).`);
  // Demo data: the accounts and SEED_DEMO_ORGS synthetic organisations, each once.
  const orgs = { count: config.seedDemoOrgs };
  if (config.seedDemo && (await isDemoPending(ctx, orgs))) {
    const started = Date.now();
    out(`  Seeding demo data (synthetic): ${orgs.count} organisations and the demo accounts…`);
    const summary = await seedDemo(ctx, orgs);
    out(`  Demo data (synthetic) seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
    // So that the cultivation funnel has something to show from the first minute.
    const asOf = ctx.now().toISOString().slice(0, 10);
    const evaluated = await evaluateOrgs(ctx, asOf);
    out(`  Evaluated ${evaluated.organisations} organisations against every tier as of ${asOf}.`);
  }
  // Chain-map demo data (suggestions over the demo organisations, synthetic targets, a baseline version), once.
  if (config.seedDemo && config.seedDemoOrgs > 0) {
    const chainsDemo = await seedChainDemo(ctx);
    if (chainsDemo) out(`  Chain-map demo data (synthetic): ${chainsDemo}`);
    const digitalDemo = await seedDigitalDemo(ctx);
    if (digitalDemo) out(`  Digital-transformation demo data (synthetic): ${digitalDemo}`);
    const marketDemo = await seedMarketDemo(ctx);
    if (marketDemo) out(`  Marketplace, carriers and industry–education demo data (synthetic): ${marketDemo}`);
    const programmesDemo = await seedProgrammesDemo(ctx);
    if (programmesDemo) out(`  Programme demo data (synthetic): ${programmesDemo}`);
  }
}
