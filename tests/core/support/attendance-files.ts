import ExcelJS from 'exceljs';
import { csvText, upload, type Upload } from './files.js';

/**
 * Punch-machine files (打卡机导出) for the import tests, built in memory as the machines and
 * Excel write them: the ZKTeco export, GBK CSV from Chinese Excel, tab-separated text, .xlsx with
 * real date and time cells.
 */

/** The standard ZKTeco attendance-record export's columns (考勤记录). */
export const ZKTECO_HEADER = ['部门', '姓名', '考勤号码', '日期时间', '机器号', '编号', '比对方式', '卡号'];

let serial = 0;
/** A ZKTeco row: department, name, 考勤号码, 日期时间, machine 1, a running record number, fingerprint, no card. */
export function zktecoRow(employeeNo: string, dateTime: string, name = '某人'): string[] {
  return ['运营部', name, employeeNo, dateTime, '1', String(++serial), '指纹', ''];
}

/** A UTF-8 CSV without a byte-order mark (as most machines write it). */
export function plainCsv(rows: string[][], fileName = 'punches.csv'): Upload {
  return upload(fileName, csvText(rows));
}

let gbkTable: Map<string, number[]> | null = null;

/** Character -> GBK bytes, from the platform's own GB18030 decoder over every two-byte code. */
function gbkCodes(): Map<string, number[]> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gb18030');
  gbkTable = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
    }
  }
  return gbkTable;
}

/** Text in GBK, as Chinese Excel saves "CSV (逗号分隔)". */
export function gbkBytes(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkCodes().get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export function gbkCsv(rows: string[][], fileName = 'punches.csv'): Upload {
  return upload(fileName, gbkBytes(csvText(rows)));
}

/** Tab-separated text (.txt / .tsv), CRLF lines. */
export function tsv(rows: string[][], fileName = 'punches.txt'): Upload {
  return upload(fileName, rows.map((r) => r.join('\t')).join('\r\n') + '\r\n');
}

/** A wall time as Excel holds it: a Date whose UTC fields are the time shown. */
export const excelDateTime = (text: string): Date => new Date(`${text.replace(' ', 'T')}Z`);
/** A time-only cell: Excel's day 0 (1899-12-30) at that time. */
export const excelTime = (time: string): Date => new Date(`1899-12-30T${time}Z`);

/** An .xlsx of the rows; `formats` gives a column (1-based) its number format, e.g. { 4: 'yyyy-mm-dd hh:mm:ss' }. */
export async function punchXlsx(rows: (string | number | Date | null)[][], formats: Record<number, string> = {}, fileName = 'punches.xlsx'): Promise<Upload> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('考勤记录');
  rows.forEach((values, i) => {
    const row = sheet.addRow(values);
    if (i === 0) return;
    for (const [column, numFmt] of Object.entries(formats)) row.getCell(Number(column)).numFmt = numFmt;
  });
  return upload(fileName, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The UTC instant of a Shanghai wall time 'YYYY-MM-DD HH:MM:SS' (UTC+8, no daylight saving). */
export function shanghai(wall: string): string {
  return new Date(Date.parse(`${wall.replace(' ', 'T')}+08:00`)).toISOString();
}
