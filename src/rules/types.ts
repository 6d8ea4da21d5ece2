// What the engine returns, as zod schemas (the API documents them; types are inferred).
// Pure data: stored as-is so that a result can be replayed.
import { z } from 'zod';

export const ConfidenceSchema = z.enum(['V', 'C', 'R', 'X']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** `en`: the document's name in English where it is not a document number (e.g. the bureau's example parameters). */
export const CitationSchema = z.object({ docNo: z.string(), en: z.string().optional(), article: z.string(), confidence: ConfidenceSchema });
export type Citation = z.infer<typeof CitationSchema>;

export const VerdictSchema = z.enum(['pass', 'fail', 'unknown', 'manual_review']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof BilingualSchema>;

/** A computed score, or for expert-judged items the band's range. */
export const PointsSchema = z.object({ value: z.number().optional(), min: z.number().optional(), max: z.number().optional(), band: z.string().optional() });
export type Points = z.infer<typeof PointsSchema>;

/** What would make a criterion pass, in the organisation's own numbers; smaller effort is easier. */
export const GapSchema = z.object({ text: BilingualSchema, effort: z.number() });
export type Gap = z.infer<typeof GapSchema>;

/**
 * How to read `actual`: ratio (0.28 = 28 %), fen (money, integer fen), count, persons, days, years,
 * points (a score or a score range such as "74–82"), bool, text (shown as given); null when there is no value.
 */
export const UnitSchema = z.enum(['ratio', 'fen', 'count', 'persons', 'days', 'years', 'points', 'bool', 'text']).nullable();
export type Unit = z.infer<typeof UnitSchema>;

export const CriterionResultSchema = z.object({
  id: z.string(),
  verdict: VerdictSchema,
  actual: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  unit: UnitSchema,
  /** The requirement in each language ("≥ 100万元" / "≥ ¥1,000,000"); null when there is none. */
  threshold: BilingualSchema.nullable(),
  points: PointsSchema.optional(),
  /** Facts that were needed and missing, as paths like "years[2025].employees" or "org.registeredOn" — fact paths only. */
  missing: z.array(z.string()),
  text: BilingualSchema,
  /** A remark on how the criterion was decided (a rule text not yet obtained, a value that cannot be computed). */
  note: BilingualSchema.optional(),
  citation: CitationSchema,
  gap: GapSchema.optional(),
  /** A scored item without a pass mark of its own: it adds points to a score and never fails the tier. */
  indicator: z.boolean().optional(),
});
export type CriterionResult = z.infer<typeof CriterionResultSchema>;

export const RulesetResultSchema = z.object({
  ruleset: z.string(),
  /** The tier's name in both languages. */
  title: BilingualSchema,
  version: z.string(),
  asOf: z.string(),
  verdict: VerdictSchema,
  /** Which way the tier was met: all conditions or a direct route. */
  route: z.enum(['conditions', 'direct']).nullable(),
  score: PointsSchema.optional(),
  criteria: z.array(CriterionResultSchema),
  /** The certificate of this tier held on the evaluation date, if any. */
  held: z.object({ certificateNo: z.string().nullable(), issuedOn: z.string().nullable(), expiresOn: z.string().nullable() }).nullable(),
  /** Every parameter value used, with its citation. */
  params: z.record(z.string(), z.object({ value: z.unknown(), citation: CitationSchema })),
});
export type RulesetResult = z.infer<typeof RulesetResultSchema>;
