import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { orgs } from '../registry/registry.schema.ts';
import { BenefitDraftSchema, TestCaseSchema } from './benefit.ts';
import { FormulaSchema, PeriodSchema } from './formula.ts';

export const POLICY_LEVELS = ['national', 'provincial', 'city', 'district'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'repealed'] as const;
export const CONFIDENCES = ['V', 'C', 'R', 'X'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface PolicyTags { chains: string[]; tiers: string[]; topics: string[] }
export interface Clause { no: string; text: string }

// A published measure. What it says lives in its versions; the row keeps what identifies it.
export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable short name used in URLs and seeds ("rd-super-deduction-2023"). */
    slug: text('slug').notNull().unique(),
    docNo: text('doc_no'),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    level: text('level', { enum: POLICY_LEVELS }).notNull(),
    publishedOn: date('published_on'),
    status: text('status', { enum: POLICY_STATUSES }).notNull().default('draft'),
    tags: jsonb('tags').$type<PolicyTags>().notNull().default({ chains: [], tiers: [], topics: [] }),
    /** Where the text came from, and how sure we are of it (criteria.md's V/C/R/X). */
    source: text('source'),
    confidence: text('confidence', { enum: CONFIDENCES }),
    /** Title, number, issuer, tags and the latest version's clauses, segmented by jieba. */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policies_search_idx').using('gin', t.searchVector), unique('policies_doc_no').on(t.docNo)],
);

// Each change is a new version with its own effective date; versions are never edited.
export const policyVersions = pgTable(
  'policy_versions',
  {
    policyId: uuid('policy_id').notNull().references(() => policies.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    expiresOn: date('expires_on'),
    summary: text('summary'),
    clauses: jsonb('clauses').$type<Clause[]>().notNull(),
    changeNote: text('change_note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.versionNo] })],
);

// A benefit item: national ones are computed in national.ts; authored ones by their versions.
export const benefits = pgTable('benefits', {
  code: text('code').primaryKey(),
  kind: text('kind', { enum: ['national', 'authored'] }).notNull(),
  policyId: uuid('policy_id').notNull().references(() => policies.id),
  clauseNo: text('clause_no').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  topic: text('topic').notNull(),
  /** Where and how to claim it, in both languages. */
  howToApply: jsonb('how_to_apply').$type<{ zh: string; en: string }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const benefitVersions = pgTable(
  'benefit_versions',
  {
    benefitCode: text('benefit_code').notNull().references(() => benefits.code, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    condition: text('condition').notNull(),
    formula: jsonb('formula').$type<z.infer<typeof FormulaSchema>>().notNull(),
    period: text('period', { enum: ['once', 'yearly'] }).notNull(),
    budget: bigint('budget', { mode: 'number' }),
    exampleAmounts: boolean('example_amounts').notNull().default(false),
    testCases: jsonb('test_cases').$type<z.infer<typeof TestCaseSchema>[]>().notNull().default([]),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.benefitCode, t.versionNo] })],
);

// ---------- API shapes ----------

const Bilingual = z.object({ zh: z.string(), en: z.string() });
const IsoDate = z.iso.date();
const TagList = z.array(z.string().trim().min(1).max(40)).max(20);
export const TagsSchema = z.strictObject({ chains: TagList.default([]), tiers: TagList.default([]), topics: TagList.default([]) });
export const ClauseSchema = z.strictObject({ no: z.string().trim().min(1).max(20), text: z.string().trim().min(1).max(5000) });

export const PolicyVersionInputSchema = z.strictObject({
  effectiveFrom: IsoDate,
  expiresOn: IsoDate.nullish(),
  summary: z.string().trim().max(2000).nullish(),
  clauses: z.array(ClauseSchema).min(1).max(200),
  changeNote: z.string().trim().max(500).nullish(),
});
export type PolicyVersionInput = z.infer<typeof PolicyVersionInputSchema>;

export const PolicyCreateSchema = z.strictObject({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,79}$/),
  docNo: z.string().trim().min(1).max(100).nullish(),
  title: z.string().trim().min(2).max(300),
  issuer: z.string().trim().min(2).max(200),
  level: z.enum(POLICY_LEVELS),
  publishedOn: IsoDate.nullish(),
  tags: TagsSchema.default({ chains: [], tiers: [], topics: [] }),
  source: z.string().trim().max(500).nullish(),
  confidence: z.enum(CONFIDENCES).nullish(),
  version: PolicyVersionInputSchema,
});
export type PolicyCreate = z.infer<typeof PolicyCreateSchema>;

/** What may change on a policy without a new version: its status and its tags. */
export const PolicyPatchSchema = z.strictObject({ status: z.enum(POLICY_STATUSES).optional(), tags: TagsSchema.optional() });

export const PolicyVersionSchema = z.object({
  versionNo: z.number(),
  effectiveFrom: z.string(),
  expiresOn: z.string().nullable(),
  summary: z.string().nullable(),
  clauses: z.array(z.object({ no: z.string(), text: z.string() })),
  changeNote: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  inForce: z.boolean(),
});

export const PolicySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  docNo: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVELS),
  publishedOn: z.string().nullable(),
  status: z.enum(POLICY_STATUSES),
  tags: z.object({ chains: z.array(z.string()), tiers: z.array(z.string()), topics: z.array(z.string()) }),
  source: z.string().nullable(),
  confidence: z.enum(CONFIDENCES).nullable(),
  updatedAt: z.string(),
});

