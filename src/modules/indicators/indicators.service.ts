// The indicator registry: reported figures with their sources, the platform's computed
// figures beside them, drill-down to the rows behind a figure, and the open-data feed.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { LATEST_EVALUATION } from '../cultivation/cultivation.schema.ts';
import type { Writable } from 'node:stream';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import ExcelJS from '../../lib/exceljs.ts';
import { safeCell } from '../../server/xlsx.ts';
import { DISTRICTS, type District } from '../accounts/accounts.schema.ts';
import { recordAudit, recordAudits } from '../audit/audit.service.ts';
import { DISTRICT_LABELS } from '../registry/registry.sheet.ts';
import { visibleOrgs } from '../registry/registry.service.ts';
import { COMPUTED, COMPUTED_BY_ID, dimensionsOf, membersOf, type ComputedDef, type ComputedItem, type Dimension, type Range } from './computed.ts';
import {
  indicators, indicatorValues, type IndicatorInput, type IndicatorOut, type IndicatorSource, type RowsQuery, type Topic, type ValueInput,
  FREQUENCIES, IndicatorPatchSchema, UNIT_EN,
} from './indicators.schema.ts';
import { letterEntries } from './letter.ts';
import { PERIOD_FORMATS, periodEnd, periodRange } from './periods.ts';
import type { z } from 'zod';

type IndicatorRow = typeof indicators.$inferSelect;
type ValueRow = typeof indicatorValues.$inferSelect;

const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);
const round = (v: number) => Math.round(v * 100) / 100;

/** Rows of a raw query; node-postgres and PGlite both answer with `rows`. */
async function query<T>(ctx: Ctx, q: SQL): Promise<T[]> {
  return ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
}

// ---------- loading the letter ----------

/** Loads every figure of the 2025-05-20 letter once (first start, tests); returns how many were new. */
export async function ensureLetterIndicators(ctx: Ctx): Promise<number> {
  const entries = letterEntries();
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(indicators).values(entries.map((e) => e.indicator)).onConflictDoNothing().returning({ id: indicators.id });
    const fresh = new Set(inserted.map((r) => r.id));
    const values = entries.filter((e) => e.value && fresh.has(e.indicator.id)).map((e) => ({
      indicatorId: e.indicator.id, period: e.value!.period, periodEnd: periodEnd(e.indicator.frequency, e.value!.period)!,
      value: e.value!.value, qualifier: e.value!.qualifier, source: e.value!.source, note: e.value!.note, recordedBy: 'system',
    }));
    if (values.length) await tx.insert(indicatorValues).values(values);
    if (fresh.size) {
      await recordAudits(tx, ctx, [{ action: 'indicator.load_letter', entityType: 'indicator', entityId: null, after: { indicators: [...fresh], values: values.length } }]);
    }
    return fresh.size;
  });
}

// ---------- reading ----------

const sourceOut = (s: IndicatorSource) => ({ docNo: s.docNo, title: s.title, issuer: s.issuer, date: s.date, url: s.url });
const valueOut = (v: ValueRow) => ({ period: v.period, periodEnd: v.periodEnd, value: v.value, qualifier: v.qualifier, source: sourceOut(v.source), note: v.note });

function reportedOut(row: IndicatorRow, latest: ValueRow | undefined): IndicatorOut {
  return {
    id: row.id, kind: 'reported',
    name: { zh: row.nameZh, en: row.nameEn }, definition: { zh: row.definitionZh, en: row.definitionEn },
    topic: row.topic, unit: row.unit, frequency: row.frequency, owner: row.owner,
    target: row.targetValue === null ? null : { value: row.targetValue, period: row.targetPeriod, source: row.targetSource ? sourceOut(row.targetSource) : null },
    published: row.published, latest: latest ? valueOut(latest) : null, current: null, comparesTo: null, comparison: null, drillable: false,
    rowKind: null, dimensions: [], currentOnly: false,
  };
}

/** 'city', or the district a district officer is confined to. */
export function scopeOf(ctx: Ctx): string {
  return ctx.actor?.role === 'district_officer' && ctx.actor.district ? ctx.actor.district : 'city';
}

