// Deterministic, synthetic demo data. Every record is labelled synthetic; no real names.
import { eq } from 'drizzle-orm';
import { createUser } from '../modules/accounts/accounts.service.ts';
import { users } from '../modules/accounts/accounts.schema.ts';
import type { CreateUserInput } from '../modules/accounts/accounts.schema.ts';
import { analyzeRegistry, bulkUpsertOrgs, type BulkResult, type OrgRecord } from '../modules/registry/registry.bulk.ts';
import type { Ctx } from '../server/context.ts';
import { DEMO_ORG_IDS } from './ids.ts';
import { DEFAULT_FIRST_YEAR, DEFAULT_SEED, iterateOrgs } from './orgs.ts';
import { seedRuns } from './seed.schema.ts';
import { isFundsSeeded, seedDemoFunds } from '../modules/funds/funds.seed.ts';

export { demoUuid, DEMO_ORG_IDS } from './ids.ts';

export const DEMO_PASSWORD = 'Demo-Luchuang-2026';

export const DEMO_ACCOUNTS: (CreateUserInput & { note: string })[] = [
  { username: 'demo_bureau', displayName: '演示-科技局管理员', role: 'bureau_admin', password: DEMO_PASSWORD, note: 'bureau administrator' },
  { username: 'demo_siming', displayName: '演示-思明区专员', role: 'district_officer', district: 'siming', password: DEMO_PASSWORD, note: 'district officer, Siming' },
  { username: 'demo_org', displayName: '演示-企业用户', role: 'org_user', orgId: DEMO_ORG_IDS.first, password: DEMO_PASSWORD, note: 'organisation user (demo organisation 1)' },
  { username: 'demo_org2', displayName: '演示-企业用户二', role: 'org_user', orgId: DEMO_ORG_IDS.second, password: DEMO_PASSWORD, note: 'organisation user (demo organisation 2)' },
  { username: 'demo_checker', displayName: '演示-资金复核员', role: 'bureau_admin', password: DEMO_PASSWORD, note: 'bureau administrator who approves payments (funds maker-checker)' },
  { username: 'demo_reviewer', displayName: '演示-评审专家', role: 'reviewer', password: DEMO_PASSWORD, note: 'reviewer' },
];

export interface OrgSeedOptions {
  /** How many organisations; records 0 and 1 are the demo organisations (DEMO_ORG_IDS). */
  count: number;
  seed?: string;
  firstYear?: number;
}

/** The `seed_runs` name of one organisation set: seeding it twice is a no-op. */
export function orgSeedRunName(o: OrgSeedOptions): string {
  const fy = (o.firstYear ?? DEFAULT_FIRST_YEAR) === DEFAULT_FIRST_YEAR ? '' : `:fy=${o.firstYear}`;
  return `orgs:seed=${o.seed ?? DEFAULT_SEED}:n=${o.count}${fy}`;
}

export async function isDemoSeeded(ctx: Ctx, name = 'accounts'): Promise<boolean> {
  const [row] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, name));
  return !!row;
}

/** Records per transaction: bounds memory for 100,000 organisations; each chunk is idempotent. */
const CHUNK = 2000;

export interface OrgSeedResult extends BulkResult {
  skipped: boolean;
  name: string;
  count: number;
  ms: number;
}

/**
 * Generates `count` synthetic organisations (src/seed/orgs.ts) and writes them through
 * bulkUpsertOrgs (source kind 'seed', batched audit records), in chunked transactions.
 * Skipped when this exact set was seeded before; re-running after an interruption upserts
 * the rest and changes nothing that is already there.
 */
export async function seedDemoOrgs(ctx: Ctx, o: OrgSeedOptions, onProgress?: (done: number, total: number) => void): Promise<OrgSeedResult> {
  const started = Date.now();
  const name = orgSeedRunName(o);
  const total: OrgSeedResult = { skipped: false, name, count: o.count, ms: 0, inserted: 0, updated: 0, unchanged: 0, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0 };
  if (await isDemoSeeded(ctx, name)) return { ...total, skipped: true, ms: Date.now() - started };
  const source = { kind: 'seed' as const, ref: `luchuang seed --orgs ${o.count} --seed ${o.seed ?? DEFAULT_SEED}` };
  let done = 0;
  let chunk: OrgRecord[] = [];
  const flush = async () => {
    const before = done;
    const r = await ctx.db.transaction((tx) => bulkUpsertOrgs(tx, ctx, chunk, source, (n) => onProgress?.(before + n, o.count)));
    for (const k of ['inserted', 'updated', 'unchanged', 'factsInserted', 'factsUpdated', 'qualificationsAdded'] as const) total[k] += r[k];
    done += chunk.length;
    chunk = [];
  };
  for (const g of iterateOrgs({ count: o.count, seed: o.seed, firstYear: o.firstYear })) {
    chunk.push(g.record);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length) await flush();
  await analyzeRegistry(ctx.db);
  total.ms = Date.now() - started;
  const summary = `${o.count} synthetic organisations (seed ${o.seed ?? DEFAULT_SEED}): ${total.inserted} new, ${total.updated} updated, ${total.unchanged} unchanged; ${total.factsInserted} fiscal years, ${total.qualificationsAdded} qualifications`;
  await ctx.db.insert(seedRuns).values({ name, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return total;
}

export function describeOrgSeed(r: OrgSeedResult): string {
  if (r.skipped) return `${r.count} synthetic organisations already seeded (${r.name})`;
  return `${r.count} synthetic organisations: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, `
    + `${r.factsInserted + r.factsUpdated} fiscal years written, ${r.qualificationsAdded} qualifications (${(r.ms / 1000).toFixed(1)} s)`;
}

export async function seedDemoAccounts(ctx: Ctx): Promise<string> {
  let created = 0;
  for (const { note: _note, ...account } of DEMO_ACCOUNTS) {
    const [exists] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, account.username));
    if (exists) continue;
    await createUser(ctx, account, { mustChangePassword: false });
    created++;
  }
  const summary = `${created} demo accounts (password ${DEMO_PASSWORD})`;
  await ctx.db.insert(seedRuns).values({ name: 'accounts', seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}

/** Whether seedDemo would do anything: the accounts or this organisation set are missing. */
export async function isDemoPending(ctx: Ctx, orgs: OrgSeedOptions): Promise<boolean> {
  return !(await isDemoSeeded(ctx)) || !(await isFundsSeeded(ctx)) || (orgs.count > 0 && !(await isDemoSeeded(ctx, orgSeedRunName(orgs))));
}

/**
 * The demo data set: the organisations first (the demo org users belong to records 0 and 1),
 * then the demo accounts. Each part is skipped when already seeded.
 */
export async function seedDemo(ctx: Ctx, orgs: OrgSeedOptions = { count: 0 }, onProgress?: (done: number, total: number) => void): Promise<string> {
  const parts: string[] = [];
  if (orgs.count > 0) parts.push(describeOrgSeed(await seedDemoOrgs(ctx, orgs, onProgress)));
  if (!(await isDemoSeeded(ctx))) parts.push(await seedDemoAccounts(ctx));
  if (!(await isFundsSeeded(ctx))) parts.push(await seedDemoFunds(ctx));
  return parts.length ? parts.join('; ') : 'nothing to do';
}
