import ExcelJS from 'exceljs';

/** Upload payloads (imports, attachments) built in memory. */

export interface Upload {
  fileName: string;
  contentBase64: string;
}

export function upload(fileName: string, bytes: Uint8Array | string): Upload {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return { fileName, contentBase64: buffer.toString('base64') };
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV text, rows joined with CRLF as Excel writes them. */
export function csvText(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A UTF-8 CSV with the byte-order mark Excel puts in front of "CSV UTF-8" files. */
export function csvUpload(rows: string[][], fileName = 'employees.csv'): Upload {
  return upload(fileName, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows), 'utf8')]));
}

/** An .xlsx whose first sheet holds `rows` (cells may be strings, numbers or dates). */
export async function xlsxBytes(rows: (string | number | Date | null)[][], sheetName = '员工'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function xlsxUpload(rows: (string | number | Date | null)[][], fileName = 'employees.xlsx'): Promise<Upload> {
  return upload(fileName, await xlsxBytes(rows));
}

/**
 * A cell as a user sees it. A date cell holds a Date whose UTC fields are what Excel shows
 * (it has no time zone): the day, and the time to the minute when the cell's format has one.
 */
export function cellText(value: unknown, withTime: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return withTime ? value.toISOString().slice(0, 16).replace('T', ' ') : value.toISOString().slice(0, 10);
  return String(value);
}

/** The first sheet of an .xlsx as cell texts (what a user would see), header row included. */
export async function readXlsxRows(contentBase64: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      cells.push(cellText(cell.value, /h/.test(cell.numFmt ?? '')));
    }
    out.push(cells);
  });
  return out;
}

/** The import header in Chinese, as the export writes it. */
export const IMPORT_HEADER = ['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期'];
