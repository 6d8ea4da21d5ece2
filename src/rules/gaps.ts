// Gap analysis: for each tier not met, the concrete changes that would meet it, easiest first.
import { z } from 'zod';
import { BilingualSchema, type RulesetResult } from './types.ts';

export const GapItemSchema = z.object({
  ruleset: z.string(),
  criterion: z.string(),
  text: BilingualSchema,
  effort: z.number(),
});
export type GapItem = z.infer<typeof GapItemSchema>;

export const TierGapsSchema = z.object({
  ruleset: z.string(),
  verdict: z.string(),
  /** Failing criteria with a numeric remedy, easiest first. */
  gaps: z.array(GapItemSchema),
  /** Failing criteria without a numeric remedy (e.g. a compliance event, a missing document). */
  blockers: z.array(z.object({ criterion: z.string(), text: BilingualSchema })),
  /** Criteria that need data or an expert before anything can be said. */
  open: z.array(z.object({ criterion: z.string(), verdict: z.string(), missing: z.array(z.string()), note: BilingualSchema.optional() })),
});

export function gapsOf(result: RulesetResult): z.infer<typeof TierGapsSchema> {
  // A scored indicator earning few points is not a failed condition; a score with a pass mark
  // (HNTE-07 "≥ 71") is.
  const failing = result.criteria.filter((c) => c.verdict === 'fail' && !c.indicator);
  return {
    ruleset: result.ruleset,
    verdict: result.verdict,
    gaps: failing.filter((c) => c.gap).map((c) => ({ ruleset: result.ruleset, criterion: c.id, text: c.gap!.text, effort: c.gap!.effort }))
      .sort((a, b) => a.effort - b.effort),
    blockers: failing.filter((c) => !c.gap).map((c) => ({ criterion: c.id, text: c.text })),
    open: result.criteria.filter((c) => c.verdict === 'unknown' || c.verdict === 'manual_review').map((c) => ({ criterion: c.id, verdict: c.verdict, missing: c.missing, ...(c.note ? { note: c.note } : {}) })),
  };
}