export const PolicyListItemSchema = PolicySchema.extend({
  effectiveFrom: z.string().nullable(),
  expiresOn: z.string().nullable(),
  versions: z.number(),
  benefits: z.number(),
  snippet: z.string().nullable(),
});

export const PolicyDetailSchema = PolicySchema.extend({
  versions: z.array(PolicyVersionSchema),
  benefits: z.array(z.object({ code: z.string(), name: Bilingual, clauseNo: z.string(), kind: z.enum(['national', 'authored']), published: z.boolean() })),
});

export const PolicyListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  tag: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuerySchema>;

export const BenefitCreateSchema = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{2,59}$/),
  policyId: z.uuid(),
  clauseNo: z.string().trim().min(1).max(20),
  nameZh: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
  topic: z.string().trim().min(1).max(40),
  howToApply: z.strictObject({ zh: z.string().trim().min(1).max(1000), en: z.string().trim().min(1).max(1000) }),
  version: BenefitDraftSchema,
});
export type BenefitCreate = z.infer<typeof BenefitCreateSchema>;

export const BenefitVersionSchema = z.object({
  versionNo: z.number(),
  status: z.enum(['draft', 'published']),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  condition: z.string(),
  formula: FormulaSchema,
  period: PeriodSchema,
  budget: z.number().nullable(),
  exampleAmounts: z.boolean(),
  testCases: z.array(TestCaseSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const BenefitSchema = z.object({
  code: z.string(),
  kind: z.enum(['national', 'authored']),
  name: Bilingual,
  topic: z.string(),
  howToApply: Bilingual,
  policy: z.object({ id: z.string(), slug: z.string(), docNo: z.string().nullable(), title: z.string() }),
  clause: z.object({ no: z.string(), text: z.string().nullable() }),
  published: z.boolean(),
  versions: z.array(BenefitVersionSchema),
});

export const ProblemSchema = z.object({ path: z.string(), code: z.string(), start: z.number().optional(), end: z.number().optional(), part: z.string().optional(), message: z.string() });

export const ValidationReportSchema = z.object({
  ok: z.boolean(),
  problems: z.array(ProblemSchema),
  cases: z.array(z.object({ name: z.string(), passed: z.boolean(), actual: z.number().nullable(), expected: z.number().nullable(), message: z.string() })),
});

export const VariableSchema = z.object({ name: z.string(), type: z.string(), group: z.string(), label: Bilingual, values: z.array(z.string()).optional(), min: z.number().optional(), max: z.number().optional() });

// ---------- calculator ----------

export const BenefitResultSchema = z.object({
  code: z.string(),
  kind: z.enum(['national', 'authored']),
  name: Bilingual,
  topic: z.string(),
  verdict: z.enum(['eligible', 'not_eligible', 'unknown']),
  amount: z.number().nullable(),
  period: PeriodSchema,
  exampleAmounts: z.boolean(),
  version: z.string(),
  policy: z.object({ slug: z.string(), docNo: z.string().nullable(), title: z.string() }),
  clause: z.object({ no: z.string(), text: z.string().nullable() }),
  howToApply: Bilingual,
  reasons: z.array(z.object({ ok: z.boolean().nullable(), text: Bilingual })),
  formula: Bilingual.nullable(),
  missing: z.array(z.string()),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  citations: z.array(z.object({ docNo: z.string(), article: z.string(), confidence: z.string() })),
  note: Bilingual.optional(),
});
export type BenefitResult = z.infer<typeof BenefitResultSchema>;

export const CalculationSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  uscc: z.string().nullable(),
  total: z.number(),
  benefits: z.array(BenefitResultSchema),
  tiers: z.array(z.object({ ruleset: z.string(), title: Bilingual, verdict: z.string(), held: z.boolean() })),
  nearMisses: z.array(z.object({ ruleset: z.string(), title: Bilingual, gaps: z.array(Bilingual), blockers: z.array(Bilingual), open: z.number() })),
});

// ---------- auto-grant (免申即享) ----------

export const grantBatches = pgTable(
  'grant_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    benefitCode: text('benefit_code').notNull().references(() => benefits.code),
    /** The benefit version the batch was decided on ('national' rules carry their code version). */
    benefitVersion: text('benefit_version').notNull(),
    asOf: date('as_of').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'superseded'] }).notNull().default('pending'),
    organisations: integer('organisations').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    /** Total before pro-rating to the budget; equals total when no budget binds. */
    totalBeforeBudget: bigint('total_before_budget', { mode: 'number' }).notNull(),
    budget: bigint('budget', { mode: 'number' }),
    /** The approved batch this one was compared with, and what changed. */
    previousId: uuid('previous_id'),
    changes: jsonb('changes').$type<{ added: number; dropped: number; changed: number; same: number }>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [index('grant_batches_benefit_idx').on(t.benefitCode, t.asOf)],
);

