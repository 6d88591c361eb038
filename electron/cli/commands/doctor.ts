import { runDoctor, type DoctorReport } from '../../core/maintenance/doctor.js';
import type { CommandSpec } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';
import { formatBytes, print, printJson, table } from '../output.js';
import { withCore } from '../session.js';

const CHECK_TITLES: Record<DoctorReport['checks'][number]['name'], string> = {
  integrity: 'Integrity (PRAGMA integrity_check)',
  foreignKeys: 'References (PRAGMA foreign_key_check)',
  schema: 'Schema version',
  pragmas: 'Durability settings (WAL, synchronous=FULL, foreign keys)',
};

function printSummary(report: DoctorReport): void {
  print(`OpsDesk ${report.appVersion} (SQLite ${report.sqliteVersion}), checked ${report.checkedAt}`);
  print(`Data folder: ${report.paths.dataDir}`);
  print(`Database:    ${report.paths.dbFile} (${formatBytes(report.sizes.dbBytes)}, WAL ${formatBytes(report.sizes.walBytes)})`);
  print(`Schema:      version ${report.schema.database} (this build: ${report.schema.code})`);
  print();
  for (const check of report.checks) {
    print(`${check.ok ? 'ok  ' : 'FAIL'}  ${CHECK_TITLES[check.name]}`);
    for (const line of check.details) print(`        ${line}`);
  }
  print();
  print('Rows per table:');
  print(table(Object.entries(report.counts).map(([name, n]) => [`  ${name}`, String(n)])));
  print();
  print(report.healthy ? 'Healthy.' : 'PROBLEMS FOUND: restore a backup or contact support before using this data folder.');
}

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'Checks the database and reports its health. Integrity, references, schema version, durability settings, rows per table and file sizes.',
  options: { json: { type: 'boolean', description: 'print the report as JSON' } },
  notes: ['Exit codes: 0 healthy, 1 problems found or the database cannot be opened, 2 bad arguments.'],
  async run(input) {
    const report = await withCore(input.dataDir, { mustExist: true }, runDoctor);
    if (input.flag('json')) printJson(report);
    else printSummary(report);
    return report.healthy ? EXIT_OK : EXIT_FAILED;
  },
};
