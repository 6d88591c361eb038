import type { PunchField } from '../../../../shared/api/attendance.js';
import type { PunchDirection } from '../../../../shared/domain/attendance/types.js';
import { instantAt, localDateTime } from '../../../../shared/domain/attendance/time.js';
import { instantCache, punchWallTime } from './punch-time.js';

/**
 * A punch machine's file (打卡机导出), from its table of cells to punch rows: which row is the
 * header, which column is what (recognised by the usual headers, from a saved preset, or as the
 * user mapped them), and each row's employee number, instant, device and direction. Pure: it runs
 * in the worker (kernel/jobs/tasks.ts readPunchFile) for the whole file, so the thread that
 * answers the UI only sees the result.
 */

export type PunchMapping = Partial<Record<PunchField, string>>;
export type PunchFileProblem = 'empty' | 'unmapped' | 'tooManyRows';
/** The row problems the file alone shows; the database's (unknown employee, locked month, stored duplicate) come later. */
export type FileRowProblem = 'missingEmployeeNo' | 'badTime' | 'duplicateInFile';

/** One import at most: ten years of a 20-person machine, and well above the 100,000 rows of the target. */
export const MAX_PUNCH_ROWS = 200_000;
/** The header may sit below a title line or two ("考勤记录表 2026年3月"). */
const HEADER_SEARCH_ROWS = 10;

/**
 * The usual headers of each field, compared without case, blanks and punctuation. The ZKTeco
 * export (部门, 姓名, 考勤号码, 日期时间, 机器号, 编号, 比对方式, 卡号; English: Department, Name,
 * No., Date/Time, Location ID, ID Number, VerifyCode, CardNo) is covered: its 编号 / ID Number is
 * a record number, not the employee's, so it is not in the list.
 */
const HEADER_WORDS: Record<PunchField, readonly string[]> = {
  employeeNo: ['工号', '考勤号码', '考勤号', '人员编号', '员工编号', '员工工号', '员工号', '职员编号', '用户编号', '登记号码', 'employeeno', 'employeeid', 'employeenumber', 'empno', 'staffno', 'staffid', 'acno', 'no', 'userid', 'personid'],
  dateTime: ['日期时间', '打卡时间', '考勤时间', '签到时间', '刷卡时间', '打卡日期时间', '记录时间', '时间日期', 'datetime', 'punchtime', 'checktime', 'clocktime', 'timestamp', 'attendancetime'],
  date: ['日期', '打卡日期', '考勤日期', '签到日期', '刷卡日期', 'date', 'punchdate'],
  time: ['时间', '打卡时刻', 'time'],
  device: ['机器号', '设备', '设备名称', '设备号', '设备编号', '考勤机', '机器', '终端', 'device', 'devicename', 'deviceid', 'machine', 'machineno', 'terminal', 'locationid', 'sensorid'],
  direction: ['方向', '状态', '进出', '进出方向', '出入', '出入方向', '考勤状态', '打卡类型', '签到类型', 'direction', 'state', 'status', 'inout', 'checktype'],
  name: ['姓名', '员工姓名', '人员姓名', 'name', 'employeename'],
};
const FIELDS = Object.keys(HEADER_WORDS) as PunchField[];

export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-./:：()（）#№]/g, '');
}

const WORD_FIELD = new Map<string, PunchField>(FIELDS.flatMap((f) => HEADER_WORDS[f].map((w) => [w, f] as const)));

/** The fields a header row's cells are, by the usual headers; the first column wins a field. */
export function recogniseHeaders(headers: readonly string[]): PunchMapping {
  const mapping: PunchMapping = {};
  for (const header of headers) {
    const field = WORD_FIELD.get(normaliseHeader(header));
    if (field && !mapping[field]) mapping[field] = header;
  }
  // A lone 时间 / Time column holds the whole date-time (ZKTeco's "AC-No., Name, Time, State").
  if (mapping.time && !mapping.date && !mapping.dateTime) {
    mapping.dateTime = mapping.time;
    delete mapping.time;
  }
  return mapping;
}

/** A mapping can import when it names the employee number and the time (one column, or date and time). */
export function isCompleteMapping(mapping: PunchMapping): boolean {
  return Boolean(mapping.employeeNo && (mapping.dateTime || (mapping.date && mapping.time)));
}

