// The rules engine over the registry: builds the facts document of a stored organisation and
// evaluates it. Stores nothing (batch evaluation and history come with cultivation).
import type { Ctx } from '../../server/context.ts';
import { FactsDocSchema, type FactsDoc } from '../../rules/facts-doc.ts';
import { gapsOf } from '../../rules/gaps.ts';
import { evaluateAll } from '../../rules/index.ts';
import { getOrg, listFacts, listQualifications } from '../registry/registry.service.ts';

/** The published facts document of a registered organisation, as the caller may see it. */
export async function factsDocFor(ctx: Ctx, uscc: string): Promise<FactsDoc> {
  const org = await getOrg(ctx, uscc);
  const [years, qualifications] = await Promise.all([listFacts(ctx, uscc), listQualifications(ctx, uscc)]);
  return FactsDocSchema.parse({
    org: { uscc: org.uscc, name: org.name, kind: org.kind, registeredOn: org.registeredOn, industryCode: org.industryCode },
    years: years.map((y) => ({ fiscalYear: y.fiscalYear, ...Object.fromEntries(Object.entries(y.facts).filter(([, v]) => v !== null)) })),
    qualifications: qualifications.map((q) => ({ kind: q.kind, issuedOn: q.issuedOn, expiresOn: q.expiresOn, rank: q.rank, certificateNo: q.certificateNo })),
  });
}

export function assess(doc: FactsDoc, asOf: string, rulesets?: string[]) {
  const results = evaluateAll(doc, asOf, rulesets);
  return { asOf, results, gaps: results.filter((r) => r.verdict !== 'pass').map(gapsOf) };
}

export async function assessOrg(ctx: Ctx, uscc: string, asOf: string, rulesets?: string[]) {
  return { uscc: uscc.toUpperCase(), ...assess(await factsDocFor(ctx, uscc), asOf, rulesets) };
}
