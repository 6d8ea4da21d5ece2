import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DistrictSchema } from '../accounts/accounts.schema.ts';

// One stored evaluation per organisation, tier and date: re-running a date replaces it, other
// dates stay, so the table is also each organisation's tier timeline. The columns are what
// funnels and reserve pools filter on and `facts` names the facts snapshot the engine read, so
// the full explained result is rebuilt by replaying the engine with the stored version and date
// (cultivation.store.ts). Rows stored before migration 0028 also keep a compact result (each
// criterion's verdict and numbers), those before 0024 no `facts` and the engine's full output.
export const assessments = pgTable(
  'assessments',
  {
    /** Checked per statement and removed with the organisation by triggers, as grants.org_id (migration 0028). */
    orgId: uuid('org_id').notNull(),
    ruleset: text('ruleset').notNull(),
    asOf: date('as_of').notNull(),
    version: text('version').notNull(),
    verdict: text('verdict', { enum: ['pass', 'fail', 'unknown', 'manual_review'] }).notNull(),
    held: text('held'),
    scoreMin: integer('score_min'),
    scoreMax: integer('score_max'),
    /** Failing conditions with a numeric remedy, without one, and open items (for reserve pools). */
    gapCount: integer('gap_count').notNull(),
    blockerCount: integer('blocker_count').notNull(),
    openCount: integer('open_count').notNull(),
    effort: doublePrecision('effort').notNull(),
    /** Null since migration 0028: the result is the replay of `facts` (older rows keep a compact or full result). */
    result: jsonb('result'),
    /** The facts snapshot evaluated (facts_snapshots.hash); null on rows that store the full result. */
    facts: uuid('facts'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.ruleset, t.asOf] }),
    index('assessments_funnel_idx').on(t.asOf, t.ruleset, t.verdict),
  ],
);

// The facts documents the engine read, once per content: the key is a hash of the document, so
// an organisation whose facts did not change between evaluation dates adds nothing. Rows are
// never updated; one no stored result names any more is not removed (yet). The document is the
// JSON text the hash was taken of (JSON.stringify), kept as text: validating it as json cost the
// database 4 of the 5 s of storing 100,000 of them, and the replay parses it anyway.
export const factsSnapshots = pgTable('facts_snapshots', {
  hash: uuid('hash').primaryKey(),
  doc: text('doc').notNull(),
});

// A date whose full evaluation finished. Results are written a chunk at a time (each chunk with
// its audit record), so a run that died halfway leaves some organisations evaluated for its
// date; readers take the latest *completed* date, so such a half-done date is never shown as
// the current evaluation. Re-running the date completes it.
export const evaluationRuns = pgTable('evaluation_runs', {
  asOf: date('as_of').primaryKey(),
  organisations: integer('organisations').notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
});

/** The current evaluation date: the latest completed run (or, on data evaluated before runs were recorded, the latest stored date). */
export const LATEST_EVALUATION = sql`coalesce((select max(as_of) from evaluation_runs), (select max(as_of) from assessments))`;

export const FunnelQuerySchema = z.strictObject({
  asOf: z.iso.date().optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
  /** Organisations confirmed on this chain map. */
  chain: z.string().trim().min(1).max(40).optional(),
});

export const FunnelSchema = z.object({
  asOf: z.string().nullable(),
  tiers: z.array(z.object({
    ruleset: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    held: z.number(),
    pass: z.number(),
    fail: z.number(),
    unknown: z.number(),
    manualReview: z.number(),
    reserve: z.number(),
  })),
  evaluated: z.number(),
});

/** Funnel counts per district, industry section (门类) or division (大类), for one tier or all. */
export const BreakdownQuerySchema = z.strictObject({
  by: z.enum(['district', 'section', 'division', 'chain']),
  asOf: z.iso.date().optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
  chain: z.string().trim().min(1).max(40).optional(),
});

const TierCountsSchema = z.object({ held: z.number(), pass: z.number(), reserve: z.number() });
export const BreakdownSchema = z.object({
  asOf: z.string().nullable(),
  by: z.enum(['district', 'section', 'division', 'chain']),
  groups: z.array(z.object({
    /** District id, section letter or two-digit division; "" for organisations without an industry code. */
    key: z.string(),
    label: z.object({ zh: z.string(), en: z.string() }),
    evaluated: z.number(),
    tiers: z.record(z.string(), TierCountsSchema),
  })),
});

/** One organisation's stored results over evaluation dates, and what changed between them. */
export const TimelineSchema = z.object({
  uscc: z.string(),
  dates: z.array(z.string()),
  tiers: z.array(z.object({
    ruleset: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    points: z.array(z.object({ asOf: z.string(), verdict: z.string(), held: z.boolean(), version: z.string() })),
  })),
  changes: z.array(z.object({
    asOf: z.string(),
    previous: z.string(),
    ruleset: z.string(),
    from: z.string(),
    to: z.string(),
    /** gained: now met (or held); lost: no longer met; changed: another verdict change (e.g. to unknown). */
    kind: z.enum(['gained', 'lost', 'changed']),
    heldFrom: z.boolean(),
    heldTo: z.boolean(),
    version: z.object({ from: z.string(), to: z.string() }),
    reasons: z.array(z.object({ criterion: z.string(), from: z.string().nullable(), to: z.string(), text: z.object({ zh: z.string(), en: z.string() }) })),
  })),
});

export const ReserveQuerySchema = z.strictObject({
  ruleset: z.string().trim().min(1).max(40),
  asOf: z.iso.date().optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
  chain: z.string().trim().min(1).max(40).optional(),
  maxGaps: z.coerce.number().int().min(1).max(5).default(2),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ReserveQuery = z.infer<typeof ReserveQuerySchema>;
export const ReserveExportQuerySchema = ReserveQuerySchema.omit({ page: true, pageSize: true });

export const ReserveItemSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  district: z.string(),
  industryCode: z.string().nullable(),
  gapCount: z.number(),
  effort: z.number(),
  gaps: z.array(z.object({ criterion: z.string(), text: z.object({ zh: z.string(), en: z.string() }) })),
});

const Bi = z.object({ zh: z.string(), en: z.string() });
/** GET /api/cultivation/letter: the letter's counts beside the platform's, with the source. */
export const LetterComparisonSchema = z.object({
  source: z.object({ titleZh: z.string(), titleEn: z.string(), docNo: z.string(), issuer: z.string(), date: z.string() }),
  /** The district the counts are limited to (a district officer's), or null for the whole registry. */
  district: z.string().nullable(),
  registry: z.object({ organisations: z.number(), synthetic: z.number() }),
  items: z.array(z.object({
    id: z.string(),
    title: Bi,
    period: z.string(),
    letter: z.object({ value: z.number(), unit: z.string(), qualifier: z.string().nullable() }),
    platform: z.object({ value: z.number(), definition: Bi, byYear: z.array(z.object({ year: z.number(), value: z.number() })).nullable() }),
    difference: z.number(),
    explanation: Bi,
  })),
});