/** The mapping's headers found in a header row (compared trimmed, without case): column indexes, or null when one is missing. */
function columnsOf(mapping: PunchMapping, headers: readonly string[]): Partial<Record<PunchField, number>> | null {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (key && !index.has(key)) index.set(key, i);
  });
  const columns: Partial<Record<PunchField, number>> = {};
  for (const field of FIELDS) {
    const header = mapping[field];
    if (!header) continue;
    const at = index.get(header.trim().toLowerCase());
    if (at === undefined) return null;
    columns[field] = at;
  }
  return columns;
}

export interface PunchFileOptions {
  /** The department's: the file's wall times are in it. */
  timeZone: string;
  /** The caller's mapping; none: recognition, then the presets (one applies when its headers are all there). */
  mapping: PunchMapping | null;
  presets: readonly { name: string; mapping: PunchMapping }[];
}

interface HeaderChoice {
  rowIndex: number;
  headers: string[];
  mapping: PunchMapping;
  columns: Partial<Record<PunchField, number>>;
}

/** The header row and mapping: the caller's, else recognised, else the first preset that fits a row near the top. */
export function chooseHeader(table: readonly string[][], options: Pick<PunchFileOptions, 'mapping' | 'presets'>): HeaderChoice | { headers: string[] } {
  const candidates: { rowIndex: number; headers: string[] }[] = [];
  for (let rowIndex = 0; rowIndex < table.length && candidates.length < HEADER_SEARCH_ROWS; rowIndex++) {
    if (table[rowIndex]!.length > 0) candidates.push({ rowIndex, headers: table[rowIndex]! });
  }
  const fit = (mapping: PunchMapping): HeaderChoice | null => {
    if (!isCompleteMapping(mapping)) return null;
    for (const c of candidates) {
      const columns = columnsOf(mapping, c.headers);
      if (columns) return { ...c, mapping: pickHeaders(mapping, c.headers, columns), columns };
    }
    return null;
  };
  const first = { headers: candidates[0]?.headers ?? [] };
  if (options.mapping) return fit(options.mapping) ?? first;
  for (const c of candidates) {
    const mapping = recogniseHeaders(c.headers);
    const columns = isCompleteMapping(mapping) ? columnsOf(mapping, c.headers) : null;
    if (columns) return { ...c, mapping, columns };
  }
  for (const preset of options.presets) {
    const chosen = fit(preset.mapping);
    if (chosen) return chosen;
  }
  return first;
}

/** The mapping with the headers as the file spells them. */
function pickHeaders(mapping: PunchMapping, headers: readonly string[], columns: Partial<Record<PunchField, number>>): PunchMapping {
  const out: PunchMapping = {};
  for (const field of FIELDS) if (mapping[field] && columns[field] !== undefined) out[field] = headers[columns[field]]!;
  return out;
}

const IN_WORDS = new Set(['in', 'i', 'cin', 'checkin', 'clockin', 'signin', 'entry', 'enter', '进', '入', '进入', '进门', '上班', '签到', '上班签到', '加班签到', '外出返回', '返回', '0']);
const OUT_WORDS = new Set(['out', 'o', 'cout', 'checkout', 'clockout', 'signout', 'exit', 'leave', '出', '离开', '出门', '下班', '签退', '下班签退', '加班签退', '外出', '1']);

/** 进/出, in/out, 上班/下班, 签到/签退, ZKTeco's C/In and C/Out (and its status codes 0/1); anything else: not given. */
export function parseDirection(text: string): PunchDirection | null {
  const key = normaliseHeader(text);
  if (!key) return null;
  if (IN_WORDS.has(key)) return 'in';
  if (OUT_WORDS.has(key)) return 'out';
  return null;
}

/** A data row as the rest of the import needs it. */
export interface PunchLine {
  /** The spreadsheet row number the user sees (header row 1 when it is the first). */
  row: number;
  problem: FileRowProblem | null;
  employeeNo: string;
  /** 'YYYY-MM-DDTHH:MM:SS.000Z'; null with badTime. */
  punchedAt: string | null;
  /** The department-local date and time it was read as ('' with badTime): the day and month it belongs to. */
  date: string;
  time: string;
  device: string | null;
  direction: PunchDirection | null;
  /** The time as the file has it, for the problem list. */
  value: string;
}

export interface PunchFileRead {
  headers: string[];
  mapping: PunchMapping;
  fileProblem: PunchFileProblem | null;
  totalRows: number;
  /** The rows, packed (packLines): a few long strings cross the worker boundary in a moment, 100,000 objects would hold the UI thread. */
  chunks: string[];
}

const LINES_PER_CHUNK = 5000;
const FIELD_SEP = '\u001f';
const LINE_SEP = '\u001e';
const clean = (text: string, max: number) => text.replaceAll(FIELD_SEP, ' ').replaceAll(LINE_SEP, ' ').slice(0, max);

