// Programmes (科技计划项目) and their calls, applications, review, awards and projects.
// Tables + zod schemas. Money in fen; timestamps from the server clock (ctx.now()).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { users } from '../accounts/accounts.schema.ts';
import { orgs } from '../registry/registry.schema.ts';

export const PROGRAMME_KINDS = [
  'major_research', // 重大技术攻关
  'open_challenge', // 揭榜挂帅
  'industry_academia', // 产学研合作
  'achievement_transformation', // 高新技术成果转化
  'future_industry', // 未来产业重大专项
  'city_district_joint', // 市区联合专项
  'contest', // 苏颂杯 等创新大赛
] as const;
export const CALL_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'eligible', 'ineligible', 'under_review', 'awarded', 'rejected', 'withdrawn'] as const;
export const PROJECT_STATUSES = ['agreement_pending', 'active', 'extended', 'accepted', 'failed', 'dropped', 'terminated'] as const;
export const ATTACHMENT_KINDS = ['proposal', 'budget_detail', 'qualification', 'cooperation_agreement', 'other'] as const;

export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const Fen = z.number().int().min(0).max(1e15);
const Bi = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

/** The application form a call asks for: free fields, the budget table's categories, required attachments. */
export const FormDefSchema = z.strictObject({
  fields: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/), label: Bi, required: z.boolean().default(false), maxLength: z.number().int().min(1).max(20_000).default(2000) })).max(40).default([]),
  budgetCategories: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: Bi })).min(1).max(20),
  requiredAttachments: z.array(z.enum(ATTACHMENT_KINDS)).max(ATTACHMENT_KINDS.length).default([]),
});
export type FormDef = z.infer<typeof FormDefSchema>;

/** The review rubric: weighted criteria scored 0..scaleMax each. Weights sum to 100. */
export const RubricSchema = z.strictObject({
  scaleMax: z.number().int().min(1).max(100).default(10),
  criteria: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: Bi, weight: z.number().int().min(1).max(100) })).min(1).max(12),
}).refine((r) => r.criteria.reduce((s, c) => s + c.weight, 0) === 100, { message: 'weights must sum to 100' });
export type Rubric = z.infer<typeof RubricSchema>;

/** An open challenge's (揭榜挂帅) problem: goals, bounty and milestones paid by share. */
export const ChallengeSchema = z.strictObject({
  problem: z.string().trim().min(1).max(4000),
  goals: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
  bountyFen: Fen.refine((v) => v > 0),
  /** The enterprise that set the problem (揭榜方的发榜企业); null when the bureau publishes it. */
  leadOrgId: z.uuid().nullable().default(null),
  /** How many solvers may race in parallel (赛马). */
  maxSolvers: z.number().int().min(1).max(10).default(2),
  milestones: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), title: Bi, dueOn: z.iso.date(), shareBp: z.number().int().min(1).max(10_000) })).min(1).max(10),
}).refine((c) => c.milestones.reduce((s, m) => s + m.shareBp, 0) === 10_000, { message: 'milestone shares must sum to 100%' });
export type Challenge = z.infer<typeof ChallengeSchema>;

