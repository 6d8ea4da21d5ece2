import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { checkUscc } from '../../lib/uscc.ts';
import { DISTRICTS, DistrictSchema } from '../accounts/accounts.schema.ts';
import { bigint as bigintColumn, boolean as booleanColumn, type PgBigInt53BuilderInitial, type PgBooleanBuilderInitial } from 'drizzle-orm/pg-core';
import { FLAG_FACT_KEYS, NUMERIC_FACT_KEYS, NUMERIC_FACTS, snake, type FactKey, type FlagFactKey, type NumericFactKey } from './facts.ts';
import { isIndustryCode } from './industry.ts';

export const ORG_KINDS = ['enterprise', 'university', 'institute', 'platform_operator', 'fund_manager', 'village_collective'] as const;
export const OrgKindSchema = z.enum(ORG_KINDS);

export const QUALIFICATION_KINDS = [
  'hnte', 'tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'tech_leader',
  'rd_institution_national', 'rd_institution_provincial', 'rd_institution_municipal',
  'st_award_national', 'st_award_provincial', 'tech_innovation_demo', 'ip_advantage', 'other',
] as const;
export const QualificationKindSchema = z.enum(QUALIFICATION_KINDS);

/** Table columns for every fact; null means "not known", never zero. */
function factColumns() {
  const numeric = Object.fromEntries(NUMERIC_FACT_KEYS.map((k) => [k, bigintColumn(snake(k), { mode: 'number' })])) as unknown as {
    [K in NumericFactKey]: PgBigInt53BuilderInitial<''>;
  };
  const flags = Object.fromEntries(FLAG_FACT_KEYS.map((k) => [k, booleanColumn(snake(k))])) as unknown as {
    [K in FlagFactKey]: PgBooleanBuilderInitial<''>;
  };
  return { ...numeric, ...flags };
}

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uscc: text('uscc').notNull().unique(),
    name: text('name').notNull(),
    formerNames: text('former_names').array().notNull().default(sql`'{}'`),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    district: text('district', { enum: DISTRICTS }).notNull(),
    address: text('address'),
    registeredOn: date('registered_on'),
    industryCode: text('industry_code'),
    listed: boolean('listed').notNull().default(false),
    parentGroup: text('parent_group'),
    contacts: jsonb('contacts').$type<Contact[]>().notNull().default([]),
    keywords: text('keywords').array().notNull().default(sql`'{}'`),
    mainProducts: text('main_products').array().notNull().default(sql`'{}'`),
    synthetic: boolean('synthetic').notNull().default(false),
    // Chinese text segmented by jieba, space-joined: what full-text search indexes.
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_search_idx').using('gin', t.searchVector),
    index('orgs_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('orgs_district_idx').on(t.district),
    index('orgs_industry_idx').on(t.industryCode),
  ],
);

export interface FactSource {
  kind: 'import' | 'edit' | 'api' | 'seed' | 'diagnosis';
  /** Import file name and row, or a note. */
  ref: string | null;
  at: string;
  actor: string;
}

export const orgFacts = pgTable(
  'org_facts',
  {
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    ...factColumns(),
    // Where each field's current value came from: '*' for the whole row (an import row, a
    // seed), then one entry per field changed since. Kept compact: one source, not sixty.
    sources: jsonb('sources').$type<Partial<Record<FactKey | '*', FactSource>>>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('org_facts_org_year').on(t.orgId, t.fiscalYear)],
);

// Every change of every fact, field by field.
export const orgFactHistory = pgTable(
  'org_fact_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    source: jsonb('source').$type<FactSource>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('org_fact_history_org_idx').on(t.orgId, t.fiscalYear)],
);

export const orgQualifications = pgTable(
  'org_qualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: QUALIFICATION_KINDS }).notNull(),
    name: text('name'),
    certificateNo: text('certificate_no'),
    issuedOn: date('issued_on'),
    expiresOn: date('expires_on'),
    issuer: text('issuer'),
    /** Rank among the award-winning units, for awards. */
    rank: integer('rank'),
    source: jsonb('source').$type<FactSource>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_qualifications_org_idx').on(t.orgId), index('org_qualifications_kind_idx').on(t.kind, t.expiresOn)],
);

// ---------- API shapes ----------

export const ContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).optional(),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/).optional(),
  email: z.email().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** Why a USCC is wrong, in both languages (the import report uses the same words). */
export function usccProblem(value: string): { zh: string; en: string } | null {
  const r = checkUscc(value);
  if (r.ok) return null;
  switch (r.reason) {
    case 'check':
      return { zh: `统一社会信用代码校验位错误：第18位应为 ${r.expected}，而不是 ${r.actual}。`, en: `Wrong USCC check character: the 18th character should be ${r.expected}, not ${r.actual}.` };
    case 'length':
      return { zh: '统一社会信用代码应为18位。', en: 'A USCC has 18 characters.' };
    case 'charset':
      return { zh: '统一社会信用代码只能使用数字和除 I、O、S、V、Z 以外的大写字母。', en: 'A USCC uses digits and capital letters except I, O, S, V, Z.' };
    default:
      return { zh: '统一社会信用代码第3–8位应为行政区划代码（数字）。', en: 'Positions 3–8 of a USCC are the administrative division code (digits).' };
  }
}

export const UsccSchema = z.string().superRefine((value, ctx) => {
  const problem = usccProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: problem });
}).transform((v) => v.trim().toUpperCase());

