import path from 'node:path';
import { exportAll, ExportAllError, type ExportAllReport } from '../../core/maintenance/export-all.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_OK } from '../errors.js';
import { print, printJson, table } from '../output.js';
import { withCore } from '../session.js';

function printSummary(report: ExportAllReport): void {
  print(table(report.tables.map((t) => [`  ${t.file}`, String(t.rows), t.omittedColumns.length ? `(not exported: ${t.omittedColumns.join(', ')})` : ''])));
  print();
  print(`Wrote ${report.tables.length} tables, ${report.totalRows} rows, to ${report.outDir}`);
  print(`Columns and conventions: ${report.readme}`);
}

/** Progress on a terminal only, one line rewritten in place (as the other long commands do). */
function progressLine(): { update(p: { table: string; rows: number; tableIndex: number; tableCount: number }): void; done(): void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  return {
    update: (p) => process.stderr.write(`\rtable ${p.tableIndex + 1}/${p.tableCount} ${p.table}: ${p.rows} rows\u001b[K`),
    done: () => process.stderr.write('\r\u001b[K'),
  };
}

export const exportAllCommand: CommandSpec = {
  name: 'export-all',
  summary:
    'Exports every table to OUTDIR/<table>.csv with OUTDIR/README.md describing the columns. UTF-8 CSV with BOM (opens in Excel), one consistent snapshot; password hashes are not exported.',
  positionals: [{ name: 'OUTDIR', description: 'the folder to write into (created if missing; must be empty unless --force)' }],
  options: {
    force: { type: 'boolean', description: 'write into a folder that already has files (same-name files are replaced)' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  notes: ['Reads the data folder directly: no user or password is needed, as with doctor.', 'Exit codes: 0 written, 1 refused or failed, 2 bad arguments.'],
  async run(input) {
    const outDir = path.resolve(input.positionals[0]!);
    const progress = progressLine();
    const report = await withCore(input.dataDir, { mustExist: true }, async (core) => {
      try {
        return await exportAll(core, outDir, { force: input.flag('force'), onProgress: progress.update });
      } catch (err) {
        if (err instanceof ExportAllError) throw new CliError(err.message);
        const code = (err as NodeJS.ErrnoException).code;
        if (code) throw new CliError(`cannot write to ${outDir}: ${code}`);
        throw err;
      } finally {
        progress.done();
      }
    });
    if (input.flag('json')) printJson(report);
    else printSummary(report);
    return EXIT_OK;
  },
};
