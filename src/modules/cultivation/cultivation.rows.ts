// The rows a stored evaluation writes, computed without the database (also in worker threads,
// cultivation.worker.ts): per organisation and tier the columns funnels filter on, per
// organisation the facts snapshot evaluated (the result itself is its replay: cultivation.store.ts).
import { createHash } from 'node:crypto';
import { arrayLiteral } from '../../lib/pg-array.ts';
import type { Ruleset } from '../../rules/engine.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import { evaluateAll } from '../../rules/index.ts';
import type { CriterionResult, RulesetResult } from '../../rules/types.ts';

/** The form older rows (before migration 0028) stored a result in: verdicts and numbers, no sentences. */
interface CompactResult {
  f: 1;
  criteria: { id: string; v: CriterionResult['verdict'] }[];
}

/** Counts the funnel and reserve pools filter on (as gapsOf counts them), without writing any sentence. */
export function countsOf(r: RulesetResult) {
  let gaps = 0;
  let blockers = 0;
  let open = 0;
  let effort = 0;
  for (const c of r.criteria) {
    if (c.verdict === 'fail' && !c.indicator) {
      if (c.gap) {
        gaps++;
        effort += c.gap.effort;
      } else blockers++;
    } else if (c.verdict === 'unknown' || c.verdict === 'manual_review') open++;
  }
  return { gaps, blockers, open, effort };
}

/**
 * The columns a result is stored as, besides organisation, ruleset, date and facts snapshot: what
 * funnels and reserve pools filter on. The result itself is the replay of the snapshot.
 */
export function storedColumns(r: RulesetResult) {
  const n = countsOf(r);
  return {
    version: r.version, verdict: r.verdict, held: r.held?.certificateNo ?? (r.held ? '' : null),
    scoreMin: r.score?.value ?? r.score?.min ?? null, scoreMax: r.score?.value ?? r.score?.max ?? null,
    gapCount: n.gaps, blockerCount: n.blockers, openCount: n.open, effort: n.effort,
  };
}

/** The criteria's verdicts of a result: an engine result, or an older row's stored one in either form. */
export function criterionVerdicts(result: unknown): Map<string, string> {
  const r = result as CompactResult | RulesetResult;
  return new Map('f' in r ? r.criteria.map((c) => [c.id, c.v]) : r.criteria.map((c) => [c.id, c.verdict]));
}

/** A facts document's content key: a SHA-256 prefix of its text, written as a uuid (16 bytes in the database). */
export function snapshotHash(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** One organisation to evaluate: its id and its facts document as JSON text (orgDocTexts), which is also its snapshot. */
export interface OrgDoc { id: string; doc: string }

/**
 * A chunk's rows as the insert reads them: one array literal per column (arrayLiteral), and the
 * facts snapshots (hash → document text).
 */
export interface EvaluatedChunk { columns: Record<AssessmentColumn, string>; count: number; snapshots: [string, string][] }

/** The columns a chunk sends as arrays, with their database types. */
export const ASSESSMENT_COLUMNS = [
  ['org_id', 'uuid'], ['ruleset', 'text'], ['version', 'text'], ['verdict', 'text'], ['held', 'text'], ['score_min', 'int'], ['score_max', 'int'],
  ['gap_count', 'int'], ['blocker_count', 'int'], ['open_count', 'int'], ['effort', 'float8'], ['facts', 'uuid'],
] as const;
type AssessmentColumn = (typeof ASSESSMENT_COLUMNS)[number][0];

export function evaluateChunk(items: readonly OrgDoc[], asOf: string, rulesets: readonly Ruleset[]): EvaluatedChunk {
  const snapshots = new Map<string, string>();
  const values = Object.fromEntries(ASSESSMENT_COLUMNS.map(([c]) => [c, [] as (string | number | null)[]])) as Record<AssessmentColumn, (string | number | null)[]>;
  for (const { id, doc: text } of items) {
    const hash = snapshotHash(text);
    snapshots.set(hash, text);
    for (const r of evaluateAll(JSON.parse(text) as FactsDoc, asOf, undefined, rulesets)) {
      const c = storedColumns(r);
      values.org_id.push(id);
      values.ruleset.push(r.ruleset);
      values.version.push(c.version);
      values.verdict.push(c.verdict);
      values.held.push(c.held);
      values.score_min.push(c.scoreMin);
      values.score_max.push(c.scoreMax);
      values.gap_count.push(c.gapCount);
      values.blocker_count.push(c.blockerCount);
      values.open_count.push(c.openCount);
      values.effort.push(c.effort);
      values.facts.push(hash);
    }
  }
  const columns = Object.fromEntries(ASSESSMENT_COLUMNS.map(([c]) => [c, arrayLiteral(values[c])])) as Record<AssessmentColumn, string>;
  return { columns, count: values.org_id.length, snapshots: [...snapshots] };
}