const IsoDate = z.iso.date();
const IndustryCode = z.string().trim().toUpperCase().refine(isIndustryCode, {
  message: 'Not a code of GB/T 4754-2017',
  params: { zh: '不是《国民经济行业分类》（GB/T 4754-2017）中的代码。', en: 'Not a code of GB/T 4754-2017.' },
});
const TextList = z.array(z.string().trim().min(1).max(100)).max(50);

export const OrgCreateSchema = z.strictObject({
  uscc: UsccSchema,
  name: z.string().trim().min(2).max(200),
  formerNames: TextList.default([]),
  kind: OrgKindSchema,
  district: DistrictSchema,
  address: z.string().trim().max(300).nullish(),
  registeredOn: IsoDate.nullish(),
  industryCode: IndustryCode.nullish(),
  listed: z.boolean().default(false),
  parentGroup: z.string().trim().max(200).nullish(),
  contacts: z.array(ContactSchema).max(20).default([]),
  keywords: TextList.default([]),
  mainProducts: TextList.default([]),
});
export type OrgCreate = z.infer<typeof OrgCreateSchema>;

export const OrgPatchSchema = OrgCreateSchema.omit({ uscc: true }).partial().strict();
export type OrgPatch = z.infer<typeof OrgPatchSchema>;

export const QualificationSchema = z.object({
  id: z.uuid(),
  kind: QualificationKindSchema,
  name: z.string().nullable(),
  certificateNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  issuer: z.string().nullable(),
  rank: z.number().nullable(),
  active: z.boolean(),
});

export const QualificationCreateSchema = z.strictObject({
  kind: QualificationKindSchema,
  name: z.string().trim().max(200).nullish(),
  certificateNo: z.string().trim().max(100).nullish(),
  issuedOn: IsoDate.nullish(),
  expiresOn: IsoDate.nullish(),
  issuer: z.string().trim().max(200).nullish(),
  rank: z.number().int().min(1).max(100).nullish(),
});
export type QualificationCreate = z.infer<typeof QualificationCreateSchema>;

export const OrgSchema = z.object({
  id: z.uuid(),
  uscc: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  kind: OrgKindSchema,
  district: DistrictSchema,
  address: z.string().nullable(),
  registeredOn: z.string().nullable(),
  industryCode: z.string().nullable(),
  listed: z.boolean(),
  parentGroup: z.string().nullable(),
  contacts: z.array(ContactSchema),
  keywords: z.array(z.string()),
  mainProducts: z.array(z.string()),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Org = z.infer<typeof OrgSchema>;

const numericFactShape = Object.fromEntries(
  NUMERIC_FACT_KEYS.map((k) => {
    const def: { signed?: boolean; unit: string } = NUMERIC_FACTS[k];
    let s = z.number().int();
    if (!def.signed) s = s.min(0);
    if (def.unit === 'level') s = s.min(1).max(4);
    if (def.unit === 'bp') s = s.max(10_000);
    return [k, s.nullable()];
  }),
) as Record<(typeof NUMERIC_FACT_KEYS)[number], z.ZodNullable<z.ZodNumber>>;
const flagFactShape = Object.fromEntries(FLAG_FACT_KEYS.map((k) => [k, z.boolean().nullable()])) as Record<(typeof FLAG_FACT_KEYS)[number], z.ZodNullable<z.ZodBoolean>>;

/** A partial update of one year's facts: a field given as null clears it. */
export const FactsPatchSchema = z.strictObject({ ...numericFactShape, ...flagFactShape }).partial();
export type FactsPatch = z.infer<typeof FactsPatchSchema>;

export const FiscalYearSchema = z.coerce.number().int().min(1990).max(2100);

export const YearFactsSchema = z.object({
  fiscalYear: z.number(),
  facts: z.object({ ...numericFactShape, ...flagFactShape }),
  sources: z.record(z.string(), z.object({ kind: z.string(), ref: z.string().nullable(), at: z.string(), actor: z.string() })),
  warnings: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export type FactValues = z.infer<typeof YearFactsSchema>['facts'];

export const FactHistorySchema = z.object({
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  source: z.object({ kind: z.string(), ref: z.string().nullable(), at: z.string(), actor: z.string() }),
  at: z.string(),
});

export const SORTS = ['name', 'registeredOn', 'revenue', 'employees', 'updatedAt', 'relevance'] as const;

export const OrgListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: OrgKindSchema.optional(),
  district: DistrictSchema.optional(),
  industry: z.string().trim().max(5).optional(),
  qualification: QualificationKindSchema.optional(),
  /** The fiscal year the revenue and staff filters read (default: the latest year on file). */
  year: FiscalYearSchema.optional(),
  revenueMin: z.coerce.number().min(0).optional(),
  revenueMax: z.coerce.number().min(0).optional(),
  staffMin: z.coerce.number().int().min(0).optional(),
  staffMax: z.coerce.number().int().min(0).optional(),
  synthetic: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OrgListQuery = z.infer<typeof OrgListQuerySchema>;

export const OrgListItemSchema = OrgSchema.pick({ id: true, uscc: true, name: true, kind: true, district: true, industryCode: true, listed: true, synthetic: true, registeredOn: true }).extend({
  fiscalYear: z.number().nullable(),
  revenue: z.number().nullable(),
  employees: z.number().nullable(),
  qualifications: z.array(QualificationKindSchema),
  score: z.number().nullable(),
});
