// The funds ledger: plain service functions over a double-entry ledger in fen.
//
// Concurrency: every function that posts to a fund first locks that fund's row (SELECT … FOR
// UPDATE) inside its transaction, then reads balances and checks the invariants. On PostgreSQL
// in READ COMMITTED each statement after the lock sees everything committed before the lock
// was granted, so two payments against one allocation are checked one after the other and can
// never both spend the same money. PGlite runs one transaction at a time anyway. Caps that span
// funds (a collective project's 10 %) also lock the recipient row. Lock order is always
// fund → recipient → audit head, so these writers cannot deadlock each other.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { rows, type Tx, isUniqueViolation } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import {
  disbursements, fundAllocations, fundRecipients, funds, ledgerEntries, ledgerLines, ledgerReferences, msAgreements,
  type Allocation, type AllocationCreate, type AppropriationCreate, type Balances, type Disbursement, type DisbursementCreate,
  type Entry, type Fund, type FundCreate, type FundRules, FundRulesSchema, type RecipientCreate, type SourceRef,
  ENTRY_KINDS, ACCOUNTS,
} from './funds.schema.ts';

type FundRow = typeof funds.$inferSelect;
type RecipientRow = typeof fundRecipients.$inferSelect;
type AllocationRow = typeof fundAllocations.$inferSelect;
type DisbursementRow = typeof disbursements.$inferSelect;
type Account = (typeof ACCOUNTS)[number];
type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * Fiscal support to a village collective project: at most 10 % of its investment, whatever
 * fund pays it. Source: 厦科函〔2025〕84号 (2025-05-20), indicator collective_subsidy_cap.
 */
export const COLLECTIVE_SUPPORT_CAP_BP = 1000;
export const COLLECTIVE_SUPPORT_CAP_SOURCE: SourceRef = {
  title: '厦门市科学技术局关于市十六届人大五次会议第0161号建议办理情况答复的函',
  docNo: '厦科函〔2025〕84号', date: '2025-05-20', indicator: 'collective_subsidy_cap',
};

// ---------- small helpers ----------

/** The booking date: today in Beijing, from the server clock (never the caller's). */
export function bookingDate(ctx: Ctx): string {
  return new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function actorName(ctx: Ctx): string {
  return ctx.actor?.username ?? 'system';
}

/** Who is acting, for the four-eyes rule: system work counts as one actor. */
function actorKey(ctx: Ctx): string {
  return ctx.actor?.userId ?? 'system';
}

const n = (v: unknown): number => Number(v ?? 0);

function assertPositive(amountFen: number) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new AppError('fund.amount_not_positive');
}

async function lockFund(tx: Tx, fundId: string): Promise<FundRow> {
  const [row] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
  if (!row) throw new AppError('fund.not_found');
  return row;
}

async function lockRecipient(tx: Tx, id: string): Promise<RecipientRow> {
  const [row] = await tx.select().from(fundRecipients).where(eq(fundRecipients.id, id)).for('update');
  if (!row) throw new AppError('fund.recipient_not_found');
  return row;
}

async function allocationRow(tx: Tx | Ctx['db'], id: string): Promise<AllocationRow> {
  const [row] = await tx.select().from(fundAllocations).where(eq(fundAllocations.id, id));
  if (!row) throw new AppError('fund.allocation_not_found');
  return row;
}

/** Sum of one account's lines (of one allocation, for allocated/paid). */
async function balance(tx: Tx, fundId: string, account: Account, allocationId?: string): Promise<number> {
  const [r] = await tx.select({ v: sql<string>`coalesce(sum(${ledgerLines.amountFen}), 0)` }).from(ledgerLines)
    .where(and(eq(ledgerLines.fundId, fundId), eq(ledgerLines.account, account), allocationId ? eq(ledgerLines.allocationId, allocationId) : undefined));
  return n(r.v);
}

async function pendingOn(tx: Tx, allocationId: string, exceptId?: string): Promise<number> {
  const [r] = await tx.select({ v: sql<string>`coalesce(sum(${disbursements.amountFen}), 0)` }).from(disbursements)
    .where(and(eq(disbursements.allocationId, allocationId), eq(disbursements.status, 'pending'), exceptId ? sql`${disbursements.id} <> ${exceptId}` : undefined));
  return n(r.v);
}

interface PostInput {
  fundId: string;
  kind: EntryKind;
  amountFen: number;
  allocationId?: string | null;
  reversesId?: string | null;
  reference?: string | null;
  contributor?: string | null;
  source?: SourceRef | null;
  memo?: string | null;
  approvedBy?: string | null;
  lines: { account: Account; allocationId?: string | null; amountFen: number }[];
}

