import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { users } from '../accounts/accounts.schema.ts';
import { orgs } from '../registry/registry.schema.ts';
import { isIndustryCode } from '../registry/industry.ts';

export const TIERS = ['pillar', 'emerging', 'future'] as const;
export const STAGES = ['upstream', 'midstream', 'downstream'] as const;
export const LINK_ROLES = ['chain_leader', 'core_supplier', 'supporting', 'service'] as const;
export const ATTACHMENT_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export const TARGET_STATUSES = ['lead', 'contacted', 'negotiating', 'landed', 'dropped'] as const;
export const TARGET_SOURCES = ['chain_gap', 'expo', 'referral', 'association', 'enclave', 'staff_research', 'other'] as const;

// ---------- tables ----------

// The 4+4+6 system: one row an industry, edited in place; every edit bumps `version` and
// keeps the previous state in industry_revisions.
export const industries = pgTable('industries', {
  id: text('id').primaryKey(),
  tier: text('tier', { enum: TIERS }).notNull(),
  zh: text('zh').notNull(),
  en: text('en').notNull(),
  codes: text('codes').array().notNull().default(sql`'{}'`),
  keywords: text('keywords').array().notNull().default(sql`'{}'`),
  /** False until staff confirm an industry the bureau's letter does not name. */
  verified: boolean('verified').notNull(),
  sourceNote: text('source_note').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull().default('system'),
});

export const industryRevisions = pgTable('industry_revisions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  industryId: text('industry_id').notNull().references(() => industries.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actor: text('actor').notNull(),
}, (t) => [unique('industry_revisions_version').on(t.industryId, t.version)]);

