// Data an app node keeps in memory, reloaded when its generation in the database moves on
// (`cache_generations`, kept by triggers: see migration 0016). Correct across app nodes and
// transactions; a check costs one primary-key read instead of reloading the data.
import { sql } from 'drizzle-orm';
import { rows, type DbOrTx } from './db.ts';

export type GenerationName = 'policy_library' | 'market_corpora' | 'cultivation';

/**
 * A loader that reuses its last value while the generation is unchanged. Values are kept per
 * database handle, so several databases in one process (the tests) never share one.
 */
export function generationCache<T>(name: GenerationName, load: (db: DbOrTx) => Promise<T>) {
  const byKey = generationCacheBy(name, () => '', (db) => load(db), 1);
  return (db: DbOrTx): Promise<T> => byKey(db, undefined);
}

/**
 * A loader with an argument: up to `max` values per generation and database handle, under
 * `key(arg)`, which must name everything that changes the answer (the caller's scope as well as
 * the query). The least recently used value goes first. Callers must not change a returned value.
 */
export function generationCacheBy<A, T>(name: GenerationName, key: (arg: A) => string, load: (db: DbOrTx, arg: A) => Promise<T>, max = 256) {
  const cached = new WeakMap<object, { generation: string; values: Map<string, T> }>();
  return async (db: DbOrTx, arg: A): Promise<T> => {
    const k = key(arg);
    const [row] = await rows<{ generation: string }>(db, sql`select generation::text as generation from cache_generations where name = ${name}`);
    const entry = cached.get(db);
    if (row && entry?.generation === row.generation && entry.values.has(k)) {
      const value = entry.values.get(k)!;
      entry.values.delete(k);
      entry.values.set(k, value);
      return value;
    }
    // Read after the generation: data newer than it only costs a reload at the next call.
    const value = await load(db, arg);
    if (!row) return value;
    let current = cached.get(db);
    if (current?.generation !== row.generation) cached.set(db, (current = { generation: row.generation, values: new Map() }));
    current.values.set(k, value);
    if (current.values.size > max) current.values.delete(current.values.keys().next().value!);
    return value;
  };
}