export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: text('kind', { enum: PROGRAMME_KINDS }).notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  description: text('description').notNull().default(''),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const programmeCalls = pgTable('programme_calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  titleEn: text('title_en'),
  /** For contests (苏颂杯): the round, e.g. 2026年初赛. */
  round: text('round'),
  summary: text('summary').notNull().default(''),
  status: text('status', { enum: CALL_STATUSES }).notNull().default('draft'),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
  maxAwardFen: bigint('max_award_fen', { mode: 'number' }).notNull(),
  /** Applicant's own money at least this share of the requested subsidy (basis points; 10000 = 1:1). */
  cofundingRatioBp: integer('cofunding_ratio_bp').notNull().default(0),
  /** A condition in the policies condition language (src/modules/policies/lang.ts); '' = none. */
  eligibility: text('eligibility').notNull().default(''),
  form: jsonb('form').$type<FormDef>().notNull(),
  rubric: jsonb('rubric').$type<Rubric>().notNull(),
  reviewersPerApplication: integer('reviewers_per_application').notNull().default(3),
  /** Reviewers do not see the applicant's identity. */
  blind: boolean('blind').notNull().default(true),
  /** District-joint programmes: a reviewer from the applicant's district is a conflict. */
  sameDistrictConflict: boolean('same_district_conflict').notNull().default(false),
  /** Weighted totals (0..100) further apart than this send the application to the panel. */
  panelSpread: integer('panel_spread').notNull().default(20),
  panelLockedAt: timestamp('panel_locked_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  /** The funds module's fund that pays this call's awards (src/modules/funds). */
  fundId: uuid('fund_id'),
  challenge: jsonb('challenge').$type<Challenge>(),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('programme_calls_programme_idx').on(t.programmeId),
  check('programme_calls_window', sql`${t.closesAt} > ${t.opensAt}`),
  check('programme_calls_money', sql`${t.budgetFen} > 0 and ${t.maxAwardFen} > 0 and ${t.maxAwardFen} <= ${t.budgetFen}`),
]);

export interface BudgetLine { category: string; requestedFen: number; selfFen: number }
export interface Decision { decision: 'award' | 'reject'; amountFen: number | null; reason: string; by: string; at: string }
export interface AssignmentLog { at: string; excluded: { reviewerId: string; reviewer: string; reasons: { code: string; zh: string; en: string }[] }[]; chosen: { reviewerId: string; reviewer: string; why: { zh: string; en: string } }[] }

export const programmeApplications = pgTable('programme_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  callId: uuid('call_id').notNull().references(() => programmeCalls.id),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  partnerOrgIds: uuid('partner_org_ids').array().notNull().default(sql`'{}'`),
  title: text('title').notNull(),
  keywords: text('keywords').array().notNull().default(sql`'{}'`),
  status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
  answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
  budget: jsonb('budget').$type<BudgetLine[]>().notNull().default([]),
  requestedFen: bigint('requested_fen', { mode: 'number' }).notNull().default(0),
  selfFundedFen: bigint('self_funded_fen', { mode: 'number' }).notNull().default(0),
  eligibility: jsonb('eligibility').$type<{ result: string; trace: unknown[]; asOf: string } | null>(),
  formalComments: text('formal_comments'),
  assignmentLog: jsonb('assignment_log').$type<AssignmentLog | null>(),
  decision: jsonb('decision').$type<Decision | null>(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('programme_applications_call_idx').on(t.callId, t.status), index('programme_applications_org_idx').on(t.orgId)]);

export const programmeAttachments = pgTable('programme_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => programmeApplications.id),
  kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull(),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  /** Relative to config.filesDir (FILES_DIR; DATA_DIR by default). */
  storedPath: text('stored_path').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('programme_attachments_app_idx').on(t.applicationId)]);

