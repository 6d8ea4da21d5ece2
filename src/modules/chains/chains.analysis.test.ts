import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrgs } from '../../seed/orgs.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { bulkUpsertOrgs } from '../registry/registry.bulk.ts';
import { linkStrength } from './chains.formula.ts';
import { installChainReference } from './chains.service.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
const CHAIN = 'new_energy_storage';
type Analysis = { completeness: number; links: { linkId: string; parentId: string | null; depth: number; zh: string; cls: string; score: number; action: string; indicators: Record<string, number>; stage: string }[] };
type Detail = { organisations: { id: string; uscc: string; name: string; district: string; status: string; confidence: number; evidence: { kind: string }[] }[] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  await t.database.db.transaction((tx) => bulkUpsertOrgs(tx, t.ctx, generateOrgs({ count: 1500, seed: 'chains' }), { kind: 'seed', ref: 'test' }));
  await installChainReference(t.ctx);
});
afterAll(() => t.close());

/** A link with at least `min` organisations attached to it directly (not only to its sub-links). */
async function linkWithOwn(min: number): Promise<{ linkId: string; zh: string; detail: Detail }> {
  const a = await analysis();
  for (const l of a.links.filter((x) => x.indicators.organisations >= min).sort((x, y) => y.indicators.organisations - x.indicators.organisations)) {
    const detail: Detail = (await admin.get(`/api/chains/${CHAIN}/links/${l.linkId}`)).json();
    if (detail.organisations.filter((o) => o.status !== 'rejected').length >= min) return { linkId: l.linkId, zh: l.zh, detail };
  }
  throw new Error(`no link with ${min} organisations`);
}

async function analysis(basis = 'all'): Promise<Analysis> {
  return (await admin.get(`/api/chains/${CHAIN}/analysis?basis=${basis}`)).json();
}

describe('suggesting organisations for links', { timeout: 240_000 }, () => {
  it('suggests organisations with confidence ≥ 50 and the evidence behind it', async () => {
      const res = (await admin.post(`/api/chains/${CHAIN}/suggest`)).json();
    expect(res.scanned).toBe(1500);
    expect(res.suggested).toBeGreaterThan(10);
    const own = (await linkWithOwn(3)).detail.organisations;
    expect(own.length).toBeGreaterThan(0);
    for (const o of own) {
      expect(o.status).toBe('suggested');
      expect(o.confidence).toBeGreaterThanOrEqual(50);
      expect(o.evidence.some((e) => e.kind !== 'role')).toBe(true);
    }
  });

  it('keeps staff decisions when suggesting again, and audits them', async () => {
      const link = await linkWithOwn(2);
    const [keep, reject] = link.detail.organisations;
    expect((await admin.patch(`/api/chains/${CHAIN}/attachments/${keep.id}`, { status: 'confirmed', role: 'chain_leader' })).json()).toMatchObject({ status: 'confirmed', role: 'chain_leader' });
    expect((await admin.patch(`/api/chains/${CHAIN}/attachments/${reject.id}`, { status: 'rejected' })).json().status).toBe('rejected');
    const again = (await admin.post(`/api/chains/${CHAIN}/suggest`)).json();
    expect(again.kept).toBe(2);
    const after: Detail = (await admin.get(`/api/chains/${CHAIN}/links/${link.linkId}`)).json();
    expect(after.organisations.find((o) => o.uscc === keep.uscc)?.status).toBe('confirmed');
    expect(after.organisations.find((o) => o.uscc === reject.uscc)?.status).toBe('rejected');
    const audit = (await admin.get('/api/audit?pageSize=50')).json().items.map((x: { action: string }) => x.action);
    expect(audit).toEqual(expect.arrayContaining(['chain.org.confirm', 'chain.org.reject', 'chain.suggest']));
    // Only confirmed organisations count on the "confirmed" basis.
    const confirmed = await analysis('confirmed');
    expect(confirmed.links.find((l) => l.linkId === link.linkId)?.indicators.organisations).toBe(1);
    expect(confirmed.links.find((l) => l.linkId === link.linkId)?.indicators.leaders).toBe(1);
  });

  it('shows a district officer only its district\'s organisations', async () => {
      const officer = await t.as('district_officer', { district: 'jimei' });
    const link = await linkWithOwn(3);
    const all: Detail = (await admin.get(`/api/chains/${CHAIN}/links/${link.linkId}`)).json();
    const mine: Detail = (await officer.get(`/api/chains/${CHAIN}/links/${link.linkId}`)).json();
    expect(mine.organisations.every((o) => o.district === 'jimei')).toBe(true);
    expect(mine.organisations.length).toBe(all.organisations.filter((o) => o.district === 'jimei').length);
    // And cannot confirm another district's organisation.
    const other = all.organisations.find((o) => o.district !== 'jimei');
    if (other) expect((await officer.patch(`/api/chains/${CHAIN}/attachments/${other.id}`, { status: 'confirmed' })).json().code).toBe('chain.attachment_not_found');
  });

  it('attaches an organisation by hand and refuses a deleted link', async () => {
      const org = (await admin.get('/api/orgs?pageSize=1&sort=name')).json().items[0];
    const map = (await admin.get(`/api/chains/${CHAIN}`)).json();
    const link = map.links.find((l: { zh: string }) => l.zh === '梯次利用与回收');
    const res = await admin.post(`/api/chains/${CHAIN}/links/${link.id}/orgs`, { uscc: org.uscc, role: 'service' });
    expect(res.json()).toMatchObject({ linkId: link.id, role: 'service', status: 'confirmed' });
    const spare = (await admin.post(`/api/chains/${CHAIN}/links`, { stage: 'downstream', zh: '临时环节' })).json();
    await admin.request({ method: 'DELETE', url: `/api/chains/${CHAIN}/links/${spare.id}` });
    const refused = await admin.post(`/api/chains/${CHAIN}/links/${spare.id}/orgs`, { uscc: org.uscc });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('chain.link_deleted');
  });
});

