import { createHmac } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { canonicalJson } from '../../lib/canonical.ts';
import type { Ctx } from '../../server/context.ts';
import { rows, type DbOrTx, type Tx } from '../../server/db.ts';
import type { AuditQuery, VerifyResult } from './audit.schema.ts';
import { auditHead, auditLog } from './audit.schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

type AuditRow = typeof auditLog.$inferSelect;
type Hashed = Omit<AuditRow, 'hash'>;

function hashRecord(key: Buffer, r: Hashed): string {
  const body = canonicalJson([
    r.seq, r.at.toISOString(), r.actorId, r.actorUsername, r.actorRole, r.action, r.entityType,
    r.entityId, r.before ?? null, r.after ?? null, r.requestId, r.ip,
  ]);
  return createHmac('sha256', key).update(r.prevHash).update('\n').update(body).digest('hex');
}

/** Appends one record to the chain. Call inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<number> {
  const [seq] = await recordAudits(tx, ctx, [entry]);
  return seq;
}

/**
 * The chain head as this process last moved it, per database handle. Every mutation appends to
 * the one chain, so the head row is held from the append until commit and mutations queue for
 * it; chaining onto the expected head lets the append take the row, write the records and move
 * the head in one statement, so it is held for that statement and the commit only. When another
 * transaction or node moved the head (or one rolled back), the statement changes nothing and
 * the append reads the head under lock instead.
 */
const expectedHeads = new WeakMap<object, { seq: number; hash: string }>();

function chain(ctx: Ctx, head: { seq: number; hash: string }, entries: AuditEntry[]): AuditRow[] {
  let prevHash = head.hash;
  return entries.map((entry, i) => {
    const record: Hashed = {
      seq: head.seq + i + 1,
      at: ctx.now(),
      actorId: ctx.actor?.userId ?? null,
      // Work done outside any login (first start, CLI) is the system's.
      actorUsername: ctx.actor?.username ?? 'system',
      actorRole: ctx.actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      // Normalise through JSON so what is hashed is exactly what jsonb stores.
      before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
      after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
      requestId: ctx.requestId,
      ip: ctx.ip,
      prevHash,
    };
    prevHash = hashRecord(ctx.auditKey, record);
    return { ...record, hash: prevHash };
  });
}

const jsonb = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Writes chained records and moves the head to the last of them in one statement, provided the
 * head is still `from`; returns whether it was (nothing is written otherwise).
 */
async function append(tx: Tx, from: { seq: number; hash: string }, records: AuditRow[]): Promise<boolean> {
  const last = records[records.length - 1];
  const values = sql.join(records.map((r) => sql`(${r.seq}::bigint, ${r.at.toISOString()}::timestamptz, ${r.actorId}::text, ${r.actorUsername}::text, ${r.actorRole}::text,
    ${r.action}::text, ${r.entityType}::text, ${r.entityId}::text, ${jsonb(r.before)}::jsonb, ${jsonb(r.after)}::jsonb, ${r.requestId}::text, ${r.ip}::text, ${r.prevHash}::text, ${r.hash}::text)`), sql`, `);
  const written = await rows<{ seq: number }>(tx, sql`with moved as (
      update audit_head set seq = ${last.seq}, hash = ${last.hash} where id = 1 and seq = ${from.seq} and hash = ${from.hash} returning 1
    )
    insert into audit_log (seq, at, actor_id, actor_username, actor_role, action, entity_type, entity_id, before, after, request_id, ip, prev_hash, hash)
    select v.* from (values ${values}) as v where exists (select 1 from moved) returning seq`);
  return written.length === records.length;
}

/** Appends several records in one go (bulk work: imports, seeding). */
export async function recordAudits(tx: Tx, ctx: Ctx, entries: AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const expected = expectedHeads.get(ctx.db);
  if (expected && entries.length <= 500) {
    const records = chain(ctx, expected, entries);
    if (await append(tx, expected, records)) {
      expectedHeads.set(ctx.db, records[records.length - 1]);
      return records.map((r) => r.seq);
    }
  }
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  const records = chain(ctx, head, entries);
  // Held under lock: the head cannot have moved. Chunks keep each statement's parameters bounded.
  for (let i = 0; i < records.length; i += 500) {
    const from = i === 0 ? head : records[i - 1];
    if (!(await append(tx, from, records.slice(i, i + 500)))) throw new Error('audit chain head moved while locked');
  }
  expectedHeads.set(ctx.db, records[records.length - 1]);
  return records.map((r) => r.seq);
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  const where = and(
    q.actor ? eq(auditLog.actorUsername, q.actor.toLowerCase()) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.from ? gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
    // `to` is inclusive: the whole day in Beijing time.
    q.to ? lt(auditLog.at, sql`(${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return {
    total,
    items: items.map(({ prevHash: _p, hash: _h, ...r }) => ({ ...r, at: r.at.toISOString() })),
  };
}

/**
 * Walks the whole chain in order. A record whose HMAC does not match was edited (or forged);
 * a gap in sequence numbers means deleted records; a record past the head was inserted.
 */
export async function verifyAudit(db: DbOrTx, key: Buffer, batchSize = 1000): Promise<VerifyResult> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const problems: VerifyResult['problems'] = [];
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      checked++;
      if (r.seq > head.seq) {
        problems.push({ seq: r.seq, kind: 'inserted', message: `record ${r.seq} lies beyond the chain head ${head.seq}` });
      } else {
        if (r.seq > expected) problems.push(deletedRange(expected, r.seq - 1));
        const content = r.hash === hashRecord(key, r);
        if (!content) {
          problems.push({ seq: r.seq, kind: 'edited', message: `record ${r.seq} does not match its hash` });
        } else if (r.seq === expected && r.prevHash !== prevHash) {
          problems.push({ seq: r.seq, kind: 'edited', message: `record ${r.seq} does not link to record ${r.seq - 1}` });
        }
      }
      expected = r.seq + 1;
      prevHash = r.hash;
      lastSeq = r.seq;
    }
  }
  if (expected <= head.seq) problems.push(deletedRange(expected, head.seq));
  else if (head.seq > 0 && lastSeq === head.seq && prevHash !== head.hash) {
    problems.push({ seq: head.seq, kind: 'edited', message: `record ${head.seq} does not match the chain head` });
  }
  return { ok: problems.length === 0, checked, headSeq: head.seq, headHash: head.hash, problems };
}

function deletedRange(from: number, to: number): VerifyResult['problems'][number] {
  return {
    seq: from,
    kind: 'deleted',
    message: from === to ? `record ${from} is missing` : `records ${from}–${to} are missing`,
  };
}