/** Inserts one balanced entry and its lines. Callers hold the fund lock and audit. */
async function postEntry(tx: Tx, ctx: Ctx, e: PostInput) {
  if (e.lines.reduce((s, l) => s + l.amountFen, 0) !== 0) throw new Error('unbalanced ledger entry');
  const [entry] = await tx.insert(ledgerEntries).values({
    fundId: e.fundId, kind: e.kind, amountFen: e.amountFen, allocationId: e.allocationId ?? null, reversesId: e.reversesId ?? null,
    reference: e.reference ?? null, contributor: e.contributor ?? null, source: e.source ?? null, memo: e.memo ?? null,
    valueDate: bookingDate(ctx), postedAt: ctx.now(), postedBy: actorName(ctx), approvedBy: e.approvedBy ?? null,
  }).returning();
  await tx.insert(ledgerLines).values(e.lines.map((l) => ({ entryId: entry.id, fundId: e.fundId, account: l.account, allocationId: l.allocationId ?? null, amountFen: l.amountFen })));
  return entry;
}

/** Claims a payment reference for good (disbursements and returns share one namespace). */
async function claimReference(tx: Tx, ctx: Ctx, reference: string, usedFor: 'disbursement' | 'return') {
  const [taken] = await tx.select().from(ledgerReferences).where(eq(ledgerReferences.reference, reference));
  if (taken) throw new AppError('fund.reference_taken', { reference });
  await tx.insert(ledgerReferences).values({ reference, usedFor, at: ctx.now() });
}

/** Runs a ledger transaction; a unique-key race on a reference becomes the same clear error. */
async function ledgerTx<T>(ctx: Ctx, reference: string | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (e) {
    if (reference && !(e instanceof AppError) && isUniqueViolation(e)) throw new AppError('fund.reference_taken', { reference });
    throw e;
  }
}

// ---------- balances ----------

const ZERO: Balances = { appropriatedFen: 0, availableFen: 0, allocatedFen: 0, paidFen: 0, pendingFen: 0 };

/** Balances of the given funds (all when ids is omitted), from their lines only. */
export async function fundBalances(db: Ctx['db'] | Tx, ids?: string[], opts: { to?: string } = {}): Promise<Map<string, Balances>> {
  const where = and(ids ? inArray(ledgerLines.fundId, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
    opts.to ? sql`${ledgerLines.entryId} in (select id from ledger_entries where value_date <= ${opts.to})` : undefined);
  const sums = await db.select({ fundId: ledgerLines.fundId, account: ledgerLines.account, v: sql<string>`sum(${ledgerLines.amountFen})` })
    .from(ledgerLines).where(where).groupBy(ledgerLines.fundId, ledgerLines.account);
  const pending = opts.to ? [] : await db.select({ fundId: disbursements.fundId, v: sql<string>`sum(${disbursements.amountFen})` })
    .from(disbursements).where(and(eq(disbursements.status, 'pending'), ids ? inArray(disbursements.fundId, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined))
    .groupBy(disbursements.fundId);
  const out = new Map<string, Balances>();
  const get = (id: string) => out.get(id) ?? out.set(id, { ...ZERO }).get(id)!;
  for (const s of sums) {
    const b = get(s.fundId);
    const v = n(s.v);
    if (s.account === 'source') b.appropriatedFen = -v;
    else if (s.account === 'available') b.availableFen = v;
    else if (s.account === 'paid') b.paidFen = v;
  }
  for (const b of out.values()) b.allocatedFen = b.appropriatedFen - b.availableFen;
  for (const p of pending) get(p.fundId).pendingFen = n(p.v);
  return out;
}

/** Per allocation: remaining (allocated, unpaid), paid, pending. */
async function allocationBalances(db: Ctx['db'] | Tx, allocationIds: string[]) {
  const out = new Map<string, { remainingFen: number; paidFen: number; pendingFen: number }>();
  if (!allocationIds.length) return out;
  for (const id of allocationIds) out.set(id, { remainingFen: 0, paidFen: 0, pendingFen: 0 });
  const sums = await db.select({ id: ledgerLines.allocationId, account: ledgerLines.account, v: sql<string>`sum(${ledgerLines.amountFen})` })
    .from(ledgerLines).where(inArray(ledgerLines.allocationId, allocationIds)).groupBy(ledgerLines.allocationId, ledgerLines.account);
  for (const s of sums) {
    const b = out.get(s.id!)!;
    if (s.account === 'allocated') b.remainingFen = n(s.v);
    if (s.account === 'paid') b.paidFen = n(s.v);
  }
  const pending = await db.select({ id: disbursements.allocationId, v: sql<string>`sum(${disbursements.amountFen})` })
    .from(disbursements).where(and(inArray(disbursements.allocationId, allocationIds), eq(disbursements.status, 'pending'))).groupBy(disbursements.allocationId);
  for (const p of pending) out.get(p.id)!.pendingFen = n(p.v);
  return out;
}

// ---------- funds ----------

function toFund(r: FundRow, b: Balances | undefined): Fund {
  return {
    id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, sourceLevel: r.sourceLevel, district: r.district,
    purpose: r.purpose, rules: FundRulesSchema.parse(r.rules), source: r.source ?? null, synthetic: r.synthetic, balances: b ?? { ...ZERO },
  };
}

export async function createFund(ctx: Ctx, input: FundCreate, opts: { synthetic?: boolean } = {}): Promise<Fund> {
  const rules = FundRulesSchema.parse(input.rules ?? {});
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: funds.id }).from(funds).where(eq(funds.code, input.code));
    if (taken) throw new AppError('fund.code_taken', { code: input.code });
    const [row] = await tx.insert(funds).values({
      code: input.code, name: input.name, nameEn: input.nameEn ?? null, kind: input.kind, sourceLevel: input.sourceLevel,
      district: input.district ?? null, purpose: input.purpose, rules, source: input.source ?? null, synthetic: opts.synthetic ?? false,
      createdAt: ctx.now(),
    }).returning();
    const fund = toFund(row, undefined);
    await recordAudit(tx, ctx, { action: 'fund.create', entityType: 'fund', entityId: row.id, after: fund });
    return fund;
  });
}