/** The period's date range; `anyFrequency` accepts another frequency's period (a reported figure's own, for comparison). */
function rangeOf(def: ComputedDef, period: string, anyFrequency = false): Range {
  const r = periodRange(def.frequency, period)
    ?? (anyFrequency ? FREQUENCIES.map((f) => periodRange(f, period)).find((x) => x) ?? null : null);
  if (!r) {
    throw new AppError('indicator.period_invalid', { id: def.id, period, frequency: def.frequency, example: PERIOD_FORMATS[def.frequency].example });
  }
  return r;
}

function memberWhere(ctx: Ctx, def: ComputedDef, range: Range, district?: District, chain?: string): SQL {
  return and(
    sql`orgs.id in (${membersOf(def, range)})`, visibleOrgs(ctx), district ? eq(sql`orgs.district`, district) : undefined,
    chain ? sql`orgs.id in (select org_id from chain_link_orgs where status = 'confirmed' and chain_id = ${chain})` : undefined,
  )!;
}

/** An items figure's rows for a period: only today's when the module keeps no history. */
async function itemsOf(ctx: Ctx, def: ComputedDef, period: string, range: Range): Promise<ComputedItem[]> {
  if (def.items!.currentOnly && period !== today(ctx)) throw new AppError('indicator.period_not_kept', { id: def.id, period, today: today(ctx) });
  return def.items!.list(ctx, range);
}

const combine = (def: ComputedDef, items: ComputedItem[]) => round(def.items!.combine ? def.items!.combine(items) : items.reduce((n, i) => n + i.value, 0));

function requireDimension(def: ComputedDef, dimension: Dimension) {
  if (!dimensionsOf(def).includes(dimension)) throw new AppError('indicator.no_dimension', { id: def.id, dimension });
}

/** The figure's expression and the rows it reads: a count of members, or the sum of a yearly fact of theirs. */
function measureSql(def: ComputedDef, range: Range): { value: SQL; from: SQL } {
  if (!def.measure) return { value: sql`count(*)::float8`, from: sql`orgs` };
  return {
    value: sql`coalesce(sum(m.value), 0)::float8 / ${def.measure.divisor}`,
    from: sql`orgs left join (${def.measure.perOrg(range)}) m on m.org_id = orgs.id`,
  };
}

/** A computed figure for a period, over what the caller may see (optionally one district). */
export async function computeValue(ctx: Ctx, def: ComputedDef, period: string, district?: District, anyFrequency = false) {
  const range = rangeOf(def, period, anyFrequency);
  if (def.items) {
    const items = (await itemsOf(ctx, def, period, range)).filter((i) => !district || i.district === district);
    return { period, value: combine(def, items), synthetic: items.filter((i) => i.synthetic).length, scope: district ?? scopeOf(ctx) };
  }
  const { value, from } = measureSql(def, range);
  const rows = await query<{ value: number; synthetic: number }>(ctx,
    sql`select ${value} as value, count(*) filter (where orgs.synthetic)::int as synthetic from ${from} where ${memberWhere(ctx, def, range, district)}`);
  const r = rows[0];
  return { period, value: round(Number(r.value)), synthetic: Number(r.synthetic), scope: district ?? scopeOf(ctx) };
}

/** A computed figure per district (a district officer gets its own district only). */
export async function computeByDistrict(ctx: Ctx, def: ComputedDef, period: string) {
  requireDimension(def, 'district');
  const range = rangeOf(def, period);
  let byDistrict: Map<District, number>;
  if (def.items) {
    const items = await itemsOf(ctx, def, period, range);
    byDistrict = new Map(DISTRICTS.map((d) => [d, combine(def, items.filter((i) => i.district === d))]));
  } else {
    const { value, from } = measureSql(def, range);
    const rows = await query<{ district: District; value: number }>(ctx,
      sql`select orgs.district as district, ${value} as value from ${from} where ${memberWhere(ctx, def, range)} group by orgs.district`);
    byDistrict = new Map(rows.map((r) => [r.district, round(Number(r.value))]));
  }
  const visible = scopeOf(ctx) === 'city' ? DISTRICTS : DISTRICTS.filter((d) => d === ctx.actor?.district);
  return visible.map((d) => ({ district: d, value: byDistrict.get(d) ?? 0 }));
}

