// Every ruleset the platform evaluates, and one call to run them.
import { evaluateRuleset, type Ruleset } from './engine.ts';
import type { FactsDoc } from './facts-doc.ts';
import { hnteRuleset } from './rulesets/hnte.ts';
import { innovativeSmeRuleset } from './rulesets/innovative_sme.ts';
import { littleGiantRuleset } from './rulesets/little_giant.ts';
import { srdiSmeRuleset } from './rulesets/srdi_sme.ts';
import { techSmeRuleset } from './rulesets/tech_sme.ts';
import type { RulesetResult } from './types.ts';

export const RULESETS: Ruleset[] = [hnteRuleset, techSmeRuleset, innovativeSmeRuleset, srdiSmeRuleset, littleGiantRuleset];

export function evaluateAll(doc: FactsDoc, asOf: string, ids?: string[]): RulesetResult[] {
  return RULESETS.filter((r) => !ids || ids.includes(r.id)).map((r) => evaluateRuleset(r, doc, asOf));
}
