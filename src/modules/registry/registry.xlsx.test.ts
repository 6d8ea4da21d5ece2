// The fast xlsx reader must read what exceljs reads (after plainCell), cell for cell.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../lib/exceljs.ts';
import { plainCell } from './registry.sheet.ts';
import { readXlsxFast, type XlsxCell } from './registry.xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'luchuang-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function viaExceljs(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, [number, unknown[]][]> = {};
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    const rows: [number, unknown[]][] = [];
    ws.eachRow((row, n) => rows.push([n, Array.from((row.values as unknown[]).slice(1), (v) => plainCell(v))]));
    out[ws.name] = rows;
  }
  return out;
}

async function viaFast(path: string) {
  const out: Record<string, [number, unknown[]][]> = {};
  const ok = await readXlsxFast(path, (name) => {
    const rows: [number, unknown[]][] = [];
    return {
      push: (n: number, cells: XlsxCell[]) => {
        const plain = Array.from(cells, (v) => plainCell(v));
        if (plain.some((v) => v !== undefined)) rows.push([n, plain]);
      },
      end: () => { out[name] = rows; },
    };
  });
  expect(ok).toBe(true);
  return out;
}

/** Trailing empty cells do not matter to the importer. */
const trim = (sheets: Record<string, [number, unknown[]][]>) => Object.fromEntries(Object.entries(sheets).map(([k, rows]) => [k, rows.map(([n, cells]) => {
  const c = [...cells];
  while (c.length && c.at(-1) === undefined) c.pop();
  return [n, c];
})]));

describe('the fast xlsx reader', () => {
  it('reads shared and inline strings, rich text, numbers, booleans, errors, formulas, gaps and escapes as exceljs does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.getCell('A1').value = '统一社会信用代码';
    ws.getCell('C1').value = 'a & b < c > "d" \'e\'';
    ws.getCell('A2').value = 12345.678;
    ws.getCell('B2').value = true;
    ws.getCell('C2').value = false;
    ws.getCell('D2').value = { richText: [{ text: '厦门' }, { font: { bold: true }, text: '钨业' }] };
    ws.getCell('E2').value = { formula: '1+1', result: 2 };
    ws.getCell('F2').value = { formula: 'A1', result: '文本结果' };
    ws.getCell('G2').value = { error: '#N/A' };
    ws.getCell('AB2').value = '远列';
    ws.getCell('A5').value = '  留白  ';
    ws.getCell('B5').value = '𠀀😀 emoji';
    ws.getCell('C5').value = -0.5;
    ws.getCell('D5').value = "'=1+2";
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = 'hidden';
    const second = wb.addWorksheet('年度数据');
    for (let r = 1; r <= 300; r++) second.addRow([`9135${r}`, 2020 + (r % 3), r * 1.25, r % 2 === 0, `行${r}`]);
    for (const [name, shared] of [['shared.xlsx', true], ['inline.xlsx', false]] as const) {
      const path = join(dir, name);
      writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: shared } as never)));
      const fast = trim(await viaFast(path));
      expect(fast).toEqual(trim(await viaExceljs(path)));
      expect(Object.keys(fast)).toEqual(['单位', '年度数据']);
      expect(fast['单位'][1][1]).toEqual([12345.678, true, false, '厦门钨业', 2, '文本结果', { error: '#N/A' }, ...Array(20).fill(undefined), '远列']);
    }
    // A streamed workbook (what the export writes): inline strings, workbook.xml last.
    const path = join(dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sw = writer.addWorksheet('资质');
    sw.addRow(['统一社会信用代码', '资质类型', '证书编号']).commit();
    for (let r = 0; r < 2_000; r++) sw.addRow([`91350200MA2XW${String(r).padStart(4, '0')}`, '高新技术企业', r % 7 ? `GR${r}` : null]).commit();
    sw.commit();
    await writer.commit();
    expect(trim(await viaFast(path))).toEqual(trim(await viaExceljs(path)));
  });

  it('declines what it does not read (not a zip) so the caller falls back', async () => {
    const path = join(dir, 'junk.xlsx');
    writeFileSync(path, 'not a zip at all');
    expect(await readXlsxFast(path, () => null)).toBe(false);
  });
});
