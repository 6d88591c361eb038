import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import type { PunchImportPreview } from '../../shared/api/attendance.js';
import { count, fails, fingerprint, login, ok } from './support/harness.js';
import { exec, rows } from './support/engine.js';
import { upload, type Upload } from './support/files.js';
import { excelDateTime, excelTime, gbkCsv, plainCsv, punchXlsx, shanghai, tsv, ZKTECO_HEADER, zktecoRow } from './support/attendance-files.js';
import { demoWorld } from './support/world.js';

/** The demo department with HR signed in (attendance.manage, department-wide). */
async function hrWorld() {
  const w = await demoWorld();
  return { ...w, hr: await login(w.core, 'hr') };
}

type Punch = { no: string; at: string; source: string; device: string | null; direction: string | null };

async function punches(core: Core): Promise<Punch[]> {
  return rows<Punch>(
    core,
    `SELECT e.employee_no AS "no", p.punched_at AS "at", p.source AS "source", p.device AS "device", p.direction AS "direction"
     FROM att_punches p JOIN org_employees e ON e.id = p.employee_id ORDER BY p.punched_at, e.employee_no`,
  );
}

const problemsOf = (p: PunchImportPreview) => p.problems.map((x) => [x.row, x.problem]);

async function lockMonth(core: Core, month: string): Promise<void> {
  const admin = (await rows<{ id: string }>(core, "SELECT id AS \"id\" FROM users WHERE username = 'admin'"))[0]!.id;
  await exec(core, 'INSERT INTO att_month_locks (month, locked_at, locked_by, snapshot) VALUES (?, ?, ?, ?)', [month, '2026-03-01T00:00:00.000Z', admin, '{"workdays":0,"rows":[]}']);
}

