import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER } from '../../reference/letter.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { isIndustryCode } from '../registry/industry.ts';
import { REF_CHAINS, REF_INDUSTRIES, type RefLink } from './chains.reference.ts';
import { installChainReference, lookupChainLinks } from './chains.service.ts';

const flat = (links: RefLink[]): RefLink[] => links.flatMap((l) => [l, ...flat(l.children ?? [])]);

describe('shipped reference data', { timeout: 240_000 }, () => {
  it('names the six future industries of the letter, and flags the pillar and emerging lists the letter does not give', () => {
    const sys = LETTER.industry_system;
    expect(REF_INDUSTRIES.filter((i) => i.tier === 'future').map((i) => i.zh)).toEqual(sys.future_industries_zh);
    expect(REF_INDUSTRIES.filter((i) => i.tier === 'pillar').map((i) => i.zh)).toEqual(sys.pillar_clusters_zh_unverified);
    expect(REF_INDUSTRIES.filter((i) => i.tier === 'emerging').map((i) => i.zh)).toEqual(sys.emerging_industries_zh_unverified);
    expect(REF_INDUSTRIES.filter((i) => i.verified).every((i) => i.tier === 'future')).toBe(true);
    expect(REF_INDUSTRIES.filter((i) => !i.verified)).toHaveLength(8);
  });

  it('maps every industry and every link to real GB/T 4754-2017 codes', () => {
    const bad = [
      ...REF_INDUSTRIES.flatMap((i) => i.codes.filter((c) => !isIndustryCode(c)).map((c) => `${i.key}:${c}`)),
      ...REF_CHAINS.flatMap((ch) => flat(ch.links).flatMap((l) => l.codes.filter((c) => !isIndustryCode(c)).map((c) => `${l.key}:${c}`))),
    ];
    expect(bad).toEqual([]);
  });

  it('ships the three chains the letter names, each complete: three stages, sub-links, technologies, products, edges', () => {
    expect(REF_CHAINS.map((c) => c.zh)).toEqual(expect.arrayContaining(LETTER.industry_system.key_segment_maps.named_in_letter_zh));
    for (const chain of REF_CHAINS) {
      const links = flat(chain.links);
      expect(new Set(links.map((l) => l.key)).size, chain.key).toBe(links.length);
      expect(new Set(chain.links.map((l) => l.stage)), chain.key).toEqual(new Set(['upstream', 'midstream', 'downstream']));
      expect(links.length, chain.key).toBeGreaterThanOrEqual(20);
      expect(chain.links.filter((l) => l.children?.length).length, chain.key).toBeGreaterThanOrEqual(4);
      for (const l of links) {
        expect(l.en, l.key).not.toBe('');
        expect(l.technologies.length + l.products.length, l.key).toBeGreaterThan(0);
        for (const c of l.children ?? []) expect(c.stage, c.key).toBe(l.stage);
      }
      const keys = new Set(links.map((l) => l.key));
      expect(chain.edges.filter(([a, b]) => !keys.has(a) || !keys.has(b) || a === b), chain.key).toEqual([]);
      expect(chain.edges.length, chain.key).toBeGreaterThanOrEqual(15);
      expect(REF_INDUSTRIES.some((i) => i.key === chain.industryKey), chain.key).toBe(true);
    }
  });
});

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  await installChainReference(t.ctx);
});
afterAll(() => t.close());

async function chainMap(chainId: string) {
  return (await admin.get(`/api/chains/${chainId}`)).json() as { links: { id: string; zh: string; stage: string; parentId: string | null }[]; edges: { fromLinkId: string; toLinkId: string }[] };
}

