// The published facts format: what the engine evaluates. The same shape the registry stores
// (an organisation, its yearly facts, its qualifications), plus optional expert inputs.
import { z } from 'zod';
import { FLAG_FACT_KEYS, NUMERIC_FACT_KEYS, NUMERIC_FACTS } from '../modules/registry/facts.ts';

const numeric = Object.fromEntries(NUMERIC_FACT_KEYS.map((k) => {
  const def: { signed?: boolean; unit: string } = NUMERIC_FACTS[k];
  let s = z.number().int();
  if (!def.signed) s = s.min(0);
  if (def.unit === 'level') s = s.min(1).max(4);
  if (def.unit === 'bp') s = s.max(10_000);
  return [k, s.nullable().optional()];
})) as Record<(typeof NUMERIC_FACT_KEYS)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>;
const flags = Object.fromEntries(FLAG_FACT_KEYS.map((k) => [k, z.boolean().nullable().optional()])) as Record<(typeof FLAG_FACT_KEYS)[number], z.ZodOptional<z.ZodNullable<z.ZodBoolean>>>;

export const YearFactsDocSchema = z.strictObject({ fiscalYear: z.number().int().min(1990).max(2100), ...numeric, ...flags });

export const QUALIFICATION_KINDS_DOC = [
  'hnte', 'tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'tech_leader',
  'rd_institution_national', 'rd_institution_provincial', 'rd_institution_municipal',
  'st_award_national', 'st_award_provincial', 'tech_innovation_demo', 'ip_advantage', 'other',
] as const;

export const FactsDocSchema = z.strictObject({
  org: z.strictObject({
    uscc: z.string().optional(),
    name: z.string().optional(),
    kind: z.enum(['enterprise', 'university', 'institute', 'platform_operator', 'fund_manager', 'village_collective']).default('enterprise'),
    registeredOn: z.iso.date().nullish(),
    industryCode: z.string().nullish(),
  }),
  years: z.array(YearFactsDocSchema).max(30).default([]),
  qualifications: z.array(z.strictObject({
    kind: z.enum(QUALIFICATION_KINDS_DOC),
    issuedOn: z.iso.date().nullish(),
    expiresOn: z.iso.date().nullish(),
    rank: z.number().int().min(1).nullish(),
    certificateNo: z.string().nullish(),
  })).max(200).default([]),
  /** Expert judgements the engine must not invent (HNTE IP quality, R&D management, market position…). */
  expert: z.record(z.string(), z.number()).default({}),
}).superRefine((doc, ctx) => {
  const seen = new Set<number>();
  doc.years.forEach((y, i) => {
    if (seen.has(y.fiscalYear)) ctx.addIssue({ code: 'custom', path: ['years', i, 'fiscalYear'], message: `fiscal year ${y.fiscalYear} appears twice`, params: { zh: `财年 ${y.fiscalYear} 重复。`, en: `Fiscal year ${y.fiscalYear} appears twice.` } });
    seen.add(y.fiscalYear);
    if (y.stStaff != null && y.employees != null && y.stStaff > y.employees) ctx.addIssue({ code: 'custom', path: ['years', i, 'stStaff'], message: 'S&T staff exceed employees', params: { zh: '科技人员数不能多于职工总数。', en: 'S&T staff cannot exceed employees.' } });
    if (y.rdStaff != null && y.employees != null && y.rdStaff > y.employees) ctx.addIssue({ code: 'custom', path: ['years', i, 'rdStaff'], message: 'R&D staff exceed employees', params: { zh: '研发人员数不能多于职工总数。', en: 'R&D staff cannot exceed employees.' } });
    if (y.rdExpenseDomestic != null && y.rdExpense != null && y.rdExpenseDomestic > y.rdExpense) ctx.addIssue({ code: 'custom', path: ['years', i, 'rdExpenseDomestic'], message: 'domestic R&D exceeds total R&D', params: { zh: '境内研发费用不能高于研发费用总额。', en: 'Domestic R&D cannot exceed total R&D.' } });
  });
});
export type FactsDoc = z.infer<typeof FactsDocSchema>;
export type YearFactsDoc = z.infer<typeof YearFactsDocSchema>;
