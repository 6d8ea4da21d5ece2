import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { DISTRICTS, DistrictSchema } from '../accounts/accounts.schema.ts';
import { orgs } from '../registry/registry.schema.ts';

// A double-entry ledger in fen. Funds receive appropriations; allocations earmark money for a
// recipient (a project, a partner county, a village collective project, a sub-fund); payments
// (disbursements) need a maker and a different checker. Every posted entry is a set of lines
// summing to zero; balances are sums of lines, never stored. Posted entries are never edited:
// a trigger refuses UPDATE/DELETE, and a correction is a reversal entry.

export const FUND_KINDS = ['special', 'mountain_sea', 'guidance', 'rd_insurance', 'village_collective'] as const;
export const SOURCE_LEVELS = ['city', 'district', 'provincial'] as const;
export const RECIPIENT_KINDS = ['project', 'county', 'county_project', 'collective_project', 'sub_fund', 'org'] as const;
/** Longyan's seven county-level divisions: Xiamen's mountain–sea cooperation partners. */
export const LONGYAN_COUNTIES = ['xinluo', 'yongding', 'shanghang', 'wuping', 'changting', 'liancheng', 'zhangping'] as const;
export const ENTRY_KINDS = ['appropriation', 'allocation', 'disbursement', 'return', 'release', 'reversal'] as const;
/** source: where appropriations come from (credit); available: appropriated, not allocated;
 * allocated: earmarked for one allocation, not yet paid; paid: paid out on one allocation. */
export const ACCOUNTS = ['source', 'available', 'allocated', 'paid'] as const;
export const DISBURSEMENT_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;

export const FundKindSchema = z.enum(FUND_KINDS);
export const SourceLevelSchema = z.enum(SOURCE_LEVELS);
export const RecipientKindSchema = z.enum(RECIPIENT_KINDS);
export const CountySchema = z.enum(LONGYAN_COUNTIES);

/** Positive whole fen; 1e15 fen (10 trillion yuan) is far above any public fund. */
export const FenSchema = z.number().int().positive().max(1e15);

/** Where a figure comes from (a public document), so real figures carry their source. */
export const SourceRefSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  docNo: z.string().trim().max(100).optional(),
  date: z.iso.date().optional(),
  indicator: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A fund's management rules, as data: checked on every allocation. */
export const FundRulesSchema = z.strictObject({
  /** Uses the money may be allocated to (codes such as county_project, rd_project); empty = any. */
  eligibleUses: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  /** Recipient kinds the fund may allocate to; empty = any. */
  recipientKinds: z.array(RecipientKindSchema).max(RECIPIENT_KINDS.length).default([]),
  /** Most a single recipient (project) may be allocated from this fund, net of releases. */
  capPerRecipientFen: FenSchema.optional(),
  /** Most all recipients in one partner county may be allocated from this fund. */
  capPerCountyFen: FenSchema.optional(),
  /** Most a recipient may get as a share of its investment, in basis points (1000 = 10 %). */
  maxShareOfInvestmentBp: z.number().int().min(1).max(10_000).optional(),
});
export type FundRules = z.infer<typeof FundRulesSchema>;

export const funds = pgTable(
  'funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: FUND_KINDS }).notNull(),
    sourceLevel: text('source_level', { enum: SOURCE_LEVELS }).notNull(),
    /** The contributing district, for district-level funds (null: all districts together, or not district). */
    district: text('district', { enum: DISTRICTS }),
    purpose: text('purpose').notNull(),
    rules: jsonb('rules').$type<FundRules>().notNull(),
    source: jsonb('source').$type<SourceRef>(),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

export const fundRecipients = pgTable(
  'fund_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: RECIPIENT_KINDS }).notNull(),
    /** Stable outside reference, e.g. a programme award number or MS-2025-003; unique. */
    ref: text('ref').notNull().unique(),
    name: text('name').notNull(),
    district: text('district', { enum: DISTRICTS }),
    county: text('county', { enum: LONGYAN_COUNTIES }),
    orgId: uuid('org_id').references(() => orgs.id),
    villageId: uuid('village_id'),
    agreementId: uuid('agreement_id').references(() => msAgreements.id),
    /** Total investment, for share-of-investment caps (collective projects: support ≤ 10 %). */
    investmentFen: bigint('investment_fen', { mode: 'number' }),
    operator: text('operator'),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_recipients_kind_idx').on(t.kind),
    index('fund_recipients_agreement_idx').on(t.agreementId),
    check('fund_recipients_investment_positive', sql`${t.investmentFen} is null or ${t.investmentFen} > 0`),
  ],
);

