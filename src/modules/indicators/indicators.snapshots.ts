// Daily snapshots of the computed indicators: each one's figure for the city and for each
// district, stored once a day so that a figure has a history even where the data behind it keeps
// none (a chain map's completeness, a fund's balance today). A background job (jobs module)
// records them; the server queues it once a day, and `luchuang snapshot` runs it by hand.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { DISTRICTS, type District } from '../accounts/accounts.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createJob, enqueueJob, type JobHandler } from '../jobs/jobs.service.ts';
import { jobs } from '../jobs/jobs.schema.ts';
import { COMPUTED } from './computed.ts';
import { indicatorSnapshots } from './indicators.schema.ts';
import { computeValue } from './indicators.service.ts';

export const SNAPSHOT_JOB_KIND = 'indicator_snapshots';

/** The day a snapshot is for: the same "today" the indicators are computed for. */
const dayOf = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

/**
 * What a district's staff would see: the same computation under a district officer's scope, so
 * that a district's history equals the figures its officers were shown (no one logs in as it).
 */
function scopedCtx(ctx: Ctx, district: District): Ctx {
  return { ...ctx, system: false, actor: { userId: '00000000-0000-0000-0000-000000000000', username: 'system', role: 'district_officer', district, orgId: null } };
}

async function latestEvaluation(ctx: Ctx): Promise<string | null> {
  const r = (await ctx.db.execute(sql`select max(as_of)::text as as_of from assessments`)) as unknown as { rows: { as_of: string | null }[] };
  return r.rows[0]?.as_of ?? null;
}

/**
 * Records today's figure of every computed indicator for the city and each district; those
 * already recorded today are left as they are (idempotent per day). Returns how many were new.
 */
export async function recordSnapshots(ctx: Ctx): Promise<{ day: string; recorded: number; existing: number; failed: string[] }> {
  const day = dayOf(ctx);
  const have = new Set((await ctx.db.select({ id: indicatorSnapshots.indicatorId, scope: indicatorSnapshots.scope }).from(indicatorSnapshots)
    .where(eq(indicatorSnapshots.day, day))).map((r) => `${r.id}|${r.scope}`));
  const latestEval = await latestEvaluation(ctx);
  const scopes: { scope: string; ctx: Ctx }[] = [{ scope: 'city', ctx: { ...ctx, system: true, actor: null } }, ...DISTRICTS.map((d) => ({ scope: d, ctx: scopedCtx(ctx, d) }))];
  const rows: (typeof indicatorSnapshots.$inferInsert)[] = [];
  const failed: string[] = [];
  for (const def of COMPUTED) {
    const period = def.defaultPeriod(day, latestEval);
    if (!period) continue;
    for (const s of scopes) {
      if (have.has(`${def.id}|${s.scope}`)) continue;
      try {
        const v = await computeValue(s.ctx, def, period);
        rows.push({ indicatorId: def.id, day, scope: s.scope, period, value: v.value, synthetic: v.synthetic, recordedAt: ctx.now() });
      } catch (err) {
        // One indicator that cannot be computed today must not cost the others their snapshot.
        ctx.log.error({ err, indicator: def.id, scope: s.scope }, 'indicator snapshot failed');
        failed.push(`${def.id}/${s.scope}`);
      }
    }
  }
  const inserted = rows.length
    ? await ctx.db.transaction(async (tx) => {
      const out = await tx.insert(indicatorSnapshots).values(rows).onConflictDoNothing().returning({ id: indicatorSnapshots.indicatorId });
      if (out.length) await recordAudit(tx, ctx, { action: 'indicator.snapshot', entityType: 'indicator', entityId: null, after: { day, values: out.length } });
      return out.length;
    })
    : 0;
  return { day, recorded: inserted, existing: have.size, failed };
}

export const runSnapshotJob: JobHandler = async (ctx, _job, io) => {
  io.progress({ done: 0, total: COMPUTED.length });
  const r = await recordSnapshots(ctx);
  io.progress({ done: COMPUTED.length, total: COMPUTED.length });
  await io.succeed(ctx.db, r);
};

/** A computed indicator's stored history in one scope, oldest first. */
export async function snapshotSeries(ctx: Ctx, id: string, scope: string) {
  const rows = await ctx.db.select().from(indicatorSnapshots)
    .where(and(eq(indicatorSnapshots.indicatorId, id), eq(indicatorSnapshots.scope, scope))).orderBy(asc(indicatorSnapshots.day));
  return rows.map((r) => ({ day: r.day, period: r.period, value: r.value, synthetic: r.synthetic }));
}

/** Nodes starting at once check the schedule one at a time (pg_try_advisory_xact_lock). */
const SCHEDULE_LOCK = [0x4c43_0003, 0] as const;

/**
 * Queues today's snapshot job unless today's snapshots exist or a snapshot job is already waiting
 * or running. Checked and created in one transaction under a lock, so that of several app nodes
 * only one queues it: one that finds the lock taken leaves it to the node holding it.
 */
export async function queueSnapshotIfDue(ctx: Ctx): Promise<string | null> {
  const day = dayOf(ctx);
  const jobId = await ctx.db.transaction(async (tx) => {
    const [lock] = await tx.execute(sql`select pg_try_advisory_xact_lock(${SCHEDULE_LOCK[0]}, ${SCHEDULE_LOCK[1]}) as ok`).then((r) => (r as unknown as { rows: { ok: boolean }[] }).rows);
    if (!lock.ok) return null;
    const [done] = await tx.select({ n: sql<number>`count(*)::int` }).from(indicatorSnapshots).where(and(eq(indicatorSnapshots.day, day), eq(indicatorSnapshots.scope, 'city')));
    if (done.n > 0) return null;
    const [busy] = await tx.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(eq(jobs.kind, SNAPSHOT_JOB_KIND), sql`${jobs.status} in ('queued', 'running')`));
    if (busy.n > 0) return null;
    const job = await createJob({ ...ctx, db: tx as unknown as Ctx['db'] }, { kind: SNAPSHOT_JOB_KIND, fileName: null, params: { day } });
    return job.id;
  });
  if (jobId) enqueueJob(ctx, jobId, runSnapshotJob);
  return jobId;
}

/** Started by the server: checks at once and then every hour whether today's snapshot is due. */
export function startSnapshotSchedule(ctx: Ctx, everyMs = 3600_000): () => void {
  const tick = () => void queueSnapshotIfDue(ctx).catch((err) => ctx.log.error({ err }, 'could not queue the indicator snapshot'));
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
