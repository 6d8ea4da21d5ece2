// Runs the unit and API suite on a PostgreSQL server instead of PGlite. DATABASE_URL names
// a database to connect to (default: the local server's `postgres` database); the suite
// creates its own throwaway databases beside it and drops them afterwards.
import { spawnSync } from 'node:child_process';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
console.log(`test:pg on ${url.replace(/:[^:@/]*@/, ':***@')}`);
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(result.status ?? 1);