/** The reviewer pool (评审专家库): one row per reviewer account. */
export const programmeReviewers = pgTable('programme_reviewers', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  fields: text('fields').array().notNull().default(sql`'{}'`),
  keywords: text('keywords').array().notNull().default(sql`'{}'`),
  affiliationOrgId: uuid('affiliation_org_id').references(() => orgs.id),
  declaredConflictOrgIds: uuid('declared_conflict_org_ids').array().notNull().default(sql`'{}'`),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const programmeAssignments = pgTable('programme_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => programmeApplications.id),
  reviewerId: uuid('reviewer_id').notNull().references(() => users.id),
  status: text('status', { enum: ['assigned', 'submitted'] }).notNull().default('assigned'),
  scores: jsonb('scores').$type<Record<string, number>>(),
  /** Weighted total on 0..100. */
  total: real('total'),
  comment: text('comment'),
  why: jsonb('why').$type<{ zh: string; en: string }>(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('programme_assignments_unique').on(t.applicationId, t.reviewerId), index('programme_assignments_reviewer_idx').on(t.reviewerId)]);

export interface Tranche { no: number; amountFen: number; condition: string; dueOn: string | null; status: 'planned' | 'requested' | 'paid' | 'cancelled'; disbursementId: string | null; reference: string | null }
export interface Indicator { key: string; label: string; target: number; unit: string }
export interface Agreement { deliverables: string[]; indicators: Indicator[]; startOn: string; endOn: string }

export const programmeProjects = pgTable('programme_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  applicationId: uuid('application_id').notNull().unique().references(() => programmeApplications.id),
  callId: uuid('call_id').notNull().references(() => programmeCalls.id),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  title: text('title').notNull(),
  status: text('status', { enum: PROJECT_STATUSES }).notNull().default('agreement_pending'),
  awardFen: bigint('award_fen', { mode: 'number' }).notNull(),
  agreement: jsonb('agreement').$type<Agreement | null>(),
  tranches: jsonb('tranches').$type<Tranche[]>().notNull().default([]),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  /** Funds module: recipient and allocation that carry the money. */
  fundRecipientId: uuid('fund_recipient_id'),
  allocationId: uuid('allocation_id'),
  /** Milestones passed (open challenges) and mid-term result. */
  gates: jsonb('gates').$type<{ milestone: string; decision: 'keep' | 'drop'; reason: string; at: string; by: string }[]>().notNull().default([]),
  midterm: jsonb('midterm').$type<{ result: 'pass' | 'rectify' | 'fail'; comments: string; at: string; by: string } | null>(),
  acceptance: jsonb('acceptance').$type<{ result: 'pass' | 'fail' | 'extension'; indicators: { key: string; actual: number; met: boolean }[]; comments: string; extendTo: string | null; at: string; by: string } | null>(),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('programme_projects_call_idx').on(t.callId), index('programme_projects_org_idx').on(t.orgId)]);

export const programmeChanges = pgTable('programme_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  projectId: uuid('project_id').notNull().references(() => programmeProjects.id),
  kind: text('kind', { enum: ['schedule', 'budget', 'members', 'scope'] }).notNull(),
  description: text('description').notNull(),
  newEndOn: date('new_end_on'),
  status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
  requestedBy: text('requested_by').notNull(),
  decidedBy: text('decided_by'),
  decisionNote: text('decision_note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

/** Notices to the people concerned by a transition: an organisation's users, or one user. */
export const programmeNotifications = pgTable('programme_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id'),
  userId: uuid('user_id'),
  /** 'staff': every bureau administrator. */
  audience: text('audience', { enum: ['org', 'user', 'staff'] }).notNull(),
  entityType: text('entity_type').notNull(),
  entityId: uuid('entity_id').notNull(),
  title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('programme_notifications_org_idx').on(t.orgId), index('programme_notifications_user_idx').on(t.userId)]);

// ---------- API schemas ----------

export const ProgrammeCreateSchema = z.strictObject({
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/),
  kind: z.enum(PROGRAMME_KINDS),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  description: z.string().trim().max(4000).default(''),
});
export type ProgrammeCreate = z.input<typeof ProgrammeCreateSchema>;

export const CallCreateSchema = z.strictObject({
  programmeId: z.uuid(),
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/),
  title: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).optional(),
  round: z.string().trim().max(100).optional(),
  summary: z.string().trim().max(4000).default(''),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  budgetFen: Fen.refine((v) => v > 0),
  maxAwardFen: Fen.refine((v) => v > 0),
  cofundingRatioBp: z.number().int().min(0).max(100_000).default(0),
  eligibility: z.string().trim().max(2000).default(''),
  form: FormDefSchema,
  rubric: RubricSchema,
  reviewersPerApplication: z.number().int().min(1).max(9).default(3),
  blind: z.boolean().default(true),
  sameDistrictConflict: z.boolean().default(false),
  panelSpread: z.number().int().min(1).max(100).default(20),
  fundId: z.uuid().optional(),
  challenge: ChallengeSchema.optional(),
});
export type CallCreate = z.input<typeof CallCreateSchema>;