/**
 * A computed figure per industry chain: over the organisations staff confirmed on each chain's
 * map (an organisation on two chains counts in both; one not on any map is in no chain).
 */
export async function computeByChain(ctx: Ctx, def: ComputedDef, period: string) {
  requireDimension(def, 'chain');
  const range = rangeOf(def, period);
  let byChain: Map<string, number>;
  if (def.items) {
    const items = await itemsOf(ctx, def, period, range);
    byChain = new Map([...new Set(items.map((i) => i.chainId).filter((c): c is string => !!c))].map((c) => [c, combine(def, items.filter((i) => i.chainId === c))]));
  } else {
    const { value, from } = measureSql(def, range);
    const rows = await query<{ chain_id: string; value: number }>(ctx, sql`select l.chain_id, ${value} as value
      from ${from} join (select distinct chain_id, org_id from chain_link_orgs where status = 'confirmed') l on l.org_id = orgs.id
      where ${memberWhere(ctx, def, range)} group by l.chain_id`);
    byChain = new Map(rows.map((r) => [r.chain_id, round(Number(r.value))]));
  }
  const chainRows = await query<{ id: string; zh: string; en: string }>(ctx, sql`select id, zh, en from chains order by sort_order, id`);
  return chainRows.map((c) => ({ chainId: c.id, name: { zh: c.zh, en: c.en }, value: byChain.get(c.id) ?? 0 }));
}

async function latestEvaluation(ctx: Ctx): Promise<string | null> {
  const r = await query<{ as_of: string | null }>(ctx, sql`select (${LATEST_EVALUATION})::text as as_of`);
  return r[0]?.as_of ?? null;
}

async function latestValues(ctx: Ctx, ids: string[]): Promise<Map<string, ValueRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.selectDistinctOn([indicatorValues.indicatorId]).from(indicatorValues)
    .where(inArray(indicatorValues.indicatorId, ids)).orderBy(indicatorValues.indicatorId, desc(indicatorValues.periodEnd));
  return new Map(rows.map((r) => [r.indicatorId, r]));
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

async function computedOut(ctx: Ctx, def: ComputedDef, reported: Map<string, ValueRow>, latestEval: string | null): Promise<IndicatorOut> {
  const period = def.defaultPeriod(today(ctx), latestEval);
  const current = period ? await computeValue(ctx, def, period) : null;
  let comparison: IndicatorOut['comparison'] = null;
  const rep = def.comparesTo ? reported.get(def.comparesTo.id) : undefined;
  if (def.comparesTo && rep) {
    // Compare like with like: the platform's figure for the reported figure's own period (a figure
    // the platform can only compute for today is compared as of today, and says so).
    const asOfToday = !!def.items?.currentOnly && current !== null;
    const mine = (rep.period === period || asOfToday) && current ? current : await computeValue(ctx, def, rep.period, undefined, true);
    const diff = round(mine.value - rep.value);
    const when = mine.period === rep.period ? { zh: rep.period, en: rep.period } : { zh: `平台截至 ${mine.period}，来函 ${rep.period}`, en: `platform as of ${mine.period}, letter ${rep.period}` };
    const scope = mine.scope === 'city' ? { zh: '全市', en: 'city-wide' } : { zh: DISTRICT_LABELS[mine.scope as District], en: `${mine.scope} district only` };
    const synth = mine.synthetic > 0
      ? { zh: `平台数字中有 ${mine.synthetic} 家为演示（合成）单位，不代表真实情况。`, en: ` ${mine.synthetic} of the organisations counted are synthetic demo records, not real ones.` }
      : { zh: '', en: '' };
    comparison = {
      reportedId: def.comparesTo.id, reportedPeriod: rep.period, reported: rep.value, computed: mine.value, difference: diff,
      explanation: {
        zh: `${when.zh}：平台统计（${scope.zh}）${fmt(mine.value)}${def.unit}，来函报告 ${fmt(rep.value)}${def.unit}，相差 ${diff > 0 ? '+' : ''}${fmt(diff)}${def.unit}。${def.comparesTo.why.zh}${synth.zh}`,
        en: `${when.en}: the platform counts ${fmt(mine.value)} ${UNIT_EN[def.unit]} (${scope.en}) against ${fmt(rep.value)} reported, a difference of ${diff > 0 ? '+' : ''}${fmt(diff)}. ${def.comparesTo.why.en}${synth.en}`,
      },
    };
  }
  return {
    id: def.id, kind: 'computed', name: def.name, definition: def.definition, topic: def.topic, unit: def.unit, frequency: def.frequency,
    owner: '鹭创通平台', target: null, published: false, latest: null, current, comparesTo: def.comparesTo?.id ?? null, comparison, drillable: true,
    rowKind: def.items ? 'items' : 'orgs', dimensions: dimensionsOf(def), currentOnly: !!def.items?.currentOnly,
  };
}