export async function listFunds(ctx: Ctx, q: { kind?: string } = {}): Promise<Fund[]> {
  const list = await ctx.db.select().from(funds).where(q.kind ? eq(funds.kind, q.kind as never) : undefined).orderBy(funds.kind, funds.code);
  const b = await fundBalances(ctx.db, list.map((f) => f.id));
  return list.map((f) => toFund(f, b.get(f.id)));
}

export async function getFund(ctx: Ctx, id: string): Promise<Fund> {
  const [row] = await ctx.db.select().from(funds).where(eq(funds.id, id));
  if (!row) throw new AppError('fund.not_found');
  return toFund(row, (await fundBalances(ctx.db, [id])).get(id));
}

export async function fundByCode(ctx: Ctx, code: string): Promise<Fund> {
  const [row] = await ctx.db.select({ id: funds.id }).from(funds).where(eq(funds.code, code));
  if (!row) throw new AppError('fund.not_found');
  return getFund(ctx, row.id);
}

// ---------- recipients (projects, counties, collective projects, sub-funds) ----------

export async function createRecipient(ctx: Ctx, input: RecipientCreate & { villageId?: string; agreementId?: string }, opts: { synthetic?: boolean; tx?: Tx } = {}) {
  const work = async (tx: Tx) => {
    const [taken] = await tx.select({ id: fundRecipients.id }).from(fundRecipients).where(eq(fundRecipients.ref, input.ref));
    if (taken) throw new AppError('fund.recipient_ref_taken', { ref: input.ref });
    let orgId: string | null = null;
    if (input.orgUscc) {
      const [org] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.uscc, input.orgUscc.toUpperCase()));
      if (!org) throw new AppError('org.not_found', { uscc: input.orgUscc });
      orgId = org.id;
    }
    const [row] = await tx.insert(fundRecipients).values({
      kind: input.kind, ref: input.ref, name: input.name, district: input.district ?? null, county: input.county ?? null, orgId,
      villageId: input.villageId ?? null, agreementId: input.agreementId ?? null, investmentFen: input.investmentFen ?? null,
      operator: input.operator ?? null, synthetic: opts.synthetic ?? false, createdAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'fund.recipient.create', entityType: 'fund_recipient', entityId: row.id, after: row });
    return row;
  };
  return opts.tx ? work(opts.tx) : ctx.db.transaction(work);
}

/** The recipient with this outside reference, created when missing (for other modules). */
export async function ensureRecipient(ctx: Ctx, input: RecipientCreate): Promise<RecipientRow> {
  const [row] = await ctx.db.select().from(fundRecipients).where(eq(fundRecipients.ref, input.ref));
  return row ?? createRecipient(ctx, input);
}

/** Closes a project: no further allocations or payments (returns and releases still work). */
export async function closeRecipient(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockRecipient(tx, id);
    if (row.status === 'closed') return row;
    const [updated] = await tx.update(fundRecipients).set({ status: 'closed', closedAt: ctx.now() }).where(eq(fundRecipients.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'fund.recipient.close', entityType: 'fund_recipient', entityId: id, before: { status: row.status }, after: { status: 'closed' } });
    return updated;
  });
}

export async function closeRecipientByRef(ctx: Ctx, ref: string) {
  const [row] = await ctx.db.select({ id: fundRecipients.id }).from(fundRecipients).where(eq(fundRecipients.ref, ref));
  if (!row) throw new AppError('fund.recipient_not_found');
  return closeRecipient(ctx, row.id);
}

export async function listRecipients(ctx: Ctx, q: { kind?: string; status?: string; district?: string } = {}) {
  const where = and(
    q.kind ? eq(fundRecipients.kind, q.kind as never) : undefined,
    q.status ? eq(fundRecipients.status, q.status as never) : undefined,
    q.district ? eq(fundRecipients.district, q.district as never) : undefined,
  );
  const list = await ctx.db.select().from(fundRecipients).where(where).orderBy(fundRecipients.kind, fundRecipients.ref);
  const totals = await recipientTotals(ctx.db, list.map((r) => r.id));
  return list.map((r) => ({
    id: r.id, kind: r.kind, ref: r.ref, name: r.name, district: r.district, county: r.county, orgId: r.orgId, villageId: r.villageId,
    agreementId: r.agreementId, investmentFen: r.investmentFen, operator: r.operator, status: r.status, synthetic: r.synthetic,
    allocatedFen: totals.get(r.id)?.allocatedFen ?? 0, paidFen: totals.get(r.id)?.paidFen ?? 0,
  }));
}