export const grants = pgTable(
  'grants',
  {
    batchId: uuid('batch_id').notNull().references(() => grantBatches.id, { onDelete: 'cascade' }),
    /**
     * An organisation, checked per insert statement and removed with it by triggers (migration
     * 0028), not by a foreign key: its per-row check cost a batch of 57,000 grants 0.4 s.
     */
    orgId: uuid('org_id').notNull(),
    /** 'dropped' rows keep an organisation the previous approved batch granted and this one does not. */
    change: text('change', { enum: ['new', 'same', 'changed', 'dropped'] }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    amountBeforeBudget: bigint('amount_before_budget', { mode: 'number' }).notNull(),
    previousAmount: bigint('previous_amount', { mode: 'number' }),
    /**
     * Null: rebuilt on reading from the snapshot and the batch's benefit version (autogrant.service.ts
     * explainer). Batches run before 2026-11-27 stored it here.
     */
    explanation: jsonb('explanation'),
    /** What the grant was decided on: the variables its condition and formula read, or a national benefit's facts. */
    snapshot: json('snapshot').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.orgId] })],
);

// An organisation's inbox: grants and "you now qualify" alerts, each sent once (dedupe key).
export const orgNotices = pgTable(
  'org_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    kind: text('kind', { enum: ['grant', 'qualify'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    body: jsonb('body').$type<{ zh: string; en: string }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [unique('org_notices_dedupe').on(t.orgId, t.dedupeKey), index('org_notices_org_idx').on(t.orgId, t.createdAt)],
);

export const noticeOptOuts = pgTable('notice_opt_outs', {
  orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  topic: text('topic').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.topic] })]);
