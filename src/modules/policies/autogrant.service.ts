// 免申即享 (auto-grant): one benefit as of a date over every organisation in the registry, listed
// with amounts and explanations, pro-rated to the budget, compared with the last approved batch,
// approved by a second person, and sent to each organisation's inbox. Also the "you now qualify"
// alerts and the yearly totals.
import type { Writable } from 'node:stream';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import ExcelJS from '../../lib/exceljs.ts';
import { fmt } from '../../rules/engine.ts';
import { evaluateAll } from '../../rules/index.ts';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { arrayLiteral } from '../../lib/pg-array.ts';
import { columnRows, hasPool, type Db, type Tx } from '../../server/db.ts';
import { safeCell } from '../../server/xlsx.ts';
import { letterFigure, LETTER } from '../../reference/letter.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { factsDocOf, orgBundleChunks, orgBundles } from '../registry/registry.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { NATIONAL_BENEFITS, type BenefitOutcome, type NationalCode } from './national.ts';
import { evaluateBenefit } from './benefit.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { grantBatches, grants, noticeOptOuts, orgNotices, type BenefitResult } from './policies.schema.ts';
import { benefitDecider, decideLoaded, evaluateLoaded, factsRead, loadBenefits, namesRead, namesReadBy, tiersRead, type LoadedBenefit } from './policies.service.ts';
import { fiscalYearOf, sectionOfDivision, type Vars } from './variables.ts';

const CHUNK = 2_000;
/**
 * Organisations per chunk of a projected read, and grants per insert: a chunk's grants go to the
 * database as one statement, which it writes while this thread evaluates the next chunk (written
 * in pieces, each piece waited for a turn of the event loop, after the whole next chunk).
 */
const PROJECTED_CHUNK = 10_000;

/** The benefit and everything its condition reads through `benefit.<code>`, dependencies first. */
export function withDependencies(all: LoadedBenefit[], code: string): LoadedBenefit[] {
  const need = new Set<string>();
  const add = (c: string) => {
    if (need.has(c)) return;
    need.add(c);
    const l = all.find((x) => x.row.code === c);
    for (const r of l?.refs ?? []) add(r);
  };
  add(code);
  return all.filter((l) => need.has(l.row.code));
}

/** The variables a grant was decided on (those its condition and formula read), as JSON text: it is kept until written, the object need not be. */
function snapshotOf(target: LoadedBenefit, vars: Vars, doc: ReturnType<typeof factsDocOf>, year: number): string {
  if (!target.version) return JSON.stringify({ fiscalYear: year, facts: doc.years.find((y) => y.fiscalYear === year) ?? null, qualifications: doc.qualifications, industryCode: doc.org.industryCode ?? null, kind: doc.org.kind });
  const { condition, formula } = namesRead(target.version);
  const snapshot: Vars = {};
  for (const n of condition) if (n in vars) snapshot[n] = vars[n] ?? null;
  for (const n of formula) snapshot[n] = vars[n] ?? null;
  return JSON.stringify(snapshot);
}

const share = (amount: number, budget: number, total: number) => Number((BigInt(amount) * BigInt(budget)) / BigInt(total));

interface GrantRow { orgId: string; change: string; amount: number; amountBeforeBudget: number; previousAmount: number | null; snapshot: string }

async function insertGrants(tx: Tx, batchId: string, list: readonly GrantRow[]) {
  for (let i = 0; i < list.length; i += PROJECTED_CHUNK) {
    const part = list.slice(i, i + PROJECTED_CHUNK);
    const column = (f: (r: GrantRow) => string | number | null) => arrayLiteral(part.map(f));
    await tx.execute(sql`insert into grants (batch_id, org_id, change, amount, amount_before_budget, previous_amount, snapshot)
      select ${batchId}::uuid, org_id, change, amount, amount_before_budget, previous_amount, snapshot
      from ${columnRows([
        ['org_id', 'uuid', column((r) => r.orgId)], ['change', 'text', column((r) => r.change)], ['amount', 'int8', column((r) => r.amount)],
        ['amount_before_budget', 'int8', column((r) => r.amountBeforeBudget)], ['previous_amount', 'int8', column((r) => r.previousAmount)],
      ], ['snapshot', 'json', `[${part.map((r) => r.snapshot).join(',')}]`])}`);
  }
}

