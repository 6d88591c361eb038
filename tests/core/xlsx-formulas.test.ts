import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ok } from './support/harness.js';
import { demoWorld } from './support/world.js';

/**
 * Issue 6 item 6, the .xlsx side: list exports write typed cells. exceljs stores a JavaScript
 * string as a shared-string cell (t="s"), which Excel shows as text and never evaluates; only a
 * { formula } value would become a formula cell. So a name like =HYPERLINK(...) needs no
 * apostrophe there (and gets none: the text stays exactly as stored).
 */
describe('list exports (.xlsx) and formula-looking text', () => {
  it('writes =HYPERLINK(...) as a text cell, not a formula', async () => {
    const w = await demoWorld();
    const name = '=HYPERLINK("http://x","y")';
    await ok(w.core, w.admin, 'org.groups.create', { name, description: '+1 -1 @x', leadEmployeeId: null });
    const file = await ok(w.core, w.admin, 'exports.list', { list: 'org.groups.list' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const cell = cells.find((c) => c.value === name);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });
});
