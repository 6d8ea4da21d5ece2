import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

// Append-only, hash-chained. A mutation writes its record unchained (`seq` and `prev_hash`
// null, `hash` a MAC of the record alone) inside its own transaction; the sealer then gives
// committed records their place in the chain (`seq`, `prev_hash`, `hash` = HMAC(key,
// prevHash + canonical record)), so `luchuang audit verify` finds edited, inserted and deleted
// records by position. Mutations never wait for one another on the chain head.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Position in the chain; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /** Null until sealed. */
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    // The sealer's queue: small, whatever the size of the log.
    index('audit_log_pending_idx').on(t.id).where(sql`seq is null and prev_hash is null`),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorUsername),
  ],
);

// One row: the chain's head. Locked FOR UPDATE by the sealer so the chain stays linear.
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export const AuditRecordSchema = z.object({
  id: z.number(),
  /** Null for a record committed moments ago and not yet sealed into the chain. */
  seq: z.number().nullable(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const AuditQuerySchema = z.strictObject({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(128).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const VerifyProblemSchema = z.object({
  /** The chain position; for a record outside the chain, 0 (its `id` names it). */
  seq: z.number(),
  id: z.number().optional(),
  kind: z.enum(['edited', 'inserted', 'deleted']),
  message: z.string(),
});
export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  headHash: z.string(),
  /** Records committed but not yet in the chain when it was walked (a write still in progress). */
  pending: z.number(),
  problems: z.array(VerifyProblemSchema),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