/** Net allocated (allocated + paid lines) and paid, per recipient, over all funds. */
export async function recipientTotals(db: Ctx['db'] | Tx, ids: string[]) {
  const out = new Map<string, { allocatedFen: number; paidFen: number }>();
  if (!ids.length) return out;
  const sums = await db.select({
    id: fundAllocations.recipientId,
    allocated: sql<string>`coalesce(sum(${ledgerLines.amountFen}), 0)`,
    paid: sql<string>`coalesce(sum(${ledgerLines.amountFen}) filter (where ${ledgerLines.account} = 'paid'), 0)`,
  }).from(ledgerLines).innerJoin(fundAllocations, eq(fundAllocations.id, ledgerLines.allocationId))
    .where(inArray(fundAllocations.recipientId, ids)).groupBy(fundAllocations.recipientId);
  for (const s of sums) out.set(s.id, { allocatedFen: n(s.allocated), paidFen: n(s.paid) });
  return out;
}

/** Net allocated to a recipient (optionally from one fund only, or to a county within a fund). */
async function netAllocated(tx: Tx, where: SQL): Promise<number> {
  const [r] = await tx.select({ v: sql<string>`coalesce(sum(${ledgerLines.amountFen}), 0)` }).from(ledgerLines)
    .innerJoin(fundAllocations, eq(fundAllocations.id, ledgerLines.allocationId))
    .innerJoin(fundRecipients, eq(fundRecipients.id, fundAllocations.recipientId))
    .where(where);
  return n(r.v);
}

// ---------- appropriations ----------

export async function appropriate(ctx: Ctx, fundId: string, input: AppropriationCreate) {
  assertPositive(input.amountFen);
  return ctx.db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    const entry = await postEntry(tx, ctx, {
      fundId, kind: 'appropriation', amountFen: input.amountFen, contributor: input.contributor, source: input.source ?? null, memo: input.memo ?? null,
      lines: [{ account: 'available', amountFen: input.amountFen }, { account: 'source', amountFen: -input.amountFen }],
    });
    await recordAudit(tx, ctx, { action: 'fund.appropriate', entityType: 'ledger_entry', entityId: entry.id, after: { fund: fund.code, ...entryAudit(entry) } });
    return entry;
  });
}

function entryAudit(e: typeof ledgerEntries.$inferSelect) {
  return { kind: e.kind, amountFen: e.amountFen, allocationId: e.allocationId, reversesId: e.reversesId, reference: e.reference, contributor: e.contributor, valueDate: e.valueDate, memo: e.memo };
}

// ---------- allocations ----------

/** Checks a new allocation against the fund's management rules and the collective-project cap. */
async function checkRules(tx: Tx, fund: FundRow, recipient: RecipientRow, use: string, amountFen: number) {
  const rules: FundRules = FundRulesSchema.parse(fund.rules);
  if (rules.recipientKinds.length && !rules.recipientKinds.includes(recipient.kind)) {
    throw new AppError('fund.recipient_kind_not_eligible', { kind: recipient.kind });
  }
  if (rules.eligibleUses.length && !rules.eligibleUses.includes(use)) {
    throw new AppError('fund.use_not_eligible', { use, eligible: rules.eligibleUses.join(', ') });
  }
  const inFund = eq(fundAllocations.fundId, fund.id);
  if (rules.capPerRecipientFen !== undefined) {
    const current = await netAllocated(tx, and(inFund, eq(fundAllocations.recipientId, recipient.id))!);
    if (current + amountFen > rules.capPerRecipientFen) {
      throw new AppError('fund.cap_exceeded', { cap: { zh: '单个项目上限', en: 'the per-project cap' }, limit: rules.capPerRecipientFen, current, amount: amountFen });
    }
  }
  if (rules.capPerCountyFen !== undefined && recipient.county) {
    const current = await netAllocated(tx, and(inFund, eq(fundRecipients.county, recipient.county))!);
    if (current + amountFen > rules.capPerCountyFen) {
      throw new AppError('fund.cap_exceeded', { cap: { zh: '单个县（市、区）上限', en: 'the per-county cap' }, limit: rules.capPerCountyFen, current, amount: amountFen });
    }
  }
  const shareCaps: { bp: number; where: SQL }[] = [];
  if (rules.maxShareOfInvestmentBp !== undefined) shareCaps.push({ bp: rules.maxShareOfInvestmentBp, where: and(inFund, eq(fundAllocations.recipientId, recipient.id))! });
  // A collective project's fiscal support is capped across every fund that pays it.
  if (recipient.kind === 'collective_project') shareCaps.push({ bp: COLLECTIVE_SUPPORT_CAP_BP, where: eq(fundAllocations.recipientId, recipient.id) });
  if (recipient.agreementId) await checkCommitment(tx, fund, recipient.agreementId, amountFen);
  for (const cap of shareCaps) {
    const investment = recipient.investmentFen ?? 0;
    const limit = Math.floor((investment * cap.bp) / 10_000);
    const current = await netAllocated(tx, cap.where);
    if (current + amountFen > limit) {
      throw new AppError('fund.support_above_share', { percent: cap.bp / 100, investment, limit, current, amount: amountFen });
    }
  }
}

