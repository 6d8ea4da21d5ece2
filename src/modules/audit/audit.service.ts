import { createHmac } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { canonicalJson } from '../../lib/canonical.ts';
import type { Ctx } from '../../server/context.ts';
import type { Db, DbOrTx, Tx } from '../../server/db.ts';
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
type Content = Omit<AuditRow, 'id' | 'seq' | 'prevHash' | 'hash'>;

function hashRecord(key: Buffer, r: Content & { seq: number | null; prevHash: string }): string {
  const body = canonicalJson([
    r.seq, r.at.toISOString(), r.actorId, r.actorUsername, r.actorRole, r.action, r.entityType,
    r.entityId, r.before ?? null, r.after ?? null, r.requestId, r.ip,
  ]);
  return createHmac('sha256', key).update(r.prevHash).update('\n').update(body).digest('hex');
}

/** Records one audited change. Call inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, ctx, [entry]);
}

/**
 * A record outside the chain carries a MAC of its own content under the audit key, so that a
 * record inserted with SQL access but without the key is never sealed into the chain.
 */
const PENDING = 'pending';
const pendingMac = (key: Buffer, r: Content) => hashRecord(key, { ...r, seq: null, prevHash: PENDING });

const jsonb = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Records several changes (bulk work: imports, seeding). They are written unchained, so
 * concurrent mutations never queue for the chain head (at a call deadline every save is a
 * mutation); the sealer chains them once their transaction has committed — on this node soon
 * after, by every node's sweep within seconds (src/server/app.ts), and before the log is listed or verified.
 */
export async function recordAudits(tx: Tx, ctx: Ctx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const records = entries.map((entry) => {
    const r = {
      at: ctx.now(),
      actorId: ctx.actor?.userId ?? null,
      // Work done outside any login (first start, CLI) is the system's.
      actorUsername: ctx.actor?.username ?? 'system',
      actorRole: ctx.actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      // Normalise through JSON so what is signed is exactly what jsonb stores.
      before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
      after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
      requestId: ctx.requestId,
      ip: ctx.ip,
    };
    return { ...r, hash: pendingMac(ctx.auditKey, r) };
  });
  // Chunks keep each statement's parameters bounded.
  for (let i = 0; i < records.length; i += 500) {
    const values = sql.join(records.slice(i, i + 500).map((r) => sql`(${r.at.toISOString()}::timestamptz, ${r.actorId}::text, ${r.actorUsername}::text, ${r.actorRole}::text,
      ${r.action}::text, ${r.entityType}::text, ${r.entityId}::text, ${jsonb(r.before)}::jsonb, ${jsonb(r.after)}::jsonb, ${r.requestId}::text, ${r.ip}::text, ${r.hash}::text)`), sql`, `);
    await tx.execute(sql`insert into audit_log (at, actor_id, actor_username, actor_role, action, entity_type, entity_id, before, after, request_id, ip, hash) values ${values}`);
  }
  // A context whose handle is a transaction (work composed inside another's transaction) must
  // not seal through it later: the connection is back in the pool by then. The sweep seals it.
  if (!(ctx.db instanceof PgTransaction)) sealSoon(ctx.db, ctx.auditKey, ctx.log);
}

/**
 * Gives every committed unchained record its place in the chain, in id order, under the head's
 * row lock (one sealer at a time across nodes). A record whose MAC does not match under `key`
 * (inserted without the key, or a wrong key given) is left out and changed in no way;
 * `verifyAudit` reports it. Returns the number of records sealed.
 */
