import { date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { users } from '../accounts/accounts.schema.ts';
import { LeaderParamsSchema, LeaderVersionSchema } from '../../rules/parameters/tech_leader.ts';

// Parameter versions of the city-defined tiers (so far the S&T leader). Append-only: a version is
// never edited; a new one takes effect from its date, which may not lie in the past, so stored
// results of past dates stay reproducible. The engine picks the version in force on `asOf`.
export const ruleParamVersions = pgTable(
  'rule_param_versions',
  {
    ruleset: text('ruleset').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    params: jsonb('params').notNull(),
    docNo: text('doc_no'),
    article: text('article'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleset, t.effectiveFrom] })],
);

export const ParamRulesetSchema = z.enum(['tech_leader']);

export const LeaderVersionCreateSchema = z.strictObject({
  effectiveFrom: z.iso.date(),
  params: LeaderParamsSchema,
  docNo: z.string().trim().min(1).max(100).nullish(),
  article: z.string().trim().min(1).max(200).nullish(),
  note: z.string().trim().min(1).max(1000).nullish(),
});
export type LeaderVersionCreate = z.infer<typeof LeaderVersionCreateSchema>;

export const StoredLeaderVersionSchema = LeaderVersionSchema.extend({
  /** In force today (server clock). */
  current: z.boolean(),
  /** The day before the next version starts; null while it is the latest. */
  effectiveTo: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