describe('analysis', { timeout: 240_000 }, () => {
  it('scores each link by the documented formula from its own and its sub-links\' organisations', async () => {
    const a = await analysis();
    for (const l of a.links) {
      const s = linkStrength(l.indicators as never);
      expect(l.score, l.zh).toBe(s.score);
      expect(l.cls, l.zh).toBe(s.cls);
      expect(l.cls === 'missing', l.zh).toBe(l.indicators.organisations === 0);
      const kids = a.links.filter((k) => k.parentId === l.linkId);
      for (const k of ['organisations', 'revenue', 'hnte'] as const) {
        expect(l.indicators[k], `${l.zh} ${k}`).toBeGreaterThanOrEqual(kids.reduce((n, c) => n + c.indicators[k], 0));
      }
      expect(l.action).toBe(l.cls === 'missing' ? 'fill' : l.cls === 'weak' ? 'strengthen' : l.action);
    }
    const present = a.links.filter((l) => l.cls !== 'missing').length;
    expect(a.completeness).toBeCloseTo(present / a.links.length, 3);
    expect(a.links.some((l) => l.cls === 'missing')).toBe(true);
  });
});

describe('investment targets', { timeout: 240_000 }, () => {
  it('ranks targets with reasons: a missing link first; landed targets unranked; owners must be staff', async () => {
      const orgUser = await t.as('org_user');
    const a = await analysis();
    const missing = a.links.find((l) => l.cls === 'missing')!;
    const present = a.links.find((l) => l.cls !== 'missing')!;
    const mk = (linkId: string, name: string, extra = {}) => admin.post(`/api/chains/${CHAIN}/targets`, { linkId, name, location: '江苏省常州市', source: 'chain_gap', ...extra });
    expect((await mk(missing.linkId, '合成目标甲储能材料有限公司')).statusCode).toBe(201);
    expect((await mk(present.linkId, '合成目标乙电池有限公司', { status: 'contacted', ownerId: admin.userId })).statusCode).toBe(201);
    const landed = (await mk(present.linkId, '合成目标丙科技有限公司')).json();
    expect((await admin.patch(`/api/chains/${CHAIN}/targets/${landed.id}`, { status: 'landed' })).json().status).toBe('landed');
    expect((await mk(present.linkId, '合成目标丁有限公司', { ownerId: orgUser.userId })).json().code).toBe('chain.owner_invalid');
    const ranked = (await admin.get(`/api/chains/${CHAIN}/targets`)).json().items;
    expect(ranked.map((r: { name: string }) => r.name)).toEqual(['合成目标甲储能材料有限公司', '合成目标乙电池有限公司', '合成目标丙科技有限公司']);
    expect(ranked[0]).toMatchObject({ rank: 1, linkClass: 'missing' });
    expect(ranked[0].reasons[0].zh).toBe('填补缺失环节');
    expect(ranked[1].ownerName).not.toBeNull();
    expect(ranked[2]).toMatchObject({ rank: null, score: null });
    for (const r of ranked.slice(0, 2)) expect(r.reasons.reduce((n: number, x: { points: number }) => n + x.points, 0)).toBe(r.score);
  });

  it('refuses a target at a deleted link', async () => {
      const spare = (await admin.post(`/api/chains/${CHAIN}/links`, { stage: 'upstream', zh: '临时上游环节' })).json();
    await admin.request({ method: 'DELETE', url: `/api/chains/${CHAIN}/links/${spare.id}` });
    const res = await admin.post(`/api/chains/${CHAIN}/targets`, { linkId: spare.id, name: '合成目标戊有限公司', source: 'expo' });
    expect(res.json().code).toBe('chain.link_deleted');
  });
});

