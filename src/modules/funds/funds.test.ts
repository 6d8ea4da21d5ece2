import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../lib/exceljs.ts';
import { rows } from '../../server/db.ts';
import type { Ctx } from '../../server/context.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import * as funds from './funds.service.ts';

type C = Awaited<ReturnType<TestApp['as']>>;
let t: TestApp;
let maker: C;
let checker: C;
let officer: C;

beforeAll(async () => {
  t = await createTestApp();
  maker = await t.as('bureau_admin');
  checker = await t.as('bureau_admin');
  officer = await t.as('district_officer');
});
afterAll(() => t.close());

let seq = 0;
const uniq = (p: string) => `${p}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;

async function newFund(rules: Record<string, unknown> = {}, kind = 'special') {
  const res = await maker.post('/api/funds', { code: uniq('F'), name: '测试专项资金', kind, sourceLevel: 'city', purpose: '测试', rules });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
}
async function newRecipient(extra: Record<string, unknown> = {}) {
  const res = await maker.post('/api/funds/recipients', { kind: 'project', ref: uniq('P'), name: '测试项目', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; ref: string };
}
async function appropriate(fundId: string, amountFen: number) {
  const res = await maker.post(`/api/funds/${fundId}/appropriations`, { amountFen, contributor: '市财政' });
  expect(res.statusCode, res.body).toBe(201);
}
async function allocate(fundId: string, recipientId: string, amountFen: number, use = 'rd_project') {
  return maker.post(`/api/funds/${fundId}/allocations`, { recipientId, amountFen, use });
}
async function balances(fundId: string) {
  return (await checker.get(`/api/funds/${fundId}`)).json().balances as { appropriatedFen: number; availableFen: number; allocatedFen: number; paidFen: number; pendingFen: number };
}
async function entryCount(fundId: string) {
  return (await checker.get(`/api/funds/${fundId}/entries`)).json().total as number;
}
function actorCtx(c: C): Ctx {
  return { ...t.ctx, system: false, actor: { userId: c.userId, username: c.username, role: 'bureau_admin', district: null, orgId: null } };
}

describe('funds ledger', () => {
  it('appropriates, allocates, pays with maker and checker, and derives every balance from entries', async () => {
    const f = await newFund();
    const p = await newRecipient();
    await appropriate(f.id, 1_000_000);
    const a = await allocate(f.id, p.id, 600_000);
    expect(a.statusCode, a.body).toBe(201);
    const allocationId = a.json().id;

    const req = await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 200_000, reference: 'PAY-0001' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json().status).toBe('pending');
    expect(await balances(f.id)).toEqual({ appropriatedFen: 1_000_000, availableFen: 400_000, allocatedFen: 600_000, paidFen: 0, pendingFen: 200_000 });

    const self = await maker.post(`/api/funds/disbursements/${req.json().id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('fund.self_approval');
    const ok = await checker.post(`/api/funds/disbursements/${req.json().id}/approve`, { note: '复核通过' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: checker.username, requestedBy: maker.username });
    expect(await balances(f.id)).toEqual({ appropriatedFen: 1_000_000, availableFen: 400_000, allocatedFen: 600_000, paidFen: 200_000, pendingFen: 0 });

    const alloc = (await checker.get(`/api/funds/allocations/${allocationId}`)).json();
    expect(alloc).toMatchObject({ allocatedFen: 600_000, remainingFen: 400_000, paidFen: 200_000, pendingFen: 0 });

    const entries = (await checker.get(`/api/funds/${f.id}/entries`)).json();
    expect(entries.items.map((e: { kind: string }) => e.kind)).toEqual(['disbursement', 'allocation', 'appropriation']);
    for (const e of entries.items) expect(e.lines.reduce((s: number, l: { amountFen: number }) => s + l.amountFen, 0)).toBe(0);
    expect(entries.items[0]).toMatchObject({ postedBy: checker.username, approvedBy: checker.username, reference: 'PAY-0001' });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const f = await newFund();
    const p = await newRecipient();
    await appropriate(f.id, 100_000);
    const allocationId = (await allocate(f.id, p.id, 60_000)).json().id;
    const before = { b: await balances(f.id), n: await entryCount(f.id) };
    const same = async () => expect({ b: await balances(f.id), n: await entryCount(f.id) }).toEqual(before);

    for (const amountFen of [0, -5, 1.5]) {
      const r = await maker.post(`/api/funds/${f.id}/appropriations`, { amountFen, contributor: '市财政' });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('request.validation');
      expect(r.json().errors[0].path).toContain('amountFen');
    }
    const over = await allocate(f.id, p.id, 40_001);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'fund.over_appropriation' });
    expect(over.json().detail).toContain('40000');
    await same();
    // Exactly what is left is fine (the edge).
    const edge = await allocate(f.id, p.id, 40_000);
    expect(edge.statusCode, edge.body).toBe(201);
    await maker.post(`/api/funds/entries/${(await checker.get(`/api/funds/${f.id}/entries`)).json().items[0].id}/reversal`, { memo: '测试冲销' });

    const overPay = await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 60_001, reference: uniq('R') });
    expect(overPay.json().code).toBe('fund.over_allocation');
    const d = await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 10_000, reference: 'DUP-1' });
    expect(d.statusCode).toBe(201);
    const dup = await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 10_000, reference: 'DUP-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('fund.reference_taken');
    // Pending requests hold their amount: 50,000 left, not 60,000.
    expect((await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 50_001, reference: uniq('R') })).json().code).toBe('fund.over_allocation');

    // The maker may correct a pending request; once posted it cannot be edited.
    const edit = await maker.patch(`/api/funds/disbursements/${d.json().id}`, { amountFen: 12_000 });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await checker.patch(`/api/funds/disbursements/${d.json().id}`, { amountFen: 1 })).json().code).toBe('fund.not_maker');
    expect((await checker.post(`/api/funds/disbursements/${d.json().id}/approve`, {})).statusCode).toBe(200);
    const posted = await maker.patch(`/api/funds/disbursements/${d.json().id}`, { amountFen: 1 });
    expect(posted.statusCode).toBe(409);
    expect(posted.json().code).toBe('fund.entry_posted');
    expect((await checker.post(`/api/funds/disbursements/${d.json().id}/approve`, {})).json().code).toBe('fund.entry_posted');
    // A returned reference cannot be used for a payment either.
    expect((await maker.post(`/api/funds/allocations/${allocationId}/returns`, { amountFen: 1_000, reference: 'DUP-1' })).json().code).toBe('fund.reference_taken');

    // A closed project takes no more money, but may give some back.
    expect((await maker.post(`/api/funds/recipients/${p.id}/close`, {})).json().status).toBe('closed');
    const closedPay = await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 1, reference: uniq('R') });
    expect(closedPay.statusCode).toBe(409);
    expect(closedPay.json().code).toBe('fund.recipient_closed');
    expect((await allocate(f.id, p.id, 1)).json().code).toBe('fund.recipient_closed');
    const ret = await maker.post(`/api/funds/allocations/${allocationId}/returns`, { amountFen: 2_000, reference: uniq('RET') });
    expect(ret.statusCode, ret.body).toBe(201);
    expect((await maker.post(`/api/funds/allocations/${allocationId}/returns`, { amountFen: 10_001, reference: uniq('RET') })).json().code).toBe('fund.return_exceeds_paid');
    const rel = await maker.post(`/api/funds/allocations/${allocationId}/releases`, { amountFen: 48_000 });
    expect(rel.statusCode, rel.body).toBe(201);
    expect(await balances(f.id)).toEqual({ appropriatedFen: 100_000, availableFen: 90_000, allocatedFen: 10_000, paidFen: 10_000, pendingFen: 0 });
  });

  it('a pending payment cannot be approved after its project closes, nor by its maker, and can be rejected or withdrawn', async () => {
    const f = await newFund();
    const p = await newRecipient();
    await appropriate(f.id, 10_000);
    const allocationId = (await allocate(f.id, p.id, 10_000)).json().id;
    const d1 = (await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 1_000, reference: uniq('R') })).json();
    const d2 = (await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 1_000, reference: uniq('R') })).json();
    expect((await maker.post(`/api/funds/disbursements/${d1.id}/reject`, {})).json().code).toBe('fund.self_approval');
    expect((await checker.post(`/api/funds/disbursements/${d1.id}/cancel`, {})).json().code).toBe('fund.not_maker');
    expect((await checker.post(`/api/funds/disbursements/${d1.id}/reject`, { note: '材料不全' })).json().status).toBe('rejected');
    expect((await checker.post(`/api/funds/disbursements/${d1.id}/approve`, {})).json().code).toBe('fund.disbursement_not_pending');
    await maker.post(`/api/funds/recipients/${p.id}/close`, {});
    expect((await checker.post(`/api/funds/disbursements/${d2.id}/approve`, {})).json().code).toBe('fund.recipient_closed');
    const cancel = await maker.post(`/api/funds/disbursements/${d2.id}/cancel`, {});
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    expect((await balances(f.id)).paidFen).toBe(0);
    const queue = (await officer.get(`/api/funds/disbursements?fundId=${f.id}`)).json();
    expect(queue.items.map((x: { status: string }) => x.status).sort()).toEqual(['cancelled', 'rejected']);
  });

  it('reverses entries instead of editing them, and refuses reversals that would overspend', async () => {
    const f = await newFund();
    const p = await newRecipient();
    await appropriate(f.id, 50_000);
    const allocationId = (await allocate(f.id, p.id, 30_000)).json().id;
    const d = (await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 30_000, reference: uniq('R') })).json();
    await checker.post(`/api/funds/disbursements/${d.id}/approve`, {});
    const list = (await checker.get(`/api/funds/${f.id}/entries`)).json().items as { id: string; kind: string }[];
    const byKind = Object.fromEntries(list.map((e) => [e.kind, e.id]));
    // The allocation has been paid out: reversing it would make "allocated" negative.
    const blocked = await maker.post(`/api/funds/entries/${byKind.allocation}/reversal`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('fund.reversal_blocked');
    // Reverse the payment first, then the allocation.
    const r1 = await maker.post(`/api/funds/entries/${byKind.disbursement}/reversal`, { memo: '退票' });
    expect(r1.statusCode, r1.body).toBe(201);
    expect((await maker.post(`/api/funds/entries/${byKind.disbursement}/reversal`, {})).json().code).toBe('fund.entry_reversed');
    expect((await maker.post(`/api/funds/entries/${r1.json().id}/reversal`, {})).json().code).toBe('fund.entry_not_reversible');
    expect((await maker.post(`/api/funds/entries/${byKind.allocation}/reversal`, {})).statusCode).toBe(201);
    // The appropriation can now be reversed too; balances go back to zero, entries stay.
    expect((await maker.post(`/api/funds/entries/${byKind.appropriation}/reversal`, {})).statusCode).toBe(201);
    expect(await balances(f.id)).toEqual({ appropriatedFen: 0, availableFen: 0, allocatedFen: 0, paidFen: 0, pendingFen: 0 });
    const after = (await checker.get(`/api/funds/${f.id}/entries`)).json();
    expect(after.total).toBe(6);
    expect(after.items.find((e: { id: string }) => e.id === byKind.disbursement).reversedById).toBe(r1.json().id);
    // The reference of a reversed payment stays used.
    expect((await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 1, reference: d.reference })).json().code).toBe('fund.reference_taken');
  });

  it('the database itself refuses to edit or delete a posted entry, or to post an unbalanced one', async () => {
    const f = await newFund();
    await appropriate(f.id, 1_000);
    await expect(t.database.db.execute(sql`update ledger_entries set amount_fen = 1 where fund_id = ${f.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update ledger_lines set amount_fen = amount_fen * 2 where fund_id = ${f.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from ledger_entries where fund_id = ${f.id}`)).rejects.toThrow();
    await expect(t.database.db.transaction(async (tx) => {
      const [e] = await rows<{ id: string }>(tx, sql`insert into ledger_entries (fund_id, kind, amount_fen, value_date, posted_at, posted_by)
        values (${f.id}, 'appropriation', 5, '2026-01-01', now(), 'x') returning id`);
      await tx.execute(sql`insert into ledger_lines (entry_id, fund_id, account, amount_fen) values (${e.id}, ${f.id}, 'available', 5)`);
    })).rejects.toThrow();
    expect(await balances(f.id)).toMatchObject({ appropriatedFen: 1_000, availableFen: 1_000 });
  });

  it('applies management rules as data: eligible uses, recipient kinds, caps per project and per county', async () => {
    const f = await newFund({ eligibleUses: ['county_project'], recipientKinds: ['county_project'], capPerRecipientFen: 5_000, capPerCountyFen: 8_000 });
    await appropriate(f.id, 100_000);
    const p1 = await newRecipient({ kind: 'county_project', county: 'changting' });
    const p2 = await newRecipient({ kind: 'county_project', county: 'changting' });
    const other = await newRecipient({ kind: 'project' });
    expect((await allocate(f.id, p1.id, 100, 'rd_project')).json().code).toBe('fund.use_not_eligible');
    expect((await allocate(f.id, other.id, 100, 'county_project')).json().code).toBe('fund.recipient_kind_not_eligible');
    expect((await allocate(f.id, p1.id, 5_000, 'county_project')).statusCode).toBe(201);
    const cap = await allocate(f.id, p1.id, 1, 'county_project');
    expect(cap.json().code).toBe('fund.cap_exceeded');
    expect(cap.json().detail).toContain('单个项目上限');
    expect((await allocate(f.id, p2.id, 3_000, 'county_project')).statusCode).toBe(201);
    expect((await allocate(f.id, p2.id, 1, 'county_project')).json().code).toBe('fund.cap_exceeded');
    const en = await maker.request({ method: 'POST', url: `/api/funds/${f.id}/allocations`, payload: { recipientId: p2.id, amountFen: 1, use: 'county_project' }, headers: { 'accept-language': 'en-US' } });
    expect(en.json().detail).toContain('per-county cap');
  });

  it('caps fiscal support of a collective project at 10 % of its investment, across funds', async () => {
    const f1 = await newFund({}, 'village_collective');
    const f2 = await newFund({}, 'village_collective');
    await appropriate(f1.id, 1_000_000);
    await appropriate(f2.id, 1_000_000);
    const p = await newRecipient({ kind: 'collective_project', investmentFen: 1_234_567, district: 'jimei' });
    // 10 % of 1,234,567 fen is 123,456.7: the cap is 123,456 fen.
    expect((await allocate(f1.id, p.id, 100_000, 'collective_project')).statusCode).toBe(201);
    const over = await allocate(f2.id, p.id, 23_457, 'collective_project');
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'fund.support_above_share' });
    expect(over.json().detail).toContain('10%');
    expect((await allocate(f2.id, p.id, 23_456, 'collective_project')).statusCode).toBe(201);
    expect((await allocate(f1.id, p.id, 1, 'collective_project')).json().code).toBe('fund.support_above_share');
    const noInvestment = await newRecipient({ kind: 'collective_project' });
    expect((await allocate(f1.id, noInvestment.id, 1, 'collective_project')).json().code).toBe('fund.support_above_share');
  });

  it('reconciles by fund, period and recipient, and exports it to Excel', async () => {
    const base = actorCtx(maker);
    const ctxAt = (c: C, d: string) => ({ ...actorCtx(c), now: () => new Date(`${d}T04:00:00Z`) });
    const f = await funds.createFund(base, { code: uniq('REC'), name: '对账测试资金', kind: 'special', sourceLevel: 'city', purpose: '对账' });
    const r = await funds.createRecipient(base, { kind: 'project', ref: uniq('RP'), name: '对账项目' });
    await funds.appropriate(ctxAt(maker, '2025-01-15'), f.id, { amountFen: 500_000, contributor: '市财政' });
    const { allocation } = await funds.allocate(ctxAt(maker, '2025-02-01'), f.id, { recipientId: r.id, amountFen: 300_000, use: 'x' });
    const d = await funds.requestDisbursement(ctxAt(maker, '2025-03-01'), allocation.id, { amountFen: 100_000, reference: uniq('REC') });
    await funds.approveDisbursement(ctxAt(checker, '2025-03-02'), d.id);
    await funds.recordReturn(ctxAt(maker, '2025-04-05'), allocation.id, { amountFen: 10_000, reference: uniq('RET') });

    const all = (await officer.get(`/api/funds/reconciliation?fundId=${f.id}`)).json();
    expect(all.funds[0]).toMatchObject({ balanced: true, entries: 4, closing: { appropriatedFen: 500_000, availableFen: 210_000, allocatedFen: 290_000, paidFen: 90_000 } });
    const march = (await officer.get(`/api/funds/reconciliation?fundId=${f.id}&from=2025-03-01&to=2025-03-31`)).json();
    expect(march.funds[0]).toMatchObject({
      balanced: true, entries: 1,
      opening: { appropriatedFen: 500_000, availableFen: 200_000, allocatedFen: 300_000, paidFen: 0 },
      movements: { appropriatedFen: 0, allocatedFen: 0, paidFen: 100_000, returnedFen: 0 },
      closing: { paidFen: 100_000, availableFen: 200_000 },
    });
    expect(march.recipients).toEqual([expect.objectContaining({ recipientId: r.id, openingRemainingFen: 300_000, paidFen: 100_000, closingRemainingFen: 200_000, closingPaidFen: 100_000 })]);
    const timeline = (await officer.get(`/api/funds/${f.id}/timeline`)).json();
    expect(timeline.map((m: { month: string }) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(timeline.at(-1)).toEqual({ month: '2025-04', appropriatedFen: 500_000, allocatedFen: 290_000, paidFen: 90_000, availableFen: 210_000 });

    const xlsx = await officer.get(`/api/funds/reconciliation.xlsx?fundId=${f.id}&from=2025-03-01&to=2025-03-31`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.getWorksheet('资金汇总')!;
    expect(sheet.getRow(2).getCell(1).value).toBe(f.code);
    expect(sheet.getRow(2).getCell(9).value).toBe(1000); // paid in March, in yuan
    expect(sheet.getRow(2).getCell(17).value).toBe('是');
    expect(wb.getWorksheet('项目明细')!.getRow(2).getCell(3).value).toBe('对账项目');
  });

  it('audits every mutation', async () => {
    const f = await newFund();
    const p = await newRecipient();
    await appropriate(f.id, 1_000);
    const allocationId = (await allocate(f.id, p.id, 1_000)).json().id;
    const d = (await maker.post(`/api/funds/allocations/${allocationId}/disbursements`, { amountFen: 500, reference: uniq('R') })).json();
    await checker.post(`/api/funds/disbursements/${d.id}/approve`, {});
    const actions = await rows<{ action: string; actor_username: string }>(t.database.db, sql`select action, actor_username from audit_log where action like 'fund.%' and (entity_id = ${d.id} or entity_id = ${allocationId} or entity_id = ${f.id} or entity_id = ${p.id})`);
    expect(actions.map((a) => a.action).sort()).toEqual(['fund.allocate', 'fund.create', 'fund.disbursement.approve', 'fund.disbursement.request', 'fund.recipient.create']);
    expect(actions.find((a) => a.action === 'fund.disbursement.approve')!.actor_username).toBe(checker.username);
  });

  it('lets district officers read but not write', async () => {
    const f = await newFund();
    expect((await officer.get('/api/funds')).statusCode).toBe(200);
    expect((await officer.post(`/api/funds/${f.id}/appropriations`, { amountFen: 1, contributor: '思明区' })).statusCode).toBe(403);
  });
});

describe('funds ledger under concurrency', () => {
  it('100 concurrent payment requests and approvals against one allocation never overspend it', async () => {
    const mctx = actorCtx(maker);
    const cctx = actorCtx(checker);
    const f = await funds.createFund(mctx, { code: uniq('CC'), name: '并发测试资金', kind: 'special', sourceLevel: 'city', purpose: '并发' });
    const r = await funds.createRecipient(mctx, { kind: 'project', ref: uniq('CCP'), name: '并发项目' });
    await funds.appropriate(mctx, f.id, { amountFen: 5_000, contributor: '市财政' });
    const { allocation } = await funds.allocate(mctx, f.id, { recipientId: r.id, amountFen: 1_000, use: 'x' });

    // 100 requests of 30 fen against 1,000: exactly 33 fit.
    const requests = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => funds.requestDisbursement(mctx, allocation.id, { amountFen: 30, reference: `CC-${f.code}-${i}` })));
    const accepted = requests.filter((x) => x.status === 'fulfilled').map((x) => (x as PromiseFulfilledResult<{ id: string }>).value.id);
    const refused = requests.filter((x) => x.status === 'rejected').map((x) => ((x as PromiseRejectedResult).reason as { code?: string }).code);
    expect(accepted).toHaveLength(33);
    expect(new Set(refused)).toEqual(new Set(['fund.over_allocation']));

    // Approve every accepted request twice over, concurrently: each is posted exactly once.
    const approvals = await Promise.allSettled([...accepted, ...accepted].map((id) => funds.approveDisbursement(cctx, id)));
    expect(approvals.filter((x) => x.status === 'fulfilled')).toHaveLength(33);
    const b = (await funds.fundBalances(t.database.db, [f.id])).get(f.id)!;
    expect(b).toEqual({ appropriatedFen: 5_000, availableFen: 4_000, allocatedFen: 1_000, paidFen: 990, pendingFen: 0 });

    // 100 direct concurrent payments of 7 fen against the 10 fen left: only one.
    const more = await Promise.allSettled(Array.from({ length: 100 }, async (_, i) => {
      const d = await funds.requestDisbursement(mctx, allocation.id, { amountFen: 7, reference: `CC2-${f.code}-${i}` });
      return funds.approveDisbursement(cctx, d.id);
    }));
    expect(more.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const [paid] = await rows<{ paid: string; remaining: string }>(t.database.db, sql`select
      coalesce(sum(amount_fen) filter (where account = 'paid'), 0) as paid, coalesce(sum(amount_fen) filter (where account = 'allocated'), 0) as remaining
      from ledger_lines where allocation_id = ${allocation.id}`);
    expect({ paid: Number(paid.paid), remaining: Number(paid.remaining) }).toEqual({ paid: 997, remaining: 3 });
  }, 120_000);

  it('100 concurrent allocations never exceed the appropriation, and duplicate references race to one winner', async () => {
    const mctx = actorCtx(maker);
    const f = await funds.createFund(mctx, { code: uniq('CA'), name: '并发分配资金', kind: 'special', sourceLevel: 'city', purpose: '并发' });
    const r = await funds.createRecipient(mctx, { kind: 'project', ref: uniq('CAP'), name: '并发分配项目' });
    await funds.appropriate(mctx, f.id, { amountFen: 100, contributor: '市财政' });
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => funds.allocate(mctx, f.id, { recipientId: r.id, amountFen: 7, use: 'x' })));
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(14);
    expect((await funds.fundBalances(t.database.db, [f.id])).get(f.id)).toMatchObject({ availableFen: 2, allocatedFen: 98 });

    const f2 = await funds.createFund(mctx, { code: uniq('CB'), name: '并发凭证资金', kind: 'special', sourceLevel: 'city', purpose: '并发' });
    await funds.appropriate(mctx, f2.id, { amountFen: 100, contributor: '市财政' });
    const a1 = (await funds.allocate(mctx, f.id, { recipientId: r.id, amountFen: 2, use: 'x' })).allocation;
    const a2 = (await funds.allocate(mctx, f2.id, { recipientId: r.id, amountFen: 100, use: 'x' })).allocation;
    // Two funds (two different locks) racing for one reference: the unique key decides.
    const ref = uniq('SAME');
    const race = await Promise.allSettled([a1, a2, a2, a1].map((a) => funds.requestDisbursement(mctx, a.id, { amountFen: 1, reference: ref })));
    expect(race.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(new Set(race.filter((x) => x.status === 'rejected').map((x) => ((x as PromiseRejectedResult).reason as { code?: string }).code))).toEqual(new Set(['fund.reference_taken']));
  }, 120_000);
});