export const fundAllocations = pgTable(
  'fund_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    recipientId: uuid('recipient_id').notNull().references(() => fundRecipients.id),
    use: text('use').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('fund_allocations_fund_idx').on(t.fundId), index('fund_allocations_recipient_idx').on(t.recipientId)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    allocationId: uuid('allocation_id').references(() => fundAllocations.id),
    /** For a reversal: the entry it reverses (at most one reversal per entry). */
    reversesId: uuid('reverses_id').unique(),
    /** Payment or voucher reference (disbursements, returns). */
    reference: text('reference'),
    /** Appropriations: the contributor (city, a district, the province). */
    contributor: text('contributor'),
    source: jsonb('source').$type<SourceRef>(),
    memo: text('memo'),
    /** Booking date, Beijing time, from the server clock. */
    valueDate: date('value_date').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    postedBy: text('posted_by').notNull(),
    /** Disbursements: who approved (the checker); postedBy is then the checker too. */
    approvedBy: text('approved_by'),
  },
  (t) => [
    index('ledger_entries_fund_idx').on(t.fundId, t.valueDate),
    index('ledger_entries_allocation_idx').on(t.allocationId),
    check('ledger_entries_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

export const ledgerLines = pgTable(
  'ledger_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: uuid('entry_id').notNull().references(() => ledgerEntries.id),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    account: text('account', { enum: ACCOUNTS }).notNull(),
    allocationId: uuid('allocation_id').references(() => fundAllocations.id),
    /** Debit positive, credit negative; an entry's lines sum to zero (deferred trigger). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('ledger_lines_entry_idx').on(t.entryId),
    index('ledger_lines_fund_account_idx').on(t.fundId, t.account),
    index('ledger_lines_allocation_idx').on(t.allocationId, t.account),
    check('ledger_lines_nonzero', sql`${t.amountFen} <> 0`),
    check('ledger_lines_allocation_account', sql`(${t.account} in ('allocated', 'paid')) = (${t.allocationId} is not null)`),
  ],
);

export const disbursements = pgTable(
  'disbursements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    allocationId: uuid('allocation_id').notNull().references(() => fundAllocations.id),
    /** Payment reference (bank voucher or instruction number): never used twice. */
    reference: text('reference').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    payee: text('payee').notNull(),
    memo: text('memo'),
    status: text('status', { enum: DISBURSEMENT_STATUSES }).notNull().default('pending'),
    requestedById: uuid('requested_by_id'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedById: uuid('decided_by_id'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    entryId: uuid('entry_id').references(() => ledgerEntries.id),
  },
  (t) => [
    uniqueIndex('disbursements_reference_key').on(t.reference),
    index('disbursements_status_idx').on(t.status),
    index('disbursements_allocation_idx').on(t.allocationId),
    check('disbursements_amount_positive', sql`${t.amountFen} > 0`),
    // A checker (approve, reject) is never the maker; the maker may withdraw its own request.
    check('disbursements_four_eyes', sql`${t.status} not in ('approved', 'rejected') or ${t.decidedById} is null or ${t.requestedById} is null or ${t.decidedById} <> ${t.requestedById}`),
  ],
);

export const ledgerReferences = pgTable(
  'ledger_references',
  {
    // Every payment reference ever used, disbursements and returns alike: a reference is unique
    // across both (a primary key, so concurrent writers cannot both take one).
    reference: text('reference').primaryKey(),
    usedFor: text('used_for', { enum: ['disbursement', 'return'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
);

/**
 * A 免申即享 grant paid through the ledger: one payment request per grant (batch × organisation),
 * its reference derived from both, so a grant can never be requested twice. benefit and fiscal
 * year let a later batch of the same benefit pay only the difference.
 */
export const grantPayments = pgTable(
  'grant_payments',
  {
    batchId: uuid('batch_id').notNull(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    benefitCode: text('benefit_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    disbursementId: uuid('disbursement_id').notNull().references(() => disbursements.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.orgId] }), index('grant_payments_benefit_idx').on(t.benefitCode, t.fiscalYear, t.orgId)],
);

export const GrantPaymentCreateSchema = z.strictObject({
  batchId: z.uuid(),
  use: z.string().trim().min(1).max(60).optional(),
});

// ---------- API shapes ----------

export const FundCreateSchema = z.strictObject({
  code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).optional(),
  kind: FundKindSchema,
  sourceLevel: SourceLevelSchema,
  district: DistrictSchema.optional(),
  purpose: z.string().trim().min(2).max(1000),
  rules: FundRulesSchema.default({ eligibleUses: [], recipientKinds: [] }),
  source: SourceRefSchema.optional(),
});
export type FundCreate = z.input<typeof FundCreateSchema>;

export const BalancesSchema = z.object({
  appropriatedFen: z.number(),
  availableFen: z.number(),
  allocatedFen: z.number(),
  paidFen: z.number(),
  pendingFen: z.number(),
});
export type Balances = z.infer<typeof BalancesSchema>;

export const FundSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: FundKindSchema,
  sourceLevel: SourceLevelSchema,
  district: z.string().nullable(),
  purpose: z.string(),
  rules: FundRulesSchema,
  source: SourceRefSchema.nullable(),
  synthetic: z.boolean(),
  balances: BalancesSchema,
});
export type Fund = z.infer<typeof FundSchema>;

export const RecipientCreateSchema = z.strictObject({
  kind: RecipientKindSchema,
  ref: z.string().trim().min(2).max(80),
  name: z.string().trim().min(2).max(200),
  district: DistrictSchema.optional(),
  county: CountySchema.optional(),
  orgUscc: z.string().trim().length(18).optional(),
  investmentFen: FenSchema.optional(),
  operator: z.string().trim().max(200).optional(),
});
export type RecipientCreate = z.infer<typeof RecipientCreateSchema>;

export const RecipientSchema = z.object({
  id: z.string(),
  kind: RecipientKindSchema,
  ref: z.string(),
  name: z.string(),
  district: z.string().nullable(),
  county: z.string().nullable(),
  orgId: z.string().nullable(),
  villageId: z.string().nullable(),
  agreementId: z.string().nullable(),
  investmentFen: z.number().nullable(),
  operator: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  synthetic: z.boolean(),
  allocatedFen: z.number(),
  paidFen: z.number(),
});

export const AppropriationCreateSchema = z.strictObject({
  amountFen: FenSchema,
  contributor: z.string().trim().min(1).max(100),
  memo: z.string().trim().max(500).optional(),
  source: SourceRefSchema.optional(),
});
export type AppropriationCreate = z.infer<typeof AppropriationCreateSchema>;

export const AllocationCreateSchema = z.strictObject({
  recipientId: z.uuid(),
  amountFen: FenSchema,
  use: z.string().trim().min(1).max(60),
  note: z.string().trim().max(500).optional(),
});
export type AllocationCreate = z.infer<typeof AllocationCreateSchema>;

export const AllocationSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  fundCode: z.string(),
  recipientId: z.string(),
  recipientRef: z.string(),
  recipientName: z.string(),
  recipientStatus: z.enum(['open', 'closed']),
  use: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Net allocated: allocations minus releases, reversals included. */
  allocatedFen: z.number(),
  /** Allocated and not yet paid. */
  remainingFen: z.number(),
  paidFen: z.number(),
  /** Requested payments awaiting a checker. */
  pendingFen: z.number(),
});
export type Allocation = z.infer<typeof AllocationSchema>;

export const MovementSchema = z.strictObject({
  amountFen: FenSchema,
  memo: z.string().trim().max(500).optional(),
});

export const ReturnCreateSchema = z.strictObject({
  amountFen: FenSchema,
  reference: z.string().trim().min(3).max(80),
  memo: z.string().trim().max(500).optional(),
});

export const DisbursementCreateSchema = z.strictObject({
  amountFen: FenSchema,
  reference: z.string().trim().min(3).max(80),
  payee: z.string().trim().min(2).max(200).optional(),
  memo: z.string().trim().max(500).optional(),
});
export type DisbursementCreate = z.infer<typeof DisbursementCreateSchema>;

export const DisbursementPatchSchema = z.strictObject({
  amountFen: FenSchema.optional(),
  reference: z.string().trim().min(3).max(80).optional(),
  payee: z.string().trim().min(2).max(200).optional(),
  memo: z.string().trim().max(500).optional(),
});

export const DecisionSchema = z.strictObject({ note: z.string().trim().max(500).optional() });

export const DisbursementSchema = z.object({
  id: z.string(),
  fundId: z.string(),
  fundCode: z.string(),
  fundName: z.string(),
  allocationId: z.string(),
  recipientRef: z.string(),
  recipientName: z.string(),
  reference: z.string(),
  amountFen: z.number(),
  payee: z.string(),
  memo: z.string().nullable(),
  status: z.enum(DISBURSEMENT_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  entryId: z.string().nullable(),
});
export type Disbursement = z.infer<typeof DisbursementSchema>;

export const DisbursementQuerySchema = z.strictObject({
  status: z.enum(DISBURSEMENT_STATUSES).optional(),
  fundId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const EntrySchema = z.object({
  id: z.string(),
  seq: z.number(),
  fundId: z.string(),
  kind: z.enum(ENTRY_KINDS),
  amountFen: z.number(),
  allocationId: z.string().nullable(),
  recipientName: z.string().nullable(),
  reversesId: z.string().nullable(),
  reversedById: z.string().nullable(),
  reference: z.string().nullable(),
  contributor: z.string().nullable(),
  source: SourceRefSchema.nullable(),
  memo: z.string().nullable(),
  valueDate: z.string(),
  postedAt: z.string(),
  postedBy: z.string(),
  approvedBy: z.string().nullable(),
  lines: z.array(z.object({ account: z.enum(ACCOUNTS), allocationId: z.string().nullable(), amountFen: z.number() })),
});
export type Entry = z.infer<typeof EntrySchema>;

export const EntryQuerySchema = z.strictObject({
  kind: z.enum(ENTRY_KINDS).optional(),
  allocationId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReconciliationQuerySchema = z.strictObject({
  fundId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  recipientId: z.uuid().optional(),
});
export type ReconciliationQuery = z.infer<typeof ReconciliationQuerySchema>;

const MovementTotals = {
  appropriatedFen: z.number(),
  allocatedFen: z.number(),
  releasedFen: z.number(),
  paidFen: z.number(),
  returnedFen: z.number(),
  reversedFen: z.number(),
};

export const ReconciliationSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  funds: z.array(z.object({
    fundId: z.string(),
    code: z.string(),
    name: z.string(),
    opening: BalancesSchema.omit({ pendingFen: true }),
    movements: z.object(MovementTotals),
    closing: BalancesSchema.omit({ pendingFen: true }),
    /** Opening + movements = closing, and every entry's lines sum to zero. */
    balanced: z.boolean(),
    entries: z.number(),
  })),
  recipients: z.array(z.object({
    fundId: z.string(),
    fundCode: z.string(),
    recipientId: z.string(),
    recipientRef: z.string(),
    recipientName: z.string(),
    kind: RecipientKindSchema,
    district: z.string().nullable(),
    county: z.string().nullable(),
    openingRemainingFen: z.number(),
    allocatedFen: z.number(),
    releasedFen: z.number(),
    paidFen: z.number(),
    returnedFen: z.number(),
    closingRemainingFen: z.number(),
    closingPaidFen: z.number(),
  })),
  unbalancedEntries: z.array(z.string()),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;

export const TimelineSchema = z.array(z.object({
  month: z.string(),
  appropriatedFen: z.number(),
  allocatedFen: z.number(),
  paidFen: z.number(),
  availableFen: z.number(),
}));

// ---------- mountain–sea cooperation agreements (山海协作协议) ----------

/** Xiamen's only mountain–sea pairing: with Longyan and its seven county-level divisions. */
export const PAIRINGS = ['xiamen_longyan'] as const;
export const AGREEMENT_STATUSES = ['active', 'completed', 'terminated'] as const;

/**
 * A cooperation agreement between Xiamen (the city, or one district) and Longyan (or one partner
 * county): its document, period, and what the city and the district side committed, in fen.
 * County projects link to it (fund_recipients.agreement_id); allocations to them from city-level
 * funds count against the city commitment, from district-level funds against the district one.
 */
export const msAgreements = pgTable(
  'ms_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    pairing: text('pairing', { enum: PAIRINGS }).notNull().default('xiamen_longyan'),
    title: text('title').notNull(),
    /** The Xiamen side: a district, or null for the city. */
    district: text('district', { enum: DISTRICTS }),
    /** The Longyan side: a county, or null for Longyan as a whole. */
    county: text('county', { enum: LONGYAN_COUNTIES }),
    docNo: text('doc_no'),
    signedOn: date('signed_on').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    committedCityFen: bigint('committed_city_fen', { mode: 'number' }).notNull().default(0),
    committedDistrictFen: bigint('committed_district_fen', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('active'),
    note: text('note'),
    source: jsonb('source').$type<SourceRef>(),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ms_agreements_period', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('ms_agreements_commitments', sql`${t.committedCityFen} >= 0 and ${t.committedDistrictFen} >= 0`),
  ],
);

const NonNegFenSchema = z.number().int().min(0).max(1e15);

export const AgreementCreateSchema = z.strictObject({
  code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_-]+$/),
  title: z.string().trim().min(2).max(300),
  district: DistrictSchema.optional(),
  county: CountySchema.optional(),
  docNo: z.string().trim().max(100).optional(),
  signedOn: z.iso.date(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  committedCityFen: NonNegFenSchema.default(0),
  committedDistrictFen: NonNegFenSchema.default(0),
  note: z.string().trim().max(1000).optional(),
  source: SourceRefSchema.optional(),
});
export type AgreementCreate = z.input<typeof AgreementCreateSchema>;

export const AgreementStatusSchema = z.strictObject({ status: z.enum(AGREEMENT_STATUSES), note: z.string().trim().max(500).optional() });

/** A county project under an agreement: a ledger recipient (kind county_project). */
export const AgreementProjectCreateSchema = z.strictObject({
  ref: z.string().trim().min(2).max(80),
  name: z.string().trim().min(2).max(200),
  county: CountySchema.optional(),
  investmentFen: FenSchema.optional(),
  operator: z.string().trim().max(200).optional(),
});

const SideSchema = z.object({ committedFen: z.number(), allocatedFen: z.number(), paidFen: z.number(), pendingFen: z.number(), unpaidFen: z.number(), uncommittedFen: z.number() });

export const AgreementSchema = z.object({
  id: z.string(),
  code: z.string(),
  pairing: z.enum(PAIRINGS),
  title: z.string(),
  district: z.string().nullable(),
  county: z.string().nullable(),
  docNo: z.string().nullable(),
  signedOn: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  committedCityFen: z.number(),
  committedDistrictFen: z.number(),
  status: z.enum(AGREEMENT_STATUSES),
  note: z.string().nullable(),
  source: SourceRefSchema.nullable(),
  synthetic: z.boolean(),
  projects: z.number(),
  /** Allocations to the agreement's projects from city-level and from district-level funds. */
  city: SideSchema,
  districtSide: SideSchema,
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const AgreementDetailSchema = AgreementSchema.extend({
  projectList: z.array(z.object({
    id: z.string(), ref: z.string(), name: z.string(), county: z.string().nullable(), status: z.enum(['open', 'closed']), synthetic: z.boolean(),
    investmentFen: z.number().nullable(), allocatedFen: z.number(), paidFen: z.number(), pendingFen: z.number(),
  })),
  /** Per fund that pays the agreement's projects: its rules' per-county cap against what the county has from it (every agreement). */
  funds: z.array(z.object({
    fundId: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), sourceLevel: z.string(), county: z.string().nullable(),
    allocatedFen: z.number(), paidFen: z.number(), pendingFen: z.number(),
    capPerCountyFen: z.number().nullable(), countyAllocatedFen: z.number().nullable(), countyHeadroomFen: z.number().nullable(),
  })),
});

// ---------- village collectives (村集体经济) ----------

export const villages = pgTable(
  'villages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    district: text('district', { enum: DISTRICTS }).notNull(),
    town: text('town'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('villages_district_idx').on(t.district)],
);

/** Yearly collective income of a village, in fen. */
export const villageIncomes = pgTable(
  'village_incomes',
  {
    villageId: uuid('village_id').notNull().references(() => villages.id),
    year: integer('year').notNull(),
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.year] }), check('village_incomes_nonnegative', sql`${t.incomeFen} >= 0`)],
);

export const VillageCreateSchema = z.strictObject({
  code: z.string().trim().min(2).max(40),
  name: z.string().trim().min(2).max(100),
  district: DistrictSchema,
  town: z.string().trim().max(100).optional(),
});
export const VillageIncomeSchema = z.strictObject({ year: z.number().int().min(2000).max(2100), incomeFen: z.number().int().min(0).max(1e15) });
export const CollectiveProjectCreateSchema = z.strictObject({
  villageId: z.uuid(),
  ref: z.string().trim().min(2).max(80),
  name: z.string().trim().min(2).max(200),
  investmentFen: FenSchema,
  operator: z.string().trim().min(2).max(200),
  /** Optional first fiscal support, allocated in the same transaction (≤ 10 % of the investment). */
  support: z.strictObject({ fundId: z.uuid(), amountFen: FenSchema }).optional(),
});

// ---------- guidance fund → sub-funds → investments (引导基金 / 子基金) ----------

export const VENTURE_KINDS = ['guidance', 'sub_fund', 'vc_fund', 'tech_innovation_fund'] as const;
export const VENTURE_STAGES = ['seed', 'angel', 'a', 'b', 'c_plus', 'pre_ipo'] as const;
export const MANDATE_TAGS = ['early', 'small', 'hard_tech'] as const;

export const ventureFunds = pgTable(
  'venture_funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: VENTURE_KINDS }).notNull(),
    parentId: uuid('parent_id'),
    manager: text('manager'),
    sizeFen: bigint('size_fen', { mode: 'number' }).notNull(),
    /** The guidance fund's commitment to this sub-fund (the public money in it). */
    committedFen: bigint('committed_fen', { mode: 'number' }),
    paidInFen: bigint('paid_in_fen', { mode: 'number' }).notNull().default(0),
    /** Required in-city reinvestment (返投) as a multiple of the commitment, in basis points (15000 = 1.5×). */
    reinvestTargetBp: integer('reinvest_target_bp'),
    mandateTags: text('mandate_tags').array().notNull().default(sql`'{}'`),
    vintage: integer('vintage'),
    /** An example member of the letter's structure (labelled so) until the real one is entered. */
    example: boolean('example').notNull().default(false),
    synthetic: boolean('synthetic').notNull().default(false),
    source: jsonb('source').$type<SourceRef>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('venture_funds_parent_idx').on(t.parentId),
    check('venture_funds_size_positive', sql`${t.sizeFen} > 0`),
    check('venture_funds_paid_in', sql`${t.paidInFen} >= 0 and (${t.committedFen} is null or ${t.paidInFen} <= ${t.committedFen})`),
  ],
);

export const ventureInvestments = pgTable(
  'venture_investments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id').notNull().references(() => ventureFunds.id),
    /** A registry organisation (in the city); null for an investee outside it. */
    orgId: uuid('org_id').references(() => orgs.id),
    targetName: text('target_name').notNull(),
    round: text('round').notNull(),
    stage: text('stage', { enum: VENTURE_STAGES }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    investedOn: date('invested_on').notNull(),
    early: boolean('early').notNull(),
    small: boolean('small').notNull(),
    hardTech: boolean('hard_tech').notNull(),
    inCity: boolean('in_city').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('venture_investments_fund_idx').on(t.fundId), check('venture_investments_amount_positive', sql`${t.amountFen} > 0`)],
);

export const VentureFundCreateSchema = z.strictObject({
  code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(VENTURE_KINDS),
  parentId: z.uuid().optional(),
  manager: z.string().trim().max(200).optional(),
  sizeFen: FenSchema,
  committedFen: FenSchema.optional(),
  paidInFen: z.number().int().min(0).max(1e15).default(0),
  reinvestTargetBp: z.number().int().min(0).max(100_000).optional(),
  mandateTags: z.array(z.enum(MANDATE_TAGS)).max(3).default([]),
  vintage: z.number().int().min(2000).max(2100).optional(),
  example: z.boolean().default(false),
  source: SourceRefSchema.optional(),
});
export type VentureFundCreate = z.input<typeof VentureFundCreateSchema>;

export const InvestmentCreateSchema = z.strictObject({
  orgUscc: z.string().trim().length(18).optional(),
  targetName: z.string().trim().min(2).max(200).optional(),
  round: z.string().trim().min(1).max(40),
  stage: z.enum(VENTURE_STAGES),
  amountFen: FenSchema,
  investedOn: z.iso.date(),
  small: z.boolean().default(false),
  hardTech: z.boolean().default(false),
});
export type InvestmentCreate = z.input<typeof InvestmentCreateSchema>;