export const BudgetLineSchema = z.strictObject({ category: z.string().min(1).max(40), requestedFen: Fen, selfFen: Fen });

export const ApplicationCreateSchema = z.strictObject({
  callId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  partnerUsccs: z.array(z.string().trim().length(18)).max(10).default([]),
  keywords: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type ApplicationCreate = z.input<typeof ApplicationCreateSchema>;

export const ApplicationPatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  partnerUsccs: z.array(z.string().trim().length(18)).max(10).optional(),
  keywords: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  answers: z.record(z.string(), z.string().max(20_000)).optional(),
  budget: z.array(BudgetLineSchema).max(20).optional(),
});
export type ApplicationPatch = z.infer<typeof ApplicationPatchSchema>;

export const FormalCheckSchema = z.strictObject({ result: z.enum(['pass', 'return', 'fail']), comments: z.string().trim().max(2000).default('') });
export const ReviewerCreateSchema = z.strictObject({
  userId: z.uuid(),
  fields: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(40)).max(40).default([]),
  affiliationUscc: z.string().trim().length(18).optional(),
  declaredConflictUsccs: z.array(z.string().trim().length(18)).max(50).default([]),
});
export type ReviewerCreate = z.input<typeof ReviewerCreateSchema>;
export const ScoreSchema = z.strictObject({ scores: z.record(z.string(), z.number().min(0).max(100)), comment: z.string().trim().min(1).max(4000) });
export const DecisionsSchema = z.strictObject({
  decisions: z.array(z.strictObject({ applicationId: z.uuid(), decision: z.enum(['award', 'reject']), amountFen: Fen.optional(), reason: z.string().trim().min(1).max(1000) })).min(1).max(500),
});
export const AgreementSchema = z.strictObject({
  deliverables: z.array(z.string().trim().min(1).max(500)).min(1).max(30),
  indicators: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: z.string().trim().min(1).max(200), target: z.number().min(0), unit: z.string().trim().max(20).default('') })).min(1).max(30),
  startOn: z.iso.date(),
  endOn: z.iso.date(),
  /** Tranches: amounts in fen summing to the award; condition: signing | midterm | acceptance | milestone:<key>. */
  tranches: z.array(z.strictObject({ amountFen: Fen.refine((v) => v > 0), condition: z.string().regex(/^(signing|midterm|acceptance|milestone:[a-z][a-z0-9_]{0,39})$/), dueOn: z.iso.date().optional() })).min(1).max(12),
});
export type AgreementInput = z.infer<typeof AgreementSchema>;
export const PayTrancheSchema = z.strictObject({ reference: z.string().trim().min(1).max(60), memo: z.string().trim().max(500).optional() });
export const MidtermSchema = z.strictObject({ result: z.enum(['pass', 'rectify', 'fail']), comments: z.string().trim().min(1).max(2000) });
export const ChangeCreateSchema = z.strictObject({ kind: z.enum(['schedule', 'budget', 'members', 'scope']), description: z.string().trim().min(1).max(2000), newEndOn: z.iso.date().optional() });
export const ChangeDecisionSchema = z.strictObject({ approve: z.boolean(), note: z.string().trim().max(1000).default('') });
export const AcceptanceSchema = z.strictObject({
  result: z.enum(['pass', 'fail', 'extension']),
  indicators: z.array(z.strictObject({ key: z.string(), actual: z.number().min(0) })).max(30),
  comments: z.string().trim().min(1).max(2000),
  extendTo: z.iso.date().optional(),
});
export const GateSchema = z.strictObject({ milestone: z.string().min(1).max(40), decision: z.enum(['keep', 'drop']), reason: z.string().trim().min(1).max(1000) });
