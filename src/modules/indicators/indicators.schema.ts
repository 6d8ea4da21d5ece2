import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { DistrictSchema } from '../accounts/accounts.schema.ts';

// Indicators (指标): reported figures entered by staff with their source, and computed ones
// that the platform derives from its own data (catalogue.ts). A value is one figure for one
// period; the period's shape follows the indicator's frequency (periods.ts).

export const FREQUENCIES = ['annual', 'quarterly', 'monthly', 'stock', 'span'] as const;
export const FrequencySchema = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof FrequencySchema>;

/** The units figures come in; a value must come in its indicator's unit. */
export const UNITS = ['家', '项', '个', '人', '亿元', '万元', '%', '份', '条', '支', '届'] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;
export const UNIT_EN: Record<Unit, string> = {
  '家': 'organisations', '项': 'items', '个': 'units', '人': 'people', '亿元': '100 million yuan', '万元': '10,000 yuan',
  '%': '%', '份': 'documents', '条': 'measures', '支': 'funds', '届': 'editions',
};

export const TOPICS = ['enterprises', 'cultivation', 'projects', 'carriers', 'talent', 'digital', 'funds', 'policy', 'villages', 'marketplace', 'economy'] as const;
export const TopicSchema = z.enum(TOPICS);
export type Topic = z.infer<typeof TopicSchema>;

export const QUALIFIERS = ['more_than', 'nearly'] as const;
export const QualifierSchema = z.enum(QUALIFIERS);

export interface IndicatorSource {
  /** Document number, e.g. 厦科函〔2025〕84号. */
  docNo: string | null;
  title: string;
  issuer: string | null;
  date: string;
  url: string | null;
}

export const indicators = pgTable(
  'indicators',
  {
    id: text('id').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    definitionZh: text('definition_zh').notNull().default(''),
    definitionEn: text('definition_en').notNull().default(''),
    topic: text('topic', { enum: TOPICS }).notNull(),
    unit: text('unit', { enum: UNITS }).notNull(),
    frequency: text('frequency', { enum: FREQUENCIES }).notNull(),
    /** Who answers for the figure (a bureau division, a district, a partner department). */
    owner: text('owner').notNull().default(''),
    targetValue: doublePrecision('target_value'),
    targetPeriod: text('target_period'),
    targetSource: jsonb('target_source').$type<IndicatorSource>(),
    /** Shown on the open-data URLs without login. */
    published: boolean('published').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('indicators_topic_idx').on(t.topic)],
);

export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: text('indicator_id').notNull().references(() => indicators.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    /** Last day the period covers, for ordering a series (a stock figure: its as-of date). */
    periodEnd: date('period_end').notNull(),
    value: doublePrecision('value').notNull(),
    qualifier: text('qualifier', { enum: QUALIFIERS }),
    source: jsonb('source').$type<IndicatorSource>().notNull(),
    note: text('note').notNull().default(''),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique('indicator_values_period').on(t.indicatorId, t.period)],
);

// ---------- API shapes ----------

export const IndicatorIdSchema = z.string().trim().regex(/^[a-z][a-z0-9_]{1,62}$/, 'lowercase letters, digits and _');

export const SourceSchema = z.strictObject({
  docNo: z.string().trim().max(100).nullable().default(null),
  title: z.string().trim().min(1).max(300),
  issuer: z.string().trim().max(100).nullable().default(null),
  date: z.iso.date(),
  url: z.url().max(500).nullable().default(null),
});

export const IndicatorInputSchema = z.strictObject({
  id: IndicatorIdSchema,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  definitionZh: z.string().trim().max(2000).default(''),
  definitionEn: z.string().trim().max(2000).default(''),
  topic: TopicSchema,
  unit: UnitSchema,
  frequency: FrequencySchema,
  owner: z.string().trim().max(100).default(''),
  targetValue: z.number().finite().nullable().default(null),
  targetPeriod: z.string().trim().max(40).nullable().default(null),
  targetSource: SourceSchema.nullable().default(null),
  published: z.boolean().default(false),
});
export type IndicatorInput = z.infer<typeof IndicatorInputSchema>;

export const IndicatorPatchSchema = IndicatorInputSchema.omit({ id: true }).partial();

export const ValueInputSchema = z.strictObject({
  period: z.string().trim().min(4).max(21),
  value: z.number().finite(),
  /** Must equal the indicator's unit: a figure in another unit is refused, never converted silently. */
  unit: UnitSchema,
  qualifier: QualifierSchema.nullable().default(null),
  source: SourceSchema,
  note: z.string().trim().max(500).default(''),
});
export type ValueInput = z.infer<typeof ValueInputSchema>;

