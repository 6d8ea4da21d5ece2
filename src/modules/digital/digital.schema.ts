// Digital transformation: diagnoses (the national digital-level questionnaire), the solution
// catalogue, the SME pilot, cloud adoption, smart-retrofit projects and the green-manufacturing list.
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { DISTRICTS } from '../accounts/accounts.schema.ts';
import { orgs } from '../registry/registry.schema.ts';
import type { Answers, ScoreResult } from './questionnaire.ts';

export const DIAGNOSIS_MODES = ['self', 'assessor'] as const;
export const DIAGNOSIS_STATUSES = ['draft', 'submitted'] as const;
export const DEPLOYMENTS = ['saas', 'on_premise', 'hybrid'] as const;
export const PILOT_STATUSES = ['enrolled', 'diagnosed', 'implementing', 'accepted', 'withdrawn'] as const;
export const ADOPTION_KINDS = ['cloud', 'industrial_platform'] as const;
export const RETROFIT_INDUSTRIES = ['electronic_devices', 'new_energy', 'kitchen_bath', 'other'] as const;
export const GREEN_KINDS = ['green_factory', 'green_product', 'green_supply_chain', 'green_park'] as const;

export interface MigrationRecord { from: string; to: string; at: string; actor: string; answers: Answers; scenarioLevels: Record<string, number>; dropped: string[] }

// Whether a questionnaire version may still be used (the versions themselves are code data).
export const digitalQuestionnaireStates = pgTable('digital_questionnaire_states', {
  version: text('version').primaryKey(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  retiredBy: text('retired_by'),
  note: text('note'),
});

export const digitalDiagnoses = pgTable(
  'digital_diagnoses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    version: text('version').notNull(),
    mode: text('mode', { enum: DIAGNOSIS_MODES }).notNull(),
    assessorOrg: text('assessor_org'),
    assessorName: text('assessor_name'),
    /** The fiscal year the diagnosis describes; its level is written to that year's `digitalLevel` fact. */
    fiscalYear: integer('fiscal_year').notNull(),
    status: text('status', { enum: DIAGNOSIS_STATUSES }).notNull().default('draft'),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    scenarioLevels: jsonb('scenario_levels').$type<Record<string, number>>().notNull().default({}),
    /** Earlier answers kept when a draft moved to another version: nothing is lost. */
    migrations: jsonb('migrations').$type<MigrationRecord[]>().notNull().default([]),
    result: jsonb('result').$type<ScoreResult>(),
    totalScore: doublePrecision('total_score'),
    level: smallint('level'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('digital_diagnoses_org_idx').on(t.orgId, t.status), index('digital_diagnoses_version_idx').on(t.version, t.status)],
);

export interface SolutionCase { client: string; industry: string; result: string; metrics?: { name: string; before: number; after: number; unit: string }[] }

export const digitalProviders = pgTable('digital_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  uscc: text('uscc'),
  district: text('district', { enum: DISTRICTS }),
  contact: text('contact'),
  intro: text('intro'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const digitalSolutions = pgTable(
  'digital_solutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id').notNull().references(() => digitalProviders.id),
    name: text('name').notNull(),
    summary: text('summary').notNull(),
    /** GB/T 4754 section letters or division codes ("C", "38"); empty = any industry. */
    industries: jsonb('industries').$type<string[]>().notNull().default([]),
    scenarios: jsonb('scenarios').$type<string[]>().notNull().default([]),
    dimensions: jsonb('dimensions').$type<string[]>().notNull().default([]),
    priceMinFen: bigint('price_min_fen', { mode: 'number' }).notNull(),
    priceMaxFen: bigint('price_max_fen', { mode: 'number' }).notNull(),
    deployment: text('deployment', { enum: DEPLOYMENTS }).notNull(),
    cases: jsonb('cases').$type<SolutionCase[]>().notNull().default([]),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('digital_solutions_provider_name').on(t.providerId, t.name)],
);

export interface Outcome { name: string; unit: string; before: number | null; after: number | null }

export const digitalPilotEnrolments = pgTable('digital_pilot_enrolments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().unique().references(() => orgs.id),
  cohort: text('cohort').notNull(),
  enrolledOn: date('enrolled_on').notNull(),
  status: text('status', { enum: PILOT_STATUSES }).notNull().default('enrolled'),
  solutionId: uuid('solution_id').references(() => digitalSolutions.id),
  /** The subsidy as a benefit item of the policy module, and the amount granted (fen). */
  benefitCode: text('benefit_code'),
  subsidyFen: bigint('subsidy_fen', { mode: 'number' }).notNull().default(0),
  outcomes: jsonb('outcomes').$type<Outcome[]>().notNull().default([]),
  synthetic: boolean('synthetic').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const digitalCloudAdoptions = pgTable('digital_cloud_adoptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  kind: text('kind', { enum: ADOPTION_KINDS }).notNull(),
  platform: text('platform').notNull(),
  scope: text('scope'),
  adoptedOn: date('adopted_on').notNull(),
  synthetic: boolean('synthetic').notNull().default(false),
}, (t) => [unique('digital_cloud_adoption_unique').on(t.orgId, t.kind, t.platform)]);

export const digitalRetrofits = pgTable('digital_retrofits', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  name: text('name').notNull(),
  industry: text('industry', { enum: RETROFIT_INDUSTRIES }).notNull(),
  year: integer('year').notNull(),
  investmentFen: bigint('investment_fen', { mode: 'number' }).notNull(),
  benchmark: boolean('benchmark').notNull().default(false),
  indicators: jsonb('indicators').$type<Outcome[]>().notNull().default([]),
  synthetic: boolean('synthetic').notNull().default(false),
});