export async function listIndicators(ctx: Ctx, q: { topic?: Topic; kind?: 'reported' | 'computed'; ids?: string[] }): Promise<IndicatorOut[]> {
  const out: IndicatorOut[] = [];
  const rows = q.kind === 'computed' || (q.ids && !q.ids.some((id) => !COMPUTED_BY_ID.has(id))) ? [] : await ctx.db.select().from(indicators)
    .where(and(q.topic ? eq(indicators.topic, q.topic) : undefined, q.ids ? inArray(indicators.id, q.ids) : undefined)).orderBy(asc(indicators.topic), asc(indicators.id));
  const defs = q.kind === 'reported' ? [] : COMPUTED.filter((d) => (!q.topic || d.topic === q.topic) && (!q.ids || q.ids.includes(d.id)));
  const latest = await latestValues(ctx, [...rows.map((r) => r.id), ...defs.flatMap((d) => (d.comparesTo ? [d.comparesTo.id] : []))]);
  for (const r of rows) out.push(reportedOut(r, latest.get(r.id)));
  const latestEval = defs.length ? await latestEvaluation(ctx) : null;
  for (const d of defs) out.push(await computedOut(ctx, d, latest, latestEval));
  return out;
}

async function findReported(ctx: Ctx, id: string): Promise<IndicatorRow> {
  const [row] = await ctx.db.select().from(indicators).where(eq(indicators.id, id));
  if (!row) throw new AppError('indicator.not_found', { id });
  return row;
}

/** One indicator with its whole series (computed ones: the last six periods where that makes sense). */
export async function getIndicator(ctx: Ctx, id: string) {
  const def = COMPUTED_BY_ID.get(id);
  if (def) {
    const reportedLatest = await latestValues(ctx, def.comparesTo ? [def.comparesTo.id] : []);
    const indicator = await computedOut(ctx, def, reportedLatest, await latestEvaluation(ctx));
    const series = [];
    if (def.frequency === 'annual' && indicator.current && !def.items?.currentOnly) {
      const last = Number(indicator.current.period);
      for (let y = last - 5; y <= last; y++) series.push(await computeValue(ctx, def, String(y)));
    } else if (indicator.current) series.push(indicator.current);
    const reported = def.comparesTo ? await reportedSeries(ctx, def.comparesTo.id) : [];
    return { indicator, values: [], series, reported };
  }
  const row = await findReported(ctx, id);
  const values = await reportedSeries(ctx, id);
  return { indicator: reportedOut(row, values.at(-1) ? (await latestValues(ctx, [id])).get(id) : undefined), values, series: [], reported: [] };
}

async function reportedSeries(ctx: Ctx, id: string) {
  const rows = await ctx.db.select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id)).orderBy(asc(indicatorValues.periodEnd));
  return rows.map(valueOut);
}

// ---------- writing ----------

export async function createIndicator(ctx: Ctx, input: IndicatorInput) {
  if (COMPUTED_BY_ID.has(input.id)) throw new AppError('indicator.id_taken', { id: input.id });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(indicators).values(input).onConflictDoNothing().returning();
    if (!row) throw new AppError('indicator.id_taken', { id: input.id });
    await recordAudit(tx, ctx, { action: 'indicator.create', entityType: 'indicator', entityId: row.id, after: row });
    return reportedOut(row, undefined);
  });
}

