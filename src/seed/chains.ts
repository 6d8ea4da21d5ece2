// Demo data for the chain maps (synthetic, deterministic): organisations suggested for the
// reference chains' links from the demo registry (the confident ones confirmed as demo staff decisions), a few synthetic investment targets at missing
// and weak links, and a dated baseline version of each map. The chain structures themselves
// are reference data (installChainReference), not demo data.
import { and, eq, gte } from 'drizzle-orm';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { chainLinkOrgs } from '../modules/chains/chains.schema.ts';
import { users } from '../modules/accounts/accounts.schema.ts';
import { analyseChain, suggestOrgs } from '../modules/chains/chains.analysis.ts';
import { REF_CHAINS } from '../modules/chains/chains.reference.ts';
import { createTarget } from '../modules/chains/chains.targets.ts';
import { createVersion } from '../modules/chains/chains.versions.ts';
import type { Ctx } from '../server/context.ts';
import { isDemoSeeded } from './demo.ts';
import { seedRuns } from './seed.schema.ts';

const RUN = 'chains-demo';
const PLACES = ['江苏省常州市', '广东省深圳市', '浙江省杭州市', '上海市', '四川省宜宾市', '湖北省武汉市', '安徽省合肥市', '北京市'];
const STATUSES = ['lead', 'contacted', 'negotiating', 'lead', 'contacted', 'landed'] as const;
const SOURCES = ['chain_gap', 'expo', 'referral', 'association', 'enclave', 'staff_research'] as const;
const WAN = 10_000 * 100; // 1 万元 in fen

/** Demo staff decisions: the suggestions with confidence ≥ 70 confirmed by demo_bureau, in one audited step. */
async function confirmStrongSuggestions(ctx: Ctx, chainId: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.update(chainLinkOrgs).set({ status: 'confirmed', decidedBy: 'demo_bureau', decidedAt: ctx.now() })
      .where(and(eq(chainLinkOrgs.chainId, chainId), eq(chainLinkOrgs.status, 'suggested'), gte(chainLinkOrgs.confidence, 70))).returning({ id: chainLinkOrgs.id });
    await recordAudit(tx, ctx, { action: 'chain.seed_confirm', entityType: 'chain', entityId: chainId, after: { confirmed: rows.length, minConfidence: 70, synthetic: true } });
    return rows.length;
  });
}

export async function seedChainDemo(ctx: Ctx): Promise<string | null> {
  if (await isDemoSeeded(ctx, RUN)) return null;
  const [owner] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo_bureau'));
  const parts: string[] = [];
  for (const ref of REF_CHAINS) {
    const s = await suggestOrgs(ctx, ref.key);
    const confirmed = await confirmStrongSuggestions(ctx, ref.key);
    const a = await analyseChain(ctx, ref.key);
    // Targets where the map shows gaps: missing links first, then the weakest.
    const gaps = a.links.filter((l) => l.cls !== 'strong').sort((x, y) => (x.cls === y.cls ? x.score - y.score : x.cls === 'missing' ? -1 : 1)).slice(0, 6);
    for (const [i, l] of gaps.entries()) {
      await createTarget(ctx, ref.key, {
        linkId: l.linkId, name: `演示招商目标${i + 1}号（${l.zh}）`, location: PLACES[(i + ref.key.length) % PLACES.length], products: [],
        source: SOURCES[i % SOURCES.length], sourceNote: '合成演示数据', status: STATUSES[i % STATUSES.length], ownerId: owner?.id ?? null,
        plannedInvestment: (i % 3 === 0 ? 50_000 : i % 3 === 1 ? 8_000 : 500) * WAN, revenue: (i % 2 === 0 ? 150_000 : 20_000) * WAN,
        listed: i % 4 === 0, hnte: i % 2 === 0, notes: '合成演示数据，不是真实企业。',
      }, { synthetic: true });
    }
    await createVersion(ctx, ref.key, { asOf: '2025-12-31', label: '2025年基线（演示）' });
    parts.push(`${ref.zh}: ${s.suggested} organisations suggested (${confirmed} confirmed), ${gaps.length} targets`);
  }
  const summary = parts.join('; ');
  await ctx.db.insert(seedRuns).values({ name: RUN, seededAt: ctx.now(), summary }).onConflictDoNothing();
  return summary;
}