/**
 * A project under a mountain–sea agreement: the agreement must be active, and what city-level
 * (district-level) funds allocate to its projects stays within the city (district) commitment.
 * The agreement row is locked after the fund and the recipient, so two funds of one level
 * allocating to one agreement at once are checked one after the other.
 */
async function checkCommitment(tx: Tx, fund: FundRow, agreementId: string, amountFen: number) {
  const [agreement] = await tx.select().from(msAgreements).where(eq(msAgreements.id, agreementId)).for('update');
  if (!agreement) throw new AppError('fund.agreement_not_found');
  if (agreement.status !== 'active') throw new AppError('fund.agreement_not_active', { code: agreement.code, status: agreement.status });
  if (fund.sourceLevel === 'provincial') return;
  const limit = fund.sourceLevel === 'city' ? agreement.committedCityFen : agreement.committedDistrictFen;
  const current = await netAllocated(tx, and(eq(fundRecipients.agreementId, agreementId),
    sql`${fundAllocations.fundId} in (select id from funds where source_level = ${fund.sourceLevel})`)!);
  if (current + amountFen > limit) {
    throw new AppError('fund.over_commitment', {
      code: agreement.code, side: fund.sourceLevel === 'city' ? { zh: '市级', en: 'city' } : { zh: '区级', en: 'district' }, limit, current, amount: amountFen,
    });
  }
}

export async function allocate(ctx: Ctx, fundId: string, input: AllocationCreate) {
  assertPositive(input.amountFen);
  return ctx.db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    const recipient = await lockRecipient(tx, input.recipientId);
    if (recipient.status === 'closed') throw new AppError('fund.recipient_closed', { name: recipient.name });
    await checkRules(tx, fund, recipient, input.use, input.amountFen);
    const available = await balance(tx, fundId, 'available');
    if (input.amountFen > available) throw new AppError('fund.over_appropriation', { amount: input.amountFen, available });
    const [allocation] = await tx.insert(fundAllocations).values({
      fundId, recipientId: recipient.id, use: input.use, note: input.note ?? null, createdAt: ctx.now(), createdBy: actorName(ctx),
    }).returning();
    const entry = await postEntry(tx, ctx, {
      fundId, kind: 'allocation', amountFen: input.amountFen, allocationId: allocation.id, memo: input.note ?? null,
      lines: [{ account: 'allocated', allocationId: allocation.id, amountFen: input.amountFen }, { account: 'available', amountFen: -input.amountFen }],
    });
    await recordAudit(tx, ctx, { action: 'fund.allocate', entityType: 'fund_allocation', entityId: allocation.id, after: { fund: fund.code, recipient: recipient.ref, use: input.use, entryId: entry.id, amountFen: input.amountFen } });
    return { allocation, entry };
  });
}

/** Gives back the unpaid part of an allocation to the fund (e.g. after a project closes). */
export async function release(ctx: Ctx, allocationId: string, input: { amountFen: number; memo?: string }) {
  assertPositive(input.amountFen);
  const a = await allocationRow(ctx.db, allocationId);
  return ctx.db.transaction(async (tx) => {
    await lockFund(tx, a.fundId);
    const remaining = (await balance(tx, a.fundId, 'allocated', a.id)) - (await pendingOn(tx, a.id));
    if (input.amountFen > remaining) throw new AppError('fund.release_exceeds_remaining', { amount: input.amountFen, remaining });
    const entry = await postEntry(tx, ctx, {
      fundId: a.fundId, kind: 'release', amountFen: input.amountFen, allocationId: a.id, memo: input.memo ?? null,
      lines: [{ account: 'available', amountFen: input.amountFen }, { account: 'allocated', allocationId: a.id, amountFen: -input.amountFen }],
    });
    await recordAudit(tx, ctx, { action: 'fund.release', entityType: 'ledger_entry', entityId: entry.id, after: entryAudit(entry) });
    return entry;
  });
}

/** Money paid out and sent back by the recipient: it returns to the fund's available balance. */
export async function recordReturn(ctx: Ctx, allocationId: string, input: { amountFen: number; reference: string; memo?: string }) {
  assertPositive(input.amountFen);
  const a = await allocationRow(ctx.db, allocationId);
  return ledgerTx(ctx, input.reference, async (tx) => {
    await lockFund(tx, a.fundId);
    const paid = await balance(tx, a.fundId, 'paid', a.id);
    if (input.amountFen > paid) throw new AppError('fund.return_exceeds_paid', { amount: input.amountFen, paid });
    await claimReference(tx, ctx, input.reference, 'return');
    const entry = await postEntry(tx, ctx, {
      fundId: a.fundId, kind: 'return', amountFen: input.amountFen, allocationId: a.id, reference: input.reference, memo: input.memo ?? null,
      lines: [{ account: 'available', amountFen: input.amountFen }, { account: 'paid', allocationId: a.id, amountFen: -input.amountFen }],
    });
    await recordAudit(tx, ctx, { action: 'fund.return', entityType: 'ledger_entry', entityId: entry.id, after: entryAudit(entry) });
    return entry;
  });
}

