import ExcelJS from 'exceljs';

/** Builds an .xlsx in memory, as a user's spreadsheet would be. */
export async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('员工');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads the first sheet of an .xlsx into rows of cell text as Excel shows it: a date cell holds a
 * Date whose UTC fields are the day (and, when its format has one, the time to the minute).
 */
export async function readXlsx(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value;
      if (v instanceof Date) cells.push(/h/.test(cell.numFmt ?? '') ? v.toISOString().slice(0, 16).replace('T', ' ') : v.toISOString().slice(0, 10));
      else cells.push(v === null || v === undefined ? '' : String(v));
    });
    rows.push(cells);
  });
  return rows;
}

/** The first sheet's cells as exceljs reads them (Dates for date cells), with each cell's number format. */
export async function readXlsxCells(file: string): Promise<{ value: unknown; numFmt: string | undefined }[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: { value: unknown; numFmt: string | undefined }[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const cells: { value: unknown; numFmt: string | undefined }[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push({ value: cell.value, numFmt: cell.numFmt }));
    rows.push(cells);
  });
  return rows;
}