const changeOf = (previous: number | undefined, amount: number) => (previous === undefined ? 'new' : previous === amount ? 'same' : 'changed');

/**
 * Runs one benefit as of a date over every organisation and stores a pending batch (replacing a
 * pending batch of the same benefit and date, so a re-run changes nothing but the time), in one
 * transaction. Without a budget each chunk's grants are written while the next chunk is
 * evaluated; with one, the amounts are known (pro-rated) only at the end.
 */
export async function runBatch(ctx: Ctx, code: string, asOf: string) {
  const all = await loadBenefits(ctx, asOf);
  if (!all.some((l) => l.row.code === code)) throw new AppError('benefit.not_in_force', { asOf });
  const loaded = withDependencies(all, code);
  const target = loaded.find((l) => l.row.code === code)!;
  const year = fiscalYearOf(asOf);
  const tierIds = tiersRead(loaded);
  const budget = target.version?.budget ?? null;
  const national = target.row.kind === 'national' && loaded.length === 1;
  // Only what the benefit and its dependencies read: a national one, a few facts of the fiscal
  // year and two qualifications; an authored one, the facts of its variables (unless it reads a
  // tier: the rulesets read nearly every fact).
  const projection = factsRead(loaded, year);
  const read = namesReadBy(loaded);
  const started = Date.now();

  return ctx.db.transaction(async (tx) => {
    const [previous] = await tx.select().from(grantBatches)
      .where(and(eq(grantBatches.benefitCode, code), eq(grantBatches.fiscalYear, year), eq(grantBatches.status, 'approved')))
      .orderBy(desc(grantBatches.approvedAt)).limit(1);
    const before = new Map<string, number>();
    if (previous) {
      for (const g of await tx.select({ orgId: grants.orgId, amount: grants.amount }).from(grants).where(and(eq(grants.batchId, previous.id), ne(grants.change, 'dropped')))) before.set(g.orgId, g.amount);
    }
    await tx.delete(grantBatches).where(and(eq(grantBatches.benefitCode, code), eq(grantBatches.asOf, asOf), eq(grantBatches.status, 'pending')));
    const [created] = await tx.insert(grantBatches).values({
      benefitCode: code, benefitVersion: target.version ? `v${target.version.versionNo}` : 'national', asOf, fiscalYear: year,
      organisations: 0, total: 0, totalBeforeBudget: 0, budget, previousId: previous?.id ?? null, changes: { added: 0, changed: 0, same: 0, dropped: 0 }, createdBy: ctx.actor?.username ?? 'system',
    }).returning();

    // On PostgreSQL the organisations are read on other connections while this one writes; PGlite
    // has one connection, which this transaction holds, so there they are read through it.
    const reader = hasPool(ctx.db) ? ctx : { ...ctx, db: tx as unknown as Db };
    const chunks = projection ? orgBundleChunks(reader, PROJECTED_CHUNK, projection) : orgBundleChunks(reader, CHUNK);
    const found: GrantRow[] = [];
    let organisations = 0;
    let undecided = 0;
    let writing: Promise<void> = Promise.resolve();
    for await (const bundles of chunks) {
      const from = found.length;
      for (const b of bundles) {
        const doc = factsDocOf(b);
        // A national rule alone reads the facts directly.
        const r: { verdict: BenefitResult['verdict']; amount: number | null; vars?: Vars } = national
          ? NATIONAL_BENEFITS[code as NationalCode](doc, year, false)
          : decideLoaded(loaded, doc, code, { year, district: b.district, tiers: tierIds.length ? evaluateAll(doc, asOf, tierIds) : [], only: read });
        if (r.verdict !== 'eligible') { if (r.verdict === 'unknown') undecided++; continue; }
        if (r.amount === null) { undecided++; continue; }
        if (r.amount <= 0) continue;
        const prev = before.get(b.id);
        found.push({ orgId: b.id, amount: r.amount, amountBeforeBudget: r.amount, previousAmount: prev ?? null, change: changeOf(prev, r.amount), snapshot: snapshotOf(target, r.vars ?? {}, doc, year) });
      }
      organisations += bundles.length;
      if (budget === null) {
        const part = found.slice(from);
        writing = writing.then(() => insertGrants(tx, created.id, part));
        // Awaited below; a failed read or evaluation must not leave it unhandled meanwhile.
        writing.catch(() => {});
      }
    }
    await writing;
    const evaluatedMs = Date.now() - started;
    const totalBefore = found.reduce((s, g) => s + g.amountBeforeBudget, 0);
    if (budget !== null) {
      if (totalBefore > budget) {
        for (const g of found) {
          g.amount = share(g.amountBeforeBudget, budget, totalBefore);
          g.change = changeOf(before.get(g.orgId), g.amount);
        }
      }
      await insertGrants(tx, created.id, found);
    }
    const granted = new Set(found.map((g) => g.orgId));
    const dropped = [...before].filter(([orgId]) => !granted.has(orgId))
      .map(([orgId, amount]): GrantRow => ({ orgId, amount: 0, amountBeforeBudget: 0, previousAmount: amount, change: 'dropped', snapshot: '{}' }));
    await insertGrants(tx, created.id, dropped);
    const changes = {
      added: found.filter((r) => r.change === 'new').length, changed: found.filter((r) => r.change === 'changed').length,
      same: found.filter((r) => r.change === 'same').length, dropped: dropped.length,
    };
    const [batch] = await tx.update(grantBatches)
      .set({ organisations: found.length, total: found.reduce((s, r) => s + r.amount, 0), totalBeforeBudget: totalBefore, changes })
      .where(eq(grantBatches.id, created.id)).returning();
    await recordAudit(tx, ctx, { action: 'grant.batch_run', entityType: 'grant_batch', entityId: batch.id, after: { benefit: code, asOf, organisations: found.length, total: batch.total, changes, evaluated: organisations, undecided } });
    return { ...toBatch(batch), evaluated: organisations, undecided, evaluatedMs };
  });
}

