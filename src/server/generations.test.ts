import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/harness.ts';
import { openDatabase, rows, type Database, type DbOrTx } from './db.ts';
import { generationCache, generationCacheBy } from './generations.ts';

let database: Database & { url?: string };
beforeAll(async () => { database = await freshDatabase(); });
afterAll(() => database.close());

/** A cache over the policy titles that counts how often it really reads them. */
function titlesCache() {
  const loads = { n: 0 };
  const titles = generationCache('policy_library', async (db: DbOrTx) => {
    loads.n++;
    return (await rows<{ title: string }>(db, sql`select title from policies order by slug`)).map((r) => r.title);
  });
  return { titles, loads };
}

const addPolicy = (db: DbOrTx, slug: string) => db.execute(sql`insert into policies (slug, title, issuer, level, status) values (${slug}, ${`标题 ${slug}`}, '测试', 'city', 'draft')`);

describe('generation caches', () => {
  it('reuse their value until the data changes, and never keep a rolled-back change', async () => {
    const { titles, loads } = titlesCache();
    const first = await titles(database.db);
    expect(await titles(database.db)).toBe(first);
    expect(loads.n).toBe(1);

    await addPolicy(database.db, 'gen-a');
    const second = await titles(database.db);
    expect(loads.n).toBe(2);
    expect(second).toContain('标题 gen-a');

    // A change inside a transaction that rolls back: the committed generation never moved.
    await database.db.transaction(async (tx) => {
      await addPolicy(tx, 'gen-b');
      tx.rollback();
    }).catch(() => {});
    expect(await titles(database.db)).toBe(second);
    expect(loads.n).toBe(2);

    // Every kind of statement on every table of the library moves it on.
    await database.db.execute(sql`update policies set title = title || '·' where slug = 'gen-a'`);
    expect(await titles(database.db)).toContain('标题 gen-a·');
    await database.db.execute(sql`delete from policies where slug = 'gen-a'`);
    expect(await titles(database.db)).not.toContain('标题 gen-a·');
    expect(loads.n).toBe(4);
  });

  it('keep one value per database handle', async () => {
    const other = await freshDatabase();
    try {
      const { titles, loads } = titlesCache();
      await addPolicy(other.db, 'only-in-other');
      expect(await titles(database.db)).not.toContain('标题 only-in-other');
      expect(await titles(other.db)).toContain('标题 only-in-other');
      expect(loads.n).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('move on for the marketplace corpora when achievements or demands change', async () => {
    const loads = { n: 0 };
    const corpus = generationCache('market_corpora', async () => ++loads.n);
    expect(await corpus(database.db)).toBe(1);
    expect(await corpus(database.db)).toBe(1);
    // Statement triggers: even a statement that changes no row moves the generation on.
    await database.db.execute(sql`update market_demands set status = status where false`);
    expect(await corpus(database.db)).toBe(2);
    await database.db.execute(sql`delete from market_achievements where false`);
    expect(await corpus(database.db)).toBe(3);
    expect(await corpus(database.db)).toBe(3);
  });

  it('with an argument keep one value per key, at most `max` of them, the least recently used going first', async () => {
    const loads: string[] = [];
    const titled = generationCacheBy('policy_library', (prefix: string) => prefix, async (db: DbOrTx, prefix: string) => {
      loads.push(prefix);
      return (await rows<{ title: string }>(db, sql`select title from policies where slug like ${`${prefix}%`} order by slug`)).map((r) => r.title);
    }, 2);
    const a = await titled(database.db, 'a');
    await titled(database.db, 'b');
    expect(await titled(database.db, 'a')).toBe(a);
    await titled(database.db, 'c'); // evicts 'b', used less recently than 'a'
    expect(await titled(database.db, 'a')).toBe(a);
    await titled(database.db, 'b');
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
    await addPolicy(database.db, 'a-new');
    expect(await titled(database.db, 'a')).toContain('标题 a-new');
    expect(loads).toEqual(['a', 'b', 'c', 'b', 'a']);
  });

  it('see a change committed by another app node (PostgreSQL)', async (t) => {
    if (!database.url) return t.skip();
    const node2 = await openDatabase({ databaseUrl: database.url });
    try {
      const { titles } = titlesCache();
      expect(await titles(database.db)).not.toContain('标题 from-node-2');
      await addPolicy(node2.db, 'from-node-2');
      expect(await titles(database.db)).toContain('标题 from-node-2');
    } finally {
      await node2.close();
    }
  });
});
