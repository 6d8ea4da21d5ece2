import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../modules/accounts/accounts.service.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import { freshDatabase, TEST_AUDIT_KEY, TEST_PASSWORD, createTestApp, type TestApp } from '../test/harness.ts';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';
import { rows } from './db.ts';
import { sql } from 'drizzle-orm';
import { bulkUpsertOrgs } from '../modules/registry/registry.bulk.ts';
import { generateOrgs } from '../seed/orgs.ts';
import { evaluateOrgs } from '../modules/cultivation/cultivation.service.ts';

const dir = mkdtempSync(join(tmpdir(), 'luchuang-backup-'));
let source: TestApp;

/** The data part of a backup file: every line after the header (which holds the time). */
const dataLines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1).join('\n');

beforeAll(async () => {
  source = await createTestApp();
  // Rows in every table: users (with Chinese text), sessions, throttle counters, audit chain.
  for (const [i, name] of ['张三', "O'Brien \"q\"", 'emoji 🚀 \\ tab\t'].entries()) {
    await createUser(source.ctx, { username: `u${i}`, displayName: name, role: i === 0 ? 'district_officer' : 'reviewer', district: i === 0 ? 'xiangan' : undefined, password: TEST_PASSWORD });
  }
  await login({ ...source.ctx, ip: '127.0.0.9' }, { username: 'u1', password: TEST_PASSWORD }, 'test-agent');
  await login({ ...source.ctx, ip: '127.0.0.9' }, { username: 'u1', password: 'wrong-Passw0rd' }, null).catch(() => {});
  // Organisations and rows that name them by a trigger-checked reference (assessments: migration 0028).
  await source.database.db.transaction((tx) => bulkUpsertOrgs(tx, source.ctx, generateOrgs({ count: 3, seed: 'backup' }), { kind: 'seed', ref: 'test' }));
  await evaluateOrgs(source.ctx, '2026-06-30');
});
afterAll(() => source.close());

describe('backup and restore', () => {
  it('round-trips the whole database byte for byte at the data level', async () => {
    const first = join(dir, 'first.luchuang.gz');
    const header = await backupDatabase(source.database, first);
    expect(header.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'sessions', 'login_throttle', 'audit_log', 'audit_head', 'seed_runs']));
    expect(header.tables.find((t) => t.name === 'users')!.rows).toBe(3);
    // Parents come before children.
    const names = header.tables.map((t) => t.name);
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('sessions'));
    expect(names.indexOf('orgs')).toBeLessThan(names.indexOf('assessments'));
    expect(names.indexOf('orgs')).toBeLessThan(names.indexOf('grants'));
    expect(header.tables.find((t) => t.name === 'assessments')!.rows).toBe(18);

    const target = await freshDatabase();
    try {
      await restoreDatabase(target, first);
      const second = join(dir, 'second.luchuang.gz');
      await backupDatabase(target, second);
      expect(dataLines(second)).toBe(dataLines(first));
      // The restored audit chain still verifies with the same key.
      expect((await verifyAudit(target.db, TEST_AUDIT_KEY)).ok).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('replaces existing data instead of merging', async () => {
    const file = join(dir, 'replace.luchuang.gz');
    await backupDatabase(source.database, file);
    const target = await createTestApp();
    try {
      await createUser(target.ctx, { username: 'onlyintarget', displayName: 'x', role: 'reviewer', password: TEST_PASSWORD });
      await restoreDatabase(target.database, file);
      const names = (await rows<{ username: string }>(target.database.db, sql`select username from users order by username`)).map((r) => r.username);
      expect(names).toEqual(['u0', 'u1', 'u2']);
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup, or of another schema version, and changes nothing', async () => {
    const target = await freshDatabase();
    try {
      const bogus = join(dir, 'bogus.gz');
      writeFileSync(bogus, gzipSync('hello\n'));
      await expect(restoreDatabase(target, bogus)).rejects.toBeInstanceOf(BackupError);
      const good = join(dir, 'good.gz');
      await backupDatabase(source.database, good);
      const lines = gunzipSync(readFileSync(good)).toString('utf8').split('\n');
      const future = join(dir, 'future.gz');
      writeFileSync(future, gzipSync([JSON.stringify({ ...JSON.parse(lines[0]), schemaVersion: 999 }), ...lines.slice(1)].join('\n')));
      await expect(restoreDatabase(target, future)).rejects.toThrow(/schema version 999/);
      // A broken row rolls the whole restore back.
      const broken = [...lines];
      broken.splice(broken.indexOf('{"table":"users"}') + 1, 0, '{"id":"not-a-uuid"}');
      const brokenFile = join(dir, 'broken.gz');
      writeFileSync(brokenFile, gzipSync(broken.join('\n')));
      const before = await rows<{ n: number }>(target.db, sql`select count(*)::int as n from audit_log`);
      await expect(restoreDatabase(target, brokenFile)).rejects.toThrow();
      expect(await rows<{ n: number }>(target.db, sql`select count(*)::int as n from audit_log`)).toEqual(before);
    } finally {
      await target.close();
    }
  });
});
