// Reconciliation by fund, period and recipient, and its Excel export. The movement totals
// come from entry headers, the balances from lines: `balanced` cross-checks the two.
import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from '../../lib/exceljs.ts';
import { safeCell } from '../../server/xlsx.ts';
import type { Ctx } from '../../server/context.ts';
import { rows } from '../../server/db.ts';
import type { Locale } from '../../lib/i18n.ts';
import { fundBalances } from './funds.service.ts';
import type { Reconciliation, ReconciliationQuery } from './funds.schema.ts';

const n = (v: unknown) => Number(v ?? 0);

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function reconcile(ctx: Ctx, q: ReconciliationQuery): Promise<Reconciliation> {
  const from = q.from ?? null;
  const to = q.to ?? null;
  const fundFilter = q.fundId ? sql`and f.id = ${q.fundId}` : sql``;
  const fundList = await rows<{ id: string; code: string; name: string }>(ctx.db, sql`select f.id, f.code, f.name from funds f where true ${fundFilter} order by f.kind, f.code`);
  const ids = fundList.map((f) => f.id);
  const opening = from ? await fundBalances(ctx.db, ids, { to: dayBefore(from) }) : new Map();
  const closing = await fundBalances(ctx.db, ids, to ? { to } : {});
  const inPeriod = sql`${from ? sql`and e.value_date >= ${from}` : sql``} ${to ? sql`and e.value_date <= ${to}` : sql``}`;

  // Movements by the kind they belong to; a reversal counts against its original's kind.
  const moves = await rows<{ fund_id: string; kind: string; rev: boolean; v: string; c: number }>(ctx.db, sql`
    select e.fund_id, coalesce(o.kind, e.kind) as kind, e.kind = 'reversal' as rev, sum(e.amount_fen) as v, count(*)::int as c
    from ledger_entries e left join ledger_entries o on o.id = e.reverses_id
    join funds f on f.id = e.fund_id
    where true ${fundFilter} ${inPeriod}
    group by 1, 2, 3`);
  const unbalanced = await rows<{ id: string }>(ctx.db, sql`
    select e.id from ledger_entries e join funds f on f.id = e.fund_id
    left join ledger_lines l on l.entry_id = e.id
    where true ${fundFilter} group by e.id having coalesce(sum(l.amount_fen), 0) <> 0 or count(l.id) = 0`);

  const zero = { appropriatedFen: 0, availableFen: 0, allocatedFen: 0, paidFen: 0 };
  const fundsOut = fundList.map((f) => {
    const mv = { appropriatedFen: 0, allocatedFen: 0, releasedFen: 0, paidFen: 0, returnedFen: 0, reversedFen: 0 };
    let entries = 0;
    for (const m of moves.filter((x) => x.fund_id === f.id)) {
      const v = n(m.v) * (m.rev ? -1 : 1);
      entries += m.c;
      if (m.rev) mv.reversedFen += n(m.v);
      const key = ({ appropriation: 'appropriatedFen', allocation: 'allocatedFen', release: 'releasedFen', disbursement: 'paidFen', return: 'returnedFen' } as const)[m.kind as 'appropriation'];
      if (key) mv[key] += v;
    }
    const { pendingFen: _o, ...open } = opening.get(f.id) ?? { ...zero, pendingFen: 0 };
    const { pendingFen: _c, ...close } = closing.get(f.id) ?? { ...zero, pendingFen: 0 };
    const balanced = close.appropriatedFen === open.appropriatedFen + mv.appropriatedFen
      && close.paidFen === open.paidFen + mv.paidFen - mv.returnedFen
      && close.availableFen === open.availableFen + mv.appropriatedFen - mv.allocatedFen + mv.releasedFen + mv.returnedFen
      && close.allocatedFen === close.appropriatedFen - close.availableFen
      && !unbalanced.length;
    return { fundId: f.id, code: f.code, name: f.name, opening: open, movements: mv, closing: close, balanced, entries };
  });

  const recipientFilter = q.recipientId ? sql`and r.id = ${q.recipientId}` : sql``;
  const per = await rows<{
    fund_id: string; fund_code: string; recipient_id: string; ref: string; name: string; kind: string; district: string | null; county: string | null;
    opening_remaining: string; allocated: string; released: string; paid: string; returned: string; closing_remaining: string; closing_paid: string;
  }>(ctx.db, sql`
    select a.fund_id, f.code as fund_code, r.id as recipient_id, r.ref, r.name, r.kind, r.district, r.county,
      coalesce(sum(l.amount_fen) filter (where l.account = 'allocated' ${from ? sql`and e.value_date < ${from}` : sql`and false`}), 0) as opening_remaining,
      coalesce(sum(l.amount_fen) filter (where l.account = 'allocated' and coalesce(o.kind, e.kind) = 'allocation' ${inPeriod}), 0) as allocated,
      coalesce(-sum(l.amount_fen) filter (where l.account = 'allocated' and coalesce(o.kind, e.kind) = 'release' ${inPeriod}), 0) as released,
      coalesce(sum(l.amount_fen) filter (where l.account = 'paid' and coalesce(o.kind, e.kind) = 'disbursement' ${inPeriod}), 0) as paid,
      coalesce(-sum(l.amount_fen) filter (where l.account = 'paid' and coalesce(o.kind, e.kind) = 'return' ${inPeriod}), 0) as returned,
      coalesce(sum(l.amount_fen) filter (where l.account = 'allocated' ${to ? sql`and e.value_date <= ${to}` : sql``}), 0) as closing_remaining,
      coalesce(sum(l.amount_fen) filter (where l.account = 'paid' ${to ? sql`and e.value_date <= ${to}` : sql``}), 0) as closing_paid
    from ledger_lines l
    join ledger_entries e on e.id = l.entry_id
    left join ledger_entries o on o.id = e.reverses_id
    join fund_allocations a on a.id = l.allocation_id
    join fund_recipients r on r.id = a.recipient_id
    join funds f on f.id = a.fund_id
    where true ${fundFilter} ${recipientFilter}
    group by a.fund_id, f.code, f.kind, r.id, r.ref, r.name, r.kind, r.district, r.county
    order by f.kind, f.code, r.ref`);
  return {
    from, to,
    funds: fundsOut,
    recipients: per.map((p) => ({
      fundId: p.fund_id, fundCode: p.fund_code, recipientId: p.recipient_id, recipientRef: p.ref, recipientName: p.name, kind: p.kind as never,
      district: p.district, county: p.county, openingRemainingFen: n(p.opening_remaining), allocatedFen: n(p.allocated), releasedFen: n(p.released),
      paidFen: n(p.paid), returnedFen: n(p.returned), closingRemainingFen: n(p.closing_remaining), closingPaidFen: n(p.closing_paid),
    })),
    unbalancedEntries: unbalanced.map((u) => u.id),
  };
}

