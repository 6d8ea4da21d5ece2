import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { DistrictSchema } from '../accounts/accounts.schema.ts';
import { orgs } from '../registry/registry.schema.ts';

// One stored evaluation per organisation, tier and date: re-running a date replaces it, other
// dates stay, so the table is also each organisation's tier timeline. `result` is the engine's
// full output (ruleset version, parameters, trace), so any row can be replayed.
export const assessments = pgTable(
  'assessments',
  {
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
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
    result: jsonb('result').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.ruleset, t.asOf] }),
    index('assessments_funnel_idx').on(t.asOf, t.ruleset, t.verdict),
  ],
);

export const FunnelQuerySchema = z.strictObject({
  asOf: z.iso.date().optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
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

export const ReserveQuerySchema = z.strictObject({
  ruleset: z.string().trim().min(1).max(40),
  asOf: z.iso.date().optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
  maxGaps: z.coerce.number().int().min(1).max(5).default(2),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ReserveQuery = z.infer<typeof ReserveQuerySchema>;

export const ReserveItemSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  district: z.string(),
  industryCode: z.string().nullable(),
  gapCount: z.number(),
  effort: z.number(),
  gaps: z.array(z.object({ criterion: z.string(), text: z.object({ zh: z.string(), en: z.string() }) })),
});
