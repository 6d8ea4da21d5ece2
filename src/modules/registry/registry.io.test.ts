// Import and export of the registry through the HTTP API. Fixture files are built here with
// exceljs (and iconv-lite for GBK), never checked in.
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { count, eq, like } from 'drizzle-orm';
import { withCheckChar } from '../../lib/uscc.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { MAX_IMPORT_ROWS } from './registry.parse.ts';
import { SHEETS, yuanToFen, type SheetKind } from './registry.sheet.ts';
import { orgFacts, orgQualifications, orgs } from './registry.schema.ts';
import { createOrg } from './registry.service.ts';

type Rows = Partial<Record<SheetKind, Record<string, unknown>[]>>;
type Staff = Client & { userId: string; username: string };

let t: TestApp;
let admin: Staff;
const uscc = (n: number, area = '350203') => withCheckChar(`91${area}MA${String(n).padStart(7, '0')}`);
const base = { formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('bureau_admin');
});
afterAll(() => t.close());

/** A workbook in the template's layout: Chinese labels in row 1, keys in row 2, data from row 3. */
async function xlsx(rows: Rows, opts: { omit?: string[]; names?: Partial<Record<SheetKind, string>>; order?: SheetKind[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const kind of opts.order ?? ['orgs', 'facts', 'qualifications'] as const) {
    if (!rows[kind]) continue;
    const cols = SHEETS[kind].columns.filter((c) => !opts.omit?.includes(c.key));
    const ws = wb.addWorksheet(opts.names?.[kind] ?? SHEETS[kind].name);
    ws.addRow(cols.map((c) => c.zh));
    ws.addRow(cols.map((c) => c.key));
    for (const r of rows[kind]!) ws.addRow(cols.map((c) => r[c.key] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(header: string[], rows: unknown[][]): string {
  const q = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\r\n');
}

async function upload(c: Client, body: Buffer | string, opts: { dryRun?: boolean; filename?: string; lang?: string } = {}) {
  const res = await c.request({
    method: 'POST',
    url: `/api/orgs/import?dryRun=${opts.dryRun ? 'true' : 'false'}&filename=${encodeURIComponent(opts.filename ?? 'orgs.xlsx')}`,
    payload: typeof body === 'string' ? Buffer.from(body) : body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().jobId as string;
}

async function waitJob(c: Client, id: string, lang = 'zh-CN') {
  for (let i = 0; i < 3000; i++) {
    const res = await c.get(`/api/jobs/${id}`, { 'accept-language': lang });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

async function importFile(c: Client, body: Buffer | string, opts: { dryRun?: boolean; filename?: string; lang?: string } = {}) {
  return waitJob(c, await upload(c, body, opts), opts.lang);
}

/** A minimal xlsx zip written by hand, so a test can put any XML (a bomb) into its entries. */
function rawXlsx(entries: Record<string, Buffer | string>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const packed = deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14); head.writeUInt32LE(packed.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16); dir.writeUInt32LE(packed.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(nameBuf.length, 28); dir.writeUInt32LE(offset, 42);
    local.push(head, nameBuf, packed);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dirBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}

/** A one-sheet workbook ("单位") whose sheet XML and shared strings are given. */
function bombXlsx(sheetData: Buffer | string, sharedStrings?: Buffer | string): Buffer {
  return rawXlsx({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="单位" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheetData,
    ...(sharedStrings ? { 'xl/sharedStrings.xml': sharedStrings } : {}),
  });
}

const orgCount = async (prefix: string) => (await t.database.db.select({ n: count() }).from(orgs).where(like(orgs.name, `${prefix}%`)))[0].n;
const issues = (job: { result: { errors: { sheet: string; row: number; column: string; code: string }[] } }) =>
  job.result.errors.map((e) => `${e.sheet}!${e.row} ${e.column} ${e.code}`);

describe('template', () => {
  it('has the three data sheets with Chinese labels and keys, drop-downs, instructions and the code list', async () => {
    const officer = await t.as('district_officer', { district: 'huli' });
    const res = await officer.get('/api/orgs/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位', '年度数据', '资质', '说明', '代码表']);
    expect(wb.getWorksheet('代码表')!.state).toBe('hidden');
    const units = wb.getWorksheet('单位')!;
    expect(units.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect((units.getRow(2).values as unknown[]).slice(1)).toEqual(SHEETS.orgs.columns.map((c) => c.key));
    const facts = wb.getWorksheet('年度数据')!;
    const factKeys = (facts.getRow(2).values as unknown[]).slice(1);
    expect(factKeys).toContain('revenue');
    expect(factKeys).toContain('rdSubLedger');
    expect(facts.getRow(1).getCell(factKeys.indexOf('revenue') + 1).value).toBe('营业收入（元）');
    // District (column E) takes the Chinese names from the hidden list.
    const dv = (units as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(dv.E3.formulae[0]).toBe("'代码表'!$C$2:$C$7");
    expect(wb.getWorksheet('代码表')!.getCell('C2').value).toBe('思明区');
    expect(wb.getWorksheet('代码表')!.getColumn(1).values).toContain('3841');
    expect(String(wb.getWorksheet('说明')!.getCell('B1').value)).toContain('template');
  });
});

// A file smaller than IMPORT_WORKER_FROM_BYTES (every file here, by default) is read in the
// importer's thread; a larger one in a worker thread. Both readers get every test.
const READERS = [['in the importer\'s thread', null], ['in a worker thread', { IMPORT_WORKER_FROM_BYTES: '0' }]] as const;

for (const [reader, env] of READERS) describe(`import (read ${reader})`, () => {
  if (env) {
    let outer: [TestApp, Staff];
    beforeAll(async () => {
      outer = [t, admin];
      t = await createTestApp({ env });
      admin = await t.as('bureau_admin');
    });
    afterAll(async () => {
      await t.close();
      [t, admin] = outer;
    });
  }

  const good = (n: number, name: string) => ({
    uscc: uscc(n), name, kind: '企业', district: '思明区', registeredOn: '2015-06-01', industryCode: '3841', listed: '否',
    keywords: '储能；锂电', contacts: '张三 | 总经理 | 0592-5550001 | zhang@example.com', address: '厦门市思明区示例路1号',
  });

  it('previews in a dry run without writing, then writes all at once, then finds nothing to change', async () => {
    const file = await xlsx({
      orgs: [good(1, '导入甲科技有限公司'), good(2, '导入乙科技有限公司')],
      facts: [
        { uscc: uscc(1), fiscalYear: 2023, revenue: '1234.56', employees: 30, rdSubLedger: '是', netProfit: -100.5 },
        { uscc: uscc(1), fiscalYear: 2024, revenue: 0.1 + 0.2, rdExpense: 19.99 },
        { uscc: uscc(2), fiscalYear: 2024, revenue: '1,000,000.00' },
      ],
      qualifications: [{ uscc: uscc(1), kind: '国家高新技术企业', certificateNo: 'GR202435100001', issuedOn: '2024-12-01', expiresOn: '2027-11-30' }],
    });
    const before = (await t.database.db.select({ n: count() }).from(auditLog))[0].n;
    const dry = await importFile(admin, file, { dryRun: true });
    expect(dry.status).toBe('succeeded');
    expect(dry.result).toMatchObject({ dryRun: true, inserted: 2, updated: 0, unchanged: 0, factsInserted: 3, qualificationsAdded: 1, errors: [] });
    expect(await orgCount('导入')).toBe(0);
    // Only the job's creation was audited.
    expect((await t.database.db.select({ n: count() }).from(auditLog))[0].n).toBe(before + 1);

    const real = await importFile(admin, file);
    expect(real.result).toMatchObject({ dryRun: false, inserted: 2, updated: 0, factsInserted: 3, qualificationsAdded: 1, errors: [] });
    expect(real.progress.done).toBe(real.progress.total);
    expect(await orgCount('导入')).toBe(2);
    const [org] = await t.database.db.select().from(orgs).where(eq(orgs.uscc, uscc(1)));
    expect(org).toMatchObject({ kind: 'enterprise', district: 'siming', industryCode: '3841', keywords: ['储能', '锂电'], contacts: [{ name: '张三', title: '总经理', phone: '0592-5550001', email: 'zhang@example.com' }] });
    const facts = await t.database.db.select().from(orgFacts).where(eq(orgFacts.orgId, org.id));
    // Money in fen, exactly: no floating-point drift.
    expect(facts.map((f) => [f.fiscalYear, f.revenue, f.rdExpense, f.netProfit, f.rdSubLedger])).toEqual(expect.arrayContaining([
      [2023, 123456, null, -10050, true], [2024, 30, 1999, null, null],
    ]));
    expect(facts.find((f) => f.fiscalYear === 2023)!.sources['*']).toMatchObject({ kind: 'import', ref: 'orgs.xlsx 年度数据!3', actor: admin.username });
    const actions = (await t.database.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['job.create', 'org.import_create', 'org.import_facts_create', 'org.import_qualifications']));

    const again = await importFile(admin, file);
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0, errors: [] });
    expect((await verifyAudit(t.database.db, t.ctx.auditKey)).ok).toBe(true);
  });

  it('reports every bad cell by sheet, row and column, in both languages, and writes nothing', async () => {
    const wrong = uscc(10).slice(0, 17) + (uscc(10)[17] === '0' ? '1' : '0');
    const file = await xlsx({
      orgs: [
        good(11, '坏文件甲有限公司'), // row 3: fine, but the file has errors, so it is not written
        { ...good(12, '坏文件乙有限公司'), district: '鼓浪屿区' }, // row 4
        { ...good(13, '坏文件丙有限公司'), industryCode: '9999' }, // row 5
        { ...good(14, '坏文件丁有限公司'), kind: '公司' }, // row 6
        { ...good(15, '坏文件戊有限公司'), uscc: wrong }, // row 7
        { ...good(16, '坏文件己有限公司'), registeredOn: '2999-01-01' }, // row 8
        good(11, '坏文件甲有限公司重复'), // row 9: duplicate of row 3
      ],
      facts: [
        { uscc: uscc(11), fiscalYear: 2024, revenue: -5, netProfit: -5 }, // row 3: negative revenue; profit may be negative
        { uscc: uscc(11), fiscalYear: 2023, employees: '很多' }, // row 4
        { uscc: uscc(11), fiscalYear: 2023, employees: 5 }, // row 5: duplicate of row 4 (USCC + year)
        { uscc: uscc(99), fiscalYear: 2024, revenue: 1 }, // row 6: neither in the file nor registered
        { uscc: uscc(13), fiscalYear: 2024, revenue: '12.345' }, // row 7
      ],
    });
    const job = await importFile(admin, file, { filename: 'bad.xlsx' });
    expect(job.status).toBe('succeeded');
    expect(issues(job)).toEqual([
      '单位!4 district unknown_district',
      '单位!5 industryCode unknown_industry',
      '单位!6 kind unknown_kind',
      '单位!7 uscc uscc_check',
      '单位!8 registeredOn future_date',
      '单位!9 uscc duplicate',
      '年度数据!3 revenue negative',
      '年度数据!4 employees not_number',
      '年度数据!5 uscc duplicate',
      '年度数据!6 uscc unknown_org',
      '年度数据!7 revenue too_many_decimals',
    ]);
    expect(job.result).toMatchObject({ inserted: 0, factsInserted: 0, errorCount: 11 });
    const check = job.result.errors.find((e: { code: string }) => e.code === 'uscc_check');
    expect(check.message).toContain(`第18位应为 ${uscc(10)[17]}`);
    expect(check).toMatchObject({ columnLabel: '统一社会信用代码', value: wrong });
    expect(job.result.errors[8].message).toContain('第 4 行');
    expect(await orgCount('坏文件')).toBe(0);

    const en = (await admin.get(`/api/jobs/${job.id}`, { 'accept-language': 'en-US' })).json();
    expect(en.result.errors[3].message).toContain(`should be ${uscc(10)[17]}`);
    expect(en.result.errors[0].columnLabel).toBe('District');

    const report = await admin.get(`/api/jobs/${job.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(12);
    expect((ws.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['单位', 4, 'district', '所属区 / District', '鼓浪屿区']);
    expect(String(ws.getRow(2).getCell(7).value)).toContain('未知的区');
    expect(String(ws.getRow(2).getCell(8).value)).toContain('Unknown district');
  });

  it('streams a file of several chunks: an error in the last row undoes the chunks written, facts before their organisations\' sheet resolve', async () => {
    const n = 2_500;
    const units = Array.from({ length: n }, (_, i) => good(100_000 + i, `分块${i}有限公司`));
    const facts = units.map((o, i) => ({ uscc: o.uscc, fiscalYear: 2024, revenue: i + 1 }));
    const order: SheetKind[] = ['facts', 'orgs'];
    // The yearly facts come first; the organisations' last row (after the first chunk was written) is bad.
    const bad = await xlsx({ facts, orgs: [...units, { ...good(100_000 + n, '分块坏有限公司'), district: '鼓浪屿区' }] }, { order });
    const audits = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0].n;
    const before = await audits();
    const failed = await importFile(admin, bad);
    expect(issues(failed)).toEqual([`单位!${n + 3} district unknown_district`]);
    expect(failed.result).toMatchObject({ inserted: 0, factsInserted: 0, errorCount: 1 });
    expect(await orgCount('分块')).toBe(0);
    expect(await audits()).toBe(before + 1);
    const dry = await importFile(admin, bad, { dryRun: true });
    expect(dry.result).toMatchObject({ dryRun: true, inserted: n, factsInserted: n, errorCount: 1 });
    expect(await orgCount('分块')).toBe(0);

    const good2 = await xlsx({ facts, orgs: units }, { order });
    const real = await importFile(admin, good2);
    expect(real.result).toMatchObject({ inserted: n, factsInserted: n, errors: [] });
    expect(real.progress).toMatchObject({ done: n * 2, total: n * 2, phase: 'writing' });
    expect(await orgCount('分块')).toBe(n);
    const again = await importFile(admin, good2);
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: n, factsInserted: 0, factsUpdated: 0, errors: [] });
    expect((await verifyAudit(t.database.db, t.ctx.auditKey)).ok).toBe(true);
  }, 180_000);

  it('reports a dry run\'s errors and previews its valid rows', async () => {
    const file = await xlsx({ orgs: [good(21, '预览甲有限公司'), { ...good(22, '预览乙有限公司'), listed: '也许' }] });
    const job = await importFile(admin, file, { dryRun: true });
    expect(job.result).toMatchObject({ dryRun: true, inserted: 1 });
    expect(issues(job)).toEqual(['单位!4 listed not_boolean']);
    expect(await orgCount('预览')).toBe(0);
  });

  it('reads a workbook whose xl/workbook.xml comes after its worksheets in the zip', async () => {
    // Such files trip exceljs's streaming reader; the import falls back to reading them whole.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await xlsx({ orgs: [{ uscc: uscc(901), name: '顺序测试科技有限公司', kind: '企业', district: '思明区' }] }));
    const reordered = new JSZip();
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const early = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const order = [...early, ...names.filter((n) => !early.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml'];
    for (const n of order) reordered.file(n, await zip.files[n].async('nodebuffer'));
    const job = await waitJob(admin, await upload(admin, await reordered.generateAsync({ type: 'nodebuffer' }), { dryRun: true }));
    expect(job.result).toMatchObject({ inserted: 1, errors: [] });
  });

  it('names the missing required columns of a sheet', async () => {
    const job = await importFile(admin, await xlsx({ orgs: [{ uscc: uscc(31), name: '缺列有限公司' }] }, { omit: ['district', 'kind'] }));
    expect(issues(job)).toEqual(['单位!2 kind missing_columns', '单位!2 district missing_columns']);
    expect(job.result.errors[1].message).toBe('缺少必需的列：所属区（district）。');
  });

  it('warns about R&D expense above revenue but still imports', async () => {
    const job = await importFile(admin, await xlsx({ orgs: [good(41, '警告有限公司')], facts: [{ uscc: uscc(41), fiscalYear: 2024, revenue: 100, rdExpense: 200 }] }));
    expect(job.result).toMatchObject({ inserted: 1, factsInserted: 1, errors: [] });
    expect(job.result.warnings).toEqual([expect.objectContaining({ sheet: '年度数据', row: 3, column: 'rdExpense', code: 'rd_above_revenue' })]);
  });

  it('reads CSV in UTF-8 with a BOM and in GBK, organisations or yearly facts by their header', async () => {
    const header = ['uscc', 'name', 'kind', 'district', 'mainProducts'];
    const utf8 = `\uFEFF${csv(header, [[uscc(51), 'CSV甲科技有限公司', '企业', '湖里区', '传感器；芯片']])}`;
    expect((await importFile(admin, utf8, { filename: 'a.csv' })).result).toMatchObject({ inserted: 1, errors: [] });
    const gbk = iconv.encode(csv(header, [[uscc(52), 'CSV乙科技有限公司', '科研院所', '集美区', '']]), 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect((await importFile(admin, gbk, { filename: 'b.csv' })).result).toMatchObject({ inserted: 1, errors: [] });
    const [b] = await t.database.db.select().from(orgs).where(eq(orgs.uscc, uscc(52)));
    expect(b).toMatchObject({ name: 'CSV乙科技有限公司', kind: 'institute', district: 'jimei' });
    // A yearly-facts CSV, with the Chinese label row above the key row as the template has it.
    const facts = iconv.encode(csv(['统一社会信用代码', '年度', '营业收入（元）'], [['uscc', 'fiscalYear', 'revenue'], [uscc(52), 2024, '88.8']]), 'gbk');
    const job = await importFile(admin, facts, { filename: 'facts.csv' });
    expect(job.result).toMatchObject({ inserted: 0, unchanged: 0, factsInserted: 1, errors: [] });
    const [f] = await t.database.db.select().from(orgFacts).where(eq(orgFacts.orgId, b.id));
    expect(f.revenue).toBe(8880);
    // A CSV row error is reported with the line number a spreadsheet shows.
    const bad = await importFile(admin, csv(['uscc', 'fiscalYear', 'employees'], [[uscc(52), 2023, 1], [uscc(52), 2022, -3]]), { filename: 'c.csv' });
    expect(issues(bad)).toEqual(['年度数据!3 employees negative']);
  });

  it('refuses empty files, wrong encodings and junk quickly', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(['uscc', 'name'], [[uscc(61), '宽字符有限公司']]), 'utf16le')]);
    const cases: [Buffer | string, string, string][] = [
      [Buffer.alloc(0), 'empty.csv', 'file_empty'],
      ['\uFEFF  \r\n', 'blank.csv', 'file_empty'],
      [utf16, 'utf16.csv', 'file_encoding'],
      [Buffer.from(csv(['uscc', 'name'], [[uscc(61), '宽字符']]), 'utf16le'), 'utf16-nobom.csv', 'file_encoding'],
      [Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)]), 'zip.xlsx', 'file_not_spreadsheet'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls', 'file_xls'],
      [Buffer.from('hello'), 'text.xlsx', 'file_not_spreadsheet'],
      [await xlsx({ orgs: [] }), 'header-only.xlsx', 'no_data'],
    ];
    for (const [body, filename, code] of cases) {
      const job = await importFile(admin, body, { filename });
      expect(job.result.errors.map((e: { code: string }) => e.code), filename).toEqual([code]);
      expect(job.result.errors[0]).toMatchObject({ sheet: null, row: null, column: null });
    }
    // 50 MB of random bytes: refused from its first bytes, without parsing it.
    const junk = randomBytes(50 * 1024 * 1024);
    const started = Date.now();
    const job = await importFile(admin, junk, { filename: 'junk.csv' });
    expect(job.result.errors.map((e: { code: string }) => e.code)).toEqual(['file_encoding']);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses decompression bombs, endless rows and too many rows, with the reason, and writes nothing', async () => {
    const header = '<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>';
    const before = await orgCount('');
    const cases: [string, Buffer, string][] = [
      // 200 MB of shared strings from about 0.2 MB: refused once 64 MB have inflated.
      ['shared-strings bomb', bombXlsx(`${header}</sheetData></worksheet>`, Buffer.concat([Buffer.from('<sst>'), Buffer.alloc(200 * 2 ** 20, '<si><t>x</t></si>'), Buffer.from('</sst>')])), 'file_bomb'],
      // One row that never ends.
      ['endless row', bombXlsx(Buffer.concat([Buffer.from(`${header}<row r="2"><c><v>`), Buffer.alloc(40 * 2 ** 20, '9')])), 'element_too_long'],
      // Half a million empty rows.
      ['too many rows', bombXlsx(`${header}${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `<row r="${i + 2}"/>`).join('')}</sheetData></worksheet>`), 'too_many_rows'],
    ];
    for (const [what, body, code] of cases) {
      const job = await importFile(admin, body, { filename: `${code}.xlsx`, lang: 'en-US' });
      // The reason comes first (the header-only sheet may add its own issues after it).
      expect(job.result.errors[0], what).toMatchObject({ code, sheet: null, row: null });
      expect(JSON.stringify(job.result.errors[0]), what).not.toMatch(/\{\w+\}/);
    }
    expect(await orgCount('')).toBe(before);
  }, 120_000);

  it('lets a district officer import only its own district', async () => {
    await createOrg(t.ctx, { ...base, uscc: uscc(71, '350206'), name: '湖里已登记有限公司', kind: 'enterprise', district: 'huli' });
    const officer = await t.as('district_officer', { district: 'siming' });
    const file = await xlsx({
      orgs: [good(72, '辖区甲有限公司'), { ...good(73, '辖区乙有限公司'), district: '湖里区' }, { ...good(71, '湖里已登记有限公司'), uscc: uscc(71, '350206') }],
      facts: [{ uscc: uscc(71, '350206'), fiscalYear: 2024, revenue: 1 }],
    });
    const job = await importFile(officer, file);
    expect(issues(job)).toEqual(['单位!4 district out_of_scope', '单位!5 uscc registered_elsewhere']);
    expect(await orgCount('辖区')).toBe(0);
    // Someone else's job is not found; the bureau administrator sees every job.
    const other = await t.as('district_officer', { district: 'siming' });
    expect((await other.get(`/api/jobs/${job.id}`)).json().code).toBe('job.not_found');
    expect((await admin.get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
  });

  it('is for bureau and district staff only', async () => {
    for (const role of ['org_user', 'reviewer'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/orgs/template.xlsx')).statusCode).toBe(403);
      expect((await c.get('/api/orgs/export.xlsx')).statusCode).toBe(403);
      const res = await c.request({ method: 'POST', url: '/api/orgs/import', payload: Buffer.from('uscc'), headers: { 'content-type': 'application/octet-stream' } });
      expect(res.json().code).toBe('auth.forbidden');
    }
  });
});

describe('export', () => {
  it('exports the filtered list in the template layout, neutralises formulas, and re-imports without changes', async () => {
    await createOrg(t.ctx, { ...base, uscc: uscc(81), name: '=HYPERLINK("http://x")有限公司', kind: 'enterprise', district: 'xiangan', keywords: ['+1', '@home'], address: '-1' });
    await importFile(admin, await xlsx({
      orgs: [{ uscc: uscc(82), name: '翔安导出科技有限公司', kind: '高校', district: '翔安区', formerNames: '旧名一；旧名二', listed: '是', parentGroup: '集团', registeredOn: '2001-02-03', contacts: '李四\n王五 | | 13800000000' }],
      facts: [
        { uscc: uscc(81), fiscalYear: 2023, revenue: '99999999.99', netProfit: '-0.01', marketSharePct: 125, digitalLevel: 3, majorIncident: '否' },
        { uscc: uscc(82), fiscalYear: 2024, employees: 7, totalAssets: 1e9 },
      ],
      qualifications: [{ uscc: uscc(82), kind: '科技型中小企业', certificateNo: '2024350200A001', issuedOn: '2024-05-01', rank: 2 }],
    }));
    const res = await admin.get('/api/orgs/export.xlsx?district=xiangan');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('单位')!;
    expect(units.rowCount).toBe(4);
    const names = [units.getCell('B3').value, units.getCell('B4').value];
    expect(names).toContain('\'=HYPERLINK("http://x")有限公司');
    expect(wb.getWorksheet('年度数据')!.rowCount).toBe(4);
    expect(wb.getWorksheet('资质')!.rowCount).toBe(3);

    const before = await t.database.db.select().from(orgs).where(eq(orgs.district, 'xiangan'));
    const again = await importFile(admin, res.rawPayload, { filename: 'export.xlsx' });
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, factsInserted: 0, factsUpdated: 0, qualificationsAdded: 0, errors: [] });
    const after = await t.database.db.select().from(orgs).where(eq(orgs.district, 'xiangan'));
    expect(after).toEqual(before);
    expect((await t.database.db.select({ n: count() }).from(orgQualifications))[0].n).toBeGreaterThan(0);
  });

  it('exports only the district officer\'s district', async () => {
    const officer = await t.as('district_officer', { district: 'jimei' });
    const res = await officer.get('/api/orgs/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('单位')!;
    const districts = new Set<unknown>();
    for (let r = 3; r <= units.rowCount; r++) districts.add(units.getCell(r, 5).value);
    expect([...districts]).toEqual(['集美区']);
  });
});

describe('money', () => {
  it('converts yuan to fen from decimal text, without floating point', () => {
    expect(yuanToFen('1234.56')).toEqual({ fen: 123456 });
    expect(yuanToFen('0.1')).toEqual({ fen: 10 });
    expect(yuanToFen(1.15)).toEqual({ fen: 115 });
    expect(yuanToFen(0.1 + 0.2)).toEqual({ fen: 30 });
    expect(yuanToFen('-7')).toEqual({ fen: -700 });
    expect(yuanToFen('90071992547409.91')).toEqual({ fen: 9007199254740991 });
    expect(yuanToFen('1.001')).toEqual({ error: 'too_many_decimals' });
    expect(yuanToFen('1e5')).toEqual({ error: 'not_number' });
  });
});
