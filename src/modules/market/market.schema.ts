// The tech-transfer marketplace (技术转移): achievements (科技成果) and demands (技术需求), saved
// searches with "new match" notices, brokers' follow-up notes, deals as technology contracts
// (技术合同), and innovation enclaves (创新飞地) with the projects they bring.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { users } from '../accounts/accounts.schema.ts';
import { programmeApplications } from '../programmes/programmes.schema.ts';
import { orgs } from '../registry/registry.schema.ts';

/** 《国家重点支持的高新技术领域》 (国科发火〔2016〕32号 附件): the eight fields, reused as the marketplace's field list. */
export const FIELDS = ['electronic_info', 'biomedicine', 'aerospace', 'new_materials', 'high_tech_services', 'new_energy', 'resources_environment', 'advanced_manufacturing'] as const;
export const FIELD_NAMES: Record<(typeof FIELDS)[number], { zh: string; en: string }> = {
  electronic_info: { zh: '电子信息', en: 'Electronic information' },
  biomedicine: { zh: '生物与新医药', en: 'Biology and new medicine' },
  aerospace: { zh: '航空航天', en: 'Aerospace' },
  new_materials: { zh: '新材料', en: 'New materials' },
  high_tech_services: { zh: '高技术服务', en: 'High-tech services' },
  new_energy: { zh: '新能源与节能', en: 'New energy and energy saving' },
  resources_environment: { zh: '资源与环境', en: 'Resources and environment' },
  advanced_manufacturing: { zh: '先进制造与自动化', en: 'Advanced manufacturing and automation' },
};
export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'joint_development'] as const;
export const IP_KINDS = ['invention_patent', 'utility_patent', 'software_copyright', 'ic_layout', 'new_plant_variety', 'know_how', 'none'] as const;
/** 《民法典》第三编第二十章 技术合同: development, transfer, licence, consulting, service. */
export const CONTRACT_TYPES = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
export const LISTING_STATUSES = ['open', 'closed'] as const;
export const ENCLAVE_STAGES = ['incubating', 'negotiating', 'signed', 'landed', 'dropped'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const money = (name: string) => bigint(name, { mode: 'number' });

export const achievements = pgTable('market_achievements', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  title: text('title').notNull(),
  abstract: text('abstract').notNull().default(''),
  field: text('field', { enum: FIELDS }).notNull(),
  chainLinkId: uuid('chain_link_id'),
  trl: integer('trl').notNull(),
  ipKind: text('ip_kind', { enum: IP_KINDS }).notNull(),
  ipRefs: text('ip_refs').array().notNull().default(sql`'{}'`),
  transferModes: text('transfer_modes').array().notNull(),
  /** Asking price or range in fen; both null = negotiable (面议). */
  priceMinFen: money('price_min_fen'),
  priceMaxFen: money('price_max_fen'),
  status: text('status', { enum: LISTING_STATUSES }).notNull().default('open'),
  synthetic: boolean('synthetic').notNull().default(false),
  searchText: text('search_text').notNull().default(''),
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('market_achievements_search_idx').using('gin', t.searchVector),
  check('market_achievements_trl', sql`${t.trl} between 1 and 9`),
]);

export const demands = pgTable('market_demands', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => orgs.id),
  problem: text('problem').notNull(),
  goals: text('goals').notNull().default(''),
  field: text('field', { enum: FIELDS }).notNull(),
  chainLinkId: uuid('chain_link_id'),
  /** The lowest readiness the enterprise can take on (1–9). */
  trlMin: integer('trl_min').notNull(),
  budgetFen: money('budget_fen'),
  deadline: date('deadline'),
  status: text('status', { enum: LISTING_STATUSES }).notNull().default('open'),
  synthetic: boolean('synthetic').notNull().default(false),
  searchText: text('search_text').notNull().default(''),
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('market_demands_search_idx').using('gin', t.searchVector),
  check('market_demands_trl', sql`${t.trlMin} between 1 and 9`),
]);

