// Innovation carriers (创新载体): every kind in one registry, with level, host organisation, chain
// links and staff; consortium members; yearly performance reports; a rules-based yearly
// evaluation whose parameters are versioned data; the services public platforms offer.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { orgs } from '../registry/registry.schema.ts';

export const CARRIER_KINDS = [
  'new_rd_institution', 'innovation_lab', 'research_infrastructure', 'enterprise_rd_center', 'public_service_platform',
  'innovation_consortium', 'incubator', 'national_research_institute',
] as const;
export const CARRIER_LEVELS = ['national', 'provincial', 'city'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

const money = (name: string) => bigint(name, { mode: 'number' });

export const carriers = pgTable('carriers', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: CARRIER_KINDS }).notNull(),
  name: text('name').notNull(),
  level: text('level', { enum: CARRIER_LEVELS }).notNull(),
  hostOrgId: uuid('host_org_id').notNull().references(() => orgs.id),
  chainLinkIds: uuid('chain_link_ids').array().notNull().default(sql`'{}'`),
  staff: integer('staff').notNull().default(0),
  establishedOn: date('established_on').notNull(),
  synthetic: boolean('synthetic').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [unique('carriers_host_kind').on(t.hostOrgId, t.kind), index('carriers_kind_idx').on(t.kind)]);

/** Members of an innovation consortium: exactly one lead, any number of members. */
export const carrierMembers = pgTable('carrier_members', {
  carrierId: uuid('carrier_id').notNull().references(() => carriers.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  role: text('role', { enum: ['lead', 'member'] }).notNull(),
}, (t) => [primaryKey({ columns: [t.carrierId, t.orgId] })]);

export const carrierReports = pgTable('carrier_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  carrierId: uuid('carrier_id').notNull().references(() => carriers.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  staff: integer('staff').notNull(),
  rdSpendFen: money('rd_spend_fen').notNull(),
  serviceRevenueFen: money('service_revenue_fen').notNull().default(0),
  patentsGranted: integer('patents_granted').notNull().default(0),
  enterprisesServed: integer('enterprises_served').notNull().default(0),
  achievementsTransferred: integer('achievements_transferred').notNull().default(0),
  incubatedEnterprises: integer('incubated_enterprises').notNull().default(0),
  submittedBy: text('submitted_by').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
}, (t) => [unique('carrier_reports_year').on(t.carrierId, t.year), check('carrier_reports_nonneg', sql`${t.staff} >= 0 and ${t.rdSpendFen} >= 0`)]);

/** Versions of the evaluation's parameters; append-only, in force from their date. */
export const carrierEvalParams = pgTable('carrier_eval_params', {
  effectiveFrom: date('effective_from').primaryKey(),
  params: jsonb('params').notNull(),
  docNo: text('doc_no'),
  note: text('note'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const carrierEvaluations = pgTable('carrier_evaluations', {
  carrierId: uuid('carrier_id').notNull().references(() => carriers.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  score: integer('score').notNull(),
  grade: text('grade').notNull(),
  /** The full explained result: the parameters version used, each criterion's value, threshold and points. */
  result: jsonb('result').notNull(),
  evaluatedBy: text('evaluated_by').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.carrierId, t.year] })]);

export const carrierServices = pgTable('carrier_services', {
  id: uuid('id').primaryKey().defaultRandom(),
  carrierId: uuid('carrier_id').notNull().references(() => carriers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  priceNote: text('price_note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const carrierServiceRequests = pgTable('carrier_service_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull().references(() => carrierServices.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  note: text('note').notNull().default(''),
  /** requested → done (the platform says it delivered) → rated (the requesting enterprise). */
  status: text('status', { enum: ['requested', 'done', 'rated'] }).notNull().default('requested'),
  rating: integer('rating'),
  comment: text('comment'),
  /** What the platform delivered, when it marks the request done. */
  doneNote: text('done_note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  doneAt: timestamp('done_at', { withTimezone: true }),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
}, (t) => [check('carrier_service_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`)]);

// ---------- zod ----------

const Uscc = z.string().trim().toUpperCase().length(18);
const Count = z.number().int().min(0).max(10_000_000);
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const CarrierCreateSchema = z.strictObject({
  kind: z.enum(CARRIER_KINDS),
  name: z.string().trim().min(2).max(200),
  level: z.enum(CARRIER_LEVELS),
  hostUscc: Uscc,
  chainLinkIds: z.array(z.uuid()).max(20).default([]),
  staff: Count.default(0),
  establishedOn: z.iso.date(),
  /** Innovation consortium only: the lead (required) and the other members. */
  leadUscc: Uscc.nullish(),
  memberUsccs: z.array(Uscc).max(200).default([]),
});
export type CarrierCreate = z.infer<typeof CarrierCreateSchema>;

export const CarrierListQuerySchema = z.strictObject({
  kind: z.enum(CARRIER_KINDS).optional(),
  level: z.enum(CARRIER_LEVELS).optional(),
  q: z.string().trim().max(100).optional(),
});

export const ReportCreateSchema = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  staff: Count,
  rdSpendFen: Fen,
  serviceRevenueFen: Fen.default(0),
  patentsGranted: Count.default(0),
  enterprisesServed: Count.default(0),
  achievementsTransferred: Count.default(0),
  incubatedEnterprises: Count.default(0),
});
export type ReportCreate = z.infer<typeof ReportCreateSchema>;

/** The evaluation's parameters: the mark at which each criterion earns full points, its points, and the grade bands. */
export const EvalParamsSchema = z.strictObject({
  minStaff: z.number().int().min(1),
  minRdSpendFen: z.number().int().min(1),
  minPatents: z.number().int().min(1),
  minEnterprisesServed: z.number().int().min(1),
  minTransfers: z.number().int().min(1),
  points: z.strictObject({ staff: z.number().int().min(0), rdSpend: z.number().int().min(0), patents: z.number().int().min(0), served: z.number().int().min(0), transfers: z.number().int().min(0) })
    .refine((p) => p.staff + p.rdSpend + p.patents + p.served + p.transfers === 100, { message: 'points must add up to 100' }),
  /** Lowest score of each grade; D below C. */
  grades: z.strictObject({ A: z.number().int().min(0).max(100), B: z.number().int().min(0).max(100), C: z.number().int().min(0).max(100) })
    .refine((g) => g.A > g.B && g.B > g.C, { message: 'grade marks must fall from A to C' }),
});
export type EvalParams = z.infer<typeof EvalParamsSchema>;

export const EvalParamsCreateSchema = z.strictObject({
  effectiveFrom: z.iso.date(),
  params: EvalParamsSchema,
  docNo: z.string().trim().min(1).max(100).nullish(),
  note: z.string().trim().min(1).max(1000).nullish(),
});

export const ServiceCreateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).default(''),
  priceNote: z.string().trim().max(200).nullish(),
});
export const ServiceRequestCreateSchema = z.strictObject({ note: z.string().trim().max(2000).default('') });
export const CompleteRequestSchema = z.strictObject({ note: z.string().trim().max(2000).nullish() });
export const RatingSchema = z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).nullish() });
