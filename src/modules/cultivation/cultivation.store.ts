// How evaluation results are stored and read back. A row keeps the columns funnels filter on
// (verdict, score, counts) and the hash of the facts document the engine read; the document is
// stored once per content. The full explained result is rebuilt by replaying the engine on that
// document with the row's ruleset version and date — the engine is pure, so the replay is what
// was evaluated, and the row's columns check it.
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { rows as queryRows, type DbOrTx } from '../../server/db.ts';
import type { Ctx } from '../../server/context.ts';
import { evaluateRuleset, explained, factTable, type FactTable, type Ruleset } from '../../rules/engine.ts';
import type { FactsDoc } from '../../rules/facts-doc.ts';
import type { RulesetResult } from '../../rules/types.ts';
import { storedColumns } from './cultivation.rows.ts';
import { currentRulesets } from '../rules/rules.service.ts';

/**
 * Stores the snapshots not stored yet. Asks first which exist, so re-evaluating organisations
 * whose facts did not change sends no documents.
 */
export async function storeSnapshots(db: DbOrTx, list: readonly (readonly [string, string])[]): Promise<number> {
  const snapshots = new Map(list);
  if (snapshots.size === 0) return 0;
  const have = await queryRows<{ hash: string }>(db, sql`select hash::text from facts_snapshots where hash = any(${`{${[...snapshots.keys()].join(',')}}`}::uuid[])`);
  for (const r of have) snapshots.delete(r.hash);
  if (snapshots.size === 0) return 0;
  // One parameter per document: sent as it is, with no escaping into an array literal.
  await db.execute(sql`insert into facts_snapshots (hash, doc)
    values ${sql.join([...snapshots].map(([hash, doc]) => sql`(${hash}::uuid, ${doc})`), sql`, `)}
    on conflict do nothing`);
  return snapshots.size;
}

/**
 * The ruleset pinned to one version: the version the row was evaluated with, whatever the date
 * ranges say now (a city parameter version added later shortens its predecessor's range).
 */
function pinned(rulesets: readonly Ruleset[], id: string, version: string): Ruleset {
  const r = rulesets.find((x) => x.id === id);
  if (!r) throw new Error(`replay: no ruleset ${id}`);
  const v = r.versions.find((x) => x.version === version);
  if (!v) throw new Error(`replay: ruleset ${id} has no version ${version}`);
  return { ...r, versions: [{ ...v, to: undefined }] };
}

/**
 * The full explained result of a stored row, as the engine produced it (plain data, sentences
 * written); `table`: the document's facts, when it is replayed for several rows.
 */
export function replay(rulesets: readonly Ruleset[], row: { ruleset: string; version: string; asOf: string }, doc: FactsDoc, table?: FactTable): RulesetResult {
  // 'none' (no rule in force on the date) has no version to pin: the ruleset as it is now says so again.
  const r = row.version === 'none' ? rulesets.find((x) => x.id === row.ruleset) : pinned(rulesets, row.ruleset, row.version);
  if (!r) throw new Error(`replay: no ruleset ${row.ruleset}`);
  return explained(evaluateRuleset(r, doc, row.asOf, table));
}

export type StoredRow = ReturnType<typeof storedColumns> & {
  ruleset: string;
  asOf: string;
  facts: string | null;
  /** Rows written before migration 0028: the compact result (with `facts`) or the full one (without). */
  result: unknown;
};

/**
 * The full results of stored rows, in their order: rows with a snapshot are replayed, the oldest
 * rows carry the full result. A replay that disagrees with the row's stored columns (verdict,
 * score, counts: the engine's code for a version was changed since) is logged; the replay is returned.
 */
export async function explainStored(ctx: Ctx, list: readonly StoredRow[]): Promise<RulesetResult[]> {
  const hashes = [...new Set(list.flatMap((r) => (r.facts ? [r.facts] : [])))];
  if (hashes.length === 0) return list.map((r) => r.result as RulesetResult);
  // A snapshot usually serves several rows (its organisation's tiers, dates): its facts are read into one table for all.
  const docs = new Map<string, { doc: FactsDoc; table: FactTable }>();
  for (let i = 0; i < hashes.length; i += 5_000) {
    const found = await queryRows<{ hash: string; doc: string }>(ctx.db, sql`select hash::text, doc from facts_snapshots where hash = any(${`{${hashes.slice(i, i + 5_000).join(',')}}`}::uuid[])`);
    for (const f of found) {
      const doc = JSON.parse(f.doc) as FactsDoc;
      docs.set(f.hash, { doc, table: factTable(doc) });
    }
  }
  const rulesets = await currentRulesets(ctx);
  return list.map((row) => {
    if (!row.facts) return row.result as RulesetResult;
    const stored = docs.get(row.facts);
    if (!stored) throw new Error(`facts snapshot ${row.facts} is missing`);
    const full = replay(rulesets, row, stored.doc, stored.table);
    const { version, verdict, held, scoreMin, scoreMax, gapCount, blockerCount, openCount, effort } = row;
    if (!isDeepStrictEqual(storedColumns(full), { version, verdict, held, scoreMin, scoreMax, gapCount, blockerCount, openCount, effort })) {
      ctx.log.warn({ ruleset: row.ruleset, version: row.version, asOf: row.asOf, facts: row.facts }, 'replayed result differs from the stored one');
    }
    return full;
  });
}
