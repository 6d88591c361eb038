import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, it } from 'vitest';
import { call, countRows, hasStackTrace, initialisedDir, opsdesk, tempDir } from './support/cli.js';

interface ExportAllJson {
  outDir: string;
  tables: { name: string; file: string; rows: number; columns: number; omittedColumns: string[] }[];
  totalRows: number;
  readme: string;
}

const TRICKY = '王, "小" 明\n第二行';

describe.concurrent('opsdesk export-all', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await initialisedDir();
    const demo = await opsdesk(['--data-dir', dir, 'demo', '--password', 'Demo-pass-1']);
    if (demo.code !== 0) throw new Error(demo.stderr);
    const created = await call(dir, 'reminders.create', { title: TRICKY, dueAt: '2026-03-03T01:00:00.000Z' });
    if (created.code !== 0) throw new Error(created.stdout);
  });

  it('writes every table and the README, and prints a JSON report', async ({ expect }) => {
    const out = path.join(tempDir(), '导出 folder');
    const started = Date.now();
    const run = await opsdesk(['--data-dir', dir, 'export-all', out, '--json']);
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<ExportAllJson>();
    expect(report.outDir).toBe(out);
    expect(report.tables.length).toBeGreaterThan(10);
    for (const t of report.tables) {
      const rows = parse(fs.readFileSync(path.join(out, t.file)), { bom: true }) as string[][];
      expect(rows.length - 1, t.name).toBe(await countRows(dir, t.name));
      expect(t.rows).toBe(rows.length - 1);
    }
    expect(report.tables.find((t) => t.name === 'org_employees')!.rows).toBe(25);
    const reminders = parse(fs.readFileSync(path.join(out, 'reminders.csv')), { bom: true }) as string[][];
    expect(reminders.flat()).toContain(TRICKY);
    const readme = fs.readFileSync(report.readme, 'utf8');
    for (const t of report.tables) expect(readme).toContain(`### ${t.name}`);
    expect(seconds).toBeLessThan(20);
  });

  it('prints a summary by default, and refuses a non-empty folder unless --force', async ({ expect }) => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'notes.txt'), 'keep');
    const refused = await opsdesk(['--data-dir', dir, 'export-all', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(hasStackTrace(refused.stderr)).toBe(false);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);

    const forced = await opsdesk(['--data-dir', dir, 'export-all', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^\s+org_employees\.csv\s+25$/m);
    expect(forced.stdout).toMatch(/users\.csv\s+\d+\s+\(not exported: password_hash\)/);
    expect(forced.stdout).toContain(`to ${out}`);
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('keep');
  });

  it('exits 2 on bad arguments and 1 on a missing data folder, without a stack trace', async ({ expect }) => {
    const missingOut = await opsdesk(['--data-dir', dir, 'export-all']);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain('missing OUTDIR');
    const unknown = await opsdesk(['--data-dir', dir, 'export-all', tempDir(), '--zip']);
    expect(unknown.code).toBe(2);
    const noData = await opsdesk(['--data-dir', path.join(tempDir(), 'nothing'), 'export-all', tempDir()]);
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain('No OpsDesk database');
    for (const run of [missingOut, unknown, noData]) expect(hasStackTrace(run.stderr)).toBe(false);
    const help = await opsdesk(['export-all', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: opsdesk [--data-dir DIR] export-all OUTDIR [--force] [--json]');
  });
});