async function allocationViews(db: Ctx['db'] | Tx, where: SQL | undefined): Promise<Allocation[]> {
  const list = await db.select({ a: fundAllocations, fundCode: funds.code, r: fundRecipients }).from(fundAllocations)
    .innerJoin(funds, eq(funds.id, fundAllocations.fundId)).innerJoin(fundRecipients, eq(fundRecipients.id, fundAllocations.recipientId))
    .where(where).orderBy(desc(fundAllocations.createdAt), fundAllocations.id);
  const b = await allocationBalances(db, list.map((x) => x.a.id));
  return list.map(({ a, fundCode, r }) => {
    const x = b.get(a.id)!;
    return {
      id: a.id, fundId: a.fundId, fundCode, recipientId: r.id, recipientRef: r.ref, recipientName: r.name, recipientStatus: r.status,
      use: a.use, note: a.note, createdAt: a.createdAt.toISOString(), createdBy: a.createdBy,
      allocatedFen: x.remainingFen + x.paidFen, remainingFen: x.remainingFen, paidFen: x.paidFen, pendingFen: x.pendingFen,
    };
  });
}

export async function listAllocations(ctx: Ctx, q: { fundId?: string; recipientId?: string }) {
  return allocationViews(ctx.db, and(q.fundId ? eq(fundAllocations.fundId, q.fundId) : undefined, q.recipientId ? eq(fundAllocations.recipientId, q.recipientId) : undefined));
}

export async function getAllocation(ctx: Ctx, id: string): Promise<Allocation> {
  const [a] = await allocationViews(ctx.db, eq(fundAllocations.id, id));
  if (!a) throw new AppError('fund.allocation_not_found');
  return a;
}

// ---------- payments: maker requests, a different checker approves ----------

async function disbursementViews(db: Ctx['db'] | Tx, where: SQL | undefined, page?: { limit: number; offset: number }): Promise<Disbursement[]> {
  const q = db.select({ d: disbursements, fundCode: funds.code, fundName: funds.name, recipientRef: fundRecipients.ref, recipientName: fundRecipients.name })
    .from(disbursements).innerJoin(funds, eq(funds.id, disbursements.fundId))
    .innerJoin(fundAllocations, eq(fundAllocations.id, disbursements.allocationId))
    .innerJoin(fundRecipients, eq(fundRecipients.id, fundAllocations.recipientId))
    .where(where).orderBy(desc(disbursements.requestedAt), disbursements.id);
  const list = page ? await q.limit(page.limit).offset(page.offset) : await q;
  return list.map(({ d, ...x }) => ({
    id: d.id, fundId: d.fundId, fundCode: x.fundCode, fundName: x.fundName, allocationId: d.allocationId, recipientRef: x.recipientRef, recipientName: x.recipientName,
    reference: d.reference, amountFen: d.amountFen, payee: d.payee, memo: d.memo, status: d.status, requestedBy: d.requestedBy, requestedAt: d.requestedAt.toISOString(),
    decidedBy: d.decidedBy, decidedAt: d.decidedAt?.toISOString() ?? null, decisionNote: d.decisionNote, entryId: d.entryId,
  }));
}

export async function getDisbursement(ctx: Ctx, id: string): Promise<Disbursement> {
  const [d] = await disbursementViews(ctx.db, eq(disbursements.id, id));
  if (!d) throw new AppError('fund.disbursement_not_found');
  return d;
}

export async function listDisbursements(ctx: Ctx, q: { status?: string; fundId?: string; page?: number; pageSize?: number }) {
  const where = and(q.status ? eq(disbursements.status, q.status as never) : undefined, q.fundId ? eq(disbursements.fundId, q.fundId) : undefined);
  const pageSize = q.pageSize ?? 50;
  const [items, [{ total }]] = await Promise.all([
    disbursementViews(ctx.db, where, { limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize }),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(disbursements).where(where),
  ]);
  return { total, items };
}

/** The maker's step: a payment request that holds its amount until a checker decides. */
export async function requestDisbursement(ctx: Ctx, allocationId: string, input: DisbursementCreate): Promise<Disbursement> {
  assertPositive(input.amountFen);
  const a = await allocationRow(ctx.db, allocationId);
  const id = await ledgerTx(ctx, input.reference, async (tx) => {
    await lockFund(tx, a.fundId);
    const [recipient] = await tx.select().from(fundRecipients).where(eq(fundRecipients.id, a.recipientId));
    if (recipient.status === 'closed') throw new AppError('fund.recipient_closed', { name: recipient.name });
    await claimReference(tx, ctx, input.reference, 'disbursement');
    const remaining = (await balance(tx, a.fundId, 'allocated', a.id)) - (await pendingOn(tx, a.id));
    if (input.amountFen > remaining) throw new AppError('fund.over_allocation', { amount: input.amountFen, remaining });
    const [d] = await tx.insert(disbursements).values({
      fundId: a.fundId, allocationId: a.id, reference: input.reference, amountFen: input.amountFen, payee: input.payee ?? recipient.name,
      memo: input.memo ?? null, requestedById: ctx.actor?.userId ?? null, requestedBy: actorName(ctx), requestedAt: ctx.now(),
    }).returning();
    await recordAudit(tx, ctx, { action: 'fund.disbursement.request', entityType: 'disbursement', entityId: d.id, after: d });
    return d.id;
  });
  return getDisbursement(ctx, id);
}

