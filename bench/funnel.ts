// The cultivation funnel and breakdown on a PostgreSQL database: the first call of a scope and
// query (computed) and the repeated calls (kept in memory until the data changes), for the
// bureau and one district. The database must carry this code's migrations and be evaluated.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npx tsx bench/funnel.ts [--repeat 5]
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { breakdown, funnel } from '../src/modules/cultivation/cultivation.service.ts';
import type { Ctx } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db.ts';
import { arg } from './common.ts';

const repeat = arg('repeat', 5);
const config = loadConfig(process.env);
if (!config.databaseUrl) throw new Error('DATABASE_URL must name a PostgreSQL database');
const database = await openDatabase({ databaseUrl: config.databaseUrl });
const base = { db: database.db, now: () => new Date(), requestId: null, ip: null, config, auditKey: Buffer.from('bench'), log: pino({ level: 'silent' }) };
const as = (role: 'bureau_admin' | 'district_officer', district: 'siming' | null = null): Ctx =>
  ({ ...base, actor: { userId: 'bench', username: 'bench', role, district, orgId: null } });

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
async function time(label: string, call: () => Promise<unknown>) {
  let t0 = process.hrtime.bigint();
  await call();
  const first = ms(t0);
  const again: number[] = [];
  for (let i = 0; i < repeat; i++) {
    t0 = process.hrtime.bigint();
    await call();
    again.push(ms(t0));
  }
  again.sort((a, b) => a - b);
  console.log(`${label.padEnd(36)} first ${first.toFixed(0).padStart(6)} ms   repeated median ${again[again.length >> 1].toFixed(2)} ms (max ${again.at(-1)!.toFixed(2)})`);
}

try {
  await time('funnel, bureau', () => funnel(as('bureau_admin'), {}));
  await time('funnel, district officer (siming)', () => funnel(as('district_officer', 'siming'), {}));
  await time('funnel, bureau, industry C', () => funnel(as('bureau_admin'), { industry: 'C' }));
  await time('breakdown by district, bureau', () => breakdown(as('bureau_admin'), { by: 'district' }));
  await time('breakdown by division, bureau', () => breakdown(as('bureau_admin'), { by: 'division' }));
} finally {
  await database.close();
}
