import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { csvField, exportAll, ExportAllError } from '../../electron/core/maintenance/export-all.js';
import { count, ok, tempDir } from './support/harness.js';
import { demoWorld, newApproval } from './support/world.js';

const TRICKY = '逗号, "引号" 和\r\n换行\n以及 emoji 🙂';

function tables(core: Core): string[] {
  return (core.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function readCsv(file: string): { text: string; rows: string[][] } {
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
  const text = bytes.toString('utf8');
  return { text, rows: parse(text, { bom: true, relax_column_count: false }) as string[][] };
}

/** What the CSV should hold for a table: its rows as text, NULL as ''. */
function dbRows(core: Core, table: string, columns: string[]): string[][] {
  const select = columns.map((c) => `"${c}"`).join(', ');
  const rows = core.db.raw.prepare(`SELECT ${select} FROM "${table}" ORDER BY rowid`).raw(true).all() as unknown[][];
  return rows.map((r) => r.map((v) => (v === null ? '' : String(v))));
}

async function richWorld() {
  const w = await demoWorld();
  await ok(w.core, w.admin, 'reminders.create', { title: TRICKY, note: '备注：第一行\n第二行', dueAt: '2026-03-03T01:00:00.000Z' });
  await ok(w.core, w.admin, 'org.groups.create', { name: '空说明组', description: '', leadEmployeeId: null });
  await ok(w.core, w.admin, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: TRICKY });
  await newApproval(w, 'lead1');
  return w;
}

describe('export-all', () => {
  it('writes every table to a CSV with the same rows, quoting commas, quotes, newlines and Chinese so they read back', async () => {
    const w = await richWorld();
    const out = path.join(tempDir(), 'export');
    const report = await exportAll(w.core, out);
    expect(report.tables.map((t) => t.name)).toEqual(tables(w.core));
    expect(fs.readdirSync(out).sort()).toEqual(['README.md', ...tables(w.core).map((t) => `${t}.csv`)].sort());
    for (const table of tables(w.core)) {
      const { rows } = readCsv(path.join(out, `${table}.csv`));
      const [header, ...data] = rows;
      expect(data.length, table).toBe(await count(w.core, table));
      expect(report.tables.find((t) => t.name === table)!.rows).toBe(data.length);
      expect(data, table).toEqual(dbRows(w.core, table, header!));
    }
    let total = 0;
    for (const t of tables(w.core)) total += await count(w.core, t);
    expect(report.totalRows).toBe(total);

    const reminders = readCsv(path.join(out, 'reminders.csv'));
    expect(reminders.rows.flat()).toContain(TRICKY);
    expect(reminders.text).toContain(`"逗号, ""引号"" 和\r\n换行\n以及 emoji 🙂"`);
    expect(reminders.text.split('\r\n')[0]).toBe('\uFEFFid,title,note,due_at,done_at,assignee_id,created_by,entity,record_id,created_at');
  });

  it('keeps NULL and empty text apart, and leaves password hashes in the database', async () => {
    const w = await richWorld();
    const out = path.join(tempDir(), 'export');
    const report = await exportAll(w.core, out);
    const groups = readCsv(path.join(out, 'org_groups.csv')).text.split('\r\n');
    const emptyGroup = groups.find((line) => line.includes('空说明组'))!;
    expect(emptyGroup).toMatch(/,空说明组,"",,\d+,,20/); // description '' -> "", lead and archived_at NULL -> empty
    const users = readCsv(path.join(out, 'users.csv'));
    expect(users.rows[0]).not.toContain('password_hash');
    expect(users.text).not.toMatch(/scrypt|\$[0-9a-f]{16}/i);
    expect(report.tables.find((t) => t.name === 'users')!.omittedColumns).toEqual(['password_hash']);
  });

  it('describes every table and column in README.md, with the conventions', async () => {
    const w = await richWorld();
    const out = path.join(tempDir(), 'export');
    await exportAll(w.core, out);
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    for (const table of tables(w.core)) {
      expect(readme, table).toContain(`### ${table}`);
      const section = readme.split(`### ${table}\n`)[1]!.split('\n### ')[0]!;
      const columns = w.core.db.raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number }[];
      for (const c of columns) {
        const line = section.split('\n').find((l) => l.startsWith(`| ${c.name} `) || l.startsWith(`| ${c.name} (PK)`));
        expect(line, `${table}.${c.name}`).toBeDefined();
        expect(line).toContain(`| ${c.type} | ${c.notnull ? 'no' : 'yes'} |`);
      }
    }
    for (const convention of ['UUIDv7', 'ISO-8601 UTC', 'YYYY-MM-DD', 'integer fen', '0 (no) and 1 (yes)', 'byte-order mark', 'RFC 4180']) expect(readme).toContain(convention);
    expect(readme).toMatch(/\| id \(PK\) \| varchar\(36\) \| no \| UUIDv7, primary key \|/);
    expect(readme).toMatch(/\| manager_id \| varchar\(36\) \| yes \| 直属上级 direct manager; → org_employees\.id \|/);
    expect(readme).toMatch(/\| hire_date \| varchar\(10\) \| no \| date YYYY-MM-DD \|/);
    expect(readme).toMatch(/\| disabled \| INTEGER \| no \| boolean 0\/1 \|/);
    expect(readme).toMatch(/\| password_hash \| varchar \| no \| .*NOT EXPORTED/);
  });

  it('refuses a non-empty folder unless forced, and a file in place of the folder', async () => {
    const w = await demoWorld();
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    await expect(exportAll(w.core, out)).rejects.toThrow(ExportAllError);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    const report = await exportAll(w.core, out, { force: true });
    expect(fs.readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(out, 'users.csv'))).toBe(true);
    expect(fs.readdirSync(out).some((f) => f.endsWith('.part'))).toBe(false);
    expect(report.tables.length).toBeGreaterThan(10);
    await expect(exportAll(w.core, path.join(out, 'keep.txt'))).rejects.toMatchObject({ reason: 'notADirectory' });
  });

  it('is one snapshot: a write queued during the export lands after it', async () => {
    const w = await demoWorld();
    const before = await count(w.core, 'reminders');
    const out = path.join(tempDir(), 'export');
    const exporting = exportAll(w.core, out);
    const writing = ok(w.core, w.admin, 'reminders.create', { title: '导出期间的写入', dueAt: '2026-03-03T01:00:00.000Z' });
    await Promise.all([exporting, writing]);
    expect(readCsv(path.join(out, 'reminders.csv')).rows.length - 1).toBe(before);
    expect(await count(w.core, 'reminders')).toBe(before + 1);
  });

  it('streams a large table (300,000 rows) in chunks', async () => {
    const w = await demoWorld();
    const raw = w.core.db.raw;
    const insert = raw.prepare('INSERT INTO timeline_entries (id, entity, record_id, kind, author_id, at, body) VALUES (?, ?, ?, ?, NULL, ?, ?)');
    raw.transaction(() => {
      for (let i = 0; i < 300_000; i++) insert.run(`00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, 'employee', w.employeeId, 'comment', '2026-03-01T00:00:00.000Z', `第 ${i} 条, "备注"`);
    })();
    const out = path.join(tempDir(), 'export');
    const started = Date.now();
    const report = await exportAll(w.core, out);
    const seconds = (Date.now() - started) / 1000;
    expect(report.tables.find((t) => t.name === 'timeline_entries')!.rows).toBe(await count(w.core, 'timeline_entries'));
    const text = fs.readFileSync(path.join(out, 'timeline_entries.csv'), 'utf8');
    expect(text.split('\r\n').length - 2).toBe(await count(w.core, 'timeline_entries')); // header and the final CRLF
    expect(text).toContain('"第 299999 条, ""备注"""');
    expect(seconds).toBeLessThan(20);
  });
});

describe('csvField', () => {
  it('quotes only what RFC 4180 requires and keeps NULL apart from empty text', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('张伟')).toBe('张伟');
    expect(csvField(42)).toBe('42');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(Buffer.from([1, 2, 255]))).toBe('AQL/');
  });
});

describe('export-all and spreadsheet formulas (issue 6 item 6)', () => {
  const FORMULA = '=HYPERLINK("http://x","y")';

  it('neutralises text starting with = + - @ tab or CR with an apostrophe, says so in the README, keeps numbers', async () => {
    const w = await demoWorld();
    const names = [FORMULA, '+SUM(1,2)', '-2+3', '@cmd', "'=already quoted", '王=小明', '普通名字'];
    for (const name of names) await ok(w.core, w.admin, 'org.groups.create', { name, description: '', leadEmployeeId: null });
    const out = path.join(tempDir(), 'export');
    await exportAll(w.core, out);
    const { rows } = readCsv(path.join(out, 'org_groups.csv'));
    const nameAt = rows[0]!.indexOf('name');
    const exported = rows.slice(1).map((r) => r[nameAt]!);
    expect(exported).toEqual(expect.arrayContaining([`'${FORMULA}`, "'+SUM(1,2)", "'-2+3", "'@cmd", "''=already quoted", '王=小明', '普通名字']));
    expect(exported.filter((v) => /^[-=+@\t\r]/.test(v))).toEqual([]);
    // Undoing it as the README says gives back exactly the stored names.
    expect(exported.map((v) => (/^'+[-=+@\t\r]/.test(v) ? v.slice(1) : v))).toEqual(expect.arrayContaining(names));
    // Tab and carriage return (which the forms trim away) and numbers, at the field level.
    expect(csvField('\tTAB')).toBe("'\tTAB");
    expect(csvField('\rCR')).toBe('"\'\rCR"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-5')).toBe("'-5");
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain('CSV injection');
    expect(readme).toContain('=HYPERLINK');
  });

  it('refuses to write through a link planted at a temporary .part name', async () => {
    const w = await demoWorld();
    const out = tempDir();
    const victim = path.join(tempDir(), 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.symlinkSync(victim, path.join(out, 'users.csv.part'));
    await expect(exportAll(w.core, out, { force: true })).rejects.toMatchObject({ reason: 'unsafePath' });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
  });
});