async function lockPending(tx: Tx, id: string): Promise<DisbursementRow> {
  const [d] = await tx.select().from(disbursements).where(eq(disbursements.id, id));
  if (!d) throw new AppError('fund.disbursement_not_found');
  await lockFund(tx, d.fundId);
  // Re-read under the fund lock: another checker may have decided it meanwhile.
  const [fresh] = await tx.select().from(disbursements).where(eq(disbursements.id, id)).for('update');
  if (fresh.status !== 'pending') {
    // An approved request is a posted entry: editing it is refused the same way.
    throw new AppError(fresh.status === 'approved' ? 'fund.entry_posted' : 'fund.disbursement_not_pending', { status: fresh.status });
  }
  return fresh;
}

/** The maker may correct a request before it is decided; a posted payment cannot be edited. */
export async function updateDisbursement(ctx: Ctx, id: string, patch: { amountFen?: number; reference?: string; payee?: string; memo?: string }) {
  if (patch.amountFen !== undefined) assertPositive(patch.amountFen);
  await ledgerTx(ctx, patch.reference ?? null, async (tx) => {
    const d = await lockPending(tx, id);
    if (d.requestedById !== (ctx.actor?.userId ?? null)) throw new AppError('fund.not_maker');
    if (patch.amountFen !== undefined) {
      const remaining = (await balance(tx, d.fundId, 'allocated', d.allocationId)) - (await pendingOn(tx, d.allocationId, d.id));
      if (patch.amountFen > remaining) throw new AppError('fund.over_allocation', { amount: patch.amountFen, remaining });
    }
    if (patch.reference !== undefined && patch.reference !== d.reference) {
      await claimReference(tx, ctx, patch.reference, 'disbursement');
      // The old reference was never paid with; it stays claimed anyway, so it is never reused.
    }
    const [updated] = await tx.update(disbursements).set({
      amountFen: patch.amountFen ?? d.amountFen, reference: patch.reference ?? d.reference, payee: patch.payee ?? d.payee, memo: patch.memo ?? d.memo,
    }).where(eq(disbursements.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'fund.disbursement.update', entityType: 'disbursement', entityId: id, before: d, after: updated });
  });
  return getDisbursement(ctx, id);
}

/** The checker's step: a different person approves, and the payment is posted to the ledger. */
export async function approveDisbursement(ctx: Ctx, id: string, input: { note?: string } = {}): Promise<Disbursement> {
  await ctx.db.transaction(async (tx) => {
    const d = await lockPending(tx, id);
    if ((d.requestedById ?? 'system') === actorKey(ctx)) throw new AppError('fund.self_approval');
    const a = await allocationRow(tx, d.allocationId);
    const [recipient] = await tx.select().from(fundRecipients).where(eq(fundRecipients.id, a.recipientId));
    if (recipient.status === 'closed') throw new AppError('fund.recipient_closed', { name: recipient.name });
    const remaining = await balance(tx, d.fundId, 'allocated', a.id);
    if (d.amountFen > remaining) throw new AppError('fund.over_allocation', { amount: d.amountFen, remaining });
    const entry = await postEntry(tx, ctx, {
      fundId: d.fundId, kind: 'disbursement', amountFen: d.amountFen, allocationId: a.id, reference: d.reference, memo: d.memo, approvedBy: actorName(ctx),
      lines: [{ account: 'paid', allocationId: a.id, amountFen: d.amountFen }, { account: 'allocated', allocationId: a.id, amountFen: -d.amountFen }],
    });
    const [updated] = await tx.update(disbursements).set({
      status: 'approved', decidedById: ctx.actor?.userId ?? null, decidedBy: actorName(ctx), decidedAt: ctx.now(), decisionNote: input.note ?? null, entryId: entry.id,
    }).where(eq(disbursements.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'fund.disbursement.approve', entityType: 'disbursement', entityId: id, before: { status: d.status }, after: { status: updated.status, entryId: entry.id, amountFen: d.amountFen, reference: d.reference } });
  });
  return getDisbursement(ctx, id);
}

/** A checker refuses (not the maker), or the maker withdraws (cancelled); nothing is posted. */
export async function decideAgainst(ctx: Ctx, id: string, action: 'reject' | 'cancel', input: { note?: string } = {}): Promise<Disbursement> {
  await ctx.db.transaction(async (tx) => {
    const d = await lockPending(tx, id);
    const isMaker = (d.requestedById ?? 'system') === actorKey(ctx);
    if (action === 'reject' && isMaker) throw new AppError('fund.self_approval');
    if (action === 'cancel' && !isMaker) throw new AppError('fund.not_maker');
    const status = action === 'reject' ? 'rejected' as const : 'cancelled' as const;
    await tx.update(disbursements).set({ status, decidedById: ctx.actor?.userId ?? null, decidedBy: actorName(ctx), decidedAt: ctx.now(), decisionNote: input.note ?? null })
      .where(eq(disbursements.id, id));
    await recordAudit(tx, ctx, { action: `fund.disbursement.${action}`, entityType: 'disbursement', entityId: id, before: { status: d.status }, after: { status, note: input.note ?? null } });
  });
  return getDisbursement(ctx, id);
}