function toBatch(b: typeof grantBatches.$inferSelect) {
  return {
    id: b.id, benefitCode: b.benefitCode, benefitVersion: b.benefitVersion, asOf: b.asOf, fiscalYear: b.fiscalYear, status: b.status,
    organisations: b.organisations, total: b.total, totalBeforeBudget: b.totalBeforeBudget, budget: b.budget, previousId: b.previousId,
    changes: b.changes, createdBy: b.createdBy, createdAt: b.createdAt.toISOString(), approvedBy: b.approvedBy, approvedAt: b.approvedAt?.toISOString() ?? null,
  };
}

async function findBatch(ctx: Ctx, id: string) {
  const [b] = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.select().from(grantBatches).where(eq(grantBatches.id, id)) : [];
  if (!b) throw new AppError('grant.not_found');
  return b;
}

export async function listBatches(ctx: Ctx, benefit?: string) {
  const rows = await ctx.db.select().from(grantBatches).where(benefit ? eq(grantBatches.benefitCode, benefit) : undefined).orderBy(desc(grantBatches.createdAt)).limit(200);
  return rows.map(toBatch);
}

export async function getBatch(ctx: Ctx, id: string, q: { change?: string; page: number; pageSize: number }) {
  const b = await findBatch(ctx, id);
  const where = and(eq(grants.batchId, b.id), q.change ? eq(grants.change, q.change as 'new') : undefined);
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(grants).where(where);
  const items = await ctx.db.select({
    uscc: orgs.uscc, name: orgs.name, district: orgs.district, industryCode: orgs.industryCode, synthetic: orgs.synthetic,
    change: grants.change, amount: grants.amount, amountBeforeBudget: grants.amountBeforeBudget, previousAmount: grants.previousAmount,
    explanation: grants.explanation, snapshot: grants.snapshot,
  }).from(grants).innerJoin(orgs, eq(orgs.id, grants.orgId)).where(where).orderBy(desc(grants.amount), asc(orgs.uscc)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const explain = await explainer(ctx, b);
  return { batch: toBatch(b), total, items: items.map(({ snapshot: _, ...i }, k) => ({ ...i, explanation: explain(items[k]) })) };
}

const DROPPED: Explanation = { reasons: [], formula: { zh: '本次不再符合条件或数据不足', en: 'No longer eligible, or not enough data' } };

type Explanation = Pick<BenefitOutcome, 'reasons' | 'formula'> & Partial<Pick<BenefitOutcome, 'figures' | 'citations'>>;

/**
 * A grant's explanation, rebuilt from what it was decided on: the batch's benefit version and the
 * grant's snapshot. A batch stores no explanation text (for 32,000 grants it was 37 MB and most of
 * the batch's write); grants stored before keep the one they were stored with.
 */
async function explainer(ctx: Ctx, b: typeof grantBatches.$inferSelect) {
  const decider = await benefitDecider(ctx, b.benefitCode, b.benefitVersion === 'national' ? null : Number(b.benefitVersion.slice(1)));
  return (g: { change: string; explanation: unknown; snapshot: unknown }): Explanation => {
    if (g.explanation) return g.explanation as Explanation;
    if (g.change === 'dropped') return DROPPED;
    if (!decider) return { reasons: [], formula: null };
    const o = decider.national
      ? decider.national(nationalDoc(g.snapshot as NationalSnapshot), b.fiscalYear)
      : evaluateBenefit(decider.authored.compiled, decider.authored.formula, g.snapshot as Vars, decider.authored.catalogue);
    return { reasons: o.reasons, formula: o.formula, figures: o.figures, citations: o.citations };
  };
}

interface NationalSnapshot { fiscalYear: number; facts: FactsDoc['years'][number] | null; qualifications: FactsDoc['qualifications']; industryCode: string | null; kind?: FactsDoc['org']['kind'] }

/** The facts document a national grant was decided on, from its snapshot. */
function nationalDoc(s: NationalSnapshot): FactsDoc {
  return { org: { kind: s.kind ?? 'enterprise', industryCode: s.industryCode, registeredOn: null }, years: s.facts ? [s.facts] : [], qualifications: s.qualifications, expert: {} };
}

/** Maker-checker: a second staff member approves; each organisation then finds the grant in its inbox. */
export async function approveBatch(ctx: Ctx, id: string) {
  const b = await findBatch(ctx, id);
  const me = ctx.actor?.username ?? 'system';
  if (b.createdBy === me) throw new AppError('grant.self_approval');
  // Before the transaction: it reads the policy library through ctx.db (PGlite has one connection).
  const explain = await explainer(ctx, b);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(grantBatches).where(eq(grantBatches.id, b.id)).for('update');
    if (locked.status !== 'pending') throw new AppError('grant.not_pending', { status: locked.status });
    await tx.update(grantBatches).set({ status: 'superseded' })
      .where(and(eq(grantBatches.benefitCode, b.benefitCode), eq(grantBatches.fiscalYear, b.fiscalYear), eq(grantBatches.status, 'approved')));
    const [approved] = await tx.update(grantBatches).set({ status: 'approved', approvedBy: me, approvedAt: ctx.now() }).where(eq(grantBatches.id, b.id)).returning();
    const [benefit] = (await tx.execute(sql`select name_zh, name_en, topic from benefits where code = ${b.benefitCode}`) as unknown as { rows: { name_zh: string; name_en: string; topic: string }[] }).rows;
    const rows = await tx.select({ orgId: grants.orgId, amount: grants.amount, change: grants.change, explanation: grants.explanation, snapshot: grants.snapshot })
      .from(grants).where(and(eq(grants.batchId, b.id), ne(grants.change, 'dropped')));
    const notices = rows.map((g) => {
      const f = explain(g).formula;
      return {
        org_id: g.orgId, topic: benefit.topic, kind: 'grant', dedupe_key: `grant:${b.benefitCode}:${b.fiscalYear}:${b.id}`,
        title: { zh: `免申即享：${benefit.name_zh}（${b.fiscalYear}年度）`, en: `Granted without application: ${benefit.name_en} (FY${b.fiscalYear})` },
        body: {
          zh: `经核定，贵单位符合“${benefit.name_zh}”，金额 ${fmt.yuan(g.amount)}，无需申报。${f ? `计算：${f.zh}。` : ''}`,
          en: `Your organisation qualifies for "${benefit.name_en}": ${fmt.yuan(g.amount)}, with no application needed.${f ? ` Calculation: ${f.en}.` : ''}`,
        },
        created_at: ctx.now().toISOString(),
      };
    });
    for (let i = 0; i < notices.length; i += CHUNK) {
      await tx.execute(sql`insert into org_notices (org_id, topic, kind, dedupe_key, title, body, created_at)
        select org_id, topic, kind, dedupe_key, title, body, created_at from json_populate_recordset(null::org_notices, ${JSON.stringify(notices.slice(i, i + CHUNK))}::json)
        on conflict (org_id, dedupe_key) do nothing`);
    }
    await recordAudit(tx, ctx, { action: 'grant.batch_approve', entityType: 'grant_batch', entityId: b.id, before: { status: 'pending', createdBy: b.createdBy }, after: { status: 'approved', approvedBy: me, organisations: b.organisations, total: b.total, notices: notices.length } });
    return toBatch(approved);
  });
}