export async function sealAudit(db: DbOrTx, key: Buffer, batchSize = 1000): Promise<number> {
  const unsealed = and(isNull(auditLog.seq), isNull(auditLog.prevHash));
  // Most calls find nothing to do: ask without taking the head's lock.
  if ((await db.select({ id: auditLog.id }).from(auditLog).where(unsealed).limit(1)).length === 0) return 0;
  let sealed = 0;
  let after = 0;
  for (;;) {
    const { read, chained } = await db.transaction(async (tx) => {
      const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
      const pending = await tx.select().from(auditLog).where(and(unsealed, gt(auditLog.id, after))).orderBy(asc(auditLog.id)).limit(batchSize);
      if (pending.length === 0) return { read: 0, chained: 0 };
      after = pending[pending.length - 1].id;
      let prev = { seq: head.seq, hash: head.hash };
      const rows: { id: number; seq: number; prevHash: string; hash: string }[] = [];
      for (const r of pending) {
        if (r.hash !== pendingMac(key, r)) continue;
        const seq = prev.seq + 1;
        const hash = hashRecord(key, { ...r, seq, prevHash: prev.hash });
        rows.push({ id: r.id, seq, prevHash: prev.hash, hash });
        prev = { seq, hash };
      }
      if (rows.length > 0) {
        const values = sql.join(rows.map((r) => sql`(${r.id}::bigint, ${r.seq}::bigint, ${r.prevHash}::text, ${r.hash}::text)`), sql`, `);
        await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          from (values ${values}) as v(id, seq, prev_hash, hash) where a.id = v.id`);
        await tx.update(auditHead).set(prev).where(eq(auditHead.id, 1));
      }
      return { read: pending.length, chained: rows.length };
    });
    sealed += chained;
    if (read < batchSize) return sealed;
  }
}

/** Per database handle: one sealing at a time, and one more if records arrived meanwhile. */
const sealers = new WeakMap<object, { timer: NodeJS.Timeout | null; running: Promise<unknown> | null; again: boolean }>();

/** Before the database is closed: no sealing left scheduled or running on this handle. */
export async function stopSealing(db: Db): Promise<void> {
  const s = sealers.get(db);
  if (!s) return;
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  s.again = false;
  await s.running;
}

/** Seals shortly after the writing transaction (which is still open now) has committed. */
function sealSoon(db: Db, key: Buffer, log: Ctx['log']): void {
  let state = sealers.get(db);
  if (state === undefined) sealers.set(db, (state = { timer: null, running: null, again: false }));
  if (state.running) {
    state.again = true;
    return;
  }
  if (state.timer) return;
  const s = state;
  s.timer = setTimeout(() => {
    s.timer = null;
    s.running = sealAudit(db, key)
      .catch((err: unknown) => log.warn({ err }, 'audit: sealing failed; the next write or the periodic sweep retries'))
      .finally(() => {
        s.running = null;
        if (s.again) {
          s.again = false;
          sealSoon(db, key, log);
        }
      });
  }, 20);
  s.timer.unref();
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
  // Sealed first, so that what was committed is shown with its place in the chain.
  await sealAudit(ctx.db, ctx.auditKey);
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return {
    total,
    items: items.map(({ prevHash: _p, hash: _h, ...r }) => ({ ...r, at: r.at.toISOString() })),
  };
}

/**
 * Seals what is committed, then walks the whole chain in order. A record whose HMAC does not
 * match was edited (or forged); a gap in sequence numbers means deleted records; a record past
 * the head, or one outside the chain without a valid MAC, was inserted.
 */
export async function verifyAudit(db: DbOrTx, key: Buffer, batchSize = 1000): Promise<VerifyResult> {
  await sealAudit(db, key);
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const problems: VerifyResult['problems'] = [];
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      const r = { ...row, seq: row.seq!, prevHash: row.prevHash ?? '' };
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
  // Outside the chain after sealing: writes committed since, or records without a valid MAC.
  let pending = 0;
  for (const r of await db.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id))) {
    if (r.prevHash === null && r.hash === pendingMac(key, r)) pending++;
    else problems.push({ seq: 0, id: r.id, kind: 'inserted', message: `record id ${r.id} is outside the chain without a valid MAC` });
  }
  return { ok: problems.length === 0, checked, headSeq: head.seq, headHash: head.hash, pending, problems };
}

function deletedRange(from: number, to: number): VerifyResult['problems'][number] {
  return {
    seq: from,
    kind: 'deleted',
    message: from === to ? `record ${from} is missing` : `records ${from}–${to} are missing`,
  };
}
