import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { createOrg } from './registry.service.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
const usccA = withCheckChar('91350200MA2XW0001'); // 思明
const usccB = withCheckChar('91350211MA2XW0002'); // 集美

const base = { formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
  await createOrg(t.ctx, { ...base, uscc: usccA, name: '厦门钨业股份有限公司', formerNames: ['厦门钨品厂'], kind: 'enterprise', district: 'siming', industryCode: '3240', keywords: ['硬质合金'], mainProducts: ['钨钼制品', '锂离子电池正极材料'], listed: true });
  await createOrg(t.ctx, { ...base, uscc: usccB, name: '集美新型储能科技有限公司', kind: 'enterprise', district: 'jimei', industryCode: '3841', mainProducts: ['储能电池'] });
  await createOrg(t.ctx, { ...base, uscc: withCheckChar('12350200MB0000003'), name: '厦门示例大学', kind: 'university', district: 'siming' });
});
afterAll(() => t.close());

describe('registering organisations', () => {
  it('refuses a wrong USCC check character and names the expected one, in both languages', async () => {
    const wrong = `${usccA.slice(0, 17)}${usccA[17] === '0' ? '1' : '0'}`;
    const zh = await admin.post('/api/orgs', { uscc: wrong, name: '测试科技有限公司', kind: 'enterprise', district: 'siming' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors).toEqual([{ path: 'body.uscc', code: 'custom', message: expect.stringContaining(`第18位应为 ${usccA[17]}`) }]);
    const en = await admin.post('/api/orgs', { uscc: wrong, name: '测试科技有限公司', kind: 'enterprise', district: 'siming' }, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toContain(`should be ${usccA[17]}`);
  });

  it('refuses unknown industry codes and districts', async () => {
    const res = await admin.post('/api/orgs', { uscc: withCheckChar('91350200MA2XW0009'), name: '测试科技有限公司', kind: 'enterprise', district: 'gulangyu', industryCode: '9999' });
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.district', 'body.industryCode']);
  });

  it('refuses a second registration of the same USCC, naming the holder', async () => {
    const res = await admin.post('/api/orgs', { uscc: usccA.toLowerCase(), name: '别的公司', kind: 'enterprise', district: 'siming' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('厦门钨业股份有限公司');
  });

  it('audits creation and edits with before and after', async () => {
    const uscc = withCheckChar('91350206MA2XW0004');
    expect((await admin.post('/api/orgs', { uscc, name: '湖里软件有限公司', kind: 'enterprise', district: 'huli' })).statusCode).toBe(201);
    const patched = await admin.patch(`/api/orgs/${uscc}`, { address: '厦门市湖里区示例路1号', keywords: ['工业软件'] });
    expect(patched.json()).toMatchObject({ address: '厦门市湖里区示例路1号', keywords: ['工业软件'] });
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'org.update')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ entityId: uscc, before: { address: null, keywords: [] }, after: { address: '厦门市湖里区示例路1号', keywords: ['工业软件'] } });
  });
});

describe('Chinese search', () => {
  it('finds 厦门钨业 from 钨业, from a former name, and from a product', async () => {
    for (const q of ['钨业', '钨品厂', '正极材料', usccA]) {
      const res = await admin.get(`/api/orgs?q=${encodeURIComponent(q)}`);
      expect(res.json().items[0]?.name, q).toBe('厦门钨业股份有限公司');
    }
  });

  it('finds it from a one-character typo', async () => {
    const res = await admin.get(`/api/orgs?q=${encodeURIComponent('厦门钨叶')}`);
    expect(res.json().items[0]?.name).toBe('厦门钨业股份有限公司');
  });

  it('ranks by relevance and keeps domain terms whole', async () => {
    const res = await admin.get(`/api/orgs?q=${encodeURIComponent('新型储能')}`);
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['集美新型储能科技有限公司']);
  });
});

describe('scopes', () => {
  it('shows a district officer only its district, and hides others as not found', async () => {
    const officer = await t.as('district_officer', { district: 'jimei' });
    const list = await officer.get('/api/orgs');
    expect(list.json().items.map((o: { uscc: string }) => o.uscc)).toEqual([usccB]);
    expect((await officer.get(`/api/orgs/${usccA}`)).statusCode).toBe(404);
    const elsewhere = await officer.post('/api/orgs', { uscc: withCheckChar('91350200MA2XW0005'), name: '思明某公司', kind: 'enterprise', district: 'siming' });
    expect(elsewhere.json().code).toBe('org.out_of_scope');
  });

  it('lets an org user see and edit only its own organisation, not its kind or district', async () => {
    const [orgB] = (await admin.get(`/api/orgs?q=${usccB}`)).json().items;
    const user = await t.as('org_user', { orgId: orgB.id });
    expect((await user.get('/api/orgs')).json().items.map((o: { uscc: string }) => o.uscc)).toEqual([usccB]);
    expect((await user.get(`/api/orgs/${usccA}`)).statusCode).toBe(404);
    expect((await user.patch(`/api/orgs/${usccB}`, { mainProducts: ['储能电池', '储能变流器'] })).statusCode).toBe(200);
    expect((await user.patch(`/api/orgs/${usccB}`, { district: 'siming' })).json().code).toBe('org.field_locked');
    expect((await user.patch(`/api/orgs/${usccA}/facts/2024`, { employees: 1 })).statusCode).toBe(404);
  });
});

