import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { createUser } from '../accounts/accounts.service.ts';
import { recordAudit, sealAudit, stopSealing, verifyAudit } from './audit.service.ts';

let t: TestApp;
beforeEach(async () => {
  // No periodic sweep: these tests decide when records are sealed.
  t = await createTestApp({ deps: { auditSweepMs: 0 } });
  // Five audited mutations make a chain 1..5.
  for (let i = 1; i <= 5; i++) {
    await createUser(t.ctx, { username: `user${i}`, displayName: `用户${i}`, role: 'reviewer', password: TEST_PASSWORD });
  }
  // The sealing those writes scheduled is cancelled (it would seal a test's records too), then done here.
  await stopSealing(t.database.db);
  await sealAudit(t.database.db, t.ctx.auditKey);
});
afterEach(() => t.close());

/** What an attacker with SQL access would do: get past the append-only trigger first. */
async function tamper(statement: string) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('alter table audit_log disable trigger audit_log_append_only'));
    await tx.execute(sql.raw(statement));
    await tx.execute(sql.raw('alter table audit_log enable trigger audit_log_append_only'));
  });
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain', async () => {
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result).toMatchObject({ ok: true, checked: 5, headSeq: 5, problems: [] });
  });

  it('is append-only: the database refuses updates and deletes, and any change but sealing to an unsealed record', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x' where seq = 2`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where seq = 2`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update audit_log set seq = 99, prev_hash = 'x' where seq = 2`)).rejects.toThrow();
    // Through a transaction's handle no sealing is scheduled, so the record is still outside the chain here.
    await t.database.db.transaction((tx) => recordAudit(tx, { ...t.ctx, db: tx as unknown as typeof t.ctx.db }, { action: 'test.unsealed', entityType: 'test' }));
    await expect(t.database.db.execute(sql`update audit_log set action = 'x' where action = 'test.unsealed'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update audit_log set seq = 6, prev_hash = 'x', action = 'x' where action = 'test.unsealed'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where action = 'test.unsealed'`)).rejects.toThrow();
  });

  it('writes records outside the chain and seals them in order; a record inserted without the key is never sealed', async () => {
    // Through the transaction's handle: no sealing is scheduled ~20 ms after the commit.
    await t.database.db.transaction(async (tx) => {
      const ctx = { ...t.ctx, db: tx as unknown as typeof t.ctx.db };
      await recordAudit(tx, ctx, { action: 'test.first', entityType: 'test', after: { n: 1 } });
      await recordAudit(tx, ctx, { action: 'test.second', entityType: 'test', after: { n: 2 } });
    });
    const unsealed = await t.database.db.execute(sql`select action from audit_log where seq is null order by id`);
    expect((unsealed as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['test.first', 'test.second']);
    // Someone with SQL access but not the key adds a record of their own.
    await t.database.db.execute(sql`insert into audit_log (at, action, entity_type, hash) values (now(), 'user.create', 'user', repeat('b', 64))`);
    // A verification under the wrong key seals nothing and changes nothing.
    const wrong = await verifyAudit(t.database.db, Buffer.from('another-key-another-key-another-key'));
    expect(wrong.ok).toBe(false);
    expect(await sealAudit(t.database.db, Buffer.from('another-key-another-key-another-key'))).toBe(0);
    expect(await sealAudit(t.database.db, t.ctx.auditKey)).toBe(2);
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result).toMatchObject({ ok: false, checked: 7, headSeq: 7, pending: 0 });
    expect(result.problems).toEqual([{ seq: 0, id: expect.any(Number), kind: 'inserted', message: expect.stringContaining('without a valid MAC') }]);
    const chained = await t.database.db.execute(sql`select seq, action from audit_log where seq > 5 order by seq`);
    expect((chained as unknown as { rows: { seq: number; action: string }[] }).rows.map((r) => [Number(r.seq), r.action])).toEqual([[6, 'test.first'], [7, 'test.second']]);
  });

  it('finds an edited record by position', async () => {
    await tamper(`update audit_log set after = jsonb_set(after, '{displayName}', '"改过"') where seq = 3`);
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ seq: 3, kind: 'edited', message: expect.any(String) }]);
  });

  it('finds an edit even when the attacker recomputes a plain sha256', async () => {
    await tamper(`update audit_log set actor_username = 'someone', hash = encode(sha256(convert_to(prev_hash || 'someone', 'UTF8')), 'hex') where seq = 2`);
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result.problems.map((p) => [p.seq, p.kind])).toContainEqual([2, 'edited']);
  });

  it('finds deleted records in the middle and at the end', async () => {
    await tamper('delete from audit_log where seq in (2, 3)');
    let result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result.problems).toEqual([{ seq: 2, kind: 'deleted', message: 'records 2–3 are missing' }]);
    await tamper('delete from audit_log where seq = 5');
    result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([[2, 'deleted'], [5, 'deleted']]);
  });

  it('finds an inserted record', async () => {
    await tamper(`insert into audit_log (seq, at, action, entity_type, prev_hash, hash)
      select 6, now(), 'user.create', 'user', hash, repeat('a', 64) from audit_log where seq = 5`);
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([[6, 'inserted']]);
  });

  it('rejects the chain under a different key', async () => {
    const result = await verifyAudit(t.database.db, Buffer.from('another-key-another-key-another-key'));
    expect(result.problems).toHaveLength(5);
    expect((await verifyAudit(t.database.db, t.ctx.auditKey)).ok).toBe(true);
  });

  it('lets bureau admins browse and filter the log, and verify it over the API', async () => {
    const admin = await t.as('bureau_admin');
    const all = await admin.get('/api/audit?pageSize=100');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(7); // 5 creations, the admin's creation, the admin's login
    const creates = await admin.get('/api/audit?action=user.create&pageSize=2');
    expect(creates.json()).toMatchObject({ total: 6 });
    expect(creates.json().items).toHaveLength(2);
    // Listing seals first: every committed record is shown with its place in the chain.
    expect(creates.json().items[0].seq).toBeGreaterThan(creates.json().items[1].seq);
    expect(creates.json().items[0]).not.toHaveProperty('hash');
    // The filter's days are Beijing days (the API reads from/to in Asia/Shanghai).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?from=2000-01-01&to=2000-01-02`)).json().total).toBe(0);
    expect((await admin.get(`/api/audit?actor=${admin.username}&from=${today}&to=${today}`)).json().total).toBe(1);
    const verify = await admin.get('/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, checked: 7 });
  });

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      createUser(t.ctx, { username: `par${i}`, displayName: `并发${i}`, role: 'reviewer', password: TEST_PASSWORD })));
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result).toMatchObject({ ok: true, checked: 25, headSeq: 25 });
  });

  it('chains correctly with records from another node and after a rolled-back write', async () => {
    // Another app node: its own handle on the same database (a distinct object, its own sealer).
    const other = { ...t.ctx, db: Object.create(t.ctx.db) as typeof t.ctx.db };
    await createUser(t.ctx, { username: 'node_a1', displayName: 'A1', role: 'reviewer', password: TEST_PASSWORD });
    await createUser(other, { username: 'node_b1', displayName: 'B1', role: 'reviewer', password: TEST_PASSWORD });
    await createUser(t.ctx, { username: 'node_a2', displayName: 'A2', role: 'reviewer', password: TEST_PASSWORD });
    await expect(t.ctx.db.transaction(async (tx) => {
      await recordAudit(tx, t.ctx, { action: 'test.rolled_back', entityType: 'test' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    await createUser(t.ctx, { username: 'node_a3', displayName: 'A3', role: 'reviewer', password: TEST_PASSWORD });
    const result = await verifyAudit(t.database.db, t.ctx.auditKey);
    expect(result).toMatchObject({ ok: true, checked: 9, headSeq: 9 });
    const actions = await t.database.db.execute(sql`select action from audit_log order by seq`);
    expect((actions as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).not.toContain('test.rolled_back');
  });
});