const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';

/** The reconciliation as a workbook: funds, recipients and a notes sheet. Amounts in yuan. */
export async function writeReconciliationWorkbook(ctx: Ctx, q: ReconciliationQuery, locale: Locale, out: Writable): Promise<void> {
  const r = await reconcile(ctx, q);
  const zh = locale === 'zh-CN';
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'Luchuang';
  const fundSheet = wb.addWorksheet(zh ? '资金汇总' : 'Funds', { views: [{ state: 'frozen', ySplit: 1 }] });
  fundSheet.columns = [
    { header: zh ? '资金编号' : 'Fund code', key: 'code', width: 18 },
    { header: zh ? '资金名称' : 'Fund', key: 'name', width: 36 },
    ...([
      ['openingAppropriated', '期初已拨入', 'Opening appropriated'], ['openingAvailable', '期初未分配', 'Opening unallocated'], ['openingPaid', '期初已拨付', 'Opening paid'],
      ['appropriated', '本期拨入', 'Appropriated'], ['allocated', '本期分配', 'Allocated'], ['released', '本期收回', 'Released'],
      ['paid', '本期拨付', 'Paid'], ['returned', '本期退回', 'Returned'], ['reversed', '本期冲销', 'Reversed'],
      ['closingAppropriated', '期末已拨入', 'Closing appropriated'], ['closingAllocated', '期末已分配', 'Closing allocated'],
      ['closingPaid', '期末已拨付', 'Closing paid'], ['closingAvailable', '期末未分配', 'Closing unallocated'],
    ] as const).map(([key, z, e]) => ({ header: `${zh ? z : e}${zh ? '（元）' : ' (CNY)'}`, key, width: 16, style: { numFmt: MONEY } })),
    { header: zh ? '分录数' : 'Entries', key: 'entries', width: 10 },
    { header: zh ? '平衡' : 'Balanced', key: 'balanced', width: 10 },
  ];
  fundSheet.getRow(1).font = { bold: true };
  for (const f of r.funds) {
    fundSheet.addRow({
      code: safeCell(f.code), name: safeCell(f.name),
      openingAppropriated: yuan(f.opening.appropriatedFen), openingAvailable: yuan(f.opening.availableFen), openingPaid: yuan(f.opening.paidFen),
      appropriated: yuan(f.movements.appropriatedFen), allocated: yuan(f.movements.allocatedFen), released: yuan(f.movements.releasedFen),
      paid: yuan(f.movements.paidFen), returned: yuan(f.movements.returnedFen), reversed: yuan(f.movements.reversedFen),
      closingAppropriated: yuan(f.closing.appropriatedFen), closingAllocated: yuan(f.closing.allocatedFen), closingPaid: yuan(f.closing.paidFen),
      closingAvailable: yuan(f.closing.availableFen), entries: f.entries, balanced: f.balanced ? (zh ? '是' : 'yes') : (zh ? '否' : 'NO'),
    }).commit();
  }
  fundSheet.commit();

  const recSheet = wb.addWorksheet(zh ? '项目明细' : 'Recipients', { views: [{ state: 'frozen', ySplit: 1 }] });
  recSheet.columns = [
    { header: zh ? '资金编号' : 'Fund code', key: 'fund', width: 18 },
    { header: zh ? '项目编号' : 'Reference', key: 'ref', width: 20 },
    { header: zh ? '项目（对象）' : 'Recipient', key: 'name', width: 36 },
    { header: zh ? '类型' : 'Kind', key: 'kind', width: 18 },
    { header: zh ? '区 / 县' : 'District / county', key: 'place', width: 14 },
    ...([
      ['openingRemaining', '期初未拨付', 'Opening unpaid'], ['allocated', '本期分配', 'Allocated'], ['released', '本期收回', 'Released'],
      ['paid', '本期拨付', 'Paid'], ['returned', '本期退回', 'Returned'], ['closingRemaining', '期末未拨付', 'Closing unpaid'], ['closingPaid', '累计拨付', 'Paid to date'],
    ] as const).map(([key, z, e]) => ({ header: `${zh ? z : e}${zh ? '（元）' : ' (CNY)'}`, key, width: 16, style: { numFmt: MONEY } })),
  ];
  recSheet.getRow(1).font = { bold: true };
  for (const p of r.recipients) {
    recSheet.addRow({
      fund: safeCell(p.fundCode), ref: safeCell(p.recipientRef), name: safeCell(p.recipientName), kind: p.kind, place: p.district ?? p.county ?? '',
      openingRemaining: yuan(p.openingRemainingFen), allocated: yuan(p.allocatedFen), released: yuan(p.releasedFen), paid: yuan(p.paidFen),
      returned: yuan(p.returnedFen), closingRemaining: yuan(p.closingRemainingFen), closingPaid: yuan(p.closingPaidFen),
    }).commit();
  }
  recSheet.commit();

  const notes = wb.addWorksheet(zh ? '说明' : 'Notes');
  notes.columns = [{ width: 24 }, { width: 80 }];
  const allBalanced = r.funds.every((f) => f.balanced) && r.unbalancedEntries.length === 0;
  for (const row of [
    [zh ? '期间' : 'Period', `${r.from ?? (zh ? '开始' : 'start')} — ${r.to ?? (zh ? '至今' : 'today')}`],
    [zh ? '生成时间' : 'Generated', ctx.now().toISOString()],
    [zh ? '对账结果' : 'Result', allBalanced ? (zh ? '全部平衡' : 'all balanced') : (zh ? `不平衡，异常分录：${r.unbalancedEntries.join(', ') || '见资金汇总'}` : `NOT balanced; entries: ${r.unbalancedEntries.join(', ') || 'see Funds'}`)],
    [zh ? '口径' : 'Basis', zh
      ? '金额单位：元（账内以分记）。冲销计入原分录类型（负数）。期末已分配 = 期末已拨入 − 期末未分配；平衡 = 期初 + 本期发生 = 期末，且每笔分录借贷相等。'
      : 'Amounts in yuan (the ledger keeps fen). Reversals count against their original kind. Closing allocated = closing appropriated − closing unallocated; balanced = opening + movements = closing and every entry\'s lines sum to zero.'],
  ]) notes.addRow(row).commit();
  notes.commit();
  await wb.commit();
}
