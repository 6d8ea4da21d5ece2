// One typed database handle over either embedded PGlite (default) or a PostgreSQL server.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from '../db/schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the root handle or a transaction: what a service function reads through. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = new URL('../../db/migrations/', import.meta.url).pathname;

/** Number of migrations shipped with this build: the schema version the code expects. */
export function expectedSchemaVersion(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
  return journal.entries.length;
}

export const pgliteExtensions = { pg_trgm };

export async function openDatabase(opts: {
  databaseUrl?: string;
  /** PostgreSQL connections in the pool (config.databasePoolSize); 10 when not given. */
  poolSize?: number;
  dataDir?: string;
  /** Preloaded PGlite data directory (tests clone a migrated template this way). */
  pgliteImage?: Blob;
}): Promise<Database> {
  if (opts.databaseUrl) {
    // JIT compilation costs tens of milliseconds per query and pays off only for long analytic
    // queries; this application's queries are short, so it is off for its connections.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c jit=off' });
    // An idle client that errors (server restart) must not crash the process.
    pool.on('error', () => {});
    // Nor one checked out between two queries (a transaction doing work in JS) when its
    // connection is cut: without a listener its 'error' event would be uncaught. Its next query
    // then fails as "not queryable", which answers 503 db.unavailable (isDatabaseUnavailable).
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { kind: 'postgresql', db, close: () => pool.end() };
  }
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = join(opts.dataDir, 'pgdata');
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    dataDir,
    loadDataDir: opts.pgliteImage,
    extensions: pgliteExtensions,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { kind: 'pglite', db, close: () => client.close() };
}

/**
 * Whether `db` is a PostgreSQL pool, whose queries run beside an open transaction; PGlite has one
 * connection, and a query outside a transaction waits for it to end.
 */
export function hasPool(db: Db): boolean {
  return (db as unknown as { $client: unknown }).$client instanceof pg.Pool;
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

/**
 * Runs `fn` while holding a session-level advisory lock (class, key) on one connection of the
 * pool, so that nodes starting at once on one PostgreSQL database do it one after another.
 * PGlite is one process: `fn` runs directly.
 */
export async function whileLocked<T>(database: Database, lock: [number, number], fn: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgresql') return fn();
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1, $2)', lock);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', lock).catch(() => {});
    }
  } finally {
    client.release();
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  // SQLSTATE: admin_shutdown (pg_terminate_backend, server stopping), crash_shutdown, cannot_connect_now, too_many_connections
  '57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error means the database cannot be reached (as opposed to a query that is wrong):
 * the node answers 503 `db.unavailable` and recovers by itself once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    // node-postgres reports a lost connection without a code.
    if (typeof e.message === 'string' && /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message)) return true;
  }
  return false;
}

/** Whether an error (or one it was caused by) is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Applied migrations; 0 on an empty database. */
export async function schemaVersion(db: DbOrTx): Promise<number> {
  const exists = await rows<{ t: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists[0]?.t) return 0;
  const r = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return r[0].n;
}

/** Raw SQL returning rows, the same on both drivers. */
export async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Rows as column arrays, for `insert … select <names> from ${columnRows(…)}`: each column one
 * array-literal parameter (src/lib/pg-array.ts), and optionally one JSON column given as a JSON
 * array in the same order. The database parses this about twice as fast as a JSON document of
 * rows (`json_populate_recordset`). Names and types are code, never input.
 */
export function columnRows(columns: readonly (readonly [name: string, type: string, literal: string])[], json?: readonly [name: string, type: 'json' | 'jsonb', array: string]): SQL {
  const arrays = sql.join(columns.map(([, type, literal]) => sql`${literal}::${sql.raw(type)}[]`), sql`, `);
  const names = sql.raw(columns.map(([name]) => name).join(', '));
  if (!json) return sql`unnest(${arrays}) as u(${names})`;
  const [name, type, array] = json;
  return sql`unnest(${arrays}) with ordinality as u(${names}, n) join ${sql.raw(type)}_array_elements(${array}::${sql.raw(type)}) with ordinality as j(${sql.raw(name)}, n) using (n)`;
}