const CHANGE_LABEL = { new: '新增 new', same: '不变 same', changed: '金额变化 changed', dropped: '不再符合 dropped' } as const;

/** The batch as a workbook: one row per organisation with amount, change and explanation. */
export async function writeBatchWorkbook(ctx: Ctx, id: string, out: Writable) {
  const { batch, items } = await getBatch(ctx, id, { page: 1, pageSize: 1_000_000 });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('免申即享 auto-grant');
  ws.columns = [
    { header: '统一社会信用代码 USCC', width: 22 }, { header: '单位名称 Name', width: 36 }, { header: '所属区 District', width: 12 },
    { header: '金额（元）Amount (yuan)', width: 16 }, { header: '按预算折算前（元）Before budget (yuan)', width: 18 }, { header: '上批金额（元）Previous (yuan)', width: 16 },
    { header: '变化 Change', width: 18 }, { header: '计算 Calculation', width: 80 }, { header: '演示数据 Synthetic', width: 10 },
  ];
  ws.addRow([`${batch.benefitCode} ${batch.benefitVersion} · ${batch.asOf} · FY${batch.fiscalYear} · ${batch.status}`]).commit();
  for (const i of items) {
    const f = i.explanation.formula;
    ws.addRow([i.uscc, i.name, i.district, i.amount / 100, i.amountBeforeBudget / 100, i.previousAmount === null ? null : i.previousAmount / 100,
      CHANGE_LABEL[i.change], f ? `${f.zh} / ${f.en}` : '', i.synthetic ? '是 yes' : ''].map(safeCell)).commit();
  }
  ws.commit();
  await wb.commit();
}

