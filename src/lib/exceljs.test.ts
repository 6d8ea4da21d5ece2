import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.ts';

describe('exceljs streaming reader', () => {
  it('keeps Chinese text intact when characters straddle stream chunks', async () => {
    // Long cells of 3-byte characters guarantee that chunk boundaries fall inside characters.
    const text = '思明区湖里区集美区海沧区同安区翔安区企业股份有限公司'.repeat(400);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    for (let i = 0; i < 40; i++) ws.addRow([`${i}${text}`]);
    const file = join(mkdtempSync(join(tmpdir(), 'lc-xlsx-')), 'cjk.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: false } as never)));
    const read: string[] = [];
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache' })) {
      for await (const row of sheet as unknown as AsyncIterable<{ values: unknown[] }>) read.push(String(row.values[1]));
    }
    expect(read).toHaveLength(40);
    expect(read.filter((r, i) => r !== `${i}${text}`)).toEqual([]);
  });
});
