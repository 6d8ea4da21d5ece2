// What every service function receives: the database, who is acting, the clock, the logger.
import type { FastifyBaseLogger } from 'fastify';
import type { District, Role } from '../modules/accounts/accounts.schema.ts';
import type { Config } from '../config.ts';
import type { Db } from './db.ts';

export interface Actor {
  userId: string;
  username: string;
  role: Role;
  district: District | null;
  orgId: string | null;
}

export interface Ctx {
  db: Db;
  actor: Actor | null;
  now: () => Date;
  log: FastifyBaseLogger;
  requestId: string | null;
  ip: string | null;
  /** HMAC key of the audit chain; kept outside the database. */
  auditKey: Buffer;
  config: Config;
  /** Work outside any request (first start, CLI, seeding): sees everything, audited as `system`. */
  system?: boolean;
}