describe('funds demo data', () => {
  it('seeds the letter\'s mountain–sea figures with their source, a balanced synthetic ledger and a queue for the checker', async () => {
    const s = await createTestApp();
    try {
      const { seedDemo } = await import('../../seed/demo.ts');
      const summary = await seedDemo(s.ctx);
      expect(summary).toMatch(/6 funds/);
      const all = await funds.listFunds(s.ctx);
      const city = all.find((f) => f.code === 'MS-CITY-2025')!;
      expect(city.balances.appropriatedFen).toBe(100_000_000 * 100);
      expect(city.source).toMatchObject({ docNo: '厦科函〔2025〕84号', indicator: 'mountain_sea_city_funds' });
      expect(city.synthetic).toBe(false);
      expect(all.find((f) => f.code === 'MS-DISTRICT-2025')!.balances.appropriatedFen).toBe(61_000_000 * 100);
      expect(all.filter((f) => f.synthetic).map((f) => f.code).sort()).toEqual(['TECH-PROJ-2025', 'VC-SUPPORT-2025', 'XYB-SUBSIDY-2025']);
      const { reconcile } = await import('./funds.report.ts');
      const r = await reconcile(s.ctx, {});
      expect(r.funds.every((f) => f.balanced)).toBe(true);
      expect(r.unbalancedEntries).toEqual([]);
      const queue = await funds.listDisbursements(s.ctx, { status: 'pending' });
      expect(queue.total).toBeGreaterThan(2);
      // Collective projects stay within 10 % of their investment.
      for (const p of await funds.listRecipients(s.ctx, { kind: 'collective_project' })) expect(p.allocatedFen * 10).toBeLessThanOrEqual(p.investmentFen!);
      // Mountain–sea agreements: demo records, one per county, committing the letter's totals; every county project under one.
      const { listAgreements } = await import('./agreements.ts');
      const ags = await listAgreements(s.ctx);
      expect(ags).toHaveLength(7);
      expect(ags.every((a) => a.synthetic && a.status === 'active')).toBe(true);
      expect(ags.reduce((x, a) => x + a.committedCityFen, 0)).toBe(100_000_000 * 100);
      expect(ags.reduce((x, a) => x + a.committedDistrictFen, 0)).toBe(61_000_000 * 100);
      expect(ags.every((a) => a.projects === 2 && a.city.uncommittedFen >= 0 && a.districtSide.uncommittedFen >= 0)).toBe(true);
      expect((await funds.listRecipients(s.ctx, { kind: 'county_project' })).every((r) => r.agreementId)).toBe(true);
      const { villageRollup } = await import('./villages.ts');
      const roll = await villageRollup(s.ctx, {});
      expect(roll.city.villages).toBe(319);
      expect(roll.year).toBe(2024);
      const { listVentureFunds } = await import('./ventures.ts');
      const ventures = await listVentureFunds(s.ctx);
      const subs = ventures.filter((v) => v.kind === 'sub_fund');
      expect(subs).toHaveLength(8);
      expect(subs.every((v) => v.example)).toBe(true);
      expect(subs.reduce((a, v) => a + v.sizeFen, 0)).toBe(1_917_000_000 * 100);
      expect(ventures.find((v) => v.code === 'TIF-XM-2025')).toMatchObject({ sizeFen: 50_000_000_000 * 100, example: false });
      expect(await seedDemo(s.ctx)).toBe('nothing to do');
    } finally {
      await s.close();
    }
  }, 120_000);
});