export const chains = pgTable('chains', {
  id: text('id').primaryKey(),
  zh: text('zh').notNull(),
  en: text('en').notNull(),
  industryId: text('industry_id').references(() => industries.id),
  description: jsonb('description').$type<{ zh: string; en: string }>().notNull().default({ zh: '', en: '' }),
  /** 'reference': the platform's starting draft from public industry knowledge; 'staff': made by staff. */
  origin: text('origin', { enum: ['reference', 'staff'] }).notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// A link's id never changes: other modules (marketplace, programmes) keep it. Deleting a link
// marks it deleted (and merged links point at the survivor), so old references still resolve.
export const chainLinks = pgTable('chain_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  chainId: text('chain_id').notNull().references(() => chains.id, { onDelete: 'cascade' }),
  parentId: uuid('parent_id'),
  /** The reference data's key (e.g. es.cells.lfp), null for links staff added. */
  refKey: text('ref_key'),
  stage: text('stage', { enum: STAGES }).notNull(),
  zh: text('zh').notNull(),
  en: text('en').notNull().default(''),
  codes: text('codes').array().notNull().default(sql`'{}'`),
  keywords: text('keywords').array().notNull().default(sql`'{}'`),
  technologies: text('technologies').array().notNull().default(sql`'{}'`),
  products: text('products').array().notNull().default(sql`'{}'`),
  sortOrder: integer('sort_order').notNull().default(0),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  mergedInto: uuid('merged_into'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('chain_links_chain_idx').on(t.chainId), unique('chain_links_ref_key').on(t.chainId, t.refKey)]);

/** Supply edges: `fromLinkId` supplies `toLinkId`; both in the same chain (checked in the service). */
export const chainEdges = pgTable('chain_edges', {
  id: uuid('id').primaryKey().defaultRandom(),
  chainId: text('chain_id').notNull().references(() => chains.id, { onDelete: 'cascade' }),
  fromLinkId: uuid('from_link_id').notNull().references(() => chainLinks.id),
  toLinkId: uuid('to_link_id').notNull().references(() => chainLinks.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('chain_edges_pair').on(t.fromLinkId, t.toLinkId), check('chain_edges_not_self', sql`${t.fromLinkId} <> ${t.toLinkId}`)]);

/** Local organisations at a link: suggested from registry data with evidence, then decided by staff. */
export const chainLinkOrgs = pgTable('chain_link_orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  chainId: text('chain_id').notNull().references(() => chains.id, { onDelete: 'cascade' }),
  linkId: uuid('link_id').notNull().references(() => chainLinks.id),
  orgId: uuid('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  role: text('role', { enum: LINK_ROLES }).notNull(),
  status: text('status', { enum: ATTACHMENT_STATUSES }).notNull(),
  /** 0–100. */
  confidence: integer('confidence').notNull(),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull().default([]),
  source: text('source', { enum: ['auto', 'manual'] }).notNull(),
  decidedBy: text('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('chain_link_orgs_chain_org').on(t.chainId, t.orgId), index('chain_link_orgs_link_idx').on(t.linkId)]);

/** Outside enterprises the bureau courts for a link (按图索骥). */
export const investmentTargets = pgTable('investment_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  chainId: text('chain_id').notNull().references(() => chains.id, { onDelete: 'cascade' }),
  linkId: uuid('link_id').notNull().references(() => chainLinks.id),
  name: text('name').notNull(),
  location: text('location').notNull().default(''),
  products: text('products').array().notNull().default(sql`'{}'`),
  source: text('source', { enum: TARGET_SOURCES }).notNull(),
  sourceNote: text('source_note').notNull().default(''),
  status: text('status', { enum: TARGET_STATUSES }).notNull(),
  ownerId: uuid('owner_id').references(() => users.id),
  /** Planned investment in fen. */
  plannedInvestment: bigint('planned_investment', { mode: 'number' }),
  /** Annual revenue in fen, if known. */
  revenue: bigint('revenue', { mode: 'number' }),
  listed: boolean('listed').notNull().default(false),
  hnte: boolean('hnte').notNull().default(false),
  notes: text('notes').notNull().default(''),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('investment_targets_chain_idx').on(t.chainId, t.status)]);

/** Dated snapshots of a chain map (links, edges, confirmed organisations, strengths). */
export const chainVersions = pgTable('chain_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  chainId: text('chain_id').notNull().references(() => chains.id, { onDelete: 'cascade' }),
  asOf: date('as_of').notNull(),
  label: text('label').notNull(),
  snapshot: jsonb('snapshot').$type<ChainSnapshot>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
}, (t) => [unique('chain_versions_chain_date').on(t.chainId, t.asOf)]);

export interface Evidence {
  /** 'role': why the role was suggested (matched holds the reason; weight 0). */
  kind: 'industry_code' | 'industry_group' | 'keyword' | 'product' | 'role';
  /** What the organisation has. */
  value: string;
  /** What the link lists that it matched. */
  matched: string;
  weight: number;
}

export interface ChainSnapshot {
  links: { id: string; parentId: string | null; stage: string; zh: string; en: string; codes: string[]; keywords: string[]; technologies: string[]; products: string[]; sortOrder: number }[];
  edges: { from: string; to: string }[];
  orgs: { linkId: string; orgId: string; name: string; role: string; status: string }[];
  strengths: { linkId: string; score: number; cls: string }[];
}

// ---------- API shapes ----------

const Bi = z.object({ zh: z.string(), en: z.string() });
export const IndustryCodeSchema = z.string().trim().toUpperCase().refine(isIndustryCode, {
  message: 'Not a code of GB/T 4754-2017',
  params: { zh: '不是《国民经济行业分类》（GB/T 4754-2017）中的代码。', en: 'Not a code of GB/T 4754-2017.' },
});
const Words = z.array(z.string().trim().min(1).max(60)).max(60);
const Codes = z.array(IndustryCodeSchema).max(60);

export const IndustrySchema = z.object({
  id: z.string(), tier: z.enum(TIERS), zh: z.string(), en: z.string(), codes: z.array(z.string()), keywords: z.array(z.string()),
  codeNames: z.array(z.object({ code: z.string(), zh: z.string() })),
  verified: z.boolean(), sourceNote: z.string(), sortOrder: z.number(), version: z.number(), updatedAt: z.string(), updatedBy: z.string(),
  chains: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
});
export type Industry = z.infer<typeof IndustrySchema>;

export const IndustryPatchSchema = z.strictObject({
  zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(100),
  codes: Codes, keywords: Words, verified: z.boolean(), sourceNote: z.string().trim().max(300),
  /** The version the editor started from: a stale edit is refused, not silently overwritten. */
  version: z.number().int().min(1),
}).partial().required({ version: true });
export type IndustryPatch = z.infer<typeof IndustryPatchSchema>;

export const ChainKeySchema = z.string().trim().regex(/^[a-z][a-z0-9_]{2,40}$/);
export const ChainCreateSchema = z.strictObject({
  id: ChainKeySchema, zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(100),
  industryId: z.string().trim().min(1).max(40).nullish(), description: z.strictObject({ zh: z.string().max(500), en: z.string().max(800) }).optional(),
});
export type ChainCreate = z.infer<typeof ChainCreateSchema>;
export const ChainPatchSchema = ChainCreateSchema.omit({ id: true }).partial().strict();

export const ChainSummarySchema = z.object({
  id: z.string(), zh: z.string(), en: z.string(), industryId: z.string().nullable(), origin: z.enum(['reference', 'staff']),
  description: Bi, links: z.number(), organisations: z.number(), targets: z.number(),
});
export const ChainListSchema = z.object({ planned: z.number(), items: z.array(ChainSummarySchema) });

export const LinkSchema = z.object({
  id: z.uuid(), chainId: z.string(), parentId: z.string().nullable(), stage: z.enum(STAGES), zh: z.string(), en: z.string(),
  codes: z.array(z.string()), keywords: z.array(z.string()), technologies: z.array(z.string()), products: z.array(z.string()), sortOrder: z.number(),
  deleted: z.boolean(), mergedInto: z.string().nullable(),
});
export type Link = z.infer<typeof LinkSchema>;
export const EdgeSchema = z.object({ id: z.uuid(), fromLinkId: z.string(), toLinkId: z.string() });
export const ChainMapSchema = ChainSummarySchema.extend({ links: z.array(LinkSchema), edges: z.array(EdgeSchema), linkCount: z.number() }).omit({ organisations: true, targets: true });

export const LinkCreateSchema = z.strictObject({
  // Required, also for sub-links: a link without a stage is refused (a sub-link's must match its parent's).
  stage: z.enum(STAGES),
  parentId: z.uuid().nullish(),
  zh: z.string().trim().min(1).max(60), en: z.string().trim().max(120).default(''),
  codes: Codes.default([]), keywords: Words.default([]), technologies: Words.default([]), products: Words.default([]),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type LinkCreate = z.infer<typeof LinkCreateSchema>;
export const LinkPatchSchema = z.strictObject({
  stage: z.enum(STAGES), parentId: z.uuid().nullable(),
  zh: z.string().trim().min(1).max(60), en: z.string().trim().max(120),
  codes: Codes, keywords: Words, technologies: Words, products: Words, sortOrder: z.number().int().min(0).max(10_000),
}).partial();
export type LinkPatch = z.infer<typeof LinkPatchSchema>;

export const EdgeCreateSchema = z.strictObject({ fromLinkId: z.uuid(), toLinkId: z.uuid() });
export const MergeSchema = z.strictObject({ into: z.uuid() });

export const ChainParams = z.strictObject({ chainId: ChainKeySchema });
export const LinkParams = ChainParams.extend({ linkId: z.uuid() });
export const EdgeParams = ChainParams.extend({ edgeId: z.uuid() });