describe('punch import: recognising files', () => {
  it('reads the ZKTeco export without a mapping and stores each punch as the instant of the department wall time', async () => {
    const w = await hrWorld();
    const file = plainCsv([
      ZKTECO_HEADER,
      zktecoRow('YY007', '2026-03-02 08:58:12'),
      zktecoRow('YY007', '2026/3/2 18:05'),
      zktecoRow('YY008', '2026-03-02T08:59:59'),
      zktecoRow('yy009', '20260302 085812'),
      zktecoRow('YY010', '2026年3月2日 9:01:30'),
    ]);
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
    expect(preview).toMatchObject({
      fileName: 'punches.csv',
      headers: ZKTECO_HEADER,
      mapping: { employeeNo: '考勤号码', dateTime: '日期时间', device: '机器号', name: '姓名' },
      fileProblem: null,
      totalRows: 5,
      validCount: 5,
      duplicateCount: 0,
      problems: [],
    });
    expect(preview.sample[0]).toEqual({ row: 2, employeeNo: 'YY007', punchedAt: '2026-03-02T00:58:12.000Z' });
    expect(await count(w.core, 'att_punches')).toBe(0); // a preview writes nothing

    expect(await ok(w.core, w.hr, 'attendance.import.commit', file)).toEqual({ imported: 5, duplicates: 0, rejected: [] });
    expect(await punches(w.core)).toEqual([
      { no: 'YY007', at: '2026-03-02T00:58:12.000Z', source: 'import', device: '1', direction: null },
      { no: 'YY009', at: '2026-03-02T00:58:12.000Z', source: 'import', device: '1', direction: null },
      { no: 'YY008', at: '2026-03-02T00:59:59.000Z', source: 'import', device: '1', direction: null },
      { no: 'YY010', at: '2026-03-02T01:01:30.000Z', source: 'import', device: '1', direction: null },
      { no: 'YY007', at: '2026-03-02T10:05:00.000Z', source: 'import', device: '1', direction: null },
    ]);
  });

  it('reads the usual spellings of a date and time', async () => {
    const w = await hrWorld();
    const cases: [string, string][] = [
      ['2026-03-02 08:58:12', '2026-03-02 08:58:12'],
      ['2026/3/2 8:58', '2026-03-02 08:58:00'],
      ['2026-03-02T08:58:13', '2026-03-02 08:58:13'],
      ['20260302 085814', '2026-03-02 08:58:14'],
      ['20260302085815', '2026-03-02 08:58:15'],
      ['2026.03.02 08:58:16.789', '2026-03-02 08:58:16'],
      ['2026-03-02 星期一 08:58:17', '2026-03-02 08:58:17'],
      ['2026/3/2 6:05 PM', '2026-03-02 18:05:00'],
      ['2026-03-02 下午6:06', '2026-03-02 18:06:00'],
      ['2026年3月2日18时07分', '2026-03-02 18:07:00'],
      ['46083.75', '2026-03-02 18:00:00'], // an Excel serial number that lost its date format
    ];
    const file = tsv([['工号', '打卡时间'], ...cases.map(([text], i) => [`YY${String(i + 1).padStart(3, '0')}`, text])]);
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
    expect(preview.problems).toEqual([]);
    expect(preview.sample.map((s) => s.punchedAt)).toEqual(cases.map(([, wall]) => shanghai(wall)));

    // A text with its own offset is that instant, whatever the department's zone.
    const offset = tsv([['工号', '打卡时间'], ['YY001', '2026-03-02T08:58:12+09:00'], ['YY002', '2026-03-02 00:58:12Z']]);
    expect((await ok(w.core, w.hr, 'attendance.import.preview', offset)).sample.map((s) => s.punchedAt)).toEqual(['2026-03-01T23:58:12.000Z', '2026-03-02T00:58:12.000Z']);
  });

  it('finds the header below a title line and reads date and time from two columns, with the direction', async () => {
    const w = await hrWorld();
    const file = tsv([
      ['考勤记录表 2026年3月'],
      ['工号', '姓名', '日期', '时间', '设备', '进出'],
      ['YY007', '孙浩', '2026-03-02', '08:58:12', '前门', '进'],
      ['YY007', '孙浩', '2026/3/2', '18:01', '前门', '下班'],
      [],
      ['YY008', '周敏', '2026-03-02', '8:59 AM', '后门', 'in'],
      ['YY008', '周敏', '2026-03-02', '06:10 PM', '后门', 'OUT'],
    ]);
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
    expect(preview.mapping).toEqual({ employeeNo: '工号', date: '日期', time: '时间', device: '设备', direction: '进出', name: '姓名' });
    expect(preview.sample.map((s) => s.row)).toEqual([3, 4, 6, 7]); // the title, the header and the blank line keep their numbers
    expect(await ok(w.core, w.hr, 'attendance.import.commit', file)).toEqual({ imported: 4, duplicates: 0, rejected: [] });
    expect(await punches(w.core)).toEqual([
      { no: 'YY007', at: shanghai('2026-03-02 08:58:12'), source: 'import', device: '前门', direction: 'in' },
      { no: 'YY008', at: shanghai('2026-03-02 08:59:00'), source: 'import', device: '后门', direction: 'in' },
      { no: 'YY007', at: shanghai('2026-03-02 18:01:00'), source: 'import', device: '前门', direction: 'out' },
      { no: 'YY008', at: shanghai('2026-03-02 18:10:00'), source: 'import', device: '后门', direction: 'out' },
    ]);
  });

  it('reads a GBK CSV from Chinese Excel, a .tsv and UTF-16 text', async () => {
    const w = await hrWorld();
    const gbk = gbkCsv([ZKTECO_HEADER, zktecoRow('YY007', '2026-03-02 08:58:12', '孙浩'), zktecoRow('YY012', '2026-03-02 09:20:00', '何佳')]);
    expect(Buffer.from(gbk.contentBase64, 'base64').includes(Buffer.from('考勤号码', 'utf8'))).toBe(false); // really GBK
    expect((await ok(w.core, w.hr, 'attendance.import.preview', gbk)).mapping.employeeNo).toBe('考勤号码');
    expect(await ok(w.core, w.hr, 'attendance.import.commit', gbk)).toEqual({ imported: 2, duplicates: 0, rejected: [] });

    const text = tsv([['Employee No', 'Name', 'Date/Time', 'Device', 'Direction'], ['YY013', '许文博', '2026-03-02 08:30:00', 'Gate 1', 'C/In']], 'punches.tsv');
    expect(await ok(w.core, w.hr, 'attendance.import.commit', text)).toEqual({ imported: 1, duplicates: 0, rejected: [] });
    expect((await punches(w.core)).find((p) => p.no === 'YY013')).toEqual({ no: 'YY013', at: shanghai('2026-03-02 08:30:00'), source: 'import', device: 'Gate 1', direction: 'in' });

    // Excel's "Unicode text" (.txt): UTF-16 with a byte-order mark, tab-separated.
    const utf16 = upload('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('工号\t考勤时间\r\nYY014\t2026-03-02 08:31:00\r\n', 'utf16le')]));
    expect(await ok(w.core, w.hr, 'attendance.import.commit', utf16)).toEqual({ imported: 1, duplicates: 0, rejected: [] });
  });

  it('reads .xlsx date-time cells, and date cells with time-only cells, by their wall time', async () => {
    const w = await hrWorld();
    const oneColumn = await punchXlsx(
      [ZKTECO_HEADER, ['运营部', '孙浩', 'YY007', excelDateTime('2026-03-02 08:58:12'), 1, 1, '指纹', null], ['运营部', '周敏', 'YY008', excelDateTime('2026-03-02 00:00:00'), 1, 2, '指纹', null]],
      { 4: 'yyyy-mm-dd hh:mm:ss' },
    );
    expect(await ok(w.core, w.hr, 'attendance.import.commit', oneColumn)).toEqual({ imported: 2, duplicates: 0, rejected: [] });

    const twoColumns = await punchXlsx([['人员编号', '日期', '时间'], ['YY009', excelDateTime('2026-03-02 00:00:00'), excelTime('18:30:45')], [1001, '2026-03-02', '18:31']], { 2: 'yyyy/m/d', 3: 'hh:mm:ss' });
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', twoColumns);
    expect(problemsOf(preview)).toEqual([[3, 'unknownEmployee']]); // a number cell is compared as its text ('1001')
    expect(await ok(w.core, w.hr, 'attendance.import.commit', twoColumns)).toEqual({ imported: 1, duplicates: 0, rejected: [{ row: 3, problem: 'unknownEmployee' }] });
    expect((await punches(w.core)).map((p) => [p.no, p.at])).toEqual([
      ['YY008', shanghai('2026-03-02 00:00:00')],
      ['YY007', shanghai('2026-03-02 08:58:12')],
      ['YY009', shanghai('2026-03-02 18:30:45')],
    ]);
  });

  it('follows the department time zone, not the computer\'s', async () => {
    const w = await hrWorld();
    await ok(w.core, w.hr, 'attendance.settings.update', { timeZone: 'Europe/Berlin' });
    const file = plainCsv([
      ZKTECO_HEADER,
      zktecoRow('YY007', '2026-03-02 08:58:12'),
      zktecoRow('YY007', '2026-07-01 08:58:12'),
      // 29 March: clocks go from 02:00 CET to 03:00 CEST that night.
      zktecoRow('YY008', '2026-03-29 01:30:05'),
      zktecoRow('YY008', '2026-03-29 03:30:05'),
    ]);
    await ok(w.core, w.hr, 'attendance.import.commit', file);
    expect((await punches(w.core)).map((p) => p.at)).toEqual(['2026-03-02T07:58:12.000Z', '2026-03-29T00:30:05.000Z', '2026-03-29T01:30:05.000Z', '2026-07-01T06:58:12.000Z']);
  });
});

describe('punch import: problems', () => {
  it('gives each bad row its problem and its spreadsheet row number, and imports the rest', async () => {
    const w = await hrWorld();
    await ok(w.core, w.hr, 'attendance.import.commit', plainCsv([ZKTECO_HEADER, zktecoRow('YY011', '2026-03-03 09:00:00')]));
    await lockMonth(w.core, '2026-02');
    const file = plainCsv([
      ZKTECO_HEADER,
      zktecoRow('YY007', '2026-03-03 08:58:00'), // 2 ok
      zktecoRow('', '2026-03-03 08:58:00'), // 3
      zktecoRow('ZZ999', '2026-03-03 08:58:00'), // 4
      zktecoRow('YY008', '2026-02-30 08:58:00'), // 5: no such day
      zktecoRow('YY008', 'yesterday'), // 6
      zktecoRow('YY008', '2026-03-03'), // 7: no time
      zktecoRow('yy007', '2026-03-03 08:58'), // 8: row 2 again (case-insensitive number)
      zktecoRow('YY011', '2026-03-03 09:00:00'), // 9: already stored
      zktecoRow('YY009', '2026-02-27 09:00:00'), // 10: February is locked
      zktecoRow('YY009', '2026-03-01 02:30:00'), // 11: before the 04:00 day boundary: 28 February
      zktecoRow('YY009', '2026-03-01 05:00:00'), // 12: 1 March, open
      zktecoRow('YY010', '03/03/2026 08:58'), // 13: day or month first? refused, not guessed
    ]);
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
    expect(problemsOf(preview)).toEqual([
      [3, 'missingEmployeeNo'],
      [4, 'unknownEmployee'],
      [5, 'badTime'],
      [6, 'badTime'],
      [7, 'badTime'],
      [8, 'duplicateInFile'],
      [9, 'duplicateExisting'],
      [10, 'monthLocked'],
      [11, 'monthLocked'],
      [13, 'badTime'],
    ]);
    expect(preview.problems.find((p) => p.row === 5)).toEqual({ row: 5, problem: 'badTime', employeeNo: 'YY008', value: '2026-02-30 08:58:00' });
    expect([preview.totalRows, preview.validCount, preview.duplicateCount]).toEqual([12, 2, 2]);

    const result = await ok(w.core, w.hr, 'attendance.import.commit', file);
    expect(result).toEqual({
      imported: 2,
      duplicates: 2,
      rejected: [3, 4, 5, 6, 7, 10, 11, 13].map((row) => ({ row, problem: preview.problems.find((p) => p.row === row)!.problem })),
    });
    expect((await punches(w.core)).map((p) => [p.no, p.at])).toEqual([
      ['YY009', shanghai('2026-03-01 05:00:00')],
      ['YY007', shanghai('2026-03-03 08:58:00')],
      ['YY011', shanghai('2026-03-03 09:00:00')],
    ]);
  });

  it('says why a whole file cannot be read, and refuses to commit it', async () => {
    const w = await hrWorld();
    const workbook = Buffer.from((await punchXlsx([ZKTECO_HEADER, zktecoRow('YY007', '2026-03-02 08:58:12')])).contentBase64, 'base64');
    const cases: [Upload, PunchImportPreview['fileProblem']][] = [
      [upload('punches.xlsx', 'not a workbook'), 'unreadable'],
      [upload('cut-short.xlsx', workbook.subarray(0, workbook.length - 300)), 'unreadable'], // an upload cut short
      [upload('punches.xls', 'old binary excel'), 'unreadable'],
      [plainCsv([ZKTECO_HEADER]), 'empty'],
      [plainCsv([]), 'empty'],
      [plainCsv([['人员', '刷卡'], ['YY007', '2026-03-02 08:58']]), 'unmapped'],
    ];
    for (const [file, problem] of cases) {
      const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
      expect(preview.fileProblem, file.fileName).toBe(problem);
      const before = await fingerprint(w.core);
      expect(await fails(w.core, w.hr, 'attendance.import.commit', file)).toEqual({
        code: 'VALIDATION',
        message: 'error.importFileInvalid',
        fields: { file: `validation.punchFile.${problem}` },
      });
      expect(await fingerprint(w.core)).toBe(before);
    }
  });

  it('is for HR and the manager only', async () => {
    const w = await hrWorld();
    const staff = await login(w.core, 'staff1');
    const file = plainCsv([ZKTECO_HEADER, zktecoRow('YY007', '2026-03-02 08:58:12')]);
    expect((await fails(w.core, staff, 'attendance.import.commit', file)).code).toBe('FORBIDDEN');
    expect((await fails(w.core, await login(w.core, 'lead1'), 'attendance.import.preview', file)).code).toBe('FORBIDDEN');
    expect(await ok(w.core, await login(w.core, 'manager'), 'attendance.import.commit', file)).toEqual({ imported: 1, duplicates: 0, rejected: [] });
  });
});

describe('punch import: writing', () => {
  /** 25 people × 48 punches: more rows than one batch, duplicates across batch boundaries. */
  function bigFile(): Upload {
    const lines = [ZKTECO_HEADER];
    for (let day = 2; day <= 25; day++) {
      for (let n = 1; n <= 25; n++) {
        const no = `YY${String(n).padStart(3, '0')}`;
        const d = `2026-03-${String(day).padStart(2, '0')}`;
        lines.push(zktecoRow(no, `${d} 08:${String(30 + (n % 29)).padStart(2, '0')}:${String(n).padStart(2, '0')}`), zktecoRow(no, `${d} 18:0${n % 10}:00`));
      }
    }
    lines.push(lines[1]!, lines[700]!); // the same punches again at the end
    return plainCsv(lines, 'march.csv');
  }

  it('imports a file of many batches once: re-importing it adds nothing', async () => {
    const w = await hrWorld();
    const file = bigFile();
    const first = await ok(w.core, w.hr, 'attendance.import.commit', file);
    expect(first).toEqual({ imported: 1200, duplicates: 2, rejected: [] });
    expect(await count(w.core, 'att_punches', "source = 'import'")).toBe(1200);

    const again = await ok(w.core, w.hr, 'attendance.import.commit', file);
    expect(again).toEqual({ imported: 0, duplicates: 1202, rejected: [] });
    expect(await count(w.core, 'att_punches')).toBe(1200);
    const preview = await ok(w.core, w.hr, 'attendance.import.preview', file);
    expect([preview.validCount, preview.duplicateCount, preview.problems.length]).toEqual([0, 1202, 500]);
  });

  it('answers a dry run as the import would, and writes nothing', async () => {
    const w = await hrWorld();
    await ok(w.core, w.hr, 'attendance.import.commit', plainCsv([ZKTECO_HEADER, zktecoRow('YY011', '2026-03-03 09:00:00')]));
    const file = plainCsv([ZKTECO_HEADER, zktecoRow('YY007', '2026-03-03 08:58'), zktecoRow('ZZ1', '2026-03-03 08:58'), zktecoRow('YY011', '2026-03-03 09:00:00')]);
    const before = await fingerprint(w.core);
    const dry = await ok(w.core, w.hr, 'attendance.import.commit', { ...file, dryRun: true });
    expect(await fingerprint(w.core)).toBe(before);
    expect(dry).toEqual({ imported: 1, duplicates: 1, rejected: [{ row: 3, problem: 'unknownEmployee' }] });
    expect(await ok(w.core, w.hr, 'attendance.import.commit', file)).toEqual(dry);
  });

  it('writes one audit row per import with the counts', async () => {
    const w = await hrWorld();
    const file = plainCsv([ZKTECO_HEADER, zktecoRow('YY007', '2026-03-03 08:58'), zktecoRow('ZZ1', '2026-03-03 08:58')], '三月考勤.csv');
    await ok(w.core, w.hr, 'attendance.import.commit', file);
    await ok(w.core, w.hr, 'attendance.import.commit', file);
    const audit = await rows<{ after: string }>(w.core, "SELECT after_json AS \"after\" FROM audit_log WHERE entity = 'punch' AND action = 'import' ORDER BY seq");
    expect(audit.map((a) => JSON.parse(a.after))).toEqual([
      { fileName: '三月考勤.csv', imported: 1, duplicates: 0, rejected: 1 },
      { fileName: '三月考勤.csv', imported: 0, duplicates: 1, rejected: 1 },
    ]);
  });
});

describe('punch import: mappings and presets', () => {
  const odd = () =>
    plainCsv([
      ['人员', '刷卡', '终端名'],
      ['YY007', '2026-03-02 08:58:12', 'A1'],
      ['YY008', '2026-03-02 09:02:00', 'A2'],
    ]);
  const mapping = { employeeNo: '人员', dateTime: '刷卡', device: '终端名' };

  it('reads another layout with the mapping given, saves it as a preset, and applies the preset when its headers are there', async () => {
    const w = await hrWorld();
    expect((await ok(w.core, w.hr, 'attendance.import.preview', odd())).fileProblem).toBe('unmapped');
    const mapped = await ok(w.core, w.hr, 'attendance.import.preview', { ...odd(), mapping });
    expect([mapped.fileProblem, mapped.validCount, mapped.mapping]).toEqual([null, 2, mapping]);

    const presets = await ok(w.core, w.hr, 'attendance.import.savePreset', { name: '旧考勤机', mapping });
    expect(presets).toEqual([{ name: '旧考勤机', mapping }]);
    expect(await ok(w.core, w.hr, 'attendance.import.presets', {})).toEqual(presets);
    const auto = await ok(w.core, w.hr, 'attendance.import.preview', odd());
    expect([auto.fileProblem, auto.mapping]).toEqual([null, mapping]);
    expect(await ok(w.core, w.hr, 'attendance.import.commit', odd())).toEqual({ imported: 2, duplicates: 0, rejected: [] });
    expect((await punches(w.core)).map((p) => p.device)).toEqual(['A1', 'A2']);

    // A file lacking one of the preset's headers is not read with it.
    const partial = plainCsv([['人员', '刷卡'], ['YY007', '2026-03-02 08:58:12']]);
    expect((await ok(w.core, w.hr, 'attendance.import.preview', partial)).fileProblem).toBe('unmapped');
  });

  it('replaces a preset of the same name and refuses a mapping without employee number and time', async () => {
    const w = await hrWorld();
    await ok(w.core, w.hr, 'attendance.import.savePreset', { name: 'A', mapping });
    const replaced = await ok(w.core, w.hr, 'attendance.import.savePreset', { name: 'A', mapping: { employeeNo: '人员', date: '日', time: '时' } });
    expect(replaced).toEqual([{ name: 'A', mapping: { employeeNo: '人员', date: '日', time: '时' } }]);
    const before = await fingerprint(w.core);
    expect(await fails(w.core, w.hr, 'attendance.import.savePreset', { name: 'B', mapping: { employeeNo: '人员', date: '日' } })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { mapping: 'validation.punchMappingIncomplete' },
    });
    expect(await fingerprint(w.core)).toBe(before);
    // A mapping naming headers the file lacks: nothing to import.
    expect((await ok(w.core, w.hr, 'attendance.import.preview', { ...odd(), mapping: { employeeNo: '工号', dateTime: '刷卡' } })).fileProblem).toBe('unmapped');
  });
});
