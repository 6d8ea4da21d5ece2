import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/harness.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/luchuang.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'luchuang-cli-'));
let env: Record<string, string>;
let closeDb = async () => {};

beforeAll(async () => {
  const base = { PATH: process.env.PATH ?? '', HOME: tmpdir(), DATA_DIR: dataDir, LOG_LEVEL: 'warn', LUCHUANG_AUDIT_KEY: 'cli-test-key-cli-test-key-cli-test-key' };
  const db = await freshDatabase();
  // On PostgreSQL runs the CLI works on a fresh server database; otherwise on DATA_DIR.
  env = db.url ? { ...base, DATABASE_URL: db.url } : base;
  closeDb = () => db.close();
});
afterAll(() => closeDb());

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the luchuang command', () => {
  it('documents every command with --help', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed', 'create-user', 'backup', 'restore', 'audit', 'import', 'evaluate']) {
      expect(top.stdout).toContain(name);
      const help = await cli(name, '--help');
      expect(help.code, name).toBe(0);
      expect(help.stdout).toContain(`Usage: luchuang ${name}`);
    }
  }, 120_000);

  // Each command below starts a process that loads every module: minutes on a loaded machine.
  it('migrates, creates users, verifies the audit chain, backs up and restores', async () => {
    const migrate = await cli('migrate');
    expect(migrate.stdout).toMatch(/Schema version \d+/);
    const bad = await cli('create-user', '--username', 'x1', '--role', 'king', '--password', 'Some-Passw0rd-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role');
    const weak = await cli('create-user', '--username', 'weakling', '--role', 'reviewer', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('auth.password_policy');
    const ok = await cli('create-user', '--username', 'expert1', '--role', 'reviewer', '--display-name', '评审专家一', '--password', 'Some-Passw0rd-1');
    expect(ok.stdout).toContain('Created expert1');
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^OK: 1 records checked/m);
    const evaluate = await cli('evaluate', '--as-of', '2026-06-01');
    expect(evaluate.stdout).toContain('Evaluated 0 organisations');
    expect((await cli('evaluate', '--as-of', 'soon')).code).toBe(2);

    const file = join(dataDir, 'backup.gz');
    const backup = await cli('backup', file);
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect((await cli('restore', file)).code).toBe(2); // needs --yes
    await cli('create-user', '--username', 'expert2', '--role', 'reviewer', '--password', 'Some-Passw0rd-2');
    const restore = await cli('restore', file, '--yes');
    expect(restore.code).toBe(0);
    // The backup's chain: expert1's creation and the completed evaluation run; expert2 is gone.
    expect((await cli('audit', 'verify')).stdout).toMatch(/^OK: 2 records checked/m);
  }, 240_000);

  it.runIf(!process.env.DATABASE_URL)('refuses to open the embedded database while a server holds it', async () => {
    writeFileSync(join(dataDir, 'luchuang.pid'), String(process.pid));
    try {
      const res = await cli('migrate');
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/in use by process/);
    } finally {
      writeFileSync(join(dataDir, 'luchuang.pid'), '0');
    }
  });
});