/** A saved search: a user's standing query for achievements (or demands), checked on every new listing. */
export const savedSearches = pgTable('market_saved_searches', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  target: text('target', { enum: ['achievement', 'demand'] }).notNull(),
  name: text('name').notNull(),
  query: jsonb('query').$type<MatchQuery>().notNull(),
  minScore: integer('min_score').notNull().default(40),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const matchNotices = pgTable('market_match_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  searchId: uuid('search_id').notNull().references(() => savedSearches.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull(),
  target: text('target', { enum: ['achievement', 'demand'] }).notNull(),
  listingId: uuid('listing_id').notNull(),
  title: text('title').notNull(),
  score: integer('score').notNull(),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [unique('market_match_notices_once').on(t.searchId, t.listingId), index('market_match_notices_user_idx').on(t.userId)]);

export const followUps = pgTable('market_follow_ups', {
  id: uuid('id').primaryKey().defaultRandom(),
  demandId: uuid('demand_id').references(() => demands.id),
  achievementId: uuid('achievement_id').references(() => achievements.id),
  broker: text('broker').notNull(),
  note: text('note').notNull(),
  nextStep: text('next_step'),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

export const techContracts = pgTable('market_tech_contracts', {
  id: uuid('id').primaryKey().defaultRandom(),
  contractNo: text('contract_no').notNull().unique(),
  type: text('type', { enum: CONTRACT_TYPES }).notNull(),
  title: text('title').notNull(),
  registeredValueFen: money('registered_value_fen').notNull(),
  sellerOrgId: uuid('seller_org_id').notNull().references(() => orgs.id),
  buyerOrgId: uuid('buyer_org_id').notNull().references(() => orgs.id),
  signedOn: date('signed_on').notNull(),
  achievementId: uuid('achievement_id').references(() => achievements.id),
  demandId: uuid('demand_id').references(() => demands.id),
  synthetic: boolean('synthetic').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [check('market_contracts_parties', sql`${t.sellerOrgId} <> ${t.buyerOrgId}`), check('market_contracts_value', sql`${t.registeredValueFen} > 0`)]);

export const enclaves = pgTable('market_enclaves', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  location: text('location').notNull(),
  operator: text('operator'),
  openedOn: date('opened_on'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const enclaveProjects = pgTable('market_enclave_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  enclaveId: uuid('enclave_id').notNull().references(() => enclaves.id),
  name: text('name').notNull(),
  field: text('field', { enum: FIELDS }).notNull(),
  chainLinkId: uuid('chain_link_id'),
  stage: text('stage', { enum: ENCLAVE_STAGES }).notNull(),
  landedOrgId: uuid('landed_org_id').references(() => orgs.id),
  landedOn: date('landed_on'),
  /** Free text naming a contest held elsewhere (a national or another city's contest) the project came through. */
  contestRef: text('contest_ref'),
  /** The contest entry (an application to a 创新创业大赛 call in the programmes module) the project came through. */
  contestApplicationId: uuid('contest_application_id').references(() => programmeApplications.id),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

// ---------- zod ----------

export const FieldSchema = z.enum(FIELDS);
/** Any number: the service refuses a non-integer or one outside 1–9 with its own stable code. */
export const TrlSchema = z.number();
const Uscc = z.string().trim().toUpperCase().length(18);
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const AchievementCreateSchema = z.strictObject({
  /** The owning organisation; an organisation user may omit it (its own). */
  orgUscc: Uscc.optional(),
  title: Text(200),
  abstract: z.string().trim().max(5000).default(''),
  field: FieldSchema,
  chainLinkId: z.uuid().nullish(),
  /** Checked in the service so the refusal carries its own stable code. */
  trl: TrlSchema,
  ipKind: z.enum(IP_KINDS),
  ipRefs: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  transferModes: z.array(z.enum(TRANSFER_MODES)).min(1).max(4),
  priceMinFen: Fen.nullish(),
  priceMaxFen: Fen.nullish(),
});
export type AchievementCreate = z.infer<typeof AchievementCreateSchema>;

export const DemandCreateSchema = z.strictObject({
  orgUscc: Uscc.optional(),
  problem: Text(200),
  goals: z.string().trim().max(5000).default(''),
  field: FieldSchema,
  chainLinkId: z.uuid().nullish(),
  trlMin: TrlSchema,
  budgetFen: Fen.nullish(),
  deadline: z.iso.date().nullish(),
});
export type DemandCreate = z.infer<typeof DemandCreateSchema>;

/** Editing one's own open listing: any of its fields but the organisation; no defaults, so an absent field stays as it is. */
export const AchievementPatchSchema = z.strictObject({
  title: Text(200),
  abstract: z.string().trim().max(5000),
  field: FieldSchema,
  chainLinkId: z.uuid().nullable(),
  trl: TrlSchema,
  ipKind: z.enum(IP_KINDS),
  ipRefs: z.array(z.string().trim().min(1).max(60)).max(20),
  transferModes: z.array(z.enum(TRANSFER_MODES)).min(1).max(4),
  priceMinFen: Fen.nullable(),
  priceMaxFen: Fen.nullable(),
}).partial();
export type AchievementPatch = z.infer<typeof AchievementPatchSchema>;

export const DemandPatchSchema = z.strictObject({
  problem: Text(200),
  goals: z.string().trim().max(5000),
  field: FieldSchema,
  chainLinkId: z.uuid().nullable(),
  trlMin: TrlSchema,
  budgetFen: Fen.nullable(),
  deadline: z.iso.date().nullable(),
}).partial();
export type DemandPatch = z.infer<typeof DemandPatchSchema>;

/** What a match or a saved search asks for; every part optional. */
export const MatchQuerySchema = z.strictObject({
  text: z.string().trim().max(500).default(''),
  field: FieldSchema.nullish(),
  chainLinkId: z.uuid().nullish(),
  trl: TrlSchema.nullish(),
  budgetFen: Fen.nullish(),
});
export type MatchQuery = z.infer<typeof MatchQuerySchema>;

export const ListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  field: FieldSchema.optional(),
  chainLinkId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const SavedSearchCreateSchema = z.strictObject({
  target: z.enum(['achievement', 'demand']),
  name: Text(100),
  query: MatchQuerySchema,
  minScore: z.number().int().min(0).max(100).default(40),
});

export const FollowUpCreateSchema = z.strictObject({
  note: Text(2000),
  nextStep: z.string().trim().max(500).nullish(),
});

export const ContractCreateSchema = z.strictObject({
  contractNo: z.string().trim().min(3).max(60),
  type: z.enum(CONTRACT_TYPES),
  title: Text(200),
  registeredValueFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  sellerUscc: Uscc,
  buyerUscc: Uscc,
  signedOn: z.iso.date(),
  achievementId: z.uuid().nullish(),
  demandId: z.uuid().nullish(),
});
export type ContractCreate = z.infer<typeof ContractCreateSchema>;

export const EnclaveCreateSchema = z.strictObject({
  name: Text(100),
  location: Text(100),
  operator: z.string().trim().max(200).nullish(),
  openedOn: z.iso.date().nullish(),
});

export const EnclaveProjectCreateSchema = z.strictObject({
  name: Text(200),
  field: FieldSchema,
  chainLinkId: z.uuid().nullish(),
  stage: z.enum(ENCLAVE_STAGES),
  landedUscc: Uscc.nullish(),
  landedOn: z.iso.date().nullish(),
  contestRef: z.string().trim().max(100).nullish(),
  contestApplicationId: z.uuid().nullish(),
});
export const EnclaveProjectPatchSchema = EnclaveProjectCreateSchema.pick({ stage: true, landedUscc: true, landedOn: true, contestApplicationId: true }).partial().strict();
