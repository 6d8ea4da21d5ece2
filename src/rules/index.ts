// Every ruleset the platform evaluates, and one call to run them.
import { evaluateRuleset, factTable, type FactTable, type Ruleset } from './engine.ts';
import type { FactsDoc } from './facts-doc.ts';
import type { LeaderVersion } from './parameters/tech_leader.ts';
import { hnteRuleset } from './rulesets/hnte.ts';
import { innovativeSmeRuleset } from './rulesets/innovative_sme.ts';
import { littleGiantRuleset } from './rulesets/little_giant.ts';
import { srdiSmeRuleset } from './rulesets/srdi_sme.ts';
import { techLeaderRuleset, techLeaderRulesetDefault } from './rulesets/tech_leader.ts';
import { techSmeRuleset } from './rulesets/tech_sme.ts';
import type { RulesetResult } from './types.ts';

/** The rulesets with the S&T leader tier on its built-in example parameters only. */
export const RULESETS: Ruleset[] = [hnteRuleset, techSmeRuleset, innovativeSmeRuleset, srdiSmeRuleset, littleGiantRuleset, techLeaderRulesetDefault];

/** The rulesets with the city-defined tiers on the parameter versions the bureau has stored. */
export function rulesetsWith(leaderVersions: readonly LeaderVersion[]): Ruleset[] {
  return leaderVersions.length ? RULESETS.map((r) => (r.id === 'tech_leader' ? techLeaderRuleset(leaderVersions) : r)) : RULESETS;
}

/** Tier ids from the lowest rung of the ladder to the highest. */
export const LADDER = ['tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'hnte', 'tech_leader'] as const;

/**
 * The rulesets (those of `ids`, or all) on one document, its facts read into one table for all of
 * them (`table`: the document's, when it is evaluated repeatedly, as for several dates).
 */
export function evaluateAll(doc: FactsDoc, asOf: string, ids?: string[], rulesets: readonly Ruleset[] = RULESETS, table: FactTable = factTable(doc)): RulesetResult[] {
  const out: RulesetResult[] = [];
  for (const r of rulesets) if (!ids || ids.includes(r.id)) out.push(evaluateRuleset(r, doc, asOf, table));
  return out;
}