describe('yearly facts', () => {
  it('stores facts per year with their source and history, and warns on R&D above revenue', async () => {
    const res = await admin.patch(`/api/orgs/${usccB}/facts/2024`, { revenue: 50_000_000_00, rdExpense: 60_000_000_00, employees: 120, majorIncident: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().facts).toMatchObject({ revenue: 5_000_000_000, rdExpense: 6_000_000_000, employees: 120, majorIncident: false, stStaff: null });
    expect(res.json().sources.revenue).toMatchObject({ kind: 'edit', actor: admin.username });
    expect(res.json().warnings).toEqual([{ field: 'rdExpense', code: 'rd_above_revenue', message: '研发费用高于营业收入，请核实。' }]);
    await admin.patch(`/api/orgs/${usccB}/facts/2024`, { revenue: 70_000_000_00, employees: 120 });
    const history = (await admin.get(`/api/orgs/${usccB}/facts/2024/history`)).json();
    expect(history.filter((h: { field: string }) => h.field === 'revenue').map((h: { oldValue: unknown; newValue: unknown }) => [h.oldValue, h.newValue]))
      .toEqual([[5_000_000_000, 7_000_000_000], [null, 5_000_000_000]]);
    // employees did not change the second time: no history row for it.
    expect(history.filter((h: { field: string }) => h.field === 'employees')).toHaveLength(1);
  });

  it('refuses negative money and unknown fields, and allows a negative profit', async () => {
    const bad = await admin.patch(`/api/orgs/${usccB}/facts/2024`, { revenue: -1, profitMargin: 3 });
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.profitMargin', 'body.revenue']);
    expect((await admin.patch(`/api/orgs/${usccB}/facts/2024`, { netProfit: -5_000_00 })).statusCode).toBe(200);
  });

  it('filters the list by revenue and staff of the latest year, and sorts by revenue', async () => {
    await admin.patch(`/api/orgs/${usccA}/facts/2023`, { revenue: 100_000_000_00, employees: 3000 });
    const big = await admin.get('/api/orgs?revenueMin=6000000000&sort=revenue');
    expect(big.json().items.map((o: { uscc: string }) => o.uscc)).toEqual([usccA, usccB]);
    const small = await admin.get('/api/orgs?staffMax=500');
    expect(small.json().items.map((o: { uscc: string }) => o.uscc)).toEqual([usccB]);
    expect(small.json().items[0]).toMatchObject({ fiscalYear: 2024, employees: 120 });
  });
});

describe('qualifications', () => {
  it('records certificates, filters by active ones, and audits removal', async () => {
    const added = await admin.post(`/api/orgs/${usccA}/qualifications`, { kind: 'hnte', certificateNo: 'GR202435100123', issuedOn: '2024-12-01', expiresOn: '2027-11-30' });
    expect(added.statusCode).toBe(201);
    expect(added.json().active).toBe(true);
    await admin.post(`/api/orgs/${usccB}/qualifications`, { kind: 'hnte', certificateNo: 'GR202035100001', issuedOn: '2020-12-01', expiresOn: '2023-11-30' });
    const hnte = await admin.get('/api/orgs?qualification=hnte');
    expect(hnte.json().items.map((o: { uscc: string }) => o.uscc)).toEqual([usccA]);
    expect(hnte.json().items[0].qualifications).toEqual(['hnte']);
    expect((await admin.request({ method: 'DELETE', url: `/api/orgs/${usccA}/qualifications/${added.json().id}` })).statusCode).toBe(204);
    expect((await admin.get(`/api/orgs/${usccA}/qualifications`)).json()).toEqual([]);
  });
});

describe('industry filter', () => {
  it('takes a code prefix or a section letter', async () => {
    const names = async (industry: string) => (await admin.get(`/api/orgs?industry=${industry}`)).json().items.map((o: { uscc: string }) => o.uscc).sort();
    expect(await names('384')).toEqual([usccB]);
    expect(await names('C38')).toEqual([usccB]);
    expect(await names('C')).toEqual([usccA, usccB].sort());
    expect(await names('I')).toEqual([]);
  });
});