export const ValueCorrectionSchema = ValueInputSchema.omit({ period: true }).extend({
  reason: z.string().trim().min(2).max(500),
});

/** Indicator ids, comma-separated (a cockpit page's own set). */
const IdListSchema = z.string().trim().max(2000).regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'ids separated by commas')
  .transform((s) => s.split(','));

export const ListQuerySchema = z.strictObject({
  topic: TopicSchema.optional(),
  kind: z.enum(['reported', 'computed']).optional(),
  ids: IdListSchema.optional(),
});
export const ExportQuerySchema = z.strictObject({ topic: TopicSchema.optional(), ids: IdListSchema.optional() });

export const RowsQuerySchema = z.strictObject({
  period: z.string().trim().max(21).optional(),
  district: DistrictSchema.optional(),
  /** Only the rows on this chain map (organisations confirmed on it; a chain's own row). */
  chain: z.string().trim().min(1).max(63).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type RowsQuery = z.infer<typeof RowsQuerySchema>;

const Bi = z.object({ zh: z.string(), en: z.string() });
export const SourceOutSchema = z.object({ docNo: z.string().nullable(), title: z.string(), issuer: z.string().nullable(), date: z.string(), url: z.string().nullable() });
export const ValueOutSchema = z.object({
  period: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  qualifier: QualifierSchema.nullable(),
  source: SourceOutSchema,
  note: z.string(),
});
export const ComputedOutSchema = z.object({
  period: z.string(),
  value: z.number(),
  /** Synthetic (demo) organisations among those counted: their figures are not real. */
  synthetic: z.number(),
  scope: z.string(),
});
export const ComparisonSchema = z.object({
  reportedId: z.string(),
  reportedPeriod: z.string(),
  reported: z.number(),
  computed: z.number(),
  difference: z.number(),
  explanation: Bi,
});
export const IndicatorOutSchema = z.object({
  id: z.string(),
  kind: z.enum(['reported', 'computed']),
  name: Bi,
  definition: Bi,
  topic: TopicSchema,
  unit: UnitSchema,
  frequency: FrequencySchema,
  owner: z.string(),
  target: z.object({ value: z.number(), period: z.string().nullable(), source: SourceOutSchema.nullable() }).nullable(),
  published: z.boolean(),
  latest: ValueOutSchema.nullable(),
  /** Computed indicators: the platform's current figure. */
  current: ComputedOutSchema.nullable(),
  comparesTo: z.string().nullable(),
  comparison: ComparisonSchema.nullable(),
  drillable: z.boolean(),
  /** Computed: whether the rows behind it are organisations or other things (chain maps, funds …). */
  rowKind: z.enum(['orgs', 'items']).nullable(),
  /** Computed: the breakdowns that mean something for it. */
  dimensions: z.array(z.enum(['district', 'chain'])),
  /** Computed: only today's figure can be computed; earlier ones come from the daily snapshots. */
  currentOnly: z.boolean(),
});
export type IndicatorOut = z.infer<typeof IndicatorOutSchema>;

export const RowsOutSchema = z.object({
  period: z.string(),
  total: z.number(),
  rowKind: z.enum(['orgs', 'items']),
  items: z.array(z.object({
    /** Organisations: the USCC; other rows: their key (chain id, benefit code, fund code, village code). */
    uscc: z.string(),
    name: z.string(),
    district: DistrictSchema.nullable(),
    synthetic: z.boolean(),
    detail: z.string().nullable(),
    /** Other rows: their part of the figure, and the page that shows them. */
    value: z.number().nullable(),
    href: z.string().nullable(),
  })),
});

// ---------- snapshots ----------

/** The city's and each district's figure of every computed indicator, once a day (indicators.snapshots.ts). */
export const indicatorSnapshots = pgTable(
  'indicator_snapshots',
  {
    indicatorId: text('indicator_id').notNull(),
    day: date('day').notNull(),
    /** 'city' or a district. */
    scope: text('scope').notNull(),
    /** The period the figure was computed for (an annual figure's year, a stock figure's day). */
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    synthetic: integer('synthetic').notNull().default(0),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.day, t.scope] })],
);

export const SnapshotOutSchema = z.object({ day: z.string(), period: z.string(), value: z.number(), synthetic: z.number() });