// ---------- reversals ----------

/**
 * Posts the mirror image of an entry. Refused when it would leave any balance negative (e.g.
 * reversing an allocation that has since been paid from): reverse the later entries first.
 */
export async function reverseEntry(ctx: Ctx, entryId: string, input: { memo?: string } = {}) {
  const [original] = await ctx.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
  if (!original) throw new AppError('fund.entry_not_found');
  if (original.kind === 'reversal') throw new AppError('fund.entry_not_reversible');
  return ctx.db.transaction(async (tx) => {
    await lockFund(tx, original.fundId);
    const [already] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.reversesId, entryId));
    if (already) throw new AppError('fund.entry_reversed');
    const lines = await tx.select().from(ledgerLines).where(eq(ledgerLines.entryId, entryId));
    const entry = await postEntry(tx, ctx, {
      fundId: original.fundId, kind: 'reversal', amountFen: original.amountFen, allocationId: original.allocationId, reversesId: original.id,
      reference: null, memo: input.memo ?? null,
      lines: lines.map((l) => ({ account: l.account, allocationId: l.allocationId, amountFen: -l.amountFen })),
    });
    for (const l of lines) {
      let value = await balance(tx, original.fundId, l.account, l.allocationId ?? undefined);
      if (l.account === 'allocated') value -= await pendingOn(tx, l.allocationId!);
      const negative = l.account === 'source' ? value > 0 : value < 0;
      if (negative) throw new AppError('fund.reversal_blocked', { account: l.account, balance: l.account === 'source' ? -value : value });
    }
    await recordAudit(tx, ctx, { action: 'fund.reverse', entityType: 'ledger_entry', entityId: entry.id, before: entryAudit(original), after: entryAudit(entry) });
    return entry;
  });
}

// ---------- reading the ledger ----------

export async function listEntries(ctx: Ctx, fundId: string, q: { kind?: string; allocationId?: string; page: number; pageSize: number }) {
  await getFund(ctx, fundId);
  const where = and(eq(ledgerEntries.fundId, fundId), q.kind ? eq(ledgerEntries.kind, q.kind as never) : undefined, q.allocationId ? eq(ledgerEntries.allocationId, q.allocationId) : undefined);
  const [list, [{ total }]] = await Promise.all([
    ctx.db.select({ e: ledgerEntries, recipientName: fundRecipients.name }).from(ledgerEntries)
      .leftJoin(fundAllocations, eq(fundAllocations.id, ledgerEntries.allocationId))
      .leftJoin(fundRecipients, eq(fundRecipients.id, fundAllocations.recipientId))
      .where(where).orderBy(desc(ledgerEntries.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(ledgerEntries).where(where),
  ]);
  const ids = list.map((x) => x.e.id);
  const lines = ids.length ? await ctx.db.select().from(ledgerLines).where(inArray(ledgerLines.entryId, ids)).orderBy(ledgerLines.id) : [];
  const reversals = ids.length ? await ctx.db.select({ id: ledgerEntries.id, of: ledgerEntries.reversesId }).from(ledgerEntries).where(inArray(ledgerEntries.reversesId, ids)) : [];
  const reversedBy = new Map(reversals.map((r) => [r.of, r.id]));
  const items: Entry[] = list.map(({ e, recipientName }) => ({
    id: e.id, seq: e.seq, fundId: e.fundId, kind: e.kind, amountFen: e.amountFen, allocationId: e.allocationId, recipientName,
    reversesId: e.reversesId, reversedById: reversedBy.get(e.id) ?? null, reference: e.reference, contributor: e.contributor, source: e.source ?? null,
    memo: e.memo, valueDate: e.valueDate, postedAt: e.postedAt.toISOString(), postedBy: e.postedBy, approvedBy: e.approvedBy,
    lines: lines.filter((l) => l.entryId === e.id).map((l) => ({ account: l.account, allocationId: l.allocationId, amountFen: l.amountFen })),
  }));
  return { total, items };
}

/** Month-end balances over time (appropriated, allocated, paid, available), cumulative. */
export async function fundTimeline(ctx: Ctx, fundId: string) {
  await getFund(ctx, fundId);
  const sums = await rows<{ month: string; account: Account; v: string }>(ctx.db, sql`
    select to_char(e.value_date, 'YYYY-MM') as month, l.account, sum(l.amount_fen) as v
    from ledger_lines l join ledger_entries e on e.id = l.entry_id
    where l.fund_id = ${fundId} group by 1, 2 order by 1`);
  const months = [...new Set(sums.map((s) => s.month))].sort();
  const acc = { source: 0, available: 0, allocated: 0, paid: 0 };
  return months.map((month) => {
    for (const s of sums.filter((x) => x.month === month)) acc[s.account] += n(s.v);
    const appropriatedFen = -acc.source;
    return { month, appropriatedFen, allocatedFen: appropriatedFen - acc.available, paidFen: acc.paid, availableFen: acc.available };
  });
}