export async function patchIndicator(ctx: Ctx, id: string, patch: z.infer<typeof IndicatorPatchSchema>) {
  if (COMPUTED_BY_ID.has(id)) throw new AppError('indicator.computed', { id });
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(indicators).where(eq(indicators.id, id)).for('update');
    if (!before) throw new AppError('indicator.not_found', { id });
    // Values already recorded were given in this unit and frequency: changing them would misread them.
    if ((patch.unit && patch.unit !== before.unit) || (patch.frequency && patch.frequency !== before.frequency)) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(indicatorValues).where(eq(indicatorValues.indicatorId, id));
      if (n > 0) throw new AppError('indicator.has_values', { id, count: n });
    }
    const [after] = await tx.update(indicators).set({ ...patch, updatedAt: ctx.now() }).where(eq(indicators.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'indicator.update', entityType: 'indicator', entityId: id, before, after });
    return after;
  }).then(async (after) => reportedOut(after, (await latestValues(ctx, [id])).get(id)));
}

function checkValue(row: IndicatorRow, input: { period: string; unit: string }): string {
  if (input.unit !== row.unit) throw new AppError('indicator.unit_mismatch', { id: row.id, unit: input.unit, expected: row.unit });
  const end = periodEnd(row.frequency, input.period);
  if (!end) throw new AppError('indicator.period_invalid', { id: row.id, period: input.period, frequency: row.frequency, example: PERIOD_FORMATS[row.frequency].example });
  return end;
}

export async function addValue(ctx: Ctx, id: string, input: ValueInput) {
  if (COMPUTED_BY_ID.has(id)) throw new AppError('indicator.computed', { id });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(indicators).where(eq(indicators.id, id));
    if (!row) throw new AppError('indicator.not_found', { id });
    const end = checkValue(row, input);
    const [value] = await tx.insert(indicatorValues).values({
      indicatorId: id, period: input.period, periodEnd: end, value: input.value, qualifier: input.qualifier,
      source: input.source, note: input.note, recordedBy: ctx.actor?.username ?? 'system',
    }).onConflictDoNothing().returning();
    if (!value) throw new AppError('indicator.value_exists', { id, period: input.period });
    await recordAudit(tx, ctx, { action: 'indicator.value.add', entityType: 'indicator', entityId: id, after: value });
    return valueOut(value);
  });
}

/** A correction replaces one period's value; the audit keeps the old one and the reason. */
export async function correctValue(ctx: Ctx, id: string, period: string, input: Omit<ValueInput, 'period'> & { reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(indicators).where(eq(indicators.id, id));
    if (!row) throw new AppError('indicator.not_found', { id });
    checkValue(row, { period, unit: input.unit });
    const [before] = await tx.select().from(indicatorValues).where(and(eq(indicatorValues.indicatorId, id), eq(indicatorValues.period, period))).for('update');
    if (!before) throw new AppError('indicator.value_not_found', { id, period });
    const [after] = await tx.update(indicatorValues).set({
      value: input.value, qualifier: input.qualifier, source: input.source, note: input.note, recordedBy: ctx.actor?.username ?? 'system', recordedAt: ctx.now(),
    }).where(eq(indicatorValues.id, before.id)).returning();
    await recordAudit(tx, ctx, { action: 'indicator.value.correct', entityType: 'indicator', entityId: id, before, after: { ...after, reason: input.reason } });
    return valueOut(after);
  });
}

// ---------- drill-down ----------

function computedDef(id: string): ComputedDef {
  const def = COMPUTED_BY_ID.get(id);
  if (!def) throw new AppError('indicator.not_drillable', { id });
  return def;
}

async function drillPeriod(ctx: Ctx, def: ComputedDef, period: string | undefined): Promise<string> {
  const p = period ?? def.defaultPeriod(today(ctx), await latestEvaluation(ctx));
  if (!p) throw new AppError('indicator.period_invalid', { id: def.id, period: '', frequency: def.frequency, example: PERIOD_FORMATS[def.frequency].example });
  return p;
}

type DrillRow = { uscc: string; name: string; district: District | null; synthetic: boolean; detail: string | null; value: number | null; href: string | null };
type DrillFilter = { period?: string; district?: District; chain?: string };

