// S&T leader enterprise (科技领军企业): a city-defined tier with no national standard
// (criteria.md §6: none with numeric criteria was found; the Xiamen draft of 2025-12-18 names
// "科技型领军企业" as the top tier above HNTE without criteria). Its numbers are therefore
// parameters the bureau sets in versions (stored in rule_param_versions, edited by bureau_admin).
// Until the bureau sets a version, the built-in EXAMPLE applies: every value is an example,
// labelled so in each result — not a fact about Xiamen's rules.
import { z } from 'zod';

export const LeaderParamsSchema = z.strictObject({
  /** Prior-year operating revenue, fen. */
  minRevenue: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Prior-year R&D expense, fen. */
  minRdExpense: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Prior-year R&D expense ÷ operating revenue, basis points. */
  minRdIntensityBp: z.number().int().min(0).max(10_000),
  /** Valid invention patents held at the end of the prior year. */
  minInventionPatents: z.number().int().min(0).max(1_000_000),
  /** A valid high and new technology enterprise certificate on the evaluation date. */
  requireHnte: z.boolean(),
  /** A national or provincial R&D institution (engineering centre, key laboratory…) held on the evaluation date. */
  requireRdInstitution: z.boolean(),
});
export type LeaderParams = z.infer<typeof LeaderParamsSchema>;

/** One version of the parameters: in force from `effectiveFrom` until the next version's date. */
export const LeaderVersionSchema = z.object({
  effectiveFrom: z.iso.date(),
  params: LeaderParamsSchema,
  /** The bureau's document that set them (e.g. "厦科规〔2026〕1号"); null for the built-in example. */
  docNo: z.string().nullable(),
  article: z.string().nullable(),
  /** True for the built-in example values, which no one has set. */
  example: z.boolean(),
  note: z.string().nullable(),
});
export type LeaderVersion = z.infer<typeof LeaderVersionSchema>;

/**
 * Example values — set by the bureau. Chosen to sit above the HNTE tier: a valid HNTE, revenue of
 * ¥1 billion, R&D of ¥50 million (the "large firm" R&D mark of 《厦门市加快创新驱动发展的若干措施》,
 * criteria.md §6), 3 % R&D intensity (the HNTE mark for the largest firms), 30 invention patents and
 * a provincial-or-national R&D institution. From 2025-05-20, the letter (厦科函〔2025〕84号) that
 * announced "建立科技领军企业培育机制".
 */
export const LEADER_EXAMPLE: LeaderVersion = {
  effectiveFrom: '2025-05-20',
  params: {
    minRevenue: 1_000_000_000_00,
    minRdExpense: 50_000_000_00,
    minRdIntensityBp: 300,
    minInventionPatents: 30,
    requireHnte: true,
    requireRdInstitution: true,
  },
  docNo: null,
  article: null,
  example: true,
  note: null,
};
