import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/harness.ts';
import { arrayLiteral } from '../lib/pg-array.ts';
import { rows, type Database } from './db.ts';

let database: Database;
beforeAll(async () => { database = await freshDatabase(); });
afterAll(() => database.close());

describe('arrayLiteral', () => {
  it('passes any text through one parameter unchanged, nulls as NULL', async () => {
    const values = ['plain', '', 'NULL', 'a,b', '{x}', '"quoted"', 'back\\slash\\', '{"k":"v \\"q\\" \\\\ 中文 😀"}', ' spaced ', 'line\nbreak', null];
    const got = await rows<{ v: string | null }>(database.db, sql`select v from unnest(${arrayLiteral(values)}::text[]) with ordinality as u(v, i) order by i`);
    expect(got.map((r) => r.v)).toEqual(values);
    const numbers = await rows<{ v: string | null }>(database.db, sql`select v::text from unnest(${arrayLiteral([1, -2, 9007199254740991, null])}::int8[]) with ordinality as u(v, i) order by i`);
    expect(numbers.map((r) => r.v)).toEqual(['1', '-2', '9007199254740991', null]);
    // Numbers go unquoted, in JavaScript's own text (exponents included).
    const doubles = [0.015, -1.5e-7, 1e21, 123.456, 0];
    const floats = await rows<{ v: number }>(database.db, sql`select v from unnest(${arrayLiteral(doubles)}::float8[]) with ordinality as u(v, i) order by i`);
    expect(floats.map((r) => r.v)).toEqual(doubles);
  });
});