/** The rows behind a computed figure for a period, in scope: organisations (SQL, paged in the database) or the module's items. */
async function drillRows(ctx: Ctx, id: string, q: DrillFilter, page?: { page: number; pageSize: number }) {
  const def = computedDef(id);
  const period = await drillPeriod(ctx, def, q.period);
  const range = rangeOf(def, period);
  if (def.items) {
    const all = (await itemsOf(ctx, def, period, range))
      .filter((i) => (!q.district || i.district === q.district) && (!q.chain || i.chainId === q.chain))
      .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
    const shown = page ? all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize) : all;
    const rows: DrillRow[] = shown.map((i) => ({ uscc: i.key, name: i.name, district: i.district, synthetic: i.synthetic, detail: i.detail, value: round(i.value), href: i.href }));
    return { def, period, rowKind: 'items' as const, total: all.length, rows };
  }
  const detail = def.detail ? (typeof def.detail === 'function' ? def.detail(range) : def.detail) : sql`null`;
  const where = memberWhere(ctx, def, range, q.district, q.chain);
  const [rows, count] = await Promise.all([
    query<{ uscc: string; name: string; district: District; synthetic: boolean; detail: string | null }>(ctx,
      sql`select orgs.uscc, orgs.name, orgs.district, orgs.synthetic, ${detail} as detail from orgs where ${where}
        order by orgs.uscc ${page ? sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}` : sql``}`),
    query<{ total: number }>(ctx, sql`select count(*)::int as total from orgs where ${where}`),
  ]);
  return { def, period, rowKind: 'orgs' as const, total: Number(count[0].total), rows: rows.map((r): DrillRow => ({ ...r, detail: r.detail ?? null, value: null, href: null })) };
}

/** The rows behind a computed figure, in the caller's scope. */
export async function indicatorRows(ctx: Ctx, id: string, q: RowsQuery) {
  const { period, rowKind, total, rows } = await drillRows(ctx, id, q, q);
  return { period, total, rowKind, items: rows };
}

export async function writeRowsWorkbook(ctx: Ctx, id: string, q: Omit<RowsQuery, 'page' | 'pageSize'>, out: Writable) {
  const { def, period, rowKind, rows } = await drillRows(ctx, id, q);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('明细');
  ws.addRow([`${def.name.zh}（${period}）`]).commit();
  if (rowKind === 'orgs') {
    ws.addRow(['统一社会信用代码', '单位名称', '所在区', '明细', '演示数据']).commit();
    for (const r of rows) ws.addRow([r.uscc, safeCell(r.name), r.district ? DISTRICT_LABELS[r.district] : '', safeCell(r.detail ?? ''), r.synthetic ? '是（合成）' : '否']).commit();
  } else {
    ws.addRow(['编码', '名称', '所在区', `数值（${def.unit}）`, '明细', '演示数据']).commit();
    for (const r of rows) ws.addRow([r.uscc, safeCell(r.name), r.district ? DISTRICT_LABELS[r.district] : '', r.value, safeCell(r.detail ?? ''), r.synthetic ? '是（合成）' : '否']).commit();
  }
  ws.columns.forEach((c, i) => { c.width = [22, 36, 10, 48, 48, 12][i]; });
  await wb.commit();
}

// ---------- views: cockpit, export, open data ----------

/** Everything the overview and the wall display show, in one answer (so the browser test can compare). */
export async function cockpitOverview(ctx: Ctx) {
  const list = await listIndicators(ctx, {});
  const byDistrict = [];
  for (const id of ['platform_orgs', 'platform_hnte_holders']) {
    const def = COMPUTED_BY_ID.get(id)!;
    const period = def.defaultPeriod(today(ctx), null)!;
    byDistrict.push({ id, name: def.name, unit: def.unit, period, values: await computeByDistrict(ctx, def, period) });
  }
  const hnte = COMPUTED_BY_ID.get('platform_hnte_holders')!;
  const lastYear = Number(today(ctx).slice(0, 4)) - 1;
  const hnteSeries = [];
  for (let y = lastYear - 4; y <= lastYear; y++) hnteSeries.push(await computeValue(ctx, hnte, String(y)));
  return { asOf: today(ctx), scope: scopeOf(ctx), indicators: list, byDistrict, hnteSeries, reportedHnte: await reportedSeries(ctx, 'hnte_count').catch(() => []) };
}

const TOPIC_LABELS: Record<Topic, string> = {
  enterprises: '科技企业', cultivation: '梯次培育', projects: '科技项目', carriers: '创新载体', talent: '产教融合', digital: '数字化转型',
  funds: '资金与基金', policy: '政策落实', villages: '村集体经济', marketplace: '成果转化', economy: '经济运行',
};
const QUALIFIER_TEXT = { more_than: '以上', nearly: '近' } as const;

/** The indicators of a view (a topic or all) with their latest and platform figures, as xlsx. */
export async function writeIndicatorsWorkbook(ctx: Ctx, q: { topic?: Topic; ids?: string[] }, out: Writable) {
  const list = await listIndicators(ctx, q);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('指标');
  ws.addRow(['指标编码', '指标名称', '领域', '类型', '单位', '期间', '数值', '来源文件', '来源日期', '对比说明']).commit();
  for (const i of list) {
    const v = i.kind === 'reported' ? i.latest : i.current;
    const src = i.kind === 'reported' ? i.latest?.source : null;
    ws.addRow([
      i.id, safeCell(i.name.zh), TOPIC_LABELS[i.topic], i.kind === 'reported' ? '报告值' : '平台测算', i.unit, v?.period ?? '',
      v ? v.value : '', src ? safeCell([src.docNo, src.title].filter(Boolean).join(' ')) : i.kind === 'computed' ? '鹭创通平台实时计算' : '',
      src?.date ?? '', safeCell(i.comparison?.explanation.zh ?? ''),
    ]).commit();
  }
  ws.columns.forEach((c, n) => { c.width = [30, 40, 12, 10, 8, 22, 14, 60, 12, 80][n]; });
  await wb.commit();
}

export const OPEN_DATA_LICENCE = {
  zh: '本数据按“知识共享署名 4.0 国际许可协议（CC BY 4.0）”开放，使用时请注明来源文件。',
  en: 'Published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0); cite the source document when you use it.',
};

/** Published reported indicators and all their values, for the open-data URLs. */
export async function openData(ctx: Ctx) {
  const rows = await ctx.db.select().from(indicators).where(eq(indicators.published, true)).orderBy(asc(indicators.id));
  const values = rows.length
    ? await ctx.db.select().from(indicatorValues).where(inArray(indicatorValues.indicatorId, rows.map((r) => r.id))).orderBy(asc(indicatorValues.indicatorId), asc(indicatorValues.periodEnd))
    : [];
  return {
    licence: OPEN_DATA_LICENCE,
    generatedAt: ctx.now().toISOString(),
    indicators: rows.map((r) => ({
      id: r.id, name: { zh: r.nameZh, en: r.nameEn }, topic: r.topic, unit: r.unit, frequency: r.frequency, owner: r.owner,
      target: r.targetValue === null ? null : { value: r.targetValue, period: r.targetPeriod, source: r.targetSource },
      values: values.filter((v) => v.indicatorId === r.id).map((v) => ({ period: v.period, value: v.value, qualifier: v.qualifier, source: v.source, note: v.note })),
    })),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Formula-looking text is prefixed as in Excel exports; quotes doubled.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function openDataCsv(data: Awaited<ReturnType<typeof openData>>): string {
  const lines = [
    `# ${data.licence.zh} ${data.licence.en}`,
    ['indicator_id', 'name_zh', 'name_en', 'topic', 'unit', 'frequency', 'period', 'value', 'qualifier', 'source_doc_no', 'source_title', 'source_issuer', 'source_date', 'note'].join(','),
  ];
  for (const i of data.indicators) {
    for (const v of i.values) {
      lines.push([i.id, i.name.zh, i.name.en, i.topic, i.unit, i.frequency, v.period, v.value, v.qualifier ? QUALIFIER_TEXT[v.qualifier] : '', v.source.docNo, v.source.title, v.source.issuer, v.source.date, v.note].map(csvCell).join(','));
    }
  }
  // BOM so that Excel opens the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export { TOPIC_LABELS };
