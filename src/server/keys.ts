// The audit chain's HMAC key lives outside the database: LUCHUANG_AUDIT_KEY, or a file
// under DATA_DIR created on first use. Whoever can rewrite the table cannot re-sign it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export function resolveAuditKey(config: Config): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = join(config.dataDir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}