/** Reads a punch file's table into punch rows (see the file comment). */
export function readPunchRows(table: readonly string[][], options: PunchFileOptions): PunchFileRead {
  const choice = chooseHeader(table, options);
  if (!('columns' in choice)) {
    const empty = table.every((r) => r.length === 0);
    return { headers: choice.headers, mapping: {}, fileProblem: empty ? 'empty' : 'unmapped', totalRows: 0, chunks: [] };
  }
  const { headers, mapping, columns, rowIndex } = choice;
  const base = { headers, mapping, totalRows: 0, chunks: [] as string[] };
  let filled = 0;
  for (let i = rowIndex + 1; i < table.length; i++) if (table[i]!.length > 0) filled++;
  if (filled === 0) return { ...base, fileProblem: 'empty' };
  if (filled > MAX_PUNCH_ROWS) return { ...base, fileProblem: 'tooManyRows' };

  const toInstant = instantCache((date, time) => instantAt(date, time, options.timeZone));
  const cell = (cells: readonly string[], field: PunchField): string | null => (columns[field] === undefined ? null : (cells[columns[field]] ?? '').trim());
  const seen = new Set<string>();
  const lines: PunchLine[] = [];
  const chunks: string[] = [];
  let totalRows = 0;
  for (let i = rowIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.length === 0) continue;
    totalRows++;
    const line = readLine(i + 1, cells, cell, toInstant, options.timeZone);
    if (!line.problem) {
      // The same person at the same second twice in one file: the first row counts.
      const key = `${line.employeeNo.toLowerCase()}\u0000${line.punchedAt}`;
      if (seen.has(key)) line.problem = 'duplicateInFile';
      else seen.add(key);
    }
    lines.push(line);
    if (lines.length === LINES_PER_CHUNK) chunks.push(packLines(lines.splice(0)));
  }
  if (lines.length) chunks.push(packLines(lines));
  return { ...base, totalRows, chunks, fileProblem: null };
}

function readLine(
  row: number,
  cells: readonly string[],
  cell: (cells: readonly string[], field: PunchField) => string | null,
  toInstant: (date: string, time: string) => string,
  timeZone: string,
): PunchLine {
  const employeeNo = cell(cells, 'employeeNo') ?? '';
  const dateTime = cell(cells, 'dateTime');
  const value = dateTime ?? [cell(cells, 'date'), cell(cells, 'time')].filter(Boolean).join(' ');
  const wall = punchWallTime(dateTime, cell(cells, 'date'), cell(cells, 'time'));
  const device = cell(cells, 'device') || null;
  const line: PunchLine = {
    row,
    problem: null,
    employeeNo,
    punchedAt: null,
    date: '',
    time: '',
    device: device ? device.slice(0, 100) : null,
    direction: parseDirection(cell(cells, 'direction') ?? ''),
    value,
  };
  if (!employeeNo) line.problem = 'missingEmployeeNo';
  if (!wall.date || !wall.time) {
    line.problem ??= 'badTime';
    return line;
  }
  // A text with its own offset is that instant; otherwise the wall time is the department's.
  line.punchedAt = wall.instant ? `${wall.instant.slice(0, 19)}.000Z` : toInstant(wall.date, wall.time);
  const local = wall.instant ? localDateTime(wall.instant, timeZone) : { date: wall.date, time: wall.time };
  line.date = local.date;
  line.time = local.time;
  return line;
}

export function packLines(lines: readonly PunchLine[]): string {
  return lines
    .map((l) =>
      [l.row, l.problem ?? '', clean(l.employeeNo, 200), l.punchedAt ?? '', l.date, l.time, l.device === null ? '' : clean(l.device, 100), l.direction ?? '', clean(l.value, 200)].join(FIELD_SEP),
    )
    .join(LINE_SEP);
}

export function unpackLines(chunk: string): PunchLine[] {
  if (!chunk) return [];
  return chunk.split(LINE_SEP).map((text) => {
    const [row, problem, employeeNo, punchedAt, date, time, device, direction, value] = text.split(FIELD_SEP) as string[];
    return {
      row: Number(row),
      problem: (problem || null) as FileRowProblem | null,
      employeeNo: employeeNo!,
      punchedAt: punchedAt || null,
      date: date!,
      time: time!,
      device: device || null,
      direction: (direction || null) as PunchDirection | null,
      value: value ?? '',
    };
  });
}
