// Deterministic, synthetic demo data. Every record is labelled synthetic; no real names.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createUser } from '../modules/accounts/accounts.service.ts';
import { users } from '../modules/accounts/accounts.schema.ts';
import type { CreateUserInput } from '../modules/accounts/accounts.schema.ts';
import type { Ctx } from '../server/context.ts';
import { seedRuns } from './seed.schema.ts';

export const DEMO_PASSWORD = 'Demo-Luchuang-2026';

/** A stable UUID for a demo entity, so later modules' seeds can refer to the same ids. */
export function demoUuid(name: string): string {
  const h = createHash('sha256').update(`luchuang-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The demo organisations' ids; the registry's seed creates organisations with these ids. */
export const DEMO_ORG_IDS = { first: demoUuid('org:1'), second: demoUuid('org:2') };

export const DEMO_ACCOUNTS: (CreateUserInput & { note: string })[] = [
  { username: 'demo_bureau', displayName: '演示-科技局管理员', role: 'bureau_admin', password: DEMO_PASSWORD, note: 'bureau administrator' },
  { username: 'demo_siming', displayName: '演示-思明区专员', role: 'district_officer', district: 'siming', password: DEMO_PASSWORD, note: 'district officer, Siming' },
  { username: 'demo_org', displayName: '演示-企业用户', role: 'org_user', orgId: DEMO_ORG_IDS.first, password: DEMO_PASSWORD, note: 'organisation user (demo organisation 1)' },
  { username: 'demo_org2', displayName: '演示-企业用户二', role: 'org_user', orgId: DEMO_ORG_IDS.second, password: DEMO_PASSWORD, note: 'organisation user (demo organisation 2)' },
  { username: 'demo_reviewer', displayName: '演示-评审专家', role: 'reviewer', password: DEMO_PASSWORD, note: 'reviewer' },
];

export async function isDemoSeeded(ctx: Ctx, name = 'accounts'): Promise<boolean> {
  const [row] = await ctx.db.select().from(seedRuns).where(eq(seedRuns.name, name));
  return !!row;
}

export async function seedDemo(ctx: Ctx): Promise<string> {
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
