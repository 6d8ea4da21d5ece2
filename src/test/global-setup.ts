// Builds one migrated database template per test run; every test app gets a fresh copy.
// PGlite: a dumped data directory. PostgreSQL (DATABASE_URL set): a template database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from '../server/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    pgAdminUrl: string;
    pgTemplate: string;
    pgPrefix: string;
  }
}

export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'luchuang-test-'));
    const database = await openDatabase({});
    await migrateDatabase(database);
    const { PGlite } = await import('@electric-sql/pglite');
    const client = (database.db as unknown as { $client: InstanceType<typeof PGlite> }).$client;
    const image = await client.dumpDataDir('none');
    await database.close();
    const file = join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    project.provide('pgliteImage', file);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const prefix = `luchuang_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `${prefix}_tmpl`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  const database = await openDatabase({ databaseUrl: databaseUrlFor(databaseUrl, template) });
  await migrateDatabase(database);
  await database.close();
  project.provide('pgAdminUrl', databaseUrl);
  project.provide('pgTemplate', template);
  project.provide('pgPrefix', prefix);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${prefix}%`]);
    for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.end();
  };
}