describe('installing the reference data', { timeout: 240_000 }, () => {
  it('installs once; a second run changes nothing', async () => {
    expect(await installChainReference(t.ctx)).toEqual({ industries: 0, chains: 0, links: 0 });
      const list = (await admin.get('/api/chains')).json();
    expect(list.planned).toBe(22);
    expect(list.items.map((c: { id: string }) => c.id)).toEqual(['new_energy_storage', 'innovative_drugs_devices', 'software_it_services']);
    const storage = REF_CHAINS[0];
    expect(list.items[0].links).toBe(flat(storage.links).length);
    const map = await chainMap('new_energy_storage');
    expect(map.edges).toHaveLength(storage.edges.length);
  });
});

describe('industry system', { timeout: 240_000 }, () => {
  it('shows the unverified flag until staff confirm, keeps each earlier version, refuses a stale edit', async () => {
      const list = (await admin.get('/api/industries')).json();
    expect(list).toHaveLength(14);
    const pillar = list.find((i: { id: string }) => i.id === 'trade_logistics');
    expect(pillar).toMatchObject({ tier: 'pillar', verified: false, version: 1 });
    expect(list.find((i: { id: string }) => i.id === 'hydrogen_storage').chains.map((c: { id: string }) => c.id)).toEqual(['new_energy_storage']);
    expect(pillar.codeNames[0].zh).not.toBe('');

    const ok = await admin.patch('/api/industries/trade_logistics', { version: 1, verified: true, keywords: [...pillar.keywords, '冷链物流'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ verified: true, version: 2 });
    const stale = await admin.patch('/api/industries/trade_logistics', { version: 1, zh: '商贸物流业' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('industry.stale');
    const revs = (await admin.get('/api/industries/trade_logistics/revisions')).json();
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({ version: 1, snapshot: { verified: false } });
  });

  it('refuses a code that is not in GB/T 4754-2017, naming the field', async () => {
      const res = await admin.patch('/api/industries/ai', { version: 1, codes: ['6513', '9999'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('codes');
  });

  it('lets only the bureau edit; district staff may read', async () => {
    const officer = await t.as('district_officer');
    expect((await officer.get('/api/industries')).statusCode).toBe(200);
    expect((await officer.patch('/api/industries/ai', { version: 1, verified: true })).statusCode).toBe(403);
  });
});

describe('editing a chain map', { timeout: 240_000 }, () => {
  it('adds a link and a sub-link; refuses a link without a stage and a sub-link at another stage', async () => {
      const noStage = await admin.post('/api/chains/software_it_services/links', { zh: '开源社区' });
    expect(noStage.statusCode).toBe(400);
    expect(noStage.json().errors[0].path).toContain('stage');
    const top = await admin.post('/api/chains/software_it_services/links', { stage: 'upstream', zh: '开源社区与开发者生态', en: 'Open source and developer ecosystem', codes: ['6512'] });
    expect(top.statusCode).toBe(201);
    const sub = await admin.post('/api/chains/software_it_services/links', { stage: 'upstream', parentId: top.json().id, zh: '代码托管平台' });
    expect(sub.statusCode).toBe(201);
    const mismatch = await admin.post('/api/chains/software_it_services/links', { stage: 'downstream', parentId: top.json().id, zh: '开源商业化' });
    expect(mismatch.json().code).toBe('chain.stage_mismatch');
  });

  it('refuses to make a link its own ancestor', async () => {
      const map = await chainMap('new_energy_storage');
    const parent = map.links.find((l) => l.zh === '电池材料')!;
    const child = map.links.find((l) => l.parentId === parent.id)!;
    const self = await admin.patch(`/api/chains/new_energy_storage/links/${parent.id}`, { parentId: parent.id });
    expect(self.json().code).toBe('chain.link_cycle');
    const below = await admin.patch(`/api/chains/new_energy_storage/links/${parent.id}`, { parentId: child.id });
    expect(below.json().code).toBe('chain.link_cycle');
  });

  it('moves a link under another parent, taking the parent\'s stage with its sub-links', async () => {
      const map = await chainMap('new_energy_storage');
    const other = map.links.find((l) => l.zh === '其他新型储能技术')!;
    const app = map.links.find((l) => l.zh === '储能应用')!;
    const moved = await admin.patch(`/api/chains/new_energy_storage/links/${other.id}`, { parentId: app.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: app.id, stage: 'downstream' });
    await admin.patch(`/api/chains/new_energy_storage/links/${other.id}`, { parentId: null, stage: 'midstream' });
  });

  it('refuses a supply edge between links of different chains, and a duplicate', async () => {
      const a = (await chainMap('new_energy_storage')).links[0];
    const b = (await chainMap('software_it_services')).links[0];
    const cross = await admin.post('/api/chains/new_energy_storage/edges', { fromLinkId: a.id, toLinkId: b.id });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().code).toBe('chain.edge_cross_chain');
    const map = await chainMap('new_energy_storage');
    const dup = await admin.post('/api/chains/new_energy_storage/edges', { fromLinkId: map.edges[0].fromLinkId, toLinkId: map.edges[0].toLinkId });
    expect(dup.json().code).toBe('chain.edge_exists');
  });

  it('deletes a link with its sub-links and edges; the deleted link is refused afterwards but its id still resolves', async () => {
      const map = await chainMap('innovative_drugs_devices');
    const target = map.links.find((l) => l.zh === '数字医疗与健康服务')!;
    const del = await admin.request({ method: 'DELETE', url: `/api/chains/innovative_drugs_devices/links/${target.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json().edgesRemoved).toBeGreaterThan(0);
    const after = await chainMap('innovative_drugs_devices');
    expect(after.links.some((l) => l.id === target.id)).toBe(false);
    expect(after.edges.some((e) => e.fromLinkId === target.id || e.toLinkId === target.id)).toBe(false);
    const sub = await admin.post('/api/chains/innovative_drugs_devices/links', { stage: 'downstream', parentId: target.id, zh: '远程医疗' });
    expect(sub.json().code).toBe('chain.link_deleted');
    const edge = await admin.post('/api/chains/innovative_drugs_devices/edges', { fromLinkId: target.id, toLinkId: after.links[0].id });
    expect(edge.json().code).toBe('chain.link_deleted');
    const ref = (await lookupChainLinks(t.ctx.db, [target.id])).get(target.id);
    expect(ref).toMatchObject({ chainId: 'innovative_drugs_devices', name: { zh: '数字医疗与健康服务' }, deleted: true });
  });

  it('merges a link into another: sub-links and edges move, the old id points at the survivor', async () => {
      const map = await chainMap('software_it_services');
    const from = map.links.find((l) => l.zh === '嵌入式与物联网软件')!;
    const into = map.links.find((l) => l.zh === '工业软件')!;
    const res = await admin.post(`/api/chains/software_it_services/links/${from.id}/merge`, { into: into.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().keywords).toEqual(expect.arrayContaining(['嵌入式软件', '工业软件']));
    const after = await chainMap('software_it_services');
    expect(after.links.some((l) => l.id === from.id)).toBe(false);
    expect(after.edges.some((e) => e.fromLinkId === from.id || e.toLinkId === from.id)).toBe(false);
    expect((await lookupChainLinks(t.ctx.db, [from.id])).get(from.id)?.mergedInto).toBe(into.id);
  });

  it('adds a chain (room for the 22) and audits every change', async () => {
      const res = await admin.post('/api/chains', { id: 'integrated_circuits', zh: '集成电路', en: 'Integrated circuits', industryId: 'electronics' });
    expect(res.statusCode).toBe(201);
    expect((await admin.post('/api/chains', { id: 'integrated_circuits', zh: '集成电路', en: 'IC' })).json().code).toBe('chain.id_taken');
    const audit = (await admin.get('/api/audit?pageSize=100')).json();
    const actions = new Set(audit.items.map((a: { action: string }) => a.action));
    for (const a of ['chain.create', 'chain.link.create', 'chain.link.update', 'chain.link.delete', 'chain.link.merge', 'industry.update']) expect(actions, a).toContain(a);
  });
});
