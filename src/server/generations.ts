// Data an app node keeps in memory, reloaded when its generation in the database moves on
// (`cache_generations`, kept by triggers: see migration 0016). Correct across app nodes and
// transactions; a check costs one primary-key read instead of reloading the data.
import { sql } from 'drizzle-orm';
import { rows, type DbOrTx } from './db.ts';

export type GenerationName = 'policy_library' | 'market_corpora';

/**
 * A loader that reuses its last value while the generation is unchanged. Values are kept per
 * database handle, so several databases in one process (the tests) never share one.
 */
export function generationCache<T>(name: GenerationName, load: (db: DbOrTx) => Promise<T>) {
  const cached = new WeakMap<object, { generation: string; value: T }>();
  return async (db: DbOrTx): Promise<T> => {
    const [row] = await rows<{ generation: string }>(db, sql`select generation::text as generation from cache_generations where name = ${name}`);
    const hit = cached.get(db);
    if (row && hit?.generation === row.generation) return hit.value;
    const value = await load(db);
    if (row) cached.set(db, { generation: row.generation, value });
    return value;
  };
}
