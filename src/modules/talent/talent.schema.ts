// Industry–education integration (产教融合): industrial colleges, training bases, specialty
// groups (by level), apprenticeship pilots and national communities, each tied to chain links
// and partner enterprises, with trainees and graduates per year.
import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { orgs } from '../registry/registry.schema.ts';

export const IE_KINDS = ['industrial_college', 'training_base', 'specialty_group', 'apprenticeship_pilot', 'community'] as const;
export const IE_LEVELS = ['applied_undergraduate', 'higher_vocational', 'secondary_vocational'] as const;
export const IE_TIERS = ['national', 'provincial', 'city'] as const;

export const ieUnits = pgTable('ie_units', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: IE_KINDS }).notNull(),
  name: text('name').notNull(),
  /** Specialty groups: the education level. */
  level: text('level', { enum: IE_LEVELS }),
  tier: text('tier', { enum: IE_TIERS }).notNull(),
  institutionOrgId: uuid('institution_org_id').notNull().references(() => orgs.id),
  chainLinkIds: uuid('chain_link_ids').array().notNull().default(sql`'{}'`),
  partnerOrgIds: uuid('partner_org_ids').array().notNull().default(sql`'{}'`),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [check('ie_units_level', sql`(${t.kind} = 'specialty_group') = (${t.level} is not null)`)]);

export const ieYears = pgTable('ie_years', {
  unitId: uuid('unit_id').notNull().references(() => ieUnits.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  trainees: integer('trainees').notNull(),
  graduates: integer('graduates').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.unitId, t.year] }), check('ie_years_nonneg', sql`${t.trainees} >= 0 and ${t.graduates} >= 0`)]);

const Uscc = z.string().trim().toUpperCase().length(18);

export const UnitCreateSchema = z.strictObject({
  kind: z.enum(IE_KINDS),
  name: z.string().trim().min(2).max(200),
  level: z.enum(IE_LEVELS).nullish(),
  tier: z.enum(IE_TIERS),
  institutionUscc: Uscc,
  chainLinkIds: z.array(z.uuid()).max(20).default([]),
  partnerUsccs: z.array(Uscc).max(100).default([]),
});
export type UnitCreate = z.infer<typeof UnitCreateSchema>;

export const YearInputSchema = z.strictObject({
  trainees: z.number().int().min(0).max(1_000_000),
  graduates: z.number().int().min(0).max(1_000_000),
});