// ---------- inbox and alerts ----------

function ownOrg(ctx: Ctx): string {
  if (!ctx.actor?.orgId) throw new AppError('auth.forbidden');
  return ctx.actor.orgId;
}

export async function listNotices(ctx: Ctx) {
  const rows = await ctx.db.select().from(orgNotices).where(eq(orgNotices.orgId, ownOrg(ctx))).orderBy(desc(orgNotices.createdAt)).limit(200);
  return rows.map((n) => ({ id: n.id, topic: n.topic, kind: n.kind, title: n.title, body: n.body, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
}

export async function markNoticeRead(ctx: Ctx, id: string) {
  const orgId = ownOrg(ctx);
  const [n] = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.update(orgNotices).set({ readAt: ctx.now() }).where(and(eq(orgNotices.id, id), eq(orgNotices.orgId, orgId))).returning() : [];
  if (!n) throw new AppError('notice.not_found');
  return { id: n.id, read: true };
}

export async function getOptOuts(ctx: Ctx) {
  const rows = await ctx.db.select().from(noticeOptOuts).where(eq(noticeOptOuts.orgId, ownOrg(ctx)));
  return { topics: rows.map((r) => r.topic).sort() };
}

export async function setOptOuts(ctx: Ctx, topics: string[]) {
  const orgId = ownOrg(ctx);
  await ctx.db.transaction(async (tx) => {
    const [org] = await tx.select({ uscc: orgs.uscc }).from(orgs).where(eq(orgs.id, orgId));
    if (!org) throw new AppError('org.not_found', { uscc: '' });
    const before = (await tx.select().from(noticeOptOuts).where(eq(noticeOptOuts.orgId, orgId))).map((r) => r.topic).sort();
    await tx.delete(noticeOptOuts).where(eq(noticeOptOuts.orgId, orgId));
    if (topics.length) await tx.insert(noticeOptOuts).values([...new Set(topics)].map((topic) => ({ orgId, topic })));
    await recordAudit(tx, ctx, { action: 'notice.opt_outs', entityType: 'org', entityId: orgId, before, after: [...new Set(topics)].sort() });
  });
  return getOptOuts(ctx);
}

/**
 * "You now qualify for …": for each organisation, every published benefit it is eligible for in
 * the last fiscal year gets one alert per benefit version and year (the dedupe key makes a
 * repeat a no-op), unless the organisation opted out of the topic. Subscribed to registry edits.
 */
export async function alertQualified(ctx: Ctx, orgIds: string[] | 'all'): Promise<number> {
  if (orgIds !== 'all' && orgIds.length === 0) return 0;
  const sys: Ctx = { ...ctx, system: true };
  const today = sys.now().toISOString().slice(0, 10);
  const year = fiscalYearOf(today);
  const loaded = await loadBenefits(sys, today);
  const tierIds = tiersRead(loaded);
  const optedOut = new Set((await sys.db.select().from(noticeOptOuts)).map((o) => `${o.orgId}:${o.topic}`));
  let inserted = 0;
  const chunks = orgIds === 'all' ? orgBundleChunks(sys, CHUNK) : [await orgBundles(sys, { limit: orgIds.length, ids: orgIds })];
  for await (const bundles of chunks) {
    const notices: Record<string, unknown>[] = [];
    for (const b of bundles) {
      const doc = factsDocOf(b);
      const { results } = evaluateLoaded(loaded, doc, { year, district: b.district, tiers: tierIds.length ? evaluateAll(doc, today, tierIds) : [] });
      for (const r of results) {
        if (r.verdict !== 'eligible' || !r.amount || optedOut.has(`${b.id}:${r.topic}`)) continue;
        notices.push({
          org_id: b.id, topic: r.topic, kind: 'qualify', dedupe_key: `qualify:${r.code}:${r.version}:${year}`,
          title: { zh: `您可享受：${r.name.zh}`, en: `You now qualify for: ${r.name.en}` },
          body: {
            zh: `按贵单位 ${year} 年度数据，预计可享受“${r.name.zh}”约 ${fmt.yuan(r.amount)}${r.exampleAmounts ? '（示例金额，以科技局确定为准）' : ''}。依据：${r.policy.docNo ?? r.policy.title} 第 ${r.clause.no} 条。${r.howToApply.zh}`,
            en: `From your FY${year} figures you can expect about ${fmt.yuan(r.amount)} from "${r.name.en}"${r.exampleAmounts ? ' (an example amount until the bureau sets it)' : ''}. Basis: ${r.policy.docNo ?? r.policy.title}, clause ${r.clause.no}. ${r.howToApply.en}`,
          },
          created_at: sys.now().toISOString(),
        });
      }
    }
    for (let i = 0; i < notices.length; i += CHUNK) {
      const res = await sys.db.execute(sql`insert into org_notices (org_id, topic, kind, dedupe_key, title, body, created_at)
        select org_id, topic, kind, dedupe_key, title, body, created_at from json_populate_recordset(null::org_notices, ${JSON.stringify(notices.slice(i, i + CHUNK))}::json)
        on conflict (org_id, dedupe_key) do nothing returning id`) as unknown as { rows: unknown[] };
      inserted += res.rows.length;
    }
  }
  return inserted;
}

/** Registry edits: alert the edited organisations (registered once; a Set keeps one copy). */
export const alertOnOrgsChanged = async (ctx: Ctx, orgIds: string[]) => { await alertQualified(ctx, orgIds); };

// ---------- totals ----------

const TAX_CODES = ['rd_super_deduction', 'hnte_rate'] as const;

/**
 * Yearly totals of the national tax benefits over the registry, by benefit, district, industry
 * section and held tier, beside the letter's 350亿元 for 2021–2025.
 */
export async function taxTotals(ctx: Ctx, years: number[]) {
  const byYear: Record<number, Record<string, number>> = {};
  const byDistrict: Record<string, number> = {};
  const bySection: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  let organisations = 0;
  let contributing = 0;
  for await (const bundles of orgBundleChunks(ctx, CHUNK)) {
    for (const b of bundles) {
      organisations++;
      const doc = factsDocOf(b);
      let any = false;
      for (const y of years) {
        for (const code of TAX_CODES) {
          const o = NATIONAL_BENEFITS[code](doc, y);
          if (o.verdict !== 'eligible' || !o.amount) continue;
          any = true;
          (byYear[y] ??= {})[code] = (byYear[y][code] ?? 0) + o.amount;
          byDistrict[b.district] = (byDistrict[b.district] ?? 0) + o.amount;
          const ic = b.industryCode;
          const sec = !ic ? "unknown" : /^[A-Za-z]/.test(ic) ? ic[0].toUpperCase() : sectionOfDivision(Number(ic.slice(0, 2))) ?? "unknown";
          bySection[sec] = (bySection[sec] ?? 0) + o.amount;
          const tier = ['little_giant', 'srdi_sme', 'innovative_sme', 'hnte', 'tech_sme'].find((k) => b.qualifications.some((q) => q.kind === k)) ?? 'none';
          byTier[tier] = (byTier[tier] ?? 0) + o.amount;
        }
      }
      if (any) contributing++;
    }
  }
  const total = Object.values(byYear).reduce((s, y) => s + Object.values(y).reduce((a, b) => a + b, 0), 0);
  const letter = letterFigure('tax_incentives_total');
  const reported = letter.value * 100_000_000 * 100; // 亿元 → fen
  return {
    years, organisations, contributing, total,
    byYear: years.map((y) => ({ year: y, rd_super_deduction: byYear[y]?.rd_super_deduction ?? 0, hnte_rate: byYear[y]?.hnte_rate ?? 0 })),
    byDistrict: Object.entries(byDistrict).map(([key, amount]) => ({ key, amount })).sort((a, b) => b.amount - a.amount),
    bySection: Object.entries(bySection).map(([key, amount]) => ({ key, amount })).sort((a, b) => b.amount - a.amount),
    byTier: Object.entries(byTier).map(([key, amount]) => ({ key, amount })).sort((a, b) => b.amount - a.amount),
    reported: { amount: reported, period: letter.period, source: `${LETTER.source.doc_no}（${LETTER.source.date}）`, label: { zh: letter.zh, en: letter.en } },
    coverage: total / reported,
  };
}
