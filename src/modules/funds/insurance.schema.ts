// R&D insurance (厦研保): insurance products the bureau supports, enterprises' policies
// (enrolments) with their premiums, and claims with the insurer's payouts. The premium an
// enterprise paid in a year is written to its `rdInsurancePremium` fact, so the premium
// subsidy is an ordinary benefit of the policy module (calculator, 免申即享 batches).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { orgs } from '../registry/registry.schema.ts';

export const COVERAGES = ['rd_failure', 'rd_expense_loss', 'key_rd_staff', 'ip_enforcement', 'clinical_trial', 'first_set_equipment'] as const;
export const ENROLMENT_STATUSES = ['active', 'cancelled'] as const;
export const CLAIM_STATUSES = ['open', 'paid', 'rejected'] as const;

export const rdInsuranceProducts = pgTable('rd_insurance_products', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  insurer: text('insurer').notNull(),
  coverage: text('coverage', { enum: COVERAGES }).notNull(),
  /** Indicative premium rate on the sum insured, in basis points (the policy states the premium). */
  premiumRateBp: integer('premium_rate_bp').notNull(),
  maxSumInsuredFen: bigint('max_sum_insured_fen', { mode: 'number' }).notNull(),
  active: boolean('active').notNull().default(true),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('rd_insurance_products_rate', sql`${t.premiumRateBp} between 1 and 10000`), check('rd_insurance_products_max', sql`${t.maxSumInsuredFen} > 0`)]);

export const rdInsuranceEnrolments = pgTable('rd_insurance_enrolments', {
  id: uuid('id').primaryKey().defaultRandom(),
  productId: uuid('product_id').notNull().references(() => rdInsuranceProducts.id),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  policyNo: text('policy_no').notNull().unique(),
  sumInsuredFen: bigint('sum_insured_fen', { mode: 'number' }).notNull(),
  premiumFen: bigint('premium_fen', { mode: 'number' }).notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  status: text('status', { enum: ENROLMENT_STATUSES }).notNull().default('active'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('rd_insurance_enrolments_org_idx').on(t.orgId),
  check('rd_insurance_enrolments_amounts', sql`${t.premiumFen} > 0 and ${t.sumInsuredFen} >= ${t.premiumFen}`),
  check('rd_insurance_enrolments_period', sql`${t.endsOn} > ${t.startsOn}`),
]);

export const rdInsuranceClaims = pgTable('rd_insurance_claims', {
  id: uuid('id').primaryKey().defaultRandom(),
  enrolmentId: uuid('enrolment_id').notNull().references(() => rdInsuranceEnrolments.id),
  lossOn: date('loss_on').notNull(),
  claimedFen: bigint('claimed_fen', { mode: 'number' }).notNull(),
  description: text('description').notNull(),
  status: text('status', { enum: CLAIM_STATUSES }).notNull().default('open'),
  payoutFen: bigint('payout_fen', { mode: 'number' }),
  decisionNote: text('decision_note'),
  decidedBy: text('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('rd_insurance_claims_enrolment_idx').on(t.enrolmentId), check('rd_insurance_claims_amount', sql`${t.claimedFen} > 0`)]);

const Fen = z.number().int().positive().max(1e14);
const Day = z.iso.date();

export const ProductCreateSchema = z.strictObject({
  code: z.string().trim().min(2).max(40),
  name: z.string().trim().min(2).max(120),
  insurer: z.string().trim().min(2).max(120),
  coverage: z.enum(COVERAGES),
  premiumRateBp: z.number().int().min(1).max(10_000),
  maxSumInsuredFen: Fen,
});

export const EnrolmentCreateSchema = z.strictObject({
  productId: z.uuid(),
  uscc: z.string().trim().length(18),
  policyNo: z.string().trim().min(4).max(60),
  sumInsuredFen: Fen,
  premiumFen: Fen,
  startsOn: Day,
  endsOn: Day,
});

export const ClaimCreateSchema = z.strictObject({
  lossOn: Day,
  claimedFen: Fen,
  description: z.string().trim().min(2).max(1000),
});

export const ClaimDecisionSchema = z.strictObject({
  status: z.enum(['paid', 'rejected']),
  payoutFen: z.number().int().min(0).max(1e14).optional(),
  note: z.string().trim().max(500).optional(),
});

export const ProductSchema = z.object({
  id: z.string(), code: z.string(), name: z.string(), insurer: z.string(), coverage: z.enum(COVERAGES), premiumRateBp: z.number(),
  maxSumInsuredFen: z.number(), active: z.boolean(), synthetic: z.boolean(), enrolments: z.number(),
});

export const EnrolmentSchema = z.object({
  id: z.string(), productId: z.string(), productName: z.string(), orgId: z.string(), uscc: z.string(), orgName: z.string(), district: z.string(),
  policyNo: z.string(), sumInsuredFen: z.number(), premiumFen: z.number(), startsOn: z.string(), endsOn: z.string(), status: z.enum(ENROLMENT_STATUSES),
  synthetic: z.boolean(), claimedFen: z.number(), paidOutFen: z.number(),
});

export const ClaimSchema = z.object({
  id: z.string(), enrolmentId: z.string(), policyNo: z.string(), orgName: z.string(), lossOn: z.string(), claimedFen: z.number(), description: z.string(),
  status: z.enum(CLAIM_STATUSES), payoutFen: z.number().nullable(), decisionNote: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), synthetic: z.boolean(),
});

export const InsuranceSummarySchema = z.object({
  year: z.number(),
  enrolledOrgs: z.number(), policies: z.number(), premiumFen: z.number(), sumInsuredFen: z.number(),
  claims: z.number(), openClaims: z.number(), paidOutFen: z.number(),
  /** Payouts over premiums of the year's policies (null without premiums). */
  lossRatio: z.number().nullable(),
  /** The premium subsidy: the policy module's benefit, from its latest approved 免申即享 batch for the year. */
  subsidy: z.object({ benefit: z.string(), approvedFen: z.number(), organisations: z.number(), batchId: z.string().nullable() }),
  synthetic: z.number(),
});