describe('versions', { timeout: 240_000 }, () => {
  it('saves dated versions (one per date), diffs them and restores one as undo', async () => {
      const v1 = await admin.post(`/api/chains/${CHAIN}/versions`, { asOf: '2025-12-31', label: '2025年基线' });
    expect(v1.statusCode).toBe(201);
    const dup = await admin.post(`/api/chains/${CHAIN}/versions`, { asOf: '2025-12-31', label: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('chain.version_date_taken');

    const map = (await admin.get(`/api/chains/${CHAIN}`)).json();
    const added = (await admin.post(`/api/chains/${CHAIN}/links`, { stage: 'downstream', zh: '储能安全监管服务' })).json();
    const from = await linkWithOwn(1);
    const mover = from.detail.organisations.find((o) => o.status !== 'rejected')!;
    const to = map.links.find((l: { zh: string }) => l.zh === '检测认证');
    await admin.patch(`/api/chains/${CHAIN}/attachments/${mover.id}`, { linkId: to.id, status: 'confirmed' });

    const diff = (await admin.get(`/api/chains/${CHAIN}/versions/diff?from=${v1.json().id}&to=current`)).json();
    expect(diff.linksAdded.map((l: { zh: string }) => l.zh)).toEqual(['储能安全监管服务']);
    expect(diff.orgsMoved).toEqual([expect.objectContaining({ name: mover.name, from: from.zh, to: '检测认证' })]);
    expect(diff.strengthChanges.length).toBeGreaterThan(0);

    const v2 = (await admin.post(`/api/chains/${CHAIN}/versions`, { asOf: '2026-06-30', label: '2026年中' })).json();
    expect((await admin.get(`/api/chains/${CHAIN}/versions`)).json().map((v: { asOf: string }) => v.asOf)).toEqual(['2026-06-30', '2025-12-31']);
    const restored = (await admin.post(`/api/chains/${CHAIN}/versions/${v1.json().id}/restore`)).json();
    expect(restored.linksRemoved.map((l: { zh: string }) => l.zh)).toEqual(['储能安全监管服务']);
    const back = (await admin.get(`/api/chains/${CHAIN}`)).json();
    expect(back.links.some((l: { id: string }) => l.id === added.id)).toBe(false);
    const again: Detail = (await admin.get(`/api/chains/${CHAIN}/links/${from.linkId}`)).json();
    expect(again.organisations.some((o) => o.uscc === mover.uscc)).toBe(true);
    // Redo: restoring the later version brings the link back under the same id.
    await admin.post(`/api/chains/${CHAIN}/versions/${v2.id}/restore`);
    expect((await admin.get(`/api/chains/${CHAIN}`)).json().links.some((l: { id: string }) => l.id === added.id)).toBe(true);
  });
});

describe('export', { timeout: 240_000 }, () => {
  it('exports the analysis, organisations and ranked targets to Excel', async () => {
      const res = await admin.get(`/api/chains/${CHAIN}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['环节分析', '环节企业', '招商目标', '说明']);
    const a = await analysis();
    expect(wb.getWorksheet('环节分析')!.actualRowCount).toBe(a.links.length + 1);
    expect(String(wb.getWorksheet('说明')!.getRow(2).getCell(1).value)).toContain('初始草稿');
  });
});