export const digitalGreenList = pgTable('digital_green_list', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  kind: text('kind', { enum: GREEN_KINDS }).notNull(),
  level: text('level', { enum: ['city', 'provincial', 'national'] }).notNull(),
  orgId: uuid('org_id').references(() => orgs.id),
  /** The listed enterprise or park as named in the list. */
  name: text('name').notNull(),
  synthetic: boolean('synthetic').notNull().default(false),
}, (t) => [unique('digital_green_list_unique').on(t.year, t.kind, t.name)]);

// ---------- API shapes ----------

const Uscc = z.string().trim().min(18).max(18);
const IsoDate = z.iso.date();
const Year = z.number().int().min(2000).max(2100);
const AnswerValue = z.union([z.number(), z.string().max(40)]);
const AnswerMap = z.record(z.string().max(60), AnswerValue);
const ScenarioMap = z.record(z.string().max(60), z.number());
const Fen = z.number().int().min(0).max(1e15);

export const DiagnosisCreateSchema = z.strictObject({
  version: z.string().trim().min(1).max(40).default('2024-manufacturing'),
  mode: z.enum(DIAGNOSIS_MODES).optional(),
  assessorOrg: z.string().trim().min(2).max(200).nullish(),
  assessorName: z.string().trim().min(1).max(60).nullish(),
  fiscalYear: Year.optional(),
  answers: AnswerMap.default({}),
  scenarioLevels: ScenarioMap.default({}),
});
export type DiagnosisCreate = z.infer<typeof DiagnosisCreateSchema>;

export const DiagnosisPatchSchema = z.strictObject({
  answers: AnswerMap.optional(),
  scenarioLevels: ScenarioMap.optional(),
  fiscalYear: Year.optional(),
});
export type DiagnosisPatch = z.infer<typeof DiagnosisPatchSchema>;

export const RetireSchema = z.strictObject({ retired: z.boolean(), note: z.string().trim().max(300).nullish() });
export const MigrateSchema = z.strictObject({ to: z.string().trim().min(1).max(40) });

export const ProviderCreateSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  uscc: Uscc.nullish(),
  district: z.enum(DISTRICTS).nullish(),
  contact: z.string().trim().max(200).nullish(),
  intro: z.string().trim().max(2000).nullish(),
});

const CaseSchema = z.strictObject({
  client: z.string().trim().min(1).max(200),
  industry: z.string().trim().max(100).default(''),
  result: z.string().trim().min(1).max(1000),
  metrics: z.array(z.strictObject({ name: z.string().trim().min(1).max(100), before: z.number(), after: z.number(), unit: z.string().trim().max(20) })).max(10).optional(),
});

export const SolutionCreateSchema = z.strictObject({
  providerId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  summary: z.string().trim().min(2).max(2000),
  industries: z.array(z.string().trim().toUpperCase().regex(/^([A-T]|[A-T]?\d{2,4})$/)).max(20).default([]),
  scenarios: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  dimensions: z.array(z.string().trim().min(1).max(40)).min(1).max(5),
  priceMinFen: Fen,
  priceMaxFen: Fen,
  deployment: z.enum(DEPLOYMENTS),
  cases: z.array(CaseSchema).max(20).default([]),
});
export type SolutionCreate = z.infer<typeof SolutionCreateSchema>;

export const SolutionQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  industry: z.string().trim().max(10).optional(),
  scenario: z.string().trim().max(60).optional(),
  dimension: z.string().trim().max(40).optional(),
  deployment: z.enum(DEPLOYMENTS).optional(),
  maxPriceFen: z.coerce.number().int().min(0).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SolutionQuery = z.infer<typeof SolutionQuerySchema>;

const OutcomeSchema = z.strictObject({ name: z.string().trim().min(1).max(100), unit: z.string().trim().max(20), before: z.number().nullable(), after: z.number().nullable() });

export const EnrolSchema = z.strictObject({
  uscc: Uscc,
  cohort: z.string().trim().min(1).max(40),
  enrolledOn: IsoDate,
  solutionId: z.uuid().nullish(),
  benefitCode: z.string().trim().min(1).max(60).nullish(),
  subsidyFen: Fen.default(0),
});
export const EnrolmentPatchSchema = z.strictObject({
  status: z.enum(PILOT_STATUSES).optional(),
  solutionId: z.uuid().nullish(),
  benefitCode: z.string().trim().min(1).max(60).nullish(),
  subsidyFen: Fen.optional(),
  outcomes: z.array(OutcomeSchema).max(20).optional(),
});

export const CloudAdoptionSchema = z.strictObject({
  uscc: Uscc, kind: z.enum(ADOPTION_KINDS), platform: z.string().trim().min(1).max(200), scope: z.string().trim().max(500).nullish(), adoptedOn: IsoDate,
});
export const RetrofitSchema = z.strictObject({
  uscc: Uscc, name: z.string().trim().min(2).max(200), industry: z.enum(RETROFIT_INDUSTRIES), year: Year, investmentFen: Fen,
  benchmark: z.boolean().default(false), indicators: z.array(OutcomeSchema).max(20).default([]),
});
export const GreenListSchema = z.strictObject({
  year: Year, kind: z.enum(GREEN_KINDS), level: z.enum(['city', 'provincial', 'national']), name: z.string().trim().min(2).max(200), uscc: Uscc.nullish(),
});

export const DashboardQuerySchema = z.strictObject({ district: z.enum(DISTRICTS).optional() });
